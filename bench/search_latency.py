"""Search latency at scale: hybrid search, as-you-type, indexing throughput.

    .venv/bin/python bench/search_latency.py [--sizes 100000,1000000]
        [--databases sqlite,postgres] [--queries 300] [--real-vectors 3000]
        [--seed 1] [--postgres-url URL] [--answers-large 1]

For each database and size it:

1. fills the database with ``bench/generate.py`` (topping up; kept when already
   there). 100,000 questions use the same databases as ``pages.py``
   (``bench/out/bench.sqlite3``, ``--postgres-url``); other sizes get their own
   (``bench/out/bench-<size>.sqlite3``, the PostgreSQL database name with
   ``_<size>`` appended, which must exist). A new SQLite file starts as a copy of
   the largest smaller one. Sizes above 100,000 are generated with
   ``--answers-large`` answers per new question (1 by default) so that a million
   questions fit in a working session;
2. in a fresh process with that database and its own ``SEARCH_INDEX_DIR``
   (``bench/out/search-<database>-<size>/``):

   * stores *synthetic* vectors for every question but the first
     ``--real-vectors`` (unit vectors: one of 512 real embeddings of random
     questions plus gaussian noise, cosine ≈ 0.85 to it, stored with the right text
     hash so the indexer counts them as current, dated 2000-01-01 so they are told
     apart), then
   * measures indexing for real: deletes the vectors of the first
     ``--real-vectors`` questions and runs ``services.vectors_rebuild`` with a
     2-thread embedder, stopped at half way and resumed, then once more (which
     must embed nothing); reports questions/s over the embedding time, and the
     time of the no-op pass over all questions;
   * builds the index file (``vectors.build_index_file``): seconds, MB, vectors;
   * embeds ``--queries`` patient questions made from the generator's vocabulary
     (not stored titles) and times, per query and after a warm-up,
     ``search_questions(q)`` (first page of 20, snippets included), the
     as-you-type request ``GET /api/v1/search/similar?title=…&details=…`` through
     Django's test client, and the parts: embedding one query, the vector search
     (``vectors.nearest``, k=200), the words search (100 candidates, no snippets);
     then the vector search again with a tail of ``COMPACT_TAIL`` vectors newer
     than the file (the worst case before a rebuild).

It prints tables and, as the last line, ``name=value`` pairs (``sqlite_100k_…``,
``pg_1m_…``, ``indexing_qps``, ``index_build_s_1m``, ``index_mb_1m``). A JSON copy
goes to ``bench/out/search-latency-<time>.json``.
"""

import argparse
import contextlib
import json
import math
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
PYTHON = REPO / ".venv" / "bin" / "python"
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/curbside_bench"
BASE_SIZE = 100_000
SYNTHETIC_STAMP = datetime(2000, 1, 1, tzinfo=UTC)
SEEDS = 512
NOISE = 0.032  # per dimension: noise of norm ≈ 0.63, cosine ≈ 0.85 to the seed
WARMUP = 20
SEARCH_TARGET_MS = 50
SIMILAR_TARGET_MS = 100
INDEXING_TARGET_QPS = 200
KINDS = ("search", "similar", "embed", "vector", "lexical", "vector_tail")


def log(message: str) -> None:
    print(f"[{datetime.now().strftime('%H:%M:%S')}] {message}", flush=True)


