"""The OpenAPI document: operation ids are part of the API's contract."""

from __future__ import annotations

from ally.api.api import api


def _operation_ids():
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return [op["operationId"] for ops in schema["paths"].values() for op in ops.values()]


def test_operation_ids_outlive_moving_the_code():
    ids = set(_operation_ids())
    assert {
        "ally_api_routers_me",
        "ally_api_survivors_list_clients",
        "ally_api_survivors_revoke_consent",
        "ally_api_survivors_complete_task",
        "ally_api_care_list_needs",
        "ally_api_care_add_event",
        "ally_api_care_record_screening",
    } <= ids


def test_operation_ids_are_unique():
    ids = _operation_ids()
    assert len(ids) == len(set(ids))
