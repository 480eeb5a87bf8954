"""Security-review fixes: bounded comparisons of very long texts, parties that are no longer
active, concurrent acknowledgements, and no document left on disk by a failed upload."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from ally.audit.models import AuditEvent
from ally.core.errors import Conflict, InvalidInput
from ally.protocols import actions, diff
from ally.protocols.actions import agreements as agreement_actions
from ally.protocols.models import Acknowledgement, Agreement, AgreementDocument
from ally.tenancy.models import Organization
from tests.api.token_client import Api
from tests.protocols.conftest import PDF, fresh


def _no_word_diff(*args, **kwargs):
    raise AssertionError("the word-by-word comparison must not run")


def test_a_changed_line_of_100000_characters_is_shown_removed_and_added_without_word_diff(monkeypatch):
    monkeypatch.setattr(diff, "_words", _no_word_diff)
    old, new = "word " * 20_000, "other " * 16_667
    assert len(old) == 100_000
    rows = diff.compare(old, new)
    assert [row.kind for row in rows] == ["removed", "added"]
    assert rows[0].segments[0].text == old.rstrip("\n") and rows[1].segments[0].text == new
    html = diff.render(rows)
    assert "Removed line" in html and "Added line" in html


def test_short_changed_lines_are_still_compared_word_by_word():
    rows = diff.compare("Ask consent.\nRecord it.", "Ask consent.\nRecord it now.")
    assert [row.kind for row in rows] == ["same", "changed"]
    assert [(s.op, s.text) for s in rows[1].segments] == [("same", "Record "), ("removed", "it."), ("added", "it now.")]


def test_the_word_comparisons_of_one_diff_are_capped(monkeypatch):
    monkeypatch.setattr(diff, "MAX_WORDS_COMPARED", 10)
    old = "\n".join(f"line {n} alpha beta gamma delta" for n in range(5))
    new = "\n".join(f"line {n} alpha beta gamma epsilon" for n in range(5))
    kinds = [row.kind for row in diff.compare(old, new)]
    assert kinds.count("changed") == 2  # 12 words compared, then the budget is spent
    assert kinds.count("removed") == 3 and kinds.count("added") == 3


def test_a_huge_number_of_lines_is_not_compared_pairwise(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the line-by-line matcher must not run")

    monkeypatch.setattr(diff.difflib, "SequenceMatcher", refuse)
    old = "\n".join(["Intro"] + [f"a{n}" for n in range(2_500)] + ["End"])
    new = "\n".join(["Intro"] + [f"b{n}" for n in range(2_500)] + ["End"])
    rows = diff.compare(old, new)
    assert rows[0].kind == "same" and rows[-1].kind == "same"
    assert diff.counts(rows) == {"same": 2, "added": 2_500, "removed": 2_500, "changed": 0}


def _counts():
    return (Agreement.objects.count(), AuditEvent.objects.count())


def test_an_organization_no_longer_active_cannot_be_a_party(tf, vsp, police, coordinator, today):
    Organization.objects.filter(pk=police.pk).update(is_active=False)
    police.refresh_from_db()
    api = Api(coordinator)
    before = _counts()
    with pytest.raises(InvalidInput, match="no longer active"):
        actions.record_agreement(tf, acting_user=fresh(coordinator), title="MOU", kind="mou", parties=[vsp, police],
                                 signed_on=today, effective_on=today)
    response = api.post("/agreements", {
        "title": "MOU", "kind": "mou", "party_ids": [vsp.pk, police.pk], "signed_on": today.isoformat(),
        "effective_on": today.isoformat(),
    })
    assert response.status_code == 400 and "no longer active" in response.json()["detail"]
    assert _counts() == before


def test_a_concurrent_duplicate_acknowledgement_is_a_conflict(monkeypatch, protocol, vsp, vsp_admin, vsp_supervisor):
    version = protocol.current_version
    create = Acknowledgement.objects.create

    def raced(**values):
        # The other request saves its acknowledgement between our check and our insert.
        create(**{**values, "user": vsp_supervisor})
        return create(**values)

    monkeypatch.setattr(Acknowledgement.objects, "create", raced)
    before = (Acknowledgement.objects.count(), AuditEvent.objects.count())
    with pytest.raises(Conflict, match="just been acknowledged by somebody else"):
        actions.acknowledge_protocol(version, acting_user=fresh(vsp_admin), organization=vsp)
    assert (Acknowledgement.objects.count(), AuditEvent.objects.count()) == before


def test_a_failed_upload_leaves_no_file_behind(monkeypatch, tf, vsp, police, coordinator, today):
    agreement = actions.record_agreement(tf, acting_user=None, title="MOU", kind="mou", parties=[vsp, police],
                                         signed_on=today - dt.timedelta(days=3), effective_on=today)
    saved: list[str] = []
    real_save = default_storage.save

    def remember(name, content, **kwargs):
        stored = real_save(name, content, **kwargs)
        saved.append(stored)
        return stored

    def broken(*args, **kwargs):
        raise RuntimeError("the audit chain is unavailable")

    monkeypatch.setattr(default_storage, "save", remember)
    monkeypatch.setattr(agreement_actions, "record", broken)
    with pytest.raises(RuntimeError):
        actions.add_agreement_document(agreement, SimpleUploadedFile("mou.pdf", PDF), acting_user=fresh(coordinator))
    assert len(saved) == 1  # the file was written, then removed with the rolled-back row
    assert not default_storage.exists(saved[0])
    assert AgreementDocument.objects.count() == 0
