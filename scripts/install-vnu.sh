#!/bin/sh
# Installs the Nu HTML Checker (npm `vnu-jar`, pinned) into var/vnu/ for the
# crawl of tests/trust (never committed: var/ is ignored), and Debian's Java
# runtime when `java` is missing. Idempotent and silent when both are there.
# The checker then runs as `java -jar var/vnu/node_modules/vnu-jar/build/dist/vnu.jar`.
set -eu

VERSION=26.9.27
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST="$ROOT/var/vnu"
JAR="$DEST/node_modules/vnu-jar/build/dist/vnu.jar"
STAMP="$DEST/.installed-$VERSION"

need_root() {
    if [ "$(id -u)" -eq 0 ]; then
        SUDO=""
    elif command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install-vnu: $1 is missing; not root and no sudo. Install it with:" >&2
        echo "install-vnu:     apt-get update && apt-get install -y $2" >&2
        exit 1
    fi
}

if ! command -v java >/dev/null 2>&1; then
    need_root java default-jre-headless
    echo "install-vnu: installing Debian's Java runtime ..." >&2
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
fi

if [ -f "$STAMP" ] && [ -f "$JAR" ]; then
    exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
    need_root npm npm
    echo "install-vnu: installing Debian's npm ..." >&2
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
fi

echo "install-vnu: installing vnu-jar $VERSION into var/vnu ..." >&2
rm -rf "$DEST"
mkdir -p "$DEST"
npm install --silent --prefix "$DEST" --no-save --no-package-lock --no-audit --no-fund \
    "vnu-jar@$VERSION" >/dev/null
if [ ! -f "$JAR" ]; then
    echo "install-vnu: npm finished but $JAR is missing." >&2
    exit 1
fi
touch "$STAMP"
