"""The implementation under test as the suite calls it.

Every call goes through :class:`UnderTest`, which keeps the implementation's behaviour apart from
the suite's own: its NotImplementedError (or ``spec.Unsupported``) is *unsupported*, not a
divergence; its other exceptions are its answer (a rejection of an invalid call, a failure on a
valid one); its warnings are counted, not raised; a crash or hang (with ``--isolate``) is a failure
of the call. The property tests ask it two questions: :meth:`UnderTest.conforms` (a valid call
passes the check) and :meth:`UnderTest.rejects` (an invalid call raises).
"""

from __future__ import annotations

import os
import pathlib
import warnings

import pytest
from hypothesis import reject

from spec.rules import Rule

from ..calls import Call
from .tally import CONFORMS, DIVERGES, UNSUPPORTED, Tally, _known
from .features import features
from .quirks import note


class CallFailed(AssertionError):
    """The implementation crashed, hung or (with --warnings-as-errors) warned: a failure of the
    call wherever it happens, never a rejection of an invalid call. ``kind`` names which."""

    kind = "warning"

    def __init__(self, message: str, kind: str | None = None):
        super().__init__(message)
        self.kind = kind or self.kind


class Raised(Exception):
    """The implementation raised (not NotImplementedError): its answer to the call."""

    def __init__(self, type_name: str, message: str):
        self.type_name, self.message = type_name, message
        super().__init__(f"{type_name}: {message}")


