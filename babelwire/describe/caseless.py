"""Names in scripts without capital letters: Arabic (and Persian, Urdu), Chinese, Japanese.

Capitals cannot mark a name there, so a name is read from what surrounds
or spells it, as a reader who does not know the person would:

- a place CLDR names in the article's language ("سوريا", "美国");
- the word after a title or an organisation's head ("الرئيس ...", "وزارة ...",
  "总统...", "...警方"), the title saying the kind;
- a name another article of the event writes in Latin letters, spelt
  alike here ("بزشكيان" for Pezeshkian: the same consonants);
- in Chinese, a run of the characters used to spell foreign names
  ("拜登", "韦斯·摩尔"), with its place suffix ("马里兰州", "帕塔普斯科河");
- in Arabic, what the grammar of names says: the bare name a head in the
  construct state governs ("حركة حماس"), a name's opening word ("أبو جريف",
  "جنوب سيناء"), the two places after a dual ("قريتي ... و...");
- a city GeoNames names in Arabic where the sentence places it ("من إدلب");
- a name one Arabic article of the event announces, wherever another writes it.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable

from anyascii import anyascii
from babel import Locale, UnknownLocaleError
from babel.core import get_global

from babelwire.describe.gazetteer import arabic_cities
from babelwire.describe.mentions import Mention
from babelwire.describe.places import NOT_PLACES


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ARABIC_SCRIPT = frozenset({"ar", "fa", "ur", "ps"})
HAN_SCRIPT = frozenset({"zh", "ja"})
CASELESS = ARABIC_SCRIPT | HAN_SCRIPT

_ARABIC_WORD = re.compile(r"[\u0621-\u065f\u0671-\u06d3\u0640]+")
_ARABIC_MARKS = re.compile(r"[\u0640\u064b-\u065f]")  # tatweel, short vowels, shadda
# A name never runs across punctuation or a line break.
_ARABIC_BREAK = re.compile(r"[\n\r،؛؟,.:;!?()\[\]\"“”«»/\\\u2013\u2014-]+")
# Conjunctions and prepositions written onto the next word (و ب ل ف ك), longest first.
_CLITICS = ("وبال", "وال", "بال", "فال", "كال", "ولل", "لل")
_ARABIC_STOP = _words(
    """
    في فى من على إلى الى عن مع أن إن ان أنه إنه انه بأن لأن كما أنها إنها
    التي الذي الذى الذين بعد قبل حول منذ خلال عبر ضد بين
    هذا هذه ذلك تلك كان كانت قد لم لن ما لا هو هي هم أو او ثم حتى عند لدى وفق وفقا حيث كما
    اليوم أمس غدا صباح مساء يوم الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت
    باسم عام حوالي نحو
    """
)
_ARABIC_PERSON_TITLES = _words(
    """
    الرئيس الرئيسة رئيس الوزير وزير الوزيرة وزيرة الدكتور الدكتورة د اللواء العميد العقيد
    المقدم الرائد المستشار الفنان الفنانة السيد السيدة الملك الأمير الأميرة الشيخ البابا
    الأنبا الأب المرشح النائب النائبة محافظ المحافظ المتحدث الناطق الكاتب الكاتبة المهندس
    الحاج القس الإمام المطران القاضي المحامي الصحفي الصحفية المدرب اللاعب الجنرال المحاسب
    النبي القديس القديسة
    آية الله مدير دكتور مهندس سفير وزراء
    """
)
_ARABIC_ORG_HEADS = _words(
    """
    وزارة هيئة وكالة منظمة مؤسسة المؤسسة مجلس لجنة اللجنة حركة حزب جامعة شركة مديرية إدارة
    مكتب المرصد المعهد الجيش قوات مركز شرطة الكنيسة جمعية اتحاد الاتحاد نادي النادي بنك
    البنك البنك صندوق محكمة المحكمة برنامج جماعة الجماعة مصلحة بعثة حكومة مستشفى مطرانية
    قسم
    """
)
_ARABIC_PLACE_HEADS = _words(
    """
    مدينة محافظة إقليم إقليما ولاية قرية قريتي بلدة منطقة جزيرة مقاطعة عاصمة دولة مخيم حي
    مستوطنة مدينتي بلدتي محافظتي معسكر
    """
)
# Duals: "the two villages of X and Y" name two places.
_ARABIC_DUAL_HEADS = _words("قريتي إقليما مدينتي بلدتي محافظتي")
_COMPASS = _words("جنوب شمال شرق غرب وسط")
# Words that open a name and need the next one: "أبو جريف", "تل خطرة", "مولاي إبراهيم",
# "جنوب سيناء" (a compass point before a name is part of the region's name).
_ARABIC_NAME_OPENERS = _COMPASS | _words("أبو أبي أم بني بيت تل دير عين كفر رأس جبل سيدي مولاي بئر")
# A street's or square's noun is part of its name, as in "rue du Travail": "شارع المنشية".
_ARABIC_STREET_HEADS = _words("شارع ميدان")
# A byline opens its line with "wrote" or "by the pen of": "كتب محمد عبد المجيد".
_BYLINE = _words("كتب كتبت بقلم")
_HEADS = _ARABIC_ORG_HEADS | _ARABIC_PLACE_HEADS | _ARABIC_STREET_HEADS
_HAN_PERSON_TITLES = (
    "总统", "副总统", "总理", "首相", "主席", "州长", "市长", "局长", "部长", "外长", "国王",
    "女王", "发言人", "总督", "议长", "大使", "教授", "博士", "先生", "女士", "教皇", "领导人",
)  # fmt: skip
_HAN_ORG_SUFFIXES = (
    "警方", "警卫队", "公司", "集团", "委员会", "政府", "组织", "协会", "大学", "银行",
    "通讯社", "新闻社", "部", "局", "署", "院", "军", "党",
)  # fmt: skip
_HAN_PLACE_SUFFIXES = ("大桥", "岛", "州", "县", "市", "省", "河", "港", "湾", "湖", "山", "镇")
# Characters Chinese uses to spell foreign names (Xinhua's transliteration table's commonest).
_HAN_FOREIGN = set(
    "阿埃艾爱安昂奥巴拜班邦贝本比彼毕边波伯勃博查达大戴丹道德登迪蒂丁东杜敦多俄厄恩"
    "尔法凡菲费芬丰弗福盖甘冈戈哥格根古瓜哈海汉豪赫黑亨胡华霍基吉加贾杰金卡凯坎康柯科克肯"
    "库奎拉莱兰朗劳勒雷蕾里利莉连列林琳隆卢鲁路伦罗洛马迈麦曼芒梅门蒙米密明摩莫默姆穆纳"
    "娜奈内尼涅宁纽努诺帕佩彭皮普齐奇恰乔切琴丘萨塞桑瑟森沙莎尚舍圣施什史舒斯松苏索塔泰"
    "坦汤唐特滕提图托瓦威韦维温沃乌伍西希夏谢辛休修雅亚扬耶伊因英尤约泽扎詹朵毛拉"
)
_HAN_JOINERS = "·•・"
_HAN_RUN = re.compile(
    rf"[{''.join(sorted(_HAN_FOREIGN))}](?:[{''.join(sorted(_HAN_FOREIGN))}的]|[{_HAN_JOINERS}])+"
)
MIN_SKELETON = 3  # consonants two words must share with a Latin name: "sdjll" (Saeed Jalili)


def sure_skeleton(name: str) -> int:
    """Consonants a spelling must share to be the same name: more for one word."""
    return MIN_SKELETON if " " in name.strip() else MIN_SKELETON + 1


def caseless_mentions(
    text: str, article_id: str, lang: str, latin_names: list[str]
) -> list[Mention]:
    """The names of an article written in a script without capitals."""
    if lang in HAN_SCRIPT:
        found = _han_places(text, lang) + _han_titled(text) + _han_foreign(text)
    else:
        found = _arabic_acronyms(text)
        for part in _ARABIC_BREAK.split(text):
            tokens = _arabic_tokens(part)
            found += _arabic_places(tokens, lang)
            found += _arabic_cued(tokens, lang)
            found += _arabic_media(tokens)
            found += _arabic_spelt(tokens, latin_names)
    return [Mention(name, article_id, lang, False, Counter(cues)) for name, cues in found]


def event_caseless_mentions(
    articles: list[tuple[str, str, str]], latin_names: list[str]
) -> list[Mention]:
    """The names of an event's articles (text, id, language) in scripts without capitals:
    each article's own, then, in Arabic, the names one article found wherever the others
    write them: a reader who met "محافظة إدلب" reads "من إدلب" in the next article as
    the place, and "باخ" alone as the Bach of "توماس باخ"."""
    found = [m for text, i, lang in articles for m in caseless_mentions(text, i, lang, latin_names)]
    known = _known_names(m for m in found if m.lang in ARABIC_SCRIPT)
    for text, article_id, lang in articles:
        if lang in ARABIC_SCRIPT:
            own = {m.surface for m in found if m.article_id == article_id}
            wanted = {name: cues for name, cues in known.items() if name not in own}
            found += [
                Mention(name, article_id, lang, False, Counter())
                for name in _arabic_written(text, wanted)
            ]
    return found


def _known_names(mentions: Iterable[Mention]) -> dict[str, Counter[str]]:
    """Names a cue announced, and the family name of each person (its last word, when
    it has no article: "باخ" of "توماس باخ", not "السادس", the sixth, of "محمد السادس")."""
    known: dict[str, Counter[str]] = {}
    for mention in mentions:
        if not mention.cues:
            continue
        known.setdefault(mention.surface, Counter()).update(mention.cues)
        words = mention.surface.split()
        family = words[-1]
        person = mention.cues["person"] and len(words) > 1
        if person and not family.startswith("ال") and _may_be_family(family):
            known.setdefault(family, Counter()).update(mention.cues)
    return known


def _may_be_family(word: str) -> bool:
    return len(word) >= MIN_NAME_WORD and word not in _ARABIC_STOP


def _arabic_written(text: str, names: dict[str, Counter[str]]) -> list[str]:
    """The names among `names` that the text writes, each time it writes them."""
    found = []
    for part in _ARABIC_BREAK.split(text):
        tokens = _arabic_tokens(part)
        for i in range(len(tokens)):
            for width in (3, 2, 1):
                words = tokens[i : i + width]
                if len(words) < width:
                    continue
                name = next(
                    (
                        " ".join([first, *words[1:]])
                        for first in _readings(words[0])
                        if " ".join([first, *words[1:]]) in names
                    ),
                    None,
                )
                if name:
                    found.append(name)
                    break
    return found


# Arabic ---------------------------------------------------------------------


def _arabic_tokens(text: str) -> list[str]:
    """The words, read without short vowels, shadda and tatweel; a "word" of marks
    alone (a stray shadda, a tatweel used as a dash) is none."""
    words = (_ARABIC_MARKS.sub("", m.group(0)) for m in _ARABIC_WORD.finditer(text))
    return [w for w in words if w]


# Arabic writes an acronym as its letters apart: "أ ف ب" (AFP). Two letters are as
# often an editor's initials ("ع ف").
_ARABIC_ACRONYM = re.compile(
    r"(?<![\u0621-\u064a])[\u0621-\u064a](?: [\u0621-\u064a]){2,3}(?![\u0621-\u064a])"
)


# English media words Arabic writes out, after the outlet's name: "سكاي نيوز", "جيروزاليم بوست".
_MEDIA_WORDS = _words("نيوز تايمز بوست برس تريبيون")


def _arabic_media(tokens: list[str]) -> list[tuple[str, dict[str, int]]]:
    return [
        (f"{tokens[i - 1]} {word}", {"organisation": 3})
        for i, word in enumerate(tokens)
        if word in _MEDIA_WORDS and i > 0 and _may_name(tokens[i - 1], [])
    ]


def _arabic_acronyms(text: str) -> list[tuple[str, dict[str, int]]]:
    return [(m.group(0), {"organisation": 1}) for m in _ARABIC_ACRONYM.finditer(text)]


# Hamza alefs to bare alef, alef maqsura to ya, ta marbuta to ha (escaped for linters).
_PLAIN_LETTERS = str.maketrans(dict(zip("أإآىة", "\u0627\u0627\u0627\u064a\u0647", strict=True)))


def arabic_plain(name: str) -> str:
    """The name as a search engine folds Arabic: one alef for its hamza forms, ya for
    alef maqsura, ha for ta marbuta (الأولمبية and الاولمبية, ملوى and ملوي)."""
    return _ARABIC_MARKS.sub("", name).translate(_PLAIN_LETTERS)


def _bare(token: str) -> str:
    """The word without a conjunction or preposition written onto its article
    (والرياض -> الرياض, للضمان -> الضمان); a bare word keeps its first letter,
    which may be its own (وزراء, بزشكيان)."""
    token = token.replace("\u0640", "")
    for clitic in _CLITICS:
        if token.startswith(clitic) and clitic.endswith("ل") and len(token) > len(clitic) + 2:
            return "ال" + token[len(clitic) :]
    return token


def _readings(token: str) -> tuple[str, ...]:
    """The word as written and, when it may carry a clitic, without it: for lookups."""
    bare = _bare(token)
    if bare != token or token[0] not in "وبلفك" or len(token) < 4:
        return (bare,)
    return (token, token[1:])


@functools.cache
def local_places(lang: str) -> dict[str, int]:
    """CLDR's names of countries and zone cities in `lang`, and how many words each has;
    without short vowels and shadda, which the text's words are read without (عمّان)."""
    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return {}
    territories = locale.territories.items()
    names = [str(n) for code, n in territories if code.isalpha() and code not in NOT_PLACES]
    zones = locale.time_zones
    names += [
        str(zones[z]["city"]) for z in get_global("zone_territories") if "city" in zones.get(z, {})
    ]
    names = [_ARABIC_MARKS.sub("", n) for n in names]
    return {n: len(n.split()) for n in names if len(n) >= 2}


