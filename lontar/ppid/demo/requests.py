"""Sample requests over two years in every state, written directly with back-dated history.

Obviously fake names ("Pemohon Contoh 0042") and NIKs that pass validation; ``is_sample=True``.
Deterministic for a seed (tracking tokens excepted: they are random and printed for a few).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from lontar.audit.services import audit_record
from lontar.calendar.selectors import holiday_dates
from lontar.calendar.workdays import add_working_days, working_days_between
from lontar.ppid.choices import (
    BodyKind,
    Channel,
    Decision,
    ObtainMethod,
    RequesterType,
    Status,
)
from lontar.ppid.demo.bodies import SAMPLE_DOMAIN
from lontar.ppid.models import (
    InformationRequest,
    Notice,
    PublicBody,
    RedactedPart,
    RequestEvent,
)
from lontar.ppid.privacy import tracking
from lontar.ppid.privacy.identity import identity_index
from lontar.ppid.rules import deadlines
from lontar.ppid.services.intake import allocate_number

TOPICS = [
    "Dokumen Pelaksanaan Anggaran (DPA) tahun {year}",
    "Laporan realisasi anggaran semester I tahun {year}",
    "Daftar paket pengadaan barang dan jasa tahun {year}",
    "Data penerima bantuan sosial per kecamatan tahun {year}",
    "Rencana Kerja (Renja) perangkat daerah tahun {year}",
    "Salinan kontrak pembangunan jalan ruas Oelamasi tahun {year}",
    "Data jumlah guru dan sekolah per kabupaten tahun {year}",
    "Laporan hasil pemeriksaan BPK atas LKPD tahun {year}",
    "Data kasus stunting per desa tahun {year}",
    "Izin lingkungan kegiatan tambak garam di pesisir tahun {year}",
]
PURPOSES = [
    "Penelitian skripsi",
    "Bahan liputan media",
    "Advokasi masyarakat desa",
    "Kajian lembaga swadaya masyarakat",
    "Keperluan pribadi",
]
CHANNELS = [Channel.ONLINE] * 6 + [Channel.WALK_IN] * 2 + [Channel.EMAIL, Channel.POST, Channel.ORAL]
DECISIONS = (
    [Decision.GRANTED] * 11
    + [Decision.PARTIAL] * 3
    + [Decision.REFUSED] * 2
    + [Decision.NOT_HELD] * 3
    + [Decision.NOT_DOCUMENTED]
)


@dataclass
class Counts:
    bodies: int = 0
    requests: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    objections: int = 0
    examples: list[tuple[str, str]] = field(default_factory=list)


def _nik(rng: random.Random, region: str, female: bool) -> str:
    """A NIK that passes validation, from the body's region; serials 9000+ (data contoh)."""
    regency = region[3:5] if len(region) >= 5 else f"{rng.randint(1, 21):02d}"
    day = rng.randint(1, 28) + (40 if female else 0)
    born = f"{day:02d}{rng.randint(1, 12):02d}{rng.randint(60, 99):02d}"
    return f"53{regency}{rng.randint(1, 20):02d}{born}{rng.randint(9000, 9999)}"


@dataclass
class Story:
    """The fate of one sample request: what happened on which day."""

    req: InformationRequest
    events: list[RequestEvent] = field(default_factory=list)
    notice: Notice | None = None

    def step(self, action: str, to: str, day: dt.date, note: str = "", public: bool = False) -> None:
        at = timezone.make_aware(dt.datetime.combine(day, dt.time(8 + len(self.events), 15)))
        before = self.req.status if self.events else ""
        self.events.append(
            RequestEvent(
                request=self.req,
                action=action,
                from_status=before,
                to_status=to,
                note=note,
                note_is_public=public,
                at=at,
            )
        )
        self.req.status = to


def _identity(rng: random.Random, kind: str, region: str) -> str:
    if kind == RequesterType.BADAN_HUKUM:
        return f"AHU-{rng.randint(1000, 99999):05d}.AH.01.07.Tahun {rng.randint(2010, 2024)}"
    return _nik(rng, region, female=rng.random() < 0.45)


