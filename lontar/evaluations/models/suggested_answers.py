"""The answer Lontar suggested for a questionnaire question, kept beside the answer (issue 14 §2)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.models import TimeStampedModel


class SuggestedAnswer(TimeStampedModel):
    """What Lontar suggested for one answer and what the respondent decided.

    The suggestion is frozen as it was shown (option, figure, evidence, the day the figure
    describes); ``chosen_option`` is the answer the respondent kept at that moment: the suggested
    one when ``accepted``, another (an override) when not. Later edits of the answer leave this
    record as it was; a new decision replaces it.
    """

    answer = models.OneToOneField(
        "evaluations.QuestionnaireAnswer", on_delete=models.CASCADE, related_name="suggestion"
    )
    source = models.CharField(_("source in Lontar"), max_length=80)
    suggested_option = models.CharField(_("suggested answer"), max_length=40, blank=True)
    figure = models.TextField(_("figure"))
    #: [{"title", "url", "is_sample"}] as shown
    evidence = models.JSONField(_("evidence"), default=list, blank=True)
    as_of = models.DateField(_("figure as of"))
    accepted = models.BooleanField(_("suggestion accepted"))
    chosen_option = models.CharField(_("answer kept"), max_length=40, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["answer"]
        verbose_name = _("suggested answer")
        verbose_name_plural = _("suggested answers")

    def __str__(self) -> str:
        return f"{self.answer} ← {self.source}"
