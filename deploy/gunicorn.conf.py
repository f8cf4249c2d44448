"""gunicorn settings of one Lontar app server (production and `make cluster` alike).

    gunicorn -c deploy/gunicorn.conf.py config.wsgi --bind 127.0.0.1:8001

The address comes from the command line (one app server per port behind nginx); everything else
can be tuned with environment variables, e.g. in the systemd unit's environment file. On a 2-core
machine with two app servers, 2 workers × 2 threads each is a good start; measure with bench/.
"""

import gc
import os

# Bind to loopback only (or a private network): nothing but the load balancer may reach gunicorn,
# since LONTAR_TRUSTED_PROXIES trusts the right-most X-Forwarded-For entry it appends.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))  # > 1: the gthread worker (keep-alive to nginx)
# A request taking longer is killed and its worker replaced; nginx's proxy_read_timeout is above it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5  # seconds an idle upstream connection from nginx stays open
# Recycle workers now and then (bounded memory growth); the jitter keeps them from restarting together.
max_requests = 2000
max_requests_jitter = 200
# Logs to stderr: the service manager (journald) or the cluster's log file collects them. Lontar's
# own request logs carry the request id (LONTAR_LOG_FORMAT=json in production).
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
# Load the application in each worker (not the master): a worker that is recycled gets fresh
# connections, and the master stays small.
preload_app = False
proc_name = "lontar-web"

# Prometheus metrics of all workers (lontar.core.metrics; docs/deploy.md § Metrics): with
# PROMETHEUS_MULTIPROC_DIR set (one directory per app server), every worker writes its values
# there and a scrape of /metrics on any worker answers their sum. The directory must start empty
# (values of a previous run would be added in) and a dead worker's gauges must be dropped.
_metrics_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")


def on_starting(server):  # in the master, before any worker
    if _metrics_dir:
        os.makedirs(_metrics_dir, mode=0o700, exist_ok=True)
        for name in os.listdir(_metrics_dir):
            if name.endswith(".db"):
                os.unlink(os.path.join(_metrics_dir, name))


def post_worker_init(worker):  # in each worker, once the application is loaded
    # The objects of a loaded Django (modules, URL patterns, templates, translations: a few hundred
    # thousand) live as long as the worker: moved out of the collector's generations, a full
    # collection no longer walks them — one pause of 100-150 ms every few requests of a page that
    # allocates a lot (a rebuilt map page) on the 2-core machine of bench/katalog.py.
    gc.freeze()


def child_exit(server, worker):
    if _metrics_dir:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
