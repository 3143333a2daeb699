#!/usr/bin/env bash
# Installs Debian's Chromium and its driver for the end-to-end tests (tests/test_e2e_browser.py), when missing:
# apt-get as root, or through sudo. Playwright drives /usr/bin/chromium and never downloads a browser.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi
if [ "$(id -u)" = 0 ]; then
    as_root=()
elif command -v sudo >/dev/null; then
    as_root=(sudo)
else
    echo "install_browser: chromium and chromium-driver are missing, and installing them needs root or sudo" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get install -y -qq chromium chromium-driver >/dev/null \
    || { "${as_root[@]}" apt-get update -qq >/dev/null && "${as_root[@]}" apt-get install -y -qq chromium chromium-driver >/dev/null; }
