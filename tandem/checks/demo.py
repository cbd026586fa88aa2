"""Demo checks: a researcher's leaflet in two versions, a long document shown in parts, a text
too short to judge, and the College's own lexicon terms."""

from __future__ import annotations

from pathlib import Path

from tandem.accounts.models import User
from tandem.checks import services
from tandem.checks.models import ClarityCheck, LexiconTerm

FIRST_VERSION = """Notice d'information – Étude GENOU-CALME

Objectif de la recherche
Il vous est proposé de participer à une recherche biomédicale multicentrique, randomisée, en double aveugle, contrôlée versus placebo, dont l'objectif principal est d'évaluer l'efficacité et la tolérance du lévoxamide dans la gonarthrose symptomatique.

Déroulement
Après vérification des critères d'inclusion par l'investigateur, il vous sera demandé de vous soumettre à une ponction articulaire ainsi qu'à un électrocardiogramme, nonobstant les examens réalisés antérieurement dans le cadre de votre prise en charge habituelle.

Risques
Les effets indésirables rapportés concernent 12 % des patients, soit environ 1 patient sur 8, et sont le plus souvent bénins.
"""

SECOND_VERSION = """Notice d'information – Étude GENOU-CALME

Pourquoi cette étude ?
Nous vous proposons de participer à une étude. Elle cherche à savoir si un nouveau médicament, le lévoxamide, soulage la douleur du genou due à l'usure des articulations.

Comment va se passer l'étude ?
Votre médecin vérifie d'abord que l'étude vous convient. Ensuite, nous ferons un examen du cœur (un électrocardiogramme) : il ne fait pas mal.

Quels sont les risques ?
Environ 1 personne sur 8 a des effets gênants, le plus souvent légers.

Vous pouvez arrêter à tout moment, sans donner de raison. Cela ne change rien à vos soins.
"""

TERMS = [
    (
        "fr",
        "gonarthrose",
        "arthrose du genou, usure du genou",
        "Usure du cartilage du genou, qui cause des douleurs.",
    ),
    (
        "fr",
        "ponction articulaire",
        "prise de liquide dans l'articulation",
        "On prélève un peu de liquide dans l'articulation avec une aiguille.",
    ),
    (
        "en",
        "washout period",
        "break without treatment",
        "A time when you stop a medicine before the study starts.",
    ),
]


def load() -> None:
    coordinator = User.objects.get(email="coordinator@example.org")
    for language, term, plain, explanation in TERMS:
        if not LexiconTerm.objects.filter(language=language, term=term).exists():
            services.add_lexicon_term(
                by=coordinator,
                language=language,
                term=term,
                plain=plain,
                explanation=explanation,
                source="Collège des relecteurs (démo)",
            )
    researcher = User.objects.get(email="researcher@example.org")
    _long_and_short(researcher)
    if ClarityCheck.objects.filter(owner=researcher).exclude(title__in=EXTRA_TITLES).exists():
        return
    first = services.submit_check(
        researcher,
        title="Notice GENOU-CALME, version 1",
        document_kind="leaflet",
        language="fr",
        category="riph1",
        text=FIRST_VERSION,
    )
    services.submit_check(
        researcher,
        title="Notice GENOU-CALME, version 2",
        document_kind="leaflet",
        language="fr",
        category="riph1",
        text=SECOND_VERSION,
        previous=first,
    )
    complete = (
        Path(__file__).resolve().parent.parent
        / "clarity"
        / "tests"
        / "data"
        / "complete_leaflet_fr.txt"
    )
    if complete.exists():
        services.submit_check(
            researcher,
            title="Notice modèle complète",
            document_kind="leaflet",
            language="fr",
            category="riph1",
            text=complete.read_text(encoding="utf-8"),
        )


LONG_TITLE = "Notice GENOU-CALME, version longue"
SHORT_TITLE = "Quatre mots"
EXTRA_TITLES = (LONG_TITLE, SHORT_TITLE)


def _long_and_short(researcher: User) -> None:
    """A document long enough to be shown in parts (issue 14, point 11), and four words,
    too short to judge (point 13)."""
    if not ClarityCheck.objects.filter(owner=researcher, title=LONG_TITLE).exists():
        chapters = [
            f"Chapitre {n}\n{(FIRST_VERSION if n % 2 else SECOND_VERSION).split(chr(10), 2)[2]}"
            for n in range(1, 41)
        ]
        services.submit_check(
            researcher,
            title=LONG_TITLE,
            document_kind="leaflet",
            language="fr",
            category="riph1",
            text="\n\n".join(chapters),
        )
    if not ClarityCheck.objects.filter(owner=researcher, title=SHORT_TITLE).exists():
        services.submit_check(
            researcher,
            title=SHORT_TITLE,
            document_kind="leaflet",
            language="fr",
            text="Vous pouvez arrêter demain.",
        )
