"""The written-notice form: fields grouped by the decision that needs them; consequence tests name their body."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from lontar.accounts.models import Role
from lontar.ppid import services

pytestmark = pytest.mark.django_db


def test_notice_form_groups_fields_by_decision_and_names_the_test_body(submit, bodies, login):
    req, _ = submit()
    client, ppid = login(bodies["province"].organisation, Role.PPID)
    services.consequence_test_create(
        actor=ppid,
        body=bodies["province"],
        data=services.ConsequenceTestData(
            information="Rekam medis", exempted_parts="Diagnosis", ground="h", legal_basis="UU 14/2008 Pasal 17 h",
            harm="Rahasia pribadi", public_interest="Tidak ada", closed_period="Selamanya", decided_by="PPID",
            decided_on=timezone.localdate(),
        ),
    )  # fmt: skip
    body = client.get(reverse("ppid:staff_notice", args=[req.pk])).content.decode()
    assert 'class="form stack notice-form"' in body
    pairs = re.findall(r'<div class="decision-field ([^"]+)">.*?name="(\w+)"', body, flags=re.S)
    fields = {name: classes for classes, name in pairs}
    assert fields["holder"] == "for-not_held"
    assert "for-refused" in fields["consequence_test"] and "for-granted" not in fields["consequence_test"]
    assert "for-granted" in fields["material"]
    assert f"{bodies['province'].organisation.name}: Rekam medis" in body
