"""What the extraction returns: the text, its format and where each line comes from."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ExtractedDocument"]


@dataclass(frozen=True, slots=True)
class ExtractedDocument:
    text: str
    format: str  # "docx", "odt", "pdf" or "text"
    encoding: str | None = None
    pages: int | None = None
    # DOCX and ODT: where each non-empty line of ``text`` comes from in the file, in order
    # ("paragraph 12": the twelfth paragraph of the body, empty ones counted; "table 1, row 3")
    paragraphs: tuple[str, ...] = ()

    def paragraph_at(self, offset: int) -> str | None:
        """Where the line holding ``offset`` (an offset of ``text``) comes from in the file,
        or None (plain text, PDF, or an offset outside the text)."""
        if not self.paragraphs or not 0 <= offset <= len(self.text):
            return None
        line_start = self.text.rfind("\n", 0, offset) + 1
        index = sum(1 for line in self.text[:line_start].split("\n") if line)
        return self.paragraphs[index] if index < len(self.paragraphs) else None
