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
    found = _by_name(
        [_article("a", "fr", "Des immeubles d'Izmir se sont effondrés, dit-on, et l\u2019Essonne "
                  "a aidé l'Unesco.")]
    )  # fmt: skip
    assert found["Izmir"]["kind"] == found["Essonne"]["kind"] == "place"
    assert "Unesco" in found


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


def test_a_name_ending_in_an_initial_is_a_person():
    found = _by_name(
        [_article("a", "tr", "Polis, Kemal T. ile Zeynep K.'yı gözaltına aldı. Olayı Veli D, "
                  "Duru S. ve Tuna B'ye anlattı.")]
    )  # fmt: skip
    names = {name_key(n) for n in found}
    for withheld in ("Kemal T.", "Zeynep K.", "Veli D", "Duru S.", "Tuna B"):
        assert name_key(withheld) in names
    assert all(e["kind"] == "person" for e in found.values())
    assert "Kemal" not in found and "Zeynep" not in found


def test_a_middle_initial_and_dotted_initials_stay_in_the_name():
    found = _by_name(
        [_article("a", "en", "Officials said Harold J. Mason flew to the U.S. on Monday.")]
    )
    assert set(found) == {"Harold J. Mason", "U.S."}


def test_an_acronym_or_a_known_place_opening_a_sentence_is_a_name():
    found = _by_name(
        [_article("a", "tr", "İran Sağlık Bakanlığı açıklama yaptı. Ankara'da yağış var. "
                  "Yollar kapandı. (DHA)")]
    )  # fmt: skip
    assert {"İran Sağlık Bakanlığı", "Ankara", "DHA"} <= set(found)
    assert "Yollar" not in found


def test_a_capital_opening_a_quoted_sentence_or_a_clause_is_grammar():
    found = _by_name(
        [_article("a", "tr", 'Vali Ayşe Tan, "Sabırlı olun" dedi. Şüpheli '
                  "\u2018Basit yaralama\u2019 suçundan aranıyor. Son durum: Yarın yollar "
                  "açılacak. Tören bitti.Kalabalık dağıldı ve Tan ile Sinan Gül konuştu.")]
    )  # fmt: skip
    assert set(found) == {"Ayşe Tan", "Sinan Gül"}


def test_a_romance_article_opens_a_name_in_other_languages():
    found = _by_name(
        [_article("a", "en", "Flights from Los Angeles landed in La Paz. Los Angeles cheered.")]
    )
    assert found["Los Angeles"]["kind"] == found["La Paz"]["kind"] == "place"
    assert "Angeles" not in found and "Paz" not in found


def test_turkish_and_joins_the_words_of_one_body_name():
    found = _by_name(
        [_article("a", "tr", "Toplantıya Gençlik ve Spor Bakanlığı ile Kültür ve Turizm "
                  "Bakanı Sena Kaya katıldı. Rize Belediyesi ve Trabzon İtfaiyesi geldi.")]
    )  # fmt: skip
    assert {"Gençlik ve Spor Bakanlığı", "Sena Kaya"} <= set(found)
    assert {"Rize Belediyesi", "Trabzon İtfaiyesi"} <= set(found)
    assert not {"Gençlik", "Kültür", "Turizm"} & set(found)


def test_of_goes_on_with_a_name_but_not_into_a_country():
    found = _by_name(
        [
            _article("es", "es", "Miles vieron el Carnaval de las Flores y al Gobierno de "
                     "Chile en la fiesta."),
            _article("tr", "tr", "Gençler en çok Call of Duty ve Age of Empires oynuyor."),
            _article("en", "en", "The House of Representatives voted after the President "
                     "of France spoke."),
        ]
    )  # fmt: skip
    assert {"Carnaval de las Flores", "Call of Duty", "Age of Empires"} <= set(found)
    assert {"House of Representatives", "France"} <= set(found)
    assert not {"Carnaval", "Flores", "Gobierno de Chile", "President of France"} & set(found)


def test_each_place_of_an_address_is_its_own_entity():
    found = _by_name(
        [_article("a", "tr", "Yangın Ankara Çankaya Kızılay Mahallesi'nde çıktı. Ekipler "
                  "Çankaya'da bekledi, Ankara Çankaya'dan destek geldi. Aydın Kaya konuştu; "
                  "Aydın'da yağmur vardı.")]
    )  # fmt: skip
    assert {"Ankara", "Çankaya", "Kızılay Mahallesi", "Aydın Kaya"} <= set(found)
    assert found["Kızılay Mahallesi"]["kind"] == found["Çankaya"]["kind"] == "place"
    assert not {"Ankara Çankaya", "Ankara Çankaya Kızılay Mahallesi"} & set(found)


