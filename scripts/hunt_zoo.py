"""Hunt every member of the bug zoo (tests/bugs) and say how many distinct divergences each gives:
the hunt should report each member's one bug as one divergence. A check of the hunt, not a test
(it takes minutes): ``python scripts/hunt_zoo.py [member ...] [--budget 120] [--examples 200]``.

Members are run in this process (they neither crash nor hang), derandomized, so a table is the
same from run to run.
"""

from __future__ import annotations

import argparse
import importlib
import pathlib
import pkgutil
import sys
import warnings

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from tests import bugs  # noqa: E402
from tests.harness.hunting import Hunt, _options_text  # noqa: E402
from tests.harness.under_test import InProcess, UnderTest  # noqa: E402

from tests.harness.features import VALUES  # noqa: E402

OPS = tuple(VALUES)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("members", nargs="*")
    parser.add_argument("--budget", type=float, default=120.0, help="seconds per member")
    parser.add_argument("--examples", type=int, default=200, help="examples per search")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore", "Using padding='same' with even kernel lengths", UserWarning)
    names = args.members or sorted(info.name for info in pkgutil.iter_modules(bugs.__path__)
                                   if not info.name.startswith("_"))
    print("| bug module | divergences | what the hunt reports | calls | seconds |")
    print("|---|---:|---|---:|---:|")
    single = 0
    for name in names:
        module = importlib.import_module(f"tests.bugs.{name}")
        under_test = UnderTest(module, InProcess(module, None))
        hunt = Hunt(under_test, budget=args.budget, examples=args.examples, derandomize=True)
        found = hunt.run([op for op in OPS if under_test.provides(op)])
        single += len(found) == 1
        what = "; ".join(f"{d.operator} {d.kind} ({_options_text(d.options)})" for d in found) or "nothing"
        print(f"| `{name}` | {len(found)} | {what} | {hunt.calls} | {hunt.seconds:.0f} |", flush=True)
    print(f"\n{single} of {len(names)} members reported as exactly one divergence.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
