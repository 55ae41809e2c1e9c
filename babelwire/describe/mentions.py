"""Name mentions found without a model: capitalised runs that are not just capitals.

No NER model ships offline, so names are read the way a careful reader
skims: runs of capitalised words ("Sooronbai Jeenbekov", "Central Election
Commission"), minus what capitals alone do not make a name:

- function words and titles that open sentences or names ("The", "Der",
  "President", "Presidenten") are stripped, titles kept as a person cue;
- a word capitalised only at sentence starts (a quoted sentence's, a clause's
  after a colon) is a name only when the event also writes it capitalised
  mid-sentence, or it is an acronym or a place a gazetteer knows;
- a run goes on through initials ("Mehmet A.", "U.S."), Romance "de" and an
  English "of" inside a name, the fields a title or body joins with "and";
  feasts, diseases, links and hashtags are no names;
- a single word the same language also writes in lower case ("Opposition"
  / "opposition") is a common word;
- German capitalises every noun, so a single German word also needs no
  determiner before it anywhere and no common-noun suffix.

Each mention carries cues for its kind, read from the words around it:
titles (person), organisation words inside or beside it ("Party",
"partiet", "news agency"), place words ("in X", "i X", "the capital X").
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from anyascii import anyascii
from babel import Locale, UnknownLocaleError
from babel.dates import get_day_names, get_month_names

from babelwire.describe.places import demonym, place_key, region
from babelwire.describe.text import WORD, split_sentences
from babelwire.lemmas import lemmatize
from babelwire.represent.names import name_key


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOP = _words(
    """
    the a an this that these those he she it its they we i you his her their our my in on at
    by for of to from with and or but if as after before when while since during about under
    over between against into not no yes also only all both mr mrs ms dr der die das den dem
    des ein eine einen einem einer eines er sie es wir ich ihr und oder aber im am zum zur
    vom beim nach mit bei auf aus für über unter auch nicht el la los las un una unos unas
    lo él ella ellos nosotros yo y o pero en con por para del al sin sobre también según le
    les une il elle ils elles nous je et ou mais dans avec pour sur selon aussi du au aux ce
    cette ces den det de en et ei han hun vi jeg dere seg som og eller men i på av til fra
    med for om etter før under ifølge også ikke alle monday tuesday wednesday thursday
    friday saturday sunday january february march april may june july august september
    october november december mandag tirsdag onsdag torsdag fredag lørdag søndag montag
    dienstag mittwoch donnerstag freitag samstag sonntag lunes martes miércoles jueves
    viernes sábado domingo lundi mardi mercredi jeudi vendredi samedi dimanche januar
    februar mars juni juli oktober desember dezember märz
    hundreds thousands dozens hundrevis tusenvis hunderte tausende dutzende cientos miles
    decenas centaines milliers dizaines
    bu şu bir ve ile ama fakat ancak için gibi daha her hiç bazı tüm bütün ise veya hem ki
    """
)
TITLES = _words(
    """
    president presidenten presidente président präsident ex-president prime premier minister
    ministeren statsminister statsministeren ministerpräsident chancellor kanzler kanzlerin
    bundeskanzler chancelier canciller king queen kong dronning könig königin rey reina roi
    reine pope pave papst papa pape general gen colonel senator governor mayor ordfører
    bürgermeister alcalde maire sheikh prince prinz prins príncipe mr mrs ms dr herr frau
    señor señora sr sra monsieur madame mme m chief leader leder spokesman spokeswoman
    talsmann sprecher sprecherin portavoz porte-parole ambassador ambassadør botschafter
    embajador ambassadeur opposisjonsleder commander judge dommer richter juez juge
    première ministre ministra presidenta présidente premierminister lawyer advokat anwalt
    cumhurbaşkanı başbakan bakan bakanı başkan başkanı yardımcısı milletvekili vali valisi
    profesör prof hanım bey efendi gov rep sen speaker secretary officer sergeant sgt
    detective lieutenant captain sheriff ayatollah ajatollah ayetullah führer líder
    """
)
ORG_WORDS = _words(
    """
    party parties commission committee council agency ministry embassy organization survey
    organisation union bank court parliament army police university company corporation news
    radio institute front movement alliance federation association league service inc ltd
    corp group government office parti partiet kommisjonen kommisjon departementet byrå
    nyhetsbyrå nyhetsbyrået organisasjonen regjeringen stortinget politiet universitet
    selskap partei kommission ministerium agentur nachrichtenagentur regierung bundestag
    verband gericht bund gmbh ag partido comisión ministerio agencia gobierno tribunal
    consejo commission ministère agence conseil gouvernement
    cross kors kreuz cruz croix-rouge centre center authority sindicato gewerkschaft syndicat
    fagforbundet polizei policía politi operator rederiet
    guard hospital hôpital krankenhaus foundation fundación fondation municipal
    dirección direction directorate department departamento secretaría fiscalía
    procuraduría inspectoría instituto institut centro escuela colegio école school
    servicio guardia cancillería diario periódico journal newspaper pompiers
    centers departments services
    """
)
# Turkish names end in their kind, inflected: "Pendik Belediyesi", "Hrant Dink Vakfı",
# "Fas İçişleri Bakanlığının"; "Orhan Maltepe Caddesi", "Bahçelievler Mahallesi".
_TR_ORG = re.compile(
    r"(?:belediye|hastane|itfaiye|vakf|müdürlüğ|savcılığ|bakanlığ|başkanlığ|üniversite"
    r"|partisi|derneğ|bankası|ajansı|kurulu|meclisi)\w*$"
)
_TR_PLACE = re.compile(r"(?:cadde|mahalle|sokağ|sokak|bulvar|dağlar|dağı|yöresi|meydan)\w*$")
# A place's own kind word at its end or start: "Patapsco River", "Barrio de las Flores".
PLACE_HEADS = _words(
    """
    river bridge street avenue mountains mountain lake island islands bay valley canal kanal
    canale strait gulf sea harbour harbor golfe golfo
    calle avenida barrio río rio puente isla rue pont fleuve île lac mont
    brug brücke ponte köprüsü köprü
    """
)
# Turkish case endings that say where: "Manisa'da", "Adana'dan", "Ankara'daki".
_TR_WHERE = re.compile(r"^(?:da|de|ta|te|dan|den|tan|ten|daki|deki|taki|teki)$")
_PLACE_BEFORE = _words(
    """
    in at near i fra ved nær nach aus bei en desde à au dans près from off utenfor depuis
    """
)  # not "to"/"til": they also head people ("to Putin")
_PLACE_WORDS = _words(
    """
    capital city town village country region province hovedstaden byen landet hauptstadt
    stadt land region capitale ville pays capital ciudad país región
    """
)
_SAYS = _words(
    """
    said says told sier sa uttalte sagte sagt erklärte dijo afirmó declaró déclaré dit
    """
)
_DETERMINERS_DE = _words(
    """
    der die das den dem des ein eine einen einem einer eines kein keine seine ihre diese
    dieser diesem diesen jede jeder jeden jedem jedes dessen deren im am ins zum zur vom beim ums
    viele vielen mehrere einige zahlreiche alle beide zwei drei vier fünf sechs sieben acht
    neun zehn elf zwölf hunderte tausende zehntausende hunderttausende
    """
)
# "über 8500 Menschen", "9,6 Milliarden Dollar": German counts common nouns; and an
# adjective's strong dative or neuter ending marks its noun ("bei starkem Wind").
_COUNTED_DE = re.compile(
    r"(?:(?<![\w.,])\d[\d.,]*\s+(?:(?:Millionen|Milliarden|Mio\.|Mrd\.)\s+)?"
    r"|\b[a-zäöüß]{2,}e[ms]\s+)([A-ZÄÖÜ][^\W\d_]+)"
)
_OF = frozenset(
    {"of", "de", "for", "des", "del", "du", "der", "para", "pour", "per"}
)  # "Ministry of Emergency Situations", "Ministerio para Relaciones Exteriores"
# The articles of a German genitive: a noun governs one, a name before an object does not
# ("Peseschkian die Wahl gewonnen").
_GENITIVES_DE = _words("der des eines einer")
_OF_ARTICLES = _words("la las los le les the l")  # "de la", "of the"
# Nouns a place's name opens with, then "of" and its name: "Ciudad de México", "Costa de
# Oaxaca", "Ville de Bruxelles", "Gare du Nord"; and saints' places, "San Pedro de Macorís".
_NAMED_OF = _words(
    """
    ciudad costa istmo barrio golfo isla islas puerto provincia estado sierra valle bahía
    península ville gare golfe île îles port province vallée city gulf isle port bay cape
    cabo san santa santo são saint sainte st
    república reino république royaume republic kingdom repubblica regno
    """
)
_CONNECTORS = _words(
    """
    for and für und og för och y et pour ve e
    """
)
_AND = _words("and und og och y et ve e")
_DE_NOUN = re.compile(
    r"(?:ung|ungen|heit|keit|schaft|tion|tionen|ität|ismus|nis|nisse|tum|ment"
    r"|ten|ern|ler|isten|anten|enten|ierung|ssen|äge|ege|zeit)$"
)
_PLACE_SUFFIX = re.compile(r"(?:stan|land|ia|ien|ija|burg|grad|ville|abad)s?$", re.I)
_COUNTRY = re.compile(r"(?:stan|land)$", re.I)  # "Commission of Kyrgyzstan" is two names
# Norwegian agencies are one word ending in their kind: Kystverket, Hovedredningssentralen.
_ORG_SUFFIX = re.compile(r"(?:verket|sentralen|direktoratet|departementet|tilsynet|kommisjon)$")
TITLE_CASE_LOWER = 0.2  # share of lower-case words below which a line is in Title Case
TITLE_REACH = 5  # a title this far into a capitalised run opens the name after it
HEAD_CUE = 4  # cue votes of a kind word ending the name: one more than a title's
# "İçişleri Bakanı Süleyman Soylu", "AK Parti Genel Başkan Yardımcısı Cevdet Yılmaz"
_ADJECTIVE = re.compile(r"(?:ian|ean|ese|ish|ic|ern)$")
# What an apostrophe adds to a name: the English possessive, a Turkish case
# ending ("Fransa'da", "Erdoğan'ın"); never a capital ("O'Brien", "d'Ivoire").
_SUFFIX = re.compile(r"['\u2019](?:[^\W\d_A-ZÀ-ÞİĞŞ][^\W\d_]*)?$")
# Elsewhere an apostrophe ends a name only as a possessive: Nuku'alofa, Hawai'i are names.
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_APOSTROPHE_CASES = frozenset({"tr", "az"})
_PERSON_SUFFIX = re.compile(r"(?:ov|ev|ova|eva|enko|ski|sky|vich|vić|ić|son|sen|sson)$", re.I)


def _suffix(lang: str) -> re.Pattern[str]:
    return _SUFFIX if lang in _APOSTROPHE_CASES else _POSSESSIVE


@dataclass
class Mention:
    surface: str  # as written, titles and possessives stripped
    article_id: str
    lang: str
    initial: bool  # opens its sentence: its capital may be grammar, not a name
    cues: Counter[str] = field(default_factory=Counter)
    # In a line whose every word has a capital (a Title Case headline, a heading in
    # capitals): a name only if the event writes it elsewhere or a gazetteer knows it.
    heading: bool = False

    @property
    def tokens(self) -> list[str]:
        return self.surface.split()


@dataclass
class Vocabulary:
    """What the event's texts say about words: lower-case uses, per language."""

    lower: dict[str, set[str]] = field(default_factory=dict)
    determined_de: set[str] = field(default_factory=set)
    genitive_de: set[str] = field(default_factory=set)  # "Merkels Sprecher": before a noun

    def add(self, text: str, lang: str) -> None:
        found = self.lower.setdefault(lang, set())
        tokens = WORD.findall(text)
        found.update(t for t in tokens if t[0].islower())
        if lang == "de":
            self.determined_de.update(_determined(tokens))
            self.determined_de.update(_COUNTED_DE.findall(text))
            self.genitive_de.update(_GENITIVE_DE.findall(text))


