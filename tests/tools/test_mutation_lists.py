"""tools/mutation/equivalent.toml lists mutants of code that exists.

An entry whose line is no longer in its function's file explains a mutant mutmut can no
longer make: a reader takes it for a reason that still holds. When code changes, its
entries change with it (or go).
"""

import importlib.util
import sys
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
EQUIVALENTS = ROOT / "tools" / "mutation" / "equivalent.toml"


def _source_of(function):
    """The file of `function` (a dotted name: module, maybe a class, the function)."""
    parts = function.split(".")
    for end in range(len(parts), 0, -1):
        path = ROOT.joinpath(*parts[:end]).with_suffix(".py")
        if path.exists():
            return path
    raise AssertionError(f"no file for {function}")


def _lines(text):
    return "\n".join(line.strip() for line in text.strip().splitlines())


def test_every_listed_mutant_changes_a_line_that_is_still_there():
    entries = tomllib.loads(EQUIVALENTS.read_text(encoding="utf-8"))["mutant"]
    assert len(entries) > 50  # the parser read the file
    gone = [
        (entry["function"], entry["before"])
        for entry in entries
        if _lines(entry["before"]) not in _lines(_source_of(entry["function"]).read_text())
    ]
    assert gone == []


def test_the_mutation_runner_reads_the_same_list():
    """run.py's own reader accepts the file (it exits on a malformed entry)."""
    spec = importlib.util.spec_from_file_location(
        "mutation_run", ROOT / "tools" / "mutation" / "run.py"
    )
    runner = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = runner  # its dataclass looks its module up there
    try:
        spec.loader.exec_module(runner)
        listed = runner.load_equivalents()
    finally:
        del sys.modules[spec.name]
    entries = tomllib.loads(EQUIVALENTS.read_text(encoding="utf-8"))["mutant"]
    assert len(listed) >= len(entries)


def test_the_mutation_copy_holds_every_app_of_the_project():
    """mutmut runs the suite in a copy of the project (`also_copy`): an app left out of it
    stops the run at the first import (feedback/ once did)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    copied = set(config["tool"]["mutmut"]["also_copy"])
    local_apps = [app for app in settings.INSTALLED_APPS if (ROOT / app).is_dir()]
    assert local_apps  # the settings name the project's own apps
    assert [app for app in local_apps if f"{app}/" not in copied] == []
