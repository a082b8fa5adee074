/*
 * wink.js - the wink-nlp peer of bench-pipeline over the same JSON Lines
 * corpus held in memory: by default tokenization and sentence boundary
 * detection only (winkNLP(model, ['sbd'])), the peer of
 * `bench-pipeline --text-only`; with --full wink-nlp's whole default
 * pipeline (winkNLP(model): sbd, negation, sentiment, pos, ner, cer),
 * reading every document's entities, sentences and tokens, the peer of
 * bench-pipeline's full analysis.
 *
 *   node bench/wink.js [--full] [-r RUNS] [FILE]
 *
 * Reads every record's text first, then times nlp.readDoc() over all of
 * them, best of RUNS (default 3), on one thread. Output is one "key value"
 * pair a line, in the format of bench-pipeline (see bench/README.md).
 */
'use strict';

const fs = require('fs');
const winkNLP = require('wink-nlp');
const model = require('wink-eng-lite-web-model');

const DEFAULT_CORPUS = '/work/shared/data/bench-corpus.jsonl';

/* Print how to call this script and exit with status 2. */
function usage() {
	process.stderr.write('usage: node bench/wink.js [--full] [-r RUNS] ' +
		'[FILE]\n');
	process.exit(2);
}

/* The texts of every record of the JSON Lines file at path, and their
 * UTF-8 byte count. Exits with a message on a bad line. */
function loadCorpus(path) {
	const lines = fs.readFileSync(path, 'utf8').split('\n');
	const texts = [];
	let bytes = 0;

	for (let i = 0; i < lines.length; i++) {
		let rec;

		if (lines[i].trim() === '')
			continue;
		try {
			rec = JSON.parse(lines[i]);
		} catch (e) {
			process.stderr.write(`wink.js: ${path}:${i + 1}: ` +
				`${e.message}\n`);
			process.exit(1);
		}
		if (typeof rec.text !== 'string') {
			process.stderr.write(`wink.js: ${path}:${i + 1}: ` +
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

/* One timed pass: readDoc over every text; with full also every
 * document's entities, counted by type. Returns seconds and counts. */
function timedRun(nlp, texts, full) {
	const types = new Map();
	let tokens = 0;
	let sentences = 0;
	let entities = 0;
	const t0 = process.hrtime.bigint();

	for (let i = 0; i < texts.length; i++) {
		const doc = nlp.readDoc(texts[i]);

		tokens += doc.tokens().length();
		sentences += doc.sentences().length();
		if (full) {
			const ents = doc.entities().out(nlp.its.type);

			entities += ents.length;
			for (const t of ents)
				types.set(t, (types.get(t) || 0) + 1);
		}
	}
	const t1 = process.hrtime.bigint();
	return {
		seconds: Number(t1 - t0) / 1e9, tokens, sentences, entities,
		types,
	};
}

/* The counts of a Map from type to count as "A:1,B:2" in type order,
 * or "-" when it is empty. */
function typeList(types) {
	const names = [...types.keys()].sort();

	if (names.length === 0)
		return '-';
	return names.map((t) => `${t}:${types.get(t)}`).join(',');
}

/* Parse the arguments, load the corpus, time the runs, print results. */
function main() {
	const args = process.argv.slice(2);
	let path = DEFAULT_CORPUS;
	let runs = 3;
	let full = false;

	for (let i = 0; i < args.length; i++) {
		if (args[i] === '--full') {
			full = true;
		} else if (args[i] === '-r') {
			const v = Number.parseInt(args[i + 1], 10);

			if (!(v >= 1 && v <= 100) ||
			    String(v) !== args[i + 1])
				usage();
			runs = v;
			i++;
		} else if (args[i].startsWith('-')) {
			usage();
		} else {
			path = args[i];
		}
	}

	/* Tokenization is always on; 'sbd' adds sentence boundaries only
	 * (no negation, sentiment, pos or ner). With no pipe given wink-nlp
	 * runs its whole default pipeline. */
	const nlp = full ? winkNLP(model) : winkNLP(model, ['sbd']);
	const { texts, bytes } = loadCorpus(path);
	const rssLoad = peakRssMb();
	let best = null;

	for (let r = 0; r < runs; r++) {
		const res = timedRun(nlp, texts, full);

		if (best === null || res.seconds < best.seconds)
			best = res;
	}

	const mb = bytes / 1e6;
	const out = [
		['mode', full ? 'wink-nlp-full' : 'wink-nlp-sbd'],
		['threads', 1],
		['runs', runs],
		['articles', texts.length],
		['failed', 0],
		['text_mb', mb.toFixed(3)],
		['seconds', best.seconds.toFixed(4)],
		['mb_per_s', (mb / best.seconds).toFixed(1)],
		['articles_per_s', (texts.length / best.seconds).toFixed(0)],
		['rss_load_mb', rssLoad.toFixed(1)],
		['peak_rss_mb', peakRssMb().toFixed(1)],
		['tokens', best.tokens],
		['sentences', best.sentences],
		['residue_spans', '-'],
		['entities', full ? best.entities : '-'],
		/* wink-nlp's entities by type, e.g. CARDINAL:12,DATE:3 */
		['entity_types', full ? typeList(best.types) : '-'],
		['hash', '-'],
	];
	for (const [k, v] of out)
		process.stdout.write(`${k} ${v}\n`);
}

main();
