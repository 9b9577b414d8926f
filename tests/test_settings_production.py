"""Production settings refuse to start half-configured, and a complete
configuration passes Django's deployment checklist without a warning.

Each case starts a fresh interpreter with a clean environment, as an operator would.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD_SECRET = "k3Jx9-QpV2mZ7rT4wYc8bN1sD6fH0gL5aE_uIoPzXqRvWtYnMb"


def _run(args, tmp_path, **env):
    clean = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "CURBSIDE_VAR_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    clean.update(env)
    return subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [sys.executable, *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _import_settings(tmp_path, **env):
    return _run(["-c", "import config.settings"], tmp_path, **env)


GOOD = {
    "CURBSIDE_ENV": "production",
    "SECRET_KEY": GOOD_SECRET,
    "ALLOWED_HOSTS": "curbside.example.org",
    "SITE_URL": "https://curbside.example.org",
}


def test_a_complete_production_configuration_loads(tmp_path):
    result = _import_settings(tmp_path, **GOOD)

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_without_a_required_variable_names_it(tmp_path, missing):
    env = {k: v for k, v in GOOD.items() if k != missing}

    result = _import_settings(tmp_path, **env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_refuses_a_short_secret_key(tmp_path):
    result = _import_settings(tmp_path, **{**GOOD, "SECRET_KEY": "too-short"})

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "50 characters" in result.stderr


def test_production_refuses_debug(tmp_path):
    result = _import_settings(tmp_path, **{**GOOD, "DEBUG": "true"})

    assert result.returncode != 0
    assert "DEBUG" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DEBUG", "sometimes"),
        ("RATE_LIMIT_QUESTION", "ten"),
        ("PAGE_CACHE_SECONDS", "5 minutes"),
        ("TASKS_BACKEND", "celery"),
        ("CURBSIDE_ENV", "staging"),
        ("DATABASE_URL", "nosuchdb://somewhere/x"),
    ],
)
def test_a_malformed_value_is_reported_by_name(tmp_path, variable, value):
    result = _import_settings(tmp_path, **{**GOOD, variable: value})

    assert result.returncode != 0
    assert variable in result.stderr


def test_the_console_script_prints_a_message_instead_of_a_traceback(tmp_path):
    env = {k: v for k, v in GOOD.items() if k != "SECRET_KEY"}

    result = _run(["-m", "curbside", "check"], tmp_path, **env)

    assert result.returncode == 2
    assert "SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_complete_production_configuration_passes_the_deploy_checklist(tmp_path):
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path, **GOOD
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
