"""Evaluation fixtures: a small framework (5 indicators, one external), cycles, the people of a cycle."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lontar.assessments.definitions import FRAMEWORKS_DIR, parse_definition, read_definition
from lontar.assessments.models import Framework
from lontar.assessments.services import framework_load
from lontar.evaluations import services
from lontar.evaluations.models import Cycle, Submission

DATA = Path(__file__).parent / "data"


def load_definition(data: dict[str, Any]) -> Framework:
    raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    definition = parse_definition(raw, source=f"{data['code']}.json")
    framework_load(definition=definition, source_file=f"{data['code']}.json")
    return Framework.objects.get(code=data["code"], version=str(data["version"]))


@pytest.fixture
def mini_data() -> dict[str, Any]:
    return json.loads((DATA / "mini.json").read_text(encoding="utf-8"))


@pytest.fixture
def framework(db, mini_data) -> Framework:
    """The small test framework "uji-2024": indicators 1–3 weigh 40/3, 4 weighs 35, 5 (external) 25."""
    return load_definition(mini_data)


@pytest.fixture
def spbe2020(db) -> Framework:
    path = FRAMEWORKS_DIR / "spbe-2020.json"
    framework_load(definition=read_definition(path), source_file=path.name)
    return Framework.objects.get(code="spbe-2020", is_current=True)


@pytest.fixture
def open_cycle(province) -> Callable[..., Cycle]:
    def _open(framework: Framework, year: int = 2024, participants: list | None = None, **kwargs: Any) -> Cycle:
        members = participants or [province["province"], province["kabupaten"], province["kota"]]
        return services.cycle_open(
            actor=None, framework=framework, year=year, name=f"Evaluasi uji {year}", participants=members, **kwargs
        )

    return _open


@pytest.fixture
def cycle(framework, open_cycle) -> Cycle:
    return open_cycle(framework)


@pytest.fixture
def people(province, login) -> dict[str, Any]:
    """Signed-in clients and users: the kabupaten's team, a second team member, two asesor, a manager, outsiders."""
    out: dict[str, Any] = {}
    for key, org, role in (
        ("team", "kabupaten", "tim_koordinasi"),
        ("asesor", "province", "asesor"),
        ("manager", "province", "admin"),
        ("other_team", "kota", "tim_koordinasi"),
        ("province_team", "province", "tim_koordinasi"),
        ("viewer", "kabupaten", "viewer"),
    ):
        out[key], out[f"{key}_user"] = login(province[org], role)
    out["team2"], out["team2_user"] = login(province["kabupaten"], "tim_koordinasi", email="kedua@uji.go.id")
    out["asesor2"], out["asesor2_user"] = login(province["province"], "asesor", email="asesor.dua@uji.go.id")
    return out


@pytest.fixture
def submission(cycle, province) -> Submission:
    return cycle.submissions.get(organisation=province["kabupaten"])


def answer_all(submission: Submission, actor: Any, levels: dict[str, Any]) -> None:
    for answer in submission.answers.all():
        if answer.number in levels:
            services.answer_save(
                actor=actor, answer=answer, value=levels[answer.number], explanation="uji", version=answer.version
            )


def run_to_interviu(submission: Submission, team: Any, asesor: Any, levels: dict[str, Any]) -> Submission:
    """Answer everything, submit, assign the asesor, run dokumen (accepting the claims) and start interviu."""
    answer_all(submission, team, levels)
    services.submission_submit(actor=team, submission=submission)
    services.assignment_create(actor=None, submission=submission, asesor=asesor)
    services.stage_start(actor=asesor, submission=submission, stage="dokumen")
    services.review_accept_remaining(actor=asesor, submission=submission)
    services.stage_start(actor=asesor, submission=submission, stage="interviu")
    submission.refresh_from_db()
    return submission


LEVELS = {"1": 3, "2": 2, "3": 4, "4": 3, "5": "3.25"}
