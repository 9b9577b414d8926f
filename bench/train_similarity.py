"""Choose the constants of ``curbside.search.ranking.fuse``, cross-validated.

    .venv/bin/python bench/train_similarity.py [--data DIR] [--folds 5] [--seed 0]

Data: the Curai medical question pairs (``curai_mqp/mqp_shared.csv`` under
--data, by default the ``shared/data`` folder next to the repository), searched
exactly as ``bench/similar_eval.py`` does (each same-meaning rewrite is a query,
its original the answer, the pool all distinct texts; lexical top-100 and
vector top-100 merged). Nothing from MEDIQA RQE is used, so its validation
accuracy in ``similar_eval.py`` stays an unseen-data figure.

Three constants (see ranking.py's docstring for what they do):

* ``TYPE_MISMATCH_PENALTY``: for each gate ``SHORT_QUESTION_WORDS``, a logistic
  regression on the Curai pairs (label 1 vs label 0 rewrite) over [cosine,
  mismatch]; the penalty is the mismatch weight in cosine units (its weight over
  the cosine's), rounded to 0.01.
* ``SHORT_QUESTION_WORDS`` and ``LEXICAL_WEIGHT``: a grid; the pair with the best
  Recall@1 (then MRR@10, then the smaller values) on the training questions.

Protocol: the originals are split into --folds folds (seeded shuffle); for each
fold everything above is chosen on the other folds only and Recall@1 / MRR@10
are measured on the held-out fold's queries. The cross-validated figures are
the pooled held-out ranks. The final constants are then chosen the same way on
all the data; copy them into ranking.py.

With --adapter it also learns the query adapter (``bench/
query_adapter.py``: a 384 x 384 matrix applied to the query's vector before the
search by meaning): full-batch Adam (300 steps, learning rate 0.001) on a softmax
loss at temperature 0.05, where each same-meaning rewrite must find its original,
and each original its rewrite, among all texts of the training originals
(originals and both rewrites), with an L2 pull of the matrix towards identity
(0.01). Cross-validated the same way (5 folds by original; on each held-out fold
the vectors-only and the hybrid Recall@1 with the adapted query over the whole
pool), then trained on all originals and written to
``bench/out/query_adapter_minilm.npy``. Slow: about ten minutes a fit on
two busy cores.

The last line is one summary of name=value pairs.
"""

import argparse
import random
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import similar_eval as se  # noqa: E402
from query_adapter import ADAPTER_PATH  # noqa: E402

from curbside.core.intent import question_types  # noqa: E402
from curbside.search import ranking  # noqa: E402

LEXICAL_GRID = (0.0, 0.02, 0.05, 0.1, 0.2)
WORDS_GRID = (6, 8, 10, 12, 15, 20, 10_000)
WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)


def disjoint(query: str, text: str) -> bool:
    a, b = question_types(query), question_types(text)
    return bool(a) and bool(b) and not (a & b)


def pool_texts(rows) -> list[str]:
    """Every distinct text of the Curai pairs, in the order the searches number them."""
    return list(dict.fromkeys(t for q1, q2, _ in rows for t in (q1, q2)))


