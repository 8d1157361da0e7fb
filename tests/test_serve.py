"""`mkdocs serve` never loses an edit: a changed constant reaches the page."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

from bs4 import BeautifulSoup


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def formulas(html):
    page = BeautifulSoup(html, "html.parser")
    return " ".join(a.get_text() for a in page.select("annotation"))


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.25)
    return None


def test_serve_shows_a_changed_constant(project_copy):
    """Assert the served page prints the new optimum after the page
    module's constant changes, and never the old one again."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/calculus-basics/"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr",
         f"127.0.0.1:{port}"], cwd=project_copy.path,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        first = wait_for(lambda: fetch(url), 180)
        assert first and r"\theta - 0.8" in formulas(first)
        project_copy.edit("snippets/calculus_basics.py", "THETA_STAR = 0.8",
                          "THETA_STAR = 0.7")
        moved = wait_for(lambda: (r"\theta - 0.7" in formulas(
            fetch(url) or "")), 120)
        assert moved, "the served page never showed the new optimum"
        assert r"\theta - 0.8" not in formulas(fetch(url))
    finally:
        server.terminate()
        _, log = server.communicate(timeout=60)
    assert "ERROR" not in log, log
