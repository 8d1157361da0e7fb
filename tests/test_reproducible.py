"""Builds repeat byte for byte: a cold one, with no network and a busy
CPU, makes the site the suite built with warm caches; so does ProperDocs."""

import os
import re
import shutil
import subprocess
import sys

from .conftest import (ProjectCopy, cores_kept_busy, same_site_as_built,
                       site_files)

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


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


def test_a_cold_build_offline_and_under_load_is_the_site(tmp_path, site,
                                                       served):
    """Assert a clean copy built with empty caches, with no network, on
    a machine with no CPU time to spare (the suite's other worker, and a
    spinner at the lowest priority for what it leaves), so that no
    timing can reach a page or an index, gives the suite's site byte for
    byte, logging no warning of any origin (kernels included)."""
    copy = ProjectCopy(tmp_path)
    shutil.rmtree(tmp_path / ".cache", ignore_errors=True)  # nothing cached
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1",
               **same_site_as_built(served))
    for proxy in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY",
                  "http_proxy", "https_proxy", "all_proxy"):
        env[proxy] = "http://127.0.0.1:9"  # discard port: nobody there
    with cores_kept_busy(1):
        result = subprocess.run(
            offline([sys.executable, "-m", "mkdocs", "build", "--strict"]),
            cwd=copy.path, env=env, capture_output=True, text=True,
            timeout=900)
    assert result.returncode == 0, result.stderr
    log = result.stdout + result.stderr
    assert "WARNING" not in log and "notebooks: executed" in log, log
    ours, theirs = site_files(tmp_path / "site"), site_files(site)
    assert sorted(ours) == sorted(theirs) and len(ours) > 50
    assert [name for name in ours if ours[name] != theirs[name]] == []


def test_the_site_builds_alike_on_properdocs(project_copy, site, served):
    """Assert ProperDocs, the maintained drop-in fork of MkDocs 1.x,
    builds every file of every edition as MkDocs does, but for the line
    of each page that names the generator."""
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f",
         "mkdocs.yml", "--site-dir", str(project_copy.path / "site")],
        cwd=project_copy.path, capture_output=True, text=True, timeout=600,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1",
                 **same_site_as_built(served)))
    assert result.returncode == 0, result.stderr

    def files(folder):
        return {name: GENERATOR.sub(b"", data) if name.endswith(".html")
                else data for name, data in site_files(folder).items()}

    ours, theirs = files(project_copy.path / "site"), files(site)
    assert sorted(ours) == sorted(theirs) and len(ours) > 50
    assert [name for name in ours if ours[name] != theirs[name]] == []