def build(data: Path, vectors: np.ndarray | None = None):
    """Each query's candidates and every pair's features; ``vectors`` (one row per
    text of ``pool_texts``) instead of the site's model, for another model's."""
    rows = se.load_mqp(data / "curai_mqp" / "mqp_shared.csv")
    texts = pool_texts(rows)
    index = {t: i for i, t in enumerate(texts)}
    perm = list(range(len(texts)))
    random.Random(se.TIE_SEED).shuffle(perm)
    ids = np.asarray(perm)
    pos_of_id = {int(pk): i for i, pk in enumerate(ids)}
    if vectors is None:
        vectors = se.Embeddings(use_cache=True)(texts, "curai")
    lexical = se.Lexical(texts, [int(x) for x in ids])
    crowding_of = se.pool_crowding(vectors, ids)
    originals = list(dict.fromkeys(q1 for q1, _, _ in rows))
    group_of = {o: g for g, o in enumerate(originals)}

    lists = []  # per query: group, arrays for the candidates
    for q1, q2, label in rows:
        if label != 1:
            continue
        qi = index[q2]
        lex = [
            (pk, s) for pk, s in lexical.search(q2, se.TOP + 1) if pos_of_id[pk] != qi
        ]
        vec = se.vector_top(vectors @ vectors[qi], ids, qi, se.TOP)
        cands = ranking.merge(lex[: se.TOP], vec)
        raw = [c.vector_score for c in cands]
        # What fuse() calls the meaning: cosine less its share of crowding.
        cos = [
            None
            if x is None
            else x - ranking.CROWDING_WEIGHT * crowding_of[c.question_id]
            for x, c in zip(raw, cands, strict=True)
        ]
        floor = min(x for x in cos if x is not None)
        best = max((c.lexical_score or 0.0) for c in cands) or 1.0
        texts_c = [texts[pos_of_id[c.question_id]] for c in cands]
        lists.append({
            "group": group_of[q1],
            "cos": np.array([floor if x is None else x for x in cos]),
            "tie": np.array([-2.0 if x is None else x for x in raw]),
            "words": np.array([max(c.lexical_score or 0.0, 0.0) / best for c in cands]),
            "length": np.array([len(WORD_RE.findall(t)) for t in texts_c]),
            "disjoint": np.array([disjoint(q2, t) for t in texts_c], dtype=float),
            "ids": np.array([c.question_id for c in cands]),
            "target": np.array([t == q1 for t in texts_c]),
        })  # fmt: skip
        if len(lists) % 200 == 0:
            se.progress(f"candidates for {len(lists)} queries")

    pairs = {"group": [], "cos": [], "disjoint": [], "length": [], "label": []}
    for q1, q2, label in rows:
        pairs["group"].append(group_of[q1])
        pairs["cos"].append(float(vectors[index[q1]] @ vectors[index[q2]]))
        pairs["disjoint"].append(float(disjoint(q1, q2)))
        pairs["length"].append(len(WORD_RE.findall(q2)))
        pairs["label"].append(label)
    pair_arrays = {k: np.asarray(v) for k, v in pairs.items()}
    neg = {q1: q2 for q1, q2, label in rows if label == 0}
    pos = {q1: q2 for q1, q2, label in rows if label == 1}
    corpus = {
        "texts": texts, "ids": ids, "vectors": vectors, "lexical": lexical,
        "pos_of_id": pos_of_id, "crowding_of": crowding_of,
        "original": np.array([index[o] for o in originals]),
        "rewrite": np.array([index[pos[o]] for o in originals]),
        "other": np.array([index[neg[o]] for o in originals]),
    }  # fmt: skip
    return lists, pair_arrays, len(originals), corpus


def logistic(X: np.ndarray, y: np.ndarray, l2: float = 1e-2) -> np.ndarray:
    """Newton's method on the L2-regularised log loss (intercept last, not penalised)."""
    X = np.c_[X, np.ones(len(X))]
    w = np.zeros(X.shape[1])
    penalty = np.eye(len(w)) * l2
    penalty[-1, -1] = 0.0
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-X @ w))
        grad = X.T @ (p - y) / len(y) + penalty @ w
        hess = (X * (p * (1 - p))[:, None]).T @ X / len(y) + penalty
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return w


def penalty_for(pairs, mask, max_words: int) -> float:
    gate = pairs["disjoint"] * (pairs["length"] <= max_words)
    X = np.c_[pairs["cos"][mask], gate[mask]]
    w = logistic(X, pairs["label"][mask].astype(float))
    return round(max(-w[1] / w[0], 0.0), 2)


def ranks(lists, lexical_weight: float, max_words: int, penalty: float) -> np.ndarray:
    out = np.zeros(len(lists), dtype=int)  # 0 = the original is not a candidate
    for n, c in enumerate(lists):
        if not c["target"].any():
            continue
        score = c["cos"] + lexical_weight * c["words"]
        score = score - penalty * c["disjoint"] * (c["length"] <= max_words)
        order = np.lexsort((-c["ids"], -c["tie"], -score))
        out[n] = int(np.flatnonzero(c["target"][order])[0]) + 1
    return out


