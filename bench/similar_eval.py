"""Evaluate similar-question ranking: words, meaning, and the fusion the site ships.

    .venv/bin/python bench/similar_eval.py [--data DIR] [--no-cache]

Reads, under --data (by default the ``shared/data`` folder next to the
repository):

- ``curai_mqp/mqp_shared.csv`` (no header: dr_id, question_1, question_2,
  label). Every original question (question_1) has a same-meaning rewrite
  (label 1) and a different-meaning rewrite (label 0). The pool is every distinct
  text of the file (originals and both rewrites). Each same-meaning rewrite is a
  query (the query's own text is left out of the pool); the answer is its
  original. Recall@1, Recall@5 and MRR@10 for three rankings:

  * lexical: an in-memory SQLite FTS5 table (the site's tokenizer; the text in
    the title column) ranked by ``bm25(t, 4.0, 1.5, 1.0)`` with the site's own
    ``query_terms`` and match expression;
  * vectors: the MiniLM embedder, exact cosine over the whole pool;
  * hybrid: what the site ships — lexical top-100 and vector top-100, then
    ``ranking.merge`` and ``ranking.fuse(candidates, query=...)``.

  Pair ROC-AUC: each (question_1, question_2) row scored by bm25 (question_2's
  score for the query question_1 in the same index; 0 when no word matches), by
  cosine, and by the hybrid score (``fuse`` on that one candidate), label 1
  against label 0.

- ``mediqa2019_rqe/``: question entailment pairs (<chq>, <faq>,
  value=true|false). Each pair is scored like a one-candidate search (cosine,
  and bm25 against an FTS5 index of all texts of the same file); the threshold
  that maximises accuracy on the training set is applied to the validation set
  (labels from the ground-truth file, checked against the XML). Nothing is tuned
  on validation labels.

Rows marked +A search with the query vector mapped by the query adapter
(``bench/query_adapter.py``). The adapter was trained on these Curai
questions, so its Curai rows here are in-sample (not a quality figure); the
cross-validated ones come from ``bench/train_similarity.py --adapter``
(held-out hybrid+A Recall@1 0.862, MRR@10 0.913; vectors+A 0.859 / 0.909). Its
RQE rows are unseen data.

Ties: text ids are a fixed seeded random permutation (seed 13) of the distinct
texts; every ranking breaks score ties by the larger id first, as the site
breaks them by question id. Embeddings are cached under the system temp folder,
keyed by the model id and a hash of the texts (--no-cache embeds from scratch).

Speed: median and worst time of ``fuse`` for 200 candidates (100 each side).

The last line is one summary of name=value pairs.
"""

import argparse
import csv
import hashlib
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from query_adapter import ADAPTER_PATH, adapt_query  # noqa: E402

from curbside.core.embedding import MiniLMEmbedder  # noqa: E402
from curbside.search import ranking  # noqa: E402
from curbside.search.lexical import SqliteLexical, query_terms  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data"
TOP = 100
TIE_SEED = 13
CACHE_DIR = Path(tempfile.gettempdir()) / "curbside-similar-eval"


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- data --------------------------------------------------------------------------


def load_mqp(path: Path) -> list[tuple[str, str, int]]:
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            if row:
                rows.append((row[1].strip(), row[2].strip(), int(row[3])))
    return rows


def load_rqe(path: Path) -> list[tuple[str, str, int, str]]:
    """(chq, faq, label, pid) per pair."""
    root = ET.parse(path).getroot()
    out = []
    for pair in root.iter("pair"):
        chq = " ".join((pair.findtext("chq") or "").split())
        faq = " ".join((pair.findtext("faq") or "").split())
        out.append((chq, faq, int(pair.get("value") == "true"), pair.get("pid")))
    return out


def load_truth(path: Path) -> dict[str, int]:
    truth = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.strip().split(",")
            if len(parts) == 2 and parts[1] in ("0", "1"):
                truth[parts[0]] = int(parts[1])
    return truth


# -- scoring engines ---------------------------------------------------------------


