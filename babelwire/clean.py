"""Page furniture is not article text.

`clean_text` keeps what a reporter wrote and drops what the page put around
it: photo credits, picture captions, repeated gallery titles, "Read more"
teasers, share buttons, advertisement markers and lone URLs. It works on
paragraphs and errs on the side of keeping text: a caption left in costs the
linker a little noise, a lost sentence costs it evidence.

Decisions worth knowing:

- Paragraphs are blank-line separated blocks; inside a block every line is a
  paragraph (ECB+ style, one sentence a line) unless it continues a
  hard-wrapped line (the previous line has no closing punctuation and this one
  starts in lower case).
- A photo credit ("Foto: Name / AP", "(AP Photo/Name)", "Bild: dpa") is only
  recognised at the end of a paragraph right after a sentence, or inside
  brackets: "ein Bild: düster" in running German text is not a credit.
- A paragraph ending in a credit is a caption and goes whole, unless it is
  longer than CAPTION_MAX_WORDS: then a scraper glued the credit onto body
  text, and only the credit goes.
- A paragraph opening with an ALL-CAPS label ("UENIGE: Tusenvis av ...") is a
  caption only on a page that has credited captions: alone, the label reads
  just like a transcript's speaker ("TUCKER CARLSON: It's not just ...").
  Even there the first paragraph (headlines such as "CDC: ...", datelines
  such as "NEW DELHI: ..."), known kickers ("UPDATE", "NOTES"), labels with
  digits or fewer than five letters ("CDC", "NCAA") and long paragraphs stay.
- Crossheads ("Forgjenger satt fri") stay: they are short but they are the
  editor's words about the story, and nothing reliably tells them from short
  body paragraphs.
- A repeated opening is a gallery title only when what follows it each time
  reads as a caption (a sentence of a few words, or a credited caption): the
  leader's line that opens a row of every table of a results page
  ("Jonas Vik (NOR) Team Fjord 4:12:30") is body text.
- Exact repeats of a paragraph are kept once.
- Timestamp lines ("PUBLISHED: 13 March 2013") and "(Reuters) -" datelines
  stay: date inference may want them.
- The " date YYYY-MM-DD" opening of seed files is the reader's business and
  is not handled here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from syntok import segmenter

CAPTION_MAX_WORDS = 60  # captions run one to three sentences; body paragraphs often more
HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 100
HEADLINE_MIN_WORDS = 4
GALLERY_MIN_REPEATS = 3  # two paragraphs opening alike happen in real articles
GALLERY_MIN_WORDS = 5
GALLERY_MIN_CHARS = 25
CAPTION_MIN_WORDS = 3  # "A man holds a flag."; a time or a score alone is a table cell
FURNITURE_MAX_WORDS = 40  # "Click here ..." as a whole paragraph, not inside a long one

# Words that introduce a picture credit, per language; matched Capitalised or
# in CAPITALS, never in lower case ("a photo by" in a sentence is text).
_CREDIT_WORDS = (
    # en
    "Photo", "Photos", "Photograph", "Photography", "Picture", "Pic", "Image", "Images",
    "Photo credit", "Image credit", "Credit", "Illustration", "Graphic",
    # nb, nn, da, sv
    "Foto", "Fotos", "Fotograf", "Bilde", "Bilete", "Billede", "Bild", "Bilder",
    "Illustrasjon", "Grafikk", "Grafik",
    # de
    "Bildquelle", "Bildnachweis", "Fotoquelle", "Fotonachweis",
    # fr
    "Crédit photo", "Crédits photo", "Crédit", "Crédits", "Photographie",
    # es, it, pt
    "Fotografía", "Imagen", "Ilustración", "Crédito", "Créditos",
    "Fotografia", "Immagine", "Credito", "Crediti", "Imagem", "Ilustração",
    # nl
    "Beeld", "Afbeelding", "Fotografie",
    # pl
    "Zdjęcie", "Fot", "Ilustracja",
)  # fmt: skip


def _alternation(words: Iterable[str]) -> str:
    variants = {form for word in words for form in (word, word.upper())}
    return "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))


_KEYWORD = rf"(?:{_alternation(_CREDIT_WORDS)})"
# "Foto: X", "Foto/Ilustración: X", "Photo by X", "Foto av X", "Fot. X" (pl).
_KEYWORD_CREDIT = (
    rf"{_KEYWORD}(?:\s*/\s*{_KEYWORD})*"
    # \uff1a is the full-width colon of Chinese and Japanese pages.
    r"(?:\s*[:\uff1a]|\s+(?:by|av|von|de|di|door|van|af|par|por)\s|(?<=Fot)\.\s)"
)
# "AP Photo/Name", "REUTERS/Name", "AFP via Getty Images", "NTB Scanpix".
_AGENCY_CREDIT = (
    r"(?:[A-Z][\w-]*\s+){1,2}(?:Photo|Foto|PHOTO|FOTO)\s*/"
    r"|REUTERS\s*/|(?:[\w-]+\s+via\s+)?Getty\s+Images\b|(?:NTB\s+)?Scanpix\b"
)
_CREDIT_HEAD = re.compile(rf"(?:{_KEYWORD_CREDIT}|{_AGENCY_CREDIT})")
# A credit runs to the end of the paragraph without ending a sentence; an
# initial ("V. Oseledko") is the one full stop it may hold.
_CREDIT_TAIL = r"(?:\b\w\.|[^.!?\n]){0,100}\.?\s*$"
_SENTENCE_EDGE = r"(?:^|(?<=[.!?…\"”»)\]]\s)|(?<=[.!?…\"”»)\]]))"
_TRAILING_CREDIT = re.compile(rf"{_SENTENCE_EDGE}\s*(?:{_CREDIT_HEAD.pattern}){_CREDIT_TAIL}")
_BRACKETED = re.compile(r"\s*[(\[]([^()\[\]\n]{1,120})[)\]]")
_BRACKET_CREDIT = re.compile(
    rf"^\s*(?:{_KEYWORD_CREDIT}|{_AGENCY_CREDIT})|\b[A-Z][\w-]*\s+(?:Photo|Foto)\b"
    r"|\b(?:Getty Images|Shutterstock|iStock(?:photo)?|picture[- ]alliance|imago images)\b"
)

_READ_MORE = (
    "read more", "read also", "also read", "see also", "related", "more on this",
    "les også", "les mer", "les meir", "læs også", "læs mere", "läs även", "läs också",
    "läs mer", "lesen sie auch", "lesen sie mehr", "mehr zum thema", "lire aussi",
    "à lire aussi", "voir aussi", "lea también", "leer más", "ver también", "leggi anche",
    "leia também", "leia mais", "lees ook", "lees meer", "czytaj też", "czytaj także",
    "czytaj więcej", "zobacz też", "zobacz także",
)  # fmt: skip
_CALLS_TO_ACTION = (
    "click here", "tap here", "sign up for", "sign up to", "subscribe to", "subscribe now",
    "follow us on", "download our app", "download the app", "klikk her", "trykk her",
    "klik her", "tryk her", "klicka här", "tryck här", "klicken sie hier", "hier klicken",
    "cliquez ici", "abonnez-vous", "haga clic aquí", "haz clic aquí", "suscríbete",
    "clicca qui", "iscriviti", "clique aqui", "klik hier", "kliknij tutaj", "zapisz się",
    "your browser does not support", "please enable javascript", "we use cookies",
)  # fmt: skip
_ADVERTS = (
    "advertisement", "advertising", "ad", "sponsored", "sponsored content", "annonse",
    "reklame", "annons", "anzeige", "werbung", "publicité", "publicidad", "pubblicità",
    "publicidade", "advertentie", "reklama",
)  # fmt: skip
_SHARE_WORDS = frozenset({
    "share", "this", "article", "story", "page", "post", "on", "via", "tweet", "email",
    "e-mail", "mail", "print", "facebook", "twitter", "x", "whatsapp", "linkedin",
    "pinterest", "reddit", "telegram", "messenger", "copy", "link", "comments", "comment",
    "del", "dela", "teilen", "partager", "compartir", "condividi", "compartilhar",
    "partilhar", "delen", "udostępnij", "artikkelen", "artikel", "saken",
})  # fmt: skip
_STARTS_FURNITURE = re.compile(
    rf"^(?:{'|'.join(map(re.escape, _READ_MORE + _CALLS_TO_ACTION))})\b", re.IGNORECASE
)
_ADVERT = re.compile(rf"^[\W_]*(?:{'|'.join(map(re.escape, _ADVERTS))})[\W_]*$", re.IGNORECASE)
_URL = re.compile(r"^(?:https?:|www\.|[\w-]+(?:\.[\w-]+)+/)\S*$", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\d{4}))|all rights reserved", re.I)
_GALLERY_COUNTER = re.compile(
    r"^(?:photo|image|picture|slide|foto|bilde|bild)?\s*\d+\s*(?:of|av|af|von|de|di|van|z|/)"
    r"\s*\d+$",
    re.IGNORECASE,
)
_CAPTION_LABEL = re.compile(r"^(?P<label>[^\W\d_][^:\n]{1,40}?)\s*:\s+\S")
_KICKERS = frozenset({
    "UPDATE", "UPDATED", "BREAKING", "BREAKING NEWS", "EXCLUSIVE", "ANALYSIS", "OPINION",
    "EXPLAINER", "CORRECTION", "NOTE", "NOTES", "EDITOR'S NOTE", "EDITOR\u2019S NOTE",
    "PUBLISHED", "POSTED", "WATCH", "LIVE",
})  # fmt: skip
_LABEL_WORDS = re.compile(r"[^\W\d_]+(?:[\s'\u2019&-]+[^\W\d_]+)*")  # no digits: "UPDATED 3: 09"
_CLOSING = '.!?:;"”»)]…'
_QUOTES_AND_DASHES = "\"'\u2018\u2019\u201c\u201d\u00ab\u00bb\u2013\u2014"


@dataclass(frozen=True)
class Cleaned:
    """An article's own text, and apart from it what its photo captions say."""

    body: str
    # Captions with credits, gallery titles and labels removed: not article
    # text, but an outlet's words all the same (a gallery may be the only
    # place it gives a toll), so figures may read them; linking and summaries not.
    captions: str


