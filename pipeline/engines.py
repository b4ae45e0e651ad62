"""Where the per-document stages run: in this process, in a pool of worker processes, or
on a Dask cluster. Each worker loads the model once; documents flow in bounded batches so
memory does not grow with the corpus; results come back in input order, so every engine
writes the same outputs byte for byte.
"""
from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Iterator

from .records import DocResult, Document

log = logging.getLogger(__name__)

_WORKER: dict = {}


def _init_worker(model: str, extractors: list[str]) -> None:
    from .nlp import load_model

    _WORKER["nlp"] = load_model(model)
    _WORKER["extractors"] = extractors


# Documents a worker takes at a time: enough sentences for efficient spaCy batches.
CHUNK = 16


def _work(docs: list[Document]) -> tuple[list[DocResult], dict]:
    from .runner import Timer, process_documents

    timer = Timer()
    return process_documents(docs, _WORKER["nlp"], _WORKER["extractors"], timer), dict(timer)


def _flatten(parts: list[tuple[list[DocResult], dict]]) -> list[tuple[DocResult, dict]]:
    """One (result, seconds per stage) per document; a chunk's timings go with its first."""
    return [(r, timer if i == 0 else {}) for results, timer in parts for i, r in enumerate(results)]


def process_batch(docs: list[Document], model: str, extractors: list[str]) -> list[tuple[DocResult, dict]]:
    """One Dask task: the model is loaded once per worker process (load_model is cached)."""
    if _WORKER.get("model") != model:
        _init_worker(model, extractors)
        _WORKER["model"] = model
    _WORKER["extractors"] = extractors
    return _flatten([_work(chunk) for chunk in batched(docs, CHUNK)])


def batched(items: Iterable, n: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(itertools.islice(it, n)):
        yield batch


class Engine:
    """Maps documents to results; ``close()`` releases workers."""

    def map(self, docs: list[Document]) -> list[tuple[DocResult, dict]]:
        raise NotImplementedError

    def close(self) -> None:
        pass


class SerialEngine(Engine):
    def __init__(self, model: str, extractors: list[str]):
        _init_worker(model, extractors)

    def map(self, docs):
        return _flatten([_work(chunk) for chunk in batched(docs, CHUNK)])


class ProcessEngine(Engine):
    def __init__(self, model: str, extractors: list[str], workers: int):
        import multiprocessing as mp

        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        self.pool = ctx.Pool(workers, initializer=_init_worker, initargs=(model, extractors))
        self.workers = workers

    def map(self, docs):
        size = max(1, min(CHUNK, -(-len(docs) // self.workers)))  # every worker gets a share
        return _flatten(self.pool.map(_work, list(batched(docs, size))))

    def close(self):
        self.pool.close()
        self.pool.join()


class DaskEngine(Engine):
    """Per-document stages as Dask tasks; a local cluster unless ``scheduler`` names one."""

    def __init__(self, model: str, extractors: list[str], workers: int, scheduler: str = ""):
        from dask.distributed import Client, LocalCluster

        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        self.model, self.extractors, self.workers = model, extractors, workers

    def map(self, docs):
        parts = list(batched(docs, max(1, len(docs) // (self.workers * 2) or 1)))
        futures = self.client.map(process_batch, parts, model=self.model, extractors=self.extractors, pure=False)
        return [pair for part in self.client.gather(futures) for pair in part]

    def close(self):
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_engine(kind: str, model: str, extractors: list[str], workers: int, scheduler: str = "") -> Engine:
    if kind == "dask":
        return DaskEngine(model, extractors, workers, scheduler)
    if kind != "local":
        raise ValueError(f"unknown engine {kind!r}: use 'local' or 'dask'")
    if workers <= 1:
        return SerialEngine(model, extractors)
    return ProcessEngine(model, extractors, workers)
