"""Figures: what a number counts, and when sources disagree."""

from __future__ import annotations

from babelwire.describe.dating import Dated, effective_dates
from babelwire.describe.figures import build_figures, figures_in
from babelwire.model import Article, PartialDate
from babelwire.pipeline import understand
from babelwire.readers import read_paths
from tests.conftest import SAMPLES, need


def _found(text: str, lang: str = "en") -> set[tuple[str, float, float | None]]:
    return {(v.what, v.low, v.high) for v in figures_in(text, "a", lang)}


def test_tolls_in_several_languages():
    assert _found("Hundreds were injured and one person died.") == {
        ("injured", 200, 999),
        ("dead", 1, 1),
    }
    assert _found("Minst 12 mennesker omkom.", "nb") == {("dead", 12, None)}
    assert _found("Mehr als 200 Menschen wurden verletzt.", "de") == {("injured", 201, None)}
    assert _found("Dos personas fueron detenidas.", "es") == {("arrested", 2, 2)}
    assert _found("Au moins 5 morts.", "fr") == {("dead", 5, None)}


def test_cue_before_the_number_and_other_units():
    assert ("dead", 14, None) in _found("The quake struck, killing at least 14 people.")
    assert _found("He got six years in prison.") == {("years of prison", 6, 6)}
    assert _found("Turnout was 61 percent.") == {("percent", 61, 61)}
    assert _found("He took $4.5 million.") == {("money (USD)", 4_500_000, 4_500_000)}


def test_counts_of_things_need_no_cue_word():
    assert _found("Hindistan 59 uygulamayı yasakladı.", "tr") == {("uygulama", 59, 59)}
    assert ("pompier", 51, 51) in _found("51 pompiers ont été sollicités.", "fr")
    assert _found("Several party leaders spoke.") == set()


def test_a_count_without_cue_counts_the_plural_noun_not_an_adjective_or_a_verb():
    # Where a noun is plural after "two", the first plural is what is counted.
    assert _found("Two former prime ministers were freed.") == {("minister", 2, 2)}
    assert _found("Four police guarded it.") == {("police", 4, 4)}
    assert _found("Zwei neue Raketen flogen.", "de") == {("Rakete", 2, 2)}
    # "only five got in": a verb after the number, no noun, no figure.
    assert _found("16 partier stilte til valg, bare fem kom inn.", "nb") == {("parties", 16, 16)}
    # Turkish nouns stay singular after a number: the next word is still the noun.
    assert _found("Polis 12 araç buldu.", "tr") == {("araç", 12, 12)}


def test_dates_years_clock_times_and_ordinals_are_not_figures():
    assert _found("They were freed on 24 April 2020 at 12:16, after the 2nd round.") == set()
    assert _found("Il a été libéré le 3 mars.", "fr") == set()
    assert _found("عمان 13 شباط (بترا)", "ar") == set()
    assert _found("COVID-19 spread.") == set()


def test_one_written_as_a_word_is_an_article_unless_a_cue_counts_it():
    assert _found("Bir binanın balkonu çöktü.", "tr") == set()
    assert _found("Una mujer murió.", "es") == {("dead", 1, 1)}


def test_figures_in_arabic_turkish_and_chinese():
    assert ("dead", 2012, 2012) in _found("ارتفاع الحصيلة إلى 2012 قتيلاً و2059 مصاباً", "ar")
    assert ("injured", 2059, 2059) in _found("ارتفاع الحصيلة إلى 2012 قتيلاً و2059 مصاباً", "ar")
    assert _found("29 bin 65 kişi hayatını kaybetti.", "tr") == {("dead", 29065, 29065)}
    assert ("missing", 6, 6) in _found("大桥坍塌。六人失踪。", "zh")
    assert ("dead", 93, None) in _found("山火已造成至少93人死亡。", "zh")
    assert ("percent", 53.6, 53.6) in _found("Oyların yüzde 53,6'sını aldı.", "tr")


def test_ranges_and_headline_figures():
    assert ("kg/m2", 21, 50) in _found("Yağış kuvvetli (21-50 kg/m2) olacak.", "tr")
    article = Article("a", "x", "Rescuers dug on.", "a", title="Quake kills 12", lang="en")
    assert {(f["what"], f["values"][0]["low"]) for f in _lines(article)} == {("dead", 12)}


def _article(aid: str, text: str, day: str) -> Article:
    return Article(aid, text, text, aid, lang="en", date=PartialDate.parse(day))


def _lines(*articles: Article) -> list[dict]:
    dates = {a.id: Dated(a.date, False) for a in articles}
    return build_figures(list(articles), dates)


def _figures(*articles: Article) -> dict[str, bool]:
    dates = {a.id: Dated(a.date, False) for a in articles}
    return {f["what"]: f["disagreement"] for f in build_figures(list(articles), dates)}


