/*
 * vader.js - VADER's own sentence score (the npm vader-sentiment
 * package, a port of C.J. Hutto's vaderSentiment), the peer of Parallax's
 * tone.
 *
 *   node bench/vader.js < sentiment-nyt-editorial.tsv > vader.txt
 *     (make eval-tone) Reads id, mean_rating, sentence (tab-separated, a
 *     header line; split on tabs only) and prints VADER's compound score
 *     of each sentence, one a line, in input order.
 *
 *   node bench/vader.js --bench [-n ARTICLES] [-r RUNS] FILE
 *     (make bench) Reads the texts of a JSON Lines corpus into memory,
 *     then times VADER over every sentence of every article (sentences
 *     split after . ! ? and at line breaks), best of RUNS (default 3), on
 *     one thread; -n reads only the first ARTICLES records. Prints "key
 *     value" lines in the format of bench-pipeline (bench/README.md).
 *
 * loadCorpus, peakRssMb and benchArgs are shared with
 * bench/wink-sentiment.js.
 */
'use strict';

const fs = require('fs');

/* Print how to call this script and exit with status 2. */
function usage(name) {
	process.stderr.write(`usage: node bench/${name} --bench ` +
		'[-n ARTICLES] [-r RUNS] FILE\n');
	process.exit(2);
}

/* The texts of the first max records (all when max is 0) of the JSON
 * Lines file at path, and their UTF-8 byte count. Exits with a message
 * naming the line on a bad one. */
function loadCorpus(path, max, name) {
	const lines = fs.readFileSync(path, 'utf8').split('\n');
	const texts = [];
	let bytes = 0;

	for (let i = 0; i < lines.length; i++) {
		let rec;

		if (lines[i].trim() === '')
			continue;
		if (max && texts.length >= max)
			break;
		try {
			rec = JSON.parse(lines[i]);
		} catch (e) {
			process.stderr.write(`${name}: ${path}:${i + 1}: ` +
				`${e.message}\n`);
			process.exit(1);
		}
		if (typeof rec.text !== 'string') {
			process.stderr.write(`${name}: ${path}:${i + 1}: ` +
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

/* Parse [-n N] [-r RUNS] FILE after --bench. */
function benchArgs(args, name) {
	const o = { max: 0, runs: 3, path: null };

	for (let i = 0; i < args.length; i++) {
		if (args[i] === '-n' || args[i] === '-r') {
			const v = Number.parseInt(args[i + 1], 10);

			if (!(v >= 1) || String(v) !== args[i + 1])
				usage(name);
			if (args[i] === '-n')
				o.max = v;
			else
				o.runs = v;
			i++;
		} else if (o.path === null && !args[i].startsWith('-')) {
			o.path = args[i];
		} else {
			usage(name);
		}
	}
	if (o.path === null)
		usage(name);
	return o;
}

/* Best of runs of fn(texts) -> {seconds, ...}; prints the result keys. */
function report(mode, texts, bytes, runs, fn) {
	let best = null;

	for (let r = 0; r < runs; r++) {
		const res = fn(texts);

		if (best === null || res.seconds < best.seconds)
			best = res;
	}
	const mb = bytes / 1e6;
	const out = [
		`mode ${mode}`, 'threads 1', `runs ${runs}`,
		`articles ${texts.length}`, `text_mb ${mb.toFixed(3)}`,
		`seconds ${best.seconds.toFixed(4)}`,
		`mb_per_s ${(mb / best.seconds).toFixed(2)}`,
		`articles_per_s ${(texts.length / best.seconds).toFixed(0)}`,
		`peak_rss_mb ${peakRssMb().toFixed(1)}`,
	];
	for (const k of Object.keys(best))
		if (k !== 'seconds')
			out.push(`${k} ${best[k]}`);
	process.stdout.write(out.join('\n') + '\n');
}

/* VADER over every sentence of every text: seconds, sentences, and the
 * mean compound (a check that it ran). */
function vaderRun(vader, texts) {
	let sentences = 0;
	let sum = 0;
	const t0 = process.hrtime.bigint();

	for (let i = 0; i < texts.length; i++) {
		const parts = texts[i].split(/(?<=[.!?])\s+|\n+/);

		for (const s of parts) {
			if (s.trim() === '')
				continue;
			sum += vader.SentimentIntensityAnalyzer
				.polarity_scores(s).compound;
			sentences++;
		}
	}
	const t1 = process.hrtime.bigint();
	return {
		seconds: Number(t1 - t0) / 1e9, sentences,
		mean_compound: (sentences ? sum / sentences : 0).toFixed(4),
	};
}

/* The NYT mode: one compound a line for the sentences on stdin. */
function scoreSentences(vader) {
	const lines = fs.readFileSync(0, 'utf8').split('\n');
	const out = [];

	for (let i = 1; i < lines.length; i++) {
		const f = lines[i].replace(/\r$/, '').split('\t');

		if (f.length < 3)
			continue;
		const s = f.slice(2).join('\t');
		const r = vader.SentimentIntensityAnalyzer.polarity_scores(s);

		out.push(String(r.compound));
	}
	process.stdout.write(out.join('\n') + '\n');
}

function main() {
	const vader = require('vader-sentiment');
	const args = process.argv.slice(2);

	if (args[0] !== '--bench') {
		scoreSentences(vader);
		return;
	}
	const o = benchArgs(args.slice(1), 'vader.js');
	const c = loadCorpus(o.path, o.max, 'vader.js');

	report('vader-sentences', c.texts, c.bytes, o.runs,
		(texts) => vaderRun(vader, texts));
}

module.exports = { loadCorpus, peakRssMb, benchArgs, report };

if (require.main === module)
	main();
