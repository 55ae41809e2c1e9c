"""Entities: one entry per real person, place or organisation, whatever the spelling.

Mentions (see `mentions`, and `caseless` for scripts without capitals) are
grouped in passes:

1. by spelling key (`represent.names.name_key`): script, accents, possessives
   and transliteration habits folded, so Bishkek = Bisjkek = Бишкек and
   Atambayev = Atambajev; a country, region or major city takes the key of its
   English name (`places`), so Syrien = Syrie = Syrii = Syria;
2. by fuzzy match of those keys (rapidfuzz), for the spellings that remain
   (Kyrgyzstan / Kirgisistan; Tik Tok / TikTok however spaced); an acronym
   joins the one name whose initials it spells (CBTA, AB = Avrupa Birliği);
3. Arabic spellings of one name (hamza, alef maqsura, ta marbuta: الأولمبية =
   الاولمبية) and a shortened Arabic name with the one fuller name it opens
   (الكنيسة القبطية); across languages and scripts by consonants (بزشكيان =
   Pezeshkian, Celili = Jalili), a city GeoNames names in Arabic by its Latin
   name (الإسكندرية = Alexandria), and by a final letter one language drops
   (Samo = Samos);
4. a part of a name joins the one fuller name it is part of: a surname or
   given name its person (Jeenbekov -> Sooronbai Jeenbekov), a shortened
   organisation or place its full name (Election Commission -> Central
   Election Commission, Key Bridge -> Francis Scott Key Bridge), but only when
   no other full name claims it;
5. a Chinese transliteration with the Latin name it sounds most like (拜登 =
   Biden, 朵拉 = Dora), once the Latin parts have joined their names.

The entry's name is its spelling in English when there is one (most readers
share it), the longest otherwise; every other spelling is an alias.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from anyascii import anyascii
from rapidfuzz import fuzz, process

from babelwire.describe.caseless import (
    CASELESS,
    arabic_plain,
    event_caseless_mentions,
    han_core,
    han_sounds,
    han_spoken,
    latin_sounds,
    skeleton,
    spoken,
    sure_skeleton,
)
from babelwire.describe.gazetteer import arabic_cities
from babelwire.describe.mentions import (
    ORG_WORDS,
    PLACE_HEADS,
    Mention,
    Vocabulary,
    content_initials,
    mentions_in,
    mid_sentence_words,
    name_of,
    split_address,
    title_case,
)
from babelwire.describe.places import place_key, region
from babelwire.model import Article
from babelwire.represent.names import name_key

SAME_NAME = 88  # rapidfuzz ratio of two spelling keys that name the same thing
MIN_FUZZY_LENGTH = 5  # short keys (OSCE, AP, Ata) differ by one letter from other names
MIN_ENDING_KEY = 4  # "samo" of "samos"; shorter keys meet other words
SAME_SKELETON = 4  # consonants two Latin spellings in two languages share to be one name
MAX_ENTITIES = 60
# Letters of an acronym matched against a name's initials: "AB" (Avrupa Birliği) up to
# "OSCE"-length and a little more; one letter is an initial.
MIN_ACRONYM = 2
MAX_ACRONYM = 6
MIN_HAN_SOUNDS = 3  # consonants a transliteration must keep to be matched: 多拉 (Dora) is 2
# rapidfuzz ratio of a short transliteration's syllables: 夏威夷 "hiauei", Hawaii "hauai"
SAME_SPOKEN = 70
SAME_SOUNDS = 80  # rapidfuzz ratio of two names' sounds: Baltimore "bldml", 巴尔的摩 "bldm"
PLACE_CUE = 3  # cue votes a mention of a known place adds, as "the capital X" does
# A region's name is also many a person's or firm's (Georgia, Hidalgo): less than a title.
REGION_CUE = 2
# A word in capitals is a region only if that long: shorter ones meet common words
# (İÇİN, "for", is Jičín's key).
MIN_HEADING_REGION = 5
_ORG_KEYS = frozenset(name_key(w) for w in ORG_WORDS)
_PLACE_KEYS = frozenset(name_key(w) for w in PLACE_HEADS)


@dataclass
class Cluster:
    keys: set[str]
    forms: Counter[str] = field(default_factory=Counter)
    english: Counter[str] = field(default_factory=Counter)
    article_ids: list[str] = field(default_factory=list)
    cues: Counter[str] = field(default_factory=Counter)
    langs: set[str] = field(default_factory=set)

    def add(self, name: str, mention: Mention) -> None:
        self.forms[name] += 1
        self.langs.add(mention.lang)
        if mention.lang == "en":
            self.english[name] += 1
        if mention.article_id not in self.article_ids:
            self.article_ids.append(mention.article_id)
        self.cues.update(mention.cues)

    def absorb(self, other: Cluster) -> None:
        self.keys |= other.keys
        self.forms.update(other.forms)
        self.english.update(other.english)
        self.cues.update(other.cues)
        self.langs |= other.langs
        self.article_ids += [a for a in other.article_ids if a not in self.article_ids]

    @property
    def kind(self) -> str:
        cues = self.cues
        if not cues:
            # "Maksat Mamytkanov": two or three bare capitalised words are most often a
            # person; "UC Browser", "TikTok", "NBC6" are not spelt like one.
            words = max(self.forms, key=lambda f: len(f.split())).split()
            spelt = all(_spelt_as_name(w) for w in words[:-1]) and (
                _spelt_as_name(words[-1]) or words[-1].isupper()  # "Hasan YILDIRIM"
            )
            return "person" if 2 <= len(words) <= 3 and spelt else "other"
        kind, votes = cues.most_common(1)[0]
        return kind if votes > 0 else "other"


def _spelt_as_name(word: str) -> bool:
    return word[:1].isupper() and (word[1:].islower() or len(word) == 1)


def build_entities(articles: list[Article]) -> list[dict[str, Any]]:
    named = named_mentions(articles)
    clusters = _by_key(named)
    clusters = _fuzzy_merge(clusters)
    clusters = _acronym_merge(clusters)
    clusters = _arabic_spelling_merge(clusters)
    clusters = _arabic_shortened_merge(clusters)
    clusters = _script_merge(clusters)
    clusters = _ending_merge(clusters)
    clusters = _part_merge(clusters)
    # After the parts joined their names: 朵拉 then meets one Dora, not Dora and
    # Hurricane Dora.
    clusters = _han_merge(clusters)
    order = {a.id: i for i, a in enumerate(articles)}
    clusters.sort(key=lambda c: (-len(c.article_ids), -sum(c.forms.values())))
    return [_entry(c, order) for c in clusters[:MAX_ENTITIES]]


def named_mentions(articles: list[Article]) -> list[tuple[str, Mention]]:
    """(name, mention) for every mention that survives the event-wide filters."""
    vocabulary = Vocabulary()
    mentions: list[Mention] = []
    for article in articles:
        vocabulary.add(f"{article.title or ''}\n{article.text}", article.lang)
        mentions += mentions_in(article.text, article.id, article.lang)
    mentions += _headline_mentions(articles)
    mentions = _confirmed(mentions)
    # Names in Latin letters tell what an Arabic article may spell ("بزشكيان": Pezeshkian).
    latin = sorted({m.surface for m in mentions if m.lang not in CASELESS})
    caseless = [
        (f"{a.title or ''}\n{a.text}", a.id, a.lang) for a in articles if a.lang in CASELESS
    ]
    mentions += event_caseless_mentions(caseless, latin)
    mid = mid_sentence_words(mentions)
    found = []
    for mention in mentions:
        name = name_of(mention, vocabulary, mid)
        if name is not None and name_key(name):
            found.append((name, mention))
    return _addresses(_without_appositions(found))


def _addresses(named: list[tuple[str, Mention]]) -> list[tuple[str, Mention]]:
    """Each place of a Turkish address its own mention ("İstanbul Büyükçekmece'de": two).
    Turkish writes them from the larger to the smaller without commas; English "U.S.
    Capitol" is one name."""
    alone = {name_key(name) for name, _ in named if " " not in name}
    found = []
    for name, mention in named:
        parts = split_address(name, mention.lang, alone) if mention.lang == "tr" else [name]
        if len(parts) == 1:
            found.append((name, mention))
            continue
        for part in parts:
            cues = Counter(mention.cues if part == parts[-1] else {"place": 1})
            found.append((part, replace(mention, surface=part, cues=cues)))
    return found


