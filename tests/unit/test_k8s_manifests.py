"""Kubernetes manifests (deploy/k8s), checked offline.

Each kustomization (the base and the production overlay) is built as it would be deployed,
with the `kustomize` or `kubectl` found on the machine (`kubectl kustomize` embeds
kustomize).  Every object is validated against the Kubernetes schemas of the PyPI package
kubernetes-validate (strict: an unknown field fails), or, for the operators' custom
resources, against the hand-written CRD subsets in deploy/schemas/crds/ (see their
README).  Then the built objects are compared with what the code needs: the contract's
ports and probes, each consumer's queues, the bus topology, the settings the platform reads,
the routes the Ingresses may reach, the database connections the replicas may open.

Every resource file is also validated on its own, so that the files are checked even where
no kustomize is at hand (the overlay's patches are then checked only through the build)."""

import copy
import inspect
import json
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import pytest
import yaml
from pydantic import ValidationError

from shared import db
from shared.bus import topology
from shared.config import PlatformSettings
from shared.http.probes import router as probes_router
from soho import registry
from tests.support import caddyfile

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
CRD_SCHEMAS = ROOT / "deploy" / "schemas" / "crds"
OVERLAYS = {"base": "base", "production": "overlays/production"}
# The oldest Kubernetes the manifests are meant for (CronJob timeZone is GA from 1.27),
# and the newest kubernetes-validate knows.
OLDEST_KUBERNETES = "1.29"

CONTRACT_PORTS = {"dashboard": 8000, "prospects": 8001, "onboarding": 8002,
                  "bookings": 8003, "notifications": 8004, "identity": 8005}
PLATFORM_IMAGE = "soho-platform"
SECRETS = "soho-secrets"
PHASES = ("infrastructure", "migrate", "platform")
PHASE_LABEL = "soho/rollout-phase"
WAVE = "argocd.argoproj.io/sync-wave"
# Service endpoints that must stay inside the cluster.
INTERNAL_PATHS = ("/health", "/ready", "/metrics", "/docs", "/redoc", "/openapi.json",
                  "/asyncapi", "/asyncapi.json", "/auth/check")
# Where the production overlay puts everything (and so identity's Service, which the
# ingress controller, in a namespace of its own, asks about each request to people's pages).
NAMESPACE = "soho"
# What ingress-nginx needs to ask identity before each request to people's pages.
SESSION_CHECK = {
    "nginx.ingress.kubernetes.io/auth-url":
        f"http://identity.{NAMESPACE}.svc.cluster.local:8005/auth/check",
    "nginx.ingress.kubernetes.io/auth-response-headers": "X-Soho-Identity",
    "nginx.ingress.kubernetes.io/auth-signin": "https://$host/sign-in?next=$escaped_request_uri",
    "nginx.ingress.kubernetes.io/auth-signin-redirect-param": "next",
}
# Environment variables the pods set that no settings class reads: parts of AMQP_URL.
URL_PARTS = {"RABBITMQ_HOST", "RABBITMQ_USERNAME", "RABBITMQ_PASSWORD"}
# Read by uvicorn itself (proxy headers), not by the settings classes.
UVICORN_SETTINGS = {"FORWARDED_ALLOW_IPS"}


# ------------------------------------------------------------------------- tools
def _kustomize_command() -> list[str] | None:
    if shutil.which("kustomize"):
        return ["kustomize", "build"]
    if shutil.which("kubectl"):
        return ["kubectl", "kustomize"]
    return None


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, list[dict]]:
    """The objects each kustomization produces, built from a copy of deploy/k8s in which
    the git-ignored env files are made from their committed .example."""
    command = _kustomize_command()
    if command is None:
        pytest.skip("no kustomize or kubectl on PATH: built manifests not checked "
                    "(each file is still validated on its own)")
    tree = tmp_path_factory.mktemp("k8s") / "k8s"
    shutil.copytree(K8S, tree)
    for example in tree.rglob("*.env.example"):
        example.with_name(example.name.removesuffix(".example")).write_text(example.read_text())
    built = {}
    for name, path in OVERLAYS.items():
        result = subprocess.run([*command, str(tree / path)], capture_output=True, text=True,
                                timeout=120)
        assert result.returncode == 0, f"{name} does not build:\n{result.stderr}"
        built[name] = [doc for doc in yaml.safe_load_all(result.stdout) if doc]
    return built


@cache
def _kubernetes_validate():
    return pytest.importorskip(
        "kubernetes_validate", reason="kubernetes-validate is not installed (test extras)")


@cache
def _jsonschema():
    return pytest.importorskip("jsonschema", reason="jsonschema is not installed (test extras)")


def _versions() -> list[str]:
    kv = _kubernetes_validate()
    return sorted({OLDEST_KUBERNETES, kv.utils.latest_version()},
                  key=lambda v: tuple(map(int, v.split("."))))


@cache
def _crd_schemas() -> dict[tuple[str, str], dict]:
    schemas = {}
    for path in sorted(CRD_SCHEMAS.glob("*.json")):
        schema = json.loads(path.read_text())
        key = (schema["properties"]["apiVersion"]["const"], schema["properties"]["kind"]["const"])
        assert key not in schemas, f"two schemas for {key}"
        schemas[key] = schema
    return schemas


