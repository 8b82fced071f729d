"""Each backend's recorded divergences: the standalone reproductions still reproduce, and every
known-divergence module is complete (each genuine divergence has a reproduction, each
reproduction a known entry). A repro whose backend is not installed is skipped."""

from __future__ import annotations

import importlib.util
import runpy
import warnings
from pathlib import Path

import pytest

from tests.adapters import known

ROOT = Path(__file__).resolve().parent.parent
MODULES = known.modules()
# One case per script: a script may reproduce several entries (one per operator, say).
REPROS = [(module, "+".join(name for name, p in module.REPROS.items() if p == path), path)
          for module in MODULES for path in dict.fromkeys(module.REPROS.values())]


def _id(case):
    module, name, _ = case
    return f"{module.__name__.rsplit('.', 1)[-1]}-{name}"


@pytest.mark.parametrize("case", REPROS, ids=[_id(case) for case in REPROS])
def test_repro_still_diverges(case, capsys):
    """The reproduction exits 1: the backend still behaves as recorded. If it exits 0 the
    divergence is gone, and its KNOWN entry (and this repro) should go too."""
    module, name, path = case
    for requirement in module.REQUIRES:
        pytest.importorskip(requirement)
    # The backends warn about themselves (inductor: its own torch.jit use); not the suite's business.
    with pytest.raises(SystemExit) as exit_, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        runpy.run_path(str(ROOT / path), run_name="__main__")
    printed = capsys.readouterr().out
    assert exit_.value.code == 1, f"{path} no longer reproduces {name}:\n{printed}"


@pytest.mark.parametrize("module", MODULES, ids=[m.__name__.rsplit(".", 1)[-1] for m in MODULES])
def test_known_module_is_complete(module):
    names = [entry.name for entry in module.KNOWN]
    assert len(names) == len(set(names)), f"duplicate names in {module.__name__}"
    assert set(module.KIND) == set(names), "every known divergence is classified, and only those"
    assert set(module.KIND.values()) <= {"genuine", "documented"}
    genuine = {name for name, kind in module.KIND.items() if kind == "genuine"}
    assert set(module.REPROS) == genuine, "every genuine divergence has a reproduction, and only those"
    for path in module.REPROS.values():
        assert (ROOT / path).is_file(), path
    for entry in module.KNOWN:
        assert entry.citation, entry.name
    assert importlib.util.find_spec(module.ADAPTER) is not None
