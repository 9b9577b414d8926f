"""Nearest neighbours by meaning: stored vectors, a derived index file, a tail.

* The database holds one vector per question (``QuestionVector``), written by the
  indexing task and by ``curbside reindex``. It is the source of truth.
* An HNSW graph (usearch, int8, cosine) built from those rows is saved under
  ``SEARCH_INDEX_DIR`` with a small JSON file saying when the build started.
  Every process memory-maps it and notices a new file within seconds.
  Beside it, each question's *crowding* (``crowding()``, used by the ranking).
* Vectors written since the file was built (the *tail*) are read from the
  database and scored exactly, so a new question is found without rewriting the
  file: at once by the process that wrote it, within ``TAIL_SECONDS`` by the
  others (each keeps the decoded tail that long). When the tail grows past
  ``COMPACT_TAIL`` rows, a task builds a new file.

Removed and merged questions may linger in the file until the next build;
callers read the questions through ``listed_questions()``, which drops them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import connection, transaction

from curbside.core.clock import now
from curbside.core.embedding import Embedder, get_embedder, load_runtime
from curbside.search.models import QuestionVector
from curbside.search.ranking import CROWDING_K

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

# Vectors written up to this long before a build started are read again as tail:
# a transaction that committed late must not fall between file and tail.
TAIL_MARGIN = timedelta(minutes=2)
RELOAD_SECONDS = 5.0
TAIL_SECONDS = 2.0
# A vector is written and committed in well under this (one short transaction).
TAIL_REFRESH_MARGIN = timedelta(seconds=30)
COMPACT_TAIL = 5000
READ_BATCH = 5000
EMBED_BATCH = 64
MAX_TEXT_CHARS = 2000  # the model reads 128 word pieces; no need to send more


def question_text(title: str, body: str) -> str:
    """What a question's vector is made from: its title, then its details."""
    return f"{title.strip()}\n{(body or '').strip()}"[:MAX_TEXT_CHARS]


def text_hash(model_id: str, text: str) -> str:
    return hashlib.sha256(f"{model_id}\n{text}".encode()).hexdigest()[:32]


def usearch_index_class():
    """usearch's ``Index``, imported when first needed, and only after the model's
    runtime (``load_runtime``: in the other order the model's vectors come out
    wrong on some processors; a test checks them in a fresh process)."""
    load_runtime()
    from usearch.index import Index

    return Index


def encode(vector: np.ndarray) -> bytes:
    import numpy as np

    return np.asarray(vector, dtype="<f2").tobytes()


def decode(blob: bytes | memoryview) -> np.ndarray:
    import numpy as np

    return np.frombuffer(bytes(blob), dtype="<f2").astype(np.float32)


# -- writing vectors -------------------------------------------------------------


def store_vectors(
    items: Iterable[tuple[int, str]],
    *,
    embedder: Embedder | None = None,
    force: bool = False,
) -> int:
    """Embed and store the given ``(question_id, text)`` pairs whose stored vector
    is missing or stale (all of them with ``force``); returns how many were
    embedded."""
    embedder = embedder or get_embedder()
    items = list(items)
    hashes = {pk: text_hash(embedder.model_id, text) for pk, text in items}
    current = dict(
        QuestionVector.objects.filter(pk__in=hashes).values_list("pk", "text_hash")
    )
    stale = [(pk, text) for pk, text in items if force or current.get(pk) != hashes[pk]]
    if not stale:
        return 0
    vectors = embedder.embed([text for _pk, text in stale])
    stamp = now()
    rows = [
        QuestionVector(
            question_id=pk, model_id=embedder.model_id, text_hash=hashes[pk],
            vector=encode(vector), updated_at=stamp,
        )
        for (pk, _text), vector in zip(stale, vectors, strict=True)
    ]  # fmt: skip
    with transaction.atomic():
        QuestionVector.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["question"],
            update_fields=["model_id", "text_hash", "vector", "updated_at"],
        )
    _tail_cache.expire()
    return len(rows)


