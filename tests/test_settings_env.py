"""Settings come from ALLY_* variables; a bad value stops Ally with one line naming the variable."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ally.env import Env, SettingError

ALLY = str(Path(sys.executable).with_name("ally"))
SECRET = "a-production-secret-for-these-tests-0123456789"


def environment(tmp_path: Path, **values: str) -> dict[str, str]:
    """The test runner's environment without Ally's settings, plus the values given."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key != "DJANGO_SETTINGS_MODULE" and not key.startswith("ALLY_")
    }
    env.update(ALLY_VAR_DIR=str(tmp_path), ALLY_DATABASE_URL=f"sqlite:///{tmp_path}/ally.sqlite3")
    env.update(values)
    return env


def run_ally(tmp_path: Path, *args: str, timeout: float = 120, **values: str):
    return subprocess.run(
        [ALLY, *args],
        env=environment(tmp_path, **values),
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=tmp_path,
    )


def production_settings(tmp_path: Path, *names: str, **values: str) -> dict[str, object]:
    """Import ally.settings (not the test settings) in a fresh process and read some names."""
    code = "import json, ally.settings as s; print(json.dumps({n: getattr(s, n) for n in %r}))"
    result = subprocess.run(
        [sys.executable, "-c", code % (list(names),)],
        env=environment(tmp_path, **values),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("parse", "value"),
    [
        (lambda env: env.bool("ALLY_X", False), "maybe"),
        (lambda env: env.int("ALLY_X", 1), "abc"),
        (lambda env: env.int("ALLY_X", 1, minimum=1), "0"),
        (lambda env: env.int("ALLY_X", 1, maximum=10), "11"),
        (lambda env: env.choice("ALLY_X", "INFO", ("INFO", "DEBUG")), "info"),
        (lambda env: env.database_url("ALLY_X", "sqlite:///x"), "mysql://db/ally"),
        (lambda env: env.database_url("ALLY_X", "sqlite:///x"), "postgresql:///ally"),
        (lambda env: env.email_url("ALLY_X", "console:"), "smtp://"),
        (lambda env: env.email_url("ALLY_X", "console:"), "smtp://mail.example.org:port"),
        (lambda env: env.email_url("ALLY_X", "console:"), "pigeon://loft"),
    ],
)
def test_it_rejects_a_bad_value_naming_the_variable(parse, value):
    with pytest.raises(SettingError) as error:
        parse(Env({"ALLY_X": value}))
    assert error.value.name == "ALLY_X"
    assert str(error.value).startswith("ALLY_X: ")


def test_it_reads_good_values():
    env = Env({"ALLY_B": " Yes ", "ALLY_I": "15", "ALLY_L": "a.org, b.org,", "ALLY_E": ""})
    assert env.bool("ALLY_B", False) is True
    assert env.int("ALLY_I", 30, minimum=1) == 15
    assert env.list("ALLY_L", []) == ["a.org", "b.org"]
    assert env.str("ALLY_E", "default") == "default"


def test_smtp_means_starttls_and_plain_must_be_asked_for():
    def parse(url):
        return Env({"ALLY_EMAIL_URL": url}).email_url("ALLY_EMAIL_URL", "console:")

    assert parse("smtp://mail.example.org")["EMAIL_USE_TLS"] is True
    plain = parse("smtp+plain://localhost")
    assert (plain["EMAIL_USE_TLS"], plain["EMAIL_USE_SSL"], plain["EMAIL_PORT"]) == (False, False, 25)
    assert parse("smtps://mail.example.org")["EMAIL_USE_SSL"] is True


def test_it_reads_an_smtp_url():
    mail = Env({"ALLY_EMAIL_URL": "smtp+tls://ally:pw@mail.example.org"}).email_url(
        "ALLY_EMAIL_URL", "console:"
    )
    assert (mail["EMAIL_HOST"], mail["EMAIL_PORT"], mail["EMAIL_USE_TLS"]) == (
        "mail.example.org", 587, True
    )
    assert (mail["EMAIL_HOST_USER"], mail["EMAIL_HOST_PASSWORD"]) == ("ally", "pw")


def assert_refused(result, variable: str) -> None:
    lines = result.stderr.strip().splitlines()
    assert result.returncode != 0
    assert len(lines) == 1, result.stderr
    assert variable in lines[0]
    assert "Traceback" not in result.stderr + result.stdout


def test_it_refuses_a_session_timeout_that_is_not_a_number(tmp_path):
    result = run_ally(
        tmp_path, "check", ALLY_SECRET_KEY=SECRET, ALLY_SESSION_IDLE_MINUTES="abc"
    )
    assert_refused(result, "ALLY_SESSION_IDLE_MINUTES")


