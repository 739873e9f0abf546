#!/usr/bin/env bash
# Regenerates tests/fixtures/measures_reference.json: reference values for the statistical
# formulas of src/analysis/{stat,keyness,assoc,dispersion,trend}.rs from NLTK, scipy,
# pymannkendall and 50-digit mpmath (see benches/measures_reference.py for what comes from
# where). tests/measures_reference.rs checks tahlil against the committed file, so CI needs
# no Python; run this only to refresh or extend the fixture.
#
#   benches/measures_reference.sh            # venv in ${TMPDIR:-/tmp}/tahlil-measures-venv
#   VENV=/some/where benches/measures_reference.sh
#
# The venv is built outside the repository, with the versions pinned below (the ones the
# committed fixture was made with), and left in place for the next run.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VENV=${VENV:-${TMPDIR:-/tmp}/tahlil-measures-venv}
case "$VENV" in "$ROOT"/*) echo "measures_reference.sh: VENV must be outside the repository" >&2; exit 2 ;; esac
PACKAGES=(nltk==3.10.4 scipy==1.17.1 numpy==2.4.6 mpmath==1.4.1 pymannkendall==1.4.3)
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install -q "${PACKAGES[@]}"
"$VENV/bin/python" "$ROOT/benches/measures_reference.py" "$ROOT/tests/fixtures/measures_reference.json"
