"""Validation of questionnaire framework files (format 2); every problem names what and where.

``check_questionnaire(data)`` returns the list of problems (empty when the file can be loaded).
It checks the structure first; only a structurally sound document is built and then checked for
arithmetic: bands and categories run from the minimum to the maximum with no gap and no overlap,
the points of the questions add up to the declared maximum, area and part weights add up to 100.
"""

from __future__ import annotations

import re
from collections import Counter
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from lontar.assessments.definition_checks import CODE_RE, parse_bound, parse_weight
from lontar.assessments.questionnaire import (
    AREA_MINIMUM,
    GATE_KINDS,
    METHODS,
    TIER_UNLOCK,
    WEIGHTED_SHARE,
    build_questionnaire,
)
from lontar.assessments.questionnaire_arithmetic import check_arithmetic
from lontar.assessments.tree import exact_text

FORMAT = 2
HUNDRED = Fraction(100)
CONFIDENCES = ("V", "V1", "U")
#: a question's ``lontar_source``: "module.figure" (the key a module registers its provider under)
LONTAR_SOURCE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")


def _text(value: Any, *, required: bool = False, limit: int = 20000) -> bool:
    if value is None:
        return not required
    return isinstance(value, str) and (bool(value.strip()) or not required) and len(value) <= limit


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _short(value: Any) -> str:
    return str(value)[:40]


def check_questionnaire(data: dict[str, Any]) -> list[str]:
    problems = _header(data)
    if problems:
        return problems
    problems += _answer_sets(data)
    problems += _areas(data)
    if problems:
        return problems
    problems += _questions(data.get("questions"), data, where=_("questions"), in_areas=True)
    problems += _categorisation(data)
    problems += _band_structure(data)
    problems += _gates(data)
    problems += _maturity(data)
    problems += _final(data)
    if problems:
        return problems
    return check_arithmetic(build_questionnaire(data))


def _header(data: dict[str, Any]) -> list[str]:
    problems = []
    if data.get("format") != FORMAT or data.get("kind") != "questionnaire":
        problems.append(_("A questionnaire file needs “format”: 2 and “kind”: “questionnaire”."))
    if not isinstance(data.get("code"), str) or not CODE_RE.match(data["code"]):
        problems.append(_("“code” must be 2–40 lower-case letters, digits or hyphens."))
    if not isinstance(data.get("version"), str) or not 0 < len(data["version"].strip()) <= 20:
        problems.append(_("“version” must be a text of 1–20 characters."))
    for key in ("name", "regulation"):
        if not _text(data.get(key), required=True, limit=300):
            problems.append(_("“%(key)s” must be a non-empty text of at most 300 characters.") % {"key": key})
    for key in ("index_name", "description", "notes"):
        if not _text(data.get(key)):
            problems.append(_("“%(key)s” must be a text.") % {"key": key})
    sources = data.get("sources", [])
    if not isinstance(sources, list) or not all(_text(s, required=True, limit=2000) for s in sources):
        problems.append(_("“sources” must be a list of texts."))
    if data.get("method") not in METHODS:
        problems.append(_("“method” must be one of: %(methods)s.") % {"methods": ", ".join(METHODS)})
    return problems + _range_and_settings(data)


def _range_and_settings(data: dict[str, Any]) -> list[str]:
    problems = []
    low, high = parse_bound(data.get("score_min", 0)), parse_bound(data.get("score_max"))
    if low is None or high is None or not low < high:
        problems.append(_("“score_min” and “score_max” must be numbers with score_min < score_max."))
    return problems + _settings(data.get("settings", []))


def _settings(settings: Any) -> list[str]:
    """The facts shown to users with their source and confidence ([U] values are settings of the file)."""
    problems = []
    if not isinstance(settings, list):
        problems.append(_("“settings” must be a list."))
    else:
        for item in settings:
            if (
                not isinstance(item, dict)
                or not _text(item.get("label"), required=True, limit=300)
                or not _text(item.get("value"), required=True, limit=300)
                or not _text(item.get("source"), required=True, limit=2000)
                or item.get("confidence") not in CONFIDENCES
            ):
                problems.append(
                    _("Every setting needs a label, a value (text), a source and a confidence (V, V1 or U): %(item)s.")
                    % {"item": _short(item)}
                )
    return problems


