"""Frameworks in the API: list, tree, scoring and the gap planner. Public, no authentication."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from django.http import HttpRequest
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import ValidationError
from pydantic import BaseModel, Field, model_validator
from pydantic_core import PydanticCustomError

from lontar.assessments import planner, scoring
from lontar.assessments.api_schemas import (
    FrameworkDetailOut,
    FrameworkListOut,
    PlanOut,
    ScoreOut,
    framework_detail_data,
    framework_summary,
    plan_data,
    score_data,
)
from lontar.assessments.inputs import InputError, parse_caps, parse_levels, parse_target
from lontar.assessments.selectors import framework_get, framework_list, framework_tree
from lontar.core.pagination import Cursor, Limit, keyset_page

router = Router(tags=["evaluasi"])


LEVELS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": {"type": ["integer", "number", "string", "null"]},
    "example": {"1": 3, "11": 2, "32": 4},
}

NUMBER_OR_TEXT: dict[str, Any] = {"type": ["number", "string", "null"]}
TEXT: dict[str, Any] = {"type": ["string", "null"]}


class ScoreIn(BaseModel):
    """Plain pydantic (not ninja's Schema): the raw body reaches the validator, so a body that is
    not an object, or has unknown fields, gets a translated message."""

    levels: Any = Field(
        None,
        description='Level per indicator number, e.g. {"1": 3, "11": 2}. Missing or null = not answered. '
        "Indicators whose value comes from another index accept a figure such as 3.75.",
        json_schema_extra=LEVELS_SCHEMA,
    )

    @model_validator(mode="before")
    @classmethod
    def _object_with_known_fields(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            raise PydanticCustomError("body_not_object", _("The request body must be a JSON object."))
        unknown = sorted(set(data) - set(cls.model_fields))
        if unknown:
            raise PydanticCustomError(
                "unknown_field",
                _("Unknown field “%(name)s”; the fields are: %(fields)s.")
                % {"name": str(unknown[0])[:40], "fields": ", ".join(cls.model_fields)},
            )
        return data


class PlanIn(ScoreIn):
    target_index: Any = Field(
        None,
        description="Target index, e.g. 2.6 (met when the index rounded half up to two decimals reaches it)",
        json_schema_extra=NUMBER_OR_TEXT,
    )
    target_predikat: Any = Field(None, description='Target predikat name or alias, e.g. "Baik"', json_schema_extra=TEXT)
    caps: Any = Field(None, description="Highest level allowed per indicator number", json_schema_extra=LEVELS_SCHEMA)


def _invalid(exc: InputError) -> ValidationError:
    return ValidationError([{"loc": field.split("."), "msg": message} for field, message in exc.errors])


@router.get("", response=FrameworkListOut, summary="List assessment frameworks")
def list_frameworks(request: HttpRequest, cursor: Cursor = None, limit: Limit = None) -> dict[str, Any]:
    """The current version of every framework (Indeks SPBE 2018 and 2020, Indeks Pemdi, EPSS …)."""
    page = keyset_page(request, framework_list(), order=("code",), cursor=cursor, limit=limit)
    return {"items": [framework_summary(f) for f in page.items], "next_cursor": page.next_cursor, "next": page.next_url}


@router.get("/{code}", response=FrameworkDetailOut, summary="A framework with its tree, weights, levels and bands")
def get_framework(request: HttpRequest, code: str) -> dict[str, Any]:
    """Domains, aspects and indicators with weights (decimal and exact, e.g. "10/3"), level ladders,
    per-level criteria and predikat bands."""
    return framework_detail_data(framework_get(code))


@router.post("/{code}/score", response=ScoreOut, summary="Compute the index for given levels")
def score_framework(request: HttpRequest, code: str, payload: ScoreIn) -> dict[str, Any]:
    """Index and predikat of the whole framework and of every domain and aspect.

    Exact arithmetic, rounded half up to two decimals; the predikat is chosen from the rounded
    value. Unanswered indicators are missing (not zero): the index is then computed over the
    answered weights and marked provisional."""
    framework = framework_get(code)
    tree = framework_tree(framework)
    try:
        values = parse_levels(tree, payload.levels)
    except InputError as exc:
        raise _invalid(exc) from exc
    return score_data(framework, scoring.score(tree, values))


@router.post(
    "/{code}/plan", response=PlanOut, by_alias=True, summary="Fewest level steps to reach a target index or predikat"
)
def plan_framework(request: HttpRequest, code: str, payload: PlanIn) -> dict[str, Any]:
    """A step raises one indicator by one level. Unanswered indicators are taken at the scale
    minimum (listed in ``assumed_minimum``). 422 when the target cannot be reached within the caps."""
    framework = framework_get(code)
    tree = framework_tree(framework)
    try:
        values = parse_levels(tree, payload.levels)
        caps = parse_caps(tree, payload.caps, values)
        target = parse_target(tree, payload.target_index, payload.target_predikat)
    except InputError as exc:
        raise _invalid(exc) from exc
    result = planner.plan(tree, values, target.value, caps)
    if not result.reachable:
        best = scoring.round_half_up(result.exact_max)
        band = tree.band_for(Fraction(best))
        raise ValidationError(
            [
                {
                    "loc": ["target_predikat" if target.band else "target_index"],
                    "msg": _(
                        "The target %(target)s cannot be reached: the highest index reachable is %(best)s%(band)s."
                    )
                    % {
                        "target": number_format(scoring.round_half_up(target.value), 2),
                        "best": number_format(best, 2),
                        "band": f" ({band.name})" if band else "",
                    },
                }
            ]
        )
    return plan_data(framework, tree, result, target)
