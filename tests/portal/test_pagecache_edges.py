"""Page-cache edges: how long cached values live, and the next scheduled change of content.

A fake schedule stands in for the apps' "next publication" functions, so each test says
exactly when public content is due to change."""

import datetime as dt
import time

import pytest

from portal import pagecache


def _counter():
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    return compute


@pytest.fixture
def schedule(monkeypatch):
    """The next scheduled change of public content: `schedule.moment = aware datetime | None`;
    `schedule.calls` counts how often the site asked (a database query in real life)."""

    class Schedule:
        moment = None
        calls = 0

        def __call__(self):
            self.calls += 1
            return self.moment

    fake = Schedule()
    monkeypatch.setattr(pagecache, "_schedules", [fake])
    return fake


class TestCachedValue:
    def test_kept_for_a_minute_then_computed_again(self, clock, settings):
        settings.PAGE_CACHE_SECONDS = 60
        compute = _counter()
        assert pagecache.cached_value(("edges", "count"), compute) == 1
        clock.advance(seconds=59)
        assert pagecache.cached_value(("edges", "count"), compute) == 1
        clock.advance(seconds=1)
        assert pagecache.cached_value(("edges", "count"), compute) == 2

    def test_never_less_than_a_minute(self, clock, settings):
        settings.PAGE_CACHE_SECONDS = 5
        compute = _counter()
        pagecache.cached_value(("edges", "short"), compute)
        clock.advance(seconds=59)
        assert pagecache.cached_value(("edges", "short"), compute) == 1
        clock.advance(seconds=1)
        assert pagecache.cached_value(("edges", "short"), compute) == 2

    def test_the_callers_timeout_wins(self, clock):
        compute = _counter()
        pagecache.cached_value(("edges", "own"), compute, timeout=5)
        clock.advance(seconds=4)
        assert pagecache.cached_value(("edges", "own"), compute, timeout=5) == 1
        clock.advance(seconds=1)
        assert pagecache.cached_value(("edges", "own"), compute, timeout=5) == 2


class TestNextScheduledChange:
    def test_nothing_scheduled_keeps_the_full_timeout(self, clock, schedule):
        assert pagecache.timeout_for(60) == 60

    def test_a_change_in_30_seconds_cuts_the_timeout(self, clock, schedule):
        schedule.moment = clock.now + dt.timedelta(seconds=30)
        assert pagecache.timeout_for(60) == 30
        assert pagecache.timeout_for(10) == 10

    def test_a_past_change_caches_nothing(self, clock, schedule):
        schedule.moment = clock.now - dt.timedelta(seconds=5)
        assert pagecache.timeout_for(60) == 0

    def test_the_schedule_is_asked_once_per_version_and_minute(self, clock, schedule):
        schedule.moment = clock.now + dt.timedelta(hours=1)
        for _ in range(3):
            assert pagecache.timeout_for(60) == 60
        assert schedule.calls == 1
        clock.advance(seconds=1)
        pagecache.bump_version()  # an editor saved: perhaps a new schedule
        pagecache.timeout_for(60)
        assert schedule.calls == 2

    def test_a_newly_scheduled_article_counts_at_once(self, clock, schedule):
        assert pagecache.timeout_for(60) == 60
        clock.advance(seconds=1)
        schedule.moment = clock.now + dt.timedelta(seconds=20)
        pagecache.bump_version()  # the save of the scheduled article
        assert pagecache.timeout_for(60) == 20

    def test_once_the_scheduled_moment_has_passed_pages_are_cached_again(self, clock, schedule):
        schedule.moment = clock.now + dt.timedelta(seconds=20)
        assert pagecache.timeout_for(60) == 20
        clock.advance(seconds=20)
        schedule.moment = None  # published; nothing else is scheduled
        assert pagecache.timeout_for(60) == 0
        clock.advance(seconds=39)
        assert pagecache.timeout_for(60) == 0  # the moment is remembered for a minute…
        clock.advance(seconds=1)
        assert pagecache.timeout_for(60) == 60  # …and then looked up again


@pytest.mark.django_db
class TestWhichRequestsAreCached:
    def test_a_head_request_is_answered_from_the_cache(self, client, ward):
        assert client.get("/")["X-Page-Cache"] == "miss"
        response = client.head("/")
        assert response["X-Page-Cache"] == "hit" and response.content == b""

    def test_a_one_second_page_cache_still_caches(self, client, ward, settings, clock):
        settings.PAGE_CACHE_SECONDS = 1
        assert client.get("/")["X-Page-Cache"] == "miss"
        assert client.get("/")["X-Page-Cache"] == "hit"