def _without_appositions(named: list[tuple[str, Mention]]) -> list[tuple[str, Mention]]:
    """German capitalises the noun before a name: "Politiker Massud Peseschkian",
    "Reformer Peseschkian" are the name the event also writes alone."""
    alone = {name_key(name) for name, _ in named}
    found = []
    for name, mention in named:
        words = name.split()
        if mention.lang == "de" and len(words) > 1 and name_key(" ".join(words[1:])) in alone:
            name = " ".join(words[1:])
        found.append((name, mention))
    return found


def _headline_mentions(articles: list[Article]) -> list[Mention]:
    """The names of the articles' headlines. A headline in sentence case reads as a
    sentence; in Title Case every word has a capital ("Biden Announces New Rules")."""
    found = []
    for article in articles:
        if not article.title or article.lang in CASELESS:
            continue  # caseless articles read their headline with the text
        mentions = mentions_in(article.title, article.id, article.lang)
        if title_case(article.title):
            for mention in mentions:
                mention.heading = True
        found += mentions
    return found


def _confirmed(mentions: list[Mention]) -> list[Mention]:
    """Mentions from a line whose capitals say nothing, kept when the event writes the
    name elsewhere or it names a place (Biden of a Title Case headline, İSTANBUL)."""
    written = {name_key(m.surface) for m in mentions if not (m.heading or m.initial)}
    return [
        m
        for m in mentions
        if not m.heading
        or name_key(m.surface) in written
        or place_key(m.surface, m.lang)
        or (region(m.surface) and len(m.surface) >= MIN_HEADING_REGION)
    ]