def clean(raw: str) -> Cleaned:
    """Split a page's text into its body and its captions; drop the rest."""
    body_paragraphs, gallery = _split_galleries(_paragraphs(raw))
    paragraphs = [p for p in body_paragraphs if not _is_furniture(p)]
    # A labelled caption ("UENIGE: ...") reads like a transcript line
    # ("CARLSON: ..."): trust the label only on a page with credited captions.
    captioned = any(_strip_credits(p) is None for p in paragraphs)
    kept: list[str] = []
    captions = list(gallery)
    for paragraph in paragraphs:
        if captioned and kept and _has_caption_label(paragraph):
            captions.append(_without_label(_credit_removed(paragraph)))
            continue
        cleaned = _strip_credits(paragraph)
        if cleaned is None:
            captions.append(_without_label(_credit_removed(paragraph)))
        elif cleaned not in kept:
            kept.append(cleaned)
    return Cleaned("\n\n".join(kept), "\n\n".join(c for c in captions if c))


def clean_text(raw: str) -> str:
    """The article's own text, furniture removed, paragraphs joined by blank lines."""
    return clean(raw).body


def split_title(text: str) -> tuple[str | None, str]:
    """(headline, rest) when the first line reads as a headline, else (None, text)."""
    first, _, rest = text.strip().partition("\n")
    first, rest = first.strip(), rest.strip()
    if rest and _looks_like_headline(first):
        return first, rest
    return None, text


