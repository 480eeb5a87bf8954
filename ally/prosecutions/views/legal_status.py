"""A client's legal status, for the client's own provider: where the survivor's criminal cases
stand, as far as the consent link lets law enforcement and prosecutors tell it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ally.access.survivors import access_own_client
from ally.core.http import AuthenticatedRequest
from ally.investigations.models import IdentifiedVictim
from ally.prosecutions.feed import linked_victims
from ally.prosecutions.models import Charge, CourtEvent, ProsecutionCase


@login_required
def client_legal_status(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    client = access_own_client(request.user, client_id)  # a reader through a share: 404
    victims = linked_victims(
        IdentifiedVictim.objects.filter(client=client, removed_at=None).select_related(
            "investigation", "investigation__organization"
        )
    )
    investigations = list({v.investigation_id: v.investigation for v in victims}.values())
    charges = Charge.objects.filter(defendant__removed_at=None).select_related("statute").order_by("filed_on", "pk")
    cases = list(
        ProsecutionCase.objects.filter(victims__victim__in=[v.pk for v in victims])
        .distinct()
        .select_related("organization")
        .prefetch_related(
            Prefetch("defendants__charges", queryset=charges),
            Prefetch("court_events", queryset=CourtEvent.objects.order_by("starts_at", "pk")),
        )
        .order_by("-opened_on", "-pk")
    )
    now = timezone.now()
    rows = []
    for case in cases:
        events = list(case.court_events.all())
        rows.append({
            "case": case,
            "charges": [c for d in case.defendants.all() if d.removed_at is None for c in d.charges.all()],
            "upcoming": [e for e in events if e.starts_at >= now],
            "past": [e for e in events if e.starts_at < now],
        })
    return render(request, "prosecutions/client_legal_status.html", {
        "client": client, "investigations": investigations, "cases": rows,
    })