_GENITIVE_DE = re.compile(r"\b([A-ZÄÖÜ][^\W\d_]+e?s)\s+[A-ZÄÖÜ]")
# Lower-case words a German determiner reaches across to its noun: "Der als moderat
# geltende Politiker" (an extended attribute).
DETERMINER_REACH = 5


def _determined(tokens: list[str]) -> set[str]:
    """German capitals a determiner governs ("einem schweren Erdbeben"): common nouns."""
    found = set()
    for i, word in enumerate(tokens):
        if not word[0].isupper():
            continue
        if i + 1 < len(tokens) and tokens[i + 1] in _GENITIVES_DE:
            found.add(word)  # "Angaben der Regierung": a noun governs a genitive
            continue
        for before in reversed(tokens[max(0, i - DETERMINER_REACH) : i]):
            if before.lower() in _DETERMINERS_DE:
                found.add(word)
                break
            if not before[0].islower():
                break
    return found


# Tokens of a name: words, dotted acronyms ("U.S.", "E.B.") and initials with their stop
# ("George W. Bush", "Mehmet A."), so that a stop inside a name does not cut it.
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]\.(?![^\W\d_])|" + WORD.pattern)


# Links, handles and hashtags are no prose: "@UnivDeportes", "chat.whatsapp.com/Lsx9Xv".
_NOT_PROSE = re.compile(r"(?:https?://|www\.)\S+|\S+\.(?:com|org|net)(?:/\S*)?|[@#][\w.]+")


