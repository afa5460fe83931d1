"""Close the online payment orders whose time at the gateway has run out (every 15 minutes)."""

from django.core.management.base import BaseCommand

from payments import services


class Command(BaseCommand):
    help = "Mark online payment orders past their gateway expiry as expired."

    def handle(self, *args, **options):
        closed = services.expire_stale_orders()
        self.stdout.write(f"{closed} expired order(s) closed.")
