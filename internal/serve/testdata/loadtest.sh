#!/bin/sh
# Load test of `handbill serve` on loopback, bounded in time: PDF downloads
# of the A4 poster in every locale and edition, cached (the site keeps what
# it rendered at start) and uncached (--cache-mb 0 keeps nothing, so every
# request composes and exports), plus uncached previews. Each run starts a
# fresh server and reports wrk's requests per second and latency
# percentiles, the server's peak resident memory (VmHWM) and its cache
# counts (renders: documents actually rendered; concurrent requests for one
# address share a render).
#
# Then, for memory, a full pass: every address the site has (listed by
# `handbill site`), each asked for once by 4 clients at a time, with
# --cache-mb 256 (the default) and 64; it reports resident memory after the
# pass (VmRSS), its peak (VmHWM) and the cache's bytes.
#
# Usage: internal/serve/testdata/loadtest.sh [SECONDS] [CONNECTIONS]
# Needs: go, wrk (Debian: apt-get install wrk), curl. Runs about
# 3 × (SECONDS + start-up) seconds plus two full passes. Nothing leaves
# 127.0.0.1.
set -eu
dur=${1:-10}
conns=${2:-32}
port=${PORT:-18080}
root=$(cd "$(dirname "$0")/../../.." && pwd)
tmp=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

go build -o "$tmp/handbill" "$root/cmd/handbill"
base=http://127.0.0.1:$port

start() {
	# A fresh file: the previous server's "serving" line must not be
	# taken for this one's (the shell truncates a redirect only once the
	# new process runs).
	rm -f "$tmp/out" "$tmp/log"
	"$tmp/handbill" serve --addr "127.0.0.1:$port" --log text "$@" >"$tmp/out" 2>"$tmp/log" &
	pid=$!
	i=0
	until grep -q '^serving' "$tmp/out" 2>/dev/null && curl -fsS "$base/healthz" >/dev/null 2>&1; do
		i=$((i + 1))
		if [ "$i" -gt 600 ] || ! kill -0 "$pid" 2>/dev/null; then
			echo "handbill serve did not start:" >&2
			cat "$tmp/out" "$tmp/log" >&2
			exit 1
		fi
		sleep 0.1
	done
}

stop() {
	peak=$(awk '/^VmHWM/ {print $2, $3}' "/proc/$pid/status")
	echo "resident memory (VmRSS): $(awk '/^VmRSS/ {print $2, $3}' "/proc/$pid/status")"
	kill -TERM "$pid"
	wait "$pid" || true
	pid=
	echo "peak memory (VmHWM): $peak"
	grep 'msg=memory' "$tmp/log" | sed 's/^.*msg=memory/memory at start:/'
	grep 'msg=stopped' "$tmp/log" | sed 's/^.*msg=stopped/cache at stop:/'
	echo
}

# wrk script cycling through the paths in $tmp/paths.
urls() {
	{
		echo 'paths = {'
		sed 's/.*/  "&",/' "$tmp/paths"
		echo '}'
		echo 'i = 0'
		echo 'request = function() i = i + 1; return wrk.format("GET", paths[(i % #paths) + 1]) end'
	} >"$tmp/urls.lua"
}

load() {
	echo "== $1: $(wc -l <"$tmp/paths") addresses, $conns connections, ${dur}s"
	wrk -t2 -c"$conns" -d"${dur}s" --latency -s "$tmp/urls.lua" "$base"
}

# The PDFs of the A4 poster, read from the site itself.
start
page=$(curl -fsS "$base/")
src=$(printf '%s\n' "$page" | grep -o 'poster-a4/[^/"]*/screen/' | head -1 | cut -d/ -f2)
doc=$(curl -fsS "$base/poster-a4/$src/screen/")
campaign=$(printf '%s\n' "$doc" | grep -o 'href="[^"]*-poster-a4-[^"]*\.pdf"' | head -1 | sed 's/href="//; s/-poster-a4-.*//')
{
	echo "$src"
	printf '%s\n' "$doc" | grep -o 'hreflang="[^"]*"' | sed 's/hreflang="//; s/"//'
} | sort -u >"$tmp/locales"
: >"$tmp/paths"
while read -r loc; do
	for ed in screen print; do
		echo "/poster-a4/$loc/$ed/$campaign-poster-a4-$loc-$ed.pdf" >>"$tmp/paths"
	done
done <"$tmp/locales"
urls
load "cached PDF downloads"
stop

start --cache-mb 0
load "uncached PDF downloads (every request renders)"
stop

sed 's/[^/]*\.pdf$/page-1.png/' "$tmp/paths" >"$tmp/pngs" && mv "$tmp/pngs" "$tmp/paths"
urls
start --cache-mb 0
load "uncached previews (every request renders and rasterises)"
stop

# Memory: every address once, with the default cache and a small one.
"$tmp/handbill" site --out "$tmp/site" >/dev/null 2>&1
(cd "$tmp/site" && find . -type f ! -name 404.html | sed 's|^\.||; s|index\.html$||') | sort >"$tmp/all"
for mb in 256 64; do
	start --cache-mb "$mb"
	echo "== full pass: $(wc -l <"$tmp/all") addresses once each, 4 at a time, --cache-mb $mb"
	t0=$(date +%s)
	xargs -P4 -I{} curl -sS -o /dev/null -w '%{http_code}\n' "$base{}" <"$tmp/all" | sort | uniq -c | sed 's/^ */status: /'
	echo "took $(($(date +%s) - t0)) s"
	stop
done
