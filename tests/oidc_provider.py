"""A real OpenID Connect provider for the tests (issue 18): tools/oidc_provider, served by
a subprocess with its own settings, database and RSA key in a temporary folder.

A pytest plugin: `pytest_plugins = ["tests.oidc_provider"]` in tests/conftest.py, or
`pytest -p tests.oidc_provider`. The session fixture `oidc_provider` is an `OIDCProvider`:
the portal's tests point the portal's client at `oidc_provider.discovery_url` with
`client_id` / `client_secret`, follow the portal's redirect to the provider with
`oidc_provider.login(session, authorize_url, username)` and get back the URL of the
portal's callback (code and state), not followed.

Nothing of the provider is imported here: this process runs the portal's Django settings,
the provider's run only in its subprocess, and the two talk over HTTP.
"""

import datetime as dt
import html
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests

REPO_ROOT = Path(__file__).resolve().parent.parent
CLIENT_ID = "anphong-test"
CLIENT_SECRET = "anphong-test-secret-not-secret"
REDIRECT_URI = "http://testserver/tai-khoan/dang-nhap/xong/"
POST_LOGOUT_REDIRECT_URI = "http://testserver/"
SCOPES = "openid profile email phone citizen"
# The only variables of the test process the provider gets: the portal's own (DATABASE_URL,
# DJANGO_SETTINGS_MODULE, SECRET_KEY, DEBUG, MEDIA_ROOT, ...) must not reach it.
_PASSED_ENV = ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "TZ", "SYSTEMROOT")
_START_TIMEOUT = 30
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_NEXT = re.compile(r'name="next" value="([^"]*)"')
_ERROR = re.compile(r'class="error"[^>]*>([^<]+)<')


class ProviderError(AssertionError):
    """The provider answered what a log-in helper did not expect (a test failure)."""


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _clock_env():
    """The test run's instant when its clock is moved (--clock): the provider starts there."""
    try:
        import time_machine
    except ImportError:
        return {}
    if not time_machine.escape_hatch.is_travelling():
        return {}
    return {"OIDC_PROVIDER_CLOCK": dt.datetime.now(dt.UTC).isoformat()}


