"""Forms of events and training: shape only (types, lengths, choices, uploads); the rules are
the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import AccessibilityNeed
from tandem.core.uploads import JPEG, PDF, PNG, validate_upload
from tandem.core.widgets import DateInput
from tandem.directory.models import Region, ResearchUnit
from tandem.events.models import Accessibility, Course, Event, EventKind, Topic
from tandem.events.services import EVENT_FIELDS, SessionData

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeInput(forms.DateTimeInput):
    """The browser's date and time picker (ISO value, whatever the language)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        super().__init__(attrs=attrs, format=DATETIME_FORMAT)


def _datetime_field(label: Any, **kwargs: Any) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        widget=DateTimeInput(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        **kwargs,
    )


class CalendarFilterForm(forms.Form):
    topic = forms.ChoiceField(
        label=_("Topic"), choices=[("", _("All topics")), *Topic.choices], required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *EventKind.choices], required=False
    )
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("All regions")), *Region.choices], required=False
    )
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Until"), required=False, widget=DateInput())


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = ["title", "topic", "summary", "objectives", "duration_hours", "prerequisite_for"]


class EventForm(forms.ModelForm):
    registration_opens = _datetime_field(_("Registration opens"))
    registration_closes = _datetime_field(_("Registration closes"))
    online_url = forms.URLField(
        label=_("Link to join online"),
        required=False,
        assume_scheme="https",
        help_text=_("Shown only to the people who have a place."),
    )
    accessibility = forms.MultipleChoiceField(
        label=_("Accessibility"),
        choices=Accessibility.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Event
        fields = [*EVENT_FIELDS, "capacity"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        course = self.fields["course"]
        unit = self.fields["unit"]
        assert isinstance(course, forms.ModelChoiceField)
        assert isinstance(unit, forms.ModelChoiceField)
        course.queryset = Course.objects.filter(is_active=True)
        unit.queryset = ResearchUnit.objects.order_by("code")
        if self.instance.pk:
            # The capacity has its own form: lowering it may need a choice.
            del self.fields["capacity"]

    def event_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in EVENT_FIELDS}


class SessionForm(forms.Form):
    starts_at = _datetime_field(_("Starts"))
    ends_at = _datetime_field(_("Ends"))
    title = forms.CharField(label=_("Programme item"), max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            raise ValidationError(_("A session must end after it starts."), code="order")
        return data


SessionFormSet = forms.formset_factory(SessionForm, extra=0, min_num=1, max_num=20, can_delete=True)


def sessions_of(formset: Any) -> list[SessionData]:
    return [
        SessionData(f.cleaned_data["starts_at"], f.cleaned_data["ends_at"], f.cleaned_data["title"])
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    description = forms.CharField(
        label=_("What visitors will see and do"), widget=forms.Textarea(attrs={"rows": 5})
    )
    unit = forms.ModelChoiceField(label=_("Research unit"), queryset=ResearchUnit.objects.none())
    starts_at = _datetime_field(_("Starts"))
    ends_at = _datetime_field(_("Ends"))
    capacity = forms.IntegerField(label=_("Number of places"), min_value=1, max_value=200)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = units

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            raise ValidationError(_("A session must end after it starts."), code="order")
        return data


class RegistrationForm(forms.Form):
    accessibility_needs = forms.MultipleChoiceField(
        label=_("What would help you take part?"),
        choices=AccessibilityNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Filled in from your profile; change it for this event if you wish."),
    )
    accessibility_notes = forms.CharField(
        label=_("Other needs, in your own words"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, questions: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for index, question in enumerate(questions):
            self.fields[f"question_{index}"] = forms.CharField(
                label=question, max_length=2000, required=False
            )

    def answers(self) -> dict[str, str]:
        return {q: self.cleaned_data.get(f"question_{i}", "") for i, q in enumerate(self.questions)}


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label=_("Number of places"), min_value=1, max_value=100_000)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class FeedbackForm(forms.Form):
    SCALE = [(5, _("5 — very good")), (4, "4"), (3, "3"), (2, "2"), (1, _("1 — not good"))]
    EASY = [(5, _("5 — very easy")), (4, "4"), (3, "3"), (2, "2"), (1, _("1 — very hard"))]
    rating = forms.TypedChoiceField(
        label=_("Overall, how was it?"), choices=SCALE, coerce=int, widget=forms.RadioSelect
    )
    clear = forms.TypedChoiceField(
        label=_("Was it easy to follow?"), choices=EASY, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Anything to tell us?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


RECEIPT_KINDS = (PDF, PNG, JPEG)


class ClaimForm(forms.Form):
    event = forms.ModelChoiceField(label=_("Event"), queryset=Event.objects.none())
    amount = forms.DecimalField(
        label=_("Amount in euros"), min_value=0.01, max_value=10_000, decimal_places=2
    )
    description = forms.CharField(
        label=_("What the expenses were"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: train from Lyon to Paris and back, 2 metro tickets."),
    )
    receipts = MultipleFileField(
        label=_("Receipts"),
        help_text=_("PDF, PNG or JPEG; several files at once if needed."),
    )

    def __init__(self, *args: Any, events: Any, accepted: Any, **kwargs: Any) -> None:
        """`events`: the events offered (those the person may claim for); `accepted`: the
        events a posted form may name (all the person's registrations), so that a claim for
        an event no longer offered (attendance recorded meanwhile) gets the claim service's
        reason rather than "not a valid choice"."""
        super().__init__(*args, **kwargs)
        event = self.fields["event"]
        assert isinstance(event, forms.ModelChoiceField)
        event.queryset = accepted
        offered = forms.ModelChoiceField(queryset=events, empty_label=event.empty_label)
        event.widget.choices = offered.choices

    def clean_receipts(self) -> list[tuple[Any, str]]:
        files = self.cleaned_data.get("receipts") or []
        if not files:
            raise ValidationError(_("Add at least one receipt."), code="required")
        if len(files) > 10:
            raise ValidationError(_("At most 10 receipts."), code="too_many")
        return [(f, validate_upload(f, allowed=RECEIPT_KINDS)) for f in files]
