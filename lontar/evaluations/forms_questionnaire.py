"""The form that opens a questionnaire cycle (Indeks KAMI per electronic system, Monev KIP per badan publik)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.assessments.models import Framework
from lontar.assessments.selectors import questionnaire_list
from lontar.evaluations.choices import SubjectKind
from lontar.evaluations.subjects import Subject, subject_kind_for, subjects
from lontar.organisations.models import Organisation
from lontar.organisations.selectors import active_instansi

MAX_NAMED = 50


class QuestionnaireCycleForm(forms.Form):
    framework = forms.ModelChoiceField(label=_("Framework"), queryset=Framework.objects.none(), empty_label=None)
    year = forms.IntegerField(label=_("Evaluation year"), min_value=2000, max_value=2100)
    name = forms.CharField(label=_("Name"), max_length=200, help_text=_("For example “Monev KIP 2026”."))
    subjects = forms.MultipleChoiceField(
        label=_("Subjects"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Applications of the Katalog TIK (Indeks KAMI) or badan publik of the PPID (Monev KIP)."),
    )
    named_systems = forms.CharField(
        label=_("Other electronic systems (Indeks KAMI)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One name per line, for systems not in the Katalog TIK."),
    )
    named_owner = forms.ModelChoiceField(
        label=_("Owner of those systems"), queryset=Organisation.objects.none(), required=False
    )
    self_assessment_due = forms.DateField(
        label=_("Self-assessment due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    result_due = forms.DateField(label=_("Results due"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = questionnaire_list()  # type: ignore[attr-defined]
        self.fields["named_owner"].queryset = active_instansi()  # type: ignore[attr-defined]
        self._subjects = {
            f"{s.kind}:{s.ref}": s for kind in (SubjectKind.SYSTEM, SubjectKind.BODY) for s in subjects(kind)
        }
        labels = dict(SubjectKind.choices)
        self.fields["subjects"].choices = [  # type: ignore[attr-defined]
            (key, f"{labels[s.kind]}: {s.name} ({s.organisation.name})") for key, s in self._subjects.items()
        ]
        if not self.is_bound:
            self.initial.setdefault("year", dt.date.today().year)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        names = [n.strip() for n in (cleaned.get("named_systems") or "").splitlines() if n.strip()]
        if len(names) > MAX_NAMED:
            self.add_error("named_systems", _("At most %(max)d names at once.") % {"max": MAX_NAMED})
        if names and cleaned.get("named_owner") is None:
            self.add_error("named_owner", _("Choose the organisation that owns these systems."))
        framework = cleaned.get("framework")
        if framework is not None and names and subject_kind_for(framework.code) != SubjectKind.SYSTEM:
            self.add_error("named_systems", _("Named systems take part in an Indeks KAMI cycle only."))
        cleaned["names"] = names
        return cleaned

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        chosen = [self._subjects[key] for key in data["subjects"]]
        owner = data.get("named_owner")
        chosen += [Subject(kind=SubjectKind.SYSTEM, ref="", name=name, organisation=owner) for name in data["names"]]
        return {
            "framework": data["framework"],
            "year": data["year"],
            "name": data["name"],
            "subjects": chosen,
            "self_assessment_due": data.get("self_assessment_due"),
            "result_due": data.get("result_due"),
        }
