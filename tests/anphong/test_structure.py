"""Guards of the layout: each app uses another app only through its public names."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# The project package and the project's own apps (third-party apps live in the venv).
APPS = ["anphong", *(app for app in settings.INSTALLED_APPS if (ROOT / app).is_dir())]


def _modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield app, path


def _imports(path):
    """(module, name) for every import of the file; name is None for `import module`."""
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                yield node.level, node.module, alias.name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield 0, alias.name, None


def test_no_app_imports_another_apps_private_names():
    """A module or name with a leading underscore is the app's own business."""
    offences = []
    for app, path in _modules():
        for level, module, name in _imports(path):
            top = module.split(".")[0]
            if level or top == app or top not in APPS:
                continue
            private = [part for part in [*module.split("."), name or ""] if part.startswith("_")]
            if private:
                offences.append(f"{path.relative_to(ROOT)}: {module} {name or ''}")
    assert offences == []


def test_imports_are_absolute():
    """`from .x import y` hides which app a module belongs to (ruff TID252 too)."""
    relative = [
        f"{path.relative_to(ROOT)}: .{module}"
        for _app, path in _modules()
        for level, module, _name in _imports(path)
        if level
    ]
    assert relative == []


def test_the_project_package_is_wiring_only():
    """Features live in apps: anphong/ holds settings, URLs, entry points, middleware
    (db_watchdog.py: the database query watchdog's), error views, the logging filters the
    settings name, and formats."""
    wiring = {
        "__init__.py",
        "asgi.py",
        "wsgi.py",
        "urls.py",
        "middleware.py",
        "db_watchdog.py",
        "views.py",
        "log_filters.py",
    }
    modules = {p.name for p in (ROOT / "anphong").glob("*.py")}
    packages = {p.name for p in (ROOT / "anphong").iterdir() if p.is_dir() and p.name[0] != "_"}
    assert modules <= wiring
    assert packages <= {"settings", "formats"}
