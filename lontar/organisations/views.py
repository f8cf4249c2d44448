"""Public directory of organisations and their detail pages (server-rendered, no JavaScript needed)."""

from __future__ import annotations

from django.core.paginator import InvalidPage, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lontar.core.svg import Chart, kabkota_map
from lontar.core.svg.geometry import kabkota_geometry
from lontar.organisations import selectors
from lontar.organisations.forms import DirectoryFilterForm
from lontar.organisations.models import Organisation, RegionLevel

PER_PAGE = 50
#: a page number longer than this is not a page number
MAX_PAGE_DIGITS = 6


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
    answers 404 with the list's filters and a link back to its first page.
    """
    form = DirectoryFilterForm(request.GET or None, regions=selectors.directory_regions())
    filters: dict[str, str] = {}
    if form.is_bound:
        form.is_valid()
        filters = form.filters()
    queryset = selectors.organisation_list(
        q=filters.get("q", ""),
        region=filters.get("wilayah", ""),
        kind=filters.get("jenis", ""),
        opd_type=filters.get("tipe", ""),
    )
    counts = selectors.directory_counts(queryset)
    paginator = Paginator(selectors.directory_rows(queryset), PER_PAGE, allow_empty_first_page=True)
    paginator.__dict__["count"] = counts.total  # known already: saves a COUNT query
    requested = parse_page(request.GET.get("page"))
    page_obj, status = None, 200
    try:
        page_obj = paginator.page(requested if requested is not None else 0)
    except InvalidPage:
        status = 404
    context = {
        "form": form,
        "filters": filters,
        "ignored": form.is_bound and bool(form.errors),
        "counts": counts,
        "page_obj": page_obj,
        "num_pages": paginator.num_pages,
        "requested_page": request.GET.get("page", "")[:20],
        "first_page_url": _first_page_url(request),
    }
    template = "organisations/directory.html#results" if request.htmx else "organisations/directory.html"
    return render(request, template, context, status=status)


def _first_page_url(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    query = params.urlencode()
    return reverse("organisations:directory") + (f"?{query}" if query else "")


@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One organisation: kind, parent or OPD list, region with its codes and figures, contacts, map."""
    organisation = selectors.organisation_get_public(slug)
    region = organisation.region
    context = {
        "organisation": organisation,
        "region": region,
        "units": selectors.organisation_units(organisation),
        "region_summary": selectors.region_summary(region) if region.level != RegionLevel.PROVINSI else None,
        "map": _map_for(organisation),
    }
    return render(request, "organisations/detail.html", context)


def _map_for(organisation: Organisation) -> Chart:
    """NTT with the organisation's kabupaten/kota outlined; every region links to its instansi."""
    region = organisation.region
    slugs = selectors.instansi_slugs_by_region()

    def link(code: str) -> str:
        if code in slugs:
            return reverse("organisations:detail", args=[slugs[code]])
        return reverse("organisations:directory") + f"?wilayah={code}"

    drawn = kabkota_geometry().by_code()  # the map refuses codes it does not draw
    population = {code: value for code, value in selectors.kabkota_populations().items() if code in drawn}
    options = {"values": population, "value_label": _("Population (Dukcapil, second half of 2024)"), "link": link}
    if region.is_kabkota and region.code in drawn:
        title = _("%(name)s on the map of Nusa Tenggara Timur, coloured by population") % {"name": region.name}
        return kabkota_map(title=title, highlight=region.code, **options)
    return kabkota_map(title=_("Population of the 22 regencies and cities of Nusa Tenggara Timur"), **options)
