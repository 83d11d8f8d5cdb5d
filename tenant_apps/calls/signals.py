"""What a call announces to the other steps of the cycle, so the calls services import none
of them."""

from django.dispatch import Signal

# Sent once a call has moved to another phase (inside the move's transaction), with
# `call`, `from_phase`, `to_phase` and `by` (None for the scheduler). Evaluation listens to
# tell the authors their results.
phase_changed = Signal()