@cache
def _crd_validator(api_version: str, kind: str, version: str):
    """A validator for one custom resource, its embedded Kubernetes types resolved against
    kubernetes-validate's definitions for that Kubernetes version."""
    jsonschema = _jsonschema()
    from referencing import Registry, Resource

    kv = _kubernetes_validate()
    actual = [v for v in kv.utils.all_versions()
              if tuple(map(int, v.split(".")[:2])) <= tuple(map(int, version.split(".")))][-1]
    definitions = kv.utils.schema_contents(
        f"kubernetes-json-schema/v{actual}-local-strict/_definitions.json", version)
    registry = Resource.from_contents(definitions) @ Registry()
    schema = _crd_schemas()[(api_version, kind)]
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, registry=registry)


def _validate(obj: dict, version: str) -> None:
    key = (obj["apiVersion"], obj["kind"])
    if key in _crd_schemas():
        _crd_validator(*key, version).validate(obj)
        return
    kv = _kubernetes_validate()
    try:
        kv.validate(obj, version, strict=True)
    except kv.utils.SchemaNotFoundError:
        pytest.fail(f"no schema for {key}: a Kubernetes kind unknown to kubernetes-validate, "
                    f"or a custom resource without a file in {CRD_SCHEMAS.relative_to(ROOT)}")


def _name(obj: dict) -> str:
    return f"{obj['kind']}/{obj['metadata']['name']}"


def _of_kind(objs: list[dict], kind: str) -> dict[str, dict]:
    return {o["metadata"]["name"]: o for o in objs if o["kind"] == kind}


def _one(objs: list[dict], kind: str) -> dict:
    (obj,) = _of_kind(objs, kind).values()
    return obj


def _pod_spec(obj: dict) -> dict:
    if obj["kind"] == "CronJob":
        return obj["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    return obj["spec"]["template"]["spec"]


def _workloads(objs: list[dict]) -> list[dict]:
    return [o for o in objs if o["kind"] in ("Deployment", "Job", "CronJob")]


def _containers(pod: dict) -> list[dict]:
    return [*pod.get("initContainers", []), *pod["containers"]]


def _base_secret_name(name: str) -> str:
    """soho-secrets-7ht6htdkgb -> soho-secrets (kustomize's content hash suffix)."""
    return re.sub(r"-[a-z0-9]{10}$", "", name)


def _memory_bytes(quantity: str) -> float:
    units = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "K": 1e3, "M": 1e6, "G": 1e9}
    number, unit = re.fullmatch(r"([0-9.]+)([A-Za-z]*)", str(quantity)).groups()
    return float(number) * units.get(unit, 1)


def _cpu_millis(quantity) -> float:
    text = str(quantity)
    return float(text[:-1]) if text.endswith("m") else float(text) * 1000


def _kustomization_files(directory: Path, key: str) -> list[Path]:
    found = []
    for kustomization in directory.rglob("kustomization.yaml"):
        spec = yaml.safe_load(kustomization.read_text())
        for entry in spec.get(key, []):
            path = entry["path"] if isinstance(entry, dict) else entry
            found.append((kustomization.parent / path).resolve())
    return found


def _resource_files() -> list[Path]:
    """Every YAML file of deploy/k8s holding whole objects (not kustomizations, patches)."""
    patches = set(_kustomization_files(K8S, "patches"))
    return sorted(p for p in K8S.rglob("*.yaml")
                  if p.name != "kustomization.yaml" and p.resolve() not in patches)


# ------------------------------------------------------------------------- schemas
def test_each_resource_file_validates_on_its_own():
    files = _resource_files()
    assert K8S / "examples" / "postgres-restore.yaml" in files
    checked = 0
    for path in files:
        for obj in yaml.safe_load_all(path.read_text()):
            if not obj:
                continue
            assert {"apiVersion", "kind", "metadata"} <= set(obj), f"{path}: not an object"
            for version in _versions():
                _validate(obj, version)
            checked += 1
    assert checked >= 30


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_built_object_validates_against_its_schema(builds, overlay):
    objs = builds[overlay]
    assert len({_name(o) for o in objs}) == len(objs), "an object is there twice"
    for obj in objs:
        for version in _versions():
            _validate(obj, version)


def test_the_validators_reject_a_misspelt_field(builds):
    """The strict schemas and the CRD subsets do fail on an unknown field."""
    objs = builds["production"]
    version = _versions()[-1]
    deployment = copy.deepcopy(_of_kind(objs, "Deployment")["prospects"])
    deployment["spec"]["template"]["spec"]["containers"][0]["readinesProbe"] = {}
    scaled = copy.deepcopy(_of_kind(objs, "ScaledObject")["prospects"])
    scaled["spec"]["minReplicas"] = 2
    cluster = copy.deepcopy(_one(objs, "Cluster"))
    cluster["spec"]["affinity"]["podAntiAffinityType"] = "sometimes"
    trigger = copy.deepcopy(_of_kind(objs, "ScaledObject")["prospects"])
    trigger["spec"]["triggers"][-1]["metadata"]["queueLength"] = "20"
    for broken in (deployment, scaled, cluster, trigger):
        with pytest.raises(_jsonschema().ValidationError):
            _validate(broken, version)


