"""A folder of build outputs, each stored under the digest of its inputs.

A key names exactly what produced an output, so an entry never goes stale:
it is only ever unused. Several entries per output are kept (undoing an
edit finds the old one); the least recently used go once there are more
than ``keep``. Writes are atomic, so an interrupted build leaves no torn
entry behind.
"""

import hashlib
import json
import os
import tempfile
from pathlib import Path


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
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


class Cache:
    """Outputs in ``folder``, by key; ``suffix`` names their kind."""

    def __init__(self, folder, suffix, keep=64):
        self.folder = Path(folder)
        self.suffix = suffix
        self.keep = keep

    def _path(self, key):
        return self.folder / f"{key}{self.suffix}"

    def get(self, key):
        """The bytes stored under ``key``, or None."""
        path = self._path(key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        os.utime(path)  # recently used: kept longest
        return data

    def put(self, key, data):
        write_atomic(self._path(key), data)
        return data

    def prune(self):
        """Drop the least recently used entries beyond ``keep``."""
        entries = sorted(self.folder.glob(f"*{self.suffix}"),
                         key=lambda path: path.stat().st_mtime,
                         reverse=True)
        for path in entries[self.keep:]:
            path.unlink(missing_ok=True)
