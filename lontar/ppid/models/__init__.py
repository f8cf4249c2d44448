"""PPID models: public bodies, information requests and their history, written notices."""

from lontar.ppid.models.bodies import CostItem, PublicBody, RequestCounter
from lontar.ppid.models.dip import DipCategory, DipEntry, InformationForm
from lontar.ppid.models.notices import ConsequenceTest, Notice, NoticeFile, RedactedPart
from lontar.ppid.models.objections import Dispute, Objection
from lontar.ppid.models.requests import IdentityDocument, InformationRequest, RequestEvent

__all__ = [
    "ConsequenceTest",
    "CostItem",
    "DipCategory",
    "DipEntry",
    "Dispute",
    "IdentityDocument",
    "InformationForm",
    "InformationRequest",
    "Notice",
    "NoticeFile",
    "Objection",
    "PublicBody",
    "RedactedPart",
    "RequestCounter",
    "RequestEvent",
]
