"""A production-like Lontar cluster on loopback, started and stopped with one command.

    make cluster          # python deploy/cluster.py start
    make cluster-stop     # python deploy/cluster.py stop
    python deploy/cluster.py status | restart SERVICE | totp EMAIL | env

What it runs (docs/deploy.md, "A cluster on one machine"), every process a child of no terminal,
with its pid file and log under the run directory (``var/cluster/`` by default):

* PostgreSQL and Redis of the machine (127.0.0.1:5432 user ``postgres``, 127.0.0.1:6379): the
  databases ``lontar_cluster`` and ``lontar_cluster_ds`` are created if missing, and a Redis
  database number of its own (``LONTAR_REDIS_URL``); with ``--private-redis PORT``, a
  ``redis-server`` of its own on 127.0.0.1:PORT instead (no persistence, stopped with the cluster:
  what ``bench/faults.py`` needs to stop Redis without touching the machine's);
* an S3-compatible server, moto's ``moto_server`` (in memory; production uses MinIO or a provider),
  and the bucket;
* two gunicorn app servers (``deploy/gunicorn.conf.py``, production settings) and one
  ``db_worker`` for background tasks;
* nginx in front (``deploy/nginx/lontar.conf.template``), serving the static files and spreading
  requests over the app servers.

Secrets are generated once into ``<run dir>/env`` (mode 600) and kept, so the data stays readable
across restarts. The app servers use ``config.settings.prod``; demo data ("data contoh") is loaded
once with the development settings, as ``make demo`` does, because production refuses to create
demo accounts. Starting again starts only what is not running (e.g. one killed app server);
``stop`` ends the processes of the pid files and keeps the databases. Ports: ``--port`` (the load
balancer, default 8740; the app servers, S3 follow it).
"""

from __future__ import annotations

import argparse
import base64
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PYTHON = Path(sys.executable)
BIN = PYTHON.parent
PG = "postgres://postgres@127.0.0.1:5432"
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
BUCKET = "lontar-cluster"
S3_KEY, S3_SECRET = "lontar-cluster", "lontar-cluster-secret"
DEMO_LOGIN_PASSWORD = "lontar-demo-2026"  # noqa: S105 - lontar.accounts.demo.DEMO_PASSWORD (public)
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@dataclass(frozen=True)
class Layout:
    """Addresses and paths of one cluster."""

    run: Path
    port: int
    redis_db: int
    database: str
    #: the port of the cluster's own redis-server, 0 = the machine's Redis
    private_redis: int = 0

    @property
    def redis_port(self) -> int:
        return self.private_redis or REDIS_PORT

    @property
    def app_ports(self) -> tuple[int, int]:
        return (self.port + 1, self.port + 2)

    @property
    def s3_port(self) -> int:
        return self.port + 3

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def env_file(self) -> Path:
        return self.run / "env"

    def pid_file(self, name: str) -> Path:
        return self.run / "pid" / f"{name}.pid"

    def log_file(self, name: str) -> Path:
        return self.run / "log" / f"{name}.log"


