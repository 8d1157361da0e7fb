"""Shared fixtures: one strict build of the site, and copies to break."""

import contextlib
import functools
import io
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
# a property holds or not however long an example takes: no deadline,
# which a busy machine (the other worker's build) would overrun
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")
# the small project's files (TinyProject) are built, not collected
collect_ignore = ["tiny"]
# what a copy of the project needs in order to build
PROJECT_PARTS = ("docs", "snippets", "mkdocs.yml", "package.json")


@functools.lru_cache(maxsize=None)
def parsed(path):
    """The built page at ``path``, parsed once for the whole suite (tests
    read it; none may change it)."""
    return BeautifulSoup(Path(path).read_text("utf-8"), "html.parser")


@pytest.fixture(scope="session")
def page(site):
    """The built E.3.1 page, parsed."""
    html = (site / "calculus-basics" / "index.html").read_text("utf-8")
    return BeautifulSoup(html, "html.parser")


def copy_cache(source, target):
    """A copy of a cache folder that another worker's build may be writing
    (entries are renamed into place, so each is whole or absent): an entry
    that went meanwhile, or a file still being written, is only a miss."""
    try:
        shutil.copytree(source, target,
                        ignore=shutil.ignore_patterns(".tmp-*"))
    except shutil.Error:
        pass


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
            copy_cache(ROOT / ".cache", path / ".cache")

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

    def build_in_a_process(self, env=None, timeout=300):
        """Run ``mkdocs build`` in the copy; return the finished process
        (a build still running after ``timeout`` seconds fails the test)."""
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict",
             "--site-dir", str(self.path / "site")],
            cwd=self.path, env=env, capture_output=True, text=True,
            timeout=timeout)

    build = build_in_a_process

    def figures(self):
        """The built figures: file name -> bytes."""
        folder = self.path / "site" / "figures"
        return {p.relative_to(folder).as_posix(): p.read_bytes()
                for p in sorted(folder.rglob("*.svg"))}

    def pages(self):
        """The built HTML pages: file name -> bytes."""
        return site_files(self.path / "site", "*.html")

    def page(self, name):
        html = (self.path / "site" / name / "index.html").read_text("utf-8")
        return BeautifulSoup(html, "html.parser")


@pytest.fixture
def project_copy(tmp_path):
    return ProjectCopy(tmp_path)


# ---- a small project, built in this process ----------------------------

TINY = ROOT / "tests" / "tiny"
# what the small project takes from the site besides its config: the
# modules its page modules import, and the site's scripts and styles
SITE_MODULES = ("__init__.py", "figures.py", "values.py", "words.py")
SITE_ASSETS = ("javascripts", "stylesheets")
NAV = re.compile(r"^nav:\n(?:[ #].*\n)+", re.M)


class Built:
    """What a build in this process ended with: ``returncode`` 0 or 1,
    and ``stderr``, every line it logged (an edition's too) and the
    error it stopped on, as ``mkdocs build`` prints them."""

    def __init__(self, returncode, stderr):
        self.returncode, self.stderr = returncode, stderr


