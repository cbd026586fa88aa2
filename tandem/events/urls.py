from django.urls import path

from tandem.events.views import claims, manage, public, registrations

app_name = "events"

urlpatterns = [
    path("", public.calendar, name="calendar"),
    path("catalogue/", public.catalogue, name="catalogue"),
    path("catalogue/new/", manage.edit_course, name="new_course"),
    path("catalogue/<int:pk>/", public.course, name="course"),
    path("catalogue/<int:pk>/edit/", manage.edit_course, name="edit_course"),
    path("mine/", registrations.mine, name="mine"),
    path("mine/feed/renew/", registrations.renew_feed, name="renew_feed"),
    path("feed/<str:token>.ics", public.feed, name="feed"),
    path("propose/", manage.propose, name="propose"),
    path("manage/", manage.manage, name="manage"),
    path("new/", manage.edit_event, name="new_event"),
    path("<int:pk>/", public.event, name="event"),
    path("<int:pk>/event.ics", public.event_ics, name="event_ics"),
    path("<int:pk>/register/", registrations.register, name="register"),
    path("<int:pk>/edit/", manage.edit_event, name="edit_event"),
    path("<int:pk>/capacity/", manage.capacity, name="capacity"),
    path("<int:pk>/decide/", manage.decide, name="decide"),
    path("<int:pk>/cancel/", manage.cancel_event, name="cancel_event"),
    path("<int:pk>/registrations/", manage.registrations, name="registrations"),
    path("<int:pk>/attendance/", manage.attendance, name="attendance"),
    path("registrations/<int:pk>/", registrations.registration, name="registration"),
    path("registrations/<int:pk>/confirm/", registrations.confirm, name="confirm"),
    path("registrations/<int:pk>/cancel/", registrations.cancel, name="cancel"),
    path("registrations/<int:pk>/certificate/", registrations.certificate, name="certificate"),
    path(
        "registrations/<int:pk>/certificate.<str:ext>",
        registrations.certificate_download,
        name="certificate_download",
    ),
    path("registrations/<int:pk>/feedback/", registrations.feedback, name="feedback"),
    path("expenses/", claims.claims, name="claims"),
    path("expenses/export.csv", claims.claims_export, name="claims_export"),
    path("expenses/<int:pk>/", claims.claim, name="claim"),
    path("expenses/<int:pk>/decide/", claims.decide_claim, name="decide_claim"),
    path("expenses/<int:pk>/receipts/<int:receipt_pk>/", claims.receipt, name="receipt"),
]
