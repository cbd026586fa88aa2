"""Demo data of the directory (demo mode only): fictional organizations, research units and
researchers across disease areas and regions, so that search and matching show something
useful. Idempotent: running it twice changes nothing."""

from __future__ import annotations

import datetime as dt
import unicodedata

from tandem.accounts.models import Invitation, Role, RoleAssignment, User
from tandem.directory import health, services
from tandem.directory.models import (
    Approval,
    DiseaseArea,
    HealthRelation,
    Institute,
    MembershipRole,
    Organization,
    OrganizationKind,
    OrganizationMembership,
    OrganizationStatus,
    Partnership,
    PartnershipStatus,
    RegionalOffice,
    ResearcherProfile,
    ResearchUnit,
    SizeBand,
)

CITIES = [
    ("Paris", "idf"),
    ("Lyon", "ara"),
    ("Marseille", "pac"),
    ("Toulouse", "occ"),
    ("Lille", "hdf"),
    ("Rennes", "bre"),
    ("Bordeaux", "naq"),
    ("Strasbourg", "ges"),
    ("Nantes", "pdl"),
    ("Dijon", "bfc"),
    ("Rouen", "nor"),
    ("Tours", "cvl"),
    ("Montpellier", "occ"),
    ("Grenoble", "ara"),
    ("Pointe-à-Pitre", "gua"),
    ("Saint-Denis", "reu"),
    ("Ajaccio", "cor"),
    ("Fort-de-France", "mtq"),
]

# (theme, disease-area codes, three fictional names, one-line description)
THEMES: list[tuple[str, list[str], list[str], str]] = [
    (
        "diabetes",
        ["E10-E14"],
        ["Diabète Ensemble", "Jeunes et Diabète", "Sucre en Tête"],
        "Soutien aux personnes vivant avec un diabète de type 1 ou 2 et à leurs proches ; éducation thérapeutique.",
    ),
    (
        "obesity",
        ["E65-E68"],
        ["Collectif Poids et Santé", "Obésité Parlons-en", "Corps et Regards"],
        "Information et entraide autour de l'obésité, lutte contre la grossophobie dans le soin.",
    ),
    (
        "cf",
        ["586"],
        ["Souffle de Vie Muco", "Muco Avenir", "Les Ailes de la Muco"],
        "Familles et adultes touchés par la mucoviscidose : entraide, greffe, transition vers l'âge adulte.",
    ),
    (
        "sickle",
        ["232"],
        ["Drépano Solidarité", "SOS Globules", "Drépanocytose Espoir"],
        "Personnes vivant avec la drépanocytose : crises douloureuses, accès aux soins, information.",
    ),
    (
        "rare",
        ["RARE"],
        ["Alliance Maladies Orphelines", "Rares mais Pas Seuls", "Plateforme Rare Ensemble"],
        "Fédère des associations de maladies rares ; errance diagnostique, plans nationaux.",
    ),
    (
        "als",
        ["803"],
        ["Charcot Debout", "SLA Solidarités", "Les Amis de Charcot"],
        "Accompagnement des personnes atteintes de sclérose latérale amyotrophique et de leurs aidants.",
    ),
    (
        "dmd",
        ["98896"],
        ["Myopathies Ensemble", "Duchenne Horizons", "Force Muscle"],
        "Familles d'enfants atteints de dystrophie musculaire de Duchenne ; essais thérapeutiques.",
    ),
    (
        "alzheimer",
        ["G30-G32", "F00-F09"],
        ["Mémoire et Liens", "Aidants Alzheimer", "France Mémoire Active"],
        "Soutien aux personnes malades d'Alzheimer et à leurs aidants ; répit, formation.",
    ),
    (
        "parkinson",
        ["G20-G26"],
        ["Parkinson Mouvement", "Trembler Ensemble", "Cap Parkinson"],
        "Entraide et activité physique adaptée pour les personnes vivant avec la maladie de Parkinson.",
    ),
    (
        "ms",
        ["G35-G37"],
        ["Sclérose en Plaques Solidaire", "SEP Avenir", "Les Plaques et Nous"],
        "Personnes atteintes de sclérose en plaques : fatigue, emploi, traitements.",
    ),
    (
        "epilepsy",
        ["G40-G47"],
        ["Épilepsie Parlons Vrai", "Crises et Quotidien", "Les Amis de l'Épilepsie"],
        "Vivre avec une épilepsie : scolarité, conduite, emploi, épilepsies pharmacorésistantes.",
    ),
    (
        "cancer_breast",
        ["C50"],
        ["Rose Ensemble", "Après le Cancer du Sein", "Vivre Rose"],
        "Femmes touchées par un cancer du sein : après-cancer, reconstruction, retour au travail.",
    ),
    (
        "cancer_child",
        ["C81-C96", "C69-C72"],
        ["Enfants et Leucémie", "Petits Courageux", "Onco-Parents"],
        "Parents d'enfants atteints de cancer : leucémies, tumeurs cérébrales, vie à l'hôpital.",
    ),
    (
        "lung",
        ["J40-J47"],
        ["Respirer Mieux", "Asthme et Allergies Ensemble", "BPCO Souffle Court"],
        "Asthme, BPCO et insuffisance respiratoire : réhabilitation, air intérieur, éducation.",
    ),
    (
        "mental",
        ["F20-F29", "F30-F39"],
        ["Psy Ensemble", "Bipolaires et Fiers", "Schizo Oui"],
        "Usagers de la psychiatrie et proches : rétablissement, pair-aidance, lutte contre la stigmatisation.",
    ),
    (
        "autism",
        ["F80-F89"],
        ["Autisme Demain", "Spectre et Société", "Familles TSA"],
        "Personnes autistes et familles : diagnostic, inclusion scolaire, autodétermination.",
    ),
    (
        "kidney",
        ["N17-N19"],
        ["Reins et Vie", "Dialyse Solidaire", "Greffe Espoir Rein"],
        "Insuffisance rénale chronique, dialyse et greffe : qualité de vie, don d'organes.",
    ),
    (
        "hiv",
        ["B20-B24", "B15-B19"],
        ["Positif Ensemble", "VIH Santé Communautaire", "Hépatites Info Service Local"],
        "Santé communautaire autour du VIH et des hépatites virales ; prévention, dépistage, droits.",
    ),
    (
        "ibd",
        ["K50-K52"],
        ["Crohn et Colites Ensemble", "MICI Solidarité", "Intestins Fragiles"],
        "Maladies inflammatoires chroniques de l'intestin : crises, alimentation, emploi.",
    ),
    (
        "endometriosis",
        ["N80-N98"],
        ["Endo Voix", "Endométriose Ensemble", "Douleurs Invisibles"],
        "Endométriose : errance diagnostique, douleur, fertilité, reconnaissance au travail.",
    ),
]

