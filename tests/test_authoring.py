"""The recipe for a new page works, and the publishing setup is sound."""

import os
import subprocess
import sys
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from .conftest import ROOT
from .pages import LANGUAGES, said_by

MODULE = '''"""Code for the page "Cubes" (docs/cubes.md)."""

# --8<-- [start:volume]
EDGE = 1.5  # the edge of the cube


def volume(edge=EDGE):
    """Volume of a cube of the given edge.

    >>> volume(2.0)
    8.0
    """
    return edge ** 3
# --8<-- [end:volume]


def page_values():
    """Every number the page prints, by name."""
    return {"edge": EDGE, "volume": volume()}
'''
PAGE = '''---
values: cubes
---

# Cubes

A cube of edge $e = %%edge%%$ has the volume

$$
V = e \\cdot e \\cdot e = %%volume%%.
$$

``` python
--8<-- "cubes.py:volume"
```
'''
TEST = '''from snippets import cubes


def test_volume_is_edge_cubed():
    """Assert the volume of the page's cube."""
    assert cubes.volume() == cubes.EDGE ** 3
'''


def translated(page, language):
    """``page`` as a translator writes it for ``language``: the words
    (here only the title's), and the digest of the original."""
    from appendix_plugin.translations import digest

    body = page.split("\n---\n", 1)[1]
    return (f'---\ntranslated_from: "{digest(page.encode())}"\n---\n'
            + body.replace("# Cubes", f"# Cubes ({language.name})"))


def test_a_new_page_needs_its_files_and_no_plugin_edit(tiny):
    """Assert page + module + test + one nav line, and the page's words
    in each translated edition, give a checked page in every language,
    with no plugin edit and no second nav."""
    import appendix_plugin

    root = tiny.path
    plugin = {path.name: path.read_bytes() for path in Path(
        appendix_plugin.__file__).parent.glob("*.py")}
    (root / "snippets" / "cubes.py").write_text(MODULE, "utf-8")
    (root / "docs" / "cubes.md").write_text(PAGE, "utf-8")
    (root / "tests").mkdir()
    (root / "tests" / "test_cubes.py").write_text(TEST, "utf-8")
    tiny.edit("mkdocs.yml", "nav:\n", "nav:\n  - Cubes: cubes.md\n")
    for language in LANGUAGES[1:]:
        (root / "docs" / language.folder / "cubes.md").write_text(
            translated(PAGE, language), "utf-8")

    result = tiny.build()
    assert result.returncode == 0, result.stderr
    section = MODULE.split("[start:volume]\n")[1].split("# --8<-- [end")[0]
    for language in LANGUAGES:
        page = tiny.page(f"{language.folder}cubes")
        assert said_by(page.select_one("article")) == [
            "e=1.5", "V=e⋅e⋅e=3.375."]
        assert page.select_one("article .highlight code").get_text() == (
            section)
        assert page.select_one("article h1").get_text().startswith("Cubes")
        assert not page.select(".translation-notice")

    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "--doctest-modules", "snippets/cubes.py",
         "tests/test_cubes.py"], cwd=root, capture_output=True, text=True,
        env=dict(os.environ, PYTHONPATH=str(root)))
    assert "2 passed" in tests.stdout, tests.stdout + tests.stderr
    assert {path.name: path.read_bytes() for path in Path(
        appendix_plugin.__file__).parent.glob("*.py")} == plugin


def test_the_repository_is_linked_without_a_third_party_call(tiny):
    """Assert REPO_URL gives a footer link and edit links, and no badge
    whose script would ask GitHub's API from the reader's browser."""
    env = {"REPO_URL": "https://github.com/example/appendix-e",
           "SITE_URL": "https://example.github.io/appendix-e/"}
    result = tiny.build(env)
    assert result.returncode == 0, result.stderr
    page = tiny.page("")
    assert not page.select(".md-source, [data-md-component=source]")
    assert page.select_one(".md-social a")["href"] == env["REPO_URL"]
    edit = page.select_one("a.md-content__button[href*='/edit/']")
    assert edit["href"] == f"{env['REPO_URL']}/edit/main/docs/index.md"
    assert page.select_one("link[rel=canonical]")["href"] == (
        env["SITE_URL"])
    sitemap = (tiny.path / "site" / "sitemap.xml").read_text()
    assert env["SITE_URL"] + "notebooks/squares/" in sitemap
    for language in LANGUAGES[1:]:  # the translation is what to edit
        folder = language.folder
        page = tiny.page(folder)
        assert page.select_one("a.md-content__button[href*='/edit/']")[
            "href"] == f"{env['REPO_URL']}/edit/main/docs/{folder}index.md"
        assert page.select_one("link[rel=canonical]")["href"] == (
            env["SITE_URL"] + folder)
        notebook = tiny.page(f"{folder}notebooks/squares")
        assert notebook.select_one("a.md-content__button[href*='/edit/']")[
            "href"] == (f"{env['REPO_URL']}/edit/main/docs/{folder}"
                        "notebooks/squares.py")
        assert {a["hreflang"]: a["href"] for a in page.select(
            "a.md-select__link")} == {
                other.code: f"/appendix-e/{other.folder}"
                for other in LANGUAGES}
    not_found = BeautifulSoup(
        (tiny.path / "site" / "404.html").read_text(), "html.parser")
    assert "404" in not_found.select_one("article").get_text()


def test_deploy_workflow_builds_tests_and_publishes():
    """Assert the workflow tests with .ci/run, then builds with the Pages
    address and deploys with GitHub's own Pages actions, caching pip and
    npm."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml")
                              .read_text("utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key "on" as true
    assert triggers["push"] == {"branches": ["main"]}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    steps = {step.get("name", step.get("uses")): step
             for step in build["steps"]}
    assert steps["Install and test (make test)"]["run"] == "bash .ci/run"
    assert steps["Build the site"]["run"] == "make build"
    assert set(steps["Build the site"]["env"]) == {"SITE_URL", "REPO_URL"}
    cached = steps["Cache pip and npm downloads"]["with"]
    assert "~/.cache/pip" in cached["path"] and "~/.npm" in cached["path"]
    uses = [step.get("uses", "") for job in (build, deploy)
            for step in job["steps"]]
    for action in ("actions/configure-pages@",
                   "actions/upload-pages-artifact@", "actions/deploy-pages@"):
        assert any(u.startswith(action) for u in uses), action
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "refs/heads/main" in deploy["if"]
