"""Known divergences of each adapter's backend from torch, one module per adapter (``--known``).

Each module holds ``KNOWN`` (a list of :class:`tests.harness.KnownDivergence`) and, for the pages
generated from them and for tests/test_backend_repros.py:

- ``ADAPTER``: the adapter's module name; ``REQUIRES``: the modules its backend needs;
  ``TESTED``: the backend versions the findings were made with.
- ``KIND``: each divergence's classification, ``"genuine"`` (the backend diverges from torch and
  from its own specification) or ``"documented"`` (the backend's own specification says so).
- ``REPROS``: each genuine divergence's standalone reproduction under tests/adapters/repro/, a
  script that exits 1 while the divergence holds.
- The docstring: what the runs found, with how many examples, and each divergence's citation.
"""


def modules() -> list:
    """Every adapter's known-divergences module (each module of this package but the private ones)."""
    import importlib
    import pkgutil
    return [importlib.import_module(f"{__name__}.{info.name}")
            for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_")]