UNITS: list[tuple[str, str, str, list[str], str, list[str]]] = [
    (
        "U1101",
        "Centre de recherche en diabétologie et métabolisme",
        "Paris",
        ["CMN"],
        "idf",
        ["E10-E14", "E65-E68"],
    ),
    (
        "U1102",
        "Institut de recherche sur les maladies respiratoires",
        "Lille",
        ["I3M"],
        "hdf",
        ["J40-J47", "586"],
    ),
    (
        "U1103",
        "Laboratoire de génétique des maladies rares",
        "Marseille",
        ["GGB"],
        "pac",
        ["RARE", "98896", "586"],
    ),
    ("U1104", "Centre de neurosciences cliniques", "Lyon", ["NNP"], "ara", ["G20-G26", "G30-G32"]),
    (
        "U1105",
        "Équipe d'épidémiologie du diabète de l'enfant",
        "Toulouse",
        ["ISP"],
        "occ",
        ["E10-E14"],
    ),
    (
        "U1106",
        "Unité d'hématologie et de drépanocytose",
        "Pointe-à-Pitre",
        ["CMN"],
        "gua",
        ["232", "D55-D59"],
    ),
    (
        "U1107",
        "Laboratoire de neurologie du mouvement",
        "Bordeaux",
        ["NNP"],
        "naq",
        ["G20-G26", "G35-G37"],
    ),
    (
        "U1108",
        "Centre de recherche en cancérologie pédiatrique",
        "Paris",
        ["Cancer"],
        "idf",
        ["C81-C96", "C69-C72"],
    ),
    (
        "U1109",
        "Unité de recherche sur le cancer du sein",
        "Montpellier",
        ["Cancer"],
        "occ",
        ["C50"],
    ),
    (
        "U1110",
        "Laboratoire de santé mentale et rétablissement",
        "Lille",
        ["ISP", "NNP"],
        "hdf",
        ["F20-F29", "F30-F39"],
    ),
    ("U1111", "Centre d'étude du neurodéveloppement", "Tours", ["NNP"], "cvl", ["F80-F89"]),
    ("U1112", "Unité de néphrologie et transplantation", "Nantes", ["CMN"], "pdl", ["N17-N19"]),
    (
        "U1113",
        "Laboratoire d'immunologie des infections virales",
        "Paris",
        ["I3M"],
        "idf",
        ["B20-B24", "B15-B19"],
    ),
    ("U1114", "Unité de gastro-entérologie translationnelle", "Lille", ["I3M"], "hdf", ["K50-K52"]),
    (
        "U1115",
        "Centre de santé des femmes et de la reproduction",
        "Rennes",
        ["ISP"],
        "bre",
        ["N80-N98", "Z30-Z39"],
    ),
    (
        "U1116",
        "Laboratoire des maladies neuromusculaires",
        "Strasbourg",
        ["BCDE"],
        "ges",
        ["98896", "G70-G73", "803"],
    ),
    ("U1117", "Centre d'épilepsie et de sommeil", "Grenoble", ["NNP"], "ara", ["G40-G47"]),
    ("U1118", "Unité de recherche sur la SLA", "Rouen", ["NNP"], "nor", ["803", "G10-G14"]),
    (
        "U1119",
        "Institut de santé publique et vieillissement",
        "Bordeaux",
        ["ISP"],
        "naq",
        ["F00-F09", "G30-G32"],
    ),
    (
        "U1120",
        "Unité de technologies pour la réhabilitation",
        "Dijon",
        ["ITS"],
        "bfc",
        ["J40-J47", "G80-G83"],
    ),
]

