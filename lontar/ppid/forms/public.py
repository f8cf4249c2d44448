"""The public request form, the tracking form and the requester's withdrawal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lontar.core.forms import UploadField
from lontar.core.uploads import CheckedUpload, check_upload
from lontar.ppid import uploads
from lontar.ppid.choices import CopyMethod, ObtainMethod, RequesterType
from lontar.ppid.privacy import tracking
from lontar.ppid.selectors.requests import public_bodies_accepting
from lontar.ppid.validation import RequestData, request_data_errors

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


class BodyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.organisation.name


def _text(
    label: StrOrPromise, max_length: int, *, required: bool = True, help_text: StrOrPromise = "", **attrs: Any
) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        strip=False,
        widget=forms.TextInput(attrs={"maxlength": max_length, **attrs}),
    )


def _area(label: StrOrPromise, max_length: int, help_text: StrOrPromise = "") -> forms.CharField:
    return forms.CharField(
        label=label, max_length=max_length, help_text=help_text, strip=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class RequestFieldsMixin(forms.Form):
    """The legally required fields of a request (Perki 1/2021), shared by public and staff forms."""

    requester_type = forms.ChoiceField(
        label=_("You request as"),
        choices=RequesterType.choices,
        widget=forms.RadioSelect,
        initial=RequesterType.PERORANGAN,
    )
    name = _text(
        _("Full name"),
        150,
        autocomplete="name",
        help_text=_("For a group or legal entity: the person who signs the request."),
    )
    identity_number = _text(
        _("NIK (or the legal-entity decree number)"),
        100,
        inputmode="text",
        help_text=_(
            "Individuals and groups: the 16-digit NIK on the KTP. "
            "Legal entities: the number of the decree that established it."
        ),
    )
    address = _area(_("Address"), 500)
    phone = _text(_("Phone"), 30, required=False, autocomplete="tel", type="tel")
    email = _text(_("E-mail"), 254, required=False, autocomplete="email", type="email")
    occupation = _text(_("Occupation"), 100, required=False)
    by_proxy = forms.BooleanField(
        label=_("I file this request on someone else's behalf (with a power of attorney)"), required=False
    )
    information_requested = _area(
        _("Information requested"), 5000, _("Describe the information as precisely as you can.")
    )
    purpose = _area(_("Purpose of use"), 2000)
    obtain_method = forms.ChoiceField(
        label=_("How do you want to obtain the information?"), choices=ObtainMethod.choices, widget=forms.RadioSelect
    )
    copy_method = forms.ChoiceField(
        label=_("How do you want to get the copy?"),
        choices=CopyMethod.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Only when you asked for a copy."),
    )
    identity_document = UploadField(
        label=_("Scan or photo of the KTP (legal entities: the deed)"),
        required=True,
        help_text=_("PDF, JPEG or PNG, at most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": _ACCEPT}),
    )
    power_of_attorney = UploadField(
        label=_("Power of attorney (surat kuasa)"),
        required=False,
        help_text=_("Only when filing on someone else's behalf. PDF, JPEG or PNG, at most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": _ACCEPT}),
    )

    def _checked(self, name: str) -> CheckedUpload | None:
        upload = self.cleaned_data.get(name)
        if not upload:
            return None
        return check_upload(upload, allowed=uploads.IDENTITY_TYPES, max_bytes=uploads.IDENTITY_MAX_BYTES)

    def clean_identity_document(self) -> CheckedUpload | None:
        return self._checked("identity_document")

    def clean_power_of_attorney(self) -> CheckedUpload | None:
        return self._checked("power_of_attorney")

    def request_data(self) -> RequestData:
        c = self.cleaned_data
        return RequestData(
            requester_type=c.get("requester_type", ""),
            name=c.get("name", ""),
            identity_number=c.get("identity_number", ""),
            address=c.get("address", ""),
            information_requested=c.get("information_requested", ""),
            purpose=c.get("purpose", ""),
            obtain_method=c.get("obtain_method", ""),
            phone=c.get("phone", ""),
            email=c.get("email", ""),
            occupation=c.get("occupation", ""),
            by_proxy=bool(c.get("by_proxy")),
            copy_method=c.get("copy_method", ""),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        for field, messages in request_data_errors(self.request_data().normalised()).items():
            if field in self.fields and field not in self.errors:
                for message in messages:
                    self.add_error(field, message)
        if cleaned.get("by_proxy") and not cleaned.get("power_of_attorney") and "power_of_attorney" not in self.errors:
            self.add_error(
                "power_of_attorney",
                gettext("A request filed on someone else's behalf needs the power of attorney (surat kuasa)."),
            )
        return cleaned


class RequestForm(RequestFieldsMixin):
    """The public form at /ppid/permohonan/baru/."""

    public_body = BodyChoiceField(
        label=_("Public body you ask"), queryset=public_bodies_accepting(), empty_label=_("— choose —")
    )
    #: honeypot: hidden from people, filled by bots
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    privacy_ack = forms.BooleanField(label=_("I have read the privacy notice above."), required=True)

    field_order = [
        "public_body",
        "requester_type",
        "name",
        "identity_number",
        "address",
        "phone",
        "email",
        "occupation",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["public_body"]).queryset = public_bodies_accepting()

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise ValidationError(
                gettext("The form could not be accepted. Leave the last, hidden field empty and send it again.")
            )
        return ""


class TrackingForm(forms.Form):
    number = forms.CharField(
        label=_("Registration number (nomor pendaftaran)"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    token = forms.CharField(
        label=_("Tracking token"),
        max_length=tracking.MAX_TOKEN_LENGTH,
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "off"}),
        help_text=_("Shown once when you filed the request and sent in the confirmation e-mail."),
    )


class WithdrawForm(TrackingForm):
    reason = forms.CharField(
        label=_("Reason (optional)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm = forms.BooleanField(label=_("Yes, withdraw my request. This cannot be undone."), required=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # its own ids: the tracking page shows this form beside the other one (one id, one element)
        kwargs.setdefault("auto_id", "withdraw_%s")
        super().__init__(*args, **kwargs)
        self.fields["number"].widget = forms.HiddenInput()
        self.fields["token"].widget = forms.HiddenInput()
