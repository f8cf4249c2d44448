"""Loading framework definitions into the database, and locking a version once results use it."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from itertools import count
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.accounts.permissions import is_province_admin
from lontar.assessments.definition_checks import parse_bound, parse_weight
from lontar.assessments.definitions import Definition
from lontar.assessments.models import (
    Framework,
    FrameworkKind,
    FrameworkNode,
    LevelCriterion,
    LevelScale,
    PredikatBand,
    ScaleLevel,
)
from lontar.assessments.question_import import QuestionFileError, import_definition
from lontar.audit.services import audit_record


class FrameworkLoadOutcome(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


class FrameworkLocked(Exception):
    """The stored version is used by finalised results and the file differs from it."""


HEADER_FIELDS = ("name", "index_name", "regulation", "description", "notes", "level_min", "level_max")


def check_loader(actor: Any) -> None:
    """System loads (actor None: management commands, demo setup) and province admins may load reference data."""
    if actor is not None and not (getattr(actor, "is_superuser", False) or is_province_admin(actor)):
        raise PermissionDenied(_("Only a province administrator can load assessment frameworks or published results."))


def framework_load(*, actor: Any = None, definition: Definition, source_file: str) -> FrameworkLoadOutcome:
    """Store a validated definition. Idempotent: an identical file changes nothing.

    * a new (code, version) is created and becomes the current version of its code;
    * a changed file for a stored, unlocked version updates it in place (nodes matched by kind
      and number, so references to unchanged indicators survive);
    * a changed file for a locked version (finalised results use it) raises
      :class:`FrameworkLocked`: give the file a new ``version`` to load it beside the old one.
    """
    check_loader(actor)
    with transaction.atomic():
        framework = (
            Framework.objects.select_for_update().filter(code=definition.code, version=definition.version).first()
        )
        if framework is not None and framework.checksum == definition.checksum:
            return FrameworkLoadOutcome.UNCHANGED
        if framework is not None and framework.locked_at is not None:
            raise FrameworkLocked(
                _(
                    "Framework %(code)s version %(version)s is used by finalised results and cannot change. "
                    "Give the changed file a new “version” to load it as a new version."
                )
                % {"code": definition.code, "version": definition.version}
            )
        outcome = FrameworkLoadOutcome.UPDATED if framework else FrameworkLoadOutcome.CREATED
        if framework is None:
            Framework.objects.filter(code=definition.code, is_current=True).update(is_current=False)
            framework = Framework(code=definition.code, version=definition.version, is_current=True)
        for field in HEADER_FIELDS:
            setattr(
                framework, field, definition.data.get(field) or ("" if field not in ("level_min", "level_max") else 0)
            )
        framework.sources = definition.data.get("sources", [])
        framework.checksum = definition.checksum
        framework.source_file = source_file[:200]
        if definition.questionnaire is not None:
            # questions, bands, gates and formulas stay one validated document (format 2)
            framework.kind = FrameworkKind.QUESTIONNAIRE
            framework.questionnaire = definition.data
            framework.level_min = int(definition.tree.level_min)
            framework.level_max = int(definition.tree.level_max)
            framework.save()
        else:
            framework.kind = FrameworkKind.TREE
            framework.save()
            _write_contents(framework, definition.data)
        action = (
            "assessments.framework.loaded"
            if outcome == FrameworkLoadOutcome.CREATED
            else "assessments.framework.updated"
        )
        audit_record(
            action=action,
            actor=actor,
            target=framework,
            data={"code": framework.code, "version": framework.version, "checksum": framework.checksum},
        )
    return outcome


def framework_lock(*, actor: Any = None, framework: Framework) -> Framework:
    """Freeze a framework version because a finalised result uses it (called by result finalisation)."""
    check_loader(actor)
    with transaction.atomic():
        locked = Framework.objects.select_for_update().get(pk=framework.pk)
        if locked.locked_at is None:
            locked.locked_at = timezone.now()
            locked.save(update_fields=["locked_at", "updated_at"])
            audit_record(
                action="assessments.framework.locked",
                actor=actor,
                target=locked,
                data={"code": locked.code, "version": locked.version},
            )
    return locked


def _write_contents(framework: Framework, data: dict[str, Any]) -> None:
    scales = _sync_scales(framework, data["scales"])
    keep: list[int] = []
    positions = count()
    for raw in data["nodes"]:
        keep += _sync_node(framework, raw, None, scales, positions)
    FrameworkNode.objects.filter(framework=framework).exclude(pk__in=keep).delete()
    LevelScale.objects.filter(framework=framework).exclude(code__in=list(scales)).delete()
    PredikatBand.objects.filter(framework=framework).delete()
    PredikatBand.objects.bulk_create([_band(framework, raw) for raw in data["bands"]])


def _sync_scales(framework: Framework, raw_scales: dict[str, Any]) -> dict[str, LevelScale]:
    scales = {}
    for code, raw in raw_scales.items():
        scale, _created = LevelScale.objects.update_or_create(
            framework=framework, code=code, defaults={"name": raw["name"]}
        )
        scale.levels.all().delete()
        ScaleLevel.objects.bulk_create(
            [
                ScaleLevel(
                    scale=scale,
                    level=lv["level"],
                    name=lv["name"],
                    **{key: lv.get(key) or "" for key in ("meaning", "confidence", "notes", "source")},
                )
                for lv in raw["levels"]
            ]
        )
        scales[code] = scale
    return scales


NODE_TEXT_FIELDS = (
    "explanation",
    "guidance",
    "evidence_guidance",
    "external_source",
    "external_framework",
    "confidence",
    "notes",
)


def _sync_node(
    framework: Framework,
    raw: dict[str, Any],
    parent: FrameworkNode | None,
    scales: dict[str, LevelScale],
    positions: Iterator[int],
) -> list[int]:
    weight = parse_weight(raw["weight"]) or Fraction(0)
    defaults = {
        "parent": parent,
        "name": raw["name"],
        "position": next(positions),
        "weight_numerator": weight.numerator,
        "weight_denominator": weight.denominator,
        "weight_text": str(raw["weight"])[:30],
        "scale": scales.get(raw.get("scale", "")),
        **{key: raw.get(key) or "" for key in NODE_TEXT_FIELDS},
    }
    node, _created = FrameworkNode.objects.update_or_create(
        framework=framework, kind=raw["kind"], number=raw["number"], defaults=defaults
    )
    if raw["kind"] == "indicator":
        node.criteria.all().delete()
        LevelCriterion.objects.bulk_create(
            [
                LevelCriterion(
                    node=node,
                    level=int(level),
                    criteria=entry["criteria"],
                    **{
                        key: entry.get(key) or ""
                        for key in ("explanation", "evidence", "variant", "confidence", "notes")
                    },
                )
                for level, entry in raw.get("levels", {}).items()
            ]
        )
    kept = [node.pk]
    for child in raw.get("children", []):
        kept += _sync_node(framework, child, node, scales, positions)
    return kept


def _band(framework: Framework, raw: dict[str, Any]) -> PredikatBand:
    lower = parse_bound(raw["lower"]) or Fraction(0)
    upper = parse_bound(raw["upper"]) if raw.get("upper") is not None else None
    return PredikatBand(
        framework=framework,
        name=raw["name"],
        alias=raw.get("alias") or "",
        lower=Decimal(lower.numerator) / Decimal(lower.denominator),
        upper=Decimal(upper.numerator) / Decimal(upper.denominator) if upper is not None else None,
        confidence=raw.get("confidence") or "",
        notes=raw.get("notes") or "",
    )


def questions_import(
    *, actor: Any = None, code: str, version: str, raw: bytes, filename: str, check_only: bool = False
) -> tuple[Definition, FrameworkLoadOutcome | None]:
    """Load a year's question texts (CSV/XLSX template) into the questionnaire framework ``code`` as ``version``.

    The structure (areas, answer sets, bands, gates, formulas) comes from the current stored version;
    the rows replace its questions. Every broken row is reported (``QuestionFileError``) and nothing is
    stored unless the whole new version validates. ``check_only`` validates without storing.
    """
    check_loader(actor)
    base = (
        Framework.objects.filter(code=code[:40], is_current=True, kind=FrameworkKind.QUESTIONNAIRE)
        .values_list("questionnaire", flat=True)
        .first()
    )
    if not base:
        raise QuestionFileError(
            [
                _("There is no questionnaire framework “%(code)s”: load its file with framework_load first.")
                % {"code": code[:40]}
            ]
        )
    definition = import_definition(base, raw, filename, version)
    if check_only:
        return definition, None
    return definition, framework_load(actor=actor, definition=definition, source_file=filename)
