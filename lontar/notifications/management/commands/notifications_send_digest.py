from django.core.management.base import BaseCommand

from lontar.notifications.services import digest_send


class Command(BaseCommand):
    help = "E-mail each user who chose the daily digest one message with their pending notifications."

    def handle(self, *args, **options) -> None:
        sent = digest_send()
        self.stdout.write(f"{sent} digest(s) sent")
