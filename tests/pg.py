"""A real PostgreSQL server for the tests: its own cluster on a free local port, one database per test.

The Debian ``postgresql`` package puts ``initdb``/``pg_ctl`` under
``/usr/lib/postgresql/<version>/bin`` (not on PATH); they are found there or
on PATH. PostgreSQL refuses to run as root, so when the tests run as root (CI)
the cluster belongs to the unprivileged ``postgres`` system user (created by
the package) and its commands run through ``runuser``. The server listens on
127.0.0.1 only, with password authentication so wrong passwords can be
tested, and is stopped (its data directory removed) when the session ends.
Without a server the tests skip locally and fail under ``CI=true``.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import require

USER = "docgen"
PASSWORD = "s3cret-pw"
SYSTEM_USER = "postgres"  # who owns the cluster when the tests run as root


def _bin_dir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]))
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class PostgresServer:
    bin_dir: Path
    data_dir: Path
    port: int
    run_as: str | None  # system user to run the server as (when we are root)

    def url(self, database: str = "postgres", password: str = PASSWORD) -> str:
        return f"postgresql+psycopg://{USER}:{password}@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {result.stderr.strip() or result.stdout.strip()}")

    def start(self) -> None:
        pwfile = self.data_dir.parent / "pwfile"
        pwfile.write_text(PASSWORD + "\n")
        if self.run_as:
            entry = pwd.getpwnam(self.run_as)
            for path in (self.data_dir.parent, pwfile):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        self._run("initdb", "-D", str(self.data_dir), "-U", USER, f"--pwfile={pwfile}",
                  "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        options = f"-h 127.0.0.1 -p {self.port} -k {self.data_dir} -F -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data_dir), "-o", options, "-l", str(self.data_dir / "server.log"),
                  "-w", "-t", "60", "start")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.data_dir.parent, ignore_errors=True)

    def execute(self, sql: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=USER, password=PASSWORD,
                             dbname=database, autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self) -> str:
        name = f"test_{uuid.uuid4().hex[:12]}"
        self.execute(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _start() -> PostgresServer | str:
    bin_dir = _bin_dir()
    if bin_dir is None or not (bin_dir / "initdb").exists():
        return "PostgreSQL (initdb/pg_ctl of the Debian postgresql package)"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "the psycopg driver (pip install -e '.[test]')"
    run_as = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SYSTEM_USER)
        except KeyError:
            return f"an unprivileged {SYSTEM_USER!r} system user to run PostgreSQL as (created by the package)"
        run_as = SYSTEM_USER
    base = Path(tempfile.mkdtemp(prefix="docgen-pg-"))  # not under root's 0700 pytest dir
    server = PostgresServer(bin_dir, base / "data", _free_port(), run_as)
    server.start()
    return server


@pytest.fixture(scope="session")
def pg_server():
    """The session's PostgreSQL server (started on first use, stopped at the end)."""
    server = _start()
    require(isinstance(server, PostgresServer), server if isinstance(server, str) else "")
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server):
    """The URL (with password) of a fresh, empty database, dropped after the test."""
    name = pg_server.create_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)
