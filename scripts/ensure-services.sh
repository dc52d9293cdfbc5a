#!/usr/bin/env bash
# Make sure RabbitMQ and PostgreSQL answer on AMQP_URL and DATABASE_URL, and that Caddy
# (the front door `soho up` runs) is installed.
# A local server that is installed but stopped is started; one that is missing
# is installed with apt-get when we are root.  Anything else ends with a message
# saying what to install or start.  Every wait has a deadline.
#
# usage: scripts/ensure-services.sh [--test]
#   --test  also: RabbitMQ vhost soho_test with full permissions for the AMQP_URL
#           user (tests never touch the development "/" vhost), and Debian's
#           chromium for browser tests (a warning only if it cannot be had).
set -euo pipefail

TEST=0
for arg in "$@"; do
    case "$arg" in
        --test) TEST=1 ;;
        -h|--help) sed -n '2,/^set -euo/{/^set/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
        *) echo "ensure-services: unknown argument: $arg (usage: $0 [--test])" >&2; exit 2 ;;
    esac
done

AMQP_URL="${AMQP_URL:-amqp://guest:guest@127.0.0.1:5672/}"
DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/soho}"
TEST_VHOST=soho_test
export PATH="$PATH:/usr/sbin:/sbin"   # rabbitmq-server, rabbitmqctl live in sbin

die() { echo "$*" >&2; exit 1; }
warn() { echo "$*" >&2; }
is_root() { [ "$(id -u)" -eq 0 ]; }

# parse_url URL DEFAULT_PORT: sets URL_HOST, URL_PORT, URL_WHERE (host:port), URL_USER (percent-decoded).
parse_url() {
    local rest="${1#*://}" userinfo=""
    rest="${rest%%/*}"; rest="${rest%%\?*}"
    if [[ "$rest" == *@* ]]; then userinfo="${rest%@*}"; rest="${rest##*@}"; fi
    URL_USER="${userinfo%%:*}"
    URL_USER="$(printf '%b' "${URL_USER//%/\\x}")"
    if [[ "$rest" =~ ^\[([^]]*)\](:([0-9]+))?$ ]] || [[ "$rest" =~ ^([^:]*)(:([0-9]+))?$ ]]; then
        URL_HOST="${BASH_REMATCH[1]}"; URL_PORT="${BASH_REMATCH[3]}"
    else
        die "ensure-services: cannot read host and port from '$1'"
    fi
    URL_HOST="${URL_HOST:-localhost}"; URL_PORT="${URL_PORT:-$2}"
    if [[ "$URL_HOST" == *:* ]]; then URL_WHERE="[$URL_HOST]:$URL_PORT"; else URL_WHERE="$URL_HOST:$URL_PORT"; fi
}

answers() { timeout 3 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

# wait_port HOST PORT SECONDS: poll until the port answers or the deadline passes.
wait_port() {
    local deadline=$((SECONDS + $3))
    while [ "$SECONDS" -lt "$deadline" ]; do
        answers "$1" "$2" && return 0
        sleep 0.5
    done
    return 1
}

is_local() { case "$1" in localhost|::1|127.*) return 0 ;; *) return 1 ;; esac; }

APT_UPDATED=0
# apt_install PACKAGE...: quiet install as root; the log is shown only on failure.
apt_install() {
    is_root && command -v apt-get >/dev/null || return 1
    local log; log="$(mktemp)"
    if [ "$APT_UPDATED" -eq 0 ]; then
        if ! apt-get update -qq >"$log" 2>&1; then tail -n 20 "$log" >&2; rm -f "$log"; return 1; fi
        APT_UPDATED=1
    fi
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >"$log" 2>&1 </dev/null; then
        tail -n 20 "$log" >&2; rm -f "$log"; return 1
    fi
    rm -f "$log"
}

# --------------------------------------------------------------------- PostgreSQL
pg_installed() { compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; }

# Start the cluster(s) set to PORT (any whose port cannot be read, too).
# Returns 1 at once when clusters exist but none is set to PORT.
pg_start() {
    local port="$1" dir ver cport found=0 matched=0
    if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
        for dir in /etc/postgresql/*/main; do     # one per version listed in /etc/postgresql
            [ -d "$dir" ] || continue
            ver="${dir#/etc/postgresql/}"; ver="${ver%/main}"
            found=1
            cport="$(sed -nE 's/^[[:space:]]*port[[:space:]]*=[[:space:]]*([0-9]+).*/\1/p' \
                "$dir/postgresql.conf" 2>/dev/null | tail -n 1)"
            [ -z "$cport" ] || [ "$cport" = "$port" ] || continue
            matched=1
            # Fails with "already running" when it is: the port check decides.
            timeout 60 pg_ctlcluster --skip-systemctl-redirect "$ver" main start >/dev/null 2>&1 || true
        done
    fi
    [ "$found" -eq 0 ] || [ "$matched" -eq 1 ] || return 1
    if [ "$matched" -eq 0 ] && command -v service >/dev/null; then
        timeout 60 service postgresql start >/dev/null 2>&1 || true
    fi
    return 0
}

