#!/usr/bin/env bash
# Create the virtual environment. Debian splits `venv` into python3-venv;
# install it when we can, otherwise say exactly what is missing.
set -euo pipefail
python="$1"; venv="$2"
if "$python" -m venv "$venv" 2>/dev/null; then exit 0; fi
rm -rf "$venv"
version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
pkg="python${version}-venv"
echo "Python's venv module is missing; installing $pkg …" >&2
if [ "$(id -u)" = 0 ]; then
  apt-get update -qq && apt-get install -y -qq "$pkg" >/dev/null
elif command -v sudo >/dev/null; then
  sudo apt-get update -qq && sudo apt-get install -y -qq "$pkg" >/dev/null
else
  echo "Please install it: apt-get install $pkg" >&2; exit 1
fi
"$python" -m venv "$venv"
