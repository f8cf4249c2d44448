"""The world the access matrix runs in: organisations, one user per actor, sample records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.test import Client

from lontar.accounts.models import Membership, User
from lontar.accounts.tokens import api_token_create
from lontar.audit.services import audit_record
from lontar.calendar.models import Holiday, HolidayKind, HolidaySource
from tests.access.engine import Actor, actors
from tests.fixtures import PASSWORD, _mark_verified


def build_world(province: dict[str, Any]) -> dict[str, Any]:
    """Users for every actor and one sample record of each kind in the "own" organisation."""
    places = {"own": province["kabupaten"], "other": province["kota"], "province": province["province"]}
    users: dict[Actor, User] = {}
    for actor in actors():
        if actor.anonymous:
            continue
        user = User.objects.create(email=f"{actor.role}.{actor.place}@matriks.go.id", full_name=str(actor))
        user.set_password(PASSWORD)
        user.save()
        Membership.objects.create(user=user, organisation=places[actor.place], role=actor.role)
        users[actor] = user
    own_user = User.objects.create(email="anggota.own@matriks.go.id", full_name="Anggota")
    membership = Membership.objects.create(user=own_user, organisation=places["own"], role="viewer")
    token, _raw = api_token_create(actor=own_user, name="matriks")
    with transaction.atomic():
        event = audit_record(
            action="accounts.user.created", actor=own_user, organisation=places["own"], target=own_user
        )
    holiday = Holiday.objects.create(
        date=dt.date(2031, 1, 1), name="Tahun Baru (uji)", kind=HolidayKind.NATIONAL, source=HolidaySource.PACKAGE
    )
    region = places["own"].region
    region.geometry = {
        "type": "Polygon",
        "coordinates": [[[123.5, -10.2], [123.9, -10.2], [123.9, -9.8], [123.5, -10.2]]],
    }
    region.save(update_fields=["geometry"])
    return {
        "places": places,
        "users": users,
        "organisation": places["own"],
        "member": own_user,
        "membership": membership,
        "token": token,
        "audit_event": event,
        "holiday": holiday,
    }


def client_for(actor: Actor, world: dict[str, Any]) -> Client:
    client = Client()
    if not actor.anonymous:
        user = world["users"][actor]
        client.force_login(user)
        _mark_verified(client, user)
    return client
