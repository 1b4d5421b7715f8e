#!/usr/bin/env bash
# Makes sure PostgreSQL's server programs (initdb, pg_ctl, postgres) are on this machine, for the tests that rotate
# PostgreSqlAlternatingUsers passwords against a real server (src/test/java/io/kvrotator/sandbox/PostgresServer.java
# runs this script when it finds no initdb). Installs Debian's postgresql package when they are missing. Run as root,
# it also makes sure the user "postgres" exists, since PostgreSQL refuses to run as root. Prints the directory that
# holds initdb and pg_ctl on its last line; everything else goes to stderr.
set -euo pipefail

find_bin() {
    local initdb
    if initdb=$(command -v initdb 2>/dev/null) && [ -x "$(dirname "$(readlink -f "$initdb")")/pg_ctl" ]; then
        dirname "$(readlink -f "$initdb")"
        return 0
    fi
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -n "$@"
    else
        echo "ensure-postgresql: PostgreSQL is not installed and this is not root: run 'apt-get install -y postgresql'" >&2
        exit 1
    fi
}

if ! bin=$(find_bin); then
    echo "ensure-postgresql: no initdb found; installing Debian's postgresql package" >&2
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update -qq >&2
    as_root apt-get install -y -qq --no-install-recommends postgresql >&2
    bin=$(find_bin) || { echo "ensure-postgresql: postgresql installed, but no initdb found" >&2; exit 1; }
fi

if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --create-home --home-dir /var/lib/postgresql --shell /bin/bash postgres >&2
fi

echo "$bin"