def test_feasts_and_diseases_are_no_entities_and_a_body_keeps_its_adjective():
    found = _by_name(
        [_article("a", "es", "Miles celebraron el Año Nuevo y la Navidad en Lima pese al "
                  "Covid-19. La Secretaría General y el alcalde Ruiz hablaron.")]
    )  # fmt: skip
    assert set(found) == {"Lima", "Secretaría General", "Ruiz"}


def test_a_state_s_full_name_is_its_country():
    found = build_entities(
        [_article("a", "es", "El presidente de la República Bolivariana de Venezuela viajó. "
                  "En Venezuela hubo fiesta.")]
    )  # fmt: skip
    assert len(found) == 1 and found[0]["kind"] == "place"
    assert {found[0]["name"], *found[0]["aliases"]} == {
        "República Bolivariana de Venezuela",
        "Venezuela",
    }


def test_an_acronym_joins_the_name_it_spells_and_spacing_is_no_difference():
    found = build_entities(
        [
            _article("es", "es", "El Instituto Nacional de Vulcanología (INV) y el Banco "
                     "Central dieron cifras. Según el INV, hubo cenizas."),
            _article("tr", "tr", "Avrupa Birliği toplandı ve AB açıklama yaptı."),
            _article("en", "en", "Officials in the U.S. said the US would help."),
            _article("tr", "tr", "Gençler Snap Chat kullanıyor; SnapChat yasaklandı."),
        ]
    )  # fmt: skip
    spellings = [{e["name"], *e["aliases"]} for e in found]
    assert {"Instituto Nacional de Vulcanología", "INV"} in spellings
    assert {"Avrupa Birliği", "AB"} in spellings
    assert {"U.S.", "US"} in spellings
    assert {"Snap Chat", "SnapChat"} in spellings
    assert {"Banco Central"} in spellings


def test_a_part_of_a_land_named_around_a_name_makes_it_a_place():
    found = _by_name(
        [_article("a", "tr", "Yağış Marmara'nın güneyinde ve Trakya kesiminde etkili oldu. "
                  "Rüzgar doğu Toroslar boyunca esti.")]
    )  # fmt: skip
    assert {found[n]["kind"] for n in ("Marmara", "Trakya", "Toroslar")} == {"place"}


def test_bylines_in_capitals_and_a_body_opening_a_sentence_are_read():
    found = _by_name(
        [_article("a", "tr", "Haber: Selim KORKMAZ/ANKARA\n\nMeteoroloji Genel Müdürlüğü "
                  "uyardı. Dün The Weather Channel de uyardı.")]
    )  # fmt: skip
    assert found["Selim KORKMAZ"]["kind"] == "person"
    assert found["ANKARA"]["kind"] == "place"
    assert {"Meteoroloji Genel Müdürlüğü", "Weather Channel"} <= set(found)
    assert "Genel Müdürlüğü" not in found


def test_a_body_called_by_its_kind_word_joins_it_but_not_what_governs_it():
    found = _by_name(
        [_article("a", "es", "Ayer la Policía Nacional detuvo a dos. La Dirección General de "
                  "la Policía Nacional informó que la Policía actuó bien.")]
    )  # fmt: skip
    assert found["Policía Nacional"]["aliases"] == ["Policía"]
    assert found["Dirección General de la Policía Nacional"]["aliases"] == []


def test_links_handles_and_hashtags_are_no_names_and_ayatollah_is_a_title():
    found = _by_name(
        [_article("a", "es", "Lo dijo ayer el Ayatollah Alí Rezaí, según Radio Sur "
                  "(@RadioSurNoticias), en chat.grupo.com/AbC9dEfGh y #FelizDía.")]
    )  # fmt: skip
    assert set(found) == {"Alí Rezaí", "Radio Sur"}


def test_an_english_adjective_made_of_a_name_with_a_hyphen_is_the_name():
    found = _by_name(
        [_article("a", "en", "The Malta-flagged ship hit the pier, and Iran-backed Hezbollah "
                  "fired.")]
    )  # fmt: skip
    assert {"Malta", "Iran", "Hezbollah"} <= set(found)
    assert not {"Malta-flagged", "Iran-backed Hezbollah"} & set(found)


def test_a_french_body_keeps_its_adjective_in_small_letters():
    found = _by_name(
        [_article("a", "fr", "Selon la Sécurité routière, les députés de l'Assemblée nationale "
                  "et la Banque mondiale parlent de l'Iran nucléaire au ministère de "
                  "l'Intérieur.")]
    )  # fmt: skip
    assert {"Sécurité routière", "Assemblée nationale", "Banque mondiale", "Iran"} <= set(found)
    assert found["ministère de l'Intérieur"]["kind"] == "organisation"
    assert not {"Iran nucléaire", "Intérieur"} & set(found)


