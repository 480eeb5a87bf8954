"""The evaluation extract through the API: the coordinator downloads the ZIP (extract.csv,
dictionary.csv, README.txt) with the same options and checks as the page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Router

from ally.api.auth import acting_user
from ally.api.common import E400, E403, E404
from ally.evaluation import extract

router = Router(tags=["evaluation"])


@router.get(
    "/evaluation/extract",
    response={200: None, **E400, **E403, **E404},
    summary="Download the de-identified evaluation extract (ZIP)",
)
def evaluation_extract(
    request: HttpRequest, k: str | None = None, from_year: str | None = None, to_year: str | None = None
) -> HttpResponse:
    """The ZIP for the token's task force; `k` (default 5, a whole number from 2; anything else
    is refused with 400), `from_year`/`to_year` like FY2026. The coordinator only."""
    user = acting_user(request)
    task_force = extract.task_force_for(user)
    opts = extract.options(k, from_year, to_year)
    made, content = extract.export(task_force, opts, acting_user=user)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{made.filename}"'
    response["Cache-Control"] = "no-store"
    return response
