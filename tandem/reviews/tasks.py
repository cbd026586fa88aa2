from __future__ import annotations

from django_tasks import task


@task()
def analyse_version_task(version_id: int) -> str:
    from tandem.reviews.models import DocumentVersion
    from tandem.reviews.services import analyse_version

    version = DocumentVersion.objects.filter(pk=version_id).first()
    if version is None:
        return "missing"
    return analyse_version(version).analysis_status