def mentions_in(text: str, article_id: str, lang: str) -> list[Mention]:
    """Every capitalised run in the text that may be a name, with its kind cues."""
    found = []
    text = _NOT_PROSE.sub(" ", text)
    if lang in _ROMANCE:
        text = _ELISION.sub(r"\1 ", text)
    for sentence in split_sentences(text):
        if shouted(sentence):
            found += _shouted_mentions(sentence, article_id, lang)
            continue
        tokens = list(_TOKEN.finditer(sentence))
        label = _label_line(sentence, tokens)
        for run in _runs(sentence, tokens, lang):
            mention = _mention(sentence, tokens, run, article_id, lang)
            owner = _title_owner(sentence, tokens, run, article_id, lang)
            for found_here in (m for m in (owner, mention) if m is not None):
                found_here.heading = found_here.heading or label
                found.append(found_here)
    return found


MAX_LABEL_WORDS = 2


def _label_line(sentence: str, tokens: list[re.Match[str]]) -> bool:
    """A line of a word or two and no stop ("Relacionadas", "Nota", "Urgencias"): a page's
    label or a heading, whose capitals say nothing (its names count if written elsewhere).
    An acronym alone is a byline's agency (AA, İHA), not a label."""
    if len(tokens) > MAX_LABEL_WORDS or sentence.rstrip().endswith((".", "!", "?")):
        return False
    return not any(t.group(0).isupper() for t in tokens)


def shouted(line: str) -> bool:
    """A line in capitals ("BİNA MÜHÜRLENDİ", "İSTANBUL"): its capitals say nothing."""
    words = [w for w in WORD.findall(line) if len(w) > 1]
    return bool(words) and all(w.isupper() for w in words) and any(len(w) > 3 for w in words)


def _shouted_mentions(line: str, article_id: str, lang: str) -> list[Mention]:
    """Each word of a line in capitals, and each pair, in ordinary case: candidates that
    the event's other mentions or a gazetteer must confirm (İSTANBUL: İstanbul)."""
    words = [_unshout(w, lang) for w in WORD.findall(line)]
    spans = [*words, *(f"{a} {b}" for a, b in pairwise(words))]
    return [Mention(w, article_id, lang, False, heading=True) for w in spans]


def _unshout(word: str, lang: str) -> str:
    rest = word[1:]
    if lang in _APOSTROPHE_CASES:  # Turkish dotted and dotless i: DİYARBAKIR, Diyarbakır
        rest = rest.replace("I", "ı").replace("İ", "i")
    return word[0] + rest.lower()


def _title_owner(
    sentence: str, tokens: list[re.Match[str]], run: tuple[int, int], article_id: str, lang: str
) -> Mention | None:
    """The body or place a title belongs to, named before it: "AFAD Başkanı Mehmet
    Güllüoğlu", "Bingöl Milletvekili", "Florida Gov. Ron DeSantis". Only an acronym,
    a known place or an organisation's name: "Foreign" of "Foreign Minister" is none."""
    start, end = run
    words = [t.group(0) for t in tokens[start:end]]
    if not _title_within(words):
        return None
    first = next(i for i, w in enumerate(words) if _lower(w) in TITLES)
    if not first:
        return None
    mention = _mention(sentence, tokens, (start, start + first), article_id, lang)
    if mention is None:
        return None
    last = mention.tokens[-1]
    known = place_key(mention.surface, lang) or region(mention.surface)
    named = _lower(last) in ORG_WORDS or _TR_ORG.search(_lower(last))
    acronym = last.isupper() and len(last) > 1
    return mention if known or named or acronym else None


def title_case(line: str) -> bool:
    """A Title Case headline, or one in capitals: hardly a longer word in lower case
    (a sentence-case headline full of names still writes its verbs in lower case)."""
    words = [w for w in WORD.findall(line)[1:] if len(w) > 3 and w[0].isalpha()]
    return bool(words) and sum(w[0].islower() for w in words) < len(words) * TITLE_CASE_LOWER


def _runs(sentence: str, tokens: list[re.Match[str]], lang: str) -> list[tuple[int, int]]:
    """[start, end) token index ranges of capitalised runs."""
    runs, i = [], 0
    while i < len(tokens):
        if not (_capital(tokens[i].group(0)) or _shouted_place(tokens[i].group(0), lang)):
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and _joins(sentence, tokens, j, lang):
            j += 1
        if j == i + 1 and _adjective_of_body(sentence, tokens, j, lang):
            j += 1
        defined = _to_its_acronym(sentence, tokens, i, j)
        runs += [(i, defined)] if defined > j else _split(tokens, i, j, lang)
        i = max(j, defined)
    return runs


