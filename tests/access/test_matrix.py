"""Access matrix: every URL as anonymous, as each role in its own organisation, in another
organisation and in the province, against the expected status (tests/access/rules.py).

URLs are grouped by namespace so the world (users, sample records, signed-in clients) is built
once per group; a failure lists every URL × actor that answered unexpectedly.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from django.urls import NoReverseMatch, reverse

from tests.access.engine import actors, url_names
from tests.access.rules import EXCLUDED_PREFIXES, RULES
from tests.access.world import build_world, client_for

ALL_URLS = sorted(n for n in url_names() if not n.startswith(EXCLUDED_PREFIXES))
GROUPS: dict[str, list[str]] = defaultdict(list)
for _name in ALL_URLS:
    if _name in RULES:
        GROUPS[_name.split(":")[0] if ":" in _name else "root"].append(_name)


def test_every_url_has_an_access_rule():
    missing = [n for n in ALL_URLS if n not in RULES]
    assert not missing, f"URLs without an access rule in tests/access/rules.py: {missing}"


def test_rules_name_only_existing_urls():
    stale = sorted(set(RULES) - set(ALL_URLS))
    assert not stale, f"rules for URLs that no longer exist: {stale}"


PROBLEM_JSON = "application/problem+json"


# the datastore alias too: the world loads a datastore table (tests/access/world.py)
@pytest.mark.django_db(databases=["default", "datastore"])
@pytest.mark.parametrize("group", sorted(GROUPS))
def test_access(group, province):
    world = build_world(province)
    clients = {actor: client_for(actor, world) for actor in actors()}
    wrong = []
    for name in GROUPS[group]:
        rule = RULES[name]
        try:
            url = reverse(name, kwargs=rule.kwargs(world) if rule.kwargs else None)
        except NoReverseMatch as exc:
            wrong.append(f"{name}: cannot build the URL: {exc}")
            continue
        query = rule.query(world) if rule.query else None
        for actor, client in clients.items():
            expected = rule.expect(actor)
            allowed = expected if isinstance(expected, set) else {expected}
            response = client.get(url, query)
            status = response.status_code
            if status not in allowed:
                wrong.append(f"{name} {url} as {actor}: {status} (expected {sorted(allowed)})")
            elif status == 401 and not response.get("Content-Type", "").startswith(PROBLEM_JSON):
                wrong.append(f"{name} {url} as {actor}: 401 without {PROBLEM_JSON}")
            if response.streaming:
                # read downloads to the end: the test client then closes them (and their files) the
                # way a WSGI server does, without closing the test's database connection
                b"".join(response.streaming_content)
    assert not wrong, "\n".join(wrong)