def _by_key(named: list[tuple[str, Mention]]) -> list[Cluster]:
    clusters: dict[str, Cluster] = {}
    for name, mention in named:
        place = place_key(name, mention.lang)
        # "U.S." is "US": the stops of an acronym spell nothing.
        key = place or name_key(name.replace(".", "") if _acronym_letters(name) else name)
        cluster = clusters.setdefault(key, Cluster({key}))
        cluster.add(name, mention)
        if place:
            # CLDR names it as a place: stronger than any cue around one mention.
            cluster.cues["place"] += PLACE_CUE
        elif region(name):
            cluster.cues["place"] += REGION_CUE
    return sorted(clusters.values(), key=lambda c: -sum(c.forms.values()))


def _fuzzy_merge(clusters: list[Cluster]) -> list[Cluster]:
    kept: list[Cluster] = []
    keys: list[str] = []
    owner: list[int] = []
    spaced: dict[str, int] = {}  # "Tik Tok" = "TikTok": one name however it is spaced
    for cluster in clusters:
        key = next(iter(cluster.keys))
        match = _fuzzy(key, keys) if len(key) >= MIN_FUZZY_LENGTH else None
        if match is None:
            match = spaced.get(key.replace(" ", ""))
        if match is None:
            kept.append(cluster)
            keys.append(key)
            owner.append(len(kept) - 1)
            spaced.setdefault(key.replace(" ", ""), len(keys) - 1)
        else:
            kept[owner[match]].absorb(cluster)
    return kept


def _acronym_merge(clusters: list[Cluster]) -> list[Cluster]:
    """An acronym joins the one name of the event whose words' initials it spells: CBTA =
    Centro de Bachillerato Tecnológico Agropecuario, AB = Avrupa Birliği, OSCE =
    Organization for Security and Co-operation in Europe (the small words skipped or
    not). Not a person's name: initials of people are written with stops (E.B.)."""
    spelt: dict[str, list[Cluster]] = {}
    for cluster in clusters:
        if not cluster.cues["person"]:
            for form in cluster.forms:
                for initials in _initials(form):
                    spelt.setdefault(initials, []).append(cluster)
    absorbed: dict[int, Cluster] = {}
    kept = []
    for cluster in clusters:
        letters = _acronym_letters(_main(cluster))
        found = spelt.get(letters, []) if letters else []
        owners = {id(c): c for c in (_current(c, absorbed) for c in found)}
        owners.pop(id(cluster), None)
        if len(owners) == 1:
            owner = next(iter(owners.values()))
            owner.absorb(cluster)
            absorbed[id(cluster)] = owner
        else:
            kept.append(cluster)
    return kept


