"""Browser-test harness: Playwright driving Debian's Chromium against `live_server`.

Every test marked `browser` runs here. Where /usr/bin/chromium is missing the tests are
skipped with a line saying so (CI installs it, so there they always run).

Fixtures:
- `browser_page(width=1280, height=900)`: a fresh page that records console errors,
  uncaught page errors and Content-Security-Policy violations.
- `assert_clean(page)`: fails on any recorded error or CSP violation.
- `axe_check(page)`: fails on a serious or critical axe-core violation.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FOUND = Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None
SKIP_REASON = (
    f"Chromium not found at {CHROMIUM}: browser tests skipped "
    "(install it with `apt-get install chromium`; .ci/run does)."
)

# Playwright's sync API runs an event loop in this thread; Django's ORM is used from the
# test body only, never concurrently with it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class _SerialWSGIServer(WSGIServer):
    """The live server answering one request at a time.

    With SQLite in memory, pytest-django hands the test's one connection to the server
    thread, and Django's threaded live server would use it from a thread per request: a
    page and its script fetched at once then broke it ("bad parameter or other API
    misuse", seen once in CI). Without threads, Django's server closes each connection
    after its response, so the browser's parallel fetches simply wait their turn.
    """

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


if "sqlite" in settings.DATABASES["default"]["ENGINE"]:
    LiveServerThread.server_class = _SerialWSGIServer

# Recorded in the page before any of its own scripts run; not subject to the page's CSP.
_RECORDER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
});
"""


def pytest_collection_modifyitems(config, items):
    if CHROMIUM_FOUND:
        return
    skip = pytest.mark.skip(reason=SKIP_REASON)
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def pytest_report_header(config):
    return f"browser tests: {'Chromium at ' + CHROMIUM if CHROMIUM_FOUND else SKIP_REASON}"


@pytest.fixture(scope="session")
def _chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(_chromium, live_server):
    contexts = []

    def open_page(width=1280, height=900):
        context = _chromium.new_context(
            viewport={"width": width, "height": height},
            base_url=live_server.url,
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.errors = []
        page.on(
            "console",
            lambda msg: (
                page.errors.append(f"console.{msg.type}: {msg.text}")
                if msg.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda exc: page.errors.append(f"pageerror: {exc}"))
        page.add_init_script(_RECORDER)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def assert_clean():
    def check(page):
        violations = page.evaluate("window.__cspViolations || []")
        assert not violations, f"CSP violations on {page.url}: {violations}"
        assert not page.errors, f"Console errors on {page.url}: {page.errors}"

    return check


@pytest.fixture
def axe_check():
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page, impacts=("serious", "critical")):
        results = axe.run(page)
        bad = [v for v in results.response["violations"] if v.get("impact") in impacts]
        details = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(n["target"][0] if n.get("target") else "?" for n in v["nodes"][:5])
            for v in bad
        ]
        assert not bad, f"axe-core on {page.url}:\n" + "\n".join(details)
        return results

    return check
