"""The mapping data: consistent with the vocabularies, unambiguous headers, a fixed query count."""

from __future__ import annotations

from ally.htcds.export import export_clients
from ally.htcds.mapping import mapping, normalize
from ally.survivors import actions as survivor_actions
from ally.survivors import vocabularies


def test_htcds_picklist_columns_use_the_vocabulary_of_the_same_htcds_field():
    for column in mapping().columns:
        if column.htcds and column.vocabulary:
            assert vocabularies.vocabulary(column.vocabulary).htcds_field == column.column


def test_header_spellings_resolve_to_one_column_each():
    index = mapping().header_index()
    assert index[normalize("prs_Firstname")].column == "prs_FirstName"
    assert index[normalize("First Name")].column == "prs_FirstName"
    assert index[normalize("FIRST_NAME")].column == "prs_FirstName"
    assert index[normalize("TypeOfExploitation")].column == "vic_TypeOfExploitation"
    assert index[normalize("Status")].column == "cas_Status"
    assert not set(index) & mapping().ignored_keys()


def test_every_client_field_but_none_of_the_internal_ones_is_mapped():
    from ally.survivors.fieldgroups import CLIENT_FIELDS

    assert {c.ally_field for c in mapping().columns} == set(CLIENT_FIELDS)


def test_an_export_takes_the_same_queries_for_2_or_6_clients(vsp, vsp_admin, django_assert_num_queries):
    def add(n):
        for i in range(n):
            survivor_actions.create_client(vsp, acting_user=None, legal_name=f"Client {i} {n}", languages=["English"])

    add(2)
    export_clients(vsp, fmt="csv", acting_user=vsp_admin)  # warm the per-process caches first
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as two:
        export_clients(vsp, fmt="csv", acting_user=vsp_admin)
    add(4)
    with django_assert_num_queries(len(two.captured_queries)):
        export_clients(vsp, fmt="xlsx", acting_user=vsp_admin)
