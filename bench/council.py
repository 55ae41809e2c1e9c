"""A generated stream of look-alike events: council votes in many towns.

    council_stream(towns=50, reports=4) -> [(RawArticle, gold event id), ...]

Every town's council votes on the same kind of budget in the same words;
only the town, its mayor, the date and the figures differ. Each vote is
reported `reports` times, in rotating wordings, and the stream interleaves
the towns by date. A linker that lets an event chain look-alike stories
ends with one event for every town (seen on the fast path: 10,000 such
articles in one event); a good one ends with one event per town. The texts
are written here from templates, not taken from anywhere.
"""

from __future__ import annotations

import datetime as dt
import random

from babelwire.model import PartialDate, RawArticle

TOWN_PARTS = (
    ("Ash", "Bram", "Cold", "Dun", "Elm", "Fair", "Glen", "Hart", "Ivy", "Kings"),
    ("ford", "ley", "wick", "moor", "bury"),
)
MAYORS = ("Alder", "Brook", "Carver", "Dalton", "Ellis", "Fenwick", "Garner", "Holt")
WORDINGS = (
    "{town} council approves school budget in {yes}-{no} vote\n\n"
    "The town council of {town} voted {yes} to {no} on {day} to approve a school budget "
    "of {amount} dollars. Mayor {mayor} said the money would let {town} open {rooms} new "
    "classrooms next year. About {crowd} residents attended the meeting.",
    "School budget passes in {town}\n\n"
    "Councillors in {town} approved a {amount} dollar school budget on {day} by {yes} votes "
    "to {no}. The plan adds {rooms} classrooms, according to Mayor {mayor}, and some "
    "{crowd} people came to the town hall to watch the vote.",
    "{town} backs {amount} dollar plan for schools\n\n"
    "By {yes} votes to {no}, the {town} council on {day} backed a school budget worth "
    "{amount} dollars. Mayor {mayor} told the {crowd} residents present that {rooms} "
    "classrooms would be built.",
)


def towns(count: int) -> list[str]:
    """`count` distinct invented town names."""
    first, second = TOWN_PARTS
    names = [a + b for b in second for a in first]
    if count > len(names):
        raise ValueError(f"at most {len(names)} towns")
    return names[:count]


def council_stream(
    towns_count: int = 50, reports: int = 4, seed: int = 7
) -> list[tuple[RawArticle, str]]:
    """The stream, in date order, each article with its gold event (its town's vote)."""
    rng = random.Random(seed)
    start = dt.date(2024, 3, 4)
    items = []
    for number, town in enumerate(towns(towns_count)):
        day = start + dt.timedelta(days=number // 3)  # three votes a day
        facts = {
            "town": town,
            "mayor": rng.choice(MAYORS),
            "day": day.strftime("%A"),
            "yes": rng.randint(5, 12),
            "no": rng.randint(0, 4),
            "amount": f"{rng.randint(2, 60)},{rng.randint(100, 999)},000",
            "rooms": rng.randint(3, 40),
            "crowd": rng.randint(40, 400),
        }
        for report in range(reports):
            text = WORDINGS[report % len(WORDINGS)].format(**facts)
            if report >= len(WORDINGS):  # the same wording again: another outlet's copy
                text += f" Filed by outlet {report}."
            article = RawArticle(
                text=text,
                origin="council",
                id=f"council-{town}-{report}",
                date=PartialDate(day.year, day.month, day.day),
                lang="en",
                source=f"Outlet {report}",
            )
            items.append((article, f"vote-{town}"))
    items.sort(key=lambda pair: (pair[0].date.start if pair[0].date else start, rng.random()))
    return items
