"""pagecache.per_process: kept per process until public content changes or a minute passes."""

from portal import pagecache


def _counter():
    loads = []

    def load():
        loads.append(1)
        return len(loads)

    return load


def test_kept_while_the_version_and_key_are_unchanged():
    load = _counter()
    assert pagecache.per_process("test:kept", load) == 1
    assert pagecache.per_process("test:kept", load) == 1
    assert pagecache.per_process("test:kept", load, "other day") == 2  # the key changed


def test_reloaded_when_public_content_changes():
    load = _counter()
    assert pagecache.per_process("test:version", load) == 1
    pagecache.bump_version()
    assert pagecache.per_process("test:version", load) == 2


def test_reloaded_after_a_minute_even_if_no_save_reached_this_process(clock):
    """With per-process caches (locmem, several workers) another worker's save does not
    bump this process's version: the set is read again within PER_PROCESS_SECONDS."""
    load = _counter()
    assert pagecache.per_process("test:age", load) == 1
    clock.advance(seconds=30)
    assert pagecache.per_process("test:age", load) == 1
    clock.advance(seconds=pagecache.PER_PROCESS_SECONDS - 30 + 1)
    assert pagecache.per_process("test:age", load) == 2


def test_clear_process_state_forgets_every_held_set():
    load = _counter()
    assert pagecache.per_process("test:clear", load) == 1
    assert pagecache.per_process("test:clear", load) == 1
    pagecache.clear_process_state()
    assert pagecache.per_process("test:clear", load) == 2
