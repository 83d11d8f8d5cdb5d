"""The Helm chart, rendered offline and checked against the Kubernetes API schemas.

helm-python-sdk carries Helm's Go SDK as a shared library (no helm binary, no cluster);
kubernetes-validate ships the Kubernetes JSON schemas, so nothing is fetched either.
"""

from pathlib import Path

import pytest
import yaml

helm = pytest.importorskip("helm_python")
kubernetes_validate = pytest.importorskip("kubernetes_validate")

CHART = Path(__file__).resolve().parents[1] / "helm" / "innovato"
PRODUCTION_VALUES = yaml.safe_load((CHART / "values-production.yaml").read_text())
# The oldest Kubernetes the chart supports (Chart.yaml kubeVersion) and a current one.
KUBERNETES_VERSIONS = ["1.27.0", "1.33.0"]
# Custom resources have no schema in kubernetes-validate; they are checked by hand below.
CUSTOM_KINDS = {("cert-manager.io/v1", "Certificate")}


def render(values: dict | None = None, *, upgrade: bool = False) -> list[dict]:
    with helm.Chart.load(CHART) as chart:
        manifests = chart.render(values=values, name="innovato", namespace="innovato",
                                 is_install=not upgrade, is_upgrade=upgrade)
    documents = []
    for path, text in sorted(manifests.items()):
        if path.endswith("NOTES.txt"):
            continue
        documents.extend(doc for doc in yaml.safe_load_all(text) if doc)
    return documents


def by_kind(documents: list[dict], kind: str) -> dict[str, dict]:
    return {d["metadata"]["name"]: d for d in documents if d["kind"] == kind}


@pytest.fixture(scope="module", params=["default", "production"])
def rendered(request) -> list[dict]:
    return render(None if request.param == "default" else PRODUCTION_VALUES)


def test_chart_lints_cleanly_with_both_value_files():
    for values in (None, PRODUCTION_VALUES):
        report = helm.lint(CHART, values=values, strict=True)
        assert report["errors"] == []
        assert not [m for m in report["messages"] if m["severity"] >= 2], report


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_every_manifest_is_valid_kubernetes(rendered, version):
    checked = 0
    for document in rendered:
        if (document["apiVersion"], document["kind"]) in CUSTOM_KINDS:
            continue
        # strict: unknown fields are errors too, as with `kubectl apply --validate=strict`
        kubernetes_validate.validate(document, version, strict=True)
        checked += 1
    assert checked >= 9


def test_default_values_render_every_component():
    documents = render()
    kinds = {(d["kind"], d["metadata"]["name"]) for d in documents}
    for kind, name in [
        ("Deployment", "innovato-web"), ("Deployment", "innovato-worker"),
        ("Deployment", "innovato-beat"), ("Service", "innovato-web"),
        ("ConfigMap", "innovato"), ("Secret", "innovato"), ("Ingress", "innovato"),
        ("Job", "innovato-migrations"), ("HorizontalPodAutoscaler", "innovato-web"),
        ("PodDisruptionBudget", "innovato-web"),
    ]:
        assert (kind, name) in kinds


def test_production_values_add_autoscaling_and_budgets_for_web_and_worker():
    documents = render(PRODUCTION_VALUES)
    hpas = by_kind(documents, "HorizontalPodAutoscaler")
    pdbs = by_kind(documents, "PodDisruptionBudget")
    assert set(hpas) == set(pdbs) == {"innovato-web", "innovato-worker"}
    assert hpas["innovato-web"]["spec"]["minReplicas"] == 3
    deployments = by_kind(documents, "Deployment")
    # Under an HPA the Deployment leaves the replica count to it.
    assert "replicas" not in deployments["innovato-web"]["spec"]
    assert "replicas" not in deployments["innovato-worker"]["spec"]
    # The Secret is managed outside the chart.
    assert not by_kind(documents, "Secret")
    for deployment in deployments.values():
        env_from = deployment["spec"]["template"]["spec"]["containers"][0]["envFrom"]
        assert {"secretRef": {"name": "innovato-secrets"}} in env_from


def test_web_runs_gunicorn_with_probes_on_the_hub_host(rendered):
    config = by_kind(rendered, "ConfigMap")["innovato"]["data"]
    web = by_kind(rendered, "Deployment")["innovato-web"]["spec"]["template"]["spec"]
    container = web["containers"][0]
    assert container["command"][:4] == ["gunicorn", "--pythonpath", "platform", "innovato.wsgi"]
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        get = container[probe]["httpGet"]
        assert get["path"].startswith("/healthz")
        assert get["httpHeaders"] == [{"name": "Host", "value": config["BASE_DOMAIN"]}]
    assert container["readinessProbe"]["httpGet"]["path"] == "/healthz"


