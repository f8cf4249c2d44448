"""The SDI workflow: draft → submitted → under review → returned | verified →
(Data Prioritas: Pembina Data → returned | approved) → published on the release date.

Every step is one service: permission check, state check, one transaction, a
``DatasetTransition`` with the step's note, an audit event, and an e-mail to the next actor.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.audit.services import audit_record
from lontar.catalog import roles
from lontar.catalog.models import (
    Dataset,
    DatasetState,
    DatasetTransition,
    DatasetVersion,
    Resource,
    ResourceVersion,
)
from lontar.catalog.services import datastore_bridge, notify
from lontar.catalog.services.checks import completeness_problems
from lontar.catalog.services.common import clean_note, deny
from lontar.catalog.services.entries import entry_sync, is_public
from lontar.catalog.services.snapshot import dataset_snapshot
from lontar.notifications.services import in_site_language

S = DatasetState


@dataclass(frozen=True)
class Step:
    name: str
    sources: frozenset[str]
    target: str
    action: str
    label: Promise


SUBMIT = Step(
    "submit",
    frozenset({S.DRAFT, S.RETURNED}),
    S.SUBMITTED,
    "catalog.dataset.submitted",
    gettext_lazy("Submitted to the Walidata"),
)
REVIEW = Step(
    "review", frozenset({S.SUBMITTED}), S.IN_REVIEW, "catalog.dataset.review_started", gettext_lazy("Review started")
)
RETURN = Step(
    "return", frozenset({S.IN_REVIEW}), S.RETURNED, "catalog.dataset.returned", gettext_lazy("Returned for correction")
)
VERIFY = Step(
    "verify", frozenset({S.IN_REVIEW}), S.VERIFIED, "catalog.dataset.verified", gettext_lazy("Verified by the Walidata")
)
PEMBINA_RETURN = Step(
    "pembina_return",
    frozenset({S.VERIFIED}),
    S.RETURNED,
    "catalog.dataset.returned",
    gettext_lazy("Returned by the Pembina Data"),
)
APPROVE = Step(
    "approve",
    frozenset({S.VERIFIED}),
    S.APPROVED,
    "catalog.dataset.approved",
    gettext_lazy("Approved by the Pembina Data"),
)
PUBLISH = Step(
    "publish", frozenset({S.VERIFIED, S.APPROVED}), S.PUBLISHED, "catalog.dataset.published", gettext_lazy("Published")
)
REVISE = Step(
    "revise",
    frozenset({S.PUBLISHED}),
    S.DRAFT,
    "catalog.dataset.revision_started",
    gettext_lazy("New revision started"),
)
WITHDRAW = Step(
    "withdraw",
    frozenset({S.PUBLISHED, S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.RETURNED, S.VERIFIED, S.APPROVED}),
    S.RETURNED,
    "catalog.dataset.withdrawn",
    gettext_lazy("Withdrawn from the public catalogue"),
)


def today() -> date:
    return timezone.localdate()


def is_due(dataset: Dataset, on: date | None = None) -> bool:
    """Ready to publish: the checks are done and the release date has come."""
    ready = (dataset.state == S.VERIFIED and not dataset.is_prioritas) or dataset.state == S.APPROVED
    return ready and (dataset.release_date is None or dataset.release_date <= (on or today()))


def _record(locked: Dataset, step: Step, actor: Any, note: str, from_state: str) -> None:
    DatasetTransition.objects.create(
        dataset=locked,
        from_state=from_state,
        to_state=locked.state,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
    )
    audit_record(
        action=step.action,
        actor=actor,
        organisation=locked.organisation,
        target=locked,
        data={"from": from_state, "to": locked.state, "note": note, "step": step.name},
    )


def _move(
    *,
    actor: Any,
    dataset: Dataset,
    step: Step,
    note: str,
    allowed: Callable[[Any, Any], bool],
    denied: str,
    check: Callable[[Dataset], None] | None = None,
) -> Dataset:
    note = clean_note(note)
    if not allowed(actor, dataset.organisation):
        raise deny(denied)
    with transaction.atomic():
        locked = Dataset.objects.select_for_update().select_related("organisation").get(pk=dataset.pk)
        if locked.state not in step.sources:
            raise ValidationError(
                _("This step is not possible while the dataset is “%(state)s”.") % {"state": locked.get_state_display()}
            )
        if check is not None:
            check(locked)
        from_state = locked.state
        locked.state = step.target
        locked.save(update_fields=["state", "updated_at"])
        _record(locked, step, actor, note, from_state)
        _notify(locked, step, actor, note)
        if step in (VERIFY, APPROVE) and is_due(locked):
            _publish(locked, actor, _("Published on its release date."))
    return locked


def _require_complete(dataset: Dataset) -> None:
    problems = completeness_problems(dataset)
    if problems:
        raise ValidationError(problems)


def _require_prioritas(dataset: Dataset) -> None:
    if not dataset.is_prioritas:
        raise ValidationError(_("Only Data Prioritas goes to the Pembina Data."))


def dataset_submit(*, actor: Any, dataset: Dataset, note: str) -> Dataset:
    """The Produsen Data sends a complete draft (or a corrected one) to the Walidata."""
    return _move(
        actor=actor,
        dataset=dataset,
        step=SUBMIT,
        note=note,
        allowed=roles.can_produce,
        denied=_("Only a Produsen Data of this agency may submit the dataset."),
        check=_require_complete,
    )


def dataset_review_start(*, actor: Any, dataset: Dataset, note: str) -> Dataset:
    """The Walidata of the agency's instansi takes the dataset into review."""
    return _move(
        actor=actor,
        dataset=dataset,
        step=REVIEW,
        note=note,
        allowed=roles.can_review,
        denied=_("Only the Walidata of this government body may review the dataset."),
    )