@functools.cache
def local_bodies(lang: str) -> dict[str, int]:
    """CLDR's names of the United Nations and the European Union in `lang`: organisations."""
    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return {}
    names = [str(locale.territories[c]) for c in _BODIES if c in locale.territories]
    return {n: len(n.split()) for n in names}


_BODIES = ("UN", "EU")


def _arabic_places(tokens: list[str], lang: str) -> list[tuple[str, dict[str, int]]]:
    found = []
    after_place = -1  # where the last place found ends: "موسكو وأنقرة", Moscow and Ankara
    for i in range(len(tokens)):
        for width in (3, 2, 1):
            words = tokens[i : i + width]
            named = _gazetteer_name(words, lang)
            if named is None and len(words) == width:
                named = _city_named(tokens, i, width, after_place == i)
            if named is not None:
                found.append(_with_territory(tokens, i, named))
                after_place = i + width
                break
    return found


def _with_territory(
    tokens: list[str], i: int, named: tuple[str, dict[str, int]]
) -> tuple[str, dict[str, int]]:
    """ "قطاع غزة": a strip's noun is part of its name (the Gaza Strip, not Gaza)."""
    if i > 0 and _bare(tokens[i - 1])[-4:] == "قطاع":
        return f"قطاع {named[0]}", named[1]
    return named


