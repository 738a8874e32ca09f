#!/usr/bin/env bash
# Start the background-task worker and the web server; stop both together.
set -euo pipefail
cd "$(dirname "$0")/.."
HOST="${HOST:-127.0.0.1}"; PORT="${PORT:-8000}"
.venv/bin/python manage.py db_worker --queue-name '*' --verbosity 1 &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
cat <<TXT

  Voneinander läuft auf http://$HOST:$PORT/  (English: http://$HOST:$PORT/en/)
  Anmelden: http://$HOST:$PORT/konto/login/ — die Demo-Zugänge stehen in var/demo-accounts.txt
  E-Mails (Bestätigungen, Passwort-Links) erscheinen hier in der Konsole.
  Beenden mit Strg+C.

TXT
.venv/bin/python manage.py runserver "$HOST:$PORT"
