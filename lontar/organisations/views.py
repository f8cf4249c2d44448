"""Public directory of organisations and their detail pages (server-rendered, no JavaScript needed).

The content of each page is built by ``_*_fragments`` and cached per language, filters and data
version (see :mod:`lontar.organisations.directory_cache`); the site shell is rendered per request.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lontar.core.svg import Chart, kabkota_map
from lontar.core.svg.geometry import kabkota_geometry
from lontar.organisations import selectors
from lontar.organisations.codes import is_region_code
from lontar.organisations.directory_cache import cached_fragments, page_key
from lontar.organisations.forms import DirectoryFilterForm
from lontar.organisations.models import Organisation, RegionLevel

PER_PAGE = 50
#: a page number longer than this is not a page number
MAX_PAGE_DIGITS = 6
#: directory pages whose query has only these parameters (all validated) are cached
CACHEABLE_PARAMS = frozenset({"wilayah", "jenis", "tipe", "page", "q"})
#: levels that have an instansi (Pemprov, Pemkab, Pemkot)
INSTANSI_LEVELS = (RegionLevel.PROVINSI, RegionLevel.KABUPATEN, RegionLevel.KOTA)
#: detail fragments that are HTML rendered by our templates (title and description are plain text)
_HTML_FRAGMENTS = ("breadcrumbs", "content")


def parse_page(raw: str | None) -> int | None:
    """The requested page (1 when absent), or None when ``raw`` is not a positive page number."""
    if raw is None or raw == "":
        return 1
    if len(raw) > MAX_PAGE_DIGITS or not raw.isascii() or not raw.isdigit():
        return None
    number = int(raw)
    return number if number >= 1 else None


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    """All instansi and OPD with search, filters by region, kind and type, and numbered pages.

    Invalid filters are shown next to their field and ignored; a page that does not exist
    answers 404 with the list's filters and a link back to its first page. An htmx request
    gets the results section only.
    """
    form = DirectoryFilterForm(request.GET or None, regions=selectors.directory_regions())
    valid = form.is_valid() if form.is_bound else True
    filters = form.filters() if form.is_bound else {}
    requested = parse_page(request.GET.get("page"))
    htmx = getattr(request, "htmx", None)
    # a history restore needs the whole page
    partial = htmx is not None and bool(htmx) and not htmx.history_restore_request
    key = None
    if valid and requested is not None and not filters.get("q") and set(request.GET) <= CACHEABLE_PARAMS:
        key = page_key(request, "directory", request.GET.urlencode(), partial)
    fragments = cached_fragments(key, lambda: _directory_fragments(request, form, filters, requested, partial))
    status = int(fragments["status"])
    content = mark_safe(fragments["content"])  # rendered by our own template
    if partial:
        response = HttpResponse(content, status=status)
    else:
        response = render(request, "organisations/directory.html", {"content": content}, status=status)
    patch_vary_headers(response, ("HX-Request",))  # the same URL answers htmx with the results only
    return response


def _directory_fragments(
    request: HttpRequest, form: DirectoryFilterForm, filters: dict[str, str], requested: int | None, partial: bool
) -> dict[str, str | int]:
    queryset = selectors.organisation_list(
        q=filters.get("q", ""),
        region=filters.get("wilayah", ""),
        kind=filters.get("jenis", ""),
        opd_type=filters.get("tipe", ""),
    )
    counts = selectors.directory_counts(queryset)
    paginator = Paginator(selectors.directory_rows(queryset), PER_PAGE, allow_empty_first_page=True)
    paginator.__dict__["count"] = counts.total  # known already: saves a COUNT query
    try:
        page_obj, status = paginator.page(requested if requested is not None else 0), 200
    except InvalidPage:
        page_obj, status = None, 404
    context = {
        "form": form,
        "ignored": form.is_bound and bool(form.errors),
        "counts": counts,
        "page_obj": page_obj,
        "num_pages": paginator.num_pages,
        "requested_page": request.GET.get("page", "")[:20],
        "first_page_url": _first_page_url(request),
        "directory_url": reverse("organisations:directory"),
    }
    template = "organisations/_directory_content.html" + ("#results" if partial else "")
    return {"status": status, "content": render_to_string(template, context, request)}


def _first_page_url(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    query = params.urlencode()
    return reverse("organisations:directory") + (f"?{query}" if query else "")


@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One organisation: kind, parent or OPD list, region with its codes and figures, contacts, map."""
    key = page_key(request, "detail", slug) if len(slug) <= 120 else None
    fragments = cached_fragments(key, lambda: _detail_fragments(request, slug))
    context = {name: mark_safe(value) if name in _HTML_FRAGMENTS else value for name, value in fragments.items()}
    return render(request, "organisations/detail.html", context)


