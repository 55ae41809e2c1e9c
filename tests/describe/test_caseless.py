"""Names in scripts without capitals: Arabic and Chinese articles list their people,
places and organisations, merged with the Latin spellings of the event's other articles."""

from __future__ import annotations

from collections import Counter

from babelwire.describe.caseless import caseless_mentions, skeleton
from babelwire.describe.entities import build_entities
from babelwire.model import Article


def _kinds(text: str, lang: str) -> dict[str, str]:
    """Each name found, and the kind its cues (all its mentions') say."""
    cues: dict[str, Counter[str]] = {}
    for mention in caseless_mentions(text, "a", lang, []):
        cues.setdefault(mention.surface, Counter()).update(mention.cues)
    return {name: (c.most_common(1)[0][0] if c else "other") for name, c in cues.items()}


def test_arabic_names_after_titles_and_organisation_heads_and_places_cldr_knows():
    kinds = _kinds("أعلنت وزارة الداخلية المغربية أن الملك محمد السادس زار سوريا.", "ar")
    assert kinds["وزارة الداخلية المغربية"] == "organisation"
    assert kinds["محمد السادس"] == "person"
    assert kinds["سوريا"] == "place"


def test_a_name_ends_where_the_sentence_goes_on():
    kinds = _kinds("وقال رئيس الوزراء الياباني شينزو آبي إنه وافق، وأكدت وزارة الصحة ذلك", "ar")
    assert set(kinds) == {"شينزو آبي", "وزارة الصحة"}


def test_arabic_spellings_of_the_events_latin_names_are_found_and_merged():
    assert skeleton("Peseschkian") == skeleton("بزشكيان") == skeleton("Pezeşkiyan")
    en = Article(
        "en", "x", "In Iran, Masoud Pezeshkian won the run-off in Tehran.", "en", lang="en"
    )
    ar = Article("ar", "x", "فاز مسعود بزشكيان بالرئاسة في طهران.", "ar", lang="ar")
    entities = build_entities([en, ar])
    forms = [{e["name"], *e["aliases"]} for e in entities]
    assert {"Masoud Pezeshkian", "مسعود بزشكيان"} <= next(
        f for f in forms if "Masoud Pezeshkian" in f
    )
    assert {"Tehran", "طهران"} <= next(f for f in forms if "Tehran" in f)


def test_chinese_titles_places_and_transliterated_names():
    kinds = _kinds("美国总统拜登宣布马里兰州进入紧急状态。", "zh")
    assert kinds["拜登"] == "person"
    assert kinds["美国"] == "place"
    assert kinds["马里兰州"] == "place"


def test_an_arabic_full_name_joins_the_surname_the_latin_articles_write():
    en = Article("en", "x", "On Friday, Macron spoke to the press.", "en", lang="en")
    ar = Article("ar", "x", "وقال الرئيس إيمانويل ماكرون للصحفيين.", "ar", lang="ar")
    forms = [{e["name"], *e["aliases"]} for e in build_entities([en, ar])]
    assert any({"Macron", "إيمانويل ماكرون"} <= f for f in forms)


def test_a_name_written_without_its_final_letter_in_another_language_is_one():
    fr = Article("fr", "x", "Un incendie a ravagé le camp de Moria, sur Lesbos.", "fr", lang="fr")
    it = Article("it", "x", "Un incendio ha distrutto il campo di Moria a Lesbo.", "it", lang="it")
    forms = [{e["name"], *e["aliases"]} for e in build_entities([fr, it])]
    assert {"Lesbos", "Lesbo"} in forms


def test_a_transliteration_and_its_latin_name_keep_the_same_sounds():
    from babelwire.describe.caseless import han_core, han_sounds, latin_sounds

    assert han_sounds("拜登") == latin_sounds("Biden") == "bdn"
    assert han_sounds(han_core("帕塔普斯科河")) == latin_sounds("Patapsco")
    assert han_sounds("格林") == latin_sounds("Green")
    assert han_sounds("拜登") != latin_sounds("Brandon")


def test_an_arabic_organisation_governs_what_it_is_for_and_the_un_is_no_place():
    kinds = _kinds(
        "قال المرصد السوري لحقوق الإنسان ووكالة أنباء سوريا إن الأمم المتحدة وصلت إلى عمان.", "ar"
    )
    assert kinds["المرصد السوري لحقوق الإنسان"] == "organisation"
    assert kinds["وكالة أنباء سوريا"] == "organisation"
    assert kinds["الأمم المتحدة"] == "organisation"
    assert kinds["عمان"] == "place"  # CLDR writes عمّان, with a shadda


def test_turkish_c_is_the_j_of_other_spellings():
    assert skeleton("Said Celili", "tr") == skeleton("Saeed Jalili") == skeleton("سعيد جليلي")
    assert skeleton("Çin", "tr") == skeleton("Chin")
