"""Build the small project (tests/tiny) with one change each.

A changed constant must move the page; every authoring fault must stop the
build with a message that names the file, the line and the item at fault.
The faults are the site's, on a page small enough to build in a second:
every page of the site goes through the same code.
"""

import re

import pytest
from appendix_plugin import languages

from .conftest import cores_kept_busy
from .pages import LANGUAGES, said_by

PAGE = "docs/index.md"
MODULE = "snippets/squares.py"
FIGURES_MODULE = "snippets/squares_figures.py"
NOTEBOOK = "docs/notebooks/squares.py"
# the word table of the first translation
WORD_TABLE = f"docs/{LANGUAGES[1].folder}{languages.WORD_TABLE}"


def failure(project):
    """Build ``project``, which must fail; return what the build printed."""
    result = project.build()
    assert result.returncode != 0, result.stderr
    return result.stderr


def line_of(project, relative, text):
    lines = (project.path / relative).read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if text in line)


def alone(tiny):
    """The small project in its original language only (these faults
    concern one edition's build; the others run the same code)."""
    tiny.without_translations()
    return tiny


def test_changed_constant_moves_the_page(tiny):
    """Assert a side moved 1.5 -> 2.5 reprints the area as 6.25."""
    alone(tiny).edit(MODULE, "SIDE = 1.5", "SIDE = 2.5")
    result = tiny.build()
    assert result.returncode == 0, result.stderr
    formulas = said_by(tiny.page(""))
    assert "A=s⋅s=6.25." in formulas
    assert "A=s⋅s=2.25." not in formulas


# faults an author types, each with what the build must say of it at the
# line where it stands: (file, text, what is typed instead, message)
FAULTS_AT_A_LINE = {
    "an unknown value name": (
        PAGE, "%%side%%$ has", "%%sied%%$ has", "unknown value name 'sied'"),
    "a computed result typed": (
        PAGE, "= %%area%%.", "= 2.25.",
        "the number 2.25 is typed into the page"),
    "an include of a missing section": (
        PAGE, "squares.py:area", "squares.py:aera",
        f"include 'squares.py:aera': no section 'aera' in {MODULE}"),
    "an unknown figure": (
        PAGE, "%%figure:square%%", "%%figure:sqare%%",
        f"%%figure:sqare%%: {FIGURES_MODULE} has no figure 'sqare'"),
    "a number between CJK characters": (
        PAGE, "The [notebook]", "学习率为0.1。The [notebook]",
        "the number 0.1 is typed into the page"),
    # the page allows 4s; the notebook does not
    "a literal another page allows": (
        NOTEBOOK, "so does this cell.", "so does this cell, and $4s$.",
        "the number 4 is typed"),
    "a value of a missing module": (
        PAGE, "= %%area%%.", "= %%two_states.gamma%%.",
        "no page module snippets/two_states.py"),
}


@pytest.mark.parametrize("fault", FAULTS_AT_A_LINE)
def test_a_fault_is_named_at_its_file_and_line(tiny, fault):
    """Assert each fault stops the build with the file, the line and what
    is wrong there."""
    relative, old, new, message = FAULTS_AT_A_LINE[fault]
    alone(tiny).edit(relative, old, new)
    line = line_of(tiny, relative, new)
    assert f"{relative}:{line}: {message}" in failure(tiny)


# faults named by their file and item, with no line to point at (a
# figure's code, a caption, front matter, a notebook's cell): (file,
# text, what is typed instead, what the build must say)
FAULTS_IN_A_FILE = {
    "an include of a missing file": (
        PAGE, "squares.py:area", "square.py:area",
        "no file snippets/square.py"),
    "a figure that raises": (
        FIGURES_MODULE, "    side = squares.SIDE\n",
        "    side = squares.SIDE\n    raise RuntimeError('boom')\n",
        f"{FIGURES_MODULE}: figure 'square' (draw_square, light) raised "
        "RuntimeError: boom"),
    "a number typed into a caption": (
        FIGURES_MODULE, "side $s = %%side%%$", "side $s = 1.5$",
        f"{FIGURES_MODULE}: figure 'square': the number 1.5 is typed into "
        "its caption"),
    "a number typed into a notebook's Markdown": (
        NOTEBOOK, "# The [page]", "# At 0.12, the [page]",
        "the number 0.12 is typed into the notebook"),
    "a missing values module": (
        PAGE, "values: squares", "values: square",
        "no page module snippets/square.py"),
    "a stylesheet the site lacks": (
        PAGE, "stylesheets/explorer.css", "stylesheets/explorers.css",
        f"{PAGE}: asset 'stylesheets/explorers.css' is not a file of the "
        "site"),
}


