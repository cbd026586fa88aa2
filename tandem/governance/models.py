"""The GRAM: the body, its colleges and seats, mandates, meetings (agenda, documents,
attendance, proxies, conflicts of interest), quorum rules, votes and ballots, proposals with
their co-signatures, the Directorate General's answer and the actions that follow."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tandem.core.links import reverse
from tandem.core.models import TimeStampedModel
from tandem.core.validators import validate_single_line

# --- The body, colleges and seats ------------------------------------------------------------


class Body(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    slug = models.SlugField(_("short name"), unique=True)
    notice_days = models.PositiveSmallIntegerField(
        _("notice period (days)"), default=15, help_text=_("Convocations are sent this early.")
    )
    amendment_days = models.PositiveSmallIntegerField(_("amendment period (days)"), default=15)
    answer_days = models.PositiveSmallIntegerField(
        _("time for the Directorate General's answer (days)"), default=90
    )

    class Meta:
        verbose_name = _("governance body")
        verbose_name_plural = _("governance bodies")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:public")


# The colleges of the founding text (DOMAIN.md), named by their code so that each reader reads
# the name in their own language.
COLLEGE_LABELS = {
    "patients": _("Patient organizations"),
    "researchers": _("Researchers"),
    "administration": _("Institute administration"),
}


class College(TimeStampedModel):
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="colleges"
    )
    code = models.SlugField(_("code"))
    # Empty for the founding colleges: their name is the label of their code (`label`).
    name = models.CharField(
        _("name"), max_length=200, blank=True, validators=[validate_single_line]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    seats = models.PositiveSmallIntegerField(_("seats"))

    class Meta:
        verbose_name = _("college")
        verbose_name_plural = _("colleges")
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["body", "code"], name="unique_college_code")]

    def __str__(self) -> str:
        return str(self.label)

    @property
    def label(self) -> str:
        """The college's name in the reader's language."""
        return self.name or str(COLLEGE_LABELS.get(self.code, self.code))


class QuotaChange(TimeStampedModel):
    """The history of a college's number of seats (the current one is on the college)."""

    college = models.ForeignKey(
        College, verbose_name=_("college"), on_delete=models.CASCADE, related_name="quota_changes"
    )
    seats = models.PositiveSmallIntegerField(_("seats"))
    previous = models.PositiveSmallIntegerField(_("previous seats"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("quota change")
        verbose_name_plural = _("quota changes")
        ordering = ["-created", "-pk"]


class MandateRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")


class Mandate(TimeStampedModel):
    """A person holding a seat of a college from `start` to `end` (inclusive). Membership of
    the body, and every right that goes with it, comes from a mandate current on the day."""

    college = models.ForeignKey(
        College, verbose_name=_("college"), on_delete=models.PROTECT, related_name="mandates"
    )
    seat = models.PositiveSmallIntegerField(_("seat"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="mandates",
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organization represented"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MandateRole.choices, default=MandateRole.MEMBER
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    renews = models.ForeignKey(
        "self",
        verbose_name=_("renews"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="renewals",
    )

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["college__position", "seat", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="mandate_dates")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.college}, {self.start} – {self.end})"

    def is_current(self, day: dt.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.start <= day <= self.end


# --- Quorum rules, kept as data with their version ---------------------------------------------


class QuorumRule(TimeStampedModel):
    """The body's rules of quorum: a share of all seats present or represented, and of each
    college. A new version is a new row; a meeting keeps the version it was convened under."""

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="quorum_rules"
    )
    version = models.PositiveSmallIntegerField(_("version"))
    overall_percent = models.PositiveSmallIntegerField(_("overall quorum (% of seats)"))
    college_percent = models.PositiveSmallIntegerField(_("quorum in each college (% of seats)"))
    count_proxies = models.BooleanField(_("proxies count towards the quorum"), default=True)
    adopted_on = models.DateField(_("adopted on"))

    class Meta:
        verbose_name = _("quorum rule")
        verbose_name_plural = _("quorum rules")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["body", "version"], name="unique_quorum_version")
        ]

    def __str__(self) -> str:
        return str(_("Quorum rules, version %(n)s") % {"n": self.version})


# --- Meetings ---------------------------------------------------------------------------------


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CONVENED = "convened", _("Convened")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


MEETING_TRANSITIONS: dict[str, set[str]] = {
    MeetingStatus.PLANNED: {MeetingStatus.CONVENED, MeetingStatus.CANCELLED},
    MeetingStatus.CONVENED: {MeetingStatus.IN_PROGRESS, MeetingStatus.CANCELLED},
    MeetingStatus.IN_PROGRESS: {MeetingStatus.CLOSED},
    MeetingStatus.CLOSED: set(),
    MeetingStatus.CANCELLED: set(),
}


class Meeting(TimeStampedModel):
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    convened_at = models.DateTimeField(_("convened at"), null=True, blank=True)
    quorum_rule = models.ForeignKey(
        QuorumRule,
        verbose_name=_("quorum rules"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_times"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:meeting", args=[self.pk])

    @property
    def quarter(self) -> int:
        return (timezone.localtime(self.starts_at).month - 1) // 3 + 1


class AgendaItem(TimeStampedModel):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=300, validators=[validate_single_line])
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("presented by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=15)
    proposal = models.ForeignKey(
        "Proposal",
        verbose_name=_("proposal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


def _document_upload_to(instance: MeetingDocument, filename: str) -> str:
    import uuid

    return f"governance/{instance.meeting_id}/{uuid.uuid4().hex}"


class MeetingDocument(TimeStampedModel):
    """A document of a meeting. Sending the convocation freezes the documents then attached
    (`frozen_at`); a document added afterwards is marked `late`; a frozen document is never
    replaced: a new version is a new row pointing to the one it follows."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="documents"
    )
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    file = models.FileField(_("file"), upload_to=_document_upload_to)
    original_filename = models.CharField(_("file name"), max_length=255)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    frozen_at = models.DateTimeField(_("sent with the convocation at"), null=True, blank=True)
    late = models.BooleanField(_("added after the convocation"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title

    def get_download_url(self) -> str:
        return reverse("governance:document", args=[self.pk])


class DocumentComment(TimeStampedModel):
    """A member's comment on a meeting document, written before the meeting (while it is
    planned or convened); read by the members, the director and the secretariat."""

    document = models.ForeignKey(
        MeetingDocument,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    text = models.TextField(_("comment"), max_length=2000)

    class Meta:
        verbose_name = _("comment on a document")
        verbose_name_plural = _("comments on documents")
        ordering = ["created", "pk"]

    def __str__(self) -> str:
        return f"{self.document} · {self.author}"


class AttendanceAnswer(models.TextChoices):
    UNKNOWN = "unknown", _("No answer yet")
    YES = "yes", _("Will attend")
    NO = "no", _("Will not attend")


class Presence(models.TextChoices):
    ABSENT = "absent", _("Absent")
    ROOM = "room", _("In the room")
    REMOTE = "remote", _("Remote")


class Attendance(TimeStampedModel):
    """A member's answer to the convocation and their recorded presence."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    mandate = models.ForeignKey(
        Mandate, verbose_name=_("mandate"), on_delete=models.PROTECT, related_name="attendances"
    )
    answer = models.CharField(
        _("answer"),
        max_length=10,
        choices=AttendanceAnswer.choices,
        default=AttendanceAnswer.UNKNOWN,
    )
    presence = models.CharField(
        _("presence"), max_length=10, choices=Presence.choices, default=Presence.ABSENT
    )
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "mandate"], name="unique_attendance")
        ]


class ProxyStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CANCELLED = "cancelled", _("Cancelled: the member arrived")


class Proxy(TimeStampedModel):
    """A member (`principal`) asks another member of the same college (`holder`) to vote for
    them at one meeting. A member holds at most one proxy; the proxy ends when the principal
    checks in."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="proxies"
    )
    principal = models.ForeignKey(
        Mandate, verbose_name=_("given by"), on_delete=models.PROTECT, related_name="proxies_given"
    )
    holder = models.ForeignKey(
        Mandate, verbose_name=_("held by"), on_delete=models.PROTECT, related_name="proxies_held"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProxyStatus.choices, default=ProxyStatus.ACTIVE
    )

    class Meta:
        verbose_name = _("proxy")
        verbose_name_plural = _("proxies")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "principal"],
                condition=Q(status="active"),
                name="one_active_proxy_given",
            ),
            models.UniqueConstraint(
                fields=["meeting", "holder"],
                condition=Q(status="active"),
                name="one_active_proxy_held",
            ),
        ]


class ConflictOfInterest(TimeStampedModel):
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        related_name="conflicts",
    )
    mandate = models.ForeignKey(
        Mandate, verbose_name=_("mandate"), on_delete=models.PROTECT, related_name="conflicts"
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [models.UniqueConstraint(fields=["item", "mandate"], name="unique_conflict")]


# --- Votes ------------------------------------------------------------------------------------


class VoteMethod(models.TextChoices):
    OPEN = "open", _("Open (by name)")
    SECRET = "secret", _("Secret")


class Majority(models.TextChoices):
    SIMPLE = "simple", _("Simple majority (more for than against)")
    ABSOLUTE = "absolute", _("Absolute majority (more than half of the votes cast)")
    TWO_THIRDS = "two_thirds", _("Two-thirds majority")
    DOUBLE = "double", _("Double majority (overall and in each college)")


class VoteStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


VOTE_TRANSITIONS: dict[str, set[str]] = {
    VoteStatus.OPEN: {VoteStatus.CLOSED},
    VoteStatus.CLOSED: set(),
}


class Choice(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")


class Vote(TimeStampedModel):
    """A vote on an agenda item. While it is open nobody sees a count; closing it freezes the
    electorate (who could vote, who voted and through whom: `record`) and the result."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="votes"
    )
    question = models.CharField(_("question"), max_length=300, validators=[validate_single_line])
    method = models.CharField(
        _("method"), max_length=10, choices=VoteMethod.choices, default=VoteMethod.OPEN
    )
    majority = models.CharField(
        _("majority"), max_length=12, choices=Majority.choices, default=Majority.SIMPLE
    )
    status = models.CharField(
        _("status"), max_length=10, choices=VoteStatus.choices, default=VoteStatus.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Secret votes: the counts only, per college while open (needed for a double majority),
    # replaced at closing by whether each college's majority was reached.
    secret_tally = models.JSONField(_("secret tally"), default=dict, blank=True)
    # Frozen at closing: the quorum, the electorate and who voted through whom, the result.
    record = models.JSONField(_("record"), default=dict, blank=True)
    adopted = models.BooleanField(_("adopted"), null=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        return reverse("governance:vote", args=[self.pk])


class Ballot(TimeStampedModel):
    """One member's vote: whose vote it is (`mandate`) and who cast it (`cast_by`, the proxy
    holder's mandate when given by proxy). In a secret vote the choice is not kept here."""

    vote = models.ForeignKey(
        Vote, verbose_name=_("vote"), on_delete=models.CASCADE, related_name="ballots"
    )
    mandate = models.ForeignKey(
        Mandate, verbose_name=_("vote of"), on_delete=models.PROTECT, related_name="ballots"
    )
    cast_by = models.ForeignKey(
        Mandate, verbose_name=_("cast by"), on_delete=models.PROTECT, related_name="+"
    )
    choice = models.CharField(_("choice"), max_length=10, choices=Choice.choices, blank=True)
    # The secretariat reading a show of hands records a member's vote on their behalf (open
    # votes only): the member is told and may change it while the vote is open.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(fields=["vote", "mandate"], name="one_ballot_per_member")
        ]


# --- Proposals --------------------------------------------------------------------------------


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ON_AGENDA = "on_agenda", _("On a meeting's agenda")
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Not adopted")
    TRANSMITTED = "transmitted", _("Sent to the Directorate General")
    ANSWERED = "answered", _("Answered")
    IMPLEMENTED = "implemented", _("Implemented")
    WITHDRAWN = "withdrawn", _("Withdrawn")


PROPOSAL_TRANSITIONS: dict[str, set[str]] = {
    ProposalStatus.DRAFT: {ProposalStatus.ON_AGENDA, ProposalStatus.WITHDRAWN},
    ProposalStatus.ON_AGENDA: {
        ProposalStatus.ADOPTED,
        ProposalStatus.REJECTED,
        ProposalStatus.DRAFT,
    },
    ProposalStatus.ADOPTED: {ProposalStatus.TRANSMITTED},
    ProposalStatus.REJECTED: {ProposalStatus.DRAFT},
    ProposalStatus.TRANSMITTED: {ProposalStatus.ANSWERED},
    ProposalStatus.ANSWERED: {ProposalStatus.IMPLEMENTED},
    ProposalStatus.IMPLEMENTED: set(),
    ProposalStatus.WITHDRAWN: set(),
}


class Proposal(TimeStampedModel):
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="proposals"
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    text = models.TextField(_("proposal"))
    rationale = models.TextField(_("rationale"), blank=True)
    expected_impact = models.TextField(_("expected impact"), blank=True)
    easy_read_summary = models.TextField(_("easy-to-read summary"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="gram_proposals",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    clarity_score = models.PositiveSmallIntegerField(_("clarity indicator"), null=True, blank=True)
    clarity_findings = models.JSONField(_("clarity findings"), default=list, blank=True)
    transmitted_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    answer_due = models.DateField(_("answer due"), null=True, blank=True)
    reminded_on = models.DateField(_("last reminder"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:proposal", args=[self.pk])


class CoSignature(TimeStampedModel):
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="cosignatures"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("co-signature")
        verbose_name_plural = _("co-signatures")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "person"], name="unique_cosignature")
        ]


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PARTLY = "partly", _("Accepted in part")
    DECLINED = "declined", _("Declined")


class Answer(TimeStampedModel):
    proposal = models.OneToOneField(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="answer"
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    reason = models.TextField(_("reason"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


ACTION_TRANSITIONS: dict[str, set[str]] = {
    ActionStatus.PLANNED: {ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.DROPPED},
    ActionStatus.IN_PROGRESS: {ActionStatus.DONE, ActionStatus.DROPPED},
    ActionStatus.DONE: set(),
    ActionStatus.DROPPED: set(),
}


class Action(TimeStampedModel):
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="actions"
    )
    title = models.CharField(_("title"), max_length=300, validators=[validate_single_line])
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    due = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    evidence = models.TextField(_("evidence"), blank=True)
    reminded_on = models.DateField(_("last reminder"), null=True, blank=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.title


# --- Minutes ----------------------------------------------------------------------------------


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft, open to amendments")
    APPROVED = "approved", pgettext_lazy("minutes", "Approved")


MINUTES_TRANSITIONS: dict[str, set[str]] = {
    MinutesStatus.DRAFT: {MinutesStatus.APPROVED},
    MinutesStatus.APPROVED: set(),
}


class Minutes(TimeStampedModel):
    """The minutes of a held meeting: drafted from its record, amended line by line by those
    who attended until `amendments_until`, approved at a later meeting, then locked. Every
    version is kept (`versions`)."""

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="minutes"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    is_public = models.BooleanField(_("public once approved"), default=True)
    amendments_until = models.DateField(_("amendments until"))
    approved_at = models.ForeignKey(
        Meeting,
        verbose_name=_("approved at the meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return str(self.meeting)

    def get_absolute_url(self) -> str:
        return reverse("governance:minutes", args=[self.pk])


class MinutesVersion(TimeStampedModel):
    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("text"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("version of the minutes")
        verbose_name_plural = _("versions of the minutes")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="unique_minutes_version")
        ]

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()


# How long the record of one agenda item may be (the discussion, the decision or outcome).
ITEM_DISCUSSION_MAX = 10000
ITEM_OUTCOME_MAX = 2000


class MinutesItem(TimeStampedModel):
    """What one version of the minutes records for one agenda item: a summary of the
    discussion, the decision or outcome, and the proposal to the Directorate General the item
    led to, if any. Written by the secretariat while the minutes are a draft (each change makes
    a new version); frozen with them once approved."""

    # Each version of the minutes has its own records (copied forward, changed where the
    # secretariat rewrote them): a version shows the items as they were, like its text.
    version = models.ForeignKey(
        MinutesVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="items"
    )
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        related_name="minutes_records",
    )
    discussion = models.TextField(
        _("summary of the discussion"), max_length=ITEM_DISCUSSION_MAX, blank=True
    )
    outcome = models.TextField(_("decision or outcome"), max_length=ITEM_OUTCOME_MAX, blank=True)
    proposal = models.ForeignKey(
        "Proposal",
        verbose_name=_("proposal to the Directorate General"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="minutes_records",
    )

    class Meta:
        verbose_name = _("minutes of an agenda item")
        verbose_name_plural = _("minutes of the agenda items")
        ordering = ["item__position", "item__pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "item"], name="unique_version_item")
        ]

    def __str__(self) -> str:
        return str(self.item)


class AmendmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Not accepted")


class Amendment(TimeStampedModel):
    """A change to one line of a version of the minutes, proposed by someone who attended."""

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="amendments"
    )
    version = models.ForeignKey(
        MinutesVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="+"
    )
    line = models.PositiveSmallIntegerField(_("line"))
    replacement = models.TextField(_("new wording"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AmendmentStatus.choices,
        default=AmendmentStatus.PROPOSED,
    )

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["pk"]
