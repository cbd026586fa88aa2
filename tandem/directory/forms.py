from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Language, User
from tandem.core.uploads import CSV, PDF, TXT, XLSX, validate_upload
from tandem.core.widgets import DateInput
from tandem.directory import validators
from tandem.directory.labels import area_labels, disease_area_choices, disease_area_names
from tandem.directory.models import (
    Approval,
    DiseaseArea,
    HealthInformation,
    HealthRelation,
    Institute,
    MembershipRole,
    Organization,
    OrganizationKind,
    OrganizationStatus,
    Region,
    RegionalOffice,
    ResearcherProfile,
    ResearchUnit,
)
from tandem.directory.reference_data import AREA_FIELDS, REFERENCE_FIELDS, people_by_email
from tandem.directory.search import OrganizationFilters
from tandem.directory.services import (
    IDENTIFIERS,
    PARTNERSHIP_FIELDS,
    PROFILE_FIELDS,
    find_duplicate,
)
from tandem.directory.widgets import AreaChooser


class AreaSelect(forms.Select):
    """The disease-area filter: the tree's choices come from the cache (labels) when it is
    written, after a blank option labelled `blank`. One template loop writes the ~120 options
    (Django's select writes each through its own template: most of the directory's page time)."""

    template_name = "directory/widgets/area_select.html"

    def __init__(self, blank: Any, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.blank = blank

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        chosen = (context["widget"]["value"] or [""])[0]
        context["widget"]["blank"] = self.blank
        context["widget"]["areas"] = area_labels().choices
        context["widget"]["chosen"] = int(chosen) if str(chosen).isdigit() else None
        return context


def _blank(label: Any) -> list[tuple[str, Any]]:
    return [("", label)]


class AreaFilterField(forms.TypedChoiceField):
    """One disease area, or none. Valid values are checked against the cached area names:
    the 120 choices are not copied into every form (AreaSelect writes the options)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(coerce=int, empty_value=None, required=False, **kwargs)

    def valid_value(self, value: Any) -> bool:
        try:
            return int(value) in disease_area_names()
        except (TypeError, ValueError):
            return False


class SearchForm(forms.Form):
    """The directory's search box and filters (directory/_search_form.html writes them)."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.SearchInput,
        help_text=_("A name, an acronym, a disease, a city — in French or English."),
    )
    disease_area = AreaFilterField(
        label=_("Disease area"), widget=AreaSelect(blank=_("All disease areas"))
    )
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        choices=_blank(_("All regions")) + Region.choices,
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=_blank(_("All kinds")) + OrganizationKind.choices,
    )
    approval = forms.ChoiceField(
        label=_("Approval"),
        required=False,
        choices=_blank(_("Any approval")) + Approval.choices,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=_blank(_("Any status")) + OrganizationStatus.choices,
    )

    def __init__(self, *args: Any, show_status: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.show_status = show_status
        if not show_status:
            del self.fields["status"]

    def filter_fields(self) -> list[forms.BoundField]:
        """Every filter but the search box."""
        return [self[name] for name in self.fields if name != "q"]

    def filters(self) -> OrganizationFilters:
        data = self.cleaned_data if self.is_valid() else {}
        area_id = data.get("disease_area")
        # The area's path comes from the cached names (no query): filters need only id and path.
        known = disease_area_names().get(area_id) if area_id else None
        area = DiseaseArea(pk=area_id, path=known[0]) if known else None
        return OrganizationFilters(
            disease_area=area,
            region=data.get("region", ""),
            kind=data.get("kind", ""),
            approval=data.get("approval", ""),
            status=data.get("status", ""),
        )

    @property
    def query(self) -> str:
        return self.cleaned_data.get("q", "") if self.is_valid() else ""


class _SharedFields(dict[str, forms.Field]):
    """A form's fields, copied shallowly into each instance instead of deeply: the search
    form's fields, widgets and choices are never changed per request, and copying the choices
    and their lazy labels deeply was half of the form's time on the directory's busiest page."""

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, forms.Field]:
        return {name: copy.copy(field) for name, field in self.items()}


SearchForm.base_fields = _SharedFields(SearchForm.base_fields)


