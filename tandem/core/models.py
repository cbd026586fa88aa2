"""Shared building blocks: timestamps, the action log and notifications."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tandem.core.formatting import local_date, local_datetime


class TimeStampedModel(models.Model):
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class ActionLogEntry(models.Model):
    """One change that matters: who did what to which object, when. Written by services only."""

    time = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    # Kept even when the actor's account is erased: the label is then anonymised.
    actor_label = models.CharField(_("actor label"), max_length=200, blank=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), null=True, blank=True, on_delete=models.SET_NULL
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("action log entry")
        verbose_name_plural = _("action log")
        ordering = ["-time", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-time"])]

    def __str__(self) -> str:
        return f"{self.time:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"


def render_message(msgid: str, params: dict[str, Any] | None) -> str:
    """A stored message in the current language: `msgid` translated, then `params` put in.
    None: the text was stored as words (older rows), shown as it is."""
    if params is None or not msgid:
        return msgid
    params = {key: _shown(value) for key, value in params.items()}
    text = gettext(msgid)
    try:
        return text % params
    except (KeyError, TypeError, ValueError):
        # A translation that names a parameter the call did not give: the source wording.
        try:
            return msgid % params
        except (KeyError, TypeError, ValueError):
            return msgid


def _shown(value: Any) -> Any:
    """A stored parameter as shown: a date ({"date": "2026-11-28"}), a moment with its time
    ({"datetime": "2026-11-28T14:05:00+01:00"}) or a choice's label ({"choice":
    "tandem.incubator.models.ProjectStage", "code": "closed"}) in the reader's language."""
    if isinstance(value, dict) and "date" in value:
        day = parse_date(str(value["date"]))
        return local_date(day) if day else ""
    if isinstance(value, dict) and "datetime" in value:
        return local_datetime(parse_datetime(str(value["datetime"])))
    if isinstance(value, dict) and "choice" in value:
        return _choice_label(str(value["choice"]), value.get("code"))
    return value


def _choice_label(path: str, code: Any) -> Any:
    """The label of a choice stored by its class's path and code; the code itself if the
    choice is gone (a row older than a change of the code)."""
    if path.startswith("tandem."):
        try:
            kind = import_string(path)
        except ImportError:
            kind = None
        if isinstance(kind, type) and issubclass(kind, models.Choices):
            try:
                return kind(code).label
            except ValueError:
                pass
    return code


class Notification(TimeStampedModel):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=100)
    # With `params` (a dict), title and body are message ids in the source language, rendered
    # in the reader's language when shown (`shown_title`, `shown_body`); without (rows older
    # than params), words already rendered in the recipient's language.
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    params = models.JSONField(_("parameters"), null=True, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed = models.BooleanField(_("sent by email"), default=False)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created", "-pk"]
        # The home's "New for you": a person's unread ones, latest first (tandem/core/panels.py).
        indexes = [models.Index(fields=["recipient", "read_at", "created", "id"])]

    def __str__(self) -> str:
        return self.shown_title

    @property
    def shown_title(self) -> str:
        return render_message(self.title, self.params)

    @property
    def shown_body(self) -> str:
        return render_message(self.body, self.params)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class TaskWorker(models.Model):
    """A running background-task worker. Its heartbeat tells the others it is alive: a task
    claimed by a worker whose heartbeat stopped is run again (tandem.core.taskworkers)."""

    worker_id = models.CharField(_("worker id"), max_length=64, unique=True)
    hostname = models.CharField(_("host name"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process id"), default=0)
    started = models.DateTimeField(_("started"), auto_now_add=True)
    last_seen = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("task worker")
        verbose_name_plural = _("task workers")

    def __str__(self) -> str:
        return f"{self.hostname}:{self.pid} ({self.worker_id})"