class Embeddings:
    def __init__(self, use_cache: bool) -> None:
        self.use_cache = use_cache
        self._model = None

    def __call__(self, texts: list[str], label: str) -> np.ndarray:
        digest = hashlib.sha256("\x00".join(texts).encode()).hexdigest()[:24]
        path = CACHE_DIR / f"{MiniLMEmbedder.model_id}-{digest}.npy"
        if self.use_cache and path.is_file():
            progress(f"{label}: {len(texts)} embeddings from cache {path}")
            return np.load(path)
        if self._model is None:
            self._model = MiniLMEmbedder(threads=2)
        out = np.zeros((len(texts), self._model.dim), dtype=np.float32)
        started = time.perf_counter()
        step = 256
        for start in range(0, len(texts), step):
            out[start : start + step] = self._model.embed(texts[start : start + step])
            done = min(start + step, len(texts))
            rate = done / max(time.perf_counter() - started, 1e-9)
            progress(f"{label}: embedded {done}/{len(texts)} ({rate:.0f}/s)")
        if self.use_cache:
            CACHE_DIR.mkdir(parents=True, exist_ok=True)
            np.save(path, out)
        return out


class Lexical:
    """The site's SQLite FTS5 ranking over ``texts`` (row id = the text's id)."""

    def __init__(self, texts: list[str], ids: list[int]) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute(
            "CREATE VIRTUAL TABLE t USING fts5(title, body, answers, "
            "tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        self.db.executemany(
            "INSERT INTO t (rowid, title, body, answers) VALUES (?, ?, '', '')",
            zip(ids, texts, strict=True),
        )

    def search(self, query: str, limit: int) -> list[tuple[int, float]]:
        terms = query_terms(query)
        if not terms:
            return []
        rows = self.db.execute(
            "SELECT rowid, bm25(t, 4.0, 1.5, 1.0) FROM t WHERE t MATCH ? "
            "ORDER BY bm25(t, 4.0, 1.5, 1.0), rowid DESC LIMIT ?",
            [SqliteLexical._match(terms), limit],
        ).fetchall()
        return [(pk, -score) for pk, score in rows]

    def score(self, query: str, pk: int) -> float:
        """bm25 of one row for the query (0 when no word matches)."""
        terms = query_terms(query)
        if not terms:
            return 0.0
        row = self.db.execute(
            "SELECT bm25(t, 4.0, 1.5, 1.0) FROM t WHERE t MATCH ? AND rowid = ?",
            [SqliteLexical._match(terms), pk],
        ).fetchone()
        return -row[0] if row else 0.0


def vector_top(
    sims: np.ndarray, ids: np.ndarray, exclude: int, limit: int
) -> list[tuple[int, float]]:
    """Best ``limit`` by cosine (ties: larger id first), without ``exclude``."""
    sims = sims.copy()
    sims[exclude] = -np.inf
    part = np.argpartition(-sims, limit)[: limit + 1]
    order = sorted(part, key=lambda i: (-sims[i], -ids[i]))[:limit]
    return [(int(ids[i]), float(sims[i])) for i in order]


# -- metrics -----------------------------------------------------------------------


def rank_metrics(ranks: list[int | None]) -> dict[str, float]:
    """ranks are 1-based, None = not found in the list."""
    n = len(ranks)
    return {
        "r1": sum(1 for r in ranks if r == 1) / n,
        "r5": sum(1 for r in ranks if r is not None and r <= 5) / n,
        "mrr10": sum(1.0 / r for r in ranks if r is not None and r <= 10) / n,
    }


def roc_auc(scores: list[float], labels: list[int]) -> float:
    """Probability that a positive outscores a negative (ties count half)."""
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(labels)
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s))
    sorted_s = s[order]
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and sorted_s[j + 1] == sorted_s[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    pos = int(y.sum())
    neg = len(y) - pos
    return float((ranks[y == 1].sum() - pos * (pos + 1) / 2) / (pos * neg))


def best_threshold(scores: list[float], labels: list[int]) -> tuple[float, float]:
    """The threshold (score >= t means 'same') with the best accuracy."""
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(labels)
    order = np.argsort(-s, kind="mergesort")
    s, y = s[order], y[order]
    # Predict positive for the first k: correct = positives in the first k +
    # negatives after it.
    tp = np.concatenate([[0], np.cumsum(y)])
    neg_after = (len(y) - y.sum()) - np.concatenate([[0], np.cumsum(1 - y)])
    acc = (tp + neg_after) / len(y)
    # Only cut between distinct scores.
    valid = np.ones(len(y) + 1, dtype=bool)
    valid[1:-1] = s[:-1] != s[1:]
    k = int(np.argmax(np.where(valid, acc, -1)))
    if k == 0:
        t = s[0] + 1e-6
    elif k == len(y):
        t = s[-1] - 1e-6
    else:
        t = (s[k - 1] + s[k]) / 2
    return float(t), float(acc[k])


def accuracy(scores: list[float], labels: list[int], threshold: float) -> float:
    return float(
        np.mean(
            [(s >= threshold) == bool(y) for s, y in zip(scores, labels, strict=True)]
        )
    )


# -- hybrid ------------------------------------------------------------------------


def hybrid(
    query: str,
    lexical: list[tuple[int, float]],
    vector: list[tuple[int, float]],
    text_of: dict[int, str],
    crowding_of: dict[int, float],
) -> list[ranking.Candidate]:
    candidates = ranking.merge(lexical, vector)
    for c in candidates:
        c.text = text_of[c.question_id]
        c.crowding = crowding_of[c.question_id]
    return ranking.fuse(candidates, query=query)


def pool_crowding(vectors: np.ndarray, ids: np.ndarray) -> dict[int, float]:
    """As the site's index build does: each text's mean cosine to its
    ``CROWDING_K`` nearest other texts of the pool (exact here)."""
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -np.inf)
    top = -np.sort(-sims, axis=1)[:, : ranking.CROWDING_K]
    return {int(pk): float(v) for pk, v in zip(ids, top.mean(axis=1), strict=True)}


