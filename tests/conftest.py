"""Shared fixtures: one strict build of the site, and copies to break."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
# what a copy of the project needs in order to build
PROJECT_PARTS = ("docs", "snippets", "mkdocs.yml", "package.json")


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The site built strictly from this checkout, through MkDocs' API."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = tmp_path_factory.mktemp("site")
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir))
    build(config)
    return site_dir


@pytest.fixture(scope="session")
def page(site):
    """The built E.3.1 page, parsed."""
    html = (site / "calculus-basics" / "index.html").read_text("utf-8")
    return BeautifulSoup(html, "html.parser")


class ProjectCopy:
    """A throw-away copy of the project, to change and build."""

    def __init__(self, path):
        self.path = path
        for part in PROJECT_PARTS:
            source = ROOT / part
            if source.is_dir():
                shutil.copytree(source, path / part,
                                ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(source, path / part)
        (path / "node_modules").symlink_to(ROOT / "node_modules")
        if (ROOT / ".cache").is_dir():  # keyed on content: safe to reuse
            shutil.copytree(ROOT / ".cache", path / ".cache")

    def edit(self, relative, old, new):
        """Replace ``old`` (which must occur) with ``new`` in one file."""
        file = self.path / relative
        text = file.read_text("utf-8")
        assert old in text, f"{old!r} is not in {relative}"
        file.write_text(text.replace(old, new, 1), "utf-8")

    def without_translations(self):
        """Build the original edition alone (for checks that concern one
        edition's build: the others follow the same code): the plugin's
        languages keep their first entry, and the others' folders go."""
        config = self.path / "mkdocs.yml"
        text = config.read_text("utf-8")
        block = re.search(r"^( +)languages:\n((?:\1 .*\n)+)", text, re.M)
        assert block, "mkdocs.yml lists no languages"
        entries = re.split(r"(?m)^(?= +- code:)", block[2])
        config.write_text(text.replace(block[2], entries[1]), "utf-8")
        for entry in entries[2:]:
            code = re.search(r"code: *(\S+)", entry)[1]
            shutil.rmtree(self.path / "docs" / code)

    def build(self, env=None, timeout=300):
        """Run ``mkdocs build`` in the copy; return the finished process
        (a build still running after ``timeout`` seconds fails the test)."""
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict",
             "--site-dir", str(self.path / "site")],
            cwd=self.path, env=env, capture_output=True, text=True,
            timeout=timeout)

    def figures(self):
        """The built figures: file name -> bytes."""
        folder = self.path / "site" / "figures"
        return {p.relative_to(folder).as_posix(): p.read_bytes()
                for p in sorted(folder.rglob("*.svg"))}

    def pages(self):
        """The built HTML pages: file name -> bytes."""
        site = self.path / "site"
        return {p.relative_to(site).as_posix(): p.read_bytes()
                for p in sorted(site.rglob("*.html"))}

    def page(self, name):
        html = (self.path / "site" / name / "index.html").read_text("utf-8")
        return BeautifulSoup(html, "html.parser")


@pytest.fixture
def project_copy(tmp_path):
    return ProjectCopy(tmp_path)


# ---- the site in a real browser --------------------------------------

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu",
                 "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-quic"]


COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml")


class SiteServer:
    """A folder served over HTTP on 127.0.0.1, on a free port; with
    ``compress``, text is sent gzipped to clients that accept it, as a
    real host sends it."""

    def __init__(self, folder, compress=False):
        import functools
        import gzip
        import io
        from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

        class Quiet(SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def send_head(self):
                path = self.translate_path(self.path)
                if os.path.isdir(path):
                    path = os.path.join(path, "index.html")
                if not (compress and path.endswith(COMPRESSED)
                        and os.path.isfile(path) and "gzip" in
                        self.headers.get("Accept-Encoding", "")):
                    return super().send_head()
                if os.path.isdir(self.translate_path(self.path)) and not (
                        self.path.split("?")[0].endswith("/")):
                    return super().send_head()  # the redirect to "dir/"
                with open(path, "rb") as file:
                    body = gzip.compress(file.read(), 6, mtime=0)
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(path))
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                return io.BytesIO(body)

        handler = functools.partial(Quiet, directory=str(folder))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self):
        import threading

        threading.Thread(target=self.server.serve_forever,
                         daemon=True).start()
        return self

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="session")
def served(tmp_path_factory):
    """The site over HTTP, built with its address as site_url (Material's
    instant navigation needs it)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = tmp_path_factory.mktemp("served")
    server = SiteServer(site_dir)
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir),
                      site_url=f"{server.url}/"))
    yield server.start().url
    server.close()


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium from the system, driven by Playwright."""
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail("no Chromium found, and CI needs the browser tests")
        pytest.skip("no Chromium found (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser):
    """A fresh page that records console errors and failed requests."""
    context = browser.new_context()
    page = context.new_page()
    page.problems = []
    page.on("console", lambda message: page.problems.append(
        message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.on("requestfailed", lambda request: page.problems.append(
        f"failed: {request.url} ({request.failure})"))
    yield page
    context.close()
