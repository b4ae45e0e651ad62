"""Where the per-document stages run: in this process, in worker processes forked from one
that loaded the model, or on a Dask cluster.

The runner submits tasks of a few documents each and collects them in submission order, so
every engine writes the same outputs byte for byte. At most ``capacity`` tasks are in
flight: workers keep computing while the runner writes earlier results, and memory stays
bounded whatever the corpus size. No engine loads the model before its first task, so a
re-run whose documents are all cached loads none; local workers then load it in the
background while the runner writes the cached entries.
"""
from __future__ import annotations

import itertools
import logging
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model.nlp import AnnotationCache, import_libraries, load_model
from ..records import Document
from ..rules.process import Timer, process_documents
from .cache import CacheEntry

log = logging.getLogger(__name__)

Results = list[tuple[bytes, dict]]

_WORKER: dict = {}

# Batches in flight per worker (each shared among the workers): one running, the next ones
# queued so that no worker waits while the runner writes.
TASKS_PER_WORKER = 3


def _init_worker(model: str, extractors: list[str], nlp_cache: str = "", refresh: bool = False) -> None:
    """Load the model once per process (load_model is cached per path)."""

    nlp = load_model(model)
    cache = AnnotationCache(Path(nlp_cache), model, read=not refresh) if nlp is not None and nlp_cache else None
    _WORKER.update(nlp=nlp, cache=cache, setup=(model, extractors, nlp_cache, refresh))


def process_batch(docs: list[Document], model: str, extractors: list[str], nlp_cache: str = "",
                  refresh: bool = False) -> Results:
    """One task: the per-document stages for a few documents, each result rendered and packed
    as its cache entry (``CacheEntry.pack``: the runner then only writes bytes), with the seconds
    per stage (they go with the first document, so the runner can sum them)."""

    if _WORKER.get("setup") != (model, extractors, nlp_cache, refresh):
        _init_worker(model, extractors, nlp_cache, refresh)
    timer = Timer()
    results = process_documents(docs, _WORKER["nlp"], extractors, timer, _WORKER["cache"])
    t = time.perf_counter()
    packed = [CacheEntry.of(r).pack() for r in results]
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


class _WorkerTask:
    def __init__(self, engine: "ProcessEngine", n: int):
        self.engine, self.n = engine, n

    def result(self) -> Results:
        return self.engine.wait(self.n)


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


def _import_libraries(model: str) -> None:
    """The libraries the model needs, imported while no task is there yet; a failure here is
    left for the model's load to report."""

    try:
        import_libraries(model)
    except Exception:  # reported, with what to do, when the first task loads the model
        pass


def _serve(tasks, results, lock, setup: tuple, workers: int, parent: int) -> None:
    """The workers' parent: waits for the first task, loads the model, forks the workers from
    itself, then watches them.

    It is forked as the run starts, while the runner is small, and loads the model only when
    a document needs it: a re-run with nothing new loads none. Forked after loading, the
    workers share its memory and skip what each would pay alone (about 2 s of spaCy import
    and model load, most of a small re-run). They take tasks from one queue and send
    ``(n, results)`` or ``(n, exception)`` back through one pipe; the first task, taken here,
    goes to the first worker. A worker that dies (an OOM kill) takes its task with it: the
    others are then stopped and this process exits, which the runner sees; none outlives the
    run."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the runner's to handle: it stops us
    _die_with(parent)
    _import_libraries(setup[0])
    first = tasks.get()
    if first is None:  # the run ended with every document cached
        return
    try:
        _init_worker(*setup)
    except Exception as e:  # every task then reports it
        _work(tasks, results, lock, setup, failed=e, first=first)
        return
    children: set[int] = set()

    def stop(signum=None, frame=None):
        for pid in children:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:  # reaped meanwhile
                pass
        os._exit(1)

    signal.signal(signal.SIGTERM, stop)  # an aborted run stops every worker
    me = os.getpid()
    for i in range(workers):
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                _die_with(me)
                _work(tasks, results, lock, setup, first=first if i == 0 else None)
                code = 0
            finally:
                os._exit(code)
        children.add(pid)
    while children:
        pid, status = os.wait()  # their peak memory then counts in the runner's report
        children.discard(pid)
        if status:
            stop()


def _die_with(parent: int) -> None:
    """Have the kernel kill this process when ``parent`` dies (Linux), so no worker outlives
    a killed run holding a model in memory."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # it died before that
        os._exit(1)


def _work(tasks, results, lock, setup: tuple, failed: Exception | None = None, first=None) -> None:
    while (task := first or tasks.get()) is not None:
        first = None
        n, docs = task
        try:
            out = failed or process_batch(docs, *setup)
        except Exception as e:  # handed to the runner, which raises it
            out = e
        if isinstance(out, Exception):
            try:
                pickle.loads(pickle.dumps(out))
            except Exception:  # it would not survive the trip
                out = RuntimeError(f"worker failed: {out!r}")
        with lock:
            results.send((n, out))


class ProcessEngine(Engine):
    """Local worker processes forked from one that loaded the model as it started (in
    parallel with the runner). A thread takes their results as they come, so no worker
    waits for the runner to want them."""

    process = None
    _submitted = False

    def start(self):
        if self.process is not None:
            return
        import multiprocessing as mp

        ctx = mp.get_context("fork")
        self._tasks = ctx.Queue()  # puts never block the runner
        reader, writer = ctx.Pipe(duplex=False)
        self._done: dict[int, object] = {}
        self._arrived = threading.Condition()
        self._ended = False
        self._count = itertools.count()
        self.process = ctx.Process(target=_serve, name="lvpress-workers", daemon=True,
                                   args=(self._tasks, writer, ctx.Lock(), self.setup, self.workers, os.getpid()))
        self.process.start()
        writer.close()
        self._reader = threading.Thread(target=self._collect, args=(reader,), name="lvpress-results", daemon=True)
        self._reader.start()

    def _collect(self, reader) -> None:
        try:
            while True:
                n, out = reader.recv()
                with self._arrived:
                    self._done[n] = out
                    self._arrived.notify_all()
        except (EOFError, OSError):  # every worker has exited
            pass
        finally:
            reader.close()
            with self._arrived:
                self._ended = True
                self._arrived.notify_all()

    def submit(self, docs):
        self.start()
        self._submitted = True
        n = next(self._count)
        self._tasks.put((n, docs))
        return _WorkerTask(self, n)

    def wait(self, n: int) -> Results:
        with self._arrived:
            while n not in self._done and not self._ended:
                self._arrived.wait()
            if n not in self._done:
                self.process.join(5)
                raise RuntimeError(f"the worker processes stopped (exit code {self.process.exitcode}); "
                                   "out of memory? try fewer --workers")
            out = self._done.pop(n)
        if isinstance(out, BaseException):
            raise out
        return out

    def close(self, abort=False):
        if self.process is None:
            return
        stop = abort or not self._submitted  # never given a task, it holds no work: maybe imports
        if stop:
            self._tasks.cancel_join_thread()  # tasks nobody will read must not hold up the exit
            self.process.terminate()
        else:
            for _ in range(self.workers):
                self._tasks.put(None)
        self.process.join(5 if stop else None)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self._reader.join(5)
        self._tasks.close()
        self.process = None


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
    if workers <= 1 or not hasattr(os, "fork"):  # the workers fork from the first (POSIX only)
        if workers > 1:
            log.warning("--workers %d needs os.fork, which this platform lacks: running in one process", workers)
        return SerialEngine(model, extractors, **cache)
    return ProcessEngine(model, extractors, workers, **cache)
