"""A check's printable report is prepared as a PDF by a background task, asked for from its
page: one task however often it is asked for, never served once the check has changed, never
kept after its check, shown on the page as it stands (being prepared, ready, failed) and only
to the check's owner. The PDFs here are drawn quickly (pdfs.py); the real drawing and the task
run end to end: test_report_pdf.py."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.checks import downloads, presenters, queries, services, tasks
from tandem.checks.models import CheckPdf, CheckStatus, ClarityCheck, PdfStatus
from tandem.checks.tests.pdfs import prepare, quick_drawing
from tandem.checks.tests.test_checks import HARD_FR
from tandem.core.errors import DomainError
from tandem.core.models import ActionLogEntry
from tandem.core.tests.threads import postgres_only, race

pytestmark = pytest.mark.django_db


def _check(owner, title: str = "Notice", **extra) -> ClarityCheck:
    return services.submit_check(owner, title=title, document_kind="leaflet", text=HARD_FR, **extra)


@pytest.fixture
def enqueued(monkeypatch) -> list[int]:
    """The PDFs whose task was enqueued (after commit), instead of running them."""
    found: list[int] = []
    monkeypatch.setattr(tasks, "make_check_pdf_task", SimpleNamespace(enqueue=found.append))
    return found


# --- Asking: one task --------------------------------------------------------------------


def test_asking_twice_starts_one_task(researcher, enqueued, django_capture_on_commit_callbacks):
    check = _check(researcher)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.request_check_pdf(check, language="fr", by=researcher)
    with django_capture_on_commit_callbacks(execute=True):
        again = services.request_check_pdf(check, language="fr", by=researcher)
    assert again.pk == first.pk and again.status == PdfStatus.PENDING
    assert enqueued == [first.pk]
    assert CheckPdf.objects.count() == 1
    logged = ActionLogEntry.objects.filter(action="checks.pdf.requested")
    assert [e.data for e in logged] == [{"language": "fr"}]


@postgres_only
@pytest.mark.parametrize("before", ["never asked", "failed"])
@pytest.mark.django_db(transaction=True)
def test_two_requests_at_once_start_one_task(researcher, enqueued, before):
    """Two processes (the page and the API, two tabs) ask at the same moment, for the first
    time or to try again: the locks and the re-read make the second wait and find the first
    one's PDF being made."""
    check = _check(researcher)
    if before == "failed":
        CheckPdf.objects.create(clarity_check=check, language="fr", status=PdfStatus.FAILED)
    refusals = race([lambda: services.request_check_pdf(check, language="fr", by=researcher)] * 2)
    assert refusals == []
    assert enqueued == [CheckPdf.objects.get().pk]
    assert ActionLogEntry.objects.filter(action="checks.pdf.requested").count() == 1


def test_asking_for_a_pdf_ready_and_up_to_date_starts_nothing(
    researcher, enqueued, django_capture_on_commit_callbacks
):
    made = prepare(_check(researcher), "en")
    with django_capture_on_commit_callbacks(execute=True):
        again = services.request_check_pdf(made.clarity_check, language="en", by=researcher)
    assert again.status == PdfStatus.READY and again.file.name == made.file.name
    assert enqueued == []


def test_each_language_is_a_pdf_of_its_own(
    researcher, enqueued, django_capture_on_commit_callbacks
):
    check = _check(researcher)
    with django_capture_on_commit_callbacks(execute=True):
        french = services.request_check_pdf(check, language="fr", by=researcher)
        english = services.request_check_pdf(check, language="en", by=researcher)
    assert french.pk != english.pk and enqueued == [french.pk, english.pk]


@pytest.mark.parametrize(
    ("language", "who", "code"),
    [("de", "researcher", "language"), ("fr", "member", "not_owner")],
)
def test_a_wrong_language_or_someone_else_is_refused_and_nothing_is_written(
    researcher, member, language, who, code, enqueued, django_capture_on_commit_callbacks
):
    check = _check(researcher)
    by = {"researcher": researcher, "member": member}[who]
    with pytest.raises(DomainError) as refused, django_capture_on_commit_callbacks(execute=True):
        services.request_check_pdf(check, language=language, by=by)
    assert refused.value.code == code
    assert not CheckPdf.objects.exists() and enqueued == []


def test_a_check_still_being_analysed_has_no_pdf_to_ask_for(researcher, enqueued):
    upload = SimpleUploadedFile("notice.txt", HARD_FR.encode())
    check = services.submit_check(researcher, title="File", document_kind="leaflet", upload=upload)
    assert check.status == CheckStatus.PENDING  # the worker's turn never comes in this test
    with pytest.raises(DomainError) as refused:
        services.request_check_pdf(check, language="en", by=researcher)
    assert refused.value.code == "not_ready"
    assert not CheckPdf.objects.exists()


# --- Making it: the task -------------------------------------------------------------------