def test_compatible_ranges_agree_and_incompatible_ones_disagree():
    a = _article("a", "Hundreds were injured and 3 people died.", "2020-10-06")
    b = _article("b", "590 people were injured and 9 people died.", "2020-10-06")
    assert _figures(a, b) == {"injured": False, "dead": True}


def test_a_toll_that_rises_over_days_is_an_update_not_a_disagreement():
    a = _article("a", "At the scene, 3 people died.", "2020-10-05")
    b = _article("b", "By now 9 people died.", "2020-10-07")
    assert _figures(a, b) == {"dead": False}


def test_different_counts_of_one_unit_are_not_a_disagreement():
    a = _article("a", "Two parties linked to the elite won most seats.", "2020-10-06")
    b = _article("b", "A dozen opposition parties took to the streets.", "2020-10-06")
    assert _figures(a, b) == {"parties": False}


def test_one_unit_counting_two_things_is_two_lines():
    a = _article("a", "16 parties stood and 2 parties won seats.", "2020-10-06")
    b = _article("b", "Only two parties won seats.", "2020-10-06")
    lines = {frozenset((v["article_id"], v["low"]) for v in f["values"]) for f in _lines(a, b)}
    assert lines == {frozenset({("a", 16)}), frozenset({("a", 2), ("b", 2)})}


def test_the_same_number_in_other_words_is_one_line_and_a_toll_one_line_whatever_the_value():
    a = Article("a", "x", "El carguero, de 300 metros, chocó. Murieron seis.", "a", lang="es")
    b = Article("b", "x", "Het schip van 300 meter voer. Zes doden.", "b", lang="nl")
    lines = _lines(a, b)
    assert sorted(len(f["values"]) for f in lines) == [2, 2]


def test_sources_giving_two_magnitudes_disagree():
    a = _article("a", "A magnitude 6.8 quake struck.", "2023-09-09")
    b = _article("b", "The quake had a magnitude of 7 by the national institute.", "2023-09-09")
    assert _figures(a, b) == {"magnitude": True}


def _grouped(*articles: Article) -> set[frozenset[tuple[str, float]]]:
    return {frozenset((v["article_id"], v["low"]) for v in f["values"]) for f in _lines(*articles)}


def test_an_approximate_value_joins_the_line_nearest_what_it_states():
    de = Article(
        "de", "x", "Er gewann 53,7 Prozent. Die Beteiligung lag bei 49,8 Prozent.", "de", lang="de"
    )
    en = Article("en", "x", "He won about 54% of the votes.", "en", lang="en")
    assert frozenset({("de", 53.7), ("en", 49)}) in _grouped(de, en)


def test_a_toll_is_one_line_across_sources_but_other_deaths_in_one_article_are_not():
    a = Article("a", "x", "3 239 morts sur les routes. Onze morts en trottinette.", "a", lang="fr")
    b = Article("b", "x", "Les routes ont fait 3.239 tués en 2019.", "b", lang="fr")
    c = Article("c", "x", "Au moins 3 300 morts, selon un autre bilan.", "c", lang="fr")
    assert _grouped(a, b, c) == {
        frozenset({("a", 3239), ("b", 3239), ("c", 3300)}),
        frozenset({("a", 11)}),
    }


def test_sources_giving_two_magnitudes_in_one_article_is_one_line():
    a = Article(
        "a", "x", "قوة الزلزال 7 درجات، وقدرتها الهيئة الأمريكية بـ6.8 درجات.", "a", lang="ar"
    )
    assert len(_lines(a)) == 1


def test_units_of_time_and_measure_are_one_line_across_languages_whatever_the_number():
    fr = Article("fr", "x", "Le roi a décrété un deuil national de trois jours.", "fr", lang="fr")
    ar = Article("ar", "x", "وأمر الملك بإعلان الحداد الوطني لمدة ثلاثة أيام.", "ar", lang="ar")
    en = Article("en", "x", "We have slept in the olive groves for three nights.", "en", lang="en")
    lines = {f["what"]: len(f["values"]) for f in _lines(fr, ar, en)}
    assert lines == {"day": 2, "night": 1}


def test_a_count_word_before_the_number_says_what_it_counts():
    assert ("injured", 2400, 2400) in _found("Yaralı sayısı ise 2 bin 400'ü geçti.", "tr")
    toll = "The death toll from Friday night's earthquake rose to nearly 2,500."
    assert ("dead", 2250, 2500) in _found(toll)
    assert _found("The number of seats rose to 12.") == set()  # no toll beside the count word


def test_the_same_number_however_qualified_is_one_line():
    en = Article("en", "x", "Pezeshkian received 16.3 million votes.", "en", lang="en")
    ar = Article("ar", "x", "حصل بزشكيان على أكثر من 16.3 مليون صوت.", "ar", lang="ar")
    assert len(_lines(en, ar)) == 1


