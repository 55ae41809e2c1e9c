"""Entities: one per real thing across spellings, scripts and languages."""

from __future__ import annotations

from babelwire.describe.entities import build_entities
from babelwire.model import Article
from babelwire.represent.names import name_key


def _article(aid: str, lang: str, text: str) -> Article:
    return Article(aid, text, text, aid, lang=lang)


def _by_name(articles: list[Article]) -> dict[str, dict]:
    return {e["name"]: e for e in build_entities(articles)}


def test_spelling_keys_meet_across_transliterations():
    assert name_key("Bisjkek") == name_key("Bishkek") == name_key("Бишкек")
    assert name_key("Atambajev") == name_key("Atambayev")
    assert name_key("Dschaparow") == name_key("Japarov") == name_key("Zjaparov")


def test_one_entity_per_person_across_languages_with_kinds():
    found = _by_name(
        [
            _article("a", "en", "Protests erupted in Bishkek. President Sooronbai Jeenbekov "
                     "called for calm, and Jeenbekov said he would stay."),
            _article("b", "nb", "Tusenvis samlet seg i Bisjkek. \u2013 Vi vil at Jeenbekov går av, "
                     "sier president Jeenbekov."),
        ]
    )  # fmt: skip
    assert found["Sooronbai Jeenbekov"]["kind"] == "person"
    assert found["Sooronbai Jeenbekov"]["article_ids"] == ["a", "b"]
    assert found["Bishkek"]["aliases"] == ["Bisjkek"]
    assert found["Bishkek"]["kind"] == "place"
    assert "Jeenbekov" not in found


def test_capitals_that_are_grammar_are_not_names():
    found = _by_name(
        [_article("a", "en", "Opposition groups rallied. The opposition said the Central "
                  "Election Commission of the country was biased. On Tuesday nothing changed.")]
    )  # fmt: skip
    assert "Opposition" not in found and "Tuesday" not in found and "On" not in found
    assert found["Central Election Commission"]["kind"] == "organisation"


def test_german_nouns_are_not_names():
    found = _by_name(
        [_article("a", "de", "Bei einem schweren Erdbeben in Bischkek starben viele. Nach "
                  "Angaben der Regierung reiste Präsident Sadyr Dschaparow in die Stadt Osch.")]
    )  # fmt: skip
    assert set(found) == {"Bischkek", "Sadyr Dschaparow", "Osch"}
    assert found["Osch"]["kind"] == "place"


def test_a_title_and_what_qualifies_it_are_not_part_of_the_name():
    found = _by_name(
        [
            _article("a", "en", "Rescue teams worked overnight. Turkish President Recep Tayyip "
                     "Erdogan came, and Russian Foreign Minister Sergei Lavrov called."),
            _article("b", "de", "Die Helfer arbeiteten die ganze Nacht. Präsident Recep Tayyip "
                     "Erdoğan besuchte am Mittwoch die Provinz."),
        ]
    )  # fmt: skip
    assert found["Recep Tayyip Erdogan"]["article_ids"] == ["a", "b"]
    assert found["Recep Tayyip Erdogan"]["kind"] == "person"
    assert found["Sergei Lavrov"]["kind"] == "person"
    assert not any("President" in name or "Minister" in name for name in found)


def test_a_headline_in_sentence_case_is_read_for_names():
    article = Article(
        "a", "", "Baha'nın anlattığına göre komşuları kapıyı çaldı.", "a", lang="tr",
        title="ATV Esra Erol canlıda Baha Akkoç ifşası!",
    )  # fmt: skip
    assert "Baha Akkoç" in _by_name([article])


def test_a_title_case_headline_adds_only_what_the_text_names():
    article = Article(
        "a", "", "President Biden spoke in Washington on Thursday.", "a", lang="en",
        title="Biden Announces Sweeping New Vaccine Rules",
    )  # fmt: skip
    found = _by_name([article])
    assert "Biden" in found and "Announces Sweeping New Vaccine Rules" not in found


def test_states_and_provinces_are_places():
    found = _by_name(
        [_article("a", "es", "La lluvia cayó sobre Oaxaca y luego sobre Puebla, dijeron.")]
    )
    assert found["Oaxaca"]["kind"] == found["Puebla"]["kind"] == "place"


def test_a_place_named_with_of_is_one_name():
    found = _by_name(
        [_article("a", "es", "Llegaron a Ciudad de México y a San Pedro de Macorís, y "
                  "la Dirección General de la Policía Nacional habló del Gobierno de Venezuela.")]
    )  # fmt: skip
    assert {"Ciudad de México", "San Pedro de Macorís"} <= set(found)
    assert found["Dirección General de la Policía Nacional"]["kind"] == "organisation"
    assert "Gobierno de Venezuela" not in found  # a description, not a name


def test_a_romance_article_written_with_a_capital_opens_the_name():
    found = _by_name([_article("a", "es", "Dos jóvenes murieron en La Romana, dijo la policía.")])
    assert "La Romana" in found and "Romana" not in found


def test_the_body_a_title_belongs_to_is_named_too():
    found = _by_name(
        [_article("a", "tr", "Törene ayrıca AFAD Başkanı Mehmet Güllüoğlu ve Florida Gov. "
                  "Ron DeSantis katıldı.")]
    )  # fmt: skip
    assert found["AFAD"]["kind"] == "organisation"
    assert found["Mehmet Güllüoğlu"]["kind"] == "person"