def headline_of(text: str) -> str:
    """A short headline from the first sentence, for articles without a title."""
    first_paragraph = text.strip().split("\n", 1)[0][:2000]
    sentence = _first_sentence(first_paragraph)
    if len(sentence) <= HEADLINE_MAX_CHARS:
        return sentence
    cut = sentence[: HEADLINE_MAX_CHARS + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > 0 else cut[:HEADLINE_MAX_CHARS]  # no spaces: CJK, Thai
    return cut.rstrip(f",;:- {_QUOTES_AND_DASHES}") + "…"


# -- paragraphs --------------------------------------------------------------


def _paragraphs(raw: str) -> list[str]:
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u200b\u200c\u200d\ufeff]", "", text)
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        paragraphs.extend(_unwrap([line for line in lines if line]))
    return paragraphs


def _unwrap(lines: list[str]) -> list[str]:
    # A line that starts in lower case after one that did not close a
    # sentence continues it: the source was hard-wrapped.
    out: list[str] = []
    for line in lines:
        if out and out[-1][-1] not in _CLOSING and line[0].islower():
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _split_galleries(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """(paragraphs, gallery captions): a title repeated across a picture gallery
    marks its captions; they leave the body, the title leaves them."""
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, paragraph in enumerate(paragraphs):
        groups[tuple(paragraph.split()[:GALLERY_MIN_WORDS])].append(index)
    doomed: dict[int, str] = {}
    for key, indexes in groups.items():
        if len(key) < GALLERY_MIN_WORDS or len(indexes) < GALLERY_MIN_REPEATS:
            continue
        texts = [paragraphs[i] for i in indexes]
        prefix = _common_prefix(texts)
        if len(prefix) < GALLERY_MIN_CHARS:
            continue
        if len(set(texts)) == 1 and not _looks_like_headline(prefix):
            continue  # a body paragraph the page repeated: clean keeps it once
        captions = {i: paragraphs[i][len(prefix) :].strip() for i in indexes}
        captions.update({i: paragraphs[i] for i in _captions_after(paragraphs, indexes, prefix)})
        shown = [caption for caption in captions.values() if caption]
        if not shown or not all(_reads_as_caption(caption) for caption in shown):
            continue  # a line the body repeats (a results table's rows), not a gallery
        doomed.update(captions)
    kept = [p for i, p in enumerate(paragraphs) if i not in doomed]
    return kept, [_credit_removed(doomed[i]) for i in sorted(doomed) if doomed[i]]


def _reads_as_caption(text: str) -> bool:
    """A few words ending a sentence, or a credited caption."""
    words = [word for word in text.split() if any(ch.isalpha() for ch in word)]
    ending = text.rstrip(f"{_QUOTES_AND_DASHES})]")
    closed = ending.endswith((".", "!", "?", "…", "。"))
    return len(words) >= CAPTION_MIN_WORDS and (closed or _strip_credits(text) is None)


def _common_prefix(texts: list[str]) -> str:
    first, last = min(texts), max(texts)
    size = 0
    while size < len(first) and first[size] == last[size]:
        size += 1
    return first[:size]


def _captions_after(paragraphs: list[str], indexes: list[int], prefix: str) -> list[int]:
    # A gallery title standing alone is followed by its caption paragraph.
    after = [i + 1 for i in indexes if paragraphs[i] == prefix and i + 1 < len(paragraphs)]
    return [i for i in after if len(paragraphs[i].split()) <= CAPTION_MAX_WORDS]


# -- one paragraph -----------------------------------------------------------


def _is_furniture(paragraph: str) -> bool:
    words = paragraph.split()
    short = len(words) <= FURNITURE_MAX_WORDS
    return bool(
        _ADVERT.match(paragraph)
        or _is_url(words)
        or _GALLERY_COUNTER.match(paragraph)
        or (short and _STARTS_FURNITURE.match(paragraph))
        or (short and _COPYRIGHT.search(paragraph))
        or _is_share_widget(paragraph)
    )


def _is_url(words: list[str]) -> bool:
    # ECB+ spaces URLs out ("http: / / www. x. com / a - b. html"), so glue the
    # words back; a closing full stop means a sentence that merely opens with one.
    return bool(words) and words[-1][-1] not in '.!"”' and bool(_URL.match("".join(words)))


def _is_share_widget(paragraph: str) -> bool:
    words = re.findall(r"[\w'\u2019-]+", paragraph.casefold())
    return 0 < len(words) <= 12 and all(word in _SHARE_WORDS for word in words)


def _strip_credits(paragraph: str) -> str | None:
    """The paragraph without credits, or None when it is a caption."""
    text, credited = _split_credit(paragraph)
    if credited and len(text.split()) <= CAPTION_MAX_WORDS:
        return None
    return text or None


def _split_credit(paragraph: str) -> tuple[str, bool]:
    """(the words without photo credits, whether a credit closed the paragraph)."""
    text = _BRACKETED.sub(_unless_credit, paragraph).strip()
    credit = _TRAILING_CREDIT.search(text)
    return (text[: credit.start()].strip(), True) if credit else (text, False)


def _credit_removed(paragraph: str) -> str:
    return _split_credit(paragraph)[0]


def _without_label(paragraph: str) -> str:
    """A caption without its ALL-CAPS label ("UENIGE: Tusenvis ..." → "Tusenvis ...")."""
    match = _CAPTION_LABEL.match(paragraph)
    if match and match.group("label").isupper():
        return paragraph[match.end("label") :].lstrip(" :")
    return paragraph


def _unless_credit(match: re.Match[str]) -> str:
    return "" if _BRACKET_CREDIT.search(match.group(1)) else match.group(0)


def _has_caption_label(paragraph: str) -> bool:
    match = _CAPTION_LABEL.match(paragraph)
    if not match or len(paragraph.split()) > CAPTION_MAX_WORDS:
        return False
    label = match.group("label").strip()
    rest = paragraph[match.end("label") :]
    return (
        _LABEL_WORDS.fullmatch(label) is not None
        and label.isupper()
        and not rest.isupper()  # all capitals throughout: a headline, not a caption
        and sum(ch.isalpha() for ch in label) >= 5
        and len(label.split()) <= 5
        and label not in _KICKERS
    )


# -- headlines ---------------------------------------------------------------


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    wordy = [w for w in words if sum(ch.isalpha() for ch in w) >= 2]
    if not 0 < len(words) <= HEADLINE_MAX_WORDS or len(wordy) < 3:
        return False  # too long, or a dateline such as "DECEMBER 16, 2008"
    ending = line.rstrip(f"{_QUOTES_AND_DASHES})")
    if not ending.endswith((".", ",", ";", ":", "…")):
        return True
    # "Trump Stays Banned on Facebook. Keep It That Way." is a headline, but a
    # short lead sentence ends in a full stop too: only Title Case tells them apart.
    return ending.endswith(".") and not ending.endswith("...") and _title_case(wordy)


def _title_case(words: list[str]) -> bool:
    long = [w.lstrip(_QUOTES_AND_DASHES) for w in words if len(w) >= 4]
    capitals = sum(1 for w in long if w[:1].isupper())
    return len(long) >= 3 and capitals >= 0.75 * len(long)


def _first_sentence(text: str) -> str:
    # Fragments shorter than HEADLINE_MIN_WORDS are joined to what follows:
    # mostly they are abbreviations taken for a full stop ("Alaska Gov.").
    sentence = ""
    for paragraph in segmenter.process(text):
        for tokens in paragraph:
            sentence += "".join(token.spacing + token.value for token in tokens)
            if len(sentence.split()) >= HEADLINE_MIN_WORDS:
                return sentence.strip()
    return sentence.strip() or text.strip()
