"""Requests to the API as one person, with a personal token."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client as HttpClient

from ally.accounts.actions import create_api_token


class Api:
    """Requests as one person, with a personal token (read-write unless `read_only`)."""

    def __init__(self, user, *, read_only=False):
        _stored, self.raw = create_api_token(
            user, name="tests", read_only=read_only, expires_at=None, acting_user=user
        )
        self.http = HttpClient()

    def _headers(self):
        return {"Authorization": f"Bearer {self.raw}"}

    def get(self, path, **params):
        return self.http.get(f"/api/v1{path}", params, headers=self._headers())

    def send(self, method, path, body: Any = None):
        return self.http.generic(
            method,
            f"/api/v1{path}",
            "" if body is None else json.dumps(body, default=str),
            content_type="application/json",
            headers=self._headers(),
        )

    def post(self, path, body=None):
        return self.send("POST", path, {} if body is None else body)

    def patch(self, path, body=None):
        return self.send("PATCH", path, {} if body is None else body)

    def delete(self, path):
        return self.send("DELETE", path)

    def upload(self, path, **files):
        """A multipart POST: each keyword a form field, its value a file (or text)."""
        return self.http.post(f"/api/v1{path}", files, headers=self._headers())
