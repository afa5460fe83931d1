"""`python -m tools.oidc_provider <command>`: Django's manage.py for the provider.

Always the provider's own settings, whatever DJANGO_SETTINGS_MODULE the shell holds (the
portal's would otherwise be picked up).

OIDC_PROVIDER_CLOCK (an ISO 8601 instant with its offset) starts the provider's clock at
that instant, ticking: the test fixture passes it when the test run's clock is moved
(`--clock`, ANPHONG_TEST_CLOCK), so ID tokens are issued in the portal's "now".
"""

import datetime as dt
import os
import sys


def _move_clock():
    value = os.environ.get("OIDC_PROVIDER_CLOCK", "")
    if not value:
        return
    instant = dt.datetime.fromisoformat(value)
    if instant.tzinfo is None:
        raise SystemExit(f"OIDC_PROVIDER_CLOCK: give the UTC offset too, e.g. {value}+07:00")
    import time_machine

    time_machine.travel(instant, tick=True).start()


def main():
    os.environ["DJANGO_SETTINGS_MODULE"] = "tools.oidc_provider.settings"
    _move_clock()
    from django.core.management import execute_from_command_line

    execute_from_command_line([f"{sys.executable} -m tools.oidc_provider", *sys.argv[1:]])


if __name__ == "__main__":
    main()
