"""The files of `make cluster` (deploy/): the nginx configuration nginx accepts, the environment file.

Starting the whole cluster takes minutes (demo data) and is checked by hand (docs/deploy.md §7);
these tests check what it is built from, in seconds.
"""

from __future__ import annotations

import importlib.util
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _cluster() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lontar_deploy_cluster", ROOT / "deploy" / "cluster.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while building the class
    spec.loader.exec_module(module)
    return module


cluster = _cluster()


@pytest.fixture
def layout(tmp_path):
    return cluster.Layout(run=tmp_path / "cluster", port=18740, redis_db=12, database="lontar_cluster_test")


def test_nginx_configuration_spreads_over_both_app_servers_and_serves_static_files(layout):
    layout.run.mkdir()
    conf = cluster.nginx_conf(layout)
    site = (conf.parent / "lontar.conf").read_text()
    assert "{{" not in site
    assert "server 127.0.0.1:18741 max_fails=2 fail_timeout=10s;" in site
    assert "server 127.0.0.1:18742 max_fails=2 fail_timeout=10s;" in site
    assert "listen 127.0.0.1:18740;" in site
    assert f"alias {layout.run / 'static'}/;" in site
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in site
    assert "location = /metrics {\n        return 404;" in site  # scraped per app server, never publicly
    assert "non_idempotent" not in site.split("proxy_next_upstream ", 1)[1].split(";", 1)[0]
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.skip("nginx is not installed (Debian package 'nginx'): the configuration is not checked by nginx -t")
    check = subprocess.run([nginx, "-t", "-p", str(conf.parent), "-c", str(conf)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_environment_file_is_production_on_loopback_with_secrets_kept(layout):
    first = cluster.cluster_env(layout)
    assert stat.S_IMODE(layout.env_file.stat().st_mode) == 0o600
    assert first["DJANGO_SETTINGS_MODULE"] == "config.settings.prod"
    assert first["LONTAR_SECURE_SSL_REDIRECT"] == "false"
    assert first["LONTAR_TRUSTED_PROXIES"] == "1"
    assert first["LONTAR_BASE_URL"] == "http://127.0.0.1:18740"
    assert first["LONTAR_REDIS_URL"] == "redis://127.0.0.1:6379/12"
    assert first["LONTAR_S3_ENDPOINT_URL"] == "http://127.0.0.1:18743"
    assert first["DATABASE_URL"].endswith("/lontar_cluster_test")
    assert first["DATASTORE_DATABASE_URL"].endswith("/lontar_cluster_test_ds")
    second = cluster.cluster_env(layout)
    for name in ("LONTAR_SECRET_KEY", "LONTAR_FIELD_ENCRYPTION_KEYS", "LONTAR_SIGNING_KEY", "READER_PASSWORD"):
        assert second[name] == first[name], f"{name} changed on the second start: encrypted data would be lost"
    assert "READER_PASSWORD" not in cluster.process_env(second)


def test_production_settings_accept_the_environment_file(layout):
    """config.settings.prod loads with the cluster's environment (its own checks of keys and secrets)."""
    values = cluster.cluster_env(layout)
    env = cluster.process_env(values)
    code = "import django; django.setup(); from django.conf import settings; print(settings.SECURE_SSL_REDIRECT)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_a_private_redis_is_the_cluster_own_and_keeps_nothing(layout, tmp_path):
    assert cluster.private_redis_port(layout.run) == 0  # no environment file yet: the machine's
    own = cluster.Layout(run=layout.run, port=18740, redis_db=9, database="lontar_cluster_test", private_redis=16390)
    values = cluster.cluster_env(own)
    assert values["LONTAR_REDIS_URL"] == "redis://127.0.0.1:16390/9"
    assert cluster.private_redis_port(own.run) == 16390  # what stop, restart and bench/faults.py read back
    argv = cluster.service_argv(own, "redis")
    assert argv[0].endswith("redis-server")
    assert argv[argv.index("--port") + 1] == "16390" and argv[argv.index("--bind") + 1] == "127.0.0.1"
    assert argv[argv.index("--save") + 1] == "" and argv[argv.index("--appendonly") + 1] == "no"
    cluster.cluster_env(layout)  # started again with the machine's Redis
    assert cluster.private_redis_port(layout.run) == 0
    with pytest.raises(SystemExit, match="machine's Redis"):
        cluster.restart(layout, "redis")