def _detail_fragments(request: HttpRequest, slug: str) -> dict[str, str | int]:
    organisation = selectors.organisation_get_public(slug)
    region = organisation.region
    context = {
        "organisation": organisation,
        "region": region,
        "units": selectors.organisation_units(organisation),
        "region_summary": selectors.region_summary(region),
        "map": _map_for(organisation),
        "directory_url": reverse("organisations:directory"),
    }
    description = _("%(name)s, %(region)s: codes, figures, contacts and its place on the map of Nusa Tenggara Timur.")
    return {
        "status": 200,
        "title": str(organisation.name),
        "description": description % {"name": organisation.name, "region": region.name},
        "breadcrumbs": render_to_string("organisations/_detail.html#breadcrumbs", context, request),
        "content": render_to_string("organisations/_detail.html#content", context, request),
    }


@require_GET
def region(request: HttpRequest, code: str) -> HttpResponse:
    """A region: codes and figures, where it lies, its instansi and the regions one level below."""
    if not is_region_code(code):
        raise Http404
    fragments = cached_fragments(page_key(request, "region", code), lambda: _region_fragments(request, code))
    context = {name: mark_safe(value) if name in _HTML_FRAGMENTS else value for name, value in fragments.items()}
    return render(request, "organisations/detail.html", context)


def _region_fragments(request: HttpRequest, code: str) -> dict[str, str | int]:
    place = selectors.region_get(code)
    region_url = reverse("organisations:region", args=["0"]).removesuffix("0/")
    context = {
        "region": place,
        "region_summary": selectors.region_summary(place),
        "children": selectors.region_children(place),
        "instansi": selectors.region_instansi(place) if place.level in INSTANSI_LEVELS else None,
        "map": _map(place.code[:5] if place.level != RegionLevel.PROVINSI else "", lambda c: f"{region_url}{c}/"),
        "region_url": region_url,
        "directory_url": reverse("organisations:directory"),
    }
    description = _("%(name)s (%(level)s): Kemendagri and BPS codes, figures, and the regions within it.")
    return {
        "status": 200,
        "title": str(place.name),
        "description": description % {"name": place.name, "level": place.get_level_display()},
        "breadcrumbs": render_to_string("organisations/_region.html#breadcrumbs", context, request),
        "content": render_to_string("organisations/_region.html#content", context, request),
    }


def _map_for(organisation: Organisation) -> Chart:
    """NTT coloured by population with the organisation's kabupaten/kota outlined; regions link to their instansi."""
    slugs = selectors.instansi_slugs_by_region()
    directory_url = reverse("organisations:directory")

    def link(code: str) -> str:
        return f"{directory_url}{slugs[code]}/" if code in slugs else f"{directory_url}?wilayah={code}"

    return _map(organisation.region.code if organisation.region.is_kabkota else "", link)


def _map(highlight_code: str, link: Callable[[str], str]) -> Chart:
    """NTT coloured by population (Dukcapil), ``highlight_code`` (a kabupaten/kota) outlined."""
    names = selectors.kabkota_names()
    drawn = kabkota_geometry().by_code()  # the map refuses codes it does not draw
    population: dict[str, float | None] = {
        code: value for code, value in selectors.kabkota_populations().items() if code in drawn
    }
    if highlight_code in drawn and highlight_code in names:
        title = _("%(name)s on the map of Nusa Tenggara Timur, coloured by population") % {
            "name": names[highlight_code]
        }
        highlight: str | None = highlight_code
    else:
        title, highlight = _("Population of the 22 regencies and cities of Nusa Tenggara Timur"), None
    return kabkota_map(
        population,
        title=title,
        highlight=highlight,
        link=link,
        value_label=_("Population (Dukcapil, second half of 2024)"),
    )
