"""The English check: other languages are refused with a clear error, English passes."""
from __future__ import annotations

import pytest

from sayso.errors import NotEnglishError
from sayso.record import Failure
from sayso.read import ReadOptions, read_sources
from sayso.read.language import check_english, english_share

ENGLISH = ("The minister said on Tuesday that the talks with the rebels would resume next week, "
           "but he warned that a ceasefire was not yet in sight.")
OTHERS = {
    "fr": "Le ministre a déclaré mardi que les négociations avec les rebelles reprendraient la semaine "
          "prochaine, mais il a averti qu'un cessez-le-feu n'était pas encore en vue.",
    "es": "El ministro dijo el martes que las conversaciones con los rebeldes se reanudarán la próxima "
          "semana, pero advirtió que un alto el fuego todavía no está a la vista.",
    "de": "Der Minister sagte am Dienstag, die Gespräche mit den Rebellen würden nächste Woche "
          "fortgesetzt, warnte aber, dass eine Waffenruhe noch nicht in Sicht sei.",
    "id": "Menteri mengatakan pada hari Selasa bahwa perundingan dengan para pemberontak akan dilanjutkan "
          "pekan depan, tetapi dia memperingatkan bahwa gencatan senjata belum terlihat.",
}


def test_english_scores_well_above_the_threshold():
    share, count = english_share(ENGLISH)
    assert count > 20 and share > 0.25


@pytest.mark.parametrize("lang", sorted(OTHERS))
def test_other_languages_are_refused(lang):
    with pytest.raises(NotEnglishError) as info:
        check_english(OTHERS[lang], f"{lang}.txt", 0.08)
    assert str(info.value).startswith(f"{lang}.txt: does not look like English")
    assert "sayso reads English only" in str(info.value)


def test_short_text_cannot_be_judged_and_passes():
    check_english("Der Minister sagte am Dienstag", "x", 0.08)


def test_threshold_zero_turns_the_check_off():
    check_english(OTHERS["fr"], "x", 0.0)


def test_a_non_english_file_in_a_batch_is_skipped(tmp_path):
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHERS["es"], encoding="utf-8")
    items = list(read_sources([str(tmp_path)]))
    assert not isinstance(items[0], Failure) and items[0].meta.language == "en"
    assert isinstance(items[1], Failure) and "b.txt" in items[1].error and "English" in items[1].error
    assert not isinstance(list(read_sources([str(tmp_path / "b.txt")], ReadOptions(min_english=0)))[0], Failure)
