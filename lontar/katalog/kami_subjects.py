"""The applications of the Katalog TIK as electronic systems of Indeks KAMI cycles (registered in the app config).

Evaluations stores the application's code and name only (``lontar/evaluations/subjects.py``); the
subject's organisation is the application's owner.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from lontar.evaluations.choices import SubjectKind
from lontar.evaluations.subjects import Subject
from lontar.katalog.models import Application


def electronic_systems() -> Iterator[Subject]:
    rows = Application.objects.select_related("organisation").order_by("organisation__name", "name")
    for app in rows:
        yield Subject(
            kind=SubjectKind.SYSTEM,
            ref=app.code,
            name=app.name,
            organisation=app.organisation,
            url=reverse("katalog:application", args=[app.code]),
        )
