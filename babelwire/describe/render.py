"""Event descriptions for people: the terminal view, Markdown and CSV rows.

All three read only the description dict, so they show exactly what
`--json` holds. Citations name the article's outlet and language
("[dw.com, en]"), falling back to the article id when the outlet is unknown.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import click

MAX_ENTITIES_SHOWN = 15
MAX_TIMELINE_SHOWN = 20


def cite(article_id: str, described: dict[str, Any]) -> str:
    article = next((a for a in described["articles"] if a["id"] == article_id), None)
    if article is None:
        return f"[{article_id}]"
    return f"[{article.get('source') or article_id}, {article.get('lang')}]"


def cite_all(sentence: dict[str, Any], described: dict[str, Any]) -> str:
    """Every article a summary sentence rests on (a model's sentence may cite several)."""
    ids = sentence.get("article_ids") or [sentence["article_id"]]
    return " ".join(cite(article_id, described) for article_id in ids)


def _summary_title(described: dict[str, Any]) -> str:
    """Says who wrote the summary, and why the model did not when it was asked to."""
    if described.get("llm_error"):
        return f"Summary (extractive; the language model failed: {described['llm_error']})"
    if described.get("generated_by", "extractive") != "extractive":
        return f"Summary (written by {described['generated_by']}, citing its sources)"
    return "Summary"


def value_range(value: dict[str, Any]) -> str:
    """ "590", "200-999" (an en dash), "2,301+" ("more than 2,300": no upper bound)."""
    low, high = _figure(value["low"]), value.get("high")
    if high is None:
        return f"{low}+"
    return low if value["low"] == high else f"{low}\u2013{_figure(high)}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _figure(number: Any) -> str:
    return f"{number:,}" if isinstance(number, int) else str(number)


# -- the terminal -----------------------------------------------------------


def render_text(described: dict[str, Any]) -> str:
    """The human view of `babelwire event ID`: one screen, most important first."""
    parts = [
        click.style(described["headline"], bold=True),
        _meta(described),
        _section(_summary_title(described), [f"• {s['text']} {cite_all(s, described)}"
                                              for s in described.get("summary", [])]),
        _section("Timeline", [f"{t['date']:<10}  {t['text']} {cite(t['article_id'], described)}"
                              for t in described.get("timeline", [])[:MAX_TIMELINE_SHOWN]]),
        _section("Entities", [_entity_line(e)
                              for e in described.get("entities", [])[:MAX_ENTITIES_SHOWN]]),
        _section("Figures", [_figure_line(f, described) for f in described.get("figures", [])]),
        _section("Sources", [_source_line(s) for s in described.get("sources", [])]),
        _section("Articles by language", _article_lines(described)),
        _section("History", [history_line(h) for h in history_changes(described)]),
    ]  # fmt: skip
    return "\n".join(p for p in parts if p)


def _meta(described: dict[str, Any]) -> str:
    return (
        f"{described['id']} · {_count(len(described['article_ids']), 'article')} · "
        f"languages {', '.join(described['languages'])} · "
        f"{described['first_date'] or '?'} .. {described['last_date'] or '?'}"
    )


def _section(title: str, lines: list[str]) -> str:
    if not lines:
        return ""
    return "\n" + click.style(title, underline=True) + "\n" + "\n".join(f"  {x}" for x in lines)


def _entity_line(entity: dict[str, Any]) -> str:
    spellings = f" (also {', '.join(entity['aliases'])})" if entity["aliases"] else ""
    return (
        f"{entity['name']}{spellings} — {entity['kind']}, {_count(entity['mentions'], 'mention')} "
        f"in {_count(len(entity['article_ids']), 'article')}"
    )


def _figure_line(figure: dict[str, Any], described: dict[str, Any]) -> str:
    values = "; ".join(
        f"{value_range(v)} “{v['text']}” {cite(v['article_id'], described)}"
        for v in figure["values"]
    )
    line = f"{figure['what']}: {values}"
    if figure["disagreement"]:
        return click.style("⚠ sources disagree — ", fg="red", bold=True) + line
    return line


def _source_line(source: dict[str, Any]) -> str:
    copies = "".join(f"; {c['article_id']} repeats {c['repeats']}" for c in source["copies"])
    return (
        f"{source['name']}: {_count(len(source['articles']), 'article')}, "
        f"{source['independent_reports']} independent{copies}"
    )


def _article_lines(described: dict[str, Any]) -> list[str]:
    lines = []
    for lang, articles in _by_language(described).items():
        lines.append(click.style(f"[{lang}]", bold=True))
        for a in articles:
            date = a["date"] or "undated"
            inferred = ", inferred" if a["date_inferred"] else ""
            lines.append(
                f"  {a['id']}  {date} ({a['date_precision']}{inferred})  {a['source'] or ''}"
            )
            if a["title"]:
                lines.append(f"       {a['title']}")
            lines.append(f"       why: {a['why']}")
    return lines


# What each kind of change reads as, before the other event's id.
HISTORY_WORDS = {
    "merge_from": "took in {n} from",
    "merge_into": "merged into",
    "split_from": "took {n} split off",
    "split_into": "{n} split off into",
}


def history_changes(described: dict[str, Any]) -> list[dict[str, Any]]:
    """The merges and splits of an event's history, each with `words` and `why`
    (arrivals are listed with the articles)."""
    return [
        {**h, "words": _history_words(h), "why": _history_why(h)}
        for h in described.get("history", [])
        if h["kind"] in HISTORY_WORDS
    ]


def _history_words(change: dict[str, Any]) -> str:
    n = _count(len(change["article_ids"]), "article")
    return HISTORY_WORDS[change["kind"]].format(n=n)


def _history_why(change: dict[str, Any]) -> str:
    evidence = change.get("evidence", {})
    by = "by consolidation" if evidence.get("by") == "consolidation" else "on arrival"
    score = evidence.get("with_rest_of_event", evidence.get("with_event_joined"))
    return by + (f", mean score {score:.2f}" if score is not None else "")


def history_line(change: dict[str, Any]) -> str:
    """One merge or split, said plainly: when, what, why."""
    return f"{change['at']}  {change['words']} {change['event_id']} ({change['why']})"


def _by_language(described: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for article in described["articles"]:
        groups[article["lang"]].append(article)
    return dict(sorted(groups.items()))


# -- Markdown: the morning briefing -----------------------------------------


def render_markdown(described: dict[str, Any], level: int = 2) -> str:
    """One event as a briefing section: what happened, numbers, who, when, sources."""
    head = "#" * level
    lines = [f"{head} {described['headline']}", "", f"_{_meta(described)}_", ""]
    lines += [f"- {s['text']} {cite_all(s, described)}" for s in described["summary"]]
    if described.get("generated_by", "extractive") != "extractive":
        lines += ["", f"_Headline and summary written by {described['generated_by']}._"]
    if described["figures"]:
        lines += ["", "**Figures**", ""]
        lines += [f"- {_markdown_figure(f, described)}" for f in described["figures"]]
    if described["entities"]:
        names = [_markdown_entity(e) for e in described["entities"][:MAX_ENTITIES_SHOWN]]
        lines += ["", f"**Who and where:** {'; '.join(names)}"]
    if described["timeline"]:
        lines += ["", "**Timeline**", ""]
        lines += [
            f"- {t['date']}: {t['text']} {cite(t['article_id'], described)}"
            for t in described["timeline"][:MAX_TIMELINE_SHOWN]
        ]
    lines += ["", f"**Sources:** {_markdown_sources(described)}", ""]
    return "\n".join(lines)


def _markdown_figure(figure: dict[str, Any], described: dict[str, Any]) -> str:
    values = "; ".join(
        f"{value_range(v)} ({cite(v['article_id'], described)} “{v['text']}”)"
        for v in figure["values"]
    )
    flag = " — **⚠ sources disagree**" if figure["disagreement"] else ""
    return f"{figure['what']}: {values}{flag}"


def _markdown_entity(entity: dict[str, Any]) -> str:
    aliases = f" ({', '.join(entity['aliases'])})" if entity["aliases"] else ""
    return f"{entity['name']}{aliases}, {entity['kind']}"


def _markdown_sources(described: dict[str, Any]) -> str:
    return ", ".join(
        f"{s['name']} ({s['independent_reports']} of {len(s['articles'])} independent)"
        for s in described["sources"]
    )


def render_briefing(descriptions: list[dict[str, Any]], title: str) -> str:
    """All events as one Markdown document a person would send round in the morning."""
    lines = [f"# {title}", ""]
    if not descriptions:
        return "\n".join([*lines, "No events.", ""])
    lines += [f"{len(descriptions)} events, most recent activity first.", ""]
    lines += [
        f"- {d['headline']} ({_count(len(d['article_ids']), 'article')})" for d in descriptions
    ]
    lines.append("")
    return "\n".join(lines + [render_markdown(d) for d in descriptions])


# -- CSV --------------------------------------------------------------------

CSV_COLUMNS = [
    "id", "headline", "first_date", "last_date", "languages", "articles", "independent_reports",
    "sources", "summary", "entities", "figures", "disagreements",
]  # fmt: skip


def csv_row(described: dict[str, Any]) -> dict[str, Any]:
    """One event flattened to a spreadsheet row."""
    figures = described["figures"]
    return {
        "id": described["id"],
        "headline": described["headline"],
        "first_date": described["first_date"] or "",
        "last_date": described["last_date"] or "",
        "languages": " ".join(described["languages"]),
        "articles": len(described["article_ids"]),
        "independent_reports": sum(s["independent_reports"] for s in described["sources"]),
        "sources": "; ".join(s["name"] for s in described["sources"]),
        "summary": " ".join(s["text"] for s in described["summary"]),
        "entities": "; ".join(e["name"] for e in described["entities"][:MAX_ENTITIES_SHOWN]),
        "figures": "; ".join(
            f"{f['what']} {', '.join(value_range(v) for v in f['values'])}" for f in figures
        ),
        "disagreements": "; ".join(f["what"] for f in figures if f["disagreement"]),
    }
