"""States and kinds of the evaluation workflow."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CycleState(models.TextChoices):
    OPEN = "open", _("Open")
    FINAL = "final", _("Final")


class CycleScope(models.TextChoices):
    INSTANSI = "instansi", _("Province and kab/kota")
    OPD = "opd", _("Internal round of regional agencies (OPD)")


class SubmissionState(models.TextChoices):
    DRAFT = "draft", _("Penilaian mandiri (draft)")
    SUBMITTED = "submitted", _("Submitted, waiting for review")
    DOKUMEN = "dokumen", _("Penilaian dokumen")
    INTERVIU = "interviu", _("Penilaian interviu")
    VISITASI = "visitasi", _("Penilaian visitasi")
    FINAL = "final", _("Final")


class Stage(models.TextChoices):
    """Review stages, in the order the regulation runs them (visitasi only where needed)."""

    DOKUMEN = "dokumen", _("Penilaian dokumen")
    INTERVIU = "interviu", _("Penilaian interviu")
    VISITASI = "visitasi", _("Penilaian visitasi")


STAGE_ORDER: tuple[str, ...] = (Stage.DOKUMEN, Stage.INTERVIU, Stage.VISITASI)
REVIEW_STATES = frozenset({SubmissionState.DOKUMEN, SubmissionState.INTERVIU, SubmissionState.VISITASI})
#: the stage that may start from each state
NEXT_STAGE: dict[str, str] = {
    SubmissionState.SUBMITTED: Stage.DOKUMEN,
    SubmissionState.DOKUMEN: Stage.INTERVIU,
    SubmissionState.INTERVIU: Stage.VISITASI,
}
#: states from which a result may be finalised (interviu is always held; visitasi is optional)
FINALISABLE = frozenset({SubmissionState.INTERVIU, SubmissionState.VISITASI})


class EvidenceKind(models.TextChoices):
    REGULATION = "regulation", _("Regulation / decree (SK)")
    POLICY = "policy", _("Policy, plan or standard")
    REPORT = "report", _("Report")
    MINUTES = "minutes", _("Minutes / official record")
    SCREENSHOT = "screenshot", _("Screenshot")
    PHOTO = "photo", _("Photo")
    APPLICATION = "application", _("Application or website")
    OTHER = "other", _("Other")


class QuestionnaireState(models.TextChoices):
    """A questionnaire submission (Indeks KAMI, Monev KIP): one verification stage, then final."""

    DRAFT = "draft", _("Self-assessment (draft)")
    SUBMITTED = "submitted", _("Submitted, waiting for verification")
    VERIFIED = "verified", _("Verified")
    FINAL = "final", _("Final")


class SubjectKind(models.TextChoices):
    """What a questionnaire assesses: an electronic system (KAMI) or a badan publik (Monev KIP)."""

    SYSTEM = "system", _("Electronic system")
    BODY = "body", _("Badan publik")
