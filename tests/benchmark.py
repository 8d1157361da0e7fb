"""Benchmark this site against the setup most MkDocs users would pick.

    make bench            (or: python -m tests.benchmark --runs 5)

Three variants are built from copies of this checkout:

- ours: this project as it is;
- baseline: the same pages with Material's documented KaTeX setup, math
  typeset in the browser by KaTeX's auto-render (on ``document$``), with
  KaTeX's files served by the site from the same npm install, and scripts
  run as the theme writes them (ours are deferred);
- plain: the same pages with no figures, no notebook and no math rendering
  (values are still filled in), to show what our build steps cost.

It prints medians of several runs with their min and max, and ratios. It is
not part of the test suite: timings belong side by side, not in asserts.
"""

import argparse
import datetime
import gzip
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.conftest import CHROMIUM_ARGS, ROOT, ProjectCopy, SiteServer

PAGE = "calculus-basics/"
KATEX = ROOT / "node_modules" / "katex" / "dist"
# Material's documented KaTeX integration, with files served locally
BASELINE_INIT = """document$.subscribe(({ body }) => {
  renderMathInElement(body, {
    delimiters: [
      { left: "$$",  right: "$$",  display: true },
      { left: "$",   right: "$",   display: false },
      { left: "\\\\(", right: "\\\\)", display: false },
      { left: "\\\\[", right: "\\\\]", display: true }
    ],
  })
})
"""

# Records when the number of typeset formulas first reaches each new high
# (as the parser inserts them, server-side math, or a script renders them),
# and how many formulas are in the page as raw TeX at each change. A
# typeset formula is one <math>: ours is MathML, KaTeX's HTML holds one.
MATH_CLOCK = """
(() => {
  window.mathSeen = [];
  window.rawSeen = [];
  let most = 0;
  new MutationObserver(() => {
    const count = document.querySelectorAll("math").length;
    const raw = [...document.querySelectorAll(".arithmatex")].filter(
      (math) => /^\\s*\\\\[([]/.test(math.textContent)).length;
    window.rawSeen.push([performance.now(), raw]);
    if (count > most) {
      most = count;
      window.mathSeen.push([performance.now(), count]);
    }
  }).observe(document, {childList: true, subtree: true});
})();
"""
# Largest contentful paint and long tasks, as the page records them
PAINT_CLOCK = """
(() => {
  window.lcp = 0;
  window.longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.lcp = entry.startTime;
  }).observe({type: "largest-contentful-paint", buffered: true});
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      window.longTasks.push([entry.startTime, entry.duration]);
    }
  }).observe({type: "longtask", buffered: true});
})();
"""
# A phone on a slow 4G network (Lighthouse's mobile settings): 4x CPU
# slowdown, 150 ms round trips, 1.6 Mbit/s down, 750 kbit/s up
MOBILE = {"viewport": {"width": 390, "height": 844},
          "device_scale_factor": 3, "is_mobile": True, "has_touch": True}