def refresh_statistics() -> None:
    """After a bulk write (a reindex), let PostgreSQL's planner know the table at
    once rather than at autovacuum's next pass (if it runs at all): with the
    counts of an almost empty table it reads the tail by scanning every vector
    (250 ms a search at a million) instead of the ``updated_at`` index. SQLite's
    planner takes the index without statistics."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {QuestionVector._meta.db_table}")


def drop_vector(question_id: int) -> None:
    QuestionVector.objects.filter(pk=question_id).delete()
    _tail_cache.clear()


# -- the index file --------------------------------------------------------------


def index_paths(model_id: str) -> tuple[Path, Path]:
    directory = Path(settings.SEARCH_INDEX_DIR)
    return (
        directory / f"vectors-{model_id}.usearch",
        directory / f"vectors-{model_id}.json",
    )


@dataclass
class IndexInfo:
    model_id: str
    built_at: datetime
    count: int
    seconds: float
    size_bytes: int
    crowding_median: float = 0.0


def read_info(model_id: str) -> IndexInfo | None:
    data_path, meta_path = index_paths(model_id)
    try:
        meta = json.loads(meta_path.read_text())
        return IndexInfo(
            model_id=meta["model_id"],
            built_at=datetime.fromisoformat(meta["built_at"]),
            count=int(meta["count"]),
            seconds=float(meta["seconds"]),
            size_bytes=data_path.stat().st_size,
            crowding_median=float(meta.get("crowding_median", 0.0)),
        )
    except (OSError, ValueError, KeyError):
        return None


def build_index_file(
    *,
    embedder: Embedder | None = None,
    progress: Callable[[int], None] | None = None,
    crowding_progress: Callable[[int], None] | None = None,
) -> IndexInfo:
    """Build a new index file from the stored vectors and swap it in atomically.

    Searches go on against the old file (and the tail) while it runs. Two passes
    over the vectors: the graph (``progress``), then each one's neighbourhood
    (``crowding_progress``, about as long again); both are called with how many
    vectors each batch held.
    """
    import numpy as np

    Index = usearch_index_class()
    embedder = embedder or get_embedder()
    started, clock = now(), time.monotonic()
    index = Index(ndim=embedder.dim, metric="cos", dtype="i8", connectivity=16,
                  expansion_add=128, expansion_search=96)  # fmt: skip
    rows = QuestionVector.objects.filter(model_id=embedder.model_id).order_by("pk")
    last_pk, count = 0, 0
    while True:
        batch = list(
            rows.filter(pk__gt=last_pk).values_list("pk", "vector")[:READ_BATCH]
        )
        if not batch:
            break
        keys = np.fromiter((pk for pk, _v in batch), dtype=np.uint64, count=len(batch))
        vectors = np.vstack([decode(blob) for _pk, blob in batch])
        index.add(keys, vectors)
        count += len(batch)
        last_pk = batch[-1][0]
        if progress:
            progress(len(batch))
    crowding = _crowding_of_all(index, rows, count, crowding_progress)
    data_path, meta_path = index_paths(embedder.model_id)
    crowding_path = crowding_path_for(data_path)
    data_path.parent.mkdir(parents=True, exist_ok=True)
    suffix = f".{os.getpid()}.{threading.get_ident()}.tmp"
    tmp_data, tmp_meta = Path(f"{data_path}{suffix}"), Path(f"{meta_path}{suffix}")
    tmp_crowding = Path(f"{crowding_path}{suffix}")
    index.save(str(tmp_data))
    with tmp_crowding.open("wb") as handle:
        np.save(handle, crowding)
    seconds = time.monotonic() - clock
    median = float(np.median(crowding["crowding"])) if count else 0.0
    tmp_meta.write_text(json.dumps({
        "model_id": embedder.model_id, "built_at": started.isoformat(),
        "count": count, "seconds": round(seconds, 3), "crowding_median": median,
    }))  # fmt: skip
    # The data first: a reader that sees the new meta must find the new graph.
    os.replace(tmp_data, data_path)
    os.replace(tmp_crowding, crowding_path)
    os.replace(tmp_meta, meta_path)
    _loaded.clear()
    return read_info(embedder.model_id)


CROWDING_DTYPE = [("key", "<u8"), ("crowding", "<f4")]


def crowding_path_for(data_path: Path) -> Path:
    return data_path.with_suffix(".crowding.npy")


def _crowding_of_all(index, rows, count: int, progress=None):
    """Each stored question's crowding: the mean cosine of its ``CROWDING_K``
    nearest other questions, sorted by question id."""
    import numpy as np

    out = np.zeros(count, dtype=CROWDING_DTYPE)
    last_pk, done = 0, 0
    while done < count:
        batch = list(
            rows.filter(pk__gt=last_pk).values_list("pk", "vector")[:READ_BATCH]
        )
        if not batch:
            break
        keys = np.fromiter((pk for pk, _v in batch), dtype=np.uint64, count=len(batch))
        matches = index.search(
            np.vstack([decode(blob) for _pk, blob in batch]),
            min(CROWDING_K + 1, len(index)),
        )
        # One query row comes back as flat arrays, several as rows.
        found = np.atleast_2d(matches.keys).astype(np.uint64)
        cosines = 1.0 - np.atleast_2d(matches.distances).astype(np.float32)
        # Rows may hold fewer matches than asked for (the rest is padding).
        width = found.shape[1]
        hits = np.atleast_1d(getattr(matches, "counts", np.full(len(batch), width)))
        valid = np.arange(width)[None, :] < np.asarray(hits)[:, None]
        # The first CROWDING_K neighbours that are not the question itself.
        others = valid & (found != keys[:, None])
        kept = others & (np.cumsum(others, axis=1) <= CROWDING_K)
        counts = kept.sum(axis=1)
        means = np.where(kept, cosines, 0.0).sum(axis=1) / np.maximum(counts, 1)
        out["key"][done : done + len(batch)] = keys
        out["crowding"][done : done + len(batch)] = np.where(counts > 0, means, 0.0)
        done += len(batch)
        last_pk = batch[-1][0]
        if progress:
            progress(len(batch))
    return out[:done]


class _LoadedIndex:
    """The memory-mapped file of this process, reloaded when a new one appears."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.clear()

    def clear(self) -> None:
        self.model_id = None
        self.index = None
        self.crowding = None
        self.crowding_median = 0.0
        self.info = None
        self.mtime = None
        self.checked = 0.0

    def get(self, model_id: str):
        if (
            self.model_id == model_id
            and time.monotonic() - self.checked < RELOAD_SECONDS
        ):
            return self.index, self.info
        with self._lock:
            data_path, meta_path = index_paths(model_id)
            try:
                mtime = meta_path.stat().st_mtime_ns
            except OSError:
                mtime = None
            if mtime != self.mtime or self.model_id != model_id:
                self._load(model_id, data_path, mtime)
            self.checked = time.monotonic()
            return self.index, self.info

    def _load(self, model_id: str, data_path: Path, mtime) -> None:
        Index = usearch_index_class()

        import numpy as np

        self.model_id, self.mtime, self.index, self.info = model_id, mtime, None, None
        self.crowding, self.crowding_median = None, 0.0
        if mtime is None:
            return
        info = read_info(model_id)
        try:
            index = Index.restore(str(data_path), view=True)
            crowding = np.load(crowding_path_for(data_path), mmap_mode="r")
        except Exception:  # a torn or foreign file: fall back to the tail
            log.exception("Could not open the vector index %s", data_path)
            return
        if index is not None and info is not None:
            self.index, self.info, self.crowding = index, info, crowding
            self.crowding_median = info.crowding_median


