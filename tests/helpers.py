"""Helpers shared by test modules (fixtures live in conftest.py)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import random
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from newslint.server.web.security import TOKEN_HEADER


def client_for(app: Flask, *, paired: bool = True) -> FlaskClient:
    """A test client that, like the paired extension, sends the install's token."""
    client = app.test_client()
    if paired:
        header = "HTTP_" + TOKEN_HEADER.upper().replace("-", "_")
        client.environ_base[header] = app.config["NEWSLINT_TOKEN"]
    return client


@dataclass(frozen=True)
class LiveServer:
    """A real `newslint serve` process on a free loopback port, with its own config dir."""

    base: str
    port: int
    log: Path
    home: Path
    process: subprocess.Popen[bytes]

    @property
    def token(self) -> str:
        return (self.home / "newslint" / "token").read_text().strip()

    def request(self, path: str, body: bytes | None = None, *,
                headers: dict[str, str] | None = None, method: str | None = None,
                paired: bool = True) -> tuple[int, dict[str, str], Any]:
        """(status, headers, JSON body or raw text) for one HTTP request."""
        sent = {"Content-Type": "application/json"}
        if paired:
            sent[TOKEN_HEADER] = self.token
        sent.update(headers or {})
        req = urllib.request.Request(self.base + path, data=body, headers=sent, method=method)
        try:
            with urllib.request.urlopen(req, timeout=60) as response:
                raw, status, got = response.read(), response.status, dict(response.headers)
        except urllib.error.HTTPError as error:
            raw, status, got = error.read(), error.code, dict(error.headers)
        try:
            return status, got, json.loads(raw)
        except ValueError:
            return status, got, raw.decode("utf-8", "replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def chromium_extension_id(folder: Path) -> str:
    """The id Chromium gives an unpacked extension: the SHA-256 of the manifest's public
    `key` where it has one, else of its folder's absolute path; first 16 bytes, each hex
    digit 0-f written as a-p."""
    key = json.loads((folder / "manifest.json").read_text(encoding="utf-8")).get("key")
    source = base64.b64decode(key) if key else str(folder.resolve()).encode()
    digest = hashlib.sha256(source).hexdigest()[:32]
    return "".join(chr(ord("a") + int(c, 16)) for c in digest)


#: The development build every test loads: the server must accept its Origin.
DEV_EXTENSION_ID = chromium_extension_id(Path(__file__).resolve().parent.parent / "extension")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(home: Path, **settings: object) -> LiveServer:
    """Start `newslint serve` with settings as NEWSLINT_* variables; wait until it answers."""
    port = free_port()
    settings = {"extension_ids": DEV_EXTENSION_ID, **settings}
    log = home / "server.log"
    env = {**os.environ, "XDG_CONFIG_HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           **{f"NEWSLINT_{k.upper()}": str(v) for k, v in settings.items()}}
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "newslint.server", "serve", "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT, env=env,
        )
    server = LiveServer(f"http://127.0.0.1:{port}", port, log, home, process)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{server.base}/v1/health", timeout=1)
            return server
        except OSError:
            if process.poll() is not None:
                raise RuntimeError("the server exited:\n" + log.read_text()) from None
            time.sleep(0.1)
    server.stop()
    raise RuntimeError("the server did not answer within 60 s:\n" + log.read_text())


def remixed_paragraphs(sentences: list[str], words: int, seed: int = 7) -> list[str]:
    """Paragraphs of about `words` words in all, each four of `sentences` with three words
    swapped for others of the text: realistic English with some re-tellings, at any length
    (the long pages of the analysis and extension benchmarks)."""
    rng = random.Random(seed)
    vocabulary = " ".join(sentences).split()
    texts: list[str] = []
    count = 0
    while count < words:
        parts = []
        for _ in range(4):
            sentence = rng.choice(sentences).split()
            for _ in range(3):
                sentence[rng.randrange(len(sentence))] = rng.choice(vocabulary)
            parts.append(" ".join(sentence))
        text = " ".join(parts)
        texts.append(text)
        count += len(text.split())
    return texts
