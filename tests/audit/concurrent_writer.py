"""Run in a separate OS process by test_concurrency.py: write N audit events, one per transaction.

    python tests/audit/concurrent_writer.py N TAG BARRIER_DIR WRITERS

Each writer sets Django up, drops a ready file in BARRIER_DIR, waits until all WRITERS are
ready (so the writes really overlap), then writes. It prints its first and last write times.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def _wait_for_barrier(barrier: Path, tag: str, writers: int) -> None:
    (barrier / f"{tag}.ready").touch()
    deadline = time.monotonic() + 120
    while len(list(barrier.glob("*.ready"))) < writers:
        if time.monotonic() > deadline:
            raise SystemExit("barrier timeout")
        time.sleep(0.01)


def main() -> None:
    n, tag, barrier, writers = int(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.db import transaction

    from lontar.audit.registry import register
    from lontar.audit.services import audit_record

    register("audit.concurrency_probe.written", "concurrency probe (test)")
    _wait_for_barrier(barrier, tag, writers)
    first = time.time()
    for i in range(n):
        with transaction.atomic():
            audit_record(action="audit.concurrency_probe.written", data={"writer": tag, "i": i})
        # A short pause outside the transaction keeps every writer busy for about a second, so
        # the writers overlap even when the shared machine deschedules one of them for a while.
        time.sleep(0.025)
    print(f"{first} {time.time()}")


if __name__ == "__main__":
    main()