# The forty demo researchers (chercheur01 to chercheur40 @demo.example.org, in this order), each
# a different person with the address a directory gives for them (their contact address).
RESEARCHERS: list[tuple[str, str]] = [
    ("Camille", "Lambert"),
    ("Hugo", "Marchand"),
    ("Léa", "Gauthier"),
    ("Karim", "Haddad"),
    ("Inès", "Roussel"),
    ("Thomas", "Dumont"),
    ("Chloé", "Lemaire"),
    ("Mamadou", "Diallo"),
    ("Sarah", "Lopez"),
    ("Julien", "Rousseau"),
    ("Manon", "Perrin"),
    ("Yanis", "Brahimi"),
    ("Clara", "Blanc"),
    ("Nicolas", "Morin"),
    ("Aïcha", "Traoré"),
    ("Pierre", "Guérin"),
    ("Élise", "Mathieu"),
    ("Lucas", "Robin"),
    ("Samia", "Kaci"),
    ("Antoine", "Clément"),
    ("Juliette", "Carpentier"),
    ("Maxime", "Lefort"),
    ("Anaïs", "Barbier"),
    ("Mehdi", "Bensaïd"),
    ("Pauline", "Colin"),
    ("Vincent", "Arnaud"),
    ("Margaux", "Renaud"),
    ("Kevin", "Nguyen"),
    ("Laura", "Picard"),
    ("Baptiste", "Giraud"),
    ("Charlotte", "Leclerc"),
    ("Sofiane", "Meziane"),
    ("Mathilde", "Brun"),
    ("Guillaume", "Fabre"),
    ("Fatou", "Ndiaye"),
    ("Alexandre", "Roche"),
    ("Océane", "Vidal"),
    ("Florian", "Masson"),
    ("Agathe", "Dupuis"),
    ("Rémi", "Caron"),
]
TOPICS = {
    "E10-E14": "diabète de type 1, éducation thérapeutique, adolescents",
    "586": "mucoviscidose, transition pédiatrie-adulte, qualité de vie",
    "232": "drépanocytose, douleur, parcours de soins",
    "G20-G26": "maladie de Parkinson, activité physique adaptée",
    "C50": "cancer du sein, retour à l'emploi, après-cancer",
    "F20-F29": "rétablissement, pair-aidance, stigmatisation",
}

