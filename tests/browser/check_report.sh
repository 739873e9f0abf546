#!/usr/bin/env bash
# Opens the sample report in headless Chromium, as a reader would, and checks it:
#   - the page as written logs nothing to the console and requests nothing (offline);
#   - a probed copy (tests/browser/probe.js inserted before </body>) reports, at desktop
#     (1280 px) and phone (390 px) widths: lang/dir and the computed direction (RTL), the
#     Arabic headings, the rendered size of every SVG, no sideways page scroll, the network's
#     edges (India with the five republics, terrorism, cyber security) and its rendered
#     labels (inside the drawing, not overlapping);
#   - screenshots at both widths are not blank; the page prints to a PDF.
# The checks themselves are in tests/browser/check_dom.py; .ci/run runs this script.
#
# usage: tests/browser/check_report.sh [SHOTS_DIR]
#   SHOTS_DIR keeps the screenshots, DOM dumps and PDF (default: a temporary folder).
#   TAHLIL=path/to/tahlil uses that binary (default: target/release/tahlil, built if absent);
#   CHROMIUM=path/to/chromium (default: chromium on PATH; Debian package `chromium`).
set -euo pipefail
cd "$(dirname "$0")/../.."

chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$chromium" ]; then
  echo "check_report: chromium not found (Debian: apt-get install chromium)" >&2
  exit 1
fi
tahlil="${TAHLIL:-target/release/tahlil}"
if [ ! -x "$tahlil" ]; then
  cargo build --release --locked --quiet
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
work="${1:-$tmp/out}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"

"$tahlil" report data/corpus --quiet --output "$work/report.html"
# the probed copy: same page plus the measuring script
python3 - "$work/report.html" tests/browser/probe.js "$work/probed.html" <<'PY'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
probe = open(sys.argv[2], encoding="utf-8").read()
i = page.rindex("</body>")
open(sys.argv[3], "w", encoding="utf-8").write(page[:i] + "<script>" + probe + "</script>" + page[i:])
PY

run() { # run NAME ARGS... : one headless Chromium, its own profile, no network at all
  local name="$1"
  shift
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-extensions --hide-scrollbars --host-resolver-rules="MAP * ~NOTFOUND" \
    --user-data-dir="$tmp/profile-$name" "$@"
}

url="file://$work/report.html"
probed="file://$work/probed.html"
run console --enable-logging=stderr --v=0 --dump-dom "$url" >"$work/page.dom.html" 2>"$work/console.log"
run desktop --window-size=1280,1000 --dump-dom "$probed" >"$work/desktop.dom.html" 2>/dev/null
run mobile --window-size=390,800 --dump-dom "$probed" >"$work/mobile.dom.html" 2>/dev/null
run shot-desktop --window-size=1280,1400 --screenshot="$work/desktop.png" "$url" >/dev/null 2>&1
run shot-mobile --window-size=390,1400 --screenshot="$work/mobile.png" "$url" >/dev/null 2>&1
run pdf --no-pdf-header-footer --print-to-pdf="$work/report.pdf" "$url" >/dev/null 2>&1

python3 tests/browser/check_dom.py "$work"
