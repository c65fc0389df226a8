"""The engine's one error type. It carries a stable code so the server and the CLI can
name the problem to a user without the engine knowing about HTTP or terminals."""

from __future__ import annotations


class EngineError(Exception):
    """A page the engine cannot analyse, or an engine that cannot run; never a bug."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
