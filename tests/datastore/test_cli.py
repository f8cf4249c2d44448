"""The command line, in separate processes on their own databases: datastore_load with its
progress bar, a worker killed mid-load (nothing visible, cleaned up), and a 100 MB file loaded
with flat memory."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
MANAGE = [sys.executable, str(ROOT / "manage.py")]


def _pg_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else ""


class Env:
    """Main + datastore databases of their own (SQLite files, or PostgreSQL databases)."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.pg = _pg_url()
        if self.pg:
            parsed = urlparse(self.pg)
            root = f"{parsed.scheme}://{parsed.netloc}"
            # named after this run's database and xdist worker: parallel workers and runs never share them
            name = f"{parsed.path[1:]}_cli_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
            self.main_url, self.store_url = f"{root}/{name}", f"{root}/{name}_store"
            self._admin = f"{root}/postgres"
            for url in (self.main_url, self.store_url):
                self._psql(f"DROP DATABASE IF EXISTS {urlparse(url).path[1:]} WITH (FORCE)")
                self._psql(f"CREATE DATABASE {urlparse(url).path[1:]}")
        else:
            self.main_url = f"sqlite:///{base / 'lontar.sqlite3'}"
            self.store_url = f"sqlite:///{base / 'datastore.sqlite3'}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": self.main_url,
            "DATASTORE_DATABASE_URL": self.store_url,
            "LONTAR_DATA_DIR": str(base),
            "LANGUAGE": "id",
        }

    def _psql(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self._admin, autocommit=True) as conn:
            conn.execute(sql)

    def manage(self, *args: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
        result = subprocess.run([*MANAGE, *args], env=self.env, capture_output=True, text=True, cwd=ROOT, **kwargs)
        if check:
            assert result.returncode == 0, result.stderr[-3000:]
        return result

    def popen(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            [*MANAGE, *args], env=self.env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )

    def main_rows(self, sql: str) -> list[tuple]:
        if self.pg:
            import psycopg

            with psycopg.connect(self.main_url) as conn:
                return conn.execute(sql).fetchall()
        with sqlite3.connect(self.main_url.removeprefix("sqlite:///")) as conn:
            return conn.execute(sql).fetchall()

    def store_tables(self) -> set[str]:
        if self.pg:
            import psycopg

            with psycopg.connect(self.store_url) as conn:
                rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
        else:
            path = self.store_url.removeprefix("sqlite:///")
            if not Path(path).exists():
                return set()
            with sqlite3.connect(path) as conn:
                rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        return {r[0] for r in rows if r[0].startswith("ds_")}

    def close(self) -> None:
        if self.pg:
            for url in (self.main_url, self.store_url):
                self._psql(f"DROP DATABASE IF EXISTS {urlparse(url).path[1:]} WITH (FORCE)")


@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    env = Env(tmp_path_factory.mktemp("cli"))
    env.manage("migrate", "--noinput", "-v", "0", timeout=900)
    env.manage("load_regions", timeout=300)
    yield env
    env.close()


def write_csv(path: Path, rows: int, *, width: int = 10) -> Path:
    """A CSV of about 84 bytes a row: desa code, year, numbers, decimals, text."""
    chunk = []
    with path.open("w", encoding="utf-8") as fh:
        fh.write("kode_desa,tahun,jumlah,kk,luas,dana,persen,status,nama,catatan\n")
        for i in range(rows):
            chunk.append(
                f"53.01.04.{2001 + i % 9},{2015 + i % 10},{i % 9973},{i % 2003},{i % 997}.{i % 100:02d},"
                f"{500000000 + i * 7},{i % 61}.{i % 10},Berkembang,Desa nomor {i % 3137},data contoh\n"
            )
            if len(chunk) == 20000:
                fh.write("".join(chunk))
                chunk = []
        fh.write("".join(chunk))
    return path


@pytest.mark.slow
def test_load_command_prints_progress_and_report(cli, tmp_path):
    path = tmp_path / "kecil.csv"
    path.write_text("kode;nilai\n53.01;1,5\n53.99;2\n", encoding="utf-8")
    result = cli.manage("datastore_load", str(path), "--resource", "cli/kecil", "--activate", "--public")
    assert "Laporan validasi" in result.stdout and "kode wilayah Kemendagri" in result.stdout
    assert "bukan kode wilayah Kemendagri" in result.stdout and "Diaktifkan" in result.stdout
    assert "membaca dan memeriksa tipe" in result.stderr and "100%" in result.stderr
    bad = tmp_path / "rusak.csv"
    bad.write_text("a,b\n1,2\n3\n", encoding="utf-8")
    failed = cli.manage("datastore_load", str(bad), "--resource", "cli/rusak", check=False)
    assert failed.returncode == 1 and "tidak memiliki 2 kolom" in failed.stderr
    assert cli.main_rows("SELECT status FROM datastore_datastoretable WHERE resource_key = 'cli/rusak'") == [
        ("failed",)
    ]


@pytest.mark.slow
def test_killed_worker_leaves_nothing_visible(cli, tmp_path):
    path = write_csv(tmp_path / "besar.csv", 600_000)
    process = cli.popen(
        "datastore_load", str(path), "--resource", "cli/bunuh", "--activate", "--public", "--no-progress"
    )
    deadline = time.monotonic() + 300
    state = []
    while time.monotonic() < deadline:
        state = cli.main_rows(
            "SELECT status, phase, rows_done, table_name FROM datastore_datastoretable WHERE resource_key = 'cli/bunuh'"
        )
        if state and state[0][1] == "loading" and state[0][2] > 0:
            break
        assert process.poll() is None, process.stderr.read().decode()[-2000:]
        time.sleep(0.05)
    assert state and state[0][1] == "loading", state
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    table_name = state[0][3]
    rows = cli.main_rows("SELECT status FROM datastore_datastoretable WHERE resource_key = 'cli/bunuh'")
    assert rows == [("loading",)]
    assert not cli.main_rows(
        "SELECT 1 FROM datastore_datastoretable WHERE resource_key = 'cli/bunuh' AND status = 'active'"
    )
    assert table_name not in cli.store_tables()  # the rows were one uncommitted transaction
    cleaned = cli.manage("datastore_cleanup")
    assert "cli/bunuh v1" in cleaned.stdout
    status = cli.main_rows("SELECT status, error_code FROM datastore_datastoretable WHERE resource_key = 'cli/bunuh'")
    assert status == [("failed", "interrupted")]
    assert not {t for t in cli.store_tables() if t == table_name}
    small = tmp_path / "lagi.csv"
    small.write_text("a\n1\n", encoding="utf-8")
    again = cli.manage(
        "datastore_load", str(small), "--resource", "cli/bunuh", "--activate", "--public", "--no-progress"
    )
    assert "versi 2" in again.stdout


def _max_rss_kib(env: Env, path: Path, key: str) -> int:
    """The load's own peak resident memory (tests/datastore/peak_rss.py: not wait4's ru_maxrss,
    which reports this pytest worker's peak for a child it starts)."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "datastore" / "peak_rss.py"), "datastore_load", str(path),
         "--resource", key, "--no-progress"],
        env=env.env, cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("PEAK_RSS_KIB "), result.stderr[-2000:]
    return int(last.split()[1])


@pytest.mark.slow
def test_100_mb_file_loads_with_flat_memory(cli, tmp_path):
    small = write_csv(tmp_path / "kecil.csv", 60_000)
    big = write_csv(tmp_path / "100mb.csv", 1_250_000)
    assert big.stat().st_size > 100 * 1024 * 1024
    small_rss = _max_rss_kib(cli, small, "cli/kecil-5mb")
    big_rss = _max_rss_kib(cli, big, "cli/besar-100mb")
    rows = cli.main_rows(
        "SELECT row_count, status FROM datastore_datastoretable WHERE resource_key = 'cli/besar-100mb'"
    )
    assert rows == [(1_250_000, "ready")]
    # 20x the rows, not 20x the memory: only an 8-byte hash per row (duplicates) and SQLite's
    # bounded page cache grow with the file
    assert big_rss - small_rss < 250 * 1024, (small_rss, big_rss)
    assert big_rss < 600 * 1024, big_rss
