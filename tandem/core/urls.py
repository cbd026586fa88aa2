from django.urls import path

from tandem.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("home/", views.dashboard, name="dashboard"),
    path("language/", views.set_language, name="set_language"),
    path("notifications/", views.notification_list, name="notifications"),
    path(
        "notifications/read-all/", views.notifications_mark_all_read, name="notifications_read_all"
    ),
    path("notifications/<int:pk>/", views.notification_open, name="notification"),
    path("outbox/", views.outbox_list, name="outbox"),
    path("outbox/<str:name>/", views.outbox_message, name="outbox_message"),
    path("activity/", views.action_log, name="action_log"),
    # Public pages: what a visitor can learn before signing in.
    path("about/college/", views.public_page, {"page": "college"}, name="about_college"),
    path("about/check/", views.public_page, {"page": "check"}, name="about_check"),
    path("accessibility/", views.public_page, {"page": "accessibility"}, name="accessibility"),
    path("legal/", views.public_page, {"page": "legal"}, name="legal"),
    path("privacy/", views.public_page, {"page": "privacy"}, name="privacy"),
    path("contact/", views.public_page, {"page": "contact"}, name="contact"),
]