SLOW_4G = {"offline": False, "latency": 150,
           "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
ALL_MATH_TYPESET = """() => document.readyState === "complete" &&
  [...document.querySelectorAll(".arithmatex")].every(
    (math) => math.querySelector("math"))"""

# the usual setup runs its scripts as the theme writes them (this
# project's plugin defers them)
BASELINE_HOOK = """from mkdocs.plugins import event_priority


@event_priority(-100)  # after the appendix plugin
def on_post_page(output, page, config):
    return output.replace("<script defer src=", "<script src=")
"""


def edit(path, old, new):
    text = path.read_text("utf-8")
    if old not in text:
        raise SystemExit(f"benchmark: {path.name} no longer holds {old!r}")
    path.write_text(text.replace(old, new, 1), "utf-8")


def make_variant(kind, folder):
    """A copy of the project in ``folder``, changed into ``kind``; each
    is the English edition alone, so that like is timed against like."""
    ProjectCopy(folder).without_translations()
    shutil.rmtree(folder / ".cache", ignore_errors=True)
    config = folder / "mkdocs.yml"
    if kind == "ours":
        return folder
    # formulas stay arithmatex's markup, for a script to typeset
    edit(config, "  - appendix:\n", "  - appendix:\n      math: false\n")
    if kind == "baseline":
        assets = folder / "docs" / "katex"
        shutil.copytree(KATEX / "fonts", assets / "fonts")
        for name in ("katex.min.js", "katex.min.css",
                     "contrib/auto-render.min.js"):
            shutil.copy2(KATEX / name, assets / Path(name).name)
        (folder / "docs" / "javascripts" / "katex.js").write_text(
            BASELINE_INIT, "utf-8")
        edit(config, "extra_javascript:\n", "extra_javascript:\n"
             "  - javascripts/katex.js\n  - katex/katex.min.js\n"
             "  - katex/auto-render.min.js\n")
        edit(config, "extra_css:\n", "extra_css:\n  - katex/katex.min.css\n")
        (folder / "usual_scripts.py").write_text(BASELINE_HOOK, "utf-8")
        edit(config, "extra_css:\n", "hooks:\n  - usual_scripts.py\n"
             "extra_css:\n")
    elif kind == "plain":
        page = folder / "docs" / "calculus-basics.md"
        text = re.sub(r"^%%figure:.*\n", "", page.read_text("utf-8"),
                      flags=re.M)
        page.write_text(text.replace("figures: calculus_basics_figures\n",
                                     ""), "utf-8")
        edit(config, '  - "E.3.1 Companion notebook": '
             "notebooks/calculus-basics.py\n", "")
        edit(config, "strict: true", "strict: false")  # links to the notebook
        shutil.rmtree(folder / "docs" / "notebooks")
    return folder


def build(folder, site_url=None):
    """Build ``folder`` once; return the seconds it took."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1",
               SOURCE_DATE_EPOCH="1700000000")
    if site_url:
        env["SITE_URL"] = site_url
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"],
                          cwd=folder, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"benchmark: building {folder.name} failed:\n"
                         f"{done.stderr}")
    return time.perf_counter() - start


def cold_load(browser, url, mobile=False):
    """Bytes of every response and the page's timings, with no cache; on
    a throttled phone if ``mobile``."""
    context = browser.new_context(**(MOBILE if mobile else {}))
    context.add_init_script(MATH_CLOCK)
    context.add_init_script(PAINT_CLOCK)
    page = context.new_page()
    if mobile:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    responses = []
    context.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle", timeout=120_000)
    page.wait_for_function(ALL_MATH_TYPESET, timeout=120_000)
    page.wait_for_timeout(1000)  # a quiet second: long tasks are over
    timings = page.evaluate("""() => ({
        lcp: window.lcp,
        tbt: window.longTasks.filter(([start]) => start >=
            performance.getEntriesByName('first-contentful-paint')[0]
            .startTime).reduce((sum, [, d]) => sum + Math.max(0, d - 50),
            0),
        elements: document.getElementsByTagName('*').length,
        math: (window.mathSeen.find(([, count]) => count === document
            .querySelectorAll("math").length) || [0])[0],
        total: document.querySelectorAll("math").length,
        rawEver: Math.max(0, ...window.rawSeen.map(([, count]) => count)),
        atPaint: Math.max(0, ...window.mathSeen.filter(([time]) => time <=
            performance.getEntriesByName('first-contentful-paint')[0]
            .startTime).map(([, count]) => count)),
        fcp: performance.getEntriesByName('first-contentful-paint')[0]
             .startTime,
        dcl: performance.getEntriesByType('navigation')[0]
             .domContentLoadedEventEnd})""")
    resources = []
    for response in responses:
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests carry none
            continue
        kind = response.headers.get("content-type", "")
        resources.append({
            "url": response.url, "raw": len(body),
            "gzip": len(gzip.compress(body, compresslevel=6, mtime=0)),
            "js": "javascript" in kind or response.url.endswith(".js")})
    context.close()
    return resources, timings


def summary(values):
    return (statistics.median(values), min(values), max(values))


def cell(values, unit="", digits=0):
    median, low, high = summary(values)
    return (f"{median:,.{digits}f}{unit} ({low:,.{digits}f}–"
            f"{high:,.{digits}f})")


def ratio(ours, theirs):
    if statistics.median(theirs) == 0:
        return "–"
    return f"{statistics.median(ours) / statistics.median(theirs):.2f}×"


TIMINGS = ("math", "fcp", "lcp", "tbt", "elements", "atPaint", "total",
           "rawEver")


def page_metrics(browser, folder, runs, mobile=False, path=PAGE):
    """Bytes and timings of cold loads of a page (the calculus page
    unless ``path`` says), served gzipped as a real host serves it."""
    server = SiteServer(folder / "site", compress=True).start()
    totals = {"raw": [], "gzip": [], "js_raw": [], "js_gzip": [],
              **{key: [] for key in TIMINGS}}
    largest = []
    try:
        for _ in range(runs):
            resources, timings = cold_load(browser, f"{server.url}/{path}",
                                           mobile)
            totals["raw"].append(sum(r["raw"] for r in resources))
            totals["gzip"].append(sum(r["gzip"] for r in resources))
            totals["js_raw"].append(sum(r["raw"] for r in resources
                                        if r["js"]))
            totals["js_gzip"].append(sum(r["gzip"] for r in resources
                                         if r["js"]))
            for key in TIMINGS:
                totals[key].append(timings[key])
            largest = sorted(resources, key=lambda r: -r["gzip"])[:5]
    finally:
        server.close()
    for item in largest:
        item["url"] = item["url"].replace(server.url, "")
    return totals, largest


def build_metrics(ours, plain, runs):
    """Seconds for cold, warm and one-line builds, and the plain build."""
    times = {"cold": [], "warm": [], "prose": [], "plain": []}
    page = ours / "docs" / "calculus-basics.md"
    original = page.read_text("utf-8")
    for run in range(runs):
        shutil.rmtree(ours / ".cache", ignore_errors=True)
        times["cold"].append(build(ours))
        times["warm"].append(build(ours))
        page.write_text(original.replace(
            "Think of tuning an old radio", f"Think (edit {'x' * run}) of "
            "tuning an old radio", 1), "utf-8")  # letters: digits are lint
        times["prose"].append(build(ours))
        page.write_text(original, "utf-8")
        build(plain)  # a first plain build warms the OS file cache alike
        times["plain"].append(build(plain))
    return times


# What an author edits under mkdocs serve, and what the page then shows:
# (label, file, text before, text after, text the page shows after)
EDITS = [
    ("a line of prose", "docs/calculus-basics.md",
     "Think of tuning an old radio", "Think of tuning an old {token} radio",
     "old {token} radio"),
    ("a comment in a page module (shown in a code block)",
     "snippets/calculus_basics.py",
     "# the parameter value where J is largest",
     "# the parameter value where J is {token}", "J is {token}"),
    ("a constant in a page module (figures and notebook of its page "
     "redone)", "snippets/calculus_basics.py", "J_MAX = 1.0",
     "J_MAX = 1.{digit}", "+ 1.{digit}"),
]


def serve_reload_times(ours, runs):
    """Seconds from saving a file until the dev server shows the edit,
    for each kind of edit in EDITS; and what the build log said."""
    probe = SiteServer(ours)  # only to find a free port
    port = probe.server.server_address[1]
    probe.server.server_close()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    log = ours / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty",
             "-a", f"127.0.0.1:{port}"], cwd=ours, env=env,
            stdout=subprocess.DEVNULL, stderr=output)
    url = f"http://127.0.0.1:{port}/{PAGE}"
    times = {label: [] for label, *_ in EDITS}
    try:
        wait_for(url, "E.3.1", timeout=120)
        for run in range(runs):
            for label, name, old, new, shown in EDITS:
                path = ours / name
                original = path.read_text("utf-8")
                token = {"token": f"edit{'x' * (run + 1)}",
                         "digit": str(run + 1)}
                path.write_text(original.replace(old, new.format(**token),
                                                 1), "utf-8")
                start = time.perf_counter()
                wait_for(url, shown.format(**token), timeout=180)
                times[label].append(time.perf_counter() - start)
                path.write_text(original, "utf-8")
                wait_for(url, "E.3.1", timeout=180)
                time.sleep(1.5)  # let the rebuild of the undo finish
    finally:
        server.terminate()
        server.wait(timeout=30)
    redone = [line.split("-  ", 1)[-1] for line in log.read_text(
        ).splitlines() if "drawn (" in line or "notebooks: executed" in line]
    return times, redone[:2]


# the same edits, at today's size and with COPIES more pages per edition
COPIES = 12
MEMORY_EDITS = 30


def edition_edit(folder):
    """The title of E.3.1's translation in the first translated edition,
    edited: its edition's page shows it."""
    from tests.pages import LANGUAGES

    name = f"docs/{LANGUAGES[1].folder}calculus-basics.md"
    title = next(line for line in (folder / name).read_text(
        "utf-8").splitlines() if line.startswith("# "))
    return ("the title of a translation", name, title,
            title + " {token}", "{token}")


def add_copies(folder, count):
    """``count`` copies of E.3.1 in every edition of the project in
    ``folder``, each with a line in the nav (a translation's copy is a
    copy of its translation, so it stays of its original)."""
    config = folder / "mkdocs.yml"
    lines = []
    for number in range(1, count + 1):
        for edition in sorted((folder / "docs").glob("*/calculus-basics.md"))\
                + [folder / "docs" / "calculus-basics.md"]:
            shutil.copy2(edition, edition.with_name(
                f"calculus-basics-{number}.md"))
        lines.append(f'  - "E.3.1 copy {number}": '
                     f"calculus-basics-{number}.md\n")
    edit(config, '  - "E.3.2 Policy Gradients"',
         "".join(lines) + '  - "E.3.2 Policy Gradients"')
    return folder


def memory_of(pid):
    """Resident memory, in MiB, of a process and all its descendants."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children"
                            ).read_text().split()
        except OSError:
            continue
        total += int(re.search(r"VmRSS:\s+(\d+)", status)[1])
        todo += [int(child) for child in children]
    return total / 1024


def serve_at_size(folder, runs):
    """Under mkdocs serve, with every edition: seconds from saving each
    edit until its page shows it, and the server's memory after the first
    prose edit and after MEMORY_EDITS more."""
    probe = SiteServer(folder)  # only to find a free port
    port = probe.server.server_address[1]
    probe.server.server_close()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a",
         f"127.0.0.1:{port}"],
        cwd=folder, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    edits = [*EDITS, edition_edit(folder)]
    edition = f"{edits[-1][1].split('/')[1]}/"
    times = {label: [] for label, *_ in edits}
    memory = []
    try:
        wait_for(base + PAGE, "E.3.1", timeout=300)
        wait_for(base + edition + PAGE, "E.3.1", timeout=300)
        for run in range(runs):
            for label, name, old, new, shown in edits:
                url = base + (edition if name.startswith(
                    "docs/" + edition) else "") + PAGE
                seconds = timed_edit(folder / name, url, old, new, shown,
                                     f"edit{'x' * (run + 1)}", run + 1)
                times[label].append(seconds)
        label, name, old, new, shown = EDITS[0]
        for number in range(MEMORY_EDITS + 1):
            timed_edit(folder / name, base + PAGE, old, new, shown,
                       f"mem{'y' * (number % 5 + 1)}", 1)
            if number in (0, MEMORY_EDITS):
                memory.append(memory_of(server.pid))
    finally:
        server.terminate()
        server.wait(timeout=60)
    return times, memory


def timed_edit(path, url, old, new, shown, token, digit):
    """Seconds from saving ``new`` in place of ``old`` in ``path`` until
    ``url`` shows ``shown``; the file is then put back and the page
    waited for again."""
    original = path.read_text("utf-8")
    fields = {"token": token, "digit": str(digit)}
    path.write_text(original.replace(old, new.format(**fields), 1), "utf-8")
    start = time.perf_counter()
    wait_for(url, shown.format(**fields), timeout=300)
    seconds = time.perf_counter() - start
    path.write_text(original, "utf-8")
    wait_for_gone(url, shown.format(**fields), timeout=300)
    return seconds


def wait_for_gone(url, text, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text not in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"benchmark: {url} still shows {text!r}")


def report_sizes(pages, results):
    """Edit-to-reload and memory under mkdocs serve, at both sizes."""
    small, large = results
    print(f"\n| mkdocs serve --dirty, every edition | {pages[0]} pages per "
          f"edition | {pages[1]} pages per edition |")
    print("| --- | --- | --- |")
    for label in small[0]:
        print(f"| {label} (s) | {cell(small[0][label], '', 2)} | "
              f"{cell(large[0][label], '', 2)} |")
    for index, when in enumerate(("after the first edit", f"after "
                                  f"{MEMORY_EDITS} more edits")):
        print(f"| memory {when} (MiB, with the editions' processes) | "
              f"{small[1][index]:.0f} | {large[1][index]:.0f} |")


def nav_page_count(folder):
    """How many pages the nav of the project in ``folder`` lists."""
    from tests.pages import nav_sources, read_config

    return len(list(nav_sources(read_config(folder / "mkdocs.yml")["nav"])))


def wait_for(url, text, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"benchmark: {url} never showed {text!r}")


def chromium():
    """The system's Chromium (the benchmark never downloads a browser)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        raise SystemExit("benchmark: needs Chromium (apt-get install "
                         "chromium)")
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5,
                        help="runs of each measurement (default 5)")
    parser.add_argument("--paint-only", action="store_true",
                        help="only the page loads, phone and desktop")
    parser.add_argument("--serve-only", action="store_true",
                        help="only mkdocs serve, at both sizes")
    parser.add_argument("--phone-only", action="store_true",
                        help="only every page of every edition on the "
                             "phone, against the usual setup")
    args = parser.parse_args()
    if args.serve_only:
        serve_at_both_sizes(args.runs)
        return
    if args.phone_only:
        every_page_on_a_phone(args.runs)
        return
    from playwright.sync_api import sync_playwright

    executable = chromium()
    with tempfile.TemporaryDirectory() as tmp:
        folders = {}
        for kind in ("ours", "baseline", "plain"):
            (Path(tmp) / kind).mkdir()
            folders[kind] = make_variant(kind, Path(tmp) / kind)
        print("building the three variants ...", file=sys.stderr)
        if args.paint_only:
            build(folders["ours"])
        else:
            builds = build_metrics(folders["ours"], folders["plain"],
                                   args.runs)
        build(folders["baseline"])
        print("loading the page in Chromium ...", file=sys.stderr)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable,
                                                 args=CHROMIUM_ARGS)
            ours, ours_top = page_metrics(browser, folders["ours"],
                                          args.runs)
            base, base_top = page_metrics(browser, folders["baseline"],
                                          args.runs)
            phone = {kind: page_metrics(browser, folders[kind], args.runs,
                                        mobile=True)[0]
                     for kind in ("ours", "baseline")}
            browser.close()
        if args.paint_only:
            report_paint(phone, ours, base)
            return
        print("timing edit-to-reload under mkdocs serve ...",
              file=sys.stderr)
        reloads = serve_reload_times(folders["ours"], args.runs)
        pages = nav_page_count(folders["ours"])
    report(args.runs, ours, ours_top, base, base_top, builds, reloads, pages)
    report_paint(phone, ours, base)
    every_page_on_a_phone(args.runs)
    serve_at_both_sizes(args.runs)


