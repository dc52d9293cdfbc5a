"""A tiny real HTTP server for webhook tests (asyncio streams, no framework): records each
request and answers with the next status in line (200 when none is queued)."""

import asyncio
from dataclasses import dataclass


@dataclass
class ReceivedRequest:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    body: bytes


class WebhookReceiver:
    def __init__(self) -> None:
        self.requests: list[ReceivedRequest] = []
        self.statuses: list[int] = []
        self._server: asyncio.Server | None = None
        self.port = 0

    async def __aenter__(self) -> "WebhookReceiver":
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc) -> None:
        self._server.close()
        await self._server.wait_closed()

    def url(self, path: str = "/hooks/arrivals") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path, _ = lines[0].split(" ", 2)
            headers = {}
            for line in lines[1:]:
                if ":" in line:
                    name, value = line.split(":", 1)
                    headers[name.strip().lower()] = value.strip()
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            status = self.statuses.pop(0) if self.statuses else 200
            self.requests.append(ReceivedRequest(method, path, headers, body))
            writer.write(f"HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                         .encode())
            await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, ValueError):
            pass
        finally:
            writer.close()
