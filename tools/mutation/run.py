"""Mutation testing of the modules that guard residents and their data (see README.md here).

    .venv/bin/python tools/mutation/run.py              # fresh run (removes mutants/), then check
    .venv/bin/python tools/mutation/run.py --incremental  # reuse mutants/; retest the survivors
    .venv/bin/python tools/mutation/run.py --retest-survivors  # reuse mutants/; survivors only
    .venv/bin/python tools/mutation/run.py --report-only  # only read a finished run
    .venv/bin/python tools/mutation/run.py --resume     # start from the verdicts git keeps
    .venv/bin/python tools/mutation/run.py --save       # keep the verdicts reached so far

The score is killed / (all mutants - listed equivalents), where "killed" counts mutants a
test failed on or that timed out. The run fails (exit 1) when the score is below the
minimum written in README.md ("Minimum score: NN %"), or when any mutant that was not
killed (survived, no test, suspicious…) is not listed in equivalent.toml.

A mutant is identified by its function and its change (the source lines before and after,
stripped of indentation), not by mutmut's numbered name, which shifts whenever the function
is edited: an entry of equivalent.toml stays valid as long as the code it speaks of does.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
README = HERE / "README.md"
EQUIVALENTS = HERE / "equivalent.toml"
# Each mutated file's verdicts (exit code by mutant, hash of each function they were
# reached on), kept by git: a run stopped on one machine resumes on another.
VERDICTS = HERE / "verdicts"
MUTANTS = ROOT / "mutants"
MINIMUM = re.compile(r"^Minimum score:\s*(\d+(?:\.\d+)?)\s*%\s*$", re.MULTILINE)
# Statuses that count as a kill; everything else must be listed as equivalent.
KILLED = {"killed", "timeout"}
# equivalent: no behaviour can tell the mutant from the code. import-time: the function
# runs only while Django starts, before mutmut switches a mutant on in its worker, so no
# test can run the mutant (see README.md).
KINDS = {"equivalent", "import-time"}


@dataclass(frozen=True)
class Mutant:
    name: str  # mutmut's name, e.g. procedures.workflow.x_dossier_transition__mutmut_12
    status: str
    function: str  # e.g. procedures.workdays.WorkCalendar.add_working_time
    before: str  # the changed lines, stripped, joined by newlines
    after: str
    diff: str

    @property
    def identity(self):
        return (self.function, self.before, self.after)


def minimum_score():
    match = MINIMUM.search(README.read_text(encoding="utf-8"))
    if match is None:
        sys.exit(f"{README}: no line 'Minimum score: NN %'")
    return float(match.group(1))


def load_equivalents():
    """{(function, before, after): (kind, reason)} from equivalent.toml.

    An entry's `after` may be a list: one entry then covers several changes of the same
    line that share a reason (e.g. the header name in lower and in upper case)."""
    data = tomllib.loads(EQUIVALENTS.read_text(encoding="utf-8"))
    entries = {}
    for i, entry in enumerate(data.get("mutant", []), 1):
        missing = {"function", "before", "after", "reason"} - set(entry)
        if missing or not entry["reason"].strip():
            sys.exit(f"{EQUIVALENTS}: entry {i} needs function, before, after and a reason")
        kind = entry.get("kind", "equivalent")
        if kind not in KINDS:
            sys.exit(f"{EQUIVALENTS}: entry {i}: kind must be one of {sorted(KINDS)}")
        afters = entry["after"] if isinstance(entry["after"], list) else [entry["after"]]
        for after in afters:
            key = (entry["function"], _normalise(entry["before"]), _normalise(after))
            if key in entries:
                sys.exit(f"{EQUIVALENTS}: entry {i} lists a change twice: {key}")
            entries[key] = (kind, entry["reason"].strip())
    return entries


def _normalise(text):
    return "\n".join(line.strip() for line in text.strip().splitlines())


def _function_name(mutant_name):
    from mutmut.utils.format_utils import mangled_name_from_mutant_name

    mangled = mangled_name_from_mutant_name(mutant_name)
    module, _, name = mangled.rpartition(".")
    if name.startswith("xǁ"):
        _x, cls, method = name.split("ǁ")
        return f"{module}.{cls}.{method}"
    return f"{module}.{name.removeprefix('x_')}"


def _change(diff):
    before, after = [], []
    for line in diff.splitlines():
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("-"):
            before.append(line[1:].strip())
        elif line.startswith("+"):
            after.append(line[1:].strip())
    return "\n".join(before), "\n".join(after)


def read_results():
    """Every mutant of the last run (must be called from the project root)."""
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code
    from mutmut.utils.file_utils import walk_mutatable_files

    mutants = []
    for path in walk_mutatable_files():
        data = SourceFileMutationData(path=path)
        data.load()
        for name, exit_code in data.exit_code_by_key.items():
            status = status_by_exit_code[exit_code]
            diff = "" if status in KILLED else get_diff_for_mutant(name, path=path)
            before, after = _change(diff)
            mutants.append(Mutant(name, status, _function_name(name), before, after, diff))
    return mutants


def save_verdicts():
    """Copy the verdicts of mutants/ (also while mutmut runs: it saves after each mutant)
    to tools/mutation/verdicts/<path>.json."""
    for meta in sorted(MUTANTS.rglob("*.py.meta")):
        data = json.loads(meta.read_text(encoding="utf-8"))
        kept = {key: data[key] for key in ("exit_code_by_key", "hash_by_function_name")}
        target = VERDICTS / meta.relative_to(MUTANTS).with_suffix(".json")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(kept, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def restore_verdicts():
    """Seed a new mutants/ with the saved verdicts, timeouts left out. mutmut then
    regenerates each file's mutants and keeps a verdict only while its function's code is
    unchanged (its hash)."""
    from mutmut.stats import status_by_exit_code

    for saved in sorted(VERDICTS.rglob("*.py.json")):
        data = json.loads(saved.read_text(encoding="utf-8"))
        # A timeout may only say the machine was busy (mutmut's limit is partly wall
        # time): such a mutant is tested again rather than counted as killed.
        data["exit_code_by_key"] = {
            name: None if status_by_exit_code[code] == "timeout" else code
            for name, code in data["exit_code_by_key"].items()
        }
        meta = MUTANTS / saved.relative_to(VERDICTS).with_suffix(".meta")
        meta.parent.mkdir(parents=True, exist_ok=True)
        empty = {"type_check_error_by_key": {}, "durations_by_key": {}}
        meta.write_text(
            json.dumps({**data, **empty, "estimated_durations_by_key": {}}), encoding="utf-8"
        )


def run_mutmut(names=(), max_children=None):
    command = [str(Path(sys.executable).with_name("mutmut")), "run"]
    if max_children:
        command += ["--max-children", str(max_children)]
    command += list(names)
    # mutmut shows its own progress line while it runs.
    result = subprocess.run(command, cwd=ROOT, check=False)  # noqa: S603 - our venv's mutmut
    if result.returncode != 0:
        sys.exit(f"mutmut run failed (exit {result.returncode})")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--report-only", action="store_true", help="read the finished run in mutants/, run nothing"
    )
    mode.add_argument(
        "--incremental",
        action="store_true",
        help="keep mutants/ (mutmut tests only new mutants and changed functions), then "
        "retest every unexplained survivor against the current tests",
    )
    mode.add_argument(
        "--retest-survivors",
        action="store_true",
        help="keep mutants/ and retest only the unexplained survivors of the last run "
        "(not the mutants it did not reach): the quick check of new tests",
    )
    mode.add_argument(
        "--resume",
        action="store_true",
        help="rebuild mutants/ from the verdicts in tools/mutation/verdicts/, test what has "
        "none (or whose function changed), then retest every unexplained survivor",
    )
    mode.add_argument(
        "--save",
        action="store_true",
        help="only copy the verdicts reached so far (even by a run still going) to "
        "tools/mutation/verdicts/",
    )
    parser.add_argument("--max-children", type=int, help="parallel workers (default: all cores)")
    args = parser.parse_args(argv)

    os.chdir(ROOT)
    if args.save:
        save_verdicts()
        return 0
    minimum = minimum_score()
    equivalents = load_equivalents()
    started = time.monotonic()
    if (args.report_only or args.retest_survivors) and not (ROOT / "mutants").is_dir():
        sys.exit("No mutants/ directory: run the full mutation run first.")
    if args.retest_survivors:
        again = [
            m.name
            for m in read_results()
            if m.status not in KILLED | {"not checked"} and m.identity not in equivalents
        ]
        if again:
            print(f"Retesting {len(again)} unexplained survivors against the current tests…")
            run_mutmut(again, max_children=args.max_children)
    elif not args.report_only:
        if not args.incremental:
            shutil.rmtree(MUTANTS, ignore_errors=True)
        if args.resume:
            restore_verdicts()
        run_mutmut(max_children=args.max_children)
        if args.incremental or args.resume:
            # Listed mutants are known to survive: retesting them would only cost time.
            again = [
                m.name
                for m in read_results()
                if m.status not in KILLED and m.identity not in equivalents
            ]
            if again:
                print(f"Retesting {len(again)} unexplained mutants against the current tests…")
                run_mutmut(again, max_children=args.max_children)

    save_verdicts()
    mutants = read_results()
    if not mutants:
        sys.exit("No mutants found in mutants/: did the run finish?")
    killed = [m for m in mutants if m.status in KILLED]
    others = [m for m in mutants if m.status not in KILLED]
    equivalent = [m for m in others if m.identity in equivalents]
    unexplained = [m for m in others if m.identity not in equivalents]
    used = {m.identity for m in equivalent}
    stale = [key for key in equivalents if key not in used]

    denominator = len(mutants) - len(equivalent)
    score = 100.0 * len(killed) / denominator if denominator else 100.0
    print()
    kinds = Counter(equivalents[m.identity][0] for m in equivalent)
    listed = ", ".join(f"{kind}: {kinds[kind]}" for kind in sorted(KINDS))
    print(
        f"Mutants: {len(mutants)}; killed: {len(killed)}; listed ({listed}); "
        f"unexplained: {len(unexplained)}"
    )
    print(f"Score: {score:.2f} % (minimum {minimum:g} %)")
    if args.report_only is False:
        print(f"Duration: {time.monotonic() - started:.0f} s")
    for function, before, after in stale:
        print("\nNote: equivalent.toml lists a mutant no run produced or that is now killed:")
        print(f"  {function}: {before!r} -> {after!r}")
    if unexplained:
        print("\nSurviving mutants, neither killed nor listed in tools/mutation/equivalent.toml:")
        for m in sorted(unexplained, key=lambda m: m.name):
            print(f"\n# {m.name}: {m.status}")
            print(f"# function = {m.function!r}")
            print(m.diff)
    failed = bool(unexplained) or score < minimum
    print("\nFAILED" if failed else "\nOK")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