OFFICE_BY_REGION = {
    "idf": "Paris Île-de-France Centre-Nord",
    "hdf": "Nord-Ouest",
    "pac": "Provence",
    "ara": "Auvergne",
    "occ": "Occitanie Pyrénées",
    "gua": "Provence",
    "naq": "Nouvelle-Aquitaine",
    "cvl": "Grand Ouest",
    "pdl": "Grand Ouest",
    "bre": "Grand Ouest",
    "ges": "Est",
    "nor": "Nord-Ouest",
    "bfc": "Est",
}


def _areas(codes: list[str]) -> list[DiseaseArea]:
    return list(DiseaseArea.objects.filter(code__in=codes))


def contact_address(first: str, last: str) -> str:
    """A demo researcher's professional address: first.last, without accents or spaces."""
    local = unicodedata.normalize("NFKD", f"{first}.{last}".lower())
    local = "".join(c for c in local if not unicodedata.combining(c)).replace(" ", "-")
    return f"{local}@chercheurs.example.org"


def _office(region: str) -> RegionalOffice | None:
    fragment = OFFICE_BY_REGION.get(region, "")
    return RegionalOffice.objects.filter(name__icontains=fragment).first() if fragment else None


DEMO_INVITED = "nouvelle.benevole@example.org"

# The organization each demo person from a patient organization belongs to, chosen by their
# disease areas. The directory keeps it; the other demos read it: the organization a GRAM seat
# represents, a reviewer's organization in the College (its conflicts of interest), the one
# "Join the College" offers the GRAM's chair.
DEMO_MEMBERSHIPS: list[tuple[str, str, str]] = [
    ("member@example.org", "Diabète Ensemble", MembershipRole.ADMIN),
    ("gram@example.org", "Alliance Maladies Orphelines", MembershipRole.MEMBER),
    ("reviewer1@example.org", "Sucre en Tête", MembershipRole.MEMBER),
    ("reviewer2@example.org", "Muco Avenir", MembershipRole.MEMBER),
    ("reviewer3@example.org", "Drépano Solidarité", MembershipRole.MEMBER),
    ("reviewer4@example.org", "Collectif Poids et Santé", MembershipRole.MEMBER),
    ("reviewer5@example.org", "Jeunes et Diabète", MembershipRole.MEMBER),
    ("reviewer6@example.org", "BPCO Souffle Court", MembershipRole.MEMBER),
]


