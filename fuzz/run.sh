#!/bin/sh
# run.sh - build every fuzz target with libFuzzer + ASan + UBSan and run
# each for SECONDS (default 60). `make fuzz` calls it with $(FUZZ_SECONDS).
#
#   sh fuzz/run.sh [SECONDS]
#
# Builds into build/fuzz/ (the library's sources compiled with
# -fsanitize=fuzzer-no-link, not build/libparallax.a), keeps each corpus in
# build/fuzz/corpus/<target>/ (seeded from fuzz/seeds/<target>/) and writes
# crashers to fuzz/regress/<target>/, where build/fuzz-replay (and so
# `make check`) replays them. Exits 1 when any target found something.
#
# Environment: FUZZ_CC (default clang), FUZZ_CFLAGS (extra flags, e.g.
# -DFUZZ_LAX_UTF8), FUZZ_TARGETS (default: every fuzz/fuzz_*.c),
# FUZZ_ARGS (extra libFuzzer options).
#
# Flag lists split on purpose; artifact names are libFuzzer's hex names.
# shellcheck disable=SC2086,SC2012
set -eu

cd "$(dirname "$0")/.."
secs=${1:-60}
case "$secs" in
'' | *[!0-9]*)
	echo "usage: sh fuzz/run.sh [SECONDS]" >&2
	exit 2
	;;
esac

cc=${FUZZ_CC:-clang}
out=build/fuzz
san="address,undefined"
cflags="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude \
-g -O1 -fno-omit-frame-pointer -fno-sanitize-recover=all -Wall -Wextra \
$(pkg-config --cflags libutf8proc jansson libxml-2.0 zlib libexttextcat) \
-DPX_LANG_DIR=\"$(pkg-config --variable=pkgdatadir libexttextcat)\" \
${FUZZ_CFLAGS:-}"
libs="$(pkg-config --libs libutf8proc jansson libxml-2.0 zlib libexttextcat) \
-lpthread -lm"

if ! command -v "$cc" >/dev/null 2>&1; then
	echo "fuzz: $cc not found (sh scripts/setup installs clang)" >&2
	exit 2
fi

targets=${FUZZ_TARGETS:-$(for f in fuzz/fuzz_*.c; do
	basename "$f" .c
done)}

mkdir -p "$out/obj"

# The library, once, instrumented for coverage but without libFuzzer's
# main.
objs=""
for src in lib/*/*.c; do
	obj="$out/obj/$(echo "$src" | sed -e 's|^lib/||' -e 's|/|_|g' \
	      -e 's|\.c$|.o|')"
	$cc $cflags -DPX_BUILDING -fsanitize=fuzzer-no-link,$san \
		-c -o "$obj" "$src"
	objs="$objs $obj"
done
# The tone lexicon table is generated (Makefile, tools/mktone.awk).
make build/tone_lexicon.c >/dev/null
$cc $cflags -DPX_BUILDING -fsanitize=fuzzer-no-link,$san \
	-c -o "$out/obj/tone_lexicon.o" build/tone_lexicon.c
objs="$objs $out/obj/tone_lexicon.o"
# So is the word-vector table (Makefile, tools/mkembed.c).
make build/embed_table.c >/dev/null
$cc $cflags -DPX_BUILDING -Ilib -fsanitize=fuzzer-no-link,$san \
	-c -o "$out/obj/embed_table.o" build/embed_table.c
objs="$objs $out/obj/embed_table.o"

for t in $targets; do
	$cc $cflags -fsanitize=fuzzer,$san -o "$out/$t" "fuzz/$t.c" $objs \
		$libs
done
echo "fuzz: built $(echo $targets | wc -w) targets in $out/"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

summary=""
found_any=0
for t in $targets; do
	corpus="$out/corpus/$t"
	regress="fuzz/regress/$t"
	log="$out/$t.log"
	mkdir -p "$corpus" "$regress" "fuzz/seeds/$t"
	[ -e "$regress/.gitkeep" ] || : > "$regress/.gitkeep"
	before=$(ls -A "$regress" | sort)

	# The feed and archive targets add their tokens to the text's.
	dict=fuzz/text.dict
	case "$t" in
	fuzz_feed | fuzz_warc)
		dict="$out/$t.dict"
		cat fuzz/text.dict fuzz/feed.dict > "$dict"
		;;
	esac

	echo "fuzz: $t for ${secs}s (log: $log)"
	rc=0
	"$out/$t" "$corpus" "fuzz/seeds/$t" \
		-max_total_time="$secs" -max_len=65536 -timeout=10 \
		-dict="$dict" -artifact_prefix="$regress/" \
		-print_final_stats=1 ${FUZZ_ARGS:-} >"$log" 2>&1 || rc=$?

	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" |
	       tail -n 1)
	if [ -z "$runs" ]; then
		# Stopped by a crash: the last status line has the count.
		runs=$(sed -n 's/^#\([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)
	fi
	after=$(ls -A "$regress" | sort)
	new=$(printf '%s\n' "$after" | grep -vxF -e "$before" -e '' || true)
	if [ -n "$new" ] || [ "$rc" -ne 0 ]; then
		found_any=1
		what="FOUND: $(echo $new | sed 's/ /, /g')${new:+ in $regress/}"
		[ -n "$new" ] || what="FAILED: libFuzzer exit $rc (see $log)"
		echo "fuzz: $t: $what" >&2
		# The report: 40 lines from the first sanitizer or invariant
		# message.
		awk '/==ERROR|fuzz: invariant|runtime error|deadly signal/ {
			p = 1 } p && n++ < 40' "$log" >&2
	else
		what="nothing found"
	fi
	summary="$summary
fuzz $t: ${runs:-0} runs, $what"
done

printf '%s\n' "$summary" | sed '1d'
exit "$found_any"
