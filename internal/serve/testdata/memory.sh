#!/bin/sh
# Memory of `handbill serve` from start-up to the end of a full crawl, on
# loopback: for each --cache-mb given (default: 64 and 256), a fresh
# server, its peak resident memory once it has started (VmHWM: the
# start-up peak, when it composes every document once), then every address
# of the site asked for once, 4 at a time, and its peak and resident
# memory after that, beside the bound the server logged at start
# (bound_mb: the Go runtime's soft limit plus the executable's size).
#
# Usage: internal/serve/testdata/memory.sh [CACHE_MB...]
# (HANDBILL=path/to/handbill measures that build instead of this tree's.)
# Needs: go, curl. Nothing leaves 127.0.0.1.
#
# A campaign with areas: CAMPAIGN=DIR serves that campaign; SITE=DIR
# takes the addresses from a static export of it already written (the
# national one takes minutes to write); AREAS=N asks for the lists of
# areas and the first N areas' addresses only (each area's site is made
# when first asked for, so N areas beyond what the cache holds show that
# memory stays bounded as areas come and go):
#   CAMPAIGN=/tmp/national SITE=/tmp/natsite AREAS=6 internal/serve/testdata/memory.sh 64
set -eu
[ $# -gt 0 ] || set -- 64 256
port=${PORT:-18081}
root=$(cd "$(dirname "$0")/../../.." && pwd)
tmp=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

if [ -n "${HANDBILL:-}" ]; then
	cp "$HANDBILL" "$tmp/handbill" # another build to compare with
else
	go build -o "$tmp/handbill" "$root/cmd/handbill"
fi
base=http://127.0.0.1:$port
campaign=
[ -n "${CAMPAIGN:-}" ] && campaign="--campaign $CAMPAIGN"
site=${SITE:-$tmp/site}
# shellcheck disable=SC2086 # $campaign is a flag and its value, or nothing
[ -n "${SITE:-}" ] || "$tmp/handbill" site $campaign --out "$site" >/dev/null 2>&1
(cd "$site" && find . -type f ! -name 404.html ! -name '.handbill-*' | sed 's|^\.||; s|index\.html$||') | sort >"$tmp/all"
if [ -n "${AREAS:-}" ] && [ -f "$site/.handbill-areas.json" ]; then
	grep -o '^	"[^"]*": {' "$site/.handbill-areas.json" | cut -d'"' -f2 >"$tmp/areas"
	tail -n +"$((AREAS + 1))" "$tmp/areas" | sed 's|^|^/|; s|$|/|' >"$tmp/drop"
	grep -v -f "$tmp/drop" "$tmp/all" >"$tmp/some" || true
	mv "$tmp/some" "$tmp/all"
fi

mem() { awk -v k="$1" '$1 == k":" {print int($2 / 1024)}' "/proc/$pid/status"; }

for mb in "$@"; do
	rm -f "$tmp/out" "$tmp/log"
	# shellcheck disable=SC2086
	"$tmp/handbill" serve $campaign --addr "127.0.0.1:$port" --log text --cache-mb "$mb" >"$tmp/out" 2>"$tmp/log" &
	pid=$!
	i=0
	until grep -q '^serving' "$tmp/out" 2>/dev/null && curl -fsS "$base/healthz" >/dev/null 2>&1; do
		i=$((i + 1))
		if [ "$i" -gt 3000 ] || ! kill -0 "$pid" 2>/dev/null; then
			echo "handbill serve did not start:" >&2
			cat "$tmp/out" "$tmp/log" >&2
			exit 1
		fi
		sleep 0.1
	done
	started=$(mem VmHWM)
	t0=$(date +%s)
	statuses=$(xargs -P4 -I{} curl -sS -o /dev/null -w '%{http_code}\n' "$base{}" <"$tmp/all" | sort | uniq -c | tr -s ' \n' ' ')
	echo "--cache-mb $mb: $(wc -l <"$tmp/all") addresses in $(($(date +%s) - t0)) s (statuses:$statuses)"
	echo "  peak at start (VmHWM) ${started} MB; after the crawl: peak $(mem VmHWM) MB, resident $(mem VmRSS) MB"
	grep 'msg=memory' "$tmp/log" | sed 's/^.*msg=memory/  logged at start:/'
	kill -TERM "$pid"
	wait "$pid" || true
	pid=
	grep 'msg=stopped' "$tmp/log" | sed 's/^.*msg=stopped/  cache at stop:/'
done