def _arabic_spelling_merge(clusters: list[Cluster]) -> list[Cluster]:
    """Arabic spellings that differ only in how the writer spelt alef's hamza, final
    ya or ta marbuta, or in whether "abu" stands apart, are one name: الأولمبية =
    الاولمبية, ملوى = ملوي, إبرآم = إبرام, أبوجريف = أبو جريف."""
    kept: list[Cluster] = []
    owner: dict[str, Cluster] = {}
    for cluster in clusters:
        plain = {arabic_plain(f).replace(" ", "") for f in cluster.forms if _arabic(f)}
        found = next((owner[p] for p in plain if p in owner), None)
        if found is None:
            kept.append(cluster)
            found = cluster
        else:
            found.absorb(cluster)
        owner.update(dict.fromkeys(plain, found))
    return kept


def _arabic_shortened_merge(clusters: list[Cluster]) -> list[Cluster]:
    """An Arabic name names its head first, so a shortened one keeps its first words:
    "الكنيسة القبطية" is the one "الكنيسة القبطية الأرثوذكسية" of the event; "اللجنة
    الأولمبية" of both the international and the Swiss committee joins neither."""
    arabic = [c for c in clusters if _arabic(_main(c))]
    kept = []
    for cluster in clusters:
        short = arabic_plain(_main(cluster)).split()
        fuller = [c for c in arabic if c is not cluster and _opens(short, c)]
        if len(short) > 1 and len({id(c) for c in fuller}) == 1:
            fuller[0].absorb(cluster)
            arabic.remove(cluster)
        else:
            kept.append(cluster)
    return kept


def _acronym_letters(form: str) -> str | None:
    """ "CBTA" -> "cbta", "U.S." -> "us"; None for what is no acronym."""
    letters = form.replace(".", "")
    if not (MIN_ACRONYM <= len(letters) <= MAX_ACRONYM) or not letters.isupper():
        return None
    return anyascii(letters).lower() if letters.isalpha() else None


def _initials(form: str) -> set[str]:
    """The initials of a name of several words: every word's, the capitals' or the
    content words' (Organisasjonen for sikkerhet og samarbeid i Europa = OSSE)."""
    words = form.split()
    if len(words) < MIN_ACRONYM or not all(w[0].isalpha() and w[0] < "\u0250" for w in words):
        return set()  # Latin letters only: a caseless script has no capitals to read
    return {i for i in content_initials(words) if len(i) >= MIN_ACRONYM}


def _opens(words: list[str], cluster: Cluster) -> bool:
    """Whether one of the cluster's spellings begins with these words and goes on."""
    for form in cluster.forms:
        theirs = arabic_plain(form).split()
        if len(theirs) > len(words) and theirs[: len(words)] == words:
            return True
    return False


def _script_merge(clusters: list[Cluster]) -> list[Cluster]:
    """A name joins the one spelling in another language with its consonants: بزشكيان
    = Pezeshkian, Marakeş = Marrakech = Marrakesh, İbrahim Reisi = Ebrahim Raisi; the
    whole name, or an Arabic name's surname when the Latin articles write only that.
    A spelling already joined counts as the one it joined (Raisi of Reisi)."""
    spelt: dict[str, list[Cluster]] = {}
    for cluster in clusters:
        for form in cluster.forms:
            for key in _skeletons(form, cluster.langs):
                spelt.setdefault(key, []).append(cluster)
    absorbed: dict[int, Cluster] = {}
    kept = []
    for cluster in clusters:
        if id(cluster) in absorbed:
            continue
        owner = _spelt_alike(cluster, spelt, absorbed)
        if owner is not None:
            owner.absorb(cluster)
            absorbed[id(cluster)] = owner
        else:
            kept.append(cluster)
    return [c for c in kept if id(c) not in absorbed]