class TinyProject(ProjectCopy):
    """The project of ``tests/tiny``: the site's ``mkdocs.yml`` with that
    folder's nav, the site's assets and support modules, and that folder's
    pages (in every language) and page modules. Built in this process, it
    takes about a second and a half: faults, parity and caches are
    tested on it."""

    def __init__(self, path, cache=None):
        self.path = path
        shutil.copytree(TINY / "docs", path / "docs")
        for folder in SITE_ASSETS:
            shutil.copytree(ROOT / "docs" / folder, path / "docs" / folder)
        shutil.copytree(TINY / "snippets", path / "snippets")
        for name in SITE_MODULES:
            shutil.copy2(ROOT / "snippets" / name, path / "snippets" / name)
        nav = NAV.search((TINY / "mkdocs.yml").read_text("utf-8"))[0]
        config = (ROOT / "mkdocs.yml").read_text("utf-8")
        assert NAV.search(config), "mkdocs.yml has no nav"
        (path / "mkdocs.yml").write_text(NAV.sub(nav, config, count=1),
                                         "utf-8")
        shutil.copy2(ROOT / "package.json", path / "package.json")
        (path / "node_modules").symlink_to(ROOT / "node_modules")
        if cache is not None:
            copy_cache(cache, path / ".cache")

    def build(self, env=None, dirty=False):
        """Build the project in this process, as ``mkdocs build`` would
        (``--dirty`` with ``dirty``); leave this process's modules,
        loggers and environment as they were."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        printed = io.StringIO()
        handler = logging.StreamHandler(printed)
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        logger = logging.getLogger("mkdocs")
        level = logger.level
        logger.setLevel(logging.INFO)
        logger.addHandler(handler)
        returncode = 0
        # a width (COLUMNS) would make MkDocs wrap an edition's lines
        env = {"COLUMNS": None, **(env or {})}
        with environment(env), snippets_kept(), \
                _stderr_of_children() as children:
            try:
                config = load_config(str(self.path / "mkdocs.yml"),
                                     site_dir=str(self.path / "site"))
                config.plugins.on_startup(command="build", dirty=dirty)
                try:
                    build(config, dirty=dirty)
                finally:
                    config.plugins.on_shutdown()
            except Exception as error:  # as the command line prints it
                printed.write(f"{type(error).__name__}: {error}\n")
                returncode = 1
            finally:
                logger.removeHandler(handler)
                logger.setLevel(level)
        return Built(returncode, printed.getvalue() + "".join(children))


@contextlib.contextmanager
def environment(env):
    """``os.environ`` with ``env`` laid over it (None: a name removed)."""
    saved = {name: os.environ.get(name) for name in env}
    for name, value in env.items():
        if value is None:  # also what only C set (readline sets COLUMNS)
            os.environ.pop(name, None)
            os.unsetenv(name)
        else:
            os.environ[name] = value
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextlib.contextmanager
def cores_kept_busy(count):
    """``count`` processes spinning at the lowest priority for the block:
    they take whatever CPU time the code under test and the suite's
    other worker leave, so no core rests, and the suite loses no time."""
    spinners = [subprocess.Popen([sys.executable, "-c",
                                  "import os\nos.nice(19)\nwhile True: pass"])
                for _ in range(count)]
    try:
        yield
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()


@contextlib.contextmanager
def snippets_kept():
    """The ``snippets`` modules of this checkout, as they were, after a
    build of another project has imported its own."""
    def ours():
        return {name: module for name, module in sys.modules.items()
                if name == "snippets" or name.startswith("snippets.")}

    saved = ours()
    try:
        yield
    finally:
        for name in ours():
            del sys.modules[name]
        sys.modules.update(saved)


@contextlib.contextmanager
def _stderr_of_children():
    """What processes started meanwhile (an edition's build) write: a
    list that holds it once the block ends. They write to a file, not a
    terminal, so MkDocs does not wrap their lines."""
    sys.stdout.flush()
    sys.stderr.flush()
    written = []
    with tempfile.TemporaryFile("w+", encoding="utf-8") as file:
        saved = {fd: os.dup(fd) for fd in (1, 2)}
        for fd in saved:
            os.dup2(file.fileno(), fd)
        try:
            yield written
        finally:
            for fd, copy in saved.items():
                os.dup2(copy, fd)
                os.close(copy)
            file.seek(0)
            written.append(file.read())


@pytest.fixture(scope="session")
def tiny_cache(tmp_path_factory):
    """The small project's caches, made by one build for every worker of
    the suite, so that each test's copy draws and runs nothing it did not
    change."""
    folder = shared_folder(tmp_path_factory) / "tiny"
    with one_worker_at_a_time(tmp_path_factory, "tiny"):
        if not (folder / "built").is_file():  # by no worker yet, or failed
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            result = TinyProject(folder).build()
            assert result.returncode == 0, result.stderr
            (folder / "built").touch()
    return folder / ".cache"


def shared_folder(tmp_path_factory):
    """A folder every worker of this run of the suite shares (with
    pytest-xdist, each worker's own is in it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def one_worker_at_a_time(tmp_path_factory, name):
    """The block, run by one worker of the suite at a time: the site's
    second build then finds the first one's caches warm."""
    import fcntl

    with open(shared_folder(tmp_path_factory) / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture
def tiny(tmp_path, tiny_cache):
    """A fresh copy of the small project, its caches warm."""
    return TinyProject(tmp_path, tiny_cache)


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


# dates in the site (the sitemap's) come from here, for every build the
# suite compares with the site
EPOCH = os.environ.get("SOURCE_DATE_EPOCH") or "1700000000"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The site built strictly from this checkout through MkDocs' API,
    once for the whole suite: its folder, and the address it is served at
    over HTTP, which is its site_url (Material's instant navigation needs
    it)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = tmp_path_factory.mktemp("site")
    server = SiteServer(site_dir)
    with one_worker_at_a_time(tmp_path_factory, "site"), \
            environment({"SOURCE_DATE_EPOCH": EPOCH}):
        build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir),
                          site_url=f"{server.url}/"))
    yield site_dir, server.start().url
    server.close()


@pytest.fixture(scope="session")
def site(built_site):
    """The built site's folder."""
    return built_site[0]


@pytest.fixture(scope="session")
def served(built_site):
    """The built site's address."""
    return built_site[1]


def site_files(folder, pattern="*"):
    """The files of a built site (``pattern``: which): path -> bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob(pattern)) if p.is_file()}


def same_site_as_built(served):
    """What a build in another process needs in order to make the site
    the suite built (tests compare theirs with it byte for byte)."""
    return {"SITE_URL": f"{served}/", "SOURCE_DATE_EPOCH": EPOCH}


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


def recording_tab(browser, **options):
    """A page in a new browser context that records console errors and
    failed requests in its ``problems``."""
    page = browser.new_context(**options).new_page()
    page.problems = []
    page.on("console", lambda message: page.problems.append(
        message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.on("requestfailed", lambda request: page.problems.append(
        f"failed: {request.url} ({request.failure})"))
    return page


@pytest.fixture
def tab(browser):
    """A fresh page that records console errors and failed requests."""
    page = recording_tab(browser)
    yield page
    page.context.close()
