/*
 * insight.c - an article's highlights and key-insights table: the last
 * stage of the pipeline, run on original offsets after everything else.
 *
 * Highlights: a sentence's centrality is its mean similarity (svec.c) to
 * the article's other sentences, scaled so the most central is 1, plus
 * a bonus for the lead (0.5 for the first sentence, 0.2 for the second:
 * news puts the event first). The highest are taken in turn, skipping
 * one that repeats a sentence already taken (cosine 0.5 or more): two
 * for a short article, three up to twenty sentences, five beyond.
 *
 * Key insights: one row per aspect, each read from the sentence a stated
 * rule picks; an aspect with no such sentence is left out. Nothing is
 * summarized or rewritten: each row is a sentence of the article.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../article/article.h"
#include "brief_int.h"

#define LEAD_BONUS 0.5
#define SECOND_BONUS 0.2
#define REPEAT_COS 0.5
#define TONE_SHARP 0.5

static px_status highlights(px_article *a)
{
	pxi_svset set;
	double *score, best = 0;
	size_t i, k, want, got = 0, *chosen;
	px_status rc;
	const px_article *one = a;

	rc = pxi_svset_build(&set, a->ar.alc, &one, 1, 4);
	if (rc)
		return rc;
	if (set.n == 0) {
		pxi_svset_free(&set);
		return PX_OK;
	}
	score = pxi_alloc(a->ar.alc, set.n * sizeof(*score));
	chosen = pxi_alloc(a->ar.alc, set.n * sizeof(*chosen));
	if (!score || !chosen) {
		rc = PX_ENOMEM;
		goto out;
	}
	rc = pxi_sv_centrality(&set, score);
	if (rc)
		goto out;
	for (i = 0; i < set.n; i++)
		if (score[i] > best)
			best = score[i];
	for (i = 0; i < set.n; i++) {
		score[i] = best > 0 ? score[i] / best : 0;
		if (set.s[i].rank == 0)
			score[i] += LEAD_BONUS;
		else if (set.s[i].rank == 1)
			score[i] += SECOND_BONUS;
	}
	want = set.n < 6 ? (set.n < 2 ? set.n : 2) : set.n <= 20 ? 3 : 5;
	best = 1 + LEAD_BONUS;
	while (got < want) {
		size_t top = SIZE_MAX;

		for (i = 0; i < set.n; i++) {
			int repeat = 0;

			if (score[i] < 0 || (top != SIZE_MAX &&
			                     score[i] <= score[top]))
				continue;
			for (k = 0; k < got && !repeat; k++)
				repeat = pxi_sv_cosine(&set.s[i],
				                       &set.s[chosen[k]]) >=
				         REPEAT_COS;
			if (repeat)
				score[i] = -1;
			else
				top = i;
		}
		if (top == SIZE_MAX)
			break;
		chosen[got++] = top;
		{
			px_highlight *h = pxi_vec_push(&a->ar, &a->highlights);

			if (!h) {
				rc = PX_ENOMEM;
				goto out;
			}
			h->sentence = set.s[top].sentence;
			h->score = score[top] / best;
		}
		score[top] = -1;
	}
out:
	pxi_free(a->ar.alc, score);
	pxi_free(a->ar.alc, chosen);
	pxi_svset_free(&set);
	return rc;
}

static px_status add_insight(px_article *a, const char *aspect,
                             size_t sentence, const char *rule)
{
	px_insight *in;

	if (sentence == SIZE_MAX)
		return PX_OK;
	in = pxi_vec_push(&a->ar, &a->insights);
	if (!in)
		return PX_ENOMEM;
	in->aspect = aspect;
	in->sentence = sentence;
	in->rule = rule;
	return PX_OK;
}

/* Residue and headings are not read for insights. */
static int in_residue(const px_article *a, size_t sentence)
{
	size_t n;
	const px_sentence *s = px_article_sentences(a, &n);

	return sentence >= n || s[sentence].residue || s[sentence].heading;
}

/* Does a direct quote start or end in sentence s? */
static int quotes_in(const px_article *a, size_t s)
{
	size_t n, i;
	const px_quote *q = px_article_quotes(a, &n);

	for (i = 0; i < n; i++) {
		size_t last = q[i].span.end ? q[i].span.end - 1 : 0;

		if (q[i].kind == PX_QUOTE_DIRECT &&
		    (q[i].sentence == s || pxi_sentence_at(a, last) == s))
			return 1;
	}
	return 0;
}

/* The first sentence naming two or more of the article's three most
 * mentioned people and organizations. */