def label(size: int) -> str:
    if size % 1_000_000 == 0:
        return f"{size // 1_000_000}m"
    if size % 1000 == 0:
        return f"{size // 1000}k"
    return str(size)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--real-vectors", type=int, default=3000,
                        help="questions embedded for real (indexing throughput)")  # fmt: skip
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--report", type=Path, nargs="+", metavar="JSON",
                        help="only print the tables and summary of earlier runs "
                        "(their bench/out/search-latency-*.json files), together")  # fmt: skip
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES)
    parser.add_argument("--answers-large", type=int, default=1, choices=(1, 2, 3),
                        help="answers per new question above 100,000 questions")  # fmt: skip
    # Internal: one database and size, in its own process.
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--json-out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--keep-index", action="store_true",
                        help="reuse an index file that holds every stored vector "
                        "(its build figures are those of the run that built it)")  # fmt: skip
    parser.add_argument("--query-seconds", type=float, default=300,
                        help="stop measuring queries after this long (at least "
                        "30 queries are measured)")  # fmt: skip
    parser.add_argument("--profile", type=int, default=20,
                        help="profile this many searches and as-you-type requests "
                        "after the measured ones (cProfile, 0: none)")  # fmt: skip
    args = parser.parse_args(argv)
    try:
        args.size_list = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error("--sizes takes numbers separated by commas")
    args.database_list = [d.strip() for d in args.databases.split(",") if d.strip()]
    if not set(args.database_list) <= {"sqlite", "postgres"}:
        parser.error("--databases: sqlite and/or postgres")
    if args.queries < 1 or args.real_vectors < 2:
        parser.error("--queries must be >= 1 and --real-vectors >= 2")
    return args


# -- queries ---------------------------------------------------------------------

QUERY_TEMPLATES = [
    "{sym} {trig}",
    "{sym} for {dur}, should I see a doctor",
    "what helps with {sym}",
    "how long does {sym} last",
    "{person} keeps getting {sym}",
    "is {sym} serious",
    "{sym} and {sym2} at the same time",
    "{topic} treatment without medicine",
    "can {cause} cause {sym}",
    "{sym} not better after {tried}",
]
TITLE_TEMPLATES = [
    "Why do I get {sym} {trig}?",
    "{Person} has {sym} and {sym2}, is that {topic}?",
    "How do I get rid of {sym}?",
    "{Sym} for {dur} despite {tried}",
    "When is {sym} a reason to see a doctor?",
]
DETAIL_TEMPLATES = [
    "It has been going on for {dur} and gets worse {trig}.",
    "I tried {tried} and it did not help much.",
    "My doctor thought it might be {cause} but I am not sure.",
]


def make_queries(count: int, seed: int):
    """Patient-like search queries and as-you-type (title, details) pairs built
    from the generator's vocabulary with templates of their own."""
    sys.path.insert(0, str(REPO / "bench"))
    import generate as g

    topics = [(name, words) for children in g.SPECIALTIES.values()
              for name, words in children.items()]  # fmt: skip
    rng = random.Random(f"{seed}:queries")
    searches, typed = [], []
    for _ in range(count):
        name, words = rng.choice(topics)
        sym, sym2 = rng.sample(words + g.GENERIC_SYMPTOMS, 2)
        person = rng.choice(g.PEOPLE)
        values = {
            "sym": sym, "Sym": g._cap(sym), "sym2": sym2, "trig": rng.choice(g.TRIGGERS),
            "dur": rng.choice(g.DURATIONS), "tried": rng.choice(g.TRIED),
            "cause": rng.choice(g.CAUSES), "topic": name.lower(),
            "person": person, "Person": g._cap(person),
        }  # fmt: skip
        searches.append(rng.choice(QUERY_TEMPLATES).format(**values))
        title = rng.choice(TITLE_TEMPLATES).format(**values)
        details = " ".join(
            t.format(**values) for t in rng.sample(DETAIL_TEMPLATES, rng.randint(0, 2))
        )
        typed.append((title, details))
    return searches, typed


# -- the worker: one database, one size -----------------------------------------


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)

    def pick(p: float) -> float:
        # Nearest-rank percentile.
        return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]

    return {
        "n": len(ordered), "p50": pick(50), "p95": pick(95), "p99": pick(99),
        "mean": statistics.fmean(ordered), "max": ordered[-1],
    }  # fmt: skip


def setup_django(database_url: str, index_dir: Path) -> None:
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    os.environ["DATABASE_URL"] = database_url
    os.environ["SEARCH_INDEX_DIR"] = str(index_dir)
    os.environ["SEARCH_EMBEDDER"] = "minilm"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    import warnings

    import django

    # The test client builds the whole middleware stack, static files included.
    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()


