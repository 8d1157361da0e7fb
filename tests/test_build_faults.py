"""Build copies of the project with one change each.

A changed constant must move the page; every authoring fault must stop the
build with a message that names the file and the item at fault.
"""

import re

PAGE = "docs/calculus-basics.md"
MODULE = "snippets/calculus_basics.py"


def failure(copy):
    """Build ``copy``, which must fail; return what the build printed."""
    result = copy.build()
    assert result.returncode != 0, result.stderr
    return result.stderr


def line_of(copy, relative, text):
    lines = (copy.path / relative).read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if text in line)


def test_changed_constant_moves_the_page(project_copy):
    """Assert moving the optimum 0.8 -> 0.7 reprints J'(0.2) as 1."""
    project_copy.edit(MODULE, "THETA_STAR = 0.8", "THETA_STAR = 0.7")
    result = project_copy.build()
    assert result.returncode == 0, result.stderr
    formulas = [re.sub(r"\s+", "", a.get_text()) for a in
                project_copy.page("calculus-basics").select("annotation")]
    assert "J'(0.2)=1." in formulas
    assert "J'(0.2)=1.2." not in formulas
    assert r"J(\theta)=-(\theta-0.7)^2+1." in formulas


def test_unknown_value_name_stops_the_build(project_copy):
    """Assert an unknown marker is reported with page, line and name."""
    project_copy.edit(PAGE, "%%dJ_start%%.", "%%dJ_strat%%.")
    line = line_of(project_copy, PAGE, "%%dJ_strat%%")
    assert f"{PAGE}:{line}: unknown value name 'dJ_strat'" in failure(
        project_copy)


def test_typed_result_stops_the_build(project_copy):
    """Assert a computed result typed into Markdown is refused."""
    project_copy.edit(PAGE, "= %%step_2%%.", "= 0.416.")
    line = line_of(project_copy, PAGE, "= 0.416.")
    assert f"{PAGE}:{line}: the number 0.416 is typed into the page" in (
        failure(project_copy))


def test_missing_snippet_section_stops_the_build(project_copy):
    """Assert an include of a missing section names page, file, section."""
    project_copy.edit(PAGE, "calculus_basics.py:ascent",
                      "calculus_basics.py:ascend")
    line = line_of(project_copy, PAGE, "calculus_basics.py:ascend")
    assert (f"{PAGE}:{line}: include 'calculus_basics.py:ascend': no section"
            " 'ascend' in snippets/calculus_basics.py") in failure(
                project_copy)


def test_missing_snippet_file_stops_the_build(project_copy):
    """Assert an include of a missing file names page and file."""
    project_copy.edit(PAGE, "calculus_basics.py:table", "calculus.py:table")
    assert "no file snippets/calculus.py" in failure(project_copy)


def test_bad_tex_stops_the_build(project_copy):
    """Assert KaTeX's error on bad TeX names the page, the line and the
    formula."""
    project_copy.edit(PAGE, r"\frac{dL}{dy} \cdot", r"\frac{dL}{dy} \cdott")
    line = line_of(project_copy, PAGE, r"\cdott")
    stderr = failure(project_copy)
    formula = r"\frac{dL}{d\theta} = \frac{dL}{dy} \cdott \frac{dy}{d\theta}."
    assert (f"{PAGE}:{line - 1}: KaTeX cannot typeset the formula "
            f"`{formula}`") in stderr
    assert "KaTeX parse error" in stderr


def test_bad_tex_is_quoted_as_the_author_wrote_it(project_copy):
    """Assert a formula KaTeX refuses is quoted with its markers, as it
    stands in the page, beside what it printed."""
    project_copy.edit(PAGE, "-(\\theta - %%theta_star%%)^2 + %%J_max%%.",
                      "-(\\theta - %%theta_star%%)^2 + \\Jmax.")
    stderr = failure(project_copy)
    line = line_of(project_copy, PAGE, "\\Jmax")
    assert (f"{PAGE}:{line - 1}: KaTeX cannot typeset the formula "
            "`J(\\theta) = -(\\theta - %%theta_star%%)^2 + \\Jmax.` "
            "(printed `J(\\theta) = -(\\theta - 0.8)^2 + \\Jmax.`)") in stderr


def test_an_unclosed_brace_is_reported_as_tex(project_copy):
    """Assert an unclosed brace is named as TeX, with its line, not as a
    number typed into the page."""
    project_copy.edit(PAGE, "-(\\theta - %%theta_star%%)^2",
                      "-(\\theta - %%theta_star%%)^{2")
    line = line_of(project_copy, PAGE, "^{2")
    stderr = failure(project_copy)
    assert f"{PAGE}:{line - 1}: the formula" in stderr
    assert "opens a brace '{' that it does not close" in stderr
    assert "typed" not in stderr


def test_prose_claim_that_no_longer_holds_stops_the_build(project_copy):
    """Assert a claim of the prose is checked against the computed values,
    and that the failure names the page's line that prints them and the
    claim's line in its module."""
    project_copy.edit(MODULE, "np.array([1.0, 2.0])", "np.array([2.0, 1.0])")
    stderr = failure(project_copy)
    assert "both grow, theta_2 faster" in stderr
    line = line_of(project_copy, PAGE, "%%grad_origin_1%%")
    claimed = line_of(project_copy, MODULE, "both grow, theta_2 faster")
    assert re.search(rf"{PAGE}:{line}: the page says \"both grow, theta_2 "
                     rf"faster\".*\(the claim is {MODULE}:{claimed}",
                     stderr), stderr


