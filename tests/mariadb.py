"""A real MariaDB server for the tests: its own data directory on a free local port, one database per test.

The Debian ``mariadb-server`` package provides ``mariadb-install-db`` and
``mariadbd`` (``/usr/bin`` and ``/usr/sbin``). The server listens on
127.0.0.1 only, runs as the package's ``mysql`` user when the tests run as
root, and skips the grant tables: any user name connects with every right,
which is all a throwaway server needs. It is stopped (its data directory
removed) when the session ends. Without a server the tests skip locally and
fail under ``CI=true``.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import require

SYSTEM_USER = "mysql"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class MariaDBServer:
    data_dir: Path
    port: int
    process: subprocess.Popen | None = None

    def url(self, database: str = "") -> str:
        return f"mysql+pymysql://docgen@127.0.0.1:{self.port}/{database}"

    def start(self, run_as: str | None) -> None:
        user = ["--user=" + run_as] if run_as else []
        if run_as:
            entry = pwd.getpwnam(run_as)
            os.chown(self.data_dir.parent, entry.pw_uid, entry.pw_gid)
        subprocess.run([shutil.which("mariadb-install-db") or "mariadb-install-db", "--no-defaults",
                        f"--datadir={self.data_dir}", *user, "--skip-test-db", "--auth-root-authentication-method=normal"],
                       capture_output=True, text=True, timeout=180, check=True)
        server = shutil.which("mariadbd") or "/usr/sbin/mariadbd"
        self.process = subprocess.Popen(
            [server, "--no-defaults", f"--datadir={self.data_dir}", *user, f"--port={self.port}",
             "--bind-address=127.0.0.1", f"--socket={self.data_dir}/mysqld.sock", "--skip-grant-tables",
             f"--pid-file={self.data_dir}/mysqld.pid", "--innodb-flush-log-at-trx-commit=0",
             "--skip-log-bin", f"--log-error={self.data_dir}/error.log"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                self.execute("SELECT 1")
                return
            except Exception:
                if self.process.poll() is not None:
                    raise RuntimeError(f"mariadbd exited: {(self.data_dir / 'error.log').read_text()[-2000:]}")
                time.sleep(0.3)
        raise RuntimeError("mariadbd did not accept connections within 60 s")

    def stop(self) -> None:
        try:
            if self.process is not None:
                self.process.terminate()
                self.process.wait(timeout=60)
        finally:
            shutil.rmtree(self.data_dir.parent, ignore_errors=True)

    def execute(self, sql: str, database: str | None = None) -> None:
        import pymysql

        with pymysql.connect(host="127.0.0.1", port=self.port, user="docgen", database=database,
                             autocommit=True, client_flag=pymysql.constants.CLIENT.MULTI_STATEMENTS) as conn:
            with conn.cursor() as cursor:
                cursor.execute(sql)
                while cursor.nextset():
                    pass

    def create_database(self) -> str:
        name = f"test_{uuid.uuid4().hex[:12]}"
        self.execute(f"CREATE DATABASE `{name}`")
        return name

    def drop_database(self, name: str) -> None:
        self.execute(f"DROP DATABASE IF EXISTS `{name}`")


def _start() -> MariaDBServer | str:
    if not (shutil.which("mariadbd") or Path("/usr/sbin/mariadbd").exists()) or not shutil.which("mariadb-install-db"):
        return "MariaDB (mariadbd and mariadb-install-db of the Debian mariadb-server package)"
    try:
        import pymysql  # noqa: F401
    except ImportError:
        return "the PyMySQL driver (pip install -e '.[test]')"
    run_as = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SYSTEM_USER)
        except KeyError:
            return f"an unprivileged {SYSTEM_USER!r} system user to run MariaDB as (created by the package)"
        run_as = SYSTEM_USER
    base = Path(tempfile.mkdtemp(prefix="docgen-mariadb-"))
    server = MariaDBServer(base / "data", _free_port())
    server.start(run_as)
    return server


@pytest.fixture(scope="session")
def mariadb_server():
    """The session's MariaDB server (started on first use, stopped at the end)."""
    server = _start()
    require(isinstance(server, MariaDBServer), server if isinstance(server, str) else "")
    yield server
    server.stop()


@pytest.fixture
def mariadb_url(mariadb_server):
    """The URL of a fresh, empty database, dropped after the test."""
    name = mariadb_server.create_database()
    yield mariadb_server.url(name)
    mariadb_server.drop_database(name)
