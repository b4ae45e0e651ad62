"""Where the per-document stages run: in this process, in a pool of worker processes, or
on a Dask cluster.

The runner submits tasks of a few documents each and collects them in submission order, so
every engine writes the same outputs byte for byte. At most ``capacity`` tasks are in
flight: workers keep computing while the runner writes earlier results, and memory stays
bounded whatever the corpus size. A worker pool starts at once in the background (new
documents of a re-run find the model loaded); the serial engine and Dask start at the first
task, so a serial re-run whose documents are all cached loads no model.
"""
from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from .records import Document

log = logging.getLogger(__name__)

Results = list[tuple[bytes, dict]]

_WORKER: dict = {}

# Batches in flight per worker (each shared among the workers): one running, the next ones
# queued so that no worker waits while the runner writes.
TASKS_PER_WORKER = 3


def _init_worker(model: str, extractors: list[str], nlp_cache: str = "", refresh: bool = False) -> None:
    """Load the model once per process (load_model is cached per path)."""
    from .nlp import AnnotationCache, load_model

    nlp = load_model(model)
    cache = AnnotationCache(Path(nlp_cache), model, read=not refresh) if nlp is not None and nlp_cache else None
    _WORKER.update(nlp=nlp, cache=cache, setup=(model, extractors, nlp_cache, refresh))


def process_batch(docs: list[Document], model: str, extractors: list[str], nlp_cache: str = "",
                  refresh: bool = False) -> Results:
    """One task: the per-document stages for a few documents, each result rendered and packed
    as its cache entry (``Emitted.pack``: the runner then only writes bytes), with the seconds
    per stage (they go with the first document, so the runner can sum them)."""
    from .cache import Emitted
    from .process import Timer, process_documents

    if _WORKER.get("setup") != (model, extractors, nlp_cache, refresh):
        _init_worker(model, extractors, nlp_cache, refresh)
    timer = Timer()
    results = process_documents(docs, _WORKER["nlp"], extractors, timer, _WORKER["cache"])
    t = time.perf_counter()
    packed = [Emitted.of(r).pack() for r in results]
    timer.add("render", t)
    return [(blob, dict(timer) if i == 0 else {}) for i, blob in enumerate(packed)]


def batched(items: Iterable, n: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(itertools.islice(it, n)):
        yield batch


class _Deferred:
    """A serial task: computed when the runner asks for it."""

    def __init__(self, *args):
        self.args = args

    def result(self) -> Results:
        return process_batch(*self.args)


class _PoolTask:
    def __init__(self, async_result):
        self.async_result = async_result

    def result(self) -> Results:
        return self.async_result.get()


class Engine:
    """``submit(docs)`` returns a handle whose ``result()`` waits for that task; ``start()``
    may warm workers up in the background while the runner reads cached results."""

    def __init__(self, model: str, extractors: list[str], workers: int = 1, nlp_cache: str = "",
                 refresh: bool = False):
        self.workers = workers
        self.setup = (model, extractors, nlp_cache, refresh)  # process_batch's arguments after docs

    @property
    def capacity(self) -> int:
        return TASKS_PER_WORKER * self.workers

    def start(self) -> None:
        pass

    def submit(self, docs: list[Document]):
        raise NotImplementedError

    def close(self, abort: bool = False) -> None:
        pass


class SerialEngine(Engine):
    capacity = 0  # nothing to overlap with: each task is computed when its results are written

    def submit(self, docs):
        return _Deferred(docs, *self.setup)


class ProcessEngine(Engine):
    """A fork pool; each worker loads the model as it starts, in parallel with the runner."""

    pool = None

    def start(self):
        if self.pool is None:
            import multiprocessing as mp

            ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
            self.pool = ctx.Pool(self.workers, initializer=_init_worker, initargs=self.setup)

    def submit(self, docs):
        self.start()
        return _PoolTask(self.pool.apply_async(process_batch, (docs, *self.setup)))

    def close(self, abort=False):
        if self.pool is not None:
            self.pool.terminate() if abort else self.pool.close()
            self.pool.join()


class DaskEngine(Engine):
    """Tasks on a Dask cluster: the one at ``scheduler``, or a local one of ``workers`` processes."""

    client = cluster = None

    def __init__(self, model, extractors, workers, scheduler: str = "", **cache):
        super().__init__(model, extractors, workers, **cache)
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
        return self.client.submit(process_batch, docs, *self.setup, pure=False)

    def close(self, abort=False):
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_engine(kind: str, model: str, extractors: list[str], workers: int, scheduler: str = "",
                nlp_cache: str = "", refresh: bool = False) -> Engine:
    """``nlp_cache``: folder of the model-output cache ('' for none); ``refresh``: ignore it, rewrite it."""
    cache = {"nlp_cache": nlp_cache, "refresh": refresh}
    if kind == "dask":
        return DaskEngine(model, extractors, workers, scheduler, **cache)
    if kind != "local":
        raise ValueError(f"unknown engine {kind!r}: use 'local' or 'dask'")
    if workers <= 1:
        return SerialEngine(model, extractors, **cache)
    return ProcessEngine(model, extractors, workers, **cache)
