/*
 * vader.js - VADER's own sentence score (the npm vader-sentiment
 * package, a port of C.J. Hutto's vaderSentiment), the peer of Parallax's
 * tone in `make eval-tone`.
 *
 *   node bench/vader.js < sentiment-nyt-editorial.tsv > vader.txt
 *
 * Reads id, mean_rating, sentence (tab-separated, a header line; split on
 * tabs only) and prints VADER's compound score of each sentence, one a
 * line, in input order.
 */
'use strict';

const fs = require('fs');
const vader = require('vader-sentiment');

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