def pair_score(query: str, text: str, bm25: float, cosine: float) -> float:
    """The hybrid score of one candidate: the search that found only it."""
    candidate = ranking.Candidate(
        0, lexical_rank=0 if bm25 > 0 else None, lexical_score=bm25 if bm25 > 0 else None,
        vector_rank=0, vector_score=cosine, text=text,
    )  # fmt: skip
    return ranking.fuse([candidate], query=query)[0].score


# -- the two evaluations -----------------------------------------------------------


def eval_mqp(path: Path, embed: Embeddings) -> dict[str, float]:
    rows = load_mqp(path)
    texts = list(dict.fromkeys(t for q1, q2, _ in rows for t in (q1, q2)))
    index = {t: i for i, t in enumerate(texts)}
    perm = list(range(len(texts)))
    random.Random(TIE_SEED).shuffle(perm)
    ids = np.asarray(perm)  # ids[i] = the id of texts[i]
    pos_of_id = {int(pk): i for i, pk in enumerate(ids)}
    text_of = {int(ids[i]): t for i, t in enumerate(texts)}
    queries = [(q2, q1) for q1, q2, label in rows if label == 1]
    progress(
        f"curai: {len(rows)} rows, {len(texts)} distinct texts, {len(queries)} queries"
    )

    vectors = embed(texts, "curai")
    lexical = Lexical(texts, [int(x) for x in ids])
    crowding_of = pool_crowding(vectors, ids)

    ranks = {
        "lexical": [],
        "vectors": [],
        "hybrid": [],
        "vectors+A": [],
        "hybrid+A": [],
    }
    started = time.perf_counter()
    for n, (query, original) in enumerate(queries, 1):
        qi, target = index[query], int(ids[index[original]])
        lex = [
            (pk, s) for pk, s in lexical.search(query, TOP + 1) if pos_of_id[pk] != qi
        ]
        lex = lex[:TOP]
        vec = vector_top(vectors @ vectors[qi], ids, qi, TOP)
        fused = hybrid(query, lex, vec, text_of, crowding_of)
        adapted = adapt_query(vectors[qi], MiniLMEmbedder.model_id)
        vec_a = vector_top(vectors @ adapted, ids, qi, TOP)
        fused_a = hybrid(query, lex, vec_a, text_of, crowding_of)
        for name, order in (
            ("lexical", [pk for pk, _ in lex]),
            ("vectors", [pk for pk, _ in vec]),
            ("hybrid", [c.question_id for c in fused]),
            ("vectors+A", [pk for pk, _ in vec_a]),
            ("hybrid+A", [c.question_id for c in fused_a]),
        ):
            ranks[name].append(order.index(target) + 1 if target in order else None)
        if n % 200 == 0:
            progress(
                f"curai: ranked {n}/{len(queries)} ({time.perf_counter() - started:.0f}s)"
            )
    out = {
        f"{name}_{k}": v
        for name, r in ranks.items()
        for k, v in rank_metrics(r).items()
    }

    labels, lex_s, vec_s, hyb_s, vec_a_s, hyb_a_s = [], [], [], [], [], []
    for q1, q2, label in rows:
        bm25 = lexical.score(q1, int(ids[index[q2]]))
        cosine = float(vectors[index[q1]] @ vectors[index[q2]])
        adapted = adapt_query(vectors[index[q1]], MiniLMEmbedder.model_id)
        cosine_a = float(adapted @ vectors[index[q2]])
        labels.append(label)
        lex_s.append(bm25)
        vec_s.append(cosine)
        hyb_s.append(pair_score(q1, q2, bm25, cosine))
        vec_a_s.append(cosine_a)
        hyb_a_s.append(pair_score(q1, q2, bm25, cosine_a))
    out["lexical_auc"] = roc_auc(lex_s, labels)
    out["vector_auc"] = roc_auc(vec_s, labels)
    out["auc"] = roc_auc(hyb_s, labels)
    out["vectors+A_auc"] = roc_auc(vec_a_s, labels)
    out["hybrid+A_auc"] = roc_auc(hyb_a_s, labels)
    # The label-1 rewrite scores above the label-0 one for the same original.
    pairs = list(zip(hyb_s[0::2], hyb_s[1::2], labels[0::2], strict=True))
    out["pair_order"] = float(
        np.mean([(a > b) if la == 1 else (b > a) for a, b, la in pairs])
    )
    out["queries"] = len(queries)
    out["pool"] = len(texts)
    return out


