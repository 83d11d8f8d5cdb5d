from celery import shared_task

from shared_apps.billing import services


@shared_task(name="shared_apps.billing.tasks.process_stripe_event")
def process_stripe_event(event_id: int) -> str:
    """Handle one stored Stripe event (exactly once; see services.event_process)."""
    return services.event_process(event_id=event_id)


@shared_task(name="shared_apps.billing.tasks.enforce_grace_periods")
def enforce_grace_periods() -> int:
    """Celery beat, hourly: suspend cities whose grace period after a failed payment is over."""
    return services.grace_periods_enforce()
