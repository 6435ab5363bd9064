"""Which language a text plainly shows (claimkb.ingest.extract.language), on texts
written for these tests."""
import pytest

from claimkb.ingest.extract.language import declared_language, in_latin_script, text_language

ENGLISH = ("The minister said on Tuesday that the new bridge would open to traffic in the spring, "
           "and that the cost of the works had been lower than the council expected when it was planned.")
TEXTS = {
    "fr": ("Le ministre a déclaré mardi que le nouveau pont sera ouvert à la circulation au printemps, "
           "et que le coût des travaux a été plus bas que ce que la mairie attendait pour cette année."),
    "de": ("Der Minister sagte am Dienstag, dass die neue Brücke im Frühjahr für den Verkehr geöffnet wird "
           "und dass die Kosten der Arbeiten niedriger waren, als die Stadt bei der Planung erwartet hat."),
    "es": ("El ministro dijo el martes que el nuevo puente se abrirá al tráfico en la primavera, y que el "
           "coste de las obras fue más bajo de lo que el ayuntamiento esperaba cuando se planificó."),
    "el": ("Ο υπουργός είπε την Τρίτη ότι η νέα γέφυρα θα ανοίξει για την κυκλοφορία την άνοιξη και ότι "
           "το κόστος των έργων ήταν χαμηλότερο από ό,τι περίμενε το δημοτικό συμβούλιο όταν σχεδιάστηκε."),
}


def test_english_text_is_english():
    assert text_language(ENGLISH) == "en"


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_a_text_in_another_language_shows_it(language):
    assert text_language(TEXTS[language]) == language


def test_too_few_words_give_no_guess():
    assert text_language("Le pont sera ouvert au printemps.") is None


def test_names_and_figures_alone_give_no_guess():
    assert text_language(" ".join(["Aceh", "Bener", "Meriah", "6.1", "Takengon", "BNPB"] * 5)) is None


@pytest.mark.parametrize("tag,language", [("en", "en"), ("en-GB", "en"), ("EN_us", "en"), ("el", "el"),
                                          (" fr-CA ", "fr"), ("", None), (None, None)])
def test_declared_language_is_the_primary_tag(tag, language):
    assert declared_language(tag) == language


@pytest.mark.parametrize("text, latin", [
    (ENGLISH, True), (TEXTS["fr"], True), (TEXTS["el"], False),
    ("Городской совет одобрил бюджет.", False), ("시의회는 예산을 승인했다.", False),
    ("Совет Norland одобрил бюджет на 2025 год.", False),  # a Latin name in a Cyrillic sentence
    ("Mayor Lee (мэр) approved the budget for the Norland city council.", True),
    ("2025: 6.1%", True),  # no letters at all
])
def test_in_latin_script_is_what_most_letters_are(text, latin):
    assert in_latin_script(text) is latin
