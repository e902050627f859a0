# shellcheck shell=bash
# Chromium for the browser tests (Playwright drives Debian's package; it never downloads a browser).
# Source this file; do not execute it.

CHROMIUM_BIN=/usr/bin/chromium

chromium_ensure_installed() {
  [[ -x $CHROMIUM_BIN ]] && return 0
  if ((EUID != 0)); then
    echo "chromium: error: $CHROMIUM_BIN not found. Install it (sudo apt-get install chromium) for the browser tests." >&2
    return 1
  fi
  echo "chromium: installing Debian's chromium for the browser tests ..." >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [[ -x $CHROMIUM_BIN ]] || { echo "chromium: error: installed, but $CHROMIUM_BIN is still missing" >&2; return 1; }
}
