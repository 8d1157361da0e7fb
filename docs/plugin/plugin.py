"""The appendix's build: one MkDocs plugin, its parts one concern each.

Data flows one way. ``on_config`` finds the edition being built among the
plugin's ``languages`` and reads its word table; ``on_files`` reads every
page once into a ``PageContext`` (its words from the edition's
translation, or the original) and makes what pages link to (figures,
notebook pages and downloads, page data); each later event takes a
page's context and hands the parts exactly what they need. Per-build
state is made afresh in ``on_pre_build``, so ``mkdocs serve`` and
repeated builds in one process see every edit; the KaTeX engine is closed
at the end of every build, failed or not. The original edition builds
the others after itself (editions.py).
"""

import html
import json
import logging
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

from jinja2 import BytecodeCache
from mkdocs.config import config_options as option
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from . import (alternates, assets, cache, dirty, editions, figures,
               headings, highlight, includes, katex, languages, lint,
               markers, modules, notebooks, parity, reload, repository,
               search, sections, translations, values, words)

log = logging.getLogger("mkdocs.plugins.appendix")


class AppendixConfig(Config):
    snippets = option.Type(str, default="snippets")
    notebooks = option.Type(str, default="notebooks/")
    cache_dir = option.Type(str, default=".cache")
    # literals that pages may type, each with its reason (lint.py)
    allowed_numbers = option.Type(dict, default={})
    # typeset formulas at build time (off: they stay arithmatex's markup,
    # for a script in the browser)
    math = option.Type(bool, default=True)
    # the languages, the original first (languages.py)
    languages = option.ListOfItems(
        option.SubConfig(languages.LanguageConfig), default=[])
    # a translation whose structure is not its original's: "stop" the
    # build, or serve the "original" in its place and list it in the log
    out_of_step = option.Choice(("stop", "original"), default="stop")


class TemplateCode(BytecodeCache):
    """Templates compiled once per process: Jinja compares each entry
    with its template's source before using it."""

    def __init__(self):
        self.code = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket):
        self.code[bucket.key] = bucket.bytecode_to_string()


