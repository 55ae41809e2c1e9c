"""Text in a legacy encoding with no declaration is read as what it says, not as garbage.

The sentences are written for these tests and saved in each encoding with
Python's own codecs, as an old newsroom system would have saved them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from babelwire.model import RawArticle, Rejection
from babelwire.readers import read_paths

SENTENCES = {
    "koi8_r": "Вчера в городе прошёл сильный снегопад. Движение транспорта было остановлено "
    "на несколько часов. Власти просят жителей оставаться дома.",
    "euc_jp": "昨日、東京で大きな地震がありました。多くの電車が止まり、"
    "駅は人でいっぱいになりました。けが人はいないと伝えられています。",
    "shift_jis": "今朝、大阪の港に新しい船が着きました。市長は港の仕事が増えると話しました。"
    "多くの市民が船を見に来ました。",
    "euc_kr": "어제 서울에서 큰 화재가 발생했습니다. 소방관들이 밤새 불을 끄기 위해 노력했습니다. "
    "다친 사람은 없다고 합니다.",
    "tis_620": "เมื่อวานนี้เกิดน้ำท่วมใหญ่ในกรุงเทพมหานคร ถนนหลายสายถูกปิด และประชาชนต้องอพยพออกจากบ้าน",
    "cp1255": "אתמול נפתח בירושלים גשר חדש מעל הכביש הראשי. ראש העיר אמר שהגשר יקצר את זמן "
    "הנסיעה. התושבים שמחו מאוד.",
}


def _as_file(tmp_path: Path, suffix: str, text: str, encoding: str) -> Path:
    content = {
        ".txt": f" date 2024-03-05 {text}",
        ".jsonl": json.dumps({"text": text}, ensure_ascii=False) + "\n",
        ".csv": f'text\n"{text}"\n',
    }[suffix]
    path = tmp_path / f"{encoding}{suffix}"
    path.write_bytes(content.encode(encoding))
    return path


@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ".csv"])
@pytest.mark.parametrize("encoding", SENTENCES)
def test_a_legacy_encoding_is_detected(tmp_path: Path, encoding: str, suffix: str) -> None:
    path = _as_file(tmp_path, suffix, SENTENCES[encoding], encoding)
    (article,) = read_paths([str(path)])
    assert isinstance(article, RawArticle), article
    assert article.text == SENTENCES[encoding]
    (warning,) = article.warnings
    assert f"{path} is not UTF-8: it was read as" in warning
    assert "save it as UTF-8" in warning


def test_valid_utf8_is_always_utf8(tmp_path: Path) -> None:
    text = SENTENCES["koi8_r"]
    path = tmp_path / "ru.txt"
    path.write_bytes(text.encode("utf-8"))
    (article,) = read_paths([str(path)])
    assert isinstance(article, RawArticle)
    assert (article.text, article.warnings) == (text, [])


def test_utf8_with_a_stray_byte_stays_utf8(tmp_path: Path) -> None:
    # Mostly valid UTF-8: one bad byte must not turn every é into mojibake.
    text = "Le pont a été rouvert lundi après des années de travaux, à côté de la gare."
    path = tmp_path / "fr.txt"
    path.write_bytes(text.encode() + b" Caf\xe9.")
    (article,) = read_paths([str(path)])
    assert isinstance(article, RawArticle)
    assert article.text == f"{text} Caf\ufffd."
    (warning,) = article.warnings
    assert "is not valid UTF-8; undecodable bytes were replaced" in warning


@pytest.mark.parametrize(
    "content",
    [
        # UTF-8 once read as windows-1252 and saved again as UTF-8.
        SENTENCES["koi8_r"].encode("utf-8").decode("cp1252", errors="replace").encode("utf-8"),
        # A lossy conversion that left a replacement character for every letter.
        ("\ufffd" * 6 + " ") * 20,
    ],
    ids=["mojibake", "replacement-characters"],
)
def test_text_that_still_reads_as_garbage_is_rejected(tmp_path: Path, content: bytes | str) -> None:
    path = tmp_path / "garbled.txt"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    (rejection,) = read_paths([str(path)])
    assert isinstance(rejection, Rejection)
    assert "unreadable" in rejection.reason
    assert "original" in rejection.reason  # what to do