def _city_named(
    tokens: list[str], i: int, width: int, coordinated: bool
) -> tuple[str, dict[str, int]] | None:
    """A city GeoNames names in Arabic, where the sentence places it: after "in", "from",
    "to", "east of" or a see's title ("بابا الإسكندرية"), with "bi-" written onto it
    ("بالأقصر"), or after "and" next to another place ("موسكو وأنقرة")."""
    token, words = tokens[i], tokens[i + 1 : i + width]
    cued = i > 0 and tokens[i - 1] in _PLACE_CUES
    for first in _readings(token):
        name = " ".join([first, *words])
        clitic = token[0] if first != token else ""
        placed = cued or clitic == "ب" or (clitic == "و" and coordinated)
        if placed and name in arabic_cities() and not _common_noun(name):
            return name, {"place": 3}
    return None


def _common_noun(name: str) -> bool:
    """A city named like a word this module reads as grammar or a kind of place:
    "المدينة" (the city, and Medina), "الحي" (the quarter)."""
    bare = name[2:] if name.startswith("ال") else name
    return name in _ARABIC_STOP or bare in _HEADS or len(bare) < MIN_NAME_WORD


_PLACE_CUES = _words(
    """
    في فى من إلى الى حتى نحو قرب شرقي غربي شمالي جنوبي شرق غرب شمال جنوب
    بابا أسقف مطران محافظ عمدة
    """
)


