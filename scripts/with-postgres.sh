#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL 15 cluster on 127.0.0.1.
# Installs Debian's postgresql-15 when it is missing, starts a fresh cluster in
# a temporary directory, exports DATABASE_URL, runs the command, and stops the
# cluster again (also on failure).
set -euo pipefail
PGBIN=/usr/lib/postgresql/15/bin
# Below 32768: Linux hands out 32768–60999 as ephemeral ports, and a busy
# load test can hold the chosen port as the local end of a connection.
PGPORT="${PGPORT:-25432}"
if [ ! -x "$PGBIN/initdb" ]; then
  echo "Installing PostgreSQL 15 from Debian …" >&2
  sudo_=""; [ "$(id -u)" = 0 ] || sudo_="sudo"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq postgresql-15 >/dev/null
fi
datadir=$(mktemp -d /tmp/voneinander-pg.XXXXXX)
as_pg=()
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root: use the postgres system user.
  chown postgres: "$datadir"
  as_pg=(runuser -u postgres --)
fi
cleanup() {
  "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$datadir" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$datadir"
}
trap cleanup EXIT
"${as_pg[@]}" "$PGBIN/initdb" -D "$datadir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" "$PGBIN/pg_ctl" -D "$datadir" -l "$datadir/server.log" -w \
  -o "-p $PGPORT -k $datadir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/voneinander"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT" >&2
"$@"
