"""Katalog TIK records offered as evidence for Indeks KAMI controls (issue 14 §2), scoped to the subject."""

from __future__ import annotations

import datetime as dt

import pytest

from lontar.assessments.definitions import FRAMEWORKS_DIR, read_definition
from lontar.assessments.questionnaire import Questionnaire
from lontar.evaluations.answer_sources import answer_suggestions
from lontar.evaluations.subjects import Subject
from lontar.katalog.models import RiskRating, SecurityAudit
from tests.katalog.helpers import make_app, make_asset

pytestmark = pytest.mark.django_db


def _questionnaire(code: str) -> Questionnaire:
    found = read_definition(FRAMEWORKS_DIR / f"{code}.json").questionnaire
    assert found is not None
    return found


KAMI = _questionnaire("kami-5")
AS_OF = dt.date(2026, 6, 30)


def _system(app_code: str, org) -> Subject:
    return Subject(kind="system", ref=app_code, name="Sistem uji", organisation=org)


def test_records_of_the_system_are_evidence_for_the_mapped_controls(province):
    org = province["kabupaten_opd"]
    app = make_app(org, system_category="tinggi")
    make_asset(org)
    SecurityAudit.objects.create(application=app, audited_on=dt.date(2026, 2, 3), auditor="BSSN", conclusion="memadai")
    SecurityAudit.objects.create(
        application=app, audited_on=dt.date(2026, 9, 1), auditor="Later", conclusion="memadai"
    )  # after the day looked at: left out
    RiskRating.objects.create(application=app, rating=3, rated_on=dt.date(2026, 1, 10))
    got = answer_suggestions(_system(app.code, org), KAMI, 2026, today=AS_OF)
    assert set(got) == {"3.1", "5.1", "5.2", "6.1"}
    assert all(s.option == "" for s in got.values())  # graded controls: evidence only
    assert "1 aset infrastruktur dan 1 aplikasi" in got["5.1"].figure
    assert "“Tinggi”" in got["5.2"].figure and got["5.2"].evidence[0].url.endswith(f"/{app.code}/")
    assert got["6.1"].figure.startswith("1 audit keamanan") and "BSSN" in got["6.1"].figure
    assert len(got["6.1"].evidence) == 1
    assert "3 dari 5" in got["3.1"].figure


def test_another_organisations_system_or_a_named_system_gets_nothing_of_it(province):
    org, other = province["kabupaten_opd"], province["kota"]
    app = make_app(org, system_category="strategis")
    SecurityAudit.objects.create(application=app, audited_on=dt.date(2026, 2, 3), auditor="BSSN", conclusion="memadai")
    # the same application code claimed by another organisation's subject
    assert answer_suggestions(_system(app.code, other), KAMI, 2026, today=AS_OF) == {}
    # a named system of the owner: only the organisation-wide inventory
    named = answer_suggestions(_system("", org), KAMI, 2026, today=AS_OF)
    assert set(named) == {"5.1"}
    # a badan publik is not a KAMI subject
    body = Subject(kind="body", ref=app.code, name="x", organisation=org)
    assert answer_suggestions(body, KAMI, 2026, today=AS_OF) == {}