def test_a_process_keeps_what_it_loaded_for_less_than_a_minute(clock):
    """per_process loads once, keeps the value at the same instant (a frozen clock) and
    for up to PER_PROCESS_SECONDS, and loads again when that much time has passed."""
    from portal.pagecache import PER_PROCESS_SECONDS, clear_process_state, per_process

    clear_process_state()
    loads = []

    def load():
        loads.append(None)
        return len(loads)

    assert per_process("test-keep", load) == 1
    assert per_process("test-keep", load) == 1  # the same instant
    clock.advance(seconds=PER_PROCESS_SECONDS - 1)
    assert per_process("test-keep", load) == 1
    clock.advance(seconds=1)  # exactly PER_PROCESS_SECONDS since the load
    assert per_process("test-keep", load) == 2


class _RacingCache:
    """A cache in which another process stores its version between this one's first read
    and its add (`rival`), or that is down (`down`: every read a miss, every add refused,
    as portal.cache.FailOpenRedisCache during an outage)."""

    def __init__(self, rival=None, down=False):
        self.data, self.rival, self.down = {}, rival, down

    def get(self, key, default=None):
        if self.down:
            return default
        value = self.data.get(key, default)
        if self.rival is not None:
            self.data.setdefault(key, self.rival)
        return value

    def add(self, key, value, timeout=None):
        if self.down or key in self.data:
            return False
        self.data[key] = value
        return True


class TestVersion:
    def test_never_expires(self, clock):
        """The version lives until public content changes, not for the cache's default
        timeout (300 s): every cached page would be dropped with it."""
        first = pagecache.version()
        clock.advance(days=2)
        assert pagecache.version() == first

    def test_the_first_process_to_store_it_wins(self, monkeypatch):
        monkeypatch.setattr(pagecache, "cache", _RacingCache(rival=42))
        assert pagecache.version() == 42

    def test_while_the_cache_is_down_the_version_is_still_a_value(self, clock, monkeypatch):
        monkeypatch.setattr(pagecache, "cache", _RacingCache(down=True))
        assert pagecache.version() == time.time_ns()  # the clock stands still


class _CountingCache:
    """The real cache, counting the reads of the version key."""

    def __init__(self, real):
        self.real, self.version_reads = real, 0

    def get(self, key, default=None):
        if key == pagecache.VERSION_KEY:
            self.version_reads += 1
        return self.real.get(key, default)

    def __getattr__(self, name):
        return getattr(self.real, name)


class TestOneVersionPerPage:
    @pytest.mark.parametrize("page_cache_seconds", [60, 0])
    def test_a_page_reads_the_version_once(
        self, client, ward, monkeypatch, settings, page_cache_seconds
    ):
        """Its own key, the layout's fragments, the search's sets, the ward's profile: one
        cache round trip, not one each, whether the page cache is on or off (the template
        is then rendered after the view returns)."""
        settings.PAGE_CACHE_SECONDS = page_cache_seconds
        counting = _CountingCache(pagecache.cache)
        monkeypatch.setattr(pagecache, "cache", counting)
        response = client.get("/tim-kiem/", {"q": "đại hội"})
        assert response.status_code == 200
        assert "đại hội" in response.text  # the query, echoed in the search box
        assert counting.version_reads == 1

    def test_the_page_keeps_the_version_it_read(self, db):
        with pagecache.one_version():
            first = pagecache.version()
            pagecache.cache.set(pagecache.VERSION_KEY, first + 1, None)  # another process saves
            assert pagecache.version() == first
        assert pagecache.version() == first + 1

    def test_a_save_during_the_page_moves_the_version_it_holds(self, clock):
        with pagecache.one_version():
            first = pagecache.version()
            clock.advance(seconds=1)
            pagecache.bump_version()
            assert pagecache.version() == pagecache.cache.get(pagecache.VERSION_KEY) != first

    def test_outside_a_page_every_call_reads_the_cache(self, client, ward):
        client.get("/")
        pagecache.cache.set(pagecache.VERSION_KEY, 7, None)
        assert pagecache.version() == 7
        pagecache.cache.set(pagecache.VERSION_KEY, 8, None)
        assert pagecache.version() == 8
