"""Import of the SIA-SPBE layout: every row is checked, and nothing is written unless every row
is good (one transaction, rolled back on any error). Rows are matched by their ID column, so
importing the same file twice changes nothing the second time.

Messages name the row as a spreadsheet shows it (the header is row 1).
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lontar.audit.services import audit_record
from lontar.core.uploads import XLSX, sniff
from lontar.katalog import services
from lontar.katalog.policies import application_policy, asset_policy, service_policy
from lontar.katalog.selectors import staff as selectors
from lontar.katalog.sia.layout import LAYOUTS, CellError, Column, cell_value, parse_cell
from lontar.organisations.selectors import organisations_by_slugs

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_UNPACKED = 100 * 1024 * 1024
ORDER = ("aset", "aplikasi", "layanan")
SHEET_KINDS = {title.lower(): kind for kind, (title, _c, _m) in LAYOUTS.items()}


class ImportFailed(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Result:
    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ORDER, 0))
    updated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ORDER, 0))
    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ORDER, 0))


Table = list[tuple[int, dict[str, Any]]]  # (row number, header -> raw value)


def _table(rows: list[list[Any]], kind: str) -> Table:
    if not rows:
        return []
    headers = [str(h or "").strip() for h in rows[0]]
    _title, columns, _model = LAYOUTS[kind]
    missing = [c.header for c in columns if c.header not in headers]
    if missing:
        raise ImportFailed([_("Columns missing from the header row: %(cols)s.") % {"cols": ", ".join(missing)}])
    out: Table = []
    for number, row in enumerate(rows[1:], start=2):
        if all(str(v or "").strip() == "" for v in row):
            continue
        out.append((number, {h: (row[i] if i < len(row) else None) for i, h in enumerate(headers) if h}))
    if len(out) > MAX_ROWS:
        raise ImportFailed([_("At most %(max)d rows per file.") % {"max": MAX_ROWS}])
    return out


def _check_workbook(content: bytes) -> None:
    """A real XLSX (by its parts, lontar.core.uploads) that does not unpack to more than 100 MB."""
    if sniff(io.BytesIO(content), (XLSX,)) is None:
        raise ImportFailed([_("The file is not a readable XLSX workbook.")])
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
            raise ImportFailed([_("The workbook unpacks to more than 100 MB.")])


def read_file(name: str, content: bytes, kind: str = "aplikasi") -> dict[str, Table]:
    """Tables per object type: the sheets of an XLSX (by title) or one CSV of ``kind``."""
    if len(content) > MAX_BYTES:
        raise ImportFailed([_("The file is larger than 5 MB.")])
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        _check_workbook(content)
        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise ImportFailed([_("The file is not a readable XLSX workbook.")]) from exc
        tables = {}
        for sheet in book.worksheets:
            found = SHEET_KINDS.get(sheet.title.strip().lower())
            if found:
                tables[found] = _table([list(r) for r in sheet.iter_rows(values_only=True)], found)
        if not tables:
            raise ImportFailed([_("No sheet named Aplikasi, Infrastruktur or Layanan.")])
        return tables
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed([_("The CSV file must be UTF-8 text.")]) from exc
    if "\x00" in text:
        raise ImportFailed([_("The CSV file contains a NUL character.")])
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return {kind: _table(list(csv.reader(io.StringIO(text), delimiter=delimiter)), kind)}


class _Resolver:
    """Turns codes in cells into records; codes created earlier in the same file resolve too."""

    def __init__(self, actor: Any) -> None:
        self.actor = actor

    def org(self, slug: str) -> Any:
        org = organisations_by_slugs([slug]).first() if slug else None
        if org is None:
            raise CellError(_("Perangkat Daerah: no organisation with the short name %(slug)s.") % {"slug": slug[:60]})
        return org

    def ref(self, target: str, code: str) -> Any:
        found = (selectors.applications_by_codes if target == "application" else selectors.assets_by_codes)([code])
        if code not in found:
            raise CellError(_("No record with the ID %(code)s.") % {"code": code[:60]})
        return found[code]

    def datasets(self, slugs: list[str]) -> list[Any]:
        found = selectors.datasets_by_slugs(slugs)
        missing = [s for s in slugs if s not in found]
        if missing:
            raise CellError(_("Data: no public dataset %(slugs)s.") % {"slugs": ", ".join(missing)[:120]})
        return [found[s] for s in slugs]


def _values(columns: tuple[Column, ...], raw: dict[str, Any], resolver: _Resolver) -> tuple[dict, dict, list]:
    """(plain values, links, problems) of one row."""
    values: dict[str, Any] = {}
    links: dict[str, Any] = {}
    problems: list[str] = []
    for column in columns:
        try:
            value = parse_cell(column, raw.get(column.header))
            if column.kind == "org":
                value = resolver.org(value)
            elif column.kind == "ref":
                value = resolver.ref(column.target, value) if value else None
            elif column.kind == "refs":
                value = [resolver.ref(column.target, code) for code in value]
            elif column.kind == "datasets":
                value = resolver.datasets(value)
        except CellError as exc:
            problems.append(str(exc))
            continue
        if column.kind in ("refs", "datasets"):
            links[column.field] = value
        else:
            values[column.field] = value
    return values, links, problems


POLICIES = {"aplikasi": application_policy, "aset": asset_policy, "layanan": service_policy}


def _same(kind: str, existing: Any, raw: dict[str, Any]) -> bool:
    """True when the row says what the record already holds (read both through the same parser)."""
    for column in LAYOUTS[kind][1]:
        try:
            mine = parse_cell(column, cell_value(existing, column))
            theirs = parse_cell(column, raw.get(column.header))
        except CellError:
            return False
        if isinstance(mine, list):
            mine, theirs = sorted(mine), sorted(theirs)
        if mine != theirs:
            return False
    return True


def _upsert(kind: str, actor: Any, raw: dict[str, Any], values: dict[str, Any], links: dict[str, Any]) -> str:
    code = values.pop("code")
    model = LAYOUTS[kind][2]
    existing: Any = model._default_manager.filter(code=code).first() if code else None
    if existing is not None and not POLICIES[kind].visible(actor).filter(pk=existing.pk).exists():
        raise PermissionDenied(_("The ID %(code)s belongs to a record you do not manage.") % {"code": code})
    if existing is not None and _same(kind, existing, raw):
        return "unchanged"
    org = values.pop("organisation")
    if kind == "aplikasi":
        if existing is None:
            services.application_create(actor=actor, organisation=org, values=values, links=links, code=code)
            return "created"
        services.application_update(
            actor=actor, application=existing, values={**values, "organisation": org}, links=links
        )
    elif kind == "aset":
        if existing is None:
            services.asset_create(actor=actor, organisation=org, values=values, code=code)
            return "created"
        services.asset_update(actor=actor, asset=existing, values={**values, "organisation": org})
    else:
        apps = links.get("applications", [])
        if existing is None:
            services.service_create(actor=actor, organisation=org, values=values, applications=apps, code=code)
            return "created"
        services.service_update(
            actor=actor, service=existing, values={**values, "organisation": org}, applications=apps
        )
    return "updated"


def _ordered(kind: str, table: Table) -> Table:
    """Applications replaced by another row of the file come after that row (the replacement must
    exist first); everything else keeps the file's order."""
    if kind != "aplikasi":
        return table
    by_code = {str(raw.get("ID") or "").strip(): (n, raw) for n, raw in table}
    done: set[int] = set()
    out: Table = []

    def visit(number: int, raw: dict[str, Any], depth: int = 0) -> None:
        if number in done:
            return
        done.add(number)
        target = by_code.get(str(raw.get("Digantikan Oleh") or "").strip())
        if target is not None and depth < len(table):
            visit(*target, depth=depth + 1)
        out.append((number, raw))

    for number, raw in table:
        visit(number, raw)
    return out


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return "; ".join(
                f"{name}: {' '.join(msgs)}" if name != "__all__" else " ".join(msgs)
                for name, msgs in exc.message_dict.items()
            )
        return " ".join(exc.messages)
    return str(exc)


