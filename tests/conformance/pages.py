"""The pages the conformance checks render: every public page and the staff pages of the browser tests.

The paths are looked up in the demo data (``manage.py demo_setup``), so each page shows what a
visitor of the demo sees: charts, maps, tables, forms. A record the list needs and the demo no
longer makes fails the lookup loudly instead of quietly checking fewer pages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.urls import reverse

from tests.evaluations.questionnaire_conformance import questionnaire_public_pages, questionnaire_staff_pages
from tests.katalog.conformance_pages import katalog_public_pages, katalog_staff_pages
from tests.konektivitas.conformance_pages import SITES_NOT_HTML, sites_staff_pages

#: staff pages are rendered as these demo users (lontar/accounts/demo.py), 2FA passed
ADMIN = "admin@demo.lontar.id"
PRODUSEN = "produsen@demo.lontar.id"
WALIDATA = "walidata@demo.lontar.id"
PPID = "ppid@demo.lontar.id"
ATASAN_PPID = "atasan.ppid@demo.lontar.id"
TIM_KAB = "tim.koordinasi.kabkupang@demo.lontar.id"
ASESOR = "asesor@demo.lontar.id"
VIEWER = "viewer@demo.lontar.id"
PENGELOLA_TIK = "pengelola.tik@demo.lontar.id"
#: a Walidata without an authenticator yet (the test makes it): the 2FA enrolment page
ENROLLING = "walidata.baru@uji.go.id"

#: named URLs answered with something other than an HTML page (files, feeds, JSON, redirects),
#: and POST-only endpoints: outside the HTML check
NOT_HTML = frozenset(
    {
        "core:signing_key",
        "core:security_txt",
        "catalog:datapackage",
        "catalog:resource_download",
        "catalog:dataset_jsonld",
        "catalog:dataset_ttl",
        "catalog:catalog_jsonld",
        "catalog:catalog_ttl",
        "catalog:feed",
        "catalog:organisation",
        "catalog:ckan_root",
        "catalog:ckan_action",
        "catalog:ckan_datastore_dump",
        "data:sql_json",
        "data:table_data",
        "evaluations:cycle_export",
        "evaluations:report_download",
        "evaluations:verify_signature",
        "evaluations:q_report_download",
        "ppid:report_pdf",
        "ppid:report_xlsx",
        "ppid:track_pdf",
        "ppid:track_file",
        "ppid:verify_signature",
        "ppid:dip_document",
        "konektivitas:cek_download",
        "konektivitas:cek_upload",
        "konektivitas:cek_ping",
        "konektivitas:cek_record",
        "katalog:manage_export",
        *SITES_NOT_HTML,
    }
)


@dataclass(frozen=True)
class Page:
    """One page to check: ``user`` None is an anonymous visitor, signed in with 2FA passed unless
    ``two_factor_pending``; ``post`` sends a form; ``name`` is the URL name the page stands for."""

    label: str
    path: str
    user: str | None = None
    status: int = 200
    post: dict[str, str] | None = None
    name: str = ""
    two_factor_pending: bool = False


def _p(name: str, label: str = "", *, user: str | None = None, status: int = 200, **kwargs: object) -> Page:
    return Page(label or name, reverse(name, kwargs=kwargs or None), user=user, status=status, name=name)


def public_pages(tracking: tuple[str, str], html_of: Callable[[str], str]) -> Iterator[Page]:
    """Every public page, with records of the demo. ``tracking``: (number, token) of a PPID request;
    ``html_of(path)``: an index page as an anonymous visitor sees it (its links name public records)."""
    from lontar.assessments.models import Framework
    from lontar.catalog.models import CatalogEntry, DataRequest
    from lontar.evaluations.choices import CycleState, SubmissionState
    from lontar.evaluations.models import Cycle, Report, Submission
    from lontar.ppid.models import Notice, PublicBody

    yield _p("core:home")
    yield _p("core:about")
    yield _p("core:patterns")
    yield Page("core:patterns (map of a region)", reverse("core:patterns") + "?wilayah=53.05", name="core:patterns")
    yield _p("organisations:directory")
    yield Page(
        "organisations:directory (search)",
        reverse("organisations:directory") + "?q=kupang",
        name="organisations:directory",
    )
    yield _p("organisations:detail", slug="pemprov-ntt")
    yield _p("organisations:detail", "organisations:detail (OPD)", slug="pemprov-ntt-diskominfo")
    yield _p("organisations:region", code="53.71")
    yield _p("accounts:login")
    yield _p("accounts:password_reset")
    yield _p("accounts:password_reset_done")
    yield _p("accounts:password_reset_complete")
    yield _p("accounts:password_reset_confirm", uidb64="MQ", token="x-y")
    yield _p("calendar:index")
    yield Page(
        "calendar:index (working days counted)",
        reverse("calendar:index") + "?year=2026&start=2025-12-22&add=10",
        name="calendar:index",
    )
    # evaluation: frameworks, history, cycles, dashboards, results
    yield _p("assessments:framework_list")
    # questionnaire frameworks (KAMI, Monev KIP) have their own pages (evaluations:q_*), not these
    for framework in Framework.objects.filter(kind="tree").order_by("code"):
        yield _p("assessments:framework_detail", f"assessments:framework_detail {framework.code}", code=framework.code)
        yield _p(
            "assessments:framework_simulator", f"assessments:framework_simulator {framework.code}", code=framework.code
        )
    yield _p("assessments:history_list")
    yield _p("assessments:history_detail", slug="pemprov-ntt")
    yield _p("evaluations:cycle_list")
    yield _p("evaluations:dashboard_index")
    for cycle in Cycle.objects.filter(state=CycleState.FINAL, framework__kind="tree").order_by("pk"):
        yield _p("evaluations:dashboard", f"evaluations:dashboard {cycle.pk}", pk=cycle.pk)
    final = Submission.objects.filter(state=SubmissionState.FINAL).order_by("pk").first()
    assert final is not None, "the demo has no final evaluation result"
    yield _p("evaluations:result", pk=final.pk)
    report = Report.objects.order_by("pk").first()
    if report is not None:
        yield _p("evaluations:verify", number=report.number)
    yield from questionnaire_public_pages(_p)
    # catalogue
    yield _p("catalog:search")
    yield Page("catalog:search (a query)", reverse("catalog:search") + "?q=penduduk", name="catalog:search")
    yield Page(
        "catalog:search (unknown sort order)",
        reverse("catalog:search") + "?q=penduduk&sort=nama",
        status=400,
        name="catalog:search",
    )
    yield _p("catalog:organisations")
    entries = list(CatalogEntry.objects.order_by("name"))
    assert entries, "the demo catalogue has no published dataset"
    for entry in entries:
        yield _p("catalog:detail", f"catalog:detail {entry.name}", slug=entry.name)
    yield _p("catalog:version", slug=entries[0].name, number=1)
    yield _p("catalog:indicators")
    indicators = links(html_of(reverse("catalog:indicators")), r"/indikator/[0-9]+/")
    for path in indicators[:1]:  # the demo's indicator is public once a published dataset carries it
        yield Page("catalog:indicator", path, name="catalog:indicator")
    yield _p("catalog:request_list")
    yield _p("catalog:request_new")
    for data_request in DataRequest.objects.order_by("pk")[:2]:
        yield _p("catalog:request_detail", f"catalog:request_detail {data_request.pk}", code=data_request.tracking_code)
    # /data/: the Datasette-like pages of the public tables
    yield _p("data:index")
    yield _p("data:sql")
    yield Page("data:sql (a query)", reverse("data:sql") + "?sql=select+1+as+satu", name="data:sql")
    tables = links(html_of(reverse("data:index")), r"/data/[^\"?.]+/[^\"?.]+")
    assert tables, "/data/ lists no public table"
    for path in tables:
        yield Page(f"data:table {path}", path, name="data:table")
    yield Page("data:table (sorted, filtered)", f"{tables[0]}?_sort_desc=tahun&_size=5", name="data:table")
    # PPID
    yield _p("ppid:index")
    body = PublicBody.objects.filter(organisation__slug="pemprov-ntt").first() or PublicBody.objects.first()
    assert body is not None, "the demo has no PPID body"
    yield _p("ppid:body", slug=body.slug)
    yield _p("ppid:body_dip", slug=body.slug)
    yield _p("ppid:dip")
    yield _p("ppid:dik")
    yield _p("ppid:statistics")
    yield _p("ppid:register")
    yield _p("ppid:objection_register")
    yield _p("ppid:report")
    yield _p("ppid:request_new")
    yield _p("ppid:track")
    number, token = tracking
    track = reverse("ppid:track")
    yield Page("ppid:track (a request found)", track, post={"number": number, "token": token}, name="ppid:track")
    yield Page("ppid:track (form errors)", track, status=400, post={"number": "", "token": ""}, name="ppid:track")
    yield from _bookmarkable_tracking(number)
    yield Page(
        "accounts:2fa_verify (signed in, code not given yet)",
        reverse("accounts:2fa_verify"),
        user=ADMIN,
        two_factor_pending=True,
        name="accounts:2fa_verify",
    )
    yield Page(
        "accounts:2fa_enrol (no authenticator yet)",
        reverse("accounts:2fa_enrol"),
        user=ENROLLING,
        two_factor_pending=True,
        name="accounts:2fa_enrol",
    )
    notice = Notice.objects.exclude(verification_code=None).order_by("pk").first()
    if notice is not None:
        yield _p("ppid:verify", code=notice.verification_code)
    yield from _konektivitas_pages()
    yield from katalog_public_pages(_p)
    # error pages
    yield Page("404 page", "/halaman-yang-tidak-ada/", status=404)
    yield Page("403 page (a reader on a staff page)", reverse("catalog:manage_index"), user=VIEWER, status=403)


def _konektivitas_pages() -> Iterator[Page]:
    """Konektivitas public pages (province map with and without filters, a kab/kota, a site)."""
    from lontar.konektivitas.models import Site

    yield _p("konektivitas:province")
    yield Page(
        "konektivitas:province (filtered)",
        reverse("konektivitas:province") + "?jenis=sekolah&status=baik&teknologi=vsat",
        name="konektivitas:province",
    )
    yield _p("konektivitas:kabupaten", code="53.71")
    site = Site.objects.filter(is_active=True).order_by("code").first()
    assert site is not None, "the demo has no konektivitas site"
    yield _p("konektivitas:site", code=site.code)


def _bookmarkable_tracking(number: str) -> Iterator[Page]:
    """The tracking page opened from its signed link, where the PPID app has one (ppid:track_link)."""
    from lontar.ppid.models import InformationRequest
    from lontar.ppid.privacy import links as ppid_links

    make = getattr(ppid_links, "track_link_value", None)
    if make is None:
        return
    request = InformationRequest.objects.get(number=number)
    yield _p("ppid:track_link", signed=make(request.pk, request.tracking_digest))


def staff_pages() -> Iterator[Page]:
    """The staff pages the browser tests (tests/e2e) visit, as the roles they use there."""
    from lontar.audit.models import AuditEvent
    from lontar.calendar.models import Holiday
    from lontar.catalog.models import ActivityMetadata, Dataset, DatasetState
    from lontar.datastore.models import DatastoreTable
    from lontar.evaluations.choices import CycleState
    from lontar.evaluations.models import Cycle, Evidence, Submission
    from lontar.ppid.models import DipEntry, InformationRequest, Objection

    # accounts (test_login, test_shell)
    for user in (ADMIN, WALIDATA, VIEWER):
        yield _p("accounts:dashboard", f"accounts:dashboard as {user}", user=user)
    yield _p("accounts:tokens", user=WALIDATA)
    yield _p("accounts:password_change", user=WALIDATA)
    yield _p("accounts:users", user=ADMIN)
    yield _p("accounts:user_create", user=ADMIN)
    yield _p("konektivitas:cek", user=PENGELOLA_TIK)
    yield from sites_staff_pages(_p, PENGELOLA_TIK)
    yield from katalog_staff_pages(_p, PENGELOLA_TIK)
    # calendar and audit (test_calendar_audit)
    yield Page("calendar:index as admin", reverse("calendar:index") + "?year=2026", user=ADMIN, name="calendar:index")
    holiday = Holiday.objects.order_by("date").first()
    assert holiday is not None
    yield _p("calendar:remove", user=ADMIN, pk=holiday.pk)
    yield _p("audit:list", user=ADMIN)
    event = AuditEvent.objects.order_by("-pk").first()
    assert event is not None
    yield _p("audit:detail", user=ADMIN, pk=event.pk)
    # catalogue (test_catalog): Produsen Data and Walidata
    yield _p("catalog:manage_index", "catalog:manage_index as produsen", user=PRODUSEN)
    yield _p("catalog:manage_index", "catalog:manage_index as walidata", user=WALIDATA)
    yield _p("catalog:manage_create", user=PRODUSEN)
    datasets = Dataset.objects.filter(organisation__slug="pemprov-ntt-diskominfo").order_by("slug")
    for dataset in datasets[:3]:
        yield _p("catalog:manage_detail", f"catalog:manage_detail {dataset.slug}", user=PRODUSEN, pk=dataset.pk)
    in_review = datasets.filter(state__in=(DatasetState.SUBMITTED, DatasetState.IN_REVIEW)).first()
    if in_review is not None:
        yield _p("catalog:manage_detail", "catalog:manage_detail as walidata", user=WALIDATA, pk=in_review.pk)
    editable = next((d for d in datasets if d.is_editable), None)
    if editable is not None:
        yield _p("catalog:manage_edit", user=PRODUSEN, pk=editable.pk)
        yield _p("catalog:manage_resource_add", user=PRODUSEN, pk=editable.pk)
        resource = editable.resources.filter(removed_at=None).first()
        if resource is not None:
            yield _p("catalog:manage_resource_edit", user=PRODUSEN, pk=editable.pk, rid=resource.pk)
            yield _p("catalog:manage_columns", user=PRODUSEN, pk=editable.pk, rid=resource.pk)
    yield _p("catalog:manage_activities", user=PRODUSEN)
    activity = ActivityMetadata.objects.filter(organisation__slug="pemprov-ntt-diskominfo").order_by("pk").first()
    if activity is not None:
        yield _p("catalog:manage_activity", user=PRODUSEN, pk=activity.pk)
    yield _p("catalog:manage_requests", user=WALIDATA)
    # datastore: the tables of the instansi
    yield _p("datastore:list", user=WALIDATA)
    table = DatastoreTable.objects.order_by("pk").first()
    if table is not None:
        yield _p("datastore:detail", user=ADMIN, pk=table.pk)
    # evaluations (test_evaluation_cycle): admin, the team of a kabupaten, the asesor
    yield _p("evaluations:cycle_list", "evaluations:cycle_list as admin", user=ADMIN)
    yield _p("evaluations:cycle_open", user=ADMIN)
    open_cycle = Cycle.objects.filter(state=CycleState.OPEN).order_by("pk").first()
    if open_cycle is not None:
        yield _p("evaluations:cycle_detail", user=ADMIN, pk=open_cycle.pk)
    yield _p("evaluations:submission_list", "evaluations:submission_list as team", user=TIM_KAB)
    yield _p("evaluations:submission_list", "evaluations:submission_list as asesor", user=ASESOR)
    own = Submission.objects.filter(organisation__slug="pemkab-kupang").order_by("-pk").first()
    if own is not None:
        yield _p("evaluations:submission_detail", user=TIM_KAB, pk=own.pk)
        yield _p("evaluations:indicator", user=TIM_KAB, pk=own.pk, number="1")
    yield _p("evaluations:evidence_library", user=TIM_KAB, slug="pemkab-kupang")
    evidence = Evidence.objects.filter(organisation__slug="pemkab-kupang").order_by("pk").first()
    if evidence is not None:
        yield _p("evaluations:evidence_detail", user=TIM_KAB, slug="pemkab-kupang", pk=evidence.pk)
    yield _p("evaluations:targets", user=TIM_KAB, slug="pemkab-kupang")
    yield from questionnaire_staff_pages(_p, ADMIN, TIM_KAB, ASESOR)
    # PPID (test_ppid_flow, test_ppid_dip): the PPID and the atasan of the province
    yield _p("ppid:staff_inbox", user=PPID)
    yield _p("ppid:staff_intake", user=PPID)
    yield _p("ppid:staff_register", user=PPID)
    yield _p("ppid:staff_objections", "ppid:staff_objections as atasan", user=ATASAN_PPID)
    yield _p("ppid:staff_bodies", user=PPID)
    yield _p("ppid:staff_tests", user=PPID)
    yield _p("ppid:staff_dip", user=PPID)
    yield _p("ppid:staff_dip_new", user=PPID)
    mine = InformationRequest.objects.filter(public_body__organisation__slug="pemprov-ntt")
    for state in ("received", "notice_issued", "closed"):
        request = mine.filter(status=state).order_by("pk").first()
        if request is not None:
            yield _p("ppid:staff_detail", f"ppid:staff_detail ({state})", user=PPID, pk=request.pk)
    open_request = mine.filter(status="received").order_by("pk").first()
    if open_request is not None:
        yield _p("ppid:staff_notice", user=PPID, pk=open_request.pk)
    objected = Objection.objects.filter(request__public_body__organisation__slug="pemprov-ntt").order_by("pk").first()
    if objected is not None:
        yield _p("ppid:staff_detail", "ppid:staff_detail as atasan", user=ATASAN_PPID, pk=objected.request_id)
    entry = DipEntry.objects.filter(body__organisation__slug="pemprov-ntt").order_by("pk").first()
    if entry is not None:
        yield _p("ppid:staff_dip_edit", user=PPID, pk=entry.pk)


def links(html: str, path: str) -> list[str]:
    """The distinct links of a page whose whole path matches the regular expression ``path``."""
    return sorted(set(re.findall(f'href="({path})"', html)))


TRACKING_LINE = re.compile(r"try tracking: (\S+) / token (\S+)")


def tracking_from(demo_output: str) -> tuple[str, str]:
    """A (number, token) pair the ``ppid_demo`` command prints for people to try the tracking page."""
    found = TRACKING_LINE.search(demo_output)
    assert found, "ppid_demo printed no request to track"
    return found.group(1), found.group(2)
