#!/usr/bin/env bash
# Installs the bench's load generator (wrk) and the mock it is compared with (Prism), best effort: a tool that
# cannot be had is reported by the bench itself, which then skips what needs it. Nothing here fails the target.
cd "$(dirname "$0")"
PRISM_VERSION=5.16.0

if ! command -v wrk >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq wrk >/dev/null 2>&1; }
    fi
    command -v wrk >/dev/null || echo "install_tools: could not install wrk (apt-get install -y wrk needs root and Debian's packages)"
fi

# A bench-local prefix keeps Prism's dependency tree out of the project and off the global npm.
if [ "$(.node/node_modules/.bin/prism --version 2>/dev/null)" != "$PRISM_VERSION" ]; then
    if command -v npm >/dev/null; then
        npm install --prefix .node --no-save --no-audit --no-fund --loglevel=error "@stoplight/prism-cli@$PRISM_VERSION" >/dev/null 2>&1 \
            || echo "install_tools: npm could not install @stoplight/prism-cli@$PRISM_VERSION into bench/.node"
    else
        echo "install_tools: npm not found; Prism cannot be installed"
    fi
fi
exit 0
