"""A throwaway PostgreSQL server for tests and benchmarks: a cluster in a temporary folder.

Started from the server programs of the Debian ``postgresql`` package (or any
``initdb`` on the ``PATH``), listening only on a Unix socket inside its folder,
with trust authentication for one role. ``initdb`` refuses to run as root, so
under root the cluster belongs to the ``postgres`` account (which the package
creates) and the programs run as that user.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROLE = "newsviewer"


class NoServer(Exception):
    """No PostgreSQL server can be started here; the message says why."""


def _programs() -> Path:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if not versions:
        raise NoServer(
            "PostgreSQL's initdb was not found (install the postgresql package; "
            ".ci/run does it with apt-get)"
        )
    return Path(versions[0]).parent


def _as_owner(owner: str | None, argv: list[str]) -> list[str]:
    if owner is None:
        return argv
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", owner, "--", *argv]
    return ["su", owner, "-s", "/bin/sh", "-c", " ".join(argv)]


@dataclass
class Server:
    """A running cluster; ``url(name)`` is a database on it (created by ``create``)."""

    folder: Path
    programs: Path
    owner: str | None

    def url(self, database: str) -> str:
        return f"postgresql://{ROLE}@/{database}?host={self.folder}"

    def _psql(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(f"host={self.folder} user={ROLE} dbname=postgres") as conn:
            conn.autocommit = True
            conn.execute(sql.encode())

    def create(self) -> str:
        """A new empty database; returns its URL."""
        name = "nv_" + uuid.uuid4().hex[:12]
        self._psql(f"CREATE DATABASE {name}")
        return self.url(name)

    def drop(self, url: str) -> None:
        name = urlsplit(url).path.lstrip("/")
        self._psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        subprocess.run(
            _as_owner(
                self.owner,
                [
                    str(self.programs / "pg_ctl"),
                    "-D",
                    str(self.folder / "data"),
                    "-m",
                    "immediate",
                    "stop",
                ],
            ),
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stop_orphans(programs: Path, owner: str | None) -> None:
    """Stop the clusters of runs that were killed before they could (their starter is gone).

    Each cluster's folder names the process that started it; only clusters whose
    starter no longer runs are stopped, so parallel runs keep theirs.
    """
    for marker in Path(tempfile.gettempdir()).glob("nv-pg-*/starter.pid"):
        try:
            pid = int(marker.read_text())
        except (OSError, ValueError):
            continue
        if _alive(pid):
            continue
        Server(marker.parent, programs, owner).stop()


def start() -> Server:
    """Start a new cluster in a temporary folder, or raise ``NoServer`` saying why."""
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise NoServer("the psycopg driver is not installed (pip install -e '.[test]')") from exc
    programs = _programs()
    owner = None
    if os.geteuid() == 0:
        owner = "postgres"
        try:
            import pwd

            account = pwd.getpwnam(owner)
        except KeyError as exc:
            raise NoServer("running as root and there is no postgres account to run it") from exc
    _stop_orphans(programs, owner)
    folder = Path(tempfile.mkdtemp(prefix="nv-pg-"))
    (folder / "starter.pid").write_text(str(os.getpid()))
    data = folder / "data"
    if owner is not None:
        os.chown(folder, account.pw_uid, account.pw_gid)
    folder.chmod(0o755)
    try:
        subprocess.run(
            _as_owner(owner, [str(programs / "initdb"), "-D", str(data), "-U", ROLE,
                              "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "-N"]),
            capture_output=True, check=True, timeout=120,
        )  # fmt: skip
        options = (
            f"-k {folder} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=100"
        )
        subprocess.run(
            _as_owner(owner, [str(programs / "pg_ctl"), "-D", str(data), "-o", options,
                              "-l", str(folder / "log"), "-w", "-t", "60", "start"]),
            capture_output=True, check=True, timeout=90,
        )  # fmt: skip
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        output = getattr(exc, "stderr", b"") or b""
        log = folder / "log"
        detail = output.decode(errors="replace").strip()
        if log.exists():
            detail += " " + log.read_text(errors="replace")[-500:]
        shutil.rmtree(folder, ignore_errors=True)
        raise NoServer(f"the PostgreSQL server did not start: {exc} {detail}".strip()) from exc
    return Server(folder, programs, owner)
