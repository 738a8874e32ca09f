#!/bin/sh
# Installs Debian's chromium for the browser tests (tests/browser).
#
# The tests drive /usr/bin/chromium through Playwright; they never download a
# browser (`playwright install` is not used). Idempotent and silent when the
# browser is already there.
set -eu

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "install-browser: $CHROMIUM is missing and this script is not running as root," >&2
    echo "install-browser: and sudo is not available. Install it yourself with:" >&2
    echo "install-browser:     apt-get update && apt-get install -y chromium" >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: $CHROMIUM is missing and apt-get is not available;" >&2
    echo "install-browser: install Debian's (or your distribution's) chromium package." >&2
    exit 1
fi

echo "install-browser: installing Debian's chromium package ..."
$SUDO apt-get update -qq
# `env` carries DEBIAN_FRONTEND through sudo, which would otherwise drop it.
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

if [ ! -x "$CHROMIUM" ]; then
    echo "install-browser: apt-get finished but $CHROMIUM is still missing." >&2
    exit 1
fi
echo "install-browser: $($CHROMIUM --version 2>/dev/null || echo chromium) installed."
