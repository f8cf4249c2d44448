"""Forms of the evaluation pages. Services validate again; forms give the messages next to the fields."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from lontar.accounts.models import Role, User
from lontar.accounts.selectors import users_holding
from lontar.assessments.models import Framework
from lontar.assessments.selectors import LevelView, framework_list
from lontar.core.forms import DbIntegerField, DbModelMultipleChoiceField, UploadField
from lontar.evaluations.choices import CycleScope, EvidenceKind
from lontar.evaluations.models import Evidence, Submission
from lontar.evaluations.services.cycles import DEADLINE_FIELDS
from lontar.organisations.models import Organisation
from lontar.organisations.selectors import active_instansi

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
VERSION = DbIntegerField(min_value=0, widget=forms.HiddenInput)


def _deadline_fields() -> dict[str, forms.DateField]:
    labels = {
        "self_assessment_due": _("Penilaian mandiri due"),
        "document_review_due": _("Penilaian dokumen due"),
        "interview_due": _("Penilaian interviu due"),
        "visit_due": _("Penilaian visitasi due (optional stage)"),
        "result_due": _("Results due"),
    }
    return {name: forms.DateField(label=labels[name], required=False, widget=DATE) for name in DEADLINE_FIELDS}


class DeadlinesForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(_deadline_fields())

    @property
    def deadlines(self) -> dict[str, dt.date | None]:
        return {name: self.cleaned_data.get(name) for name in DEADLINE_FIELDS}


class CycleOpenForm(DeadlinesForm):
    framework = forms.ModelChoiceField(label=_("Framework"), queryset=Framework.objects.none(), empty_label=None)
    year = forms.IntegerField(label=_("Evaluation year"), min_value=2000, max_value=2100)
    name = forms.CharField(label=_("Name"), max_length=200, help_text=_("For example “Evaluasi SPBE 2026”."))
    scope = forms.ChoiceField(
        label=_("Participants"), choices=CycleScope.choices, initial=CycleScope.INSTANSI, widget=forms.RadioSelect
    )
    participants = DbModelMultipleChoiceField(
        label=_("Participating instansi"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For a round of the province and the kab/kota."),
    )
    opd_parent = forms.ModelChoiceField(
        label=_("Instansi whose OPD take part"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("For an internal OPD round: every active OPD of this instansi takes part."),
    )

    field_order = ["framework", "year", "name", "scope", "participants", "opd_parent", *DEADLINE_FIELDS]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instansi = active_instansi()
        self.fields["framework"].queryset = framework_list()  # type: ignore[attr-defined]
        self.fields["participants"].queryset = instansi  # type: ignore[attr-defined]
        self.fields["opd_parent"].queryset = instansi  # type: ignore[attr-defined]
        self.order_fields(self.field_order)
        if not self.is_bound:
            self.initial.setdefault("participants", list(instansi.values_list("pk", flat=True)))
            self.initial.setdefault("year", dt.date.today().year)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("scope") == CycleScope.OPD:
            parent = cleaned.get("opd_parent")
            if parent is None:
                self.add_error("opd_parent", _("Choose the instansi whose OPD take part."))
            else:
                cleaned["members"] = list(parent.units.filter(is_active=True).order_by("name"))
                if not cleaned["members"]:
                    self.add_error("opd_parent", _("This instansi has no active OPD."))
        else:
            cleaned["members"] = list(cleaned.get("participants") or [])
            if not cleaned["members"]:
                self.add_error("participants", _("Choose at least one participating organisation."))
        return cleaned


def asesor_users() -> QuerySet[User]:
    return users_holding(Role.ASESOR)


class AssignmentForm(forms.Form):
    asesor = forms.ModelChoiceField(label=_("Asesor"), queryset=User.objects.none())
    submissions = DbModelMultipleChoiceField(
        label=_("Instansi to review"), queryset=Submission.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, cycle: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["asesor"].queryset = asesor_users()  # type: ignore[attr-defined]
        field = self.fields["submissions"]
        field.queryset = cycle.submissions.exclude(state="final").select_related("organisation")  # type: ignore[attr-defined]
        field.label_from_instance = lambda s: s.organisation.name  # type: ignore[attr-defined]


def level_choices(levels: list[LevelView]) -> list[tuple[str, str]]:
    return [(str(lv.level), f"{lv.level} · {lv.name}") for lv in levels]


class LevelMixin(forms.Form):
    """``level``: a radio choice of the indicator's ladder, or a figure for an indicator taken from another index."""

    def add_level_field(self, *, levels: list[LevelView], external: bool, label: StrOrPromise) -> None:
        if external:
            self.fields["level"] = forms.DecimalField(
                label=label,
                required=False,
                max_digits=6,
                decimal_places=3,
                localize=True,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 8}),
            )
        else:
            self.fields["level"] = forms.ChoiceField(
                label=label,
                required=False,
                choices=level_choices(levels),
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Choose one of the levels of this indicator.")},
            )


