"""Two app servers, one database (issue 15, "Tests in CI"): what one process writes, the other serves.

Two gunicorn processes (``config.wsgi``, as in ``make cluster``) run against this test's PostgreSQL
databases and one Redis database, the way several app servers run behind the load balancer:

* a site registered with an API token on server A is read on server B, and a change made on B is
  read on A (sessions, tokens and data live in the database, never in a process);
* a public page kept whole in B's page cache (ADR 0010) is served again after a change made on A:
  every hit re-reads the page's data version, which the write on A moved (for the konektivitas
  pages a counter in the shared Redis cache), so B never serves its stale copy. A change made
  behind the services' back (no version bump) shows that B really answered from its cache.
* an organisation page cached in both servers changes in both after a write by a third process
  (its data version is read from the database: no shared cache needed).

PostgreSQL only: SQLite's test database lives in memory or a file the test process holds in a
transaction. Redis: ``TEST_REDIS_URL`` (default ``redis://127.0.0.1:6379/15``); the Redis part is
skipped with its reason when no Redis answers.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from django.conf import settings

from lontar.accounts.models import Role
from lontar.accounts.tokens import api_token_create
from lontar.konektivitas.models import Site
from lontar.organisations.models import Organisation
from lontar.organisations.services import organisation_update
from tests.konektivitas.sites_helpers import IN_KAB, KAB_DESA, desa, outlines

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
API = "/api/v1/katalog"

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _url(alias: str) -> str:
    """The URL of this test's database ``alias`` (pytest-django's test database, e.g. test_lontar_gw0)."""
    db = settings.DATABASES[alias]
    user = quote(db.get("USER") or "postgres")
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


def _redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping())
    except redis.RedisError:
        return False


@dataclass
class Server:
    name: str
    base: str
    process: subprocess.Popen
    log: Path

    def get(self, path: str, **kwargs) -> requests.Response:
        # a fresh connection without cookies: an anonymous visitor, eligible for the page cache
        return requests.get(self.base + path, timeout=90, allow_redirects=False, **kwargs)

    def send(self, method: str, path: str, token: str, body: dict) -> requests.Response:
        headers = {"Authorization": f"Bearer {token}"}
        return requests.request(method, self.base + path, json=body, headers=headers, timeout=90)


def _expect(response: requests.Response, status: int, server: Server) -> requests.Response:
    """``response`` has ``status``, or the test fails showing the end of the server's log (its traceback)."""
    if response.status_code != status:
        pytest.fail(
            f"{response.request.method} {response.url} on {server.name}: {response.status_code}, not {status}\n"
            f"{response.text[:500]}\n--- log of {server.name} ---\n{server.log.read_text()[-4000:]}"
        )
    return response


def _start(name: str, env: dict[str, str], log: Path) -> Server:
    port = _free_port()
    argv = [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}"]
    argv += ["--workers", "1", "--threads", "4", "--timeout", "60", "--access-logfile", "-"]
    with log.open("ab") as out:
        process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    return Server(name, f"http://127.0.0.1:{port}", process, log)