def _answer_sets(data: dict[str, Any]) -> list[str]:
    sets = data.get("answer_sets")
    if not isinstance(sets, dict) or not sets:
        return [_("“answer_sets” must be a non-empty object of answer sets.")]
    problems = []
    for code, raw in sets.items():
        options = raw.get("options") if isinstance(raw, dict) else None
        if not isinstance(options, list) or not options or not _text(raw.get("name"), required=True, limit=200):
            problems.append(_("Answer set “%(set)s” needs a name and a list of options.") % {"set": code})
            continue
        if raw.get("confidence") not in (None, *CONFIDENCES) or not _text(raw.get("source"), limit=2000):
            problems.append(_("Answer set “%(set)s”: confidence must be V, V1 or U and source a text.") % {"set": code})
        problems += _options(code, options)
    return problems


def _options(code: str, options: list[Any]) -> list[str]:
    problems = []
    codes = Counter(o.get("code") for o in options if isinstance(o, dict))
    for option in options:
        if not isinstance(option, dict) or not _text(option.get("code"), required=True, limit=40):
            problems.append(_("Answer set “%(set)s”: every option needs a “code”.") % {"set": code})
            continue
        label = f"“{code}” / “{option['code']}”"
        if not _text(option.get("label"), required=True, limit=200):
            problems.append(_("Answer option %(option)s needs a “label”.") % {"option": label})
        if not _points_ok(option.get("points", 0)):
            problems.append(
                _(
                    "Answer option %(option)s: “points” must be a number or an object of numbers "
                    "keyed by tier (“1”, “2”, …)."
                )
                % {"option": label}
            )
        if not isinstance(option.get("not_applicable", False), bool):
            problems.append(_("Answer option %(option)s: “not_applicable” must be true or false.") % {"option": label})
    problems += [
        _("Answer set “%(set)s”: option “%(option)s” is defined %(count)d times.")
        % {"set": code, "option": c, "count": n}
        for c, n in codes.items()
        if n > 1
    ]
    if all(isinstance(o, dict) and o.get("not_applicable") for o in options):
        problems.append(_("Answer set “%(set)s” has no option that scores.") % {"set": code})
    return problems


def _points_ok(points: Any) -> bool:
    if isinstance(points, dict):
        return bool(points) and all(str(t).isdigit() and parse_weight(v) is not None for t, v in points.items())
    return parse_weight(points) is not None


def _areas(data: dict[str, Any]) -> list[str]:
    areas = data.get("areas")
    if not isinstance(areas, list) or not areas:
        return [_("“areas” must be a non-empty list.")]
    problems = []
    for area in areas:
        if not isinstance(area, dict) or not _text(area.get("code"), required=True, limit=40):
            problems.append(_("Every area needs a “code”."))
            continue
        label = area["code"]
        if not _text(area.get("name"), required=True, limit=300):
            problems.append(_("Area “%(area)s” needs a “name”.") % {"area": label})
        weight = area.get("weight")
        if data.get("method") == WEIGHTED_SHARE and (parse_weight(weight) is None or parse_weight(weight) == 0):
            problems.append(_("Area “%(area)s” needs a positive “weight” (percent of the total).") % {"area": label})
        if area.get("controls") is not None and not (_int(area["controls"]) and area["controls"] >= 0):
            problems.append(_("Area “%(area)s”: “controls” must be a whole number.") % {"area": label})
        if not isinstance(area.get("counted", True), bool):
            problems.append(_("Area “%(area)s”: “counted” must be true or false.") % {"area": label})
    codes = Counter(a.get("code") for a in areas if isinstance(a, dict))
    problems += [
        _("Area “%(area)s” is defined %(count)d times.") % {"area": c, "count": n} for c, n in codes.items() if n > 1
    ]
    return problems