def test_broken_link_stops_the_build(project_copy):
    """Assert strict validation refuses a link to a missing page."""
    project_copy.edit("docs/index.md", "(calculus-basics.md)",
                      "(calculus-basic.md)")
    stderr = failure(project_copy)
    assert "index.md" in stderr and "calculus-basic.md" in stderr


FIGURES_MODULE = "snippets/calculus_basics_figures.py"


def test_raising_figure_stops_the_build(project_copy):
    """Assert a figure function that raises is named in the failure."""
    project_copy.edit(FIGURES_MODULE, "    ax.set_axis_off()\n",
                      "    ax.set_axis_off()\n"
                      "    raise RuntimeError('boom')\n")
    assert (f"{FIGURES_MODULE}: figure 'chain-graph' (draw_chain_graph, "
            "light) raised RuntimeError: boom") in failure(project_copy)


def test_unknown_figure_stops_the_build(project_copy):
    """Assert a figure marker naming no figure is reported with its line."""
    project_copy.edit(PAGE, "%%figure:ascent%%", "%%figure:ascend%%")
    line = line_of(project_copy, PAGE, "%%figure:ascend%%")
    assert (f"{PAGE}:{line}: %%figure:ascend%%: {FIGURES_MODULE} has no "
            "figure 'ascend'") in failure(project_copy)


def test_typed_number_in_a_caption_stops_the_build(project_copy):
    """Assert captions are linted too, naming the module and the figure."""
    project_copy.edit(FIGURES_MODULE, "$\\\\alpha = %%alpha%%$: $\\\\theta_1",
                      "$\\\\alpha = 0.1$: $\\\\theta_1")
    assert (f"{FIGURES_MODULE}: figure 'ascent': the number 0.1 is typed "
            "into its caption") in failure(project_copy)


NOTEBOOK = "docs/notebooks/calculus-basics.py"


def test_raising_notebook_cell_stops_the_build(project_copy):
    """Assert a notebook cell that raises is reported with the notebook."""
    project_copy.edit(NOTEBOOK, "gap = abs(numeric - grad).max()\n",
                      "gap = abs(numeric - grad).max()\n"
                      "raise ValueError('cell failed on purpose')\n")
    stderr = failure(project_copy)
    import jupytext

    cells = jupytext.read(project_copy.path / NOTEBOOK).cells
    number = next(n for n, cell in enumerate(cells, start=1)
                  if "on purpose" in cell.source)
    assert f"{NOTEBOOK}: cell {number} raised" in stderr
    assert "ValueError: cell failed on purpose" in stderr


def test_typed_number_in_a_notebook_stops_the_build(project_copy):
    """Assert the notebook's Markdown cells are linted like pages."""
    project_copy.edit(NOTEBOOK, "# Each step moves $\\theta$",
                      "# Each step of 0.12 moves $\\theta$")
    assert "the number 0.12 is typed into the notebook" in failure(
        project_copy)


def test_unknown_values_module_stops_the_build(project_copy):
    """Assert front matter naming a missing module is reported."""
    project_copy.edit(PAGE, "values: calculus_basics", "values: calculus")
    assert "no page module snippets/calculus.py" in failure(project_copy)


def test_number_typed_next_to_chinese_text_stops_the_build(project_copy):
    """Assert the lint sees a number between CJK characters."""
    project_copy.edit(PAGE, "Begin at $\\theta",
                      "学习率为0.1。Begin at $\\theta")
    line = line_of(project_copy, PAGE, "学习率为0.1")
    assert f"{PAGE}:{line}: the number 0.1 is typed into the page" in (
        failure(project_copy))


def test_a_pages_allowed_number_does_not_loosen_another(project_copy):
    """Assert a literal E.3.1 allows (2h) is still refused on the home
    page, which does not list it."""
    project_copy.edit("docs/index.md", "gathers the mathematical tools",
                      "gathers (width $2h$) the mathematical tools")
    line = line_of(project_copy, "docs/index.md", "width $2h$")
    assert f"docs/index.md:{line}: the number 2 is typed" in failure(
        project_copy)


def test_unknown_value_of_another_module_stops_the_build(project_copy):
    """Assert %%module.name%% naming a missing module is reported."""
    project_copy.edit(PAGE, "%%dJ_start%%.", "%%two_states.gamma%%.")
    line = line_of(project_copy, PAGE, "%%two_states.gamma%%")
    assert (f"{PAGE}:{line}: no page module snippets/two_states.py") in (
        failure(project_copy))


def test_unknown_asset_stops_the_build(project_copy):
    """Assert a page asking for a script the site lacks is reported."""
    project_copy.edit(PAGE, "javascripts/explorer.js",
                      "javascripts/explorers.js")
    assert (f"{PAGE}: asset 'javascripts/explorers.js' is not a file of "
            "the site") in failure(project_copy)


def test_bad_tex_build_exits_promptly_under_load(project_copy):
    """Assert a build with one bad formula exits, non-zero, within a
    bound, every time, while both cores are busy: the KaTeX engine,
    started for the bad formula alone, is closed on the error path."""
    import subprocess
    import sys
    import time

    assert project_copy.build().returncode == 0  # formula cache warm
    project_copy.edit(PAGE, r"\frac{dL}{dy} \cdot", r"\frac{dL}{dy} \cdott")
    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"])
            for _ in range(2)]
    try:
        for _ in range(3):
            started = time.monotonic()
            result = project_copy.build(timeout=120)
            assert result.returncode != 0
            assert "KaTeX cannot typeset" in result.stderr
            assert time.monotonic() - started < 60
    finally:
        for process in busy:
            process.kill()
            process.wait()
