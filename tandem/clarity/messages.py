"""The library's own small message catalogue (French and English), no gettext needed."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["band_label", "message", "quote_list"]

_MESSAGES: dict[str, dict[str, str]] = {
    "long_sentence": {
        "fr": "Phrase longue\u202f: {words} mots (repère\u202f: {limit}). Coupez-la en phrases plus courtes,"
        " une idée par phrase.",
        "en": "Long sentence: {words} words (guide: {limit}). Split it into shorter sentences,"
        " one idea each.",
    },
    "jargon": {
        "fr": "«\u202f{text}\u202f» est un terme spécialisé\u202f: {explanation}",
        "en": "“{text}” is a technical term: {explanation}",
    },
    "jargon_no_explanation": {
        "fr": "«\u202f{text}\u202f» est un terme spécialisé\u202f: expliquez-le ou remplacez-le.",
        "en": "“{text}” is a technical term: explain or replace it.",
    },
    "jargon_explained": {
        "fr": "«\u202f{text}\u202f» est un terme spécialisé, expliqué ici\u202f: vérifiez que l'explication"
        " suffit.",
        "en": "“{text}” is a technical term, explained here: check that the explanation is enough.",
    },
    "legal_citation": {
        "fr": "«\u202f{text}\u202f» cite un texte de loi que le lecteur ne peut pas consulter\u202f: dites en"
        " mots simples ce qu'il permet ou impose.",
        "en": "“{text}” cites a legal text the reader cannot look up: say in plain words what it"
        " allows or requires.",
    },
    "plain_word": {
        "fr": "«\u202f{text}\u202f»\u202f: un mot plus simple dit la même chose ({plain}).",
        "en": "“{text}”: a plainer word says the same ({plain}).",
    },
    "mixed_language_en": {
        "fr": "Ce passage semble écrit en anglais ({words} mots dans {blocks} paragraphe(s))\u202f:"
        " le document est analysé comme du français, ces passages sont exclus des mots rares et"
        " lus avec les repères anglais de la liste. Traduisez-les ou vérifiez la langue.",
        "en": "This passage seems to be in English ({words} words in {blocks} paragraph(s)):"
        " the document is analysed as French; these passages are left out of the rare words and"
        " read with the checklist's English cues. Translate them or check the language.",
    },
    "mixed_language_fr": {
        "fr": "Ce passage semble écrit en français ({words} mots dans {blocks} paragraphe(s))\u202f:"
        " le document est analysé comme de l'anglais, ces passages sont exclus des mots rares et"
        " lus avec les repères français de la liste. Traduisez-les ou vérifiez la langue.",
        "en": "This passage seems to be in French ({words} words in {blocks} paragraph(s)): the"
        " document is analysed as English; these passages are left out of the rare words and"
        " read with the checklist's French cues. Translate them or check the language.",
    },
    "docx_comments": {
        "fr": "{placed} remarques sur {total} placées en commentaire à leur passage.",
        "en": "{placed} of {total} findings placed as comments at their passage.",
    },
    "too_short": {
        "fr": "Texte trop court pour être jugé\u202f: {words} mots, il en faut au moins {minimum}."
        " Aucun indicateur global n'est donné\u202f; les remarques restent valables.",
        "en": "Text too short to judge: {words} words, at least {minimum} are needed. No overall"
        " indicator is given; the findings still apply.",
    },
    "docx_only": {
        "fr": "le format docx rend le fichier DOCX commenté\u202f: il faut un fichier DOCX et --output.",
        "en": "the docx format returns the DOCX file with comments: it needs a DOCX file and"
        " --output.",
    },
    "rare_word": {
        "fr": "«\u202f{text}\u202f» est un mot peu courant\u202f: un mot plus courant ou une explication"
        " aiderait.",
        "en": "“{text}” is an uncommon word: a more common word or an explanation would help.",
    },
    "acronym_undefined": {
        "fr": "Le sigle «\u202f{text}\u202f» n'est pas développé\u202f: écrivez-le en toutes lettres la première"
        " fois, ou évitez-le.",
        "en": "The acronym “{text}” is not spelled out: write it in full the first time, or"
        " avoid it.",
    },
    "acronym_late": {
        "fr": "Le sigle «\u202f{text}\u202f» est employé avant d'être développé\u202f: développez-le dès la"
        " première fois.",
        "en": "The acronym “{text}” is used before it is spelled out: spell it out the first time.",
    },
    "passive": {
        "fr": "Tournure passive «\u202f{text}\u202f»\u202f: dites qui agit («\u202fnous vous demanderons…\u202f»,"
        " «\u202fle médecin vous donnera…\u202f»).",
        "en": "Passive voice “{text}”: say who does what (“we will ask you…”, “your doctor will"
        " give you…”).",
    },
    "impersonal": {
        "fr": "Tournure impersonnelle «\u202f{text}\u202f»\u202f: adressez-vous directement au lecteur"
        " («\u202fnous vous demanderons…\u202f»).",
        "en": "Impersonal wording “{text}”: address the reader directly (“we will ask you…”).",
    },
    "number_mixed": {
        "fr": "Cette partie mélange pourcentages, fractions et «\u202f1 sur N\u202f»\u202f: choisissez une seule"
        " façon de présenter les chiffres, de préférence «\u202fN personnes sur 100\u202f».",
        "en": "This section mixes percentages, fractions and “1 in N”: use one format,"
        " preferably “N people out of 100”.",
    },
    "number_unexplained_percentage": {
        "fr": "Pourcentage «\u202f{text}\u202f» sans équivalent concret\u202f: ajoutez par exemple"
        " «\u202fsoit {n} personnes sur 100\u202f».",
        "en": "Percentage “{text}” without a concrete equivalent: add for example"
        " “that is {n} people out of 100”.",
    },
    "number_decimal_separators": {
        "fr": "Séparateurs décimaux mélangés («\u202f{text}\u202f» alors que le texte emploie aussi"
        " «\u202f{other}\u202f»)\u202f: employez la virgule partout.",
        "en": "Mixed decimal separators (“{text}” while the text also uses “{other}”): use the"
        " point throughout.",
    },
    "smog_short": {
        "fr": "SMOG n'est valable qu'à partir de 30 phrases ({sentences} ici).",
        "en": "SMOG is only valid with 30 sentences or more ({sentences} here).",
    },
    "no_text": {
        "fr": "Pas assez de texte pour calculer cet indice.",
        "en": "Not enough text to compute this index.",
    },
    "plain_language_note": {
        "fr": "Critère de qualité, pas un élément de contenu\u202f: voir les indices de lisibilité et"
        " les remarques.",
        "en": "Quality criterion, not a content item: see the readability indices and the"
        " findings.",
    },
    "kind_not_applicable": {
        "fr": "Ne s'applique pas à ce type de document.",
        "en": "Does not apply to this kind of document.",
    },
    "category_not_applicable": {
        "fr": "Ne s'applique pas à cette catégorie de recherche.",
        "en": "Does not apply to this research category.",
    },
}

_BANDS: dict[str, dict[str, str]] = {
    "very_easy": {"fr": "très facile", "en": "very easy"},
    "easy": {"fr": "facile", "en": "easy"},
    "fairly_easy": {"fr": "plutôt facile", "en": "fairly easy"},
    "plain": {"fr": "standard", "en": "plain English"},
    "fairly_difficult": {"fr": "plutôt difficile", "en": "fairly difficult"},
    "difficult": {"fr": "difficile", "en": "difficult"},
    "very_difficult": {"fr": "très difficile", "en": "very difficult"},
    "grade_primary": {"fr": "très facile (fin de primaire)", "en": "very easy (grade 6 or below)"},
    "grade_middle": {"fr": "facile (collège)", "en": "easy (grades 7 to 8)"},
    "grade_high": {"fr": "plutôt difficile (lycée)", "en": "fairly difficult (grades 9 to 10)"},
    "grade_late_high": {
        "fr": "difficile (fin de lycée)",
        "en": "difficult (grades 11 to 12)",
    },
    "grade_university": {
        "fr": "très difficile (études supérieures)",
        "en": "very difficult (college level)",
    },
}


def message(key: str, language: str, **values: object) -> str:
    table = _MESSAGES[key]
    template = table.get(language) or table["en"]
    return template.format(**values)


def quote_list(words: Sequence[str], ui: str) -> str:
    """The first three words, each in the quotes of the interface language (a message value)."""
    if not words:
        return "—"
    left, right = ("«\u202f", "\u202f»") if ui == "fr" else ("“", "”")
    return ", ".join(f"{left}{w}{right}" for w in words[:3])


def band_label(band: str, language: str) -> str:
    table = _BANDS[band]
    return table.get(language) or table["en"]
