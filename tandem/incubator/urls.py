from django.urls import path

from tandem.incubator.views import groups, library, meetings, portfolio, projects, public, support

app_name = "incubator"

urlpatterns = [
    path("", public.home, name="home"),
    path("public/projects/<int:pk>/", public.public_project, name="public_project"),
    path("public/groups/<int:pk>/", public.public_group, name="public_group"),
    # projects
    path("projects/", projects.projects, name="projects"),
    path("projects/new/", projects.propose, name="propose"),
    path("projects/<int:pk>/", projects.project, name="project"),
    path("projects/<int:pk>/edit/", projects.edit, name="project_edit"),
    path("projects/<int:pk>/move/", projects.move, name="project_move"),
    path("projects/<int:pk>/checklist/", projects.checklist, name="project_checklist"),
    path("projects/<int:pk>/follow-up/", projects.follow_up, name="project_follow_up"),
    path("projects/<int:pk>/follow/", projects.follow, name="project_follow"),
    path("projects/<int:pk>/timeline/", projects.add_entry, name="project_add_entry"),
    path("projects/<int:pk>/milestones/", projects.add_milestone, name="project_add_milestone"),
    path("projects/<int:pk>/partners/", projects.add_partner, name="project_add_partner"),
    path("projects/<int:pk>/researchers/", projects.add_researcher, name="project_add_researcher"),
    path("projects/<int:pk>/publish/", projects.publish, name="project_publish"),
    path(
        "projects/<int:pk>/contributions/",
        projects.add_contribution,
        name="project_add_contribution",
    ),
    path("projects/<int:pk>/agreement/", library.generate, name="generate_agreement"),
    path("timeline/<int:pk>/file/", projects.entry_file, name="entry_file"),
    path("milestones/<int:pk>/done/", projects.milestone_done, name="milestone_done"),
    path("portfolio/", portfolio.portfolio, name="portfolio"),
    path("contributions/", portfolio.contributions, name="contributions"),
    # support requests
    path("support/", support.support_requests, name="support_requests"),
    path("support/new/", support.new_support_request, name="support_new"),
    path("support/queue/", support.queue, name="queue"),
    path("support/<int:pk>/", support.support_request, name="support_request"),
    path("support/<int:pk>/take/", support.take, name="support_take"),
    path("support/<int:pk>/move/", support.move, name="support_move"),
    path("support/<int:pk>/assign/", support.assign, name="support_assign"),
    # the library and agreements
    path("library/", library.library, name="library"),
    path("library/new/", library.new_resource, name="resource_new"),
    path("library/<int:pk>/", library.resource, name="resource"),
    path("library/<int:pk>/edit/", library.edit_resource, name="resource_edit"),
    path("library/<int:pk>/versions/new/", library.new_version, name="resource_version_new"),
    path(
        "library/<int:pk>/versions/<int:number>/download/",
        library.download,
        name="resource_download",
    ),
    path("agreements/<int:pk>/", library.agreement, name="agreement"),
    path(
        "agreements/<int:pk>/versions/<int:number>/download/",
        library.agreement_download,
        name="agreement_download",
    ),
    path("agreements/<int:pk>/signatures/", library.add_signature, name="agreement_sign"),
    path("agreements/<int:pk>/signed-copy/", library.store_copy, name="agreement_store_copy"),
    path(
        "agreements/<int:pk>/signed-copy/download/",
        library.signed_copy,
        name="agreement_signed_copy",
    ),
    # working groups
    path("groups/", groups.groups, name="groups"),
    path("groups/new/", groups.new_group, name="group_new"),
    path("groups/<int:pk>/", groups.group, name="group"),
    path("groups/<int:pk>/posts/", groups.post, name="group_post"),
    path("groups/<int:pk>/members/", groups.add_member, name="group_add_member"),
    path("groups/<int:pk>/publish/", groups.publish, name="group_publish"),
    path("posts/<int:pk>/file/", groups.post_file, name="post_file"),
    # meetings (events of the events module)
    path(
        "groups/<int:pk>/meetings/new/",
        meetings.schedule_group_meeting,
        name="group_meeting_new",
    ),
    path(
        "projects/<int:pk>/meetings/new/",
        meetings.schedule_project_meeting,
        name="project_meeting_new",
    ),
]
