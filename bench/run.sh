#!/bin/sh
# Throughput of Parallax next to its peers on one corpus (bench/README.md).
# Builds what it needs, installs wink-nlp into bench/node_modules when it is
# missing, runs every row, checks the hashes and prints a summary table.
# Usage: sh bench/run.sh   (or: make bench)
# Exit status: 0, or 1 when a step failed or a check did not hold.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
corpus="$root/../shared/data/bench-corpus.jsonl"
out="$root/build/bench"
cores=$(nproc 2>/dev/null || echo 1)
runs=3
status=0

if [ ! -r "$corpus" ]; then
	echo "bench: corpus not found: $corpus" >&2
	echo "bench: it is ../shared/data/bench-corpus.jsonl next to the" \
	    "repository (see ../shared/data/README.md)" >&2
	exit 1
fi
corpus=$(cd "$(dirname "$corpus")" && pwd)/$(basename "$corpus")

# ---- build --------------------------------------------------------------
make -C "$root"
cd "$root"
mkdir -p "$out"
cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 \
	-Wsign-conversion -Iinclude $(pkg-config --cflags libutf8proc jansson) \
	bench/pipeline.c build/libparallax.a \
	$(pkg-config --libs libutf8proc jansson) -lpthread \
	-o build/bench-pipeline
# Every row must measure the same library: note it, check it at the end.
lib_sum=$(cksum < build/libparallax.a)
cli_sum=$(cksum < build/parallax)
if [ ! -f bench/node_modules/wink-nlp/package.json ] ||
    [ ! -f bench/node_modules/wink-eng-lite-web-model/package.json ]; then
	npm install --prefix bench --no-save --no-audit --no-fund \
		wink-nlp wink-eng-lite-web-model
fi

# The value of key in a "key value" result file.
val() {
	awk -v k="$2" '$1 == k { print $2; exit }' "$1"
}

# x / y with digits decimals, or "-" when either is not a positive number.
ratio() {
	awk -v x="$1" -v y="$2" -v d="$3" 'BEGIN {
		if (x + 0 > 0 && y + 0 > 0) printf "%.*f", d, x / y
		else printf "-"
	}'
}

# Nanoseconds since the epoch (GNU date).
now_ns() {
	date +%s%N
}

# Run a result-printing step, keep its output in $out/NAME.txt, show it.
step() {
	name=$1
	shift
	echo
	echo "== $name: $*"
	if ! "$@" > "$out/$name.txt"; then
		cat "$out/$name.txt"
		echo "bench: $name failed" >&2
		exit 1
	fi
	cat "$out/$name.txt"
}

# End to end: parallax analyze -j JOBS on the corpus, output to /dev/null,
# best of $runs by wall time; writes $out/e2e-jJOBS.txt in the key value
# format. Peak RSS comes from GNU time (the fastest run's), else unknown.
e2e() {
	jobs=$1
	name=e2e-j$jobs
	best=""
	best_rss=unknown
	echo
	echo "== $name: build/parallax analyze -j $jobs $corpus > /dev/null" \
	    "(best of $runs)"
	r=0
	while [ "$r" -lt "$runs" ]; do
		r=$((r + 1))
		rss=unknown
		t0=$(now_ns)
		if [ -x /usr/bin/time ]; then
			if ! /usr/bin/time -f %M -o "$out/$name.time" \
			    build/parallax analyze -j "$jobs" "$corpus" \
			    > /dev/null; then
				echo "bench: $name failed" >&2
				exit 1
			fi
			t1=$(now_ns)
			rss=$(tail -n 1 "$out/$name.time")
			rss=$(awk -v k="$rss" 'BEGIN {
				printf "%.1f", k * 1024 / 1e6 }')
		else
			if ! build/parallax analyze -j "$jobs" "$corpus" \
			    > /dev/null; then
				echo "bench: $name failed" >&2
				exit 1
			fi
			t1=$(now_ns)
		fi
		secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN {
			printf "%.4f", (b - a) / 1e9 }')
		echo "run $r: $secs s, peak RSS $rss MB"
		if [ -z "$best" ] ||
		    awk -v s="$secs" -v b="$best" 'BEGIN { exit !(s < b) }'
		then
			best=$secs
			best_rss=$rss
		fi
	done
	{
		echo "mode end-to-end"
		echo "threads $jobs"
		echo "runs $runs"
		echo "articles $articles"
		echo "text_mb $text_mb"
		echo "seconds $best"
		echo "mb_per_s $(ratio "$text_mb" "$best" 1)"
		echo "articles_per_s $(ratio "$articles" "$best" 0)"
		echo "peak_rss_mb $best_rss"
	} > "$out/$name.txt"
	cat "$out/$name.txt"
}

echo
echo "== machine"
echo "cpu: $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo \
    2>/dev/null || echo unknown), $cores cores"
