"""Katalog TIK records as evidence suggestions of SPBE/Pemdi indicators (issue 13 §4).

The provider's table names real indicators, only the submission's organisation (and its OPD) is
searched, attaching goes through one evaluations service and makes the library item once, and the
indicator page shows the suggestions and keeps what was typed when one is attached.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lontar.assessments.definitions import FRAMEWORKS_DIR, read_definition
from lontar.assessments.models import Framework
from lontar.assessments.services import framework_load
from lontar.audit.models import AuditEvent
from lontar.evaluations import services as evaluation_services
from lontar.evaluations.models import AnswerEvidence, Evidence, Submission
from lontar.evaluations.suggestions import IndicatorRef, suggestions_for
from lontar.katalog import services as katalog_services
from lontar.katalog.models import AssetKind, AuditConclusion, OwnershipClass, ServiceKind, Stage
from lontar.katalog.selectors.evidence import INDICATORS, Topic, evidence_suggestions
from tests.katalog.helpers import make_app, make_asset, make_service
from tests.stored import private_files

pytestmark = pytest.mark.django_db


def _load(code: str) -> Framework:
    path = FRAMEWORKS_DIR / f"{code}.json"
    framework_load(definition=read_definition(path), source_file=path.name)
    return Framework.objects.get(code=code, is_current=True)


def _indicators(code: str) -> dict[str, str]:
    data = json.loads((FRAMEWORKS_DIR / f"{code}.json").read_text(encoding="utf-8"))
    found: dict[str, str] = {}

    def walk(nodes: list) -> None:
        for node in nodes:
            if node["kind"] == "indicator":
                found[node["number"]] = node["name"]
            walk(node.get("children", []))

    walk(data["nodes"])
    return found


# -- the table ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "number", "words"),
    [
        ("spbe-2020", "11", "Arsitektur SPBE"),
        ("spbe-2020", "16", "Pusat Data"),
        ("spbe-2020", "17", "Jaringan Intra"),
        ("spbe-2020", "18", "Sistem Penghubung Layanan"),
        ("spbe-2020", "31", "Audit Keamanan"),
        ("spbe-2020", "36", "Kepegawaian"),
        ("pemdi-2026", "9", "Audit Keamanan"),
        ("pemdi-2026", "13", "Aplikasi Pemdi"),
        ("pemdi-2026", "14", "Infrastruktur Pemdi"),
        ("pemdi-2026", "16", "Integrasi Aplikasi"),
        ("spbe-2018", "22", "Pusat Data"),
        ("spbe-2018", "24", "Aplikasi Umum"),
    ],
)
def test_the_table_names_real_indicators_by_code(code, number, words) -> None:
    assert (code, number) in INDICATORS
    assert words.casefold() in _indicators(code)[number].casefold()


def test_every_mapped_indicator_exists_in_its_framework() -> None:
    for code, number in INDICATORS:
        assert number in _indicators(code), (code, number)


def test_the_topics_of_the_brief_are_mapped() -> None:
    assert INDICATORS[("spbe-2020", "16")].topics == (Topic.DATA_CENTRE,)
    assert INDICATORS[("spbe-2020", "17")].topics == (Topic.INTRANET,)
    assert INDICATORS[("spbe-2020", "18")].topics == (Topic.SPLP,)
    assert Topic.COMMON_APPLICATIONS in INDICATORS[("spbe-2018", "24")].topics
    assert INDICATORS[("spbe-2020", "31")].topics == (Topic.SECURITY_AUDITS,)
    assert INDICATORS[("spbe-2020", "11")].topics == (Topic.ARCHITECTURE,)


# -- the provider ------------------------------------------------------------------------------


@pytest.fixture
def records(province):
    kab, opd, kota = province["kabupaten"], province["kabupaten_opd"], province["kota"]
    out = {
        "dc": make_asset(kab, "Pusat Data Kabupaten Kupang"),
        "intra": make_asset(opd, "Jaringan Intra Pemkab Kupang", kind=AssetKind.JARINGAN_INTRA),
        "splp": make_asset(kab, "SPLP Kabupaten Kupang", kind=AssetKind.SPLP),
        "srikandi": make_app(kab, "SRIKANDI", ownership_class=OwnershipClass.UMUM_NASIONAL),
        "simpeg": make_app(opd, "SIMPEG Kabupaten Kupang", function="Kepegawaian daerah"),
        "retired": make_app(kab, "Aplikasi Lama", stage=Stage.DIHENTIKAN),
        "service": make_service(kab, "Layanan Kepegawaian Daerah", kind=ServiceKind.ADMINISTRASI),
        # another kabupaten's records: never suggested to Kabupaten Kupang
        "kota_dc": make_asset(kota, "Pusat Data Kota Kupang"),
        "kota_app": make_app(kota, "SIMPEG Kota Kupang", ownership_class=OwnershipClass.UMUM_NASIONAL),
        "kota_intra": make_asset(kota, "Jaringan Intra Kota", kind=AssetKind.JARINGAN_INTRA),
    }
    out["audit"] = katalog_services.security_audit_record(
        actor=None,
        application=out["simpeg"],
        audited_on=dt.date(2025, 3, 4),
        auditor="BSSN",
        conclusion=AuditConclusion.MEMADAI,
    )
    out["kota_audit"] = katalog_services.security_audit_record(
        actor=None,
        asset=out["kota_dc"],
        audited_on=dt.date(2025, 5, 6),
        auditor="BSSN",
        conclusion=AuditConclusion.MEMADAI,
    )
    return out


def _keys(org, code: str, number: str) -> set[str]:
    return {s.key for s in evidence_suggestions(org, IndicatorRef(code, number))}


def test_pusat_data_jaringan_intra_splp_and_audits(province, records) -> None:
    kab = province["kabupaten"]
    assert _keys(kab, "spbe-2020", "16") == {f"katalog:aset:{records['dc'].pk}"}
    # the OPD's intranet counts for its instansi
    assert _keys(kab, "spbe-2020", "17") == {f"katalog:aset:{records['intra'].pk}"}
    assert _keys(kab, "spbe-2020", "18") == {f"katalog:aset:{records['splp'].pk}"}
    assert _keys(kab, "spbe-2020", "31") == {f"katalog:audit:{records['audit'].pk}"}
    assert _keys(kab, "pemdi-2026", "9") == {f"katalog:audit:{records['audit'].pk}"}
    assert _keys(kab, "spbe-2018", "24") == {f"katalog:aplikasi:{records['srikandi'].pk}"}
    assert f"katalog:arsitektur:{kab.pk}" in _keys(kab, "spbe-2020", "11")


def test_admin_service_indicators_match_by_words(province, records) -> None:
    keys = _keys(province["kabupaten"], "spbe-2020", "36")  # Layanan Kepegawaian
    assert keys == {f"katalog:aplikasi:{records['simpeg'].pk}", f"katalog:layanan:{records['service'].pk}"}
    (app,) = [
        s for s in evidence_suggestions(province["kabupaten"], IndicatorRef("spbe-2020", "36")) if "SIMPEG" in s.title
    ]
    assert "kepegawaian" in str(app.reason).casefold()


def test_retired_applications_and_unmapped_indicators_suggest_nothing(province, records) -> None:
    kab = province["kabupaten"]
    assert f"katalog:aplikasi:{records['retired'].pk}" not in _keys(kab, "spbe-2020", "15")
    assert _keys(kab, "spbe-2020", "1") == set()  # a policy indicator
    assert _keys(kab, "uji-2024", "1") == set()  # an unknown framework


def test_another_kabupatens_records_are_never_suggested(province, records) -> None:
    foreign = {
        f"katalog:aset:{records['kota_dc'].pk}",
        f"katalog:aplikasi:{records['kota_app'].pk}",
        f"katalog:aset:{records['kota_intra'].pk}",
        f"katalog:audit:{records['kota_audit'].pk}",
    }
    for code, number in INDICATORS:
        assert not foreign & _keys(province["kabupaten"], code, number), (code, number)
    # and the OPD sees only its own, not its instansi's
    assert _keys(province["kabupaten_opd"], "spbe-2020", "16") == set()
    assert _keys(province["kabupaten_opd"], "spbe-2020", "17") == {f"katalog:aset:{records['intra'].pk}"}


def test_the_provider_is_registered_with_the_evaluations(province, records) -> None:
    groups = suggestions_for(province["kabupaten"], IndicatorRef("spbe-2020", "16"))
    assert [(g.name, str(g.label)) for g in groups] == [("katalog", "Katalog TIK")]


# -- attaching ---------------------------------------------------------------------------------


@pytest.fixture
def spbe_submission(province) -> Submission:
    framework = _load("spbe-2020")
    cycle = evaluation_services.cycle_open(
        actor=None,
        framework=framework,
        year=2025,
        name="Evaluasi SPBE uji 2025",
        participants=[province["province"], province["kabupaten"], province["kota"]],
    )
    return cycle.submissions.get(organisation=province["kabupaten"])


@pytest.fixture
def team(login, province):
    return login(province["kabupaten"], "tim_koordinasi")


def test_attach_makes_the_library_item_once(spbe_submission, records, team, settings, tmp_path) -> None:
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"  # this test's files only (others share the run's root)
    _client, user = team
    answer = spbe_submission.answers.get(number="16")
    key = f"katalog:aset:{records['dc'].pk}"
    evidence, changed = evaluation_services.evidence_attach_suggestion(actor=user, answer=answer, key=key)
    assert changed
    assert evidence.source == key
    # a PDF sheet of the record as it stands now, stored privately like an upload
    assert (evidence.url, evidence.file_type, len(evidence.sha256)) == ("", "pdf", 64)
    assert private_files() == [f"evaluasi/{evidence.file.name}"]
    with evidence.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert evidence.title.startswith("Infrastruktur di Katalog TIK: Pusat Data Kabupaten Kupang")  # in Indonesian
    assert evidence.issuer == records["dc"].organisation.name
    assert AnswerEvidence.objects.filter(answer=answer, evidence=evidence).count() == 1
    events = AuditEvent.objects.filter(action="evaluations.evidence.suggestion_attached")
    assert events.count() == 1

    again, changed = evaluation_services.evidence_attach_suggestion(actor=user, answer=answer, key=key)
    assert (again.pk, changed) == (evidence.pk, False)
    assert Evidence.objects.filter(source=key).count() == 1
    assert AnswerEvidence.objects.filter(answer=answer).count() == 1
    assert events.count() == 1  # nothing changed, nothing audited
    assert len(private_files()) == 1  # no second sheet made

    # the same record for another indicator reuses the library item
    other = spbe_submission.answers.get(number="24")
    reused, changed = evaluation_services.evidence_attach_suggestion(actor=user, answer=other, key=key)
    assert (reused.pk, changed) == (evidence.pk, True)
    assert Evidence.objects.filter(source=key).count() == 1


def test_only_suggested_records_of_the_own_team_in_a_draft(spbe_submission, records, team, login, province) -> None:
    _client, user = team
    answer = spbe_submission.answers.get(number="16")
    with pytest.raises(ValidationError) as exc:  # another kabupaten's data centre
        evaluation_services.evidence_attach_suggestion(
            actor=user, answer=answer, key=f"katalog:aset:{records['kota_dc'].pk}"
        )
    assert exc.value.code == "not_suggested"
    with pytest.raises(ValidationError):  # a record that fits another indicator
        evaluation_services.evidence_attach_suggestion(
            actor=user, answer=answer, key=f"katalog:aset:{records['intra'].pk}"
        )
    _other_client, other_team = login(province["kota"], "tim_koordinasi")
    with pytest.raises(PermissionDenied):
        evaluation_services.evidence_attach_suggestion(
            actor=other_team, answer=answer, key=f"katalog:aset:{records['dc'].pk}"
        )
    assert not Evidence.objects.exists()
    assert not AuditEvent.objects.filter(action="evaluations.evidence.suggestion_attached").exists()


def test_a_submitted_claim_takes_no_attachment(spbe_submission, records, team) -> None:
    _client, user = team
    Submission.objects.filter(pk=spbe_submission.pk).update(state="submitted")
    answer = spbe_submission.answers.get(number="16")
    with pytest.raises(ValidationError) as exc:
        evaluation_services.evidence_attach_suggestion(
            actor=user, answer=answer, key=f"katalog:aset:{records['dc'].pk}"
        )
    assert exc.value.code == "locked"
    assert not Evidence.objects.exists()


# -- the page ----------------------------------------------------------------------------------


def _url(submission: Submission, number: str) -> str:
    return f"/evaluasi/penilaian/{submission.pk}/indikator/{number}/"


def test_the_indicator_page_shows_the_suggestions(spbe_submission, records, team) -> None:
    client, _user = team
    response = client.get(_url(spbe_submission, "16"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Saran bukti dari Katalog TIK" in page
    assert "Pusat Data Kabupaten Kupang" in page
    assert "Pusat Data Kota Kupang" not in page
    assert f'name="attach_suggestion" value="katalog:aset:{records["dc"].pk}"' in page
    assert "Lampirkan" in page
    # an indicator without a mapping shows no section
    assert "Saran bukti dari" not in client.get(_url(spbe_submission, "1")).content.decode()


def test_attaching_from_the_page_keeps_what_was_typed(spbe_submission, records, team) -> None:
    client, _user = team
    answer = spbe_submission.answers.get(number="16")
    key = f"katalog:aset:{records['dc'].pk}"
    response = client.post(
        _url(spbe_submission, "16"),
        {
            "level": "3",
            "explanation": "Pusat data dikelola Diskominfo",
            "version": answer.version,
            "attach_suggestion": key,
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(_url(spbe_submission, "16") + "#suggestions")
    answer.refresh_from_db()
    assert (answer.self_value, answer.explanation) == (3, "Pusat data dikelola Diskominfo")
    assert list(answer.evidence.values_list("source", flat=True)) == [key]
    page = client.get(response["Location"]).content.decode()
    assert "dilampirkan sebagai bukti" in page
    assert "Terlampir" in page

    # attaching again (a form opened before) changes nothing and says so; the page's form lists
    # the attached item among the cited evidence, so the draft's save keeps it
    evidence = Evidence.objects.get(source=key)
    data = {"level": "3", "explanation": "Pusat data dikelola Diskominfo", "evidence": [evidence.pk]}
    response = client.post(
        _url(spbe_submission, "16"), {**data, "version": answer.version, "attach_suggestion": key}, follow=True
    )
    assert Evidence.objects.filter(source=key).count() == 1
    assert "sudah dilampirkan" in response.content.decode()


def test_a_conflicting_save_attaches_nothing_and_keeps_the_input(spbe_submission, records, team) -> None:
    client, user = team
    answer = spbe_submission.answers.get(number="16")
    evaluation_services.answer_save(actor=user, answer=answer, value=2, explanation="lama", version=answer.version)
    response = client.post(
        _url(spbe_submission, "16"),
        {
            "level": "4",
            "explanation": "ketikan baru",
            "version": 0,
            "attach_suggestion": f"katalog:aset:{records['dc'].pk}",
        },
    )
    assert response.status_code == 409
    assert "ketikan baru" in response.content.decode()
    assert not Evidence.objects.exists()


def test_readers_see_no_suggestions(spbe_submission, records, login, province) -> None:
    client, _user = login(province["kabupaten"], "viewer")
    response = client.get(_url(spbe_submission, "16"))
    assert "Saran bukti dari" not in response.content.decode()


def test_the_indicator_page_with_suggestions_is_valid_html(spbe_submission, records, team) -> None:
    from tests.conformance import vnu

    vnu.require_vnu()
    client, _user = team
    pages = {f"indicator-{n}": client.get(_url(spbe_submission, n)).content.decode() for n in ("16", "36", "31")}
    client.post(
        _url(spbe_submission, "16"),
        {
            "version": spbe_submission.answers.get(number="16").version,
            "attach_suggestion": f"katalog:aset:{records['dc'].pk}",
        },
    )
    pages["attached"] = client.get(_url(spbe_submission, "16")).content.decode()
    assert "Terlampir" in pages["attached"]
    errors = vnu.check(pages)
    assert not errors, "\n".join(str(e) for e in errors)


def test_the_architecture_is_attached_as_the_sia_spbe_workbook(spbe_submission, records, team) -> None:
    from openpyxl import load_workbook

    _client, user = team
    answer = spbe_submission.answers.get(number="11")  # Arsitektur SPBE
    key = f"katalog:arsitektur:{spbe_submission.organisation.pk}"
    evidence, _changed = evaluation_services.evidence_attach_suggestion(actor=user, answer=answer, key=key)
    assert evidence.file_type == "xlsx"
    with evidence.file.open("rb") as handle:
        book = load_workbook(handle, read_only=True)
        names = [row[1] for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert "SRIKANDI" in names and "SIMPEG Kabupaten Kupang" in names  # the OPD's too
    assert "SIMPEG Kota Kupang" not in names  # never another kabupaten's


def test_the_assigned_asesor_downloads_an_attached_sheet(spbe_submission, records, team, login, province) -> None:
    _client, user = team
    answer = spbe_submission.answers.get(number="31")
    key = f"katalog:audit:{records['audit'].pk}"
    evidence, _changed = evaluation_services.evidence_attach_suggestion(actor=user, answer=answer, key=key)
    assert (evidence.issuer, evidence.issued_on) == ("BSSN", dt.date(2025, 3, 4))
    asesor_client, asesor = login(province["province"], "asesor")
    evaluation_services.assignment_create(actor=None, submission=spbe_submission, asesor=asesor)
    response = asesor_client.get(f"/evaluasi/bukti/{province['kabupaten'].slug}/{evidence.pk}/unduh/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content if response.streaming else [response.content])[:5] == b"%PDF-"


def test_the_sheet_says_what_the_record_is_in_indonesian_and_leaves_costs_out(province) -> None:
    from django.template.loader import render_to_string
    from django.utils import translation

    from lontar.katalog.selectors.evidence import _asset_rows

    cloud = make_asset(
        province["kabupaten"],
        "Awan Pemkab Kupang",
        kind=AssetKind.KOMPUTASI_AWAN,
        attributes={"tipe_cloud": "Privat", "biaya_layanan_per_tahun": 9500000},
    )
    with translation.override("id"):
        rows = [(str(label), str(value)) for label, value in _asset_rows(cloud)]
        html = render_to_string(
            "katalog/evidence_sheet_pdf.html",
            {"sheet_title": "Infrastruktur: Awan", "rows": rows, "organisation_name": "Pemkab", "is_sample": True},
        )
    values = dict(rows)
    assert values["nama"] == "Awan Pemkab Kupang"  # the field's label (capitalised on the sheet)
    assert "Privat" in values.values()
    assert "9500000" not in " ".join(values.values())  # the yearly cost is private
    assert "Lembar Katalog TIK" in html and "Data contoh" in html
