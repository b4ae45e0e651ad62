"""One run at a time per output folder: an exclusive lock beside OUT, and stale staging clean-up.

Two `lvpress run` into the same OUT (a scheduled re-run overlapping a manual one) would
otherwise race on the staging folder and the swap. The lock file sits beside OUT
(``.OUT.lock``), never inside it, since OUT itself is swapped; ``.OUT.lock.owner`` says which
process holds it, so the second run can tell the user who to wait for. The operating system
releases the lock when its process dies, so a killed run never blocks the next one.

Staging folders are named ``.OUT.staging-<pid>-…``: one whose process is gone is a killed
run's and is removed; one whose process is alive belongs to a live run and is left alone.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

log = logging.getLogger(__name__)


class OutputLocked(RuntimeError):
    """Another live run is writing the same output folder."""


def lock_path(out: Path) -> Path:
    return out.parent / f".{out.name}.lock"


def staging_prefix(out: Path) -> str:
    return f".{out.name}.staging-{os.getpid()}-"


def _owner(out: Path) -> str:
    try:
        info = json.loads((lock_path(out).with_suffix(".lock.owner")).read_text(encoding="utf-8"))
        return f"process {info['pid']} (started {info['started']})"
    except (OSError, ValueError, KeyError):
        return "another process"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def remove_stale_staging(out: Path) -> None:
    """Remove the staging folders of OUT whose process is gone."""
    for folder in out.parent.glob(f".{out.name}.staging-*"):
        pid = folder.name.rsplit(".staging-", 1)[1].split("-", 1)[0]
        if pid.isdigit() and _alive(int(pid)):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        log.info("removed %s, left by a run that was killed", folder)


@contextmanager
def output_lock(out: Path, wait: bool = False):
    """Hold OUT's lock for the block. Raises OutputLocked at once, or waits with ``wait``."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(lock_path(out))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        holder = _owner(out)
        if not wait:
            raise OutputLocked(f"{out} is being written by {holder}: wait for it to finish, or pass "
                               "--wait to start when it has") from None
        log.info("%s is being written by %s; waiting for it to finish", out, holder)
        lock.acquire()
    owner = lock_path(out).with_suffix(".lock.owner")
    try:
        owner.write_text(json.dumps({"pid": os.getpid(), "started": time.strftime("%Y-%m-%d %H:%M:%S")}),
                         encoding="utf-8")
        yield
    finally:
        owner.unlink(missing_ok=True)
        lock.release()
