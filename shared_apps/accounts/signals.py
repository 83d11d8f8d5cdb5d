"""Signals of accounts, for apps above it (the layers forbid accounts importing them)."""

from django.dispatch import Signal

# Sent with `invitation` and `user` once an invitation has become an account.
invitation_accepted = Signal()
