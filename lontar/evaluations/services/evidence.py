"""The evidence library: adding files and links, describing, deleting, reusing last cycle's links."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lontar.audit.services import audit_record
from lontar.core.files import atomic_with_files, delete_on_rollback
from lontar.core.uploads import CheckedUpload
from lontar.evaluations.choices import EvidenceKind, SubmissionState
from lontar.evaluations.models import Answer, AnswerEvidence, Evidence, Submission
from lontar.evaluations.services._common import lock_submission, require_team
from lontar.evaluations.storage import evidence_storage
from lontar.evaluations.suggestions import EvidenceSuggestion, answer_indicator, find_suggestion
from lontar.evaluations.uploads import check_evidence_file


def _describe(title: str, kind: str, issuer: str) -> tuple[str, str, str]:
    title = title.strip()
    if not title:
        raise ValidationError(_("Give the evidence a title."), code="title")
    if len(title) > 300 or len(issuer) > 200:
        raise ValidationError(_("The title or issuer is too long."), code="too_long")
    if kind not in EvidenceKind.values:
        raise ValidationError(_("Choose a kind of evidence from the list."), code="kind")
    return title, kind, issuer.strip()


def _check_url(url: str) -> str:
    url = url.strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as exc:
        raise ValidationError(_("Enter a full web address starting with https:// or http://."), code="url") from exc
    if len(url) > 500:
        raise ValidationError(_("The link is longer than 500 characters."), code="url")
    return url


def _linkable(actor: Any, answer: Answer, organisation: Any) -> Answer:
    if answer.submission.organisation_id != organisation.pk:
        raise ValidationError(_("The answer belongs to another instansi."), code="foreign_answer")
    require_team(actor, answer.submission.organisation)
    return answer


def evidence_add(
    *,
    actor: Any,
    organisation: Any,
    title: str,
    kind: str,
    issued_on: dt.date | None = None,
    issuer: str = "",
    url: str = "",
    upload: UploadedFile | None = None,
    link_to: Answer | None = None,
    is_sample: bool = False,
) -> Evidence:
    """Add a file (checked by content, stored under a generated name) or a link to the library.

    With ``link_to`` the new item also supports that answer (which must still be a draft).
    Nothing is kept when anything fails: a stored file is deleted again (``atomic_with_files``).
    """
    require_team(actor, organisation)
    title, kind, issuer = _describe(title, kind, issuer)
    if bool(url) == bool(upload):
        raise ValidationError(_("Give either a file or a link."), code="file_or_link")
    if link_to is not None:
        _linkable(actor, link_to, organisation)
    evidence = Evidence(
        organisation=organisation,
        title=title,
        kind=kind,
        issued_on=issued_on,
        issuer=issuer,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        is_sample=is_sample,
    )
    checked = check_evidence_file(upload) if upload is not None else None
    if checked is None:
        evidence.url = _check_url(url)
    with atomic_with_files():
        if checked is not None:
            _store(evidence, organisation, checked)
        evidence.save()
        if link_to is not None:
            _link(link_to, evidence)
        audit_record(
            action="evaluations.evidence.added",
            actor=actor,
            organisation=organisation,
            target=evidence,
            data={
                "kind": kind,
                "file_type": evidence.file_type,
                "sha256": evidence.sha256,
                "linked_to": link_to.number if link_to else None,
            },
        )
    return evidence


def _store(evidence: Evidence, organisation: Any, checked: CheckedUpload) -> None:
    """Store the file inside ``atomic_with_files()``: it is deleted if the item is not recorded."""
    upload = checked.file
    evidence.file.name = evidence_storage.save(f"bukti/{organisation.pk}/{checked.storage_name}", upload)
    delete_on_rollback(evidence_storage, evidence.file.name)
    evidence.file_type = checked.type.code
    evidence.file_size = checked.size
    evidence.sha256 = checked.sha256
    evidence.original_name = (upload.name or "")[-200:]


def _link(answer: Answer, evidence: Evidence) -> None:
    submission = lock_submission(answer.submission)
    if submission.state != SubmissionState.DRAFT:
        raise ValidationError(_("This penilaian mandiri has been submitted and can no longer change."), code="locked")
    _created = AnswerEvidence.objects.get_or_create(answer=answer, evidence=evidence)
    # an editor holding the answer open must not drop this link silently with an older form
    Answer.objects.filter(pk=answer.pk).update(version=F("version") + 1, updated_at=timezone.now())


def _absolute(url: str) -> str:
    return settings.BASE_URL.rstrip("/") + url if url.startswith("/") else url


def evidence_attach_suggestion(*, actor: Any, answer: Answer, key: str) -> tuple[Evidence, bool]:
    """Attach the suggested record ``key`` to ``answer`` (a draft of the actor's own team).

    The providers are asked again, so only a record suggested now for this organisation and
    indicator can be attached. The record becomes one item of the evidence library, remembering
    ``key``: its snapshot (a file made now, before the transaction, and checked like an upload) or
    a link to its page. The item is made once per organisation: attaching the record again, here
    or to another indicator, reuses it. Returns the item and whether anything changed; nothing
    changed means nothing audited.
    """
    organisation = answer.submission.organisation
    require_team(actor, organisation)
    with translation.override(settings.LANGUAGE_CODE):  # the library item is described in Indonesian
        suggestion = find_suggestion(organisation, answer_indicator(answer), str(key)[:100])
        if suggestion is None:
            raise ValidationError(
                _("This record is not among the suggestions for this indicator (any more)."), code="not_suggested"
            )
        title, kind, issuer = _describe(suggestion.title[:300], suggestion.kind, suggestion.issuer[:200])
        url = _check_url(_absolute(suggestion.url))
        checked = None
        made = Evidence.objects.filter(organisation=organisation, source=suggestion.key).exists()
        if suggestion.snapshot is not None and not made:
            snapshot = suggestion.snapshot()
            checked = check_evidence_file(SimpleUploadedFile(snapshot.name[-100:], snapshot.content))
    with atomic_with_files():
        submission = lock_submission(answer.submission)
        if submission.state != SubmissionState.DRAFT or submission.cycle.is_final:
            raise ValidationError(
                _("This penilaian mandiri has been submitted and can no longer change."), code="locked"
            )
        evidence, created = _evidence_for(
            actor, organisation, suggestion, title=title, kind=kind, issuer=issuer, url=url, checked=checked
        )
        linked = not AnswerEvidence.objects.filter(answer=answer, evidence=evidence).exists()
        if linked:
            _link(answer, evidence)
        if created or linked:
            audit_record(
                action="evaluations.evidence.suggestion_attached",
                actor=actor,
                organisation=organisation,
                target=evidence,
                data={
                    "source": suggestion.key,
                    "indicator": answer.number,
                    "created": created,
                    "url": url,
                    "sha256": evidence.sha256,
                },
            )
    return evidence, created or linked


def _evidence_for(
    actor: Any,
    organisation: Any,
    suggestion: EvidenceSuggestion,
    *,
    title: str,
    kind: str,
    issuer: str,
    url: str,
    checked: CheckedUpload | None,
) -> tuple[Evidence, bool]:
    """The library item made from ``suggestion`` (one per organisation and record), made now if missing."""
    found = Evidence.objects.filter(organisation=organisation, source=suggestion.key).first()
    if found is not None:
        return found, False
    evidence = Evidence(
        organisation=organisation,
        source=suggestion.key,
        title=title,
        kind=kind,
        issued_on=suggestion.issued_on,
        issuer=issuer,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        is_sample=suggestion.is_sample,
    )
    try:
        with atomic_with_files():
            if checked is not None:
                _store(evidence, organisation, checked)
            else:
                evidence.url = url
            evidence.save()
    except IntegrityError:  # made meanwhile by another attach of the same record (its file is deleted)
        return Evidence.objects.get(organisation=organisation, source=suggestion.key), False
    return evidence, True


def evidence_update(
    *, actor: Any, evidence: Evidence, title: str, kind: str, issued_on: dt.date | None, issuer: str
) -> Evidence:
    require_team(actor, evidence.organisation)
    title, kind, issuer = _describe(title, kind, issuer)
    with transaction.atomic():
        Evidence.objects.filter(pk=evidence.pk).update(
            title=title, kind=kind, issued_on=issued_on, issuer=issuer, updated_at=timezone.now()
        )
        audit_record(
            action="evaluations.evidence.updated",
            actor=actor,
            organisation=evidence.organisation,
            target=evidence,
            data={"title": title, "kind": kind},
        )
    return Evidence.objects.get(pk=evidence.pk)


def evidence_delete(*, actor: Any, evidence: Evidence) -> None:
    """Delete an item that supports no submitted answer (submitted records keep their evidence)."""
    require_team(actor, evidence.organisation)
    with transaction.atomic():
        used = AnswerEvidence.objects.filter(evidence=evidence).exclude(answer__submission__state=SubmissionState.DRAFT)
        if used.exists():
            raise ValidationError(
                _("This evidence supports a submitted penilaian mandiri and is kept with it."), code="in_use"
            )
        AnswerEvidence.objects.filter(evidence=evidence).delete()
        name = evidence.file.name
        audit_record(
            action="evaluations.evidence.deleted",
            actor=actor,
            organisation=evidence.organisation,
            target=evidence,
            data={"title": evidence.title, "sha256": evidence.sha256},
        )
        evidence.delete()
        if name:
            transaction.on_commit(lambda: evidence_storage.delete(name))


def framework_family(code: str) -> str:
    """Frameworks of one family share numbering habits: "spbe-2018", "spbe-2020" → "spbe"."""
    return code.split("-", 1)[0]


def previous_submission(submission: Submission) -> Submission | None:
    """The same organisation's submission in the latest earlier cycle of the same framework family."""
    family = framework_family(submission.cycle.framework.code)
    candidates = (
        Submission.objects.filter(
            organisation_id=submission.organisation_id,
            cycle__year__lt=submission.cycle.year,
            cycle__framework__code__startswith=family,
        )
        .select_related("cycle", "cycle__framework")
        .order_by("-cycle__year", "-cycle__created_at")
    )
    return next((s for s in candidates[:20] if framework_family(s.cycle.framework.code) == family), None)


def evidence_reuse_previous(*, actor: Any, submission: Submission, number: str | None = None) -> int:
    """Copy the evidence links of last cycle's answers (same indicator number) into this draft.

    One indicator with ``number``, otherwise every indicator. Returns how many links were added.
    """
    require_team(actor, submission.organisation)
    previous = previous_submission(submission)
    if previous is None:
        raise ValidationError(_("There is no earlier cycle of this framework family to reuse."), code="no_previous")
    with transaction.atomic():
        submission = lock_submission(submission)
        if submission.state != SubmissionState.DRAFT:
            raise ValidationError(
                _("This penilaian mandiri has been submitted and can no longer change."), code="locked"
            )
        answers = {a.number: a for a in submission.answers.all()}
        if number is not None:
            answers = {number: answers[number]} if number in answers else {}
        old_links = AnswerEvidence.objects.filter(
            answer__submission=previous, answer__number__in=list(answers)
        ).values_list("answer__number", "evidence_id")
        existing = set(
            AnswerEvidence.objects.filter(answer__in=answers.values()).values_list("answer_id", "evidence_id")
        )
        new = {
            (answers[num].pk, evidence_id)
            for num, evidence_id in old_links
            if (answers[num].pk, evidence_id) not in existing
        }
        AnswerEvidence.objects.bulk_create([AnswerEvidence(answer_id=a, evidence_id=e) for a, e in new])
        touched = {a for a, _e in new}
        Answer.objects.filter(pk__in=touched).update(version=F("version") + 1, updated_at=timezone.now())
        if new:
            audit_record(
                action="evaluations.evidence.reused",
                actor=actor,
                organisation=submission.organisation,
                target=submission,
                data={"from_cycle": previous.cycle_id, "links": len(new), "indicator": number},
            )
    return len(new)
