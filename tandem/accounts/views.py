from __future__ import annotations

import json
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.accounts import invitation_parts, queries, second_factor, services
from tandem.accounts.errors import InvitationInvalid
from tandem.accounts.forms import (
    AcceptInvitationForm,
    EraseForm,
    InvitationForm,
    ProfileForm,
    RolesForm,
    TokenForm,
)
from tandem.accounts.models import Role, User
from tandem.core.audit import history_of
from tandem.core.portfolio import portfolio_of
from tandem.core.types import AuthenticatedHttpRequest


def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    # The form edits a copy: the service compares it with the saved person to log what changed.
    form = ProfileForm(request.POST or None, instance=User.objects.get(pk=request.user.pk))
    if request.method == "POST" and form.is_valid():
        services.update_profile(user, by=user, **form.cleaned_data)
        messages.success(request, _("Your profile is saved."))
        response = redirect("accounts:profile")
        response.set_cookie("django_language", user.language, samesite="Lax")
        return response
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "has_second_factor": queries.has_second_factor(user),
            "second_factor_required": queries.second_factor_required(user),
            "second_factor_waived": queries.second_factor_waived(user),
            "portfolio": portfolio_of(user),
        },
        status=status,
    )


def export_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    data = services.export_personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="tandem-personal-data-{stamp}.json"'
    return response


def erase(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = EraseForm(request.POST or None, email=user.email)
    if request.method == "POST" and form.is_valid():
        services.erase_account(user, by=user)
        from django.contrib.auth import logout

        logout(request)
        messages.success(request, _("Your account and personal data were erased."))
        return redirect("core:home")
    return render(
        request,
        "accounts/erase.html",
        {"form": form},
        status=422 if request.method == "POST" else 200,
    )


def tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        # A token made in a session that passed the second factor counts as passed too.
        issued = services.issue_api_token(
            user,
            name=form.cleaned_data["name"],
            second_factor=second_factor.session_has_passed(request, user),
        )
        new_key = issued.key
        if issued.replaced:
            messages.info(
                request,
                _("Your earlier token “%(name)s” is revoked: one token per purpose.")
                % {"name": issued.token.name},
            )
        form = TokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "tokens": queries.tokens_of(user),
            "new_key": new_key,
            "token_days": settings.API_TOKEN_DAYS,
        },
        status=422 if request.method == "POST" and new_key is None else 200,
    )


@require_POST
def revoke_token(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(queries.tokens_of(request.user), pk=pk)
    services.revoke_api_token(token, by=request.user)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("accounts:tokens")


@permission_required("accounts.invite_people", raise_exception=True)
def invitations(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = InvitationForm(
        request.POST or None, can_grant_admin=user.has_perm("accounts.manage_roles")
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if Role.ADMIN in data["roles"] and not user.has_perm("accounts.manage_roles"):
            raise PermissionDenied
        try:
            invitation, _token = services.invite_from(data, by=user)
        except InvitationInvalid as exc:
            form.add_error("email", str(exc))
        else:
            messages.success(
                request, _("The invitation was sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("accounts:invitations")
    page = Paginator(queries.invitations_visible_to(user), 25).get_page(request.GET.get("page"))
    also = invitation_parts.descriptions(list(page))
    rows = [(invitation, also.get(invitation.pk, [])) for invitation in page]
    return render(
        request,
        "accounts/invitations.html",
        {"form": form, "page": page, "rows": rows},
        status=422 if request.method == "POST" else 200,
    )


@require_POST
@permission_required("accounts.invite_people", raise_exception=True)
def revoke_invitation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(queries.invitations_visible_to(request.user), pk=pk)
    try:
        services.revoke_invitation(invitation, by=request.user)
    except InvitationInvalid as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The invitation is withdrawn."))
    return redirect("accounts:invitations")


@login_not_required
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.find_invitation(token)
    except InvitationInvalid as exc:
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"reason": str(exc), "code": exc.code},
            status=410,
        )
    if request.user.is_authenticated:
        messages.info(request, _("Sign out first to accept an invitation for another account."))
        return redirect("core:dashboard")
    form = AcceptInvitationForm(
        request.POST or None,
        email=invitation.email,
        initial={
            "first_name": invitation.first_name,
            "last_name": invitation.last_name,
            "language": invitation.language,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.accept_invitation(
                token,
                first_name=data["first_name"],
                last_name=data["last_name"],
                password=data["password1"],
                language=data["language"],
            )
        except InvitationInvalid as exc:
            return render(
                request,
                "accounts/invitation_invalid.html",
                {"reason": str(exc), "code": exc.code},
                status=410,
            )
        login(request, user, backend="tandem.accounts.backends.AuthenticationBackend")
        # In the language the person chose: the next page is shown in it.
        with translation.override(user.language):
            messages.success(request, _("Welcome to Tandem! Your account is ready."))
        response = redirect("core:dashboard")
        response.set_cookie("django_language", user.language, samesite="Lax")
        return response
    return render(
        request,
        "accounts/accept_invitation.html",
        {"form": form, "invitation": invitation},
        status=422 if request.method == "POST" else 200,
    )


@permission_required("accounts.manage_roles", raise_exception=True)
def people(request: AuthenticatedHttpRequest) -> HttpResponse:
    role = request.GET.get("role", "")
    if role not in Role.values:
        role = ""
    text = request.GET.get("q", "").strip()[:100]
    qs = queries.find_people(request.user, text=text, role=role)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    kept = urlencode({key: value for key, value in (("q", text), ("role", role)) if value})
    return render(
        request,
        "accounts/people.html",
        {"page": page, "roles": Role.choices, "role": role, "q": text, "extra_query": kept},
    )


@permission_required("accounts.manage_roles", raise_exception=True)
def person_roles(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(queries.people_visible_to(request.user), pk=pk)
    form = RolesForm(request.POST or None, initial={"roles": sorted(person.role_codes)})
    if request.method == "POST" and form.is_valid():
        services.set_roles(person, roles=form.cleaned_data["roles"], by=request.user)
        messages.success(request, _("The roles of %(name)s are saved.") % {"name": str(person)})
        return redirect("accounts:people")
    return render(
        request,
        "accounts/person_roles.html",
        {"person": person, "form": form, "history": history_of(person)[:20]},
    )