# "(OSCE)" after a name: the acronym it defines. The name's content words spell it.
_DEFINED_ACRONYM = re.compile(r"\s*\(\s*([A-Z\u00c0-\u00de]{2,8})\s*\)")
ACRONYM_REACH = 8  # words a name may go on past its capitals to the acronym's letters


def _to_its_acronym(sentence: str, tokens: list[re.Match[str]], start: int, end: int) -> int:
    """Where a name ends that goes on to the acronym defined after it: "Organization for
    Security and Cooperation in Europe (OSCE)", "Organisasjonen for sikkerhet og
    samarbeid i Europa (OSSE)"; `end` unless its words spell the acronym."""
    for k in range(end - 1, min(end + ACRONYM_REACH, len(tokens))):
        if k >= end and sentence[tokens[k - 1].end() : tokens[k].start()].strip():
            return end  # a comma or a stop: the name is over
        defined = _DEFINED_ACRONYM.match(sentence, tokens[k].end())
        if defined:
            words = [t.group(0) for t in tokens[start : k + 1]]
            while len(words) > 1 and _lower(words[0]) in _STOP:
                words = words[1:]  # "The Organization ...": the article spells nothing
            spelt = defined.group(1).lower() in content_initials(words)
            return k + 1 if spelt else end
    return end


def content_initials(words: list[str]) -> set[str]:
    """What an acronym of these words may spell: every word's initial, the capitals',
    or those of the words longer than a small word ("for", "og", "in", "de")."""
    parts = [p for w in words for p in re.split(r"[\-\u2010]", w) if p]
    every = "".join(p[0] for p in parts)
    capitals = "".join(p[0] for p in parts if p[0].isupper())
    content = "".join(p[0] for p in parts if len(p) > SMALL_WORD or p[0].isupper())
    return {anyascii(i).lower() for i in (every, capitals, content)}


SMALL_WORD = 3


def _split(tokens: list[re.Match[str]], start: int, end: int, lang: str) -> list[tuple[int, int]]:
    """A run cut where it joins two names: "Bejing and Washington", "Commission Nurzhan X"."""
    words = [t.group(0) for t in tokens[start:end]]
    if _places_in_a_row(words, lang):
        return [(k, k + 1) for k in range(start, end)]  # "Hindistan Çin'e": India, China
    org = [k for k, w in enumerate(words) if _org_word(w)]
    if not org:
        cuts = [k for k, w in enumerate(words) if w in _CONNECTORS and not _portfolio(words, k)]
        bounds = [-1, *cuts, len(words)]
        return [(start + a + 1, start + b) for a, b in pairwise(bounds) if b > a + 1]
    ends = [k + 1 for k in org if k + 1 < len(words) - 1 and words[k + 1] in _AND]
    if ends:
        # "Pendik Belediyesi ve İstanbul İtfaiyesi": a body's head word ends its name.
        return _split(tokens, start, start + ends[0], lang) + _split(
            tokens, start + ends[0] + 1, end, lang
        )
    last = org[-1]
    rest = words[last + 1 :]
    if any(_lower(w) in TITLES for w in rest[:-1]):
        # "AK Parti Genel Başkan Yardımcısı Cevdet Yılmaz": the party, then its officer.
        return [(start, start + last + 1), (start + last + 1, end)]
    if len(rest) >= 2 and _PERSON_SUFFIX.search(rest[-1]):
        # "the Commission Nurzhan Shaildabekova": the body, then its head's name.
        return [(start, start + last + 1), (start + last + 1, end)]
    return [(start, end)]


def _portfolio(words: list[str], k: int) -> bool:
    """ "Kültür ve Turizm Bakanı": the connector joins the two fields a title holds; not
    after a title ("Başkanı Ali Gül ve Vali Cem Ak": two people), nor before a body's
    acronym or a place that owns the title ("ve AFAD Başkanı", "and Florida Gov.")."""
    after = words[k + 1 : k + 3]
    if len(after) < 2 or _lower(after[1]) not in TITLES or _lower(after[0]) in TITLES:
        return False
    owner = after[0].isupper() or place_key(after[0]) or region(after[0])
    return not owner and not any(_lower(w) in TITLES for w in words[:k])


def _org_word(word: str) -> bool:
    """A word that names a body: "Commission", Turkish "Bakanlığı", "Belediyesi"."""
    return _lower(word) in ORG_WORDS or bool(_TR_ORG.search(_lower(word)))


def _places_in_a_row(words: list[str], lang: str) -> bool:
    """Two or more country or city names side by side, not one place's name."""
    bare = [_SUFFIX.sub("", w) for w in words]
    if len(bare) < 2 or place_key(" ".join(bare), lang):
        return False
    return all(place_key(w, lang) for w in bare)


def _lower(word: str) -> str:
    """Lower case, with Turkish İ as i (Python's lower() adds a combining dot to it)."""
    return word.replace("İ", "i").lower()


def _capital(word: str) -> bool:
    return word[0].isupper() and not (word.isupper() and len(word) > 6)


def _shouted_place(word: str, lang: str) -> bool:
    """A place's name in capitals in a line that is not: "YILDIRIM/İSTANBUL"."""
    return word.isupper() and bool(place_key(_unshout(word, lang), lang))


def _surname_in_capitals(before: str, word: str) -> bool:
    """ "Hasan YILDIRIM", "Jean DUPONT": bylines write the surname in capitals."""
    return word.isupper() and len(word) > 1 and before[0].isupper() and before[1:].islower()