def _questions(raw: Any, data: dict[str, Any], *, where: str, in_areas: bool, answer_set: str = "") -> list[str]:
    if not isinstance(raw, list) or not raw:
        return [_("“%(where)s” must be a non-empty list of questions.") % {"where": where}]
    problems = []
    areas = {a["code"] for a in data["areas"]} if in_areas else None
    for index, question in enumerate(raw, start=1):
        if not isinstance(question, dict) or not _text(question.get("id"), required=True, limit=40):
            problems.append(_("%(where)s, entry %(n)d: every question needs an “id”.") % {"where": where, "n": index})
            continue
        problems += _question(question, data, areas, answer_set)
    ids = Counter(q.get("id") for q in raw if isinstance(q, dict))
    problems += [
        _("Question id “%(id)s” is used %(count)d times.") % {"id": i, "count": n} for i, n in ids.items() if n > 1
    ]
    return problems


def _question(question: dict[str, Any], data: dict[str, Any], areas: set[str] | None, answer_set: str) -> list[str]:
    problems = []
    label = _("question %(id)s") % {"id": question["id"]}
    if not _text(question.get("text"), required=True, limit=5000):
        problems.append(_("%(question)s has no text.") % {"question": label})
    if areas is not None and question.get("area") not in areas:
        problems.append(
            _("%(question)s is outside any area: “%(area)s” is not one of the file's areas.")
            % {"question": label, "area": _short(question.get("area"))}
        )
    weight = question.get("weight", 1)
    if parse_weight(weight) is None or parse_weight(weight) == 0:
        problems.append(_("%(question)s: the weight must be a positive number.") % {"question": label})
    tags = set((data.get("maturity") or {}).get("tags") or ())
    if question.get("maturity") and question["maturity"] not in tags:
        problems.append(
            _("%(question)s: the maturity tag “%(tag)s” is not in the file's maturity tags.")
            % {"question": label, "tag": _short(question["maturity"])}
        )
    for key in ("guidance", "lontar_source"):
        if not _text(question.get(key), limit=2000):
            problems.append(_("%(question)s: “%(key)s” must be a text.") % {"question": label, "key": key})
    source = question.get("lontar_source")
    if isinstance(source, str) and source and not LONTAR_SOURCE.match(source):
        problems.append(
            _("%(question)s: the Lontar source “%(source)s” must look like “module.figure” (e.g. ppid.dip_current).")
            % {"question": label, "source": _short(source)}
        )
    return problems + _question_options(question, data, label, answer_set)


def _question_options(question: dict[str, Any], data: dict[str, Any], label: str, answer_set: str) -> list[str]:
    set_code = question.get("answer_set") or answer_set
    answer = data["answer_sets"].get(set_code) if isinstance(set_code, str) else None
    if answer is None:
        return [
            _("%(question)s: the answer set “%(set)s” is not defined.") % {"question": label, "set": _short(set_code)}
        ]
    tier = question.get("tier", 1)
    if not _int(tier) or not 1 <= tier <= 9:
        return [_("%(question)s: “tier” must be a whole number 1–9.") % {"question": label}]
    problems = []
    codes = [o["code"] for o in answer["options"]]
    for option in answer["options"]:
        points = option.get("points", 0)
        if isinstance(points, dict) and str(tier) not in points and "0" not in points:
            problems.append(
                _("%(question)s: option “%(option)s” has no points for tier %(tier)d.")
                % {"question": label, "option": option["code"], "tier": tier}
            )
    allowed = question.get("options") or []
    if not isinstance(allowed, list) or any(c not in codes for c in allowed):
        problems.append(
            _("%(question)s: its options %(given)s are not all options of answer set “%(set)s” (%(codes)s).")
            % {"question": label, "given": _short(allowed), "set": set_code, "codes": ", ".join(codes)}
        )
    return problems