echo "cc: $(cc --version | head -n 1)"
# The version of an npm package in bench/node_modules.
npm_version() {
	node -p "require('./bench/node_modules/$1/package.json').version"
}
echo "node: $(node --version), wink-nlp $(npm_version wink-nlp)," \
    "wink-eng-lite-web-model $(npm_version wink-eng-lite-web-model)"
echo "parallax: $(git describe --always --dirty 2>/dev/null || echo unknown)"
echo "corpus: $corpus"
load0=$(cut -d ' ' -f 1 /proc/loadavg 2>/dev/null || echo unknown)
echo "load average (1 min) before: $load0"

# ---- rows ---------------------------------------------------------------
step floor build/bench-pipeline --whitespace -j 1 -r "$runs" "$corpus"
step px-j1 build/bench-pipeline -j 1 -r "$runs" "$corpus"
step px-jn build/bench-pipeline -j "$cores" -r "$runs" "$corpus"
step wink node bench/wink.js -r "$runs" "$corpus"
articles=$(val "$out/px-j1.txt" articles)
text_mb=$(val "$out/px-j1.txt" text_mb)
e2e 1
e2e "$cores"

# ---- checks -------------------------------------------------------------
echo
echo "== checks"
for key in hash tokens sentences residue_spans articles; do
	a=$(val "$out/px-j1.txt" $key)
	b=$(val "$out/px-jn.txt" $key)
	if [ "$a" = "$b" ]; then
		echo "ok: in-memory $key the same for -j 1 and -j $cores ($a)"
	else
		echo "FAIL: in-memory $key $a with -j 1, $b with -j $cores"
		status=1
	fi
done
for f in px-j1 px-jn; do
	n=$(val "$out/$f.txt" failed)
	if [ "$n" != 0 ]; then
		echo "FAIL: $f: $n articles failed (messages above)"
		status=1
	fi
done
if [ "$(val "$out/wink.txt" text_mb)" != "$text_mb" ] ||
    [ "$(val "$out/wink.txt" articles)" != "$articles" ]; then
	echo "FAIL: wink-nlp read other texts than bench-pipeline"
	status=1
fi
# The CLI's output, untimed, must not depend on -j either.
sum1=$(build/parallax analyze -j 1 "$corpus" | cksum)
sumn=$(build/parallax analyze -j "$cores" "$corpus" | cksum)
if [ "$sum1" = "$sumn" ]; then
	echo "ok: end-to-end output the same for -j 1 and -j $cores" \
	    "(cksum $sum1)"
else
	echo "FAIL: end-to-end output differs: -j 1 cksum $sum1," \
	    "-j $cores cksum $sumn"
	status=1
fi

if [ "$(cksum < build/libparallax.a)" != "$lib_sum" ] ||
    [ "$(cksum < build/parallax)" != "$cli_sum" ]; then
	echo "FAIL: build/libparallax.a or build/parallax was rebuilt during" \
	    "the run, so the rows measured different code; run again"
	status=1
fi

# ---- summary ------------------------------------------------------------
wink=$(val "$out/wink.txt" mb_per_s)
floor=$(val "$out/floor.txt" mb_per_s)
row() {
	f="$out/$2.txt"
	mbs=$(val "$f" mb_per_s)
	printf '%-40s %9s %11s %12s %8s %8s\n' "$1" "$mbs" \
	    "$(val "$f" articles_per_s)" "$(val "$f" peak_rss_mb)" \
	    "$(ratio "$mbs" "$wink" 2)" "$(ratio "$mbs" "$floor" 3)"
}
echo
echo "== summary: $articles articles, $text_mb MB of text, best of $runs," \
    "$cores cores"
printf '%-40s %9s %11s %12s %8s %8s\n' row MB/s articles/s \
    "peak RSS MB" "x wink" "x floor"
row "whitespace floor, in memory, 1 thread" floor
row "parallax in memory, 1 thread" px-j1
row "parallax in memory, $cores threads" px-jn
row "wink-nlp tokens+sbd, in memory, 1 thr" wink
row "parallax analyze end to end, -j 1" e2e-j1
row "parallax analyze end to end, -j $cores" "e2e-j$cores"
echo
one=$(val "$out/px-j1.txt" mb_per_s)
echo "target (issue): >= 200 MB/s one core in memory" \
    "(tokens+sentences+residue), aim 400"
echo "measured:       $one MB/s one core in memory" \
    "($(ratio "$one" 200 2) of the target, $(ratio "$one" 400 2) of the aim)"
if awk -v l="$load0" 'BEGIN { exit !(l + 0 >= 0.5) }'; then
	echo "note: the load average was $load0 before the run; other work" \
	    "on the machine makes these figures low and uneven"
fi
if [ "$status" -ne 0 ]; then
	echo "bench: some checks failed (see == checks)" >&2
fi
exit "$status"
