"""Project-wide fixtures, and the one way to move the clock.

The clock moves through time-machine, which replaces the C-level clock functions: the
application, model defaults (`default=timezone.now`) and factories all see the same
instant. `--clock=2027-02-11T07:45+07:00` (or ANPHONG_TEST_CLOCK) starts the whole run at
that instant, ticking; a test that needs an exact instant asks for the `clock` fixture.
"""

import datetime as dt
import os

import pytest
import time_machine
from django.core.cache import cache

# Staff users in each role: the staff tests' and the desk's.
pytest_plugins = ["tests.staff.fixtures", "tests.oidc_provider"]

_SESSION_CLOCK = pytest.StashKey()


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        default=os.environ.get("ANPHONG_TEST_CLOCK", ""),
        metavar="ISO-INSTANT",
        help="run the suite with the clock starting at this instant, with its UTC offset "
        "(e.g. 2026-12-12T19:30+07:00); default: ANPHONG_TEST_CLOCK, else the real clock",
    )


def _parse_instant(value):
    try:
        instant = dt.datetime.fromisoformat(value)
    except ValueError:
        raise pytest.UsageError(f"--clock: not an ISO 8601 instant: {value!r}") from None
    if instant.tzinfo is None:
        raise pytest.UsageError(f"--clock: give the UTC offset too, e.g. {value}+07:00")
    return instant


def pytest_configure(config):
    value = config.getoption("--clock")
    if value:
        traveller = time_machine.travel(_parse_instant(value), tick=True)
        traveller.start()
        config.stash[_SESSION_CLOCK] = traveller


def pytest_unconfigure(config):
    traveller = config.stash.get(_SESSION_CLOCK, None)
    if traveller is not None:
        traveller.stop()


def pytest_report_header(config):
    value = config.getoption("--clock")
    return f"clock: starts at {value}" if value else "clock: real"


class Clock:
    """A stopped clock for one test: `clock.now = instant`, `clock.advance(seconds=…)`."""

    def __init__(self, traveller):
        self._traveller = traveller

    @property
    def now(self):
        return dt.datetime.now(dt.UTC)

    @now.setter
    def now(self, instant):
        if instant.tzinfo is None:
            raise ValueError("give the clock an aware datetime")
        self._traveller.move_to(instant)

    def advance(self, delta=None, **kwargs):
        self._traveller.shift(delta if delta is not None else dt.timedelta(**kwargs))

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    """Stop the clock at the current instant for this test; set or advance it at will."""
    with time_machine.travel(dt.datetime.now(dt.UTC), tick=False) as traveller:
        yield Clock(traveller)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Every test starts with an empty cache (cached rows would outlive the rolled-back DB)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ward(db):
    """The demo ward profile, as `make run` loads it."""
    from django.core.management import call_command

    call_command("loaddata", "fixtures/demo/010_ward.json", verbosity=0)
    from portal.models import WardProfile

    return WardProfile.load()


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    """Each test gets its own private storage root, so file assertions see only its files.

    Overriding STORAGES makes Django build the "private" storage anew at that root.
    """
    root = tmp_path / "private"
    settings.PRIVATE_MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": root}},
    }
    return root


@pytest.fixture
def demo_org(ward):
    """The organisation and Congress demo content, as `make run` loads it."""
    from django.core.management import call_command

    call_command(
        "loaddata",
        "fixtures/demo/050_organisation.json",
        "fixtures/demo/051_congress.json",
        verbosity=0,
    )


@pytest.fixture(autouse=True)
def _places(request):
    """Provinces and wards from the data migration, reloaded if a transactional test's
    flush (browser tests, concurrency tests) emptied the tables: every app's demo and
    dossier code needs them. One query when they are present."""
    uses_db = request.node.get_closest_marker("django_db") is not None or any(
        name in request.fixturenames for name in ("db", "transactional_db", "ward")
    )
    if not uses_db:
        return
    request.getfixturevalue(
        "transactional_db"
        if getattr(request.node.get_closest_marker("django_db"), "kwargs", {}).get("transaction")
        else "db"
    )
    from procedures.models import Province
    from tests.procedures.factories import load_places

    if not Province.objects.exists():
        load_places()


@pytest.fixture(autouse=True)
def _process_state():
    """What modules keep for the life of the process starts afresh in every test: the sets
    `pagecache.per_process()` holds (under a stopped clock two tests read the same cache
    version, so the version alone would serve the first test's set to the second), and
    any site-search provider a test registered."""
    from portal import pagecache
    from portal.search import registry as search

    pagecache.clear_process_state()
    before = search.providers()
    yield
    for provider in search.providers():
        if provider not in before:
            search.unregister(type(provider))
    pagecache.clear_process_state()


@pytest.fixture(autouse=True)
def _no_database_outage():
    """The process-level outage flag (anphong.views.database_outage) starts and ends each
    test cleared: a test that answered a 503 must not leave the next one "in an outage"."""
    from anphong.views import database_outage

    database_outage.reset()
    yield
    database_outage.reset()


@pytest.fixture(autouse=True)
def _force_login_passes_the_code_step(monkeypatch):
    """`client.force_login(staff_user)` also passes the log-in code step (staff.otp), as if
    the officer had typed the code from his app: a test of an admin page opens that page.

    The tests of the code step itself sign in with `client.login()` or the log-in form,
    which leave the session unconfirmed; tests/staff/otp.py has the helpers."""
    from django.test.client import ClientMixin

    from tests.staff.otp import pass_second_factor

    force_login = ClientMixin.force_login

    def force_login_with_code(self, user, backend=None):
        force_login(self, user, backend)
        pass_second_factor(self, user)

    monkeypatch.setattr(ClientMixin, "force_login", force_login_with_code)


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's default language: a request to an /en/ page leaves
    English active in the test's thread, and `reverse()` and gettext in the tests that
    follow would answer in English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