def fill_synthetic(real_ids: set[int], embedder) -> tuple[int, float]:
    """Synthetic vectors for the questions outside ``real_ids`` that have none."""
    import numpy as np
    from django.db import transaction

    from curbside.questions.models import Question
    from curbside.search import vectors
    from curbside.search.models import QuestionVector

    started = time.monotonic()
    questions = Question.objects.filter(is_removed=False).order_by("pk")
    todo = (
        questions.exclude(search_vector__model_id=embedder.model_id)
        .exclude(pk__in=real_ids)
        .count()
    )
    if todo <= 0:
        return 0, 0.0
    rng = np.random.default_rng(7)
    sample = list(questions.order_by("?").values_list("title", "body")[:SEEDS])
    seeds = embedder.embed([vectors.question_text(t, b) for t, b in sample])
    log(f"synthetic vectors: {todo:,} to insert (seeds: {len(seeds)} real embeddings)")
    from tqdm import tqdm

    done, last_pk = 0, 0
    with tqdm(total=todo, unit="v", desc="synthetic vectors", file=sys.stdout) as bar:
        while True:
            batch = list(
                questions.filter(pk__gt=last_pk).values_list("pk", "title", "body")[
                    :5000
                ]
            )
            if not batch:
                break
            first_pk, last_pk = batch[0][0], batch[-1][0]
            have = set(
                QuestionVector.objects.filter(
                    pk__gte=first_pk, pk__lte=last_pk, model_id=embedder.model_id
                ).values_list("pk", flat=True)
            )
            skip = real_ids | have
            batch = [row for row in batch if row[0] not in skip]
            if not batch:
                continue
            base = seeds[rng.integers(0, len(seeds), len(batch))]
            noisy = base + rng.normal(0.0, NOISE, base.shape).astype(np.float32)
            noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
            rows = [
                QuestionVector(
                    question_id=pk, model_id=embedder.model_id,
                    text_hash=vectors.text_hash(
                        embedder.model_id, vectors.question_text(title, body)
                    ),
                    vector=vectors.encode(vec), updated_at=SYNTHETIC_STAMP,
                )
                for (pk, title, body), vec in zip(batch, noisy, strict=True)
            ]  # fmt: skip
            with transaction.atomic():
                # A stale vector of another model (or text) is replaced.
                QuestionVector.objects.filter(
                    pk__in=[r.question_id for r in rows]
                ).delete()
                QuestionVector.objects.bulk_create(rows, batch_size=1000)
            done += len(rows)
            bar.update(len(rows))
    return done, time.monotonic() - started


class Stop(Exception):
    pass


def measure_indexing(real_ids: list[int], embedder2) -> dict:
    """Embed the first questions for real with ``vectors_rebuild``: stopped half
    way, resumed, then run once more (nothing left to embed)."""
    from datetime import timedelta

    from tqdm import tqdm

    from curbside.core.clock import now
    from curbside.search import services, vectors
    from curbside.search.models import QuestionVector

    QuestionVector.objects.filter(pk__in=real_ids).delete()
    pending = services.vectors_pending()
    half = len(real_ids) // 2
    original = vectors.get_embedder
    vectors.get_embedder = lambda: embedder2  # the bulk indexer's 2 threads
    try:
        with tqdm(total=pending, unit="q", desc="vectors (real)", file=sys.stdout,
                  smoothing=0.1) as bar:  # fmt: skip
            state = {"done": 0, "last": None}
            started = time.monotonic()
            cpu_started = time.process_time()

            def stop_half_way(n: int) -> None:
                bar.update(n)
                state["done"] += n
                state["last"] = time.monotonic()
                state["cpu_last"] = time.process_time()
                if state["done"] >= half:
                    raise Stop

            with contextlib.suppress(Stop):
                services.vectors_rebuild(progress=stop_half_way)
            first_done = state["done"]
            first_seconds = state["last"] - started

            def track(n: int) -> None:
                bar.update(n)
                state["done"] += n
                state["last"] = time.monotonic()
                state["cpu_last"] = time.process_time()

            resumed_at = time.monotonic()
            second = services.vectors_rebuild(progress=track)
            cpu_seconds = state["cpu_last"] - cpu_started
            second_embed_seconds = state["last"] - resumed_at if second else 0.0
            second_seconds = time.monotonic() - resumed_at
        again_started = time.monotonic()
        third = services.vectors_rebuild()
        noop_seconds = time.monotonic() - again_started
    finally:
        vectors.get_embedder = original
    embedded = first_done + second
    embed_seconds = first_seconds + second_embed_seconds
    # As after a reindex followed by normal operation: these vectors belong in
    # the file, not in the tail the searches scan exactly.
    QuestionVector.objects.filter(pk__in=real_ids).update(
        updated_at=now() - timedelta(hours=1)
    )
    return {
        "pending_before": pending, "embedded": embedded,
        "first_run": first_done, "resumed_run": second, "third_run": third,
        "embed_seconds": embed_seconds, "qps": embedded / embed_seconds,
        # CPU time of this process (both threads) for the two runs: on a busy
        # machine, 2 / cpu_per_question is what two free cores would give.
        "cpu_seconds": cpu_seconds, "cpu_per_question": cpu_seconds / embedded,
        "resumed_run_seconds": second_seconds, "noop_pass_seconds": noop_seconds,
    }  # fmt: skip


