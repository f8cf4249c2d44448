"""``manage.py audit_verify [--anchor HASH]``: check every link of the audit hash chain.

Exit status 0 and ``OK`` with the count and the head hash when the chain is intact; otherwise
the first broken link (event id, what differs) on stderr and exit status 1.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lontar.audit.verify import verify_chain

_HASH_RE = re.compile(r"[0-9a-f]{64}")


class Command(BaseCommand):
    help = "Verify the hash chain of the audit trail; exit 1 at the first broken link."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--anchor",
            help="a head hash printed by an earlier run and kept elsewhere; it must still be in the chain",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        anchor = options.get("anchor")
        if anchor is not None and not _HASH_RE.fullmatch(anchor):
            raise CommandError("--anchor must be 64 lowercase hexadecimal characters")
        result = verify_chain(anchor=anchor)
        if result.broken is not None:
            raise CommandError(f"BROKEN after {result.count - 1} good events: {result.broken.describe()}", returncode=1)
        if result.anchor_found is False:
            raise CommandError(
                f"BROKEN: the anchor {anchor} is not in the chain ({result.count} events verify, "
                f"head {result.head}): events up to the anchor were removed or rewritten",
                returncode=1,
            )
        anchored = " (anchor found)" if result.anchor_found else ""
        self.stdout.write(f"OK: {result.count} events, head {result.head}{anchored}")