static size_t actors_sentence(const px_article *a)
{
	size_t ne, nm, i, k, top[3] = {SIZE_MAX, SIZE_MAX, SIZE_MAX};
	size_t best = SIZE_MAX, cur = SIZE_MAX, seen = 0;
	const px_entity *e = px_article_entities(a, &ne);
	const px_mention *m = px_article_mentions(a, &nm);

	for (i = 0; i < ne; i++) {
		if (e[i].type != PX_ENT_PERSON && e[i].type != PX_ENT_ORG)
			continue;
		for (k = 0; k < 3; k++)
			if (top[k] == SIZE_MAX || e[i].count > e[top[k]].count) {
				memmove(top + k + 1, top + k,
				        (2 - k) * sizeof(*top));
				top[k] = i;
				break;
			}
	}
	if (top[1] == SIZE_MAX)
		return SIZE_MAX;
	for (i = 0; i < nm && best == SIZE_MAX; i++) {
		unsigned bit = 0;

		for (k = 0; k < 3; k++)
			if (m[i].entity == top[k])
				bit = 1u << k;
		if (!bit || in_residue(a, m[i].sentence))
			continue;
		if (m[i].sentence != cur) {
			cur = m[i].sentence;
			seen = 0;
		}
		seen |= bit;
		if ((seen & 1) + ((seen >> 1) & 1) + ((seen >> 2) & 1) >= 2)
			best = cur;
	}
	return best;
}

/* The sentence of the first direct quote of the most quoted speaker. */
static size_t quote_sentence(const px_article *a)
{
	size_t nq, ne, i, best = SIZE_MAX, most = 0, *count;
	const px_quote *q = px_article_quotes(a, &nq);

	px_article_entities(a, &ne);
	if (!ne)
		return SIZE_MAX;
	count = pxi_alloc(a->ar.alc, ne * sizeof(*count));
	if (!count)
		return SIZE_MAX;
	memset(count, 0, ne * sizeof(*count));
	for (i = 0; i < nq; i++)
		if (q[i].kind == PX_QUOTE_DIRECT &&
		    q[i].speaker_kind == PX_SPEAKER_NAMED && q[i].speaker < ne &&
		    ++count[q[i].speaker] > most)
			most = count[q[i].speaker];
	for (i = 0; i < nq && most; i++)
		if (q[i].kind == PX_QUOTE_DIRECT &&
		    q[i].speaker_kind == PX_SPEAKER_NAMED && q[i].speaker < ne &&
		    count[q[i].speaker] == most) {
			best = q[i].sentence;
			break;
		}
	pxi_free(a->ar.alc, count);
	return best;
}

static size_t amount_sentence(const px_article *a)
{
	size_t n, i;
	const px_amount *m = px_article_amounts(a, &n);

	for (i = 0; i < n; i++) {
		size_t s = pxi_sentence_at(a, m[i].span.start);

		if (!m[i].in_quote && s != SIZE_MAX && !in_residue(a, s))
			return s;
	}
	return SIZE_MAX;
}

static size_t date_sentence(const px_article *a)
{
	size_t n, i;
	const px_date *d = px_article_dates(a, &n);

	for (i = 0; i < n; i++) {
		size_t s = pxi_sentence_at(a, d[i].span.start);

		if (s != SIZE_MAX && !in_residue(a, s) &&
		    strcmp(d[i].resolution, "relative"))
			return s;
	}
	return SIZE_MAX;
}

static size_t anonymous_sentence(const px_article *a)
{
	size_t n, i;
	const px_quote *q = px_article_quotes(a, &n);

	for (i = 0; i < n; i++)
		if (q[i].speaker_kind == PX_SPEAKER_ANONYMOUS)
			return q[i].sentence;
	return SIZE_MAX;
}

/* The sentence in the author's own voice with the strongest tone. */
static size_t tone_sentence(const px_article *a)
{
	size_t n, i, best = SIZE_MAX;
	double top = TONE_SHARP;
	const px_sentence_tone *t = px_article_sentence_tones(a, &n);

	for (i = 0; i < n; i++)
		if (fabs(t[i].compound) >= top && !quotes_in(a, t[i].sentence) &&
		    !in_residue(a, t[i].sentence)) {
			top = fabs(t[i].compound);
			best = t[i].sentence;
		}
	return best;
}

px_status pxi_insight_find(px_article *a)
{
	px_status rc = highlights(a);
	size_t n;
	const px_highlight *h = px_article_highlights(a, &n);

	if (!rc && n)
		rc = add_insight(a, "main point", h[0].sentence,
		                 "most central sentence");
	if (!rc)
		rc = add_insight(a, "who", actors_sentence(a),
		                 "first sentence naming two of the three most "
		                 "mentioned people and organizations");
	if (!rc)
		rc = add_insight(a, "key quote", quote_sentence(a),
		                 "first direct quote of the most quoted speaker");
	if (!rc)
		rc = add_insight(a, "numbers", amount_sentence(a),
		                 "first number claimed in the author's voice");
	if (!rc)
		rc = add_insight(a, "when", date_sentence(a),
		                 "first date given");
	if (!rc)
		rc = add_insight(a, "sharpest tone", tone_sentence(a),
		                 "strongest tone in the author's voice "
		                 "(|compound| >= 0.5)");
	if (!rc)
		rc = add_insight(a, "unnamed source", anonymous_sentence(a),
		                 "first quote from a source not named");
	return rc;
}
