"""Parsing files in order, in this thread or in parse processes.

Two executors with one interface, ``results(paths)``: every story of every file,
in the order of the files, as ``(index of the file, ParsedFile)``.

- ``SerialParser`` parses in the calling thread: the synchronous mode, for tests,
  small imports and machines where processes cannot start.
- ``ProcessParser`` hands files one at a time to parse processes it starts and
  watches. It knows which file each process is on, so a file over its time budget
  is reported ("took too long to read") and its process replaced, and a process
  that dies costs its file alone. While the file needed next is not back and no
  process can take more, the calling thread parses small files itself instead of
  sitting idle (processes take half a second to start, and on a busy machine the
  lower-priority processes wait for a core). A ``lazy`` parser starts processes
  only when a file is too large for this thread to read, so a small import costs
  no process at all.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import queue
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Protocol

from newsviewer.parse_worker import DONE, PART, READY, RETIRE, ParsedFile, parse_path

log = logging.getLogger(__name__)

# A story that takes longer than this to read is given up: the longest real pages
# parse in a second or two, even on a busy machine.
FILE_SECONDS = 30.0
# Memory a parse process may take on top of what its parsers use: a 50 MB page
# with its tree, text and images stays well under it.
MEMORY_BUDGET = 1536 * 1024 * 1024
# Files handed to a process ahead of the one it is on: this thread hands out more
# only between files, and while it stores a group (50-100 ms for 32 texts) the
# processes must not run dry (16 texts take 30 ms to parse).
PER_PROCESS = 16
# How far past the file needed next the processes (and this thread) may run;
# bounds what waits here to be stored.
AHEAD = 128
# This thread helps only with files it needs next (while the processes start or
# one is replaced: helping further ahead moves parsing onto the storing thread,
# which is the bottleneck of a text import: 1,000 texts took it 3.5 s of CPU
# alone, 5-7 s helping), and only with small files: a file it parses has no time
# budget (a thread cannot be stopped).
HELP_AHEAD = 8
HELP_MAX_BYTES = 256 * 1024
# A file's wall-clock time may exceed its processor-time budget this many times
# over while the machine is busy with other work.
WALL_FACTOR = 10
# A process that dies this many times in a row before it is ready means processes
# cannot run here; the rest is parsed in this thread.
START_FAILURES = 3

Result = tuple[int, ParsedFile]


@dataclass
class _Run:
    """Where one ``results`` call is: the files, and which of them are where."""

    paths: list[Path]
    waiting: deque[int]  # not yet given to anyone
    arrived: dict[int, list[ParsedFile]] = field(default_factory=dict)  # not yet yielded
    finished: set[int] = field(default_factory=set)  # every story of it has arrived


class Executor(Protocol):
    """Every story of every file, in the files' order; closing the stream ends the work."""

    def results(self, paths: Sequence[Path]) -> Generator[Result, None, None]: ...


