"""Clarity checks of a person's documents, and the lexicon entries the College adds."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.clarity.config import Config
from tandem.core.links import reverse
from tandem.core.models import TimeStampedModel
from tandem.core.validators import validate_single_line


class DocumentKind(models.TextChoices):
    LEAFLET = "leaflet", _("Information leaflet")
    CONSENT = "consent", _("Consent form")
    OTHER = "other", _("Other document")


class StudyCategory(models.TextChoices):
    RIPH1 = "riph1", _("RIPH 1: interventional, more than minimal risk")
    RIPH2 = "riph2", _("RIPH 2: interventional, minimal risks and constraints")
    RIPH3 = "riph3", _("RIPH 3: non-interventional")
    CTR = "ctr", _("Clinical trial of a medicinal product (EU regulation)")


class TextLanguage(models.TextChoices):
    AUTO = "auto", _("Detect it for me")
    FR = "fr", _("French")
    EN = "en", _("English")


class CheckStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Being analysed")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Could not be analysed")


# The one table of allowed transitions (STYLE.md 7).
CHECK_TRANSITIONS: dict[str, set[str]] = {
    CheckStatus.PENDING: {CheckStatus.RUNNING, CheckStatus.FAILED},
    CheckStatus.RUNNING: {CheckStatus.DONE, CheckStatus.FAILED},
    CheckStatus.DONE: set(),
    CheckStatus.FAILED: set(),
}


def _upload_to(instance: ClarityCheck, filename: str) -> str:
    # The stored name never reveals the original one, and cannot be guessed.
    import uuid

    return f"checks/{instance.owner_id}/{uuid.uuid4().hex}"


# Below this many words the readability formulas and the indicator mean nothing: the analyzer
# gives no score (one rule, the clarity library's) and the pages say the text is too short to
# judge (the analysis itself still runs, its passages and required elements are shown).
MIN_WORDS_TO_JUDGE = Config().min_words_to_judge


class ClarityCheck(TimeStampedModel):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="clarity_checks",
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    document_kind = models.CharField(
        _("kind of document"), max_length=10, choices=DocumentKind.choices
    )
    category = models.CharField(
        _("study category"), max_length=10, choices=StudyCategory.choices, blank=True
    )
    requested_language = models.CharField(
        _("language of the document"),
        max_length=5,
        choices=TextLanguage.choices,
        default=TextLanguage.AUTO,
    )
    text = models.TextField(_("pasted text"), blank=True)
    file = models.FileField(_("file"), upload_to=_upload_to, blank=True)
    original_filename = models.CharField(_("file name"), max_length=255, blank=True)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("earlier version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_versions",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CheckStatus.choices, default=CheckStatus.PENDING
    )
    error_code = models.CharField(_("error"), max_length=40, blank=True)
    error_values = models.JSONField(default=dict, blank=True)
    report = models.JSONField(_("report"), null=True, blank=True)
    language = models.CharField(_("detected language"), max_length=5, blank=True)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    words = models.PositiveIntegerField(_("words"), null=True, blank=True)
    findings_count = models.PositiveIntegerField(_("findings"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("clarity check")
        verbose_name_plural = _("clarity checks")
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["owner", "-created"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("checks:report", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (CheckStatus.DONE, CheckStatus.FAILED)

    @property
    def too_short(self) -> bool:
        """Too little text for a score (`MIN_WORDS_TO_JUDGE`)."""
        return self.words is not None and self.words < MIN_WORDS_TO_JUDGE


class LexiconTerm(TimeStampedModel):
    """A jargon entry added by the College (coordinators, officers); used beside the built-in
    lexicon, and wins over it for the same term."""

    language = models.CharField(
        _("language"), max_length=2, choices=[("fr", _("French")), ("en", _("English"))]
    )
    term = models.CharField(_("term"), max_length=120, validators=[validate_single_line])
    variants = models.CharField(
        _("variants"), max_length=500, blank=True, help_text=_("Separated by commas.")
    )
    plain = models.CharField(
        _("plain alternatives"), max_length=500, help_text=_("Separated by commas.")
    )
    explanation = models.CharField(
        _("short explanation"), max_length=300, validators=[validate_single_line]
    )
    source = models.CharField(
        _("source"), max_length=200, blank=True, validators=[validate_single_line]
    )
    is_active = models.BooleanField(_("in use"), default=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("lexicon term")
        verbose_name_plural = _("lexicon terms")
        ordering = ["language", "term"]
        constraints = [
            models.UniqueConstraint(
                fields=["language", "term"], name="unique_lexicon_term_per_language"
            )
        ]

    def __str__(self) -> str:
        return self.term

    @staticmethod
    def split(value: str) -> tuple[str, ...]:
        return tuple(part.strip() for part in value.split(",") if part.strip())


class PdfStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be prepared")
    RUNNING = "running", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Could not be prepared")


# The one table of allowed transitions of a printable report (STYLE.md 7).
PDF_TRANSITIONS: dict[str, set[str]] = {
    PdfStatus.PENDING: {PdfStatus.RUNNING},
    PdfStatus.RUNNING: {PdfStatus.READY, PdfStatus.FAILED},
    PdfStatus.READY: {PdfStatus.PENDING},  # the check changed since: made again
    PdfStatus.FAILED: {PdfStatus.PENDING},  # tried again
}

PDF_LANGUAGES = ("fr", "en")


def _pdf_upload_to(instance: CheckPdf, filename: str) -> str:
    # Beside the owner's uploads, under a name that reveals nothing and cannot be guessed: the
    # file is only served through the owner's permission-checked views.
    import uuid

    return f"checks/{instance.clarity_check.owner_id}/reports/{uuid.uuid4().hex}.pdf"


class CheckPdf(TimeStampedModel):
    """A check's report printed as a tagged PDF, in one language, made by a background task
    (`services.request_check_pdf`, `services.make_check_pdf`): drawing it takes seconds for a
    long document, too long for a request. It is served only while `made_from` matches what the
    check is now (`queries.current_pdf`); it is deleted with its check, and its file with it
    (`signals.py`)."""

    # Not `check`: a model's `check()` is Django's system check.
    clarity_check = models.ForeignKey(
        ClarityCheck, verbose_name=_("check"), on_delete=models.CASCADE, related_name="pdfs"
    )
    language = models.CharField(
        _("language"), max_length=2, choices=[("fr", _("French")), ("en", _("English"))]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PdfStatus.choices, default=PdfStatus.PENDING
    )
    file = models.FileField(_("file"), upload_to=_pdf_upload_to, blank=True)
    # A digest of what the PDF was made from (`queries.pdf_source`): the check's title, its
    # analysis and the earlier version it is compared with.
    made_from = models.CharField(_("made from"), max_length=64, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("printable report (PDF)")
        verbose_name_plural = _("printable reports (PDF)")
        constraints = [
            models.UniqueConstraint(
                fields=["clarity_check", "language"], name="checks_one_pdf_per_language"
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=PDF_LANGUAGES), name="checks_pdf_language"
            ),
        ]

    def __str__(self) -> str:
        # Never the check's title: the action log and the admin must not keep a person's words.
        return f"PDF {self.clarity_check_id} ({self.language})"

    @property
    def in_progress(self) -> bool:
        return self.status in (PdfStatus.PENDING, PdfStatus.RUNNING)
