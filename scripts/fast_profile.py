"""A pytest plugin that registers a small, reproducible Hypothesis profile, "fast", for mutation
testing (MUTATION.md) and quick local runs. It lives here, not in conftest.py, so that the suite's
own profiles stay the two the README documents.

    python -m pytest -p scripts.fast_profile --hypothesis-profile=fast

- max_examples=20: a third of the default profile; the tests that ask for
  ``max(10, default // 3)`` examples get 10.
- derandomize=True: the examples are a function of each test alone, so a mutant is killed (or
  not) the same way on every run, and a surviving mutant stays surviving until the suite changes.
- database=None: no example from an earlier run (or an earlier mutant) is replayed, for the same
  reason.
- deadline=None and no explain phase, as in conftest.py; every health check stays on.

It also sets OMP_NUM_THREADS=1 (unless already set) before torch is imported. mutmut runs each
mutant in a process forked from one that has already run torch; a forked child that then enters
an OpenMP parallel region the parent had started hangs for ever (a futex wait on the parent's
thread pool), which mutmut reports as a timeout. With one thread torch never starts the pool.

Loaded with ``-p`` it is imported before conftest.py, and ``--hypothesis-profile`` is applied after
conftest.py loads its own profile, so this one wins. ``python -m pytest`` puts the current
directory on sys.path, which makes ``scripts.fast_profile`` importable from the repository root.
"""

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

from hypothesis import Phase, settings  # noqa: E402

settings.register_profile("fast", max_examples=20, derandomize=True, database=None, deadline=None,
                          print_blob=True, phases=[phase for phase in Phase if phase is not Phase.explain])
