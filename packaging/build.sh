#!/usr/bin/env bash
# Build RefView's stand-alone one-folder bundle with PyInstaller.
#
#   pip install '.[packaging]'      # once, in the environment you build from
#   bash packaging/build.sh         # from the project root
#
# Output: dist/refview/ (run dist/refview/refview), dist/refview-VERSION-linux-ARCH.tar.gz,
# and a summary of the size and what dominates it.  Set PYTHON to choose the interpreter
# (default: python, else python3).  Exits non-zero if the build is incomplete: a bundled
# shared library that does not resolve, or a bundle that cannot print its version.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS

if [ -z "${PYTHON:-}" ]; then
  if command -v python >/dev/null 2>&1; then PYTHON=python; else PYTHON=python3; fi
fi
if ! "$PYTHON" -c 'import PyInstaller' 2>/dev/null; then
  echo "build.sh: PyInstaller is not installed for $PYTHON; run: $PYTHON -m pip install '.[packaging]'" >&2
  exit 1
fi
version=$("$PYTHON" -c 'import re; print(re.search(r"__version__ = \"([^\"]+)\"", open("viewer/__init__.py", encoding="utf-8").read())[1])')
arch=$(uname -m)
tarball="dist/refview-${version}-linux-${arch}.tar.gz"

echo "build.sh: building RefView ${version} with $("$PYTHON" -m PyInstaller --version 2>/dev/null | tail -n1) ($("$PYTHON" --version))"
rm -rf dist/refview "$tarball"
PYTHONDONTWRITEBYTECODE=1 "$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/refview.spec

bundle=dist/refview
# A module of ours importing something the spec excluded (or PyInstaller could not find)
# would fail at run time; conditional and optional imports are fine.
bad_imports=$(grep -E '^(missing|excluded) module named' build/pyinstaller/refview/warn-refview.txt |
  grep -E '[ ,](viewer[A-Za-z0-9_.]*|refview_entry) \((top-level|delayed)\)' || true)
if [ -n "$bad_imports" ]; then
  echo "build.sh: RefView imports modules that are not in the bundle:" >&2
  echo "$bad_imports" >&2
  exit 1
fi
# Notices at the top of the bundle, where a user looks for them; the full set (Qt's LGPL,
# third-party licenses, the sample's attribution) lives in _internal/resources/licenses/.
cp LICENSE "$bundle/LICENSE"
cat > "$bundle/NOTICE.txt" <<NOTICE
RefView ${version} - an offline reader for MediaWiki (Wikipedia) articles.
RefView is free software under the GNU General Public License v3 or later (LICENSE).

This bundle includes third-party software under their own licenses, among them Qt and
PySide6 (LGPL-3.0; the Qt libraries are the separate files under _internal/PySide6/Qt/lib and
can be replaced by your own builds), shiboken6 (LGPL-3.0), mwparserfromhell (MIT),
platformdirs (MIT) and Python (PSF-2.0). Their license texts, copyright notices and where to
get their source code are in _internal/resources/licenses/ (start with README.md there).
The sample article is from Wikipedia, CC BY-SA 4.0: _internal/resources/sample/ATTRIBUTION.md
NOTICE
# Desktop integration, installable from the unpacked bundle: dist/refview/install-desktop.sh
mkdir -p "$bundle/share/applications" "$bundle/share/metainfo" "$bundle/share/mime/packages" \
  "$bundle/share/icons"
cp packaging/linux/io.github.refview.RefView.desktop "$bundle/share/applications/"
cp packaging/linux/io.github.refview.RefView.metainfo.xml "$bundle/share/metainfo/"
cp packaging/linux/refview-mime.xml "$bundle/share/mime/packages/"
cp -r resources/icons/hicolor "$bundle/share/icons/"
cp packaging/install-desktop.sh "$bundle/install-desktop.sh"
chmod +x "$bundle/install-desktop.sh"
find "$bundle" -name __pycache__ -prune -exec rm -rf {} +