def test_a_chinese_transliteration_joins_the_latin_name_it_sounds_like():
    found = _by_name(
        [
            _article("en", "en", "President Joe Biden spoke to Governor Wes Moore of Maryland "
                     "after the bridge in Baltimore fell."),
            _article("zh", "zh", "美国总统拜登与马里兰州州长韦斯·摩尔通话\uff0c"
                     "巴尔的摩的大桥倒塌。"),
        ]
    )  # fmt: skip
    assert "拜登" in found["Joe Biden"]["aliases"]
    assert "韦斯·摩尔" in found["Wes Moore"]["aliases"]
    assert "马里兰州" in found["Maryland"]["aliases"]
    assert "巴尔的摩" in found["Baltimore"]["aliases"]


def test_a_person_called_by_one_of_their_names_is_one_entry_unless_two_share_it():
    found = _by_name(
        [_article("a", "tr", "Ali Akkoç ile Baha Akkoç evlendi. Leyla Özdoğanlar kapıyı çaldı. "
                  "Sonra Leyla bana bağırdı, Ali de geldi, Akkoç ailesi korktu.")]
    )  # fmt: skip
    assert "Leyla" in found["Leyla Özdoğanlar"]["aliases"]
    assert "Ali" in found["Ali Akkoç"]["aliases"]
    assert "Akkoç" not in found["Ali Akkoç"]["aliases"] + found["Baha Akkoç"]["aliases"]


def test_an_apostrophe_inside_a_name_is_no_ending_outside_turkish():
    found = _by_name(
        [
            _article("en", "en", "Ash covered Nuku'alofa and the island of Samos, officials said."),
            _article("it", "it", "Sull'isola di Samo due ragazzi sono morti, e a Smirne si scava."),
        ]
    )  # fmt: skip
    assert "Nuku'alofa" in found
    assert found["Samos"]["aliases"] == ["Samo"]  # not Samoa, whatever Esperanto calls it


def test_a_line_in_capitals_names_only_what_is_known():
    text = "İSTANBUL\n\nYağış bekleniyor.\n\nGÖRE HAVA DURUMU\n\nDİYARBAKIR\n\nVali açıkladı."
    found = _by_name([_article("a", "tr", text)])
    assert found["İstanbul"]["kind"] == found["Diyarbakır"]["kind"] == "place"
    assert not {"Göre", "Hava", "Durumu", "Hava Durumu"} & set(found)


def test_month_and_day_names_and_lone_kind_words_are_not_names():
    found = _by_name(
        [_article("a", "tr", "Haziran ayında yağış bekleniyor. Batı Mahallesi boşaltıldı. "
                  "Cuma günü Hindistan Çin'e yanıt verdi.")]
    )  # fmt: skip
    assert not {"Haziran", "Cuma", "Mahallesi", "Hindistan Çin"} & set(found)
    assert {"Batı Mahallesi", "Hindistan", "Çin"} <= set(found)


def test_a_name_after_an_elided_preposition_is_found():
    found = _by_name([_article("a", "fr", "Des immeubles d'Izmir se sont effondrés, dit-on.")])
    assert found["Izmir"]["kind"] == "place"


def test_a_names_own_kind_word_and_a_part_of_a_land_say_its_kind():
    found = _by_name(
        [_article("a", "tr", "Balkonlar Dr. Orhan Maltepe Caddesi üzerinde çöktü. Yağış en çok "
                  "Batı Karadeniz ve İç Anadolu bölgelerinde etkili olacak.")]
    )  # fmt: skip
    assert found["Orhan Maltepe Caddesi"]["kind"] == "place"
    assert found["Batı Karadeniz"]["kind"] == found["İç Anadolu"]["kind"] == "place"


def test_an_abbreviated_month_is_no_name_and_a_speaker_is_a_title():
    found = _by_name(
        [_article("a", "en", "At the hearing on Jan. 6, House Speaker Nancy Pelosi spoke.")]
    )
    assert "Jan" not in found
    assert found["Nancy Pelosi"]["kind"] == "person"


def test_a_place_shortened_with_its_kind_word_joins_the_full_name():
    found = _by_name(
        [_article("a", "en", "Ships hit the Francis Scott Key Bridge at night. The Key Bridge "
                  "fell into the Patapsco River.")]
    )  # fmt: skip
    assert "Key Bridge" in found["Francis Scott Key Bridge"]["aliases"]


def test_a_german_noun_before_a_name_the_event_writes_alone_is_no_part_of_it():
    found = _by_name(
        [_article("a", "de", "Im Iran hat Reformer Peseschkian die Wahl gewonnen. Der "
                  "Sieg von Peseschkian kam spät.")]
    )  # fmt: skip
    assert "Peseschkian" in found and "Reformer Peseschkian" not in found


def test_german_common_nouns_without_a_determiner_are_not_names():
    found = _by_name(
        [_article("a", "de", "Zwei Tage nach dem Beben meldete Merkel über 8500 Tote. "
                  "Viele Menschen schlafen unter freiem Himmel. Provinzen melden Schäden, "
                  "jeden Tag Waren im Wert von 9,6 Milliarden Dollar. Dessen Chef Peter "
                  "Berdowski sprach mit Merkels Sprecher in Berlin.")]
    )  # fmt: skip
    # Declined forms of dictionary words, nouns after a number, a quantifier or an
    # adjective's strong ending, and the noun before a name are common nouns.
    for common in ("Tage", "Tote", "Menschen", "Himmel", "Provinzen", "Waren", "Dollar"):
        assert not any(common in name.split() for name in found), common
    # A name keeps its genitive s; a place its inflection.
    assert {"Merkel", "Peter Berdowski", "Berlin"} <= set(found)
