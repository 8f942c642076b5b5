"""Load bench: concurrent clients against /api/ask and the Gradio chat while articles are ingested.

python bench/load.py [--clients 32] [--seconds 60] [--db DIR]

Starts `python app.py` on 127.0.0.1 (a fresh store holding data/sample unless --db), then for the
given time runs the clients (a quarter of them through gradio_client's /ask, the rest through
POST /api/ask) while a writer uploads new articles through POST /api/ingest every few seconds.
Every request must succeed, and every citation must name a paragraph that exists in the store
afterwards. Prints a table and, as the last line, key=value pairs. Traffic goes to 127.0.0.1 only;
every loop is bounded in time.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.app_server import start_app  # noqa: E402

QUESTIONS = [
    "What did Sergeev say about Iran?",
    "How large was the European rapid reaction force?",
    "What did William Cohen warn could happen to NATO?",
    "How did Igor Ivanov respond to U.S. warnings of sanctions?",
    "What share of the vote did Lukashenka win?",
    "How heavy was the object the Kursk collided with?",
    "What did Sergeev say about Chinese purchases of Su-30 fighter jets?",
    "On what date did the NATO-Russia Permanent Joint Council meet in Brussels?",
    "What did the Northern Fleet commander say about the crew?",
    "Which existing contracts did the Gore-Chernomyrdin agreement allow?",
]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = {"api": [], "gradio": [], "ingest": []}
        self.failures: list[str] = []
        self.cited: set[str] = set()

    def ok(self, kind: str, seconds: float, cited: list[str] = ()) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            self.cited.update(cited)

    def fail(self, kind: str, message: str) -> None:
        with self.lock:
            self.failures.append(f"{kind}: {message[:300]}")


def api_client(url: str, stop: float, tally: Tally, seed: int) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=url, timeout=300) as client:
        while time.monotonic() < stop:
            question = rng.choice(QUESTIONS)
            started = time.perf_counter()
            try:
                response = client.post("/api/ask", json={"question": question})
                if response.status_code != 200:
                    tally.fail("api", f"{response.status_code} {response.text}")
                    continue
                body = response.json()
                ids = [c["paragraph_id"] for c in body["citations"]]
                tally.ok("api", time.perf_counter() - started, ids)
            except Exception as error:  # a failed request is a result, not a crash
                tally.fail("api", repr(error))


def gradio_client(url: str, stop: float, tally: Tally, seed: int) -> None:
    from gradio_client import Client

    rng = random.Random(seed)
    client = Client(url, verbose=False, download_files=False)
    while time.monotonic() < stop:
        started = time.perf_counter()
        try:
            messages, *_ = client.predict(rng.choice(QUESTIONS), api_name="/ask")
            if not messages:
                tally.fail("gradio", "empty conversation")
                continue
            tally.ok("gradio", time.perf_counter() - started)
        except Exception as error:
            tally.fail("gradio", repr(error))


def writer(url: str, token: str, stop: float, tally: Tally, every: float) -> None:
    rng = random.Random(7)
    words = (REPO / "data" / "sample" / "000_monitor-6-228.txt").read_text().split()[8:]
    n = 0
    with httpx.Client(base_url=url, timeout=300) as client:
        while time.monotonic() < stop:
            n += 1
            paragraphs = [" ".join(rng.choice(words) for _ in range(60)) for _ in range(4)]
            text = f"Publication: Load Wire Volume: 1 Issue: {n}\n\n" + "\n\n".join(paragraphs)
            started = time.perf_counter()
            try:
                response = client.post(
                    "/api/ingest",
                    headers={"Authorization": f"Bearer {token}"},
                    files=[("files", (f"load-{n:04}.txt", text.encode(), "text/plain"))],
                )
                if response.status_code != 200 or response.json().get("failed"):
                    tally.fail("ingest", f"{response.status_code} {response.text}")
                else:
                    tally.ok("ingest", time.perf_counter() - started)
            except Exception as error:
                tally.fail("ingest", repr(error))
            time.sleep(every)


def existing_paragraphs(db: Path) -> set[str]:
    from index.catalog import load

    catalog = load(db / "keyword")
    return {p.id for p in catalog.paragraphs} if catalog else set()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--ingest-every", type=float, default=5.0)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="dispatch-load-"))
    db = args.db or work / "store"
    token = secrets.token_urlsafe(24)
    server = start_app(db, work / "app.log", env={"DISPATCH_ADMIN_TOKEN": token})
    tally = Tally()
    try:
        stop = time.monotonic() + args.seconds
        gradio_count = max(1, args.clients // 4)
        threads = [
            threading.Thread(
                target=writer, args=(server.url, token, stop, tally, args.ingest_every)
            )
        ]
        threads += [
            threading.Thread(target=gradio_client, args=(server.url, stop, tally, i))
            for i in range(gradio_count)
        ]
        threads += [
            threading.Thread(target=api_client, args=(server.url, stop, tally, 100 + i))
            for i in range(args.clients - gradio_count)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(args.seconds + 600)
        elapsed = time.perf_counter() - started
        log = server.output()
    finally:
        server.stop()
    existing = existing_paragraphs(db)
    dangling = sorted(tally.cited - existing)
    answers = tally.latencies["api"] + tally.latencies["gradio"]
    figures = {
        "clients": args.clients,
        "seconds": round(elapsed, 1),
        "requests": len(answers),
        "failed": len(tally.failures),
        "ingests": len(tally.latencies["ingest"]),
        "dangling_citations": len(dangling),
        "throughput_rps": round(len(answers) / elapsed, 2),
        "api_p50_ms": round(percentile(tally.latencies["api"], 50) * 1000),
        "api_p95_ms": round(percentile(tally.latencies["api"], 95) * 1000),
        "gradio_p50_ms": round(percentile(tally.latencies["gradio"], 50) * 1000),
        "gradio_p95_ms": round(percentile(tally.latencies["gradio"], 95) * 1000),
        "ingest_p50_ms": round(percentile(tally.latencies["ingest"], 50) * 1000),
        "tracebacks_in_log": log.count("Traceback"),
    }
    print(f"{'figure':<22}{'value':>12}")
    for key, value in figures.items():
        print(f"{key:<22}{value:>12}")
    for failure in tally.failures[:10]:
        print("failure:", failure)
    if dangling:
        print("citations to missing paragraphs:", dangling[:10])
    if answers:
        print(f"mean answer latency {statistics.mean(answers) * 1000:.0f} ms")
    print(" ".join(f"{k}={v}" for k, v in figures.items()))
    os.environ.pop("DISPATCH_ADMIN_TOKEN", None)
    return 0 if not tally.failures and not dangling else 1


if __name__ == "__main__":
    sys.exit(main())
