"""Partner organizations and their evolution (the directory)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.directory.models import Organization, OrganizationStatus, PartnershipStatus
from tandem.reporting.indicators import filters
from tandem.reporting.indicators.base import (
    AREA,
    KIND,
    Chart,
    Indicator,
    Result,
    Series,
    Unit,
    month_labels,
    monthly_counts,
    register,
)
from tandem.reporting.scope import Scope

PARTNERS = (PartnershipStatus.PARTNER, PartnershipStatus.FRAMEWORK_AGREEMENT)


def _directory(scope: Scope) -> str:
    query = {"kind": scope.kind} if scope.kind else {}
    return reverse("directory:directory") + (f"?{urlencode(query)}" if query else "")


def _active(scope: Scope) -> Q:
    # Organizations validated (active) at the end of the period: created before it ends.
    _start, end = scope.period.bounds()
    return Q(status=OrganizationStatus.ACTIVE, created__lt=end) & filters.organizations(scope)


def partnership_levels(scope: Scope) -> Result:
    counts = Organization.objects.filter(_active(scope)).aggregate(
        **{
            code: Count("pk", filter=Q(partnership_status=code))
            for code in PartnershipStatus.values
        }
    )
    values = tuple(int(counts[code] or 0) for code in PartnershipStatus.values)
    return Result(
        value=sum(int(counts[code] or 0) for code in PARTNERS),
        labels=tuple(str(label) for label in PartnershipStatus.labels),
        series=(Series(_("Organizations"), values),),
    )


def new_partners(scope: Scope) -> Result:
    """Organizations that became partners in each month (their "partner since" date)."""
    counts = monthly_counts(
        Organization.objects.filter(_active(scope), partnership_status__in=PARTNERS),
        "partnership_since",
        scope,
        dates=True,
    )
    values = counts["all"]
    return Result(
        value=sum(values),
        labels=month_labels(scope),
        series=(Series(_("New partners"), values),),
    )


register(
    Indicator(
        slug="partners",
        section="partners",
        title=gettext_lazy("Partner organizations"),
        definition=gettext_lazy(
            "Active organizations of the directory created before the end of the period, by "
            "their partnership with the institute. The value counts partners and "
            "organizations with a framework agreement."
        ),
        unit=Unit.COUNT,
        chart=Chart.BAR,
        compute=partnership_levels,
        filters=frozenset({AREA, KIND}),
        records=_directory,
    )
)
register(
    Indicator(
        slug="new-partners",
        section="partners",
        title=gettext_lazy("New partner organizations"),
        definition=gettext_lazy(
            "Active partner organizations (partners and framework agreements) whose "
            "“partner since” date falls in the period, per month."
        ),
        unit=Unit.COUNT,
        chart=Chart.LINE,
        compute=new_partners,
        filters=frozenset({AREA, KIND}),
        records=_directory,
    )
)