def dataset_return(*, actor: Any, dataset: Dataset, note: str) -> Dataset:
    """The Walidata (during review) or the Pembina Data (Data Prioritas) sends it back with a note."""
    if dataset.state == S.VERIFIED:
        return _move(
            actor=actor,
            dataset=dataset,
            step=PEMBINA_RETURN,
            note=note,
            allowed=roles.can_pembina,
            denied=_("Only the Pembina Data may return a verified Data Prioritas."),
            check=_require_prioritas,
        )
    return _move(
        actor=actor,
        dataset=dataset,
        step=RETURN,
        note=note,
        allowed=roles.can_review,
        denied=_("Only the Walidata of this government body may return the dataset."),
    )


def dataset_verify(*, actor: Any, dataset: Dataset, note: str) -> Dataset:
    """The Walidata confirms the data meets the Satu Data principles. Published at once when due."""
    return _move(
        actor=actor,
        dataset=dataset,
        step=VERIFY,
        note=note,
        allowed=roles.can_review,
        denied=_("Only the Walidata of this government body may verify the dataset."),
        check=_require_complete,
    )


def dataset_approve(*, actor: Any, dataset: Dataset, note: str) -> Dataset:
    """The Pembina Data approves a verified Data Prioritas. Published at once when due."""
    return _move(
        actor=actor,
        dataset=dataset,
        step=APPROVE,
        note=note,
        allowed=roles.can_pembina,
        denied=_("Only the Pembina Data may approve Data Prioritas."),
        check=_require_prioritas,
    )


def dataset_revise(*, actor: Any, dataset: Dataset, note: str) -> Dataset:
    """Start a new revision of a published dataset; the public keeps the published version meanwhile."""
    return _move(
        actor=actor,
        dataset=dataset,
        step=REVISE,
        note=note,
        allowed=roles.can_produce,
        denied=_("Only a Produsen Data of this agency may start a new revision."),
    )


def _withdraw_check(dataset: Dataset) -> None:
    if dataset.published_version_id is None:
        raise ValidationError(_("The dataset is not published."))


def dataset_withdraw(*, actor: Any, dataset: Dataset, note: str) -> Dataset:
    """The Walidata takes a published dataset off the public catalogue at once; it goes back to its Produsen."""
    note = clean_note(note)
    if not roles.can_review(actor, dataset.organisation):
        raise deny(_("Only the Walidata of this government body may withdraw the dataset."))
    with transaction.atomic():
        locked = Dataset.objects.select_for_update().select_related("organisation").get(pk=dataset.pk)
        _withdraw_check(locked)
        from_state = locked.state
        locked.state = S.RETURNED
        locked.published_version = None
        locked.save(update_fields=["state", "published_version", "updated_at"])
        _record(locked, WITHDRAW, actor, note, from_state)
        entry_sync(locked)
        _notify(locked, WITHDRAW, actor, note)
    return locked


