"""Evaluate the asking-time check (curbside.triage) on labelled questions.

    .venv/bin/python bench/triage_eval.py [--data DIR]

Reads, under --data (by default the ``shared/data`` folder next to the
repository):

- ``redflags_dev/redflags.jsonl``: questions (title, body) labelled
  ``emergency``, ``urgent`` or ``routine``; routine rows whose note starts with
  ``hard negative (<kind>):`` look alarming to a keyword list but are not.
  Prints recall and precision for ``emergency``, the false-alarm rate (routine
  questions assessed as emergencies) overall, on the hard negatives and per
  hard-negative kind, the confusion matrix, and every missed emergency.
- ``pii_dev/pii.jsonl``: question bodies with personal-data spans. Prints
  span-level precision and recall per type (exact match of start, end and type;
  and overlap match of the same type), and row-level "any personal data?"
  precision and recall.

Speed: the time to assess a 10,000-character question for red flags, for
personal data, and both (the whole asking-time check), median and worst of 20
runs.

The last line is one summary of name=value pairs.
"""

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from curbside.triage import pii, redflags  # noqa: E402
from curbside.triage.check import check_question  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data"
LEVELS = redflags.LEVELS
HARD = re.compile(r"^hard negative \(([^)]+)\)")


def load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def eval_redflags(rows: list[dict]) -> dict:
    confusion = Counter()
    missed, alarms = [], []
    hard_total, hard_flagged = Counter(), Counter()
    for row in rows:
        predicted = redflags.assess(row["title"], row["body"]).level
        gold = row["label"]
        confusion[gold, predicted] += 1
        if gold == "emergency" and predicted != "emergency":
            missed.append((row, predicted))
        if gold != "emergency" and predicted == "emergency":
            alarms.append(row)
        kind = HARD.match(row.get("note", ""))
        if gold == "routine" and kind:
            hard_total[kind[1]] += 1
            hard_flagged[kind[1]] += predicted == "emergency"

    tp = confusion["emergency", "emergency"]
    gold_e = sum(confusion["emergency", p] for p in LEVELS)
    pred_e = sum(confusion[g, "emergency"] for g in LEVELS)
    routine = sum(confusion["routine", p] for p in LEVELS)
    print(f"red flags: {len(rows)} questions")
    print("confusion (rows: label, columns: assessed)")
    print(f"{'':>10} " + " ".join(f"{p:>9}" for p in LEVELS))
    for g in LEVELS:
        print(f"{g:>10} " + " ".join(f"{confusion[g, p]:>9}" for p in LEVELS))
    for level in LEVELS:
        t = confusion[level, level]
        g = sum(confusion[level, p] for p in LEVELS)
        p = sum(confusion[x, level] for x in LEVELS)
        print(
            f"{level:>10}: recall {ratio(t, g):.3f} precision {ratio(t, p):.3f}"
            f" ({t}/{g} found, {p} assessed)"
        )
    print("false alarms on hard negatives, by kind:")
    for kind in sorted(hard_total):
        print(f"  {kind:>24}: {hard_flagged[kind]}/{hard_total[kind]}")
    print(f"missed emergencies: {len(missed)}")
    for row, predicted in missed:
        print(
            f"  {row['id']} [{row.get('category', '')}] -> {predicted}: {row['title']}"
        )
    print(f"assessed emergency but not: {len(alarms)}")
    for row in alarms:
        print(f"  {row['id']} [{row['label']}] {row['title']}")
    return {
        "emergency_recall": ratio(tp, gold_e),
        "emergency_precision": ratio(tp, pred_e),
        "false_alarm": ratio(confusion["routine", "emergency"], routine),
        "hard_negative_false_alarm": ratio(
            sum(hard_flagged.values()), sum(hard_total.values())
        ),
    }


