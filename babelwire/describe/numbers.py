"""Quantities written in text, as ranges: "590", "hundreds", "one", "tusenvis", "a dozen".

A quantity is a (low, high) range: exact numbers are n-n, vague ones span
what the word allows ("hundreds" 200-999, "thousands" 2000-9999, "dozens"
24-99), and a qualifier widens it ("at least 5" is 5-open, "about 100" is
90-110). `high` is None when the text sets no upper bound. Number words are
read per language so that Norwegian "en" or Spanish "un" is one, while the
French "en" stays a preposition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_ONE_TO_TWENTY = {
    "en": "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty",
    "nb": "en to tre fire fem seks sju åtte ni ti elleve tolv tretten fjorten femten seksten "
    "sytten atten nitten tjue",
    "da": "en to tre fire fem seks syv otte ni ti elleve tolv tretten fjorten femten seksten "
    "sytten atten nitten tyve",
    "sv": "en två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton sexton "
    "sjutton arton nitton tjugo",
    "de": "ein zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn "
    "fünfzehn sechzehn siebzehn achtzehn neunzehn zwanzig",
    "es": "uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince "
    "dieciséis diecisiete dieciocho diecinueve veinte",
    "fr": "un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze "
    "seize dix-sept dix-huit dix-neuf vingt",
    "pt": "um dois três quatro cinco seis sete oito nove dez onze doze treze catorze quinze "
    "dezesseis dezessete dezoito dezenove vinte",
    "it": "uno due tre quattro cinque sei sette otto nove dieci undici dodici tredici "
    "quattordici quindici sedici diciassette diciotto diciannove venti",
    "nl": "een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien "
    "vijftien zestien zeventien achttien negentien twintig",
    "tr": "bir iki üç dört beş altı yedi sekiz dokuz on",
    "ar": "واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة",
    "pl": "jeden dwa trzy cztery pięć sześć siedem osiem dziewięć dziesięć jedenaście dwanaście "
    "trzynaście czternaście piętnaście szesnaście siedemnaście osiemnaście dziewiętnaście "
    "dwadzieścia",
    "cs": "jeden dva tři čtyři pět šest sedm osm devět deset jedenáct dvanáct třináct čtrnáct "
    "patnáct šestnáct sedmnáct osmnáct devatenáct dvacet",
    "ru": "один два три четыре пять шесть семь восемь девять десять одиннадцать двенадцать "
    "тринадцать четырнадцать пятнадцать шестнадцать семнадцать восемнадцать девятнадцать "
    "двадцать",
    "uk": "один два три чотири п'ять шість сім вісім дев'ять десять одинадцять дванадцять "
    "тринадцять чотирнадцять п'ятнадцять шістнадцять сімнадцять вісімнадцять дев'ятнадцять "
    "двадцять",
}
# Other spellings of the small numbers, and the round tens and hundreds.
_EXTRA = {
    "en": {"a dozen": 12, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
           "eighty": 80, "ninety": 90, "a hundred": 100, "one hundred": 100,
           "a thousand": 1000, "one thousand": 1000},
    "nb": {"ett": 1, "ei": 1, "syv": 7, "tretti": 30, "førti": 40, "femti": 50, "seksti": 60,
           "hundre": 100, "hundre og": 100, "et dusin": 12, "tusen": 1000, "ett tusen": 1000},
    "da": {"et": 1, "tredive": 30, "fyrre": 40, "halvtreds": 50, "hundrede": 100},
    "sv": {"ett": 1, "trettio": 30, "fyrtio": 40, "femtio": 50, "hundra": 100},
    "de": {"eine": 1, "einer": 1, "einen": 1, "eins": 1, "dreißig": 30, "vierzig": 40,
           "fünfzig": 50, "hundert": 100, "tausend": 1000, "ein dutzend": 12},
    "es": {"un": 1, "una": 1, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "cien": 100,
           "ciento": 100, "mil": 1000, "una docena": 12},
    "fr": {"une": 1, "trente": 30, "quarante": 40, "cinquante": 50, "cent": 100, "mille": 1000,
           "une douzaine": 12},
    "pt": {"uma": 1, "duas": 2, "trinta": 30, "quarenta": 40, "cinquenta": 50, "cem": 100,
           "mil": 1000, "uma dúzia": 12},
    "it": {"una": 1, "un": 1, "trenta": 30, "quaranta": 40, "cinquanta": 50, "cento": 100,
           "mille": 1000},
    "nl": {"dertig": 30, "veertig": 40, "vijftig": 50, "honderd": 100, "duizend": 1000},
    "tr": {"yirmi": 20, "otuz": 30, "kırk": 40, "elli": 50, "yüz": 100},
    # Arabic counts in the feminine and masculine, and "two thousand" in one word.
    "ar": {"واحدة": 1, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "ثلاث": 3, "أربع": 4, "خمس": 5,
           "ست": 6, "سبع": 7, "ثماني": 8, "تسع": 9, "عشر": 10, "عشرين": 20, "عشرون": 20,
           "مئة": 100, "مائة": 100, "ألفي": 2000, "ألفين": 2000, "مليوني": 2_000_000},
    # Slavic numbers decline: the case forms news writes most ("dwóch", "пяти").
    "pl": {"jedna": 1, "jedno": 1, "dwie": 2, "dwóch": 2, "dwaj": 2, "trzech": 3, "czterech": 4,
           "pięciu": 5, "sześciu": 6, "siedmiu": 7, "ośmiu": 8, "dziewięciu": 9,
           "dziesięciu": 10, "trzydzieści": 30, "czterdzieści": 40, "pięćdziesiąt": 50,
           "sto": 100, "tysiąc": 1000},
    "cs": {"jedna": 1, "jedno": 1, "dvě": 2, "dvou": 2, "tří": 3, "čtyř": 4, "třicet": 30,
           "čtyřicet": 40, "padesát": 50, "sto": 100, "tisíc": 1000},
    "ru": {"одна": 1, "одно": 1, "две": 2, "двух": 2, "трёх": 3, "трех": 3, "четырёх": 4,
           "четырех": 4, "пяти": 5, "шести": 6, "семи": 7, "десяти": 10, "тридцать": 30,
           "сорок": 40, "пятьдесят": 50, "сто": 100, "тысяча": 1000},
    "uk": {"одна": 1, "одне": 1, "дві": 2, "двох": 2, "трьох": 3, "чотирьох": 4, "п'яти": 5,
           "тридцять": 30, "сорок": 40, "п'ятдесят": 50, "сто": 100, "тисяча": 1000},
}  # fmt: skip
# Tens and units joined into one number: "sixty-one", "sesenta y un", "otuz beş".
_COMPOUND = {
    "en": ("twenty thirty forty fifty sixty seventy eighty ninety", "-", "one"),
    "es": ("veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa", " y ", "un"),
    "pt": ("vinte trinta quarenta cinquenta sessenta setenta oitenta noventa", " e ", "um"),
    "tr": ("yirmi otuz kırk elli altmış yetmiş seksen doksan", " ", "bir"),
}
_VAGUE = {
    "en": {"dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999),
           "thousands": (2000, 9999), "tens of thousands": (20_000, 99_999),
           "hundreds of thousands": (200_000, 999_999), "millions": (2_000_000, 9_999_999),
           "several hundred": (200, 999), "several thousand": (2000, 9999),
           "a few": (2, 5), "several": (3, 9)},
    "nb": {"dusinvis": (24, 99), "hundrevis": (200, 999), "flere hundre": (200, 999),
           "tusenvis": (2000, 9999), "flere tusen": (2000, 9999), "titusenvis": (20_000, 99_999),
           "hundretusenvis": (200_000, 999_999), "millioner": (2_000_000, 9_999_999),
           "flere": (3, 9), "noen få": (2, 5)},
    "de": {"dutzende": (24, 99), "hunderte": (200, 999), "mehrere hundert": (200, 999),
           "tausende": (2000, 9999), "mehrere tausend": (2000, 9999),
           "zehntausende": (20_000, 99_999), "hunderttausende": (200_000, 999_999),
           "mehrere": (3, 9)},
    "es": {"decenas": (20, 99), "cientos": (200, 999), "centenares": (200, 999),
           "miles": (2000, 9999), "decenas de miles": (20_000, 99_999),
           "cientos de miles": (200_000, 999_999), "varios": (3, 9), "varias": (3, 9)},
    "fr": {"dizaines": (20, 99), "des dizaines": (20, 99), "centaines": (200, 999),
           "des centaines": (200, 999), "milliers": (2000, 9999), "des milliers": (2000, 9999),
           "dizaines de milliers": (20_000, 99_999), "plusieurs": (3, 9),
           "une centaine": (90, 110), "une dizaine": (9, 11), "un millier": (900, 1100)},
}  # fmt: skip
_VAGUE["es"] |= {"un centenar": (90, 110), "una decena": (9, 11), "un millar": (900, 1100)}
_VAGUE["da"] = _VAGUE["nb"]
_VAGUE["sv"] = _VAGUE["nb"]
_VAGUE |= {
    "pl": {"kilka": (3, 9), "kilkanaście": (11, 19), "kilkadziesiąt": (20, 99),
           "kilkaset": (200, 999), "dziesiątki": (20, 99), "setki": (200, 999),
           "tysiące": (2000, 9999), "kilka tysięcy": (2000, 9999),
           "dziesiątki tysięcy": (20_000, 99_999), "setki tysięcy": (200_000, 999_999)},
    "cs": {"několik": (3, 9), "desítky": (20, 99), "stovky": (200, 999), "tisíce": (2000, 9999),
           "desítky tisíc": (20_000, 99_999), "stovky tisíc": (200_000, 999_999)},
    "ru": {"несколько": (3, 9), "десятки": (20, 99), "сотни": (200, 999),
           "тысячи": (2000, 9999), "несколько сотен": (200, 999),
           "несколько тысяч": (2000, 9999), "десятки тысяч": (20_000, 99_999),
           "сотни тысяч": (200_000, 999_999)},
    "uk": {"кілька": (3, 9), "десятки": (20, 99), "сотні": (200, 999), "тисячі": (2000, 9999),
           "десятки тисяч": (20_000, 99_999), "сотні тисяч": (200_000, 999_999)},
}  # fmt: skip

_MULTIPLIERS = {
    "thousand": 1e3, "tusen": 1e3, "tausend": 1e3, "mil": 1e3, "mille": 1e3,
    "million": 1e6, "millions": 1e6, "mill": 1e6, "mln": 1e6, "millioner": 1e6,
    "millionen": 1e6, "millones": 1e6, "millón": 1e6, "mio": 1e6,
    "billion": 1e9, "billions": 1e9, "milliard": 1e9, "milliarder": 1e9, "milliarden": 1e9,
    "milliards": 1e9, "mrd": 1e9, "bn": 1e9,
    "milhão": 1e6, "milhões": 1e6, "bilhão": 1e9, "bilhões": 1e9, "mila": 1e3, "milioni": 1e6,
    "miliardi": 1e9, "duizend": 1e3, "miljoen": 1e6, "miljard": 1e9, "万": 1e4, "亿": 1e8,
    "bin": 1e3, "bini": 1e3, "bine": 1e3, "binden": 1e3, "milyon": 1e6, "milyar": 1e9,
    "ألف": 1e3, "الف": 1e3, "آلاف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9,
    "مليارات": 1e9,
    "tys": 1e3, "tysiące": 1e3, "tysięcy": 1e3, "milion": 1e6, "miliony": 1e6,
    "milionów": 1e6, "mld": 1e9, "miliardy": 1e9, "miliardów": 1e9,
    "tis": 1e3, "tisíce": 1e3, "milionů": 1e6, "miliarda": 1e9, "miliard": 1e9,
    "тыс": 1e3, "тысячи": 1e3, "тысяч": 1e3, "млн": 1e6, "миллион": 1e6, "миллиона": 1e6,
    "миллионов": 1e6, "млрд": 1e9, "миллиард": 1e9, "миллиарда": 1e9, "миллиардов": 1e9,
    "тис": 1e3, "тисячі": 1e3, "тисяч": 1e3, "мільйон": 1e6, "мільйона": 1e6,
    "мільйонів": 1e6, "мільярд": 1e9, "мільярда": 1e9, "мільярдів": 1e9,
}  # fmt: skip

# (pattern over the few words before a quantity, how it changes the range)
_QUALIFIERS = [
    (r"(?:at least|no fewer than|minst|minimum|mindestens|wenigstens|al menos|por lo menos"
     r"|au moins|pelo menos|almeno|minstens|en az|ما لا يقل عن|至少"
     r"|co najmniej|przynajmniej|nejméně|alespoň|не менее|по меньшей мере|как минимум"
     r"|щонайменше|принаймні)\s*$", "at_least"),
    (r"(?:more than|over|upwards of|mer enn|over|flere enn|mehr als|über|más de|plus de"
     r"|mais de|più di|meer dan|أكثر من|超过|逾|ponad|przeszło|více než|přes|более|свыше"
     r"|больше|понад|більше"
     # A count that "exceeded" a number is more than it.
     r"|exceeded|surpassed|topped|überstieg|übersteigt|superó|supera|dépassé|dépasse|superou"
     r"|superato|przekroczyła|przekroczył|przekroczyło|przekroczyły|překročil|překročila"
     r"|превысило|превысил|превысила|превысили|перевищила|перевищило|تجاوز|تخطى|超过了)\s*$",
     "more_than"),
    (r"(?:nearly|almost|close to|nesten|nær|knapt|fast|beinahe|knapp|casi|cerca de|près de"
     r"|presque|pr[eè]s de|quase|quasi|bijna|قرابة|近|prawie|niemal|blisko|téměř|skoro"
     r"|почти|майже)\s*$", "nearly"),
    (r"(?:about|around|some|approximately|roughly|an estimated|rundt|omkring|cirka|ca\.|om lag"
     r"|rund|etwa|ungefähr|unos|unas|alrededor de|aproximadamente|environ|quelque|quelques"
     r"|circa|ongeveer|yaklaşık|نحو|حوالي|حوالى|约|大约|około|ok\.|przybliżeniu|asi|zhruba"
     r"|přibližně|kolem|около|примерно|порядка|близько|приблизно)\s*$", "about"),
    (r"(?:up to|as many as|opptil|inntil|bis zu|hasta|jusqu'à|jusqu\u2019à|até)\s*$", "up_to"),
]  # fmt: skip


@dataclass(frozen=True)
class Quantity:
    low: float
    high: float | None
    start: int  # span in the text, qualifier included
    end: int


@lru_cache(maxsize=32)
def _word_values(lang: str) -> dict[str, tuple[float, float]]:
    table = "en" if lang not in _ONE_TO_TWENTY else lang
    values: dict[str, tuple[float, float]] = {}
    for number, word in enumerate(_ONE_TO_TWENTY[table].split(), start=1):
        values[word] = (number, number)
    for word, number in _EXTRA.get(table, {}).items():
        values[word] = (number, number)
    values.update(_compounds(table))
    values.update(_VAGUE.get(table, {}))
    return values


def _compounds(lang: str) -> dict[str, tuple[float, float]]:
    """ "sixty-one", "sesenta y un": the tens joined to the units one to nine."""
    if lang not in _COMPOUND:
        return {}
    tens, joiner, one = _COMPOUND[lang]
    units = [one, *_ONE_TO_TWENTY[lang].split()[1:9]]
    found: dict[str, tuple[float, float]] = {}
    for i, ten in enumerate(tens.split()):
        for j, unit in enumerate(units):
            number = (i + 2) * 10 + j + 1
            for join in {joiner, " "}:
                found[f"{ten}{join}{unit}"] = (number, number)
    return found


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_DIGITS = r"\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?!\d)|\d+(?:[.,]\d+)?"
# "21-50 kg/m2", "30 - 50 km/h": a range, low to high.
_RANGE = re.compile(r"(?<![\w.,-])(\d+(?:[.,]\d+)?)\s?[-\u2013]\s?(\d+(?:[.,]\d+)?)(?![\w.,-])")
_MULT = _alternation(list(_MULTIPLIERS))
_PATTERN_CACHE: dict[str, re.Pattern[str]] = {}


def _pattern(lang: str) -> re.Pattern[str]:
    if lang not in _PATTERN_CACHE:
        words = _alternation(list(_word_values(lang)))
        _PATTERN_CACHE[lang] = re.compile(
            rf"(?<![\w.,])(?:(?P<num>{_DIGITS})|(?P<word>{words}))"
            rf"(?:\s*(?P<mult>{_MULT})\.?)?(?!\w)",
            re.IGNORECASE,
        )
    return _PATTERN_CACHE[lang]


def spaced(text: str, lang: str) -> str:
    """Numbers set apart from the words written onto them: Arabic "بـ12500", "150محضر",
    Chinese "至少93人", "55亿美元"; and "2.6km". Quantities are read in this text."""
    text = re.sub(r"(\d)(km|m|kg|cm|mm|mi)\b", r"\1 \2", text)
    if lang in _ARABIC_LANGS:
        text = re.sub(r"([\u0600-\u06ff])(?=\d)", r"\1 ", text)
        return re.sub(r"(\d)(?=[\u0600-\u06ff])", r"\1 ", text)
    if lang in _HAN_LANGS:
        return re.sub(r"(\d[\d.,]*[万亿千]?)", r" \1 ", text)
    return text


_ARABIC_LANGS = frozenset({"ar", "fa", "ur"})
_HAN_LANGS = frozenset({"zh", "ja"})
_HAN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
_HAN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
# Chinese numerals count only before a measure word: 六人, 两人, 三架 (not 一大桥, "a bridge").
_HAN_COUNT = re.compile(
    r"[零一二两三四五六七八九十百千万亿]+(?=[人名座艘个架枚位栋所辆次起头户家])"
)


def quantities(text: str, lang: str = "en") -> list[Quantity]:
    """Every quantity in the text, left to right (a text `spaced` for its language)."""
    values = _word_values(lang)
    found: list[Quantity] = []
    ranges = _ranges(text)
    for match in _pattern(lang).finditer(text):
        if any(r.start <= match.start() < r.end for r in ranges):
            continue
        if _negated(text[: match.start()]) or (found and match.start() < found[-1].end):
            continue
        low, high = _base(match, values)
        end = match.end()
        if lang == "tr" and match["mult"]:
            low, high, end = _thousands_and(text, end, low, high)
        start, qualified_low, qualified_high = _qualified(text, match.start(), low, high, lang)
        found.append(Quantity(qualified_low, qualified_high, start, end))
    if lang in _HAN_LANGS:
        found += _han_counts(text, lang)
    return sorted(found + ranges, key=lambda q: q.start)


def _ranges(text: str) -> list[Quantity]:
    found = []
    for match in _RANGE.finditer(text):
        low, high = (float(g.replace(",", ".")) for g in match.groups())
        if low < high:  # "2020-21" is a season, not a range
            found.append(Quantity(low, high, match.start(), match.end()))
    return found


def _thousands_and(text: str, end: int, low: float, high: float) -> tuple[float, float, int]:
    """Turkish "29 bin 65" is 29,065: the hundreds follow the thousands."""
    rest = re.match(r"\s+(\d{1,3})(?![\d.,]|\s*(?:bin|milyon|milyar)\b)", text[end:])
    if not rest or low != high:
        return low, high, end
    return low + int(rest.group(1)), high + int(rest.group(1)), end + rest.end()


def _han_counts(text: str, lang: str) -> list[Quantity]:
    found = []
    for match in _HAN_COUNT.finditer(text):
        value = _han_value(match.group(0))
        if value:
            start, low, high = _qualified(text, match.start(), value, value, lang)
            found.append(Quantity(low, high, start, match.end()))
    return found


def _han_value(numeral: str) -> float:
    """一百二十 -> 120, 两 -> 2, 五万 -> 50,000."""
    total = section = digit = 0.0
    for char in numeral:
        if char in _HAN_DIGITS:
            digit = _HAN_DIGITS[char]
        elif _HAN_UNITS[char] >= 10_000:
            total += (section + digit) * _HAN_UNITS[char]
            section = digit = 0
        else:
            section += (digit or 1) * _HAN_UNITS[char]
            digit = 0
    return total + section + digit


def _base(match: re.Match[str], values: dict[str, tuple[float, float]]) -> tuple[float, float]:
    if match["num"]:
        low = high = _parse_digits(match["num"], bool(match["mult"]))
    else:
        low, high = values[match["word"].lower()]
    if match["mult"]:
        factor = _MULTIPLIERS[match["mult"].lower().rstrip(".")]
        low, high = low * factor, high * factor
    return low, high


def _parse_digits(text: str, multiplied: bool) -> float:
    compact = re.sub(r"[\u00a0\u202f ]", "", text)
    # "1,200" and "1.200" group thousands; "2,5 millioner" and "3.5 million" are decimals.
    if re.fullmatch(r"\d{1,3}(?:[,.]\d{3})+", compact) and not multiplied:
        return float(re.sub(r"[,.]", "", compact))
    return float(compact.replace(",", "."))


def _negated(before: str) -> bool:
    return bool(re.search(r"\b(?:no|not a single|ingen|kein|keine|ningún|aucun)\s*$", before, re.I))


def _qualified(
    text: str, start: int, low: float, high: float, lang: str = "en"
) -> tuple[int, float, float | None]:
    before = text[max(0, start - 30) : start]
    for pattern, kind in _QUALIFIERS:
        found = re.search(pattern, before, re.IGNORECASE)
        unspaced = lang in _HAN_LANGS  # no space marks where a Chinese word starts
        if found and (found.start() == 0 or unspaced or not before[found.start() - 1].isalnum()):
            return start - (len(before) - found.start()), *_widen(kind, low, high)
    return start, low, high


def _widen(kind: str, low: float, high: float) -> tuple[float, float | None]:
    if kind == "at_least":
        return low, None
    if kind == "more_than":
        return low + (1 if low == high else 0), None
    if kind == "nearly":
        return round(low * 0.9), high
    if kind == "about":
        return round(low * 0.9), round(high * 1.1)
    return 0, high  # up to