def dataset_publish(*, actor: Any, dataset: Dataset, note: str, on: date | None = None) -> Dataset:
    """Publish a verified (or approved Data Prioritas) dataset whose release date has come.

    ``actor`` is the Walidata, or None when the scheduled command publishes it (``on`` is the
    day it runs for; today in WITA by default).
    """
    note = clean_note(note)
    if actor is not None and not roles.can_review(actor, dataset.organisation):
        raise deny(_("Only the Walidata of this government body may publish the dataset."))
    with transaction.atomic():
        locked = Dataset.objects.select_for_update().select_related("organisation").get(pk=dataset.pk)
        if not is_due(locked, on):
            raise ValidationError(_("The dataset is not ready to publish, or its release date has not come yet."))
        _publish(locked, actor, note)
    return locked


def datasets_due(on: date | None = None) -> list[Dataset]:
    """Datasets whose release date has come (selector for the scheduled command)."""
    day = on or today()
    ready = Q(state=S.VERIFIED, is_prioritas=False) | Q(state=S.APPROVED)
    when = Q(release_date__isnull=True) | Q(release_date__lte=day)
    return list(Dataset.objects.filter(ready & when).order_by("release_date", "pk"))


def _publish(locked: Dataset, actor: Any, note: str) -> None:
    """Write the immutable version, point the dataset at it and refresh the public entry."""
    now = timezone.now()
    resources = list(
        Resource.objects.filter(dataset=locked, removed_at__isnull=True)
        .prefetch_related("columns")
        .order_by("position", "created_at")
    )
    version_ids = {r.id: uuid.uuid4() for r in resources}
    number = (DatasetVersion.objects.filter(dataset=locked).aggregate(n=Max("number"))["n"] or 0) + 1
    first = locked.first_published_at or now
    snapshot = dataset_snapshot(
        locked, resources, version_ids, number=number, published_at=now, first_published_at=first
    )
    version = DatasetVersion.objects.create(
        dataset=locked,
        number=number,
        snapshot=snapshot,
        data_class=locked.data_class,
        published_at=now,
        published_by=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
    )
    ResourceVersion.objects.bulk_create(
        [
            ResourceVersion(
                id=version_ids[r.id],
                resource=r,
                dataset_version=version,
                position=i,
                file=r.file.name if r.file else "",
                snapshot=snapshot["resources"][i],
                datastore_table_id=r.datastore_table_id,
            )
            for i, r in enumerate(resources)
        ]
    )
    from_state = locked.state
    locked.state = S.PUBLISHED
    locked.published_version = version
    locked.first_published_at = first
    locked.save(update_fields=["state", "published_version", "first_published_at", "updated_at"])
    # One pass: the state is saved, then each table is served with the dataset's visibility.
    datastore_bridge.retire_removed(locked, resources)
    datastore_bridge.activate_for_publication(resources, public=is_public(locked))
    _record(locked, PUBLISH, actor, note, from_state)
    entry_sync(locked, modified=now, tables=False)
    _notify(locked, PUBLISH, actor, note)


@in_site_language
def _notify(dataset: Dataset, step: Step, actor: Any, note: str) -> None:
    org = dataset.organisation
    produsen = notify.users_for(roles.PRODUSEN, organisation_ids=[org.pk])
    walidata = notify.users_for(roles.WALIDATA, instansi_id=org.instansi_id)
    pembina = notify.users_for(roles.PEMBINA, instansi_id=org.instansi_id)
    recipients, next_step = {
        SUBMIT.name: (walidata, _("Next: the Walidata reviews the dataset.")),
        RETURN.name: (produsen, _("Next: the Produsen Data corrects the dataset and submits it again.")),
        PEMBINA_RETURN.name: (
            produsen + walidata,
            _("Next: the Produsen Data corrects the dataset and submits it again."),
        ),
        VERIFY.name: (
            (pembina, _("Next: the Pembina Data checks this Data Prioritas."))
            if dataset.is_prioritas
            else (produsen, _("Next: the dataset is published on its release date."))
        ),
        APPROVE.name: (produsen + walidata, _("Next: the dataset is published on its release date.")),
        PUBLISH.name: (produsen + walidata, _("The dataset is now in the public catalogue.")),
        WITHDRAW.name: (produsen, _("The dataset is no longer in the public catalogue.")),
    }.get(step.name, ([], ""))
    notify.send_step_mail(
        recipients=list(recipients),
        dataset=dataset,
        subject=str(step.label),
        step=str(step.label),
        event=f"catalog.dataset.{step.name}",
        note=note,
        actor=actor,
        next_step=next_step,
    )
