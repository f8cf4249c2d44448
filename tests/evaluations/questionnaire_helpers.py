"""Shared set-up for the questionnaire workflow tests (Indeks KAMI, Monev KIP)."""

from __future__ import annotations

from typing import Any

from lontar.assessments.definitions import FRAMEWORKS_DIR, read_definition
from lontar.assessments.models import Framework
from lontar.assessments.selectors import questionnaire_framework_get
from lontar.assessments.services import framework_load
from lontar.evaluations.choices import SubjectKind
from lontar.evaluations.models import Cycle
from lontar.evaluations.services import questionnaires as svc
from lontar.evaluations.subjects import Subject


def load(code: str) -> Framework:
    path = FRAMEWORKS_DIR / f"{code}.json"
    framework_load(definition=read_definition(path), source_file=path.name)
    return questionnaire_framework_get(code)


def monev_cycle(province: dict[str, Any], year: int = 2025, **kwargs: Any) -> Cycle:
    bodies = [
        Subject(kind=SubjectKind.BODY, ref=str(n), name=province[key].name, organisation=province[key])
        for n, key in enumerate(("kabupaten", "kota", "province"), start=1)
    ]
    return svc.questionnaire_cycle_open(
        actor=None, framework=load("monev-kip"), year=year, name=f"Monev uji {year}", subjects=bodies, **kwargs
    )


def kami_cycle(province: dict[str, Any], year: int = 2025) -> Cycle:
    systems = [
        Subject(kind=SubjectKind.SYSTEM, ref="APL-1", name="SIMPEG Kabupaten", organisation=province["kabupaten_opd"]),
        Subject(kind=SubjectKind.SYSTEM, ref="", name="Portal Kota", organisation=province["kota"]),
    ]
    return svc.questionnaire_cycle_open(
        actor=None, framework=load("kami-5"), year=year, name=f"KAMI uji {year}", subjects=systems
    )


def answers_payload(codes: dict[str, str]) -> dict[str, dict[str, str]]:
    return {qid: {"option": code, "explanation": "uji", "links": ""} for qid, code in codes.items()}
