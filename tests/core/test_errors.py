"""lontar.core.errors and api_errors: a service's ValidationError on a form and as problem+json."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from lontar.core.api_errors import service_errors
from lontar.core.errors import apply_errors, error_messages


class _Form(forms.Form):
    name = forms.CharField(required=False)
    level = forms.CharField(required=False)


def _bound() -> _Form:
    form = _Form({"name": "x", "level": "1"})
    assert form.is_valid()
    return form


def test_named_errors_go_next_to_their_fields_with_codes():
    form = _bound()
    apply_errors(form, ValidationError({"name": ValidationError("Too short.", code="short"), "other": ["Elsewhere."]}))
    assert form.errors["name"] == ["Too short."] and form.has_error("name", "short")
    assert form.non_field_errors() == ["Elsewhere."]


def test_unnamed_and_unknown_errors_go_to_the_given_field_or_on_top():
    form = _bound()
    apply_errors(form, ValidationError(["One.", "Two."]), "level")
    assert form.errors["level"] == ["One.", "Two."]
    form = _bound()
    apply_errors(form, ValidationError({"other": "Elsewhere."}), "level")
    assert form.errors["level"] == ["Elsewhere."]
    form = _bound()
    apply_errors(form, ValidationError("On top."), "missing")
    assert form.non_field_errors() == ["On top."]


def test_messages_and_problem_errors():
    exc = ValidationError({"name": ["A."], "__all__": ["B."]})
    assert sorted(error_messages(exc)) == ["A.", "B."]
    assert service_errors(exc) == [{"field": "name", "message": "A."}, {"field": "", "message": "B."}]
    assert service_errors(ValidationError("C.")) == [{"field": "", "message": "C."}]
