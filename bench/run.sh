#!/bin/sh
# Throughput of Parallax next to its peers on one corpus (bench/README.md):
# the text pipeline (tokens+sentences+residue) next to wink-nlp's tokens+sbd,
# and the full per-article analysis (text, entities, quotes, amounts, dates)
# next to wink-nlp's full pipeline and compromise. Builds what it needs,
# installs wink-nlp and compromise into bench/node_modules when they are
# missing, runs every row, checks the hashes and prints a summary table.
# Usage: sh bench/run.sh   (or: make bench)
# Exit status: 0, or 1 when a step failed or a check did not hold.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
corpus="$root/../shared/data/bench-corpus.jsonl"
out="$root/build/bench"
cores=$(nproc 2>/dev/null || echo 1)
runs=3
# compromise reads about 0.1 MB/s: it runs on the first $prefix articles.
prefix=300
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
	$(pkg-config --libs libutf8proc jansson libxml-2.0 zlib libexttextcat) -lpthread -lm \
	-o build/bench-pipeline
# Web pages and archives (bench/pages.c): lib/html's extraction alone, and
# a gzipped WARC of the development pages end to end to JSON.
cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 \
	-Wsign-conversion -Iinclude -Ilib \
	$(pkg-config --cflags libutf8proc jansson libxml-2.0 zlib) \
	bench/pages.c tools/file.c build/libparallax.a \
	$(pkg-config --libs libutf8proc jansson libxml-2.0 zlib libexttextcat) -lpthread -lm \
	-o build/bench-pages
pages="$root/../shared/data/html-extraction-dev"
# Every row must measure the same library: note it, check it at the end.
lib_sum=$(cksum < build/libparallax.a)
cli_sum=$(cksum < build/parallax)
# All peers in one npm call: without a package.json, an install of one
# package may prune the others as extraneous.
if [ ! -f bench/node_modules/wink-nlp/package.json ] ||
    [ ! -f bench/node_modules/wink-eng-lite-web-model/package.json ] ||
    [ ! -f bench/node_modules/compromise/package.json ] ||
    [ ! -f bench/node_modules/vader-sentiment/package.json ]; then
	npm install --prefix bench --no-save --no-audit --no-fund \
		wink-nlp wink-eng-lite-web-model compromise \
		vader-sentiment@1.1.3
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
    "wink-eng-lite-web-model $(npm_version wink-eng-lite-web-model)," \
    "compromise $(npm_version compromise)"
echo "parallax: $(git describe --always --dirty 2>/dev/null || echo unknown)"
echo "corpus: $corpus"
load0=$(cut -d ' ' -f 1 /proc/loadavg 2>/dev/null || echo unknown)
echo "load average (1 min) before: $load0"

# ---- rows ---------------------------------------------------------------
step floor build/bench-pipeline --whitespace -j 1 -r "$runs" "$corpus"
# (a) the text pipeline: paragraphs, tokens, sentences, residue
step text-j1 build/bench-pipeline --text-only -j 1 -r "$runs" "$corpus"
step text-jn build/bench-pipeline --text-only -j "$cores" -r "$runs" \
	"$corpus"
step wink node bench/wink.js -r "$runs" "$corpus"
# (b) the full analysis: text, entities, quotes, amounts, dates
step full-j1 build/bench-pipeline -j 1 -r "$runs" "$corpus"
step full-jn build/bench-pipeline -j "$cores" -r "$runs" "$corpus"
step full-prefix build/bench-pipeline -j 1 -n "$prefix" -r "$runs" \
	"$corpus"
step wink-full node bench/wink.js --full -r "$runs" "$corpus"
step compromise node bench/compromise.js -n "$prefix" -r "$runs" "$corpus"
# (c) sentiment peers of the tone stage, on the same first articles
step vader node bench/vader.js --bench -n "$prefix" -r "$runs" "$corpus"
step wink-sentiment node bench/wink-sentiment.js --bench -n "$prefix" \
	-r "$runs" "$corpus"
articles=$(val "$out/full-j1.txt" articles)
text_mb=$(val "$out/full-j1.txt" text_mb)
e2e 1
e2e "$cores"
if [ -d "$pages" ]; then
	step html-j1 build/bench-pages --extract -r "$runs" "$pages"
	step warc-j1 build/bench-pages --warc -r "$runs" "$pages"
