"""Load-test the home page and question pages under gunicorn with wrk.

    .venv/bin/python bench/pages.py [--questions 100000] [--databases sqlite,postgres]
        [--duration 15s] [--connections 16,64] [--modes nocache,cache]

For each database it fills the bench database up to --questions (bench/generate.py:
kept when already there), collects static files, starts gunicorn (4 sync workers,
production settings, loopback only), waits for /healthz and runs wrk against ``/``
and against random question pages (a Lua script picks one of 1,000 canonical
question URLs per request). Each database is measured twice: without the page
cache (PAGE_CACHE_SECONDS=0) and with it (Redis shared by the workers, warmed up
first). It prints a table and, as its last line, ``name=value`` pairs; the headline
``question_rps`` and ``question_p95_ms`` are SQLite, no cache, 64 connections.

Needs ``wrk`` (Debian: ``apt-get install -y wrk``), Redis on 127.0.0.1:6379 for the
cached runs and, for PostgreSQL, the database named by --postgres-url.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
BIN = REPO / ".venv" / "bin"
PYTHON = BIN / "python"
DATABASES = {
    "sqlite": f"sqlite:///{OUT / 'bench.sqlite3'}",
    "postgres": "postgres://postgres@127.0.0.1:5432/curbside_bench",
}
REDIS_URL = "redis://127.0.0.1:6379/5"
READY_SECONDS = 90
STOP_SECONDS = 20
WRK_TIMEOUT = "10s"

LUA = """-- Written by bench/pages.py: random URLs from a list, exact percentiles.
local urls = {}
for line in io.lines("%(urls)s") do
  if #line > 0 then urls[#urls + 1] = line end
end
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
  math.randomseed(%(seed)d + id * 7919)
end

