"""How fast the sentence model embeds, by threads and batch size.

    .venv/bin/python bench/embed_speed.py [--runs 9] [--batch-sizes 4,8,16,32]

Two sets of texts: the sentences of the consensus speed test's thread (its
question and 10 answers of about 150 words: about 110 short sentences, as a
worker embeds them for one consensus) and "questions" of about 85 word pieces
(five of those sentences together, a title with a paragraph of details, as the
indexer embeds them). Each is embedded by ``MiniLMEmbedder`` with 1 thread and
with 2 (whole batches side by side, each on one thread) for each batch size;
the table gives the median milliseconds of ``--runs`` runs after one unmeasured
run, and texts per second. Loading the model is not counted.

The last line is one summary of name=value pairs: ``sentences_t2_b8_ms`` and so
on, and ``shipped_batch_size``.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from consensus_eval import synthetic_thread  # noqa: E402

from curbside.consensus.text import sentence_spans  # noqa: E402
from curbside.core import embedding  # noqa: E402


def _texts() -> dict[str, list[str]]:
    question, answers = synthetic_thread(1)
    sentences = [question] + [
        answer.text[span.start : span.end]
        for answer in answers
        for span in sentence_spans(answer.text)
    ]
    questions = [" ".join(sentences[i : i + 5]) for i in range(1, len(sentences) - 5)]
    return {"sentences": sentences, "questions": questions}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--batch-sizes", default="4,8,16,32")
    args = parser.parse_args(argv)
    try:
        sizes = [int(x) for x in args.batch_sizes.split(",")]
    except ValueError:
        parser.error("--batch-sizes takes whole numbers separated by commas")
    if args.runs < 1 or not sizes or min(sizes) < 1:
        parser.error("--runs and every batch size must be 1 or more")

    shipped = embedding.BATCH_SIZE
    model = embedding.MiniLMEmbedder(threads=1)
    sets = _texts()
    summary: dict[str, float] = {}
    print("| texts | n | word pieces | threads | batch | median ms | texts/s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    try:
        for name, texts in sets.items():
            pieces = sum(len(e.ids) for e in model._tokenizer.encode_batch(texts))
            for threads in (1, 2):
                embedder = model.with_threads(threads)
                for size in sizes:
                    embedding.BATCH_SIZE = size
                    embedder.embed(texts)
                    timings = []
                    for _ in range(args.runs):
                        started = time.perf_counter()
                        embedder.embed(texts)
                        timings.append((time.perf_counter() - started) * 1000)
                    ms = statistics.median(timings)
                    summary[f"{name}_t{threads}_b{size}_ms"] = ms
                    print(f"| {name} | {len(texts)} | {pieces} | {threads} | {size} "
                          f"| {ms:.0f} | {len(texts) / ms * 1000:.0f} |")  # fmt: skip
    finally:
        embedding.BATCH_SIZE = shipped
    print(" ".join(f"{k}={v:.1f}" for k, v in summary.items())
          + f" shipped_batch_size={shipped}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