def build_index() -> dict:
    from tqdm import tqdm

    from curbside.search import vectors
    from curbside.search.models import QuestionVector

    embedder = vectors.get_embedder()
    stored = QuestionVector.objects.filter(model_id=embedder.model_id).count()
    with (
        tqdm(total=stored, unit="v", desc="index file", file=sys.stdout) as bar,
        tqdm(total=stored, unit="v", desc="crowding", file=sys.stdout) as crowd,
    ):
        info = vectors.build_index_file(
            embedder=embedder, progress=bar.update, crowding_progress=crowd.update
        )
    return {"count": info.count, "seconds": info.seconds, "bytes": info.size_bytes}


def timed(fn, *args, **kwargs) -> float:
    started = time.perf_counter()
    fn(*args, **kwargs)
    return (time.perf_counter() - started) * 1000


LEXICAL_DIAGNOSTIC_QUERIES = 30  # the site never runs it; a few show its cost


def measure_queries(searches, typed, budget: float) -> dict:
    from django.test import Client

    from curbside.search import vectors
    from curbside.search.lexical import Filters, lexical_backend, query_terms
    from curbside.search.selectors import search_questions

    client = Client()
    embedder = vectors.get_embedder()
    backend = lexical_backend()

    def similar(title: str, details: str) -> None:
        response = client.get(
            "/api/v1/search/similar", {"title": title, "details": details}
        )
        if response.status_code != 200:
            raise RuntimeError(f"similar: HTTP {response.status_code}")

    def vector_only(query: str) -> None:
        vectors.nearest(vectors.embed_query(query, embedder=embedder), k=200)

    def lexical_only(query: str) -> None:
        backend.search(query_terms(query), Filters(), 100, 0, snippets=False)

    stats = {"results": [], "similar_hits": [], "words": [], "meaning": []}
    for query, (title, details) in zip(searches[:WARMUP], typed[:WARMUP],
                                       strict=True):  # fmt: skip
        search_questions(query)
        similar(title, details)
    times = {kind: [] for kind in KINDS if kind != "vector_tail"}
    embedded = {}
    stop_at = time.monotonic() + budget
    pairs = zip(searches[WARMUP:], typed[WARMUP:], strict=True)
    for done, (query, (title, details)) in enumerate(pairs):
        if done >= 30 and time.monotonic() > stop_at:
            break
        started = time.perf_counter()
        page = search_questions(query)
        times["search"].append((time.perf_counter() - started) * 1000)
        stats["results"].append(len(page.results))
        stats["words"].append(sum(r.matched != "meaning" for r in page.results))
        stats["meaning"].append(sum(r.matched != "words" for r in page.results))
        started = time.perf_counter()
        response = client.get(
            "/api/v1/search/similar", {"title": title, "details": details}
        )
        times["similar"].append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"similar: HTTP {response.status_code}")
        stats["similar_hits"].append(len(response.json()["items"]))
        started = time.perf_counter()
        embedded[query] = vectors.embed_query(query, embedder=embedder)
        times["embed"].append((time.perf_counter() - started) * 1000)
        times["vector"].append(timed(vectors.nearest, embedded[query], k=200))
    # Apart, after the requests: at a million questions it reads a good part of
    # the words index, which would push the requests' rows out of the
    # database's cache and time them cold.
    for query in list(embedded)[:LEXICAL_DIAGNOSTIC_QUERIES]:
        times["lexical"].append(timed(lexical_only, query))
    result = {kind: percentiles(values) for kind, values in times.items()}
    result["vector"]["note"] = "nearest() only, query embedded beforehand"
    result["mean_results"] = statistics.fmean(stats["results"])
    result["mean_words"] = statistics.fmean(stats["words"])
    result["mean_meaning"] = statistics.fmean(stats["meaning"])
    result["mean_similar_hits"] = statistics.fmean(stats["similar_hits"])
    result["_embedded"] = embedded
    return result