function request()
  return wrk.format("GET", urls[math.random(#urls)])
end

function response(status, headers, body)
  if status < 200 or status > 299 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local non2xx = 0
  for _, thread in ipairs(threads) do non2xx = non2xx + thread:get("bad") end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%%.0f duration_us=%%.0f p50_us=%%.0f p90_us=%%.0f " ..
    "p95_us=%%.0f p99_us=%%.0f max_us=%%.0f non2xx=%%.0f connect=%%.0f " ..
    "read=%%.0f write=%%.0f timeout=%%.0f\\n",
    summary.requests, summary.duration, latency:percentile(50),
    latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency.max, non2xx, e.connect, e.read, e.write, e.timeout))
end
"""


class BenchError(Exception):
    """A problem the person running the bench can fix; printed without traceback."""


@dataclass
class Result:
    database: str
    mode: str
    page: str
    connections: int
    rps: float
    p50_ms: float
    p90_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    requests: int
    non2xx: int
    errors: int


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Requests per second and latency of the home and question pages."
    )
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--modes", default="nocache,cache",
                        help="nocache (PAGE_CACHE_SECONDS=0), cache (Redis)")  # fmt: skip
    parser.add_argument("--duration", default="15s", help="wrk -d, e.g. 15s or 1m")
    parser.add_argument("--connections", default="16,64")
    parser.add_argument("--threads", type=int, default=2, help="wrk -t")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn -w")
    parser.add_argument("--urls", type=int, default=1000,
                        help="how many random question URLs to spread the load on")  # fmt: skip
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--warmup-seconds", type=int, default=240,
                        help="at most this long to fill the page cache")  # fmt: skip
    parser.add_argument("--postgres-url", default=DATABASES["postgres"])
    parser.add_argument("--sqlite-url", default=DATABASES["sqlite"])
    parser.add_argument("--redis-url", default=REDIS_URL,
                        help="a Redis database the bench may empty")  # fmt: skip
    args = parser.parse_args(argv)
    args.databases = _choices(parser, "--databases", args.databases, DATABASES)
    args.modes = _choices(parser, "--modes", args.modes, ("nocache", "cache"))
    try:
        args.connections = sorted({int(c) for c in args.connections.split(",")})
    except ValueError:
        parser.error("--connections takes whole numbers separated by commas.")
    if not args.connections or min(args.connections) < args.threads:
        parser.error("every --connections value must be at least --threads.")
    args.seconds = _seconds(parser, args.duration)
    if args.questions < 1 or args.urls < 1:
        parser.error("--questions and --urls must be at least 1.")
    return args


def _choices(parser, flag: str, value: str, allowed) -> list[str]:
    chosen = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [v for v in chosen if v not in allowed]
    if unknown or not chosen:
        parser.error(f"{flag} takes {', '.join(allowed)} (comma-separated).")
    return list(dict.fromkeys(chosen))


def _seconds(parser, duration: str) -> int:
    match = re.fullmatch(r"(\d+)([smh]?)", duration.strip())
    if not match or int(match.group(1)) < 1:
        parser.error("--duration looks like 15s, 2m or 1h.")
    return int(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[match.group(2)]


def log(message: str) -> None:
    print(f"[{datetime.now().strftime('%H:%M:%S')}] {message}", flush=True)


def require_wrk() -> str:
    wrk = shutil.which("wrk")
    if not wrk:
        raise BenchError(
            "wrk is not installed. Install it (Debian/Ubuntu: "
            "`sudo apt-get install -y wrk`) and run this again."
        )
    return wrk


def check_postgres(url: str) -> None:
    import psycopg

    try:
        psycopg.connect(url.replace("postgres://", "postgresql://", 1)).close()
    except psycopg.OperationalError as exc:
        raise BenchError(
            f"Cannot connect to PostgreSQL at {url}: {str(exc).strip()}\n"
            "Create the bench database with: "
            "createdb -h 127.0.0.1 -U postgres curbside_bench"
        ) from None


def reset_redis(url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(url).flushdb()
    except redis.RedisError as exc:
        raise BenchError(
            f"Redis at {url} is needed for the cached runs: {exc}. Start Redis or "
            "leave out the cached runs with --modes nocache."
        ) from None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_env(database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in {"DATABASE_URL", "REDIS_URL", "PAGE_CACHE_SECONDS"}}  # fmt: skip
    env.update(
        CURBSIDE_ENV="production",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        CURBSIDE_VAR_DIR=str(OUT / "var"),
        DATABASE_URL=database_url,
        LOG_LEVEL="WARNING",
    )
    return env


def run_checked(cmd: list, env: dict | None = None, what: str = "") -> None:
    completed = subprocess.run(cmd, cwd=REPO, env=env)
    if completed.returncode != 0:
        raise BenchError(f"{what or cmd[0]} failed (exit {completed.returncode}).")


def prepare_data(args, name: str, url: str) -> Path:
    urls_file = OUT / f"urls-{name}.txt"
    log(f"{name}: making sure the database holds {args.questions:,} questions")
    cmd = [str(PYTHON), str(REPO / "bench" / "generate.py"),
           "--questions", str(args.questions), "--seed", str(args.seed),
           "--database-url", url, "--urls-out", str(urls_file),
           "--urls-count", str(args.urls)]  # fmt: skip
    run_checked(cmd, what="bench/generate.py")
    return urls_file


class Server:
    """gunicorn in its own process group, stopped for sure by stop()."""

    running: list["Server"] = []

    def __init__(self, env: dict, workers: int, log_path: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = dict(env, SITE_URL=self.base)
        self.workers = workers
        self.log_path = log_path
        self.proc = None

    def start(self) -> None:
        cmd = [str(BIN / "gunicorn"), "config.wsgi", "-w", str(self.workers),
               "-b", f"127.0.0.1:{self.port}", "--timeout", "60"]  # fmt: skip
        self._log = open(self.log_path, "w")  # noqa: SIM115 (closed in stop)
        self.proc = subprocess.Popen(
            cmd, cwd=REPO, env=self.env, stdout=self._log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        Server.running.append(self)
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BenchError(f"gunicorn exited at start-up:\n{self._tail()}")
            if fetch(self.base + "/healthz") == 200:
                return
            time.sleep(0.5)
        raise BenchError(f"/healthz did not answer 200 in {READY_SECONDS} s:\n"
                         f"{self._tail()}")  # fmt: skip

    def drain(self) -> None:
        """Wait until the workers have finished the requests a previous run left
        queued (clients that gave up still occupy sync workers)."""
        started = time.monotonic()
        while time.monotonic() - started < READY_SECONDS:
            if fetch(self.base + "/healthz") == 200:
                break
            time.sleep(0.5)
        waited = time.monotonic() - started
        if waited > 2:
            log(f"waited {waited:.0f} s for the workers to finish queued requests")

    def _tail(self, lines: int = 25) -> str:
        self._log.flush()
        text = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(text[-lines:])

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()  # gunicorn: graceful shutdown of the workers
            try:
                self.proc.wait(STOP_SECONDS)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        if self in Server.running:
            Server.running.remove(self)
            self._log.close()

    @classmethod
    def stop_all(cls) -> None:
        for server in list(cls.running):
            server.stop()


def fetch(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
            response.read()
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, OSError):
        return 0


def write_lua(name: str, urls: list[str], seed: int) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    list_path = OUT / f"wrk-{name}.txt"
    list_path.write_text("\n".join(urls) + "\n")
    script = OUT / f"wrk-{name}.lua"
    script.write_text(LUA % {"urls": list_path, "seed": seed})
    return script


def run_wrk(wrk: str, args, base: str, script: Path, connections: int,
            seconds: int | None = None) -> dict:  # fmt: skip
    seconds = seconds or args.seconds
    cmd = [wrk, f"-t{args.threads}", f"-c{connections}", f"-d{seconds}s",
           "--latency", "--timeout", WRK_TIMEOUT, "-s", str(script), base]  # fmt: skip
    try:
        completed = subprocess.run(
            cmd, capture_output=True, text=True, timeout=seconds + 60
        )
    except subprocess.TimeoutExpired:
        raise BenchError(f"wrk did not finish: {' '.join(cmd)}") from None
    if completed.returncode != 0:
        raise BenchError(f"wrk failed: {completed.stderr.strip()}")
    return parse_wrk(completed.stdout)


def parse_wrk(output: str) -> dict:
    bench = re.search(r"^BENCH (.*)$", output, re.MULTILINE)
    if not bench:
        raise BenchError(f"wrk printed no BENCH line:\n{output}")
    values = {k: float(v) for k, v in (p.split("=") for p in bench.group(1).split())}
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    values["rps"] = (
        float(rps.group(1))
        if rps
        else values["requests"] / max(values["duration_us"] / 1e6, 1e-9)
    )
    return values


def warm_up(base: str, urls: list[str], limit_seconds: int):
    """Fetch every page once (fills the page cache), for at most limit_seconds.

    Returns the pages that answered 200 and a count of the answers by status
    ("skipped": not fetched before the time ran out).
    """
    deadline = time.monotonic() + limit_seconds

    def one(path: str) -> int:
        return fetch(base + path) if time.monotonic() < deadline else -1

    pool = ThreadPoolExecutor(max_workers=4)
    try:
        statuses = list(pool.map(one, urls))
    finally:  # on Ctrl-C, drop the pages not fetched yet
        pool.shutdown(wait=False, cancel_futures=True)
    counts: dict = {}
    for status in statuses:
        key = "skipped" if status == -1 else status
        counts[key] = counts.get(key, 0) + 1
    ok = [url for url, status in zip(urls, statuses, strict=True) if status == 200]
    return ok, counts


def bench_database(args, wrk: str, name: str, url: str) -> list[Result]:
    urls_file = prepare_data(args, name, url)
    question_urls = [u for u in urls_file.read_text().splitlines() if u]
    pages = {
        "home": write_lua(f"{name}-home", ["/"], args.seed),
        "question": write_lua(f"{name}-question", question_urls, args.seed),
    }
    results = []
    for mode in args.modes:
        env = base_env(url)
        if mode == "cache":
            reset_redis(args.redis_url)
            env["REDIS_URL"] = args.redis_url
        else:
            env["PAGE_CACHE_SECONDS"] = "0"
        server = Server(env, args.workers, OUT / f"gunicorn-{name}-{mode}.log")
        log(f"{name}/{mode}: starting gunicorn -w {args.workers} on {server.base}")
        try:
            server.start()
            scripts = dict(pages)
            if mode == "cache":
                warmed, statuses = warm_up(
                    server.base, ["/", *question_urls], args.warmup_seconds
                )
                log(f"{name}/{mode}: warm-up pass over every page: {statuses}")
                warmed = [u for u in warmed if u != "/"]
                if warmed and len(warmed) < len(question_urls):
                    log(f"{name}/{mode}: only {len(warmed)} of "
                        f"{len(question_urls)} question pages were cached in "
                        f"{args.warmup_seconds} s; the cached run uses those")  # fmt: skip
                    scripts["question"] = write_lua(
                        f"{name}-question-warmed", warmed, args.seed
                    )
            for page, script in scripts.items():
                server.drain()
                run_wrk(wrk, args, server.base, script, min(args.connections), 3)
                for connections in args.connections:
                    server.drain()
                    values = run_wrk(wrk, args, server.base, script, connections)
                    result = Result(
                        database=name, mode=mode, page=page, connections=connections,
                        rps=round(values["rps"], 1),
                        p50_ms=round(values["p50_us"] / 1000, 1),
                        p90_ms=round(values["p90_us"] / 1000, 1),
                        p95_ms=round(values["p95_us"] / 1000, 1),
                        p99_ms=round(values["p99_us"] / 1000, 1),
                        max_ms=round(values["max_us"] / 1000, 1),
                        requests=int(values["requests"]),
                        non2xx=int(values["non2xx"]),
                        errors=int(values["connect"] + values["read"]
                                   + values["write"] + values["timeout"]),
                    )  # fmt: skip
                    results.append(result)
                    log(f"{name}/{mode} {page} c={connections}: "
                        f"{result.rps} req/s, p50 {result.p50_ms} ms, p95 "
                        f"{result.p95_ms} ms, p99 {result.p99_ms} ms, non-2xx "
                        f"{result.non2xx}, socket errors {result.errors}")  # fmt: skip
        finally:
            server.stop()
            log(f"{name}/{mode}: gunicorn stopped")
    return results


def _ms(result: Result, value: float) -> str:
    """A latency, or "nan" when no request finished (all timed out)."""
    return f"{value:.1f}" if result.requests else "nan"


def table(results: list[Result]) -> str:
    head = ("database", "mode", "page", "conns", "req/s", "p50 ms", "p95 ms",
            "p99 ms", "non-2xx", "errors")  # fmt: skip
    rows = [head] + [
        (r.database, r.mode, r.page, str(r.connections), f"{r.rps:.1f}",
         _ms(r, r.p50_ms), _ms(r, r.p95_ms), _ms(r, r.p99_ms), str(r.non2xx),
         str(r.errors))
        for r in results
    ]  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True))
             for row in rows]  # fmt: skip
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def summary(args, results: list[Result]) -> str:
    """One line of name=value pairs: no prefix = SQLite, no suffix = no cache and
    the most connections; ``pg_``, ``_cached`` and ``_c16`` mark the others."""
    top = max(args.connections)
    pairs = [("questions", str(args.questions))]
    order = sorted(
        results,
        key=lambda r: (r.database != "sqlite", r.mode != "nocache", r.page != "question",
                       r.connections != top, r.connections),
    )  # fmt: skip
    for r in order:
        prefix = "" if r.database == "sqlite" else "pg_"
        suffix = ("_cached" if r.mode == "cache" else "") + (
            "" if r.connections == top else f"_c{r.connections}"
        )
        pairs.append((f"{prefix}{r.page}_rps{suffix}", f"{r.rps:.1f}"))
        pairs.append((f"{prefix}{r.page}_p95_ms{suffix}", _ms(r, r.p95_ms)))
        if r.non2xx or r.errors:
            pairs.append((f"{prefix}{r.page}_non2xx{suffix}", str(r.non2xx)))
            pairs.append((f"{prefix}{r.page}_errors{suffix}", str(r.errors)))
    return " ".join(f"{k}={v}" for k, v in pairs)


def main(argv=None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    urls = {"sqlite": args.sqlite_url, "postgres": args.postgres_url}
    results: list[Result] = []
    try:
        wrk = require_wrk()
        if "postgres" in args.databases:
            check_postgres(args.postgres_url)
        OUT.mkdir(parents=True, exist_ok=True)
        log("collecting static files (production storage)")
        run_checked(
            [str(BIN / "curbside"), "collectstatic", "--noinput", "-v0"],
            env=base_env(urls[args.databases[0]]), what="curbside collectstatic",
        )  # fmt: skip
        for name in args.databases:
            results += bench_database(args, wrk, name, urls[name])
    except BenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        Server.stop_all()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    record = OUT / f"pages-{stamp}.json"
    record.write_text(json.dumps(
        {"args": {k: v for k, v in vars(args).items()},
         "results": [asdict(r) for r in results]}, indent=2,
    ))  # fmt: skip
    print()
    print(table(results))
    print(f"(results saved in {record.relative_to(REPO)})")
    print(summary(args, results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
