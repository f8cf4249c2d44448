"""The evaluations API: published cycles and rankings (public), submissions (scoped), saving a claim (409/422)."""

from __future__ import annotations

import pytest

from lontar.accounts.tokens import api_token_create
from lontar.evaluations import services
from tests.evaluations.conftest import LEVELS, run_to_interviu

pytestmark = pytest.mark.django_db
BASE = "/api/v1/evaluations"


def bearer(user) -> dict[str, str]:
    _token, raw = api_token_create(actor=user, name="uji")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def final_cycle(submission, people, cycle):
    asesor = people["asesor_user"]
    submission = run_to_interviu(submission, people["team_user"], asesor, LEVELS)
    services.review_accept_remaining(actor=asesor, submission=submission)
    services.submission_finalise(actor=None, submission=submission)
    cycle.submissions.exclude(pk=submission.pk).delete()  # answers cascade; only the final one stays
    services.cycle_finalise(actor=None, cycle=cycle)
    return cycle


def test_published_cycles_and_ranking_are_public(client, final_cycle, submission):
    cycles = client.get(f"{BASE}/cycles").json()
    assert [c["id"] for c in cycles] == [final_cycle.pk] and cycles[0]["framework"] == "uji-2024"
    ranking = client.get(f"{BASE}/cycles/{final_cycle.pk}/ranking").json()
    assert ranking["rows"][0]["instansi"] == submission.organisation.slug
    assert ranking["rows"][0]["index"] == "3.06" and ranking["rows"][0]["rank"] == 1
    detail = client.get(f"{BASE}/submissions/{submission.pk}").json()
    assert detail["index"] == "3.06" and detail["provisional"] is False
    assert {i["number"] for i in detail["indicators"]} == {"1", "2", "3", "4", "5"}


def test_open_cycles_and_drafts_are_not_public(client, cycle, submission, people):
    assert client.get(f"{BASE}/cycles").json() == []
    response = client.get(f"{BASE}/cycles/{cycle.pk}/ranking")
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
    assert client.get(f"{BASE}/submissions/{submission.pk}").status_code == 404
    assert client.get(f"{BASE}/submissions/{submission.pk}", **bearer(people["other_team_user"])).status_code == 404
    own = client.get(f"{BASE}/submissions/{submission.pk}", **bearer(people["team_user"]))
    assert own.status_code == 200 and own.json()["state"] == "draft"


def test_put_answer_with_version(client, submission, people):
    auth = bearer(people["team_user"])
    url = f"{BASE}/submissions/{submission.pk}/answers/1"
    ok = client.put(url, {"level": 3, "explanation": "SK ada", "version": 0}, content_type="application/json", **auth)
    assert ok.status_code == 200 and ok.json()["version"] == 1 and ok.json()["self_level"] == "3.000"
    late = client.put(url, {"level": 5, "version": 0}, content_type="application/json", **bearer(people["team2_user"]))
    assert late.status_code == 409
    body = late.json()
    assert body["current"] == {"version": 1, "self_level": "3.000"}
    bad = client.put(url, {"level": 9, "version": 1}, content_type="application/json", **auth)
    assert bad.status_code == 422 and "di luar skala 1–5" in bad.json()["detail"]
    assert submission.answers.get(number="1").self_value == 3
    other = client.put(
        url, {"level": 2, "version": 1}, content_type="application/json", **bearer(people["other_team_user"])
    )
    assert other.status_code == 404
    anonymous = client.put(url, {"level": 2, "version": 1}, content_type="application/json")
    assert anonymous.status_code == 401
    missing = client.put(
        f"{BASE}/submissions/{submission.pk}/answers/99",
        {"level": 2, "version": 0},
        content_type="application/json",
        **auth,
    )
    assert missing.status_code == 404