def measure_tail(embedded: dict) -> dict:
    """The vector search with COMPACT_TAIL vectors newer than the file."""
    from datetime import timedelta

    from curbside.core.clock import now
    from curbside.search import vectors
    from curbside.search.models import QuestionVector

    ids = list(
        QuestionVector.objects.order_by("-pk").values_list("pk", flat=True)[
            : vectors.COMPACT_TAIL
        ]
    )
    old = dict(
        QuestionVector.objects.filter(pk__in=ids).values_list("pk", "updated_at")
    )
    QuestionVector.objects.filter(pk__in=ids).update(updated_at=now())
    try:
        size = vectors.tail_size()
        samples = [timed(vectors.nearest, v, k=200) for v in embedded.values()]
    finally:
        stamp = now() - timedelta(hours=1)
        QuestionVector.objects.filter(pk__in=ids).update(updated_at=stamp)
        synthetic = [pk for pk, when in old.items() if when == SYNTHETIC_STAMP]
        QuestionVector.objects.filter(pk__in=synthetic).update(
            updated_at=SYNTHETIC_STAMP
        )
    result = percentiles(samples)
    result["tail"] = size
    return result


def profile(searches, typed, path: Path) -> None:
    """cProfile of searches and as-you-type requests, written to ``path``."""
    import cProfile
    import io
    import pstats

    from django.test import Client

    from curbside.search.selectors import search_questions

    client = Client()
    profiler = cProfile.Profile()
    profiler.enable()
    for query, (title, details) in zip(searches, typed, strict=True):
        search_questions(query)
        client.get("/api/v1/search/similar", {"title": title, "details": details})
    profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(25)
    path.write_text(text.getvalue())


