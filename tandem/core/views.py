from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.http import require_POST

from tandem.core import notifications, outbox
from tandem.core.dashboard import panels_for
from tandem.core.forms import ActionLogFilterForm
from tandem.core.models import ActionLogEntry
from tandem.core.types import AuthenticatedHttpRequest


@login_not_required
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/home.html",
        {"modules": public_modules(signed_in=request.user.is_authenticated)},
    )


PUBLIC_PAGES = {"college", "check", "accessibility", "legal", "privacy", "contact"}


@login_not_required
def public_page(request: HttpRequest, page: str) -> HttpResponse:
    """A page anyone may read: what the College and the document check are and how to join,
    the accessibility statement, the legal notice, the privacy notice, the contact."""
    if page not in PUBLIC_PAGES:
        raise Http404
    return render(
        request,
        f"core/public/{page}.html",
        {
            "contact_email": settings.CONTACT_EMAIL,
            "dpo_email": settings.DPO_EMAIL,
            "publisher": settings.PUBLISHER,
            "publication_director": settings.PUBLICATION_DIRECTOR,
            "hosting_provider": settings.HOSTING_PROVIDER,
        },
    )


FAVICON = Path(settings.BASE_DIR) / "static" / "favicon.ico"  # drawn by scripts/make_favicon.py


@login_not_required
def favicon(request: HttpRequest) -> FileResponse:
    """/favicon.ico, which browsers ask for whatever the page says: the project's own icon."""
    response = FileResponse(FAVICON.open("rb"), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def public_modules(*, signed_in: bool = False) -> list[dict[str, str]]:
    """Links to the modules, for the public home page. A visitor is sent to the pages that say
    what the College and the document check are and how to join, not to the sign-in page."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    candidates = [
        (
            "directory:directory",
            _("Directory of partner organizations"),
            _("Find patient organizations, research units and researchers working on a disease."),
        ),
        (
            "checks:check" if signed_in else "core:about_check",
            _("Check the clarity of a document"),
            _("Get plain-language advice on an information leaflet or a consent form."),
        ),
        (
            "core:about_college",
            _("College of Reviewers"),
            _(
                "Volunteers from patient organizations review information leaflets and consent forms."
            ),
        ),
        ("api-docs", _("API for developers"), _("The REST API and its documentation.")),
    ]
    return [
        {"url": reverse(name), "title": title, "text": text} for name, title, text in candidates
    ]


def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "core/dashboard.html", {"panels": panels_for(request.user)})


@login_not_required
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch language; a signed-in person's choice is kept in their profile."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = redirect(next_url)
    if language in dict(settings.LANGUAGES) and check_for_language(language):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
        user = request.user
        if user.is_authenticated and user.language != language:
            user.language = language
            user.save(update_fields=["language"])
    return response


def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(notifications.notifications_of(request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "core/notifications.html", {"page": page})


def notification_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(notifications.notifications_of(request.user), pk=pk)
    notifications.mark_read(notification)
    if notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}
    ):
        return redirect(notification.url)
    return render(request, "core/notification.html", {"notification": notification})


@require_POST
def notifications_mark_all_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    notifications.mark_all_read(request.user)
    return redirect("core:notifications")


@permission_required("core.view_outbox", raise_exception=True)
def outbox_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(outbox.messages(), 25).get_page(request.GET.get("page"))
    return render(request, "core/outbox.html", {"page": page, "backend": settings.EMAIL_BACKEND})


@permission_required("core.view_outbox", raise_exception=True)
def outbox_message(request: AuthenticatedHttpRequest, name: str) -> HttpResponse:
    message = outbox.message(name)
    if message is None:
        raise Http404
    return render(request, "core/outbox_message.html", {"message": message})


@permission_required("core.view_action_log", raise_exception=True)
def action_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ActionLogFilterForm(request.GET)
    qs = form.filter(ActionLogEntry.objects.select_related("content_type"))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/action_log.html",
        {"page": page, "form": form, "extra_query": query.urlencode()},
    )


@login_not_required
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


@login_not_required
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
