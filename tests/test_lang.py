"""Language identification: the right code, "und" when unsure, one detector."""

from __future__ import annotations

import threading

import pytest

from babelwire import lang
from babelwire.lang import decide, detect_language, get_detector
from tests.conftest import SEEDS, need

# Over 120 characters each, so lingua needs only its trigram models: the
# whole module runs in about a second. Shorter texts load every model of a
# shortlist of languages: see the slow test at the end.
TEXTS = {
    "en": "The city council voted on Tuesday evening to close the old harbour bridge for "
    "repairs. Engineers had warned for years that the steel beams were rusting, and the mayor "
    "said the work would take at least eight months.",
    "nb": "Bystyret vedtok tirsdag kveld å stenge den gamle havnebrua for reparasjon. "
    "Ingeniørene hadde advart i flere år om at stålbjelkene rustet, og ordføreren sier at "
    "arbeidet vil ta minst åtte måneder.",
    "nn": "Bystyret vedtok tysdag kveld å stengje den gamle hamnebrua for reparasjon. "
    "Ingeniørane hadde åtvara i fleire år om at stålbjelkane rusta, og ordføraren seier at "
    "arbeidet vil ta minst åtte månader.",
    "da": "Byrådet besluttede tirsdag aften at lukke den gamle havnebro for reparation. "
    "Ingeniørerne havde i årevis advaret om, at stålbjælkerne rustede, og borgmesteren siger, "
    "at arbejdet vil tage mindst otte måneder.",
    "sv": "Kommunfullmäktige beslutade på tisdagskvällen att stänga den gamla hamnbron för "
    "reparation. Ingenjörerna hade i flera år varnat för att stålbalkarna rostade, och "
    "kommunalrådet säger att arbetet kommer att ta minst åtta månader.",
    "de": "Der Stadtrat hat am Dienstagabend beschlossen, die alte Hafenbrücke für Reparaturen "
    "zu sperren. Ingenieure hatten seit Jahren gewarnt, dass die Stahlträger rosten, und der "
    "Bürgermeister sagt, die Arbeiten würden mindestens acht Monate dauern.",
    "fr": "Le conseil municipal a voté mardi soir la fermeture du vieux pont du port pour des "
    "réparations. Les ingénieurs avertissaient depuis des années que les poutres en acier "
    "rouillaient, et le maire affirme que les travaux dureront au moins huit mois.",
    "es": "El ayuntamiento votó el martes por la noche cerrar el viejo puente del puerto para "
    "repararlo. Los ingenieros llevaban años advirtiendo de que las vigas de acero se oxidaban, "
    "y el alcalde dice que las obras durarán al menos ocho meses.",
}


@pytest.fixture(scope="module", autouse=True)
def detector() -> object:
    # One detector for the module: the first texts load the models once.
    return get_detector()


@pytest.mark.parametrize("code", sorted(TEXTS))
def test_each_language_is_recognised(code: str) -> None:
    found, confidence = detect_language(TEXTS[code])
    assert found == code
    assert lang.MIN_CONFIDENCE <= confidence <= 1.0


@pytest.mark.parametrize(
    "text",
    ["", "   \n", "Hei", "OK!", "12345 678 !!! ??? ###", "asdf qwer zxcv", "<div></div>"],
)
def test_too_little_text_is_undetermined(text: str) -> None:
    assert detect_language(text) == ("und", 0.0)


def test_only_the_opening_is_read() -> None:
    # Past SAMPLE_CHARS, not even a page of another language changes the answer.
    text = TEXTS["nb"] + " " + TEXTS["en"] * 20
    assert len(text) > 3 * lang.SAMPLE_CHARS
    assert detect_language(text)[0] == "nb"


def test_seeds_are_recognised() -> None:
    expected = {"000": "nb", "002": "en", "004": "en"}
    for path in sorted(need(SEEDS).glob("*.txt")):
        code, confidence = detect_language(path.read_text(encoding="utf-8"))
        assert (code, path.name[:3]) == (expected[path.name[:3]], path.name[:3])
        assert confidence > 0.9


def test_the_detector_is_built_once_across_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lang, "_detector", None)
    built: list[object] = []
    start = threading.Barrier(4)

    def build() -> None:
        start.wait()
        built.append(get_detector())

    threads = [threading.Thread(target=build) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 4
    assert all(d is built[0] for d in built)


@pytest.mark.parametrize(
    ("confidences", "answer"),
    [
        ([("en", 0.97), ("tl", 0.03)], ("en", 0.97)),
        ([("en", 0.3), ("tl", 0.2), ("xh", 0.1)], ("und", 0.0)),  # unsure
        ([("nb", 0.45), ("nn", 0.35), ("da", 0.2)], ("nb", 0.8)),  # Norwegian, together
        ([("da", 0.45), ("nn", 0.3), ("nb", 0.25)], ("nn", 0.55)),  # Norwegian beats Danish
        ([("da", 0.55), ("nb", 0.25), ("sv", 0.2)], ("da", 0.55)),
        ([("sv", 0.6), ("da", 0.4)], ("sv", 0.6)),  # Danish and Swedish are not joined
        ([], ("und", 0.0)),
    ],
)
def test_decide(confidences: list[tuple[str, float]], answer: tuple[str, float]) -> None:
    code, confidence = decide(confidences)
    assert (code, round(confidence, 6)) == answer


@pytest.mark.slow
def test_short_sentences() -> None:
    # Under 120 characters every model of the shortlisted languages is loaded.
    assert detect_language("Tusenvis av demonstranter samlet seg i Bisjkek i går kveld.")[0] == "nb"
    assert detect_language("The government announced new measures on Tuesday.")[0] == "en"
    assert detect_language("Det var en fin dag i går, sa han til oss.") == (
        "und",
        0.0,
    )  # nb, da or sv?
    assert detect_language("qwrt zxcv bnmm lkjh gfds poiu") == ("und", 0.0)
