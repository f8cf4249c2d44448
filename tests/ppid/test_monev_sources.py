"""Monev KIP answers suggested from the PPID register: pure figures, providers on small fixtures, scoping."""

from __future__ import annotations

import datetime as dt
import statistics
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lontar.assessments.definitions import FRAMEWORKS_DIR, read_definition
from lontar.assessments.questionnaire import Questionnaire
from lontar.evaluations.answer_sources import answer_suggestions, registered_sources
from lontar.evaluations.subjects import Subject
from lontar.ppid import answer_sources as sources
from lontar.ppid.models import ConsequenceTest, DipEntry, InformationRequest, Objection
from lontar.ppid.rules.monev import Share, Timed, days_text, median_days, share_within


def _questionnaire(code: str) -> Questionnaire:
    found = read_definition(FRAMEWORKS_DIR / f"{code}.json").questionnaire
    assert found is not None
    return found


MONEV = _questionnaire("monev-kip")
KAMI = _questionnaire("kami-5")
AS_OF = dt.date(2026, 6, 30)
DAY = dt.date(2026, 1, 1)

# ------------------------------------------------------------------ pure figures


@given(st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=40))
def test_median_is_the_exact_median_and_lies_between_the_extremes(spans):
    value = median_days(spans)
    assert value == Fraction(statistics.median(spans)).limit_denominator(2)
    assert min(spans) <= value <= max(spans)
    assert median_days(list(reversed(spans))) == value


def test_median_by_hand():
    assert median_days([]) is None
    assert median_days([5, 14]) == Fraction(19, 2) and days_text(Fraction(19, 2)) == "9,5"
    assert median_days([3, 1, 10]) == 3 and days_text(Fraction(3)) == "3"


dates = st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 12, 31))
rows = st.lists(st.builds(Timed, due=dates, done=st.none() | dates, waiting=st.booleans()), max_size=30)


@given(rows, dates)
def test_share_counts_each_row_at_most_once(items, as_of):
    share = share_within(items, as_of)
    assert 0 <= share.within <= share.counted <= len(items)
    if share.counted:
        assert share.ratio == Fraction(share.within, share.counted)
        assert share.all_within == (share.within == share.counted)
    else:
        assert share.ratio is None and share.all_within is None and share.percent() == ""


@given(rows, dates)
def test_answering_a_late_row_on_time_never_lowers_the_share(items, as_of):
    before = share_within(items, as_of)
    fixed = [Timed(r.due, r.due if r.due <= as_of else r.done, r.waiting) for r in items]
    after = share_within(fixed, as_of)
    assert after.counted - after.within <= before.counted - before.within


def test_share_by_hand():
    on_time = Timed(dt.date(2026, 3, 16), dt.date(2026, 3, 9))
    late = Timed(dt.date(2026, 3, 16), dt.date(2026, 3, 20))
    waiting_past = Timed(dt.date(2026, 4, 1), None)
    waiting_not_due = Timed(dt.date(2026, 7, 15), None)
    withdrawn = Timed(dt.date(2026, 4, 1), None, waiting=False)
    answered_after_as_of = Timed(dt.date(2026, 8, 1), dt.date(2026, 7, 20))
    share = share_within([on_time, late, waiting_past, waiting_not_due, withdrawn, answered_after_as_of], AS_OF)
    assert share == Share(1, 3) and share.percent() == "33,3" and share.all_within is False
    assert Share(2, 3).percent() == "66,7" and Share(1, 1).percent() == "100,0"


# ------------------------------------------------------------------ providers on a small register


def _dates(req: InformationRequest, received: str, notice: str | None = None, **extra: object) -> None:
    day = dt.date.fromisoformat(received)
    values = {"received_on": day, "clock_start_on": day, "due_on": day + dt.timedelta(days=14), **extra}
    if notice:
        values["notice_issued_on"] = dt.date.fromisoformat(notice)
        values["status"] = "answered"
    InformationRequest.objects.filter(pk=req.pk).update(**values)


@pytest.fixture
def register(submit, bodies):
    """Province: 5 and 14 working days (the second late), one waiting past its deadline, a keberatan
    answered on time and one late, a 2025 request. Kabupaten: one request answered in 1 day."""
    fast, _ = submit()
    slow, _ = submit()
    waiting, _ = submit()
    last_year, _ = submit()
    kab, _ = submit("kabupaten")
    _dates(fast, "2026-03-02", "2026-03-09")  # Monday → Monday: 5 working days
    _dates(slow, "2026-03-02", "2026-03-20")  # 14 working days; due 16 March: late
    _dates(waiting, "2026-03-02")  # due 16 March, no notice by 30 June: late
    _dates(last_year, "2025-05-05", "2025-05-06")
    _dates(kab, "2026-03-02", "2026-03-03")
    for req, answered in ((fast, "2026-04-01"), (slow, "2026-05-20")):
        Objection.objects.create(
            request=req,
            number=f"K-{req.pk}",
            grounds=["c"],
            explanation="x",
            channel="walk_in",
            filed_on=dt.date(2026, 4, 1),
            ground_arose_on=dt.date(2026, 3, 20),
            answer_due_on=dt.date(2026, 5, 13),
            status="answered",
            decision="rejected",
            answered_on=dt.date.fromisoformat(answered),
        )
    return bodies