def worker(args) -> int:
    index_dir = OUT / f"search-{args.json_out.name.split('.')[0]}"
    setup_django(args.database_url, index_dir)
    from django.db import connection

    # Everything the run uses is imported now: code edited during a long run
    # must not mix with what is already loaded.
    import curbside.api.search  # noqa: F401
    import curbside.search.selectors  # noqa: F401
    from curbside.core.embedding import MiniLMEmbedder
    from curbside.questions.models import Answer, Question
    from curbside.search import vectors
    from curbside.search.models import QuestionVector

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                            capture_output=True, text=True).stdout.strip()  # fmt: skip
    result = {"database": connection.vendor, "size": args.size, "commit": commit}
    total = Question.objects.filter(is_removed=False).count()
    if total != args.size:
        print(f"error: the database holds {total:,} questions, not {args.size:,}",
              file=sys.stderr)  # fmt: skip
        return 2
    result["answers"] = Answer.objects.count()
    started = time.monotonic()
    embedder = vectors.get_embedder()
    embedder.embed(["warm up"])
    result["model_load_s"] = time.monotonic() - started
    log(f"{connection.vendor}, {total:,} questions; model loaded in "
        f"{result['model_load_s']:.2f} s")  # fmt: skip
    real_ids = list(
        Question.objects.filter(is_removed=False)
        .order_by("pk")
        .values_list("pk", flat=True)[: args.real_vectors]
    )
    synthetic_added, synthetic_seconds = fill_synthetic(set(real_ids), embedder)
    result["synthetic_insert"] = {
        "added": synthetic_added,
        "seconds": synthetic_seconds,
    }
    embedder2 = MiniLMEmbedder(threads=2)
    result["indexing"] = measure_indexing(real_ids, embedder2)
    ix = result["indexing"]
    log(f"indexing: {ix['embedded']:,} embedded in {ix['embed_seconds']:.1f} s = "
        f"{ix['qps']:.0f} questions/s (stopped at {ix['first_run']:,}, resumed "
        f"with {ix['resumed_run']:,}; a third run embedded {ix['third_run']}, its "
        f"pass over {total:,} questions took {ix['noop_pass_seconds']:.1f} s)")  # fmt: skip
    del embedder2
    result["synthetic"] = QuestionVector.objects.filter(
        updated_at=SYNTHETIC_STAMP
    ).count()
    result["vectors"] = QuestionVector.objects.filter(
        model_id=embedder.model_id
    ).count()
    log(f"vectors: {result['vectors']:,} stored, synthetic vectors: "
        f"{result['synthetic']:,} of {total:,}")  # fmt: skip
    info = vectors.read_info(embedder.model_id) if args.keep_index else None
    if info is not None and info.count == result["vectors"]:
        # Figures of the build that wrote the file (an earlier run).
        result["index"] = {"count": info.count, "seconds": info.seconds,
                           "bytes": info.size_bytes, "kept": True}  # fmt: skip
    else:
        result["index"] = build_index()
    log(f"index file: {result['index']['count']:,} vectors in "
        f"{result['index']['seconds']:.1f} s, {result['index']['bytes'] / 1e6:.1f} MB")  # fmt: skip
    result["tail_at_measure"] = vectors.tail_size()
    searches, typed = make_queries(args.queries + WARMUP, args.seed)
    log(f"queries: {WARMUP} warm-up, then {args.queries} measured or as many as "
        f"fit in {args.query_seconds:.0f} s (tail: {result['tail_at_measure']} "
        "vectors)")  # fmt: skip
    load_before = os.getloadavg()[0]
    result["latency"] = measure_queries(searches, typed, args.query_seconds)
    result["load_average"] = [load_before, os.getloadavg()[0]]
    embedded = result["latency"].pop("_embedded")
    result["latency"]["vector_tail"] = measure_tail(embedded)
    if args.profile:
        path = OUT / f"{args.json_out.name.split('.')[0]}.profile.txt"
        rng = random.Random(f"{args.seed}:profile")
        picked = rng.sample(
            range(WARMUP, len(searches)), min(args.profile, args.queries)
        )
        profile([searches[i] for i in picked], [typed[i] for i in picked], path)
        result["profile"] = str(path.relative_to(REPO))
        log(f"profile of {len(picked)} searches and as-you-type requests: {path}")
    result["example_queries"] = searches[WARMUP : WARMUP + 3]
    result["example_typed"] = typed[WARMUP : WARMUP + 2]
    args.json_out.write_text(json.dumps(result, indent=2, default=str))
    return 0


# -- the driver ------------------------------------------------------------------


def database_url(args, name: str, size: int) -> str:
    if name == "sqlite":
        file = "bench.sqlite3" if size == BASE_SIZE else f"bench-{size}.sqlite3"
        return f"sqlite:///{OUT / file}"
    if size == BASE_SIZE:
        return args.postgres_url
    base, _sep, dbname = args.postgres_url.rpartition("/")
    return f"{base}/{dbname}_{size}"


