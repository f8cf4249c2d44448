"""Run in a separate OS process by test_numbering_concurrency.py: file N requests to one body.

    python tests/ppid/concurrent_submitter.py N TAG BARRIER_DIR WRITERS BODY_ID

Waits until all WRITERS are ready so the submissions really overlap; prints the numbers it got.
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
            # a slow or failed sibling: go on rather than fail here (the test reports each writer's
            # own error; overlap is only less likely, the numbers must still be distinct)
            print(f"{tag}: barrier timeout, going on", file=sys.stderr)
            return
        time.sleep(0.01)


def main() -> None:
    n, tag, barrier, writers, body_id = (
        int(sys.argv[1]),
        sys.argv[2],
        Path(sys.argv[3]),
        int(sys.argv[4]),
        int(sys.argv[5]),
    )
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from lontar.ppid.models import PublicBody
    from lontar.ppid.services import information_request_submit
    from tests.ppid.conftest import checked_pdf, request_data

    body = PublicBody.objects.select_related("organisation").get(pk=body_id)
    _wait_for_barrier(barrier, tag, writers)
    numbers = []
    for _ in range(n):
        request, _token = information_request_submit(body=body, data=request_data(), identity_document=checked_pdf())
        numbers.append(request.number)
    print(" ".join(numbers))


if __name__ == "__main__":
    main()
