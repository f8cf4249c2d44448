"""The Indonesian catalogues are complete: no untranslated or fuzzy entries (ADR 0003)."""

from lontar.core import i18n_check


def test_indonesian_catalogues_exist():
    assert i18n_check.catalogues(), "no Indonesian catalogue found"


def test_indonesian_catalogues_are_complete():
    problems = [p for c in i18n_check.catalogues() for p in i18n_check.problems(c)]
    assert not problems, "\n".join(problems[:50])


def test_checker_flags_untranslated_and_fuzzy(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Sign in"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Sign out"\nmsgstr "Keluar"\n\n'
        'msgid "Home"\nmsgstr "Beranda"\n',
        encoding="utf-8",
    )
    found = i18n_check.problems(po)
    assert len(found) == 2
    assert any("untranslated" in f and "Sign in" in f for f in found)
    assert any("fuzzy" in f and "Sign out" in f for f in found)