def _skeletons(form: str, langs: set[str]) -> set[str]:
    return {skeleton(form, lang) for lang in langs} | {skeleton(form)}


def _spelt_alike(
    cluster: Cluster, spelt: dict[str, list[Cluster]], absorbed: dict[int, Cluster]
) -> Cluster | None:
    form = max(cluster.forms, key=cluster.forms.__getitem__)
    arabic = _arabic(form)
    # A city GeoNames names in Arabic is first sought by its Latin name: الإسكندرية
    # shares no consonants with Alexandria.
    city = [arabic_cities()[form]] if arabic and form in arabic_cities() else []
    for spelling in (*city, form, form.split()[-1]) if arabic else (form,):
        # Across scripts the consonants are all there is to go by; within one
        # script, short skeletons (Mehmet A., Mehmet E.) meet too easily.
        # Arabic writes the article onto the name (الحوز, Al Haouz): a word of its own.
        least = sure_skeleton(re.sub("^ال", "ال ", spelling)) if arabic else SAME_SKELETON
        keys = {k for k in _skeletons(spelling, cluster.langs) if len(k) >= least}
        found = [_current(c, absorbed) for key in keys for c in spelt.get(key, [])]
        owners = {id(c): c for c in found if _may_own(c, cluster, arabic)}
        if len(owners) == 1:
            return next(iter(owners.values()))
        if arabic and _one_name_abroad(list(owners.values()), keys):
            return _joined(list(owners.values()), absorbed)
    return None


def _one_name_abroad(owners: list[Cluster], keys: set[str]) -> bool:
    """Latin spellings an Arabic name meets together, each from other languages and with
    consonants enough to be one name by the Latin rule (Saeed Jalili, Said Celili):
    one name, which the loop would join only later."""
    langs = [lang for c in owners for lang in c.langs]
    long_enough = any(len(k) >= SAME_SKELETON for k in keys)
    return len(owners) > 1 and long_enough and len(langs) == len(set(langs))


def _joined(owners: list[Cluster], absorbed: dict[int, Cluster]) -> Cluster:
    first, *others = sorted(owners, key=lambda c: -sum(c.forms.values()))
    for other in others:
        first.absorb(other)
        absorbed[id(other)] = first
    return first


def _current(cluster: Cluster, absorbed: dict[int, Cluster]) -> Cluster:
    """The cluster that now holds `cluster`'s spellings."""
    while id(cluster) in absorbed:
        cluster = absorbed[id(cluster)]
    return cluster


def _han_merge(clusters: list[Cluster]) -> list[Cluster]:
    """A Chinese transliteration joins the Latin name it sounds most like, when one does
    better than any other: 拜登 = Biden, 巴尔的摩 = Baltimore, 马里兰州 = Maryland,
    格林 = Green (of Josh Green), 朵拉 = Dora."""
    # A place CLDR names in Chinese (美国) is no transliteration: its key says what it is.
    han = [c for c in clusters if _han(_main(c)) and not place_key(_main(c), "zh")]
    if not han:
        return clusters
    latin = [c for c in clusters if not _han(_main(c))]
    heard = {id(c): (_heard(c, latin_sounds, MIN_HAN_SOUNDS), _heard(c, spoken, 1)) for c in latin}
    for cluster in han:
        ranked = _sounding_alike(han_core(_main(cluster)), latin, heard)
        if ranked and (len(ranked) == 1 or ranked[0][0] > ranked[1][0]):
            ranked[0][1].absorb(cluster)
            clusters = [c for c in clusters if c is not cluster]
    return clusters


Heard = dict[str, bool]  # what a spelling sounds like -> whether a whole spelling does


