#!/usr/bin/env bash
# Several app servers on one machine (issue 8): two gunicorn app processes behind
# a local nginx load balancer, one PostgreSQL 15, one Redis, task worker(s) — all
# on loopback, with the production settings.
#
#   scripts/cluster.sh run     start everything, print the URL, stay in the
#                              foreground; Ctrl-C (or TERM) stops it all
#   scripts/cluster.sh check   start, run bench/cluster_check.py, stop; exit code
#                              is the check's
#
# State (database files, logs, static files, mails, configs) lives in
# var/cluster/ (CLUSTER_STATE); the database survives restarts and gets the demo
# data once. Missing Debian packages are installed (nginx-light, redis-server,
# postgresql-15). Works as root (PostgreSQL then runs as the postgres user) and as
# a normal user. Ports: nginx 8300, apps 8301/8302, PostgreSQL 25503, Redis 6391.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
MODE="${1:-run}"
case "$MODE" in run | check) ;; *)
  echo "usage: $0 run|check" >&2
  exit 2
  ;;
esac

STATE="${CLUSTER_STATE:-$REPO/var/cluster}"
PORT="${CLUSTER_PORT:-8300}"
APP_A="${CLUSTER_APP_A:-8301}"
APP_B="${CLUSTER_APP_B:-8302}"
PGPORT="${CLUSTER_PGPORT:-25503}"
REDIS_PORT="${CLUSTER_REDIS_PORT:-6391}"
GUNICORN_WORKERS="${CLUSTER_GUNICORN_WORKERS:-2}"
PGBIN=/usr/lib/postgresql/15/bin
PY="$REPO/.venv/bin/python"
if [ "$MODE" = check ]; then
  # Two workers prove that a task runs exactly once; a short TTL lets the check
  # watch the anonymous page cache expire.
  TASK_WORKERS="${CLUSTER_TASK_WORKERS:-2}"
  export ANONYMOUS_CACHE_SECONDS="${ANONYMOUS_CACHE_SECONDS:-5}"
else
  TASK_WORKERS="${CLUSTER_TASK_WORKERS:-1}"
fi

say() { echo "cluster: [${SECONDS}s] $*" >&2; }

# --- Debian packages ---------------------------------------------------------------
missing=()
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v redis-server >/dev/null || missing+=(redis-server)
[ -x "$PGBIN/initdb" ] || missing+=(postgresql-15)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} from Debian …"
  sudo_=""
  [ "$(id -u)" = 0 ] || sudo_="sudo"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq "${missing[@]}" >/dev/null
fi