def _gazetteer_name(words: list[str], lang: str) -> tuple[str, dict[str, int]] | None:
    """The words as a place or body CLDR names, read with or without a clitic."""
    gazetteers = ((local_places(lang), "place"), (local_bodies(lang), "organisation"))
    for first in _readings(words[0]):
        name = " ".join([first, *words[1:]])
        for names, kind in gazetteers:
            if names.get(name) == len(words) and len(name) >= 3:
                return name, {kind: 3}
    return None


def _arabic_cued(tokens: list[str], lang: str) -> list[tuple[str, dict[str, int]]]:
    tokens = [_head_of(t) for t in tokens]
    found = []
    for i, token in enumerate(map(_bare, tokens)):
        names: list[str | None]
        if token in _ARABIC_PERSON_TITLES or (i == 0 and token in _BYLINE):
            names, kind = [_person_after(tokens, i + 1), _person_before(tokens, i)], "person"
        elif token in _ARABIC_ORG_HEADS:
            names, kind = [_organisation_name(_genitive_chain(tokens, i, lang))], "organisation"
        elif token in _ARABIC_PLACE_HEADS:
            names, kind = _places_after(tokens, i, lang), "place"
        elif token in _ARABIC_STREET_HEADS:
            street = _genitive_chain(tokens, i, lang)
            names, kind = [" ".join(street) if len(street) > 1 else None], "place"
        else:
            continue
        found += [(name, {kind: 3}) for name in names if name]
    return found