def _categorisation(data: dict[str, Any]) -> list[str]:
    raw = data.get("categorisation")
    if raw is None:
        return [] if isinstance(data.get("bands"), list) else [_("Bands by category need a “categorisation”.")]
    if not isinstance(raw, dict) or not _text(raw.get("name"), required=True, limit=200):
        return [_("“categorisation” needs a name, an answer set, questions and categories.")]
    problems = _questions(
        raw.get("questions"), data, where=raw["name"], in_areas=False, answer_set=str(raw.get("answer_set"))
    )
    main = {q.get("id") for q in data["questions"] if isinstance(q, dict)}
    for question in raw.get("questions") or []:
        if isinstance(question, dict) and question.get("id") in main:
            problems.append(
                _("Question id “%(id)s” is used both in the categorisation and in the questions.")
                % {"id": question["id"]}
            )
    categories = raw.get("categories")
    if not isinstance(categories, list) or not categories:
        return [*problems, _("“categorisation” needs a list of categories.")]
    for category in categories:
        if (
            not isinstance(category, dict)
            or not _text(category.get("code"), required=True, limit=40)
            or not _text(category.get("name"), required=True, limit=60)
            or parse_bound(category.get("lower")) is None
            or (category.get("upper") is not None and parse_bound(category["upper"]) is None)
        ):
            problems.append(
                _("Every category needs a code, a name and numeric bounds: %(item)s.") % {"item": _short(category)}
            )
    return problems


def _band_list(raw: Any, where: str) -> list[str]:
    if not isinstance(raw, list) or not raw:
        return [_("%(where)s: the bands must be a non-empty list.") % {"where": where}]
    problems = []
    for band in raw:
        if not isinstance(band, dict) or not _text(band.get("name"), required=True, limit=60):
            problems.append(_("%(where)s: every band needs a “name”.") % {"where": where})
            continue
        if parse_bound(band.get("lower")) is None or (
            band.get("upper") is not None and parse_bound(band["upper"]) is None
        ):
            problems.append(
                _("%(where)s, band “%(band)s”: the bounds must be numbers.") % {"where": where, "band": band["name"]}
            )
    return problems


def _band_structure(data: dict[str, Any]) -> list[str]:
    bands = data.get("bands")
    if isinstance(bands, list):
        return _band_list(bands, _("Bands"))
    if not isinstance(bands, dict) or not bands:
        return [_("“bands” must be a list of bands, or an object of band lists keyed by category.")]
    problems = []
    categories = {
        c.get("code") for c in (data.get("categorisation") or {}).get("categories") or [] if isinstance(c, dict)
    }
    if set(bands) != categories:
        problems.append(
            _("The band tables (%(tables)s) must be exactly one per category (%(categories)s).")
            % {"tables": ", ".join(map(str, bands)), "categories": ", ".join(sorted(map(str, categories)))}
        )
    for category, table in bands.items():
        problems += _band_list(table, _("Bands of category “%(category)s”") % {"category": category})
    return problems


def _gates(data: dict[str, Any]) -> list[str]:
    gates = data.get("gates", [])
    if not isinstance(gates, list):
        return [_("“gates” must be a list.")]
    problems = []
    areas = {a["code"] for a in data["areas"]}
    option_codes = {o["code"] for s in data["answer_sets"].values() for o in s["options"]}
    for gate in gates:
        if not isinstance(gate, dict) or not _text(gate.get("code"), required=True, limit=40):
            problems.append(_("Every gate needs a “code”."))
            continue
        label = gate["code"]
        if gate.get("kind") not in GATE_KINDS:
            problems.append(
                _("Gate “%(gate)s”: “kind” must be one of: %(kinds)s.")
                % {"gate": label, "kinds": ", ".join(GATE_KINDS)}
            )
            continue
        if gate.get("confidence") not in (None, *CONFIDENCES) or not _text(gate.get("source"), limit=2000):
            problems.append(_("Gate “%(gate)s”: confidence must be V, V1 or U and source a text.") % {"gate": label})
        if gate["kind"] == AREA_MINIMUM:
            problems += _area_minimum(gate, data, areas)
        if gate["kind"] == TIER_UNLOCK:
            problems += _tier_unlock(gate, option_codes)
    return problems