PHONE_KEYS = ("elements", "fcp", "lcp", "tbt")


def every_page_on_a_phone(runs):
    """Every page of every edition (a copy of the whole project) loaded
    cold on the emulated phone, served gzipped, beside the seed's page in
    the usual setup (KaTeX typesetting in the browser): its formulas, DOM
    elements, paints and blocking time, medians of ``runs`` loads."""
    from playwright.sync_api import sync_playwright

    from tests.pages import SITE_PAGES

    print("loading every page on the phone ...", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        ours = ProjectCopy(Path(tmp) / "ours").path
        (Path(tmp) / "baseline").mkdir()
        usual = make_variant("baseline", Path(tmp) / "baseline")
        for folder in (ours, usual):
            build(folder)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium(), args=CHROMIUM_ARGS)
            base = page_metrics(browser, usual, runs, mobile=True)[0]
            pages = [(str(site_page), site_page.formulas, page_metrics(
                browser, ours, runs, mobile=True, path=site_page.url)[0])
                for site_page in SITE_PAGES]
            browser.close()
    print(f"\n| on the phone (4× CPU, slow 4G, gzip), median of {runs} | "
          "formulas | DOM elements | first paint (ms) | largest paint "
          "(ms) | blocking (ms) | paints / usual |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    median = {key: statistics.median(base[key]) for key in PHONE_KEYS}
    print(f"| usual setup: {PAGE} | {max(base['total'])} | "
          + " | ".join(f"{median[key]:,.0f}" for key in PHONE_KEYS)
          + " | 1.00× / 1.00× |")
    for name, formulas, ours_page in pages:
        mine = {key: statistics.median(ours_page[key]) for key in PHONE_KEYS}
        print(f"| {name} | {formulas} | "
              + " | ".join(f"{mine[key]:,.0f}" for key in PHONE_KEYS)
              + f" | {mine['fcp'] / median['fcp']:.2f}× / "
              f"{mine['lcp'] / median['lcp']:.2f}× |")


def serve_at_both_sizes(runs):
    """Copies of the whole project (every edition, warm caches), as it is
    and with COPIES more pages per edition, each under mkdocs serve."""
    print("timing edits under mkdocs serve at two sizes ...", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("today", "larger"):
            (Path(tmp) / name).mkdir()
        folders = [ProjectCopy(Path(tmp) / "today").path,
                   add_copies(ProjectCopy(Path(tmp) / "larger").path,
                              COPIES)]
        results = [serve_at_size(folder, runs) for folder in folders]
        pages = [nav_page_count(folder) for folder in folders]
    report_sizes(pages, results)


def report_paint(phone, ours, base):
    """First paint and its cost, on a throttled phone and on desktop."""
    print("\n| paint, ours vs baseline | phone (4× CPU, slow 4G) | "
          "ours / baseline | desktop | ours / baseline |")
    print("| --- | --- | --- | --- | --- |")
    rows = [("first contentful paint (ms)", "fcp"),
            ("largest contentful paint (ms)", "lcp"),
            ("total blocking time (ms)", "tbt"),
            ("DOM elements", "elements"),
            ("all math typeset (ms)", "math")]
    for label, key in rows:
        mobile = (f"{cell(phone['ours'][key])} vs "
                  f"{cell(phone['baseline'][key])}")
        desktop = f"{cell(ours[key])} vs {cell(base[key])}"
        print(f"| {label} | {mobile} | "
              f"{ratio(phone['ours'][key], phone['baseline'][key])} | "
              f"{desktop} | {ratio(ours[key], base[key])} |")
    print(f"| formulas ever in the page as raw TeX | "
          f"{max(phone['ours']['rawEver'])} vs "
          f"{max(phone['baseline']['rawEver'])} | – | "
          f"{max(ours['rawEver'])} vs {max(base['rawEver'])} | – |")


def report(runs, ours, ours_top, base, base_top, builds, reloads, pages):
    kib = {key: [v / 1024 for v in values] for key, values in ours.items()
           if key in ("raw", "gzip", "js_raw", "js_gzip")}
    base_kib = {key: [v / 1024 for v in values] for key, values in
                base.items() if key in ("raw", "gzip", "js_raw", "js_gzip")}
    print(f"Benchmark of {PAGE} · {datetime.date.today()} · "
          f"{platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()} · median (min–max) of "
          f"{runs} runs\n")
    print("| cold load of the page | ours | baseline | ours / baseline |")
    print("| --- | --- | --- | --- |")
    rows = [("bytes, raw", "raw", " KiB"), ("bytes, gzip -6", "gzip", " KiB"),
            ("JavaScript, raw", "js_raw", " KiB"),
            ("JavaScript, gzip -6", "js_gzip", " KiB")]
    for label, key, unit in rows:
        print(f"| {label} | {cell(kib[key], unit, 1)} | "
              f"{cell(base_kib[key], unit, 1)} | "
              f"{ratio(kib[key], base_kib[key])} |")
    for label, key in (("math typeset (ms after navigation)", "math"),
                       ("first contentful paint (ms)", "fcp")):
        print(f"| {label} | {cell(ours[key], '', 0)} | "
              f"{cell(base[key], '', 0)} | {ratio(ours[key], base[key])} |")
    print(f"| formulas typeset at first paint | "
          f"{statistics.median(ours['atPaint']):.0f} of "
          f"{max(ours['total'])} | {statistics.median(base['atPaint']):.0f}"
          f" of {max(base['total'])} | – |")
    # ours sends no math script: KaTeX ran at build time
    scripts = (KATEX / "katex.min.js", KATEX / "contrib/auto-render.min.js")
    math_js = sum(path.stat().st_size for path in scripts)
    print(f"| math JavaScript, raw (bytes) | 0 | {math_js:,} | 0× |")
    for name, top in (("ours", ours_top), ("baseline", base_top)):
        listing = ", ".join(f"{r['url']} {r['gzip'] / 1024:.1f} KiB"
                            for r in top)
        print(f"\nLargest resources, {name} (gzip -6): {listing}")
    print("\n| build | seconds | / plain |")
    print("| --- | --- | --- |")
    for label, key in (("ours, cold (empty caches)", "cold"),
                       ("ours, warm (nothing changed)", "warm"),
                       ("ours, one line of prose changed", "prose"),
                       ("plain (no figures, notebook or math)", "plain")):
        print(f"| {label} | {cell(builds[key], ' s', 2)} | "
              f"{ratio(builds[key], builds['plain'])} |")
    per_page = [seconds / pages for seconds in builds["cold"]]
    print(f"\nCold build per page ({pages} pages in the nav): "
          f"{cell(per_page, ' s', 2)}")
    times, redone = reloads
    print("\n| edit-to-reload under mkdocs serve | seconds |")
    print("| --- | --- |")
    for label, seconds in times.items():
        print(f"| {label} | {cell(seconds, ' s', 2)} |")
    print("\nWhat a changed constant redid, as the build log says it: "
          + "; ".join(redone))


if __name__ == "__main__":
    main()