def _joins(sentence: str, tokens: list[re.Match[str]], j: int, lang: str) -> bool:
    gap = sentence[tokens[j - 1].end() : tokens[j].start()]
    if gap.strip() or _suffix(lang).search(tokens[j - 1].group(0)):
        return False  # "Kyrgyzstan's Central Election Commission" is two names
    if lang == "en" and _compound_tail(tokens[j - 1].group(0)):
        return False  # "Iran-backed Hezbollah": two names
    word = tokens[j].group(0)
    if _capital(word) or _surname_in_capitals(tokens[j - 1].group(0), word):
        return True
    if word in _OF_ARTICLES and tokens[j - 1].group(0) in _OF:
        return j + 1 < len(tokens) and _capital(tokens[j + 1].group(0))  # "de la Policía"
    following = j + 1
    if word in _OF and j + 2 < len(tokens) and tokens[j + 1].group(0) in _OF_ARTICLES:
        following = j + 2
    if following >= len(tokens) or not _capital(tokens[following].group(0)):
        return False
    # "Organization for Security": a connector inside a name, if a capital follows;
    # "of" inside an organisation's name ("Dirección General de la Policía"), never
    # before a country; and after a place's own noun ("Ciudad de México", "San Pedro de
    # Macorís", "Ville de Bruxelles").
    if word in _OF:
        if _run_head(tokens, j) in _NAMED_OF:
            return True
        name = tokens[following].group(0)
        country = _COUNTRY.search(anyascii(name)) or place_key(name)
        return not country and (_org_before(tokens, j) or _of_inside_name(tokens, j, lang))
    return word in _CONNECTORS


def _of_inside_name(tokens: list[re.Match[str]], j: int, lang: str) -> bool:
    """ "Desfile de las Rosas", "Istmo de Tehuantepec": mid-sentence, a Romance language
    capitalises a common noun only as a name's first word, and its "de" goes on with the
    name. "Clash of Kings" in a Turkish article: an English name. In English, "of" after
    a title opens what it governs ("Secretary of State")."""
    before, word = tokens[j - 1].group(0), tokens[j].group(0)
    if lang in _ROMANCE:
        return word in _ROMANCE_OF
    if word != "of":
        return False
    return lang != "en" or _lower(before) not in TITLES


_ROMANCE_OF = _words("de del des du")


def _run_head(tokens: list[re.Match[str]], j: int) -> str:
    """The first word of the capitalised run that token j continues."""
    k = j - 1
    while k > 0 and (_capital(tokens[k - 1].group(0)) or tokens[k - 1].group(0) in _OF):
        k -= 1
    while k < j - 1 and not _capital(tokens[k].group(0)):
        k += 1  # "del Istmo de Tehuantepec": the run opens at Istmo
    return tokens[k].group(0).lower()


def _title_within(words: list[str]) -> int:
    """How many words a title among the first TITLE_REACH ends, if a name follows it."""
    reach = [
        i
        for i, w in enumerate(words[:TITLE_REACH])
        if _lower(w) in TITLES and words[i + 1 : i + 2] and words[i + 1] not in _OF
    ]  # not "Dirección General de la Policía": a title is followed by a name
    return reach[-1] + 1 if reach and reach[-1] + 1 < len(words) else 0


def _org_before(tokens: list[re.Match[str]], j: int) -> bool:
    k = j - 1
    while k >= 0 and (_capital(tokens[k].group(0)) or tokens[k].group(0) in _OF):
        if _lower(tokens[k].group(0)) in ORG_WORDS:
            return True
        k -= 1
    return False


def _mention(
    sentence: str, tokens: list[re.Match[str]], run: tuple[int, int], article_id: str, lang: str
) -> Mention | None:
    start, end = run
    cues: Counter[str] = Counter()
    words = [t.group(0) for t in tokens[start:end]]
    # "Turkish President Recep Tayyip Erdogan", "Russian Foreign Minister
    # Sergei Lavrov": what precedes a title within the first words is the title's.
    title = _title_within(words)
    if title:
        cues["person"] += 3
        words, start = words[title:], start + title
    while words and (_lower(words[0]) in _STOP or _lower(words[0]) in TITLES):
        if _article_of_name(sentence, tokens, start, words, lang):
            break
        if _lower(words[0]) in TITLES:
            cues["person"] += 3
        words.pop(0)
        start += 1
    words = _without_honorific(words)
    if not words:
        return None
    if lang == "en" and _compound_tail(words[-1]):
        words[-1] = words[-1].rpartition("-")[0]  # "Singapore-flagged": Singapore
    suffix = _suffix(lang).search(words[-1])
    possessive = bool(suffix)
    if suffix and lang == "tr" and _TR_WHERE.match(suffix.group(0)[1:]):
        cues["place"] += 1
    words[-1] = _suffix(lang).sub("", words[-1])
    if _lone_letter(words[-1]) and len(words) > 1:
        # "Mehmet A.", "Eren Ç'yi", "Gabriela N": the press withholds a suspect's or a
        # victim's surname and writes its initial.
        cues["person"] += 1
    elif len(words[-1]) < 2:
        return None
    before = [_lower(t.group(0)) for t in tokens[max(0, start - 3) : start]]
    after = [] if possessive else [_lower(t.group(0)) for t in tokens[end : end + 3]]
    if lang == "en" and after and after[0][0].islower() and _adjective(words):
        # "Russian air base", "Central Asian country": an adjective, not a name. English
        # alone capitalises these adjectives ("Peseschkian kam" is a name and a verb).
        return None
    place = len(words) == 1 and _known_place(_unshout(words[0], lang), lang)
    cues.update(_cues(words, before, after, shouted_place=place))
    if lang == "tr" and end < len(tokens) and _TR_PART.match(_lower(tokens[end].group(0))):
        cues["place"] += 2  # "Marmara'nın güneybatısı", "Trakya kesimi": part of a land
    initial = _opens_sentence(sentence, tokens, start)
    initial = initial or _opens_clause(sentence, tokens, start, end)
    surface = _with_noun_before(sentence, tokens, start, " ".join(words), lang, cues)
    return Mention(surface, article_id, lang, initial, cues)