def _evidence_label(item: Evidence) -> str:
    parts = [item.get_kind_display()]
    if item.issued_on:
        parts.append(date_format(item.issued_on, "SHORT_DATE_FORMAT"))
    return f"{item.title} ({', '.join(str(p) for p in parts)})"


class AnswerForm(LevelMixin):
    explanation = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("How the instansi meets the chosen level, in your own words."),
    )
    value_source = forms.CharField(
        label=_("Source of the figure"),
        required=False,
        max_length=300,
        help_text=_("The result the figure is taken from, e.g. “Indeks SDI 2025, Bappenas”."),
    )
    evidence = DbModelMultipleChoiceField(
        label=_("Supporting evidence (bukti dukung)"),
        queryset=Evidence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = VERSION

    def __init__(self, *args: Any, levels: list[LevelView], external: bool, library: QuerySet[Evidence], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.add_level_field(levels=levels, external=external, label=_("Level claimed"))
        evidence = self.fields["evidence"]
        evidence.queryset = library  # type: ignore[attr-defined]
        evidence.label_from_instance = _evidence_label  # type: ignore[attr-defined]
        if not external:
            del self.fields["value_source"]
        self.order_fields(["level", "value_source", "explanation", "evidence", "version"])


class ReviewForm(LevelMixin):
    note = forms.CharField(
        label=_("Asesor note"), required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 4})
    )
    version = VERSION

    def __init__(self, *args: Any, levels: list[LevelView], external: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_level_field(levels=levels, external=external, label=_("Validated level"))
        self.order_fields(["level", "note", "version"])


class ResponseForm(forms.Form):
    response = forms.CharField(
        label=_("Response of the instansi (sanggah)"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Clarify or contest the validated level during penilaian interviu."),
    )
    version = VERSION


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=EvidenceKind.choices)
    issued_on = forms.DateField(label=_("Date"), required=False, widget=DATE)
    issuer = forms.CharField(label=_("Issued by"), max_length=200, required=False)
    file = UploadField(
        label=_("File"),
        required=False,
        help_text=_("PDF, image or office document, at most 20 MB. Or give a link instead."),
    )
    url = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")
    link_to = DbIntegerField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "file" in cleaned and "url" in cleaned and bool(cleaned.get("file")) == bool(cleaned.get("url")):
            self.add_error("file", _("Give either a file or a link."))
        return cleaned


class EvidenceEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=EvidenceKind.choices)
    issued_on = forms.DateField(label=_("Date"), required=False, widget=DATE)
    issuer = forms.CharField(label=_("Issued by"), max_length=200, required=False)


class TargetForm(forms.Form):
    framework_code = forms.ChoiceField(label=_("Framework"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    target_index = forms.DecimalField(
        label=_("Target index"), max_digits=4, decimal_places=2, min_value=0, max_value=5, localize=True
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework_code"].choices = [  # type: ignore[attr-defined]
            (f.code, f.name) for f in framework_list()
        ]


class VerifyForm(forms.Form):
    document = UploadField(
        label=_("The PDF you received"), help_text=_("It is not stored; only its SHA-256 is compared.")
    )
