#!/usr/bin/env bash
# Installs Debian's redis-server when it is missing: the tests of --state run a real one.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && apt-get install -y -qq redis-server
elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo apt-get install -y -qq redis-server
else
    echo "redis-server is missing and this user cannot install it (apt-get install redis-server as root)" >&2
    exit 1
fi
