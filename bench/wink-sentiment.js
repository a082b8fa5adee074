/*
 * wink-sentiment.js - wink-nlp's sentiment, the peer of Parallax's tone
 * in make bench: winkNLP(model, ['sbd', 'negation', 'sentiment']) over a
 * JSON Lines corpus held in memory, reading every document's sentiment
 * and each sentence's.
 *
 *   node bench/wink-sentiment.js --bench [-n ARTICLES] [-r RUNS] FILE
 *
 * Best of RUNS (default 3) on one thread; prints "key value" lines in the
 * format of bench-pipeline (bench/README.md). Reading and reporting are
 * bench/vader.js's.
 */
'use strict';

const winkNLP = require('wink-nlp');
const model = require('wink-eng-lite-web-model');
const { loadCorpus, benchArgs, report } = require('./vader.js');

/* One timed pass: seconds, sentences, mean document sentiment. */
function winkRun(nlp, texts) {
	const its = nlp.its;
	let sentences = 0;
	let sum = 0;
	const t0 = process.hrtime.bigint();

	for (let i = 0; i < texts.length; i++) {
		const doc = nlp.readDoc(texts[i]);

		sum += doc.out(its.sentiment);
		doc.sentences().each((s) => {
			s.out(its.sentiment);
			sentences++;
		});
	}
	const t1 = process.hrtime.bigint();
	return {
		seconds: Number(t1 - t0) / 1e9, sentences,
		mean_sentiment: (texts.length ? sum / texts.length : 0)
			.toFixed(4),
	};
}

function main() {
	const args = process.argv.slice(2);

	if (args[0] !== '--bench') {
		process.stderr.write('usage: node bench/wink-sentiment.js ' +
			'--bench [-n ARTICLES] [-r RUNS] FILE\n');
		process.exit(2);
	}
	const o = benchArgs(args.slice(1), 'wink-sentiment.js');
	const c = loadCorpus(o.path, o.max, 'wink-sentiment.js');
	const nlp = winkNLP(model, ['sbd', 'negation', 'sentiment']);

	report('wink-sentiment', c.texts, c.bytes, o.runs,
		(texts) => winkRun(nlp, texts));
}

main();
