"""An optional rewording of the points is kept only when every sentence of it is
backed by the physicians' sentences; otherwise the box shows their own words."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from curbside.consensus.extractive import AnswerText, compute
from curbside.consensus.phrasing import OpenAICompatiblePhraser, phrase, supported
from curbside.consensus.selectors import consensus_for
from curbside.consensus.services import consensus_refresh
from tests import factories

ANSWERS = [
    AnswerText(1, "Dr Adams", "Ice the knee for twenty minutes three times a day."),
    AnswerText(2, "Dr Brown", "Put ice on the knee for twenty minutes, often."),
]
SUPPORT = ["Ice the knee for twenty minutes three times a day."]


class FakePhraser:
    def __init__(self, text):
        self.text, self.calls = text, []

    def rephrase(self, sentences):
        self.calls.append(list(sentences))
        return self.text


def test_it_accepts_a_rewording_made_of_the_physicians_words():
    assert supported("Ice the knee twenty minutes, three times a day.", SUPPORT)


@pytest.mark.parametrize(
    "rewrite",
    [
        "Ice the knee and take ibuprofen.",  # a word no physician wrote
        "Ice the knee for thirty minutes 4 times a day.",  # a number they did not
        "Do not ice the knee.",  # a negation they did not make
        "",
    ],
)
def test_it_rejects_a_rewording_the_sentences_do_not_back(rewrite):
    assert not supported(rewrite, SUPPORT)


def test_a_backed_rewording_is_added_and_the_extract_kept():
    consensus = compute("Should I ice my knee?", ANSWERS)
    phraser = FakePhraser("Ice the knee for twenty minutes.")

    phrased = phrase(consensus, phraser)

    shared = phrased.of_kind("shared")[0]
    assert shared.phrasing == "Ice the knee for twenty minutes."
    assert shared.statement == consensus.of_kind("shared")[0].statement
    assert len(phraser.calls[0]) == 2


def test_an_unbacked_rewording_is_dropped():
    consensus = compute("Should I ice my knee?", ANSWERS)

    phrased = phrase(consensus, FakePhraser("Ice and surgery help."))

    assert all(p.phrasing == "" for p in phrased.points)


def test_it_is_off_by_default_and_used_when_configured(settings, question, monkeypatch):
    for body in ("Ice the knee for twenty minutes.", "Ice the knee, twenty minutes."):
        factories.AnswerFactory(question=question, body=body)
    consensus_refresh(question_id=question.pk)
    assert all(p.phrasing == "" for p in consensus_for(question).points)

    settings.CONSENSUS_PHRASING_URL = "http://127.0.0.1:9/v1"
    fake = FakePhraser("Ice the knee for twenty minutes.")
    monkeypatch.setattr(
        "curbside.consensus.services.OpenAICompatiblePhraser", lambda **kw: fake
    )
    consensus_refresh(question_id=question.pk, force=True)

    assert consensus_for(question).of_kind("shared")[0].phrasing == (
        "Ice the knee for twenty minutes."
    )


def test_the_client_speaks_chat_completions_to_a_local_server():
    seen = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers["Content-Length"])
            seen["path"] = self.path
            seen["body"] = json.loads(self.rfile.read(length))
            seen["auth"] = self.headers.get("Authorization")
            reply = {"choices": [{"message": {"content": " Ice the knee. "}}]}
            data = json.dumps(reply).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.handle_request, daemon=True)
    thread.start()
    try:
        phraser = OpenAICompatiblePhraser(
            url=f"http://127.0.0.1:{server.server_port}/v1", model="m", api_key="k",
            timeout=5,
        )  # fmt: skip
        assert phraser.rephrase(["Ice the knee."]) == "Ice the knee."
    finally:
        thread.join(5)
        server.server_close()
    assert seen["path"] == "/v1/chat/completions"
    assert seen["body"]["model"] == "m"
    assert seen["auth"] == "Bearer k"


def test_a_failing_endpoint_keeps_the_extract():
    consensus = compute("Should I ice my knee?", ANSWERS)
    phraser = OpenAICompatiblePhraser(url="http://127.0.0.1:9/v1", model="m", timeout=1)

    assert phrase(consensus, phraser) == consensus
