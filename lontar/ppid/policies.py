"""Which PPID records an actor may see and act on, one policy per record type.

Built from the rules of :mod:`lontar.ppid.permissions` (written once there): the same rule
answers "may this actor act on this request" (``can``) and "which requests may this actor see"
(``visible``). Selectors fetch one record through ``visible`` with
:func:`lontar.accounts.permissions.get_for_actor_or_404`, so a record out of reach is a 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from lontar.accounts.permissions import visible_by
from lontar.ppid.models import InformationRequest, PublicBody
from lontar.ppid.permissions import BODY_RULES, REQUEST_ACTIONS, allows


class InformationRequestPolicy:
    """The PPID and atasan PPID of the body a request was filed with, the PPID Pelaksana it is
    assigned to, province admins and superusers see it; who may act depends on the action
    (``manage``, ``handle``, ``view``, ``answer_objection``)."""

    def visible(self, actor: Any) -> QuerySet[InformationRequest]:
        base = InformationRequest.objects.select_related(
            "public_body__organisation__region", "assigned_to__organisation"
        )
        return visible_by(base, REQUEST_ACTIONS["view"], actor)

    def can(self, actor: Any, action: str, record: InformationRequest) -> bool:
        return allows(actor, action, record)


class PublicBodyPolicy:
    """Public bodies are public; the PPID of a body (and a province admin) manage it and register
    its requests: ``visible`` is the bodies the actor manages."""

    def visible(self, actor: Any, queryset: QuerySet[PublicBody]) -> QuerySet[PublicBody]:
        return visible_by(queryset, BODY_RULES, actor)

    def can(self, actor: Any, action: str, record: PublicBody) -> bool:
        return action == "manage" and any(rule.allows(actor, record) for rule in BODY_RULES)


request_policy = InformationRequestPolicy()
body_policy = PublicBodyPolicy()
