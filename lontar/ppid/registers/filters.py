"""The one filter of both registers (requests and keberatan), staff and public: period and body."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypeVar

from django.db.models import Model, Q, QuerySet

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class RegisterFilters:
    """A period (both ends included) and a body: the body a request was filed with or the PPID
    Pelaksana it is assigned to."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    body: int | None = None
    #: keberatan only: their status ("" = all)
    status: str = ""

    def apply(self, qs: QuerySet[M], *, date_field: str, request: str = "") -> QuerySet[M]:
        """``qs`` filtered: the period read on ``date_field``; the body on the request reached by the
        path ``request`` (``""``: the records are requests, ``"request__"``: keberatan)."""
        if self.date_from:
            qs = qs.filter(**{f"{date_field}__gte": self.date_from})
        if self.date_to:
            qs = qs.filter(**{f"{date_field}__lte": self.date_to})
        if self.body:
            qs = qs.filter(Q(**{f"{request}public_body_id": self.body}) | Q(**{f"{request}assigned_to_id": self.body}))
        return qs
