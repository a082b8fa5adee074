#!/bin/sh
# bench/ingest.sh - the corpus store end to end (make bench-store).
#
#  1. reading ../shared/data/bench-corpus.jsonl (cat > /dev/null), analyzing
#     it (parallax analyze > /dev/null) and ingesting it into a fresh
#     database: MB/s, articles/s, peak RSS, and the ratios; where ingest's
#     time goes (--timing: analysis, the writer thread's store time and
#     CPU, clustering); the database size per article with the analysis
#     JSON as it is and with --no-span-text (spans as offsets only);
#  2. 200,000 articles synthesized from it (copies with new ids and URLs,
#     dates shifted a day per copy; SYNTH=N for another count) ingested into
#     another fresh database: rate, peak RSS, database size per article;
#  3. search latency over that database, median and p99, of QUERIES (300)
#     `parallax search` runs with words taken from the titles.
#
# MB is 10^6 bytes of the input file. Timing asserts nothing; the exit
# status is 1 when a step failed. Work files go to build/bench-store/
# (several GB for step 2; OUT=DIR for another place, PX=BINARY for another
# build).
set -eu
cd "$(dirname "$0")/.."
corpus=${CORPUS:-../shared/data/bench-corpus.jsonl}
synth=${SYNTH:-200000}
queries=${QUERIES:-300}
px=${PX:-build/parallax}
out=${OUT:-build/bench-store}
if [ ! -r "$corpus" ]; then
	echo "bench-store: $corpus missing (see ../shared/data/README.md)" >&2
	exit 1
fi
[ -x $px ] || make $px >/dev/null
mkdir -p $out
if [ ! -x /usr/bin/time ]; then
	echo "bench-store: needs GNU time (/usr/bin/time) for peak RSS" >&2
	exit 1
fi

# run NAME CMD...: wall seconds and peak RSS (KB) into $out/NAME.time
run() {
	name=$1
	shift
	/usr/bin/time -f '%e %M' -o $out/$name.time "$@" || [ $? -eq 1 ]
}
secs() { cut -d' ' -f1 $out/$1.time; }
rss_mb() { awk '{printf "%.0f", $2 * 1024 / 1e6}' $out/$1.time; }

bytes=$(wc -c < "$corpus")
arts=$(wc -l < "$corpus")
mb=$(awk "BEGIN{print $bytes / 1e6}")
cores=$(nproc)
echo "corpus: $corpus, $arts articles, $mb MB, $cores cores"

run read sh -c "cat '$corpus' > /dev/null"
run analyze sh -c "$px analyze '$corpus' > /dev/null"
rm -f $out/one.db $out/one.db-wal $out/one.db-shm
run ingest $px ingest --timing --db $out/one.db "$corpus" \
	2> $out/one.timing
$px stats --db $out/one.db > $out/one.stats
rm -f $out/nst.db $out/nst.db-wal $out/nst.db-shm
$px ingest --no-span-text --db $out/nst.db "$corpus"
$px stats --db $out/nst.db > $out/nst.stats