def _head_of(token: str) -> str:
    """A title or head noun without "and", "by" or "for" written onto it (ووكالة: and
    the agency); any other word as it is."""
    heads = _ARABIC_PERSON_TITLES | _HEADS
    if token[0] in "وبل" and token not in heads and token[1:] in heads:
        return token[1:]
    return token


def _person_after(tokens: list[str], start: int) -> str | None:
    """The name after a title, past the title's own words ("رئيس الوزراء الياباني"):
    a given name, its "bin", "abu" or "abd" links, one more name, and a family name
    with the article (إيمان العاصي, إبرآم بن زرعة السرياني)."""
    i = start
    while i < len(tokens) and tokens[i].startswith("ال") and i - start < 3:
        i += 1
    words: list[str] = []
    while i < len(tokens) and len(words) < 4 and _may_name(tokens[i], words):
        words.append(tokens[i])
        i += 1
        if words[-1].startswith("ال") or (len(words) >= 2 and words[-1] not in _LINKS):
            break
    family = i < len(tokens) and tokens[i].startswith("ال") and _may_name(tokens[i], words)
    if family and words and not words[-1].startswith("ال"):
        words.append(tokens[i])  # the family name: العاصي, السرياني
    if not words or words[0].startswith("ال"):
        return None
    return " ".join(words)


_LINKS = _words("بن بنت ابن أبو ابو أبي عبد")


def _person_before(tokens: list[str], title: int) -> str | None:
    """The name between a verb of saying and the title it is given: "وقال يوسف حداد
    رئيس النادي" (said Yusuf Haddad, the club's president)."""
    if title < 3 or _without_and(tokens[title - 3]) not in _SAYING:
        return None
    words = tokens[title - 2 : title]
    if any(w.startswith("ال") or not _may_name(w, []) or _verb_like(w) for w in words):
        return None
    return " ".join(words)


def _without_and(word: str) -> str:
    return word[1:] if word[:1] == "و" and len(word) > 3 else word


_SAYING = _words("قال قالت أعلن أعلنت أكد أكدت ذكر ذكرت أوضح أوضحت صرح صرحت أضاف أضافت")


def _may_name(word: str, words: list[str]) -> bool:
    bare = _bare(word)
    if bare in _ARABIC_STOP or bare in _ARABIC_PERSON_TITLES or bare in _HEADS:
        return False
    if word[0] == "و" and word[1:] in _ARABIC_PERSON_TITLES | _ARABIC_ORG_HEADS:
        return False  # "واللواء": and the general
    if words and word not in _LINKS and words[-1] not in _LINKS and _verb_like(word):
        return False  # "الأنبا ديمتريوس يترأس": the headline's verb after the name
    # A conjunction or preposition written onto "al-" starts the sentence's next part.
    return bare == word


def _verb_like(word: str) -> bool:
    """A word no name is: shorter than any family name ("رد", replied), or an
    imperfect verb of the derived forms (يترأس، يستقبل، تتفقد)."""
    return len(word) < MIN_NAME_WORD or word.startswith(_DERIVED_VERB_PREFIXES)


MIN_NAME_WORD = 3
_DERIVED_VERB_PREFIXES = ("يت", "يست", "تت", "تست")


