"""Indeks KAMI controls backed by records of the Katalog TIK (issue 14 §2).

Registered in :class:`lontar.katalog.apps.KatalogConfig.ready` with the answer-source registry the
evaluations own (:mod:`lontar.evaluations.answer_sources`). KAMI's answers are graded (from "Tidak
Dilakukan" to "Diterapkan Secara Menyeluruh"), which a record cannot decide, so these sources
suggest **evidence only** (``met`` is None): the figure and links to the records. The keys are
``lontar_source`` values of ``lontar/assessments/frameworks/kami-5.json``.

A KAMI subject is an electronic system (``Subject.ref`` = the Katalog TIK application code, empty
for a system named by hand) owned by ``Subject.organisation``. Only records of that organisation
(never of the units under it or of another organisation) and of that application are used; a
source with nothing to show answers None. The Katalog TIK holds no incident-handling records, so
no source offers them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.core.dates import format_date
from lontar.evaluations.answer_sources import EvidenceLink, Finding, register_answer_source
from lontar.evaluations.choices import SubjectKind
from lontar.katalog.models import Application, AssetStatus, InfrastructureAsset, RiskRating, SecurityAudit, Stage

LABEL = gettext_lazy("Katalog TIK")
#: at most this many audits linked as evidence
MAX_AUDITS = 5


def _application(subject: Any) -> Application | None:
    """The subject's application, when it is one of the subject organisation's."""
    if not subject.ref:
        return None
    return (
        Application.objects.select_related("organisation", "hosting")
        .filter(code=subject.ref, organisation_id=subject.organisation.pk)
        .first()
    )


def _app_link(app: Application) -> EvidenceLink:
    return EvidenceLink(
        _("Application in the Katalog TIK: %(name)s") % {"name": app.name},
        reverse("katalog:application", args=[app.code]),
        app.is_sample,
    )


def asset_inventory(subject: Any, year: int, as_of: dt.date) -> Finding | None:
    organisation = subject.organisation
    assets = InfrastructureAsset.objects.filter(organisation_id=organisation.pk).exclude(status=AssetStatus.ARCHIVED)
    apps = Application.objects.filter(organisation_id=organisation.pk).exclude(stage=Stage.DIHENTIKAN)
    n_assets, n_apps = assets.count(), apps.count()
    if not (n_assets or n_apps):
        return None
    sample = assets.filter(is_sample=True).exists() or apps.filter(is_sample=True).exists()
    text = _("The Katalog TIK records %(assets)d infrastructure assets and %(apps)d applications of %(name)s.") % {
        "assets": n_assets,
        "apps": n_apps,
        "name": organisation.name,
    }
    links = (
        EvidenceLink(
            _("Asset inventory of %(name)s (SIA-SPBE export)") % {"name": organisation.name},
            reverse("katalog:manage_export", args=[organisation.slug, "xlsx"]),
            sample,
        ),
        EvidenceLink(_("Infrastructure assets in the Katalog TIK"), reverse("katalog:manage_assets"), sample),
    )
    return Finding(None, text, links, as_of)


def system_category(subject: Any, year: int, as_of: dt.date) -> Finding | None:
    app = _application(subject)
    if app is None or not app.system_category:
        return None
    text = _("The Katalog TIK records %(name)s in the electronic system category “%(category)s”.") % {
        "name": app.name,
        "category": app.get_system_category_display(),
    }
    return Finding(None, text, (_app_link(app),), as_of)


def security_audits(subject: Any, year: int, as_of: dt.date) -> Finding | None:
    app = _application(subject)
    if app is None:
        return None
    where = Q(application=app)
    hosting = app.hosting
    if hosting is not None and hosting.organisation_id == subject.organisation.pk:
        where |= Q(asset_id=app.hosting_id)
    audits = list(
        SecurityAudit.objects.filter(where, audited_on__lte=as_of)
        .select_related("application", "asset")
        .order_by("-audited_on", "-id")
    )
    if not audits:
        return None
    latest = audits[0]
    text = _(
        "%(count)d security audits recorded in the Katalog TIK; the latest on %(date)s by %(auditor)s: %(conclusion)s."
    ) % {
        "count": len(audits),
        "date": format_date(latest.audited_on),
        "auditor": latest.auditor,
        "conclusion": latest.get_conclusion_display(),
    }
    links = []
    for audit in audits[:MAX_AUDITS]:
        record = audit.application or audit.asset
        assert record is not None  # one of the two, by constraint
        url = (
            reverse("katalog:manage_application", args=[record.pk])
            if audit.application_id
            else reverse("katalog:manage_asset", args=[record.pk])
        )
        title = _("Security audit of %(name)s, %(date)s: %(conclusion)s") % {
            "name": record.name,
            "date": format_date(audit.audited_on),
            "conclusion": audit.get_conclusion_display(),
        }
        links.append(EvidenceLink(title, url, record.is_sample))
    return Finding(None, text, tuple(links), as_of)


def risk_ratings(subject: Any, year: int, as_of: dt.date) -> Finding | None:
    app = _application(subject)
    if app is None:
        return None
    latest = RiskRating.objects.filter(application=app, rated_on__lte=as_of).order_by("-rated_on", "-id").first()
    if latest is None:
        return None
    text = _("Latest risk rating of %(name)s in the Katalog TIK: %(rating)d of 5 (1 = high risk), on %(date)s.") % {
        "name": app.name,
        "rating": latest.rating,
        "date": format_date(latest.rated_on),
    }
    link = EvidenceLink(
        _("Risk ratings of %(name)s") % {"name": app.name},
        reverse("katalog:manage_application", args=[app.pk]),
        app.is_sample,
    )
    return Finding(None, text, (link,), as_of)


Source = Callable[[Any, int, dt.date], Finding | None]

#: lontar_source key → source (keys of kami-5.json)
SOURCES: dict[str, Source] = {
    "katalog.asset_inventory": asset_inventory,
    "katalog.system_category": system_category,
    "katalog.security_audits": security_audits,
    "katalog.risk_ratings": risk_ratings,
}


def _provider(source: Source) -> Callable[[Any, int, dt.date], Finding | None]:
    def provide(subject: Any, year: int, as_of: dt.date) -> Finding | None:
        if getattr(subject, "kind", None) != SubjectKind.SYSTEM or subject.organisation is None:
            return None
        return source(subject, year, as_of)

    return provide


def register_sources() -> None:
    for key, source in SOURCES.items():
        register_answer_source(key, LABEL, _provider(source))
