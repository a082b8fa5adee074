/*
 * svec.c - sentences as weighted sets of content words: the measure of
 * "the same point" that highlights use, within an article and across
 * the articles of a story.
 *
 * A word counts when it is not a stop word: lower-cased (ASCII), its
 * possessive dropped, a plural or -ed/-ing ending taken off and the rest
 * cut to its first seven bytes, so "rejects", "rejected" and "rejecting"
 * meet. Numbers count as written. Each distinct word of a sentence weighs
 * its IDF over the set, log(1 + N / df), so the words every sentence has
 * say little.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../article/article.h"
#include "../text/lexicon.h"
#include "brief_int.h"

#define STEM_MAX 7
#define WORD_MAX 48

/* Words naming one counted thing, by class. */
static const struct {
	const char *word;
	const char *cls;
} things[] = {
	{"allies", "countries"}, {"ally", "countries"},
	{"countries", "countries"}, {"country", "countries"},
	{"governments", "countries"}, {"members", "countries"},
	{"nations", "countries"}, {"partners", "countries"},
	{"states", "countries"},
	{"casualties", "dead"}, {"dead", "dead"}, {"deaths", "dead"},
	{"fatalities", "dead"}, {"killed", "dead"}, {"lives", "dead"},
	{"civilians", "people"}, {"people", "people"}, {"persons", "people"},
	{"residents", "people"},
	{"forces", "troops"}, {"personnel", "troops"},
	{"servicemen", "troops"}, {"soldiers", "troops"},
	{"troops", "troops"},
	{"boats", "ships"}, {"ships", "ships"}, {"vessels", "ships"},
};

static pxi_lexidx things_idx = PXI_LEXIDX_INIT(things, word, 0);

const char *pxi_thing_class(const char *w, size_t n)
{
	int k = pxi_lexidx_find(&things_idx, w, n);

	return k < 0 ? NULL : things[k].cls;
}

/* Does w (n bytes) end in the three bytes a, b, c? Inline compares:
 * each word of a text is stripped, and a call to memcmp per ending cost
 * more than the test. */
static int ends3(const char *w, size_t n, char a, char b, char c)
{
	return w[n - 3] == a && w[n - 2] == b && w[n - 1] == c;
}

static size_t strip_suffix(char *w, size_t n)
{
	if (n > 4 && ends3(w, n, 'i', 'e', 's')) {
		w[n - 3] = 'y';
		return n - 2;
	}
	if (n > 5 && ends3(w, n, 'i', 'n', 'g'))
		return n - 3;
	if (n > 4 && w[n - 2] == 'e' && w[n - 1] == 'd')
		return n - 2;
	if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' &&
	    w[n - 2] != 'i')
		return n - 1;
	return n;
}

uint64_t pxi_word_hash(const char *p, size_t n)
{
	char w[WORD_MAX];
	size_t i, m = 0;
	uint64_t h = 1469598103934665603ull;
	int digits = 1;

	if (n == 0 || n >= WORD_MAX)
		return 0;
	/* possessive: 's or ’s (U+2019, three bytes) */
	if (n > 2 && p[n - 1] == 's' && (p[n - 2] == '\'' ||
	                                 (n > 4 && !memcmp(p + n - 4,
	                                                   "\xe2\x80\x99", 3))))
		n -= p[n - 2] == '\'' ? 2 : 4;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		if (c < '0' || c > '9')
			digits = 0;
		w[m++] = (char)c;
	}
	if (!digits && (m < 3 || (m <= PXI_FUNCTION_MAX &&
	                           PXI_LEX(function, w, m))))
		return 0;
	/* words of one class are one word */
	if (!digits) {
		const char *cls = pxi_thing_class(w, m);
		int cue = cls ? 0 : pxi_cue_class(w, m);

		if (cls || cue) {
			h ^= cue ? (uint64_t)cue : 0x5bd1e995u;
			for (; cls && *cls; cls++)
				h = (h ^ (unsigned char)*cls) * 1099511628211ull;
			return (h * 1099511628211ull) | 1;
		}
	}
	if (!digits) {
		m = strip_suffix(w, m);
		if (m > STEM_MAX)
			m = STEM_MAX;
	}
	for (i = 0; i < m; i++)
		h = (h ^ (unsigned char)w[i]) * 1099511628211ull;
	return h | 1; /* never 0 */
}

