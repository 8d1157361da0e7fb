"""Clean builds repeat byte for byte, and need no network."""

import os
import shutil
import subprocess
import sys

from .conftest import ProjectCopy

EPOCH = "1700000000"  # dates in the site (sitemap) come from here


def clean_copy(path):
    copy = ProjectCopy(path)
    shutil.rmtree(path / ".cache", ignore_errors=True)  # nothing cached
    return copy


def site_files(copy):
    site = copy.path / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_clean_builds_are_byte_identical(tmp_path, monkeypatch):
    """Assert every file of two cold builds is the same, byte for byte,
    and that neither logs a warning."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    builds = []
    for name in ("first", "second"):
        (tmp_path / name).mkdir()
        copy = clean_copy(tmp_path / name)
        result = copy.build()
        assert result.returncode == 0, result.stderr
        # a clean build logs no warning of any origin (kernel included)
        log = result.stdout + result.stderr
        assert "WARNING" not in log and "notebooks: executed" in log, log
        builds.append(site_files(copy))
    first, second = builds
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []
    assert len(first) > 50


def can_isolate_network():
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return False
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    return probe.returncode == 0


def test_build_needs_no_network(tmp_path):
    """Assert a cold build passes with no network at all: in a network
    namespace with only loopback where the system allows one, else with
    every proxy pointed at a closed local port."""
    copy = clean_copy(tmp_path)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for proxy in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy",
                  "https_proxy", "all_proxy"):
        env[proxy] = "http://127.0.0.1:9"  # discard port: nothing listens
    build = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    # containers without the right to make a namespace get the proxies only
    command = (["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$@"',
                "build", *build] if can_isolate_network() else build)
    result = subprocess.run(command, cwd=copy.path, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert (copy.path / "site" / "calculus-basics" / "index.html").is_file()
    assert "notebooks: executed" in result.stderr
