"""Structured logs: one JSON object per line with the request id (``LONTAR_LOG_FORMAT=json``).

Every record carries ``request_id`` (the server's id, also answered in ``X-Request-ID`` and
stored on audit events) and ``client_request_id`` when the request had one, so a log line, an
audit event and a user's error page can be matched.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from lontar.core import request_context

_STANDARD = frozenset(vars(logging.makeLogRecord({})).keys()) | {"message", "asctime", "request_id"}


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_context.get_request_id() or "-"
        record.client_request_id = request_context.get_client_request_id()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        for key, value in vars(record).items():
            if key in _STANDARD or key.startswith("_") or key in payload:
                continue
            if key == "request":  # Django's request loggers attach the request object
                continue
            payload[key] = value if isinstance(value, (str, int, float, bool, type(None))) else repr(value)
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False)


#: third-party loggers that are noisy at INFO
QUIET_LOGGERS = ("axes", "weasyprint", "fontTools")


def logging_config(log_format: str, level: str) -> dict[str, Any]:
    """The LOGGING setting: JSON lines or plain text on stderr, both with the request id."""
    text = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "lontar.core.logging.RequestIdFilter"}},
        "formatters": {
            "json": {"()": "lontar.core.logging.JsonFormatter"},
            "text": {"format": text},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["request_id"],
                "formatter": "json" if log_format == "json" else "text",
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django": {"handlers": ["console"], "level": level, "propagate": False},
            "django.server": {"handlers": ["console"], "level": level, "propagate": False},
            **{name: {"level": "WARNING"} for name in QUIET_LOGGERS},
        },
    }