# Shared libraries taken from the build system: ship each one's Debian copyright file.
if command -v dpkg >/dev/null 2>&1; then
  mapfile -t syslibs < <(find "$bundle/_internal" -maxdepth 1 -type f -name 'lib*.so*' \
    ! -name 'libpython*' -printf '*/%f\n')
  if [ ${#syslibs[@]} -gt 0 ]; then
    mkdir -p "$bundle/licenses/system"
    dpkg -S "${syslibs[@]}" 2>/dev/null | cut -d: -f1 | sort -u | while read -r pkg; do
      if [ -f "/usr/share/doc/$pkg/copyright" ]; then
        cp "/usr/share/doc/$pkg/copyright" "$bundle/licenses/system/$pkg.copyright"
      fi
    done
  fi
fi

# Every bundled ELF file must find its libraries.  Desktop libraries (X11/xcb, Wayland,
# GTK for the optional GTK theme plugin, GL) come from the user's system and may be absent
# on a build machine: they are listed, not fatal.  A missing Qt, ICU, Python or binding
# library means the filters in refview.spec dropped too much: that fails the build.
unresolved=$(find "$bundle" -type f \( -name '*.so*' -o -name refview \) -print0 |
  LD_LIBRARY_PATH="$bundle/_internal" xargs -0 -n 20 ldd 2>/dev/null |
  awk '/not found/ {print $1}' | sort -u || true)
if [ -n "$unresolved" ]; then
  echo "build.sh: system libraries the bundle expects from the desktop (absent here): ${unresolved//$'\n'/ }"
  fatal=$(echo "$unresolved" | grep -E '^lib(Qt6|icu|python|pyside6|shiboken6)' || true)
  if [ -n "$fatal" ]; then
    echo "build.sh: bundled libraries missing from the bundle: ${fatal//$'\n'/ }" >&2
    exit 1
  fi
fi
if ! QT_QPA_PLATFORM=offscreen "$bundle/refview" --version >/dev/null; then
  echo "build.sh: the bundle does not start ($bundle/refview --version failed)" >&2
  exit 1
fi

tar -C dist -czf "$tarball" refview
elapsed=$((SECONDS - start))

"$PYTHON" - "$bundle" "$tarball" "$elapsed" <<'PY'
"""Print the bundle's size and what dominates it."""
import sys
from collections import Counter
from pathlib import Path

bundle, tarball, elapsed = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
sizes = {p: p.stat().st_size for p in files}
total = sum(sizes.values())


def group(path: Path) -> str:
    rel = path.relative_to(bundle).as_posix()
    name = path.name
    if "/Qt/plugins/" in rel:
        return "Qt plugins"
    if name.startswith("libicu"):
        return "ICU (Unicode data for QtCore)"
    if name.startswith("libQt6"):
        return "Qt libraries"
    if rel.startswith("_internal/PySide6/") or rel.startswith("_internal/shiboken6/"):
        return "PySide6/shiboken6 bindings"
    if (name.startswith("libpython") or name == "base_library.zip"
            or "/lib-dynload/" in rel):
        return "Python runtime"
    if rel.startswith("_internal/resources/"):
        return "RefView resources"
    if name == "refview":
        return "RefView executable (code archive)"
    if ".cpython-" in name:
        return "Python packages (mwparserfromhell...)"
    if ".so" in name:
        return "system libraries"
    return "other"


groups: Counter[str] = Counter()
for path, size in sizes.items():
    groups[group(path)] += size
mb = 1024 * 1024
print(f"\nbundle: {bundle}/  {total / mb:.1f} MiB in {len(files)} files")
print(f"archive: {tarball}  {tarball.stat().st_size / mb:.1f} MiB")
print(f"build time: {elapsed} s")
print("\nby part:")
for name, size in groups.most_common():
    print(f"  {size / mb:7.1f} MiB  {100 * size / total:4.1f} %  {name}")
print("\nlargest files:")
for path, size in sorted(sizes.items(), key=lambda kv: -kv[1])[:12]:
    print(f"  {size / mb:7.1f} MiB  {path.relative_to(bundle)}")
PY
