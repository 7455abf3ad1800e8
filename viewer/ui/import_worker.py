"""Importing into the library from the app: a worker thread and a progress dialog.

:class:`ImportWorker` does the work (in whatever thread it is moved to) and reports
through signals; :func:`run_import` wires it to a ``QThread`` and a cancellable
``QProgressDialog`` so that the window stays responsive, shows failures as one-line
message boxes and calls back when done (e.g. to refresh the library panel).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from viewer.errors import UserError
from viewer.library import ImportProgress, ImportStats, Library

_RUNNING: set[_ImportController] = set()
"""Imports in flight (keeps their Python objects alive until they finish)."""


def describe(progress: ImportProgress) -> str:
    """``"12,345 pages · 1,234 pages/s"`` (plus the source's name)."""
    name = Path(progress.source).name or progress.source
    return f"{name}\n{progress.pages:,} pages · {progress.rate:,.0f} pages/s"


class ImportWorker(QObject):
    """Imports ``sources`` into the library at ``library_path``, one after the other.

    Signals:
        progress(ImportProgress): now and then while importing.
        finished(list[ImportStats]): every source done (or the user cancelled).
        failed(str): a one-line error; what was imported before it is kept.
    """

    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, library_path: Path, sources: list[Path],
                 workers: int | None = None) -> None:
        super().__init__()
        self.library_path = library_path
        self.sources = list(sources)
        self.workers = workers
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the import to stop after the current batch (thread-safe)."""
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        """Do the import (call in the worker thread); ends with finished or failed."""
        results: list[ImportStats] = []
        try:
            with Library.open(self.library_path) as library:
                for source in self.sources:
                    if self._cancel.is_set():
                        break
                    results.append(library.import_source(
                        source, progress=self.progress.emit, cancel=self._cancel.is_set,
                        workers=self.workers))
        except UserError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # a bug must not take the app down with it
            self.failed.emit(f"the import stopped unexpectedly: {exc}".splitlines()[0])
            return
        self.finished.emit(results)


class _ImportController(QObject):
    """Lives in the GUI thread and receives the worker's signals there (queued)."""

    def __init__(self, parent: QWidget, worker: ImportWorker, thread: QThread,
                 dialog: QProgressDialog,
                 on_done: Callable[[list[ImportStats]], None] | None) -> None:
        super().__init__(parent)
        self.window = parent
        self.worker = worker
        self.worker_thread = thread
        self.dialog = dialog
        self.on_done = on_done
        self.stats: list[ImportStats] = []

    @Slot(object)
    def on_progress(self, progress: ImportProgress) -> None:
        self.dialog.setLabelText(describe(progress))
        fraction = progress.fraction
        if fraction is None:
            self.dialog.setMaximum(0)  # busy indicator
        else:
            self.dialog.setMaximum(1000)
            self.dialog.setValue(int(fraction * 1000))

    @Slot(object)
    def on_finished(self, stats: list[ImportStats]) -> None:
        self.dialog.close()
        self.stats = stats
        self.worker_thread.quit()  # on_thread_finished follows

    @Slot()
    def on_thread_finished(self) -> None:
        """The thread has ended: release the dialog and report to ``on_done``.

        The thread object and this controller stay children of the window (deleting
        them here raced with Qt's own end-of-thread work); they are small.
        """
        self.worker_thread.wait()
        _RUNNING.discard(self)
        self.dialog.deleteLater()
        if self.on_done is not None:
            self.on_done(self.stats)

    @Slot(str)
    def on_failed(self, message: str) -> None:
        self.on_finished([])
        box = QMessageBox(QMessageBox.Icon.Warning, "Import failed", message,
                          QMessageBox.StandardButton.Ok, self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


def run_import(parent: QWidget, library_path: Path, sources: list[Path],
               on_done: Callable[[list[ImportStats]], None] | None = None, *,
               workers: int | None = None) -> ImportWorker:
    """Import ``sources`` in a worker thread behind a cancellable progress dialog.

    Errors appear in a message box (one line).  ``on_done`` is called in the GUI thread
    with the statistics once the import and its thread have ended (also after a
    failure, with an empty list, so that views can refresh).  Returns the worker.
    """
    thread = QThread(parent)
    worker = ImportWorker(library_path, sources, workers)
    worker.moveToThread(thread)
    dialog = QProgressDialog("Importing…", "Cancel", 0, 1000, parent)
    dialog.setWindowTitle("Import into the library")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    controller = _ImportController(parent, worker, thread, dialog, on_done)
    _RUNNING.add(controller)
    worker.progress.connect(controller.on_progress)
    worker.finished.connect(controller.on_finished)
    worker.failed.connect(controller.on_failed)
    dialog.canceled.connect(worker.cancel, Qt.ConnectionType.DirectConnection)
    # Clean-up once the thread has ended: the thread object, the dialog and the
    # controller (owned by the window) are deleted later in the GUI thread; the worker
    # (owned by Python) goes with the last Python reference to it.
    thread.finished.connect(controller.on_thread_finished)
    thread.started.connect(worker.run)
    thread.start()
    return worker
