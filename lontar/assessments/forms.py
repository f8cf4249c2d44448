"""The what-if simulator form: one level (and an optional highest level) per indicator, and a target."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.assessments.inputs import InputError, Target, parse_caps, parse_levels, parse_target
from lontar.assessments.selectors import NodeView
from lontar.assessments.tree import FrameworkTree


def level_field_name(number: str) -> str:
    return f"level_{number}"


def cap_field_name(number: str) -> str:
    return f"cap_{number}"


class SimulatorForm(forms.Form):
    target_index = forms.CharField(
        label=_("Target index"),
        required=False,
        max_length=10,
        help_text=_("For example 2,60. Met when the index rounded to two decimals reaches it."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 6}),
    )
    target_predikat = forms.ChoiceField(label=_("or target predikat"), required=False)
    #: the year of an instansi's target, when the simulator is opened from its evaluation result
    target_year = forms.IntegerField(required=False, min_value=2000, max_value=2100, widget=forms.HiddenInput)

    def __init__(self, *args: Any, tree: FrameworkTree, indicators: list[NodeView], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tree = tree
        self.values: dict[str, Fraction] = {}
        self.caps: dict[str, int] = {}
        self.target: Target | None = None
        predikat = self.fields["target_predikat"]
        assert isinstance(predikat, forms.ChoiceField)
        predikat.choices = [("", _("— none —"))] + [(b.name, b.name) for b in tree.bands]
        for view in indicators:
            self._add_indicator(view)

    def _add_indicator(self, view: NodeView) -> None:
        node = view.node
        levels = [(str(lv.level), f"{lv.level} · {lv.name}") for lv in view.levels]
        invalid = _("Indicator %(number)s: choose one of the levels in the list.") % {"number": node.number}
        if node.external_source:
            self.fields[level_field_name(node.number)] = forms.CharField(
                label=_("Value of indicator %(number)s") % {"number": node.number},
                required=False,
                max_length=10,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 6}),
            )
        else:
            self.fields[level_field_name(node.number)] = forms.ChoiceField(
                label=_("Level of indicator %(number)s") % {"number": node.number},
                required=False,
                choices=[("", _("— not answered —")), *levels],
                error_messages={"invalid_choice": invalid},
            )
        self.fields[cap_field_name(node.number)] = forms.ChoiceField(
            label=_("Highest level allowed for indicator %(number)s") % {"number": node.number},
            required=False,
            choices=[("", _("— no limit —")), *levels],
            error_messages={"invalid_choice": invalid},
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        numbers = list(self.tree.indicators)
        try:
            self.values = parse_levels(self.tree, {n: cleaned.get(level_field_name(n)) for n in numbers})
            self.caps = parse_caps(self.tree, {n: cleaned.get(cap_field_name(n)) for n in numbers}, self.values)
        except InputError as exc:
            self._attach(exc, {"levels": level_field_name, "caps": cap_field_name})
            return cleaned
        if cleaned.get("target_index") or cleaned.get("target_predikat"):
            try:
                self.target = parse_target(self.tree, cleaned.get("target_index"), cleaned.get("target_predikat"))
            except InputError as exc:
                for field, message in exc.errors:
                    self.add_error(field if field in self.fields else None, message)
        return cleaned

    def _attach(self, exc: InputError, prefixes: dict[str, Any]) -> None:
        for field, message in exc.errors:
            prefix, _dot, number = field.partition(".")
            name = prefixes[prefix](number) if prefix in prefixes and number else None
            self.add_error(name if name in self.fields else None, message)
