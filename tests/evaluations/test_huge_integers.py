"""Integers beyond a 64-bit column in the evaluation forms: a message, never a 500.

SQLite raises OverflowError for a Python int beyond 2**63-1 in a query; the forms must refuse such
values before any query sees them."""

from __future__ import annotations

import pytest
from django.conf import settings

from lontar.evaluations.models import Assignment, Cycle
from tests.hostile import HUGE_INTEGERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(people):
    people["manager"].cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return people["manager"]


@pytest.mark.parametrize("huge", HUGE_INTEGERS)
@pytest.mark.parametrize("field", ["framework", "participants", "opd_parent", "year"])
def test_cycle_form_refuses_huge_integers(manager, framework, province, field, huge):
    data = {"framework": framework.pk, "year": 2026, "name": "Besar", "scope": "instansi"}
    data["participants"] = [province["kabupaten"].pk]
    if field == "opd_parent":
        data["scope"] = "opd"
    data[field] = huge
    response = manager.post("/evaluasi/siklus/baru/", data)
    assert response.status_code == 422, response.content[:300]
    assert not Cycle.objects.filter(name="Besar").exists()


def test_cycle_form_message_is_indonesian_by_default(people, framework, province):
    data = {"framework": framework.pk, "year": 2026, "name": "Besar", "scope": "instansi", "participants": str(2**64)}
    page = people["manager"].post("/evaluasi/siklus/baru/", data).content.decode()
    assert "“18446744073709551616” bukan nilai yang valid." in page


@pytest.mark.parametrize("huge", HUGE_INTEGERS)
@pytest.mark.parametrize("field", ["asesor", "submissions"])
def test_assignment_form_refuses_huge_integers(manager, people, cycle, province, field, huge):
    own = cycle.submissions.get(organisation=province["kabupaten"])
    data = {"asesor": people["asesor_user"].pk, "submissions": [own.pk], field: huge}
    response = manager.post(f"/evaluasi/siklus/{cycle.pk}/asesor/", data)
    assert response.status_code == 422, response.content[:300]
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("huge", HUGE_INTEGERS[:3])
def test_answer_form_refuses_a_huge_version(people, submission, huge):
    url = f"/evaluasi/penilaian/{submission.pk}/indikator/1/"
    response = people["team"].post(url, {"level": "2", "explanation": "", "version": huge})
    assert response.status_code == 422, response.content[:300]  # the form refuses it; 409 would be a version conflict


@pytest.mark.parametrize("huge", HUGE_INTEGERS[:3])
def test_evidence_link_to_refuses_a_huge_answer_id(people, province, huge):
    url = f"/evaluasi/bukti/{province['kabupaten'].slug}/"
    data = {"title": "Tautan", "kind": "other", "url": "https://example.org/", "link_to": huge}
    response = people["team"].post(url, data)
    assert response.status_code == 422, response.content[:300]  # refused next to the field, nothing saved


def test_the_message_does_not_repeat_thousands_of_digits(manager, framework):
    data = {"framework": framework.pk, "year": 2026, "name": "Besar", "scope": "instansi", "participants": "9" * 4000}
    page = manager.post("/evaluasi/siklus/baru/", data).content.decode()
    assert "9" * 25 not in page and "“" + "9" * 24 + "…” is not a valid value." in page
