"""The form of a working group's or project's meeting (its shape; the rules are in
`tandem.incubator.meetings`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.core.validators import validate_single_line
from tandem.events.forms import DateTimeInput
from tandem.events.models import PlaceKind, Visibility
from tandem.incubator.meetings import MeetingPlan

INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, validators=[validate_single_line])
    description = forms.CharField(
        label=_("What the meeting is about"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=DateTimeInput(), input_formats=INPUT_FORMATS
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), widget=DateTimeInput(), input_formats=INPUT_FORMATS
    )
    place_kind = forms.ChoiceField(
        label=_("Place"),
        choices=[(PlaceKind.ONLINE, _("Online")), (PlaceKind.ADDRESS, _("At an address"))],
        initial=PlaceKind.ONLINE,
        widget=forms.RadioSelect,
    )
    address = forms.CharField(
        label=_("Address"), max_length=300, required=False, validators=[validate_single_line]
    )
    city = forms.CharField(
        label=_("City"), max_length=100, required=False, validators=[validate_single_line]
    )
    online_url = forms.URLField(
        label=_("Link to join online"),
        required=False,
        assume_scheme="https",
        help_text=_("Shown only to the people who have a place."),
    )
    capacity = forms.IntegerField(label=_("Number of places"), min_value=1, max_value=1000)
    visibility = forms.ChoiceField(
        label=_("Who sees this meeting"),
        choices=Visibility.choices,
        initial=Visibility.MEMBERS,
        widget=forms.RadioSelect,
        help_text=_(
            "Members only: the meeting is not on the public calendar; the members are told "
            "and may register."
        ),
    )

    def plan(self) -> MeetingPlan:
        data: dict[str, Any] = self.cleaned_data
        return MeetingPlan(
            title=data["title"],
            description=data["description"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            capacity=data["capacity"],
            place_kind=data["place_kind"],
            address=data["address"],
            city=data["city"],
            online_url=data["online_url"],
            visibility=data["visibility"],
        )