def _genitive_chain(tokens: list[str], head: int, lang: str) -> list[str]:
    """A head noun and what it governs: "وزارة الداخلية المغربية", "المؤسسة العامة
    للضمان الاجتماعي", "مديرية أمن السويس", "قسم شرطة عتاقة"."""
    words, i = [_bare(tokens[head])], head + 1
    while i < len(tokens) and len(words) < 6:
        word = tokens[i]
        if word in _ARABIC_STOP or word in _ARABIC_PERSON_TITLES:
            break
        if not _goes_on(words, word, tokens[i + 1 : i + 2], lang):
            break
        words.append(word)
        i += 1
    while words[-1] in _ARABIC_NAME_OPENERS:
        words.pop()  # "أبو" alone names nothing
    return words


def _goes_on(words: list[str], word: str, after: list[str], lang: str) -> bool:
    """Whether `word` is part of the name `words` begin."""
    last = words[-1]
    if last.endswith("ة") and word.startswith("ال") and word.endswith("ي"):
        # A masculine adjective after a feminine noun describes something else:
        # "رئيس اللجنة الأولمبية الألماني" (the German is the president, not the committee).
        return False
    # "لحقوق الإنسان": "for" and a noun that governs a defined one go on the name;
    # so does a country the chain ends with ("وكالة أنباء سوريا").
    linked = word[0] == "ل" and bool(after) and after[0].startswith("ال")
    if word.startswith(("ال", "لل")) or linked or word in local_places(lang):
        return True
    # A bare word is governed only by a noun in the construct state, which never has
    # the article: "حركة حماس", but not "الكنيسة تشبها" (the church, "likening").
    # Past the head, only a head or a name's opening word governs one ("قسم شرطة
    # عتاقة", "أبو جريف"); any other bare word is the sentence going on.
    construct = len(words) == 1 or last in _ARABIC_ORG_HEADS or last in _ARABIC_NAME_OPENERS
    # An indefinite feminine noun's bare "-iyya" word is its adjective: "مستوطنة
    # إسرائيلية", an Israeli settlement.
    adjective = last.endswith("ة") and word.endswith("ية")
    # "and" or "by" written onto the word starts the sentence's next part; "like" and
    # "so" seldom follow a head noun, and names start with their letters (وكالة كيودو).
    return construct and not adjective and not last.startswith("ال") and word[0] not in "وب"


def _organisation_name(words: list[str]) -> str | None:
    """A head with one bare name is that name: "حركة حماس" is Hamas; with another head
    ("قسم شرطة", a police station), no name. A movement is called by its name alone:
    "حركة الجهاد الإسلامي" is Islamic Jihad."""
    if len(words) < 2:
        return None
    if len(words) == 2 and not words[1].startswith(("ال", "لل")) and words[1][0] != "ل":
        return None if words[1] in _HEADS else words[1]
    return " ".join(words[1:] if words[0] in _MOVEMENTS else words)


_MOVEMENTS = _words("حركة")


def _places_after(tokens: list[str], head: int, lang: str) -> list[str | None]:
    """The place a place noun names ("محافظة إدلب": إدلب); after a dual, both places
    ("قريتي أبوجريف وتل خطرة": the two villages of Abu Jurayf and Tal Khatra)."""
    words = _genitive_chain(tokens, head, lang)
    # "منطقة الجنوب", the southern region: a compass point alone is no place's name.
    lone_point = len(words) == 2 and _bare(words[1])[2:] in _COMPASS
    names: list[str | None] = [" ".join(words[1:])] if len(words) > 1 and not lone_point else []
    end = head + len(words)
    second = tokens[end] if end < len(tokens) else ""
    if names and words[0] in _ARABIC_DUAL_HEADS and second[:1] == "و" and len(second) > 2:
        more = _genitive_chain([words[0], second[1:], *tokens[end + 1 :]], 0, lang)
        names += [" ".join(more[1:])] if len(more) > 1 else []
    return names


