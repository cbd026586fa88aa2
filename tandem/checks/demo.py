"""Demo checks: a researcher's leaflet in two versions, and the College's own lexicon terms."""

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
    if ClarityCheck.objects.filter(owner=researcher).exists():
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
