from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.clarity.segment import segment
from tandem.clarity.text import fold, normalize


def sentences_of(text: str, language: str = "fr") -> list[str]:
    doc = segment(text, language=language)
    return [text[s.start : s.end] for s in doc.sentences]


def words_of(text: str, language: str = "fr") -> list[str]:
    doc = segment(text, language=language)
    return [t.text for s in doc.sentences for t in s.tokens if t.kind == "word"]


def numbers_of(text: str, language: str = "fr") -> list[str]:
    doc = segment(text, language=language)
    return [t.text for s in doc.sentences for t in s.tokens if t.kind == "number"]


def test_french_abbreviations_do_not_end_sentences():
    text = "Le Dr. Martin et M. Dupont vous verront. Mme Durand, p. ex. le matin, vient aussi."
    assert sentences_of(text) == [
        "Le Dr. Martin et M. Dupont vous verront.",
        "Mme Durand, p. ex. le matin, vient aussi.",
    ]


def test_english_abbreviations_do_not_end_sentences():
    text = "Take it e.g. at night, i.e. before bed. Dr. Smith vs. Mr. Jones agreed."
    assert sentences_of(text, "en") == [
        "Take it e.g. at night, i.e. before bed.",
        "Dr. Smith vs. Mr. Jones agreed.",
    ]


def test_decimals_do_not_split_sentences():
    assert sentences_of("La dose est de 2.5 mg ou 2,5 mg. Ensuite on arrête.") == [
        "La dose est de 2.5 mg ou 2,5 mg.",
        "Ensuite on arrête.",
    ]


def test_questions_and_exclamations_end_sentences_with_french_spacing():
    assert sentences_of("Pourquoi participer ? Pour aider ! Merci.") == [
        "Pourquoi participer ?",
        "Pour aider !",
        "Merci.",
    ]


def test_french_elisions_are_split_with_both_apostrophes():
    words = words_of("L'étude d’un traitement qu'il prend jusqu'à lorsqu’on s'arrête.")
    assert words == [
        "L'", "étude", "d’", "un", "traitement", "qu'", "il", "prend", "jusqu'", "à",
        "lorsqu’", "on", "s'", "arrête",
    ]  # fmt: skip


def test_english_apostrophes_stay_inside_words():
    assert words_of("The patient's doctor won't call.", "en") == [
        "The", "patient's", "doctor", "won't", "call",
    ]  # fmt: skip


def test_hyphenated_compounds_stay_one_word():
    assert words_of("C'est-à-dire peut-être un anti-inflammatoire.") == [
        "C'", "est-à-dire", "peut-être", "un", "anti-inflammatoire",
    ]  # fmt: skip


def test_numbers_dates_and_percentages_are_number_tokens_not_words():
    text = "Le 12/03/2024, 25 % des 1 200 patients ont pris 2,5 mg à 14h30 le 1er jour."
    assert numbers_of(text) == ["12/03/2024", "25 %", "1", "200", "2,5", "14h30", "1er"]
    assert "25" not in words_of(text)


def test_list_items_without_final_punctuation_are_sentences():
    text = "Vous devrez :\n- venir trois fois\n- remplir un carnet\n• appeler le centre"
    doc = segment(text)
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["paragraph", "list_item", "list_item", "list_item"]
    assert sentences_of(text)[1:] == ["venir trois fois", "remplir un carnet", "appeler le centre"]


def test_numbered_and_lettered_list_items_are_recognised():
    text = "Étapes à suivre :\n1. Lire la notice.\n2) Signer.\na) Garder une copie."
    assert [b.kind for b in segment(text).blocks] == [
        "paragraph", "list_item", "list_item", "list_item",
    ]  # fmt: skip


def test_short_lines_without_punctuation_before_a_paragraph_are_headings():
    text = "Les risques\nVous pourriez avoir mal.\n\n# Vos droits\n\nVous pouvez arrêter."
    doc = segment(text)
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph", "heading", "paragraph"]
    assert [text[s.heading.start : s.heading.end] for s in doc.sections if s.heading] == [
        "Les risques",
        "Vos droits",
    ]


def test_wrapped_lines_of_a_paragraph_are_not_headings():
    text = "Le texte commence ici et continue sur la ligne\nsuivante qui termine la phrase."
    assert [b.kind for b in segment(text).blocks] == ["paragraph"]


def test_headings_are_not_counted_as_body_sentences():
    doc = segment("Les risques\n\nVous pourriez avoir mal. Parlez-en.")
    assert len(doc.body_sentences) == 2
    assert len(doc.sentences) == 3


def test_normalisation_keeps_words_and_cleans_spaces():
    raw = "Bonjour\u00a0!\r\n\r\n\r\n\tSoft\u00adhyphen  here  \n"
    assert normalize(raw) == "Bonjour !\n\nSoft\u00adhyphen here".replace("\u00ad", "")


def test_folding_keeps_one_character_for_one():
    text = "Étude PROLONGÉE, l’œil, naïf"
    assert len(fold(text)) == len(text)
    assert fold(text) == "etude prolongee, l'œil, naif"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_every_offset_points_at_its_own_text(raw):
    text = normalize(raw)
    doc = segment(text, language="fr")
    previous_end = 0
    for block in doc.blocks:
        assert 0 <= block.start <= block.end <= len(text)
        for sentence in block.sentences:
            assert block.start <= sentence.start <= sentence.end <= block.end
            for token in sentence.tokens:
                assert text[token.start : token.end] == token.text
                assert token.start >= previous_end
                previous_end = token.end


def _sentences(text: str, language: str) -> list[str]:
    from tandem.clarity.segment import sentence_spans

    return [text[s:e] for s, e in sentence_spans(text, 0, len(text), language=language)]


def test_english_pronouns_are_not_abbreviations():
    assert _sentences("It was read to me. I have signed. The answer is no. We stop.", "en") == [
        "It was read to me.",
        "I have signed.",
        "The answer is no.",
        "We stop.",
    ]
    assert _sentences("See form No. 5 today.", "en") == ["See form No. 5 today."]
    assert _sentences("Me Dupont signe. Il part.", "fr") == ["Me Dupont signe.", "Il part."]


def test_label_lines_of_a_form_are_sentences_of_their_own():
    text = "Title of Study: Trust in tools\nVersion: 1.0\nDate: 09/09/2025"
    assert _sentences(text, "en") == [
        "Title of Study: Trust in tools",
        "Version: 1.0",
        "Date: 09/09/2025",
    ]
    text = "Confidentialité et anonymat :\nVos réponses restent anonymes."
    assert len(_sentences(text, "fr")) == 2
    wrapped = "This long line wraps because the printed page has narrow\ncolumns, and goes on."
    assert len(_sentences(wrapped, "en")) == 1