def _sounding_alike(
    core: str, latin: list[Cluster], heard: dict[int, tuple[Heard, Heard]]
) -> list[tuple[tuple[float, bool], Cluster]]:
    """The Latin clusters a transliteration sounds like, best first: by the consonants it
    keeps (拜登 = Biden) or, when it keeps too few to go by, by its whole syllables
    (朵拉 = Dora, 毛伊 = Maui, 夏威夷 = Hawaii). Of two that sound as alike, the one whose
    whole name it spells comes first: 朵拉 is Dora before Hurricane Dora."""
    sounds = han_sounds(core)
    short = len(sounds) < MIN_HAN_SOUNDS
    mine, cutoff = (han_spoken(core), SAME_SPOKEN) if short else (sounds, SAME_SOUNDS)
    best: dict[int, tuple[tuple[float, bool], Cluster]] = {}
    for owner in latin:
        for theirs, whole in heard[id(owner)][short].items():
            score = fuzz.ratio(mine, theirs) if theirs[0] == mine[0] else 0.0
            if score >= cutoff and (score, whole) > best.get(id(owner), ((0.0, False),))[0]:
                best[id(owner)] = ((score, whole), owner)
    return sorted(best.values(), key=lambda found: found[0], reverse=True)


def _heard(cluster: Cluster, hear: Callable[[str], str], least: int) -> Heard:
    """What each spelling and each of its words (a surname alone) sound like."""
    found: Heard = {}
    for form in cluster.forms:
        for part in form.split():
            found.setdefault(hear(part), False)
        found[hear(form)] = True
    return {s: whole for s, whole in found.items() if len(s) >= least}


def _han(form: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in form)


def _ending_merge(clusters: list[Cluster]) -> list[Cluster]:
    """A name one language writes without the final letter another writes: Samo = Samos,
    Atene = Atenes. Only across languages: within one, Mali is not Malik. The spellings
    count, not only the place key: Italian "Samo" is no Samoa (Esperanto's name for it)."""
    longer: dict[str, list[Cluster]] = {}
    for cluster in clusters:
        for key in _spelt_keys(cluster):
            if len(key) > MIN_ENDING_KEY and " " not in key:
                longer.setdefault(key[:-1], []).append(cluster)
    kept = []
    for cluster in clusters:
        owners = {
            id(c): c
            for key in _spelt_keys(cluster)
            for c in longer.get(key, [])
            if c is not cluster and not (c.langs & cluster.langs)
        }
        if len(owners) == 1:
            next(iter(owners.values())).absorb(cluster)
        else:
            kept.append(cluster)
    return kept


def _spelt_keys(cluster: Cluster) -> set[str]:
    return cluster.keys | {name_key(f) for f in cluster.forms}


def _may_own(owner: Cluster, cluster: Cluster, arabic: bool) -> bool:
    """An Arabic spelling joins a Latin one; a Latin one, a Latin one in other languages."""
    if owner is cluster or _arabic(_main(owner)):
        return False
    return arabic or not (owner.langs & cluster.langs)


def _main(cluster: Cluster) -> str:
    return max(cluster.forms, key=cluster.forms.__getitem__)


def _arabic(form: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in form)


def _fuzzy(key: str, keys: list[str]) -> int | None:
    found = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=SAME_NAME)
    if found is None:
        return None
    other = found[0]
    # Same first letter and word count: "Kirgisistan" meets "Kyrgyzstan", not "Kina".
    if other[0] != key[0] or len(other.split()) != len(key.split()):
        return None
    return int(found[2])


def _part_merge(clusters: list[Cluster]) -> list[Cluster]:
    """Fold a part of a name into the one fuller name it is part of. Kinds are read once,
    before any folding: the pairs are many, a kind is a count of cues."""
    clusters.sort(key=lambda c: -len(_longest_key(c).split()))
    kinds = {id(c): c.kind for c in clusters}
    kept: list[Cluster] = []
    for cluster in clusters:
        mine = kinds[id(cluster)]
        free = mine == "other" or _hardly_a_place(cluster)
        owners = [
            c for c in kept if (free or mine == kinds[id(c)]) and _part_of(cluster, c, kinds[id(c)])
        ]
        if len({id(c) for c in owners}) == 1:
            owners[0].absorb(cluster)
        else:
            kept.append(cluster)
    return kept