def test_the_task_keeps_the_pdf_in_the_file_storage_with_what_it_was_made_from(researcher):
    check = _check(researcher)
    asked = services.request_check_pdf(check, language="fr", by=researcher)
    with quick_drawing() as drawn:
        assert tasks.make_check_pdf_task.enqueue(asked.pk).return_value == PdfStatus.READY
    assert drawn == [(check.pk, "fr")]
    made = CheckPdf.objects.get()
    assert made.made_from == queries.pdf_source(check) and made.finished_at is not None
    assert made.file.name.startswith(f"checks/{researcher.pk}/reports/")
    assert "Notice" not in made.file.name  # the name reveals nothing
    assert default_storage.exists(made.file.name)
    assert downloads.prepared_pdf(check, "fr").startswith(b"%PDF-")
    assert ActionLogEntry.objects.filter(action="checks.pdf.made").count() == 1


def test_a_pdf_that_cannot_be_drawn_is_failed_and_can_be_asked_for_again(
    researcher, client, enqueued, django_capture_on_commit_callbacks
):
    check = _check(researcher)
    asked = services.request_check_pdf(check, language="en", by=researcher)

    def broken(check: ClarityCheck) -> None:
        raise RuntimeError("WeasyPrint fell over")

    with quick_drawing(before=broken):
        assert services.make_check_pdf(asked).status == PdfStatus.FAILED
    client.force_login(researcher)
    page = _page(client, check)
    assert "The PDF could not be prepared. Try again" in page
    assert 'class="button">Try again</button>' in page
    with django_capture_on_commit_callbacks(execute=True):
        again = services.request_check_pdf(check, language="en", by=researcher)
    assert again.status == PdfStatus.PENDING and enqueued == [asked.pk]


def test_a_task_run_again_after_its_worker_was_lost_writes_the_pdf_once(researcher):
    asked = services.request_check_pdf(_check(researcher), language="en", by=researcher)
    with quick_drawing() as drawn:
        first = services.make_check_pdf(asked, resume=True)
        second = services.make_check_pdf(asked, resume=True)  # the lost run, only slow
    assert first is not None and second is not None
    assert first.status == second.status == PdfStatus.READY
    assert len(drawn) == 1 and second.file.name == first.file.name


def test_a_check_deleted_while_its_pdf_is_drawn_keeps_nothing(
    researcher, django_capture_on_commit_callbacks
):
    check = _check(researcher)
    asked = services.request_check_pdf(check, language="en", by=researcher)
    with quick_drawing(before=lambda c: services.delete_check(c, by=researcher)):
        assert services.make_check_pdf(asked) is None
    assert not CheckPdf.objects.exists()
    assert not default_storage.exists(f"checks/{researcher.pk}/reports")  # no file was saved
    assert tasks.make_check_pdf_task.enqueue(asked.pk).return_value == "missing"


# --- Never stale, never kept after its check ----------------------------------------------


def test_a_pdf_made_before_the_earlier_version_was_analysed_is_out_of_date(
    researcher, client, enqueued, django_capture_on_commit_callbacks
):
    """The earlier version, a file, was still being analysed when the PDF of the new one was
    made: once it is analysed, the new one's report compares with it, so its PDF is out of
    date. It is not served, the page offers to prepare it again, and asking makes it again."""
    upload = SimpleUploadedFile("v1.txt", HARD_FR.encode())
    earlier = services.submit_check(researcher, title="v1", document_kind="leaflet", upload=upload)
    later = _check(researcher, "v2", previous=earlier)
    made = prepare(later)
    old_file = made.file.name
    services.run_check(earlier)  # the worker's turn comes
    assert presenters.pdf_status(later, queries.pdf_of(later, "en")) == "absent"
    with pytest.raises(DomainError) as refused:
        downloads.prepared_pdf(later, "en")
    assert refused.value.code == "not_prepared"
    client.force_login(researcher)
    assert client.get(reverse("checks:report_pdf", args=[later.pk])).status_code == 302
    page = client.get(later.get_absolute_url()).content.decode()
    assert "Prepare the PDF" in page and "Download the report (PDF)" not in page
    with django_capture_on_commit_callbacks(execute=True):
        again = services.request_check_pdf(later, language="en", by=researcher)
    assert again.status == PdfStatus.PENDING and enqueued == [made.pk]
    assert not again.file and not default_storage.exists(old_file)


def test_deleting_a_check_deletes_its_pdfs_and_their_files(
    researcher, django_capture_on_commit_callbacks
):
    check = _check(researcher)
    files = [prepare(check, "fr").file.name, prepare(check, "en").file.name]
    assert all(default_storage.exists(name) for name in files)
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_check(check, by=researcher)
    assert not CheckPdf.objects.exists()
    assert not any(default_storage.exists(name) for name in files)


def test_deleting_an_earlier_version_deletes_the_pdfs_that_quote_it(
    researcher, django_capture_on_commit_callbacks
):
    """A new version's report compares with the earlier one and quotes its passages: once the
    earlier check and its document are deleted, no PDF keeps them."""
    earlier = _check(researcher, "v1")
    later = _check(researcher, "v2", previous=earlier)
    other = prepare(_check(researcher, "Another"))
    quoting = prepare(later).file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_check(earlier, by=researcher)
    assert list(CheckPdf.objects.all()) == [other]
    assert not default_storage.exists(quoting)


