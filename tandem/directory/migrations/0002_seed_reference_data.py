"""Seed the disease-area tree (ICD-10 chapters and main blocks, rare diseases with ORPHA codes),
the theme-based institutes and the regional offices. Reference data that officers edit later:
the institutes and offices are to verify against the institute's current list (see
docs/directory.md). Reversible: unapplying removes exactly what this migration added."""

from django.db import migrations

# (code, English, French, synonyms) — chapters carry the Roman numeral, blocks their range.
ICD10 = [
    (
        "I",
        "Certain infectious and parasitic diseases",
        "Certaines maladies infectieuses et parasitaires",
        "A00-B99\ninfections",
        [
            ("A15-A19", "Tuberculosis", "Tuberculose", ""),
            ("A30-A49", "Other bacterial diseases", "Autres maladies bactériennes", ""),
            (
                "B15-B19",
                "Viral hepatitis",
                "Hépatite virale",
                "hepatitis B\nhepatitis C\nhépatite B\nhépatite C",
            ),
            (
                "B20-B24",
                "Human immunodeficiency virus [HIV] disease",
                "Maladie due au virus de l'immunodéficience humaine [VIH]",
                "HIV\nAIDS\nVIH\nsida",
            ),
            (
                "B50-B64",
                "Protozoal diseases",
                "Maladies dues à des protozoaires",
                "malaria\npaludisme",
            ),
        ],
    ),
    (
        "II",
        "Neoplasms",
        "Tumeurs",
        "C00-D48\ncancer\ncancers\noncology\noncologie",
        [
            (
                "C00-C14",
                "Malignant neoplasms of lip, oral cavity and pharynx",
                "Tumeurs malignes de la lèvre, de la cavité buccale et du pharynx",
                "head and neck cancer\ncancer ORL",
            ),
            (
                "C15-C26",
                "Malignant neoplasms of digestive organs",
                "Tumeurs malignes des organes digestifs",
                "colorectal cancer\ncancer colorectal\ncancer du pancréas",
            ),
            (
                "C30-C39",
                "Malignant neoplasms of respiratory and intrathoracic organs",
                "Tumeurs malignes des organes respiratoires et intrathoraciques",
                "lung cancer\ncancer du poumon",
            ),
            (
                "C43-C44",
                "Melanoma and other malignant neoplasms of skin",
                "Mélanome et autres tumeurs malignes de la peau",
                "skin cancer\ncancer de la peau",
            ),
            (
                "C50",
                "Malignant neoplasm of breast",
                "Tumeur maligne du sein",
                "breast cancer\ncancer du sein",
            ),
            (
                "C51-C58",
                "Malignant neoplasms of female genital organs",
                "Tumeurs malignes des organes génitaux de la femme",
                "ovarian cancer\ncancer de l'ovaire",
            ),
            (
                "C60-C63",
                "Malignant neoplasms of male genital organs",
                "Tumeurs malignes des organes génitaux de l'homme",
                "prostate cancer\ncancer de la prostate",
            ),
            (
                "C69-C72",
                "Malignant neoplasms of eye, brain and other parts of central nervous system",
                "Tumeurs malignes de l'œil, de l'encéphale et d'autres parties du système nerveux central",
                "brain tumour\ntumeur cérébrale",
            ),
            (
                "C81-C96",
                "Malignant neoplasms of lymphoid, haematopoietic and related tissue",
                "Tumeurs malignes des tissus lymphoïde, hématopoïétique et apparentés",
                "leukaemia\nleukemia\nleucémie\nlymphoma\nlymphome\nmyeloma\nmyélome",
            ),
            ("D10-D36", "Benign neoplasms", "Tumeurs bénignes", ""),
        ],
    ),
    (
        "III",
        "Diseases of the blood and blood-forming organs and certain disorders involving the immune mechanism",
        "Maladies du sang et des organes hématopoïétiques et certains troubles du système immunitaire",
        "D50-D89",
        [
            ("D50-D53", "Nutritional anaemias", "Anémies nutritionnelles", "anemia\nanémie"),
            ("D55-D59", "Haemolytic anaemias", "Anémies hémolytiques", "thalassaemia\nthalassémie"),
            (
                "D65-D69",
                "Coagulation defects, purpura and other haemorrhagic conditions",
                "Anomalies de la coagulation, purpura et autres affections hémorragiques",
                "",
            ),
            (
                "D80-D89",
                "Certain disorders involving the immune mechanism",
                "Certaines anomalies du système immunitaire",
                "immune deficiency\ndéficit immunitaire",
            ),
        ],
    ),
    (
        "IV",
        "Endocrine, nutritional and metabolic diseases",
        "Maladies endocriniennes, nutritionnelles et métaboliques",
        "E00-E90",
        [
            (
                "E00-E07",
                "Disorders of thyroid gland",
                "Affections de la glande thyroïde",
                "thyroid\nthyroïde",
            ),
            (
                "E10-E14",
                "Diabetes mellitus",
                "Diabète sucré",
                "diabetes\ndiabète\ntype 1 diabetes\ntype 2 diabetes",
            ),
            ("E40-E46", "Malnutrition", "Malnutrition", "dénutrition"),
            (
                "E65-E68",
                "Obesity and other hyperalimentation",
                "Obésité et autres excès d'apport",
                "obesity\nobésité",
            ),
            (
                "E70-E90",
                "Metabolic disorders",
                "Anomalies du métabolisme",
                "inborn errors of metabolism\nmaladies métaboliques",
            ),
        ],
    ),
    (
        "V",
        "Mental and behavioural disorders",
        "Troubles mentaux et du comportement",
        "F00-F99\nmental health\nsanté mentale\npsychiatry\npsychiatrie",
        [
            (
                "F00-F09",
                "Organic, including symptomatic, mental disorders",
                "Troubles mentaux organiques, y compris les troubles symptomatiques",
                "dementia\ndémence",
            ),
            (
                "F10-F19",
                "Mental and behavioural disorders due to psychoactive substance use",
                "Troubles mentaux et du comportement liés à l'utilisation de substances psychoactives",
                "addiction\naddictions\nalcohol\nalcool",
            ),
            (
                "F20-F29",
                "Schizophrenia, schizotypal and delusional disorders",
                "Schizophrénie, trouble schizotypique et troubles délirants",
                "schizophrenia\nschizophrénie\npsychosis\npsychose",
            ),
            (
                "F30-F39",
                "Mood [affective] disorders",
                "Troubles de l'humeur [affectifs]",
                "depression\ndépression\nbipolar disorder\ntrouble bipolaire",
            ),
            (
                "F40-F48",
                "Neurotic, stress-related and somatoform disorders",
                "Troubles névrotiques, troubles liés à des facteurs de stress et troubles somatoformes",
                "anxiety\nanxiété\nPTSD",
            ),
            (
                "F50-F59",
                "Behavioural syndromes associated with physiological disturbances and physical factors",
                "Syndromes comportementaux associés à des perturbations physiologiques et à des facteurs physiques",
                "eating disorders\ntroubles du comportement alimentaire\nanorexia\nanorexie",
            ),
            (
                "F70-F79",
                "Mental retardation",
                "Retard mental",
                "intellectual disability\ndéficience intellectuelle",
            ),
            (
                "F80-F89",
                "Disorders of psychological development",
                "Troubles du développement psychologique",
                "autism\nautisme\nTSA\ndyslexia\ndyslexie",
            ),
            (
                "F90-F98",
                "Behavioural and emotional disorders with onset usually occurring in childhood and adolescence",
                "Troubles du comportement et troubles émotionnels apparaissant habituellement durant l'enfance et l'adolescence",
                "ADHD\nTDAH",
            ),
        ],
    ),
    (
        "VI",
        "Diseases of the nervous system",
        "Maladies du système nerveux",
        "G00-G99\nneurology\nneurologie",
        [
            (
                "G10-G14",
                "Systemic atrophies primarily affecting the central nervous system",
                "Affections dégénératives systémiques affectant principalement le système nerveux central",
                "motor neuron disease\nmaladie du motoneurone",
            ),
            (
                "G20-G26",
                "Extrapyramidal and movement disorders",
                "Syndromes extrapyramidaux et troubles de la motricité",
                "Parkinson's disease\nmaladie de Parkinson\nparkinson",
            ),
            (
                "G30-G32",
                "Other degenerative diseases of the nervous system",
                "Autres affections dégénératives du système nerveux",
                "Alzheimer's disease\nmaladie d'Alzheimer\nalzheimer",
            ),
            (
                "G35-G37",
                "Demyelinating diseases of the central nervous system",
                "Maladies démyélinisantes du système nerveux central",
                "multiple sclerosis\nsclérose en plaques\nSEP",
            ),
            (
                "G40-G47",
                "Episodic and paroxysmal disorders",
                "Affections épisodiques et paroxystiques",
                "epilepsy\népilepsie\nmigraine\nsleep disorders\ntroubles du sommeil",
            ),
            (
                "G70-G73",
                "Diseases of myoneural junction and muscle",
                "Affections musculaires et de la jonction neuromusculaire",
                "myopathy\nmyopathie\nneuromuscular\nneuromusculaire",
            ),
            (
                "G80-G83",
                "Cerebral palsy and other paralytic syndromes",
                "Paralysie cérébrale et autres syndromes paralytiques",
                "paralysie cérébrale\nIMC",
            ),
        ],
    ),
    (
        "VII",
        "Diseases of the eye and adnexa",
        "Maladies de l'œil et de ses annexes",
        "H00-H59\nophthalmology\nophtalmologie",
        [
            ("H25-H28", "Disorders of lens", "Affections du cristallin", "cataract\ncataracte"),
            (
                "H30-H36",
                "Disorders of choroid and retina",
                "Affections de la choroïde et de la rétine",
                "macular degeneration\nDMLA\nretinopathy\nrétinopathie",
            ),
            ("H40-H42", "Glaucoma", "Glaucome", ""),
            (
                "H53-H54",
                "Visual disturbances and blindness",
                "Troubles de la vision et cécité",
                "low vision\nmalvoyance\nblindness\ncécité",
            ),
        ],
    ),
    (
        "VIII",
        "Diseases of the ear and mastoid process",
        "Maladies de l'oreille et de l'apophyse mastoïde",
        "H60-H95",
        [
            (
                "H65-H75",
                "Diseases of middle ear and mastoid",
                "Maladies de l'oreille moyenne et de l'apophyse mastoïde",
                "otitis\notite",
            ),
            (
                "H80-H83",
                "Diseases of inner ear",
                "Maladies de l'oreille interne",
                "tinnitus\nacouphènes",
            ),
            (
                "H90-H95",
                "Other disorders of ear",
                "Autres affections de l'oreille",
                "hearing loss\nsurdité\ndeafness",
            ),
        ],
    ),
    (
        "IX",
        "Diseases of the circulatory system",
        "Maladies de l'appareil circulatoire",
        "I00-I99\ncardiology\ncardiologie\ncardiovascular\ncardiovasculaire",
        [
            (
                "I10-I15",
                "Hypertensive diseases",
                "Maladies hypertensives",
                "hypertension\nhigh blood pressure",
            ),
            (
                "I20-I25",
                "Ischaemic heart diseases",
                "Cardiopathies ischémiques",
                "heart attack\ninfarctus",
            ),
            (
                "I30-I52",
                "Other forms of heart disease",
                "Autres formes de cardiopathies",
                "heart failure\ninsuffisance cardiaque",
            ),
            (
                "I60-I69",
                "Cerebrovascular diseases",
                "Maladies cérébrovasculaires",
                "stroke\nAVC\naccident vasculaire cérébral",
            ),
            (
                "I70-I79",
                "Diseases of arteries, arterioles and capillaries",
                "Maladies des artères, artérioles et capillaires",
                "",
            ),
        ],
    ),
    (
        "X",
        "Diseases of the respiratory system",
        "Maladies de l'appareil respiratoire",
        "J00-J99\npneumology\npneumologie",
        [
            (
                "J09-J18",
                "Influenza and pneumonia",
                "Grippe et pneumopathie",
                "flu\ngrippe\npneumonie",
            ),
            (
                "J40-J47",
                "Chronic lower respiratory diseases",
                "Maladies chroniques des voies respiratoires inférieures",
                "asthma\nasthme\nCOPD\nBPCO",
            ),
            (
                "J60-J70",
                "Lung diseases due to external agents",
                "Maladies du poumon dues à des agents externes",
                "",
            ),
            (
                "J80-J84",
                "Other respiratory diseases principally affecting the interstitium",
                "Autres maladies respiratoires touchant principalement le tissu interstitiel",
                "pulmonary fibrosis\nfibrose pulmonaire",
            ),
        ],
    ),
    (
        "XI",
        "Diseases of the digestive system",
        "Maladies de l'appareil digestif",
        "K00-K93",
        [
            (
                "K20-K31",
                "Diseases of oesophagus, stomach and duodenum",
                "Maladies de l'œsophage, de l'estomac et du duodénum",
                "",
            ),
            (
                "K50-K52",
                "Noninfective enteritis and colitis",
                "Entérites et colites non infectieuses",
                "Crohn's disease\nmaladie de Crohn\nulcerative colitis\nrectocolite hémorragique\nMICI\nIBD",
            ),
            ("K70-K77", "Diseases of liver", "Maladies du foie", "cirrhosis\ncirrhose"),
            (
                "K80-K87",
                "Disorders of gallbladder, biliary tract and pancreas",
                "Affections de la vésicule biliaire, des voies biliaires et du pancréas",
                "pancreatitis\npancréatite",
            ),
        ],
    ),
    (
        "XII",
        "Diseases of the skin and subcutaneous tissue",
        "Maladies de la peau et du tissu cellulaire sous-cutané",
        "L00-L99\ndermatology\ndermatologie",
        [
            (
                "L20-L30",
                "Dermatitis and eczema",
                "Dermatoses et eczéma",
                "eczema\neczéma\natopic dermatitis\ndermatite atopique",
            ),
            ("L40-L45", "Papulosquamous disorders", "Lésions papulo-squameuses", "psoriasis"),
            (
                "L80-L99",
                "Other disorders of the skin and subcutaneous tissue",
                "Autres affections de la peau et du tissu cellulaire sous-cutané",
                "vitiligo",
            ),
        ],
    ),
    (
        "XIII",
        "Diseases of the musculoskeletal system and connective tissue",
        "Maladies du système ostéo-articulaire, des muscles et du tissu conjonctif",
        "M00-M99\nrheumatology\nrhumatologie",
        [
            (
                "M05-M14",
                "Inflammatory polyarthropathies",
                "Polyarthropathies inflammatoires",
                "rheumatoid arthritis\npolyarthrite rhumatoïde",
            ),
            (
                "M30-M36",
                "Systemic connective tissue disorders",
                "Affections disséminées du tissu conjonctif",
                "lupus\nscleroderma\nsclérodermie",
            ),
            (
                "M40-M54",
                "Dorsopathies",
                "Dorsopathies",
                "back pain\nmal de dos\nlombalgie\nspondylarthrite",
            ),
            (
                "M80-M94",
                "Osteopathies and chondropathies",
                "Ostéopathies et chondropathies",
                "osteoporosis\nostéoporose",
            ),
        ],
    ),
    (
        "XIV",
        "Diseases of the genitourinary system",
        "Maladies de l'appareil génito-urinaire",
        "N00-N99",
        [
            ("N00-N08", "Glomerular diseases", "Glomérulopathies", "nephropathy\nnéphropathie"),
            (
                "N17-N19",
                "Renal failure",
                "Insuffisance rénale",
                "kidney failure\ndialysis\ndialyse\nkidney disease\nmaladie rénale",
            ),
            (
                "N80-N98",
                "Noninflammatory disorders of female genital tract",
                "Affections non inflammatoires de l'appareil génital de la femme",
                "endometriosis\nendométriose",
            ),
        ],
    ),
    (
        "XV",
        "Pregnancy, childbirth and the puerperium",
        "Grossesse, accouchement et puerpéralité",
        "O00-O99\nperinatal\npérinatalité",
        [
            (
                "O10-O16",
                "Oedema, proteinuria and hypertensive disorders in pregnancy, childbirth and the puerperium",
                "Œdème, protéinurie et hypertension au cours de la grossesse, de l'accouchement et de la puerpéralité",
                "pre-eclampsia\nprééclampsie",
            ),
            (
                "O60-O75",
                "Complications of labour and delivery",
                "Complications du travail et de l'accouchement",
                "",
            ),
        ],
    ),
    (
        "XVI",
        "Certain conditions originating in the perinatal period",
        "Certaines affections dont l'origine se situe dans la période périnatale",
        "P00-P96\nneonatology\nnéonatologie",
        [
            (
                "P05-P08",
                "Disorders related to length of gestation and fetal growth",
                "Anomalies liées à la durée de la gestation et à la croissance du fœtus",
                "prematurity\nprématurité\npreterm birth",
            ),
            (
                "P20-P29",
                "Respiratory and cardiovascular disorders specific to the perinatal period",
                "Affections respiratoires et cardiovasculaires spécifiques de la période périnatale",
                "",
            ),
        ],
    ),
    (
        "XVII",
        "Congenital malformations, deformations and chromosomal abnormalities",
        "Malformations congénitales et anomalies chromosomiques",
        "Q00-Q99",
        [
            (
                "Q00-Q07",
                "Congenital malformations of the nervous system",
                "Malformations congénitales du système nerveux",
                "spina bifida",
            ),
            (
                "Q20-Q28",
                "Congenital malformations of the circulatory system",
                "Malformations congénitales de l'appareil circulatoire",
                "congenital heart disease\ncardiopathie congénitale",
            ),
            (
                "Q90-Q99",
                "Chromosomal abnormalities, not elsewhere classified",
                "Anomalies chromosomiques, non classées ailleurs",
                "Down syndrome\ntrisomie 21\ntrisomy 21",
            ),
        ],
    ),
    (
        "XVIII",
        "Symptoms, signs and abnormal clinical and laboratory findings, not elsewhere classified",
        "Symptômes, signes et résultats anormaux d'examens cliniques et de laboratoire, non classés ailleurs",
        "R00-R99",
        [
            (
                "R50-R69",
                "General symptoms and signs",
                "Symptômes et signes généraux",
                "chronic pain\ndouleur chronique\nfatigue",
            ),
        ],
    ),
    (
        "XIX",
        "Injury, poisoning and certain other consequences of external causes",
        "Lésions traumatiques, empoisonnements et certaines autres conséquences de causes externes",
        "S00-T98",
        [
            (
                "S00-S09",
                "Injuries to the head",
                "Lésions traumatiques de la tête",
                "traumatic brain injury\ntraumatisme crânien",
            ),
            ("T20-T32", "Burns and corrosions", "Brûlures et corrosions", "burns\nbrûlures"),
            (
                "T36-T50",
                "Poisoning by drugs, medicaments and biological substances",
                "Intoxication par des médicaments et des substances biologiques",
                "",
            ),
        ],
    ),
    (
        "XX",
        "External causes of morbidity and mortality",
        "Causes externes de morbidité et de mortalité",
        "V01-Y98",
        [
            ("X60-X84", "Intentional self-harm", "Lésions auto-infligées", "suicide"),
        ],
    ),
    (
        "XXI",
        "Factors influencing health status and contact with health services",
        "Facteurs influant sur l'état de santé et motifs de recours aux services de santé",
        "Z00-Z99",
        [
            (
                "Z30-Z39",
                "Persons encountering health services in circumstances related to reproduction",
                "Sujets ayant recours aux services de santé pour des motifs liés à la reproduction",
                "fertility\nfertilité\nmedically assisted reproduction\nPMA",
            ),
            (
                "Z80-Z99",
                "Persons with potential health hazards related to family and personal history",
                "Sujets dont la santé est menacée en raison d'antécédents personnels et familiaux",
                "disability\nhandicap",
            ),
        ],
    ),
    (
        "XXII",
        "Codes for special purposes",
        "Codes d'utilisation particulière",
        "U00-U99",
        [
            ("U07.1", "COVID-19", "COVID-19", "coronavirus\nSARS-CoV-2\nlong COVID\nCOVID long"),
        ],
    ),
]

