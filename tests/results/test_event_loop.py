"""pyHanko's synchronous API runs its own event loop: the check must also work in a thread
that already runs one (an ASGI worker; the suite after Playwright's browser tests)."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

from results.signatures import check_signatures
from tests.results.signing import plain_pdf


def test_a_signature_is_checked_inside_a_running_event_loop(pki):
    signed = pki.sign(plain_pdf())

    async def check():
        return check_signatures(signed)

    # A thread of the test's own whose event loop runs while the check is made.
    with ThreadPoolExecutor(max_workers=1) as pool:
        report = pool.submit(asyncio.run, check()).result()
    assert report.has_signature and report.intact