class Generator:
    """Writes sample requests for the PPID Utama bodies, received over ``days`` up to today."""

    def __init__(self, *, seed: int, today: dt.date, days: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 (sample data, not secrets)
        self.today = today
        self.start = today - dt.timedelta(days=days)
        self.holidays = holiday_dates(self.start - dt.timedelta(days=30), today + dt.timedelta(days=120))
        self.serial = 0

    def add(self, day: dt.date, n: int) -> dt.date:
        return add_working_days(day, n, self.holidays)

    def _new(self, body: PublicBody, received: dt.date, token: str) -> InformationRequest:
        rng = self.rng
        self.serial += 1
        kind = rng.choices([RequesterType.PERORANGAN, RequesterType.KELOMPOK, RequesterType.BADAN_HUKUM], [8, 1, 1])[0]
        identity = _identity(rng, kind, body.organisation.region_id)
        obtain = rng.choice(list(ObtainMethod))
        return InformationRequest(
            public_body=body,
            number=allocate_number(body, received),
            tracking_digest=tracking.digest(token),
            status=Status.RECEIVED,
            channel=rng.choice(CHANNELS),
            requester_type=kind,
            name=f"Pemohon Contoh {self.serial:04d}",
            identity_number=identity,
            identity_index=identity_index(identity),
            address=f"Jl. Contoh No. {rng.randint(1, 200)}, {body.organisation.region.name} (data contoh)",
            phone=f"0812{rng.randint(10_000_000, 99_999_999)}" if rng.random() < 0.7 else "",
            email=f"pemohon{self.serial:04d}@{SAMPLE_DOMAIN}",
            occupation=rng.choice(["Mahasiswa", "Wartawan", "Petani", "Guru", "Wiraswasta", ""]),
            information_requested=rng.choice(TOPICS).format(year=received.year - rng.randint(0, 1)),
            purpose=rng.choice(PURPOSES),
            obtain_method=obtain,
            copy_method=rng.choice(["email", "pick_up", "post"]) if obtain != ObtainMethod.INSPECT else "",
            received_on=received,
            received_at=timezone.make_aware(dt.datetime.combine(received, dt.time(10, 0))),
            clock_start_on=received,
            due_on=deadlines.notice_due(received, self.holidays),
            is_sample=True,
        )

    def request(self, body: PublicBody, pelaksana: list[PublicBody], received: dt.date) -> tuple[Story, str]:
        token = tracking.new_token()
        story = Story(self._new(body, received, token))
        online = story.req.channel == Channel.ONLINE
        story.step("submitted" if online else "registered", Status.RECEIVED, received)
        self._play(story, pelaksana)
        return story, token

    def _play(self, story: Story, pelaksana: list[PublicBody]) -> None:
        req, rng = story.req, self.rng
        roll = rng.random()
        if roll < 0.05:
            self._withdraw(story, min(self.today, self.add(req.received_on, rng.randint(0, 4))))
            return
        if roll < 0.12 and req.public_body.incomplete_sop_enabled and self._incomplete(story):
            return
        if pelaksana and rng.random() < 0.8:
            self._assign(story, rng.choice(pelaksana))
        self._answer(story)

    def _withdraw(self, story: Story, day: dt.date) -> None:
        story.req.closed_on = day
        story.step("withdrawn", Status.WITHDRAWN, day, "Pemohon membatalkan permohonan (data contoh).", True)

    def _incomplete(self, story: Story) -> bool:
        """Mark incomplete; True when the story ends there (still incomplete, or closed)."""
        req = story.req
        told = self.add(req.received_on, 1)
        if told > self.today:
            return False
        req.incomplete_reason = "Salinan KTP belum dilampirkan (data contoh)."
        req.incomplete_notified_on = told
        req.completion_due_on = self.add(told, 3)
        story.step("marked_incomplete", Status.INCOMPLETE, told, req.incomplete_reason, True)
        completed = self.add(told, 2)
        if self.rng.random() < 0.35 or completed > self.today:
            closing = self.add(req.completion_due_on, 1)
            if closing <= self.today:
                req.closed_on = closing
                story.step("closed", Status.CLOSED, closing, "Tidak dilengkapi dalam 3 hari kerja (data contoh).", True)
            return True
        req.clock_start_on = completed
        req.due_on = deadlines.notice_due(completed, self.holidays)
        story.step("completed", Status.RECEIVED, completed)
        return False

    def _assign(self, story: Story, to: PublicBody) -> None:
        day = self.add(story.req.clock_start_on, 1)
        if day <= self.today:
            story.req.assigned_to = to
            story.step("assigned", Status.ASSIGNED, day)

    def _extend(self, story: Story) -> None:
        req = story.req
        day = self.add(req.clock_start_on, 8)
        if day <= self.today:
            req.extended_due_on = deadlines.extended_due(req.due_on, self.holidays)
            req.extension_reason = "Informasi dihimpun dari beberapa bidang (data contoh)."
            story.step("extended", req.status, day, req.extension_reason, True)

    def _answer_day(self, req: InformationRequest, last: dt.date) -> dt.date:
        if self.rng.random() < 0.06:  # answered late
            return self.add(last, self.rng.randint(1, 6))
        span = working_days_between(req.clock_start_on, last, self.holidays)
        return self.add(req.clock_start_on, self.rng.randint(min(3, span), span))

    def _answer(self, story: Story) -> None:
        req = story.req
        if self.rng.random() < 0.15:
            self._extend(story)
        last = req.extended_due_on or req.due_on
        if last < self.today and self.rng.random() < 0.06:
            return  # never answered: overdue
        answer_on = self._answer_day(req, last)
        recent = working_days_between(req.clock_start_on, self.today, self.holidays) < 10
        if answer_on > self.today or (recent and self.rng.random() < 0.5):
            return
        self._notice(story, answer_on)

    def _notice(self, story: Story, day: dt.date) -> None:
        req, rng = story.req, self.rng
        decision = rng.choice(DECISIONS)
        story.notice = _notice_for(req, decision, day, rng)
        req.notice_issued_on = day
        story.step("notice_issued", Status.NOTICE_ISSUED, day)
        if decision in DELIVERING:
            delivered = self.add(day, rng.randint(0, 3))
            if delivered > self.today:
                return
            req.delivered_on = delivered
            story.step("delivered", Status.DELIVERED, delivered)
            day = delivered
        closed = self.add(day, rng.randint(1, 10))
        if closed <= self.today and rng.random() < 0.9:
            req.closed_on = closed
            story.step("closed", Status.CLOSED, closed, "Selesai (data contoh).", True)


DELIVERING = (Decision.GRANTED, Decision.PARTIAL)


def _notice_for(req: InformationRequest, decision: str, day: dt.date, rng: random.Random) -> Notice:
    test = req.public_body.consequence_tests.order_by("id").first() if decision == Decision.REFUSED else None
    gives = decision in DELIVERING
    return Notice(
        request=req,
        number=f"{req.number}/PT",
        decision=decision,
        issued_on=day,
        material="Salinan dokumen yang diminta (data contoh)." if gives else "",
        delivery="Softcopy melalui e-mail pemohon" if gives else "",
        holder="Badan Pusat Statistik Provinsi NTT (data contoh)" if decision == Decision.NOT_HELD else "",
        exemption_ground=test.ground if test else "",
        consequence_test=test,
        cost=Decimal(rng.choice([0, 0, 0, 5000, 12500])) if gives else Decimal(0),
        explanation="" if gives else "Penjelasan keputusan (data contoh).",
    )


def _save(story: Story) -> None:
    story.req.save()
    RequestEvent.objects.bulk_create(story.events)
    notice = story.notice
    if notice is not None:
        notice.request = story.req
        notice.save()
        if notice.decision == Decision.PARTIAL:
            RedactedPart.objects.create(
                notice=notice,
                part="Nomor rekening dan NIK pihak ketiga",
                reason="Data pribadi pihak ketiga (data contoh).",
                ground="h",
            )


@transaction.atomic
def load_sample_requests(*, per_body: dict[str, int], seed: int = 2026, days: int = 730) -> Counts:
    """Write sample requests (skipped when sample requests already exist). Returns what was written."""
    counts = Counts(bodies=PublicBody.objects.filter(is_sample=True).count())
    if InformationRequest.objects.filter(is_sample=True).exists():
        return counts
    generator = Generator(seed=seed, today=timezone.localdate(), days=days)
    for body in (
        PublicBody.objects.filter(kind=BodyKind.UTAMA, is_active=True)
        .select_related("organisation__region")
        .order_by("code")
    ):
        pelaksana = list(body.pelaksana.filter(is_active=True))
        n = per_body.get(body.code, per_body.get("*", 0))
        dates = sorted(generator.start + dt.timedelta(days=generator.rng.randint(0, days)) for _ in range(n))
        for received in dates:
            story, token = generator.request(body, pelaksana, received)
            _save(story)
            counts.requests += 1
            counts.by_status[story.req.status] = counts.by_status.get(story.req.status, 0) + 1
            if len(counts.examples) < 3 and story.req.status in (
                Status.ASSIGNED,
                Status.NOTICE_ISSUED,
                Status.RECEIVED,
            ):
                counts.examples.append((story.req.number, token))
    audit_record(
        action="ppid.sample_data.loaded",
        data={"requests": counts.requests, "by_status": counts.by_status, "seed": seed},
    )
    return counts


def describe(counts: Counts) -> list[str]:
    lines = [f"public bodies (sample): {counts.bodies}", f"sample requests written: {counts.requests}"]
    if counts.objections:
        lines.append(f"sample objections written: {counts.objections}")
    lines += [f"  {status}: {n}" for status, n in sorted(counts.by_status.items())]
    lines += [f"  try tracking: {number} / token {token}" for number, token in counts.examples]
    return lines
