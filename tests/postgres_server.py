"""A throwaway PostgreSQL server for the tests: a real one, never a mock.

    server = Server.start()         initdb into a temporary folder, pg_ctl start
    url = server.new_database()     a fresh, empty database: postgresql://...
    server.stop()                   stopped, and its folder removed

It listens on 127.0.0.1 and a free port only. The server refuses to run as
root, so as root (CI) it runs as the `postgres` user, in a folder that user
owns. Logins: `postgres` without a password (trust), every other user with a
password, so that a refused login can be tested.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

SEARCHED = ["/usr/local/bin", "/usr/bin", *sorted(glob.glob("/usr/lib/postgresql/*/bin"))[::-1]]
HBA = """\
local all postgres trust
host  all postgres 127.0.0.1/32 trust
host  all all      127.0.0.1/32 scram-sha-256
"""


def binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, if any does."""
    for folder in [os.environ.get("PG_BIN", ""), *SEARCHED]:
        if folder and all((Path(folder) / tool).is_file() for tool in ("initdb", "pg_ctl")):
            return Path(folder)
    found = shutil.which("initdb")
    return Path(found).parent if found and shutil.which("pg_ctl") else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    folder: Path
    port: int
    bin: Path

    @classmethod
    def start(cls, bin_folder: Path, max_connections: int = 100) -> Server:
        folder = Path(tempfile.mkdtemp(prefix="babelwire-pg-"))
        server = cls(folder, _free_port(), bin_folder)
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres", "postgres")
        try:
            server._run("initdb", "-D", str(folder / "data"), "-U", "postgres", "-E", "UTF8",
                        "--locale=C", "-A", "trust")  # fmt: skip
            (folder / "data" / "pg_hba.conf").write_text(HBA)
            options = f"-c listen_addresses=127.0.0.1 -p {server.port} -k {folder} -c fsync=off"
            options += f" -c max_connections={max_connections}"
            server._run("pg_ctl", "-D", str(folder / "data"), "-o", options,
                        "-l", str(folder / "server.log"), "-w", "start")  # fmt: skip
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return server

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bin / tool), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.folder)

    def url(self, database: str = "postgres", user: str = "postgres") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(sql)

    def new_database(self) -> str:
        name = "t_" + uuid.uuid4().hex[:12]
        self.admin(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
