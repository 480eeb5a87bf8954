"""Every API operation, as every persona (by personal token)."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from tests.privacy import harness
from tests.privacy.registry import API
from tests.privacy.world import PERSONAS, build


@pytest.mark.parametrize("operation", sorted(API), ids=lambda op: f"{op[0]} {op[1]}")
def test_operation_as_every_persona(db, operation):
    method, _path = operation
    world = build()
    problems = []
    for case in API[operation]:
        for persona in PERSONAS:
            headers = {}
            if persona in world.tokens:
                headers["Authorization"] = f"Bearer {world.tokens[persona]}"
            url = case.path(world)
            sid = transaction.savepoint()
            try:
                if method == "GET":
                    response = Client().get(url, headers=headers)
                elif case.files is not None:
                    assert method == "POST", "multipart bodies are POSTed"
                    files = {
                        name: SimpleUploadedFile(filename, content)
                        for name, (filename, content) in case.files(world).items()
                    }
                    response = Client().post(url, files, headers=headers)
                else:
                    response = Client().generic(
                        method, url, json.dumps(case.body(world) if case.body else {}),
                        content_type="application/json", headers=headers,
                    )
            finally:
                transaction.savepoint_rollback(sid)
            verdict = harness.judge(case.expected[persona], response)
            if verdict:
                problems.append(f"{method} {url} as {persona}: {verdict}")
            problems += [f"{method} {url} as {persona}: {leak}" for leak in harness.leaks(world, persona, harness.body_of(response))]
    assert problems == []


def test_openapi_schema_is_public_and_lists_the_operations(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/organizations" in response.json()["paths"]
