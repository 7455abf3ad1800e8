#!/usr/bin/env bash
# Install (or remove) RefView's desktop integration for the current user: the menu entry,
# the icons, the AppStream metadata and the MIME types for .wiki files and MediaWiki dumps.
#
#   bash packaging/install-desktop.sh [--exec PROGRAM]    # from a source checkout
#   dist/refview/install-desktop.sh                       # from the stand-alone bundle
#   ... --uninstall                                       # remove everything it installed
#
# Files go under ${XDG_DATA_HOME:-~/.local/share}/{applications,icons/hicolor,metainfo,mime}.
# The menu entry runs PROGRAM: by default the bundle's own executable when run from the
# bundle, else `refview` as found on PATH (an absolute path is written when `refview` is
# not on the PATH your desktop session uses, e.g. inside a virtual environment).
# Nothing outside those folders is touched; no root rights are needed.
set -euo pipefail

APP_ID=io.github.refview.RefView
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
mode=install
exec_cmd=

usage() { sed -n '2,13s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

while [ $# -gt 0 ]; do
  case $1 in
    --uninstall) mode=uninstall ;;
    --exec) [ $# -ge 2 ] || { echo "install-desktop.sh: --exec needs a program" >&2; exit 2; }
            exec_cmd=$2; shift ;;
    --exec=*) exec_cmd=${1#--exec=} ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install-desktop.sh: unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

# Where the files to install are: a source checkout or the bundle (see build.sh).
if [ -f "$here/linux/$APP_ID.desktop" ]; then
  desktop_src=$here/linux/$APP_ID.desktop
  metainfo_src=$here/linux/$APP_ID.metainfo.xml
  mime_src=$here/linux/refview-mime.xml
  icons_src=$here/../resources/icons/hicolor
  default_exec=refview
elif [ -f "$here/share/applications/$APP_ID.desktop" ]; then
  desktop_src=$here/share/applications/$APP_ID.desktop
  metainfo_src=$here/share/metainfo/$APP_ID.metainfo.xml
  mime_src=$here/share/mime/packages/refview-mime.xml
  icons_src=$here/share/icons/hicolor
  default_exec=$here/refview
else
  echo "install-desktop.sh: cannot find the desktop files next to $here" >&2
  exit 1
fi

refresh_caches() {
  if command -v update-mime-database >/dev/null 2>&1 && [ -d "$data/mime/packages" ]; then
    update-mime-database "$data/mime" >/dev/null 2>&1 || true
  fi
  if command -v update-desktop-database >/dev/null 2>&1 && [ -d "$data/applications" ]; then
    update-desktop-database -q "$data/applications" >/dev/null 2>&1 || true
  fi
  # Icon themes rescan a folder whose time stamp changed.
  if [ -d "$data/icons/hicolor" ]; then touch "$data/icons/hicolor"; fi
}

if [ "$mode" = uninstall ]; then
  rm -f "$data/applications/$APP_ID.desktop" \
        "$data/metainfo/$APP_ID.metainfo.xml" \
        "$data/mime/packages/$APP_ID.xml"
  for icon in "$data"/icons/hicolor/*/apps/"$APP_ID".png "$data"/icons/hicolor/*/apps/"$APP_ID".svg; do
    [ -e "$icon" ] && rm -f "$icon"
  done
  refresh_caches
  echo "RefView's desktop integration was removed from $data"
  exit 0
fi

# The program the menu entry starts.
if [ -z "$exec_cmd" ]; then
  exec_cmd=$default_exec
  if [ "$exec_cmd" = refview ]; then
    if ! found=$(command -v refview); then
      echo "install-desktop.sh: warning: 'refview' is not on your PATH; the menu entry stays" \
           "hidden until it is (or run again with --exec /path/to/refview)" >&2
    elif [ -n "${VIRTUAL_ENV:-}" ] && [ "$found" = "$VIRTUAL_ENV/bin/refview" ]; then
      exec_cmd=$found  # a virtual environment is not on the desktop session's PATH
    fi
  fi
fi
# Exec quoting (Desktop Entry spec): plain when safe, else in double quotes with \ " ` $
# escaped; the escape character itself is doubled again by the string-value rules.
exec_key=$exec_cmd
if [[ ! $exec_cmd =~ ^[A-Za-z0-9_./+-]+$ ]]; then
  escaped=$exec_cmd
  for ch in "\\" '"' '`' '$'; do escaped=${escaped//"$ch"/\\$ch}; done
  exec_key="\"${escaped//\\/\\\\}\""
fi
tryexec_key=${exec_cmd//\\/\\\\}

mkdir -p "$data/applications" "$data/metainfo" "$data/mime/packages"
while IFS= read -r line || [ -n "$line" ]; do
  case $line in
    "Exec=refview "*) printf 'Exec=%s %s\n' "$exec_key" "${line#Exec=refview }" ;;
    "TryExec=refview") printf 'TryExec=%s\n' "$tryexec_key" ;;
    *) printf '%s\n' "$line" ;;
  esac
done < "$desktop_src" > "$data/applications/$APP_ID.desktop"
cp "$metainfo_src" "$data/metainfo/$APP_ID.metainfo.xml"
cp "$mime_src" "$data/mime/packages/$APP_ID.xml"
for dir in "$icons_src"/*/apps; do
  size=$(basename "$(dirname "$dir")")
  mkdir -p "$data/icons/hicolor/$size/apps"
  cp "$dir/$APP_ID".* "$data/icons/hicolor/$size/apps/"
done
refresh_caches
echo "RefView's desktop integration is installed in $data (menu entry runs: $exec_cmd)"
