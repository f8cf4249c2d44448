"""Monev KIP answers suggested from the PPID register (issue 14 §2).

Registered in :class:`lontar.ppid.apps.PpidConfig.ready` with the answer-source registry the
evaluations own (:mod:`lontar.evaluations.answer_sources`). Each key below is a ``lontar_source``
of ``lontar/assessments/frameworks/monev-kip.json``; docs/kami-monev.md lists what each one
counts. A provider answers for a Monev subject (a badan publik, ``Subject.ref`` = its id) only
when the body belongs to the subject's organisation, and only with that body's own records
(:mod:`lontar.ppid.selectors.monev`). The legal numbers are those of
:mod:`lontar.ppid.rules.deadlines` (UU 14/2008, Perki 1/2021).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.core.dates import format_date
from lontar.evaluations.answer_sources import EvidenceLink, Finding, register_answer_source
from lontar.evaluations.choices import SubjectKind
from lontar.ppid.models import PublicBody
from lontar.ppid.rules.deadlines import NOTICE_DAYS, OBJECTION_ANSWER_DAYS
from lontar.ppid.rules.monev import days_text
from lontar.ppid.selectors import monev

LABEL = gettext_lazy("PPID register")
#: at most this many datasets linked as evidence
MAX_DATASETS = 5


def _body_page(body: PublicBody) -> EvidenceLink:
    return EvidenceLink(
        _("PPID page of %(name)s") % {"name": body.name}, reverse("ppid:body", args=[body.slug]), body.is_sample
    )


def _report_link(body: PublicBody, year: int) -> EvidenceLink:
    query = urlencode({"tahun": year, "badan": body.slug})
    return EvidenceLink(
        _("Annual report of the PPID service %(year)s: %(name)s") % {"year": year, "name": body.name},
        f"{reverse('ppid:report')}?{query}",
        body.is_sample,
    )


def _register_link(body: PublicBody, year: int) -> EvidenceLink:
    return EvidenceLink(
        _("Public register of requests (%(year)s)") % {"year": year}, reverse("ppid:register"), body.is_sample
    )


def dip_current(body: PublicBody, year: int, as_of: dt.date) -> Finding:
    figures = monev.dip_figures(body, year)
    link = EvidenceLink(
        _("Daftar Informasi Publik of %(name)s") % {"name": body.name},
        reverse("ppid:body_dip", args=[body.slug]),
        body.is_sample,
    )
    if not figures.entries:
        return Finding(False, _("The DIP of this body lists no information in Lontar."), (link,), as_of)
    text = _("The DIP lists %(entries)d items, %(of_year)d of them for %(year)d; last changed %(date)s.") % {
        "entries": figures.entries,
        "of_year": figures.of_year,
        "year": year,
        "date": format_date(figures.last_changed),
    }
    return Finding(figures.of_year > 0, text, (link,), as_of)


def annual_report_published(body: PublicBody, year: int, as_of: dt.date) -> Finding:
    last = year - 1
    handled = monev.requests_handled(body, last)
    link = _report_link(body, last)
    if not handled:
        text = _("Lontar holds no request of %(year)d for this body: its annual report for %(year)d is empty.") % {
            "year": last
        }
        return Finding(None, text, (link,), as_of)
    text = _("The annual report %(year)d is published on Lontar's PPID pages (%(count)d requests).") % {
        "year": last,
        "count": handled,
    }
    return Finding(True, text, (link,), as_of)


def median_working_days(body: PublicBody, year: int, as_of: dt.date) -> Finding:
    figures = monev.request_figures(body, year, as_of)
    links = (_register_link(body, year), _report_link(body, year))
    if figures.median_days is None:
        text = _("No request received in %(year)d has had its written notice by %(date)s.") % {
            "year": year,
            "date": format_date(as_of),
        }
        return Finding(None, text, links, as_of)
    text = _(
        "Median %(days)s working days from receipt to the written notice, over %(answered)d requests answered "
        "(received in %(year)d, up to %(date)s); the legal limit is %(limit)d working days."
    ) % {
        "days": days_text(figures.median_days),
        "answered": figures.answered,
        "year": year,
        "date": format_date(as_of),
        "limit": NOTICE_DAYS,
    }
    return Finding(figures.median_days <= NOTICE_DAYS, text, links, as_of)


def share_within_deadline(body: PublicBody, year: int, as_of: dt.date) -> Finding:
    share = monev.request_figures(body, year, as_of).on_time
    links = (_register_link(body, year), _report_link(body, year))
    if not share.counted:
        text = _("No request of %(year)d has reached its deadline by %(date)s.") % {
            "year": year,
            "date": format_date(as_of),
        }
        return Finding(None, text, links, as_of)
    text = _(
        "%(within)d of %(counted)d requests (%(percent)s %%) were answered within the legal deadline "
        "(%(year)d, up to %(date)s; requests still waiting past their deadline count as late)."
    ) % {
        "within": share.within,
        "counted": share.counted,
        "percent": share.percent(),
        "year": year,
        "date": format_date(as_of),
    }
    return Finding(share.all_within, text, links, as_of)


def keberatan_within_30(body: PublicBody, year: int, as_of: dt.date) -> Finding:
    share = monev.objection_figures(body, year, as_of)
    link = EvidenceLink(
        _("Public register of keberatan (%(year)s)") % {"year": year},
        reverse("ppid:objection_register"),
        body.is_sample,
    )
    if not share.counted:
        text = _("No keberatan filed in %(year)d has reached its deadline by %(date)s.") % {
            "year": year,
            "date": format_date(as_of),
        }
        return Finding(None, text, (link,), as_of)
    text = _(
        "%(within)d of %(counted)d keberatan (%(percent)s %%) were answered by the atasan PPID within "
        "%(limit)d working days (%(year)d, up to %(date)s)."
    ) % {
        "within": share.within,
        "counted": share.counted,
        "percent": share.percent(),
        "limit": OBJECTION_ANSWER_DAYS,
        "year": year,
        "date": format_date(as_of),
    }
    return Finding(share.all_within, text, (link,), as_of)


def maklumat_published(body: PublicBody, year: int, as_of: dt.date) -> Finding:
    if body.maklumat_pelayanan.strip():
        return Finding(True, _("The service charter is published on the body's PPID page."), (_body_page(body),), as_of)
    return Finding(False, _("The body has not entered its service charter in Lontar."), (_body_page(body),), as_of)


def datasets_published(body: PublicBody, year: int, as_of: dt.date) -> Finding:
    found = monev.datasets_published(body, as_of)
    links = tuple(
        EvidenceLink(
            _("Satu Data dataset: %(title)s") % {"title": title}, reverse("catalog:detail", args=[name]), sample
        )
        for name, title, sample in found[:MAX_DATASETS]
    )
    if not found:
        text = _("%(name)s has no public dataset in the Satu Data catalogue by %(date)s.") % {
            "name": body.name,
            "date": format_date(as_of),
        }
        return Finding(False, text, (), as_of)
    text = _("%(count)d public datasets of %(name)s in the Satu Data catalogue by %(date)s.") % {
        "count": len(found),
        "name": body.name,
        "date": format_date(as_of),
    }
    return Finding(True, text, links, as_of)


def exempt_list_published(body: PublicBody, year: int, as_of: dt.date) -> Finding:
    count = monev.consequence_tests_count(body, as_of)
    link = EvidenceLink(
        _("List of exempt information (consequence tests)"),
        f"{reverse('ppid:dik')}?{urlencode({'badan': body.pk})}",
        body.is_sample,
    )
    if not count:
        return Finding(False, _("The body has recorded no consequence test in Lontar."), (link,), as_of)
    text = _("%(count)d consequence tests are published in the list of exempt information.") % {"count": count}
    return Finding(True, text, (link,), as_of)


def registers_kept(body: PublicBody, year: int, as_of: dt.date) -> Finding:
    requests = monev.request_figures(body, year, as_of).received
    objections = monev.objections_handled(body, year, as_of)
    text = _("The register holds %(requests)d requests and %(objections)d keberatan of %(year)d.") % {
        "requests": requests,
        "objections": objections,
        "year": year,
    }
    return Finding(True if requests else None, text, (_register_link(body, year),), as_of)


def online_channel(body: PublicBody, year: int, as_of: dt.date) -> Finding:
    link = EvidenceLink(_("Online request form"), reverse("ppid:request_new"), body.is_sample)
    if body.accepts_requests:
        return Finding(True, _("The body is listed on Lontar's online request form."), (link,), as_of)
    return Finding(
        False, _("The body is not listed on the online request form (its PPID Utama receives them)."), (link,), as_of
    )


def online_tracking(body: PublicBody, year: int, as_of: dt.date) -> Finding:
    link = EvidenceLink(_("Track a request"), reverse("ppid:track"), body.is_sample)
    handled = monev.request_figures(body, year, as_of).received
    text = _("Every request registered in Lontar can be tracked online with its number (%(count)d in %(year)d).") % {
        "count": handled,
        "year": year,
    }
    return Finding(True, text, (link,), as_of)


def statistics_published(body: PublicBody, year: int, as_of: dt.date) -> Finding:
    link = EvidenceLink(_("Statistics of the PPID service"), reverse("ppid:statistics"), body.is_sample)
    return Finding(True, _("Lontar publishes the body's request statistics and keeps them up to date."), (link,), as_of)


Figure = Callable[[PublicBody, int, dt.date], Finding]

#: lontar_source key → figure (keys of monev-kip.json)
SOURCES: dict[str, Figure] = {
    "ppid.dip_current": dip_current,
    "ppid.annual_report_published": annual_report_published,
    "ppid.median_working_days": median_working_days,
    "ppid.share_within_deadline": share_within_deadline,
    "ppid.keberatan_within_30": keberatan_within_30,
    "ppid.maklumat_published": maklumat_published,
    "satudata.datasets_published": datasets_published,
    "ppid.exempt_list_published": exempt_list_published,
    "ppid.registers_kept": registers_kept,
    "ppid.online_channel": online_channel,
    "ppid.online_tracking": online_tracking,
    "ppid.statistics_published": statistics_published,
}


def _provider(figure: Figure) -> Callable[[Any, int, dt.date], Finding | None]:
    def provide(subject: Any, year: int, as_of: dt.date) -> Finding | None:
        if getattr(subject, "kind", None) != SubjectKind.BODY or subject.organisation is None:
            return None
        body = monev.body_for_subject(subject.ref, subject.organisation.pk)
        return figure(body, year, as_of) if body is not None else None

    return provide


def register_sources() -> None:
    for key, figure in SOURCES.items():
        register_answer_source(key, LABEL, _provider(figure))
