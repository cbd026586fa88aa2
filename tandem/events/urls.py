from django.urls import path

from tandem.events import views

app_name = "events"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/new/", views.edit_course, name="new_course"),
    path("catalogue/<int:pk>/", views.course, name="course"),
    path("catalogue/<int:pk>/edit/", views.edit_course, name="edit_course"),
    path("mine/", views.mine, name="mine"),
    path("mine/feed/renew/", views.renew_feed, name="renew_feed"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
    path("propose/", views.propose, name="propose"),
    path("manage/", views.manage, name="manage"),
    path("new/", views.edit_event, name="new_event"),
    path("<int:pk>/", views.event, name="event"),
    path("<int:pk>/event.ics", views.event_ics, name="event_ics"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/edit/", views.edit_event, name="edit_event"),
    path("<int:pk>/capacity/", views.capacity, name="capacity"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/cancel/", views.cancel_event, name="cancel_event"),
    path("<int:pk>/registrations/", views.registrations, name="registrations"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("registrations/<int:pk>/", views.registration, name="registration"),
    path("registrations/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("registrations/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("registrations/<int:pk>/certificate/", views.certificate, name="certificate"),
    path(
        "registrations/<int:pk>/certificate.<str:ext>",
        views.certificate_download,
        name="certificate_download",
    ),
    path("registrations/<int:pk>/feedback/", views.feedback, name="feedback"),
    path("expenses/", views.claims, name="claims"),
    path("expenses/export.csv", views.claims_export, name="claims_export"),
    path("expenses/<int:pk>/", views.claim, name="claim"),
    path("expenses/<int:pk>/decide/", views.decide_claim, name="decide_claim"),
    path("expenses/<int:pk>/receipts/<int:receipt_pk>/", views.receipt, name="receipt"),
]
