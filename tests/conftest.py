"""Shared fixtures: one strict build of the site, and copies to break."""

import os
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

    def build(self):
        """Run ``mkdocs build`` in the copy; return the finished process."""
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict",
             "--site-dir", str(self.path / "site")],
            cwd=self.path, env=env, capture_output=True, text=True,
            timeout=300)

    def figures(self):
        """The built figures: file name -> bytes."""
        folder = self.path / "site" / "figures"
        return {p.relative_to(folder).as_posix(): p.read_bytes()
                for p in sorted(folder.rglob("*.svg"))}

    def page(self, name):
        html = (self.path / "site" / name / "index.html").read_text("utf-8")
        return BeautifulSoup(html, "html.parser")


@pytest.fixture
def project_copy(tmp_path):
    return ProjectCopy(tmp_path)