def test_worker_and_a_single_beat_run_celery_with_the_project_on_the_path(rendered):
    deployments = by_kind(rendered, "Deployment")
    config = by_kind(rendered, "ConfigMap")["innovato"]["data"]
    assert config["PYTHONPATH"] == "/app:/app/platform"
    worker = deployments["innovato-worker"]["spec"]["template"]["spec"]["containers"][0]
    assert worker["command"][:4] == ["celery", "-A", "innovato", "worker"]
    beat = deployments["innovato-beat"]
    assert beat["spec"]["replicas"] == 1
    assert beat["spec"]["strategy"] == {"type": "Recreate"}
    assert beat["spec"]["template"]["spec"]["containers"][0]["command"][:4] == [
        "celery", "-A", "innovato", "beat"]
    assert "innovato-beat" not in by_kind(rendered, "HorizontalPodAutoscaler")


def test_migrations_run_as_a_hook_before_install_and_upgrade(rendered):
    jobs = by_kind(rendered, "Job")
    job = jobs["innovato-migrations"]
    annotations = job["metadata"]["annotations"]
    assert annotations["helm.sh/hook"] == "pre-install,pre-upgrade"
    container = job["spec"]["template"]["spec"]["containers"][0]
    assert container["command"][:3] == ["python", "manage.py", "migrate_network"]
    # Its configuration exists before it: hook copies with a lower weight.
    config_name = container["envFrom"][0]["configMapRef"]["name"]
    config = by_kind(rendered, "ConfigMap")[config_name]
    assert int(config["metadata"]["annotations"]["helm.sh/hook-weight"]) < int(
        annotations["helm.sh/hook-weight"])
    assert config["data"] == by_kind(rendered, "ConfigMap")["innovato"]["data"]


def test_ingress_serves_the_base_domain_and_its_wildcard_with_tls(rendered):
    ingress = by_kind(rendered, "Ingress")["innovato"]["spec"]
    base = by_kind(rendered, "ConfigMap")["innovato"]["data"]["BASE_DOMAIN"]
    hosts = [rule["host"] for rule in ingress["rules"]]
    assert hosts[:2] == [base, f"*.{base}"]
    assert ingress["tls"][0]["hosts"] == [base, f"*.{base}"]
    for rule in ingress["rules"]:
        backend = rule["http"]["paths"][0]["backend"]["service"]
        assert backend == {"name": "innovato-web", "port": {"name": "http"}}


def test_production_certificate_covers_base_and_wildcard():
    documents = render(PRODUCTION_VALUES)
    certificate = by_kind(documents, "Certificate")["innovato-wildcard"]
    assert certificate["spec"]["dnsNames"] == ["innovato.eu", "*.innovato.eu"]
    assert certificate["spec"]["secretName"] == by_kind(documents, "Ingress")["innovato"][
        "spec"]["tls"][0]["secretName"]
    assert set(certificate["spec"]["issuerRef"]) == {"name", "kind", "group"}


def test_generated_secret_key_is_set_and_secrets_are_not_in_the_config_map():
    documents = render({"secrets": {"DATABASE_URL": "postgres://u:p@pgbouncer:6432/innovato"}})
    secret = by_kind(documents, "Secret")["innovato"]["stringData"]
    assert len(secret["SECRET_KEY"]) == 64
    assert secret["DATABASE_URL"].startswith("postgres://")
    assert "REDIS_URL" not in secret  # empty values are left out, not set to ""
    config = by_kind(documents, "ConfigMap")["innovato"]["data"]
    assert not {"SECRET_KEY", "DATABASE_URL"} & set(config)


@pytest.mark.parametrize("values", [
    {"env": {"DATABASE_URL": "postgres://u:p@db/innovato"}},  # a secret in the ConfigMap
    {"web": {"replicas": 0}},
    {"baseDomain": "Not A Domain"},
    {"migrations": {"parallel": 0}},
    {"image": {"pullPolicy": "Sometimes"}},
])
def test_values_schema_rejects_mistakes(values):
    with pytest.raises(helm.HelmError):
        render(values)


# --- /healthz, which the probes call ------------------------------------------------------

@pytest.fixture
def fresh_broker_check():
    from innovato import views

    views._broker_state.update(checked_at=0.0, error=None)
    yield views
    views._broker_state.update(checked_at=0.0, error=None)


def test_readiness_checks_database_cache_and_broker(db, client, fresh_broker_check):
    response = client.get("/healthz", headers={"host": "localhost"})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == body["checks"]["cache"] == "ok"
    assert body["checks"]["broker"] in {"ok", "eager"}


def test_liveness_needs_no_dependency(db, client):
    response = client.get("/healthz?probe=live", headers={"host": "localhost"})
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readiness_fails_with_503_when_the_broker_is_unreachable(db, client, settings,
                                                                  fresh_broker_check):
    from innovato.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    previous = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    try:
        response = client.get("/healthz", headers={"host": "localhost"})
    finally:
        app.conf.broker_url = previous
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["broker"].startswith("error")
    assert body["checks"]["database"] == "ok"