class NotSupported(Exception):
    """The implementation raised NotImplementedError or spec.Unsupported for the call."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def _explaining(known, failure) -> list:
    """The known divergences that explain ``failure``: a crash only by an entry that says the
    backend crashes there, any other failure only by one that does not."""
    crashed = isinstance(failure, CallFailed) and failure.kind == "crash"
    return [k for k in known if k.crashes == crashed]


def _where(call: Call) -> str:
    return f"\n\nminimal failing call:\n{call.python()}"


class CallLog:
    """A file that holds the call in flight. It is written through one open descriptor, in place
    (pwrite, then truncate): the kernel keeps what was written if the process dies, and the call
    costs a tenth of what opening and closing the file each time would."""

    def __init__(self, path: pathlib.Path, module_name: str):
        self.path, self.module_name = path, module_name
        path.parent.mkdir(parents=True, exist_ok=True)
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o644)

    def write(self, call: Call) -> None:
        text = (f"# The call convspec was running when it stopped.\nimport numpy as np\n"
                f"from {self.module_name} import {call.op}\n\n{call.python()}\n").encode()
        os.pwrite(self.fd, text, 0)
        os.ftruncate(self.fd, len(text))

    def close(self) -> None:
        os.close(self.fd)


class InProcess:
    """Runs the implementation in the test process. Before each call the call is written to
    ``call_log``, so that a crash of the process still leaves its input behind."""

    def __init__(self, module, call_log: pathlib.Path | None):
        self.module = module
        self.call_log = None if call_log is None else CallLog(call_log, module.__name__)

    def run(self, call: Call):
        if self.call_log is not None:
            self.call_log.write(call)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result = call.run(getattr(self.module, call.op))
            except NotImplementedError as error:
                raise NotSupported(str(error)) from None
            except Exception as error:
                raise Raised(type(error).__name__, str(error)) from error
        return result, [(w.category.__name__, str(w.message)) for w in caught]

    def close(self):
        if self.call_log is not None:
            self.call_log.close()


class UnderTest:
    def __init__(self, module, executor, known=(), strict_support: bool = False,
                 warnings_as_errors: bool = False, tally: Tally | None = None):
        self.module, self.executor, self.known = module, executor, list(known)
        self.strict_support, self.warnings_as_errors = strict_support, warnings_as_errors
        self.tally = tally or Tally()
        self.test: str | None = None  # the node id of the running test, for the tallies
        # Declared up front: {op: {feature: [values]}}; such calls are never drawn.
        self.declared = {op: {name: {str(v) for v in values} for name, values in lacks.items()}
                         for op, lacks in getattr(module, "UNSUPPORTED", {}).items()}

    @property
    def name(self) -> str:
        return self.module.__name__

    def provides(self, op: str) -> bool:
        return callable(getattr(self.module, op, None))

    def declares_unsupported(self, op: str, call) -> bool:
        """``call`` (a drawn call, or the spec's call object) has an option the module's
        ``UNSUPPORTED`` declares it lacks."""
        lacks = self.declared.get(op)
        if not lacks:
            return False
        return any(str(value) in lacks.get(name, ()) for name, value in features(call).items())

    # -- one call --------------------------------------------------------------------------------
    def function(self, op: str):
        """``op`` of the implementation, called through the harness (skips the test if absent)."""
        if not self.provides(op):
            pytest.skip(f"{self.name} provides no {op}")
        return lambda **kwargs: self._run(Call(op, kwargs))

    def _run(self, call: Call):
        result, caught = self.executor.run(call)
        for category, message in caught:
            self.tally.warning(call, category, message)
        if caught and self.warnings_as_errors:
            category, message = caught[0]
            raise CallFailed(f"the implementation warned ({category}: {message}) and "
                             f"--warnings-as-errors is set{_where(call)}")
        return result

    # -- the two questions -----------------------------------------------------------------------
    def conforms(self, call: Call, check) -> None:
        """``check(function, call)`` passes for this valid call; an unsupported call, or one a known
        divergence explains, is discarded from the search (hypothesis.reject) and tallied."""
        known = [k for k in self.known if k.matches(call)]
        try:
            check(self.function(call.op), call)
        except NotSupported as unsupported:
            self._unsupported(call, unsupported, valid=True)
        except (AssertionError, Raised) as failure:
            explaining = _explaining(known, failure)
            if explaining:
                self._known(call, explaining, diverged=True)
            self.tally.outcome(call, DIVERGES, self.test)
            if isinstance(failure, Raised):
                raise AssertionError(f"the implementation raised {failure} on a valid call"
                                     f"{_where(call)}") from failure
            failure.args = (f"{failure}{note(call)}",)
            raise
        else:
            for k in known:
                self.tally.known_matched(k.name, diverged=False)
            self.tally.outcome(call, CONFORMS, self.test)

    def rejects(self, call: Call, rule: Rule) -> None:
        """The implementation raises for ``call``, which breaks ``rule``. A crash or a hang is a
        failure, not a rejection; NotImplementedError is a rejection only for a rule about what
        torch does not implement (``Rule.about_support``), else the call is discarded."""
        known = [k for k in self.known if k.matches(call)]
        try:
            result = self.function(call.op)(**call.kwargs)
        except NotSupported as unsupported:
            if rule.about_support:
                self.tally.parity(call, rule.name, "rejects", self.test)
                return
            self._unsupported(call, unsupported, valid=False, rule=rule.name)
        except Raised:
            self.tally.parity(call, rule.name, "rejects", self.test)
            return
        except CallFailed as failure:
            explaining = _explaining(known, failure)
            if explaining:
                self._known(call, explaining, diverged=True, rule=rule.name)
            raise
        explaining = _explaining(known, None)
        if explaining:
            self._known(call, explaining, diverged=True, rule=rule.name)
        self.tally.parity(call, rule.name, "accepts", self.test)
        raise AssertionError(
            f"the implementation accepted a call breaking {rule.name} ({rule.message}); it returned "
            f"{type(result).__name__} where torch raises{_where(call)}")

    def _unsupported(self, call: Call, unsupported: NotSupported, valid: bool, rule: str | None = None):
        if self.strict_support:
            raise AssertionError(f"the implementation does not support this call ({unsupported.message}); "
                                 f"--strict-support counts that as a failure{_where(call)}")
        self.tally.unsupported(call, unsupported.message, self.test)
        if valid:
            self.tally.outcome(call, UNSUPPORTED, None)
        else:
            self.tally.parity(call, rule, UNSUPPORTED, None)
        reject()

    def _known(self, call: Call, known, diverged: bool, rule: str | None = None):
        for k in known:
            self.tally.known_matched(k.name, diverged)
        if rule is None:
            self.tally.outcome(call, _known(known[0].name), self.test)
        else:
            self.tally.parity(call, rule, _known(known[0].name), self.test)
        reject()