def shown(path: Path) -> str:
    """``path`` relative to the repository when it is inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def say(message: str) -> None:
    print(f"cluster: {message}", flush=True)


# --- environment -----------------------------------------------------------------------------


def _new_secrets() -> dict[str, str]:
    from cryptography.fernet import Fernet

    return {
        "LONTAR_SECRET_KEY": secrets.token_urlsafe(64),
        "LONTAR_FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "LONTAR_SIGNING_KEY": base64.b64encode(os.urandom(32)).decode(),
        "READER_PASSWORD": secrets.token_urlsafe(24),
    }


def _read_env(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#") and "=" in line:
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def cluster_env(layout: Layout) -> dict[str, str]:
    """The environment file of the cluster (written once, secrets kept): what /etc/lontar/env holds."""
    path = layout.env_file
    kept = _read_env(path) if path.exists() else {}
    generated = _new_secrets()
    secret = {name: kept.get(name) or generated[name] for name in generated}
    db = layout.database
    reader = f"{db}_reader"
    mail_dir = os.path.relpath(layout.run / "mail", ROOT)
    values = {
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "LONTAR_SECRET_KEY": secret["LONTAR_SECRET_KEY"],
        "LONTAR_FIELD_ENCRYPTION_KEYS": secret["LONTAR_FIELD_ENCRYPTION_KEYS"],
        "LONTAR_SIGNING_KEY": secret["LONTAR_SIGNING_KEY"],
        "READER_PASSWORD": secret["READER_PASSWORD"],
        "LONTAR_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LONTAR_BASE_URL": layout.base_url,
        "LONTAR_CSRF_TRUSTED_ORIGINS": f"{layout.base_url},http://localhost:{layout.port}",
        # plain HTTP on loopback: no redirect to HTTPS (a TLS-terminating proxy would do it in production)
        "LONTAR_SECURE_SSL_REDIRECT": "false",
        "LONTAR_TRUSTED_PROXIES": "1",
        "LONTAR_DATA_DIR": str(layout.run / "data"),
        "LONTAR_STATIC_ROOT": str(layout.run / "static"),
        "DATABASE_URL": f"{PG}/{db}",
        "DATASTORE_DATABASE_URL": f"{PG}/{db}_ds",
        "DATASTORE_READONLY_DATABASE_URL": f"postgres://{reader}:{secret['READER_PASSWORD']}@127.0.0.1:5432/{db}_ds",
        "LONTAR_REDIS_URL": f"redis://{REDIS_HOST}:{layout.redis_port}/{layout.redis_db}",
        "LONTAR_S3_BUCKET": BUCKET,
        "LONTAR_S3_ENDPOINT_URL": f"http://127.0.0.1:{layout.s3_port}",
        "LONTAR_S3_ACCESS_KEY": S3_KEY,
        "LONTAR_S3_SECRET_KEY": S3_SECRET,
        "LONTAR_S3_REGION": "us-east-1",
        # mail is written to files under the run directory (one file per message), never sent
        "LONTAR_EMAIL_URL": f"filemail:///{mail_dir}",
        "LONTAR_SECURITY_CONTACT": "keamanan@lontar.test",
        "LONTAR_LOG_FORMAT": "json",
    }
    lines = ["# Lontar cluster on loopback (deploy/cluster.py); secrets generated once, keep this file private"]
    lines += [f"{name}={value}" for name, value in values.items()]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    path.write_text("\n".join(lines) + "\n")
    return values


def process_env(values: dict[str, str], **overrides: str) -> dict[str, str]:
    env = {**os.environ, **values, **overrides}
    env.pop("READER_PASSWORD", None)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONUNBUFFERED"] = "1"
    return env


# --- processes -------------------------------------------------------------------------------


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (exited, not yet reaped) is not running
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


#: what the command line of each service contains (a pid file naming another program is stale)
PROGRAMS = {"s3": "moto_server", "web": "gunicorn", "worker": "db_worker", "nginx": "nginx", "redis": "redis-server"}


def running_pid(layout: Layout, name: str) -> int | None:
    """The pid of ``name`` if its pid file names a live process started as that service."""
    path = layout.pid_file(name)
    try:
        pid = int(path.read_text().strip())
    except (OSError, ValueError):
        return None
    if not _alive(pid):
        return None
    try:  # a recycled pid of another program is not ours
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return pid
    return pid if PROGRAMS[name.split("-")[0]] in cmdline else None


def spawn(layout: Layout, name: str, argv: list[str], env: dict[str, str]) -> int:
    """Start ``argv`` detached (own session), output appended to its log; write its pid file."""
    existing = running_pid(layout, name)
    if existing:
        say(f"{name} already running (pid {existing})")
        return existing
    layout.log_file(name).parent.mkdir(parents=True, exist_ok=True)
    layout.pid_file(name).parent.mkdir(parents=True, exist_ok=True)
    with layout.log_file(name).open("ab") as log:
        process = subprocess.Popen(  # noqa: S603 - fixed programs of this repository and the machine
            argv,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    layout.pid_file(name).write_text(f"{process.pid}\n")
    say(f"{name} started (pid {process.pid}, log {shown(layout.log_file(name))})")
    return process.pid


def stop_process(layout: Layout, name: str, timeout: float = 20.0) -> None:
    pid = running_pid(layout, name)
    if pid is None:
        layout.pid_file(name).unlink(missing_ok=True)
        return
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _alive(pid):
        say(f"{name} (pid {pid}) did not stop in {timeout:.0f} s: SIGKILL")
        os.kill(pid, signal.SIGKILL)
    layout.pid_file(name).unlink(missing_ok=True)
    say(f"{name} stopped (pid {pid})")


def wait_for_port(port: int, name: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            sock.settimeout(1)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"cluster: {name} does not listen on 127.0.0.1:{port} after {timeout:.0f} s (see its log)")


def http_status(url: str, timeout: float = 5.0) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:  # noqa: S310 - loopback http
            return int(answer.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
    except (OSError, urllib.error.URLError):
        return 0


def wait_ready(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    status = 0
    while time.monotonic() < deadline:
        status = http_status(url)
        if status == 200:
            return
        time.sleep(0.5)
    raise SystemExit(f"cluster: {url} answers {status or 'nothing'} after {timeout:.0f} s (see var/cluster/log/)")


def manage(env: dict[str, str], *args: str, quiet: bool = False) -> None:
    say("manage.py " + " ".join(args))
    output = subprocess.DEVNULL if quiet else None
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=output)  # noqa: S603


# --- services --------------------------------------------------------------------------------


def ensure_postgres(layout: Layout) -> None:
    import psycopg

    try:
        with psycopg.connect(f"{PG}/postgres", autocommit=True, connect_timeout=5) as conn:
            for name in (layout.database, f"{layout.database}_ds"):
                if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
                    conn.execute(f'CREATE DATABASE "{name}"')
                    say(f"PostgreSQL: database {name} created")
    except psycopg.OperationalError as exc:
        raise SystemExit(f"cluster: PostgreSQL at 127.0.0.1:5432 (user postgres) is not reachable: {exc}") from exc


def drop_databases(layout: Layout) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True, connect_timeout=5) as conn:
        for name in (layout.database, f"{layout.database}_ds"):
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            say(f"PostgreSQL: database {name} dropped")
        conn.execute(f'DROP ROLE IF EXISTS "{layout.database}_reader"')


def ensure_redis(layout: Layout) -> None:
    import redis

    try:
        redis.Redis(host=REDIS_HOST, port=layout.redis_port, db=layout.redis_db, socket_timeout=5).ping()
    except redis.RedisError as exc:
        raise SystemExit(f"cluster: Redis at {REDIS_HOST}:{layout.redis_port} is not reachable: {exc}") from exc


def private_redis_port(run: Path) -> int:
    """The port of the private redis-server the cluster in ``run`` was started with (0: the machine's)."""
    env_file = run / "env"
    url = _read_env(env_file).get("LONTAR_REDIS_URL", "") if env_file.exists() else ""
    port = url.rsplit(":", 1)[-1].split("/", 1)[0] if url.count(":") >= 2 else ""
    return int(port) if port.isdigit() and int(port) != REDIS_PORT else 0


def s3_client(layout: Layout) -> Any:  # boto3 makes its client classes at run time
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{layout.s3_port}",
        aws_access_key_id=S3_KEY,
        aws_secret_access_key=S3_SECRET,
        region_name="us-east-1",
    )