fi

# ---- checks -------------------------------------------------------------
echo
echo "== checks"
# Keys that must not depend on -j: the text pipeline's, then the full's.
text_keys="hash tokens sentences residue_spans articles"
full_keys="$text_keys entities mentions quotes amounts dates"
for mode in text full; do
	if [ "$mode" = text ]; then keys=$text_keys; else keys=$full_keys; fi
	for key in $keys; do
		a=$(val "$out/$mode-j1.txt" "$key")
		b=$(val "$out/$mode-jn.txt" "$key")
		if [ "$a" = "$b" ]; then
			echo "ok: $mode in-memory $key the same for -j 1 and" \
			    "-j $cores ($a)"
		else
			echo "FAIL: $mode in-memory $key $a with -j 1," \
			    "$b with -j $cores"
			status=1
		fi
	done
done
# The stages after the text pipeline must not change what it found.
for key in tokens sentences residue_spans; do
	a=$(val "$out/text-j1.txt" $key)
	b=$(val "$out/full-j1.txt" $key)
	if [ "$a" = "$b" ]; then
		echo "ok: $key the same with --text-only and in full ($a)"
	else
		echo "FAIL: $key $a with --text-only, $b in full"
		status=1
	fi
done
for f in text-j1 text-jn full-j1 full-jn full-prefix; do
	n=$(val "$out/$f.txt" failed)
	if [ "$n" != 0 ]; then
		echo "FAIL: $f: $n articles failed (messages above)"
		status=1
	fi
done
for f in wink wink-full; do
	if [ "$(val "$out/$f.txt" text_mb)" != "$text_mb" ] ||
	    [ "$(val "$out/$f.txt" articles)" != "$articles" ]; then
		echo "FAIL: $f read other texts than bench-pipeline"
		status=1
	else
		echo "ok: $f read the same $articles articles, $text_mb MB"
	fi
done
# compromise and the full-prefix row read the first $prefix articles.
pre_n=$(val "$out/full-prefix.txt" articles)
pre_mb=$(val "$out/full-prefix.txt" text_mb)
want_n=$prefix
[ "$articles" -lt "$prefix" ] && want_n=$articles
if [ "$pre_n" != "$want_n" ] ||
    [ "$(val "$out/compromise.txt" articles)" != "$pre_n" ] ||
    [ "$(val "$out/compromise.txt" text_mb)" != "$pre_mb" ]; then
	echo "FAIL: compromise read other texts than the first $want_n" \
	    "articles of bench-pipeline"
	status=1
else
	echo "ok: compromise read the same first $pre_n articles," \
	    "$pre_mb MB, as bench-pipeline -n $prefix"
fi
for f in vader wink-sentiment; do
	if [ "$(val "$out/$f.txt" articles)" != "$pre_n" ] ||
	    [ "$(val "$out/$f.txt" text_mb)" != "$pre_mb" ]; then
		echo "FAIL: $f read other texts than the first $pre_n" \
		    "articles of bench-pipeline"
		status=1
	else
		echo "ok: $f read the same first $pre_n articles, $pre_mb MB"
	fi
done
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
wink_full=$(val "$out/wink-full.txt" mb_per_s)
comp=$(val "$out/compromise.txt" mb_per_s)
floor=$(val "$out/floor.txt" mb_per_s)
load1=$(cut -d ' ' -f 1 /proc/loadavg 2>/dev/null || echo unknown)
# One line of the table: label, MB/s, articles/s, RSS, x wink, x floor.
line() {
	printf '%-50s %9s %11s %12s %8s %8s\n' "$@"
}
# row LABEL FILE PEER_MB_PER_S: one line of the table; x wink is the row's
# MB/s over PEER_MB_PER_S.
row() {
	f="$out/$2.txt"
	mbs=$(val "$f" mb_per_s)
	line "$1" "$mbs" \
	    "$(val "$f" articles_per_s)" "$(val "$f" peak_rss_mb)" \
	    "$(ratio "$mbs" "$3" 2)" "$(ratio "$mbs" "$floor" 3)"
}
# measured FILE_J1 FILE_JN TARGET AIM: the line under a target.
measured() {
	one=$(val "$out/$1.txt" mb_per_s)
	all=$(val "$out/$2.txt" mb_per_s)
	echo "measured: $one MB/s one core in memory" \
	    "($(ratio "$one" "$3" 2) of the target, $(ratio "$one" "$4" 2)" \
	    "of the aim); $cores threads: $all MB/s," \
	    "$(ratio "$all" "$cores" 1) per core"
}
echo
echo "== summary: $articles articles, $text_mb MB of text, best of $runs," \
    "$cores cores"
