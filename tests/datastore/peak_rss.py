"""Run ``manage.py`` with the given arguments and print the process's own peak resident memory.

``ru_maxrss`` from ``wait4`` is not the child's own peak: CPython starts children with vfork, and
at exec Linux records the high-water mark of the memory the child still shared with its parent, so
a child of a long-running pytest worker reports the worker's peak (a 700 MB worker made every load
look like 700 MB). ``VmHWM`` in ``/proc/self/status`` belongs to the process's own address space
after exec; this wrapper prints it on stderr as its last line (``PEAK_RSS_KIB <n>``).
"""

from __future__ import annotations

import atexit
import runpy
import sys
from pathlib import Path

MANAGE = Path(__file__).resolve().parents[2] / "manage.py"


def _report() -> None:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                sys.stderr.write(f"\nPEAK_RSS_KIB {line.split()[1]}\n")
                sys.stderr.flush()


if __name__ == "__main__":
    atexit.register(_report)
    sys.argv = [str(MANAGE), *sys.argv[1:]]
    runpy.run_path(str(MANAGE), run_name="__main__")
