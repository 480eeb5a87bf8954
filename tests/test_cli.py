"""The `ally` command: help for everything, one-line failures, and a first-run `ally init`."""

import sqlite3
from contextlib import closing

import pytest

from tests.test_settings_env import SECRET, run_ally

ADMIN_PASSWORD = "a-long-admin-passphrase-2024"


def init(name: str = "Lakeshore Task Force", email: str = "cora@lakeshore.example.gov") -> list[str]:
    return [
        "init", "--no-input", "--task-force", name, "--type", "statewide", "--states", "WI",
        "--admin-email", email, "--admin-name", "Cora Lane",
    ]


def ally(tmp_path, *args: str, **values: str):
    values.setdefault("ALLY_SECRET_KEY", SECRET)
    values.setdefault("ALLY_ADMIN_PASSWORD", ADMIN_PASSWORD)
    return run_ally(tmp_path, *args, **values)


def count(tmp_path, table: str, where: str = "1 = 1") -> int:
    with closing(sqlite3.connect(tmp_path / "ally.sqlite3")) as db:
        return db.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0]  # noqa: S608


@pytest.fixture(scope="module")
def initialized(tmp_path_factory):
    """A database on which `ally init` has run once (shared: init takes a few seconds)."""
    tmp_path = tmp_path_factory.mktemp("ally-init")
    result = ally(tmp_path, *init())
    assert result.returncode == 0, result.stderr
    assert "Created Lakeshore Task Force with coordinator cora@lakeshore.example.gov" in result.stdout
    return tmp_path


def test_it_lists_its_commands(tmp_path):
    result = run_ally(tmp_path, "--help")
    assert result.returncode == 0
    for command in ("init", "serve", "worker", "demo", "check", "audit verify", "sso", "report", "htcds"):
        assert f"\n  {command} " in result.stdout
    assert "\n  evaluation-extract\n" in result.stdout


def test_it_refuses_an_unknown_command(tmp_path):
    result = ally(tmp_path, "nosuchcommand")
    assert result.returncode != 0
    assert "nosuchcommand" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("command", "option"),
    [
        ("init", "--task-force"),
        ("serve", "--port"),
        ("worker", "--batch"),
        ("check", "--no-deploy"),
        ("audit", "verify"),
        ("sso", "--issuer"),
        ("report", "--quarter"),
        ("htcds", "export"),
        ("evaluation-extract", "--k"),
    ],
)
def test_every_command_has_help(tmp_path, command, option):
    result = ally(tmp_path, command, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: ally {command} ")
    assert option in result.stdout


def test_init_creates_the_task_force_and_a_coordinator_who_can_sign_in(initialized):
    script = (
        "from django.test import Client\n"
        "c = Client(SERVER_NAME='localhost')\n"
        "r = c.post('/accounts/login/', {'login': 'cora@lakeshore.example.gov', "
        "'password': '" + ADMIN_PASSWORD + "'})\n"
        "print(r.status_code, r['Location'], c.get('/')['Location'])\n"
    )
    result = ally(initialized, "shell", "--no-imports", "-c", script)
    assert result.stdout.split() == ["302", "/", "/accounts/2fa/totp/activate/"], result.stderr
    assert count(initialized, "tenancy_taskforcerole") == 1


def test_init_refuses_a_task_force_that_exists_and_creates_nothing(initialized):
    result = ally(initialized, *init(email="sam@lakeshore.example.gov"))
    assert result.returncode != 0
    [line] = result.stderr.strip().splitlines()
    assert line.endswith("A task force named Lakeshore Task Force already exists.")
    assert count(initialized, "tenancy_taskforce") == 1
    assert count(initialized, "accounts_user") == 1


def test_init_refuses_an_administrator_email_that_exists(initialized):
    result = ally(initialized, *init(name="Riverbend Task Force"))
    assert result.returncode != 0
    assert "already exists" in result.stderr
    assert count(initialized, "tenancy_taskforce") == 1


def test_init_without_flags_names_the_missing_flag_and_touches_nothing(tmp_path):
    result = ally(tmp_path, "init", "--no-input")
    assert result.returncode != 0
    [line] = result.stderr.strip().splitlines()
    assert line.endswith("--task-force is required (no terminal to ask on)")
    assert not (tmp_path / "ally.sqlite3").exists()


def test_init_names_the_password_variable_when_it_is_unset(tmp_path):
    result = ally(tmp_path, *init(), ALLY_ADMIN_PASSWORD="")
    assert result.returncode != 0
    assert "ALLY_ADMIN_PASSWORD" in result.stderr


def test_init_refuses_a_weak_administrator_password(tmp_path):
    result = ally(tmp_path, *init(), ALLY_ADMIN_PASSWORD="password")
    assert result.returncode != 0
    assert "password:" in result.stderr
    assert not (tmp_path / "ally.sqlite3").exists()


def test_audit_verify_passes_on_a_fresh_database(initialized):
    result = ally(initialized, "audit", "verify")
    assert result.returncode == 0, result.stderr
    assert "audit log intact" in result.stdout


def test_sso_refuses_an_issuer_that_is_not_https(initialized):
    result = ally(
        initialized, "sso", "lakeshore-task-force", "--issuer", "http://insecure", "--client-id", "x"
    )
    assert result.returncode != 0
    assert "https" in result.stderr
    assert count(initialized, "socialaccount_socialapp", "settings LIKE '%insecure%'") == 0


def test_sso_names_the_variable_for_the_secret(initialized):
    result = ally(
        initialized, "sso", "lakeshore-task-force", "--issuer", "https://id.example.gov",
        "--client-id", "ally",
    )
    assert result.returncode == 0, result.stderr
    assert "ALLY_OIDC_SECRET_LAKESHORE_TASK_FORCE" in result.stdout


def test_sso_refuses_an_unknown_task_force(initialized):
    result = ally(initialized, "sso", "nowhere", "--issuer", "https://id.example.gov", "--client-id", "x")
    assert result.returncode != 0
    assert "nowhere" in result.stderr


def test_a_fresh_checkout_without_var_migrates(tmp_path):
    from tests.test_settings_env import run_ally

    var = tmp_path / "not-yet" / "var"
    result = run_ally(tmp_path, "migrate", "-v0", ALLY_DEMO="true", ALLY_VAR_DIR=str(var), ALLY_DATABASE_URL="")
    assert result.returncode == 0, result.stderr
    assert (var / "ally.sqlite3").exists()
