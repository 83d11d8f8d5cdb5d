"""Stripe for tests, over real HTTP: localstripe (customers, products, plans, subscriptions,
invoices) in a subprocess, behind a tiny local front that answers what localstripe lacks
(prices, checkout sessions, billing-portal sessions, webhook endpoints), forwards the rest,
and corrects where localstripe departs from Stripe's documented behaviour (trials).
The stripe library talks to it through `stripe.api_base`."""

import json
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, make_server


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port}")


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


class StripeEmulator:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.upstream_port = free_port()
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.requests: list[tuple[str, str, dict]] = []
        self.checkout_sessions: dict[str, dict] = {}

    # --- what localstripe lacks -------------------------------------------------------------
    def _own(self, method: str, path: str, form: dict) -> dict | None:
        token = secrets.token_hex(8)
        if method == "POST" and path == "/v1/checkout/sessions":
            session = {"id": f"cs_test_{token}", "object": "checkout.session",
                       "url": f"{self.base}/checkout/cs_test_{token}",
                       "customer": form.get("customer"), "mode": form.get("mode"),
                       "success_url": form.get("success_url"),
                       "line_items": form.get("line_items[0][price]"),
                       "client_reference_id": form.get("client_reference_id"),
                       "status": "open", "payment_status": "unpaid"}
            self.checkout_sessions[session["id"]] = session
            return session
        if method == "POST" and path == "/v1/billing_portal/sessions":
            return {"id": f"bps_{token}", "object": "billing_portal.session",
                    "url": f"{self.base}/portal/bps_{token}", "customer": form.get("customer"),
                    "return_url": form.get("return_url")}
        if path.startswith("/v1/prices"):
            return {"id": form.get("id") or f"price_{token}", "object": "price",
                    "unit_amount": int(form.get("unit_amount", 0)),
                    "currency": form.get("currency"), "product": form.get("product")}
        if path.startswith("/v1/webhook_endpoints"):
            return {"id": f"we_{token}", "object": "webhook_endpoint",
                    "url": form.get("url"), "secret": f"whsec_{token}"}
        return None

    def app(self, environ, start_response):
        method = environ["REQUEST_METHOD"]
        path = environ.get("PATH_INFO", "")
        query = environ.get("QUERY_STRING", "")
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        form = {k: v[0] for k, v in parse_qs(body.decode() or query).items()}
        self.requests.append((method, path, form))
        own = self._own(method, path, form)
        if own is not None:
            start_response("200 OK", [("Content-Type", "application/json")])
            return [json.dumps(own).encode()]
        url = f"http://127.0.0.1:{self.upstream_port}{path}" + (f"?{query}" if query else "")
        headers = {k: environ[v] for k, v in (("Authorization", "HTTP_AUTHORIZATION"),
                                               ("Content-Type", "CONTENT_TYPE"))
                   if environ.get(v)}
        request = urllib.request.Request(url, data=body or None, method=method,
                                         headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
                status, payload = answer.status, answer.read()
        except urllib.error.HTTPError as error:
            status, payload = error.code, error.read()
        if path.startswith("/v1/subscriptions") and status == 200:
            payload = json.dumps(self._as_stripe_does(json.loads(payload))).encode()
        start_response(f"{status} X", [("Content-Type", "application/json")])
        return [payload]

    @classmethod
    def _as_stripe_does(cls, obj: dict) -> dict:
        """Stripe starts a subscription with a trial `trialing` (no payment method needed,
        a $0 invoice; see Stripe's "Using trial periods on subscriptions"); localstripe
        leaves it `incomplete` with no trial dates."""
        if obj.get("object") == "list":
            obj["data"] = [cls._as_stripe_does(item) for item in obj.get("data", [])]
            return obj
        days = obj.get("trial_period_days")
        if obj.get("object") == "subscription" and days and obj.get("status") == "incomplete":
            start = obj.get("start_date") or int(time.time())
            obj.update(status="trialing", trial_start=start,
                       trial_end=obj.get("trial_end") or start + int(days) * 86400)
        return obj

    def __enter__(self) -> "StripeEmulator":
        localstripe = Path(sys.executable).with_name("localstripe")
        self.process = subprocess.Popen(
            [str(localstripe), "--port", str(self.upstream_port), "--from-scratch"],
            cwd=self.workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_for(self.upstream_port)
        self.server = make_server("127.0.0.1", self.port, self.app, handler_class=_Quiet)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
