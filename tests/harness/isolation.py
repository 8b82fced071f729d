"""--isolate: each call of the implementation under test runs in a worker process.

The worker is forked from a fork server that has imported the implementation once (so a restart
after a crash costs a fork, not an import of torch). The parent sends the call, waits at most the
call timeout, and reads the answer. A worker that dies (a signal, an abort, an exit, even with
status 0) or does not answer in time is a failure of that call, raised as
:class:`tests.harness.under_test.CallFailed` with the signal or the timeout named; the next call
starts a fresh worker. The fork server itself never runs the implementation: it only imports it
(forking a process whose thread pools have started can hang the child).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import warnings

from ..calls import Call
from .loading import load_module
from .under_test import CallFailed, NotSupported, Raised, _where

_IMPL_VARIABLE = "CONVSPEC_ISOLATED_IMPL"


class Unpicklable:
    """Stands for a result the worker could not send back (it is not an ndarray, so it fails)."""

    def __init__(self, type_name: str):
        self.type_name = type_name

    def __repr__(self):
        return f"<an unpicklable {self.type_name}>"


def _answer(module, op: str, kwargs: dict):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = ("ok", Call(op, kwargs).run(getattr(module, op)))
        except NotImplementedError as error:
            result = ("unsupported", str(error))
        except Exception as error:
            result = ("raised", type(error).__name__, str(error))
    return result, [(w.category.__name__, str(w.message)) for w in caught]


def _serve(impl_name: str, connection) -> None:
    """The worker: answer calls until the parent closes the pipe."""
    module = load_module(impl_name)
    while True:
        try:
            op, kwargs = connection.recv()
        except EOFError:
            return
        answer, caught = _answer(module, op, kwargs)
        try:
            connection.send((answer, caught))
        except Exception:  # the result does not pickle
            connection.send((("ok", Unpicklable(type(answer[1]).__name__)), caught))


def _death(exitcode) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"was killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"was killed by signal {-exitcode}"
    return f"exited with status {exitcode}"


class Isolated:
    def __init__(self, impl_name: str, timeout: float):
        self.impl_name, self.timeout = impl_name, timeout
        os.environ[_IMPL_VARIABLE] = impl_name  # read by tests.harness.preload in the fork server
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(["tests.harness.preload"])
        self.process = self.connection = None

    def _start(self) -> None:
        parent, child = self.context.Pipe()
        self.process = self.context.Process(target=_serve, args=(self.impl_name, child), daemon=True)
        self.process.start()
        child.close()
        self.connection = parent

    def _stop(self) -> int | None:
        if self.process is not None:
            if self.process.is_alive():
                self.process.kill()
            self.process.join(5)
            exitcode = self.process.exitcode
            self.connection.close()
            self.process = self.connection = None
            return exitcode
        return None

    def run(self, call: Call):
        if self.process is None or not self.process.is_alive():
            self._stop()
            self._start()
        try:
            self.connection.send((call.op, call.kwargs))
            answered = self.connection.poll(self.timeout)
            if answered:
                answer, caught = self.connection.recv()
        except (EOFError, OSError):
            answered, answer = True, None
        if not answered:
            self._stop()
            raise CallFailed(f"the implementation did not return within {self.timeout} s (--call-timeout); "
                             f"its worker was killed{_where(call)}", kind="timeout")
        if answer is None:
            raise CallFailed(f"the implementation's worker process {_death(self._stop())} during the call"
                             f"{_where(call)}", kind="crash")
        kind, *payload = answer
        if kind == "unsupported":
            raise NotSupported(payload[0])
        if kind == "raised":
            raise Raised(*payload)
        return payload[0], caught

    def close(self) -> None:
        self._stop()