class AreasField(forms.TypedMultipleChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(coerce=int, **kwargs)

    def areas(self, ids: list[int]) -> list[DiseaseArea]:
        return list(DiseaseArea.objects.filter(pk__in=ids))


class OrganizationForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    disease_area_ids = AreasField(
        label=_("Disease areas"),
        required=False,
        widget=AreaChooser,
        help_text=_("Tick one or more areas."),
    )

    OFFICER_FIELDS = (
        "partnership_status",
        "partnership_since",
        "agreement_start",
        "agreement_end",
        "agreement_document",
    )

    class Meta:
        model = Organization
        fields = [*PROFILE_FIELDS, "is_public", *PARTNERSHIP_FIELDS]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "address": forms.Textarea(attrs={"rows": 3}),
            "approval_end": DateInput(),
            "partnership_since": DateInput(),
            "agreement_start": DateInput(),
            "agreement_end": DateInput(),
        }

    def __init__(self, *args: Any, officer: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas_field = self.fields["disease_area_ids"]
        assert isinstance(areas_field, AreasField)
        areas_field.choices = disease_area_choices()
        if self.instance.pk:
            self.initial["disease_area_ids"] = list(
                self.instance.disease_areas.values_list("pk", flat=True)
            )
        for name in IDENTIFIERS:
            # People type spaces and dots: the length is checked once they are removed.
            field = self.fields[name]
            assert isinstance(field, forms.CharField)
            field.max_length = None
            field.validators = [
                v for v in field.validators if not isinstance(v, MaxLengthValidator)
            ]
            field.widget.attrs.pop("maxlength", None)
        if not officer:
            for name in self.OFFICER_FIELDS:
                del self.fields[name]

    def _get_validation_exclusions(self) -> set[str]:
        # The identifiers are validated in clean_<field> below, with a clearer message and a link
        # to the organization that already holds them, instead of a bare constraint error.
        # Private Django API, absent from django-stubs.
        exclusions: set[str] = super()._get_validation_exclusions()  # type: ignore[misc]
        return exclusions | set(IDENTIFIERS)

    def _clean_identifier(self, field: str, validator: Any) -> str:
        value = validators.compact(self.cleaned_data.get(field, ""))
        if not value:
            return ""
        validator(value)
        found = find_duplicate(**{field: value}, exclude=self.instance)
        if found is not None:
            _field, existing = found
            raise ValidationError(
                render_to_string(
                    "directory/_duplicate_error.html",
                    {
                        "message": _("This number already belongs to another organization:"),
                        "url": existing.get_absolute_url(),
                        "link": existing.name,
                    },
                ),
                code="duplicate",
            )
        return value

    def clean_rna(self) -> str:
        return self._clean_identifier("rna", validators.validate_rna)

    def clean_siren(self) -> str:
        return self._clean_identifier("siren", validators.validate_siren)

    def clean_siret(self) -> str:
        return self._clean_identifier("siret", validators.validate_siret)

    def clean_agreement_document(self) -> Any:
        upload = self.cleaned_data.get("agreement_document")
        if upload and hasattr(upload, "content_type"):
            validate_upload(upload, allowed=(PDF,))
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        if data.get("approval") in (Approval.REGIONAL, Approval.NATIONAL) and not data.get(
            "approval_end"
        ):
            self.add_error(
                "approval_end", _("Give the end date of the approval (approvals last five years).")
            )
        start, end = data.get("agreement_start"), data.get("agreement_end")
        if start and end and end < start:
            self.add_error("agreement_end", _("The end date comes before the start date."))
        siren, siret = data.get("siren"), data.get("siret")
        if siren and siret and not siret.startswith(siren):
            self.add_error("siret", _("A SIRET starts with the organization's SIREN."))
        return data

    def profile_fields(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "disease_area_ids"}

    def disease_areas(self) -> list[DiseaseArea]:
        return list(
            DiseaseArea.objects.filter(pk__in=self.cleaned_data.get("disease_area_ids") or [])
        )


class AddMemberForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of the person"),
        help_text=_(
            "A person who has no Tandem account yet receives an invitation by email and "
            "becomes a member when they accept it."
        ),
    )
    role = forms.ChoiceField(
        label=_("Role in the organization"),
        choices=MembershipRole.choices,
        initial=MembershipRole.MEMBER,  # administrator only when chosen
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation email"), choices=Language.choices
    )


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=_("Keep this organization"),
        queryset=Organization.objects.none(),
        help_text=_("The duplicate's members, disease areas and past partnerships move to it."),
    )

    def __init__(self, *args: Any, duplicate: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        into = self.fields["into"]
        assert isinstance(into, forms.ModelChoiceField)
        into.queryset = (
            Organization.objects.exclude(pk=duplicate.pk)
            .exclude(status=OrganizationStatus.ARCHIVED)
            .only("id", "name", "acronym")
        )


class ResearcherProfileForm(forms.ModelForm):
    disease_area_ids = AreasField(
        label=_("Disease areas"),
        required=False,
        widget=AreaChooser,
        help_text=_("Tick one or more areas."),
    )

    class Meta:
        model = ResearcherProfile
        fields = ["unit", "keywords", "orcid", "contact_email"]
        widgets = {"keywords": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas_field = self.fields["disease_area_ids"]
        assert isinstance(areas_field, AreasField)
        areas_field.choices = disease_area_choices()
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = ResearchUnit.objects.only("id", "code", "name")
        if self.instance.pk:
            self.initial["disease_area_ids"] = list(
                self.instance.disease_areas.values_list("pk", flat=True)
            )

    def clean_orcid(self) -> str:
        value = validators.normalize_orcid(self.cleaned_data.get("orcid", ""))
        if value:
            validators.validate_orcid(value)
        return value

    def disease_areas(self) -> list[DiseaseArea]:
        return list(
            DiseaseArea.objects.filter(pk__in=self.cleaned_data.get("disease_area_ids") or [])
        )


class TopicForm(forms.Form):
    text = forms.CharField(
        label=_("Your topic"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A few words or sentences, in French or English."),
    )
    disease_area_ids = AreasField(
        label=_("Disease areas"),
        required=False,
        widget=AreaChooser,
        help_text=_("Tick one or more areas."),
    )
    region = forms.ChoiceField(
        label=_("Region (optional)"), required=False, choices=_blank(_("Anywhere")) + Region.choices
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas_field = self.fields["disease_area_ids"]
        assert isinstance(areas_field, AreasField)
        areas_field.choices = disease_area_choices()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        if not data.get("text", "").strip() and not data.get("disease_area_ids"):
            raise ValidationError(_("Describe your topic or choose at least one disease area."))
        return data


class IndentedAreaChoiceField(forms.ModelChoiceField):
    """Disease areas labelled with their depth in the tree."""

    def label_from_instance(self, obj: Any) -> str:
        return "\u2003" * obj.depth + obj.label


class _Offered(forms.models.ModelChoiceIterator):
    """A model choice field's options drawn from another queryset than the one it accepts."""

    def __init__(self, field: forms.ModelChoiceField, queryset: Any) -> None:
        super().__init__(field)
        self.queryset = queryset


class DiseaseAreaForm(forms.ModelForm):
    """A disease area's form: it checks what was typed and hands it to
    `reference_data.save_disease_area` (`changes`), which locks, moves and logs."""

    class Meta:
        model = DiseaseArea
        fields = ["name_fr", "name_en", "synonyms", "code_system", "code", "parent"]
        field_classes = {"parent": IndentedAreaChoiceField}
        widgets = {"synonyms": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        assert isinstance(parent, forms.ModelChoiceField)
        parent.queryset = DiseaseArea.objects.order_by("sort_key", "path")
        if self.instance.pk is not None:
            # Not offered: the area itself and its descendants (a cycle). Still accepted by
            # the field, so that a choice that became one meanwhile gets the service's own
            # refusal (`cycle`), which says why.
            offered = parent.queryset.exclude(path__startswith=self.instance.path)
            parent.widget.choices = _Offered(parent, offered)

    def changes(self) -> dict[str, Any]:
        return {"fields": {name: self.cleaned_data[name] for name in AREA_FIELDS}}


class StaffField(forms.CharField):
    """An institute's or an office's staff, typed as e-mail addresses (one a line, or
    separated by commas): a list of thousands of accounts cannot be a usable select."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs: Any) -> None:
        for given_by_the_model in ("queryset", "limit_choices_to", "blank"):
            kwargs.pop(given_by_the_model, None)
        kwargs.update(
            required=False,
            label=_("Staff"),
            help_text=_(
                "The e-mail addresses of its staff, one a line. They see the participatory "
                "projects linked to it and can follow them."
            ),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return "\n".join(sorted(getattr(p, "email", str(p)) for p in value))
        return value

    def clean(self, value: Any) -> list[User]:
        text = super().clean(value) or ""
        people, unknown = people_by_email(text.replace(",", "\n").split())
        if unknown:
            raise ValidationError(
                _("No account uses these addresses: %(emails)s.") % {"emails": ", ".join(unknown)},
                code="unknown_email",
            )
        return people


class ReferenceForm(forms.ModelForm):
    """An institute's, an office's or a unit's form: it checks what was typed and hands it to
    `reference_data.save_reference`, which writes it all in one transaction (`changes`)."""

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        given: dict[str, Any] = {
            "fields": {name: data[name] for name in REFERENCE_FIELDS[self._meta.model]}
        }
        for many in ("staff", "institutes"):
            if many in self.fields:
                given[many] = list(data[many])
        return given


class InstituteForm(ReferenceForm):
    class Meta:
        model = Institute
        fields = ["name_fr", "name_en", "acronym", "staff"]
        field_classes = {"staff": StaffField}


class RegionalOfficeForm(ReferenceForm):
    class Meta:
        model = RegionalOffice
        fields = ["name", "city", "region", "staff"]
        field_classes = {"staff": StaffField}


class ResearchUnitForm(ReferenceForm):
    class Meta:
        model = ResearchUnit
        fields = ["code", "name", "institutes", "regional_office", "city", "director"]
        widgets = {"institutes": forms.CheckboxSelectMultiple}

    def clean_code(self) -> str:
        return validators.unit_code(self.cleaned_data["code"])


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("The columns of the export; the first row holds their names."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        kind = validate_upload(upload, allowed=(CSV, TXT, XLSX), max_bytes=10 * 1024 * 1024)
        # A CSV file is plain text to the content sniffer.
        self.kind = "xlsx" if kind == "xlsx" else "csv"
        return upload


class HealthInformationForm(forms.Form):
    """A person's own disease areas: untick one to remove it, choose one to add with the
    person's link to it, and consent the first time. Checks shape; the service (health.py)
    enforces consent and who may save."""

    keep = forms.MultipleChoiceField(
        label=_("The disease areas you gave"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Untick a disease area to delete it."),
    )
    disease_area = AreaFilterField(
        label=_("Add a disease area"),
        widget=AreaSelect(blank=_("Choose a disease area")),
        help_text=_("Optional. You can add several, one at a time."),
    )
    relation = forms.ChoiceField(
        label=_("Your link with this disease area"),
        required=False,
        choices=HealthRelation.choices,
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that Tandem stores the disease areas I give here, to invite me to projects and meetings about them. Only I can see them, and I can delete them at any time."
        ),
        required=False,
    )

    def __init__(
        self, *args: Any, information: HealthInformation | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        keep = self.fields["keep"]
        assert isinstance(keep, forms.MultipleChoiceField)
        if information is None:
            del self.fields["keep"]
        else:
            # Consent was given when the information was first stored: it stays until withdrawn.
            del self.fields["consent"]
            keep.choices = [
                (
                    f"{c.disease_area_id}:{c.relation}",
                    f"{c.disease_area.name} — {c.get_relation_display()}",
                )
                for c in information.conditions.all()
            ]
            self.initial.setdefault("keep", [value for value, _label in keep.choices])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        area, relation = data.get("disease_area"), data.get("relation")
        if area and not relation:
            self.add_error(
                "relation",
                _("Say whether you live with this disease or care for someone who does."),
            )
        if relation and not area and "disease_area" not in self.errors:
            self.add_error("disease_area", _("Choose the disease area."))
        if not (area or relation or "keep" in self.fields or self.errors):
            self.add_error(
                "disease_area", _("Choose a disease area. If you prefer not to, nothing is stored.")
            )
        if "consent" in self.fields and area and not data.get("consent"):
            self.add_error(
                "consent",
                _("Tick this box to store your health information. Without it, nothing is stored."),
            )
        return data

    def conditions(self) -> list[tuple[DiseaseArea, str]]:
        """What the person keeps and adds, as (disease area, relation) pairs."""
        pairs = set()
        for value in self.cleaned_data.get("keep") or []:
            area_id, relation = value.split(":")
            pairs.add((int(area_id), relation))
        if self.cleaned_data.get("disease_area"):
            pairs.add((self.cleaned_data["disease_area"], self.cleaned_data["relation"]))
        areas = DiseaseArea.objects.in_bulk({area_id for area_id, _relation in pairs})
        return [(areas[a], r) for a, r in sorted(pairs) if a in areas]

    def consent_given(self) -> bool:
        return bool(self.cleaned_data.get("consent"))
