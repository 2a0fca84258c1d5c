#!/usr/bin/env bash
# Starts Debian's PostgreSQL 15 (installed by .ci/run) and prints, as its only output on stdout, a superuser URL
# for the database tests. Everything else goes to stderr.
set -euo pipefail
{
  if ! pg_lsclusters -h | grep -q '^15 \+main'; then
    pg_createcluster 15 main
  fi
  pg_ctlcluster 15 main start || true
  for _ in $(seq 1 50); do
    pg_isready -q -h 127.0.0.1 -p 5432 && break
    sleep 0.2
  done
  su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'shaobing-ci'\""
} >&2
echo "postgres://postgres:shaobing-ci@127.0.0.1:5432/postgres"