# Debian's pg_hba.conf asks for a password over TCP (scram-sha-256).  A developer
# machine (and this project's CI) connects as postgresql://postgres@127.0.0.1
# without one, so a PostgreSQL that this script has just installed itself gets
# "trust" on its loopback lines.  Never done to a server someone else set up.
pg_trust_loopback() {
    local hba
    for hba in /etc/postgresql/*/main/pg_hba.conf; do
        [ -f "$hba" ] || continue
        sed -i -E '/^host[[:space:]].*[[:space:]](127\.0\.0\.1\/32|::1\/128)([[:space:]]|$)/ s/[^[:space:]]+[[:space:]]*$/trust/' "$hba"
    done
    local dir ver
    for dir in /etc/postgresql/*/main; do
        [ -d "$dir" ] || continue
        ver="${dir#/etc/postgresql/}"; ver="${ver%/main}"
        timeout 30 pg_ctlcluster --skip-systemctl-redirect "$ver" main reload >/dev/null 2>&1 || true
    done
}

ensure_postgres() {
    parse_url "$DATABASE_URL" 5432
    local host="$URL_HOST" port="$URL_PORT" where="$URL_WHERE" how=""
    if answers "$host" "$port"; then echo "PostgreSQL: ok ($where)"; return; fi
    is_local "$host" || die "PostgreSQL does not answer on $where; check DATABASE_URL."

    if ! pg_installed; then
        if ! { is_root && command -v apt-get >/dev/null; }; then
            die "PostgreSQL does not answer on $where and is not installed. Install it (Debian: sudo apt-get install postgresql) or set DATABASE_URL to a server that runs."
        fi
        apt_install postgresql || die "PostgreSQL: 'apt-get install postgresql' failed (see above)."
        pg_trust_loopback
        how=", installed"
    else
        is_root || die "PostgreSQL is installed but does not answer on $where. Start it (Debian: sudo pg_ctlcluster \$(ls /etc/postgresql) main start) or set DATABASE_URL to a server that runs."
        how=", started"
    fi
    pg_start "$port" ||
        die "PostgreSQL does not answer on $where and no local cluster is set to port $port (see pg_lsclusters); check DATABASE_URL."
    wait_port "$host" "$port" 30 ||
        die "PostgreSQL does not answer on $where after trying to start it (30 s). See 'pg_lsclusters' and /var/log/postgresql/, or set DATABASE_URL."
    echo "PostgreSQL: ok ($where$how)"
}

# ----------------------------------------------------------------------- RabbitMQ
rabbit_installed() { command -v rabbitmq-server >/dev/null; }
rabbit_node_up() { timeout 20 rabbitmq-diagnostics -q ping >/dev/null 2>&1; }

# Test vhost with full permissions for USER; prints a short note for the status line.
rabbit_test_vhost() {
    local user="${1:-guest}"
    if ! command -v rabbitmqctl >/dev/null || ! is_root; then
        warn "RabbitMQ: cannot check vhost $TEST_VHOST (needs root and rabbitmqctl); create it with: sudo rabbitmqctl add_vhost $TEST_VHOST && sudo rabbitmqctl set_permissions -p $TEST_VHOST $user '.*' '.*' '.*'"
        return 0
    fi
    local out
    # Rides out a restart of the application happening right now (broker-restart tests).
    timeout 70 rabbitmqctl --timeout 60 await_startup >/dev/null 2>&1 ||
        die "RabbitMQ: the application on the local node is not running (rabbitmqctl await_startup gave up after 60 s); start it with: sudo rabbitmqctl start_app"
    if ! timeout 60 rabbitmqctl -q list_vhosts name 2>/dev/null | grep -qxF "$TEST_VHOST"; then
        if ! out="$(timeout 60 rabbitmqctl add_vhost "$TEST_VHOST" 2>&1)" && [[ "$out" != *already* ]]; then
            die "RabbitMQ: could not create vhost $TEST_VHOST: $out"
        fi
    fi
    out="$(timeout 60 rabbitmqctl set_permissions -p "$TEST_VHOST" "$user" '.*' '.*' '.*' 2>&1)" ||
        die "RabbitMQ: could not give $user permissions on vhost $TEST_VHOST: $out"
    RABBIT_NOTE=", vhost $TEST_VHOST for $user"
}

