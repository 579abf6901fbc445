"""Hosting recipes: the Dockerfile, the Community Cloud requirements and config."""

import re
import tomllib

from tests.apptest import ROOT
from tests.deploy import env, exec_form, instructions, one

README = (ROOT / "README.md").read_text()


def test_the_image_is_a_slim_python_run_by_a_user_other_than_root():
    assert re.fullmatch(r"python:3\.11-slim(-\w+)?", one("FROM"))
    user = one("USER")
    assert user not in ("root", "0") and not user.startswith("0:")
    assert [w for w, _ in instructions()].index("USER") > [w for w, _ in instructions()].index("RUN")


def test_the_image_serves_the_port_it_exposes_and_checks_its_health_there():
    port = env()["STREAMLIT_SERVER_PORT"]
    assert one("EXPOSE") == port
    assert env()["STREAMLIT_SERVER_ADDRESS"] == "0.0.0.0"
    check = exec_form(one("HEALTHCHECK"))
    assert f"http://127.0.0.1:{port}/_stcore/health" in check[-1]
    assert check[0] == env()["VENV"] + "/bin/python"


def test_the_image_runs_the_readme_command_on_an_environment_built_at_build_time():
    cmd = exec_form(one("CMD"))
    assert cmd == ["bash", "scripts/run.sh"]
    assert "\nbash scripts/run.sh\n" in README
    run = [args for word, args in instructions() if word == "RUN"]
    assert any(r.startswith("bash scripts/setup.sh " + env()["APP_REQUIREMENTS"]) for r in run)
    assert (ROOT / env()["APP_REQUIREMENTS"]).exists()


def test_hosted_requirements_take_torch_cpu_and_the_app_pins():
    lines = [x.strip() for x in (ROOT / "requirements.txt").read_text().splitlines()]
    lines = [x for x in lines if x and not x.startswith("#")]
    assert "torch==2.13.0+cpu" in lines
    assert "-r requirements/app.txt" in lines
    assert any(x.startswith("--find-links https://download.pytorch.org/whl/cpu/") for x in lines)
    app = (ROOT / "requirements/app.txt").read_text().splitlines()
    assert "torch==2.13.0" in app  # the same release: the local wheel and the hosted one agree


def test_streamlit_config_suits_a_small_shared_host():
    config = tomllib.loads((ROOT / ".streamlit/config.toml").read_text())
    assert config["server"]["headless"] is True
    assert config["server"]["fileWatcherType"] == "none"  # no watcher threads or inotify on the host
    assert config["server"]["runOnSave"] is False
    assert config["browser"]["gatherUsageStats"] is False


def test_the_docker_build_context_leaves_out_the_local_environment():
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert ".venv" in ignored and ".git" in ignored