for port in "$PORT" "$APP_A" "$APP_B" "$PGPORT" "$REDIS_PORT"; do
  if (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    say "port $port on 127.0.0.1 is in use (another cluster running?): stop it first"
    exit 1
  fi
done

mkdir -p "$STATE"/{logs,mail,media,nginx-tmp,nginx-cache}
chmod 755 "$STATE"

# --- Stopping everything (also on failure) --------------------------------------------
pids=()
as_pg=()
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root: use the postgres system user.
  as_pg=(runuser -u postgres --)
fi
PGDATA="$STATE/pg"
stopping=0
cleanup() {
  [ "$stopping" = 1 ] && return
  stopping=1
  say "stopping …"
  [ -f "$STATE/nginx.pid" ] && kill -QUIT "$(cat "$STATE/nginx.pid")" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -f "$PGDATA/postmaster.pid" ]; then
    "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 || true
  fi
  say "stopped."
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- PostgreSQL ------------------------------------------------------------------------
if [ ! -f "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  [ "$(id -u)" = 0 ] && chown postgres: "$PGDATA"
  chmod 700 "$PGDATA"
  "${as_pg[@]}" "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
if "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
  say "PostgreSQL of an earlier run still up: restarting it"
  "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null
fi
"${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
  -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
if ! "${as_pg[@]}" "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname = 'voneinander'" | grep -q 1; then
  "${as_pg[@]}" "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres voneinander
fi

# --- Redis ---------------------------------------------------------------------------------
sed -e "s#@STATE@#$STATE#g" -e "s#@PORT@#$REDIS_PORT#g" deploy/cluster/redis.conf >"$STATE/redis.conf"
redis-server "$STATE/redis.conf" &
pids+=($!)
for _ in $(seq 50); do
  redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
  sleep 0.1
done
redis-cli -p "$REDIS_PORT" ping >/dev/null

# --- The production settings for every process ------------------------------------------
if [ ! -s "$STATE/secret_key" ]; then
  (umask 077 && "$PY" -c "import secrets; print(secrets.token_urlsafe(64))" >"$STATE/secret_key")
fi
export VONEINANDER_ENV=production
SECRET_KEY="$(cat "$STATE/secret_key")"
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1,localhost
export SECURE_SSL_REDIRECT=0
# Loopback over plain HTTP: no HSTS pin in the browser for 127.0.0.1.
export SECURE_HSTS_SECONDS=0
export CSRF_TRUSTED_ORIGINS="http://127.0.0.1:$PORT,http://localhost:$PORT"
export SITE_URL="http://127.0.0.1:$PORT"
export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/voneinander"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
export TRUSTED_PROXY_COUNT=1
export VONEINANDER_VAR_DIR="$STATE"
export STATIC_ROOT="$STATE/static"
export MEDIA_ROOT="$STATE/media"
export EMAIL_URL="file://$STATE/mail"
# No virus signatures on a loopback test machine (clamd would refuse every upload
# as "cannot be checked"); set SCAN_UPLOADS=1 with a running clamd to include it.
export SCAN_UPLOADS="${SCAN_UPLOADS:-0}"
export CLUSTER_URL="http://127.0.0.1:$PORT"
export CLUSTER_APP_URLS="http://127.0.0.1:$APP_A,http://127.0.0.1:$APP_B"
export CLUSTER_STATE="$STATE"
export CLUSTER_REDIS_PORT="$REDIS_PORT"

say "migrating …"
"$PY" manage.py migrate --noinput --verbosity 0
if [ ! -f "$STATE/demo-loaded" ]; then
  say "loading demo data (once) …"
  "$PY" manage.py load_demo_data >"$STATE/logs/demo-data.log"
  touch "$STATE/demo-loaded"
fi
"$PY" manage.py collectstatic --noinput --verbosity 0

# --- App processes and task workers -------------------------------------------------------
for port in "$APP_A" "$APP_B"; do
  "$REPO/.venv/bin/gunicorn" voneinander.wsgi:application \
    --bind "127.0.0.1:$port" --workers "$GUNICORN_WORKERS" --name "voneinander-$port" \
    --preload --graceful-timeout 5 --error-logfile "$STATE/logs/app-$port.log" \
    --access-logfile "$STATE/logs/app-$port-access.log" >>"$STATE/logs/app-$port.log" 2>&1 &
  pids+=($!)
done
for number in $(seq "$TASK_WORKERS"); do
  "$PY" manage.py db_worker --queue-name '*' --worker-id "cluster-worker-$number" \
    >"$STATE/logs/worker-$number.log" 2>&1 &
  pids+=($!)
done

# --- nginx ---------------------------------------------------------------------------------
sed -e "s#@STATE@#$STATE#g" -e "s#@REPO@#$REPO#g" -e "s#@PORT@#$PORT#g" \
  -e "s#@APP_A@#$APP_A#g" -e "s#@APP_B@#$APP_B#g" deploy/cluster/nginx.conf >"$STATE/nginx.conf"
/usr/sbin/nginx -t -q -c "$STATE/nginx.conf" -p "$STATE" -e "$STATE/nginx-error.log"
/usr/sbin/nginx -c "$STATE/nginx.conf" -p "$STATE" -e "$STATE/nginx-error.log" &
pids+=($!)

ready() {
  local url
  for url in "http://127.0.0.1:$APP_A/" "http://127.0.0.1:$APP_B/" "http://127.0.0.1:$PORT/"; do
    [ "$(curl -s --max-time 20 -o /dev/null -w '%{http_code}' -H 'X-Forwarded-Proto: https' "$url")" = 200 ] ||
      return 1
  done
}
for _ in $(seq 150); do
  ready && break
  sleep 0.2
done
if ! ready; then
  say "the apps did not come up; see $STATE/logs/ and $STATE/nginx-error.log"
  exit 1
fi

say "ready: nginx and both apps answer"
if [ "$MODE" = check ]; then
  status=0
  "$PY" -m bench.cluster_check || status=$?
  exit "$status"
fi

cat <<TXT

  Voneinander (cluster) läuft auf http://127.0.0.1:$PORT/
    nginx :$PORT → apps :$APP_A und :$APP_B (je $GUNICORN_WORKERS gunicorn-Worker),
    PostgreSQL :$PGPORT, Redis :$REDIS_PORT, $TASK_WORKERS Task-Worker.
  Demo-Zugänge: $STATE/demo-accounts.txt · E-Mails: $STATE/mail/ · Logs: $STATE/logs/
  Beenden mit Strg+C.

TXT
# Stop everything when any part dies.
wait -n "${pids[@]}" || true
say "a process ended; stopping the cluster"
exit 1
