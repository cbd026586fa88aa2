from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tandem.checks.models import DocumentKind, LexiconTerm, StudyCategory, TextLanguage
from tandem.core.uploads import DOCUMENTS, TXT, file_size, validate_upload
from tandem.core.validators import validate_single_line
from tandem.core.widgets import UncutTextInput


class CheckForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        validators=[validate_single_line],
        required=False,
        help_text=_("For example: “Leaflet, version 2”."),
        widget=UncutTextInput,
    )
    document_kind = forms.ChoiceField(label=_("Kind of document"), choices=DocumentKind.choices)
    category = forms.ChoiceField(
        label=_("Study category (if you know it)"),
        choices=[("", _("I don't know / not a study")), *StudyCategory.choices],
        required=False,
        help_text=_("It decides which required elements the checklist looks for."),
    )
    language = forms.ChoiceField(label=_("Language of the document"), choices=TextLanguage.choices)
    text = forms.CharField(
        label=_("Paste your text"),
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        max_length=400_000,
    )
    file = forms.FileField(
        label=_("… or choose a file"),
        required=False,
        help_text="",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The error summary names the field so, not by its label, which continues the text's.
        self.fields["file"].error_name = _("File to check")  # type: ignore[attr-defined]
        self.fields["file"].help_text = _(
            "Word (DOCX), OpenDocument (ODT), PDF with text, or plain text; at most %(size)s."
        ) % {"size": file_size(settings.UPLOAD_MAX_BYTES)}

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload:
            validate_upload(upload, allowed=(*DOCUMENTS, TXT), named=True)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            not (data.get("text") or "").strip()
            and not data.get("file")
            and not self.errors.get("file")
        ):
            raise ValidationError(_("Paste a text or choose a file to check."), code="empty")
        return data


# The lexicon's fields as the model defines them (labels, limits, validators) in a plain form,
# not a ModelForm: the table's unique term would refuse a term retired earlier, which may be
# written again; whether it may is the service's rule (`services.add_lexicon_term`), for this
# page and the API alike.
LexiconTermForm = type(
    "LexiconTermForm",
    (forms.Form,),
    forms.fields_for_model(
        LexiconTerm, fields=["language", "term", "variants", "plain", "explanation", "source"]
    ),
)
