"""Permohonan informasi, its status history and the requester's documents."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lontar.core.models import TimeStampedModel
from lontar.ppid.choices import (
    CLOCK_RUNNING,
    Channel,
    CopyMethod,
    DocumentKind,
    ObtainMethod,
    RequesterType,
    Status,
)
from lontar.ppid.privacy.fields import EncryptedTextField
from lontar.ppid.storage import get_identity_storage


class InformationRequest(TimeStampedModel):
    """A request for public information (UU 14/2008 Pasal 22).

    NIK (or legal-entity decree number), address, phone and e-mail are encrypted at rest;
    ``identity_index`` is a keyed HMAC of the identity number for lookups. The tracking token is
    stored only as a SHA-256 digest.
    """

    public_body = models.ForeignKey(
        "ppid.PublicBody", verbose_name=_("public body"), on_delete=models.PROTECT, related_name="requests"
    )
    assigned_to = models.ForeignKey(
        "ppid.PublicBody",
        verbose_name=_("assigned PPID Pelaksana"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_requests",
    )
    number = models.CharField(_("registration number (nomor pendaftaran)"), max_length=80, unique=True)
    tracking_digest = models.CharField(max_length=64)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)

    requester_type = models.CharField(_("requester type"), max_length=12, choices=RequesterType.choices)
    name = models.CharField(_("full name"), max_length=150)
    identity_number = EncryptedTextField(_("NIK or legal-entity decree number"))
    identity_index = models.CharField(max_length=64, db_index=True, blank=True)
    address = EncryptedTextField(_("address"))
    phone = EncryptedTextField(_("phone"), blank=True)
    email = EncryptedTextField(_("e-mail"), blank=True)
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    by_proxy = models.BooleanField(_("filed by a proxy (kuasa)"), default=False)
    information_requested = models.TextField(_("information requested (rincian informasi)"))
    purpose = models.TextField(_("purpose of use (tujuan penggunaan informasi)"))
    obtain_method = models.CharField(_("how to obtain the information"), max_length=10, choices=ObtainMethod.choices)
    copy_method = models.CharField(_("how to get the copy"), max_length=10, choices=CopyMethod.choices, blank=True)

    received_on = models.DateField(_("received on (WITA)"), db_index=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    clock_start_on = models.DateField(
        _("deadline counted from"), help_text=_("Receipt, or the day an incomplete request was completed.")
    )
    due_on = models.DateField(_("notice due (10 working days)"), db_index=True)
    extended_due_on = models.DateField(_("notice due after extension (+7 working days)"), null=True, blank=True)
    #: a keberatan upheld by the atasan PPID reopens the request: the order is due on this day
    reopened_due_on = models.DateField(_("order of the atasan PPID due"), null=True, blank=True)
    order_done_on = models.DateField(_("order of the atasan PPID carried out on"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    incomplete_reason = models.TextField(_("what is missing"), blank=True)
    incomplete_notified_on = models.DateField(_("requester told it is incomplete on"), null=True, blank=True)
    completion_due_on = models.DateField(_("to be completed by"), null=True, blank=True)
    notice_issued_on = models.DateField(_("written notice issued on"), null=True, blank=True)
    delivered_on = models.DateField(_("information delivered on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, db_index=True)

    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        indexes = [
            models.Index(fields=["public_body", "status"], name="ppid_req_body_status"),
            models.Index(fields=["assigned_to", "status"], name="ppid_req_assigned_status"),
            # the registers' order; with the bodies in the index, a page's ids are found by an
            # index-only walk, the staff register's body filter included (PostgreSQL)
            models.Index(
                fields=["received_on", "id"], include=["public_body", "assigned_to"], name="ppid_req_received_id"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(extended_due_on__isnull=True) | models.Q(extended_due_on__gt=models.F("due_on")),
                name="ppid_req_extension_after_due",
            ),
            models.CheckConstraint(
                condition=models.Q(due_on__gt=models.F("clock_start_on")), name="ppid_req_due_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def effective_due_on(self) -> dt.date:
        """The notice deadline in force: the extended one if the deadline was extended."""
        return self.extended_due_on or self.due_on

    @property
    def clock_running(self) -> bool:
        return self.status in CLOCK_RUNNING

    @property
    def is_extended(self) -> bool:
        return self.extended_due_on is not None


class RequestEvent(models.Model):
    """One step in a request's history: a change of status or a note on the same status."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=30)
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    note = models.TextField(_("note"), blank=True)
    note_is_public = models.BooleanField(_("note shown to the requester"), default=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["request_id", "at", "id"]
        verbose_name = _("request event")
        verbose_name_plural = _("request history")

    def __str__(self) -> str:
        return f"{self.request_id}: {self.from_status or '-'} → {self.to_status}"


class IdentityDocument(models.Model):
    """A requester's KTP / legal-entity deed or power of attorney, kept in private storage."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    file = models.FileField(_("file"), storage=get_identity_storage, upload_to="ppid/identity/%Y/%m/", max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(default=timezone.now)
    purged_at = models.DateTimeField(_("purged at"), null=True, blank=True)

    class Meta:
        ordering = ["request_id", "id"]
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.request_id})"
