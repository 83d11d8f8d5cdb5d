import hashlib
import hmac
import json
import time

import pytest

from shared_apps.billing.tests.stripe_emulator import StripeEmulator

WEBHOOK_SECRET = "whsec_test_innovato"


@pytest.fixture(autouse=True)
def _no_spare_schemas(settings):
    settings.CITY_SCHEMA_POOL_SIZE = 0


@pytest.fixture(scope="session")
def stripe_emulator(tmp_path_factory):
    with StripeEmulator(tmp_path_factory.mktemp("localstripe")) as emulator:
        yield emulator


@pytest.fixture
def billing_on(settings, stripe_emulator):
    """Billing configured against the local emulator; stripe's globals put back after."""
    import stripe

    saved = (stripe.api_key, stripe.api_base)
    settings.STRIPE_SECRET_KEY = "sk_test_innovato"
    settings.STRIPE_API_BASE = stripe_emulator.base
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    yield stripe_emulator
    stripe.api_key, stripe.api_base = saved


def sign(payload: bytes, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """A Stripe-Signature header: t=<time>,v1=<HMAC-SHA256 of "t.payload">."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload,
                      hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def event(kind: str, obj: dict, *, created: int, event_id: str | None = None) -> bytes:
    return json.dumps({
        "id": event_id or f"evt_{kind.replace('.', '_')}_{created}",
        "object": "event", "type": kind, "created": created, "api_version": "2024-06-20",
        "livemode": False, "data": {"object": obj},
    }).encode()
