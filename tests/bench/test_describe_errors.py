"""The list of the describer's entity errors names each one by its class."""

from __future__ import annotations

from bench import describe_errors, describe_set


def _event(entities: list[dict[str, str]]) -> dict:
    doc_id = "mauifire_en_1"
    text = describe_set.read_text("bench/crosslingual", doc_id)
    doc = {"corpus": "bench/crosslingual", "id": doc_id, "lang": "en", "text": text}
    return {"event": "maui", "docs": [{**doc, "entities": entities}], "agree": {}}


def test_a_wrong_kind_and_a_name_never_found_are_listed():
    event = _event(
        [
            {"entity": "maui", "kind": "organisation", "surface": "Maui"},
            {"entity": "atlantis", "kind": "place", "surface": "Atlantis"},
        ]
    )
    found = describe_errors.errors(event)
    maui = [what for kind, _, what in found if kind == "kind" and what.startswith("Maui: ")]
    assert len(maui) == 1 and maui[0].endswith(", not organisation")
    assert ("missed", "en", "Atlantis") in found
    assert {kind for kind, _, _ in found} <= {"extra", "missed", "kind", "unmerged", "wrong"}
