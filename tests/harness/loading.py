"""Import the implementation under test (or a known-divergences module) from what the user typed:
a dotted module name on the path, or the path of a .py file."""

from __future__ import annotations

import importlib
import importlib.util
import pathlib
import sys


class CannotImport(Exception):
    """One line that says what could not be imported and why."""


def is_path(name: str) -> bool:
    return name.endswith(".py") or "/" in name or "\\" in name


def load_module(name: str, what: str = "--impl"):
    """The module ``name`` names; :class:`CannotImport` with one clear line if it cannot be had."""
    try:
        if not is_path(name):
            return importlib.import_module(name)
        path = pathlib.Path(name).resolve()
        if not path.is_file():
            raise CannotImport(f"{what} {name}: no such file")
        module_name = f"convspec_loaded_{path.stem}"
        if module_name in sys.modules:
            return sys.modules[module_name]
        spec = importlib.util.spec_from_file_location(module_name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
        return module
    except CannotImport:
        raise
    except ModuleNotFoundError as error:
        hint = "" if error.name != name.split(".")[0] else (
            f" (is it on the path? run from the directory that holds it, or give the path of its .py file)")
        raise CannotImport(f"{what} {name}: cannot import it: {error}{hint}") from None
    except Exception as error:  # an error inside the module itself
        raise CannotImport(f"{what} {name}: importing it raised {type(error).__name__}: {error}") from None
