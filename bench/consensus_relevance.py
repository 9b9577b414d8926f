"""An experiment: can public data teach the consensus which sentences answer the
question? (ADR 0004, "Where the limit lies")

    .venv/bin/python bench/consensus_relevance.py [--data DIR]
        [--source medquad|mediqa2019|mas] [--epochs 3] [--pages 600]

The consensus ranks its points mostly by how relevant their sentences are to the
question: the cosine of the question's and the sentence's vectors. On the MEDIQA
2021 multi-answer summarization validation set (``mediqa2021_mas/``, as
``bench/consensus_eval.py`` reads it) this prints:

- the ceiling: the consensus computed with the experts' own choices as relevance
  (a sentence the extractive reference contains counts 1, the cosine adds 0.3
  times its value), its points in the box's order and all of them by score, and
  the chosen sentences alone without the box;
- the shipped relevance: how well it separates the experts' sentences from the
  rest within a question (mean AUC) and the consensus's ROUGE-2;
- a learned relevance: the question's vector times a 384 × 384 matrix (the
  sentences' vectors, and so the sentence cache, unchanged), trained with a
  softmax over each training question's candidate sentences (temperature 0.05,
  Adam, L2 pull of the matrix towards the identity), on ``--source``:

  * ``medquad``: MedQuAD pages (``medquad/``, at most ``--pages`` pages from each
    of the two largest sites): a question's candidates are every sentence of its
    page and 64 from other pages; the positives are the sentences of its own
    section;
  * ``mediqa2019``: MEDIQA 2019 QA (``mediqa2019_qa/``, training and validation
    sets): consumer questions with graded answers; the positives are the
    sentences of answers graded 4 (excellent), the other answers' the rest;
  * ``mas``: the validation set itself, 5-fold by question: trained on 40
    questions, measured on the other 10.

  It prints its AUC, ROUGE-2 and the paired difference with the shipped one.

Embedding MedQuAD's sentences takes about ten minutes on two cores; the vectors
are kept in ``bench/out/`` for the next run. The last line is one summary of
name=value pairs.
"""

import argparse
import pickle
import re
import statistics
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from consensus_eval import DEFAULT_DATA, _budgeted, _DictCache, _load, _n_words  # noqa: E402
from rouge_score import rouge_scorer  # noqa: E402
from tqdm import tqdm  # noqa: E402

from curbside.consensus.extractive import (  # noqa: E402
    AnswerText,
    EmbeddingSimilarity,
    compute,
)
from curbside.consensus.text import sentence_spans  # noqa: E402
from curbside.core.embedding import CachedEmbedder, MiniLMEmbedder  # noqa: E402

OUT = REPO / "bench" / "out"
TAU = 0.05
RANDOM_NEGATIVES = 64
MAX_CANDIDATES = 400
LARGE_SITES = ("2_GARD_QA", "3_GHR_QA")


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _sentences(text: str, limit: int = 60) -> list[str]:
    text = re.sub(r"\s+", " ", text).strip()
    return [text[s.start : s.end] for s in sentence_spans(text)][:limit]


# -- the evaluation set --------------------------------------------------------------


class _Relevance(EmbeddingSimilarity):
    """The model's similarity with another relevance: ``score(question_vector,
    sentence_vectors, sentences)`` gives one value per sentence."""

    def __init__(self, embedder, score) -> None:
        super().__init__(embedder)
        self._score = score

    def prepare(self, question, sentences) -> None:
        super().prepare(question, sentences)
        vectors = self.embedder.embed([question or "", *sentences])
        self._learned = list(self._score(vectors[0], vectors[1:], sentences))

    def relevance(self, i: int) -> float:
        return max(0.0, self._learned[i])