def rqe_scores(pairs, embed: Embeddings, label: str):
    texts = list(dict.fromkeys(t for chq, faq, _, _ in pairs for t in (chq, faq)))
    index = {t: i for i, t in enumerate(texts)}
    vectors = embed(texts, label)
    lexical = Lexical(texts, list(range(len(texts))))
    scores = {"vector": [], "hybrid": [], "vector+A": [], "hybrid+A": []}
    for n, (chq, faq, _, _) in enumerate(pairs, 1):
        cosine = float(vectors[index[chq]] @ vectors[index[faq]])
        adapted = adapt_query(vectors[index[chq]], MiniLMEmbedder.model_id)
        cosine_a = float(adapted @ vectors[index[faq]])
        bm25 = lexical.score(chq, index[faq])
        scores["vector"].append(cosine)
        scores["hybrid"].append(pair_score(chq, faq, bm25, cosine))
        scores["vector+A"].append(cosine_a)
        scores["hybrid+A"].append(pair_score(chq, faq, bm25, cosine_a))
        if n % 2000 == 0:
            progress(f"{label}: scored {n}/{len(pairs)}")
    return scores


def eval_rqe(folder: Path, embed: Embeddings) -> dict[str, float]:
    train = load_rqe(folder / "MEDIQA2019-Task2-RQE-TrainingSet-AMIA2016.xml")
    valid = load_rqe(folder / "MEDIQA2019-Task2-RQE-ValidationSet-AMIA2016.xml")
    truth = load_truth(folder / "RQE_validationSet_ground_truth.txt")
    mismatched = sum(1 for *_, y, pid in valid if pid in truth and truth[pid] != y)
    if mismatched:
        progress(
            f"rqe: {mismatched} validation labels differ between XML and ground truth; using ground truth"
        )
    valid = [(c, f, truth.get(pid, y), pid) for c, f, y, pid in valid]
    train_s = rqe_scores(train, embed, "rqe train")
    valid_s = rqe_scores(valid, embed, "rqe validation")
    train_y = [p[2] for p in train]
    valid_y = [p[2] for p in valid]
    out = {"rqe_train": len(train), "rqe_valid": len(valid)}
    for name in train_s:
        tr, va = train_s[name], valid_s[name]
        t, train_acc = best_threshold(tr, train_y)
        out[f"{name}_rqe_threshold"] = t
        out[f"{name}_rqe_train_acc"] = train_acc
        out[f"{name}_rqe_acc"] = accuracy(va, valid_y, t)
        out[f"{name}_rqe_valid_auc"] = roc_auc(va, valid_y)
    out["rqe_acc"] = out["hybrid_rqe_acc"]
    return out