class OIDCProvider:
    """The running provider, its client and its demo citizens (see the module docstring).

    Attributes: `base_url`, `port`, `issuer`, `discovery_url`, `discovery` (the document),
    `client_id`, `client_secret`, `scopes`, `redirect_uri` and `post_logout_redirect_uri`
    (the test client's first ones), `redirect_uris` and `post_logout_redirect_uris` (all
    registered now), `password` (every demo citizen's), `citizens` (username -> the claims
    the provider releases about him with every scope, `sub` included), `quirks` (username
    -> "", "wrong-nonce", "expired" or "no-citizen-id"), the usernames `normal_user`,
    `second_user`, `wrong_nonce_user`, `expired_user`, `no_citizen_id_user`, `portal_env`
    (the portal's OIDC_* variables for this provider) and `log_path` (the server's log).
    """

    normal_user = "dan1"
    second_user = "dan2"
    wrong_nonce_user = "nonce-sai"
    expired_user = "het-han"
    no_citizen_id_user = "thieu-cccd"

    def __init__(self, workdir):
        self.workdir = Path(workdir)
        self.log_path = self.workdir / "server.log"
        self.client_id = CLIENT_ID
        self.client_secret = CLIENT_SECRET
        self.scopes = SCOPES
        self.redirect_uri = REDIRECT_URI
        self.post_logout_redirect_uri = POST_LOGOUT_REDIRECT_URI
        self.redirect_uris = [REDIRECT_URI]
        self.post_logout_redirect_uris = [POST_LOGOUT_REDIRECT_URI]
        self.port = None
        self.base_url = None
        self.issuer = None
        self.discovery_url = None
        self.discovery = None
        self.password = None
        self.citizens = {}
        self.quirks = {}
        self._process = None
        self._log = None

    # Set-up and the server ------------------------------------------------------------

    def _env(self):
        env = {name: os.environ[name] for name in _PASSED_ENV if name in os.environ}
        env.update(
            DJANGO_SETTINGS_MODULE="tools.oidc_provider.settings",
            OIDC_PROVIDER_DB=str(self.workdir / "provider.sqlite3"),
            OIDC_PROVIDER_KEY=str(self.workdir / "provider-key.pem"),
            OIDC_PROVIDER_SECRET_KEY="test-only-oidc-provider-not-secret",
            PYTHONDONTWRITEBYTECODE="1",
            PYTHONUNBUFFERED="1",
            **_clock_env(),
        )
        return env

    def _command(self, *args):
        return [sys.executable, "-m", "tools.oidc_provider", *args]

    def _setup(self):
        """(Re-)run setup_provider with every URI registered so far; read back its summary."""
        args = ["setup_provider", "--json", "--client-id", self.client_id]
        args += ["--client-secret", self.client_secret]
        for uri in self.redirect_uris:
            args += ["--redirect-uri", uri]
        for uri in self.post_logout_redirect_uris:
            args += ["--post-logout-redirect-uri", uri]
        done = subprocess.run(
            self._command(*args),
            cwd=REPO_ROOT,
            env=self._env(),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"setup_provider failed ({done.returncode}):\n{done.stderr}")
        summary = json.loads(done.stdout)
        self.password = summary["password"]
        self.citizens = {name: c["claims"] for name, c in summary["citizens"].items()}
        self.quirks = {name: c["quirk"] for name, c in summary["citizens"].items()}

    def allow_redirect(self, uri):
        """Register one more redirect URI for the test client (e.g. the live server's)."""
        if uri not in self.redirect_uris:
            self.redirect_uris.append(uri)
            self._setup()

    def allow_post_logout_redirect(self, uri):
        """Register one more post-logout redirect URI for the test client."""
        if uri not in self.post_logout_redirect_uris:
            self.post_logout_redirect_uris.append(uri)
            self._setup()

    def start(self):
        self._setup()
        for _attempt in range(3):
            port = _free_port()
            if self._serve(port):
                return
        raise RuntimeError(f"the OIDC provider did not start:\n{self._log_tail()}")

    def _serve(self, port):
        """Start the server on `port`; True once its discovery document answers, False if
        it exited (the port was taken meanwhile)."""
        self._log = open(self.log_path, "a", encoding="utf-8")  # closed by _close()
        self._process = subprocess.Popen(
            self._command("runserver", "--noreload", f"127.0.0.1:{port}"),
            cwd=REPO_ROOT,
            env=self._env(),
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        base_url = f"http://127.0.0.1:{port}"
        discovery_url = f"{base_url}/o/.well-known/openid-configuration"
        deadline = time.monotonic() + _START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                self._close()
                return False
            try:
                response = requests.get(discovery_url, timeout=2)
            except requests.ConnectionError:
                time.sleep(0.1)
                continue
            if response.status_code != 200:
                raise RuntimeError(
                    f"discovery answered {response.status_code}:\n{self._log_tail()}"
                )
            self.port, self.base_url, self.discovery_url = port, base_url, discovery_url
            self.discovery = response.json()
            self.issuer = self.discovery["issuer"]
            return True
        raise RuntimeError(f"the OIDC provider did not answer in {_START_TIMEOUT} s")

    def _log_tail(self):
        try:
            return self.log_path.read_text(encoding="utf-8")[-4000:]
        except FileNotFoundError:
            return "(no log)"

    def _close(self):
        if self._log is not None:
            self._log.close()
            self._log = None

    def stop(self):
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        self._close()

    @property
    def portal_env(self):
        """The portal's settings for this provider, by the names of its environment."""
        return {
            "OIDC_DISCOVERY_URL": self.discovery_url,
            "OIDC_CLIENT_ID": self.client_id,
            "OIDC_CLIENT_SECRET": self.client_secret,
            "OIDC_SCOPES": self.scopes,
            "OIDC_CLAIM_CITIZEN_ID": "citizen_id",
            "OIDC_CLAIM_NAME": "name",
            "OIDC_CLAIM_BIRTHDATE": "birthdate",
            "OIDC_CLAIM_PHONE": "phone_number",
            "OIDC_CLAIM_EMAIL": "email",
            "OIDC_PROVIDER_NAME": "Nhà cung cấp định danh thử nghiệm",
        }

    # A browser at the provider -------------------------------------------------------

    def login(self, session, authorize_url, username="dan1", password=None):
        """Log `username` in at the provider from the portal's `authorize_url`; the URL the
        provider then sends the browser to (the portal's callback with code and state, or
        with an error), not followed. Any earlier log-in of `session` at the provider is
        forgotten first. Raises ProviderError when the log-in is refused."""
        page = self._login_page(session, authorize_url)
        if isinstance(page, str):
            return page
        response = session.post(
            page.url,
            data={
                **self._form(page),
                "username": username,
                "password": self.password if password is None else password,
                "action": "login",
            },
            allow_redirects=False,
        )
        if response.status_code == 200:
            found = _ERROR.search(response.text)
            message = html.unescape(found.group(1)) if found else "no message"
            raise ProviderError(f"the provider refused the log-in of {username!r}: {message}")
        return self._leave(session, response)

    def cancel(self, session, authorize_url):
        """Press "Huỷ" on the provider's log-in page: the URL the provider sends the browser
        to (the portal's callback with error=access_denied and the state), not followed."""
        page = self._login_page(session, authorize_url)
        if isinstance(page, str):
            return page
        response = session.post(
            page.url, data={**self._form(page), "action": "cancel"}, allow_redirects=False
        )
        return self._leave(session, response)

    def _login_page(self, session, authorize_url):
        """The log-in page the authorization request leads to, or the URL outside the
        provider it sent the browser to instead (an error for the client)."""
        self._forget(session)
        response = session.get(authorize_url, allow_redirects=False)
        landed = self._follow(session, response)
        if isinstance(landed, str):
            return landed
        if landed.status_code != 200 or not _CSRF.search(landed.text):
            raise ProviderError(
                f"expected the log-in page, got {landed.status_code} at {landed.url}:\n"
                f"{landed.text[:2000]}"
            )
        return landed

    @staticmethod
    def _form(page):
        found = _NEXT.search(page.text)
        return {
            "csrfmiddlewaretoken": _CSRF.search(page.text).group(1),
            "next": html.unescape(found.group(1)) if found else "",
        }

    def _leave(self, session, response):
        landed = self._follow(session, response)
        if isinstance(landed, str):
            return landed
        raise ProviderError(
            f"the provider answered {landed.status_code} at {landed.url} instead of sending "
            f"the browser back to the client:\n{landed.text[:2000]}"
        )

    def _follow(self, session, response):
        """Follow redirects within the provider: the first URL outside it, else the last
        response."""
        while response.is_redirect:
            location = urljoin(response.url, response.headers["Location"])
            if not self._is_provider(location):
                return location
            response = session.get(location, allow_redirects=False)
        return response

    def _is_provider(self, url):
        parts = urlsplit(url)
        return parts.scheme == "http" and parts.netloc in {
            f"127.0.0.1:{self.port}",
            f"localhost:{self.port}",
        }

    @staticmethod
    def _forget(session):
        """Drop the provider's cookies from the session (they all start with oidc_provider_)."""
        for cookie in list(session.cookies):
            if cookie.name.startswith("oidc_provider_"):
                session.cookies.clear(cookie.domain, cookie.path, cookie.name)


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    """The development OpenID Connect provider, served for the whole test session."""
    provider = OIDCProvider(tmp_path_factory.mktemp("oidc-provider"))
    try:
        provider.start()
        yield provider
    finally:
        provider.stop()
