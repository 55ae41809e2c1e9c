"""A stream of made-up news for the queue's long tests: `count` articles about
`count // 4` events, several stories running at once and arriving interleaved.

Each event has its own place name and words, so the test encoder (a bag of
hashed words) tells the stories apart while the articles of one story share
most of their words; the order of arrival still matters to the linker.
Nothing here is a text anyone wrote.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

LETTERS = "bcdfghklmnprstvz"
VOWELS = "aeiou"
RUNNING = 6  # stories reported at the same time
PER_DAY = 40


def write_stream(path: Path, count: int, seed: int = 15) -> list[str]:
    """The stream as JSONL at `path`; the ids, in order."""
    rng = random.Random(seed)
    stories = [_story(rng) for _ in range(max(1, count // 4))]
    lines, ids = [], []
    for number in range(count):
        first = min(number // 4, len(stories) - RUNNING)
        story = stories[max(0, first) + rng.randrange(RUNNING)]
        ids.append(f"a{number:05d}")
        lines.append(json.dumps(_article(rng, number, story)))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(LETTERS) + rng.choice(VOWELS) for _ in range(syllables))


def _story(rng: random.Random) -> dict:
    return {"place": _word(rng, 3).capitalize(), "words": [_word(rng, 3) for _ in range(7)]}


def _article(rng: random.Random, number: int, story: dict) -> dict:
    words = rng.sample(story["words"], 5) + [_word(rng, 3) for _ in range(2)]
    day = dt.date(2024, 1, 1) + dt.timedelta(days=number // PER_DAY)
    return {
        "id": f"a{number:05d}",
        "title": f"{story['place']} {words[0]} {words[1]}",
        "text": f"In {story['place']} the {' and the '.join(words)} on day {number // PER_DAY}.",
        "date": day.isoformat(),
        "lang": "en",
        "source": f"Desk {number % 5}",
    }