def test_chinese_dates_articles_and_clauses():
    assert _found("当地时间3月26日凌晨\uff0c一艘货轮撞上大桥。", "zh") == set()
    assert ("missing", 6, 6) in _found("两人获救\uff0c另有六人失踪。", "zh")
    assert ("injured", 22, 22) not in _found("船上22名船员均为印度籍\uff0c无人受伤。", "zh")


def test_one_article_giving_one_number_in_two_words_joins_the_lines():
    a = Article("a", "x", "Felicita a Cuba por los 61 años de la Revolución.", "a", lang="es")
    b = Article("b", "x", "Felicita a Cuba por 61 aniversario. Fueron 61 años.", "b", lang="es")
    assert len(_lines(a, b)) == 1


def test_a_toll_and_a_count_of_people_with_the_same_number_are_one_line_not_a_measure():
    a = Article("a", "x", "Doğum günü partisine baskın: 46 gözaltı.", "a", lang="tr")
    b = Article("b", "x", "Partideki 46 kişiye ceza kesildi.", "b", lang="tr")
    c = Article("c", "x", "Polis 46 km uzaktaki eve gitti.", "c", lang="tr")
    assert _grouped(a, b, c) == {frozenset({("a", 46), ("b", 46)}), frozenset({("c", 46)})}


def test_a_number_opening_its_sentence_counts_what_the_sentence_says_of_it():
    crew = "Six members of a road crew who had been filling potholes on the bridge are missing."
    assert _found(crew) == {("missing", 6, 6)}
    nl = "Zes wegwerkers die op de brug aan het werk waren, worden vermist."
    assert _found(nl, "nl") == {("missing", 6, 6)}
    assert ("injured", 2, 2) not in _found("Two people were pulled out, one of them injured.")


def test_slavic_tolls_with_the_verb_first_declined_numbers_and_thousands():
    assert _found("W samej Turcji zginęło ponad 31 tys. osób.", "pl") == {("dead", 31_001, None)}
    assert _found("W wypadku zginęły trzy osoby, a dwie zostały ranne.", "pl") == {
        ("dead", 3, 3),
        ("injured", 2, 2),
    }
    assert _found("При пожаре погибли 12 человек, ещё 40 пострадали.", "ru") == {
        ("dead", 12, 12),
        ("injured", 40, 40),
    }
    assert _found("Při nehodě zemřelo pět lidí.", "cs") == {("dead", 5, 5)}
    assert _found("Внаслідок обстрілу загинули щонайменше 7 людей.", "uk") == {("dead", 7, None)}


def test_a_toll_that_exceeded_a_number_is_more_than_it():
    assert _found("Liczba ofiar śmiertelnych przekroczyła 35 tys.", "pl") == {
        ("dead", 35_001, None)
    }
    assert _found("The death toll has exceeded 5,000.") == {("dead", 5001, None)}


def test_a_number_of_days_opening_a_sentence_counts_days_not_its_toll():
    found = _found("Zwei Tage nach dem Beben ist die Zahl der Toten auf 11.000 gestiegen.", "de")
    assert found == {("day", 2, 2), ("dead", 11_000, 11_000)}


def test_a_scandinavian_adjective_before_the_noun_is_not_what_is_counted():
    assert _found("De to kraftige skjelvene rammet regionen.", "nb") == {("skjelv", 2, 2)}


def test_the_samples_death_toll_in_four_languages_is_one_line_without_disagreement():
    paths = sorted(str(p) for p in need(SAMPLES).glob("docs/turkeyquake_*.txt"))
    articles = [understand(raw) for raw in read_paths(paths)]  # type: ignore[arg-type]
    dead = [f for f in build_figures(articles, effective_dates(articles)) if f["what"] == "dead"]
    assert len(dead) == 1 and not dead[0]["disagreement"]
    assert {v["article_id"].split("_")[1] for v in dead[0]["values"]} == {"de", "en", "nb", "pl"}


def test_a_slavic_adjective_before_the_noun_is_not_what_is_counted():
    assert _found("Wysłano dwa dodatkowe samoloty.", "pl") == {("samolot", 2, 2)}
    assert _found("Прибыли два новых самолёта.", "ru") == {("самолет", 2, 2)}


def test_a_death_toll_in_five_languages_is_one_line():
    texts = [
        ("en", "The earthquake killed 2,012 people, officials said."),
        ("fr", "Le séisme a fait au moins 2 000 morts selon les autorités."),
        ("es", "Murieron más de 2.000 personas en el terremoto."),
        ("ar", "ارتفعت حصيلة الزلزال إلى 2012 قتيلا."),
        ("tr", "Depremde 2 bin 12 kişi öldü."),
    ]
    articles = [
        Article(lang, text, text, lang, lang=lang, date=PartialDate.parse("2023-09-10"))
        for lang, text in texts
    ]
    dead = [f for f in _lines(*articles) if f["what"] == "dead"]
    assert len(dead) == 1 and not dead[0]["disagreement"]
    assert {v["article_id"] for v in dead[0]["values"]} == {"en", "fr", "es", "ar", "tr"}