ensure_rabbitmq() {
    parse_url "$AMQP_URL" 5672
    local host="$URL_HOST" port="$URL_PORT" user="$URL_USER" where="$URL_WHERE" how=""
    RABBIT_NOTE=""
    if answers "$host" "$port"; then
        [ "$TEST" -eq 1 ] && is_local "$host" && rabbit_test_vhost "$user"
        echo "RabbitMQ: ok ($where$RABBIT_NOTE)"; return
    fi
    is_local "$host" || die "RabbitMQ does not answer on $where; check AMQP_URL."

    if ! rabbit_installed; then
        if ! { is_root && command -v apt-get >/dev/null; }; then
            die "RabbitMQ does not answer on $where and is not installed. Install it (Debian: sudo apt-get install rabbitmq-server) or set AMQP_URL to a broker that runs."
        fi
        apt_install rabbitmq-server || die "RabbitMQ: 'apt-get install rabbitmq-server' failed (see above)."
        how=", installed"
        # The package may have started the node already; the wait below decides.
        rabbit_node_up || timeout 60 rabbitmq-server -detached >/dev/null 2>&1 || true
    else
        is_root || die "RabbitMQ is installed but does not answer on $where. Start it (sudo rabbitmq-server -detached) or set AMQP_URL to a broker that runs."
        if rabbit_node_up; then
            # Never start a second node beside a running one (its name is taken:
            # 'rabbitmq-server -detached' says ok, then the new VM dies).
            timeout 20 rabbitmq-diagnostics -q check_running >/dev/null 2>&1 &&
                die "RabbitMQ is running but does not answer on $where; check AMQP_URL (rabbitmq-diagnostics listeners shows its ports)."
            # Node up, application stopped (rabbitmqctl stop_app, as a broker-restart
            # test does; one that died half-way leaves it so).
            timeout 60 rabbitmqctl start_app >/dev/null 2>&1 ||
                die "RabbitMQ's node is up but its application is stopped and 'rabbitmqctl start_app' failed. See /var/log/rabbitmq/."
        else
            timeout 60 rabbitmq-server -detached >/dev/null 2>&1 ||
                die "RabbitMQ does not answer on $where and 'rabbitmq-server -detached' failed. See /var/log/rabbitmq/."
        fi
        how=", started"
    fi
    wait_port "$host" "$port" 60 ||
        die "RabbitMQ does not answer on $where after trying to start it (60 s). See /var/log/rabbitmq/, or set AMQP_URL."
    [ "$TEST" -eq 1 ] && rabbit_test_vhost "$user"
    echo "RabbitMQ: ok ($where$how$RABBIT_NOTE)"
}

# ----------------------------------------------------------------------- Chromium
ensure_chromium() {
    if command -v chromium >/dev/null; then echo "Chromium: ok ($(command -v chromium))"; return; fi
    if apt_install chromium && command -v chromium >/dev/null; then
        echo "Chromium: ok ($(command -v chromium), installed)"
    else
        warn "Chromium: warning: not installed and could not install it (Debian: sudo apt-get install chromium); browser tests will be skipped."
    fi
}

# ----------------------------------------------------------------------- Caddy
# The front door `soho up` runs (deploy/caddy/Caddyfile). Not a server to start here: soho
# up starts and stops it with the services.
ensure_caddy() {
    if command -v caddy >/dev/null; then echo "Caddy: ok ($(command -v caddy))"; return; fi
    # Debian's package starts a caddy.service where systemd runs; nothing else may hold the
    # front door's port, so it is stopped and disabled: `soho up` runs its own.
    if apt_install caddy && command -v caddy >/dev/null; then
        if command -v systemctl >/dev/null && systemctl is-system-running >/dev/null 2>&1; then
            systemctl disable --now caddy.service >/dev/null 2>&1 || true
        fi
        echo "Caddy: ok ($(command -v caddy), installed)"
    else
        die "Caddy: not installed and could not install it. The front door needs it: sudo apt-get install caddy (Debian)."
    fi
}

ensure_rabbitmq
ensure_postgres
ensure_caddy
if [ "$TEST" -eq 1 ]; then ensure_chromium; fi
