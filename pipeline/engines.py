"""Where the per-document stages run: in this process, in a pool of worker processes, or
on a Dask cluster.

The runner submits tasks of a few documents each and collects them in submission order, so
every engine writes the same outputs byte for byte. At most ``capacity`` tasks are in
flight: workers keep computing while the runner writes earlier results, and memory stays
bounded whatever the corpus size. Nothing starts until the first task: a re-run whose
documents are all cached loads no model and forks no process.
"""
from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Iterator

from .records import DocResult, Document

log = logging.getLogger(__name__)

Results = list[tuple[DocResult, dict]]

_WORKER: dict = {}

# Tasks in flight per worker: one running, the next ones queued so the worker never waits.
TASKS_PER_WORKER = 3


def _init_worker(model: str, extractors: list[str]) -> None:
    """Load the model once per process (load_model is cached per path)."""
    from .nlp import load_model

    _WORKER.update(nlp=load_model(model), model=model, extractors=extractors)


def process_batch(docs: list[Document], model: str, extractors: list[str]) -> Results:
    """One task: the per-document stages for a few documents, with the seconds per stage
    (they go with the first document's result, so the runner can sum them)."""
    from .runner import Timer, process_documents

    if _WORKER.get("model") != model or _WORKER.get("extractors") != extractors:
        _init_worker(model, extractors)
    timer = Timer()
    results = process_documents(docs, _WORKER["nlp"], extractors, timer)
    return [(r, dict(timer) if i == 0 else {}) for i, r in enumerate(results)]


def batched(items: Iterable, n: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(itertools.islice(it, n)):
        yield batch


class _Deferred:
    """A serial task: computed when the runner asks for it."""

    def __init__(self, docs: list[Document], model: str, extractors: list[str]):
        self.args = (docs, model, extractors)

    def result(self) -> Results:
        return process_batch(*self.args)


class _PoolTask:
    def __init__(self, async_result):
        self.async_result = async_result

    def result(self) -> Results:
        return self.async_result.get()


class Engine:
    """``submit(docs)`` returns a handle whose ``result()`` waits for that task."""

    def __init__(self, model: str, extractors: list[str], workers: int = 1):
        self.model, self.extractors, self.workers = model, extractors, workers

    @property
    def capacity(self) -> int:
        return TASKS_PER_WORKER * self.workers

    def submit(self, docs: list[Document]):
        raise NotImplementedError

    def close(self, abort: bool = False) -> None:
        pass


class SerialEngine(Engine):
    capacity = 0  # nothing to overlap with: each task is computed when its results are written

    def submit(self, docs):
        return _Deferred(docs, self.model, self.extractors)


class ProcessEngine(Engine):
    """A fork pool; the model is loaded by each worker (in parallel) when the pool starts."""

    pool = None

    def submit(self, docs):
        if self.pool is None:
            import multiprocessing as mp

            ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
            self.pool = ctx.Pool(self.workers, initializer=_init_worker, initargs=(self.model, self.extractors))
        return _PoolTask(self.pool.apply_async(process_batch, (docs, self.model, self.extractors)))

    def close(self, abort=False):
        if self.pool is not None:
            self.pool.terminate() if abort else self.pool.close()
            self.pool.join()


class DaskEngine(Engine):
    """Tasks on a Dask cluster: the one at ``scheduler``, or a local one of ``workers`` processes."""

    client = cluster = None

    def __init__(self, model, extractors, workers, scheduler: str = ""):
        super().__init__(model, extractors, workers)
        self.scheduler = scheduler

    def _connect(self) -> None:
        from dask.distributed import Client, LocalCluster

        if self.scheduler:
            self.client = Client(self.scheduler)
        else:
            self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        self.workers = max(1, sum(self.client.nthreads().values()))

    def submit(self, docs):
        if self.client is None:
            self._connect()
        return self.client.submit(process_batch, docs, self.model, self.extractors, pure=False)

    def close(self, abort=False):
        if self.client is not None:
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
