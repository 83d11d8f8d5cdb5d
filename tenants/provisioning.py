"""The steps that bring a new city up, and the plans onboarding may give it.

tenants owns the steps every city needs (copy the template, set up its addresses, invite
its first admin, open it). Apps above tenants add theirs from their AppConfig.ready:
billing adds opening the billing account, before the city opens, and the plans it offers.
So tenants imports none of them, and a network without billing onboards cities without
plans.
"""

from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _

from tenants.models import ProvisioningJob

# (code, label) in the order they run; labels are translated when shown.
PROVISIONING_STEPS: list[tuple[str, str]] = [
    ("schema", "Copy the city template"),
    ("domains", "Set up the addresses"),
    ("admin", "Invite the first city admin"),
    ("activate", "Open the city"),
]
# The steps other apps added, by code: run(job) inside the step's transaction.
ADDED_STEPS: dict[str, Callable[[ProvisioningJob], None]] = {}

# Each returns the plans (code, name) a new city may be given.
PLAN_CATALOGUES: list[Callable[[], Iterable[tuple[str, str]]]] = []


def provisioning_step_add(*, code: str, label: str, run: Callable[[ProvisioningJob], None],
                          before: str = "activate") -> None:
    """Add a step that runs just before the step `before`; adding it again changes
    nothing."""
    if code in ADDED_STEPS:
        return
    ADDED_STEPS[code] = run
    position = [step for step, _label in PROVISIONING_STEPS].index(before)
    PROVISIONING_STEPS.insert(position, (code, label))


def provisioning_step_labels() -> list[tuple[str, str]]:
    """The steps with their labels in the active language."""
    return [(code, _(label)) for code, label in PROVISIONING_STEPS]


def plans_offered() -> list[tuple[str, str]]:
    """Every plan (code, name) a new city may be given; none without billing."""
    return [plan for catalogue in PLAN_CATALOGUES for plan in catalogue()]
