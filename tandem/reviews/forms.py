"""Forms check shape; services enforce rules (STYLE.md 9)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Language, User
from tandem.checks.models import StudyCategory
from tandem.core.uploads import DOCUMENTS, file_size, validate_upload
from tandem.core.validators import validate_single_line
from tandem.core.widgets import DateInput, UncutTextInput
from tandem.directory.models import DiseaseArea, Organization, OrganizationStatus
from tandem.directory.widgets import AreaChooser, OrganizationChooser
from tandem.reviews.conf import setting
from tandem.reviews.models import (
    CRITERIA,
    SCORE_LABELS,
    AnchoredComment,
    AnswerState,
    CommentKind,
    DocumentKind,
    Outcome,
    ReviewerProfile,
    Severity,
)


def _file_help() -> str:
    return str(
        _("Word (DOCX), OpenDocument (ODT) or PDF with text; at most %(size)s.")
        % {"size": file_size(settings.UPLOAD_MAX_BYTES)}
    )


def _check_upload(upload: Any) -> Any:
    if upload:
        validate_upload(upload, allowed=DOCUMENTS)
    return upload


class AreaChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.indent}{obj.name}"


def _areas() -> AreaChoiceField:
    return AreaChoiceField(
        label=_("Disease areas"),
        queryset=DiseaseArea.objects.all(),
        required=False,
        widget=AreaChooser,
    )


def _organizations(label: Any, help_text: Any = "") -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Organization.objects.filter(status=OrganizationStatus.ACTIVE),
        required=False,
        widget=OrganizationChooser,
        help_text=help_text,
    )


class RequestForm(forms.Form):
    title = forms.CharField(
        label=_("Study title"),
        max_length=300,
        validators=[validate_single_line],
        widget=UncutTextInput,
    )
    acronym = forms.CharField(
        label=_("Acronym"), max_length=40, required=False, validators=[validate_single_line]
    )
    category = forms.ChoiceField(
        label=_("Study category"),
        choices=StudyCategory.choices,
        help_text=_("It decides which required elements the checklist looks for."),
    )
    language = forms.ChoiceField(label=_("Language of the documents"), choices=Language.choices)
    sponsor_reference = forms.CharField(
        label=_("Sponsor reference"),
        max_length=100,
        required=False,
        validators=[validate_single_line],
    )
    planned_submission_on = forms.DateField(
        label=_("Planned submission to the ethics committee"), required=False, widget=DateInput
    )
    reviewers_wanted = forms.IntegerField(
        label=_("Reviewers wanted"), min_value=1, max_value=10, initial=3
    )
    delegates = forms.CharField(
        label=_("Delegates (email addresses)"),
        required=False,
        help_text=_("Colleagues who may follow and answer for this request; separated by commas."),
    )
    protocol_summary = forms.FileField(label=DocumentKind.PROTOCOL_SUMMARY.label, required=False)
    leaflet = forms.FileField(label=DocumentKind.LEAFLET.label, required=False)
    consent = forms.FileField(label=DocumentKind.CONSENT.label, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["disease_areas"] = _areas()
        self.fields["organizations"] = _organizations(
            _("Organizations involved in the study"),
            _("Their members will not be asked to review (conflict of interest)."),
        )
        for name in ("protocol_summary", "leaflet", "consent"):
            self.fields[name].help_text = _file_help()
        # Keep the documents last.
        self.order_fields(
            [
                "title",
                "acronym",
                "category",
                "language",
                "disease_areas",
                "sponsor_reference",
                "planned_submission_on",
                "organizations",
                "reviewers_wanted",
                "delegates",
            ]
        )

    def clean_protocol_summary(self) -> Any:
        return _check_upload(self.cleaned_data.get("protocol_summary"))

    def clean_leaflet(self) -> Any:
        return _check_upload(self.cleaned_data.get("leaflet"))

    def clean_consent(self) -> Any:
        return _check_upload(self.cleaned_data.get("consent"))

    def clean_planned_submission_on(self) -> Any:
        value = self.cleaned_data.get("planned_submission_on")
        if value and value < timezone.localdate():
            raise ValidationError(_("This date is in the past. Give a date to come."), code="past")
        return value

    def clean_delegates(self) -> list[User]:
        emails = [
            e.strip().lower()
            for e in self.cleaned_data.get("delegates", "").split(",")
            if e.strip()
        ]
        people = list(User.objects.filter(email__in=emails, is_active=True))
        unknown = sorted(set(emails) - {p.email for p in people})
        if unknown:
            raise ValidationError(
                _("No account uses these addresses: %(emails)s.") % {"emails": ", ".join(unknown)}
            )
        return people


class EditRequestForm(RequestForm):
    """The request's own fields, corrected before the College takes it (documents are uploaded
    as versions, delegates are kept)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("protocol_summary", "leaflet", "consent", "delegates"):
            del self.fields[name]