def seed_sqlite(args, size: int) -> None:
    """Start a new, larger SQLite database as a copy of the largest smaller one."""
    target = Path(database_url(args, "sqlite", size).removeprefix("sqlite:///"))
    if target.exists():
        return
    smaller = sorted(s for s in set(args.size_list) | {BASE_SIZE} if s < size)
    for candidate in reversed(smaller):
        source = Path(
            database_url(args, "sqlite", candidate).removeprefix("sqlite:///")
        )
        if source.exists():
            log(f"copying {source.name} to {target.name} to start from it")
            with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
                src.backup(dst)
            return


def prepare(args, name: str, size: int) -> dict:
    url = database_url(args, name, size)
    if name == "sqlite":
        seed_sqlite(args, size)
    cmd = [str(PYTHON), str(REPO / "bench" / "generate.py"), "--questions", str(size),
           "--seed", str(args.seed), "--database-url", url]  # fmt: skip
    if size > BASE_SIZE:
        cmd += ["--answers", str(args.answers_large)]
    log(f"{name} {label(size)}: " + " ".join(cmd[1:]))
    started = time.monotonic()
    completed = subprocess.run(cmd, cwd=REPO)
    if completed.returncode:
        raise RuntimeError(f"generate.py failed ({completed.returncode})")
    return {"url": url, "generate_seconds": time.monotonic() - started}


def run_worker(args, name: str, size: int, url: str) -> dict:
    out = OUT / f"{name}-{label(size)}.latency.json"
    out.unlink(missing_ok=True)
    cmd = [str(PYTHON), __file__, "--worker", "--database-url", url, "--size",
           str(size), "--queries", str(args.queries), "--real-vectors",
           str(args.real_vectors), "--seed", str(args.seed), "--json-out", str(out),
           "--query-seconds", str(args.query_seconds), "--profile", str(args.profile)]  # fmt: skip
    if args.keep_index:
        cmd.append("--keep-index")
    completed = subprocess.run(cmd, cwd=REPO)
    if completed.returncode:
        raise RuntimeError(f"the {name} {label(size)} run failed")
    return json.loads(out.read_text())


def ms(value: float) -> str:
    return f"{value:.1f}"


def cpu_ms(indexing: dict) -> str:
    cpu = indexing.get("cpu_per_question")
    return "n/a" if cpu is None else f"{cpu * 1000:.1f}"