# ORPHA codes to verify against Orphanet before relying on them (docs/directory.md).
RARE = [
    ("586", "Cystic fibrosis", "Mucoviscidose", "CF"),
    (
        "98896",
        "Duchenne muscular dystrophy",
        "Dystrophie musculaire de Duchenne",
        "myopathie de Duchenne",
    ),
    ("232", "Sickle cell anemia", "Drépanocytose", "sickle cell disease"),
    (
        "803",
        "Amyotrophic lateral sclerosis",
        "Sclérose latérale amyotrophique",
        "ALS\nSLA\nmaladie de Charcot",
    ),
    ("399", "Huntington disease", "Maladie de Huntington", "chorée de Huntington"),
    ("778", "Rett syndrome", "Syndrome de Rett", ""),
    ("448", "Hemophilia", "Hémophilie", "haemophilia"),
    ("70", "Proximal spinal muscular atrophy", "Amyotrophie spinale proximale", "SMA\nSMA"),
    ("558", "Marfan syndrome", "Syndrome de Marfan", ""),
    ("908", "Fragile X syndrome", "Syndrome de l'X fragile", ""),
]

INSTITUTES = [
    (
        "BCDE",
        "Biologie cellulaire, développement et évolution",
        "Cell biology, development and evolution",
    ),
    (
        "BMSV",
        "Bases moléculaires et structurales du vivant",
        "Molecular and structural bases of life",
    ),
    ("Cancer", "Cancer", "Cancer"),
    ("CMN", "Circulation, métabolisme, nutrition", "Circulation, metabolism, nutrition"),
    ("GGB", "Génétique, génomique et bio-informatique", "Genetics, genomics and bioinformatics"),
    (
        "I3M",
        "Immunologie, inflammation, infectiologie et microbiologie",
        "Immunology, inflammation, infectious diseases and microbiology",
    ),
    (
        "NNP",
        "Neurosciences, sciences cognitives, neurologie, psychiatrie",
        "Neurosciences, cognitive sciences, neurology, psychiatry",
    ),
    ("ISP", "Santé publique", "Public health"),
    ("ITS", "Technologies pour la santé", "Health technologies"),
]

