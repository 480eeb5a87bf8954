"""Importing: every row checked first, all or nothing, every problem located."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from ally.access.survivors import today_in
from ally.audit.models import AuditEvent
from ally.core.errors import InvalidInput, NotPermitted, NotVisible
from ally.htcds.importer import import_clients
from ally.survivors.models import Client
from tests import factories

HEADER = "prs_FirstName,prs_SecondName,prs_Birthdate,prs_Gender,vic_TypeOfExploitation,cas_Status,ally_IntakeDate\n"


def csv_file(*rows: str, header: str = HEADER) -> bytes:
    return (header + "".join(r + "\n" for r in rows)).encode()


def nothing_changed(org, before_events):
    assert Client.objects.filter(organization=org).count() == 0
    assert AuditEvent.objects.filter(event_type__in=["client.created", "htcds.imported"]).count() == before_events


def test_one_bad_row_among_good_ones_imports_nothing_and_names_the_row_and_field(vsp, vsp_admin):
    content = csv_file(
        "Rosa,Diaz,1990-01-02,Feminine,SexualExploitation,Active,2025-01-05",
        "Lin,Mai,1985-07-30,Masculine,ForcedLabour,Active,2025-02-05",
        "Omar,Haddad,1992-13-40,Masculine,ForcedLabour,Active,2025-03-05",
        "Ana,Ruiz,1999-03-03,Feminine,SexualExploitation,Closed,2025-03-06",
    )
    result = import_clients(vsp, content, acting_user=vsp_admin)
    assert result.created == []
    assert [(p.row, p.column) for p in result.problems] == [(4, "prs_Birthdate")]
    assert "1992-13-40" in result.problems[0].reason
    nothing_changed(vsp, 0)
    refused = AuditEvent.objects.get(event_type="htcds.import_refused")
    assert refused.changes == {"format": "csv", "rows": 4, "problems": 1, "rows_with_problems": 1}
    assert "Omar" not in str(refused.changes)


def test_every_problem_is_reported_with_its_row_and_column(vsp, vsp_admin):
    future = (today_in(vsp.task_force_id) + dt.timedelta(days=40)).isoformat()
    content = csv_file(
        "Rosa,Diaz,1990-01-02,Feminine,SexualExploitation,Active,2025-01-05",
        "Lin,Mai,01/02/1990,Robot,ForcedLabour;Smuggling,Pending,2025-02-05",
        "Rosa,Diaz,1990-01-02,Feminine,SexualExploitation,Active,2025-01-05",
        f",,,,,,{future}",
        f"{'X' * 201},Y,,,,,",
    )
    result = import_clients(vsp, content, acting_user=vsp_admin)
    found = {(p.row, p.column) for p in result.problems}
    assert {
        (3, "prs_Birthdate"), (3, "prs_Gender"), (3, "vic_TypeOfExploitation"), (3, "cas_Status"),
        (4, ""), (5, "ally_IntakeDate"), (5, "prs_FirstName"), (6, "prs_FirstName"),
    } <= found  # fmt: skip
    duplicate = next(p for p in result.problems if p.row == 4)
    assert "row 2" in duplicate.reason
    assert "Smuggling" in next(p.reason for p in result.problems if p.column == "vic_TypeOfExploitation")
    assert Client.objects.count() == 0


def test_wrong_or_missing_headers_refuse_the_file_listing_them(vsp, vsp_admin):
    content = csv_file("Rosa,Diaz,Pizza", header="prs_FirstName,Favourite Food,prs_Birthdate\n")
    result = import_clients(vsp, content, acting_user=vsp_admin)
    assert {(p.row, p.column) for p in result.problems} == {(1, "Favourite Food"), (1, "prs_SecondName")}
    assert Client.objects.count() == 0
    assert AuditEvent.objects.filter(event_type="htcds.import_refused").count() == 1


def test_two_headers_for_one_field_refuse_the_file(vsp, vsp_admin):
    result = import_clients(vsp, csv_file("A,B,C", header="prs_FirstName,First Name,prs_SecondName\n"), acting_user=vsp_admin)
    assert [(p.row, p.column) for p in result.problems] == [(1, "First Name")]


def test_a_file_with_variant_headers_and_labels_imports(vsp, vsp_admin):
    content = csv_file(
        "Rosa,Diaz,1990-01-02,female,Sexual exploitation; forced labor,possible,open,Debt Bondage",
        "Lin,Mai,,MASCULINE,forcedlabour,Actual Victim of Trafficking,Closed - Referred,",
        header="prs_Firstname,Last Name,DOB,prs_sex,vic_Types_Of_Exploitation,trafficking status,CAS_STATUS,Methods of Control,"
        "prs_MaritalStatus\n",
    )
    result = import_clients(vsp, content, acting_user=vsp_admin)
    assert result.problems == []
    assert result.ignored_columns == ["prs_MaritalStatus"]
    rosa, lin = Client.objects.filter(organization=vsp).order_by("legal_name").reverse()
    assert (rosa.legal_name, rosa.date_of_birth, rosa.gender) == ("Rosa Diaz", dt.date(1990, 1, 2), "Feminine")
    assert rosa.exploitation_types == ["SexualExploitation", "ForcedLabour"]
    assert (rosa.trafficking_status, rosa.case_status, rosa.methods_of_control) == ("PossibleVictimOfTrafficking", "Active", ["DebtBondage"])
    assert (lin.gender, lin.trafficking_status, lin.case_status) == ("Masculine", "ActualVictimOfTrafficking", "ClosedReferred")


def test_a_spanish_label_is_accepted(vsp, vsp_admin):
    from ally.survivors import vocabularies

    label = vocabularies.label("prs_Gender", "Feminine", "es")
    result = import_clients(vsp, csv_file(f"Rosa,Diaz,,{label},,,"), acting_user=vsp_admin)
    assert result.problems == [] and Client.objects.get().gender == "Feminine"


def test_an_xlsx_with_date_cells_imports(vsp, vsp_admin):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["First Name", "Second Name", "Birthdate", "Age When Trafficked"])
    sheet.append(["Rosa", "Diaz", dt.datetime(1990, 1, 2), 16])  # noqa: DTZ001 — a spreadsheet date has no zone
    out = io.BytesIO()
    book.save(out)
    result = import_clients(vsp, out.getvalue(), acting_user=vsp_admin)
    assert result.problems == []
    client = Client.objects.get()
    assert (client.date_of_birth, client.age_when_trafficked) == (dt.date(1990, 1, 2), 16)


def test_a_client_already_in_the_organization_is_not_imported_twice(vsp, vsp_admin):
    content = csv_file("Rosa,Diaz,1990-01-02,,,,")
    assert import_clients(vsp, content, acting_user=vsp_admin).problems == []
    again = import_clients(vsp, content, acting_user=vsp_admin)
    assert [(p.row, p.column) for p in again.problems] == [(2, "prs_FirstName")]
    assert Client.objects.count() == 1


def test_unreadable_and_empty_files_are_refused(vsp, vsp_admin):
    assert import_clients(vsp, b"\xff\xfe\x00garbage", acting_user=vsp_admin).problems[0].row is None
    assert "no clients" in import_clients(vsp, HEADER.encode(), acting_user=vsp_admin).problems[0].reason
    assert import_clients(vsp, b"PK\x03\x04broken", acting_user=vsp_admin).problems[0].row is None
    assert Client.objects.count() == 0


def test_too_many_rows_are_refused(vsp, vsp_admin, monkeypatch):
    monkeypatch.setattr("ally.htcds.importer.MAX_ROWS", 2)
    result = import_clients(vsp, csv_file("A,B,,,,,", "C,D,,,,,", "E,F,,,,,"), acting_user=vsp_admin)
    assert "at most 2" in result.problems[0].reason and Client.objects.count() == 0


def test_a_refusal_by_create_client_rolls_back_every_row(vsp, vsp_admin, monkeypatch):
    from ally.survivors import actions as survivor_actions

    real = survivor_actions.create_client

    def refuse_the_second(organization, *, acting_user, **values):
        if values["legal_name"] == "Lin Mai":
            raise InvalidInput("refused")
        return real(organization, acting_user=acting_user, **values)

    monkeypatch.setattr(survivor_actions, "create_client", refuse_the_second)
    result = import_clients(vsp, csv_file("Rosa,Diaz,,,,,", "Lin,Mai,,,,,"), acting_user=vsp_admin)
    assert [(p.row, p.reason) for p in result.problems] == [(3, "refused")]
    nothing_changed(vsp, 0)


def test_only_the_organizations_admins_import_and_only_into_victim_services(vsp, vsp_admin, advocate, police, tf, outsider):
    content = csv_file("Rosa,Diaz,,,,,")
    with pytest.raises(NotPermitted):
        import_clients(vsp, content, acting_user=advocate)
    with pytest.raises(NotVisible):
        import_clients(vsp, content, acting_user=outsider)
    police_admin = factories.member(police, "org_admin")
    with pytest.raises(InvalidInput):
        import_clients(police, content, acting_user=police_admin)
    assert Client.objects.count() == 0
