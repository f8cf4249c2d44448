"""The badan publik of the PPID as subjects of Monev KIP cycles (registered in the app config).

Evaluations stores the body's id and name only (``lontar/evaluations/subjects.py``); the
subject's organisation is the body's own organisation.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from lontar.evaluations.choices import SubjectKind
from lontar.evaluations.subjects import Subject, register_subject_provider
from lontar.ppid.models import PublicBody


def public_bodies() -> Iterator[Subject]:
    rows = PublicBody.objects.filter(is_active=True).select_related("organisation").order_by("organisation__name")
    for body in rows:
        yield Subject(
            kind=SubjectKind.BODY,
            ref=str(body.pk),
            name=body.organisation.name,
            organisation=body.organisation,
            url=reverse("ppid:body", args=[body.organisation.slug]),
        )


def register_subjects() -> None:
    register_subject_provider(SubjectKind.BODY, public_bodies)