def metrics(r: np.ndarray) -> tuple[float, float]:
    found = r > 0
    r1 = float(np.mean(r == 1))
    mrr = float(
        np.sum(np.where(found & (r <= 10), 1.0 / np.maximum(r, 1), 0.0)) / len(r)
    )
    return r1, mrr


def choose(lists, pairs, train_groups: set[int]):
    query_mask = np.array([c["group"] in train_groups for c in lists])
    pair_mask = np.array([g in train_groups for g in pairs["group"]])
    train_lists = [c for c, keep in zip(lists, query_mask, strict=True) if keep]
    best = None
    for max_words in WORDS_GRID:
        penalty = penalty_for(pairs, pair_mask, max_words)
        for weight in LEXICAL_GRID:
            r1, mrr = metrics(ranks(train_lists, weight, max_words, penalty))
            key = (r1, mrr, -weight, -max_words)
            if best is None or key > best[0]:
                best = (key, weight, max_words, penalty)
    return best[1:]


def train_adapter(corpus, groups, *, tau=0.05, l2=0.01, steps=300, lr=1e-3, label=""):
    """Query-side matrix W (unit vectors in, W v out): full-batch Adam on the
    softmax loss of finding the partner (original <-> same-meaning rewrite) among
    all texts of the training originals, with an L2 pull of W towards identity."""
    V = corpus["vectors"].astype(np.float32)
    groups = np.asarray(sorted(groups))
    n = len(groups)
    pool = np.concatenate([corpus["original"][groups], corpus["rewrite"][groups],
                           corpus["other"][groups]])  # fmt: skip
    queries = np.concatenate([corpus["rewrite"][groups], corpus["original"][groups]])
    targets = np.concatenate([np.arange(n), n + np.arange(n)])
    P, A = V[pool], V[queries]
    own = pool[None, :] == queries[:, None]
    eye = np.eye(V.shape[1], dtype=np.float32)
    W, m, v = eye.copy(), np.zeros_like(eye), np.zeros_like(eye)
    for step in range(1, steps + 1):
        S = (A @ W.T) @ P.T / tau
        S[own] = -1e9
        S -= S.max(axis=1, keepdims=True)
        prob = np.exp(S)
        prob /= prob.sum(axis=1, keepdims=True)
        prob[np.arange(len(queries)), targets] -= 1.0
        grad = (prob @ P / tau).T @ A / len(queries) + l2 * (W - eye)
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        W -= lr * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
        if step % 50 == 0:
            se.progress(f"adapter {label}: step {step}/{steps}")
    return W


def adapted_ranks(corpus, groups, W):
    """Held-out ranks of the originals: vectors alone (adapted query) and the
    hybrid the site would ship with it (lexical + adapted vectors, ranking.fuse)."""
    V, ids, texts = corpus["vectors"], corpus["ids"], corpus["texts"]
    text_of = {int(ids[i]): t for i, t in enumerate(texts)}
    out_vec, out_hyb = [], []
    for g in groups:
        qi, target = corpus["rewrite"][g], int(ids[corpus["original"][g]])
        q = V[qi] @ W.T
        q /= np.linalg.norm(q)
        vec = se.vector_top(V @ q, ids, qi, se.TOP)
        lex = corpus["lexical"].search(texts[qi], se.TOP + 1)
        lex = [(pk, s) for pk, s in lex if corpus["pos_of_id"][pk] != qi][: se.TOP]
        fused = se.hybrid(texts[qi], lex, vec, text_of, corpus["crowding_of"])
        for order, out in (([pk for pk, _ in vec], out_vec),
                           ([c.question_id for c in fused], out_hyb)):  # fmt: skip
            out.append(order.index(target) + 1 if target in order else 0)
    return np.array(out_vec), np.array(out_hyb)


