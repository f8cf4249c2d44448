"""The Satu Data lines of a person's work queue (registered in the app config).

* Walidata: datasets submitted or under review in their instansi;
* Pembina Data: verified Data Prioritas to approve;
* Produsen Data: datasets returned to them, the reviewer's note first.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lontar.accounts.permissions import visible_by
from lontar.catalog import roles
from lontar.catalog.models import Dataset, DatasetTransition
from lontar.catalog.models.choices import DatasetState as S
from lontar.notifications.registry import Queue, QueueItem

LIMIT = 100


def _items(qs: Any, *, with_note: bool = False) -> list[QueueItem]:
    qs = qs.select_related("organisation").order_by("release_date", "updated_at", "id")
    if with_note:
        latest = DatasetTransition.objects.filter(to_state=S.RETURNED).order_by("-created_at", "-id")
        qs = qs.prefetch_related(Prefetch("transitions", queryset=latest, to_attr="returns"))
    items = []
    for ds in qs[:LIMIT]:
        note = ds.returns[0].note if with_note and ds.returns else ""
        items.append(
            QueueItem(
                title=f"{ds.title} — {ds.organisation.name}",
                url=reverse("catalog:manage_detail", args=[ds.pk]),
                due=ds.release_date,
                state=ds.get_state_display(),
                note=note,
            )
        )
    return items


def catalog_queues(user: Any) -> list[Queue]:
    if user.is_superuser:
        return []
    datasets = Dataset.objects.all()
    review = visible_by(datasets, (roles.REVIEW,), user).filter(state__in=[S.SUBMITTED, S.IN_REVIEW])
    pembina = visible_by(datasets, (roles.PEMBINA_DATASET,), user).filter(state=S.VERIFIED, is_prioritas=True)
    returned = visible_by(datasets, (roles.PRODUCE,), user).filter(state=S.RETURNED)
    return [
        Queue("satudata-periksa", _("Datasets awaiting your review"), _items(review)),
        Queue("satudata-prioritas", _("Data Prioritas to approve"), _items(pembina)),
        Queue("satudata-dikembalikan", _("Datasets returned to you"), _items(returned, with_note=True)),
    ]
