"""Shared fixtures: sample articles and an isolated home for every test."""

from __future__ import annotations

import errno
import ipaddress
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from webserver import _server, web  # noqa: F401  (fixtures: a local web server)

SAMPLES = Path(__file__).resolve().parent.parent / "sample_articles"


@pytest.fixture(autouse=True)
def isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point data/config dirs at a temp dir so no test touches the developer's home."""
    base = tmp_path_factory.mktemp("xdg")
    monkeypatch.setenv("XDG_DATA_HOME", str(base / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(base / "cache"))
    monkeypatch.setenv("NLTK_DATA", str(base / "no-nltk-data"))
    return base


@pytest.fixture
def library(isolated_dirs: Path) -> Path:
    """A library folder named in the (isolated) config.toml, as a user would set it."""
    return name_library(isolated_dirs, isolated_dirs / "library")


def name_library(isolated_dirs: Path, folder: Path) -> Path:
    """Write ``folder`` as the library folder into the isolated ``config.toml``; return it."""
    config = isolated_dirs / "config" / "reader" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f'library = "{folder.as_posix()}"\n', encoding="utf-8")
    return folder


@pytest.fixture
def samples() -> Path:
    return SAMPLES


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run ``reader`` in this process: ``cli("list", folder, "--json")`` gives the exit code,
    stdout and stderr."""
    from reader.cli import main

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Fail any test that opens a socket to, or looks up, anything but this machine.

    The attempt is refused (OSError) and also recorded, so a test fails even when the code
    under test swallows the error; a test that provokes one on purpose clears the list.
    """
    attempts: list[str] = []
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def check(sock: socket.socket, address: Any) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(str(address[0])):
            attempts.append(f"connect to {address!r}")
            raise OSError(errno.ENETUNREACH, f"tests may not reach {address!r}")

    def connect(sock: socket.socket, address: Any) -> None:
        check(sock, address)
        real_connect(sock, address)

    def connect_ex(sock: socket.socket, address: Any) -> int:
        check(sock, address)
        return real_connect_ex(sock, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if host is not None and not _is_loopback(name):
            attempts.append(f"look up {name!r}")
            raise socket.gaierror(socket.EAI_NONAME, f"tests may not look up {name!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield attempts
    if attempts:
        pytest.fail("a test tried to use the network: " + "; ".join(attempts))
