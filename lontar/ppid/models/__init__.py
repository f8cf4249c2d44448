"""PPID models: public bodies, information requests and their history, written notices."""

from lontar.ppid.models.bodies import CostItem, PublicBody, RequestCounter
from lontar.ppid.models.notices import ConsequenceTest, Notice, NoticeFile, RedactedPart
from lontar.ppid.models.requests import IdentityDocument, InformationRequest, RequestEvent

__all__ = [
    "ConsequenceTest",
    "CostItem",
    "IdentityDocument",
    "InformationRequest",
    "Notice",
    "NoticeFile",
    "PublicBody",
    "RedactedPart",
    "RequestCounter",
    "RequestEvent",
]