def _without_honorific(words: list[str]) -> list[str]:
    """The name without what ends it but is none of it: "Baha Hanım", "Ali Bey"."""
    while words and (_lower(words[-1]) in _STOP or _lower(words[-1]) in TITLES):
        if len(words) > 1 and _lone_letter(words[-1]):
            break  # "Plan A" is no "Plan": an initial, not the article
        if len(words) > 1 and _org_word(words[-2]):
            break  # "Inspectoría General", "Dirección General": an adjective of the body
        words = words[:-1]
    return words


def _with_noun_before(
    sentence: str,
    tokens: list[re.Match[str]],
    start: int,
    surface: str,
    lang: str,
    cues: Counter[str],
) -> str:
    """The name with the Romance street's or ministry's noun before it, which says its
    kind: "rue du Travail", "ministère de l'Intérieur"."""
    noun = _noun_before(tokens, start) if lang in _ROMANCE else []
    if not noun:
        return surface
    cues["organisation" if _lower(noun[0]) in _BODIES else "place"] += HEAD_CUE
    prefix = sentence[tokens[start - len(noun)].start() : tokens[start].start()].rstrip()
    return prefix + ("" if prefix.endswith(("'", "\u2019")) else " ") + surface


def _opens_sentence(sentence: str, tokens: list[re.Match[str]], start: int) -> bool:
    before = sentence[: tokens[start].start()]
    if start == 0 or not before.strip(" \"'“”«»\u2013—-("):
        return True
    # "uygulandı.Emniyetteki": a stop without its space still ends a sentence.
    return before.endswith(".") and len(before) > 2


def _opens_clause(sentence: str, tokens: list[re.Match[str]], start: int, end: int) -> bool:
    """A capital after an opening quote or a colon, when a lower-case word goes on from
    the name: a quoted sentence (', "Başınız sağ olsun"'), a headline's second part
    ("uyarı: Bu saatlere dikkat"). A quoted title closes after its name ("“Ever Given”")."""
    before = sentence[: tokens[start].start()].rstrip()
    if before[-1:] not in _CLAUSE_OPENERS:
        return False
    if before[-1:] == "'" and before[-2:-1].isalpha():
        return False  # an apostrophe, no quote: "l'Assemblée", "d'Izmir"
    if end >= len(tokens):
        return False
    gap = sentence[tokens[end - 1].end() : tokens[end].start()]
    return tokens[end].group(0)[0].islower() and not gap.strip()


_CLAUSE_OPENERS = frozenset("\"'\u201c\u2018«:")


def _adjective_of_body(sentence: str, tokens: list[re.Match[str]], j: int, lang: str) -> bool:
    """ "la Sécurité routière", "l'Assemblée nationale", "la Protezione civile": French and
    Italian capitalise only the first word of a body's name, and its adjective follows in
    small letters. Not after a place: "l'Iran nucléaire"."""
    ending = _ADJECTIVE_ENDINGS.get(lang)
    if ending is None or j >= len(tokens):
        return False
    if sentence[tokens[j - 1].end() : tokens[j].start()] != " ":
        return False
    word, name = tokens[j].group(0), tokens[j - 1].group(0)
    return word.islower() and bool(ending.search(word)) and not _known_place(name, lang)


_ADJECTIVE_ENDINGS = {
    "fr": re.compile(
        r"(?:ale|ales|aux|aire|aires|ique|iques|ière|ières|ienne|iennes|éenne|éennes"
        r"|elle|elles|el|ive|ives|if|euse|eux|aine|ain|aise|ais|oise|ois)$"
    ),
    "it": re.compile(r"(?:ale|ali|ile|ili|ica|iche|ico|ici|ana|ane|ano|ani|ese|esi|iva|ivo)$"),
}


def _compound_tail(word: str) -> bool:
    """ "Singapore-flagged", "US-led": English makes an adjective of a name with a hyphen
    and a word in small letters."""
    head, _, tail = word.rpartition("-")
    return bool(head) and tail.islower()


def _lone_letter(word: str) -> bool:
    """One capital letter, with or without its stop: "A.", "Ç"."""
    return len(word.rstrip(".")) == 1 and word[0].isupper()


def _noun_before(tokens: list[re.Match[str]], start: int) -> list[str]:
    """ "rue du Travail", "calle de Alcalá", "piazza Navona", "ministère de l'Intérieur":
    Romance languages write a street's or a ministry's noun in lower case, and it is part
    of the name."""
    k = start - 1
    while k >= max(0, start - 3) and _lower(tokens[k].group(0)) in _STREET_LINKS:
        k -= 1
    if k < 0 or tokens[k].group(0) not in _STREETS | _BODIES:
        return []
    return [t.group(0) for t in tokens[k:start]]


def _article_of_name(
    sentence: str, tokens: list[re.Match[str]], start: int, words: list[str], lang: str
) -> bool:
    """ "en La Romana", "à Le Havre", "El Nuevo Herald": mid-sentence, a Romance
    language writes an article with a capital only as the first word of a name; other
    languages have no such article but in a name ("Los Angeles", "El Havz")."""
    if len(words) < 2:
        return False
    if lang not in _ROMANCE:
        return _lower(words[0]) in _FOREIGN_ARTICLES
    if words[0].lower() not in _ROMANCE_ARTICLES:
        return False
    return bool(sentence[: tokens[start].start()].strip(" \"'“”«»\u2013—-(|:"))


# An elided preposition or article before a name: "d'Izmir", "dell'Aquila", "sull'Etna",
# "l'Essonne", "l'Unesco" (the article's "l'État" is a capitalised common noun, as
# "Gobierno" is in Spanish: fewer than the names French writes after l').
_ELISION = re.compile(
    r"\b((?:[dDjJlLnNsScCmMtT]|[Qq]u|[Dd]ell|[AaDdNnSs]ull?|[Cc]oll|[Dd]all|[Nn]ell|[Aa]ll)"
    r"['\u2019])(?=[A-ZÀ-ÞÉ])"
)
_STREETS = _words(
    """
    rue avenue boulevard place chaussée allée quai impasse calle avenida plaza paseo
    carrera via viale piazza corso vicolo rua praça travessa
    """
)
_STREET_LINKS = _words("de du des la le l d del della dell di do da dos das")
_BODIES = _words("ministère ministero ministério")
_ROMANCE = frozenset({"es", "fr", "it", "pt", "ca", "gl", "ro"})
_ROMANCE_ARTICLES = _words("el la los las le les il lo gli o os a as")
# Articles of Romance languages that are no word of the others: a name's ("Los Angeles").
_FOREIGN_ARTICLES = _words("el la los las le les")


