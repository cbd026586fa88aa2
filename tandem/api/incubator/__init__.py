"""The incubator's API, split by meaning as the incubator's services and views are:
participatory projects (propose, read, edit, move through the stages), the officers' follow-up
of a project and of a working group, milestones, the timeline and publication, agreements,
support requests, the resource library, working groups and their posts, meetings, the files of
the timeline and of the posts, and the public face with the portfolio. Views reuse the
incubator's queries and services, as the pages do."""

from __future__ import annotations

from tandem.api.incubator import (
    agreements,
    files,
    follow_up,
    groups,
    library,
    meetings,
    progress,
    projects,
    public,
    support,
)

# In the order the routes had before the split.
urlpatterns = [
    *projects.urlpatterns,
    *support.urlpatterns,
    *library.urlpatterns,
    *groups.urlpatterns,
    *meetings.urlpatterns,
    *agreements.urlpatterns,
    *progress.urlpatterns,
    *follow_up.urlpatterns,
    *files.urlpatterns,
    *public.urlpatterns,
]
