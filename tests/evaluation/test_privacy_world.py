"""The privacy world's survivor, consenting to evaluation: none of the world's sentinels, names,
phones, e-mails or dates of birth reaches the evaluation ZIP (the harness cannot look inside it)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from ally.access.survivors import today_in
from ally.evaluation import extract
from ally.survivors.models import Client
from tests.evaluation.helpers import consent
from tests.privacy.world import build

pytestmark = pytest.mark.django_db


def test_no_sentinel_of_the_privacy_world_reaches_the_zip():
    world = build()
    survivor = world.clients["survivor"] if "survivor" in world.clients else next(iter(world.clients.values()))
    survivor.date_of_birth = dt.date(1988, 4, 23)
    survivor.email = "sentinel-survivor@private.test"
    survivor.save()
    # Two look-alike records so the survivor's row is released at k = 2.
    twins = []
    for n in range(2):
        twin = Client.objects.get(pk=survivor.pk)
        twin.pk = None
        twin.legal_name = f"SENTINEL-TWIN-{n}"
        twin.save()
        twins.append(twin)
    for client in Client.objects.filter(task_force=world.tf, deleted_at__isnull=True):
        consent(client, signed_on=today_in(world.tf.pk), expires_on=today_in(world.tf.pk) + dt.timedelta(days=30))
    made, content = extract.export(world.tf, extract.options(2), acting_user=world.users["coordinator"])
    assert len(made.outcome.rows) >= 3
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        text = "".join(archive.read(n).decode("utf-8") for n in archive.namelist()).lower()
    assert "sentinel-" not in text  # (the task force's own name, "Sentinel Task Force", heads the README)
    for client in Client.objects.filter(task_force=world.tf):
        assert client.phone.lower() not in text or not client.phone
        if client.date_of_birth:
            assert client.date_of_birth.isoformat() not in text
    for user in world.users.values():
        assert user.email.lower() not in text and user.full_name.lower() not in text
    for org in world.orgs.values():
        assert org.name.lower() not in text