OFFICES = [
    ("Délégation régionale Auvergne-Rhône-Alpes", "Lyon", "ara"),
    ("Délégation régionale Est", "Strasbourg", "ges"),
    ("Délégation régionale Grand Ouest", "Nantes", "pdl"),
    ("Délégation régionale Nord-Ouest", "Lille", "hdf"),
    ("Délégation régionale Nouvelle-Aquitaine", "Bordeaux", "naq"),
    ("Délégation régionale Occitanie Méditerranée", "Montpellier", "occ"),
    ("Délégation régionale Occitanie Pyrénées", "Toulouse", "occ"),
    ("Délégation régionale Provence-Alpes-Côte d'Azur et Corse", "Marseille", "pac"),
    ("Délégation régionale Paris Île-de-France Centre-Est", "Paris", "idf"),
    ("Délégation régionale Paris Île-de-France Centre-Nord", "Paris", "idf"),
    ("Délégation régionale Paris Île-de-France Sud", "Le Kremlin-Bicêtre", "idf"),
]

SEED_SYSTEMS = ("ICD-10", "ORPHA", "TANDEM")


def _add(DiseaseArea, *, code_system, code, en, fr, synonyms, parent, sort_key):
    area = DiseaseArea.objects.create(
        code_system=code_system,
        code=code,
        name_en=en,
        name_fr=fr,
        synonyms=synonyms,
        parent=parent,
        depth=(parent.depth + 1) if parent else 0,
        sort_key=sort_key,
    )
    area.path = f"{parent.path if parent else '/'}{area.pk}/"
    area.save(update_fields=["path"])
    return area


