"""A generated French information leaflet of about 5,000 words, the same on every run.

Used by ``bench/clarity_speed.py``. Sentences are drawn (with a fixed seed) from a pool written
in the register of real leaflets: short and long sentences, jargon, acronyms, passives, numbers,
headings and lists.
"""

from __future__ import annotations

import random

HEADINGS = [
    "Pourquoi cette recherche ?", "Comment se déroule l'étude ?", "Quels sont les risques ?",
    "Quels sont les bénéfices ?", "Vos droits", "Vos données", "Qui contacter ?",
    "Combien de temps dure l'étude ?", "Que se passe-t-il à la fin de l'étude ?",
]  # fmt: skip
SENTENCES = [
    "Votre médecin vous propose de participer à une recherche sur un nouveau médicament.",
    "Le but de cette étude est de savoir si le traitement diminue la douleur.",
    "Les patients seront répartis par randomisation en deux groupes de même taille.",
    "Il vous sera demandé de venir à l'hôpital quatre fois pendant six mois.",
    "Une prise de sang sera réalisée par une infirmière à chaque visite.",
    "Environ 10 % des participants ont des maux de tête pendant les premiers jours.",
    "Un participant sur 20 peut avoir des nausées, qui disparaissent en général en une semaine.",
    "Vous pouvez retirer votre consentement à tout moment, sans avoir à vous justifier.",
    "Le comité de protection des personnes (CPP) a donné un avis favorable le 12 mars 2025.",
    "L'ANSM a autorisé cette recherche et peut contrôler son bon déroulement.",
    "Vos données seront pseudonymisées avant d'être transmises au promoteur.",
    "Au cours de la visite d'inclusion, le médecin investigateur vérifiera vos antécédents "
    "médicaux, mesurera votre tension artérielle et vous expliquera en détail comment prendre "
    "le traitement chaque jour à la maison.",
    "La dose est de 2,5 mg le matin.",
    "Vous recevrez une indemnité de 50 euros pour chaque visite.",
    "Les effets indésirables graves sont rares mais possibles.",
    "Nous vous tiendrons informé de toute nouvelle information qui pourrait modifier votre "
    "décision.",
    "Si vous arrêtez l'étude, votre médecin continuera à vous soigner comme d'habitude.",
    "L'électrocardiogramme est un examen sans douleur qui enregistre l'activité du cœur.",
    "La pharmacovigilance surveille les effets des médicaments après leur mise sur le marché.",
    "Vous avez le droit d'accéder à vos données, de les rectifier et de vous opposer à leur "
    "utilisation.",
]
LIST_ITEMS = [
    "venir aux visites prévues", "remplir un carnet chaque soir", "ne pas prendre d'autre "
    "médicament sans en parler", "signaler tout effet inhabituel", "apporter vos ordonnances",
]  # fmt: skip


def leaflet(words: int = 5000, seed: int = 7) -> str:
    rng = random.Random(seed)
    parts: list[str] = ["Note d'information destinée aux participants"]
    count = 5
    while count < words:
        heading = rng.choice(HEADINGS)
        parts.append(heading)
        count += len(heading.split())
        for _ in range(rng.randint(2, 4)):
            paragraph = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 5)))
            parts.append(paragraph)
            count += len(paragraph.split())
        if rng.random() < 0.4:
            items = rng.sample(LIST_ITEMS, 3)
            parts.append("Pendant l'étude, vous devrez :\n" + "\n".join(f"- {i}" for i in items))
            count += 5 + sum(len(i.split()) for i in items)
    return "\n\n".join(parts)