def tables(results: list[dict]) -> str:
    lines = [
        "| database | questions | request | n | p50 ms | p95 ms | p99 ms | mean ms "
        "| max ms |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    names = {
        "search": "search_questions (hybrid, page of 20)",
        "similar": "GET /api/v1/search/similar (as you type)",
        "embed": "  part: embed the query",
        "vector": "  part: vector search k=200 (tail 0)",
        "vector_tail": "  part: vector search k=200, tail of 5,000",
        "lexical": "  part: words search of all the query's words (OR), 100 candidates",
    }
    for r in results:
        db = "SQLite" if r["database"] == "sqlite" else "PostgreSQL"
        for kind in ("search", "similar", "embed", "vector", "vector_tail", "lexical"):
            p = r["latency"][kind]
            lines.append(
                f"| {db} | {r['size']:,} | {names[kind]} | {p['n']} | {ms(p['p50'])} | "
                f"{ms(p['p95'])} | {ms(p['p99'])} | {ms(p['mean'])} | {ms(p['max'])} |"
            )
    lines += [
        "",
        "| database | questions | answers | generate s (this run) | "
        "synthetic vectors | "
        "embedded for real | indexing q/s | CPU ms/question | resumed | no-op pass s | index build s "
        "| index MB | vectors in file | model load s |",
        "|---|---:|---:|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        db = "SQLite" if r["database"] == "sqlite" else "PostgreSQL"
        ix = r["indexing"]
        lines.append(
            f"| {db} | {r['size']:,} | {r['answers']:,} | {r['generate_seconds']:,.0f} "
            f"| {r['synthetic']:,} of {r['size']:,} | {ix['embedded']:,} "
            f"| {ix['qps']:.0f} | {cpu_ms(ix)} "
            f"| {ix['first_run']:,} + {ix['resumed_run']:,}, "
            f"then {ix['third_run']} | {ix['noop_pass_seconds']:.1f} "
            f"| {r['index']['seconds']:.1f}{' (kept)' if r['index'].get('kept') else ''} "
            f"| {r['index']['bytes'] / 1e6:.1f} "
            f"| {r['index']['count']:,} | {r['model_load_s']:.2f} |"
        )
    return "\n".join(lines)


def summary(results: list[dict]) -> str:
    pairs = []
    for r in results:
        prefix = (
            ("sqlite" if r["database"] == "sqlite" else "pg") + "_" + label(r["size"])
        )
        lat = r["latency"]
        for kind in ("search", "similar"):
            for p in ("p50", "p95", "p99"):
                pairs.append(f"{prefix}_{kind}_{p}_ms={lat[kind][p]:.1f}")
        pairs.append(f"{prefix}_synthetic_vectors={r['synthetic']}")
    if results:
        best = results[0]
        pairs.append(f"indexing_qps={best['indexing']['qps']:.0f}")
        pairs.append(
            "indexing_resumed="
            + ("yes" if all(r["indexing"]["third_run"] == 0 for r in results) else "no")
        )
    for r in results:
        suffix = label(r["size"]) + ("" if r["database"] == "sqlite" else "_pg")
        pairs.append(f"index_build_s_{suffix}={r['index']['seconds']:.1f}")
        pairs.append(f"index_mb_{suffix}={r['index']['bytes'] / 1e6:.1f}")
    return " ".join(pairs)


def verdicts(results: list[dict]) -> list[str]:
    lines = []
    for r in results:
        where = f"{r['database']} {r['size']:,}"
        s95, t95 = r["latency"]["search"]["p95"], r["latency"]["similar"]["p95"]
        lines.append(
            f"{where}: search p95 {s95:.1f} ms (target <= {SEARCH_TARGET_MS}: "
            f"{'met' if s95 <= SEARCH_TARGET_MS else 'MISSED'}), as-you-type p95 "
            f"{t95:.1f} ms (target <= {SIMILAR_TARGET_MS}: "
            f"{'met' if t95 <= SIMILAR_TARGET_MS else 'MISSED'}), indexing "
            f"{r['indexing']['qps']:.0f} q/s (target >= {INDEXING_TARGET_QPS}: "
            f"{'met' if r['indexing']['qps'] >= INDEXING_TARGET_QPS else 'MISSED'}); "
            f"synthetic vectors: {r['synthetic']:,} of {r['size']:,}; tail at "
            f"measure {r['tail_at_measure']}; mean results {r['latency']['mean_results']:.1f} "
            f"({r['latency']['mean_words']:.1f} by words, "
            f"{r['latency']['mean_meaning']:.1f} by meaning), as-you-type hits "
            f"{r['latency']['mean_similar_hits']:.1f}"
            + (
                f"; load average {r['load_average'][0]:.1f} before the queries, "
                f"{r['load_average'][1]:.1f} after"
                if "load_average" in r
                else ""
            )
        )
    return lines


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.worker:
        return worker(args)
    if args.report:
        results = []
        for path in args.report:
            try:
                results.extend(json.loads(path.read_text()))
            except (OSError, ValueError) as exc:
                print(f"search_latency.py: cannot read {path}: {exc}", file=sys.stderr)
                return 2
        print(tables(results))
        print()
        for line in verdicts(results):
            print(line)
        print(summary(results))
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for size in args.size_list:
            for name in args.database_list:
                prepared = prepare(args, name, size)
                result = run_worker(args, name, size, prepared["url"])
                result["generate_seconds"] = prepared["generate_seconds"]
                results.append(result)
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        if not results:
            return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        if not results:
            return 130
    record = OUT / f"search-latency-{datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    record.write_text(json.dumps(results, indent=2, default=str))
    print()
    print(tables(results))
    print()
    for line in verdicts(results):
        print(line)
    print(f"(results saved in {record.relative_to(REPO)})")
    print(summary(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