def ensure_bucket(layout: Layout) -> bool:
    """Create the bucket if missing; True when it was created (an empty, fresh S3 server)."""
    s3 = s3_client(layout)
    if BUCKET in {bucket["Name"] for bucket in s3.list_buckets().get("Buckets", [])}:
        return False
    s3.create_bucket(Bucket=BUCKET)
    say(f"S3: bucket {BUCKET} created")
    return True


def save_bucket(layout: Layout) -> None:
    """Copy every object to ``<run>/s3-copy/`` (moto keeps them in memory only), as a bucket backup would."""
    if running_pid(layout, "s3") is None:
        return
    s3 = s3_client(layout)
    partial, copy = layout.run / "s3-copy.partial", layout.run / "s3-copy"
    shutil.rmtree(partial, ignore_errors=True)
    count = 0
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for item in page.get("Contents", []):
            target = partial / item["Key"]
            target.parent.mkdir(parents=True, exist_ok=True)
            s3.download_file(BUCKET, item["Key"], str(target))
            count += 1
    shutil.rmtree(copy, ignore_errors=True)
    partial.mkdir(parents=True, exist_ok=True)
    partial.rename(copy)
    say(f"S3: {count} objects copied to {shown(copy)}/")


def restore_bucket(layout: Layout) -> int:
    """Put the objects of ``<run>/s3-copy/`` into the (new, empty) bucket; their number."""
    copy = layout.run / "s3-copy"
    s3 = s3_client(layout)
    files = [path for path in sorted(copy.rglob("*")) if path.is_file()] if copy.is_dir() else []
    for path in files:
        s3.upload_file(str(path), BUCKET, path.relative_to(copy).as_posix())
    if files:
        say(f"S3: {len(files)} objects restored from {shown(copy)}/")
    return len(files)


