"""What the meeting pages share."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render

from ally.core.http import AuthenticatedRequest

# Times are read and shown in the task force's own zone.
from ally.investigations.views._common import in_task_force_zone as in_task_force_zone  # noqa: PLC0414


def form_page(request: AuthenticatedRequest, form: Any, *, title: str, back: str, submit: str,
              lead: str = "", extra: dict[str, Any] | None = None) -> HttpResponse:
    return render(request, "meetings/form.html", {
        "form": form, "title": title, "back": back, "submit": submit, "lead": lead, **(extra or {}),
    })
