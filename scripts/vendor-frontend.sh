#!/usr/bin/env bash
# Re-vendor the front-end libraries into voneinander/core/static/vendor/.
#
# A developer tool: the vendored files are committed, so running the
# platform needs neither npm nor network access. Run this only to update a
# version (change the pins below, run it, review the diff, commit).
#
# Needs: npm (only for `npm pack`, which downloads the published tarball
# without installing anything or running package scripts).
set -euo pipefail

KERN_VERSION="2.7.2"
HTMX_VERSION="2.0.11"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR="$ROOT/voneinander/core/static/vendor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
npm pack --silent "@kern-ux/native@${KERN_VERSION}" >/dev/null
npm pack --silent "htmx.org@${HTMX_VERSION}" >/dev/null
mkdir kern htmx
tar -xzf "kern-ux-native-${KERN_VERSION}.tgz" -C kern
tar -xzf "htmx.org-${HTMX_VERSION}.tgz" -C htmx

# KERN UX: the stylesheet, the Fira Sans font-face sheet and exactly the font
# files it references (same relative layout, so the url()s resolve), and the
# licence. kern-kopfzeile.js is left out: its web component injects styles,
# which the Content-Security-Policy (style-src 'self') forbids.
rm -rf "$VENDOR/kern"
mkdir -p "$VENDOR/kern/fonts/fira-sans"
cp kern/package/dist/kern.min.css "$VENDOR/kern/"
cp kern/package/dist/fonts/fira-sans.css "$VENDOR/kern/fonts/"
cp kern/package/LICENSE.md "$VENDOR/kern/"
grep -o 'url("\./fira-sans/[^"]*")' kern/package/dist/fonts/fira-sans.css \
  | sed -e 's/^url("\.\///' -e 's/")$//' | sort -u \
  | while read -r font; do cp "kern/package/dist/fonts/$font" "$VENDOR/kern/fonts/$font"; done

# htmx: the minified build and its licence (0BSD).
rm -rf "$VENDOR/htmx"
mkdir -p "$VENDOR/htmx"
cp htmx/package/dist/htmx.min.js "$VENDOR/htmx/"
cp htmx/package/LICENSE "$VENDOR/htmx/"

# The tarballs mark some files executable; static files need not be.
find "$VENDOR/kern" "$VENDOR/htmx" -type f -exec chmod 0644 {} +

echo "Vendored @kern-ux/native ${KERN_VERSION} and htmx.org ${HTMX_VERSION} into ${VENDOR#"$ROOT"/}."
echo "Update the versions in ${VENDOR#"$ROOT"/}/README.md if they changed."