size_t pxi_sentence_at(const px_article *a, size_t off)
{
	size_t n, lo = 0, hi;
	const px_sentence *s = px_article_sentences(a, &n);

	hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (s[mid].span.end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n && s[lo].span.start <= off && off < s[lo].span.end)
		return lo;
	return SIZE_MAX;
}

static int by_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

void pxi_svset_free(pxi_svset *set)
{
	if (!set)
		return;
	pxi_free(set->alc, set->s);
	pxi_free(set->alc, set->hs);
	pxi_free(set->alc, set->ws);
	memset(set, 0, sizeof(*set));
}

/* Mark the tokens of roles and titles ("Deputy Prime Minister"): they
 * tell who someone is, not what happened. */
static void mark_roles(const px_article *a, unsigned char *skip, size_t nt)
{
	size_t nm, i, k;
	const px_mention *m = px_article_mentions(a, &nm);
	const px_token *t = px_article_tokens(a, &nt);

	memset(skip, 0, nt);
	for (i = 0; i < nm; i++) {
		size_t lo = 0, hi = nt;

		if (m[i].role_span.end <= m[i].role_span.start)
			continue;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (t[mid].end <= m[i].role_span.start)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (k = lo; k < nt && t[k].start < m[i].role_span.end; k++)
			skip[k] = 1;
	}
}

typedef struct hw {
	uint64_t h; /* a word's hash, never 0; 0 marks an empty slot */
	double w;   /* its summed weight, or its count of sentences */
} hw;

/* The slot of word h in the table d of mask + 1 slots (a power of two):
 * its own, or the empty one where it goes. */
static hw *hw_slot(hw *d, size_t mask, uint64_t h)
{
	size_t i = (size_t)(h ^ (h >> 29)) & mask;

	while (d[i].h && d[i].h != h)
		i = (i + 1) & mask;
	return &d[i];
}

/* Sort a[0..n) ascending: by insertion when short, as a sentence's
 * words are (qsort's calls to a comparison cost more there). */
