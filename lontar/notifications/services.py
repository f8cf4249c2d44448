"""The one place that sends notifications: :func:`notify` after the caller's transaction commits.

Domain services call :func:`notify` at each hand-off with the users who receive the work; each
user's setting (:class:`~lontar.notifications.models.Delivery`) decides between one e-mail now,
a line in tomorrow's digest, or nothing (the work queue still shows the item). Staff mail carries
the number or title and a link, never a requester's personal data: the templates get only what the
caller passes.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from lontar.audit.services import audit_record
from lontar.notifications.models import Delivery, DigestItem, NotificationPreference

logger = logging.getLogger(__name__)

#: the plain-text body used when a caller passes no template of its own
DEFAULT_TEMPLATE = "notifications/email/event.txt"


P = ParamSpec("P")
R = TypeVar("R")


def in_site_language(func: Callable[P, R]) -> Callable[P, R]:
    """Run a hand-off in the site's language (Indonesian): its subject and facts are translated when
    it runs, and the actor who triggered it may be browsing in English."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with override(settings.LANGUAGE_CODE):
            return func(*args, **kwargs)

    return wrapper


def absolute(path: str) -> str:
    """An absolute link for an e-mail from a site path."""
    return settings.BASE_URL.rstrip("/") + path if path.startswith("/") else path


def delivery_of(user: Any) -> str:
    pref = NotificationPreference.objects.filter(user=user).values_list("delivery", flat=True).first()
    return pref or Delivery.IMMEDIATE


def _render(template: str, context: dict[str, Any]) -> str:
    with override(settings.LANGUAGE_CODE):
        return render_to_string(template, context)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())[:250]


def _send(messages: list[EmailMessage], event: str) -> None:
    try:
        get_connection().send_messages(messages)
    except Exception:
        logger.exception("notification %s not sent", event)


def notify(
    recipients: Iterable[Any],
    *,
    event: str,
    subject: str,
    template: str = DEFAULT_TEMPLATE,
    context: dict[str, Any] | None = None,
    addresses: Iterable[str] = (),
) -> int:
    """Tell ``recipients`` (users) and ``addresses`` (e.g. a requester, always at once) about ``event``.

    Mail leaves only after the current transaction commits (nothing is sent for a rolled-back
    change); a failing mail server is logged and never undoes the change. Returns how many
    users/addresses were notified or queued for the digest.
    """
    subject = _one_line(subject)
    with override(settings.LANGUAGE_CODE):
        body = _render(template, {"subject": subject, **(context or {})})
    now_to: list[str] = sorted({a for a in addresses if a})
    count = len(now_to)
    seen: set[int] = set()
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active or not user.email:
            continue
        seen.add(user.pk)
        mode = delivery_of(user)
        if mode == Delivery.OFF:
            continue
        count += 1
        if mode == Delivery.DIGEST:
            DigestItem.objects.create(user=user, event=event, subject=subject, body=body)
        else:
            now_to.append(user.email)
    if now_to:
        # one message per address: no recipient sees another's address
        messages = [
            EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to]) for to in now_to
        ]
        transaction.on_commit(lambda: _send(messages, event))
    return count


def preference_set(*, actor: Any, delivery: str) -> NotificationPreference:
    """The user chooses how their notifications arrive."""
    if delivery not in Delivery.values:
        raise ValidationError({"delivery": [_("Choose one of the options.")]})
    with transaction.atomic():
        pref, _created = NotificationPreference.objects.select_for_update().get_or_create(user=actor)
        if pref.delivery != delivery or _created:
            before = pref.delivery
            pref.delivery = delivery
            pref.save()
            audit_record(
                action="notifications.preference.changed",
                actor=actor,
                target=pref,
                data={"from": before, "to": delivery},
            )
    return pref


class DigestNotSent(RuntimeError):
    """Some digests could not be sent (their items stay pending for the next run)."""

    def __init__(self, sent: int, failed: list[str]) -> None:
        super().__init__(f"{len(failed)} digest(s) not sent ({sent} sent): {', '.join(failed)}")
        self.sent = sent
        self.failed = failed


def digest_send() -> int:
    """E-mail each user one digest of their pending items; returns the number of digests sent.

    Items are marked sent in the same transaction as the mail leaves; a failed send leaves them
    pending for the next run. Every user is tried; if any failed, :class:`DigestNotSent` is raised
    at the end (so the scheduled task and the command report it).
    """
    sent = 0
    failed: list[str] = []
    users = DigestItem.objects.filter(sent_at__isnull=True).values_list("user_id", flat=True).distinct()
    for user_id in sorted(set(users)):
        try:
            sent += _digest_send_one(user_id)
        except Exception as exc:
            logger.exception("digest of user %s not sent", user_id)
            failed.append(f"{user_id}: {exc.__class__.__name__}")
    if failed:
        raise DigestNotSent(sent, failed)
    return sent


def _digest_send_one(user_id: int) -> int:
    with transaction.atomic():
        items = list(
            DigestItem.objects.select_for_update()
            .select_related("user")
            .filter(user_id=user_id, sent_at__isnull=True)
            .order_by("created_at", "id")
        )
        if not items:
            return 0
        user = items[0].user
        if not user.is_active or not user.email:
            DigestItem.objects.filter(pk__in=[i.pk for i in items]).update(sent_at=timezone.now())
            return 0
        with override(settings.LANGUAGE_CODE):
            subject = _("Lontar: %(count)d notifications of the day") % {"count": len(items)}
            body = render_to_string("notifications/email/digest.txt", {"items": items, "user": user})
        message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email])
        message.send()
        DigestItem.objects.filter(pk__in=[i.pk for i in items]).update(sent_at=timezone.now())
        audit_record(
            action="notifications.digest.sent",
            target=user,
            data={"items": len(items), "events": sorted({i.event for i in items})},
        )
    return 1
