"""The appendix's build: one MkDocs plugin, its parts one concern each.

Data flows one way. ``on_files`` reads every page once into a
``PageContext`` and makes what pages link to (figures, notebook pages and
downloads, page data); each later event takes a page's context and hands
the parts exactly what they need. Per-build state is made afresh in
``on_pre_build``, so ``mkdocs serve`` and repeated builds in one process
see every edit; the KaTeX engine is closed at the end of every build,
failed or not.
"""

import json
import logging
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config import config_options as option
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from . import (alternates, assets, cache, context, editions, figures,
               includes, katex, lint, markers, modules, notebooks, parity,
               repository, sections, values, words)

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
    # editions (editions.py), paths relative to the config that names them:
    # the original lists its translations by language...
    translations = option.Type(dict, default={})
    # ...and a translation names the config of its original
    original = option.Optional(option.Type(str))


class AppendixPlugin(BasePlugin[AppendixConfig]):
    """Values, includes, figures, notebooks, math and links of pages.

    It has no ``on_startup`` or ``on_shutdown``: MkDocs keeps one object
    of a plugin that has them for every config a process loads, and each
    edition needs its own (editions.py).
    """

    katex = None  # the formula engine of the running build

    def on_config(self, config):
        config_file = Path(config.config_file_path).resolve()
        self.language = config.theme.get("language", "en")
        self.words = words.words(self.language)
        self.original = self._read_original(config_file, config)
        # the project's root: the original's folder, for every edition
        self.root = (self.original.root if self.original
                     else config_file.parent)
        self.config_path = config_file.relative_to(self.root).as_posix()
        lint.check_allowed(self.config.allowed_numbers, self.config_path)
        self.allowed = list(self.config.allowed_numbers)
        self.snippets = modules.SnippetsModules(self.root)
        includes.configure(config.mdx_configs,
                           self.root / self.config.snippets)
        repository.configure(config, self.words["source"])
        # the editions' links are relative to the original's address
        alternates.resolve(config.extra.get("alternate"),
                           urljoin(config.site_url or "/", "..")
                           if self.original else config.site_url)
        # the search plugin's word segmenter announces its dictionary on
        # stderr at every build
        logging.getLogger("jieba").setLevel(logging.WARNING)
        return config

    def _read_original(self, config_file, config):
        if not self.config.original:
            return None
        if self.config.translations:
            raise PluginError(f"{config_file.name}: a translation "
                              "('original:') lists no translations")
        original = editions.read_original(config_file.parent
                                          / self.config.original)
        # a translation lives below its original: <original>/<language>/
        # (the original's build passes that address; alone, it is made)
        if not (config.site_url or "").endswith(f"/{self.language}/"):
            config.site_url = original.site_url_of(self.language)
        return original

    def _cache(self, name, suffix, keep=64):
        return cache.Cache(self.root / self.config.cache_dir / name, suffix,
                           keep)

    def _parity_cache(self):
        return self._cache("parity", ".ok", keep=256)

    def on_pre_build(self, config):
        if self.katex:  # left by a build that was interrupted
            self.katex.close()
        self.snippets.prepare()
        self.contexts = {}  # src_uri -> PageContext
        self.values = values.Values(self.snippets)
        self.figures = figures.Figures(
            self.snippets, self.values, self._cache("figures", ".svg"),
            self.language, self.allowed)
        self.notebooks = notebooks.Notebooks(
            self.root, config.docs_dir, self.snippets,
            self._cache("notebooks", ".bin"), self.language, self.words)
        self.katex = katex.KaTeX(
            self.root / "node_modules" / "katex",
            self.root / self.config.cache_dir / "katex"
        ) if self.config.math else None
        self.katex_stylesheet = None
        self.written = set()  # pages written by this build

    # ---- reading pages, making what they link to ---------------------

    def on_files(self, files, config):
        pages = [f for f in files if notebooks.is_notebook(
            f, self.config.notebooks)]
        if self.original:
            editions.check_nav(self.original, config.nav, self.config_path)
            checker = cache.digest(*(Path(part.__file__).read_bytes() for
                                     part in (parity, markers, includes)))
            for file in [*files.documentation_pages(), *pages]:
                self._check_parity(file, checker)
        for file in list(files.documentation_pages()):
            self._add_page(context.read_page(file, self.root, self.language),
                           files, config)
        for file in pages:
            self._add_notebook(file, files, config)
        self.figures.report()
        return files

    def _check_parity(self, file, checker):
        """Stop if a page says other things than its original; a verdict
        is kept under both texts and the digest of the ``checker`` code."""
        original = self.original.docs_dir / file.src_uri
        translation = Path(file.abs_src_path)
        where = translation.resolve().relative_to(self.root).as_posix()
        if not original.is_file():
            raise PluginError(f"{where}: the original has no "
                              f"{self.original.path(file.src_uri)}")
        sources = (original.read_bytes(), translation.read_bytes())
        store = self._parity_cache()
        key = cache.digest(*sources, self.language, checker)
        if store.get(key) is None:
            parity.check(self.original.path(file.src_uri),
                         sources[0].decode("utf-8"), where,
                         sources[1].decode("utf-8"),
                         (self.original.language, self.language),
                         notebook=file.src_uri.endswith(".py"))
            store.put(key, b"")

    def _add_page(self, page, files, config):
        self.contexts[page.src_uri] = page
        lint.check_allowed(page.allowed_numbers, page.path)
        if page.figures_module:
            for uri, svg in self.figures.draw(page).items():
                files.append(File.generated(config, uri, content=svg))
        if page.values_module:
            module = self.values.module(page.values_module, page.path)
            for name, data in getattr(module, "page_data", dict)().items():
                files.append(File.generated(
                    config, f"data/{page.values_module}/{name}",
                    content=json.dumps(data, indent=1)))

    def _add_notebook(self, file, files, config):
        page = context.read_page(file, self.root, self.language,
                                 notebook=True)
        self.contexts[page.src_uri] = page
        allowed, cells = self.notebooks.prose(file.abs_src_path)
        lint.check_allowed(allowed, page.path)
        for number, source in cells:
            typed = lint.typed_numbers(source, [*self.allowed, *allowed])
            if typed:
                raise PluginError(
                    f"{page.path}: markdown cell {number}: the number "
                    f"{typed[0][1]} is typed into the notebook; let a code "
                    "cell compute and print it")
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
            content=self.notebooks.download(file.abs_src_path,
                                            absolute_url)))

    def on_page_read_source(self, page, config):
        page_context = self.contexts[page.file.src_uri]
        return "" if page_context.notebook else page_context.source

    # ---- a page's Markdown: lint, includes, figures, values ------------

    def on_page_markdown(self, markdown, page, config, files):
        page_context = self.contexts[page.file.src_uri]
        if page_context.notebook:
            return markdown
        where, first = page_context.path, page_context.body_line
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
        markdown = self.figures.place(markdown, page_context, render)
        return markers.substitute(markdown, render, where, first)

    # ---- a page's HTML: notebooks, then its math ----------------------

    def on_page_content(self, html, page, config, files):
        page_context = self.contexts[page.file.src_uri]
        if page_context.notebook:
            html, toc = self.notebooks.page_html(page.file.abs_src_path,
                                                 page_context.path)
            page.toc = get_toc(toc)
            html = notebooks.fit_page(html, page, files, katex.span,
                                      self.figures.html,
                                      self.words["download"])
        else:
            html = sections.wrap(html)
        if self.katex:
            self.katex.typeset_page(page.file.src_uri, html,
                                    page_context.path)
        return html

    def on_env(self, env, config, files):
        if self.notebooks.executed:
            log.info("notebooks: executed %s",
                     ", ".join(self.notebooks.executed))
        if not self.katex:
            return env
        self.katex.save()
        self.katex_stylesheet, served = self.katex.assets(
            self._cache("katex-fonts", ".woff2"))
        for uri, data in served.items():
            files.append(File.generated(config, uri, content=data))
        return env

    @event_priority(-50)  # after the search plugin has indexed the page
    def on_post_page(self, output, page, config):
        page_context = self.contexts[page.file.src_uri]
        own = list(page_context.assets)
        if page_context.notebook:
            own.append(notebooks.STYLESHEET)
        if self.katex and self.katex.has_math(page.file.src_uri):
            output = self.katex.insert(page.file.src_uri, output)
            own.insert(0, self.katex_stylesheet)
        self.written.add(page.file.src_uri)
        output = alternates.point(output, config.extra.get("alternate"),
                                  page.url)
        urls = [get_relative_url(path, page.url) for path in own]
        return assets.insert(
            output, [url for url in urls if not url.endswith(".js")],
            [url for url in urls if url.endswith(".js")])

    # ---- the end of a build, whatever its outcome ---------------------

    def on_post_build(self, config):
        if self.katex:
            self.katex.close()
        if self.written != set(self.contexts):
            # font subsets and the formula cache need every page
            raise PluginError("this site builds every page every time: "
                              "run it without --dirty")
        for name, suffix in (("figures", ".svg"), ("notebooks", ".bin"),
                             ("katex-fonts", ".woff2")):
            self._cache(name, suffix).prune()
        self._parity_cache().prune()
        for language, config_file in self.config.translations.items():
            editions.build(
                Path(config.config_file_path).parent / config_file,
                language, Path(config.site_dir) / language,
                urljoin(config.site_url or "/", f"{language}/"))

    def on_build_error(self, error):
        if self.katex:
            self.katex.close()


