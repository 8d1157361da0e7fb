"""`mkdocs serve --dirty` (as `make serve` runs it) never loses an edit: a
changed constant reaches the page of every edition, a translation's words
their edition's."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

from bs4 import BeautifulSoup

from .pages import LANGUAGES, said_by


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
    return " ".join(said_by(BeautifulSoup(html, "html.parser")))


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
    constant changes, in every edition, and never the old one again; and
    that a translation's new words reach its page (a dirty build rewrites
    it though the file MkDocs knows, the original, is unchanged)."""
    port = free_port()
    urls = [f"http://127.0.0.1:{port}/{language.folder}"
            for language in LANGUAGES]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr",
         f"127.0.0.1:{port}"], cwd=tiny.path,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        for url in urls:
            first = wait_for(lambda: fetch(url), 180)
            assert first and "s=1.5" in formulas(first), url
        tiny.edit("snippets/squares.py", "SIDE = 1.5", "SIDE = 2.5")
        for url in urls:
            moved = wait_for(lambda: "s=2.5" in formulas(
                fetch(url) or ""), 120)
            assert moved, f"{url} never showed the new side"
            assert "s=1.5" not in formulas(fetch(url))
        tiny.edit(f"docs/{LANGUAGES[1].folder}index.md", "比边长大",
                  "比它的边长大")
        assert wait_for(lambda: "比它的边长大" in (fetch(urls[1]) or ""),
                        120), f"{urls[1]} never showed the new words"
    finally:
        server.terminate()
        _, log = server.communicate(timeout=60)
    assert "ERROR" not in log, log


def test_serve_hears_of_edits_from_the_file_system(tmp_path):
    """Assert the dev server's watches move from polling to the system's
    file events, every watched path with them, and that they stay with
    polling where the system refuses a watch."""
    from mkdocs.livereload import LiveReloadServer
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    from appendix_plugin.reload import ChangesObserver, report_at_once

    def server():
        made = LiveReloadServer(builder=lambda: None, host="127.0.0.1",
                                port=0, root=str(tmp_path))
        for name in ("docs", "theme"):
            (tmp_path / name).mkdir(exist_ok=True)
            made.watch(str(tmp_path / name))
        return made

    def watched(made):
        return sorted(e.watch.path for e in made.observer.emitters)

    class Refusing(Observer):  # as the system refuses: at the start
        def start(self):
            raise OSError("inotify watch limit reached")

    moved, kept = server(), server()
    try:
        paths = watched(moved)
        report_at_once(moved)
        assert type(moved.observer) is ChangesObserver
        assert watched(moved) == paths
        report_at_once(kept, Refusing)
        assert type(kept.observer) is PollingObserver
        assert watched(kept) == paths
    finally:
        for made in (moved, kept):
            made.server_close()


def test_serve_hears_changes_and_not_reads(tmp_path):
    """Assert the observer the dev server is moved to reports a file
    written, and not a file read (a build reads every page: each read
    would start another build)."""
    from watchdog.events import FileSystemEventHandler

    from appendix_plugin.reload import ChangesObserver

    page = tmp_path / "page.md"
    page.write_text("words", "utf-8")
    heard = []
    handler = FileSystemEventHandler()
    handler.on_any_event = lambda event: heard.append(event.event_type)
    observer = ChangesObserver()
    observer.schedule(handler, str(tmp_path), recursive=True)
    observer.start()
    try:
        page.read_text("utf-8")
        page.write_text("new words", "utf-8")
        # the events come in order: the write's once the read's would have
        assert wait_for(lambda: "modified" in heard, 30), heard
    finally:
        observer.stop()
        observer.join()
    assert not {"opened", "closed_no_write"} & set(heard), heard
