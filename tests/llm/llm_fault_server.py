"""A small OpenAI-compatible server on loopback that fails on purpose.

Each POST to /v1/chat/completions takes the next scripted reply: an HTTP error
with headers (429 + Retry-After, 500), a stall longer than the client's timeout,
or a completion whose tool-call arguments are truncated, schema-invalid or
valid. Request bodies are kept so tests can read what was sent (re-ask messages).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    status: int = 200
    body: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    stall: float = 0.0


def tool_call(name: str, arguments: str, *, prompt_tokens: int = 50, completion_tokens: int = 10) -> Reply:
    """A chat completion whose single tool call carries `arguments` (any string, valid JSON or not)."""
    body = {
        "id": "chatcmpl-fault",
        "object": "chat.completion",
        "created": 0,
        "model": "fault",
        "choices": [
            {
                "index": 0,
                "finish_reason": "tool_calls",
                "message": {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [{"id": "call_0", "type": "function", "function": {"name": name, "arguments": arguments}}],
                },
            }
        ],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens, "total_tokens": prompt_tokens + completion_tokens},
    }
    return Reply(200, json.dumps(body))


def tool_name(body: dict[str, Any]) -> str:
    """The function a request forces (instructor's TOOLS mode names exactly one)."""
    choice = body.get("tool_choice")
    if isinstance(choice, dict):
        return str(choice.get("function", {}).get("name", ""))
    tools = body.get("tools") or [{}]
    return str(tools[0].get("function", {}).get("name", ""))


def error(status: int, retry_after: str | None = None) -> Reply:
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    return Reply(status, json.dumps({"error": {"message": f"injected {status}", "type": "fault"}}), headers)


def stall(seconds: float) -> Reply:
    return Reply(stall=seconds)


class FaultServer:
    def __init__(self) -> None:
        self.replies: list[Reply] = []
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.answer: Callable[[dict[str, Any]], Reply] | None = None
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                self._send(Reply(200, json.dumps({"object": "list", "data": [{"id": "fault", "object": "model"}]})))

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                raw = self.rfile.read(length)
                body = json.loads(raw or b"{}")
                with server._lock:
                    server.requests.append(body)
                    server.headers.append({k.lower(): v for k, v in self.headers.items()})
                    if server.replies:
                        reply = server.replies.pop(0)
                    else:
                        reply = server.answer(body) if server.answer is not None else error(500)
                if reply.stall:
                    time.sleep(reply.stall)
                    return
                self._send(reply)

            def _send(self, reply: Reply) -> None:
                data = reply.body.encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def script(self, *replies: Reply) -> None:
        with self._lock:
            self.replies.extend(replies)


@contextmanager
def running() -> Iterator[FaultServer]:
    server = FaultServer()
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()
