"""Tools around the build, for the set-up and for translators.

    python -m appendix_plugin fonts             the Debian packages of the
                                                languages' missing fonts
    python -m appendix_plugin fonts --check     fail, saying what to
                                                install, if one is missing
    python -m appendix_plugin translations      each edition's pages: up to
                                                date, outdated or missing
    python -m appendix_plugin stamp FILE...     record that translations
                                                are of their original as
                                                it is now

All of them read the languages from mkdocs.yml, like the build.
"""

import argparse
import re
import sys
from pathlib import Path

from . import editions, languages, translations

ROOT = Path.cwd()


def missing_fonts(langs):
    """The languages whose first font is not installed."""
    from snippets.figures import MissingFont, check_fonts

    missing = []
    for language in langs:
        try:
            check_fonts(language.fonts)
        except MissingFont:
            missing.append(language)
    return missing


def fonts(langs, check):
    missing = missing_fonts(langs)
    if not check:
        print(" ".join(sorted({language.font_package for language in missing
                               if language.font_package})))
        return 0
    for language in missing:
        hint = (f" (on Debian or Ubuntu: apt-get install "
                f"{language.font_package})" if language.font_package
                else "")
        print(f"drawing figures in '{language.code}' needs the font "
              f"'{language.fonts[0]}'; install it{hint}, then delete "
              "matplotlib's font cache (the folder python -c 'import "
              "matplotlib; print(matplotlib.get_cachedir())' prints)",
              file=sys.stderr)
    return 1 if missing else 0


def pages_of(config, docs):
    """Every Markdown page and notebook the nav names."""
    return [src for src in editions.nav_sources(config["nav"])
            if (docs / src).is_file()]


def status(langs, config, docs):
    """Print each translated edition's pages and their state."""
    for language in langs[1:]:
        for src in pages_of(config, docs):
            path = docs / language.folder / src
            if not path.is_file():
                print(f"{language.code}  missing    docs/{src}")
                continue
            read = (translations.read_notebook if src.endswith(".py")
                    else translations.read_page)
            now = translations.words_digest(docs / src)
            recorded = read(path, ROOT).translated_from
            state = "up to date" if recorded == now else "outdated"
            print(f"{language.code}  {state:<10} "
                  f"{path.relative_to(ROOT).as_posix()}")
    return 0


def stamp(langs, docs, files):
    """Record in each translation the digest of its original now."""
    folders = {language.folder: language for language in langs[1:]}
    for name in files:
        path = Path(name).resolve()
        relative = path.relative_to(docs).as_posix()
        folder = next((f for f in folders if relative.startswith(f)), None)
        if folder is None:
            print(f"{name}: not in a translation's folder", file=sys.stderr)
            return 1
        original = docs / relative[len(folder):]
        digest = translations.words_digest(original)
        text = path.read_text("utf-8")
        prefix = "# " if path.suffix == ".py" else ""
        line = f'{prefix}translated_from: "{digest}"'
        recorded = re.compile(rf"^{re.escape(prefix)}translated_from:.*$",
                              re.M)
        fence = "# ---" if prefix else "---"
        if recorded.search(text):
            text = recorded.sub(line, text, count=1)
        elif text.startswith(fence + "\n"):
            text = text.replace(fence + "\n", f"{fence}\n{line}\n", 1)
        else:
            text = f"{fence}\n{line}\n{fence}\n\n" + text
        path.write_text(text, "utf-8")
        print(f"{path.relative_to(ROOT).as_posix()}: translated from "
              f"{digest}")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m appendix_plugin",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)
    font_command = commands.add_parser("fonts")
    font_command.add_argument("--check", action="store_true")
    commands.add_parser("translations")
    stamp_command = commands.add_parser("stamp")
    stamp_command.add_argument("files", nargs="+")
    arguments = parser.parse_args(argv)
    config, langs = languages.from_config_file(arguments.config_file)
    docs = (Path(arguments.config_file).resolve().parent
            / config.get("docs_dir", "docs"))
    if arguments.command == "fonts":
        return fonts(langs, arguments.check)
    if arguments.command == "translations":
        return status(langs, config, docs)
    return stamp(langs, docs, arguments.files)


if __name__ == "__main__":
    sys.exit(main())
