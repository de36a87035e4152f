"""Who is acting, for whom, and from where: the explicit context every write and scoped read needs.

The web middleware sets it per request; commands, imports and background tasks set it with
`acting_as(...)`. Without one, scoped managers and the change log refuse to work (fail closed),
so a forgotten filter or an unlogged change is an error in tests rather than a leak in production.
"""

from __future__ import annotations

import contextvars
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from canbo.core.errors import ContextMissing
from canbo.core.scope import Scope

ORIGINS = ("web", "api", "command", "import", "task", "test")


@dataclass
class ActorContext:
    user: object | None  # None: the system itself (a command, a task started by nobody)
    origin: str
    request_id: str
    label: str = ""
    scope_factory: Callable[[], Scope] | None = None
    _scope: Scope | None = field(default=None, repr=False)

    @property
    def scope(self) -> Scope:
        if self._scope is None:
            if self.scope_factory is not None:
                self._scope = self.scope_factory()
            elif self.user is None:
                self._scope = Scope.everything()
            else:
                self._scope = Scope.for_user(self.user)
        return self._scope


_current: contextvars.ContextVar[ActorContext | None] = contextvars.ContextVar("canbo_actor", default=None)


def current() -> ActorContext | None:
    return _current.get()


def require() -> ActorContext:
    ctx = _current.get()
    if ctx is None:
        raise ContextMissing(
            "No actor context: wrap the call in canbo.core.context.acting_as(...) "
            "(commands, tasks, tests) or run it inside a request."
        )
    return ctx


def new_request_id() -> str:
    return uuid.uuid4().hex


@contextmanager
def acting_as(
    user=None,
    *,
    origin: str = "command",
    label: str = "",
    request_id: str | None = None,
    scope: Scope | None = None,
) -> Iterator[ActorContext]:
    """Run a block as `user` (None = the system), logging its changes under one request id."""
    if origin not in ORIGINS:
        raise ValueError(f"unknown origin {origin!r}")
    ctx = ActorContext(
        user=user,
        origin=origin,
        request_id=request_id or new_request_id(),
        label=label,
        _scope=scope,
    )
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)


def set_for_request(ctx: ActorContext):
    return _current.set(ctx)


def reset(token) -> None:
    _current.reset(token)