def nginx_conf(layout: Layout) -> Path:
    """deploy/nginx/lontar.conf.template filled in, inside a minimal nginx.conf of the run directory."""
    prefix = layout.run / "nginx"
    for directory in (prefix / "temp", prefix / "logs", layout.run / "log"):
        directory.mkdir(parents=True, exist_ok=True)
    upstreams = "\n".join(f"    server 127.0.0.1:{port} max_fails=2 fail_timeout=10s;" for port in layout.app_ports)
    site = (ROOT / "deploy" / "nginx" / "lontar.conf.template").read_text()
    fill = {
        "LISTEN": f"127.0.0.1:{layout.port}",
        "SERVER_NAME": "127.0.0.1 localhost",
        "UPSTREAMS": upstreams,
        "STATIC_ROOT": f"{layout.run / 'static'}/",
        "LOG_DIR": f"{layout.run / 'log'}/",
    }
    for name, value in fill.items():
        site = site.replace("{{" + name + "}}", value)
    if "{{" in site:
        raise SystemExit("cluster: deploy/nginx/lontar.conf.template has a placeholder cluster.py does not fill")
    (prefix / "lontar.conf").write_text(site)
    temp = prefix / "temp"
    # nginx started as root runs its workers as `user`: the owner of the run directory reads the files
    user = f"user {pwd.getpwuid(layout.run.stat().st_uid).pw_name};\n" if os.geteuid() == 0 else ""
    main = f"""# written by deploy/cluster.py: the cluster's own nginx (not the system service)
{user}worker_processes 1;
pid {prefix / "nginx.pid"};
error_log {layout.run / "log" / "nginx-error.log"} warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path {temp}/client;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {prefix / "lontar.conf"};
}}
"""
    (prefix / "nginx.conf").write_text(main)
    return prefix / "nginx.conf"


SERVICES = ("nginx", "web-2", "web-1", "worker", "s3", "redis")  # stop order (front first)


def start(layout: Layout, *, fresh: bool) -> None:
    layout.run.mkdir(parents=True, exist_ok=True)
    if not Path(NGINX).exists():
        raise SystemExit("cluster: nginx is missing: apt-get install -y nginx (the system service need not run)")
    if fresh:
        stop(layout)
        drop_databases(layout)
        (layout.run / "demo-loaded").unlink(missing_ok=True)
        shutil.rmtree(layout.run / "s3-copy", ignore_errors=True)
    values = cluster_env(layout)
    env = process_env(values)
    ensure_postgres(layout)
    if layout.private_redis:
        spawn(layout, "redis", service_argv(layout, "redis"), env)
        wait_for_port(layout.private_redis, "the cluster's redis-server")
    ensure_redis(layout)

    spawn(layout, "s3", service_argv(layout, "s3"), env)
    wait_for_port(layout.s3_port, "the S3 server (moto_server)")
    new_bucket = ensure_bucket(layout)
    demo_marker = layout.run / "demo-loaded"
    if new_bucket and not restore_bucket(layout) and demo_marker.exists():
        say(
            "the S3 server started empty and no copy of its objects was saved (moto keeps them in memory; "
            "`stop` saves them): files of the demo data are missing; `deploy/cluster.py start --fresh` reloads all"
        )

    manage(env, "migrate", "--noinput", "-v", "0")
    # the read-only role of public SQL (ADR 0006) before any public table exists, and again after
    manage(env, "datastore_reader_setup")
    if not demo_marker.exists():
        # Production settings refuse to create demo accounts (their password is public): the demo
        # data is loaded with the development settings, against the same databases, bucket and keys.
        demo_env = process_env(values, DJANGO_SETTINGS_MODULE="config.settings.dev", LONTAR_DEBUG="false")
        manage(demo_env, "demo_setup", quiet=True)
        demo_marker.write_text(time.strftime("%Y-%m-%d %H:%M:%S\n"))
    manage(env, "datastore_reader_setup")
    manage(env, "collectstatic", "--noinput", "-v", "0")

    for name in ("web-1", "web-2", "worker"):
        spawn(layout, name, service_argv(layout, name), service_env(layout, name, values))
    for index, port in enumerate(layout.app_ports, start=1):
        wait_for_port(port, f"app server web-{index}", timeout=60)
    spawn(layout, "nginx", service_argv(layout, "nginx"), env)
    wait_ready(f"{layout.base_url}/readyz")
    report(layout)