def fuse_latency(runs: int = 50) -> tuple[float, float]:
    rng = random.Random(7)
    words = ["pain", "fever", "rash", "child", "dose", "headache", "chest", "cough", "pregnant", "blood", "pressure", "sugar", "diabetes", "infection", "ear", "throat", "stomach", "back", "knee", "sleep", "anxiety", "treatment", "cause", "after", "weeks", "months"]  # fmt: skip

    def sentence(n: int) -> str:
        return " ".join(rng.choice(words) for _ in range(n)) + "?"

    query = sentence(12)
    timings = []
    for _ in range(runs):
        lex = [(i, 20.0 - i * 0.1) for i in range(100)]
        vec = [(i + 50, 0.9 - i * 0.003) for i in range(100)]
        candidates = ranking.merge(lex, vec)
        extra = [
            ranking.Candidate(1000 + i, vector_rank=i, vector_score=0.5)
            for i in range(200 - len(candidates))
        ]
        candidates += extra
        for c in candidates:
            c.text = sentence(rng.randint(8, 40))
        started = time.perf_counter()
        ranking.fuse(candidates, query=query)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), max(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--no-cache", action="store_true")
    args = parser.parse_args()
    data = args.data if args.data.is_absolute() else (ROOT / args.data)
    embed = Embeddings(use_cache=not args.no_cache)

    mqp = eval_mqp(data / "curai_mqp" / "mqp_shared.csv", embed)
    rqe = eval_rqe(data / "mediqa2019_rqe", embed)
    median_ms, worst_ms = fuse_latency()

    print("Similar questions — Curai medical question pairs")
    print(f"  {mqp['queries']} queries (same-meaning rewrites), pool of {mqp['pool']} "
          "distinct texts (the query itself left out)")  # fmt: skip
    print("  ties: by text id, larger first; ids are a random permutation (seed 13)")
    print(f"  {'ranking':<10}{'R@1':>8}{'R@5':>8}{'MRR@10':>9}{'pair AUC':>10}")
    adapter = ADAPTER_PATH.is_file()
    rows = [("lexical", "lexical_auc"), ("vectors", "vector_auc"), ("hybrid", "auc")]
    if adapter:
        rows += [("vectors+A", "vectors+A_auc"), ("hybrid+A", "hybrid+A_auc")]
    for name, auc_key in rows:
        print(f"  {name:<10}{mqp[name + '_r1']:>8.3f}{mqp[name + '_r5']:>8.3f}"
              f"{mqp[name + '_mrr10']:>9.3f}{mqp[auc_key]:>10.3f}")  # fmt: skip
    if adapter:
        print("  +A: the query vector mapped by bench/query_adapter.py (an experiment")
        print("  the site does not use), TRAINED ON THESE QUESTIONS (in-sample here);")
        print("  its cross-validated figures come from train_similarity.py --adapter")
    print(f"  hybrid ranks the same-meaning rewrite above the other for "
          f"{mqp['pair_order']:.3f} of originals")  # fmt: skip
    print()
    print("Question entailment — MEDIQA 2019 RQE (threshold chosen on training only)")
    print(f"  train {rqe['rqe_train']} pairs, validation {rqe['rqe_valid']} pairs")
    print(
        f"  {'score':<10}{'threshold':>10}{'train acc':>11}{'valid acc':>11}{'valid AUC':>11}"
    )
    for name in ("vector", "hybrid", *(("vector+A", "hybrid+A") if adapter else ())):
        print(f"  {name:<10}{rqe[name + '_rqe_threshold']:>10.4f}"
              f"{rqe[name + '_rqe_train_acc']:>11.3f}{rqe[name + '_rqe_acc']:>11.3f}"
              f"{rqe[name + '_rqe_valid_auc']:>11.3f}")  # fmt: skip
    print()
    print(
        f"fuse() for 200 candidates: median {median_ms:.2f} ms, worst {worst_ms:.2f} ms"
    )
    summary = {
        "lexical_r1": mqp["lexical_r1"], "vector_r1": mqp["vectors_r1"],
        "hybrid_r1": mqp["hybrid_r1"], "hybrid_r5": mqp["hybrid_r5"],
        "lexical_mrr10": mqp["lexical_mrr10"], "vector_mrr10": mqp["vectors_mrr10"],
        "hybrid_mrr10": mqp["hybrid_mrr10"], "auc": mqp["auc"],
        "vector_auc": mqp["vector_auc"], "rqe_acc": rqe["rqe_acc"],
        "vector_rqe_acc": rqe["vector_rqe_acc"], "fuse_ms": median_ms,
        "fuse_worst_ms": worst_ms,
    }  # fmt: skip
    if adapter:
        summary["adapter_hybrid_r1_insample"] = mqp["hybrid+A_r1"]
        summary["adapter_hybrid_rqe_acc"] = rqe["hybrid+A_rqe_acc"]
    print(" ".join(f"{k}={v:.3f}" for k, v in summary.items()))


if __name__ == "__main__":
    main()
