"""Error pages work when Ally is broken: no database queries, our look, no inline style."""

from __future__ import annotations

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext


@pytest.mark.parametrize("name, heading", [("500.html", "Something went wrong"), ("400.html", "Bad request")])
def test_it_renders_without_the_database(db, name, heading):
    with CaptureQueriesContext(connection) as queries:
        html = render_to_string(name)
    assert len(queries) == 0
    assert f"<h1>{heading}</h1>" in html
    assert "style=" not in html and "<style" not in html
