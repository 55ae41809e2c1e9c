"""Which language an article is written in.

One lingua detector serves the whole process. It is built lazily, under a
lock, on the first call: lingua then loads each language's n-gram models only
when a text needs them, which keeps a mostly-English stream small.

Lingua reads a text of LONG_TEXT characters or more by its trigrams alone,
so for those its low-accuracy mode gives the very same answer while loading
only the trigram models (all 74 spoken languages: ~70 MB). Shorter texts need
the uni- to five-gram models, ~0.9 GB for every language at once; instead the
trigram detector shortlists SHORTLIST languages and a detector of just those
reads the text with every model, so memory grows only with the languages that
short texts actually come in.

Measured costs (lingua 2.1.1, a 2-core VM, CPython 3.11): building the
trigram detector under 2 ms, its first long text ~0.4 s and ~70 MB; every
later call 3-6 ms on a 1000-character sample; a first short text in a new
set of languages ~1-2 s.

Confidence is lingua's relative confidence of the best language. Below
MIN_CONFIDENCE (0.5, i.e. the best guess is not even more likely than all the
others together) or with fewer than MIN_LETTERS letters the answer is "und"
with confidence 0.0. Long texts in a supported language come out near 1.0;
one sentence gets 0.9-1.0, or nearer 0.5 where close neighbours compete
("Tusindvis af demonstranter samledes i Bisjkek i aftes.": da, 0.55).

Norwegian is written in two standards, Bokmål ("nb") and Nynorsk ("nn"), that
share most of their words; a short Norwegian text can split its confidence
between them and fall under the threshold for each although it is plainly
not Danish or Swedish. So the two are judged together: when nb + nn is the
likeliest and passes the threshold, the likelier standard is the answer, with
their joint confidence.

Lingua's confidence is relative to the other languages, not absolute: long
letter soup (keyboard mash, base64) can still come out as some language with
high confidence. Only short or ambiguous text is "und".
"""

from __future__ import annotations

import functools
import re
import threading
from collections import defaultdict
from collections.abc import Sequence

from babel import Locale
from lingua import Language, LanguageDetector, LanguageDetectorBuilder

UNDETERMINED = "und"
MIN_LETTERS = 20  # about four words: fewer say too little about their language
MIN_CONFIDENCE = 0.5
SAMPLE_CHARS = 1000  # the first paragraphs decide; the rest only costs time
LONG_TEXT = 120  # lingua's own cut: from here on it reads trigrams only
SHORTLIST = 6

# Real codes that name no language: detecting it from the text says more.
_NO_LANGUAGE = frozenset({"und", "mul", "mis", "zxx"})

# Languages judged together (see above): code -> family.
_FAMILIES = {"nb": "no", "nn": "no"}

_lock = threading.Lock()
_detector: LanguageDetector | None = None


def get_detector() -> LanguageDetector:
    """The process's one trigram detector over every spoken language, built on first use."""
    global _detector
    if _detector is None:
        with _lock:
            if _detector is None:  # another thread may have built it while we waited
                builder = LanguageDetectorBuilder.from_all_spoken_languages()
                _detector = builder.with_low_accuracy_mode().build()
    return _detector


@functools.lru_cache(maxsize=64)
def _full_detector(languages: frozenset[Language]) -> LanguageDetector:
    """A detector using every n-gram model, for short texts, of a few languages only."""
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and confidence in [0, 1]; ("und", 0.0) when unsure."""
    sample = _sample(text)
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return UNDETERMINED, 0.0
    values = get_detector().compute_language_confidence_values(sample)
    if len(sample) < LONG_TEXT and values:
        shortlist = frozenset(v.language for v in values[:SHORTLIST])
        values = _full_detector(shortlist).compute_language_confidence_values(sample)
    return decide([(v.language.iso_code_639_1.name.lower(), v.value) for v in values])


def language_code(tag: str) -> str | None:
    """The language a tag names, as its ISO 639 code ("pt-BR" -> "pt"); None when it names none.

    Only the language is kept: the linker and the descriptions compare
    articles by language, and detection answers with bare codes too.
    """
    primary = re.split(r"[-_]", tag.strip(), maxsplit=1)[0].lower()
    return primary if primary in _language_codes() and primary not in _NO_LANGUAGE else None


@functools.cache
def _language_codes() -> frozenset[str]:
    # The Unicode CLDR names every ISO 639-1 language and some 460 with only
    # an ISO 639-2/3 code (yue, fil, ckb); Babel ships its tables offline.
    return frozenset(str(code) for code in Locale("en").languages if "_" not in str(code))


def decide(confidences: Sequence[tuple[str, float]]) -> tuple[str, float]:
    """Pick the answer from (code, confidence) pairs, judging nb and nn together."""
    joint: dict[str, float] = defaultdict(float)
    leader: dict[str, tuple[float, str]] = {}
    for code, value in confidences:
        family = _FAMILIES.get(code, code)
        joint[family] += value
        leader[family] = max(leader.get(family, (value, code)), (value, code))
    if not joint:
        return UNDETERMINED, 0.0
    family = max(joint, key=joint.__getitem__)
    if joint[family] < MIN_CONFIDENCE:
        return UNDETERMINED, 0.0
    return leader[family][1], min(1.0, joint[family])


def _sample(text: str) -> str:
    if len(text) <= SAMPLE_CHARS:
        return text
    sample = text[:SAMPLE_CHARS]
    space = sample.rfind(" ")
    # Cut on a word boundary, unless the script does not use spaces (CJK, Thai).
    return sample[:space] if space > SAMPLE_CHARS * 0.9 else sample
