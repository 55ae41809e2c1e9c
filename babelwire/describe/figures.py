"""Figures: what is counted, what each source says, and where sources disagree.

A figure is a quantity (see `numbers`) tied to a cue word a few words after
it ("590 injuries", "one person died", "tusenvis av demonstranter") or just
before it ("killing 12", "death toll rose to 12"). Figures are read from the
article's raw text, captions included: a gallery caption is still the
outlet's claim ("590 injuries" is only in DW's captions).

Disagreement is only claimed when it is safe to: two sources give ranges
that cannot both hold for the same quantity, and the later report is not
simply an update (a death toll that rises over days is news, not conflict).
Tolls (dead, injured, arrested ...) are one quantity per event, each
article's first count of it (other deaths an article counts apart are lines
of their own); other counts (parties, seats, percent) are compared only when
they count the same thing in the same words. Lines in other words, or other
languages, are one quantity when they state the same number.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from babelwire.clean import clean
from babelwire.describe.counts import counted_noun, is_unit, not_a_count, one_as_article
from babelwire.describe.dating import Dated
from babelwire.describe.numbers import Quantity, quantities, spaced
from babelwire.describe.text import content_key, split_sentences
from babelwire.model import Article

WINDOW_AFTER = 5  # words between a number and what it counts ("one person was killed")
WINDOW_BEFORE = 3
SAME_NUMBER_FROM = 10  # the same number in two articles is one quantity from here up

_CUES: dict[str, str] = {
    "dead": "dead died killed deaths death fatalities perished lives bodies "
    "døde død drept drepte omkom omkommet omkomne dødsofre livet "
    "tote toten tot getötet starben gestorben todesopfer leben "
    "muertos muerto muertas muerta murió murieron fallecidos fallecidas fallecido fallecieron "
    "morts mort mortes tués tuées tué décès décédé décédés péri "
    "mortos mortas morreram morte mortes doden omgekomen deceduti morti vittime "
    "öldü ölü öldürüldü şehit hayatını hayatlarını "
    "قتيل قتيلا قتلى وفاة وفيات شهيد شهيدا شهداء مقتل استشهاد "
    "死亡 遇难 丧生 身亡",
    "injured": "injured wounded hurt injuries injury hospital hospitalised hospitalized "
    "sykehus sykehuset krankenhaus hospitalizados hospitalisés "
    "skadd skadet skadde skader såret sårede "
    "verletzt verletzte verletzten verwundet verwundete "
    "heridos herido heridas herida heridas lesionados lesionadas "
    "blessés blessé blessées blessures "
    "feridos feridas gewonden gewond feriti yaralı yaralandı yaralanan "
    "جريح جريحا جرحى مصاب مصابا مصابين إصابة إصابات "
    "受伤 伤",
    "arrested": "arrested detained arrests detentions "
    "arrestert arresterte pågrepet pågrepne anholdt "
    "festgenommen verhaftet festnahmen inhaftiert fest "
    "detenidos detenido detenidas arrestados arrestadas detenciones "
    "arrêtés arrêtées interpellés interpellées interpellations arrestations "
    "presos detidos gearresteerd arrestati gözaltı gözaltına tutuklandı "
    "معتقل معتقلين معتقلا متهم متهمين 被捕",
    "missing": "missing savnet savnede vermisst vermisste vermissten desaparecidos disparus "
    "vermist vermisten dispersi kayıp مفقود مفقودين مفقودا 失踪",
    "displaced": "evacuated displaced homeless evacuees evakuert evakuerte evakuiert "
    "obdachlos evacuados evacuadas desplazados évacués évacuées déplacés "
    "evacuadas desalojados geëvacueerd evacuati tahliye نازح نازحين نزوح 撤离",
    "protesters": "protesters protestors demonstrators marchers demonstranter demonstrantene "
    "demonstranten demonstrierende manifestantes manifestants",
    # Plural only: "party leaders" are people, not parties.
    "parties": "parties partier partiene parteien partidos partis",
    "seats": "seats seter mandater sitze mandate escaños sièges",
    "votes": "votes ballots stemmer stimmen votos voix suffrages",
    "magnitude": "magnitude magnitud büyüklüğünde büyüklüğündeki şiddetinde درجات 级",
}
# Slavic languages decline the counted word and often put the verb first ("zginęło
# 12 osób", "погибли 12 человек"): their cues are in both tables, in the forms news uses.
_SLAVIC_CUES = {
    "dead": "zginęło zginęły zginęli zginął zginęła zmarło zmarły zmarli zabitych zabici zabito "
    "ofiar ofiary śmiertelnych zahynulo zahynuli zemřelo zemřeli mrtvých obětí usmrceno "
    "погибли погибло погиб погибших убиты убито убитых жертв жертвами скончались умерли "
    "загинули загинуло загиблих загинув",
    "injured": "rannych ranni ranne rannymi obrażeń zraniono zraněno zraněných "
    "zraněni раненых ранены ранено пострадали пострадавших госпитализированы поранені "
    "поранених постраждали постраждалих",
    "arrested": "zatrzymano zatrzymanych aresztowano zadrženo zatčeno zadržených задержаны "
    "задержано задержанных арестованы затримано затриманих",
    "missing": "zaginionych zaginęło zaginęły pohřešováno pohřešovaných пропали пропавших "
    "пропавшими зникли зниклих",
    "displaced": "ewakuowano ewakuowanych evakuováno evakuovaných эвакуированы эвакуировано "
    "эвакуированных евакуйовано евакуйованих",
}
_BEFORE_CUES: dict[str, str] = {
    "dead": "killing kills killed toll dødstallet dødstall todeszahl muertos bilan mortos "
    "murieron fallecieron murió falleció morreram morreu "
    "ölü قتلى مقتل استشهاد وفاة 死亡人数",
    "injured": "injuring injures wounding heridos heridas feridos",
    "arrested": "arresting arrested detained pågrep festgenommen detuvo arrêté",
    "displaced": "نزوح",
    "magnitude": "magnitude magnitud stärke richter 震级",
}
# Words for "the count of": the cue beside them says what ("the number of injured").
_COUNTS = (
    "toll number count tally cifra número balance bilan nombre balanço zahl anzahl bilanz "
    "aantal numero bilancio sayısı sayı tallet antall عدد حصيلة liczba bilans počet число "
    "количество кількість"
)
_COUNT_WORDS = {w: "count" for w in _COUNTS.split()}
WINDOW_COUNT = 8  # words between a count word and its number: "the toll ... rose to"
_SLAVIC_CUE = {w: what for what, cues in _SLAVIC_CUES.items() for w in cues.split()}
_CUE = {w: what for what, cues in _CUES.items() for w in cues.split()} | _SLAVIC_CUE
_CUE_BEFORE = {w: what for what, cues in _BEFORE_CUES.items() for w in cues.split()}
_CUE_BEFORE |= _SLAVIC_CUE
# Counted the same way everywhere in one event: conflicting values are conflicts.
TOLLS = frozenset(
    {"dead", "injured", "arrested", "missing", "displaced", "protesters", "magnitude"}
)
_NOT_PEOPLE = frozenset({"percent", "years of prison", "magnitude"})
_CUED = frozenset({*_CUES, "percent", "years of prison"})

_PERCENT = re.compile(
    r"^\s*(?:%|per ?cent|percent|prosent|prozent|procent|por ciento|por cento|per cento"
    r"|pour ?cent|في المئة|في المائة|بالمئة|بالمائة|٪|proc\.|процент|відсот)",
    re.I,
)
_PERCENT_BEFORE = re.compile(r"(?:yüzde|%)\s*$", re.I)  # Turkish: "yüzde 50", "%50"
_ARABIC_MARKS = re.compile(r"[\u0640\u064b-\u065f]")
_HAN_CUES = {w: what for w, what in (_CUE | _CUE_BEFORE).items() if "\u4e00" <= w[0] <= "\u9fff"}
_YEARS = r"years?|år|års|jahre|jahren|años|ans"
_PRISON = re.compile(
    rf"^\s*(?:{_YEARS})(?:'|\u2019)?\s+(?:\w+\s+){{0,2}}?(?:in\s+)?(?:prison|jail|imprisonment|"
    r"fengsel|haft|gefängnis|prisión|cárcel|prison|de prisión|de prison)",
    re.I,
)
_CURRENCY_AFTER = {
    "dollars": "USD", "dollar": "USD", "usd": "USD", "euros": "EUR", "euro": "EUR",
    "eur": "EUR", "kroner": "NOK", "kr": "NOK", "nok": "NOK", "kronor": "SEK",
    "pounds": "GBP", "rubles": "RUB", "roubles": "RUB", "rubler": "RUB", "rubel": "RUB",
    "tl": "TRY", "lira": "TRY", "liras": "TRY", "جنيه": "EGP", "دينار": "JOD", "دولار": "USD",
    "يورو": "EUR", "美元": "USD", "欧元": "EUR", "reais": "BRL", "pesos": "peso",
}  # fmt: skip
_CURRENCY_BEFORE = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "kr": "NOK"}
# Clause ends stop a cue's reach; Chinese ends its clauses with full-width marks.
_HAN_STOPS = "\uff0c\u3002\uff1b\uff1a\uff01\uff1f"
_TOKEN = re.compile(rf"[^\W\d_][\w'\u2019-]*|\d[\d.,]*|[.;:!?()\[\]“”\"«»{_HAN_STOPS}]", re.UNICODE)
_STOP = re.compile(rf"[.;:!?()\[\]“”\"«»{_HAN_STOPS}]")


@dataclass(frozen=True)
class Value:
    what: str
    low: float
    high: float | None
    text: str
    article_id: str
    context: frozenset[str]


def build_figures(articles: list[Article], dates: dict[str, Dated]) -> list[dict[str, Any]]:
    found = [v for a in articles for v in _distinct(figures_in(_reported_text(a), a.id, a.lang))]
    grouped: dict[str, list[Value]] = defaultdict(list)
    for value in found:
        grouped[value.what].append(value)
    lines = [(what, same) for what, values in grouped.items() for same in _lines_of(what, values)]
    figures = [_figure(what, values, dates) for what, values in _same_numbers(lines)]
    figures.sort(key=lambda f: (f["what"] not in TOLLS, -len(f["values"]), f["what"]))
    return figures


def _reported_text(article: Article) -> str:
    """The headline, the body and the captions: a headline often gives the toll, and a
    photo gallery may be where an outlet gives it (DW's "590 injured"); credits and
    gallery titles never count."""
    return f"{article.title or ''}\n\n{article.text}\n\n{clean(article.raw_text).captions}"


def figures_in(text: str, article_id: str, lang: str) -> list[Value]:
    """Every counted quantity in a text, with what it counts."""
    values = []
    for sentence in split_sentences(text):
        sentence = spaced(sentence, lang)
        found = quantities(sentence, lang)
        for i, quantity in enumerate(found):
            limit = found[i + 1].start if i + 1 < len(found) else len(sentence)
            value = _value(sentence, quantity, limit, article_id, lang)
            if value is not None:
                values.append(value)
    return values


def _value(sentence: str, q: Quantity, limit: int, article_id: str, lang: str) -> Value | None:
    after = sentence[q.end : limit]
    before = sentence[max(0, q.start - 40) : q.start]
    what, cue_end = _unit(after, before, lang)
    if what is None:
        what = _counted_before(sentence[max(0, q.start - 100) : q.start])
    if what is None and not sentence[: q.start].strip() and not _measures_time_or_size(after, lang):
        what = _subject_of(after)
    if what is None and not one_as_article(sentence, q) and _definite(sentence, q):
        # No cue word: a count of what the next word names ("59 uygulama").
        what, cue_end = counted_noun(after, lang, many=q.low >= 2) or (None, 0)
    if what is None or not_a_count(sentence, q, lang, cued=what in _CUED):
        return None
    if what == "magnitude" and not _written_in_digits(sentence, q):
        return None  # "d'une magnitude de 7": the article, not a magnitude of one
    end = q.end + cue_end if cue_end else q.end
    text = sentence[q.start : end].strip() or sentence[q.start : q.end]
    if cue_end == 0:
        text = f"{before.split()[-1] if before.split() else ''} {text}".strip()
    context = frozenset(content_key(w) for w in _TOKEN.findall(after)[: WINDOW_AFTER + 2])
    return Value(what, q.low, q.high, text, article_id, context)


def _written_in_digits(sentence: str, q: Quantity) -> bool:
    return any(c.isdigit() for c in sentence[q.start : q.end])


def _definite(sentence: str, q: Quantity) -> bool:
    """A number, not a vague word: "several party leaders" counts nothing on its own."""
    return q.low == q.high or _written_in_digits(sentence, q)


def _unit(after: str, before: str, lang: str) -> tuple[str | None, int]:
    """What the quantity counts, and where its cue ends in `after` (0: cue was before)."""
    if _PERCENT.match(after):
        return "percent", _PERCENT.match(after).end()  # type: ignore[union-attr]
    if _PERCENT_BEFORE.search(before):
        return "percent", 0
    prison = _PRISON.match(after)
    if prison:
        return "years of prison", prison.end()
    currency = _currency(after, before)
    if currency:
        return currency
    cue_after = _cue_after(after)
    cue_before = _cue_before(before)
    if cue_before and (cue_after is None or cue_before[1] < cue_after[2]):
        return cue_before[0], 0  # nearer: "zginęło ponad 31 tys. osób, a rannych ..."
    return (cue_after[0], cue_after[1]) if cue_after else (None, 0)


def _cue_after(after: str) -> tuple[str, int, int] | None:
    """The first cue after the number: what it says, where it ends, how many words on."""
    for distance, token in enumerate(list(_TOKEN.finditer(after))[:WINDOW_AFTER]):
        if _STOP.fullmatch(token.group(0)):
            return None
        what = _cue(token.group(0), _CUE)
        if what:
            return what, token.end(), distance
    return None


def _cue_before(before: str) -> tuple[str, int] | None:
    """The nearest cue before the number: what it says, and how many words back."""
    for distance, token in enumerate(reversed(_TOKEN.findall(before)[-WINDOW_BEFORE:])):
        if _STOP.fullmatch(token):
            return None
        what = _cue(token, _CUE_BEFORE)
        if what:
            return what, distance
    return None


def _measures_time_or_size(after: str, lang: str) -> bool:
    """ "Zwei Tage nach dem Beben ...": a number of days opens the sentence, not a count."""
    counted = counted_noun(after, lang)
    return counted is not None and is_unit(counted[0])


def _subject_of(after: str) -> str | None:
    """A number opening its sentence counts what the sentence says of it, however far:
    "Six members of a road crew who had been filling potholes ... are missing"."""
    for token in _TOKEN.findall(after):
        if _STOP.fullmatch(token):
            return None
        what = _cue(token, _CUE)
        if what in TOLLS:
            return what
    return None


def _counted_before(before: str) -> str | None:
    """What a count named before the number counts: "the death toll from the quake rose
    to 2,500", "yaralı sayısı ise 2 bin 400", "عدد المصابين في المحافظة 12": a count
    word, with a cue within a few words of it, in the words since the last number."""
    tokens: list[str] = []  # nearest first
    for token in reversed(_TOKEN.findall(before)[-WINDOW_COUNT:]):
        if _STOP.fullmatch(token) or token[0].isdigit():
            break
        tokens.append(token)
    for i, token in enumerate(tokens):
        if _cue(token, _COUNT_WORDS):
            near = tokens[max(0, i - 3) : i + 4]
            found = (_cue(t, _CUE) or _cue(t, _CUE_BEFORE) for t in near)
            return next((what for what in found if what in TOLLS), None)
    return None


def _cue(token: str, cues: dict[str, str]) -> str | None:
    """The cue a word is, whatever is written onto it: Arabic "والقتلى", "قتيلاً";
    Chinese runs hold their cue inside ("人死亡")."""
    word = _ARABIC_MARKS.sub("", token.lower())
    if word in cues:
        return cues[word]
    for prefix in ("وال", "بال", "لل", "ال", "و", "ب", "ل"):
        if word.startswith(prefix) and word[len(prefix) :] in cues:
            return cues[word[len(prefix) :]]
    if "\u4e00" <= word[:1] <= "\u9fff":
        return next((what for cue, what in _HAN_CUES.items() if cue in word), None)
    return None


def _currency(after: str, before: str) -> tuple[str, int] | None:
    first = re.match(r"^\s*([^\W\d_]+)", after)
    if first and first.group(1).lower() in _CURRENCY_AFTER:
        return f"money ({_CURRENCY_AFTER[first.group(1).lower()]})", first.end()
    han = re.match(r"^\s*(美元|欧元)", after)
    if han:
        return f"money ({_CURRENCY_AFTER[han.group(1)]})", han.end()
    symbol = re.search(r"(US\$|\$|€|£)\s*$", before)
    if symbol:
        return f"money ({_CURRENCY_BEFORE[symbol.group(1).lower()]})", 0
    return None


def _distinct(values: list[Value]) -> list[Value]:
    """One value per figure per article: a caption repeating the body counts once."""
    seen: dict[tuple[str, float, float | None], Value] = {}
    for value in values:
        seen.setdefault((value.what, value.low, value.high), value)
    return list(seen.values())


def _lines_of(what: str, values: list[Value]) -> list[list[Value]]:
    if what == "magnitude":  # one quake, one magnitude: 7 and 6.8 in one article conflict
        return [values]
    return _toll_lines(values) if what in TOLLS else _quantities(values)


def _quantities(values: list[Value]) -> list[list[Value]]:
    """The lines one unit holds: "16 parties standing" and "2 parties winning" are two.
    A value joins the closest line that has none from its article and states a
    compatible number or counts in the same words."""
    lines: list[list[Value]] = []
    for value in values:
        fits = [
            line
            for line in lines
            if all(v.article_id != value.article_id for v in line)
            and any(_compatible(v, value) or _same_count(v, value) for v in line)
        ]
        _join(lines, fits, value)
    return lines


def _join(lines: list[list[Value]], fits: list[list[Value]], value: Value) -> None:
    if fits:
        min(fits, key=lambda line: _distance(line, value)).append(value)
    else:
        lines.append([value])


def _toll_lines(values: list[Value]) -> list[list[Value]]:
    """A toll is one line across sources whatever they say (a rising toll, a conflict),
    but within one article numbers that cannot be one count are other quantities:
    "3,239 killed on the roads", "nine fewer deaths", "eleven dead on scooters". Each
    article's first count (news comes first) is its toll; its others make lines of
    their own, with the same count from other sources."""
    by_article: dict[str, list[Value]] = defaultdict(list)
    for value in values:
        by_article[value.article_id].append(value)
    toll: list[Value] = []
    others: list[Value] = []
    for stated in by_article.values():
        first, *rest = _counts(stated)
        toll.extend(first)
        others.extend(v for count in rest for v in count)
    return [toll, *_quantities(others)]


def _counts(values: list[Value]) -> list[list[Value]]:
    """One article's values of a toll, gathered into the counts they can be."""
    counts: list[list[Value]] = []
    for value in values:
        same = next((c for c in counts if not any(_conflict(v, value) for v in c)), None)
        if same is None:
            counts.append([value])
        else:
            same.append(value)
    return counts


def _conflict(a: Value, b: Value) -> bool:
    """Two numbers one count cannot be; a vague word ("hundreds") is the writer's
    rounding of any number near it."""
    return not _compatible(a, b) and not _vague(a) and not _vague(b)


def _vague(value: Value) -> bool:
    return value.high is not None and value.high > value.low


def _same_numbers(lines: list[tuple[str, list[Value]]]) -> list[tuple[str, list[Value]]]:
    """Lines in other words that state the very same number are one quantity: "300
    metros" and "300 meter", "82 tripulantes"; not small counts ("3 days", "3 rockets")."""
    kept: list[tuple[str, list[Value]]] = []
    for what, values in lines:
        other = next((line for line in kept if _one_quantity(line, (what, values))), None)
        if other is None:
            kept.append((what, values))
        else:
            other[1].extend(values)
    return kept


def _one_quantity(a: tuple[str, list[Value]], b: tuple[str, list[Value]]) -> bool:
    """An article that gives both lines must give them the same number ("61 años",
    "61 aniversario")."""
    if a[0] == b[0] or not _may_be_one(a[0], b[0]):
        return False
    for article in {v.article_id for v in a[1]} & {v.article_id for v in b[1]}:
        mine = [v for v in a[1] if v.article_id == article]
        theirs = [w for w in b[1] if w.article_id == article]
        if not all(any(_same_stated(v, w) for w in theirs) for v in mine):
            return False
    return any(_same_stated(v, w) for v in a[1] for w in b[1])


def _may_be_one(a: str, b: str) -> bool:
    """Two tolls are never one quantity, and a toll is no measure ("12 dead", "12 km")."""
    if a in TOLLS and b in TOLLS:
        return False
    if a in TOLLS or b in TOLLS:
        return not (_measure(a) or _measure(b))
    return True


def _measure(what: str) -> bool:
    return what in _NOT_PEOPLE or what.startswith("money") or is_unit(what)


def _same_stated(a: Value, b: Value) -> bool:
    """The same number, however qualified: "more than 16.3 million" (16,300,001 and up)
    and "16.3 million"; not a small count ("3 days", "3 rockets")."""
    if a.low < SAME_NUMBER_FROM and not a.low % 1:
        return False
    if (a.low, a.high) == (b.low, b.high):
        return True
    one_open = (a.high is None) != (b.high is None)
    return one_open and abs(a.low - b.low) <= 1


def _compatible(a: Value, b: Value) -> bool:
    return not _apart(a, b) and not _apart(b, a)


def _distance(line: list[Value], value: Value) -> float:
    """How far apart the stated numbers are: "about 54%" (49-59) is nearer 53.7 than 49.8."""
    middle = _middle(value)
    return min(abs(_middle(v) - middle) / max(1.0, abs(middle)) for v in line)


def _middle(value: Value) -> float:
    return value.low if value.high is None else (value.low + value.high) / 2


def _figure(what: str, values: list[Value], dates: dict[str, Dated]) -> dict[str, Any]:
    return {
        "what": what,
        "values": [
            {"low": _num(v.low), "high": _num(v.high), "text": v.text, "article_id": v.article_id}
            for v in values
        ],
        "disagreement": _disagree(what, values, dates),
    }


def _num(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _disagree(what: str, values: list[Value], dates: dict[str, Dated]) -> bool:
    for a in values:
        for b in values:
            if a.article_id == b.article_id or not _apart(a, b):
                continue
            if (what in TOLLS or _same_count(a, b)) and not _update(a, b, dates):
                return True
    return False


def _apart(a: Value, b: Value) -> bool:
    """a's range lies wholly below b's."""
    return a.high is not None and a.high < b.low


def _same_count(a: Value, b: Value) -> bool:
    shared = a.context & b.context
    return len(shared) >= 2 and len(shared) / len(a.context | b.context) >= 0.5


def _update(lower: Value, higher: Value, dates: dict[str, Dated]) -> bool:
    """A lower figure published earlier than the higher one is an earlier count."""
    early, late = dates[lower.article_id].date, dates[higher.article_id].date
    return early is not None and late is not None and early.end < late.start
