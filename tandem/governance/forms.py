"""Forms of the GRAM: shape only (the rules are the services')."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import User
from tandem.core.uploads import DOCUMENTS, validate_upload
from tandem.core.validators import validate_single_line, validate_text
from tandem.core.widgets import DateInput
from tandem.directory.models import Organization
from tandem.governance.models import (
    ITEM_DISCUSSION_MAX,
    ITEM_OUTCOME_MAX,
    ActionStatus,
    AgendaItem,
    AttendanceAnswer,
    Choice,
    College,
    Decision,
    Majority,
    Mandate,
    MandateRole,
    Meeting,
    MinutesVersion,
    Presence,
    Proposal,
    ProposalStatus,
    VoteMethod,
)

DATE = DateInput()
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class QuotaForm(forms.Form):
    college = forms.ModelChoiceField(label=_("College"), queryset=College.objects.none())
    seats = forms.IntegerField(label=_("Seats"), min_value=1, max_value=100)
    reason = forms.CharField(
        label=_("Reason"), max_length=300, required=False, validators=[validate_single_line]
    )

    def __init__(self, *args: Any, colleges: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["college"].queryset = colleges  # type: ignore[attr-defined]


class MandateForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=User.objects.filter(is_active=True).order_by("last_name")
    )
    college = forms.ModelChoiceField(label=_("College"), queryset=College.objects.none())
    organization = forms.ModelChoiceField(
        label=_("Organization represented"), queryset=Organization.objects.none(), required=False
    )
    role = forms.ChoiceField(label=_("Role"), choices=MandateRole.choices)
    start = forms.DateField(label=_("Start"), widget=DATE)
    end = forms.DateField(label=_("End"), widget=DATE)
    seat = forms.IntegerField(
        label=_("Seat"),
        min_value=1,
        required=False,
        help_text=_("Leave empty to take the first free seat."),
    )

    def __init__(self, *args: Any, colleges: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["college"].queryset = colleges  # type: ignore[attr-defined]
        self.fields["organization"].queryset = Organization.objects.order_by("name")  # type: ignore[attr-defined]


class QuorumRuleForm(forms.Form):
    overall_percent = forms.IntegerField(
        label=_("Overall quorum (% of all seats)"), min_value=1, max_value=100
    )
    college_percent = forms.IntegerField(
        label=_("Quorum in each college (% of its seats)"), min_value=0, max_value=100
    )
    count_proxies = forms.BooleanField(label=_("Proxies count towards the quorum"), required=False)


class EndMandateForm(forms.Form):
    on = forms.DateField(label=_("Last day"), widget=DATE)


class RenewForm(forms.Form):
    end = forms.DateField(label=_("New end"), widget=DATE)


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, validators=[validate_single_line])
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DATETIME)
    place = forms.CharField(
        label=_("Place"), max_length=300, required=False, validators=[validate_single_line]
    )
    video_url = forms.URLField(label=_("Video link"), required=False, assume_scheme="https")


class PlanYearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    place = forms.CharField(label=_("Place"), max_length=300, validators=[validate_single_line])


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, validators=[validate_single_line])
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=480, initial=15
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, validators=[validate_single_line])
    file = forms.FileField(label=_("File (PDF, DOCX or ODT)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        validate_upload(upload, allowed=DOCUMENTS)
        return upload


class NewVersionForm(forms.Form):
    """A new version of a meeting's document: the file, and a title when it changes."""

    title = forms.CharField(
        label=_("Title (leave empty to keep it)"),
        max_length=200,
        required=False,
        validators=[validate_single_line],
    )
    file = forms.FileField(label=_("New version (PDF, DOCX or ODT)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        validate_upload(upload, allowed=DOCUMENTS)
        return upload


class DocumentCommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerConvocationForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Will you attend?"),
        choices=[(AttendanceAnswer.YES, _("Yes")), (AttendanceAnswer.NO, _("No"))],
        widget=forms.RadioSelect,
    )


class ProxyForm(forms.Form):
    holder = forms.ModelChoiceField(
        label=_("Member who will vote for you"),
        queryset=Mandate.objects.none(),
        empty_label=_("Choose a member"),
    )

    def __init__(self, *args: Any, holders: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = holders  # type: ignore[attr-defined]
        self.fields["holder"].label_from_instance = lambda m: m.person.get_full_name()  # type: ignore[attr-defined]


class CheckInForm(forms.Form):
    mandate = forms.IntegerField(widget=forms.HiddenInput)
    presence = forms.ChoiceField(label=_("Presence"), choices=Presence.choices)


class ConflictForm(forms.Form):
    # A box of a few lines, full width on a phone: a reason is a sentence or two, and a
    # one-line input hid most of it while it was typed.
    reason = forms.CharField(
        label=_("Your reason for a conflict of interest (optional)"),
        max_length=500,
        required=False,
        validators=[validate_text],
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class OpenVoteForm(forms.Form):
    question = forms.CharField(
        label=_("Question"), max_length=300, validators=[validate_single_line]
    )
    method = forms.ChoiceField(label=_("Method"), choices=VoteMethod.choices)
    majority = forms.ChoiceField(label=_("Majority"), choices=Majority.choices)


class BallotForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=Choice.choices, widget=forms.RadioSelect
    )


class RecordBallotForm(forms.Form):
    mandate = forms.ModelChoiceField(label=_("Member"), queryset=Mandate.objects.none())
    choice = forms.ChoiceField(label=_("Vote"), choices=Choice.choices, widget=forms.RadioSelect)

    def __init__(self, *args: Any, mandates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mandate"].queryset = mandates  # type: ignore[attr-defined]
        self.fields["mandate"].label_from_instance = lambda m: m.person.get_full_name()  # type: ignore[attr-defined]


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, validators=[validate_single_line])
    text = forms.CharField(label=_("Proposal"), widget=forms.Textarea(attrs={"rows": 8}))
    rationale = forms.CharField(
        label=_("Rationale"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    expected_impact = forms.CharField(
        label=_("Expected impact"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    easy_read_summary = forms.CharField(
        label=_("Easy-to-read summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Short sentences and everyday words, so that every member can follow."),
    )


class ScheduleForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.none())

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required unless the proposal is accepted."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("decision") not in (None, Decision.ACCEPTED)
            and not data.get("reason", "").strip()
        ):
            raise ValidationError({"reason": _("Give the reason: it is required unless accepted.")})
        return data


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=300, validators=[validate_single_line])
    owner = forms.ModelChoiceField(
        label=_("Owner"), queryset=User.objects.filter(is_active=True).order_by("last_name")
    )
    due = forms.DateField(label=_("Due"), widget=DATE)


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    evidence = forms.CharField(
        label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AmendmentForm(forms.Form):
    line = forms.IntegerField(label=_("Line number"), min_value=1)
    replacement = forms.CharField(
        label=_("New wording"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ApproveMinutesForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("Approved at the meeting"), queryset=Meeting.objects.none()
    )
    is_public = forms.BooleanField(
        label=_("Publish on the public page"), required=False, initial=True
    )

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]


class MinutesItemForm(forms.Form):
    """What the minutes say of one agenda item (one form per item, prefixed by its id)."""

    discussion = forms.CharField(
        label=_("Summary of the discussion"),
        required=False,
        max_length=ITEM_DISCUSSION_MAX,
        validators=[validate_text],
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    outcome = forms.CharField(
        label=_("Decision or outcome"),
        required=False,
        max_length=ITEM_OUTCOME_MAX,
        validators=[validate_text],
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    proposal = forms.ModelChoiceField(
        label=_("Proposal to the Directorate General"),
        required=False,
        queryset=Proposal.objects.none(),
        help_text=_("If the item led to a proposal, the proposal it led to."),
    )

    def __init__(self, *args: Any, proposals: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = proposals  # type: ignore[attr-defined]


def minutes_item_forms(version: MinutesVersion, data: Any = None) -> list[tuple[AgendaItem, Any]]:
    """One form per agenda item of the minutes' meeting, filled with what `version` (the
    latest) records."""
    minutes = version.minutes
    records = {r.item_id: r for r in version.items.all()}
    proposals = minutes.meeting.body.proposals.exclude(status=ProposalStatus.WITHDRAWN)
    rows = []
    for item in minutes.meeting.items.all():
        record = records.get(item.pk)
        initial = (
            {
                "discussion": record.discussion,
                "outcome": record.outcome,
                "proposal": record.proposal_id,
            }
            if record
            else {"proposal": item.proposal_id}
        )
        form = MinutesItemForm(data, prefix=f"item-{item.pk}", initial=initial, proposals=proposals)
        rows.append((item, form))
    return rows
