"""The directory: organizations, research units and researchers, disease areas."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from tandem.core.links import reverse
from tandem.core.models import TimeStampedModel
from tandem.core.validators import validate_single_line, validate_text
from tandem.directory import validators
from tandem.directory.text import FACET_PREFIX, fold, indexed


class Region(models.TextChoices):
    """The regions of France (2016 map), overseas regions included."""

    AUVERGNE_RHONE_ALPES = "ara", "Auvergne-Rhône-Alpes"
    BOURGOGNE_FRANCHE_COMTE = "bfc", "Bourgogne-Franche-Comté"
    BRETAGNE = "bre", "Bretagne"
    CENTRE_VAL_DE_LOIRE = "cvl", "Centre-Val de Loire"
    CORSE = "cor", "Corse"
    GRAND_EST = "ges", "Grand Est"
    HAUTS_DE_FRANCE = "hdf", "Hauts-de-France"
    ILE_DE_FRANCE = "idf", "Île-de-France"
    NORMANDIE = "nor", "Normandie"
    NOUVELLE_AQUITAINE = "naq", "Nouvelle-Aquitaine"
    OCCITANIE = "occ", "Occitanie"
    PAYS_DE_LA_LOIRE = "pdl", "Pays de la Loire"
    PROVENCE_ALPES_COTE_D_AZUR = "pac", "Provence-Alpes-Côte d'Azur"
    GUADELOUPE = "gua", "Guadeloupe"
    MARTINIQUE = "mtq", "Martinique"
    GUYANE = "guf", "Guyane"
    LA_REUNION = "reu", "La Réunion"
    MAYOTTE = "myt", "Mayotte"
    NATIONAL = "nat", _("National (whole country)")


class DiseaseArea(TimeStampedModel):
    """A node of the bilingual disease-area tree. `path` holds the primary keys of the ancestors
    and the node itself ("/3/17/"), so descendants are one `startswith` filter."""

    name_fr = models.CharField(
        _("name in French"), max_length=200, validators=[validate_single_line]
    )
    name_en = models.CharField(
        _("name in English"), max_length=200, validators=[validate_single_line]
    )
    synonyms = models.TextField(
        _("synonyms"), blank=True, help_text=_("Other names, in either language, one per line.")
    )
    code_system = models.CharField(
        _("code system"), max_length=20, blank=True, help_text=_("For example ICD-10 or ORPHA.")
    )
    code = models.CharField(_("code"), max_length=30, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    sort_key = models.CharField(max_length=40, blank=True, editable=False)

    class Meta:
        verbose_name = _("disease area")
        verbose_name_plural = _("disease areas")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["code_system", "code"],
                condition=~Q(code=""),
                name="directory_unique_disease_area_code",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "fr").startswith("en") else self.name_fr

    @property
    def label(self) -> str:
        return f"{self.code} — {self.name}" if self.code else self.name

    @property
    def search_text(self) -> str:
        return fold(" ".join([self.name_fr, self.name_en, self.synonyms, self.code]))

    @property
    def indent(self) -> str:
        """Em spaces that show the depth in plain text (select boxes, tables)."""
        return "\u2003" * self.depth

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part][:-1]


class Institute(TimeStampedModel):
    """A theme-based institute of the research institute (reference data)."""

    name_fr = models.CharField(
        _("name in French"), max_length=200, validators=[validate_single_line]
    )
    name_en = models.CharField(
        _("name in English"), max_length=200, validators=[validate_single_line]
    )
    acronym = models.CharField(
        _("acronym"), max_length=20, blank=True, validators=[validate_single_line]
    )
    # The institute's own people: they see and may follow the incubator's projects linked to it.
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff"),
        blank=True,
        related_name="institutes_staffed",
    )

    class Meta:
        verbose_name = _("theme-based institute")
        verbose_name_plural = _("theme-based institutes")
        ordering = ["name_fr"]

    def __str__(self) -> str:
        return self.name_en if (get_language() or "fr").startswith("en") else self.name_fr


class RegionalOffice(TimeStampedModel):
    """A regional office of the research institute (reference data)."""

    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    city = models.CharField(
        _("city"), max_length=100, blank=True, validators=[validate_single_line]
    )
    region = models.CharField(_("main region"), max_length=3, choices=Region.choices, blank=True)
    # The office's own people: they see and may follow the incubator's projects linked to it.
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff"),
        blank=True,
        related_name="regional_offices_staffed",
    )

    class Meta:
        verbose_name = _("regional office")
        verbose_name_plural = _("regional offices")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ResearchUnit(TimeStampedModel):
    code = models.CharField(
        _("unit code"),
        max_length=12,
        unique=True,
        validators=[validators.validate_unit_code],
        help_text=_("For example U1234."),
    )
    name = models.CharField(_("name"), max_length=300, validators=[validate_single_line])
    institutes = models.ManyToManyField(
        Institute, verbose_name=_("theme-based institutes"), blank=True, related_name="units"
    )
    regional_office = models.ForeignKey(
        RegionalOffice,
        verbose_name=_("regional office"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="units",
    )
    city = models.CharField(
        _("city"), max_length=100, blank=True, validators=[validate_single_line]
    )
    director = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("director"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directed_units",
    )

    class Meta:
        verbose_name = _("research unit")
        verbose_name_plural = _("research units")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("directory:unit", args=[self.pk])

    @property
    def region(self) -> str:
        return self.regional_office.region if self.regional_office else ""


class ResearcherProfile(TimeStampedModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="researcher_profile",
    )
    unit = models.ForeignKey(
        ResearchUnit,
        verbose_name=_("research unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="researchers",
    )
    keywords = models.TextField(
        _("research topics"),
        blank=True,
        help_text=_("Key words or short phrases, separated by commas, in French or English."),
    )
    disease_areas = models.ManyToManyField(
        DiseaseArea, verbose_name=_("disease areas"), blank=True, related_name="researchers"
    )
    orcid = models.CharField(
        _("ORCID iD"),
        max_length=19,
        blank=True,
        validators=[validators.validate_orcid],
        help_text=_("16 characters in groups of four, for example 0000-0002-1825-0097."),
    )
    # The address a directory gives for a researcher: chosen by the researcher, not the
    # sign-in address, which stays private.
    contact_email = models.EmailField(
        _("contact address"),
        blank=True,
        help_text=_(
            "The professional address partners may write to. Signed-in members of the "
            "partnership see it beside your name; leave it empty to show none."
        ),
    )
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = _("researcher profile")
        verbose_name_plural = _("researcher profiles")
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self) -> str:
        return str(self.user)


class OrganizationKind(models.TextChoices):
    PATIENT_ORGANIZATION = "patient", _("Patient organization")
    FEDERATION = "federation", _("Federation")
    FOUNDATION = "foundation", _("Foundation")
    OTHER = "other", pgettext_lazy("organization kind", "Other")


class Approval(models.TextChoices):
    NONE = "none", _("No approval")
    REGIONAL = "regional", _("Regional approval")
    NATIONAL = "national", _("National approval")


class SizeBand(models.TextChoices):
    UNKNOWN = "", _("Not given")
    SMALL = "lt100", _("Fewer than 100 members")
    MEDIUM = "lt1000", _("100 to 999 members")
    LARGE = "lt10000", _("1,000 to 9,999 members")
    VERY_LARGE = "10000plus", _("10,000 members or more")


class PartnershipStatus(models.TextChoices):
    KNOWN_CONTACT = "known_contact", _("Known contact")
    PARTNER = "partner", _("Partner")
    FRAMEWORK_AGREEMENT = "framework_agreement", _("Framework agreement")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    SIGNED_IN = "signed_in", _("Signed-in people")
    PRIVATE = "private", _("Only officers and the organization's admins")


class OrganizationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for validation")
    ACTIVE = "active", _("Active")
    ARCHIVED = "archived", _("Archived")


# The one table of allowed status changes (STYLE.md 7).
ORGANIZATION_TRANSITIONS: dict[str, frozenset[str]] = {
    OrganizationStatus.PENDING: frozenset({OrganizationStatus.ACTIVE, OrganizationStatus.ARCHIVED}),
    OrganizationStatus.ACTIVE: frozenset({OrganizationStatus.ARCHIVED}),
    OrganizationStatus.ARCHIVED: frozenset({OrganizationStatus.ACTIVE}),
}


def _agreement_upload_to(instance: Organization, filename: str) -> str:
    # A generated name: the uploaded one could hold a path, markup or a misleading extension.
    return f"directory/agreements/{uuid.uuid4().hex}.pdf"


class Organization(TimeStampedModel):
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=OrganizationKind.choices,
        default=OrganizationKind.PATIENT_ORGANIZATION,
    )
    name = models.CharField(_("name"), max_length=300, validators=[validate_single_line])
    acronym = models.CharField(
        _("acronym"), max_length=40, blank=True, validators=[validate_single_line]
    )
    description = models.TextField(_("description"), blank=True, validators=[validate_text])
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    email_visibility = models.CharField(
        _("who sees the email"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    phone = models.CharField(
        _("contact phone"), max_length=40, blank=True, validators=[validate_single_line]
    )
    phone_visibility = models.CharField(
        _("who sees the phone number"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.SIGNED_IN,
    )
    address = models.TextField(_("postal address"), blank=True, validators=[validate_text])
    address_visibility = models.CharField(
        _("who sees the address"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    city = models.CharField(
        _("city"), max_length=100, blank=True, validators=[validate_single_line]
    )
    region = models.CharField(_("region"), max_length=3, choices=Region.choices, blank=True)
    rna = models.CharField(
        _("RNA number"),
        max_length=10,
        blank=True,
        validators=[validators.validate_rna],
        help_text=_("The letter W followed by 9 digits, for example W751234567."),
    )
    siren = models.CharField(
        _("SIREN number"),
        max_length=9,
        blank=True,
        validators=[validators.validate_siren],
        help_text=_("9 digits."),
    )
    siret = models.CharField(
        _("SIRET number"),
        max_length=14,
        blank=True,
        validators=[validators.validate_siret],
        help_text=_("14 digits: the SIREN then 5 digits."),
    )
    approval = models.CharField(
        _("health-system approval"), max_length=10, choices=Approval.choices, default=Approval.NONE
    )
    approval_end = models.DateField(_("approval ends on"), null=True, blank=True)
    approval_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    disease_areas = models.ManyToManyField(
        DiseaseArea, verbose_name=_("disease areas"), blank=True, related_name="organizations"
    )
    size_band = models.CharField(
        _("size"), max_length=10, choices=SizeBand.choices, blank=True, default=SizeBand.UNKNOWN
    )
    founding_year = models.PositiveSmallIntegerField(
        _("founding year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    partnership_status = models.CharField(
        _("partnership with the institute"),
        max_length=20,
        choices=PartnershipStatus.choices,
        default=PartnershipStatus.KNOWN_CONTACT,
    )
    partnership_since = models.DateField(_("partner since"), null=True, blank=True)
    agreement_start = models.DateField(_("framework agreement starts on"), null=True, blank=True)
    agreement_end = models.DateField(_("framework agreement ends on"), null=True, blank=True)
    agreement_document = models.FileField(
        _("signed framework agreement"), upload_to=_agreement_upload_to, blank=True
    )
    is_public = models.BooleanField(_("show in the public directory"), default=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OrganizationStatus.choices,
        default=OrganizationStatus.PENDING,
        db_index=True,
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_duplicates",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="OrganizationMembership",
        related_name="organizations",
        verbose_name=_("members"),
    )
    # Accent-folded name, acronym, description, city and disease-area names in both languages,
    # kept up to date by the services: the portable search index (see search.search_organizations).
    search_text = models.TextField(editable=False, blank=True, default="")
    # The filter values as index words (facet_tokens), indexed apart from the free text above:
    # a description that holds such a word matches a search for it, never the filter.
    facets = models.TextField(editable=False, blank=True, default="")
    name_folded = models.CharField(editable=False, max_length=400, blank=True, default="")
    # The disease areas' ids, comma-separated, rebuilt with search_text
    # (services.refresh_search_text): the directory list shows a page's areas without
    # aggregating their links (search.RankedQuery.page_sql).
    area_ids = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["rna"], condition=~Q(rna=""), name="directory_unique_rna"
            ),
            models.UniqueConstraint(
                fields=["siren"], condition=~Q(siren=""), name="directory_unique_siren"
            ),
            models.UniqueConstraint(
                fields=["siret"], condition=~Q(siret=""), name="directory_unique_siret"
            ),
            models.CheckConstraint(
                condition=Q(status__in=OrganizationStatus.values), name="directory_org_status_valid"
            ),
        ]
        indexes = [
            models.Index(
                fields=["status", "is_public", "region", "kind"], name="directory_org_filters"
            ),
            models.Index(fields=["name", "id"], name="directory_org_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:organization", args=[self.pk])

    def build_search_text(self, areas: list[DiseaseArea] | None = None) -> str:
        if areas is None:
            areas = list(self.disease_areas.all())
        parts = [self.name, self.acronym, self.city, self.get_region_display(), self.description]
        parts += [area.search_text for area in areas]
        return indexed(fold(" ".join(p for p in parts if p)))

    def build_facets(self, areas: list[DiseaseArea] | None = None) -> str:
        if areas is None:
            areas = list(self.disease_areas.all())
        return " ".join(self.facet_tokens(areas))

    def facet_tokens(self, areas: list[DiseaseArea]) -> list[str]:
        """Filter values as index words (the `facets` column), so that the full-text index
        intersects them with the query's words (see search.search_organizations)."""
        area_ids = sorted({pk for area in areas for pk in [*area.ancestor_ids(), area.pk]})
        return facet_tokens(
            region=self.region, kind=self.kind, approval=self.approval, area_ids=area_ids
        )