def eval_pii(rows: list[dict]) -> dict:
    tp, fp, fn = Counter(), Counter(), Counter()
    overlap_tp, overlap_pred = Counter(), Counter()
    row_tp = row_fp = row_fn = 0
    for row in rows:
        gold = {(s["start"], s["end"], s["type"]) for s in row["spans"]}
        pred = {(s.start, s.end, s.type) for s in pii.detect(row["body"])}
        for span in gold:
            (tp if span in pred else fn)[span[2]] += 1
        for span in pred - gold:
            fp[span[2]] += 1
        for s, e, t in pred:
            overlap_pred[t] += 1
            overlap_tp[t] += any(t == gt and s < ge and gs < e for gs, ge, gt in gold)
        if gold and pred:
            row_tp += 1
        elif pred:
            row_fp += 1
        elif gold:
            row_fn += 1
    print(
        f"personal data: {len(rows)} questions, {sum(tp.values()) + sum(fn.values())} spans"
    )
    print(f"{'type':>10} {'gold':>5} {'found':>6} {'recall':>7} {'precision':>9}")
    for kind in pii.TYPES:
        g = tp[kind] + fn[kind]
        p = tp[kind] + fp[kind]
        print(
            f"{kind:>10} {g:>5} {p:>6} {ratio(tp[kind], g):>7.3f}"
            f" {ratio(tp[kind], p):>9.3f}"
        )
    all_tp, all_fn, all_fp = sum(tp.values()), sum(fn.values()), sum(fp.values())
    recall = ratio(all_tp, all_tp + all_fn)
    precision = ratio(all_tp, all_tp + all_fp)
    print(
        f"{'all':>10} {all_tp + all_fn:>5} {all_tp + all_fp:>6} {recall:>7.3f} {precision:>9.3f}"
    )
    print(
        "overlap match: precision "
        f"{ratio(sum(overlap_tp.values()), sum(overlap_pred.values())):.3f}"
    )
    print(
        f"rows with personal data: recall {ratio(row_tp, row_tp + row_fn):.3f}"
        f" precision {ratio(row_tp, row_tp + row_fp):.3f}"
    )
    return {"pii_recall": recall, "pii_precision": precision}


SAMPLE = (
    "my chest hurts a bit when I run no fever I had a stroke in 2019 what are the "
    "signs of a heart attack my sister Anna lives at 12 Mill Lane call 020 7946 "
    "0991 denies shortness of breath this exam is killing me dose 50 mg BP 130/85"
)
WORDS = SAMPLE.split(" ")


def _timed(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def eval_speed(runs: int = 20) -> dict:
    rng = random.Random(7)
    text = ""
    while len(text) < 10_000:
        text += " ".join(rng.choice(WORDS) for _ in range(12)) + ". "
    text = text[:10_000]
    check_question("warm up", "the lexicons load once")
    result = {}
    for name, fn in (
        ("redflags_ms_10k", lambda: redflags.assess("A long question", text)),
        ("pii_ms_10k", lambda: pii.detect(text)),
        ("check_ms_10k", lambda: check_question("A long question", text)),
    ):
        times = _timed(fn, runs)
        median, worst = statistics.median(times), max(times)
        print(
            f"speed: {name.removesuffix('_ms_10k')} on a 10,000-character question: "
            f"{median:.1f} ms median, {worst:.1f} ms worst"
        )
        result[name] = median
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    rf_path = args.data / "redflags_dev" / "redflags.jsonl"
    pii_path = args.data / "pii_dev" / "pii.jsonl"
    for path in (rf_path, pii_path):
        if not path.is_file():
            print(
                f"error: {path} not found (point --data at the folder that holds "
                "redflags_dev/ and pii_dev/)",
                file=sys.stderr,
            )
            return 2
    try:
        rf_rows, pii_rows = load(rf_path), load(pii_path)
    except (OSError, ValueError) as exc:
        print(f"error: cannot read the data: {exc}", file=sys.stderr)
        return 2
    summary = {}
    summary.update(eval_redflags(rf_rows))
    print()
    summary.update(eval_pii(pii_rows))
    print()
    summary.update(eval_speed())
    print(
        " ".join(
            f"{k}={v:.1f}" if k.endswith("_ms_10k") else f"{k}={v:.3f}"
            for k, v in summary.items()
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
