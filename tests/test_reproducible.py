"""Clean builds repeat byte for byte, and need no network."""

import os
import re
import shutil
import subprocess
import sys

from .conftest import ProjectCopy

EPOCH = "1700000000"  # dates in the site (sitemap) come from here
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def clean_copy(path):
    copy = ProjectCopy(path)
    shutil.rmtree(path / ".cache", ignore_errors=True)  # nothing cached
    return copy


def site_files(copy):
    site = copy.path / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def can_isolate_network():
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return False
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    return probe.returncode == 0


def offline(command):
    """``command`` run with no network at all: in a network namespace with
    only loopback where the system allows one (containers without that
    right get the closed proxies alone, see ``cold_build``)."""
    if not can_isolate_network():
        return command
    return ["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$@"',
            "build", *command]


def cold_build(path, network):
    """A clean copy of the project in ``path``, built with empty caches."""
    path.mkdir()
    copy = clean_copy(path)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH)
    if not network:
        for proxy in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY",
                      "http_proxy", "https_proxy", "all_proxy"):
            env[proxy] = "http://127.0.0.1:9"  # discard port: nobody there
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    result = subprocess.run(command if network else offline(command),
                            cwd=copy.path, env=env, capture_output=True,
                            text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    # a clean build logs no warning of any origin (kernels included)
    log = result.stdout + result.stderr
    assert "WARNING" not in log and "notebooks: executed" in log, log
    return site_files(copy)


def test_cold_builds_repeat_byte_for_byte_offline_and_under_load(tmp_path):
    """Assert two cold builds give the same files, byte for byte, the
    second with no network while another process keeps a core busy (so
    that no timing reaches a page or an index)."""
    first = cold_build(tmp_path / "first", network=True)
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        second = cold_build(tmp_path / "second", network=False)
    finally:
        busy.kill()
        busy.wait()
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert len(first) > 50


def test_the_site_builds_alike_on_properdocs(project_copy, site):
    """Assert ProperDocs, the maintained drop-in fork of MkDocs 1.x,
    builds every page of every edition as MkDocs does, but for the line
    that names the generator."""
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f",
         "mkdocs.yml", "--site-dir", str(project_copy.path / "site")],
        cwd=project_copy.path, capture_output=True, text=True, timeout=600,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 0, result.stderr

    def pages(folder):
        return {p.relative_to(folder).as_posix(): GENERATOR.sub(
            b"", p.read_bytes()) for p in sorted(folder.rglob("*.html"))}

    ours, theirs = pages(project_copy.path / "site"), pages(site)
    assert sorted(ours) == sorted(theirs) and len(ours) > 10
    assert [name for name in ours if ours[name] != theirs[name]] == []
