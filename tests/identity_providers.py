"""Identity providers for tests, started on loopback by the tests themselves.

- OpenID Connect: `oidc-provider-mock` (PyPI), a real provider (discovery, signed ID tokens,
  userinfo) whose sign-in page asks for a subject; predefined subjects carry their claims.
- SAML 2.0: pysaml2's IdP (`saml2.server.Server`), served by a small WSGI app here: its
  metadata, and a sign-in page that answers the SP's AuthnRequest with a signed assertion
  posted back to the SP's ACS. Signing uses xmlsec1 (Debian's `xmlsec1`, installed by
  .ci/run).
"""

from __future__ import annotations

import datetime
import html
import shutil
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs

import pytest

NAME_FORMAT_URI = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri"
XMLSEC1 = shutil.which("xmlsec1")
needs_xmlsec1 = pytest.mark.skipif(
    XMLSEC1 is None, reason="Debian's xmlsec1 is not installed (.ci/run installs it)")


@contextmanager
def oidc_provider(users: dict[str, dict]):
    """An OpenID Connect provider on a free loopback port; yields its base URL.
    `users` maps a subject to its claims."""
    import oidc_provider_mock

    claims = [oidc_provider_mock.User(sub=sub, claims=data) for sub, data in users.items()]
    with oidc_provider_mock.run_server_in_thread(port=0, user_claims=claims,
                                                 require_nonce=True) as server:
        yield f"http://localhost:{server.server_port}"


def _self_signed(directory: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test IdP")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .sign(key, hashes.SHA256()))
    key_file, cert_file = directory / "idp.key", directory / "idp.crt"
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.TraditionalOpenSSL,
                                           serialization.NoEncryption()))
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_file, cert_file


class SamlIdp:
    """pysaml2's IdP behind a WSGI app: /metadata, /sso (the sign-in page), /sso/answer."""

    def __init__(self, directory: Path, base_url: str, users: dict[str, dict]):
        self.directory = directory
        self.base_url = base_url
        self.users = users
        self.key_file, self.cert_file = _self_signed(directory)
        self.sp_metadata: list[str] = []
        self._server = None

    def trust_sp(self, metadata_xml: str) -> None:
        """Know a service provider (a city) by its metadata, as the city's IT would."""
        self.sp_metadata.append(metadata_xml)
        self._server = None

    def _config(self) -> dict:
        from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT

        files = []
        for index, xml in enumerate(self.sp_metadata):
            path = self.directory / f"sp{index}.xml"
            path.write_text(xml)
            files.append(str(path))
        return {
            "entityid": f"{self.base_url}/metadata",
            "xmlsec_binary": XMLSEC1,
            "key_file": str(self.key_file),
            "cert_file": str(self.cert_file),
            "metadata": {"local": files} if files else {},
            "service": {"idp": {
                "endpoints": {"single_sign_on_service": [
                    (f"{self.base_url}/sso", BINDING_HTTP_REDIRECT),
                    (f"{self.base_url}/sso/post", BINDING_HTTP_POST)]},
                "policy": {"default": {"lifetime": {"minutes": 15},
                                       "attribute_restrictions": None,
                                       "name_form": NAME_FORMAT_URI}},
                "name_id_format": ["urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"],
                "want_authn_requests_signed": False,
            }},
        }

    def server(self):
        from saml2.config import IdPConfig
        from saml2.server import Server

        if self._server is None:
            config = IdPConfig()
            config.load(self._config())
            self._server = Server(config=config)
        return self._server

    def metadata_xml(self) -> str:
        from saml2.config import IdPConfig
        from saml2.metadata import create_metadata_string

        config = IdPConfig()
        config.load({**self._config(), "metadata": {}})
        return create_metadata_string(None, config=config, valid=24).decode()

    def answer(self, saml_request: str, relay_state: str, username: str) -> tuple[str, dict]:
        """The signed response to `saml_request` for `username`: (ACS URL, form fields)."""
        from saml2 import BINDING_HTTP_REDIRECT
        from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID
        from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

        server = self.server()
        request = server.parse_authn_request(saml_request, BINDING_HTTP_REDIRECT).message
        acs = request.assertion_consumer_service_url
        response = server.create_authn_response(
            identity=self.users[username], in_response_to=request.id, destination=acs,
            sp_entity_id=request.issuer.text,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=username),
            sign_assertion=True, sign_response=True,
            sign_alg=SIG_RSA_SHA256, digest_alg=DIGEST_SHA256,
            authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:Password"},
        )
        import base64

        return acs, {"SAMLResponse": base64.b64encode(str(response).encode()).decode(),
                     "RelayState": relay_state}

    # --- WSGI -----------------------------------------------------------------------------

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == "/metadata":
            start_response("200 OK", [("Content-Type", "application/samlmetadata+xml")])
            return [self.metadata_xml().encode()]
        if path == "/sso":
            query = parse_qs(environ.get("QUERY_STRING", ""))
            request = query.get("SAMLRequest", [""])[0]
            relay = query.get("RelayState", [""])[0]
            options = "".join(f'<option value="{html.escape(name)}">{html.escape(name)}</option>'
                              for name in self.users)
            page = (
                "<!doctype html><html lang=en><title>Test IdP</title><h1>Test IdP</h1>"
                '<form method="post" action="/sso/answer">'
                f'<input type="hidden" name="SAMLRequest" value="{html.escape(request)}">'
                f'<input type="hidden" name="RelayState" value="{html.escape(relay)}">'
                f'<label>User <select name="user">{options}</select></label>'
                "<button type=submit>Authorize</button></form>")
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
            return [page.encode()]
        if path == "/sso/answer":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            form = parse_qs(environ["wsgi.input"].read(length).decode())
            acs, fields = self.answer(form["SAMLRequest"][0], form.get("RelayState", [""])[0],
                                      form["user"][0])
            inputs = "".join(f'<input type="hidden" name="{name}" value="{html.escape(value)}">'
                             for name, value in fields.items())
            page = (f'<!doctype html><html lang=en><title>Test IdP</title>'
                    f'<form method="post" action="{html.escape(acs)}">{inputs}'
                    "<button type=submit>Continue</button></form>")
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
            return [page.encode()]
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]


@contextmanager
def saml_idp(users: dict[str, dict]):
    """pysaml2's IdP on a free loopback port; yields the SamlIdp (its `base_url` set)."""
    import werkzeug.serving

    with tempfile.TemporaryDirectory() as directory:
        idp = SamlIdp(Path(directory), "", users)
        server = werkzeug.serving.make_server("localhost", 0, idp, threaded=True)
        idp.base_url = f"http://localhost:{server.server_port}"
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                                  daemon=True)
        thread.start()
        try:
            yield idp
        finally:
            server.shutdown()
            thread.join(2)
