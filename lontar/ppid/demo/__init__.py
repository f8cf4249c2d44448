"""Sample data ("data contoh") for `make demo`: public bodies, two years of requests, keberatan.

Everything written carries ``is_sample=True``; each load is recorded as one audit event and
skipped when sample rows already exist, so ``ppid_demo`` can run again safely.
"""

from lontar.ppid.demo.bodies import load_bodies
from lontar.ppid.demo.objections import load_sample_objections
from lontar.ppid.demo.requests import Counts, describe, load_sample_requests

__all__ = ["Counts", "describe", "load_bodies", "load_sample_objections", "load_sample_requests"]
