"""Importing a year's question texts into a questionnaire framework (Indeks KAMI, Monev KIP).

The regulator publishes the questions each year; Lontar ships the structure (areas, answer sets,
bands, gates, maturity, final formula). An administrator fills the template (``docs/kami-monev.md``)
as CSV or XLSX, one question per row:

``bagian`` (``pertanyaan``, the default, or ``kategorisasi`` for KAMI's Kategori Sistem Elektronik),
``id``, ``area`` (an area code of the framework; empty for categorisation rows), ``teks``,
``tahap`` (1–9, default 1), ``bobot`` (default 1), ``tingkat`` (maturity tag, e.g. ``II``),
``pilihan`` (allowed option codes separated by ``;``, default all), ``sumber_lontar``, ``panduan``.

Every row is checked and every problem reported with its line; the questions then replace those
of the base framework and the whole file is validated again (bands, maxima, controls per area) as
a new version. Nothing is stored unless everything is valid.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from lontar.assessments.definition_checks import parse_weight
from lontar.assessments.definitions import Definition, DefinitionError, parse_definition

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_PROBLEMS = 50
COLUMNS = ("bagian", "id", "area", "teks", "tahap", "bobot", "tingkat", "pilihan", "sumber_lontar", "panduan")
REQUIRED = ("id", "teks")
QUESTIONS = "pertanyaan"
CATEGORISATION = "kategorisasi"


class QuestionFileError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems[:MAX_PROBLEMS]
        super().__init__("; ".join(self.problems))


def read_rows(raw: bytes, filename: str) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) pairs from a CSV (UTF-8, comma or semicolon) or XLSX file (first sheet)."""
    if len(raw) > MAX_BYTES:
        raise QuestionFileError([_("The file is larger than %(size)d MB.") % {"size": MAX_BYTES // 2**20}])
    if filename.lower().endswith(".xlsx"):
        table = _xlsx_rows(raw)
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise QuestionFileError([_("The file is not UTF-8 text.")]) from exc
        delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
        table = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not table:
        raise QuestionFileError([_("The file is empty.")])
    header = [str(h or "").strip().lower() for h in table[0]]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [h for h in header if h and h not in COLUMNS]
    if missing or unknown:
        raise QuestionFileError(
            [
                _("The header must name the columns %(columns)s (missing: %(missing)s; unknown: %(unknown)s).")
                % {
                    "columns": ", ".join(COLUMNS),
                    "missing": ", ".join(missing) or "-",
                    "unknown": ", ".join(unknown) or "-",
                }
            ]
        )
    rows = []
    for line, values in enumerate(table[1:], start=2):
        cells = [str(v).strip() if v is not None else "" for v in values]
        if not any(cells):
            continue
        rows.append((line, {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header) if h}))
    if len(rows) > MAX_ROWS:
        raise QuestionFileError([_("The file has more than %(max)d rows.") % {"max": MAX_ROWS}])
    if not rows:
        raise QuestionFileError([_("The file has no question rows.")])
    return rows


def _xlsx_rows(raw: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise QuestionFileError([_("The file is not a readable XLSX workbook.")]) from exc
    sheet = book.worksheets[0]
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def _question(line: int, row: dict[str, str], problems: list[str]) -> dict[str, Any] | None:
    where = _("Line %(line)d") % {"line": line}
    before = len(problems)
    question: dict[str, Any] = {"id": row.get("id", ""), "text": row.get("teks", "")}
    if not question["id"] or len(question["id"]) > 40:
        problems.append(_("%(where)s: “id” must be 1–40 characters.") % {"where": where})
    if not question["text"]:
        problems.append(_("%(where)s: “teks” is empty.") % {"where": where})
    tier = row.get("tahap") or "1"
    if not tier.isdigit() or not 1 <= int(tier) <= 9:
        problems.append(
            _("%(where)s: “tahap” must be a whole number 1–9, not “%(value)s”.") % {"where": where, "value": tier[:20]}
        )
    else:
        question["tier"] = int(tier)
    weight = (row.get("bobot") or "1").replace(",", ".")
    if parse_weight(weight) in (None, 0):
        problems.append(
            _("%(where)s: “bobot” must be a positive number, not “%(value)s”.") % {"where": where, "value": weight[:20]}
        )
    else:
        question["weight"] = weight
    for column, key in (
        ("area", "area"),
        ("tingkat", "maturity"),
        ("sumber_lontar", "lontar_source"),
        ("panduan", "guidance"),
    ):
        if row.get(column):
            question[key] = row[column]
    if row.get("pilihan"):
        question["options"] = [c.strip() for c in row["pilihan"].split(";") if c.strip()]
    return question if len(problems) == before else None


def build_document(base: dict[str, Any], rows: list[tuple[int, dict[str, str]]], version: str) -> dict[str, Any]:
    """The base document with its questions replaced by the rows; QuestionFileError lists every broken row."""
    problems: list[str] = []
    questions: list[dict[str, Any]] = []
    categorisation: list[dict[str, Any]] = []
    for line, row in rows:
        part = (row.get("bagian") or QUESTIONS).lower()
        if part not in (QUESTIONS, CATEGORISATION):
            problems.append(
                _("Line %(line)d: “bagian” must be “pertanyaan” or “kategorisasi”, not “%(value)s”.")
                % {"line": line, "value": part[:30]}
            )
            continue
        if part == CATEGORISATION and not base.get("categorisation"):
            problems.append(_("Line %(line)d: this framework has no categorisation.") % {"line": line})
            continue
        question = _question(line, row, problems)
        if question is None:
            continue
        if part == CATEGORISATION:
            question.pop("area", None)
            categorisation.append(question)
        else:
            question.setdefault("answer_set", _default_answer_set(base))
            questions.append(question)
    if problems:
        raise QuestionFileError(problems)
    data = copy.deepcopy(base)
    data["version"] = version
    data["questions"] = questions
    if categorisation:
        data["categorisation"]["questions"] = categorisation
    return data


def _default_answer_set(base: dict[str, Any]) -> str:
    """The answer set the base file's questions use most."""
    used = [q.get("answer_set") for q in base.get("questions", [])]
    return max(set(used), key=used.count) if used else next(iter(base["answer_sets"]))


def import_definition(base: dict[str, Any], raw: bytes, filename: str, version: str) -> Definition:
    """Read, check and validate a question file against ``base``; QuestionFileError lists every problem."""
    if base.get("kind") != "questionnaire":
        raise QuestionFileError([_("Questions can only be imported into a questionnaire framework.")])
    if not 0 < len(version.strip()) <= 20:
        raise QuestionFileError([_("“version” must be a text of 1–20 characters.")])
    rows = read_rows(raw, filename)
    data = build_document(base, rows, version.strip())
    lines: dict[str | None, int] = {}
    for line, row in rows:
        lines.setdefault(row.get("id"), line)
    try:
        return parse_definition(json.dumps(data, ensure_ascii=False).encode("utf-8"), source=Path(filename).name)
    except DefinitionError as exc:
        raise QuestionFileError([_with_line(p, lines) for p in exc.problems]) from exc


def _with_line(problem: str, lines: dict[str | None, int]) -> str:
    """Put the row's line in front of a problem that names one of the imported questions."""
    for qid, line in lines.items():
        if qid and (f" {qid} " in f" {problem} " or f" {qid}:" in problem or f"“{qid}”" in problem):
            return _("Line %(line)d: %(problem)s") % {"line": line, "problem": problem}
    return problem
