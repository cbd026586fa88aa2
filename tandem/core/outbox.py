"""The demo outbox: emails written to files by Django's file backend, readable by administrators."""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings


@dataclass(frozen=True)
class OutgoingMessage:
    name: str
    sent: datetime
    subject: str
    to: str
    sender: str
    body: str


def _folder() -> Path:
    return Path(settings.EMAIL_FILE_PATH)


def _read(path: Path) -> list[OutgoingMessage]:
    raw = path.read_bytes()
    # The file backend separates messages with a line of 79 dashes.
    chunks = [c for c in raw.split(b"\n" + b"-" * 79 + b"\n") if c.strip()]
    sent = datetime.fromtimestamp(path.stat().st_mtime)
    found = []
    for index, chunk in enumerate(chunks):
        msg = email.message_from_bytes(chunk.strip(b"\n"), policy=email.policy.default)
        body_part = msg.get_body(preferencelist=("plain", "html"))
        body = body_part.get_content() if body_part is not None else ""
        found.append(
            OutgoingMessage(
                name=f"{path.name}:{index}",
                sent=sent,
                subject=str(msg.get("Subject", "")),
                to=str(msg.get("To", "")),
                sender=str(msg.get("From", "")),
                body=body,
            )
        )
    return found


def messages(limit: int = 500) -> list[OutgoingMessage]:
    folder = _folder()
    if not folder.is_dir():
        return []
    files = sorted(folder.glob("*.log"), key=lambda p: p.stat().st_mtime, reverse=True)[:limit]
    found: list[OutgoingMessage] = []
    for path in files:
        found.extend(_read(path))
    return found


def message(name: str) -> OutgoingMessage | None:
    file_name, _, index = name.partition(":")
    path = _folder() / Path(file_name).name
    if not path.is_file() or not index.isdigit():
        return None
    found = _read(path)
    return found[int(index)] if int(index) < len(found) else None
