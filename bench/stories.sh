#!/bin/sh
# bench/stories.sh - near-copy detection and story clustering throughput
# on ../shared/data/bench-corpus.jsonl and on 25k, 100k and 250k articles
# synthesized from it (bench/stories.c says how). Run by make
# bench-stories; MAX=N limits the largest size.
set -eu
cd "$(dirname "$0")/.."
corpus=${CORPUS:-../shared/data/bench-corpus.jsonl}
if [ ! -r "$corpus" ]; then
	echo "bench/stories.sh: $corpus is missing (see ../shared/data)" >&2
	exit 1
fi
make -s build/bench-stories
build/bench-stories "$corpus" "${MAX:-250000}"
# Late binding (cluster and brief --late-binding), up to 25,000 articles.
PX_LATE_BINDING=1 build/bench-stories "$corpus" 25000
