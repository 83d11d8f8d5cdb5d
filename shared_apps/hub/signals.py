"""What the hub announces, so its services import nothing of the cities."""

from django.dispatch import Signal

# Sent when a coordinator publishes a practice or asks for changes, with `practice`,
# `outcome` ("published" or "changes") and `comment`. The boundary tells the source city.
practice_reviewed = Signal()