def _tier_unlock(gate: dict[str, Any], option_codes: set[str]) -> list[str]:
    problems = []
    label = gate["code"]
    cond = gate.get("conditions") or {}
    if not isinstance(cond, dict):
        return [_("Gate “%(gate)s”: “conditions” must be an object.") % {"gate": label}]
    named = list(cond.get("forbidden") or []) + list((cond.get("max_counts") or {}).keys())
    for code in named:
        if code not in option_codes:
            problems.append(
                _("Gate “%(gate)s” names the answer option “%(option)s”, which no answer set defines.")
                % {"gate": label, "option": _short(code)}
            )
    if not _int(gate.get("tier", 3)):
        problems.append(_("Gate “%(gate)s”: “tier” must be a whole number.") % {"gate": label})
    for tier, factor in (cond.get("minimum_per_question") or {}).items():
        if not str(tier).isdigit() or parse_weight(factor) is None:
            problems.append(_("Gate “%(gate)s”: “minimum_per_question” needs numbers keyed by tier.") % {"gate": label})
    return problems


def _area_minimum(gate: dict[str, Any], data: dict[str, Any], areas: set[str]) -> list[str]:
    problems = []
    label = gate["code"]
    factors = gate.get("factors")
    if not isinstance(factors, dict) or not factors:
        return [_("Gate “%(gate)s” needs “factors” per area.") % {"gate": label}]
    for area, factor in factors.items():
        if area not in areas:
            problems.append(
                _("Gate “%(gate)s” names the area “%(area)s”, which the file does not define.")
                % {"gate": label, "area": _short(area)}
            )
        if parse_weight(factor) is None:
            problems.append(
                _("Gate “%(gate)s”: the factor of area “%(area)s” is not a number.") % {"gate": label, "area": area}
            )
    tables = data["bands"] if isinstance(data["bands"], dict) else {"": data["bands"]}
    for table in tables.values():
        if isinstance(table, list) and gate.get("forces") not in {b.get("name") for b in table if isinstance(b, dict)}:
            problems.append(
                _("Gate “%(gate)s” forces the status “%(status)s”, which is not a band.")
                % {"gate": label, "status": _short(gate.get("forces"))}
            )
            break
    return problems


def _maturity(data: dict[str, Any]) -> list[str]:
    maturity = data.get("maturity")
    if maturity is None:
        return []
    tags, steps = maturity.get("tags"), maturity.get("steps")
    if not isinstance(tags, list) or not isinstance(steps, list) or not steps:
        return [_("“maturity” needs a list of tags and a non-empty list of steps.")]
    problems = []
    previous = None
    for step in steps:
        if not isinstance(step, dict) or not _text(step.get("label"), required=True, limit=20):
            problems.append(_("Every maturity step needs a “label”."))
            continue
        value = parse_weight(step.get("value"))
        if value is None:
            problems.append(_("Maturity step “%(step)s”: “value” must be a number.") % {"step": step["label"]})
        elif previous is not None and value <= previous:
            problems.append(
                _("Maturity step “%(step)s”: the values must rise from step to step.") % {"step": step["label"]}
            )
        previous = value if value is not None else previous
        for requirement in step.get("requires") or []:
            share = parse_weight(requirement.get("min_share")) if isinstance(requirement, dict) else None
            if not isinstance(requirement, dict) or requirement.get("tag") not in tags or share is None or share > 1:
                problems.append(
                    _("Maturity step “%(step)s”: each requirement needs a known tag and a share between 0 and 1.")
                    % {"step": step["label"]}
                )
    return problems


def _final(data: dict[str, Any]) -> list[str]:
    final = data.get("final")
    if final is None:
        return []
    parts = final.get("parts") if isinstance(final, dict) else None
    if not isinstance(parts, list) or not parts:
        return [_("“final” needs a list of parts.")]
    problems = []
    total = Fraction(0)
    for part in parts:
        weight = parse_weight(part.get("weight")) if isinstance(part, dict) else None
        if not isinstance(part, dict) or not _text(part.get("code"), required=True, limit=40) or weight is None:
            problems.append(_("Every part of the final score needs a code, a name and a weight."))
            continue
        total += weight
    if not problems and total != HUNDRED:
        problems.append(
            _("The weights of the parts of the final score add up to %(sum)s, not 100.") % {"sum": exact_text(total)}
        )
    if not problems and not any(p.get("code") == "questionnaire" for p in parts):
        problems.append(
            _("One part of the final score must have the code “questionnaire” (the questionnaire's score).")
        )
    return problems
