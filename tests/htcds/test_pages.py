"""The interchange page, the downloads, the API and the command line."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from ally.survivors.models import Client
from tests import factories
from tests.api.token_client import Api
from tests.conftest import client_for
from tests.htcds.conftest import rich_clients

GOOD = b"prs_FirstName,prs_SecondName\nRosa,Diaz\nLin,Mai\n"
BAD = b"prs_FirstName,prs_SecondName,prs_Gender\nRosa,Diaz,Feminine\nLin,Mai,Robot\n"


def test_the_page_shows_export_links_the_import_form_and_the_attribution(vsp, vsp_admin):
    page = client_for(vsp_admin).get(reverse("htcds_interchange", args=[vsp.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert reverse("htcds_export", args=[vsp.pk, "csv"]) in body and reverse("htcds_export", args=[vsp.pk, "xlsx"]) in body
    assert "CC BY 4.0" in body and "you become the advocate" in body
    assert 'type="file"' in body


def test_the_page_imports_and_says_so(vsp, vsp_admin):
    browser = client_for(vsp_admin)
    url = reverse("htcds_interchange", args=[vsp.pk])
    response = browser.post(url, {"file": SimpleUploadedFile("c.csv", GOOD)}, follow=True)
    assert "2 clients imported" in response.content.decode()
    assert Client.objects.filter(organization=vsp).count() == 2


def test_the_page_lists_every_problem_and_imports_nothing(vsp, vsp_admin):
    response = client_for(vsp_admin).post(reverse("htcds_interchange", args=[vsp.pk]), {"file": SimpleUploadedFile("c.csv", BAD)})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported" in body and "Robot" in body and '<th scope="row">3</th>' in body
    assert Client.objects.count() == 0


def test_the_page_of_a_police_department_offers_no_import(police):
    admin = factories.member(police, "org_admin")
    body = client_for(admin).get(reverse("htcds_interchange", args=[police.pk])).content.decode()
    assert 'type="file"' not in body and "victim-service organizations" in body


def test_downloads_are_for_the_admins_only(vsp, vsp_admin, advocate, outsider):
    rich_clients(vsp, vsp_admin)
    url = reverse("htcds_export", args=[vsp.pk, "csv"])
    response = client_for(vsp_admin).get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"] and "María" in response.content.decode("utf-8-sig")
    assert client_for(advocate).get(url).status_code == 403
    assert client_for(outsider).get(url).status_code == 404


def test_an_export_never_holds_another_organizations_clients(vsp, vsp_admin, empty_vsp, empty_admin):
    from ally.survivors import actions as survivor_actions

    survivor_actions.create_client(empty_vsp, acting_user=empty_admin, legal_name="SENTINEL-OTHER-SHELTER Client", phone="SENTINEL-OTHER-PHONE")
    rich_clients(vsp, vsp_admin)
    for fmt in ("csv", "xlsx"):
        content = client_for(vsp_admin).get(reverse("htcds_export", args=[vsp.pk, fmt])).content
        assert b"SENTINEL-OTHER" not in content
        if fmt == "xlsx":
            import io
            import zipfile

            archive = zipfile.ZipFile(io.BytesIO(content))
            assert not any(b"SENTINEL-OTHER" in archive.read(n) for n in archive.namelist())


def test_the_api_exports_and_imports_with_the_same_rules(vsp, vsp_admin, advocate, empty_vsp, empty_admin):
    rich_clients(vsp, vsp_admin)
    api = Api(vsp_admin)
    exported = api.get(f"/organizations/{vsp.pk}/htcds/export", format="xlsx")
    assert exported.status_code == 200 and exported.content[:2] == b"PK"
    assert Api(advocate).get(f"/organizations/{vsp.pk}/htcds/export").status_code == 403
    other = Api(empty_admin)
    refused = other.upload(f"/organizations/{empty_vsp.pk}/htcds/import", file=SimpleUploadedFile("c.csv", BAD))
    assert refused.status_code == 400
    (problem,) = refused.json()["problems"]
    assert (problem["row"], problem["column"], refused.json()["imported"]) == (3, "prs_Gender", 0)
    assert Client.objects.filter(organization=empty_vsp).count() == 0
    done = other.upload(f"/organizations/{empty_vsp.pk}/htcds/import", file=SimpleUploadedFile("c.xlsx", exported.content))
    assert done.status_code == 201 and done.json()["imported"] == 2
    assert api.upload(f"/organizations/{empty_vsp.pk}/htcds/import", file=SimpleUploadedFile("c.csv", GOOD)).status_code == 404


def test_the_command_line_exports_and_imports(vsp, vsp_admin, empty_vsp, empty_admin, tmp_path, capsys):
    rich_clients(vsp, vsp_admin)
    out = tmp_path / "clients.csv"
    call_command("htcds", "export", "--org", vsp.slug, "--format", "csv", "--output", str(out))
    call_command("htcds", "import", "--org", empty_vsp.slug, str(out), "--as", empty_admin.email)
    assert "2 clients imported" in capsys.readouterr().out
    assert Client.objects.filter(organization=empty_vsp).count() == 2
    bad = tmp_path / "bad.csv"
    bad.write_bytes(BAD)
    with pytest.raises(CommandError, match="nothing imported: 1 problem"):
        call_command("htcds", "import", "--org", empty_vsp.slug, str(bad))
    assert "3\tprs_Gender" in capsys.readouterr().err
    with pytest.raises(CommandError, match="no organization"):
        call_command("htcds", "export", "--org", "nope", "--format", "csv", "--output", str(out))
    with pytest.raises(CommandError, match="no active user"):
        call_command("htcds", "import", "--org", empty_vsp.slug, str(out), "--as", "nobody@example.org")
