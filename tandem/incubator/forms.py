"""Forms of the incubator: shape only (types, lengths, choices, upload types); the rules are
in services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Role, User
from tandem.core.uploads import DOCUMENTS, PDF, TXT, XLSX, validate_upload
from tandem.core.validators import validate_single_line, validate_text
from tandem.core.widgets import DateInput
from tandem.directory.forms import AreasField
from tandem.directory.labels import disease_area_choices
from tandem.directory.models import Institute, Organization, RegionalOffice
from tandem.directory.queries import listed_organizations
from tandem.directory.widgets import AreaChooser
from tandem.incubator.models import (
    EntryKind,
    PostKind,
    ProjectStage,
    Resource,
    ResourceKind,
    ResourceLanguage,
    ResourceVisibility,
    SupportKind,
    SupportStatus,
)

# What the library and the timelines accept: documents, spreadsheets and plain text.
LIBRARY_FILES = (*DOCUMENTS, XLSX, TXT)
DATE = DateInput()


class UploadMixin:
    """`file_kind` is the checked kind of the form's `file` (set by clean_file)."""

    allowed: tuple[Any, ...] = LIBRARY_FILES
    file_kind = ""
    cleaned_data: dict[str, Any]

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload:
            self.file_kind = validate_upload(upload, allowed=self.allowed)
        return upload


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, validators=[validate_single_line])
    question = forms.CharField(
        label=_("Research question"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        validators=[validate_text],
        help_text=_("What do you want to find out, in plain words?"),
    )
    why_it_matters = forms.CharField(
        label=_("Why it matters to patients"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        validators=[validate_text],
    )
    disease_areas = AreasField(
        label=_("Disease areas"),
        required=False,
        widget=AreaChooser,
    )
    organizations = forms.ModelMultipleChoiceField(
        label=_("Your organizations involved"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    help_needed = forms.MultipleChoiceField(
        label=_("Help you need from the incubator"),
        choices=SupportKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas = self.fields["disease_areas"]
        assert isinstance(areas, AreasField)
        areas.choices = disease_area_choices()
        organizations = self.fields["organizations"]
        assert isinstance(organizations, forms.ModelMultipleChoiceField)
        organizations.queryset = Organization.objects.filter(memberships__user=user)
        if not organizations.queryset.exists():
            del self.fields["organizations"]


class ProjectDetailsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, validators=[validate_single_line])
    question = forms.CharField(
        label=_("Research question"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    why_it_matters = forms.CharField(
        label=_("Why it matters to patients"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
    purpose = forms.CharField(
        label=_("Purpose of the partnership"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )
    duration_months = forms.IntegerField(
        label=_("Duration (months)"), min_value=1, max_value=240, required=False
    )
    data_handling = forms.CharField(
        label=_("Data: what is collected and who holds it"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )
    publication = forms.CharField(
        label=_("Publication of the results"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )
    volunteer_compensation = forms.CharField(
        label=_("Compensation of volunteers"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )
    public_summary = forms.CharField(
        label=_("Summary for the public"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField) and name in data:
                try:
                    validate_text(data[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return data


class FollowUpForm(forms.Form):
    """The officer's settings of a project: who follows it and where it belongs."""

    officer = forms.ModelChoiceField(
        label=_("Officer"), queryset=User.objects.none(), required=False
    )
    institute = forms.ModelChoiceField(
        label=_("Theme-based institute"), queryset=Institute.objects.all(), required=False
    )
    regional_office = forms.ModelChoiceField(
        label=_("Regional office"), queryset=RegionalOffice.objects.all(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        officer = self.fields["officer"]
        assert isinstance(officer, forms.ModelChoiceField)
        officer.queryset = User.objects.filter(role_assignments__role=Role.OFFICER, is_active=True)


class MoveForm(forms.Form):
    to = forms.ChoiceField(label=_("Move to the stage"), choices=ProjectStage.choices)

    def __init__(self, *args: Any, targets: frozenset[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if targets is not None:
            to = self.fields["to"]
            assert isinstance(to, forms.ChoiceField)
            to.choices = [(c, label) for c, label in ProjectStage.choices if c in targets]

    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[validate_text],
    )
    confirm = forms.BooleanField(
        label=_("Move on even though the checklist is not complete"), required=False
    )


class ChecklistForm(forms.Form):
    done = forms.MultipleChoiceField(
        label=_("Done"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, items: tuple[tuple[str, Any], ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["done"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = list(items)


class TimelineForm(UploadMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(k, v) for k, v in EntryKind.choices if k != EntryKind.STAGE],
    )
    text = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_text],
    )
    file = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_("PDF, Word, OpenDocument, Excel or plain text."),
    )


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200, validators=[validate_single_line])
    due_on = forms.DateField(label=_("Due on"), widget=DATE)


class PartnerForm(forms.Form):
    # The matching suggests listed organizations only: an unlisted one cannot be involved here.
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=listed_organizations(), widget=forms.HiddenInput
    )


class ResearcherForm(forms.Form):
    # Prefixed: the project's page also holds the contribution form, with its own e-mail box.
    prefix = "researcher"
    email = forms.EmailField(label=_("Researcher's email address"))


class SuggestedResearcherForm(forms.Form):
    """A researcher the project's page suggests, involved in one click: sent by their id (the
    address they sign in with stays private)."""

    prefix = "researcher"
    person = forms.ModelChoiceField(
        label=_("Researcher"),
        queryset=User.objects.filter(researcher_profile__isnull=False, is_active=True),
        widget=forms.HiddenInput,
    )


class ContributionForm(forms.Form):
    prefix = "contribution"
    email = forms.EmailField(label=_("Volunteer's email address"))
    role = forms.CharField(label=_("Role"), max_length=120, validators=[validate_single_line])
    hours = forms.DecimalField(label=_("Hours"), min_value=0.5, max_value=1000, decimal_places=1)
    on = forms.DateField(label=_("Date"), widget=DATE)


class SupportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of help"), choices=SupportKind.choices)
    subject = forms.CharField(label=_("Subject"), max_length=200, validators=[validate_single_line])
    description = forms.CharField(
        label=_("What you need"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        validators=[validate_text],
    )
    due_on = forms.DateField(label=_("Needed by (optional)"), required=False, widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The error summary names the date without "(optional)": it is the one that is wrong.
        self.fields["due_on"].error_name = _("Needed by")  # type: ignore[attr-defined]


class SupportMoveForm(forms.Form):
    to = forms.ChoiceField(label=_("New status"), choices=SupportStatus.choices)

    def __init__(self, *args: Any, targets: frozenset[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if targets is not None:
            to = self.fields["to"]
            assert isinstance(to, forms.ChoiceField)
            to.choices = [(c, label) for c, label in SupportStatus.choices if c in targets]

    note = forms.CharField(
        label=_("Note (optional)"), required=False, max_length=500, validators=[validate_text]
    )


class SupportAssignForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none())
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = User.objects.filter(role_assignments__role=Role.OFFICER, is_active=True)


class LibrarySearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ResourceKind.choices]
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("All languages")), ("fr", _("French")), ("en", _("English"))],
    )


class ResourceForm(UploadMixin, forms.ModelForm):
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, Word, OpenDocument, Excel or plain text.")
    )
    change_note = forms.CharField(
        label=_("Note on this version"),
        required=False,
        max_length=2000,
        validators=[validate_text],
    )

    class Meta:
        model = Resource
        fields = ["title", "summary", "kind", "language", "visibility"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == ResourceKind.AGREEMENT_TEMPLATE and self.file_kind not in (
            "",
            "docx",
        ):
            self.add_error("file", _("An agreement template must be a Word (DOCX) file."))
        return data


class ResourceEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, validators=[validate_single_line])
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_text],
    )
    language = forms.ChoiceField(label=_("Language"), choices=ResourceLanguage.choices)
    visibility = forms.ChoiceField(label=_("Who can see it"), choices=ResourceVisibility.choices)


class VersionForm(UploadMixin, forms.Form):
    file = forms.FileField(label=_("New file"))
    change_note = forms.CharField(
        label=_("What changed"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_text],
    )


class GenerateForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Agreement template"), queryset=Resource.objects.none()
    )
    language = forms.ChoiceField(
        label=_("Language of the agreement"), choices=[("fr", _("French")), ("en", _("English"))]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        template = self.fields["template"]
        assert isinstance(template, forms.ModelChoiceField)
        template.queryset = Resource.objects.filter(
            kind=ResourceKind.AGREEMENT_TEMPLATE, latest__isnull=False
        )


class SignatureForm(forms.Form):
    party = forms.CharField(label=_("Party"), max_length=200, validators=[validate_single_line])
    signatory = forms.CharField(
        label=_("Signed by"), max_length=200, validators=[validate_single_line]
    )
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE)


class SignedCopyForm(UploadMixin, forms.Form):
    allowed = (PDF,)
    file = forms.FileField(label=_("Signed copy (PDF)"))


class WorkingGroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, validators=[validate_single_line])
    purpose = forms.CharField(
        label=_("Purpose"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        validators=[validate_text],
    )
    coordinator_email = forms.EmailField(label=_("Coordinator's email address"))
    is_public = forms.BooleanField(label=_("Show the group on the public page"), required=False)


class MemberForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the person to add"))


class PostForm(UploadMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PostKind.choices)
    text = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_text],
    )
    file = forms.FileField(label=_("Document"), required=False)
