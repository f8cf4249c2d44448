"""Legal option lists of the PPID service (UU 14/2008, Perki 1/2021)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    UTAMA = "utama", _("PPID Utama")
    PELAKSANA = "pelaksana", _("PPID Pelaksana")


class RequesterType(models.TextChoices):
    PERORANGAN = "perorangan", _("Individual (perorangan)")
    KELOMPOK = "kelompok", _("Group of people (kelompok)")
    BADAN_HUKUM = "badan_hukum", _("Legal entity (badan hukum)")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online form")
    WALK_IN = "walk_in", _("In person at the service desk")
    EMAIL = "email", _("E-mail")
    POST = "post", _("Post or courier")
    ORAL = "oral", _("Oral (written down by staff)")


#: channels staff register (online requests come through the public form)
STAFF_CHANNELS = [c for c in Channel if c != Channel.ONLINE]


class ObtainMethod(models.TextChoices):
    INSPECT = "inspect", _("See, read, listen to or take notes (melihat / membaca / mendengarkan / mencatat)")
    SOFTCOPY = "softcopy", _("Get a copy: softcopy")
    HARDCOPY = "hardcopy", _("Get a copy: hardcopy")


class CopyMethod(models.TextChoices):
    PICK_UP = "pick_up", _("Pick it up in person")
    COURIER = "courier", _("Courier")
    POST = "post", _("Post")
    FAX = "fax", _("Fax")
    EMAIL = "email", _("E-mail")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    INCOMPLETE = "incomplete", _("Incomplete")
    ASSIGNED = "assigned", _("Assigned to a PPID Pelaksana")
    NOTICE_ISSUED = "notice_issued", _("Written notice issued")
    DELIVERED = "delivered", _("Information delivered")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: states in which the 10 (+7) working-day clock runs
CLOCK_RUNNING = frozenset({Status.RECEIVED, Status.ASSIGNED})
TERMINAL = frozenset({Status.CLOSED, Status.WITHDRAWN})
OPEN = frozenset(set(Status) - TERMINAL)


class Decision(models.TextChoices):
    GRANTED = "granted", _("Granted in full (diterima seluruhnya)")
    PARTIAL = "partial", _("Granted in part (diterima sebagian)")
    REFUSED = "refused", _("Refused (ditolak)")
    NOT_HELD = "not_held", _("Not held by this body (tidak dikuasai)")
    NOT_DOCUMENTED = "not_documented", _("Not yet documented (belum didokumentasikan)")


#: decisions after which information is handed over
DELIVERING_DECISIONS = frozenset({Decision.GRANTED, Decision.PARTIAL})


class ExemptionGround(models.TextChoices):
    """UU 14/2008 Pasal 17, letters a–j."""

    A = "a", _("a. could hinder law enforcement")
    B = "b", _("b. could harm intellectual property or fair competition")
    C = "c", _("c. could endanger state defence and security")
    D = "d", _("d. could reveal Indonesia's natural wealth")
    E = "e", _("e. could harm national economic resilience")
    F = "f", _("f. could harm foreign relations")
    G = "g", _("g. content of private authentic deeds or wills")
    H = "h", _("h. could reveal personal secrets")
    I = "i", _("i. memoranda or letters between or within public bodies that are confidential")  # noqa: E741
    J = "j", _("j. information not to be disclosed under another law (Undang-Undang)")


class DocumentKind(models.TextChoices):
    IDENTITY = "identity", _("Identity document (KTP or legal-entity deed)")
    POWER_OF_ATTORNEY = "power_of_attorney", _("Power of attorney (surat kuasa)")


class ObjectionGround(models.TextChoices):
    """UU 14/2008 Pasal 35(1), letters a–g."""

    A = "a", _("a. the request was refused on a Pasal 17 ground")
    B = "b", _("b. periodic information (Pasal 9) was not published")
    C = "c", _("c. the request was not answered")
    D = "d", _("d. the request was answered other than asked")
    E = "e", _("e. the request was not fulfilled")
    F = "f", _("f. unreasonable fees were charged")
    G = "g", _("g. the request was answered later than the law allows")


class ObjectionStatus(models.TextChoices):
    FILED = "filed", _("Filed, awaiting the atasan PPID")
    ANSWERED = "answered", _("Answered by the atasan PPID")


class ObjectionDecision(models.TextChoices):
    UPHELD = "upheld", _("Objection upheld (keberatan diterima)")
    PARTLY_UPHELD = "partly_upheld", _("Objection partly upheld (keberatan diterima sebagian)")
    REJECTED = "rejected", _("Objection rejected (keberatan ditolak)")


class RequesterResponse(models.TextChoices):
    ACCEPTED = "accepted", _("Accepts the answer")
    DISPUTE = "dispute", _("Takes it to the Komisi Informasi")


class DisputeStage(models.TextChoices):
    REGISTERED = "registered", _("Registered at the Komisi Informasi")
    MEDIATION = "mediation", _("Mediation")
    ADJUDICATION = "adjudication", _("Non-litigation adjudication")
    DECIDED = "decided", _("Decided by the Komisi Informasi")
    COURT = "court", _("Appealed to court")
    WITHDRAWN = "withdrawn", _("Withdrawn")
