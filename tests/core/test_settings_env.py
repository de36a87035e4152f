import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from canbo.env import env_bool, env_int, env_list


def test_it_parses_booleans_strictly(monkeypatch):
    monkeypatch.setenv("X_FLAG", "yes")
    assert env_bool("X_FLAG") is True
    monkeypatch.setenv("X_FLAG", "0")
    assert env_bool("X_FLAG", True) is False
    monkeypatch.setenv("X_FLAG", "treu")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env_bool("X_FLAG")


def test_it_refuses_a_non_integer(monkeypatch):
    monkeypatch.setenv("X_NUM", "12a")
    with pytest.raises(ImproperlyConfigured, match="X_NUM"):
        env_int("X_NUM", 1)


def test_it_splits_lists(monkeypatch):
    monkeypatch.setenv("X_LIST", "a.example, b.example,,")
    assert env_list("X_LIST") == ["a.example", "b.example"]


def _canbo(args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CANBO_")}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    clean.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests, refused by --deploy
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-m", "canbo", *args], env=clean, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = _canbo(
        ["check", "--deploy", "--fail-level", "DEBUG"],
        CANBO_SECRET_KEY="x7#Kq2!vLp9@Zr4$Wm8^Tn3&Yb6*Hc1(Jd5)Fg0-Se2+Ua7=Ox9",
        CANBO_ALLOWED_HOSTS="canbo.dienbien.gov.vn",
        CANBO_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_it_refuses_to_start_without_a_secret_key_in_production(tmp_path):
    result = _canbo(["check"], CANBO_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "CANBO_SECRET_KEY" in result.stderr