def test_german_common_nouns_without_a_determiner_are_not_names():
    found = _by_name(
        [_article("a", "de", "Zwei Tage nach dem Beben meldete Merkel über 8500 Tote. "
                  "Viele Menschen schlafen unter freiem Himmel. Provinzen melden Schäden, "
                  "jeden Tag Waren im Wert von 9,6 Milliarden Dollar. Viele schlafen in Autos. "
                  "Dessen Chef Peter "
                  "Berdowski sprach mit Merkels Sprecher in Berlin.")]
    )  # fmt: skip
    # Declined forms of dictionary words, nouns after a number, a quantifier or an
    # adjective's strong ending, and the noun before a name are common nouns.
    for common in ("Tage", "Tote", "Menschen", "Himmel", "Provinzen", "Waren", "Dollar", "Autos"):
        assert not any(common in name.split() for name in found), common
    # A name keeps its genitive s; a place its inflection.
    assert {"Merkel", "Peter Berdowski", "Berlin"} <= set(found)


def test_a_name_goes_on_to_the_acronym_defined_after_it_and_the_acronym_joins_it():
    found = _by_name(
        [
            _article("a", "en", "The Organization for Security and Cooperation in Europe "
                     "(OSCE) sent observers. The OSCE said the vote was free."),
            _article("b", "nb", "Valgobservatører fra Organisasjonen for sikkerhet og "
                     "samarbeid i Europa (OSSE) sier at valget var fritt."),
        ]
    )  # fmt: skip
    english = found["Organization for Security and Cooperation in Europe"]
    assert english["aliases"] == ["OSCE"] and english["kind"] == "organisation"
    assert found["Organisasjonen for sikkerhet og samarbeid i Europa"]["aliases"] == ["OSSE"]
    # Words that do not spell the acronym stay apart: no name swallows its neighbours.
    found = _by_name([_article("c", "en", "Officials in Paris met the World Bank (IMF) team.")])
    assert {"Paris", "World Bank", "IMF"} == set(found)


def test_a_storm_called_by_its_name_alone_joins_its_full_name():
    found = _by_name(
        [
            _article("a", "en", "Winds from Hurricane Dora fanned the fires on the island."),
            _article("b", "fr", "Les vents de l'ouragan Dora ont attisé les flammes sur l'île."),
        ]
    )
    assert found["Hurricane Dora"]["aliases"] == ["Dora"]


def test_a_line_of_a_word_or_two_is_a_label_whose_capitals_name_nothing():
    found = _by_name(
        [_article("a", "es", "Un perro atacó a un niño en Córdoba.\nRelacionadas\n"
                  "Nota\nLa policía llegó enseguida.\nAA")]
    )  # fmt: skip
    assert "Relacionadas" not in found and "Nota" not in found
    assert {"Córdoba", "AA"} <= set(found)  # a byline's agency is still one


def test_a_compass_point_or_a_german_title_alone_names_nothing():
    found = _by_name(
        [
            _article("a", "en", "Talks with the West stalled, Iran said."),
            _article("b", "de", "Der Gesundheitsminister sprach in Teheran."),
        ]
    )
    assert "West" not in found and "Gesundheitsminister" not in found
    assert {"Iran", "Teheran"} <= {
        name for e in found.values() for name in [e["name"], *e["aliases"]]
    }


def test_an_organisation_named_for_its_purpose_and_a_long_german_attribute():
    found = _by_name(
        [
            _article("a", "es", "Lo publicó el Ministerio para Relaciones Exteriores en su web."),
            _article("b", "de", "Der als moderat geltende Politiker Massud Peseschkian siegte."),
        ]
    )
    assert "Ministerio para Relaciones Exteriores" in found
    assert "Massud Peseschkian" in found and "Politiker Massud Peseschkian" not in found


def test_a_survey_is_an_organisation():
    found = _by_name([_article("a", "en", "The US Geological Survey measured a magnitude of 7.")])
    assert found["US Geological Survey"]["kind"] == "organisation"


def test_a_place_named_in_a_bodys_name_is_not_the_body_shortened():
    found = _by_name(
        [_article("a", "en", "Ships queued at the Suez Canal. The Suez Canal Authority said "
                  "the Suez Canal would reopen.")]
    )  # fmt: skip
    assert "Suez Canal" not in found["Suez Canal Authority"]["aliases"]
