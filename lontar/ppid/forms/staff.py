"""Forms of the staff pages (/ppid/kelola/)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lontar.core.forms import UploadField
from lontar.core.uploads import CheckedUpload, check_upload
from lontar.ppid import uploads
from lontar.ppid.choices import STAFF_CHANNELS, Decision, ExemptionGround, Status
from lontar.ppid.forms.public import BodyChoiceField, RequestFieldsMixin
from lontar.ppid.models import ConsequenceTest, PublicBody
from lontar.ppid.services import ConsequenceTestData, NoticeData, RedactionData

MAX_REDACTIONS = 5
MAX_FILES = 5


class IntakeForm(RequestFieldsMixin):
    """Staff register a walk-in, e-mail, post or oral request."""

    public_body = BodyChoiceField(
        label=_("Public body"), queryset=PublicBody.objects.none(), empty_label=_("— choose —")
    )
    channel = forms.ChoiceField(
        label=_("How the request arrived"), choices=[(c.value, c.label) for c in STAFF_CHANNELS]
    )
    received_on = forms.DateField(
        label=_("Received on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for today."),
    )

    field_order = ["public_body", "channel", "received_on", "requester_type", "name", "identity_number"]

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["public_body"]).queryset = bodies
        self.fields["identity_document"].required = False


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All open")), ("all", _("All")), *Status.choices]
    )
    body = BodyChoiceField(
        label=_("Public body"), required=False, queryset=PublicBody.objects.none(), empty_label=_("All")
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    q = forms.CharField(label=_("Number, name or NIK"), required=False, max_length=100)

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["body"]).queryset = bodies


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason or note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AssignForm(ReasonForm):
    to = BodyChoiceField(label=_("PPID Pelaksana"), queryset=PublicBody.objects.none(), empty_label=_("— choose —"))

    def __init__(self, *args: Any, pelaksana: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["to"]).queryset = pelaksana


class TestChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        # several bodies' tests can be offered: each names its body
        return f"{obj.body.organisation.name}: {obj.information} — Pasal 17 {obj.ground}"


class NoticeForm(forms.Form):
    """The written notice. Blacked-out parts are up to five rows of (part, reason, ground)."""

    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect)
    material = forms.CharField(
        label=_("Information to be given"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    delivery = forms.CharField(
        label=_("Means and format of delivery"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    holder = forms.CharField(label=_("Body that holds the information (when not held)"), required=False, max_length=300)
    exemption_ground = forms.ChoiceField(
        label=_("Ground for refusal (Pasal 17)"), required=False, choices=[("", "—"), *ExemptionGround.choices]
    )
    consequence_test = TestChoiceField(
        label=_("Consequence test (uji konsekuensi)"), required=False, queryset=ConsequenceTest.objects.none()
    )
    cost = forms.DecimalField(
        label=_("Cost (Rp)"), required=False, min_value=Decimal(0), max_digits=12, decimal_places=0, initial=0
    )
    payment_method = forms.CharField(label=_("How to pay"), required=False, max_length=300)
    explanation = forms.CharField(
        label=_("Explanation / reason"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, tests: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["consequence_test"]).queryset = tests
        for i in range(MAX_REDACTIONS):
            self.fields[f"redaction_{i}_part"] = forms.CharField(
                label=_("Blacked-out part"), required=False, max_length=300
            )
            self.fields[f"redaction_{i}_reason"] = forms.CharField(label=_("Reason"), required=False, max_length=2000)
            self.fields[f"redaction_{i}_ground"] = forms.ChoiceField(
                label=_("Ground (Pasal 17)"), required=False, choices=[("", "—"), *ExemptionGround.choices]
            )
        for i in range(MAX_FILES):
            self.fields[f"file_{i}"] = UploadField(
                label=_("File to deliver"),
                required=False,
                help_text=_("PDF, JPEG, PNG or ZIP-based office files, at most 20 MB."),
            )

    def redaction_rows(self) -> list[list[forms.BoundField]]:
        return [[self[f"redaction_{i}_{k}"] for k in ("part", "reason", "ground")] for i in range(MAX_REDACTIONS)]

    def file_fields(self) -> list[forms.BoundField]:
        return [self[f"file_{i}"] for i in range(MAX_FILES)]

    def _files(self) -> list[tuple[str, CheckedUpload]]:
        out = []
        for i in range(MAX_FILES):
            upload = self.cleaned_data.get(f"file_{i}")
            if upload:
                try:
                    out.append(
                        (
                            upload.name,
                            check_upload(upload, allowed=uploads.DELIVERY_TYPES, max_bytes=uploads.DELIVERY_MAX_BYTES),
                        )
                    )
                except ValidationError as exc:
                    self.add_error(f"file_{i}", exc)
        return out

    def _redactions(self) -> list[RedactionData]:
        rows = []
        for i in range(MAX_REDACTIONS):
            part, reason, ground = (
                self.cleaned_data.get(f"redaction_{i}_{k}", "") for k in ("part", "reason", "ground")
            )
            if part or reason or ground:
                rows.append(RedactionData(part=part, reason=reason, ground=ground))
        return rows

    def notice_data(self) -> NoticeData:
        c = self.cleaned_data
        return NoticeData(
            decision=c.get("decision", ""),
            material=c.get("material", ""),
            delivery=c.get("delivery", ""),
            holder=c.get("holder", ""),
            exemption_ground=c.get("exemption_ground", ""),
            consequence_test=c.get("consequence_test"),
            cost=c.get("cost") or Decimal(0),
            payment_method=c.get("payment_method", ""),
            explanation=c.get("explanation", ""),
            redactions=self._redactions(),
            files=self._files(),
        )


class ConsequenceTestForm(forms.Form):
    body = BodyChoiceField(label=_("Public body"), queryset=PublicBody.objects.none(), empty_label=_("— choose —"))
    information = forms.CharField(label=_("Information or document"), max_length=300)
    exempted_parts = forms.CharField(
        label=_("Exempted parts"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    ground = forms.ChoiceField(label=_("Ground (Pasal 17)"), choices=ExemptionGround.choices)
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
    harm = forms.CharField(label=_("Harm if opened"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    public_interest = forms.CharField(
        label=_("Public interest in opening it"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    closed_period = forms.CharField(label=_("How long it stays closed"), max_length=200)
    closed_until = forms.DateField(
        label=_("Closed until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    decided_by = forms.CharField(label=_("Decided by"), max_length=200)
    decided_on = forms.DateField(
        label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"}), initial=timezone.localdate
    )

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["body"]).queryset = bodies

    def clean_decided_on(self) -> dt.date:
        value = self.cleaned_data["decided_on"]
        if value > timezone.localdate():
            raise ValidationError(gettext("The decision date cannot be in the future."))
        return value

    def test_data(self) -> ConsequenceTestData:
        values: dict[str, Any] = {k: self.cleaned_data.get(k) for k in ConsequenceTestData.__dataclass_fields__}
        return ConsequenceTestData(**values)
