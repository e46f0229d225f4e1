"""A slow HTTP server on many loopback addresses, for the benches that fetch (fetch, feeds).

Each bench passes ``answer(path, head) -> bytes``: the whole HTTP response to one request
(``head`` is the request head, as sent). Every request waits ``delay`` seconds first, as a
distant site would. The server binds one free port on every address in ``hosts`` and writes
that port to ``port_file`` once it listens.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable
from pathlib import Path

Answer = Callable[[str, bytes], bytes]


def hosts(count: int) -> list[str]:
    """The loopback addresses 127.0.0.1 to 127.0.0.``count``."""
    return [f"127.0.0.{i}" for i in range(1, count + 1)]


def serve(port_file: str, addresses: list[str], delay: float, answer: Answer) -> None:
    """Serve ``answer`` on ``addresses`` until the process is stopped."""

    async def client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ", 2)[1].decode()
                await asyncio.sleep(delay)
                writer.write(answer(path, head))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, IndexError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        for _ in range(50):
            probe = socket.socket()
            probe.bind((addresses[0], 0))
            port = probe.getsockname()[1]
            probe.close()
            try:
                server = await asyncio.start_server(client, addresses, port, backlog=512)
            except OSError:
                continue
            Path(port_file).write_text(str(port))
            async with server:
                await server.serve_forever()
        raise SystemExit("no free port on the loopback addresses")

    asyncio.run(main())
