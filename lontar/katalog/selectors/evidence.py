"""Records of the Katalog TIK offered as evidence to SPBE and Pemdi indicators (issue 13 §4).

Registered in :class:`lontar.katalog.apps.KatalogConfig.ready` with the evidence-suggestion
registry that the evaluations own (:mod:`lontar.evaluations.suggestions`; ADR 0014: evaluations
never import the katalog). :data:`INDICATORS` maps an indicator (framework code, number) to the
kinds of records that support it, optionally narrowed by words of the record's name or function;
the table is documented in docs/katalog.md ("Evidence for SPBE and Pemdi indicators").

Only records of the submission's organisation are offered, and of the OPD under it when it is an
instansi; never another kabupaten's. Retired applications and archived assets are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _

from lontar.core import documents
from lontar.evaluations.choices import EvidenceKind
from lontar.evaluations.suggestions import EvidenceFile, EvidenceSuggestion, IndicatorRef
from lontar.katalog.asset_types import attributes_of, public_attributes
from lontar.katalog.models import (
    Application,
    AssetKind,
    AssetStatus,
    InfrastructureAsset,
    OwnershipClass,
    SecurityAudit,
    Service,
    ServiceKind,
    Stage,
)


class Topic(StrEnum):
    """The kinds of records an indicator can be supported by."""

    ARCHITECTURE = "arsitektur"  # the whole registry: the SIA-SPBE export of the instansi
    APPLICATIONS = "aplikasi"  # applications not retired
    COMMON_APPLICATIONS = "aplikasi_umum"  # national common applications (aplikasi umum)
    DATA_CENTRE = "pusat_data"  # computing facilities (data centres) and cloud
    INTRANET = "jaringan_intra"
    SPLP = "splp"  # SPLP assets and the applications integrated through one
    INFRASTRUCTURE = "infrastruktur"  # data centre, cloud, servers, intranet, SPLP
    ASSETS = "aset"  # every asset not archived (manajemen aset TIK)
    SECURITY_AUDITS = "audit_keamanan"  # security audits of applications and assets
    ADMIN_SERVICES = "layanan_administrasi"
    PUBLIC_SERVICES = "layanan_publik"


@dataclass(frozen=True)
class Support:
    """What supports an indicator: kinds of records, narrowed by words when ``words`` is given
    (an application or service qualifies when its name, acronym, function or description
    contains one of them)."""

    topics: tuple[Topic, ...]
    words: tuple[str, ...] = ()


T = Topic
_ADMIN = (T.ADMIN_SERVICES, T.APPLICATIONS)
_PUBLIC = (T.PUBLIC_SERVICES, T.APPLICATIONS)

#: (framework code, indicator number) → what supports it. Codes and numbers are those of
#: lontar/assessments/frameworks/*.json; docs/katalog.md shows this table with the indicator names.
INDICATORS: dict[tuple[str, str], Support] = {
    # Indeks SPBE, PermenPANRB 59/2020
    ("spbe-2020", "11"): Support((T.ARCHITECTURE,)),  # Arsitektur SPBE
    ("spbe-2020", "15"): Support((T.APPLICATIONS, T.COMMON_APPLICATIONS)),  # Pembangunan Aplikasi SPBE
    ("spbe-2020", "16"): Support((T.DATA_CENTRE,)),  # Layanan Pusat Data
    ("spbe-2020", "17"): Support((T.INTRANET,)),  # Layanan Jaringan Intra
    ("spbe-2020", "18"): Support((T.SPLP,)),  # Sistem Penghubung Layanan
    ("spbe-2020", "24"): Support((T.ASSETS,)),  # Manajemen Aset TIK
    ("spbe-2020", "31"): Support((T.SECURITY_AUDITS,)),  # Audit Keamanan SPBE
    ("spbe-2020", "32"): Support(_ADMIN, ("perencanaan", "SIPD")),
    ("spbe-2020", "33"): Support(_ADMIN, ("anggaran", "SIPD")),
    ("spbe-2020", "34"): Support(_ADMIN, ("keuangan", "SIPD", "Siskeudes")),
    ("spbe-2020", "35"): Support(_ADMIN, ("pengadaan", "SPSE", "LPSE", "SiRUP")),
    ("spbe-2020", "36"): Support(_ADMIN, ("kepegawaian", "SIMPEG", "SI-ASN", "BKPSDM")),
    ("spbe-2020", "37"): Support(_ADMIN, ("arsip", "naskah dinas", "SRIKANDI", "E-Office")),
    ("spbe-2020", "38"): Support(_ADMIN, ("barang milik", "BMD", "SIMDA BMD")),
    ("spbe-2020", "39"): Support(_ADMIN, ("pengawasan", "inspektorat")),
    ("spbe-2020", "40"): Support(_ADMIN, ("akuntabilitas", "SAKIP")),
    ("spbe-2020", "41"): Support(_ADMIN, ("kinerja pegawai", "e-Kinerja", "SKP")),
    ("spbe-2020", "42"): Support(_PUBLIC, ("pengaduan", "LAPOR")),
    ("spbe-2020", "43"): Support(_PUBLIC, ("data terbuka", "satu data", "open data")),
    ("spbe-2020", "44"): Support(_PUBLIC, ("JDIH", "hukum")),
    ("spbe-2020", "45"): Support((T.PUBLIC_SERVICES,)),  # Layanan Publik Sektor 1
    ("spbe-2020", "46"): Support((T.PUBLIC_SERVICES,)),
    ("spbe-2020", "47"): Support((T.PUBLIC_SERVICES,)),
    # Indeks Pemdi 2026
    ("pemdi-2026", "1"): Support((T.ARCHITECTURE,)),  # Tata Kelola Pemdi
    ("pemdi-2026", "9"): Support((T.SECURITY_AUDITS,)),  # Audit Keamanan Pemdi dan Teknologi Pemdi
    ("pemdi-2026", "13"): Support((T.APPLICATIONS, T.COMMON_APPLICATIONS)),  # Aplikasi Pemdi
    ("pemdi-2026", "14"): Support((T.INFRASTRUCTURE,)),  # Infrastruktur Pemdi
    ("pemdi-2026", "15"): Support((T.ADMIN_SERVICES, T.PUBLIC_SERVICES)),  # Keterpaduan Proses Bisnis
    ("pemdi-2026", "16"): Support((T.SPLP,)),  # Integrasi Aplikasi
    ("pemdi-2026", "17"): Support((T.PUBLIC_SERVICES,)),  # Portal Layanan Digital Pemerintah
    # Indeks SPBE, PermenPANRB 5/2018
    ("spbe-2018", "20"): Support((T.ARCHITECTURE,)),  # Rencana Induk SPBE
    ("spbe-2018", "22"): Support((T.DATA_CENTRE,)),  # Pengoperasian Pusat Data
    ("spbe-2018", "23"): Support((T.SPLP,)),  # Integrasi Sistem Aplikasi
    ("spbe-2018", "24"): Support((T.COMMON_APPLICATIONS,)),  # Penggunaan Aplikasi Umum Berbagi Pakai
    ("spbe-2018", "25"): Support(_ADMIN, ("arsip", "naskah dinas", "SRIKANDI", "E-Office")),
    ("spbe-2018", "26"): Support(_ADMIN, ("kepegawaian", "SIMPEG", "SI-ASN", "BKPSDM")),
    ("spbe-2018", "27"): Support(_ADMIN, ("perencanaan", "SIPD")),
    ("spbe-2018", "28"): Support(_ADMIN, ("anggaran", "SIPD")),
    ("spbe-2018", "29"): Support(_ADMIN, ("keuangan", "SIPD", "Siskeudes")),
    ("spbe-2018", "30"): Support(_ADMIN, ("kinerja", "SAKIP", "e-Kinerja")),
    ("spbe-2018", "31"): Support(_ADMIN, ("pengadaan", "SPSE", "LPSE", "SiRUP")),
    ("spbe-2018", "32"): Support(_PUBLIC, ("pengaduan", "LAPOR")),
    ("spbe-2018", "33"): Support(_PUBLIC, ("JDIH", "hukum")),
    ("spbe-2018", "34"): Support(_PUBLIC, ("whistle", "WBS")),
    ("spbe-2018", "35"): Support((T.PUBLIC_SERVICES,)),
}

_DATA_CENTRE_KINDS = (AssetKind.FASILITAS_KOMPUTASI, AssetKind.KOMPUTASI_AWAN)
_INFRASTRUCTURE_KINDS = (*_DATA_CENTRE_KINDS, AssetKind.SERVER, AssetKind.JARINGAN_INTRA, AssetKind.SPLP)


def _owned(qs: QuerySet[Any], organisation: Any, field: str = "organisation") -> QuerySet[Any]:
    """Records of ``organisation`` and of the OPD under it."""
    return qs.filter(Q(**{f"{field}_id": organisation.pk}) | Q(**{f"{field}__parent_id": organisation.pk}))


def _worded(qs: QuerySet[Any], words: tuple[str, ...], *fields: str) -> QuerySet[Any]:
    if not words:
        return qs
    cond = Q()
    for word in words:
        for f in fields:
            cond |= Q(**{f"{f}__icontains": word})
    return qs.filter(cond)


def _matched_word(words: tuple[str, ...], *texts: str) -> str:
    folded = " ".join(texts).casefold()
    return next((w for w in words if w.casefold() in folded), "")


def _applications(organisation: Any) -> QuerySet[Application]:
    return (
        _owned(Application.objects.select_related("organisation"), organisation)
        .exclude(stage=Stage.DIHENTIKAN)
        .order_by("name", "id")
    )


def _assets(organisation: Any) -> QuerySet[InfrastructureAsset]:
    return (
        _owned(InfrastructureAsset.objects.select_related("organisation"), organisation)
        .exclude(status=AssetStatus.ARCHIVED)
        .order_by("kind", "name", "id")
    )


# -- snapshots: a one-page PDF of the record as it stands when first attached ---------------------

Rows = list[tuple[Any, Any]]


def _label(model: type[Model], name: str) -> Any:
    return model._meta.get_field(name).verbose_name  # type: ignore[union-attr]


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def _sheet(
    record: Any, title: Callable[[], str], rows: Callable[[], Rows], view: str, *args: Any
) -> Callable[[], EvidenceFile]:
    """A callable making the PDF sheet of ``record`` (through lontar.core.documents; the QR code
    and the footer point at the record's page)."""

    def make() -> EvidenceFile:
        with translation.override("id"):
            context = {
                "sheet_title": title(),
                "rows": [(capfirst(str(label)), "" if value is None else str(value)) for label, value in rows()],
                "organisation_name": record.organisation.name,
                "is_sample": record.is_sample,
                "made_at": timezone.localtime(),
            }
        pdf = documents.render_pdf(
            "katalog/evidence_sheet_pdf.html",
            context,
            number=record.code,
            verify_url=documents.absolute_url(view, *args),
        )
        return EvidenceFile(name=f"katalog-tik-{slugify(record.code)}.pdf", content=pdf.content)

    return make


def _app_rows(app: Application) -> Rows:
    rows: Rows = [
        (_label(Application, f), getattr(app, f))
        for f in ("code", "name", "acronym", "description", "function", "output")
    ]
    rows += [
        (_label(Application, "ownership_class"), app.get_ownership_class_display()),
        (_label(Application, "stage"), app.get_stage_display()),
        (_label(Application, "organisation"), app.organisation.name),
        (_label(Application, "url"), app.url),
        (_label(Application, "hosting"), app.hosting.name if app.hosting else ""),
        (_label(Application, "developer_unit"), app.developer_unit),
        (_label(Application, "operator_unit"), app.operator_unit),
        (_label(Application, "sso"), _yes_no(app.sso)),
        (_label(Application, "tte"), _yes_no(app.tte)),
        (_label(Application, "system_category"), app.get_system_category_display()),
    ]
    audit = app.security_audits.order_by("-audited_on", "-id").first()
    if audit is not None:
        rows.append(
            (
                _("Last security audit"),
                f"{audit.audited_on.isoformat()} · {audit.auditor} · {audit.get_conclusion_display()}",
            )
        )
    return rows


def _asset_rows(asset: InfrastructureAsset) -> Rows:
    rows: Rows = [
        (_label(InfrastructureAsset, "code"), asset.code),
        (_label(InfrastructureAsset, "name"), asset.name),
        (_label(InfrastructureAsset, "kind"), asset.get_kind_display()),
        (_label(InfrastructureAsset, "description"), asset.description),
        (_label(InfrastructureAsset, "organisation"), asset.organisation.name),
        (_label(InfrastructureAsset, "ownership"), asset.get_ownership_display()),
        (_label(InfrastructureAsset, "status"), asset.get_status_display()),
        (_label(InfrastructureAsset, "rai_code"), asset.rai_code),
    ]
    values = public_attributes(asset.kind, asset.attributes or {})  # costs stay out
    for attr in attributes_of(asset.kind):
        if values.get(attr.name) not in (None, ""):
            value = dict(attr.choices).get(values[attr.name], values[attr.name]) if attr.choices else values[attr.name]
            rows.append((attr.label, value))
    audit = asset.security_audits.order_by("-audited_on", "-id").first()
    if audit is not None:
        rows.append(
            (
                _("Last security audit"),
                f"{audit.audited_on.isoformat()} · {audit.auditor} · {audit.get_conclusion_display()}",
            )
        )
    return rows


def _service_rows(service: Service) -> Rows:
    return [
        (_label(Service, "code"), service.code),
        (_label(Service, "name"), service.name),
        (_label(Service, "kind"), service.get_kind_display()),
        (_label(Service, "ral_code"), service.ral_code),
        (_label(Service, "description"), service.description),
        (_label(Service, "channel_url"), service.channel_url),
        (_label(Service, "organisation"), service.organisation.name),
        (_label(Service, "applications"), ", ".join(a.name for a in service.applications.order_by("name"))),
    ]


def _audit_rows(audit: SecurityAudit, record: Any) -> Rows:
    return [
        (_("Audited record"), f"{record.name} ({record.code})"),
        (_label(SecurityAudit, "audited_on"), audit.audited_on.isoformat()),
        (_label(SecurityAudit, "auditor"), audit.auditor),
        (_label(SecurityAudit, "conclusion"), audit.get_conclusion_display()),
        (_label(SecurityAudit, "follow_up"), audit.follow_up),
    ]


def _app_suggestion(app: Application, reason: str) -> EvidenceSuggestion:
    facts = [app.get_ownership_class_display(), app.get_stage_display(), app.organisation.name]
    if app.url:
        facts.append(app.url)
    name = f"{app.name} ({app.acronym})" if app.acronym and app.acronym != app.name else app.name
    return EvidenceSuggestion(
        key=f"katalog:aplikasi:{app.pk}",
        title=_("Application in the Katalog TIK: %(name)s") % {"name": name},
        kind=EvidenceKind.APPLICATION,
        url=reverse("katalog:application", args=[app.code]),
        description=" · ".join(str(f) for f in facts),
        reason=reason,
        issuer=app.organisation.name,
        is_sample=app.is_sample,
        snapshot=_sheet(
            app,
            lambda: _("Application: %(name)s") % {"name": name},
            lambda: _app_rows(app),
            "katalog:application",
            app.code,
        ),
    )


def _asset_suggestion(asset: InfrastructureAsset, reason: str) -> EvidenceSuggestion:
    return EvidenceSuggestion(
        key=f"katalog:aset:{asset.pk}",
        title=_("Infrastructure in the Katalog TIK: %(name)s (%(kind)s)")
        % {"name": asset.name, "kind": asset.get_kind_display()},
        kind=EvidenceKind.OTHER,
        url=reverse("katalog:manage_asset", args=[asset.pk]),
        description=" · ".join(
            str(f) for f in (asset.get_ownership_display(), asset.get_status_display(), asset.organisation.name)
        ),
        reason=reason,
        issuer=asset.organisation.name,
        is_sample=asset.is_sample,
        snapshot=_sheet(
            asset,
            lambda: _("Infrastructure: %(name)s") % {"name": asset.name},
            lambda: _asset_rows(asset),
            "katalog:manage_asset",
            asset.pk,
        ),
    )


def _service_suggestion(service: Service, reason: str) -> EvidenceSuggestion:
    facts = [service.get_kind_display(), service.organisation.name]
    if service.channel_url:
        facts.append(service.channel_url)
    return EvidenceSuggestion(
        key=f"katalog:layanan:{service.pk}",
        title=_("Service in the Katalog TIK: %(name)s") % {"name": service.name},
        kind=EvidenceKind.APPLICATION,
        url=reverse("katalog:service", args=[service.code]),
        description=" · ".join(str(f) for f in facts),
        reason=reason,
        issuer=service.organisation.name,
        is_sample=service.is_sample,
        snapshot=_sheet(
            service,
            lambda: _("Service: %(name)s") % {"name": service.name},
            lambda: _service_rows(service),
            "katalog:service",
            service.code,
        ),
    )


def _audit_suggestion(audit: SecurityAudit) -> EvidenceSuggestion:
    record = audit.application or audit.asset
    assert record is not None  # one of the two, by constraint
    if audit.application is not None:
        url = reverse("katalog:manage_application", args=[audit.application.pk])
    else:
        url = reverse("katalog:manage_asset", args=[record.pk])
    return EvidenceSuggestion(
        key=f"katalog:audit:{audit.pk}",
        title=_("Security audit of %(name)s, %(date)s: %(conclusion)s")
        % {"name": record.name, "date": audit.audited_on.isoformat(), "conclusion": audit.get_conclusion_display()},
        kind=EvidenceKind.REPORT,
        url=url,
        description=_("Auditor: %(auditor)s") % {"auditor": audit.auditor},
        reason=_("A security audit recorded in the Katalog TIK (Perban BSSN 8/2024)."),
        issuer=audit.auditor,
        issued_on=audit.audited_on,
        is_sample=record.is_sample,
        snapshot=_sheet(
            record,
            lambda: _("Security audit of %(name)s") % {"name": record.name},
            lambda: _audit_rows(audit, record),
            "katalog:manage_application" if audit.application is not None else "katalog:manage_asset",
            record.pk,
        ),
    )


def _registry_workbook(organisation: Any) -> Callable[[], EvidenceFile]:
    """The organisation's registry in the SIA-SPBE layout (the staff export's workbook)."""

    def make() -> EvidenceFile:
        from lontar.katalog.sia import export

        models: dict[str, Any] = {"aplikasi": Application, "aset": InfrastructureAsset, "layanan": Service}
        sheets = {kind: export.rows_for(kind, model.objects.all(), organisation) for kind, model in models.items()}
        return EvidenceFile(name=f"sia-spbe-{organisation.slug}.xlsx", content=export.export_xlsx(sheets))

    return make


def _architecture(organisation: Any) -> Iterator[EvidenceSuggestion]:
    apps = _applications(organisation).count()
    assets = _assets(organisation).count()
    services = _owned(Service.objects.all(), organisation).count()
    if not (apps or assets or services):
        return
    if organisation.kind == "instansi":
        url = reverse("katalog:manage_export", args=[organisation.slug, "xlsx"])
    else:
        url = reverse("katalog:manage_index")
    yield EvidenceSuggestion(
        key=f"katalog:arsitektur:{organisation.pk}",
        title=_("SPBE architecture of %(name)s in the Katalog TIK (SIA-SPBE export)") % {"name": organisation.name},
        kind=EvidenceKind.REPORT,
        url=url,
        description=_("%(apps)s applications, %(assets)s infrastructure assets, %(services)s services")
        % {"apps": apps, "assets": assets, "services": services},
        reason=_("The registry of applications, infrastructure and services in the SIA-SPBE layout."),
        issuer=organisation.name,
        snapshot=_registry_workbook(organisation),
    )


def _applications_of(organisation: Any, topic: Topic, words: tuple[str, ...]) -> Iterator[EvidenceSuggestion]:
    qs = _applications(organisation)
    if topic is Topic.COMMON_APPLICATIONS:
        qs = qs.filter(ownership_class=OwnershipClass.UMUM_NASIONAL)
    for app in _worded(qs, words, "name", "acronym", "function", "description"):
        if words:
            word = _matched_word(words, app.name, app.acronym, app.function, app.description)
            reason = _("An application of this instansi whose name or function mentions “%(word)s”.") % {"word": word}
        elif topic is Topic.COMMON_APPLICATIONS:
            reason = _("A national common application (aplikasi umum) used by this instansi.")
        else:
            reason = _("An application in this instansi's SPBE architecture.")
        yield _app_suggestion(app, reason)


_ASSET_KINDS: dict[Topic, tuple[str, ...] | None] = {
    Topic.DATA_CENTRE: _DATA_CENTRE_KINDS,
    Topic.INTRANET: (AssetKind.JARINGAN_INTRA,),
    Topic.INFRASTRUCTURE: _INFRASTRUCTURE_KINDS,
    Topic.ASSETS: None,  # every kind
}


def _assets_of(organisation: Any, topic: Topic, words: tuple[str, ...]) -> Iterator[EvidenceSuggestion]:
    assets = _assets(organisation)
    kinds = _ASSET_KINDS[topic]
    if kinds is not None:
        assets = assets.filter(kind__in=kinds)
    for asset in assets:
        yield _asset_suggestion(
            asset, _("Recorded in the Katalog TIK as: %(kind)s.") % {"kind": asset.get_kind_display()}
        )


def _splp_of(organisation: Any, topic: Topic, words: tuple[str, ...]) -> Iterator[EvidenceSuggestion]:
    for asset in _assets(organisation).filter(kind=AssetKind.SPLP):
        yield _asset_suggestion(asset, _("An SPLP (service integration system) of this instansi."))
    integrated = _applications(organisation).filter(Q(splp__isnull=False) | Q(integrations__isnull=False))
    for app in integrated.distinct():
        yield _app_suggestion(app, _("An application integrated with others (through an SPLP or directly)."))


def _audits_of(organisation: Any, topic: Topic, words: tuple[str, ...]) -> Iterator[EvidenceSuggestion]:
    audits = SecurityAudit.objects.select_related("application", "asset").filter(
        Q(application__in=_owned(Application.objects.all(), organisation))
        | Q(asset__in=_owned(InfrastructureAsset.objects.all(), organisation))
    )
    for audit in audits.order_by("-audited_on", "-id"):
        yield _audit_suggestion(audit)


def _services_of(organisation: Any, topic: Topic, words: tuple[str, ...]) -> Iterator[EvidenceSuggestion]:
    kind = ServiceKind.ADMINISTRASI if topic is Topic.ADMIN_SERVICES else ServiceKind.PUBLIK
    services = _owned(Service.objects.select_related("organisation"), organisation).filter(kind=kind)
    for service in _worded(services, words, "name", "description").order_by("name", "id"):
        if words:
            word = _matched_word(words, service.name, service.description)
            reason = _("A service of this instansi whose name or description mentions “%(word)s”.") % {"word": word}
        elif kind == ServiceKind.PUBLIK:
            reason = _("A public service of this instansi delivered electronically.")
        else:
            reason = _("A government administration service of this instansi delivered electronically.")
        yield _service_suggestion(service, reason)


def _architecture_of(organisation: Any, topic: Topic, words: tuple[str, ...]) -> Iterator[EvidenceSuggestion]:
    return _architecture(organisation)


_FINDERS: dict[Topic, Callable[[Any, Topic, tuple[str, ...]], Iterator[EvidenceSuggestion]]] = {
    Topic.ARCHITECTURE: _architecture_of,
    Topic.APPLICATIONS: _applications_of,
    Topic.COMMON_APPLICATIONS: _applications_of,
    Topic.DATA_CENTRE: _assets_of,
    Topic.INTRANET: _assets_of,
    Topic.INFRASTRUCTURE: _assets_of,
    Topic.ASSETS: _assets_of,
    Topic.SPLP: _splp_of,
    Topic.SECURITY_AUDITS: _audits_of,
    Topic.ADMIN_SERVICES: _services_of,
    Topic.PUBLIC_SERVICES: _services_of,
}


def evidence_suggestions(organisation: Any, indicator: IndicatorRef) -> list[EvidenceSuggestion]:
    """The provider registered with the evaluations: records supporting ``indicator``, no duplicates."""
    support = INDICATORS.get((indicator.framework_code, indicator.number))
    if support is None or organisation is None:
        return []
    found: dict[str, EvidenceSuggestion] = {}
    for topic in support.topics:
        for item in _FINDERS[topic](organisation, topic, support.words):
            found.setdefault(item.key, item)
    return list(found.values())
