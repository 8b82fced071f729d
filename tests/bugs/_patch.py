"""Run the reference with one of its module-level helpers replaced, for bugs that live inside a loop.

Not a zoo member (the leading underscore keeps it out of tests/test_power.py's registry). A bug
module calls the real reference function inside ``patched(module, name, replacement)``, with
``name`` one helper the reference's loop already calls (``reference.pool._replaces``,
``reference.conv.exact_sum``, ``spec.pool.pool_output_size``...), so the bug is one step and
the rest of the computation is the reference's own code, not a copy of it.

Why swapping a global is safe here: the swap lasts for one call of the buggy implementation and
is undone in ``finally``, whether the call returns or raises. The suite calls the buggy
implementation and the reference in separate calls, never one inside the other, so the
reference never runs with the swapped helper; and each test process is single-threaded (pytest
runs one test at a time, Hypothesis one example at a time, and pytest-xdist's workers are
separate processes), so no other code can run while the swap lasts.
"""

from __future__ import annotations

from contextlib import contextmanager


@contextmanager
def patched(module, name: str, replacement):
    """Set ``module.name`` to ``replacement`` for the ``with`` block, then restore it.

    The global must exist already: a misspelt name raises AttributeError rather than adding a
    global that nothing reads.
    """
    original = getattr(module, name)
    setattr(module, name, replacement)
    try:
        yield
    finally:
        setattr(module, name, original)
