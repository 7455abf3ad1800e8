"""Start-up and big-article speed of the reader, against a bare PySide6 window.

    .venv/bin/python benchmarks/bench_startup.py [--runs 7]

Prints:

* the median wall time from process start to the first paint of the sample article in
  RefView's window, and of an empty ``QTextBrowser`` in a bare PySide6 window, measured
  alternately in the same run (subprocesses, offscreen), and their ratio (goal: <= 1.5x);
* the median time from asking for a ~500 KB article in a new tab to its first paint
  (goal: < 300 ms; the preview of its beginning counts), plus the parse+render time of
  the whole article, and the time until the whole article is painted.

Each child prints the wall-clock time of its first paint; the parent subtracts the time
just before it started the process.  Settings, session and library live in a temporary
folder: the user's files are never read or written.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _paint_probe(widget, ready, report):  # type: ignore[no-untyped-def]
    """Call ``report()`` at the first paint of ``widget`` for which ``ready()`` holds."""
    from PySide6.QtCore import QEvent, QObject

    class Probe(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and ready():
                widget.removeEventFilter(self)
                report()
            return False

    probe = Probe(widget)
    widget.installEventFilter(probe)
    return probe


def child_bare() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow, QTextBrowser

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    browser = QTextBrowser(window)
    window.setCentralWidget(browser)

    def report() -> None:
        print(f"{time.time():.6f}", flush=True)
        os._exit(0)

    _paint_probe(browser.viewport(), lambda: True, report)
    window.resize(1100, 760)
    window.show()
    app.exec()


def child_app(persistent: bool) -> None:
    from viewer.app import build_window, create_application, open_initial

    app = create_application()
    # persistent: settings, session and render cache in the (temporary) user folders, as
    # on a user's second launch; not persistent: nothing cached, as on a first launch.
    window = build_window(persistent=persistent)
    open_initial(window, [], [], restore=False)
    tab = window.current_tab()
    assert tab is not None

    def report() -> None:
        print(f"{time.time():.6f}", flush=True)
        os._exit(0)

    _paint_probe(tab.view.viewport(), lambda: tab.article is not None, report)
    window.show()
    app.exec()


def big_article(target_bytes: int = 500_000) -> str:
    """A ~500 KB article built from the sample: its sections repeated under new names."""
    from viewer.resources import SAMPLE_ARTICLE, read_text

    sample = read_text(SAMPLE_ARTICLE)
    body_start = sample.find("\n==")
    lead, body = sample[:body_start], sample[body_start:]
    parts = [lead]
    n = 0
    while sum(len(p) for p in parts) < target_bytes:
        n += 1
        parts.append(body.replace("\n== ", f"\n== Part {n}: ").replace("name=\"", f"name=\"p{n}"))
    return "".join(parts)


def child_big(path: str) -> None:
    from PySide6.QtCore import QTimer

    from viewer.app import build_window, create_application, open_initial
    from viewer.ui.main_window import render_article
    from viewer.ui.tabs import Source

    app = create_application()
    window = build_window(persistent=False)
    open_initial(window, [], [], restore=False)
    window.show()
    text = Path(path).read_text(encoding="utf-8")
    t0 = time.perf_counter()
    render_article(text, "Big")
    render_s = time.perf_counter() - t0

    def go() -> None:
        start = time.perf_counter()
        tab = window.open_source(Source("file", path))
        assert tab is not None

        first: list[float] = []

        def report_first() -> None:
            first.append(time.perf_counter() - start)
            if tab.article is not None:  # no preview: the first paint is the whole
                report()
            else:
                _paint_probe(tab.view.viewport(), lambda: tab.article is not None, report)

        def report() -> None:
            full = time.perf_counter() - start
            print(f"{first[0]:.6f} {full:.6f} {render_s:.6f}", flush=True)
            os._exit(0)

        # First paint: the preview of the article's beginning, or the whole.
        _paint_probe(tab.view.viewport(),
                     lambda: tab.is_previewing() or tab.article is not None, report_first)

    QTimer.singleShot(200, go)
    app.exec()


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", REFVIEW_TEST="1",
               # Byte-code cached as on a user's machine (an installed package has its
               # .pyc files), kept out of the source tree.
               PYTHONPYCACHEPREFIX=str(home / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"),
                     ("XDG_STATE_HOME", "state"), ("XDG_CACHE_HOME", "cache")):
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(home / sub)
    return env


def _run(mode: str, env: dict[str, str], *extra: str) -> str:
    result = subprocess.run([sys.executable, __file__, "--child", mode, *extra], env=env,
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    if result.returncode != 0 or not result.stdout.strip():
        raise SystemExit(f"child {mode} failed:\n{result.stderr}")
    return result.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--child", choices=("bare", "app", "app-cold", "big"))
    parser.add_argument("path", nargs="?")
    args = parser.parse_args()
    if args.child == "bare":
        child_bare()
    elif args.child in ("app", "app-cold"):
        child_app(persistent=args.child == "app")
    elif args.child == "big":
        child_big(args.path)
    if args.child:
        return

    with tempfile.TemporaryDirectory() as tmp:
        env = _env(Path(tmp))
        modes = ("bare", "app", "app-cold")
        timings: dict[str, list[float]] = {mode: [] for mode in modes}
        _run("app", env)  # warm the OS file cache, the .pyc files and the render cache
        for _ in range(args.runs):
            for mode in modes:
                start = time.time()
                painted = float(_run(mode, env))
                timings[mode].append(painted - start)
        bare, app, cold = (statistics.median(timings[m]) for m in modes)
        print(f"start-up to first paint (median of {args.runs}, offscreen):")
        print(f"  bare PySide6 + empty QTextBrowser:        {bare * 1000:7.1f} ms")
        print(f"  refview, sample article (render cached):  {app * 1000:7.1f} ms"
              f"   ratio {app / bare:.2f}x (goal <= 1.5x)")
        print(f"  refview, sample article (parsed at start): {cold * 1000:7.1f} ms"
              f"   ratio {cold / bare:.2f}x")

        big = Path(tmp) / "Big_article.wiki"
        big.write_text(big_article(), encoding="utf-8")
        paints, fulls, renders = [], [], []
        for _ in range(max(3, args.runs // 2)):
            paint, full, render = map(float, _run("big", env, str(big)).split())
            paints.append(paint)
            fulls.append(full)
            renders.append(render)
        print(f"{big.stat().st_size / 1024:.0f} KB article in a new tab, to first paint "
              f"(median of {len(paints)}): {statistics.median(paints) * 1000:.0f} ms "
              f"(goal < 300 ms; parse + render alone: "
              f"{statistics.median(renders) * 1000:.0f} ms)")
        print(f"  ... and to the first paint of the whole article (replacing the preview):"
              f" {statistics.median(fulls) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