awk -v mb="$mb" -v n="$arts" -v c="$cores" \
    -v tr="$(secs read)" -v ta="$(secs analyze)" -v ti="$(secs ingest)" \
    -v ra="$(rss_mb analyze)" -v ri="$(rss_mb ingest)" 'BEGIN {
	if (tr <= 0) tr = 0.01
	printf "%-22s %8s %10s %12s %9s\n", "step", "seconds", "MB/s",
	       "articles/s", "peak RSS"
	printf "%-22s %8.2f %10.1f %12s %9s\n", "read (cat)", tr, mb / tr,
	       "-", "-"
	printf "%-22s %8.2f %10.1f %12.0f %7d MB\n", "analyze, no store",
	       ta, mb / ta, n / ta, ra
	printf "%-22s %8.2f %10.1f %12.0f %7d MB\n", "ingest, fresh db",
	       ti, mb / ti, n / ti, ri
	printf "ingest: %.1f MB/s per core; %.2fx the analysis time; " \
	       "reading the file is %.0fx faster than ingesting it\n",
	       mb / ti / c, ti / ta, ti / tr
}'
cat $out/one.timing
echo "database: $(grep size $out/one.stats)"
size_of() { # database + WAL bytes
	echo $(($(wc -c < $1) + $( [ -f $1-wal ] && wc -c < $1-wal || echo 0)))
}
awk -v n="$arts" -v a="$(size_of $out/one.db)" -v b="$(size_of $out/nst.db)" \
    -v ja="$($px export --db $out/one.db --format jsonl | wc -c)" \
    -v jb="$($px export --db $out/nst.db --format jsonl | wc -c)" 'BEGIN {
	printf "size per article: %.1f KB with span texts, %.1f KB with " \
	       "--no-span-text (%.0f%%); analysis JSON %.1f KB -> %.1f KB\n",
	       a / n / 1e3, b / n / 1e3, 100 * b / a, ja / n / 1e3, jb / n / 1e3
}'

# Synthesize: copies of the corpus with new ids and URLs, dates shifted.
echo "synthesizing $synth articles..."
python3 - "$corpus" "$synth" > $out/synth.jsonl <<'EOF'
import datetime, json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
want = int(sys.argv[2])
base = datetime.date(2024, 1, 1)
n = 0
copy = 0
while n < want:
    for r in recs:
        if n >= want:
            break
        c = dict(r)
        c["id"] = "%s-c%d" % (r.get("id", n), copy)
        c["url"] = "https://synthetic.example/%s/c%d" % (r.get("id", n), copy)
        c["published"] = (base + datetime.timedelta(days=copy)).isoformat()
        c["source"] = c.get("source") or "Outlet %d" % (n % 97)
        sys.stdout.write(json.dumps(c, ensure_ascii=False) + "\n")
        n += 1
    copy += 1
EOF
sbytes=$(wc -c < $out/synth.jsonl)
rm -f $out/big.db $out/big.db-wal $out/big.db-shm
run big $px ingest --db $out/big.db $out/synth.jsonl
$px stats --db $out/big.db > $out/big.stats
dbbytes=$(($(wc -c < $out/big.db) + $( [ -f $out/big.db-wal ] && wc -c < $out/big.db-wal || echo 0)))
awk -v mb="$(awk "BEGIN{print $sbytes / 1e6}")" -v n="$synth" \
    -v t="$(secs big)" -v r="$(rss_mb big)" -v db="$dbbytes" 'BEGIN {
	printf "%d articles (%.0f MB): %.1f s, %.1f MB/s, %.0f articles/s, " \
	       "peak RSS %d MB\n", n, mb, t, mb / t, n / t, r
	printf "database: %.0f MB, %.1f KB per article (input %.1f KB " \
	       "per article)\n", db / 1e6, db / n / 1e3, mb * 1e6 / n / 1e3
}'

# Search latency: `parallax search` end to end, words from the titles.
python3 - "$corpus" "$queries" "$px" "$out/big.db" <<'EOF'
import json, random, re, subprocess, sys, time
corpus, nq, px, db = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
words = []
for line in open(corpus, encoding="utf-8"):
    t = json.loads(line).get("title") or ""
    words += [w for w in re.findall(r"[A-Za-z]{5,}", t)]
rnd = random.Random(6)
times = []
for i in range(nq):
    q = rnd.choice(words) if i % 3 else rnd.choice(words) + " " + rnd.choice(words)
    t0 = time.perf_counter()
    subprocess.run([px, "search", "--db", db, "--limit", "20", q],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times.append(time.perf_counter() - t0)
times.sort()
med = times[len(times) // 2] * 1e3
p99 = times[min(len(times) - 1, int(len(times) * 0.99))] * 1e3
print("search: %d queries, median %.1f ms, p99 %.1f ms (whole process)"
      % (nq, med, p99))
EOF