class RequestPageForm(forms.Form):
    """A form of a request's page, which holds several (triage, closing, a new round…): its
    element ids carry its own name, so that two forms' fields of one name (`note`) differ and
    each label points to its own field. The fields' names, which the views read, stay."""

    id_name = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_{self.id_name}_%s")
        super().__init__(*args, **kwargs)


class UploadForm(RequestPageForm):
    id_name = "upload"
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("File"))
    start_revision = forms.BooleanField(
        label=_("I start the revision of the request with this version"),
        required=False,
        help_text=_("The report is sent: a new version starts the revision."),
    )

    def __init__(self, *args: Any, revision: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _file_help()
        if not revision:  # asked only once the report is sent
            del self.fields["start_revision"]

    def clean_file(self) -> Any:
        return _check_upload(self.cleaned_data.get("file"))


class TriageForm(RequestPageForm):
    id_name = "triage"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("accept", _("Accept for review")),
            ("missing", _("Ask for missing documents")),
            ("decline", _("Decline")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a decision.")},
    )
    note = forms.CharField(
        label=_("Message to the researcher"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to ask for documents or to decline."),
    )


class AssignForm(forms.Form):
    deadline = forms.DateField(label=_("Deadline for reviews"), widget=DateInput)
    # The round as the page showed it (empty: none): assigning after another coordinator
    # opened or changed it is refused (services.assign_reviewers, `seen_round`).
    seen_round = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, candidates: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewers"] = forms.TypedMultipleChoiceField(
            label=_("Reviewers"),
            choices=candidates,
            coerce=int,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["alternates"] = forms.TypedMultipleChoiceField(
            label=_("Alternates (in this order)"),
            choices=candidates,
            coerce=int,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        if not self.is_bound and "deadline" not in self.initial:
            self.initial["deadline"] = timezone.localdate() + dt.timedelta(
                days=setting("REVIEWS_REVIEW_DAYS")
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("reviewers") and not data.get("alternates"):
            raise ValidationError(_("Choose at least one reviewer."), code="empty")
        if set(data.get("reviewers") or ()) & set(data.get("alternates") or ()):
            raise ValidationError(
                _("A person cannot be both a reviewer and an alternate."), code="both"
            )
        return data


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you decline?"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class GridForm(forms.Form):
    burden_suggestions = forms.CharField(
        label=_("Suggestions about the burden of the protocol"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Too many visits, exams or trips? What would make taking part easier?"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, forms.Field] = {}
        for criterion in CRITERIA:
            fields[f"{criterion}_score"] = forms.TypedChoiceField(
                label=_("%(criterion)s: score") % {"criterion": criterion.label},
                choices=[("", _("Not scored yet")), *SCORE_LABELS.items()],
                coerce=int,
                empty_value=None,
                required=False,
            )
            fields[f"{criterion}_comment"] = forms.CharField(
                label=_("%(criterion)s: comment") % {"criterion": criterion.label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        fields["burden_suggestions"] = self.fields.pop("burden_suggestions")
        self.fields.update(fields)


class CommentForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    quote = forms.CharField(
        label=_("Passage you comment on"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
        help_text=_("Select it in the text, or copy and paste it here exactly."),
    )
    comment = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}))
    # Not required: a comment sent without them (an older page, a script) gets the defaults.
    kind = forms.ChoiceField(
        label=_("Kind of remark"),
        choices=CommentKind.choices,
        initial=CommentKind.UNCLEAR,
        required=False,
    )
    severity = forms.ChoiceField(
        label=_("Severity"), choices=Severity.choices, initial=Severity.IMPORTANT, required=False
    )
    suggestion = forms.CharField(
        label=_("Suggested rewording"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReportForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for criterion in CRITERIA:
            self.fields[f"{criterion}_text"] = forms.CharField(
                label=criterion.label, required=False, widget=forms.Textarea(attrs={"rows": 6})
            )
        self.fields["burden_text"] = forms.CharField(
            label=_("Burden of the protocol for participants"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 4}),
        )


class AnswerForm(RequestPageForm):
    """The team's answer to one comment: one such form per comment on the page, each named
    after its comment (`answer_<pk>`), and filled with the answer already given."""

    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            (AnswerState.ACCEPTED, _("Taken into account")),
            (AnswerState.REJECTED, _("Not taken into account")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an answer.")},
    )
    reason = forms.CharField(
        label=_("Reason (required if not taken into account)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, comment: AnchoredComment, **kwargs: Any) -> None:
        self.id_name = f"answer_{comment.pk}"
        if comment.answer != AnswerState.PENDING:
            kwargs.setdefault(
                "initial", {"answer": comment.answer, "reason": comment.answer_reason}
            )
        super().__init__(*args, **kwargs)


class NewRoundForm(RequestPageForm):
    id_name = "round"
    deadline = forms.DateField(
        label=_("Deadline for reviews"),
        widget=DateInput,
        error_messages={
            "required": _("Give a valid deadline."),
            "invalid": _("Give a valid deadline."),
        },
    )


class ConsolidateForm(RequestPageForm):
    id_name = "consolidate"
    force = forms.BooleanField(label=_("Even if some reviews are missing"), required=False)


class WithdrawForm(RequestPageForm):
    id_name = "withdraw"
    reason = forms.CharField(
        label=_("Why do you withdraw the request?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The coordinators and the reviewers are told, with this reason."),
        error_messages={"required": _("Say why the request is withdrawn.")},
    )


class CloseForm(RequestPageForm):
    id_name = "close"
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=Outcome.choices,
        error_messages={"required": _("Choose an outcome.")},
    )
    note = forms.CharField(
        label=_("Outcome or reason, in words"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Required when the request ends before its report: everyone involved reads it."
        ),
    )


class ApplicationForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Your organization"), queryset=Organization.objects.none()
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you read"), choices=Language.choices, widget=forms.CheckboxSelectMultiple
    )
    max_open_reviews = forms.IntegerField(
        label=_("How many reviews at a time, at most?"), min_value=1, max_value=20, initial=2
    )
    declared_conflicts = forms.CharField(
        label=_("Conflicts of interest to declare"),
        required=False,
        # Several lines in view (one a link): two were a sliver on a phone.
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Sponsors, laboratories or people you have links with; one per line."),
    )
    motivation = forms.CharField(
        label=_("Why do you want to join?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(memberships__user=user)  # type: ignore[attr-defined]
        self.fields["disease_areas"] = _areas()


class ProfileForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages read"), choices=Language.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ReviewerProfile
        fields = [
            "organization",
            "languages",
            "disease_areas",
            "training_completed_on",
            "max_open_reviews",
            "conflict_organizations",
            "declared_conflicts",
            "show_name_to_researchers",
        ]
        widgets = {
            "training_completed_on": DateInput,
            "disease_areas": AreaChooser,
            "conflict_organizations": OrganizationChooser,
        }


class MyProfileForm(forms.ModelForm):
    """What a reviewer decides for themselves: languages, areas, load, conflicts, and whether
    researchers may see their name in the reports."""

    languages = forms.MultipleChoiceField(
        label=_("Languages I read"), choices=Language.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ReviewerProfile
        fields = [
            "languages",
            "disease_areas",
            "max_open_reviews",
            "declared_conflicts",
            "show_name_to_researchers",
        ]
        widgets = {"disease_areas": AreaChooser}


class InviteReviewerForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the person"))
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.all(), required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages read"), choices=Language.choices, widget=forms.CheckboxSelectMultiple
    )
    training_completed_on = forms.DateField(
        label=_("Training completed on"), required=False, widget=DateInput
    )

    def clean_email(self) -> User:
        user = User.objects.filter(email=self.cleaned_data["email"].lower(), is_active=True).first()
        if user is None:
            raise ValidationError(
                _("No account uses this address. Invite the person to Tandem first.")
            )
        return user


class UnavailabilityForm(forms.Form):
    start = forms.DateField(label=_("Away from"), widget=DateInput)
    end = forms.DateField(label=_("until"), widget=DateInput)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=200, validators=[validate_single_line]
    )
