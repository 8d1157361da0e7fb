"""Import the ``snippets`` page modules of one project, and know their code.

Each module is imported from bytes read once: the loader keeps the digest
of exactly those bytes, of their syntax tree (what the code means, without
comments or layout) and the ``snippets`` modules they import. Cache keys
are made of syntax digests, so a key names the code that really ran and a
comment edit redoes nothing; an edit saved while a build is running is
seen by the next one (``mkdocs serve`` never loses it).
Before every build, modules whose file changed since they were imported
(or that come from another project) are dropped, with every other
``snippets`` module, so that the next import reads them again.
"""

import ast
import functools
import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from pathlib import Path

from . import cache

PACKAGE = "snippets"


def _in_package(name):
    return name == PACKAGE or name.startswith(PACKAGE + ".")


@functools.lru_cache(maxsize=64)
def _parsed(source):
    """A syntax tree of ``source``, parsed once per process (a notebook's
    text is read at every build of a ``mkdocs serve`` session)."""
    return ast.parse(source)


def imported_names(source, package=PACKAGE):
    """Names of the ``snippets`` modules (or attributes) ``source`` (text
    or a syntax tree) imports.

    >>> sorted(imported_names("import numpy\\n"
    ...     "from snippets import values as v, two_state\\n"
    ...     "from snippets.figures import FigureSpec\\n"
    ...     "from . import calculus_basics"))
    ['snippets.calculus_basics', 'snippets.figures', 'snippets.two_state', \
'snippets.values']
    """
    names = set()
    tree = source if isinstance(source, ast.AST) else _parsed(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names if _in_package(a.name)}
        elif isinstance(node, ast.ImportFrom):
            base = package if node.level else node.module or ""
            if node.level and node.module:
                base = f"{package}.{node.module}"
            if base == package:
                names |= {f"{package}.{a.name}" for a in node.names}
            elif _in_package(base):
                names.add(base)
    return names


class StampingLoader(importlib.machinery.SourceFileLoader):
    """Compiles the module from the bytes it stamps (no bytecode cache)."""

    digest = None  # of the source that was compiled
    code_digest = None  # of its syntax tree: comments and layout ignored
    imports = frozenset()  # snippets modules that source imports

    def get_code(self, fullname):
        source = self.get_data(self.path)
        tree = ast.parse(source, self.path)
        self.digest = hashlib.sha256(source).hexdigest()
        self.code_digest = cache.digest(ast.dump(tree))
        self.imports = frozenset(imported_names(tree))
        return compile(tree, self.path, "exec", dont_inherit=True)


class SnippetsFinder(importlib.abc.MetaPathFinder):
    """Finds ``snippets`` and its modules under one project root."""

    def __init__(self, root):
        self.root = Path(root)

    def find_spec(self, fullname, path=None, target=None):
        if not _in_package(fullname):
            return None
        base = self.root.joinpath(*fullname.split("."))
        package = base / "__init__.py"
        file = package if package.is_file() else base.with_suffix(".py")
        if not file.is_file():
            return None
        return importlib.util.spec_from_file_location(
            fullname, file, loader=StampingLoader(fullname, str(file)),
            submodule_search_locations=[str(base)] if file == package
            else None)


class SnippetsModules:
    """The page modules of the project at ``root``, as this build sees them."""

    def __init__(self, root):
        self.root = Path(root).resolve()

    def prepare(self):
        """Import from this project, dropping every module imported before
        from other bytes or another folder; run at the start of a build."""
        sys.meta_path[:] = [finder for finder in sys.meta_path
                            if type(finder).__name__ != "SnippetsFinder"]
        sys.meta_path.insert(0, SnippetsFinder(self.root))
        loaded = [name for name in sys.modules if _in_package(name)]
        if any(not self._current(sys.modules[name]) for name in loaded):
            for name in loaded:
                del sys.modules[name]
        importlib.invalidate_caches()

    def _current(self, module):
        loader = getattr(module, "__loader__", None)
        if not isinstance(loader, StampingLoader) or loader.digest is None:
            return False
        path = Path(loader.path)
        if not path.is_file() or not path.is_relative_to(self.root):
            return False
        return hashlib.sha256(path.read_bytes()).hexdigest() == loader.digest

    def release(self):
        """Take this project's importer off ``sys.meta_path`` (the
        modules it imported stay, for the next build to check)."""
        sys.meta_path[:] = [finder for finder in sys.meta_path
                            if type(finder).__name__ != "SnippetsFinder"]

    def load(self, name):
        """The module ``snippets.<name>``; ModuleNotFoundError if none."""
        return importlib.import_module(f"{PACKAGE}.{name}")

    def closure(self, names):
        """Every snippets module that the modules ``names`` import,
        transitively, themselves included: name -> syntax digest."""
        found, todo = {}, [f"{PACKAGE}.{n}" for n in names]
        while todo:
            name = todo.pop()
            if name in found:
                continue
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError:
                continue  # an attribute imported from the package
            loader = module.__loader__
            found[name] = loader.code_digest
            todo += sorted(loader.imports)
        return found

    def key(self, *names):
        """A digest of the code of ``names`` and all they import."""
        return cache.digest(sorted(self.closure(names).items()))

    def files(self, names):
        """The files of ``names`` and of all they import."""
        return sorted(Path(importlib.import_module(name).__file__)
                      for name in self.closure(names))

    def source_path(self, name):
        """The module's file, relative to the project root."""
        return f"{PACKAGE}/{name}.py"