def _adjective(words: list[str]) -> bool:
    """ "Russian", "Central Asian"; not a surname after a given name ("Masoud Pezeshkian")."""
    return bool(_ADJECTIVE.search(words[-1])) and all(w.lower() in _DIRECTIONS for w in words[:-1])


_DIRECTIONS = _words("central north south east west northern southern eastern western")
# The part of a land a name's first word says: "Batı Karadeniz", "İç Anadolu", "Alta Baja".
_REGION_PARTS = _words(
    """
    northern southern eastern western upper lower batı doğu kuzey güney iç orta
    nord sud est ouest haute basse norte sur oriental occidental alta baja
    """
)


# Turkish nouns of a part of a land, after its name: kuzeyi (its north), kesimleri (its
# parts), çevresi (its surroundings), kıyıları (its coasts).
_TR_PART = re.compile(r"^(?:kuzey|güney|doğu|batı|kesim|çevre|bölge|kıyı|sahil|iç)")


def _cues(
    words: list[str], before: list[str], after: list[str], shouted_place: bool = False
) -> Counter[str]:
    cues: Counter[str] = Counter()
    lowered = [_lower(w) for w in words]
    if before and before[-1] in _REGION_PARTS:
        cues["place"] += 2  # "batı Anadolu", "northern Syria"
    if before and before[-1] in TITLES:
        cues["person"] += 3
    if any(w in ORG_WORDS for w in lowered) or any(w in ORG_WORDS for w in after[:2]):
        cues["organisation"] += 3
    if before and before[-1] in ORG_WORDS:
        cues["organisation"] += 2
    if len(words) == 1 and words[0].isupper() and len(words[0]) > 1 and not shouted_place:
        cues["organisation"] += 2  # an acronym, not a place in capitals ("ANKARA")
    if _after_place_word(before):
        cues["place"] += 1
    if any(w in _PLACE_WORDS for w in before[-2:]):
        cues["place"] += 3
    if _PLACE_SUFFIX.search(anyascii(words[-1])):
        cues["place"] += 1
    # The name's own kind word outweighs a title before it: "Dr. Orhan Maltepe Caddesi"
    # is a street.
    if _ORG_SUFFIX.search(lowered[-1]) or _TR_ORG.search(lowered[-1]):
        cues["organisation"] += HEAD_CUE
    if _TR_PLACE.search(lowered[-1]) or (
        len(words) > 1 and (lowered[-1] in PLACE_HEADS or lowered[0] in PLACE_HEADS)
    ):
        cues["place"] += HEAD_CUE
    if len(words) > 1 and lowered[0] in _REGION_PARTS:
        cues["place"] += 3  # "Batı Karadeniz", "İç Anadolu", "Northern Ireland"
    if after and after[0] in _SAYS:
        cues["person"] += 1
    if _PERSON_SUFFIX.search(words[-1]) and len(words[-1]) > 4:
        cues["person"] += 1
    if lowered[0] in _PLACE_WORDS:
        cues["place"] += 3  # "Stadt Osch": the noun names the kind
    return cues


def split_address(name: str, lang: str, alone: set[str]) -> list[str]:
    """An address written from the larger place to the smaller, as Turkish writes it:
    "İstanbul Büyükçekmece Bahçelievler Mahallesi" is İstanbul, Büyükçekmece and
    Bahçelievler Mahallesi. What remains after the leading places is a street or quarter
    with its kind word, each place before it a name the event writes alone (`alone`:
    spelling keys) or a gazetteer's; or it is one such name after a gazetteer's place
    ("İstanbul Büyükçekmece", not "Hasan Aydın"). [name] when it is one name."""
    words = name.split()
    lead = 0
    while lead < len(words) - 1 and _place_alone(words[lead], lang, alone):
        lead += 1
    rest = words[lead:]
    if lead and len(rest) > 1 and _place_head(rest[-1]):
        return [*words[:lead], " ".join(rest)]
    if len(words) == 2 and _known_place(words[0], lang) and _place_alone(words[1], lang, alone):
        return words
    return [name]


def _place_alone(word: str, lang: str, alone: set[str]) -> bool:
    return _known_place(word, lang) or name_key(word) in alone


# A compass point alone names a direction or a bloc, no one place ("the West", "el Sur").
_COMPASS = _words(
    """
    west east north south occident orient ouest est nord sud oeste este norte sur westen
    osten norden süden batı doğu kuzey güney
    """
)
# German compounds a title ends: Gesundheitsminister, Ministerpräsidentin, Regierungssprecher.
_TITLE_COMPOUND_DE = re.compile(
    r"(?:minister|präsident|kanzler|sprecher|botschafter|bürgermeister)(?:in|innen|s)?$", re.I
)


def _known_place(word: str, lang: str) -> bool:
    return bool(place_key(word, lang) or region(word))


def _place_head(word: str) -> bool:
    return _lower(word) in PLACE_HEADS or bool(_TR_PLACE.search(_lower(word)))


def mid_sentence_words(mentions: list[Mention]) -> set[str]:
    """Words the event writes capitalised where grammar does not ask for it."""
    found: set[str] = set()
    for mention in mentions:
        found.update(mention.tokens[1:] if mention.initial else mention.tokens)
    return found


