"""The statute catalogue: shipped as data, loaded once per task force, extended by the coordinator."""

from __future__ import annotations

import pytest

from ally.core.errors import Conflict, InvalidInput, NotPermitted
from ally.demo import places
from ally.prosecutions.models import Statute
from ally.prosecutions.statutes import (
    add_statute,
    catalogue,
    load_catalogue,
    shipped_states,
    statute_file,
    update_statute,
)


def test_every_demo_state_ships_a_catalogue():
    codes = {value.code for value in vars(places).values() if hasattr(value, "code") and isinstance(value.code, str)}
    assert codes and codes <= set(shipped_states())
    for state in shipped_states():
        shipped = statute_file(state)
        assert shipped is not None
        categories = {entry.category for entry in shipped.values}
        assert categories == {"trafficking", "related", "other"}, state  # "other": the survivors charged


def test_the_federal_set():
    federal = statute_file("federal")
    assert federal is not None
    by_citation = {e.citation: e for e in federal.values}
    assert by_citation["18 U.S.C. § 1591"].category == "trafficking"
    assert by_citation["18 U.S.C. § 1589"].category == "trafficking"
    assert by_citation["18 U.S.C. § 1597"].category == "related"
    assert by_citation["8 U.S.C. § 1324"].category == "related"
    assert "18 U.S.C. § 1595" not in by_citation  # a civil remedy, not an offense


def test_loading_is_lazy_idempotent_and_keeps_the_coordinators_edits(tf, coordinator):
    assert not Statute.objects.filter(task_force=tf).exists()
    assert catalogue(tf).filter(citation="Wis. Stat. § 940.302").exists()
    count = Statute.objects.filter(task_force=tf).count()
    assert not Statute.objects.filter(task_force=tf, state="TX").exists()
    statute = Statute.objects.get(task_force=tf, citation="Wis. Stat. § 944.30")
    update_statute(statute, acting_user=coordinator, title="Prostitution (edited)", category="related")
    assert load_catalogue(tf) == 0
    assert Statute.objects.filter(task_force=tf).count() == count
    statute.refresh_from_db()
    assert statute.title == "Prostitution (edited)" and statute.category == "related"
    tf.states = ["WI", "MN"]
    tf.save()
    assert load_catalogue(tf) > 0 and Statute.objects.filter(task_force=tf, citation="Minn. Stat. § 609.322").exists()


def test_only_the_coordinator_adds_and_duplicates_conflict(tf, coordinator, advocate):
    with pytest.raises(NotPermitted):
        add_statute(tf, acting_user=advocate, citation="Wis. Stat. § 1", title="X", jurisdiction="state", state="WI",
                    category="other")
    with pytest.raises(InvalidInput):
        add_statute(tf, acting_user=coordinator, citation="Wis. Stat. § 1", title="X", jurisdiction="state", state="WI",
                    category="weird")
    with pytest.raises(Conflict):
        add_statute(tf, acting_user=coordinator, citation="18 U.S.C. § 1591", title="Again", jurisdiction="federal",
                    category="trafficking")
    added = add_statute(tf, acting_user=coordinator, citation="Dane County Ord. § 1", title="Local", jurisdiction="state",
                        state="wi", category="other")
    assert added.state == "WI"