class Evaluation:
    """The validation set, its sentences' labels and vectors, and the consensus's
    ROUGE-2 for a given relevance."""

    def __init__(self, data: Path, embedder) -> None:
        self.rows = _load(data)
        self.embedder = embedder
        self.scorer = rouge_scorer.RougeScorer(["rouge2"], use_stemmer=True)
        self.questions, self.sentences, self.labels = [], [], []
        for row in self.rows:
            reference = _norm(row["extractive_summary"])
            texts = [s for a in row["answers"] for s in _sentences(a["text"], 10**6)]
            self.questions.append(row["short_question"])
            self.sentences.append(texts)
            self.labels.append(
                np.array([bool(_norm(t)) and _norm(t) in reference for t in texts])
            )
        print("Embedding the validation set's sentences…", file=sys.stderr)
        self.q_vectors = embedder.embed(self.questions)
        self.s_vectors = [embedder.embed(texts) for texts in self.sentences]

    def answers(self, i: int) -> list[AnswerText]:
        return [
            AnswerText(k + 1, f"Answer {k + 1}", a["text"])
            for k, a in enumerate(self.rows[i]["answers"])
        ]

    def auc(self, matrix: np.ndarray | None, indices) -> float:
        """Mean within-question AUC of the (learned) relevance for the experts'
        sentences."""
        values = []
        for i in indices:
            q = self.q_vectors[i] if matrix is None else matrix @ self.q_vectors[i]
            scores, labels = self.s_vectors[i] @ q, self.labels[i]
            pos, neg = scores[labels], scores[~labels]
            if len(pos) and len(neg):
                values.append(float((pos[:, None] > neg[None, :]).mean()))
        return statistics.fmean(values)

    def rouge2(self, i: int, statements: list[str]) -> float:
        reference = self.rows[i]["extractive_summary"]
        summary = _budgeted(statements, _n_words(reference))
        return self.scorer.score(reference, summary)["rouge2"].fmeasure

    def consensus(self, i: int, score=None, *, by_score: bool = False) -> float:
        similarity = (
            _Relevance(self.embedder, score)
            if score
            else EmbeddingSimilarity(self.embedder)
        )
        result = compute(self.questions[i], self.answers(i), similarity=similarity)
        points = result.ranked()
        if by_score:
            points = sorted(points, key=lambda p: -p.score)
        return self.rouge2(i, [p.statement for p in points])

    def with_matrix(self, matrix: np.ndarray, i: int) -> float:
        def score(q, vectors, _texts):
            q = matrix @ q
            return vectors @ (q / np.linalg.norm(q))

        return self.consensus(i, score)

    def ceiling(self, i: int) -> tuple[float, float, float]:
        chosen = {
            t for t, on in zip(self.sentences[i], self.labels[i], strict=True) if on
        }

        def score(q, vectors, texts):
            return [
                float(t in chosen) + 0.3 * c
                for t, c in zip(texts, vectors @ q, strict=True)
            ]

        alone = sorted(
            range(len(self.sentences[i])),
            key=lambda k: (
                not self.labels[i][k],
                -float(self.s_vectors[i][k] @ self.q_vectors[i]),
            ),
        )
        return (
            self.consensus(i, score),
            self.consensus(i, score, by_score=True),
            self.rouge2(i, [self.sentences[i][k] for k in alone]),
        )


# -- training data ------------------------------------------------------------------


def medquad_items(data: Path, pages: int) -> tuple[list[str], list[tuple]]:
    """(texts, items): each item is (question, candidate sentences, positives)
    as indices into texts."""
    texts: dict[str, int] = {}
    items = []
    per_site: dict[str, int] = {}
    for path in sorted((data / "medquad").glob("*/*.xml")):
        site = path.parent.name
        if site in LARGE_SITES:
            per_site[site] = per_site.get(site, 0) + 1
            if per_site[site] > pages:
                continue
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError:
            continue
        sections = []
        for pair in root.iter("QAPair"):
            question = (pair.findtext("Question") or "").strip()
            answer = _sentences(pair.findtext("Answer") or "", 40)
            if question and answer:
                sections.append((question, answer))
        if len(sections) < 2:
            continue
        candidates = [texts.setdefault(s, len(texts)) for _, a in sections for s in a]
        owner = np.array([k for k, (_, a) in enumerate(sections) for _ in a])
        for k, (question, _) in enumerate(sections):
            items.append((texts.setdefault(question, len(texts)),
                          np.array(candidates), owner == k))  # fmt: skip
    return list(texts), items