echo "load average (1 min): $load0 before the run, $load1 after"
echo
echo "(a) text pipeline: paragraphs, tokens, sentences, residue" \
    "(x wink: over wink-nlp tokens+sbd)"
line row MB/s articles/s "peak RSS MB" "x wink" "x floor"
row "whitespace floor, in memory, 1 thread" floor "$wink"
row "parallax text, in memory, 1 thread" text-j1 "$wink"
row "parallax text, in memory, $cores threads" text-jn "$wink"
row "wink-nlp tokens+sbd, in memory, 1 thread" wink "$wink"
echo "target: >= 200 MB/s one core in memory (tokens+sentences+residue)," \
    "aim 400"
measured text-j1 text-jn 200 400
echo
echo "(b) full analysis: text + entities + quotes + amounts + dates" \
    "(x wink: over wink-nlp full)"
line row MB/s articles/s "peak RSS MB" "x wink" "x floor"
row "parallax full, in memory, 1 thread" full-j1 "$wink_full"
row "parallax full, in memory, $cores threads" full-jn "$wink_full"
row "parallax full, first $pre_n articles, 1 thread" full-prefix \
    "$wink_full"
row "wink-nlp full pipeline, in memory, 1 thread" wink-full "$wink_full"
row "compromise ppl/places/orgs, first $pre_n articles" compromise \
    "$wink_full"
row "parallax analyze end to end, -j 1" e2e-j1 "$wink_full"
row "parallax analyze end to end, -j $cores" "e2e-j$cores" "$wink_full"
row "vader sentences (sentiment only), first $pre_n" vader "$wink_full"
row "wink-nlp sentiment (sbd+negation), first $pre_n" wink-sentiment \
    "$wink_full"
echo "target: >= 50 MB/s per core (full analysis), aim 100"
measured full-j1 full-jn 50 100
if [ -f "$out/html-j1.txt" ]; then
	echo
	echo "(c) web pages and archives, $(val "$out/html-j1.txt" articles)" \
	    "pages, $(val "$out/html-j1.txt" html_mb) MB of HTML, 1 thread" \
	    "(MB/s by wall clock; CPU time in build/bench/html-j1.txt)"
	line row MB/s articles/s "peak RSS MB" "x wink" "x floor"
	row "html main-text extraction, MB of HTML" html-j1 -
	row "warc.gz end to end to JSON, MB of gzipped WARC" warc-j1 -
	echo "target: >= 25 MB/s of HTML per core (extraction);" \
	    "end to end: $(val "$out/warc-j1.txt" html_mb_per_s) MB/s of HTML"
fi
full=$(val "$out/full-j1.txt" mb_per_s)
full_pre=$(val "$out/full-prefix.txt" mb_per_s)
echo "parallax full analysis (tone included), first $pre_n articles:" \
    "$(ratio "$full_pre" "$(val "$out/vader.txt" mb_per_s)" 0) x VADER" \
    "sentences alone, $(ratio "$full_pre" \
    "$(val "$out/wink-sentiment.txt" mb_per_s)" 0) x wink-nlp sentiment"
echo "parallax full analysis, 1 thread: $(ratio "$full" "$wink_full" 1) x" \
    "wink-nlp full pipeline; $(ratio "$full" "$comp" 0) x compromise" \
    "($(ratio "$full_pre" "$comp" 0) x on the same first $pre_n articles)"
if awk -v l="$load0" -v m="$load1" \
    'BEGIN { exit !(l + 0 >= 0.5 || m + 0 >= 0.5) }'; then
	echo "note: the load average was $load0 before the run and $load1" \
	    "after; other work on the machine makes these figures low and" \
	    "uneven"
fi
if [ "$status" -ne 0 ]; then
	echo "bench: some checks failed (see == checks)" >&2
fi
exit "$status"