class AppendixPlugin(BasePlugin[AppendixConfig]):
    """Values, includes, figures, notebooks, math and links of pages.

    Under ``mkdocs serve`` (``on_startup``) the other editions' processes
    stay between builds, and go at ``on_shutdown``; MkDocs then keeps this
    one object for every config it loads, which is why every build's
    state is made anew in ``on_config`` and ``on_pre_build``.
    """

    katex = None  # the formula engine of the running build
    editions = None  # the other editions' builds, while they run

    def on_config(self, config):
        config_file = Path(config.config_file_path).resolve()
        self.root = config_file.parent
        self.docs_dir = Path(config.docs_dir).resolve()
        self.config_path = config_file.name
        self.languages = languages.read(self.config.languages,
                                        self.config_path)
        self.original = self.languages[0]
        self.edition = self._edition(config.theme.get("language"))
        self.table = languages.read_table(
            self.docs_dir / self.edition.folder / languages.WORD_TABLE,
            self.root) if not self.edition.original else (
                languages.WordTable())
        self.words = words.words(self.table)
        lint.check_allowed(self.config.allowed_numbers, self.config_path)
        self.allowed = list(self.config.allowed_numbers)
        self.snippets = modules.SnippetsModules(self.root)
        includes.configure(config.mdx_configs,
                           self.root / self.config.snippets)
        repository.configure(config, self.words["source"])
        self._translate_config(config)
        # the switcher's links are relative to the original's address
        site_url, folder = config.site_url or "/", self.edition.folder
        if folder and site_url.endswith(folder):
            site_url = site_url[: -len(folder)]
        self.alternate = alternates.resolve(
            languages.alternates(self.languages), site_url)
        config.extra["alternate"] = self.alternate
        # one place for what the theme keeps in the reader's browser (the
        # palette chosen): the original's address, so every edition shares
        # it and a language switch keeps the reader's palette
        config.extra.setdefault("scope", urlsplit(site_url).path or "/")
        # the search plugin's word segmenter announces its dictionary on
        # stderr at every build (its level is put back after the build)
        segmenter = logging.getLogger("jieba")
        self.segmenter_level = segmenter.level
        segmenter.setLevel(logging.WARNING)
        framework = editions.framework_of(config)
        self.framework_log = logging.getLogger(framework)  # strict counts
        self.build_log = logging.getLogger(f"{framework}.commands.build")
        return config

    def _edition(self, code):
        for language in self.languages:
            if language.code == code:
                return language
        raise PluginError(
            f"{self.config_path}: theme.language is '{code}', which the "
            "appendix plugin's languages do not list (they list "
            f"{', '.join(language.code for language in self.languages)})")

    def _translate_config(self, config):
        """The edition's nav titles, site name and description, from its
        word table; a translation lives at the original's address plus
        its folder."""
        self.untranslated_titles = []
        if self.edition.original:
            return
        if config.site_url and not config.site_url.endswith(
                f"/{self.edition.folder}"):
            config.site_url = urljoin(config.site_url, self.edition.folder)
        unknown = set(self.table.nav) - set(languages.nav_titles(
            config.nav))
        config.nav = languages.translate_nav(
            config.nav, self.table.nav, self.untranslated_titles)
        if unknown:
            raise PluginError(f"{self.table.path}: nav: "
                              f"{', '.join(sorted(unknown))}: no such title "
                              f"in {self.config_path}'s nav")
        for key in ("site_name", "site_description"):
            if getattr(self.table, key):
                config[key] = getattr(self.table, key)

    def _cache(self, name, suffix):
        """The edition's own cache of one kind, which may take an entry
        another edition made under the same key."""
        folder = self.root / self.config.cache_dir
        return cache.Cache(
            folder / self.edition.code / name, suffix, others=[
                folder / language.code / name for language in self.languages
                if language != self.edition])

    serving = False  # under `mkdocs serve`: the editions' processes stay
    dirty = False  # --dirty: only pages whose inputs changed (dirty.py)

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"
        self.dirty = dirty

    def on_serve(self, server, *, config, builder):
        reload.report_at_once(server)
        return server

    def on_shutdown(self):
        self.serving = False  # the session is over; the object may stay
        if self.editions:
            self.editions.stop()
            self.editions = None

    def on_pre_build(self, config):
        if self.katex:  # what an interrupted build left
            self.katex.close()
        self._stop_editions()
        # the other editions, at the same time, in their own processes
        codes = [language.code for language in self.languages[1:]
                 ] if self.edition.original else []
        if self.editions and self.editions.codes != codes:
            self.editions.stop()  # the languages changed under serve
            self.editions = None
        if codes:
            if not self.editions:
                self.editions = editions.Builds(
                    codes, editions.framework_of(config), self.serving)
            self.editions.start(config.config_file_path, config.site_dir,
                                config.site_url, self.dirty)
        self.snippets.prepare()
        self.contexts = {}  # src_uri -> PageContext
        self.caches = {name: self._cache(name, suffix) for name, suffix in (
            ("figures", ".svg"), ("notebooks", ".bin"), ("values", ".json"),
            ("katex-fonts", ".woff2"), ("parity", ".ok"))}
        self.values = values.Values(self.snippets, self.contexts,
                                    self.caches["values"])
        self.figures = figures.Figures(
            self.snippets, self.values, self.caches["figures"],
            {language.code: language for language in self.languages},
            self.table, self.original.code, self.allowed)
        self.notebooks = notebooks.Notebooks(
            self.root, self.snippets,
            self.caches["notebooks"], self.words)
        self.pages = translations.Edition(
            self.root, self.docs_dir, self.edition, self.original.code,
            self._check_translation, self.config.out_of_step == "original")
        self.katex = katex.KaTeX(
            self.root / "node_modules",
            self.root / self.config.cache_dir / self.edition.code / "katex",
            self.caches["katex-fonts"]) if self.config.math else None
        self.formulas = {}  # src_uri -> formula sources, for KaTeX errors
        self.converter = None  # Markdown for headings' ids, made once
        self.written = set()  # pages written by this build
        self.search_script = search.script()
        self.record = dirty.Record(config.site_dir)
        self.warnings = dirty.Warnings()
        if self.dirty:
            self.build_log.addFilter(dirty.QUIET)
            self.framework_log.addHandler(self.warnings)
        self.outputs = None  # a dirty build's pages, kept and rewritten

    # ---- reading pages, making what they link to ---------------------

    def on_files(self, files, config):
        self._drop_words_folders(files)
        self._check_script_words(files)
        notebook_files = [f for f in files if notebooks.is_notebook(
            f, self.config.notebooks)]
        for file in files.documentation_pages():
            self.contexts[file.src_uri] = self.pages.page(file)
        for file in notebook_files:
            self.contexts[file.src_uri] = self.pages.notebook(file)
        self.pages.check_orphans(set(self.contexts), self.config.notebooks)
        # every page is read: a claim that fails can name all its places
        for src_uri, page in list(self.contexts.items()):
            self.contexts[src_uri] = self.pages.checked(page)
        for page in self.contexts.values():
            if not page.notebook:
                self._add_page(page, files, config)
        self.table.check_figures({
            module: self.figures.specs(module, page.path)
            for module, page in self.figures.owners.items()})
        self.table.check_notebooks({PurePosixPath(file.src_uri).stem
                                    for file in notebook_files})
        for file in notebook_files:
            self._add_notebook(file, files, config)
        for page in self.contexts.values():
            self._point_edit_link(files.get_file_from_path(page.src_uri),
                                  page)
        self.figures.report()
        if self.untranslated_titles:
            log.info("translations: %s: nav titles not in %s yet: %s",
                     self.edition.code, self.table.path,
                     ", ".join(self.untranslated_titles))
        for line in self.pages.report():
            log.info("translations: %s", line)
        if self.dirty:
            self.outputs = self._keep_unchanged(files, config)
        return files

    def _keep_unchanged(self, files, config):
        """Remove the output of every page whose inputs changed since
        the last dirty build, for MkDocs to rewrite (dirty.py)."""
        site = cache.digest(
            Path(config.config_file_path).read_bytes(), repr(self.table),
            dirty.plugin_code(),
            (self.katex.version, self.katex.font.digest) if self.katex
            else None,
            [(key, config.get(key)) for key in dirty.CONFIG_KEYS],
            [cache.version(name) for name in (
                editions.framework_of(config), *dirty.LIBRARIES)],
            # a link to a heading is checked where it is written
            [(src_uri, dirty.headings(page.source.body)) for src_uri, page
             in self.contexts.items() if not page.notebook])
        outputs = dirty.Outputs(self.record, {
            src_uri: dirty.page_inputs(site, page, self._code_of(page),
                                       self.root)
            for src_uri, page in self.contexts.items()}, files,
            config.site_dir)
        log.info("dirty build: %d of %d pages rewritten (their inputs "
                 "changed)", len(outputs.urls) - len(outputs.kept),
                 len(outputs.urls))
        return outputs

    def _code_of(self, page):
        """The files of the code a page shows or runs: its modules and
        all they import, a notebook's too, and what it includes."""
        modules = [name for name in (page.values_module,
                                     page.figures_module) if name]
        modules += markers.modules_named(page.source.body)
        if page.notebook:
            modules += self.notebooks.imported_modules(page)
        snippets = self.root / self.config.snippets
        return [*self.snippets.files(modules), *(
            snippets / name for name in sorted(includes.targets(
                page.source.body)))]

    def _drop_words_folders(self, files):
        """The editions' folders hold their words, not pages."""
        folders = tuple(language.folder for language in self.languages
                        if not language.original)
        for file in list(files):
            if folders and file.src_uri.startswith(folders):
                files.remove(file)

    def _check_script_words(self, files):
        scripts = {Path(f.src_uri).stem for f in files
                   if f.src_uri.endswith(".js")}
        unknown = set(self.table.scripts) - scripts
        if unknown:
            raise PluginError(f"{self.table.path}: scripts: "
                              f"{', '.join(sorted(unknown))}: the site has "
                              "no such script")

    def _point_edit_link(self, file, page):
        """A translated page is edited in its translation."""
        if not self.edition.original:
            file.edit_uri = (Path(page.path).relative_to(
                self.docs_dir.relative_to(self.root)).as_posix())

    def _check_translation(self, original, translation, notebook, meta):
        """Stop where a translation's structure is not its original's,
        naming what its author wrote: an unknown value first, then every
        difference. A verdict is kept under both texts and the digest of
        the checking code."""
        if not notebook:  # a marker typo is a typo, not a difference
            markers.substitute(
                markers.FIGURE_LINE.sub("", translation.body),
                self.values.renderer(
                    meta.get("values"), translation.path),
                translation.path, translation.body_line)
        checker = cache.digest(*(Path(part.__file__).read_bytes() for part
                                 in (parity, markers, includes,
                                     translations)))
        store = self.caches["parity"]
        key = cache.digest(original.body, translation.body,
                           original.body_line, translation.body_line,
                           original.path, translation.path, checker)
        if store.get(key) is None:
            parity.check((original.path, original.body, original.body_line),
                         (translation.path, translation.body,
                          translation.body_line), notebook=notebook)
            store.put(key, b"")

    def _add_page(self, page, files, config):
        lint.check_allowed(page.allowed_numbers, page.path)
        if page.figures_module:
            for uri, svg in self.figures.draw(page).items():
                files.append(File.generated(config, uri, content=svg))
        if page.values_module:
            for name, text in self.values.data(page.values_module,
                                               page.path).items():
                files.append(File.generated(
                    config, f"data/{page.values_module}/{name}",
                    content=text))

    def _add_notebook(self, file, files, config):
        page = self.contexts[file.src_uri]
        allowed = notebooks.allowed_numbers(page.notebook_text)
        lint.check_allowed(allowed, page.path)
        for text, line in parity.markdown_cells(page.source.body,
                                                page.body_line):
            typed = lint.typed_numbers(text, [*self.allowed, *allowed],
                                       line)
            if typed:
                raise PluginError(
                    f"{page.path}:{typed[0][0]}: the number {typed[0][1]} "
                    "is typed into the notebook; let a code cell compute "
                    "and print it")
        for module in self._figure_modules(page):
            for uri, svg in self.figures.ensure(module,
                                                page.language).items():
                files.append(File.generated(config, uri, content=svg))
        files.remove(file)
        files.append(notebooks.as_page(file, config))

        def absolute_url(src_uri):
            target = files.get_file_from_path(src_uri)
            if target is None:
                raise PluginError(f"{page.path}: link to '{src_uri}', "
                                  "which is not a page")
            return urljoin(config.site_url or "/", target.url)

        files.append(File.generated(
            config, notebooks.download_uri(file.src_uri),
            content=self.notebooks.download(page, self._notebook_words(page),
                                            absolute_url)))

    def _figure_modules(self, page):
        """The figures modules a notebook shows, that a page places."""
        return [name for name in self.notebooks.imported_modules(page)
                if name in self.figures.owners]

    def _notebook_words(self, page):
        """The files a notebook in another language than the original's
        carries beside its code: its figures' words and fonts, and the
        labels it prints."""
        if page.language == self.original.code:
            return []
        table = {"fonts": list(self.edition.fonts), "figures": {
            module: {name: self.figures.words(module, spec, page.language)
                     for name, spec in self.figures.specs(
                         module, page.path).items()}
            for module in self._figure_modules(page)},
            "labels": self.table.notebook_labels(
                PurePosixPath(page.src_uri).stem, notebooks.labels_said(
                    page.notebook_text, page.path), page.path)}
        return [(f"words.{page.language}.json",
                 json.dumps(table, ensure_ascii=False, indent=1,
                            sort_keys=True))]

    def on_page_read_source(self, page, config):
        page_context = self.contexts[page.file.src_uri]
        if page_context.notebook:
            return ""
        return translations.page_source(page_context)

    # ---- a page's Markdown: lint, includes, figures, values ------------

    def on_page_markdown(self, markdown, page, config, files):
        page_context = self.contexts[page.file.src_uri]
        if page_context.notebook:
            return markdown
        where, first = page_context.path, page_context.body_line
        lint.check_math(markdown, where, first)
        typed = lint.typed_numbers(
            markdown, [*self.allowed, *page_context.allowed_numbers], first)
        if typed:
            line, number = typed[0]
            raise PluginError(
                f"{where}:{line}: the number {number} is typed into the "
                "page; insert it from the page's values as %%name%% (or, if "
                "it is not a computed result, list it with a reason under "
                "allowed_numbers in the page's front matter)")
        includes.check(markdown, self.root / self.config.snippets, where,
                       first)
        assets.check(page_context.assets, files, where)
        render = self.values.renderer(page_context.values_module, where)
        if page_context.translated:
            markdown = headings.assign(
                markdown, self._heading_ids(page_context.original, render,
                                            config), first, where)
        markdown = self.figures.place(markdown, page_context, render)
        self.formulas[page.file.src_uri] = formulas = []
        return markers.substitute(markdown, render, where, first, formulas)

    def _heading_ids(self, source, render, config, notebook=False):
        """The ids the original's headings get, in order."""
        if self.converter is None:
            import markdown

            self.converter = markdown.Markdown(
                extensions=config.markdown_extensions,
                extension_configs=config.mdx_configs)
        if notebook:
            return headings.ids("\n\n".join(
                cell for cell, _ in parity.markdown_cells(source.body)),
                self.converter)
        blanked = markers.FIGURE_LINE.sub("", source.body)  # not headings
        return headings.ids(markers.substitute(
            blanked, render, source.path, source.body_line), self.converter)

    # ---- a page's HTML: notebooks, then its math ----------------------

    def on_page_content(self, html, page, config, files):
        page_context = self.contexts[page.file.src_uri]
        if page_context.notebook:
            html = self._notebook_page(page_context, page, config, files)
        else:
            html = sections.wrap(html)
        html = highlight.unwrap_plain_tokens(html)
        html = translations.notice(
            page_context, self.words, self.original_url_of(page),
            self.original.code) + (
            f'<div lang="{page_context.language}">{html}</div>'
            if page_context.language != self.edition.code else html)
        if self.katex:
            html = self.katex.typeset_page(
                page.file.src_uri, html, page_context.path,
                katex.Sources(self.formulas.get(page.file.src_uri, [])))
        return html

    def _notebook_page(self, page_context, page, config, files):
        html = self.notebooks.page_html(page_context,
                                        self._notebook_words(page_context))
        html = headings.assign_html(html, self._heading_ids(
            page_context.original or page_context.source, None, config,
            notebook=True), page_context.path)
        page.toc = get_toc(notebooks.toc_tokens(html))
        return notebooks.fit_page(
            html, page, files, katex.span,
            lambda module, name: self.figures.html(
                module, name, page, page_context.language),
            self.words["download"])

    def original_url_of(self, page):
        """The page in the original edition, from the site's root."""
        return self.alternate[0]["link"] + page.url

    template_code = None  # compiled templates, kept while the process runs

    def on_env(self, env, config, files):
        # MkDocs makes a new environment per build; under `mkdocs serve`
        # each rebuild would compile every template again
        if self.template_code is None:
            self.template_code = TemplateCode()
        env.bytecode_cache = self.template_code
        if self.notebooks.executed:
            log.info("notebooks: executed %s",
                     ", ".join(self.notebooks.executed))
        if self.katex:
            self.katex.save(prune=not self.dirty)
        return env

    @event_priority(-50)  # after the search plugin has indexed the page
    def on_post_page(self, output, page, config):
        page_context = self.contexts[page.file.src_uri]
        own = list(page_context.assets)
        if page_context.notebook:
            own.append(notebooks.STYLESHEET)
        if self.katex:
            output = self.katex.insert(page.file.src_uri, output)
        self.written.add(page.file.src_uri)
        output = alternates.point(output, config.extra.get("alternate"),
                                  page.url)
        output = search.insert(output, self.search_script)
        scripts = [path for path in [*config.extra_javascript, *own]
                   if str(path).endswith(".js")]
        output = assets.insert_words(output, self._script_words(scripts))
        urls = [get_relative_url(path, page.url) for path in own]
        return assets.deferred(assets.insert(output, *assets.by_kind(urls)))

    def on_post_template(self, output_content, template_name, config):
        """The theme's own pages (404.html) wait for a search as well, and
        speak the edition's language."""
        if template_name == "404.html":
            output_content = self._not_found(output_content)
        if template_name.endswith(".html"):
            return assets.deferred(search.insert(output_content,
                                                 search.script()))
        return output_content

    def _not_found(self, output):
        """The 404 page with its heading in the edition's words."""
        heading = f"<h1>{words.WORDS['not_found']}</h1>"
        if heading not in output:
            raise PluginError(f"404.html: the theme no longer writes "
                              f"{heading}, which the build translates")
        return output.replace(heading, html.escape(
            self.words["not_found"]).join(("<h1>", "</h1>")), 1)

    def _script_words(self, scripts):
        """The edition's words for the scripts a page runs, by script."""
        names = {Path(str(path)).stem for path in scripts}
        return {name: self.table.scripts[name] for name in sorted(names)
                if name in self.table.scripts}

    # ---- the end of a build, whatever its outcome ---------------------

    @event_priority(-50)  # after the search plugin has written its index
    def on_post_build(self, config):
        self._release()
        if self.outputs:  # a dirty build: the caches keep what it kept
            self.outputs.save(config.site_dir, self.written,
                              "material/search" in config.plugins,
                              self.warnings.count)
        else:
            for store in self.caches.values():
                store.prune()
        if "material/search" in config.plugins:
            try:
                search.fix_query_segments(config.site_dir)
            except ValueError as error:
                self._stop_editions()
                raise PluginError(str(error)) from None
        if self.editions and self.editions.running:  # started by this build
            builds = self.editions
            if not self.serving:
                self.editions = None
            builds.finish()

    def on_build_error(self, error):
        self._release()
        self._stop_editions()

    def _stop_editions(self):
        """Give up the editions' builds under way (their processes go
        with them, unless they serve a `mkdocs serve` session's next
        builds)."""
        if self.editions and self.editions.running:
            self.editions.abandon()

    def _release(self):
        """What a build set up goes, and what it changed is put back:
        nothing it did reaches the next build in this process."""
        if self.katex:
            self.katex.close()
        self.snippets.release()
        logging.getLogger("jieba").setLevel(self.segmenter_level)
        self.build_log.removeFilter(dirty.QUIET)
        self.framework_log.removeHandler(self.warnings)
