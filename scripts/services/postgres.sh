# Sourced by scripts/test.sh: a private PostgreSQL for the ledger tests.
# Installs PostgreSQL from Debian if missing, starts one cluster on a local port (once; quick
# when already running), creates the test database and exports SAYSO_TEST_POSTGRES_URL.
# On any failure it says so and leaves the variable unset: the PostgreSQL tests then skip.

sayso_postgres() {
    local port="${SAYSO_PG_PORT:-54329}" dir="${SAYSO_PG_DIR:-/tmp/sayso-postgres}" bin
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    if [ -z "$bin" ]; then
        echo "postgres.sh: installing PostgreSQL from Debian" >&2
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >&2 || return 1
        bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    fi
    _pg_as() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
    if ! _pg_as "$bin/pg_isready" -q -h /tmp -p "$port"; then
        if [ ! -s "$dir/PG_VERSION" ]; then
            mkdir -p "$dir" && { [ "$(id -u)" != 0 ] || chown postgres: "$dir"; }
            _pg_as "$bin/initdb" -N -D "$dir" -A trust -U postgres >&2 || return 1
        fi
        _pg_as "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -s \
            -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" start >&2 || return 1
    fi
    if ! _pg_as "$bin/psql" -h /tmp -p "$port" -U postgres -Atc \
            "SELECT 1 FROM pg_database WHERE datname = 'sayso_test'" | grep -q 1; then
        _pg_as "$bin/createdb" -h /tmp -p "$port" -U postgres sayso_test || return 1
    fi
    export SAYSO_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/sayso_test"
}

sayso_postgres || echo "postgres.sh: PostgreSQL not available; its ledger tests will be skipped" >&2
unset -f sayso_postgres _pg_as
