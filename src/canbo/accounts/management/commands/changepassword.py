"""Django's `changepassword`, for a password typed at the console by an operator: its holder must
replace it at the next log-in, and the change goes to the change log."""

from django.contrib.auth.management.commands import changepassword

from canbo.accounts.models import User
from canbo.core import audit
from canbo.core.context import acting_as


class Command(changepassword.Command):
    def handle(self, *args, **options):
        with acting_as(None, origin="command", label="canbo changepassword"):
            message = super().handle(*args, **options)
            user = User.objects.get(username=options["username"] or changepassword.getpass.getuser())
            before = audit.snapshot(user)
            user.must_change_password = True
            user.save(update_fields=["must_change_password"])
            audit.log_update(user, before)
        return message