def _import_kind(kind: str, actor: Any, table: Table, result: Result, resolver: _Resolver) -> list[str]:
    title, columns, _model = LAYOUTS[kind]
    errors: list[str] = []
    deferred: list[tuple[int, str, list[Any]]] = []
    first_pass = tuple(c for c in columns if c.field != "integrations")
    integrations = next((c for c in columns if c.field == "integrations"), None)
    for number, raw in _ordered(kind, table):
        values, links, problems = _values(first_pass, raw, resolver)
        if not problems:
            try:
                with transaction.atomic():
                    outcome = _upsert(kind, actor, raw, values, links)
            except (ValidationError, PermissionDenied) as exc:
                problems.append(_message(exc))
            else:
                getattr(result, outcome)[kind] += 1
                if integrations is not None:
                    deferred.append(
                        (number, str(raw.get("ID") or ""), parse_cell(integrations, raw.get("Integrasi Aplikasi")))
                    )
        errors += [
            _("%(sheet)s, line %(line)d: %(message)s") % {"sheet": title, "line": number, "message": p}
            for p in problems
        ]
    if errors:
        return errors
    for number, code, targets in deferred:
        # integrations may point to rows further down the file: set once every row exists
        try:
            app = resolver.ref("application", code)
            wanted = [resolver.ref("application", t) for t in targets]
            if sorted(a.pk for a in wanted) != sorted(app.integrations.values_list("pk", flat=True)):
                with transaction.atomic():
                    services.application_update(actor=actor, application=app, values={}, links={"integrations": wanted})
        except (CellError, ValidationError, PermissionDenied) as exc:
            errors.append(
                _("%(sheet)s, line %(line)d: %(message)s") % {"sheet": title, "line": number, "message": _message(exc)}
            )
    return errors


def import_tables(*, actor: Any, tables: dict[str, Table]) -> Result:
    """Write every row of ``tables`` or nothing; raises :class:`ImportFailed` with a message per bad row."""
    result = Result()
    errors: list[str] = []
    resolver = _Resolver(actor)
    with transaction.atomic():
        for kind in ORDER:
            errors += _import_kind(kind, actor, tables.get(kind, []), result, resolver)
        if errors:
            transaction.set_rollback(True)
        else:
            audit_record(
                action="katalog.registry.imported",
                actor=actor,
                data={"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
            )
    if errors:
        raise ImportFailed(errors)
    return result