static void sort_u64(uint64_t *a, size_t n)
{
	size_t i, j;

	if (n > 64) {
		qsort(a, n, sizeof(*a), by_u64);
		return;
	}
	for (i = 1; i < n; i++) {
		uint64_t v = a[i];

		for (j = i; j > 0 && a[j - 1] > v; j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

/* The distinct content words of sentence s into out (room for its
 * tokens), leaving out tokens marked in skip; returns how many. */
static size_t sentence_words(const px_article *a, const px_sentence *s,
                             const unsigned char *skip, uint64_t *out)
{
	size_t nt, i, m = 0, len, k, w = 0;
	const px_token *t = px_article_tokens(a, &nt);
	const char *text = px_article_text(a, &len);

	for (i = s->tok_first; i < s->tok_first + s->tok_count && i < nt; i++) {
		uint64_t h;

		if ((t[i].kind != PX_TOK_WORD && t[i].kind != PX_TOK_NUMBER) ||
		    (t[i].flags & PX_TF_RESIDUE) || skip[i])
			continue;
		h = pxi_word_hash(text + t[i].start, t[i].end - t[i].start);
		if (h)
			out[m++] = h;
	}
	sort_u64(out, m);
	for (k = 0; k < m; k++)
		if (!w || out[w - 1] != out[k])
			out[w++] = out[k];
	return w;
}

px_status pxi_svset_build(pxi_svset *set, const px_allocator *alc,
                          const px_article *const *arts, size_t n,
                          size_t min_words)
{
	size_t i, j, k, total = 0, sents = 0, ns = 0, nh = 0, maxt = 0;
	size_t slots = 16;
	unsigned char *skip = NULL;
	hw *df = NULL;

	memset(set, 0, sizeof(*set));
	set->alc = alc;
	for (i = 0; i < n; i++) {
		size_t nt, nsent;

		px_article_tokens(arts[i], &nt);
		px_article_sentences(arts[i], &nsent);
		total += nt;
		sents += nsent;
		if (nt > maxt)
			maxt = nt;
	}
	if (sents > PXI_SV_MAX)
		sents = PXI_SV_MAX;
	set->s = pxi_alloc(alc, (sents + 1) * sizeof(*set->s));
	set->hs = pxi_alloc(alc, (total + 1) * sizeof(*set->hs));
	set->ws = pxi_alloc(alc, (total + 1) * sizeof(*set->ws));
	if (!set->s || !set->hs || !set->ws)
		goto oom;
	skip = pxi_alloc(alc, maxt + 1);
	if (!skip)
		goto oom;
	for (i = 0; i < n && ns < PXI_SV_MAX; i++) {
		size_t nsent, taken = 0, nt;
		const px_sentence *ss = px_article_sentences(arts[i], &nsent);

		px_article_tokens(arts[i], &nt);
		mark_roles(arts[i], skip, nt);

		for (j = 0; j < nsent && ns < PXI_SV_MAX &&
		            taken < PXI_SV_PER_ARTICLE; j++) {
			size_t m;

			if (ss[j].residue || ss[j].heading)
				continue;
			m = sentence_words(arts[i], &ss[j], skip, set->hs + nh);
			if (m < min_words)
				continue;
			set->s[ns].article = i;
			set->s[ns].sentence = j;
			set->s[ns].rank = taken++;
			set->s[ns].n = m;
			set->s[ns].h = set->hs + nh;
			set->s[ns].w = set->ws + nh;
			ns++;
			nh += m;
		}
	}
	set->n = ns;
	/* document frequency of each word over the sentences: counted in
	 * a hash table (w holds the count) */
	while (slots < 2 * nh)
		slots *= 2;
	df = pxi_alloc(alc, slots * sizeof(*df));
	if (!df)
		goto oom;
	memset(df, 0, slots * sizeof(*df));
	for (k = 0; k < nh; k++) {
		hw *e = hw_slot(df, slots - 1, set->hs[k]);

		e->h = set->hs[k];
		e->w++;
	}
	for (i = 0; i < ns; i++) {
		pxi_sv *s = &set->s[i];
		double sq = 0;

		for (k = 0; k < s->n; k++) {
			double w = log(1.0 + (double)ns /
			                     hw_slot(df, slots - 1, s->h[k])->w);

			((float *)s->w)[k] = (float)w;
			/* the norm of the stored weights, so that a sentence's
			 * cosine with itself is 1 to the last bit */
			sq += (double)s->w[k] * (double)s->w[k];
		}
		s->norm = sqrt(sq);
	}
	pxi_free(alc, df);
	pxi_free(alc, skip);
	return PX_OK;
oom:
	pxi_free(alc, df);
	pxi_free(alc, skip);
	pxi_svset_free(set);
	return PX_ENOMEM;
}

px_status pxi_sv_centrality(const pxi_svset *set, double *out)
{
	size_t i, k, t = 0, slots = 16;
	hw *d;

	for (i = 0; i < set->n; i++)
		t += set->s[i].n;
	while (slots < 2 * t)
		slots *= 2;
	d = pxi_alloc(set->alc, slots * sizeof(*d));
	if (!d)
		return PX_ENOMEM;
	memset(d, 0, slots * sizeof(*d));
	/* The sum of the unit vectors, word by word: a hash table, each
	 * word's weights added in sentence order (as a stable sort by word
	 * would, so the sums round the same). */
	for (i = 0; i < set->n; i++)
		for (k = 0; k < set->s[i].n; k++) {
			hw *e = hw_slot(d, slots - 1, set->s[i].h[k]);
			double w = set->s[i].norm > 0
			           ? set->s[i].w[k] / set->s[i].norm : 0;

			if (e->h)
				e->w += w;
			else {
				e->h = set->s[i].h[k];
				e->w = w;
			}
		}
	/* each sentence's unit vector against that sum, less itself */
	for (i = 0; i < set->n; i++) {
		const pxi_sv *s = &set->s[i];
		double dot = 0;

		for (k = 0; k < s->n; k++)
			dot += s->w[k] * hw_slot(d, slots - 1, s->h[k])->w;
		out[i] = s->norm > 0 ? dot / s->norm - 1 : 0;
		if (out[i] < 1e-6) /* rounding of the sentence's own share */
			out[i] = 0;
	}
	pxi_free(set->alc, d);
	return PX_OK;
}

double pxi_sv_cosine(const pxi_sv *a, const pxi_sv *b)
{
	size_t i = 0, j = 0;
	double dot = 0;

	if (a->norm <= 0 || b->norm <= 0)
		return 0;
	while (i < a->n && j < b->n) {
		if (a->h[i] == b->h[j]) {
			dot += (double)a->w[i] * b->w[j];
			i++;
			j++;
		} else if (a->h[i] < b->h[j]) {
			i++;
		} else {
			j++;
		}
	}
	return dot / (a->norm * b->norm);
}