def name_of(mention: Mention, vocabulary: Vocabulary, mid_sentence: set[str]) -> str | None:
    """The name the mention stands for, or None when its capitals are only grammar."""
    words = mention.tokens
    if mention.initial and words[0] not in mid_sentence and _grammar_capital(words, mention.lang):
        words = words[1:]
        while len(words) > 1 and _lower(words[0]) in _STOP:
            words = words[1:]  # "#RoseBowl The Aguiluchos Band": the article goes too
    while len(words) > 1 and mention.lang == "de" and _common_before_name_de(words[0], vocabulary):
        # "Stadt Osch", "Gewerkschaft Verdi": German capitalises the noun before a name.
        # Elsewhere a lower-case "central" does not make "Central Election Commission" common.
        words = words[1:]
    if not words or name_key(" ".join(words)) in _FEASTS_AND_DISEASES:
        return None
    if len(words) > 1:
        return " ".join(words)
    word = words[0]
    return None if _names_nothing(word, mention.lang, vocabulary) else word


def _names_nothing(word: str, lang: str, vocabulary: Vocabulary) -> bool:
    """Whether a lone capitalised word is no name: a small or title word, a month or a
    day ("Haziran"), a word capitalised for grammar's sake, a place's people
    ("Americans", "Türk"), a direction ("the West") or a German title
    ("Gesundheitsminister")."""
    lower = _lower(word)
    if lower in _STOP or lower in TITLES or lower in _COMPASS or _lone_letter(word):
        return True
    if len(word) < 2 or lower in calendar_words(lang):
        return True
    if _common(word, lang, vocabulary) or demonym(word, lang):
        return True
    return lang == "de" and bool(
        _inflected_noun_de(word, lang, vocabulary) or _TITLE_COMPOUND_DE.search(word)
    )


# Feasts and diseases are capitalised as names are, but name a day or an illness, no one
# person, place or body: like the months, no entity.
_FEASTS_AND_DISEASES = frozenset(
    name_key(phrase)
    for phrase in """
    new year|new year's day|new year's eve|christmas|christmas eve|easter|thanksgiving
    halloween|ramadan|año nuevo|nochevieja|nochebuena|navidad|semana santa|pascua
    nouvel an|noël|pâques|toussaint|neujahr|silvester|weihnachten|ostern|pfingsten
    ano novo|natal|páscoa|nieuwjaar|kerstmis|pasen|capodanno|pasqua
    yılbaşı|ramazan|ramazan bayramı|kurban bayramı|bayram
    covid|covid-19|coronavirus|koronavirüs|sars|sars-cov-2|mers|ebola|zika|aids|hiv|h1n1
    """.replace("\n", "|").split("|")
    if phrase.strip()
)


def _grammar_capital(words: list[str], lang: str) -> bool:
    """Whether the capital of a sentence's first word may be grammar alone ("Rederiet
    Fjord1 har ..."). Not before a lone kind word ("Batı Mahallesi" is no "Mahallesi"),
    not in a lone acronym (grammar capitalises one letter: "AFAD", "(İHA)"), nor in another
    language's article ("Los Angeles"), nor in a place a gazetteer knows ("İran İçişleri
    Bakanlığı", "İstanbul'da")."""
    first = words[0]
    acronym = len(words) == 1 and first.isupper() and len(first.replace(".", "")) > 1
    article = lang not in _ROMANCE and len(words) > 1 and _lower(first) in _FOREIGN_ARTICLES
    if acronym or article or _kind_word(words[1:]):
        return False
    return not (place_key(first, lang) or region(first))


def _kind_word(words: list[str]) -> bool:
    """A word that says what kind of thing is named, alone or after words that say only
    its rank or reach: "Mahallesi", "Genel Müdürlüğü", "National Directorate"."""
    if not words or any(_lower(w) not in _RANKS for w in words[:-1]):
        return False
    word = _lower(words[-1])
    return bool(word in ORG_WORDS or _TR_ORG.search(word) or _TR_PLACE.search(word))


# Words of a body's name that say its rank or reach, not which one it is.
_RANKS = _words(
    """
    general genel nacional national nationale central merkez federal regional bölge il
    ilçe ulusal supreme yüksek high
    """
)


@functools.cache
def calendar_words(lang: str) -> frozenset[str]:
    """The language's month and weekday names (CLDR), lower-cased: no names, whatever
    their capitals."""
    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return frozenset()
    names = [*get_month_names("wide", locale=locale).values()]
    names += get_month_names("abbreviated", locale=locale).values()  # "Jan. 6"
    names += get_day_names("wide", locale=locale).values()
    return frozenset(str(n).lower().rstrip(".") for n in names)


def _common(word: str, lang: str, vocabulary: Vocabulary) -> bool:
    """A common word that is capitalised here for grammar's sake."""
    if _lower(word) in vocabulary.lower.get(lang, set()):
        return True
    if lang != "de" or place_key(word, lang):
        # "der Türkei", "die Schweiz": German puts some countries' names after an article.
        return False
    return word in vocabulary.determined_de or bool(_DE_NOUN.search(word.lower()))


def _common_before_name_de(word: str, vocabulary: Vocabulary) -> bool:
    """A German noun before a name ("Stadt Osch"), or a plural before another noun
    ("Milliarden Dollar"); an adjective's ending ("Vereinten Nationen") is the name's."""
    if _common(word, "de", vocabulary):
        return True
    base = lemmatize(word, "de")
    return base != word and word.startswith(base) and not place_key(word, "de")


def _inflected_noun_de(word: str, lang: str, vocabulary: Vocabulary) -> bool:
    """A German capital the dictionary knows as another word's form ("Tage" of Tag,
    "Provinzen" of Provinz, "Autos" of Auto): a common noun. A name keeps its form but
    for a genitive s before the noun it owns ("Merkels Sprecher")."""
    if lang != "de" or place_key(word, lang):
        return False
    base = lemmatize(word, lang)
    genitive = word in (base + "s", base + "es") and word in vocabulary.genitive_de
    return base != word and not genitive


def _after_place_word(before: list[str]) -> bool:
    """ "in Bishkek", "in western Norway": a place preposition, at most one word between."""
    if before and before[-1] in _PLACE_BEFORE:
        return True
    return len(before) >= 2 and before[-2] in _PLACE_BEFORE and before[-1][0].islower()
