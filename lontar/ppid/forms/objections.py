"""Forms for keberatan: filing (requester or staff), the atasan's answer, response, dispute."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.ppid.choices import STAFF_CHANNELS, DisputeStage, ObjectionDecision, ObjectionGround, RequesterResponse
from lontar.ppid.forms.public import TrackingForm
from lontar.ppid.services import AnswerData, DisputeData

_DATE = forms.DateInput(attrs={"type": "date"})


class ObjectionFields(forms.Form):
    grounds = forms.MultipleChoiceField(
        label=_("Grounds (UU 14/2008 Pasal 35(1))"),
        choices=ObjectionGround.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    explanation = forms.CharField(
        label=_("Reasons and facts"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What happened, and what you ask the atasan PPID to decide."),
    )


class RequesterObjectionForm(ObjectionFields, TrackingForm):
    """Filed from the tracking page; number and token travel as hidden fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # its own ids: the tracking page shows this form beside the other one (one id, one element)
        kwargs.setdefault("auto_id", "objection_%s")
        super().__init__(*args, **kwargs)
        self.fields["number"].widget = forms.HiddenInput()
        self.fields["token"].widget = forms.HiddenInput()


class StaffObjectionForm(ObjectionFields):
    channel = forms.ChoiceField(
        label=_("How the objection arrived"), choices=[(c.value, c.label) for c in STAFF_CHANNELS]
    )


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=ObjectionDecision.choices, widget=forms.RadioSelect)
    answer = forms.CharField(label=_("Answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    atasan_name = forms.CharField(label=_("Atasan PPID (name and position)"), max_length=200)

    def answer_data(self) -> AnswerData:
        c = self.cleaned_data
        return AnswerData(decision=c["decision"], answer=c["answer"], atasan_name=c["atasan_name"])


class ResponseForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Requester's response"), choices=RequesterResponse.choices, widget=forms.RadioSelect
    )


class DisputeForm(forms.Form):
    registered_on = forms.DateField(label=_("Registered at the Komisi Informasi on"), widget=_DATE)
    register_number = forms.CharField(label=_("Register number"), required=False, max_length=100)
    stage = forms.ChoiceField(label=_("Stage"), choices=DisputeStage.choices)
    outcome = forms.CharField(
        label=_("Outcome"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    decided_on = forms.DateField(label=_("Decided on"), required=False, widget=_DATE)

    def dispute_data(self) -> DisputeData:
        c = self.cleaned_data
        return DisputeData(
            registered_on=c["registered_on"],
            register_number=c.get("register_number") or "",
            stage=c["stage"],
            outcome=c.get("outcome") or "",
            decided_on=c.get("decided_on"),
        )


class RegisterFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
