# Shared by scripts/start and scripts/test: make the virtual environment and install the project.
# Sourced, not run. Re-installs only when pyproject.toml changed since the last install.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mkdir -p var
PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  for candidate in python3.11 python3.12 python3; do
    if command -v "$candidate" >/dev/null 2>&1; then PY="$candidate"; break; fi
  done
fi
if ! "$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "需要 Python 3.11 或更高版本 (Python 3.11+ is required); found: $("$PY" --version)" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
EXTRAS="${GONGKAI_EXTRAS:-}"
STAMP="var/.installed${EXTRAS:+-$EXTRAS}"
LOCK="requirements${EXTRAS:+-$EXTRAS}.lock"  # exact versions (scripts/lock regenerates them)
if [ ! -f "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ] || [ "$LOCK" -nt "$STAMP" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
  .venv/bin/python -m pip install --quiet -r "$LOCK"
  .venv/bin/python -m pip install --quiet --no-deps -e .
  touch "$STAMP"
fi
export PATH="$ROOT/.venv/bin:$PATH"
# The 政府公报 PDF embeds a CJK TrueType face from Debian (fonts-arphic-uming, see
# gongkai/publishing/gazette.py); without root or apt the PDF falls back to a non-embedded font.
if [ ! -f "${GAZETTE_FONT:-/usr/share/fonts/truetype/arphic/uming.ttc}" ] \
    && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "安装公报字体 fonts-arphic-uming …"
  (apt-get install -y -qq fonts-arphic-uming >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y -qq fonts-arphic-uming >/dev/null 2>&1; }) || true
fi