def service_argv(layout: Layout, name: str) -> list[str]:
    """The command line of one service (the S3 server, an app server, the worker, nginx)."""
    if name == "s3":
        return [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(layout.s3_port)]
    if name == "redis":  # a cache only: nothing saved, nothing read at start
        (layout.run / "redis").mkdir(parents=True, exist_ok=True)
        port = str(layout.private_redis)
        options = ["--save", "", "--appendonly", "no", "--dir", str(layout.run / "redis"), "--daemonize", "no"]
        return [REDIS_SERVER, "--bind", REDIS_HOST, "--port", port, *options]
    if name.startswith("web-"):
        port = layout.app_ports[int(name.removeprefix("web-")) - 1]
        argv = [str(BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "config.wsgi"]
        return [*argv, "--bind", f"127.0.0.1:{port}", "--name", f"lontar-{name}"]
    if name == "worker":
        return [str(PYTHON), "manage.py", "db_worker"]
    conf = nginx_conf(layout)
    check = subprocess.run([NGINX, "-t", "-q", "-p", str(conf.parent), "-c", str(conf)], capture_output=True, text=True)  # noqa: S603
    if check.returncode != 0:
        raise SystemExit(f"cluster: nginx rejects {conf}:\n{check.stderr}")
    return [NGINX, "-p", str(conf.parent), "-c", str(conf), "-g", "daemon off;"]


def service_env(layout: Layout, name: str, values: dict[str, str]) -> dict[str, str]:
    """The environment of one service: each app server has its own Prometheus directory (§ Metrics)."""
    if name.startswith("web-"):
        return process_env(values, PROMETHEUS_MULTIPROC_DIR=str(layout.run / "metrics" / name))
    return process_env(values)


def restart(layout: Layout, name: str) -> None:
    """Stop one service if it runs and start it again (no migrations, no demo data)."""
    if name not in SERVICES:
        raise SystemExit(f"cluster: no service {name!r}; one of {', '.join(SERVICES)}")
    if name == "redis" and not layout.private_redis:
        raise SystemExit("cluster: the cluster uses the machine's Redis (start it with --private-redis PORT)")
    if name == "s3":
        save_bucket(layout)
    stop_process(layout, name)
    spawn(layout, name, service_argv(layout, name), service_env(layout, name, _read_env(layout.env_file)))
    if name.startswith("web-"):
        wait_for_port(layout.app_ports[int(name.removeprefix("web-")) - 1], name, timeout=60)
    elif name == "s3":
        wait_for_port(layout.s3_port, name)
        if ensure_bucket(layout):
            restore_bucket(layout)
    elif name == "redis":
        wait_for_port(layout.private_redis, name)


def report(layout: Layout) -> None:
    from_env = _read_env(layout.env_file) if layout.env_file.exists() else {}
    lines = [
        "",
        f"Lontar cluster siap: {layout.base_url}/  (nginx → app servers "
        + ", ".join(f"127.0.0.1:{port}" for port in layout.app_ports)
        + ")",
        f"  kesiapan      {layout.base_url}/readyz    hidup: {layout.base_url}/healthz    metrik: "
        + ", ".join(f"http://127.0.0.1:{port}/metrics" for port in layout.app_ports),
        f"  S3 (moto)     http://127.0.0.1:{layout.s3_port}/{BUCKET}   "
        f"Redis {'(own) ' if layout.private_redis else ''}127.0.0.1:{layout.redis_port} db {layout.redis_db}   "
        f"PostgreSQL {layout.database}, {layout.database}_ds",
        f"  lingkungan    {shown(layout.env_file)}   log: {shown(layout.run / 'log')}/   "
        f"surel: {shown(layout.run / 'mail')}/",
        f"  login demo (data contoh): <peran>@demo.lontar.id, kata sandi {DEMO_LOGIN_PASSWORD}, "
        "mis. superadmin@demo.lontar.id, admin@demo.lontar.id, walidata@demo.lontar.id",
        "  kode TOTP staf: .venv/bin/python deploy/cluster.py totp <e-mail>",
        "  berhenti: make cluster-stop",
    ]
    if from_env.get("DJANGO_SETTINGS_MODULE"):
        lines.append(f"  pengaturan    {from_env['DJANGO_SETTINGS_MODULE']}")
    print("\n".join(lines), flush=True)


def stop(layout: Layout) -> None:
    for name in SERVICES:
        if name == "s3":  # the app servers and the worker have stopped: no write in flight
            save_bucket(layout)
        stop_process(layout, name)


def status(layout: Layout) -> int:
    down = 0
    for name in reversed(SERVICES):
        if name == "redis" and not layout.private_redis:
            continue
        pid = running_pid(layout, name)
        down += pid is None
        print(f"{name:<8} {'pid ' + str(pid) if pid else 'not running'}")
    ready = http_status(f"{layout.base_url}/readyz")
    print(f"{layout.base_url}/readyz → {ready or 'no answer'}")
    return 0 if down == 0 and ready == 200 else 1


def totp(layout: Layout, email: str) -> int:
    """The current TOTP code of a demo user (totp_code needs DEBUG: development settings, same data)."""
    values = _read_env(layout.env_file)
    env = process_env(values, DJANGO_SETTINGS_MODULE="config.settings.dev", LONTAR_DEBUG="true")
    return subprocess.run([str(PYTHON), "manage.py", "totp_code", email], cwd=ROOT, env=env, check=False).returncode  # noqa: S603


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["start", "stop", "status", "restart", "totp", "env"])
    parser.add_argument("name", nargs="?", help="totp: the demo user's e-mail; restart: a service (web-1, ...)")
    parser.add_argument("--run-dir", default=os.environ.get("LONTAR_CLUSTER_DIR", str(ROOT / "var" / "cluster")))
    parser.add_argument("--port", type=int, default=int(os.environ.get("LONTAR_CLUSTER_PORT", "8740")))
    parser.add_argument("--redis-db", type=int, default=int(os.environ.get("LONTAR_CLUSTER_REDIS_DB", "12")))
    parser.add_argument("--database", default=os.environ.get("LONTAR_CLUSTER_DATABASE", "lontar_cluster"))
    parser.add_argument(
        "--private-redis",
        type=int,
        metavar="PORT",
        default=int(os.environ.get("LONTAR_CLUSTER_PRIVATE_REDIS", "0")),
        help="start: run a redis-server of the cluster's own on 127.0.0.1:PORT (bench/faults.py stops it); "
        "other commands: as the last start",
    )
    parser.add_argument("--fresh", action="store_true", help="start: drop the databases and load the demo again")
    args = parser.parse_args(argv)
    run = Path(args.run_dir).resolve()
    private = args.private_redis if args.command == "start" else (args.private_redis or private_redis_port(run))
    layout = Layout(run=run, port=args.port, redis_db=args.redis_db, database=args.database, private_redis=private)
    if args.command == "start":
        start(layout, fresh=args.fresh)
        return 0
    if args.command == "stop":
        stop(layout)
        return 0
    if args.command == "status":
        return status(layout)
    if args.command == "env":
        print(layout.env_file)
        return 0
    if not args.name:
        parser.error(f"{args.command} needs a name")
    if args.command == "restart":
        restart(layout, args.name)
        return 0
    return totp(layout, args.name)


if __name__ == "__main__":
    sys.exit(main())