def _arabic_spelt(tokens: list[str], latin_names: list[str]) -> list[tuple[str, dict[str, int]]]:
    """Words spelling a name the event writes in Latin letters."""
    # One word ("Masoud" of Masoud Pezeshkian, Qatar) needs more letters to be sure.
    wanted = {
        skeleton(part)
        for name in latin_names
        for part in {name, *name.split()}
        if len(skeleton(part)) >= sure_skeleton(part)
    }
    found: list[tuple[str, dict[str, int]]] = []
    for i in range(len(tokens)):
        for width in (3, 2, 1):
            words = tokens[i : i + width]
            if len(words) < width or any(w in _ARABIC_STOP for w in words):
                continue
            name = next(
                (
                    " ".join([first, *words[1:]])
                    for first in _readings(words[0])
                    if skeleton(" ".join([first, *words[1:]])) in wanted
                ),
                None,
            )
            if name:
                found.append((name, {}))
                break
    return found


_TURKIC = frozenset({"tr", "az"})
_TURKIC_SOUNDS = str.maketrans({"ç": "ch", "Ç": "Ch", "c": "j", "C": "J"})
_DIGRAPHS = [("dsch", "j"), ("sch", "s"), ("sh", "s"), ("ch", "s"), ("dj", "j"), ("zh", "j"),
             ("gh", "g"), ("kh", "k"), ("ph", "f"), ("th", "t"), ("dh", "d")]  # fmt: skip
_LETTERS = str.maketrans("pvqcz", "bfkks")


def skeleton(name: str, lang: str = "") -> str:
    """A name's consonants, spelt alike across scripts: Peseschkian, بزشكيان -> bsskn.
    Turkish writes j's sound c and ch's ç: Celili is Jalili."""
    if lang in _TURKIC:
        name = name.translate(_TURKIC_SOUNDS)
    text = re.sub(r"[^a-z ]", "", anyascii(name).lower())
    for digraph, letter in _DIGRAPHS:
        text = text.replace(digraph, letter)
    text = text.translate(_LETTERS)
    text = re.sub(r"[aeiouyw ]", "", text)
    return re.sub(r"(.)\1+", r"\1", text)


# Chinese and Japanese -------------------------------------------------------

_PINYIN_SYLLABLE = re.compile(r"[A-Z][a-z]*")
_PINYIN_INITIAL = re.compile(r"^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?")
# Sounds a transliteration keeps, one class each on both sides: voicing, aspiration and
# the sibilants Mandarin has for English ones are not told apart, nor l from r.
_SOUND_CLASSES = {
    **dict.fromkeys(("b", "p"), "b"), **dict.fromkeys(("d", "t"), "d"),
    **dict.fromkeys(("g", "k"), "g"), **dict.fromkeys(("l", "r"), "l"),
    **dict.fromkeys(("j", "q", "x", "z", "c", "s", "zh", "ch", "sh"), "s"),
    "m": "m", "n": "n", "f": "f",
}  # fmt: skip
_LATIN_SOUNDS = [("sch", "s"), ("sh", "s"), ("ch", "s"), ("th", "t"), ("ph", "f"),
                 ("ck", "k"), ("qu", "k"), ("ce", "se"), ("ci", "si"), ("c", "k"),
                 ("x", "ks"), ("v", "f")]  # fmt: skip


def han_sounds(name: str) -> str:
    """The consonants a Chinese transliteration spells, by class: 拜登 (Bai-Deng) -> "bdn",
    巴尔的摩 (Ba-Er-De-Mo) -> "bldm"; a syllable's final n or ng counts, its vowel not."""
    found = []
    for syllable in _PINYIN_SYLLABLE.findall(anyascii(name)):
        syllable = syllable.lower()
        initial = _PINYIN_INITIAL.match(syllable).group(0)  # type: ignore[union-attr]
        found.append(_SOUND_CLASSES.get(initial, ""))
        if syllable == "er":
            found.append("l")
        elif syllable.endswith(("n", "ng")):
            found.append("n")
    return re.sub(r"(.)\1+", r"\1", "".join(found))


def latin_sounds(name: str) -> str:
    """A Latin spelling's consonants in the classes of `han_sounds`: Biden -> "bdn",
    Baltimore -> "bldml"."""
    text = re.sub(r"[^a-z]", "", anyascii(name).lower())
    for letters, sound in _LATIN_SOUNDS:
        text = text.replace(letters, sound)
    return re.sub(r"(.)\1+", r"\1", "".join(_SOUND_CLASSES.get(c, "") for c in text))