def facet_tokens(
    *, region: str = "", kind: str = "", approval: str = "", area_ids: list[int] | None = None
) -> list[str]:
    q = FACET_PREFIX
    tokens = [f"{q}r{region}" if region else "", f"{q}k{kind}" if kind else ""]
    tokens += [f"{q}a{approval}" if approval else ""]
    tokens += [f"{q}d{pk}" for pk in area_ids or []]
    return [t for t in tokens if t]


class MembershipRole(models.TextChoices):
    ADMIN = "admin", _("Administrator of the organization")
    MEMBER = "member", _("Member")


class OrganizationMembership(TimeStampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="organization_memberships",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("role in the organization"),
        max_length=10,
        choices=MembershipRole.choices,
        default=MembershipRole.MEMBER,
    )

    class Meta:
        verbose_name = _("organization membership")
        verbose_name_plural = _("organization memberships")
        ordering = ["organization__name", "user__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"], name="directory_unique_membership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organization} ({self.get_role_display()})"


class Partnership(TimeStampedModel):
    """A past partnership between an organization and a research unit."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="partnerships",
    )
    unit = models.ForeignKey(
        ResearchUnit,
        verbose_name=_("research unit"),
        on_delete=models.CASCADE,
        related_name="partnerships",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1950), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title"), max_length=300, validators=[validate_single_line])

    class Meta:
        verbose_name = _("past partnership")
        verbose_name_plural = _("past partnerships")
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class HealthRelation(models.TextChoices):
    LIVES_WITH = "self", _("I live with it")
    CARES_FOR = "carer", _("I care for someone who lives with it")


class HealthInformation(TimeStampedModel):
    """The disease areas a person chose to say they live with, or care for someone who does.
    Optional, and seen by the person only (see tandem.directory.health). It exists only while
    their consent does: withdrawing it deletes the row and its conditions.

    No reverse accessor (`related_name="+"`) from a person or a disease area: no template,
    serializer or query that starts from them can reach this by accident."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    consented_at = models.DateTimeField(_("consent given on"))

    class Meta:
        verbose_name = _("health information")
        verbose_name_plural = _("health information")

    def __str__(self) -> str:
        # Neither the person nor the conditions: this string can reach logs and error reports.
        return f"#{self.pk}"


class HealthCondition(TimeStampedModel):
    information = models.ForeignKey(
        HealthInformation,
        verbose_name=_("health information"),
        on_delete=models.CASCADE,
        related_name="conditions",
    )
    disease_area = models.ForeignKey(
        DiseaseArea, verbose_name=_("disease area"), on_delete=models.CASCADE, related_name="+"
    )
    relation = models.CharField(
        _("link with the disease"), max_length=10, choices=HealthRelation.choices
    )

    class Meta:
        verbose_name = _("health condition")
        verbose_name_plural = _("health conditions")
        ordering = ["disease_area__sort_key", "disease_area__path", "relation"]
        constraints = [
            models.UniqueConstraint(
                fields=["information", "disease_area", "relation"],
                name="directory_unique_health_condition",
            ),
            models.CheckConstraint(
                condition=Q(relation__in=HealthRelation.values),
                name="directory_health_relation_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"
