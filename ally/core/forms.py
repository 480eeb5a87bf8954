"""The one way a page saves a form through an action."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from ally.core.errors import Conflict, InvalidInput


def saved(
    request: HttpRequest, form: Form, change: Callable[[dict[str, Any]], object], done: str, to: str, *args: Any
) -> HttpResponse | None:
    """For a valid posted form, run ``change(cleaned_data)``: on success say ``done`` and redirect
    to the URL named ``to``; when the action refuses, put its reason on the form. None means: show
    the form (again)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        change(form.cleaned_data)
    except (InvalidInput, Conflict) as error:
        form.add_error(None, str(error))
        return None
    messages.success(request, done)
    return redirect(to, *args)