def _cpu_seconds(pid: int) -> float | None:
    """Processor time a process has used (Linux's /proc), or None where unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b") ", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError, AttributeError):
        return None


class SerialParser:
    """Parses each file in the calling thread, in order."""

    def results(self, paths: Sequence[Path]) -> Generator[Result, None, None]:
        for index, path in enumerate(paths):
            for parsed in parse_path(path):
                yield index, parsed


@dataclass
class _Process:
    """One parse process and what it was given."""

    number: int
    popen: subprocess.Popen[bytes]
    ready: bool = False
    jobs: deque[int] = field(default_factory=deque)
    since: float = 0.0  # when it started on the first of ``jobs`` (or last sent a story)
    cpu_since: float = 0.0  # the CPU time it had used then, as it last told
    reader: threading.Thread | None = None


def _worker_env() -> dict[str, str]:
    env = dict(os.environ)
    # The process must import this very package, also when it is not installed.
    root = str(Path(__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    return env


class ProcessParser:
    """Parses files in ``workers`` processes, helped by the calling thread."""

    def __init__(
        self,
        workers: int,
        *,
        file_seconds: float = FILE_SECONDS,
        memory_budget: int = MEMORY_BUDGET,
        helping: bool = True,
        lazy: bool = False,
    ) -> None:
        self.workers = max(1, workers)
        self.lazy = lazy and helping
        self.file_seconds = file_seconds
        self.memory_budget = memory_budget
        self.helping = helping
        self._events: queue.Queue[tuple[_Process, tuple[object, ...] | None]] = queue.Queue()
        self._processes: list[_Process] = []
        self._started = 0
        self._start_failures = 0
        self.replaced = 0  # processes ended for a file over budget, or that died
        self.cpu_seconds: dict[int, float] = {}  # CPU time each file took in its process

    # -- processes ---------------------------------------------------------------

    def _start(self) -> None:
        popen = subprocess.Popen(
            [sys.executable, "-m", "newsviewer.parse_worker", str(self.memory_budget)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=_worker_env(),
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
        self._started += 1
        process = _Process(self._started, popen)
        process.reader = threading.Thread(
            target=self._read, args=(process,), name=f"parse-{process.number}", daemon=True
        )
        process.reader.start()
        self._processes.append(process)

    def _read(self, process: _Process) -> None:
        stream = process.popen.stdout
        assert stream is not None
        while True:
            try:
                message = pickle.load(stream)
            except Exception:  # EOF, a broken pipe, a process killed mid-message
                self._events.put((process, None))
                return
            self._events.put((process, message))

    def _send(self, process: _Process, job: int, path: Path) -> None:
        stdin = process.popen.stdin
        assert stdin is not None
        with contextlib.suppress(OSError, ValueError):  # it died: its reader says so
            pickle.dump((job, str(path)), stdin, protocol=pickle.HIGHEST_PROTOCOL)
            stdin.flush()
        process.jobs.append(job)
        if len(process.jobs) == 1:
            process.since = time.monotonic()

    def _stop(self, process: _Process, *, kill: bool) -> None:
        if process in self._processes:
            self._processes.remove(process)
        stdin: IO[bytes] | None = process.popen.stdin
        with contextlib.suppress(OSError, ValueError):
            if stdin is not None:
                stdin.close()
        if kill:
            with contextlib.suppress(OSError):
                process.popen.kill()

    def close(self) -> None:
        """End every process: those between files at once, those at work killed."""
        processes = list(self._processes)
        for process in processes:
            self._stop(process, kill=bool(process.jobs))
        deadline = time.monotonic() + 1.0
        for process in processes:
            try:
                process.popen.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.popen.kill()
                process.popen.wait()
            if process.popen.stdout is not None:
                process.popen.stdout.close()
            if process.reader is not None:
                process.reader.join(1.0)

    # -- the ordered stream ------------------------------------------------------

    def results(self, paths: Sequence[Path]) -> Generator[Result, None, None]:
        try:
            yield from self._results(list(paths))
        finally:
            self.close()

    def _results(self, paths: list[Path]) -> Iterator[Result]:
        count = len(paths)
        run = _Run(paths, deque(range(count)))
        if not self.lazy:
            for _ in range(min(self.workers, count)):
                self._start()
        following = 0  # the file whose stories are yielded next
        while following < count:
            # Take in what the processes sent and keep them busy, between every two
            # files: the caller stores while we are away, and they must not go idle.
            self._drain(run)
            self._dispatch(paths, run.waiting, following)
            stories = run.arrived.get(following)
            if stories:
                run.arrived[following] = []
                for story in stories:
                    yield following, story
                continue
            if following in run.finished:
                run.arrived.pop(following, None)
                following += 1
                continue
            if self._processes_broken() or self._should_help(paths, run.waiting, following):
                index = run.waiting.popleft()
                run.arrived[index] = list(parse_path(paths[index]))
                run.finished.add(index)
                continue
            if not self._processes and run.waiting:
                # Lazy: the first file this thread should not read itself (a large
                # one, which gets a time budget) starts a process per such file.
                large = sum(1 for i in run.waiting if not self._small(paths[i])) or 1
                for _ in range(min(self.workers, large)):
                    self._start()
            self._wait(run)

    def _processes_broken(self) -> bool:
        return not self._processes and self._start_failures >= START_FAILURES

    def _dispatch(self, paths: list[Path], waiting: deque[int], following: int) -> None:
        for process in self._processes:
            while (
                process.ready
                and len(process.jobs) < PER_PROCESS
                and waiting
                and waiting[0] < following + AHEAD
            ):
                job = waiting.popleft()
                self._send(process, job, paths[job])

    def _should_help(self, paths: list[Path], waiting: deque[int], following: int) -> bool:
        if not self.helping or not waiting or waiting[0] >= following + HELP_AHEAD:
            return False
        if not self._events.empty():
            return False  # results to take in first
        return self._small(paths[waiting[0]])

    @staticmethod
    def _small(path: Path) -> bool:
        try:
            return path.stat().st_size <= HELP_MAX_BYTES
        except OSError:
            return True  # the parse reports it at once

    def _drain(self, run: _Run) -> None:
        while True:
            try:
                process, message = self._events.get_nowait()
            except queue.Empty:
                break
            self._take(process, message, run)
        self._enforce_budget(run)

    def _wait(self, run: _Run) -> None:
        """Block until a process sends something, or the next time budget runs out."""
        timeout = self._next_deadline() - time.monotonic()
        try:
            process, message = self._events.get(timeout=min(max(timeout, 0.25), 1.0))
        except queue.Empty:
            return
        self._take(process, message, run)

    def _next_deadline(self) -> float:
        busy = [p.since for p in self._processes if p.jobs]
        return min(busy) + self.file_seconds if busy else time.monotonic() + 1.0

    def _take(
        self,
        process: _Process,
        message: tuple[object, ...] | None,
        run: _Run,
    ) -> None:
        if message is None:
            self._ended(process, run)
            return
        if process not in self._processes:
            return  # a late message from a process given up on
        kind = message[0]
        cpu = message[-1]
        if isinstance(cpu, float):
            process.cpu_since = cpu
        if kind == READY:
            process.ready = True
            self._start_failures = 0
        elif kind == PART:
            job, parsed = message[1], message[2]
            assert isinstance(job, int) and isinstance(parsed, ParsedFile)
            run.arrived.setdefault(job, []).append(parsed)
            process.since = time.monotonic()
        elif kind == DONE:
            job, last, seconds = message[1], message[2], message[3]
            assert isinstance(job, int) and process.jobs and process.jobs[0] == job
            assert isinstance(last, tuple) and isinstance(seconds, float)
            process.jobs.popleft()
            run.arrived.setdefault(job, []).extend(last)
            self.cpu_seconds[job] = seconds
            run.finished.add(job)
            process.since = time.monotonic()
        elif kind == RETIRE:
            # It started none of the files it still holds: they go to its successor.
            self._give_up(process, run, "", started=False)

    def _ended(self, process: _Process, run: _Run) -> None:
        """A process's output closed: it exited, crashed or was killed."""
        if process not in self._processes:
            return  # given up on already; its files were dealt with then
        if not process.ready:
            self._start_failures += 1
            log.warning("a parse process stopped before it was ready")
        code = process.popen.poll()
        self._give_up(
            process, run, f"the parser stopped while reading this file (exit status {code})"
        )

    def _enforce_budget(self, run: _Run) -> None:
        now = time.monotonic()
        for process in list(self._processes):
            if process.jobs and self._over_budget(process, now):
                reason = f"took too long to read (over {self.file_seconds:g} s)"
                self._give_up(process, run, reason)

    def _over_budget(self, process: _Process, now: float) -> bool:
        """Over the time budget on its file: in processor time where the system tells
        it (a busy machine must not fail good files), and never past ten times the
        budget in wall time."""
        waited = now - process.since
        if waited <= self.file_seconds:
            return False
        if waited > WALL_FACTOR * self.file_seconds:
            return True
        used = _cpu_seconds(process.popen.pid)
        return used is None or used - process.cpu_since > self.file_seconds

    def _give_up(
        self,
        process: _Process,
        run: _Run,
        reason: str,
        *,
        started: bool = True,
    ) -> None:
        """Stop a process: the file it was on fails with ``reason``, the others go back."""
        self._stop(process, kill=started)
        self.replaced += 1
        if process.jobs and started:
            job = process.jobs.popleft()
            done = run.arrived.setdefault(job, [])
            part = done[-1].part + 1 if done else 0
            done.append(ParsedFile(run.paths[job], None, b"", reason, part))
            run.finished.add(job)
        for later in reversed(process.jobs):
            run.waiting.appendleft(later)
        process.jobs.clear()
        if run.waiting and self._start_failures < START_FAILURES:
            self._start()
