"""`mkdocs serve` never loses an edit: a changed constant reaches the page
of every edition."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

from bs4 import BeautifulSoup

from .pages import LANGUAGES


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


def test_serve_shows_a_changed_constant(tiny):
    """Assert the served page prints the new side after the page module's
    constant changes, in every edition, and never the old one again."""
    port = free_port()
    urls = [f"http://127.0.0.1:{port}/{language.folder}"
            for language in LANGUAGES]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr",
         f"127.0.0.1:{port}"], cwd=tiny.path,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        for url in urls:
            first = wait_for(lambda: fetch(url), 180)
            assert first and "s = 1.5" in formulas(first), url
        tiny.edit("snippets/squares.py", "SIDE = 1.5", "SIDE = 2.5")
        for url in urls:
            moved = wait_for(lambda: "s = 2.5" in formulas(
                fetch(url) or ""), 120)
            assert moved, f"{url} never showed the new side"
            assert "s = 1.5" not in formulas(fetch(url))
    finally:
        server.terminate()
        _, log = server.communicate(timeout=60)
    assert "ERROR" not in log, log
