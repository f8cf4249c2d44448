"""Settings of a badan publik: service settings and the cost table."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.ppid.models import PublicBody
from lontar.ppid.services import CostItemData
from lontar.ppid.services.bodies import EDITABLE

COST_ROWS = 8


class BodySettingsForm(forms.ModelForm):
    class Meta:
        model = PublicBody
        fields = EDITABLE
        widgets = {"maklumat_pelayanan": forms.Textarea(attrs={"rows": 6})}


class SignatoryForm(forms.Form):
    """Who signs the written notices (name, NIP, position); shown on the notice PDF."""

    signatory_name = forms.CharField(label=_("Signatory name"), required=False, max_length=120)
    signatory_nip = forms.CharField(label=_("Signatory NIP"), required=False, max_length=21)
    signatory_position = forms.CharField(label=_("Signatory position (jabatan)"), required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "sig")
        super().__init__(*args, **kwargs)


class CostTableForm(forms.Form):
    """Up to COST_ROWS lines (item, unit, price, note); empty lines are dropped."""

    def __init__(self, *args: Any, rows: int = COST_ROWS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for i in range(rows):
            self.fields[f"item_{i}"] = forms.CharField(label=_("Item"), required=False, max_length=200)
            self.fields[f"unit_{i}"] = forms.CharField(label=_("Unit"), required=False, max_length=60)
            self.fields[f"price_{i}"] = forms.DecimalField(
                label=_("Price (Rp)"), required=False, min_value=Decimal(0), max_digits=12, decimal_places=0
            )
            self.fields[f"note_{i}"] = forms.CharField(label=_("Note"), required=False, max_length=300)

    @classmethod
    def initial_for(cls, body: PublicBody) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for i, item in enumerate(body.cost_items.all()[:COST_ROWS]):
            initial.update(
                {f"item_{i}": item.item, f"unit_{i}": item.unit, f"price_{i}": item.price, f"note_{i}": item.note}
            )
        return initial

    def table_rows(self) -> list[list[forms.BoundField]]:
        return [[self[f"{k}_{i}"] for k in ("item", "unit", "price", "note")] for i in range(self.rows)]

    def items(self) -> list[CostItemData]:
        out = []
        for i in range(self.rows):
            item, unit, note = (self.cleaned_data.get(f"{k}_{i}") or "" for k in ("item", "unit", "note"))
            price = self.cleaned_data.get(f"price_{i}")
            if item or unit or note or price is not None:
                out.append(
                    CostItemData(item=item, unit=unit, price=price if price is not None else Decimal(-1), note=note)
                )
        return out
