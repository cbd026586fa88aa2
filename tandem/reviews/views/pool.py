"""The reviewer pool: the coordinator's list and profiles, a reviewer's own profile, applying."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tandem.core.audit import history_of
from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest
from tandem.events.queries import prerequisite_status, trained_for
from tandem.reviews import forms, queries, services
from tandem.reviews.models import Assignment, AssignmentState, ReviewerProfile, ReviewerStatus


@permission_required("reviews.coordinate", raise_exception=True)
def pool(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = forms.InviteReviewerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.invite_reviewer(
                form.cleaned_data["email"],
                by=request.user,
                organization=form.cleaned_data["organization"],
                languages=form.cleaned_data["languages"],
                training_completed_on=form.cleaned_data["training_completed_on"],
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("%(name)s joins the College.") % {"name": profile.user})
            return redirect(profile)
    status = request.GET.get("status", "")
    profiles = queries.reviewer_pool()
    if status in ReviewerStatus.values:
        profiles = profiles.filter(status=status)
    page = Paginator(profiles, 50).get_page(request.GET.get("page"))
    # The reviewers' training done in events and training, in one query for the page.
    trained = trained_for([p.user for p in page], "college")
    for p in page:
        p.training_done = p.training_completed_on or trained.get(p.user_id)  # type: ignore[attr-defined]
    return render(
        request,
        "reviews/pool.html",
        {
            "page": page,
            "form": form,
            "applications": list(queries.applications()),
            "status": status,
            "statuses": ReviewerStatus.choices,
            "extra_query": f"status={status}" if status else "",
        },
        status=422 if request.method == "POST" else 200,
    )


@permission_required("reviews.coordinate", raise_exception=True)
def profile(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    the_profile = get_object_or_404(queries.reviewer_pool(), pk=pk)
    form = forms.ProfileForm(request.POST or None, instance=the_profile, prefix="profile")
    absence = forms.UnavailabilityForm(prefix="absence")
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            if action == "validate":
                services.validate_application(the_profile, by=request.user)
                messages.success(request, _("The application is validated."))
            elif action in ReviewerStatus.values:
                services.set_reviewer_status(the_profile, by=request.user, status=action)
                messages.success(request, _("The status is changed."))
            elif action == "waive_training":
                services.waive_training(
                    the_profile, by=request.user, reason=request.POST.get("reason", "")
                )
                messages.success(request, _("The training is waived."))
            elif action == "absence":
                absence = forms.UnavailabilityForm(request.POST, prefix="absence")
                if absence.is_valid():
                    services.add_unavailability(
                        the_profile, by=request.user, **absence.cleaned_data
                    )
                    messages.success(request, _("The absence is recorded."))
                else:
                    return _profile_page(
                        request,
                        the_profile,
                        forms.ProfileForm(instance=the_profile, prefix="profile"),
                        absence,
                        422,
                    )
            elif form.is_valid():
                services.update_reviewer_profile(
                    the_profile,
                    by=request.user,
                    values={name: form.cleaned_data[name] for name in form.changed_data},
                )
                messages.success(request, _("The profile is saved."))
            else:
                return _profile_page(request, the_profile, form, absence, 422)
        except DomainError as exc:
            messages.error(request, str(exc))
        return redirect(the_profile)
    return _profile_page(request, the_profile, form, absence, 200)


def _profile_page(
    request: AuthenticatedHttpRequest,
    the_profile: ReviewerProfile,
    form: Any,
    absence: Any,
    status: int,
) -> HttpResponse:
    return render(
        request,
        "reviews/profile.html",
        {
            "profile": the_profile,
            "form": form,
            "absence_form": absence,
            "absences": the_profile.unavailabilities.all(),
            "assignments": Assignment.objects.filter(reviewer=the_profile.user)
            .exclude(state=AssignmentState.PROPOSED)
            .select_related("round__request")[:30],
            "history": history_of(the_profile)[:20],
            "training": prerequisite_status(the_profile.user, "college"),
        },
        status=status,
    )


@permission_required("reviews.review", raise_exception=True)
def my_profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A reviewer's own profile: availability, load, conflicts, consent to be named."""
    the_profile = get_object_or_404(ReviewerProfile, user=request.user)
    form = forms.MyProfileForm(request.POST or None, instance=the_profile, prefix="profile")
    absence = forms.UnavailabilityForm(prefix="absence")
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "absence":
            absence = forms.UnavailabilityForm(request.POST, prefix="absence")
            form = forms.MyProfileForm(instance=the_profile, prefix="profile")
            if absence.is_valid():
                try:
                    services.add_unavailability(
                        the_profile, by=request.user, **absence.cleaned_data
                    )
                except DomainError as exc:
                    absence.add_error("end", str(exc))
                else:
                    messages.success(request, _("Your absence is recorded."))
                    return redirect("reviews:my_profile")
        elif form.is_valid():
            services.update_reviewer_profile(
                the_profile,
                by=request.user,
                values={name: form.cleaned_data[name] for name in form.changed_data},
            )
            messages.success(request, _("Your reviewer profile is saved."))
            return redirect("reviews:my_profile")
        status = 422
    return render(
        request,
        "reviews/my_profile.html",
        {
            "profile": the_profile,
            "form": form,
            "absence_form": absence,
            "absences": the_profile.unavailabilities.all(),
        },
        status=status,
    )


@permission_required("reviews.apply", raise_exception=True)
def apply(request: AuthenticatedHttpRequest) -> HttpResponse:
    existing = ReviewerProfile.objects.filter(user=request.user).first()
    form = forms.ApplicationForm(
        request.POST or None, user=request.user, initial={"languages": [request.user.language]}
    )
    if request.method == "POST" and existing is None and form.is_valid():
        try:
            services.apply_to_college(request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Thank you. The coordinator will answer your application."))
            return redirect("reviews:apply")
    return render(
        request,
        "reviews/apply.html",
        {
            "form": form,
            "existing": existing,
            "training": prerequisite_status(request.user, "college"),
        },
        status=422 if request.method == "POST" else 200,
    )
