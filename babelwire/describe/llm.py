"""Optional: a language model rewrites an event's headline and summary in English.

No summarisation or translation model ships in any package, so the default
description is extractive (describe/summary.py). When BABELWIRE_LLM_URL names
an OpenAI-compatible chat API (llama.cpp's server, Ollama, a hosted one), the
model is shown the event's articles (id, language, outlet, date, title, lead)
and asked for a JSON answer: a headline, 2-6 summary sentences and English
titles. Every claim must cite the ids of the articles it rests on; a sentence
citing none of this event's articles is dropped, and when the answer is late,
broken or left empty by that check, the extractive description stays, with
`llm_error` saying why. Answers are cached by model and prompt, so an
unchanged event never asks twice, and a new article asks again.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from babelwire import cache, config
from babelwire.model import Article

LEAD_WORDS = 120
MAX_ARTICLES = 12
MAX_HEADLINE_CHARS = 160
MAX_SENTENCES = 6

INSTRUCTIONS = """You write neutral news briefs in English from the given articles, nothing else.
Answer with one JSON object only, no prose around it:
{"headline": {"text": "...", "article_ids": ["..."]},
 "summary": [{"text": "...", "article_ids": ["..."]}],
 "titles": [{"article_id": "...", "title": "..."}]}
- headline: at most 15 words, what happened.
- summary: 2 to 6 sentences, most important first; where sources disagree on a figure, say so.
- every headline and sentence lists in article_ids the ids of the articles that state it.
- titles: an English translation of the title of each article not in English.
Use only facts the articles state."""


class BackendError(Exception):
    """The model's answer could not be used; the message says why."""


@dataclass(frozen=True)
class ChatBackend:
    url: str
    model: str
    key: str = ""
    timeout: float = 60.0

    @classmethod
    def from_settings(cls) -> ChatBackend | None:
        """The configured backend, or None when BABELWIRE_LLM_URL is empty (the default)."""
        url = config.setting("llm_url").strip()
        if not url:
            return None
        return cls(
            url=url.rstrip("/"),
            model=config.setting("llm_model"),
            key=config.setting("llm_key"),
            timeout=float(config.setting("llm_timeout")),
        )

    @property
    def label(self) -> str:
        return f"llm:{self.model or 'default'}"

    def chat(self, prompt: str) -> str:
        """The model's reply to one prompt; raises BackendError on any failure."""
        headers = {"Authorization": f"Bearer {self.key}"} if self.key else {}
        body = {
            "model": self.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": INSTRUCTIONS},
                {"role": "user", "content": prompt},
            ],
        }
        try:
            response = httpx.post(
                f"{self.url}/chat/completions", json=body, headers=headers, timeout=self.timeout
            )
            response.raise_for_status()
            return str(response.json()["choices"][0]["message"]["content"])
        except httpx.TimeoutException:
            raise BackendError(f"{self.url} did not answer within {self.timeout:g} s") from None
        except httpx.HTTPStatusError as error:
            raise BackendError(f"{self.url} answered HTTP {error.response.status_code}") from None
        except httpx.HTTPError as error:
            raise BackendError(f"{self.url} could not be reached: {error}") from None
        except (ValueError, KeyError, IndexError, TypeError):
            raise BackendError(f"{self.url} did not answer in the chat format") from None


def rewrite(
    described: dict[str, Any], articles: list[Article], backend: ChatBackend
) -> dict[str, Any]:
    """The description with the model's headline, summary and titles; else unchanged, with why."""
    prompt = build_prompt(articles)
    key = cache.content_key(backend.label, INSTRUCTIONS, prompt)
    answer = _cached(key)
    if answer is None:
        try:
            answer = parse_answer(backend.chat(prompt), {a.id for a in articles})
        except BackendError as error:
            return {**described, "generated_by": "extractive", "llm_error": str(error)}
        _remember(key, answer)
    return apply_answer(described, answer, backend.label)


def build_prompt(articles: list[Article]) -> str:
    """The articles as the model sees them: a header line with the id, then title and lead."""
    blocks = []
    for article in articles[:MAX_ARTICLES]:
        lead = " ".join(article.text.split()[:LEAD_WORDS])
        header = f"[{article.id}] language={article.lang} source={article.source or '?'}"
        header += f" date={article.date or '?'}"
        blocks.append(f"{header}\ntitle: {article.title or ''}\n{lead}")
    return "\n\n".join(blocks)


def parse_answer(reply: str, known_ids: set[str]) -> dict[str, Any]:
    """The usable part of the model's reply: only claims citing this event's articles."""
    data = _json_object(reply)
    headline = _cited(data.get("headline"), known_ids)
    if headline is None or len(headline["text"]) > MAX_HEADLINE_CHARS:
        raise BackendError("the answer has no short headline citing this event's articles")
    cited = [_cited(sentence, known_ids) for sentence in _list(data.get("summary"))]
    summary = [sentence for sentence in cited if sentence]
    if not summary:
        raise BackendError("no summary sentence of the answer cites this event's articles")
    titles = {
        str(t.get("article_id")): str(t.get("title")).strip()
        for t in _list(data.get("titles"))
        if isinstance(t, dict) and t.get("article_id") in known_ids and t.get("title")
    }
    return {"headline": headline, "summary": summary[:MAX_SENTENCES], "titles": titles}


def apply_answer(described: dict[str, Any], answer: dict[str, Any], label: str) -> dict[str, Any]:
    summary = [
        {"text": s["text"], "article_id": s["article_ids"][0], "article_ids": s["article_ids"],
         "lang": "en"}
        for s in answer["summary"]
    ]  # fmt: skip
    articles = [
        {**a, "title_en": answer["titles"][a["id"]]} if a["id"] in answer["titles"] else a
        for a in described["articles"]
    ]
    return {
        **described,
        "headline": answer["headline"]["text"],
        "headline_article_ids": answer["headline"]["article_ids"],
        "summary": summary,
        "articles": articles,
        "generated_by": label,
    }


def _json_object(reply: str) -> dict[str, Any]:
    # Models often wrap JSON in a code fence or a sentence: take the outermost braces.
    match = re.search(r"\{.*\}", reply, re.DOTALL)
    try:
        data = json.loads(match.group(0)) if match else None
    except json.JSONDecodeError:
        data = None
    if not isinstance(data, dict):
        raise BackendError("the answer is not a JSON object")
    return data


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _cited(claim: object, known_ids: set[str]) -> dict[str, Any] | None:
    """{text, article_ids} with unknown ids removed, or None when text or citations are missing."""
    if not isinstance(claim, dict):
        return None
    text = " ".join(str(claim.get("text") or "").split())
    ids = [str(i) for i in _list(claim.get("article_ids")) if str(i) in known_ids]
    if not text or not ids:
        return None
    return {"text": text, "article_ids": list(dict.fromkeys(ids))}


# -- the answer cache ----------------------------------------------------------

_TABLE = "CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, answer TEXT)"


def _cached(key: str) -> dict[str, Any] | None:
    with _open() as db:
        row = db.execute("SELECT answer FROM answers WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0]) if row else None


def _remember(key: str, answer: dict[str, Any]) -> None:
    with _open() as db:
        db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?)", (key, json.dumps(answer)))


@contextmanager
def _open() -> Iterator[sqlite3.Connection]:
    # A short-lived connection: the service describes events from many threads.
    db = cache.connect(config.cache_dir(), "llm.sqlite", _TABLE)
    try:
        with db:
            yield db
    finally:
        db.close()