def test_a_deletion_rolled_back_keeps_the_file(researcher):
    made = prepare(_check(researcher))
    # The test's transaction is never committed: the file must wait for a commit.
    made.clarity_check.delete()
    assert default_storage.exists(made.file.name)


# --- The page ------------------------------------------------------------------------------


def _page(client, check) -> str:
    return " ".join(client.get(check.get_absolute_url()).content.decode().split())


def test_the_page_offers_to_prepare_the_pdf_then_says_it_is_being_prepared(
    client, researcher, enqueued, django_capture_on_commit_callbacks
):
    check = _check(researcher)
    client.force_login(researcher)
    status_url = reverse("checks:status", args=[check.pk])
    page = _page(client, check)
    assert 'id="pdf-state" role="status"' in page and "Prepare the PDF" in page
    assert f'data-pdf-status-url="{status_url}"' not in page
    assert client.get(status_url).json()["pdf"] == {
        "status": "absent",
        "label": "The PDF is not prepared yet.",
        "finished": True,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("checks:prepare_pdf", args=[check.pk]))
    assert response["Location"] == f"{check.get_absolute_url()}#pdf"
    page = _page(client, check)
    assert "The PDF is being prepared" in page and "Prepare the PDF</button>" not in page
    # Without JavaScript, a link refreshes it; with it, the page asks for the state.
    assert f'href="{check.get_absolute_url()}#pdf">Refresh</a>' in page
    assert f'data-pdf-status-url="{status_url}"' in page
    assert client.get(status_url).json()["pdf"]["status"] == "pending"
    assert len(enqueued) == 1


def test_the_page_gives_the_ready_pdf_and_its_download_is_the_stored_file(client, researcher):
    check = _check(researcher)
    made = prepare(check, "en")
    client.force_login(researcher)
    page = _page(client, check)
    download = reverse("checks:report_pdf", args=[check.pk])
    assert f'href="{download}">Download the report (PDF)</a>' in page
    assert "prepared on" in page and "Prepare the PDF" not in page
    assert client.get(reverse("checks:status", args=[check.pk])).json()["pdf"]["finished"]
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="clarity-{check.pk}.pdf"'
    with made.file.open("rb") as stored:
        assert response.content == stored.read()


def test_the_pdf_is_the_readers_language(client, researcher):
    """Prepared in English only: a reader in French is asked to prepare it in French."""
    check = _check(researcher)
    prepare(check, "en")
    researcher.language = "fr"
    researcher.save(update_fields=["language"])
    client.force_login(researcher)
    page = _page(client, check)
    assert "Préparer le PDF" in page
    response = client.get(reverse("checks:report_pdf", args=[check.pk]), follow=True)
    assert response.redirect_chain == [(f"{check.get_absolute_url()}#pdf", 302)]
    assert "Le PDF n’est pas préparé" in response.content.decode()


def test_the_old_address_of_the_pdf_leads_to_the_page_until_it_is_prepared(client, researcher):
    check = _check(researcher)
    client.force_login(researcher)
    response = client.get(reverse("checks:report_pdf", args=[check.pk]), follow=True)
    assert response.redirect_chain == [(f"{check.get_absolute_url()}#pdf", 302)]
    assert "The PDF is not prepared: ask for it, then download it once it is ready." in (
        response.content.decode()
    )
    assert not CheckPdf.objects.exists()  # reading asks for nothing


def test_preparing_is_a_post(client, researcher):
    check = _check(researcher)
    client.force_login(researcher)
    assert client.get(reverse("checks:prepare_pdf", args=[check.pk])).status_code == 405
    assert not CheckPdf.objects.exists()


@pytest.mark.parametrize(
    "persona",
    ["outsider", "member", "reviewer", "coordinator", "officer", "director", "admin_user"],
)
def test_nobody_but_the_owner_prepares_follows_or_downloads_the_pdf(
    persona, as_persona, researcher, enqueued, django_capture_on_commit_callbacks
):
    check = _check(researcher)
    made = prepare(check)
    client, _user = as_persona(persona)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("checks:prepare_pdf", args=[check.pk])).status_code == 404
    for name in ("checks:report_pdf", "checks:status"):
        assert client.get(reverse(name, args=[check.pk])).status_code == 404
    assert list(CheckPdf.objects.all()) == [made] and enqueued == []
    assert ActionLogEntry.objects.filter(action="checks.pdf.requested").count() == 1


def test_a_visitor_is_sent_to_sign_in(client, researcher):
    check = _check(researcher)
    prepare(check)
    for response in (
        client.post(reverse("checks:prepare_pdf", args=[check.pk])),
        client.get(reverse("checks:report_pdf", args=[check.pk])),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