def mediqa2019_items(data: Path) -> tuple[list[str], list[tuple]]:
    texts: dict[str, int] = {}
    items = []
    folder = data / "mediqa2019_qa"
    for path in sorted(folder.glob("MEDIQA2019-Task3-QA-*.xml")):
        for question in ET.parse(path).getroot().iter("Question"):
            candidates, positive = [], []
            for answer in question.iter("Answer"):
                sentences = _sentences(answer.findtext("AnswerText") or "")
                candidates += [texts.setdefault(s, len(texts)) for s in sentences]
                positive += [answer.get("ReferenceScore") == "4"] * len(sentences)
            positive = np.array(positive, dtype=bool)
            if positive.any() and not positive.all():
                q = texts.setdefault(
                    question.findtext("QuestionText").strip(), len(texts)
                )
                items.append((q, np.array(candidates), positive))
    return list(texts), items


def embed_all(embedder, texts: list[str], name: str) -> np.ndarray:
    """The texts' vectors, kept in bench/out/ for the next run."""
    path = OUT / f"consensus_relevance_{name}.pkl"
    if path.exists():
        with path.open("rb") as f:
            kept = pickle.load(f)
        if kept["texts"] == texts:
            return kept["vectors"]
    vectors = np.zeros((len(texts), 384), dtype=np.float32)
    with tqdm(total=len(texts), unit="sentence", desc=f"embedding {name}") as bar:
        for start in range(0, len(texts), 1000):
            vectors[start : start + 1000] = embedder.embed(texts[start : start + 1000])
            bar.update(len(texts[start : start + 1000]))
    OUT.mkdir(exist_ok=True)
    with path.open("wb") as f:
        pickle.dump({"texts": texts, "vectors": vectors}, f)
    return vectors


def train(vectors: np.ndarray, items: list[tuple], *, epochs: int, seed: int = 1,
          lr: float = 1e-3, l2: float = 1e-3, batch: int = 32) -> np.ndarray:  # fmt: skip
    """The matrix W (question vector q → W q) that puts each item's positives
    first: softmax over its candidates (and some random sentences), Adam."""
    rng = np.random.default_rng(seed)
    pool = np.unique(np.concatenate([c for _, c, _ in items]))
    eye = np.eye(vectors.shape[1], dtype=np.float32)
    W, m, v = eye.copy(), np.zeros_like(eye), np.zeros_like(eye)
    step = 0
    for epoch in range(epochs):
        order = rng.permutation(len(items))
        for start in tqdm(range(0, len(order), batch), desc=f"training, pass {epoch + 1}",
                          unit="batch", leave=False):  # fmt: skip
            grad = np.zeros_like(W)
            for index in order[start : start + batch]:
                question, candidates, positive = items[index]
                if len(candidates) > MAX_CANDIDATES:
                    keep = rng.choice(len(candidates), MAX_CANDIDATES, replace=False)
                    candidates, positive = candidates[keep], positive[keep]
                    if not positive.any():
                        continue
                extra = rng.choice(pool, RANDOM_NEGATIVES)
                S = vectors[np.concatenate([candidates, extra])]
                positive = np.concatenate([positive, np.zeros(len(extra), dtype=bool)])
                q = vectors[question]
                logits = S @ (W @ q) / TAU
                p_all = np.exp(logits - logits.max())
                p_all /= p_all.sum()
                p_pos = np.where(positive, np.exp(logits - logits[positive].max()), 0.0)
                p_pos /= p_pos.sum()
                grad += np.outer((p_all - p_pos) @ S / TAU, q)
            step += 1
            grad = grad / batch + l2 * (W - eye)
            m = 0.9 * m + 0.1 * grad
            v = 0.999 * v + 0.001 * grad * grad
            W -= lr * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return W


