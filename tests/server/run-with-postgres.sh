#!/bin/sh
# Runs a server test against PostgreSQL in a throwaway cluster: pg_virtualenv (Debian's
# postgresql-common) creates and starts a cluster, exports PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE,
# runs the command and removes the cluster. Exit code 77 (ctest: skipped) only when pg_virtualenv is
# not installed; every other problem is a failure.
set -eu
if ! command -v pg_virtualenv >/dev/null 2>&1; then
    echo "SKIP: pg_virtualenv is not installed (apt-get install postgresql postgresql-common); the PostgreSQL backend was not tested."
    exit 77
fi
export COUNTERPART_TEST_BACKEND=postgres
# -t: a temporary cluster directory even as root, so a run that was killed leaves no cluster behind
# that would make the next run refuse ("Cluster 15/regress exists"), and two runs never collide.
# flock: ctest's RESOURCE_LOCK serialises clusters within one ctest run only; two runs on one machine
# (two build trees) would still race for the same port. -o: flock itself holds the lock and the
# cluster does not inherit it; a test killed by its timeout can leave its postgres behind, and a
# postgres holding the lock would make every later PostgreSQL test wait for ever.
exec flock -o /tmp/counterpart-pg_virtualenv.lock pg_virtualenv -t "$@"
