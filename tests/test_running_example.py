"""The running example is defined once: change it, and every page and
notebook that uses it prints the moved numbers, and no other page moves."""

import json
import os
import subprocess
import sys

from .conftest import same_site_as_built, site_files
from .pages import SITE_PAGES

EDIT = ("[2.0, 1.0]])   # right cell", "[2.5, 1.0]])   # right cell")


def uses_the_example(root, site_page):
    """Whether a page's code imports snippets.two_state, directly or
    through other modules, or its prose names the example's values."""
    text = (root / "docs" / site_page.src_uri).read_text("utf-8")
    return "%%two_state." in text or "two_state" in site_page.code(root)


def texts_in(root):
    """The running example's values as pages print them, in ``root``."""
    script = ("import json; from snippets import two_state; "
              "from snippets.values import texts; "
              "print(json.dumps(texts(two_state.page_values())))")
    out = subprocess.run([sys.executable, "-c", script], cwd=root,
                         capture_output=True, text=True, check=True,
                         env=dict(os.environ, PYTHONPATH=str(root)))
    return json.loads(out.stdout)


def test_a_changed_reward_moves_every_page_that_uses_it(project_copy, site,
                                                        served):
    """Assert a reward of the running example, changed in its module
    alone, moves every page and notebook page that uses the example (the
    notebooks run again), prints the new values, and moves no other."""
    root = project_copy.path
    before = site_files(site, "*.html")
    project_copy.edit("snippets/two_state.py", *EDIT)
    result = project_copy.build(same_site_as_built(served))
    assert result.returncode == 0, result.stderr
    after = project_copy.pages()
    users = [p for p in SITE_PAGES if uses_the_example(root, p)]
    assert {p.src_uri for p in users} >= {"index.md"}
    for site_page in SITE_PAGES:
        moved = before[site_page.html_path] != after[site_page.html_path]
        assert moved == (site_page in users), site_page
    texts = texts_in(root)
    assert texts["r_right_left"] == "2.5"
    home = project_copy.page("").get_text()
    for name in ("r_right_left", "V_left", "V_right", "J_theta"):
        assert texts[name] in home, name