_loaded = _LoadedIndex()


# -- searching -------------------------------------------------------------------


def _tail_since(model_id: str, info: IndexInfo | None):
    rows = QuestionVector.objects.filter(model_id=model_id)
    if info is not None:
        rows = rows.filter(updated_at__gt=info.built_at - TAIL_MARGIN)
    return rows


class _TailCache:
    """The tail, decoded, kept for ``TAIL_SECONDS`` per process: a search need not
    read and decode it again. After that, only the rows written since the last
    read started (less ``TAIL_REFRESH_MARGIN``, for writes that commit late and
    clocks a little apart) are read and merged in: between two builds the tail
    grows to thousands of rows. A process that writes a vector reads again at
    its next search; the others see the vector within ``TAIL_SECONDS``. A new
    file, or a vector dropped, means reading the whole tail again."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.clear()

    def clear(self) -> None:
        with self._lock:
            self.key, self.until, self.ids, self.matrix = None, 0.0, (), None
            self.seen = None  # when the last read started

    def expire(self) -> None:
        with self._lock:
            self.until = 0.0

    def get(self, model_id: str, info: IndexInfo | None):
        import numpy as np

        key = (model_id, info.built_at if info else None)
        with self._lock:
            if self.key == key and time.monotonic() < self.until:
                return self.ids, self.matrix
            merge = self.key == key and self.seen is not None
            old_ids, old_matrix, seen = self.ids, self.matrix, self.seen
        started = now()
        rows = _tail_since(model_id, info)
        if merge:
            rows = rows.filter(updated_at__gt=seen - TAIL_REFRESH_MARGIN)
        rows = list(rows.values_list("pk", "vector"))
        ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
        # One model's vectors all have its length: decoded in one go.
        matrix = (
            decode(b"".join(bytes(row[1]) for row in rows)).reshape(len(rows), -1)
            if rows
            else None
        )
        if merge and len(old_ids):
            # A question written again replaces its row.
            kept = ~np.isin(old_ids, ids)
            if rows:
                ids = np.concatenate([old_ids[kept], ids])
                matrix = np.vstack([old_matrix[kept], matrix])
            else:
                ids, matrix = old_ids, old_matrix
        with self._lock:
            self.key, self.ids, self.matrix, self.seen = key, ids, matrix, started
            self.until = time.monotonic() + TAIL_SECONDS
        return ids, matrix


_tail_cache = _TailCache()


def tail_size(embedder: Embedder | None = None) -> int:
    embedder = embedder or get_embedder()
    _index, info = _loaded.get(embedder.model_id)
    return _tail_since(embedder.model_id, info).count()


def nearest(
    vector: np.ndarray, *, k: int, embedder: Embedder | None = None
) -> list[tuple[int, float]]:
    """The ``k`` questions whose vectors are closest to ``vector``, as
    ``(question_id, cosine)`` pairs, best first."""
    import numpy as np

    embedder = embedder or get_embedder()
    index, info = _loaded.get(embedder.model_id)
    scores: dict[int, float] = {}
    if index is not None and len(index):
        matches = index.search(np.asarray(vector, dtype=np.float32), min(k, len(index)))
        for key, distance in zip(matches.keys, matches.distances, strict=True):
            scores[int(key)] = 1.0 - float(distance)
    ids, matrix = _tail_cache.get(embedder.model_id, info)
    if len(ids):
        tail = matrix @ vector
        # The tail's best k, and its newer vector of any question the file
        # returned (an edited question must not keep its old score).
        keep = np.isin(ids, np.fromiter(scores, dtype=np.int64, count=len(scores)))
        if len(ids) > k:
            keep |= tail >= np.partition(tail, len(tail) - k)[len(tail) - k]  # ties in
        else:
            keep[:] = True
        for pk, score in zip(ids[keep].tolist(), tail[keep].tolist(), strict=True):
            scores[pk] = score
    return sorted(scores.items(), key=lambda item: (-item[1], -item[0]))[:k]


def embed_query(text: str, *, embedder: Embedder | None = None) -> np.ndarray:
    embedder = embedder or get_embedder()
    return embedder.embed([text])[0]


def crowding(
    question_ids: list[int], *, embedder: Embedder | None = None
) -> dict[int, float]:
    """How crowded each question's neighbourhood is: the mean cosine of its
    ``CROWDING_K`` nearest other questions (see ``ranking.fuse``).

    Read from the index file's side array; a question written since the file was
    built gets the file's median. Without a file, it is computed from the stored
    vectors (a small site, never reindexed).
    """
    import numpy as np

    embedder = embedder or get_embedder()
    if not question_ids:
        return {}
    _index, info = _loaded.get(embedder.model_id)
    table = _loaded.crowding
    if table is not None and len(table):
        wanted = np.asarray(question_ids, dtype=np.uint64)
        at = np.clip(np.searchsorted(table["key"], wanted), 0, len(table) - 1)
        found = table["key"][at] == wanted
        return {
            pk: float(table["crowding"][i]) if hit else _loaded.crowding_median
            for pk, i, hit in zip(question_ids, at, found, strict=True)
        }
    keys, matrix = _tail_cache.get(embedder.model_id, None)  # no file: all
    if len(keys) < 2:
        return dict.fromkeys(question_ids, 0.0)
    position = {pk: i for i, pk in enumerate(keys.tolist())}
    rows = [position[pk] for pk in question_ids if pk in position]
    sims = matrix[rows] @ matrix.T
    sims[np.arange(len(rows)), rows] = -np.inf  # not itself
    k = min(CROWDING_K, len(keys) - 1)
    top = -np.sort(-sims, axis=1)[:, :k]
    result = dict.fromkeys(question_ids, 0.0)
    for pk, value in zip(
        (pk for pk in question_ids if pk in position), top.mean(axis=1), strict=True
    ):
        result[pk] = float(value)
    return result