def _cross_validated(ev: Evaluation, epochs: int) -> tuple[np.ndarray, float]:
    """ROUGE-2 of each question with the relevance learned on the other folds'
    questions (5 folds), and the folds' mean AUC."""
    folds = np.random.default_rng(0).permutation(len(ev.rows)) % 5
    learned, aucs = np.zeros(len(ev.rows)), []
    for fold in range(5):
        train_on = [i for i in range(len(ev.rows)) if folds[i] != fold]
        test_on = [i for i in range(len(ev.rows)) if folds[i] == fold]
        offsets = np.cumsum([0] + [len(ev.sentences[i]) for i in train_on])
        vectors = np.concatenate(
            [ev.q_vectors[train_on], *[ev.s_vectors[i] for i in train_on]]
        )
        items = [
            (k, len(train_on) + np.arange(offsets[k], offsets[k + 1]), ev.labels[i])
            for k, i in enumerate(train_on)
            if 0 < ev.labels[i].sum() < len(ev.labels[i])
        ]
        W = train(vectors, items, epochs=epochs)
        aucs.append(ev.auc(W, test_on))
        for i in test_on:
            learned[i] = ev.with_matrix(W, i)
    return learned, statistics.fmean(aucs)


# -- the run --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--source", choices=("medquad", "mediqa2019", "mas"),
                        default="medquad")  # fmt: skip
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--pages", type=int, default=600,
                        help="MedQuAD pages read from each of its two largest sites")  # fmt: skip
    args = parser.parse_args(argv)
    if args.epochs < 1 or args.pages < 1:
        parser.error("--epochs and --pages must be 1 or more")

    embedder = CachedEmbedder(MiniLMEmbedder(threads=2), _DictCache())
    ev = Evaluation(args.data, embedder)
    everyone = range(len(ev.rows))

    ceiling = np.array(
        [ev.ceiling(i) for i in tqdm(everyone, desc="ceiling", leave=False)]
    )
    shipped = np.array(
        [ev.consensus(i) for i in tqdm(everyone, desc="shipped", leave=False)]
    )
    shipped_auc = ev.auc(None, everyone)

    if args.source == "mas":
        learned, learned_auc = _cross_validated(ev, args.epochs * 10)
    else:
        if args.source == "medquad":
            texts, items = medquad_items(args.data, args.pages)
        else:
            texts, items = mediqa2019_items(args.data)
        if not items:
            sys.exit(f"No training data for --source {args.source} under {args.data}.")
        print(
            f"{args.source}: {len(items)} questions, {len(texts)} texts",
            file=sys.stderr,
        )
        W = train(embed_all(embedder, texts, args.source), items, epochs=args.epochs)
        learned_auc = ev.auc(W, everyone)
        learned = np.array(
            [ev.with_matrix(W, i) for i in tqdm(everyone, desc="learned", leave=False)]
        )

    diff = learned - shipped
    se = float(diff.std(ddof=1) / np.sqrt(len(diff)))
    print(f"MEDIQA 2021 MAS validation, {len(ev.rows)} questions; "
          "ROUGE-2 F1 (extractive reference)")  # fmt: skip
    print(f"{'relevance':<44}{'AUC':>8}{'ROUGE-2':>10}")
    for label, auc, r2 in (
        ("the experts’ choices, the box’s order", None, ceiling[:, 0].mean()),
        ("the experts’ choices, all points by score", None, ceiling[:, 1].mean()),
        ("the experts’ choices alone, without the box", None, ceiling[:, 2].mean()),
        ("shipped (the tuned model’s cosine)", shipped_auc, shipped.mean()),
        (f"learned on {args.source}", learned_auc, learned.mean()),
    ):
        print(f"{label:<44}{'' if auc is None else f'{auc:.3f}':>8}{r2:>10.3f}")
    print(f"learned - shipped: {diff.mean():+.3f} (paired standard error {se:.3f}; "
          f"better on {(diff > 0).sum()}, worse on {(diff < 0).sum()})")  # fmt: skip
    summary = {
        "ceiling_r2": ceiling[:, 0].mean(),
        "shipped_auc": shipped_auc,
        "shipped_r2": shipped.mean(),
        "learned_auc": learned_auc,
        "learned_r2": learned.mean(),
        "learned_gain_se": se,
    }
    print(
        f"source={args.source} " + " ".join(f"{k}={v:.3f}" for k, v in summary.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
