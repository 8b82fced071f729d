"""The bug zoo as a Markdown table: ``python -m tests.zoo_report [--rate N]``.

For every module of tests/bugs, the search tests/test_power.py makes: whether a counterexample is
found that torch itself passes, after how many examples and seconds, and how small it shrinks.
With ``--rate N``, also N fresh random searches as a user's first run makes them (the default
profile's property test: its strategy, its examples, no database), how many of them fail, and the
median examples and seconds to the failure.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
import warnings

from hypothesis import Phase, settings
from hypothesis.errors import NoSuchExample

import conftest  # noqa: F401  the suite's Hypothesis profiles, so "default" is the suite's own

from .test_power import NOT_CAUGHT, SEARCH, SMALL, ZOO, catch, in_the_suite, torch_fails

# A user's first run: fresh randomness, no example database, the default profile's examples; no
# shrinking (the rate asks only whether the run fails, and after how long).
FRESH = settings(SEARCH, derandomize=False, database=None, phases=[Phase.generate])


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def rows(modules, search):
    for module in modules:
        member = ZOO[module]
        doc = (importlib.import_module(module).__doc__ or "").strip()
        start = time.perf_counter()
        try:
            result = catch(module, search)
        except NoSuchExample:
            yield (module, member, doc, "no", f"none in {member.budget}",
                   f"{time.perf_counter() - start:.1f}", "-")
            continue
        size = result.call["input"].size
        if torch_fails(module, result.call):
            caught = "no (torch fails the call too)"
        elif size > SMALL:
            caught = "yes (not small)"
        else:
            caught = "yes"
        yield (module, member, doc, caught, str(result.examples), f"{result.seconds:.1f}", str(size))


def rates(modules, runs: int, profile: str = "default"):
    """For each module: how many of ``runs`` fresh searches, as the suite's test under ``profile``
    makes them (tests.test_power.in_the_suite), fail; the median examples and seconds to that
    failure over the runs that failed."""
    max_examples = settings.get_profile(profile).max_examples
    for module in modules:
        member = in_the_suite(module, max_examples)
        caught = []
        for _ in range(runs):
            try:
                caught.append(catch(module, FRESH, member))
            except NoSuchExample:
                pass
        examples = statistics.median(c.examples for c in caught) if caught else None
        seconds = statistics.median(c.seconds for c in caught) if caught else None
        yield module, member, len(caught), examples, seconds


def _rate_cells(module: str, runs: int) -> str:
    (_, member, caught, examples, seconds), = rates([module], runs)
    median = "-" if examples is None else f"{examples:g}"
    secs = "-" if seconds is None else f"{seconds:.1f}"
    return f" {caught}/{runs} | {median} | {secs} |"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="bug modules (default: the whole zoo), e.g. nan_ignored")
    parser.add_argument("--random", action="store_true",
                        help="search with fresh randomness instead of test_power.py's derandomized searches")
    parser.add_argument("--rate", type=int, metavar="N",
                        help="also N fresh random searches per module as the default profile's property test "
                             "makes them (its examples, no database, no shrinking): how many fail, median "
                             "examples and seconds to the failure")
    args = parser.parse_args(argv)
    # As in pyproject.toml's pytest settings: torch's note that 'same' padding may copy the input.
    warnings.filterwarnings("ignore", "Using padding='same' with even kernel lengths", UserWarning)
    search = settings(SEARCH, derandomize=False) if args.random else SEARCH
    modules = [m if m.startswith("tests.bugs.") else f"tests.bugs.{m}" for m in args.modules] or list(ZOO)
    rate_head = (f" fresh default-profile runs that fail (of {args.rate}) | median examples to that failure "
                 "| median seconds to that failure |") if args.rate else ""
    print("| bug module | operator | bug | caught by | caught | examples to first failure "
          "| seconds to catch (search + shrink) | counterexample input.size |" + rate_head)
    print("|---|---|---|---|---|---|---|---|" + "---|" * (3 if args.rate else 0))
    missed, weak = [], []
    for module, member, doc, caught, examples, seconds, size in rows(modules, search):
        if not caught.startswith("yes"):
            missed.append(module)
        rate = _rate_cells(module, args.rate) if args.rate else ""
        if args.rate and int(rate.split("/")[0]) < args.rate - args.rate // 20:
            weak.append(module)
        print(f"| `{module.removeprefix('tests.bugs.')}` | {member.op} | {_cell(doc)} | {member.caught_by} "
              f"| {caught} | {examples} | {seconds} | {size} |" + rate, flush=True)
    print()
    print(f"{len(modules) - len(missed)} of {len(modules)} caught ({'random' if args.random else 'derandomized'} "
          f"searches of at most {max(ZOO[m].budget for m in modules)} examples; small: input.size <= {SMALL}).")
    if args.rate:
        print(f"{len(modules) - len(weak)} of {len(modules)} caught by at least {args.rate - args.rate // 20} of "
              f"{args.rate} fresh searches as the default profile's property test makes them "
              f"({settings.get_profile('default').max_examples} examples, error parity a third; no database).")
    for module in missed:
        print(f"\nNot caught: `{module}`: {NOT_CAUGHT.get(module, 'no diagnosis recorded')}")
    return 0 if set(missed) <= set(NOT_CAUGHT) else 1


if __name__ == "__main__":
    sys.exit(main())