def load() -> None:
    member = User.objects.filter(email="member@example.org").first()
    researcher = User.objects.filter(email="researcher@example.org").first()
    organizations: dict[str, list[Organization]] = {}
    index = 0
    for t_index, (theme, codes, names, description) in enumerate(THEMES):
        areas = _areas(codes)
        for n_index, name in enumerate(names):
            city, region = CITIES[index % len(CITIES)]
            index += 1
            national = n_index == 0 and t_index % 3 == 0
            org, created = Organization.objects.get_or_create(
                name=name,
                defaults={
                    "kind": OrganizationKind.FEDERATION
                    if national
                    else OrganizationKind.PATIENT_ORGANIZATION,
                    "description": description,
                    "city": city,
                    "region": "nat" if national else region,
                    "website": f"https://{theme.replace('_', '-')}-{n_index + 1}.example.org",
                    "email": f"contact@{theme.replace('_', '-')}-{n_index + 1}.example.org",
                    "phone": f"0{1 + index % 5} 23 45 {10 + index:02d} {20 + t_index:02d}",
                    "approval": Approval.NATIONAL
                    if national
                    else (Approval.REGIONAL if index % 4 == 0 else Approval.NONE),
                    "approval_end": dt.date(2027 + index % 4, 1 + index % 12, 1)
                    if national or index % 4 == 0
                    else None,
                    "size_band": [
                        SizeBand.SMALL,
                        SizeBand.MEDIUM,
                        SizeBand.LARGE,
                        SizeBand.VERY_LARGE,
                    ][index % 4],
                    "founding_year": 1960 + (index * 7) % 60,
                    "partnership_status": [
                        PartnershipStatus.KNOWN_CONTACT,
                        PartnershipStatus.PARTNER,
                        PartnershipStatus.FRAMEWORK_AGREEMENT,
                    ][index % 3],
                    # Two organizations wait for validation, so the officer's queue is not empty.
                    "status": OrganizationStatus.PENDING
                    if index in (7, 29)
                    else OrganizationStatus.ACTIVE,
                },
            )
            if created:
                org.disease_areas.set(areas)
                services.refresh_search_text(org)
            organizations.setdefault(theme, []).append(org)

    institutes = {i.acronym: i for i in Institute.objects.all()}
    units: list[tuple[ResearchUnit, list[DiseaseArea]]] = []
    for code, name, city, institute_codes, region, area_codes in UNITS:
        unit, created = ResearchUnit.objects.get_or_create(
            code=code, defaults={"name": name, "city": city, "regional_office": _office(region)}
        )
        if created:
            unit.institutes.set([institutes[c] for c in institute_codes if c in institutes])
        units.append((unit, _areas(area_codes)))

    for r_index, (first, last) in enumerate(RESEARCHERS):
        unit, areas = units[r_index % len(units)]
        email = f"chercheur{r_index + 1:02d}@demo.example.org"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, first_name=first, last_name=last, is_demo=True)
            user.set_unusable_password()
            user.save()
            RoleAssignment.objects.get_or_create(user=user, role=Role.RESEARCHER)
        if not ResearcherProfile.objects.filter(user=user).exists():
            keywords = TOPICS.get(
                areas[0].code if areas else "", "qualité de vie, recherche participative"
            )
            services.save_researcher_profile(
                user,
                by=user,
                unit=unit,
                keywords=keywords,
                orcid="",
                disease_areas=areas,
                contact_email=contact_address(user.first_name, user.last_name),
            )
        if r_index < len(units) and unit.director_id is None:
            ResearchUnit.objects.filter(pk=unit.pk).update(director=user)

    pairs = [
        ("diabetes", "U1101", 2019, "Cohorte d'adolescents vivant avec un diabète de type 1"),
        (
            "cf",
            "U1102",
            2021,
            "Qualité de vie et transition vers l'âge adulte dans la mucoviscidose",
        ),
        ("sickle", "U1106", 2022, "Parcours de soins des crises vaso-occlusives"),
        ("dmd", "U1116", 2020, "Registre de patients Duchenne"),
        ("mental", "U1110", 2023, "Pair-aidance en psychiatrie : évaluation"),
        ("parkinson", "U1104", 2018, "Activité physique adaptée et Parkinson"),
    ]
    for theme, code, year, title in pairs:
        unit = ResearchUnit.objects.get(code=code)
        Partnership.objects.get_or_create(
            organization=organizations[theme][0], unit=unit, title=title, defaults={"year": year}
        )

    by_name = {org.name: org for orgs in organizations.values() for org in orgs}
    for email, name, role in DEMO_MEMBERSHIPS:
        person = User.objects.filter(email=email).first()
        if person is not None:
            OrganizationMembership.objects.get_or_create(
                user=person, organization=by_name[name], defaults={"role": role}
            )
    # Monique invited a volunteer of her organization who has no account yet: the invitation
    # waits on the organization's members page and in the officers' list.
    if member is not None and not Invitation.objects.filter(email=DEMO_INVITED).exists():
        services.add_or_invite_member(
            organizations["diabetes"][0],
            email=DEMO_INVITED,
            role=MembershipRole.MEMBER,
            by=member,
            language="fr",
        )
    if researcher is not None and not ResearcherProfile.objects.filter(user=researcher).exists():
        services.save_researcher_profile(
            researcher,
            by=researcher,
            unit=ResearchUnit.objects.get(code="U1105"),
            keywords="diabète de type 1, éducation thérapeutique, adolescents, activité physique",
            orcid="0000-0002-1825-0097",
            disease_areas=_areas(["E10-E14"]),
            contact_email=contact_address(researcher.first_name, researcher.last_name),
        )

    # Health information is given by choice only: one demo person chose to (Monique lives with
    # diabetes; she alone sees it). No other demo person has any.
    if member is not None and health.health_information_of(member, viewer=member) is None:
        health.save_health_information(
            member,
            by=member,
            conditions=[(a, HealthRelation.LIVES_WITH) for a in _areas(["E10-E14"])],
            consent=True,
        )
