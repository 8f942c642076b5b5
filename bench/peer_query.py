"""The peer: llama-index's naive pipeline (VectorStoreIndex over Chroma, default chunking, the same
model, similarity_top_k=10), built or reopened and timed on the benchmark's questions in a child
process of its own, so its imports and memory stay out of our figures.

    python bench/peer_query.py JOB.json FOLDER    (run by bench/query.py)
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.timing import QUERY_THREADS, K, limit_threads, ms_since, percentile  # noqa: E402


def peer_files(catalog, corpus: Path, cap: int | None) -> tuple[list[Path], int]:
    """The archive's files in order, the first ones holding at least `cap` paragraphs."""
    per_file = Counter(Path(p.source).name for p in catalog.paragraphs)
    chosen, count = [], 0
    for path in sorted(corpus.glob("*.txt")):
        if cap is not None and count >= cap:
            break
        chosen.append(path)
        count += per_file[path.name]
    return chosen, count


def run_peer(files: list[Path], questions: list[str], folder: Path, work: Path) -> dict:
    job = work / "peer-job.json"
    job.write_text(json.dumps({"files": [str(p) for p in files], "questions": questions}))
    command = [sys.executable, __file__, str(job), str(folder)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"peer run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def peer_worker(job_file: Path, folder: Path) -> int:
    """llama-index's naive pipeline, built (two threads) or reopened, then queried (one)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from llama_index.core import Settings, SimpleDirectoryReader, StorageContext, VectorStoreIndex
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from index.embedder import resolve_model_path
    from index.settings import DEFAULT_MODEL

    job = json.loads(job_file.read_text())
    limit_threads(2)
    Settings.llm = None
    Settings.embed_model = HuggingFaceEmbedding(
        model_name=str(resolve_model_path(DEFAULT_MODEL)), device="cpu"
    )
    digest = hashlib.sha256(json.dumps([DEFAULT_MODEL, *job["files"]]).encode()).hexdigest()
    marker = folder / "built.json"
    reused = marker.is_file() and json.loads(marker.read_text())["digest"] == digest
    if not reused:
        shutil.rmtree(folder, ignore_errors=True)
    client = chromadb.PersistentClient(
        path=str(folder / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    store = ChromaVectorStore(chroma_collection=client.get_or_create_collection("peer"))
    started = time.perf_counter()
    if reused:
        index = VectorStoreIndex.from_vector_store(store)
    else:
        documents = SimpleDirectoryReader(input_files=job["files"]).load_data()
        storage = StorageContext.from_defaults(vector_store=store)
        index = VectorStoreIndex.from_documents(documents, storage_context=storage)
        marker.write_text(json.dumps({"digest": digest}))
    build_s = time.perf_counter() - started
    retriever = index.as_retriever(similarity_top_k=K)
    limit_threads(QUERY_THREADS)
    for question in job["questions"][:3]:
        retriever.retrieve(question)  # warm-up, untimed
    times = []
    for question in job["questions"]:
        started = time.perf_counter()
        retriever.retrieve(question)
        times.append(ms_since(started))
    print(
        json.dumps(
            {
                "p50": percentile(times, 50),
                "p95": percentile(times, 95),
                "nodes": client.get_collection("peer").count(),
                "build_s": build_s,
                "reused": reused,
                "chunk": f"{Settings.chunk_size}/{Settings.chunk_overlap}",
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(peer_worker(Path(sys.argv[1]), Path(sys.argv[2])))
