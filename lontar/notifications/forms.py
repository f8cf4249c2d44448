from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.notifications.models import Delivery


class PreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        label=_("How should notifications reach you?"), choices=Delivery.choices, widget=forms.RadioSelect
    )
