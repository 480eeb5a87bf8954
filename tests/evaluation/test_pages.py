"""The evaluation page, its download, the API operation and the command line."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
import time_machine
from django.core.management import CommandError, call_command

from ally.audit.models import AuditEvent
from tests import factories
from tests.api.token_client import Api
from tests.conftest import client_for
from tests.evaluation.helpers import consenting, make_client

pytestmark = pytest.mark.django_db
EXPORTED = "evaluation.extract_exported"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 15, 17, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def records(tf, vsp):
    make_client(vsp, 99)  # no consent: never counted
    return consenting(vsp, 5) + consenting(vsp, 1, start=40, gender="Masculine")


def names_in(zip_content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(zip_content)) as archive:
        return "".join(archive.read(n).decode() for n in archive.namelist())


def test_the_page_explains_who_is_included_and_previews_counts_not_rows(records, coordinator):
    page = client_for(coordinator).get("/evaluation/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>" in html and "consented to program evaluation" in html
    assert "Rows released" not in html  # no preview until asked
    preview = client_for(coordinator).get("/evaluation/", {"k": "5", "first_year": "FY2026", "last_year": ""})
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Rows released" in html and "extract.zip?k=5" in html
    assert "NAME-" not in html and "555-01" not in html
    assert not AuditEvent.objects.filter(event_type=EXPORTED).exists()  # previewing exports nothing


def test_the_page_refuses_bad_input_with_a_sentence(records, coordinator):
    html = client_for(coordinator).get("/evaluation/", {"k": "1"}).content.decode()
    assert "k must be between 2" in html and "Rows released" not in html
    html = client_for(coordinator).get("/evaluation/", {"k": "5", "first_year": "2026"}).content.decode()
    assert "is not a fiscal year" in html
    response = client_for(coordinator).get("/evaluation/extract.zip", {"k": "1"})
    assert response.status_code == 400
    assert not AuditEvent.objects.filter(event_type=EXPORTED).exists()


def test_the_coordinator_downloads_the_zip(records, coordinator):
    response = client_for(coordinator).get("/evaluation/extract.zip", {"k": "3"})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    text = names_in(response.content)
    assert "NAME-" not in text and "person0@private.example" not in text
    assert AuditEvent.objects.filter(event_type=EXPORTED, actor_id=coordinator.pk).count() == 1


@pytest.mark.parametrize("who", ["vsp_admin", "advocate", "detective"])
def test_other_participants_get_403(request, records, who):
    user = request.getfixturevalue(who)
    assert client_for(user).get("/evaluation/").status_code == 403
    assert client_for(user).get("/evaluation/extract.zip").status_code == 403


def test_outsiders_get_404_and_anonymous_is_sent_to_sign_in(records, outsider, client):
    assert client_for(outsider).get("/evaluation/").status_code == 404
    assert client_for(outsider).get("/evaluation/extract.zip").status_code == 404
    assert client.get("/evaluation/").status_code == 302


def test_the_api_answers_the_zip_to_the_coordinator_only(records, coordinator, vsp_admin, outsider):
    response = Api(coordinator).get("/evaluation/extract", k=2, from_year="FY2026")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "NAME-" not in names_in(response.content)
    bad = Api(coordinator).get("/evaluation/extract", k=1)
    assert bad.status_code == 400 and "k must be between" in bad.json()["detail"]
    assert Api(coordinator).get("/evaluation/extract", to_year="FY26").status_code == 400
    for k in ("abc", "2.5"):  # 400 (InvalidInput), as the schema declares — not 422
        refused = Api(coordinator).get("/evaluation/extract", k=k)
        assert refused.status_code == 400 and "whole number" in refused.json()["detail"]
    assert Api(vsp_admin).get("/evaluation/extract").status_code == 403
    assert Api(outsider).get("/evaluation/extract").status_code == 404
    assert AuditEvent.objects.filter(event_type=EXPORTED).count() == 1


def test_the_command_line_writes_the_zip(records, tf, tmp_path):
    out = io.StringIO()
    target = tmp_path / "extract.zip"
    call_command("evaluation_extract", "--task-force", tf.slug, "--k", "2", "--from", "FY2026", "--to", "FY2026",
                 "--output", str(target), stdout=out)
    assert "6 rows" in out.getvalue() or "rows (k=2" in out.getvalue()
    assert "NAME-" not in names_in(target.read_bytes())
    event = AuditEvent.objects.get(event_type=EXPORTED)
    assert event.actor_id is None and event.changes["k"] == 2


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--k", "1"], "k must be between 2"),
        (["--from", "2025"], "not a fiscal year"),
        (["--from", "FY2026", "--to", "FY2025"], "must not come after"),
        (["--task-force", "no-such-slug"], "no task force"),
    ],
)
def test_the_command_line_refuses_bad_input_and_writes_nothing(records, tf, tmp_path, arguments, message):
    target = tmp_path / "extract.zip"
    with pytest.raises(CommandError, match=message):
        call_command("evaluation_extract", *arguments, "--output", str(target))
    assert not target.exists()
    assert not AuditEvent.objects.filter(event_type=EXPORTED).exists()


def test_the_command_line_needs_a_slug_when_there_are_several(records, tmp_path):
    factories.task_force()
    with pytest.raises(CommandError, match="--task-force"):
        call_command("evaluation_extract", "--output", str(tmp_path / "x.zip"))


def test_the_preview_shows_no_count_below_k_and_speaks_of_records(tf, vsp, coordinator):
    consenting(vsp, 1, intake_date=dt.date(2019, 1, 10))  # the only consenting record of FY2019
    consenting(vsp, 6, start=10)
    page = client_for(coordinator).get("/evaluation/", {"k": "5", "first_year": "FY2019", "last_year": "FY2019"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Client records with a current evaluation consent" in html
    assert "fewer than 5" in html
    assert '<td class="numeric">1</td>' not in html
    assert "k counts client records, not people" in html and "client records (2 or more)" in html
    everyone = client_for(coordinator).get("/evaluation/", {"k": "5"}).content.decode()
    assert '<td class="numeric">7</td>' in everyone  # at least k: exact
    assert not AuditEvent.objects.filter(event_type=EXPORTED).exists()  # previews are not audited


def test_the_command_line_prints_no_count_below_k(tf, vsp, tmp_path):
    consenting(vsp, 1, intake_date=dt.date(2019, 1, 10))
    out = io.StringIO()
    call_command("evaluation_extract", "--k", "5", "--from", "FY2019", "--to", "FY2019",
                 "--output", str(tmp_path / "x.zip"), stdout=out)
    assert "fewer than 5 client records included" in out.getvalue()
    assert "1 client" not in out.getvalue()
