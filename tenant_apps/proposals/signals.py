"""What a proposal announces to those who keep copies of it, so proposals imports none of
them."""

from django.dispatch import Signal

# Sent when an author withdraws their consent to be named if the proposal is shared (inside
# the transaction), with `proposal` and `user`. The hub's boundary listens to take the name
# out of the network's copy at once.
publication_consent_withdrawn = Signal()