def seed(apps, schema_editor):
    DiseaseArea = apps.get_model("directory", "DiseaseArea")
    Institute = apps.get_model("directory", "Institute")
    RegionalOffice = apps.get_model("directory", "RegionalOffice")
    for index, (code, en, fr, synonyms, blocks) in enumerate(ICD10, start=1):
        chapter = _add(
            DiseaseArea,
            code_system="ICD-10",
            code=code,
            en=en,
            fr=fr,
            synonyms=synonyms,
            parent=None,
            sort_key=f"{index:03d}",
        )
        for b_index, (b_code, b_en, b_fr, b_syn) in enumerate(blocks, start=1):
            _add(
                DiseaseArea,
                code_system="ICD-10",
                code=b_code,
                en=b_en,
                fr=b_fr,
                synonyms=b_syn,
                parent=chapter,
                sort_key=f"{index:03d}{b_index:03d}",
            )
    rare = _add(
        DiseaseArea,
        code_system="TANDEM",
        code="RARE",
        en="Rare diseases",
        fr="Maladies rares",
        synonyms="orphan diseases\nmaladies orphelines",
        parent=None,
        sort_key="900",
    )
    for r_index, (code, en, fr, synonyms) in enumerate(RARE, start=1):
        _add(
            DiseaseArea,
            code_system="ORPHA",
            code=code,
            en=en,
            fr=fr,
            synonyms=synonyms,
            parent=rare,
            sort_key=f"900{r_index:03d}",
        )
    for acronym, fr, en in INSTITUTES:
        Institute.objects.get_or_create(acronym=acronym, defaults={"name_fr": fr, "name_en": en})
    for name, city, region in OFFICES:
        RegionalOffice.objects.get_or_create(name=name, defaults={"city": city, "region": region})


def unseed(apps, schema_editor):
    DiseaseArea = apps.get_model("directory", "DiseaseArea")
    Institute = apps.get_model("directory", "Institute")
    RegionalOffice = apps.get_model("directory", "RegionalOffice")
    seeded = DiseaseArea.objects.filter(code_system__in=SEED_SYSTEMS)
    # Children first: parents are protected.
    for area in seeded.order_by("-depth"):
        area.delete()
    Institute.objects.filter(acronym__in=[i[0] for i in INSTITUTES]).delete()
    RegionalOffice.objects.filter(name__in=[o[0] for o in OFFICES]).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