def han_spoken(name: str) -> str:
    """A short transliteration's whole syllables, in the letters a Latin spelling would
    use (see `spoken`): 朵拉 (Duo-La) -> "dula" as Dora, 毛伊 (Mao-Yi) -> "maui" as
    Maui; Mandarin has no h before i, so a foreign h is written x: 夏威夷 is Hawaii."""
    syllables = []
    for syllable in _PINYIN_SYLLABLE.findall(anyascii(name)):
        syllable = syllable.lower()
        for pinyin, sound in _PINYIN_SPELLING:
            syllable = re.sub(pinyin, sound, syllable)
        syllables.append(syllable)
    return spoken("".join(syllables))


_PINYIN_SPELLING = [("^x", "h"), ("^yi", "i"), ("^y", "i"), ("^wu", "u"), ("^w", "u"), ("ng$", "n")]
# Letters heard alike in a transliteration: voicing, l and r, o and u, w and u, y and i.
_SPOKEN_CLASSES = str.maketrans("ptkrowyvq", "bdgluuiuk")


def spoken(text: str) -> str:
    """Letters, vowels included, in the classes a transliteration does not tell apart:
    Dora -> "dula", Hawaii -> "hauai"."""
    text = re.sub(r"[^a-z]", "", anyascii(text).lower()).translate(_SPOKEN_CLASSES)
    return re.sub(r"(.)\1+", r"\1", text)


def han_core(name: str) -> str:
    """A transliterated name without its place or organisation word: 马里兰州 -> 马里兰."""
    for suffix in (*_HAN_PLACE_SUFFIXES, *_HAN_ORG_SUFFIXES):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def _han_places(text: str, lang: str) -> list[tuple[str, dict[str, int]]]:
    return [(m.group(0), {"place": 3}) for m in _han_place_pattern(lang).finditer(text)]


@functools.cache
def _han_place_pattern(lang: str) -> re.Pattern[str]:
    """CLDR's place names, longest first (美国 is not also 美 of 美国人); 马里 (Mali) is
    not the start of 马里兰州 (Maryland): a spelt name goes on. A nationality is no
    place: 印度籍 (of Indian nationality), 美国人 (Americans), 华裔 (of Chinese descent)."""
    names = sorted(local_places(lang), key=len, reverse=True)
    foreign = "".join(sorted(_HAN_FOREIGN))
    return re.compile(f"(?:{'|'.join(map(re.escape, names))})(?![{foreign}{_NATIONALITY}])")


_NATIONALITY = "籍人裔"


def _han_titled(text: str) -> list[tuple[str, dict[str, int]]]:
    found = []
    for title in _HAN_PERSON_TITLES:
        for match in re.finditer(re.escape(title), text):
            run = _HAN_RUN.match(text, match.end())
            if run:
                found.append((run.group(0), {"person": 3}))
    return found


def _han_foreign(text: str) -> list[tuple[str, dict[str, int]]]:
    """Runs of transliterating characters, with the place or organisation word after them
    (基大桥: 大 spells no name there, it opens 大桥, the bridge); after a possessive 的
    ("巴尔的摩的大桥", Baltimore's bridge) that word is no part of the name."""
    found = []
    for run in _HAN_RUN.finditer(text):
        name, after = run.group(0), text[run.end() : run.end() + 5]
        for suffix in _HAN_PLACE_SUFFIXES + _HAN_ORG_SUFFIXES:
            if len(suffix) > 1 and name.endswith(suffix[0]) and after.startswith(suffix[1:]):
                name, after = name[:-1], suffix[0] + after
        bare = name.rstrip(_HAN_JOINERS)
        name = bare.strip("的" + _HAN_JOINERS)
        cues: dict[str, int] = {}
        if not bare.endswith("的"):
            name, cues = _with_suffix(name, after)
        if len(name) >= 2:
            found.append((name, cues))
    return found


def _with_suffix(name: str, after: str) -> tuple[str, dict[str, int]]:
    for suffix in _HAN_PLACE_SUFFIXES:
        if after.startswith(suffix):
            # A place's body is an organisation: 毛伊县警方, the Maui County police.
            body = next((s for s in _HAN_ORG_SUFFIXES if after[len(suffix) :].startswith(s)), "")
            if body:
                return name + suffix + body, {"organisation": 3}
            return name + suffix, {"place": 3}
    for suffix in _HAN_ORG_SUFFIXES:
        if after.startswith(suffix):
            return name + suffix, {"organisation": 3}
    return name, {}
