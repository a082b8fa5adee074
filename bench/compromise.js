/*
 * compromise.js - the compromise peer of bench-pipeline's full analysis:
 * people, places and organizations found by the npm package compromise,
 * over the same JSON Lines corpus held in memory.
 *
 *   node bench/compromise.js [-n ARTICLES] [-r RUNS] [FILE]
 *
 * compromise reads about 0.1 MB/s, so -n reads only the first ARTICLES
 * records (default: all of them); text_mb and mb_per_s count only the
 * texts read. Reads those texts first, then times, for every one,
 * nlp(text) and its people(), places() and organizations() as arrays,
 * best of RUNS (default 3), on one thread. Output is one "key value"
 * pair a line, in the format of bench-pipeline (see bench/README.md).
 */
'use strict';

const fs = require('fs');
const nlp = require('compromise');

const DEFAULT_CORPUS = '/work/shared/data/bench-corpus.jsonl';

/* Print how to call this script and exit with status 2. */
function usage() {
	process.stderr.write('usage: node bench/compromise.js [-n ARTICLES] ' +
		'[-r RUNS] [FILE]\n');
	process.exit(2);
}

/* The texts of the first max records (all when max is 0) of the JSON
 * Lines file at path, and their UTF-8 byte count. Exits with a message
 * on a bad line. */
function loadCorpus(path, max) {
	const lines = fs.readFileSync(path, 'utf8').split('\n');
	const texts = [];
	let bytes = 0;

	for (let i = 0; i < lines.length; i++) {
		let rec;

		if (max && texts.length >= max)
			break;
		if (lines[i].trim() === '')
			continue;
		try {
			rec = JSON.parse(lines[i]);
		} catch (e) {
			process.stderr.write(`compromise.js: ${path}:${i + 1}: ` +
				`${e.message}\n`);
			process.exit(1);
		}
		if (typeof rec.text !== 'string') {
			process.stderr.write(`compromise.js: ${path}:${i + 1}: ` +
				'no text field\n');
			process.exit(1);
		}
		texts.push(rec.text);
		bytes += Buffer.byteLength(rec.text, 'utf8');
	}
	return { texts, bytes };
}

/* Peak RSS of this process so far in MB (10^6 bytes); maxRSS is KiB. */
function peakRssMb() {
	return process.resourceUsage().maxRSS * 1024 / 1e6;
}

/* One timed pass: people, places and organizations of every text.
 * Returns seconds and counts. */
function timedRun(texts) {
	let people = 0;
	let places = 0;
	let orgs = 0;
	const t0 = process.hrtime.bigint();

	for (let i = 0; i < texts.length; i++) {
		const doc = nlp(texts[i]);

		people += doc.people().out('array').length;
		places += doc.places().out('array').length;
		orgs += doc.organizations().out('array').length;
	}
	const t1 = process.hrtime.bigint();
	return { seconds: Number(t1 - t0) / 1e9, people, places, orgs };
}

/* A whole number in [lo, hi] from the argument after option i, or usage. */
function intArg(args, i, lo, hi) {
	const v = Number.parseInt(args[i + 1], 10);

	if (!(v >= lo && v <= hi) || String(v) !== args[i + 1])
		usage();
	return v;
}

/* Parse the arguments, load the corpus, time the runs, print results. */
function main() {
	const args = process.argv.slice(2);
	let path = DEFAULT_CORPUS;
	let runs = 3;
	let max = 0;

	for (let i = 0; i < args.length; i++) {
		if (args[i] === '-r') {
			runs = intArg(args, i, 1, 100);
			i++;
		} else if (args[i] === '-n') {
			max = intArg(args, i, 1, 1e9);
			i++;
		} else if (args[i].startsWith('-')) {
			usage();
		} else {
			path = args[i];
		}
	}

	const { texts, bytes } = loadCorpus(path, max);
	const rssLoad = peakRssMb();
	let best = null;

	if (texts.length === 0) {
		process.stderr.write(`compromise.js: ${path} holds no records\n`);
		process.exit(1);
	}
	for (let r = 0; r < runs; r++) {
		const res = timedRun(texts);

		if (best === null || res.seconds < best.seconds)
			best = res;
	}

	const mb = bytes / 1e6;
	const out = [
		['mode', 'compromise'],
		['threads', 1],
		['runs', runs],
		['articles', texts.length],
		['failed', 0],
		['text_mb', mb.toFixed(3)],
		['seconds', best.seconds.toFixed(4)],
		['mb_per_s', (mb / best.seconds).toFixed(2)],
		['articles_per_s', (texts.length / best.seconds).toFixed(1)],
		['rss_load_mb', rssLoad.toFixed(1)],
		['peak_rss_mb', peakRssMb().toFixed(1)],
		['tokens', '-'],
		['sentences', '-'],
		['residue_spans', '-'],
		['entities', best.people + best.places + best.orgs],
		['people', best.people],
		['places', best.places],
		['organizations', best.orgs],
		['hash', '-'],
	];
	for (const [k, v] of out)
		process.stdout.write(`${k} ${v}\n`);
}

main();