def _wait_ready(server: Server, timeout: float = 180.0) -> None:
    """Until /readyz answers 200 (the machine may be busy: generous, with the server's log on failure)."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"app server {server.name} exited:\n{server.log.read_text()[-3000:]}")
        try:
            answer = requests.get(server.base + "/readyz", timeout=10)
            if answer.status_code == 200:
                return
            last = f"{answer.status_code} {answer.text[:300]}"
        except requests.RequestException as exc:
            last = type(exc).__name__
        time.sleep(0.3)
    log = server.log.read_text()[-3000:]
    pytest.fail(f"app server {server.name}: /readyz not 200 after {timeout:.0f} s (last: {last}):\n{log}")


def _stop(server: Server) -> None:
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


@pytest.fixture
def servers(transactional_db, tmp_path) -> Iterator[tuple[Server, Server]]:
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        pytest.skip("needs PostgreSQL (DATABASE_URL): the app servers share the test's database")
    if not _redis_answers():
        pytest.skip(f"needs Redis at {REDIS_URL} (TEST_REDIS_URL): several app servers share one cache")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _url("default"),
        "DATASTORE_DATABASE_URL": _url("datastore"),
        "LONTAR_REDIS_URL": REDIS_URL,
        # the keys of this test process, so both servers read what it encrypted and signed
        "LONTAR_FIELD_ENCRYPTION_KEYS": ",".join(settings.FIELD_ENCRYPTION_KEYS),
        "LONTAR_SIGNING_KEY": settings.SIGNING_KEY,
        # one data directory for both, as one bucket would be
        "LONTAR_DATA_DIR": str(tmp_path / "data"),
        "PYTHONUNBUFFERED": "1",
    }
    started = [_start(name, env, tmp_path / f"{name}.log") for name in ("A", "B")]
    try:
        for server in started:
            _wait_ready(server)
        yield started[0], started[1]
    finally:
        for server in started:
            _stop(server)


@pytest.fixture
def site_manager(province, login):
    outlines()
    desa(KAB_DESA)
    _, user = login(province["kabupaten"], Role.PENGELOLA_TIK)
    _token, raw = api_token_create(actor=user, name="uji multi-server")
    return raw


def _register_site(server: Server, token: str, province) -> requests.Response:
    body = {
        "code": "MULTI-1",
        "name": "Kantor Desa Uji Satu",
        "kind": "kantor_desa",
        "desa": KAB_DESA,
        "lat": IN_KAB[0],
        "lng": IN_KAB[1],
        "organisation": province["kabupaten_opd"].slug,
    }
    return server.send("POST", f"{API}/titik", token, body)


def test_each_server_reads_what_the_other_wrote(servers, site_manager, province):
    a, b = servers
    _expect(_register_site(a, site_manager, province), 201, a)
    on_b = _expect(b.get(f"{API}/titik/MULTI-1"), 200, b)
    assert on_b.json()["name"] == "Kantor Desa Uji Satu"

    _expect(b.send("PATCH", f"{API}/titik/MULTI-1", site_manager, {"name": "Kantor Desa Uji Dua"}), 200, b)
    assert a.get(f"{API}/titik/MULTI-1").json()["name"] == "Kantor Desa Uji Dua"
    assert Site.objects.get(code="MULTI-1").name == "Kantor Desa Uji Dua"  # one database


def test_a_write_on_one_server_invalidates_the_page_cached_by_the_other(servers, site_manager, province):
    a, b = servers
    _expect(_register_site(a, site_manager, province), 201, a)
    page = "/konektivitas/titik/MULTI-1/"
    first = _expect(b.get(page), 200, b)
    assert "Kantor Desa Uji Satu" in first.text

    # Behind the services' back (no data-version bump): B keeps answering from its page cache.
    Site.objects.filter(code="MULTI-1").update(name="Nama Diam-diam")
    assert "Kantor Desa Uji Satu" in b.get(page).text
    assert "Nama Diam-diam" in a.get(page).text  # A had no copy: it renders from the database

    # Through the API on A: the site's data version moves in the shared cache, B renders afresh.
    _expect(a.send("PATCH", f"{API}/titik/MULTI-1", site_manager, {"name": "Kantor Desa Oelnasi"}), 200, a)
    again = _expect(b.get(page), 200, b)
    assert "Kantor Desa Oelnasi" in again.text and "Kantor Desa Uji Satu" not in again.text


def test_an_organisation_page_cached_in_both_servers_follows_a_write(servers, province, login):
    organisation = province["kabupaten_opd"]
    page = f"/organisasi/{organisation.slug}/"
    for server in servers:
        assert organisation.name in server.get(page).text
    # behind the service's back (updated_at, the data version, unchanged): both answer from their cache
    Organisation.objects.filter(pk=organisation.pk).update(name="Nama Diam-diam")
    for server in servers:
        assert organisation.name in server.get(page).text, server.name
    # through the service, in a third process (this one): the version moves in the database
    _, admin = login(province["province"], Role.ADMIN)
    organisation_update(actor=admin, organisation=organisation, name="Dinas Kominfo Kabupaten Kupang Baru (uji)")
    for server in servers:
        answer = server.get(page)
        assert answer.status_code == 200 and "Dinas Kominfo Kabupaten Kupang Baru (uji)" in answer.text, server.name
