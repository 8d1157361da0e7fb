"""A folder of build outputs, each stored under the digest of its inputs.

A key names exactly what produced an output, so an entry never goes stale:
it is only ever unused, and an entry another edition made under the same
key is the same output (a new edition's first build takes, say, the
figures that have no words of its own from the original's). Each folder
belongs to one edition and remembers which keys its last ``RECENT`` builds
used; pruning drops the entries none of them used, so undoing an edit
finds the old entry again however many outputs a build makes, and one
edition never prunes another's. Writes are atomic, so an interrupted
build leaves no torn entry behind.
"""

import functools
import hashlib
import importlib.metadata
import json
import os
import tempfile
import time
from pathlib import Path

RECENT = 16  # builds whose outputs are kept
TEMPORARY = ".tmp-"  # a write in progress, renamed into place when done
ABANDONED = 600  # seconds after which a temporary file is a write cut short


@functools.cache
def version(library):
    """The installed version of ``library``, read once per process (its
    metadata is parsed each time it is asked for; it cannot change under a
    running build)."""
    return importlib.metadata.version(library)


def digest(*parts):
    """A hex digest of ``parts`` (strings, bytes, or JSON-able values)."""
    hasher = hashlib.sha256()
    for part in parts:
        if isinstance(part, str):
            part = part.encode("utf-8")
        elif not isinstance(part, bytes):
            part = json.dumps(part, sort_keys=True, default=repr).encode()
        hasher.update(len(part).to_bytes(8, "big"))
        hasher.update(part)
    return hasher.hexdigest()


def write_atomic(path, data):
    """Write ``data`` (bytes) to ``path`` through a temporary file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=TEMPORARY)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


class Cache:
    """Outputs in ``folder``, by key; ``suffix`` names their kind;
    ``others``: other editions' folders of the same kind, read (never
    written or pruned) when ``folder`` lacks a key."""

    def __init__(self, folder, suffix, recent=RECENT, others=()):
        self.folder = Path(folder)
        self.suffix = suffix
        self.recent = recent
        self.others = [Path(other) for other in others]
        self.used = set()  # keys this build read or wrote

    def _path(self, key, folder=None):
        return (folder or self.folder) / f"{key}{self.suffix}"

    @property
    def _record(self):
        return self.folder / f".recent{self.suffix}.json"

    def get(self, key):
        """The bytes stored under ``key``, or None."""
        try:
            data = self._path(key).read_bytes()
        except FileNotFoundError:
            for other in self.others:
                try:
                    return self.put(key, self._path(key, other).read_bytes())
                except FileNotFoundError:
                    continue
            return None
        self.used.add(key)
        return data

    def put(self, key, data):
        write_atomic(self._path(key), data)
        self.used.add(key)
        return data

    def prune(self):
        """Record this build's keys; drop the entries that none of the
        last ``recent`` builds used."""
        try:
            builds = json.loads(self._record.read_text("utf-8"))
        except (FileNotFoundError, ValueError):
            builds = []
        builds = [*builds, sorted(self.used)][-self.recent:]
        keep = {key for keys in builds for key in keys}
        for path in self.folder.glob(f"*{self.suffix}"):
            if path.name[: -len(self.suffix)] not in keep:
                path.unlink(missing_ok=True)
        # what a write cut short left: old enough that no build running
        # beside this one (mkdocs serve and a test run) is writing it
        for path in self.folder.glob(f"{TEMPORARY}*"):
            try:
                if time.time() - path.stat().st_mtime > ABANDONED:
                    path.unlink()
            except FileNotFoundError:
                pass
        if keep or self.folder.is_dir():
            write_atomic(self._record, json.dumps(builds).encode())