def adapter(corpus, groups, fold_of, folds: int, out: Path) -> dict[str, float]:
    held_vec = np.zeros(len(groups), dtype=int)
    held_hyb = np.zeros(len(groups), dtype=int)
    order = np.array(sorted(groups))
    print(f"Query adapter, {folds}-fold cross-validation by original question")
    for fold in range(folds):
        train = [g for g in groups if fold_of[g] != fold]
        test = [g for g in order if fold_of[g] == fold]
        W = train_adapter(corpus, train, label=f"fold {fold}")
        r_vec, r_hyb = adapted_ranks(corpus, test, W)
        held_vec[test], held_hyb[test] = r_vec, r_hyb
        print(f"  fold {fold}: vectors R@1 {metrics(r_vec)[0]:.3f}, "
              f"hybrid R@1 {metrics(r_hyb)[0]:.3f}")  # fmt: skip
    result = {}
    for name, r in (("adapter_vector", held_vec), ("adapter_hybrid", held_hyb)):
        r1, mrr = metrics(r)
        result[f"{name}_r1"], result[f"{name}_mrr10"] = r1, mrr
        print(f"  held-out {name.replace('_', ' ')}: R@1 {r1:.3f} MRR@10 {mrr:.3f}")
    W = train_adapter(corpus, list(groups), label="all")
    np.save(out, (W - np.eye(W.shape[0], dtype=np.float32)).astype(np.float16))
    print(f"  trained on all {len(groups)} originals, written to {out}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=se.DEFAULT_DATA)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--adapter", action="store_true",
        help="also cross-validate the query adapter and write it (slow)",
    )  # fmt: skip
    args = parser.parse_args()
    data = args.data if args.data.is_absolute() else (se.ROOT / args.data)

    lists, pairs, n_groups, corpus = build(data)
    groups = list(range(n_groups))
    random.Random(args.seed).shuffle(groups)
    fold_of = {g: i % args.folds for i, g in enumerate(groups)}

    held_out = np.zeros(len(lists), dtype=int)
    baseline = ranks(lists, 0.0, 0, 0.0)  # cosine alone
    print(f"{args.folds}-fold cross-validation by original question (seed {args.seed})")
    print(
        f"  {'fold':<6}{'lexical':>9}{'words':>7}{'penalty':>9}{'R@1':>8}{'cos R@1':>9}"
    )
    for fold in range(args.folds):
        train = {g for g in groups if fold_of[g] != fold}
        weight, max_words, penalty = choose(lists, pairs, train)
        test = np.array([fold_of[c["group"]] == fold for c in lists])
        test_lists = [c for c, keep in zip(lists, test, strict=True) if keep]
        held_out[test] = ranks(test_lists, weight, max_words, penalty)
        r1, _ = metrics(held_out[test])
        cos_r1, _ = metrics(baseline[test])
        print(
            f"  {fold:<6}{weight:>9.2f}{max_words:>7}{penalty:>9.2f}{r1:>8.3f}{cos_r1:>9.3f}"
        )
    cv_r1, cv_mrr = metrics(held_out)
    cos_r1, cos_mrr = metrics(baseline)
    print(f"  held-out R@1 {cv_r1:.3f} MRR@10 {cv_mrr:.3f} "
          f"(cosine alone {cos_r1:.3f} / {cos_mrr:.3f})")  # fmt: skip

    weight, max_words, penalty = choose(lists, pairs, set(groups))
    print("Constants chosen on all the data (for ranking.py):")
    print(f"  LEXICAL_WEIGHT = {weight}")
    print(f"  TYPE_MISMATCH_PENALTY = {penalty}")
    print(f"  SHORT_QUESTION_WORDS = {max_words}")
    summary = (
        f"cv_r1={cv_r1:.3f} cv_mrr10={cv_mrr:.3f} cos_r1={cos_r1:.3f} "
        f"lexical_weight={weight} penalty={penalty} short_words={max_words}"
    )
    if args.adapter:
        result = adapter(corpus, groups, fold_of, args.folds, ADAPTER_PATH)
        summary += "".join(f" {k}={v:.3f}" for k, v in result.items())
    print(summary)


if __name__ == "__main__":
    main()
