from django.urls import path

from tandem.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("organizations/new/", views.register, name="register"),
    path("organizations/mine/", views.my_organizations, name="mine"),
    path("organizations/<int:pk>/", views.organization, name="organization"),
    path("organizations/<int:pk>/edit/", views.edit, name="edit"),
    path("organizations/<int:pk>/members/", views.members, name="members"),
    path(
        "organizations/<int:pk>/members/<int:membership_pk>/remove/",
        views.remove_member,
        name="remove_member",
    ),
    path("organizations/<int:pk>/research/", views.research_for_organization, name="research"),
    path("organizations/<int:pk>/status/", views.change_status, name="change_status"),
    path("organizations/<int:pk>/merge/", views.merge, name="merge"),
    path("queue/", views.queue, name="queue"),
    path("researcher/", views.researcher_profile, name="researcher_profile"),
    path("researcher/partners/", views.find_partners, name="find_partners"),
    path("units/<int:pk>/", views.unit, name="unit"),
    path("me/health/", views.health_information, name="health"),
    path("me/health/delete/", views.delete_health_information, name="delete_health"),
    path("reference/", views.reference, name="reference"),
    path("reference/<str:kind>/new/", views.reference_edit, name="reference_new"),
    path("reference/<str:kind>/<int:pk>/", views.reference_edit, name="reference_edit"),
    path("export.<str:fmt>", views.export, name="export"),
    path("import/", views.import_organizations, name="import"),
    path("import/confirm/", views.confirm_import, name="confirm_import"),
]
