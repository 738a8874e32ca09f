#!/bin/sh
# Installs the Debian packages that tests start as real local servers:
# nginx (the shipped configuration is checked with `nginx -t`) and ClamAV's
# daemon (uploads are scanned; tests use a custom signature database with the
# EICAR test file, since the machines cannot download signatures).
# Idempotent and silent when everything is there.
set -eu

missing=""
[ -x /usr/sbin/nginx ] || missing="$missing nginx-light"
[ -x /usr/sbin/clamd ] || missing="$missing clamav-daemon"
command -v clamscan >/dev/null 2>&1 || missing="$missing clamav"
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "install-test-services: missing:$missing; not root and no sudo. Install them with:" >&2
    echo "install-test-services:     apt-get update && apt-get install -y$missing" >&2
    exit 1
fi
echo "Installing$missing from Debian …" >&2
$SUDO apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
