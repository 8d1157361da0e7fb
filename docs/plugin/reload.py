"""Under ``mkdocs serve``, an edit reaches the build as the file system
reports it.

MkDocs's dev server polls the folders it watches twice a second, so an
edit waits a quarter of a second on average (half a second at worst)
before its rebuild starts: as long as a dirty build of a page takes. The
operating system reports a changed file at once (inotify on Linux, through
watchdog, the library MkDocs watches with); ``report_at_once`` moves the
server's watches onto that observer before the server starts it. Only
changes are heard: the system also reports a file opened or read, and a
build reads every page (the server would rebuild for ever). Where the
system cannot watch a folder so (no such facility, or its limit of watches
reached), the polling stays.
"""

import logging

from watchdog import events
from watchdog.observers import Observer

log = logging.getLogger("mkdocs.plugins.appendix.reload")
# what polling reports too: a file made, removed, written or moved
CHANGES = [events.FileCreatedEvent, events.FileDeletedEvent,
           events.FileModifiedEvent, events.FileMovedEvent,
           events.FileClosedEvent, events.DirCreatedEvent,
           events.DirDeletedEvent, events.DirMovedEvent]


class ChangesObserver(Observer):
    """The system's file events, of changes only."""

    def schedule(self, event_handler, path, *, recursive=False,
                 event_filter=None, **options):
        return super().schedule(event_handler, path, recursive=recursive,
                                event_filter=event_filter or CHANGES,
                                **options)


def report_at_once(server, observer_class=None):
    """Watch what ``server`` (MkDocs's LiveReloadServer, not yet serving)
    watches with the system's file events instead of polling; a server
    that does not say what it watches is left as it is."""
    observer_class = observer_class or ChangesObserver
    # path -> how many times it was asked for (its unwatch counts down)
    watched = dict(getattr(server, "_watched_paths", None) or {})
    if not watched or type(server.observer) is observer_class:
        return
    trial = observer_class()  # a watch is made when its observer starts
    try:
        for path in watched:
            trial.schedule(events.FileSystemEventHandler(), path,
                           recursive=True)
        trial.start()
    except OSError as error:
        log.info("reload: the file system cannot report edits at once "
                 "(%s); polling for them", error)
        return
    finally:
        trial.stop()
        if trial.is_alive():
            trial.join()
    for path, count in watched.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = observer_class()
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
