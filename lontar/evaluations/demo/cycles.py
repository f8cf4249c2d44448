"""Sample evaluations ("data contoh") for the demo: spbe-2020 2022–2025 (final) and pemdi-2026 in progress.

Published facts are kept exactly (``shared/reference/spbe.md``): Provinsi NTT 2022 3.35 Baik;
Kabupaten Kupang 2022 1.85; Rote Ndao 2022 2.48 and 2023 2.99 Baik; in 2022 the 21 evaluated
kab/kota were 2 Baik, 11 Cukup, 8 Kurang and Kabupaten Ende was not evaluated. Every other
value is invented and every cycle is labelled as sample data. Levels are searched so that the
index the services compute equals the chosen value (``demo.levels``); the results are then
finalised through the normal services, so the demo shows exactly what Lontar computes.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.utils import timezone

from lontar.accounts.models import Role, User
from lontar.accounts.selectors import user_by_email
from lontar.assessments import scoring
from lontar.assessments.models import Framework
from lontar.evaluations import services
from lontar.evaluations.demo.levels import band_value, claimed_levels, indicator_bias, levels_for_index
from lontar.evaluations.models import Answer, AnswerEvidence, Cycle, Evidence, Review, Submission
from lontar.evaluations.scoring_inputs import tree_of
from lontar.organisations.models import Organisation, OrganisationKind
from lontar.organisations.selectors import organisation_list

SEED = 2026
SUFFIX = " (data contoh)"
ENDE = "53.08"
#: published values (Kemendagri region code → index) per year
PUBLISHED: dict[int, dict[str, str]] = {
    2022: {"53": "3.35", "53.01": "1.85", "53.14": "2.48"},
    2023: {"53.14": "2.99"},
}
#: 2022: the two Baik and eight Kurang kab/kota (sample choice; only the counts are published)
BAIK_2022 = ("53.71", "53.15")
KURANG_2022 = ("53.05", "53.13", "53.16", "53.17", "53.18", "53.19", "53.20", "53.21")
YEARS = (2022, 2023, 2024, 2025)
EVIDENCE = (
    ("SK Tim Koordinasi SPBE", "regulation", "Bupati / Wali Kota / Gubernur"),
    ("Peraturan Kepala Daerah tentang SPBE", "regulation", "Kepala Daerah"),
    ("Laporan pelaksanaan SPBE tahunan", "report", "Diskominfo"),
    ("Tangkapan layar portal layanan publik", "screenshot", "Diskominfo"),
)


@dataclass
class Counts:
    cycles: int = 0
    results: int = 0
    skipped: list[str] = field(default_factory=list)


def instansi() -> dict[str, Organisation]:
    """The province and the 22 kab/kota by Kemendagri code."""
    orgs = organisation_list(kind=OrganisationKind.INSTANSI).select_related("region")
    return {org.region_id: org for org in orgs if org.region.level in ("provinsi", "kabupaten", "kota")}


def _rng(*parts: object) -> random.Random:
    return random.Random("|".join(str(p) for p in (SEED, *parts)))  # noqa: S311 - sample data


def _index_2022(code: str, tree: Any) -> Decimal:
    if code in PUBLISHED[2022]:
        return Decimal(PUBLISHED[2022][code])
    bands = {band.name: band for band in tree.bands}
    name = "Baik" if code in BAIK_2022 else "Kurang" if code in KURANG_2022 else "Cukup"
    band = bands[name]
    # a Kurang at the very bottom of the scale is implausible for a kab/kota that took part
    lower = max(band.lower, Fraction(13, 10)) if name == "Kurang" else band.lower
    return band_value(lower, band.upper, _rng("2022", code), tree.level_max)


def planned_indices(codes: list[str], tree: Any) -> dict[int, dict[str, Decimal]]:
    """Index per year and instansi: 2022 as published, then growth, with the published 2023 value kept."""
    plan: dict[int, dict[str, Decimal]] = {2022: {c: _index_2022(c, tree) for c in codes if c != ENDE}}
    for year in YEARS[1:]:
        previous = plan[year - 1]
        current: dict[str, Decimal] = {}
        for code in codes:
            if code in PUBLISHED.get(year, {}):
                current[code] = Decimal(PUBLISHED[year][code])
                continue
            rng = _rng(year, code)
            base = previous.get(code) or Decimal("1.90")
            growth = Decimal(rng.randint(-8, 38)).scaleb(-2)
            current[code] = min(Decimal("4.60"), max(Decimal("1.10"), base + growth))
        plan[year] = current
    return plan


def _deadlines(year: int) -> dict[str, dt.date | None]:
    return {
        "self_assessment_due": dt.date(year, 4, 30),
        "document_review_due": dt.date(year, 6, 30),
        "interview_due": dt.date(year, 8, 31),
        "result_due": dt.date(year, 11, 30),
    }


def demo_asesor() -> User | None:
    user = user_by_email("asesor@demo.lontar.id", active_only=True)
    if user is None or not user.memberships.filter(role=Role.ASESOR).exists():
        return None
    return user


def _library(org: Organisation) -> list[Evidence]:
    items = []
    for title, kind, issuer in EVIDENCE:
        item = Evidence.objects.filter(organisation=org, title=title + SUFFIX, is_sample=True).first()
        if item is None:
            item = services.evidence_add(
                actor=None,
                organisation=org,
                title=title + SUFFIX,
                kind=kind,
                issuer=issuer,
                url=f"https://example.org/contoh/{org.slug}/{kind}",
                is_sample=True,
            )
        items.append(item)
    return items


def _fill(submission: Submission, claimed: dict[str, Any], library: list[Evidence]) -> None:
    """Write the claims, explanations and evidence links of a sample submission (a draft)."""
    answers = list(submission.answers.all())
    for answer in answers:
        if answer.number in claimed:
            answer.self_value = Decimal(claimed[answer.number])
            answer.explanation = "Penjelasan contoh untuk demonstrasi (data contoh)."
            if answer.node.external_source:
                answer.value_source = f"{answer.node.external_source} (data contoh)"
    Answer.objects.bulk_update(answers, ["self_value", "explanation", "value_source"], batch_size=500)
    rng = _rng("evidence", submission.pk)
    links = [
        AnswerEvidence(answer=a, evidence=rng.choice(library))
        for a in answers
        if a.number in claimed and rng.random() < 0.5
    ]
    AnswerEvidence.objects.bulk_create(links, ignore_conflicts=True)


def _reviews(submission: Submission, stages: dict[str, dict[str, int | None]], asesor: User | None) -> None:
    """One review per answer and stage, as starting a stage creates them; None = not validated yet."""
    rows = []
    for answer in submission.answers.all():
        for stage, values in stages.items():
            value = values.get(answer.number)
            rows.append(
                Review(
                    answer=answer,
                    stage=stage,
                    value=None if value is None else Decimal(value),
                    note="Catatan asesor (data contoh)." if value is not None else "",
                    asesor=asesor if value is not None else None,
                    version=1 if value is not None else 0,
                )
            )
    Review.objects.bulk_create(rows, batch_size=500)


def _advance(submission: Submission, state: str, self_index: Decimal | None) -> None:
    Submission.objects.filter(pk=submission.pk).update(
        state=state, submitted_at=timezone.now(), self_index=self_index, updated_at=timezone.now()
    )


def _responses(
    submission: Submission, claimed: dict[str, int], dokumen: dict[str, int | None], rng: random.Random
) -> None:
    contested = [n for n, v in dokumen.items() if v is not None and v < claimed[n] and rng.random() < 0.5]
    Answer.objects.filter(submission=submission, number__in=contested).update(
        response="Kami menyampaikan bukti tambahan untuk indikator ini (data contoh).", response_at=timezone.now()
    )


def _assign(submission: Submission, asesor: User | None) -> None:
    if asesor is not None:
        services.assignment_create(actor=None, submission=submission, asesor=asesor)


def _final_result(submission: Submission, tree: Any, target: Decimal, bias: dict, library: list, asesor: Any) -> None:
    """Claims, a penilaian dokumen, a penilaian interviu that validates the levels of ``target``, finalised."""
    code = submission.organisation.region_id
    rng = _rng(submission.cycle.year, code, submission.cycle.framework.code)
    final = levels_for_index(tree, target, rng, bias=bias)
    claimed = claimed_levels(final, rng, tree.level_max, tree.level_min)
    _fill(submission, claimed, library)
    dokumen: dict[str, int | None] = {n: claimed[n] if rng.random() < 0.6 else final[n] for n in final}
    _reviews(submission, {"dokumen": dokumen, "interviu": dict(final)}, asesor)
    _responses(submission, claimed, dokumen, rng)
    _advance(submission, "interviu", scoring.score(tree, claimed).index)
    _assign(submission, asesor)
    services.submission_finalise(actor=None, submission=submission)


def load_spbe_history(framework: Framework, orgs: dict[str, Organisation], asesor: User | None) -> Counts:
    """Final sample cycles of spbe-2020 for 2022–2025 (Ende not evaluated in 2022)."""
    counts = Counts()
    tree = tree_of(framework)
    codes = sorted(orgs)
    plan = planned_indices(codes, tree)
    bias = indicator_bias(list(tree.indicators), SEED)
    libraries = {code: _library(orgs[code]) for code in codes}
    for year in YEARS:
        name = f"Evaluasi SPBE {year}{SUFFIX}"
        if Cycle.objects.filter(framework__code=framework.code, year=year, name=name).exists():
            counts.skipped.append(name)
            continue
        with transaction.atomic():
            cycle = services.cycle_open(
                actor=None,
                framework=framework,
                year=year,
                name=name,
                participants=[orgs[c] for c in codes if c in plan[year]],
                deadlines=_deadlines(year),
                is_sample=True,
            )
            for submission in cycle.submissions.select_related("organisation", "cycle__framework"):
                code = submission.organisation.region_id
                _final_result(submission, tree, plan[year][code], bias, libraries[code], asesor)
                counts.results += 1
            services.cycle_finalise(actor=None, cycle=cycle)
            counts.cycles += 1
    _targets(framework, orgs, plan)
    return counts


def _targets(framework: Framework, orgs: dict[str, Organisation], plan: dict[int, dict[str, Decimal]]) -> None:
    """Targets for 2024–2026: a step above the year before (some are met, some not)."""
    for year in (2024, 2025, 2026):
        for code, org in orgs.items():
            base = plan.get(year - 1, {}).get(code)
            if base is None or org.targets.filter(framework_code=framework.code, year=year).exists():
                continue
            step = Decimal(_rng("target", year, code).randint(10, 30)).scaleb(-2)
            services.target_set(
                actor=None,
                organisation=org,
                framework_code=framework.code,
                year=year,
                target_index=min(Decimal(framework.level_max), base + step),
                note="Target contoh (data contoh)",
                is_sample=True,
            )


#: states of the pemdi-2026 cycle in progress, in turn over the kab/kota (the province and Kab. Kupang are fixed)
PEMDI_STATES = ("draft", "submitted", "dokumen", "interviu", "final", "draft", "dokumen")
PEMDI_FIXED = {"53": "dokumen", "53.01": "draft"}


def load_pemdi_cycle(framework: Framework, orgs: dict[str, Organisation], asesor: User | None) -> Counts:
    """A pemdi-2026 cycle in progress: submissions in every state, some already final."""
    counts = Counts()
    name = f"Evaluasi Pemerintah Digital 2026{SUFFIX}"
    if Cycle.objects.filter(framework__code=framework.code, year=2026, name=name).exists():
        counts.skipped.append(name)
        return counts
    tree = tree_of(framework)
    bias = indicator_bias(list(tree.indicators), SEED + 1)
    codes = sorted(orgs)
    with transaction.atomic():
        cycle = services.cycle_open(
            actor=None,
            framework=framework,
            year=2026,
            name=name,
            participants=[orgs[c] for c in codes],
            deadlines=_deadlines(2026),
            is_sample=True,
        )
        for i, submission in enumerate(cycle.submissions.select_related("organisation", "cycle__framework")):
            code = submission.organisation.region_id
            state = PEMDI_FIXED.get(code, PEMDI_STATES[i % len(PEMDI_STATES)])
            _pemdi_submission(submission, state, tree, bias, _library(orgs[code]), asesor)
            counts.results += 1
        counts.cycles += 1
    return counts


def _pemdi_submission(submission: Submission, state: str, tree: Any, bias: dict, library: list, asesor: Any) -> None:
    rng = _rng(2026, submission.organisation.region_id, "pemdi")
    target = Decimal(rng.randint(150, 330)).scaleb(-2)
    if state == "final":
        _final_result(submission, tree, target, bias, library, asesor)
        return
    final = levels_for_index(tree, target, rng, bias=bias)
    claimed = claimed_levels(final, rng, tree.level_max, tree.level_min)
    if state == "draft":
        answered = rng.randint(0, len(claimed) - 2)
        _fill(submission, dict(list(claimed.items())[:answered]), library)
        return
    _fill(submission, claimed, library)
    self_index = scoring.score(tree, claimed).index
    if state == "submitted":
        _advance(submission, state, self_index)
        _assign(submission, asesor)
        return
    reviewed = {n: (final[n] if rng.random() < 0.7 else None) for n in final}
    stages: dict[str, dict[str, int | None]] = {"dokumen": reviewed}
    if state == "interviu":
        stages = {"dokumen": dict(final), "interviu": {n: v for n, v in final.items() if rng.random() < 0.3}}
        _responses(submission, claimed, dict(final), rng)
    _reviews(submission, stages, asesor)
    _advance(submission, state, self_index)
    _assign(submission, asesor)
