"""Public data requests (permintaan data) and their tracking status."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lontar.core.models import TimeStampedModel


class DataRequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    IN_PROCESS = "in_process", _("In process")
    FULFILLED = "fulfilled", _("Fulfilled")
    REJECTED = "rejected", _("Rejected")


class DataRequest(TimeStampedModel):
    """A request from the public for data the catalogue does not have yet.

    The requester's name and e-mail are shown only to the Walidata; the public tracking page
    (by ``tracking_code``) shows the request, its status and the answer.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tracking_code = models.CharField(_("tracking code"), max_length=12, unique=True)
    title = models.CharField(_("data requested"), max_length=200)
    description = models.TextField(_("details"), max_length=4000)
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    requester_name = models.CharField(_("name"), max_length=120)
    requester_email = models.EmailField(_("e-mail"))
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("agency asked"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=DataRequestStatus.choices, default=DataRequestStatus.SUBMITTED
    )
    answer = models.TextField(_("answer"), max_length=4000, blank=True)
    dataset = models.ForeignKey(
        "catalog.Dataset", verbose_name=_("dataset"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("data request")
        verbose_name_plural = _("data requests")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="fulfilled") | Q(dataset__isnull=False), name="catalog_request_fulfilled_dataset"
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(answer=""), name="catalog_request_rejected_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.title}"
