"""The province on its busiest day (issue 15 §2): a Locust scenario against a running Lontar.

    .venv/bin/locust -f bench/load/locustfile.py --headless -u 30 -r 10 -t 60s --host http://127.0.0.1:8740

(`bench/faults.py` runs it for you against `make cluster`.) The mix, by weight:

* visitors (``Visitor``): dataset search and dataset pages, ``/data/`` rows as JSON and CSV, CKAN
  ``package_search`` paging (a harvester), the evaluation and PPID dashboards;
* requesters (``Requester``): a PPID request filed with an identity document (PDF upload), then
  tracked with its number and token;
* PPID staff (``PpidStaff``): sign in with password and TOTP (the demo users, "data contoh"), open
  the inbox, the register and a request;
* evaluators (``Evaluator``): the SPBE team of the demo province signs in and saves indicator
  answers (level and explanation) of its draft self-assessment.

Every write the server *acknowledged* is appended to ``LOAD_ACK_FILE`` (JSON lines; default
``bench/out/load-acks.jsonl``): ``{"kind": "ppid", "marker", "number"}`` after the form answered
302, ``{"kind": "answer", "submission", "indicator", "seq", "marker"}`` after the save answered
302. ``bench/faults.py`` checks afterwards that each of them is stored. Every request is appended
to ``LOAD_EVENTS_FILE`` (``{"t", "name", "status"}``; status 0 = no answer) so that errors can be
counted per fault window. At the end it prints p95 per request type and the count of answers that
were not 2xx/3xx.

Rate limits see the client address: each simulated user connects from its own loopback address
(127.x.y.z, all of 127/8 is loopback on Linux), as the province's visitors come from many.
Demo TOTP keys are public (``lontar.accounts.demo``); a code is used once per account and step.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import os
import random
import re
import struct
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from locust import HttpUser, between, events, task
from requests.adapters import HTTPAdapter

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench" / "out"
ACK_FILE = Path(os.environ.get("LOAD_ACK_FILE", str(OUT / "load-acks.jsonl")))
EVENTS_FILE = Path(os.environ.get("LOAD_EVENTS_FILE", str(OUT / "load-events.jsonl")))
RUN = os.environ.get("LOAD_RUN_ID") or uuid.uuid4().hex[:8]
DEMO_DOMAIN = "demo.lontar.id"
DEMO_PASSWORD = "lontar-demo-2026"
_TOTP_SEED = b"lontar demo totp (public, not a secret)"  # lontar.accounts.demo._SECRET_SEED
PPID_STAFF = ["ppid", "ppid.pelaksana", "ppid.kabkupang"]
PPID_REGISTER = {"ppid", "ppid.kabkupang"}  # who may open the staff register
EVALUATORS = ["tim.koordinasi.kabkupang"]  # the team of a draft self-assessment in the demo data
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NIK = "5301011501900001"

_lock = threading.Lock()
_setup_lock = threading.Lock()
_seq = itertools.count(1)
_evaluators = itertools.count()
_status_counts: dict[str, dict[int, int]] = {}
_out_files: dict[Path, Any] = {}


# --- records -----------------------------------------------------------------------------------


def _append(path: Path, record: dict[str, Any]) -> None:
    with _lock:
        handle = _out_files.get(path)
        if handle is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = _out_files[path] = path.open("a", encoding="utf-8")
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        handle.flush()


def acknowledged(kind: str, **fields: Any) -> None:
    _append(ACK_FILE, {"kind": kind, "run": RUN, "t": time.time(), **fields})


@events.request.add_listener
def _on_request(request_type, name, response_time, response_length, response=None, exception=None, **kw):
    status = getattr(response, "status_code", 0) or 0
    if exception is not None and not status:
        status = 0
    with _lock:
        counts = _status_counts.setdefault(name, {})
        counts[status] = counts.get(status, 0) + 1
    _append(EVENTS_FILE, {"t": round(time.time(), 3), "name": name, "status": status, "ms": round(response_time)})


def _bad(status: int) -> bool:
    return not 200 <= status < 400


@events.quitting.add_listener
def _summary(environment, **kw):
    """p95 per request type and the answers that were not 2xx/3xx (no answer counts as 0)."""
    print(f"\n{'request type':<34} {'count':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'non-2xx/3xx':>12}")
    total_bad = 0
    for (name, _method), entry in sorted(environment.stats.entries.items()):
        bad = sum(n for status, n in _status_counts.get(name, {}).items() if _bad(status))
        total_bad += bad
        p50, p95 = entry.get_response_time_percentile(0.5), entry.get_response_time_percentile(0.95)
        print(f"{name:<34} {entry.num_requests:>7} {p50:>8.0f} {p95:>8.0f} {entry.max_response_time:>8.0f} {bad:>12}")
    total = environment.stats.total
    print(
        f"{'all':<34} {total.num_requests:>7} {'':>8} {total.get_response_time_percentile(0.95):>8.0f} "
        f"{total.max_response_time:>8.0f} {total_bad:>12}"
    )
    statuses: dict[int, int] = {}
    for counts in _status_counts.values():
        for status, n in counts.items():
            if _bad(status):
                statuses[status] = statuses.get(status, 0) + n
    print(f"non-2xx/3xx answers: {total_bad} {dict(sorted(statuses.items()))}  (run {RUN})", flush=True)


# --- helpers -----------------------------------------------------------------------------------


class SourceAddressAdapter(HTTPAdapter):
    """Connections from one loopback address (the rate limits count per client address)."""

    def __init__(self, address: str, **kwargs: Any) -> None:
        self.address = address
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def _send_secure_cookies(user: HttpUser) -> None:
    """Send ``Secure`` cookies over http://127.0.0.1 too, as browsers do for loopback (the cluster
    runs the production settings, secure cookies included, without TLS)."""
    if getattr(user.client, "_loopback", False):
        return
    send = user.client.request

    def request(*args: Any, **kwargs: Any) -> Any:
        for cookie in user.client.cookies:
            cookie.secure = False
        return send(*args, **kwargs)

    user.client.request = request  # type: ignore[method-assign]
    user.client._loopback = True  # type: ignore[attr-defined]


def _own_address(user: HttpUser) -> None:
    _send_secure_cookies(user)
    address = f"127.{random.randint(1, 254)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
    adapter = SourceAddressAdapter(address)
    user.client.mount("http://", adapter)
    user.client.mount("https://", adapter)


def _csrf(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return found.group(1) if found else ""


def _totp(email: str, step: int) -> str:
    key = bytes.fromhex(hmac.new(_TOTP_SEED, email.lower().encode(), hashlib.sha256).hexdigest()[:40])
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


_last_step: dict[str, int] = {}


def _next_step(email: str) -> int:
    """A TOTP step this account has not used yet (django-otp refuses a code used before)."""
    while True:
        step = int(time.time()) // 30
        with _lock:
            if _last_step.get(email, -1) < step:
                _last_step[email] = step
                return step
        time.sleep(1 + (30 - time.time() % 30))


def sign_in(user: HttpUser, local: str) -> bool:
    """Password, then TOTP: True when the session is signed in."""
    email = f"{local}@{DEMO_DOMAIN}"
    page = user.client.get("/akun/masuk/", name="sign in: form")
    data = {"username": email, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": _csrf(page.text)}
    step_one = user.client.post("/akun/masuk/", data=data, name="sign in: password", allow_redirects=False)
    if step_one.status_code != 302:
        return False
    two = user.client.get(step_one.headers["Location"], name="sign in: 2fa form")
    for _attempt in range(3):
        code = _totp(email, _next_step(email))
        form = {"otp_token": code, "csrfmiddlewaretoken": _csrf(two.text), "next": "/"}
        done = user.client.post(two.url, data=form, name="sign in: 2fa code", allow_redirects=False)
        if done.status_code == 302:
            return True
    return False


class Catalogue:
    """Dataset names and datastore tables, read once from the site."""

    names: list[str] = []
    tables: list[str] = []
    dashboards: list[str] = []
    loaded = False

    @classmethod
    def load(cls, user: HttpUser) -> None:
        with _setup_lock:  # the other users wait until the lists are read
            if not cls.loaded:
                cls._read(user)
                cls.loaded = True

    @classmethod
    def _read(cls, user: HttpUser) -> None:
        try:
            found = user.client.get("/api/3/action/package_search?rows=100", name="setup").json()
        except ValueError:
            found = {}
        cls.names = [item["name"] for item in found.get("result", {}).get("results", [])] or ["-"]
        index = user.client.get("/data/", name="setup").text
        cls.tables = sorted(set(re.findall(r'href="/data/([A-Za-z0-9_-]+/[A-Za-z0-9_-]+)\.json"', index))) or ["-"]
        boards = user.client.get("/evaluasi/dasbor/", name="setup").text
        cls.dashboards = sorted(set(re.findall(r'href="(/evaluasi/dasbor/\d+/)"', boards)))


# --- users -------------------------------------------------------------------------------------


class Visitor(HttpUser):
    """The public: search, dataset pages, data as JSON/CSV, a harvester, dashboards."""

    weight = 12
    wait_time = between(0.5, 2)

    def on_start(self) -> None:
        _own_address(self)
        Catalogue.load(self)

    @task(4)
    def search(self) -> None:
        query = random.choice(["penduduk", "kemiskinan", "sekolah", "kesehatan", "jalan", ""])
        self.client.get(f"/dataset/?q={query}", name="dataset search")

    @task(4)
    def dataset_page(self) -> None:
        self.client.get(f"/dataset/{random.choice(Catalogue.names)}/", name="dataset page")

    @task(3)
    def data_json(self) -> None:
        self.client.get(f"/data/{random.choice(Catalogue.tables)}.json?_size=100", name="/data/ JSON")

    @task(2)
    def data_csv(self) -> None:
        self.client.get(f"/data/{random.choice(Catalogue.tables)}.csv?_stream=on", name="/data/ CSV")

    @task(3)
    def harvester(self) -> None:
        start = random.randint(0, 5) * 20
        self.client.get(f"/api/3/action/package_search?rows=20&start={start}", name="CKAN package_search page")

    @task(2)
    def dashboards(self) -> None:
        if Catalogue.dashboards:
            self.client.get(random.choice(Catalogue.dashboards), name="evaluation dashboard")
        self.client.get("/ppid/statistik/", name="PPID statistics")


class Requester(HttpUser):
    """Files a PPID request with an identity document, then tracks it."""

    weight = 3
    wait_time = between(2, 5)

    def on_start(self) -> None:
        _own_address(self)
        self.filed = 0

    @task
    def file_and_track(self) -> None:
        if self.filed and self.filed % 4 == 0:  # at most 5 forms an hour per address
            self.client.cookies.clear()
            _own_address(self)
        form = self.client.get("/ppid/permohonan/baru/", name="PPID form")
        bodies = re.findall(r'<option value="(\d+)"', form.text)
        if form.status_code != 200 or not bodies:
            return
        seq = next(_seq)
        marker = f"uji-beban {RUN} {seq}"
        data = {
            "csrfmiddlewaretoken": _csrf(form.text),
            "public_body": random.choice(bodies),
            "requester_type": "perorangan",
            "name": "Pemohon Uji Beban",
            "identity_number": NIK,
            "address": "Jl. Contoh No. 2, Kupang",
            "phone": "",
            "email": "pemohon@contoh.id",
            "occupation": "Wartawan",
            "information_requested": f"Daftar kegiatan pengadaan tahun 2025 ({marker}).",
            "purpose": "Bahan liputan",
            "obtain_method": "inspect",
            "copy_method": "",
            "website": "",
            "privacy_ack": "on",
        }
        files = {"identity_document": ("ktp.pdf", PDF, "application/pdf")}
        sent = self.client.post(
            "/ppid/permohonan/baru/", data=data, files=files, name="PPID request filed", allow_redirects=False
        )
        self.filed += 1
        if sent.status_code != 302:
            return
        page = self.client.get("/ppid/lacak/", name="PPID tracking (just filed)")
        shown = page.text if page.status_code == 200 else ""  # e.g. the 503 page during an outage
        number = re.search(r"<title>\S+ ([A-Z]+-[0-9A-Z-]+) ·", shown)
        token = re.search(r"<code>([^<]+)</code>", shown)
        acknowledged("ppid", marker=marker, number=number.group(1).strip() if number else None)
        if number and token:
            track = self.client.get("/ppid/lacak/", name="PPID tracking form")
            lookup = {
                "csrfmiddlewaretoken": _csrf(track.text),
                "number": number.group(1).strip(),
                "token": token.group(1),
            }
            self.client.post("/ppid/lacak/", data=lookup, name="PPID tracking (number and token)")


class PpidStaff(HttpUser):
    """A PPID officer signs in (TOTP) and works the queue."""

    weight = 2
    wait_time = between(1, 4)

    def on_start(self) -> None:
        _own_address(self)
        self.local = random.choice(PPID_STAFF)
        self.signed_in = sign_in(self, self.local)

    @task(3)
    def inbox(self) -> None:
        if not self.signed_in:
            self.on_start()
            return
        page = self.client.get("/ppid/kelola/", name="PPID staff inbox")
        ids = re.findall(r'href="/ppid/kelola/permohonan/(\d+)/"', page.text)
        if ids:
            self.client.get(f"/ppid/kelola/permohonan/{random.choice(ids)}/", name="PPID staff request")

    @task(1)
    def register(self) -> None:
        if self.signed_in and self.local in PPID_REGISTER:
            self.client.get("/ppid/kelola/register/", name="PPID staff register")


class Evaluator(HttpUser):
    """The SPBE team saves indicator answers of its draft self-assessment."""

    weight = 2
    wait_time = between(1, 3)

    def on_start(self) -> None:
        _own_address(self)
        self.indicators: list[str] = []
        self.signed_in = sign_in(self, random.choice(EVALUATORS))
        if not self.signed_in:
            return
        listing = self.client.get("/evaluasi/penilaian/", name="evaluation list")
        for pk in list(dict.fromkeys(re.findall(r'href="/evaluasi/penilaian/(\d+)/"', listing.text)))[:5]:
            detail = self.client.get(f"/evaluasi/penilaian/{pk}/", name="evaluation submission")
            found = list(
                dict.fromkeys(re.findall(rf'href="(/evaluasi/penilaian/{pk}/indikator/[^/"]+/)"', detail.text))
            )
            if found and 'name="version"' in self.client.get(found[0], name="evaluation indicator").text:
                # a draft this team may answer; each evaluator its own indicators (no edit conflicts)
                share = next(_evaluators) % 4
                self.indicators = found[share::4] or found
                break

    @task
    def save_answer(self) -> None:
        if not self.indicators:
            return
        url = random.choice(self.indicators)
        page = self.client.get(url, name="evaluation indicator")
        version = re.search(r'name="version" value="(\d+)"', page.text)
        levels = re.findall(r'name="level" value="([^"]+)"', page.text)
        if page.status_code != 200 or not version or not levels:
            return
        seq = next(_seq)
        marker = f"uji-beban {RUN} {seq}"
        data = {
            "csrfmiddlewaretoken": _csrf(page.text),
            "level": random.choice(levels),
            "explanation": f"Penjelasan {marker}",
            "version": version.group(1),
            # the evidence already attached stays attached
            "evidence": re.findall(r'name="evidence" value="(\d+)"[^>]*checked', page.text),
        }
        saved = self.client.post(url, data=data, name="evaluation answer saved", allow_redirects=False)
        if saved.status_code == 302:
            acknowledged("answer", url=url, seq=seq, marker=marker, level=data["level"])
