"""Evaluate the extractive consensus as a multi-answer summary (MEDIQA 2021 MAS).

    .venv/bin/python bench/consensus_eval.py [--data DIR] [--seed 1] [--threads N]

Reads ``mediqa2021_mas/mas_validation_joined.jsonl`` under --data (by default the
``shared/data`` folder next to the repository): consumer questions, each with
several answers and an expert extractive and abstractive summary over all of them.

For each question the consensus is computed from its answers (each answer stands
for one physician), and its statements, in rank order, make an extractive summary
of whole sentences up to the word count of the extractive reference. It is scored
with ROUGE-1/2/L F1 (rouge-score, Porter stemming) against both references. The
consensus runs twice: with the sentence-embedding model ("consensus", as a worker
computes it) and with the lexical similarity alone ("lexical", as when tasks run
inline). Side by side, three baselines under the same word budget:

- LEAD-k: each answer's first sentence, then each one's second, and so on;
- random-k: sentences drawn at random (fixed seed);
- oracle: greedy selection of the sentences that most raise ROUGE-2 against the
  extractive reference (an upper bound for any sentence extractor).

Faithfulness is the share of consensus statements (both runs) that are an exact
span of a supporting answer. Speed is the median time to compute one consensus for
a synthetic question with 10 answers of about 150 words each, with the model (its
loading excluded, its inference on --threads threads included) and without; with
the model also as a worker meets it: when the tenth answer is posted (the sentences
of the other nine already in its cache) and on a recomputation after a stance
(every sentence cached).

The last line is one summary of name=value pairs.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from rouge_score import rouge_scorer  # noqa: E402

from curbside.consensus.extractive import (  # noqa: E402
    AnswerText,
    EmbeddingSimilarity,
    compute,
)
from curbside.consensus.text import sentence_spans  # noqa: E402
from curbside.core.embedding import CachedEmbedder, MiniLMEmbedder  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data"
DATASET = Path("mediqa2021_mas") / "mas_validation_joined.jsonl"
METRICS = ("rouge1", "rouge2", "rougeL")
SPEED_RUNS = 30


def _load(data_dir: Path) -> list[dict]:
    path = data_dir / DATASET
    if not path.exists():
        sys.exit(f"The data set is not there: {path} (give its folder with --data).")
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _n_words(text: str) -> int:
    return len(text.split())


def _budgeted(sentences: list[str], budget: int) -> str:
    """Whole sentences in the given order while they fit in the budget; one that
    does not fit is passed over for the next."""
    chosen, used = [], 0
    for sentence in sentences:
        n = _n_words(sentence)
        if used + n <= budget:
            chosen.append(sentence)
            used += n
    return " ".join(chosen)


def _lead(answers: list[AnswerText]) -> list[str]:
    """Each answer's first sentence, then each one's second, and so on."""
    per_answer = [
        [a.text[s.start : s.end] for s in sentence_spans(a.text)] for a in answers
    ]
    longest = max(map(len, per_answer), default=0)
    return [p[k] for k in range(longest) for p in per_answer if k < len(p)]


def _answer_sentences(answers: list[AnswerText]) -> list[str]:
    return [
        a.text[s.start : s.end] for a in answers for s in sentence_spans(a.text)
    ]  # fmt: skip


def _bigrams(tokens: list[str]) -> Counter:
    return Counter(zip(tokens, tokens[1:], strict=False))


def _r2(ref: Counter, ref_total: int, got: Counter) -> float:
    total = sum(got.values())
    hits = sum((ref & got).values())
    if not hits:
        return 0.0
    precision, recall = hits / total, hits / ref_total
    return 2 * precision * recall / (precision + recall)


def _oracle(sentences: list[str], reference: str, budget: int, scorer) -> str:
    """Greedy: add the sentence that most raises ROUGE-2 F1 (counted on the
    scorer's own tokens) while the budget lasts and the score rises."""
    tokenize = scorer._tokenizer.tokenize
    ref = _bigrams(tokenize(reference))
    ref_total = sum(ref.values()) or 1
    remaining = {s: tokenize(s) for s in dict.fromkeys(sentences)}
    chosen: list[str] = []
    tokens: list[str] = []
    best = 0.0
    while True:
        room = budget - sum(map(_n_words, chosen))
        fitting = [s for s in remaining if _n_words(s) <= room]
        if not fitting:
            break
        score, sentence = max(
            (_r2(ref, ref_total, _bigrams(tokens + remaining[s])), s) for s in fitting
        )
        if score <= best:
            break
        best = score
        chosen.append(sentence)
        tokens += remaining.pop(sentence)
    return " ".join(chosen)


def _faithful(consensus, answers: list[AnswerText]) -> tuple[int, int]:
    texts = {a.answer_id: a.text for a in answers}
    ok = total = 0
    for point in consensus.ranked():
        total += 1
        ok += any(
            s.start is not None
            and texts[s.answer_id][s.start : s.end] == point.statement
            for s in point.support
        )
    return ok, total


def _words_of(text: str) -> list[str]:
    return text.split()


class _DictCache(dict):
    """Django's cache API, enough for ``CachedEmbedder``, in a dict."""

    def get_many(self, keys):
        return {k: self[k] for k in keys if k in self}

    def set_many(self, values, timeout=None):
        self.update(values)


def synthetic_thread(seed: int) -> tuple[str, list[AnswerText]]:
    """A question with 10 answers of about 150 words from a medical-ish
    vocabulary (the same for the same seed): the speed test's thread."""
    rng = random.Random(seed)
    vocab = _words_of(
        "pain swelling vein injection doctor treatment dose week month rest ice "
        "surgery risk infection fever blood pressure heart skin rash cream tablet "
        "follow test scan result symptom knee back hand sleep diet exercise weight "
        "usually often may should will not no the a of and to in with for after"
    )

    def sentence() -> str:
        words = [rng.choice(vocab) for _ in range(rng.randint(8, 22))]
        return " ".join(words).capitalize() + "."

    answers = []
    for i in range(10):
        body, count = [], 0
        while count < 150:
            body.append(sentence())
            count += _n_words(body[-1])
        answers.append(AnswerText(i + 1, f"Physician {i + 1}", " ".join(body)))
    question = "Should I " + " ".join(rng.choice(vocab) for _ in range(12)) + "?"
    return question, answers


def _speed(seed: int, embedder=None, *, warm: bool = False, new: bool = False) -> float:
    """Median milliseconds to compute the consensus of ``synthetic_thread(seed)``;
    with the embedder when given.
    ``warm``: through the worker's sentence cache, filled by a first run (a
    recomputation after a stance, when no sentence changed). ``new``: through
    the cache filled with the question and the first nine answers, as when the
    tenth answer is posted (each run starts from a copy of that cache)."""
    question, answers = synthetic_thread(seed)
    model, cache = embedder, _DictCache()
    if warm or new:
        primed = answers if warm else answers[:-1]
        compute(question, primed,
                similarity=EmbeddingSimilarity(CachedEmbedder(model, cache)))  # fmt: skip
    timings = []
    for _ in range(SPEED_RUNS):
        if warm or new:
            embedder = CachedEmbedder(model, _DictCache(cache) if new else cache)
        similarity = EmbeddingSimilarity(embedder) if embedder else None
        started = time.perf_counter()
        compute(question, answers, similarity=similarity)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--threads", type=int, default=os.cpu_count() or 1,
        help="threads for the embedding model (default: every core, as the "
        "worker's WORKER_EMBED_THREADS)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.threads < 1:
        parser.error("--threads must be 1 or more")
    embedder = MiniLMEmbedder(threads=args.threads)
    embedder.embed(["Loading the model is not timed."])

    rows = _load(args.data)
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    rng = random.Random(args.seed)
    systems = ("consensus", "lexical", "lead", "random", "oracle")
    scores = {
        (s, ref, m): [] for s in systems for ref in ("ext", "abs") for m in METRICS
    }
    faithful_ok = faithful_total = 0
    compute_ms = []
    for row in rows:
        answers = [
            AnswerText(i + 1, f"Answer {i + 1}", a["text"])
            for i, a in enumerate(row["answers"])
        ]
        started = time.perf_counter()
        consensus = compute(
            row["short_question"], answers, similarity=EmbeddingSimilarity(embedder)
        )
        compute_ms.append((time.perf_counter() - started) * 1000)
        lexical = compute(row["short_question"], answers)
        for result in (consensus, lexical):
            ok, total = _faithful(result, answers)
            faithful_ok, faithful_total = faithful_ok + ok, faithful_total + total

        ext, abs_ = row["extractive_summary"], row["abstractive_summary"]
        budget = _n_words(ext)
        sentences = _answer_sentences(answers)
        shuffled = sentences[:]
        rng.shuffle(shuffled)
        summaries = {
            "consensus": _budgeted([p.statement for p in consensus.ranked()], budget),
            "lexical": _budgeted([p.statement for p in lexical.ranked()], budget),
            "lead": _budgeted(_lead(answers), budget),
            "random": _budgeted(shuffled, budget),
            "oracle": _oracle(sentences, ext, budget, scorer),
        }
        for name, summary in summaries.items():
            for ref_name, ref in (("ext", ext), ("abs", abs_)):
                result = scorer.score(ref, summary)
                for m in METRICS:
                    scores[(name, ref_name, m)].append(result[m].fmeasure)

    mean = {k: statistics.fmean(v) for k, v in scores.items()}
    print(f"MEDIQA 2021 MAS validation: {len(rows)} questions, "
          f"{sum(len(r['answers']) for r in rows)} answers; ROUGE F1")  # fmt: skip
    header = f"{'system':<10}" + "".join(
        f"{ref + ' ' + m.replace('rouge', 'R'):>10}"
        for ref in ("ext", "abs")
        for m in METRICS
    )
    print(header)
    print("-" * len(header))
    for name in systems:
        cells = "".join(
            f"{mean[(name, ref, m)]:>10.3f}" for ref in ("ext", "abs") for m in METRICS
        )
        print(f"{name:<10}{cells}")
    faithful = faithful_ok / faithful_total if faithful_total else 1.0
    speed = _speed(args.seed, embedder)
    warm_speed = _speed(args.seed, embedder, warm=True)
    new_speed = _speed(args.seed, embedder, new=True)
    lexical_speed = _speed(args.seed)
    print(f"faithful statements: {faithful_ok}/{faithful_total}")
    print(f"compute per MEDIQA question, with the model: median "
          f"{statistics.median(compute_ms):.1f} ms")  # fmt: skip
    print(f"compute for 10 answers x ~150 words: median {speed:.1f} ms with the "
          f"model ({args.threads} thread(s)), {new_speed:.1f} ms when the tenth answer "
          f"arrives (the other nine's sentences cached), {warm_speed:.1f} ms with all "
          f"sentences cached (a recomputation), {lexical_speed:.1f} ms without")  # fmt: skip
    summary = {
        "consensus_r2": mean[("consensus", "ext", "rouge2")],
        "lexical_r2": mean[("lexical", "ext", "rouge2")],
        "lead_r2": mean[("lead", "ext", "rouge2")],
        "random_r2": mean[("random", "ext", "rouge2")],
        "oracle_r2": mean[("oracle", "ext", "rouge2")],
        "consensus_r1": mean[("consensus", "ext", "rouge1")],
        "consensus_rl": mean[("consensus", "ext", "rougeL")],
        "consensus_abs_r2": mean[("consensus", "abs", "rouge2")],
        "faithful": faithful,
        "speed_10x150_ms": speed,
        "new_answer_speed_10x150_ms": new_speed,
        "warm_speed_10x150_ms": warm_speed,
        "lexical_speed_10x150_ms": lexical_speed,
    }
    print(" ".join(f"{k}={v:.3f}" for k, v in summary.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
