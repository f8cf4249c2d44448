"""schemathesis 4 against a live Lontar server: every operation of /api/v1, anonymous and with a token.

``--checks all`` (status codes, media types, response schemas, negative data refused, positive data
accepted, authentication, unsupported methods ...), a fixed seed and a bounded number of examples,
so the run is reproducible and takes a few minutes at most. The exceptions the OpenAPI document
cannot state are in ``schemathesis.toml`` beside this file, each with its reason. 0 failures.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from lontar.accounts.models import User
from lontar.accounts.tokens import api_token_create

pytestmark = pytest.mark.django_db(transaction=True, databases="__all__")

HERE = Path(__file__).parent
SCHEMATHESIS = str(Path(sys.executable).with_name("schemathesis"))
#: examples per operation and phase; the coverage phase adds the edge cases of every constraint
MAX_EXAMPLES = "3"
SEED = "20261207"


def _demo_data() -> None:
    """Reference data and labelled sample data ("data contoh") like `make demo`, smaller: sample
    evaluations of the province and three kab/kota, a few PPID requests (every state still occurs)."""
    from lontar.assessments.selectors import framework_list
    from lontar.evaluations.demo import cycles

    for name, kwargs in (
        ("load_regions", {}),
        ("load_organisations", {}),
        ("holidays_seed", {"years": "2025-2026"}),
        ("framework_load", {"all": True}),
        ("ppid_demo", {"province": 6, "per_kabkota": 0, "notice_pdfs": 0}),
    ):
        call_command(name, **kwargs, stdout=io.StringIO(), stderr=io.StringIO())
    orgs = dict(sorted(cycles.instansi().items())[:4])
    frameworks = {f.code: f for f in framework_list().filter(code__in=["spbe-2020", "pemdi-2026"])}
    cycles.load_spbe_history(frameworks["spbe-2020"], orgs, None)
    cycles.load_pemdi_cycle(frameworks["pemdi-2026"], orgs, None)


def _schemathesis(url: str, workdir: Path, *extra: str) -> subprocess.Popen:
    command = [
        SCHEMATHESIS,
        "--config-file",
        str(HERE / "schemathesis.toml"),
        "run",
        f"{url}/api/v1/openapi.json",
        "--checks",
        "all",
        "--max-examples",
        MAX_EXAMPLES,
        "--seed",
        SEED,
        "--workers",
        "1",  # more workers share one interpreter's parser (a CPython 3.11 race in the coverage phase)
        "--generation-database",
        "none",
        "--no-color",
        "--request-timeout",
        "30",
        *extra,
    ]
    # its own working directory: schemathesis keeps a cache there
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=workdir)


def _finish(running: subprocess.Popen) -> subprocess.CompletedProcess:
    stdout, stderr = running.communicate(timeout=600)
    return subprocess.CompletedProcess(running.args, running.returncode, stdout, stderr)


def _report(done: subprocess.CompletedProcess) -> str:
    return (done.stdout[-12000:] + "\n" + done.stderr[-3000:]).strip()


def _assert_clean(done: subprocess.CompletedProcess) -> None:
    """Exit status 0 (no failure, no error) and every operation of the document tested."""
    assert done.returncode == 0, _report(done)
    summary = done.stdout.rsplit("SUMMARY", 1)[-1]
    selected = re.search(r"Selected: (\d+)/(\d+)", summary)
    tested = re.search(r"Tested: (\d+)", summary)
    assert selected and tested, _report(done)
    assert selected[1] == selected[2] == tested[1], _report(done)


@pytest.fixture
def site(live_server, settings) -> str:
    settings.ALLOWED_HOSTS = ["*"]
    _demo_data()
    return live_server.url


def test_every_operation_conforms_anonymous_and_with_a_token(site, tmp_path):
    # a superuser reaches every operation (and every PPID step); no password, only the token
    user = User.objects.create(email="schemathesis@uji.go.id", full_name="schemathesis", is_superuser=True)
    _token, raw = api_token_create(actor=user, name="schemathesis")

    # Both at once (the live server answers each in its own thread). The coverage phase (the edge
    # cases of every constraint, the same for both callers of a public operation) runs with the token,
    # which reaches every operation; the anonymous run has the examples, fuzzing and stateful phases.
    (tmp_path / "token").mkdir()
    (tmp_path / "anonymous").mkdir()
    with_token = _schemathesis(site, tmp_path / "token", "--header", f"Authorization: Bearer {raw}")
    anonymous = _schemathesis(site, tmp_path / "anonymous", "--phases", "examples,fuzzing,stateful")
    _assert_clean(_finish(anonymous))
    _assert_clean(_finish(with_token))
