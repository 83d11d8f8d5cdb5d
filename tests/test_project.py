"""Project-level promises: stdlib `platform`, deploy checks, the demo seed's guard."""

import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest
import stripe
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[1]


def _env(**extra) -> dict:
    env = dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'platform'}", **extra)
    env.pop("DEBUG", None)
    return env


def test_platform_is_the_standard_library_module_under_pytest():
    assert platform.python_version().startswith("3.11")
    assert Path(platform.__file__).parent != ROOT / "platform"
    # stripe reads the Python version through the platform module for its user agent.
    assert stripe.VERSION


@pytest.mark.parametrize(
    "code",
    [
        "import innovato.wsgi, platform; print(platform.python_version())",
        "import innovato.asgi, platform; print(platform.python_version())",
    ],
)
def test_platform_is_the_standard_library_module_in_the_server(code):
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_env(),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith("3.11")


def test_platform_is_the_standard_library_module_in_manage_py():
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "import platform, stripe; print(platform.python_version())"],
        cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("3.11")


def test_production_settings_pass_check_deploy():
    env = _env(
        DATABASE_URL="postgres://innovato:secret@db.internal:5432/innovato",
        SECRET_KEY="k" * 20 + "Zq8!vR#2pL@9xW$4nT^6mB&1cF*3hJ(5)dG_7sK+0yU=",
        HTTPS_ONLY="true",
        BASE_DOMAIN="innovato.example.eu",
    )
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy",
                             "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_without_production_env():
    env = _env(DATABASE_URL="postgres://innovato:secret@db.internal:5432/innovato")
    env.pop("SECRET_KEY", None)
    env.pop("HTTPS_ONLY", None)
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert "innovato.W001" in result.stderr + result.stdout
    assert "innovato.W002" in result.stderr + result.stdout


@pytest.mark.django_db
def test_demo_seed_is_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
