"""The production deployment, checked statically (no Docker engine runs here): the compose
file, the worker image, .env.example and prefect.yaml agree with each other and with the
settings the code actually reads."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
import yaml
from prefect.flows import Flow

from flows.settings import LimitSettings, OcrSettings, ReviewSettings, S3Settings, Settings

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker" / "compose.yaml").read_text())
DOCKERFILE = (ROOT / "docker" / "Dockerfile").read_text()
ENV_EXAMPLE = (ROOT / "docker" / ".env.example").read_text()
PREFECT_YAML = yaml.safe_load((ROOT / "prefect.yaml").read_text())
LANGUAGES = ("eng", "osd", "vie", "tha", "khm", "lao", "fil")


def setting_names() -> set[str]:
    """Every DIGITIZE_* variable the code reads."""
    names = {f"DIGITIZE_{n.upper()}" for n in Settings.model_fields}
    for cls in (S3Settings, OcrSettings, LimitSettings, ReviewSettings):
        prefix = cls.model_config["env_prefix"]
        names |= {f"{prefix}{n.upper()}" for n in cls.model_fields}
    return names | {"DIGITIZE_APP_DIR", "DIGITIZE_INBOX"}  # read by prefect.yaml


def test_services_and_health_checks():
    services = COMPOSE["services"]
    assert {"minio", "postgres", "prefect-server", "worker", "deploy"} <= set(services)
    for name in ("minio", "postgres", "prefect-server"):
        assert "healthcheck" in services[name], name
    worker_deps = services["worker"]["depends_on"]
    assert worker_deps["prefect-server"]["condition"] == "service_healthy"
    assert worker_deps["minio"]["condition"] == "service_healthy"


def test_prefect_server_uses_postgres_and_workers_use_the_server():
    services = COMPOSE["services"]
    url = services["prefect-server"]["environment"]["PREFECT_API_DATABASE_CONNECTION_URL"]
    assert url.startswith("postgresql+asyncpg://") and "@postgres:5432/" in url
    assert services["worker"]["environment"]["PREFECT_API_URL"] == (
        "http://prefect-server:4200/api"
    )
    assert "4200:4200" in services["prefect-server"]["ports"]
    assert "9000:9000" in services["minio"]["ports"]


@pytest.mark.parametrize("service", ["worker", "deploy"])
def test_worker_environment_names_real_settings(service):
    env = COMPOSE["services"][service]["environment"]
    digitize = {k for k in env if k.startswith("DIGITIZE_")}
    assert digitize <= setting_names(), digitize - setting_names()
    assert env["DIGITIZE_S3_ENDPOINT"] == "minio:9000"
    assert env["OMP_THREAD_LIMIT"] == "1"
    assert env["DIGITIZE_APP_DIR"] == "/app"


def test_every_variable_has_an_example():
    text = (ROOT / "docker" / "compose.yaml").read_text()
    used = set(re.findall(r"\$\{(\w+)\}", text))
    defined = {
        line.split("=")[0]
        for line in ENV_EXAMPLE.splitlines()
        if "=" in line and not line.startswith("#")
    }
    assert used <= defined, used - defined


def test_named_volumes_are_declared():
    declared = set(COMPOSE["volumes"])
    for service in COMPOSE["services"].values():
        for volume in service.get("volumes", []):
            name = volume.split(":")[0]
            if not name.startswith((".", "/")):
                assert name in declared, name


def test_worker_image_has_tesseract_languages_and_one_thread():
    for lang in LANGUAGES:
        assert f"tesseract-ocr-{lang}" in DOCKERFILE
    assert "OMP_THREAD_LIMIT=1" in DOCKERFILE
    for folder in ("processors", "storage", "flows", "prefect.yaml"):
        assert re.search(rf"^COPY {folder}\b", DOCKERFILE, re.M), folder
    assert "USER digitizer" in DOCKERFILE


def test_deployments_point_at_real_flows_on_the_pool_workers_pull():
    pools = {d["work_pool"]["name"] for d in PREFECT_YAML["deployments"]}
    assert pools == {"digitize"}
    assert "--pool digitize" in " ".join(COMPOSE["services"]["worker"]["command"])
    for deployment in PREFECT_YAML["deployments"]:
        module, function = deployment["entrypoint"].split(":")
        flow = getattr(
            importlib.import_module(module.replace("/", ".").removesuffix(".py")), function
        )
        assert isinstance(flow, Flow), deployment["name"]
    inbox = next(d for d in PREFECT_YAML["deployments"] if d["name"] == "inbox")
    assert inbox["schedules"][0]["interval"] > 0
