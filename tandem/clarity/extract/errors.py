"""Why a document cannot be analysed: :class:`ExtractionError`, a stable code and a message
in French and English."""

from __future__ import annotations

__all__ = ["ExtractionError"]

_ERRORS: dict[str, tuple[str, str]] = {
    "too_large": (
        "Le fichier est trop volumineux ({size} Mo, au plus {limit} Mo).",
        "The file is too large ({size} MB, at most {limit} MB).",
    ),
    "empty": (
        "Le document ne contient pas de texte.",
        "The document contains no text.",
    ),
    "binary": (
        "Ce fichier n'est pas un document texte lisible (DOCX, ODT, PDF ou texte brut).",
        "This file is not a readable text document (DOCX, ODT, PDF or plain text).",
    ),
    "unsupported": (
        "Ce format n'est pas pris en charge ({what})\u202f: enregistrez le document en DOCX, ODT ou"
        " PDF.",
        "This format is not supported ({what}): save the document as DOCX, ODT or PDF.",
    ),
    "macro": (
        "Le document contient des macros\u202f: enregistrez-le sans macros (DOCX ou ODT).",
        "The document contains macros: save it without macros (DOCX or ODT).",
    ),
    "encrypted": (
        "Le document est protégé par un mot de passe\u202f: enregistrez-en une version sans protection.",
        "The document is password-protected: save a copy without protection.",
    ),
    "too_many_pages": (
        "Le document a trop de pages ({pages}, au plus {limit}).",
        "The document has too many pages ({pages}, at most {limit}).",
    ),
    "too_long": (
        "Le document contient trop de texte (plus de {limit} caractères).",
        "The document holds too much text (more than {limit} characters).",
    ),
    "zip_bomb": (
        "L'archive du document est anormale (taille décompressée excessive)\u202f: elle n'a pas été"
        " ouverte.",
        "The document's archive is abnormal (excessive uncompressed size): it was not opened.",
    ),
    "bomb": (
        "Le document se décompresse en une taille excessive\u202f: il n'a pas été lu.",
        "The document decompresses to an excessive size: it was not read.",
    ),
    "corrupt": (
        "Le document est endommagé et n'a pas pu être lu.",
        "The document is damaged and could not be read.",
    ),
    "no_text_layer": (
        "Ce PDF ne contient pas de texte (document scanné\u202f?)\u202f: fournissez le fichier d'origine"
        " ou un PDF avec texte.",
        "This PDF has no text layer (a scan?): provide the original file or a PDF with text.",
    ),
}


class ExtractionError(Exception):
    """A document that cannot be analysed, with a stable code and a bilingual message."""

    def __init__(self, code: str, **values: object) -> None:
        self.code = code
        self.values = values
        fr, en = _ERRORS[code]
        self.message_fr = fr.format(**values)
        self.message_en = en.format(**values)
        super().__init__(self.message_en)

    def message(self, language: str = "en") -> str:
        return self.message_fr if language == "fr" else self.message_en
