"""The personal work queue across modules and the notification settings page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lontar.accounts.decorators import staff_required
from lontar.notifications import services
from lontar.notifications.forms import PreferenceForm
from lontar.notifications.registry import queues_for


@staff_required
def queue(request: HttpRequest) -> HttpResponse:
    """Ruang kerja: each queue of the user, counted, sorted by nearest deadline, linking to the action."""
    queues = queues_for(request.user)
    return render(
        request,
        "notifications/queue.html",
        {"queues": queues, "total": sum(q.count for q in queues), "delivery": services.delivery_of(request.user)},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferenceForm(request.POST or None, initial={"delivery": services.delivery_of(request.user)})
    if request.method == "POST" and form.is_valid():
        try:
            services.preference_set(actor=request.user, delivery=form.cleaned_data["delivery"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form}, status=400 if form.errors else 200)