# ------------------------------------------------------------------------- services and relays
@pytest.mark.parametrize("overlay", OVERLAYS)
@pytest.mark.parametrize("name", registry.SERVICE_NAMES)
def test_each_service_serves_its_contract_port_with_probes(builds, overlay, name):
    objs = builds[overlay]
    deployment = _of_kind(objs, "Deployment")[name]
    pod = _pod_spec(deployment)
    (container,) = pod["containers"]
    port = CONTRACT_PORTS[name]
    assert container["args"] == ["serve", name]
    assert "command" not in container, "the image's entrypoint (soho) must run"
    assert container["ports"] == [{"name": "http", "containerPort": port}]
    settings = registry.load(name).settings
    assert settings.model_fields["port"].default == port, "config.py and docs/contract.md disagree"
    assert not any(e["name"] == settings.model_fields["port"].validation_alias
                   for e in container.get("env", [])), "the port is the contract's default"

    def probe(kind):
        http = container[kind]["httpGet"]
        return http["path"], http["port"]

    assert probe("readinessProbe") == ("/ready", "http")
    assert probe("livenessProbe") == ("/health", "http")
    assert probe("startupProbe") == ("/health", "http")

    service = _of_kind(objs, "Service")[name]
    assert service["spec"]["ports"] == [{"name": "http", "port": port, "targetPort": "http"}]
    assert service["spec"]["selector"] == deployment["spec"]["selector"]["matchLabels"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= \
        deployment["spec"]["template"]["metadata"]["labels"].items()
    budget = _of_kind(objs, "PodDisruptionBudget")[name]
    assert budget["spec"]["selector"]["matchLabels"] == service["spec"]["selector"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_each_service_that_publishes_has_a_relay_at_a_fixed_small_replica_count(builds, overlay):
    objs = builds[overlay]
    deployments = _of_kind(objs, "Deployment")
    scaled = {s["spec"]["scaleTargetRef"]["name"] for s in _of_kind(objs, "ScaledObject").values()}
    expected = {"base": 1, "production": 2}[overlay]
    relayed = registry.relayed_services()
    for name in set(registry.SERVICE_NAMES) - set(relayed):
        assert f"{name}-relay" not in deployments, f"{name} publishes nothing: no relay"
    for name in relayed:
        relay = deployments[f"{name}-relay"]
        (container,) = _pod_spec(relay)["containers"]
        assert container["args"] == ["relay", name]
        probe = container["livenessProbe"]
        assert probe["exec"]["command"] == ["soho", "relay", name, "--check"]
        # The relay beats every second and --check fails past 30 s: give the check time.
        assert probe["timeoutSeconds"] >= 5 and probe["failureThreshold"] >= 2
        assert "ports" not in container
        assert relay["spec"]["replicas"] == expected
        assert relay["metadata"]["name"] not in scaled, "relays are not autoscaled"
    assert len(deployments) == len(registry.SERVICE_NAMES) + len(relayed)


# ------------------------------------------------------------------------- pods
@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_pod_runs_the_image_as_uid_10001_locked_down(builds, overlay):
    images = set()
    for workload in _workloads(builds[overlay]):
        pod = _pod_spec(workload)
        where = _name(workload)
        assert pod["securityContext"] == {
            "runAsNonRoot": True, "runAsUser": 10001, "runAsGroup": 10001, "fsGroup": 10001,
            "seccompProfile": {"type": "RuntimeDefault"}}, where
        assert pod["automountServiceAccountToken"] is False, where
        # Service links would set DASHBOARD_PORT=tcp://...:8000, which the dashboard reads.
        assert pod["enableServiceLinks"] is False, where
        assert pod["volumes"] == [{"name": "tmp", "emptyDir": {"sizeLimit": "64Mi"}}], where
        for container in _containers(pod):
            at = f"{where} {container['name']}"
            assert container["securityContext"] == {
                "allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True,
                "runAsNonRoot": True, "capabilities": {"drop": ["ALL"]}}, at
            assert container["volumeMounts"] == [{"name": "tmp", "mountPath": "/tmp"}], at
            assert container["imagePullPolicy"] == "IfNotPresent", at
            images.add(container["image"])
            resources = container["resources"]
            assert set(resources) == {"requests", "limits"}, at
            assert set(resources["requests"]) == set(resources["limits"]) == {"cpu", "memory"}, at
            assert _memory_bytes(resources["requests"]["memory"]) <= \
                _memory_bytes(resources["limits"]["memory"]), at
            assert _cpu_millis(resources["requests"]["cpu"]) <= \
                _cpu_millis(resources["limits"]["cpu"]), at
            # The image holds about 70 MiB once the code is imported (measured).
            assert _memory_bytes(resources["limits"]["memory"]) >= 256 * 2**20, at
    (image,) = images
    name, _, tag = image.rpartition(":")
    assert PurePosixPath(name).name == PLATFORM_IMAGE and tag and tag != "latest"
    if overlay == "production":
        assert "/" in name, "production pulls from a registry"


def _keyword_seconds(keyword: str, package: str) -> float:
    """The value a package's code passes as `keyword=` (one value, wherever it is)."""
    values = {float(v) for path in (ROOT / package).rglob("*.py")
              for v in re.findall(rf"\b{keyword}=(\d+(?:\.\d+)?)", path.read_text())}
    assert len(values) == 1, f"{keyword} in {package}/: {values or 'not found'}"
    return values.pop()


def _shutdown_seconds() -> float:
    """How long a service may take to stop after SIGTERM: uvicorn's graceful shutdown
    (soho serve), then the broker's graceful stop of the consumers (shared/bus)."""
    return (_keyword_seconds("timeout_graceful_shutdown", "soho")
            + _keyword_seconds("graceful_timeout", "shared"))


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_services_stop_gracefully_within_their_grace_period(builds, overlay):
    for name in registry.SERVICE_NAMES:
        pod = _pod_spec(_of_kind(builds[overlay], "Deployment")[name])
        (container,) = pod["containers"]
        assert container["lifecycle"]["preStop"]["exec"]["command"][0] == "sleep"
        pre_stop = float(container["lifecycle"]["preStop"]["exec"]["command"][1])
        # preStop, then SIGTERM, then the process's own shutdown, with a margin.
        assert pod["terminationGracePeriodSeconds"] >= max(15, pre_stop + _shutdown_seconds() + 5)
    for workload in _workloads(builds[overlay]):
        assert _pod_spec(workload)["terminationGracePeriodSeconds"] >= 15


def _settings_aliases() -> set[str]:
    aliases = {f.validation_alias for f in PlatformSettings.model_fields.values()}
    for name in registry.SERVICE_NAMES:
        aliases |= {f.validation_alias for f in registry.load(name).settings.model_fields.values()}
    return aliases


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_pods_read_settings_and_credentials_only_from_where_they_belong(builds, overlay):
    objs = builds[overlay]
    config = _one(objs, "ConfigMap")["data"]
    secrets = {_base_secret_name(n): s for n, s in _of_kind(objs, "Secret").items()}
    secret_keys = set(secrets[SECRETS].get("data", {})) | set(secrets[SECRETS].get("stringData", {}))
    assert secret_keys == {"SOHO_SECRET", "SMTP_URL"}
    assert set(config) <= _settings_aliases() | UVICORN_SETTINGS, set(config) - _settings_aliases()
    assert not set(config) & {"SOHO_SECRET", "AMQP_URL", "DATABASE_URL", "SMTP_URL"}

    rabbitmq = _one(objs, "RabbitmqCluster")["metadata"]["name"]
    postgres = _one(objs, "Cluster")["metadata"]["name"]
    for workload in _workloads(objs):
        for container in _containers(_pod_spec(workload)):
            at = f"{_name(workload)} {container['name']}"
            assert [(s.get("configMapRef") or s.get("secretRef"))["name"]
                    for s in container["envFrom"]] == [
                "soho-config", next(n for n in _of_kind(objs, "Secret")
                                    if _base_secret_name(n) == SECRETS)], at
            env = {e["name"]: e for e in container["env"]}
            assert set(env) <= _settings_aliases() | URL_PARTS, at
            for part, key in (("RABBITMQ_HOST", "host"), ("RABBITMQ_USERNAME", "username"),
                              ("RABBITMQ_PASSWORD", "password")):
                assert env[part]["valueFrom"]["secretKeyRef"] == {
                    "name": f"{rabbitmq}-default-user", "key": key}, at
            # Earlier variables only: Kubernetes expands $(NAME) from those.
            names = list(env)
            assert names.index("AMQP_URL") > max(names.index(p) for p in URL_PARTS)
            amqp = env["AMQP_URL"]["value"]
            assert amqp == "amqp://$(RABBITMQ_USERNAME):$(RABBITMQ_PASSWORD)@$(RABBITMQ_HOST):5672/"
            assert env["DATABASE_URL"]["valueFrom"]["secretKeyRef"] == {
                "name": f"{postgres}-app", "key": "uri"}, at
            for variable in env.values():
                assert "value" not in variable or variable["name"] == "AMQP_URL", at

    # What the pods would see, with sample operator credentials: the settings accept it.
    sample = {"host": f"{rabbitmq}.soho.svc", "username": "default_user_a-b_C",
              "password": "p-w_d", "uri": f"postgresql://soho:x@{postgres}-rw.soho:5432/soho"}
    resolved = re.sub(r"\$\((RABBITMQ_\w+)\)",
                      lambda m: sample[m.group(1).removeprefix("RABBITMQ_").lower()], amqp)
    settings = PlatformSettings(AMQP_URL=resolved, DATABASE_URL=sample["uri"],
                                SOHO_SECRET="s" * 48, **config)
    parts = urlsplit(settings.amqp_url)
    assert (parts.hostname, parts.port, parts.username, parts.path) == (
        f"{rabbitmq}.soho.svc", 5672, "default_user_a-b_C", "/")


async def _seen_by_the_app(allowed: str, peer: str, headers: dict[str, str]) -> tuple[str, str]:
    """(scheme, client address) the application sees, through uvicorn's proxy-headers
    middleware configured as FORWARDED_ALLOW_IPS configures it."""
    from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

    seen = {}

    async def app(scope, receive, send):
        seen.update(scope)

    scope = {"type": "http", "scheme": "http", "client": (peer, 41000),
             "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()]}
    await ProxyHeadersMiddleware(app, trusted_hosts=allowed)(scope, None, None)
    return seen["scheme"], seen["client"][0]


@pytest.mark.parametrize("overlay", OVERLAYS)
async def test_services_see_the_visitors_address_and_scheme_behind_the_ingress(builds, overlay):
    """uvicorn must believe the ingress's X-Forwarded-For and X-Forwarded-Proto: else every
    visitor of the public form shares the ingress's address, and so one rate limit, and the
    staff page's sign-in (same-origin check against https://...) is refused.  Never `*`,
    which would believe the left-most address, the one a client may write itself."""
    allowed = _one(builds[overlay], "ConfigMap")["data"]["FORWARDED_ALLOW_IPS"]
    assert "*" not in allowed
    through_ingress = {"X-Forwarded-For": "198.51.100.7, 203.0.113.9",  # forged, then real
                       "X-Forwarded-Proto": "https"}
    assert await _seen_by_the_app(allowed, "10.244.3.17", through_ingress) == (
        "https", "203.0.113.9")
    # Not from the cluster's network: the headers are not believed.
    assert await _seen_by_the_app(allowed, "203.0.113.50", through_ingress) == (
        "http", "203.0.113.50")


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_reference_to_a_secret_or_config_map_resolves(builds, overlay):
    objs = builds[overlay]
    secrets, maps = set(_of_kind(objs, "Secret")), set(_of_kind(objs, "ConfigMap"))
    # Generated by the operators from their custom resources' names.
    secrets |= {f"{_one(objs, 'RabbitmqCluster')['metadata']['name']}-default-user",
                f"{_one(objs, 'Cluster')['metadata']['name']}-app"}
    for workload in _workloads(objs):
        for container in _containers(_pod_spec(workload)):
            for source in container["envFrom"]:
                if "secretRef" in source:
                    assert source["secretRef"]["name"] in secrets
                else:
                    assert source["configMapRef"]["name"] in maps
            for variable in container["env"]:
                ref = variable.get("valueFrom", {}).get("secretKeyRef")
                assert ref is None or ref["name"] in secrets, variable
    for store in _of_kind(objs, "ObjectStore").values():
        credentials = store["spec"]["configuration"]["s3Credentials"]
        for ref in credentials.values():
            secret = _of_kind(objs, "Secret")[ref["name"]]  # exact name: no hash suffix
            assert ref["key"] in secret["data"]


# ------------------------------------------------------------------------- secrets
def _env_file(path: Path) -> dict[str, str]:
    entries = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, sep, value = line.partition("=")
            assert sep, f"{path}: not KEY=value: {line!r}"
            entries[name.strip()] = value
    return entries


def test_the_base_secret_is_a_placeholder_the_platform_refuses():
    template = _env_file(K8S / "base" / "infrastructure" / "secrets.env.template")
    assert set(template) == {"SOHO_SECRET", "SMTP_URL"}
    assert all("REPLACE-ME" in value for value in template.values())
    with pytest.raises(ValidationError, match="SOHO_SECRET"):
        PlatformSettings(SOHO_SECRET=template["SOHO_SECRET"])


def test_the_production_secrets_come_from_git_ignored_files_with_committed_examples():
    overlay = K8S / "overlays" / "production"
    spec = yaml.safe_load((overlay / "kustomization.yaml").read_text())
    files = [f for generator in spec["secretGenerator"] for f in generator["envs"]]
    assert files == ["secrets.env", "backup-s3.env"]
    ignored = (overlay / ".gitignore").read_text().split()
    for name in files:
        assert name in ignored
        example = _env_file(overlay / f"{name}.example")
        assert example and all(value == "" for value in example.values()), \
            f"{name}.example must hold no value"
        if shutil.which("git") and (ROOT / ".git").exists():
            result = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "-q",
                                     str(overlay / name)])
            assert result.returncode == 0, f"git would commit {name}"
    (soho_secrets,) = [g for g in spec["secretGenerator"] if g["name"] == SECRETS]
    assert soho_secrets["behavior"] == "replace"
    assert "disableNameSuffixHash" not in soho_secrets.get("options", {}), \
        "the hash suffix rolls the pods when a secret changes"
    assert set(_env_file(overlay / "secrets.env.example")) == set(
        _env_file(K8S / "base" / "infrastructure" / "secrets.env.template"))


# ------------------------------------------------------------------------- autoscaling
@pytest.mark.parametrize("overlay", OVERLAYS)
def test_consumers_scale_on_the_depth_of_exactly_their_queues(builds, overlay):
    objs = builds[overlay]
    scaled = _of_kind(objs, "ScaledObject")
    deployments = _of_kind(objs, "Deployment")
    queues = registry.consumer_queues()
    for name in registry.SERVICE_NAMES:
        mine = sorted(q for q in queues if q.startswith(f"{name}."))
        if not mine:
            assert name not in scaled
            assert deployments[name]["spec"]["replicas"] >= 1
            continue
        spec = scaled[name]["spec"]
        assert spec["scaleTargetRef"] == {"name": name}
        assert "replicas" not in deployments[name]["spec"], "the autoscaler owns the count"
        assert 1 <= spec["minReplicaCount"] <= spec["maxReplicaCount"], "it serves HTTP"
        rabbit = [t for t in spec["triggers"] if t["type"] == "rabbitmq"]
        assert sorted(t["metadata"]["queueName"] for t in rabbit) == mine, \
            f"{name}: one rabbitmq trigger per queue of registry.consumer_queues()"
        container_env = {e["name"] for e in _pod_spec(deployments[name])["containers"][0]["env"]}
        for trigger in rabbit:
            metadata = trigger["metadata"]
            assert metadata["mode"] == "QueueLength" and metadata["protocol"] == "amqp"
            assert metadata["hostFromEnv"] in container_env
            assert int(metadata["value"]) > 0
        assert {t["type"] for t in spec["triggers"]} <= {"rabbitmq", "cpu"}
    assert set(scaled) <= set(registry.SERVICE_NAMES)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_postgres_has_a_connection_for_every_replica_that_may_run(builds, overlay):
    objs = builds[overlay]
    pool = inspect.signature(db.create_pool).parameters["max_size"].default
    deployments = _of_kind(objs, "Deployment")
    scaled = {s["spec"]["scaleTargetRef"]["name"]: s["spec"]["maxReplicaCount"]
              for s in _of_kind(objs, "ScaledObject").values()}
    needed = 0
    for name in registry.SERVICE_NAMES:
        needed += scaled.get(name, deployments[name]["spec"].get("replicas", 1)) * pool
    for name in registry.relayed_services():
        needed += deployments[f"{name}-relay"]["spec"]["replicas"] * 2  # listener + worker
    needed += 2 * 2 + 3  # migrate and retention jobs, superuser_reserved_connections
    parameters = _one(objs, "Cluster")["spec"]["postgresql"]["parameters"]
    assert int(parameters["max_connections"]) >= needed, f"{needed} connections may be opened"


# ------------------------------------------------------------------------- operators
@pytest.mark.parametrize("overlay", OVERLAYS)
def test_broker_and_database_are_three_node_clusters(builds, overlay):
    objs = builds[overlay]
    rabbitmq = _one(objs, "RabbitmqCluster")["spec"]
    assert rabbitmq["replicas"] == 3, "quorum queues survive one node of three"
    assert "rabbitmq_stream" in rabbitmq["rabbitmq"]["additionalPlugins"]
    assert rabbitmq["image"].startswith("rabbitmq:3.13")
    budget = _of_kind(objs, "PodDisruptionBudget")["soho-rabbitmq"]
    assert budget["spec"]["maxUnavailable"] == 1

    postgres = _one(objs, "Cluster")["spec"]
    assert postgres["instances"] == 3
    assert postgres["bootstrap"]["initdb"]["database"] == "soho"
    assert postgres["bootstrap"]["initdb"]["owner"] == "soho"
    image = postgres["imageName"]
    assert re.fullmatch(r"ghcr\.io/cloudnative-pg/postgresql:16(\.\d+)?", image), image
    if overlay == "production":
        assert re.fullmatch(r".*:16\.\d+", image), "production pins a minor version"
        assert postgres["affinity"]["podAntiAffinityType"] == "required"
        assert "requiredDuringSchedulingIgnoredDuringExecution" in \
            rabbitmq["affinity"]["podAntiAffinity"]
    sql = " ".join(postgres["bootstrap"]["initdb"]["postInitApplicationSQL"])
    for migration in ROOT.glob("services/*/migrations/*.sql"):
        for extension in re.findall(r"CREATE EXTENSION IF NOT EXISTS (\w+)", migration.read_text()):
            assert f"CREATE EXTENSION IF NOT EXISTS {extension} " in sql + " ", \
                f"{migration.name} needs {extension}: create it at bootstrap"


class _Recorder:
    """Stands in for an aio-pika channel; records what declare_core declares."""

    def __init__(self):
        self.exchanges, self.queues, self.bindings = {}, {}, set()

    async def declare_exchange(self, name, type, durable=False, auto_delete=False, **_):
        self.exchanges[name] = (getattr(type, "value", type), durable, auto_delete)
        return _Named(self, name)

    async def declare_queue(self, name, durable=False, auto_delete=False, arguments=None, **_):
        self.queues[name] = (durable, auto_delete, arguments or {})
        return _Named(self, name)


class _Named:
    def __init__(self, recorder, name):
        self.recorder, self.name = recorder, name

    async def bind(self, exchange, routing_key=None, **_):
        self.recorder.bindings.add((getattr(exchange, "name", exchange), self.name, routing_key))

    async def unbind(self, exchange, routing_key=None, **_):
        self.recorder.bindings.discard((getattr(exchange, "name", exchange), self.name,
                                        routing_key))


async def test_topology_resources_declare_what_the_code_declares():
    recorder = _Recorder()
    await topology.declare_core(recorder)
    objs = [o for o in yaml.safe_load_all(
        (K8S / "base" / "infrastructure" / "rabbitmq-topology.yaml").read_text()) if o]
    exchanges = {o["spec"]["name"]: (o["spec"]["type"], o["spec"]["durable"], o["spec"]["autoDelete"])
                 for o in objs if o["kind"] == "Exchange"}
    queues = {}
    for o in objs:
        if o["kind"] == "Queue":
            arguments = {"x-queue-type": o["spec"]["type"], **o["spec"].get("arguments", {})}
            queues[o["spec"]["name"]] = (o["spec"]["durable"], o["spec"]["autoDelete"], arguments)
    bindings = {(o["spec"]["source"], o["spec"]["destination"], o["spec"]["routingKey"])
                for o in objs if o["kind"] == "Binding"}
    assert exchanges == recorder.exchanges
    assert queues == recorder.queues
    assert bindings == recorder.bindings
    rabbitmq = yaml.safe_load((K8S / "base" / "infrastructure" / "rabbitmq-cluster.yaml")
                              .read_text().split("\n---\n")[0])["metadata"]["name"]
    for o in objs:
        assert o["spec"]["vhost"] == "/"
        assert o["spec"]["rabbitmqClusterReference"] == {"name": rabbitmq}


def test_production_archives_postgres_and_backs_it_up_nightly(builds):
    objs = builds["production"]
    cluster = _one(objs, "Cluster")
    (plugin,) = cluster["spec"]["plugins"]
    assert plugin["name"] == "barman-cloud.cloudnative-pg.io" and plugin["isWALArchiver"]
    store = _of_kind(objs, "ObjectStore")[plugin["parameters"]["barmanObjectName"]]
    assert store["spec"]["configuration"]["destinationPath"].startswith("s3://")
    assert store["spec"]["retentionPolicy"] == "30d"
    backup = _one(objs, "ScheduledBackup")["spec"]
    assert backup["cluster"] == {"name": cluster["metadata"]["name"]}
    assert backup["method"] == "plugin"
    assert backup["pluginConfiguration"]["name"] == plugin["name"]
    restore = yaml.safe_load((K8S / "examples" / "postgres-restore.yaml").read_text())
    (source,) = restore["spec"]["externalClusters"]
    assert restore["spec"]["bootstrap"]["recovery"]["source"] == source["name"]
    assert source["plugin"]["parameters"] == {"barmanObjectName": store["metadata"]["name"],
                                              "serverName": cluster["metadata"]["name"]}
    assert restore["spec"]["bootstrap"]["recovery"]["database"] == "soho"


# ------------------------------------------------------------------------- ingress
def _routes(name: str) -> set[str]:
    definition = registry.load(name)
    return {route.path for router in [probes_router, *definition.routers]
            for route in router.routes}


def _matches(path: str, path_type: str, route: str) -> bool:
    """Does an Ingress path reach this route ({parameters} match any one segment)?"""
    route_parts = route.strip("/").split("/") if route != "/" else []
    path_parts = path.strip("/").split("/") if path != "/" else []
    if path_type == "Exact" and len(route_parts) != len(path_parts):
        return False
    if len(path_parts) > len(route_parts):
        return False
    return all(r == p or (r.startswith("{") and r.endswith("}"))
               for p, r in zip(path_parts, route_parts))


def _ingress_paths(ingress: dict):
    for rule in ingress["spec"]["rules"]:
        for path in rule["http"]["paths"]:
            yield rule["host"], path["path"], path["pathType"], path["backend"]["service"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_ingresses_expose_people_pages_the_form_and_the_staff_page_only(builds, overlay):
    objs = builds[overlay]
    services = _of_kind(objs, "Service")
    ingresses = _of_kind(objs, "Ingress")
    reached = {}
    for ingress in ingresses.values():
        assert ingress["spec"]["ingressClassName"] == "nginx"
        for host, path, path_type, backend in _ingress_paths(ingress):
            assert path_type in ("Exact", "Prefix")
            service = services[backend["name"]]
            assert backend["port"] == {"name": "http"}
            assert any(p["name"] == "http" for p in service["spec"]["ports"])
            routes = _routes(backend["name"])
            assert any(_matches(path, path_type, r) for r in routes), \
                f"{path} reaches no route of {backend['name']}"
            for internal in INTERNAL_PATHS:
                assert not _matches(path, path_type, internal), f"{path} exposes {internal}"
            reached[(ingress["metadata"]["name"], path)] = backend["name"]
    assert reached[("soho-public", "/")] == "prospects"
    assert reached[("soho-public", "/api/contacts")] == "prospects"
    assert reached[("soho-public", "/unsubscribe")] == "notifications"
    assert reached[("soho-staff", "/")] == "dashboard"
    assert reached[("soho-staff", "/api")] == "dashboard"
    assert reached[("soho-public", "/sign-in")] == "identity"
    assert reached[("soho-areas", "/staff")] == "dashboard"
    assert reached[("soho-areas", "/staff/prospects")] == "prospects"
    # Every route of the dashboard is reachable: its token page and APIs through the staff
    # Ingress, its pages for signed-in staff (/staff/) through soho-areas.
    dashboard = [(p, t) for ingress in ingresses.values()
                 for _, p, t, b in _ingress_paths(ingress) if b["name"] == "dashboard"]
    for route in _routes("dashboard") - set(INTERNAL_PATHS):
        assert any(_matches(p, t, route) for p, t in dashboard), f"dashboard {route} unreachable"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_emails_link_to_the_public_host_which_routes_unsubscribe_links(builds, overlay):
    objs = builds[overlay]
    config = _one(objs, "ConfigMap")["data"]
    public = urlsplit(config["SOHO_PUBLIC_URL"])
    (host,) = {h for h, *_ in _ingress_paths(_of_kind(objs, "Ingress")["soho-public"])}
    assert public.hostname == host
    # Unsubscribe links default to SOHO_PUBLIC_URL + /unsubscribe (notifications' config).
    assert "NOTIFICATIONS_UNSUBSCRIBE_URL" not in config
    if overlay == "production":
        assert public.scheme == "https"
        for ingress in _of_kind(objs, "Ingress").values():
            hosts = {h for h, *_ in _ingress_paths(ingress)}
            assert {h for tls in ingress["spec"]["tls"] for h in tls["hosts"]} == hosts


# ------------------------------------------------------------------------- rollout
@pytest.mark.parametrize("overlay", OVERLAYS)
def test_rollout_order_infrastructure_then_migrations_then_platform(builds, overlay):
    objs = builds[overlay]
    waves = {phase: set() for phase in PHASES}
    for obj in objs:
        labels = obj["metadata"].get("labels", {})
        assert labels.get("app.kubernetes.io/part-of") == "soho", _name(obj)
        phase = labels.get(PHASE_LABEL)
        assert phase in PHASES, f"{_name(obj)} has no {PHASE_LABEL}"
        waves[phase].add(int((obj["metadata"].get("annotations") or {}).get(WAVE, "0")))
    assert max(waves["infrastructure"]) < min(waves["migrate"])
    assert max(waves["migrate"]) < min(waves["platform"])
    (job,) = [o for o in objs if o["metadata"]["labels"][PHASE_LABEL] == "migrate"]
    assert job["kind"] == "Job"
    annotations = job["metadata"]["annotations"]
    assert annotations["argocd.argoproj.io/hook"] == "Sync"
    assert annotations["argocd.argoproj.io/hook-delete-policy"] == "BeforeHookCreation"
    for obj in objs:
        if obj["kind"] in ("Deployment", "ScaledObject", "Ingress", "CronJob"):
            assert obj["metadata"]["labels"][PHASE_LABEL] == "platform", _name(obj)
        if obj["kind"] in ("RabbitmqCluster", "Cluster", "Secret", "ConfigMap", "Namespace"):
            assert obj["metadata"]["labels"][PHASE_LABEL] == "infrastructure", _name(obj)


def test_migrate_job_runs_migrate_then_seed(builds):
    job = _of_kind(builds["production"], "Job")["soho-migrate"]
    pod = _pod_spec(job)
    assert [c["args"] for c in pod["initContainers"]] == [["migrate"]]
    assert [c["args"] for c in pod["containers"]] == [["seed"]]
    assert pod["restartPolicy"] == "Never"
    assert job["spec"]["backoffLimit"] >= 3, "the database may still be starting"
    (cron,) = _of_kind(builds["production"], "CronJob").values()
    assert _pod_spec(cron)["containers"][0]["args"] == ["prospects", "retention"]
    assert cron["spec"]["concurrencyPolicy"] == "Forbid"


def test_rollout_script_applies_the_three_phases_in_order():
    script = (K8S / "rollout.sh").read_text()
    assert subprocess.run(["bash", "-n", str(K8S / "rollout.sh")]).returncode == 0
    applied = re.findall(r"^phase (\w+)$", script, re.M)
    assert applied == list(PHASES)
    assert script.index("delete job soho-migrate") < script.index("phase migrate")
    assert re.search(r'-l "soho/rollout-phase=\$1"', script)
    assert (K8S / "rollout.sh").stat().st_mode & 0o111, "executable"


def _front_door_routes(checked: bool) -> set[tuple[str, str, str]]:
    """(path, Exact or Prefix, service) for each path deploy/caddy/Caddyfile routes on,
    with (checked) or without the session check."""
    return {(r.path, r.path_type, r.service) for r in caddyfile.routes() if r.checked is checked}


def _routed(ingress: dict) -> set[tuple[str, str, str]]:
    return {(path, path_type, backend["name"])
            for _, path, path_type, backend in _ingress_paths(ingress)}


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_public_ingress_routes_what_the_front_door_routes(builds, overlay):
    """One set of public paths: Caddy's (`soho up`, compose) and the Ingress's."""
    ingress = _routed(_of_kind(builds[overlay], "Ingress")["soho-public"])
    assert _front_door_routes(checked=False) == ingress
    assert ("/unsubscribe", "Prefix", "notifications") in ingress
    for path in ("/sign-in", "/sign-out", "/password", "/assets"):
        assert (path, "Prefix", "identity") in ingress


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_people_pages_pass_identitys_session_check_as_behind_the_front_door(builds, overlay):
    """The session-checked paths: Caddy's (forward_auth) and soho-areas's (auth-url) are
    one set, on the public site's host (one origin, so one session cookie), each request
    asked about to identity's Service on its port, its token passed on."""
    objs = builds[overlay]
    ingresses = _of_kind(objs, "Ingress")
    areas = ingresses["soho-areas"]
    assert _front_door_routes(checked=True) == _routed(areas)
    assert {("/staff/prospects", "Prefix", "prospects"),
            ("/staff/cases", "Prefix", "onboarding"), ("/staff/villages", "Prefix", "onboarding"),
            ("/staff/members", "Prefix", "onboarding"),
            ("/staff/telecentres", "Prefix", "bookings"), ("/staff/bookings", "Prefix", "bookings"),
            ("/staff/deliveries", "Prefix", "notifications"),
            ("/members/directory", "Prefix", "onboarding"),
            ("/members/follow-ups", "Prefix", "onboarding"),
            ("/committees/notifications", "Prefix", "notifications"),
            ("/staff/accounts", "Prefix", "identity"), ("/staff", "Prefix", "dashboard"),
            ("/members", "Prefix", "bookings"), ("/committees", "Prefix", "onboarding")} \
        == _routed(areas)
    hosts = {name: {h for h, *_ in _ingress_paths(ingresses[name])}
             for name in ("soho-public", "soho-areas")}
    assert hosts["soho-areas"] == hosts["soho-public"]
    annotations = areas["metadata"]["annotations"]
    assert SESSION_CHECK.items() <= annotations.items()
    # Sign-out counts on the next request: no answer of identity's is kept.
    assert not any(key.startswith("nginx.ingress.kubernetes.io/auth-cache") for key in annotations)
    # The client's X-Soho-Identity is replaced by auth-response-headers, no snippet (which
    # ingress-nginx refuses by default).
    assert not any("snippet" in key for ingress in ingresses.values()
                   for key in ingress["metadata"].get("annotations", {}))
    auth = urlsplit(annotations["nginx.ingress.kubernetes.io/auth-url"])
    service, namespace, *_ = auth.hostname.split(".")
    assert namespace == {o["metadata"].get("namespace", NAMESPACE)
                         for o in _of_kind(objs, "Deployment").values()}.pop()
    assert auth.port == CONTRACT_PORTS[service] and service == "identity"
    assert auth.path in _routes("identity")
    # The other Ingresses ask nobody: their paths are open.
    for name, ingress in ingresses.items():
        if name != "soho-areas":
            assert "nginx.ingress.kubernetes.io/auth-url" not in ingress["metadata"].get(
                "annotations", {}), name