def test_it_refuses_to_start_without_a_secret_key(tmp_path):
    assert_refused(run_ally(tmp_path, "check"), "ALLY_SECRET_KEY")


def test_it_refuses_the_development_secret_outside_demo(tmp_path):
    from ally.settings import DEVELOPMENT_SECRET_KEY

    assert_refused(run_ally(tmp_path, "check", ALLY_SECRET_KEY=DEVELOPMENT_SECRET_KEY), "ALLY_SECRET_KEY")


def test_it_refuses_a_short_secret_key(tmp_path):
    assert_refused(run_ally(tmp_path, "check", ALLY_SECRET_KEY="short"), "ALLY_SECRET_KEY")


def test_it_refuses_a_database_it_cannot_use(tmp_path):
    result = run_ally(tmp_path, "check", ALLY_SECRET_KEY=SECRET, ALLY_DATABASE_URL="mysql://x")
    assert_refused(result, "ALLY_DATABASE_URL")


def test_it_refuses_to_turn_off_two_factor_outside_demo(tmp_path):
    result = run_ally(tmp_path, "check", ALLY_SECRET_KEY=SECRET, ALLY_MFA_REQUIRED="false")
    assert_refused(result, "ALLY_MFA_REQUIRED")


def test_it_says_in_one_line_when_the_database_is_unreachable(tmp_path):
    result = run_ally(
        tmp_path,
        "check",
        timeout=60,
        ALLY_SECRET_KEY=SECRET,
        ALLY_SITE_URL="https://ally.example.org",
        ALLY_DATABASE_URL="postgresql://ally:ally@127.0.0.1:1/none",
    )
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "database error" in result.stderr
    assert "ally:ally" not in result.stderr


def test_it_accepts_a_demo_without_a_secret_key(tmp_path):
    result = run_ally(tmp_path, "check", "--no-deploy", ALLY_DEMO="true")
    assert result.returncode == 0, result.stderr
    assert "mode: demo" in result.stdout


def test_it_defaults_to_a_thirty_minute_idle_timeout_and_five_tries(tmp_path):
    names = ("SESSION_COOKIE_AGE", "SESSION_SAVE_EVERY_REQUEST", "AXES_FAILURE_LIMIT")
    values = production_settings(tmp_path, *names, ALLY_SECRET_KEY=SECRET)
    assert values == {
        "SESSION_COOKIE_AGE": 30 * 60,
        "SESSION_SAVE_EVERY_REQUEST": True,
        "AXES_FAILURE_LIMIT": 5,
    }


def test_it_sets_the_idle_timeout_from_the_environment(tmp_path):
    values = production_settings(
        tmp_path, "SESSION_COOKIE_AGE", ALLY_SECRET_KEY=SECRET, ALLY_SESSION_IDLE_MINUTES="15"
    )
    assert values == {"SESSION_COOKIE_AGE": 15 * 60}


def test_it_refuses_production_without_https(tmp_path):
    result = run_ally(tmp_path, "check", ALLY_SECRET_KEY=SECRET)
    assert result.returncode != 0
    assert "HTTPS" in result.stderr.strip().splitlines()[-1]


def test_it_never_repeats_a_password_from_a_bad_url():
    for parse in (Env.email_url, Env.database_url):
        with pytest.raises(SettingError) as error:
            parse(Env({"ALLY_X": "smpt://ally:hunter2@mail.example.org"}), "ALLY_X", "console:")
        assert "hunter2" not in str(error.value)


def test_the_site_urls_host_is_allowed_by_default(tmp_path):
    output = production_settings(
        tmp_path, "ALLOWED_HOSTS", ALLY_SITE_URL="https://ally.example.org", ALLY_SECRET_KEY=SECRET
    )
    assert "ally.example.org" in output["ALLOWED_HOSTS"]


def test_a_site_url_without_a_scheme_is_refused(tmp_path):
    assert_refused(run_ally(tmp_path, "check", ALLY_DEMO="true", ALLY_SITE_URL="ally.example.org"), "ALLY_SITE_URL")


def test_debug_mode_is_only_for_a_developers_machine(tmp_path):
    result = run_ally(
        tmp_path, "check", ALLY_DEBUG="true", ALLY_SITE_URL="https://ally.example.org"
    )
    assert_refused(result, "ALLY_DEBUG")


def test_serve_refuses_production_without_https(tmp_path):
    result = run_ally(tmp_path, "serve", ALLY_SECRET_KEY=SECRET)
    assert result.returncode != 0
    assert "HTTPS" in result.stderr