def _subject(body) -> Subject:
    return Subject(kind="body", ref=str(body.pk), name=body.name, organisation=body.organisation)


def test_every_source_of_the_shipped_files_has_a_provider():
    keys = {q.lontar_source for q in (*MONEV.questions, *KAMI.questions) if q.lontar_source}
    assert keys and keys <= set(registered_sources())


@pytest.mark.django_db
def test_request_figures_by_hand(register):
    province = register["province"]
    median = sources.median_working_days(province, 2026, AS_OF)
    assert median.met is True and "Median 9,5" in median.figure and "2 " in median.figure
    share = sources.share_within_deadline(province, 2026, AS_OF)
    assert share.met is False and share.figure.startswith("1 dari 3 permohonan (33,3 %)")
    objections = sources.keberatan_within_30(province, 2026, AS_OF)
    assert objections.met is False and objections.figure.startswith("1 dari 2 keberatan (50,0 %)")
    report = sources.annual_report_published(province, 2027, AS_OF)
    assert report.met is True and "(3 permohonan)" in report.figure
    assert sources.annual_report_published(province, 2026, AS_OF).met is True  # the 2025 request
    assert "tahun=2025" in sources.annual_report_published(province, 2026, AS_OF).evidence[0].url


@pytest.mark.django_db
def test_one_bodys_figures_are_never_another_bodys(register):
    kab = register["kabupaten"]
    median = sources.median_working_days(kab, 2026, AS_OF)
    assert median.met is True and "Median 1 hari kerja" in median.figure and "atas 1 permohonan" in median.figure
    assert sources.share_within_deadline(kab, 2026, AS_OF).met is True
    assert sources.keberatan_within_30(kab, 2026, AS_OF).met is None
    # the Pelaksana under the province has nothing of the province's
    opd = register["province_opd"]
    assert sources.median_working_days(opd, 2026, AS_OF).met is None
    # a subject naming a body of another organisation gets nothing
    stranger = Subject(kind="body", ref=str(kab.pk), name="x", organisation=register["province"].organisation)
    assert answer_suggestions(stranger, MONEV, 2026, today=AS_OF) == {}
    # a KAMI subject is not a body
    system = Subject(kind="system", ref=str(kab.pk), name="x", organisation=kab.organisation)
    assert not any(s.source.startswith("ppid.") for s in answer_suggestions(system, MONEV, 2026, today=AS_OF).values())


@pytest.mark.django_db
def test_suggestions_map_to_the_questions_options(register):
    got = answer_suggestions(_subject(register["province"]), MONEV, 2026, today=AS_OF)
    assert got["2.1"].option == "ya" and got["2.1"].source == "ppid.median_working_days"
    assert got["2.2"].option == "tidak" and got["2.3"].option == "tidak"
    assert got["2.1"].as_of == AS_OF and got["2.1"].evidence
    assert got["1.1"].option == "tidak"  # no DIP entry
    assert got["4.2"].option == "tidak" and got["4.2"].evidence == ()  # no dataset


@pytest.mark.django_db
def test_dip_maklumat_and_exempt_list(register):
    province = register["province"]
    assert sources.maklumat_published(province, 2026, AS_OF).met is False
    province.maklumat_pelayanan = "Kami sanggup melayani."
    province.save()
    assert sources.maklumat_published(province, 2026, AS_OF).met is True
    fields = {"summary": "LKjIP", "holder": "Sekretariat", "responsible": "Sekda", "made_when": "2026"}
    fields |= {"form": "softcopy", "retention": "10 tahun", "category": "berkala"}
    DipEntry.objects.create(body=province, number="1", year=2025, **fields)
    old = sources.dip_current(province, 2026, AS_OF)
    assert old.met is False and "1 informasi, 0 di antaranya tahun 2026" in old.figure
    DipEntry.objects.create(body=province, number="2", year=2026, **fields)
    assert sources.dip_current(province, 2026, AS_OF).met is True
    assert sources.dip_current(register["kabupaten"], 2026, AS_OF).met is False
    assert sources.exempt_list_published(province, 2026, AS_OF).met is False
    ConsequenceTest.objects.create(
        body=province, information="Rekam medis", exempted_parts="Diagnosis", ground="h", legal_basis="UU 14/2008",
        harm="x", public_interest="y", closed_period="selamanya", decided_by="PPID", decided_on=dt.date(2026, 2, 1),
    )  # fmt: skip
    assert sources.exempt_list_published(province, 2026, AS_OF).met is True
    assert sources.exempt_list_published(register["kabupaten"], 2026, AS_OF).met is False