@pytest.mark.parametrize("fault", FAULTS_IN_A_FILE)
def test_a_fault_is_named_with_its_file(tiny, fault):
    """Assert each fault stops the build naming the file and the item."""
    relative, old, new, message = FAULTS_IN_A_FILE[fault]
    alone(tiny).edit(relative, old, new)
    assert message in failure(tiny)


def test_a_label_a_translation_lacks_stops_the_build(tiny):
    """Assert a label a notebook prints, which the translation's word
    table does not have, stops the build naming the table and label."""
    tiny.edit(NOTEBOOK, 'print("area:",', 'say = str\nprint(say("area"),')
    assert (f"{WORD_TABLE}: notebooks: squares: no words for 'area'"
            in failure(tiny))


def test_a_label_no_notebook_prints_stops_the_build(tiny):
    """Assert a word table's label that its notebook does not print (an
    edit of the original left behind) stops the build."""
    tiny.edit(WORD_TABLE, "build:\n",
              "notebooks:\n  squares:\n    side: side\nbuild:\n")
    assert f"{WORD_TABLE}: notebooks: squares: 'side': " in failure(tiny)


def test_bad_tex_stops_the_build(tiny):
    """Assert KaTeX's error on bad TeX names the page, the line and the
    formula."""
    alone(tiny).edit(PAGE, r"s \cdot s", r"s \cdott s")
    line = line_of(tiny, PAGE, r"\cdott")
    stderr = failure(tiny)
    assert (f"{PAGE}:{line - 1}: KaTeX cannot typeset the formula "
            r"`A = s \cdott s = %%area%%.`") in stderr
    assert "KaTeX parse error" in stderr


def test_bad_tex_is_quoted_as_the_author_wrote_it(tiny):
    """Assert a formula KaTeX refuses is quoted with its markers, as it
    stands in the page, beside what it printed."""
    alone(tiny).edit(PAGE, r"A = s \cdot s", r"A = \side \cdot s")
    line = line_of(tiny, PAGE, r"\side")
    assert (f"{PAGE}:{line - 1}: KaTeX cannot typeset the formula "
            r"`A = \side \cdot s = %%area%%.` "
            r"(printed `A = \side \cdot s = 2.25.`)") in failure(tiny)


def test_an_unclosed_brace_is_reported_as_tex(tiny):
    """Assert an unclosed brace is named as TeX, with its line, not as a
    number typed into the page."""
    alone(tiny).edit(PAGE, r"A = s \cdot s", r"A = {s \cdot s")
    line = line_of(tiny, PAGE, r"A = {s")
    stderr = failure(tiny)
    assert f"{PAGE}:{line - 1}: the formula" in stderr
    assert "opens a brace '{' that it does not close" in stderr
    assert "typed" not in stderr


def test_prose_claim_that_no_longer_holds_stops_the_build(tiny):
    """Assert a claim of the prose is checked against the computed values,
    and that the failure names the page's line that prints them and the
    claim's line in its module."""
    alone(tiny).edit(MODULE, "SIDE = 1.5", "SIDE = 0.5")
    stderr = failure(tiny)
    line = line_of(tiny, PAGE, "%%area%%")
    claimed = line_of(tiny, MODULE, "the area exceeds the side")
    assert re.search(rf"{PAGE}:{line}: the page says \"the area exceeds "
                     rf"the side\".*\(the claim is {MODULE}:{claimed}",
                     stderr), stderr


def test_broken_link_stops_the_build(tiny):
    """Assert strict validation refuses a link to a missing page."""
    alone(tiny).edit(PAGE, "(notebooks/squares.py)", "(notebooks/sqares.py)")
    stderr = failure(tiny)
    assert "index.md" in stderr and "notebooks/sqares.py" in stderr


def test_raising_notebook_cell_stops_the_build(tiny):
    """Assert a notebook cell that raises is reported with the notebook
    and the cell's number."""
    alone(tiny).edit(NOTEBOOK, "print(", "raise ValueError("
                     "'cell failed on purpose')\nprint(")
    stderr = failure(tiny)
    assert f"{NOTEBOOK}: cell 2 raised" in stderr
    assert "ValueError: cell failed on purpose" in stderr


def test_bad_tex_build_exits_promptly_under_load(tiny):
    """Assert ``mkdocs build`` with one bad formula exits, non-zero,
    within a bound, every time, while both cores are busy (two spinners
    at the lowest priority take whatever CPU time the build and the
    suite's other worker leave): the KaTeX engine, started for the bad
    formula alone, is closed on the error path."""
    import time

    alone(tiny).edit(PAGE, r"s \cdot s", r"s \cdott s")
    with cores_kept_busy(2):
        for _ in range(3):
            started = time.monotonic()
            result = tiny.build_in_a_process(timeout=120)
            assert result.returncode != 0
            assert "KaTeX cannot typeset" in result.stderr
            assert time.monotonic() - started < 60