def _part_of(part: Cluster, whole: Cluster, kind: str) -> bool:
    """Jeenbekov of Sooronbai Jeenbekov, Commission of Central Election Commission,
    Interfax of Interfax News Agency; never a place inside an organisation's name.
    `kind` is the whole's."""
    mine = _longest_key(part).split()
    for key in whole.keys:
        theirs = key.split()
        if len(theirs) <= len(mine):
            continue
        if theirs[0] in _STORM_KEYS and _same_tokens(theirs[1:], mine):
            return True  # Dora of Hurricane Dora: a storm is called by its name alone
        if _same_tokens(theirs[-len(mine) :], mine) and not _governed(theirs, len(mine)):
            # A place keeps its kind word when shortened: Key Bridge of Francis Scott Key
            # Bridge; a lone "River" or "Bridge" names no one place.
            headed = len(mine) > 1 and mine[-1] in _PLACE_KEYS
            return kind in ("person", "organisation") or (kind == "place" and headed)
        if kind == "organisation" and mine == theirs[:1] and mine[0] in _ORG_KEYS:
            return True  # "la Policía" of Policía Nacional: the body by its kind word
        if kind == "person" and len(mine) == 1 and any(_same_tokens([t], mine) for t in theirs):
            # A person called by one of their names: "Leyla" of Leyla Özdoğanlar (Turkish
            # reports use given names), "Maduro" of Nicolás Maduro Moros (two surnames).
            return True
        heads = {"organisation": _ORG_KEYS, "place": _PLACE_KEYS}.get(kind, frozenset())
        core = [t for t in theirs if t not in heads]
        if core and _same_tokens(core, mine) and theirs[: len(mine)] == core:
            # Interfax of Interfax News Agency; but the Suez Canal is a place, not
            # the Suez Canal Authority shortened.
            return mine[-1] not in _PLACE_KEYS
    return False


def _governed(words: list[str], tail: int) -> bool:
    """Whether the last `tail` keys are governed through "of" ("Dirección General de la
    Policía Nacional" is a directorate of the police, not the police)."""
    before = [w for w in words[:-tail] if w not in _ARTICLE_KEYS]
    return bool(before) and before[-1] in _OF_KEYS


# Words that open a storm's name (Hurricane Dora, Typhoon Haiyan, Storm Ciarán).
_STORMS = """
    hurricane typhoon cyclone storm ouragan huracán furacão tifón typhon taifun tayfun orkan
    sturm kasırga tormenta tempête uragano tufão
"""
_STORM_KEYS = frozenset(name_key(w) for w in _STORMS.split())
_OF_KEYS = frozenset(name_key(w) for w in ("of", "de", "del", "des", "du", "di", "da", "do"))
_ARTICLE_KEYS = frozenset(name_key(w) for w in ("the", "la", "las", "los", "le", "les", "l"))


def _hardly_a_place(cluster: Cluster) -> bool:
    """A place only by a preposition before it ("in Trump's ..."), no gazetteer's name."""
    return cluster.kind == "place" and cluster.cues["place"] < REGION_CUE


def _same_tokens(a: list[str], b: list[str]) -> bool:
    return len(a) == len(b) and all(
        fuzz.ratio(x, y) >= SAME_NAME for x, y in zip(a, b, strict=True)
    )


def _longest_key(cluster: Cluster) -> str:
    return max(cluster.keys, key=len)


def _entry(cluster: Cluster, order: dict[str, int]) -> dict[str, Any]:
    name = _display_name(cluster)
    return {
        "name": name,
        "kind": cluster.kind,
        "aliases": sorted(f for f in cluster.forms if f != name),
        "article_ids": sorted(cluster.article_ids, key=lambda a: order.get(a, 0)),
        "mentions": sum(cluster.forms.values()),
    }


def _display_name(cluster: Cluster) -> str:
    forms = cluster.english or cluster.forms
    # The fullest form, then the most used: "Sooronbai Jeenbekov" over "Jeenbekov".
    return max(forms, key=lambda f: (len(f.split()), forms[f], -len(f)))
