/*
 * stories.c - near-copies and online story clustering.
 *
 * Each article added becomes a live record: MinHash of its 5-word
 * shingles, the shingles with their bytes, and a term vector (stems of
 * content words, entity keys, amounts and dates). Near-copies: LSH bands
 * over the MinHash give candidates, the share of equal MinHash values
 * estimates Jaccard, and shared runs of shingles give the passages.
 * Stories: an inverted index from rare terms to stories gives candidate
 * stories in the window; an article joins the one it is most similar
 * to (cosine with IDF weights taken at that moment, to the centroid and
 * the live members, less how far the two sides' backgrounds - their
 * closeness to stories in general - stand above the usual) above the
 * threshold, else starts one; a second story close enough is merged
 * in, and the merge recorded.
 * Articles fall out of matching past the window or past max_live;
 * stories fall out with their last live article; the indexes are rebuilt
 * from what is live every COMPACT_EVERY articles.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "story_int.h"

/* Grow an array of items of size sz to hold n + 1; PX_ENOMEM on failure
 * (the array then unchanged). */
static px_status reserve(const px_allocator *alc, void **a, size_t *cap,
                         size_t n, size_t sz)
{
	size_t ncap;
	void *na;

	if (n < *cap)
		return PX_OK;
	ncap = *cap ? *cap * 2 : 64;
	na = pxi_realloc(alc, *a, ncap * sz);
	if (!na)
		return PX_ENOMEM;
	*a = na;
	*cap = ncap;
	return PX_OK;
}

/* Grow a story's member list to hold n + 1 (it starts small: most
 * stories keep one or two articles). */
static px_status reserve_all(const px_allocator *alc, pxi_story *st,
                             size_t n)
{
	size_t ncap;
	uint32_t *na;

	if (n < st->capall)
		return PX_OK;
	ncap = st->capall ? st->capall * 2 : 4;
	if (ncap < n + 1)
		ncap = n + 1;
	na = pxi_realloc(alc, st->all, ncap * sizeof(*na));
	if (!na)
		return PX_ENOMEM;
	st->all = na;
	st->capall = ncap;
	return PX_OK;
}

/*
 * The first n bytes of p in a block of just that size, p freed; p when
 * n is 0 or that fails. Arrays kept for long are made so rather than
 * shrunk in place (realloc), which leaves the rest of their first block
 * as a hole among them: the heap, not the data, would grow.
 */
static void *fit(const px_allocator *alc, void *p, size_t n)
{
	void *q;

	if (!n)
		return p;
	q = pxi_alloc(alc, n);
	if (!q)
		return p;
	memcpy(q, p, n);
	pxi_free(alc, p);
	return q;
}

/*
 * IDF of a term now: log((N + IDF_PRIOR) / (df + 1)), at least IDF_MIN.
 * The prior keeps weights nearly flat while few articles have come, so
 * that the words of the first story do not look common.
 */
static double idf(const px_stories *s, uint64_t h)
{
	uint32_t df = s->df[h & ((1u << DF_BITS) - 1)];
	double v;

	if (df >= LOG_TAB)
		v = s->log_n - log((double)df + 1);
	else
		v = s->log_n - s->logtab[df];
	return v > IDF_MIN ? v : IDF_MIN;
}

/* Dot product of two sorted sparse vectors; OUT: *plain the part from
 * terms that are not names in either (may be NULL). */
static double dot2(const pxi_tf *a, size_t na, const pxi_tf *b, size_t nb,
                   double *plain)
{
	double d = 0, p = 0;
	size_t i = 0, j = 0;

	while (i < na && j < nb) {
		if (a[i].h < b[j].h) {
			i++;
		} else if (a[i].h > b[j].h) {
			j++;
		} else {
			double x = (double)a[i].tf * b[j].tf;

			d += x;
			if (!a[i].name && !b[j].name)
				p += x;
			i++;
			j++;
		}
	}
	if (plain)
		*plain = p;
	return d;
}

/* Euclidean norm of a sparse vector. */
static double norm(const pxi_tf *a, size_t n)
{
	double x = 0;
	size_t i;

	for (i = 0; i < n; i++)
		x += (double)a[i].tf * a[i].tf;
	return sqrt(x);
}

/* Cosine of two weighted vectors with their norms; OUT: *plain the part
 * of it from terms other than names (may be NULL). */
static double cosine(const pxi_tf *a, size_t na, double norm_a,
                     const pxi_tf *b, size_t nb, double norm_b,
                     double *plain)
{
	double d, p = 0;

	if (plain)
		*plain = 0;
	if (norm_a <= 0 || norm_b <= 0)
		return 0;
	d = dot2(a, na, b, nb, &p);
	if (plain)
		*plain = p / (norm_a * norm_b);
	return d / (norm_a * norm_b);
}

/*
 * A similarity from the term cosine c and the word-vector cosine e of
 * the same two sides: c + w (e - EMB_CENTER), w from emb_weight. Two
 * wordings of one event come out closer than the usual pair of news
 * texts (EMB_CENTER), two events on one subject often less close; the
 * term cosine keeps its scale, so thresholds keep their meaning. Only
 * when the sides share a term (c > 0): the vectors say how close two
 * wordings are, not which articles to compare.
 */
static double mix(double c, double e, double w)
{
	double m;

	if (c <= 0 || w <= 0)
		return c;
	m = c + w * (e - EMB_CENTER);
	return m > 0 ? m : 0;
}

/*
 * The vectors' share when the shorter side has n words: EMB_WEIGHT up
 * to EMB_WORDS words, then less in proportion. A lead of a few dozen
 * words shares one or two terms with another outlet's lead of the same
 * event, and the words' vectors tell "slammed" from "castigated" apart
 * from unrelated words; a full article shares enough terms, while its
 * mean vector says more about its subject and style than its event.
 */
static double emb_weight(size_t n)
{
	return n <= EMB_WORDS ? EMB_WEIGHT
	                      : EMB_WEIGHT * EMB_WORDS / (double)n;
}

/* Word-vector cosine of two articles; OUT: *w its share (0: either has
 * no vector). */
static double emb_art(const pxi_art *a, const pxi_art *b, double *w)
{
	if (!a->has_emb || !b->has_emb) {
		*w = 0;
		return 0;
	}
	*w = emb_weight(a->nw < b->nw ? a->nw : b->nw);
	return pxi_emb_dot(a->emb, b->emb);
}

/* Word-vector cosine of an article and a story's summed vector; OUT: *w
 * its share (the article's length decides). */
static double emb_story(const pxi_art *a, const pxi_story *st, double *w)
{
	double d = 0;
	size_t k;

	if (!a->has_emb || st->enorm <= 0) {
		*w = 0;
		return 0;
	}
	*w = emb_weight(a->nw);
	for (k = 0; k < PXI_EMB_DIM; k++)
		d += (double)a->emb[k] * st->emb[k];
	return d / (127.0 * st->enorm);
}

/* Note the length of story st's summed vector. */
static void emb_renorm(pxi_story *st)
{
	double n = 0;
	size_t k;

	for (k = 0; k < PXI_EMB_DIM; k++)
		n += (double)st->emb[k] * st->emb[k];
	st->enorm = (float)sqrt(n);
}

/* Add article a's vector to story st's sum (scale 1/127). */
static void emb_into(pxi_story *st, const pxi_art *a)
{
	size_t k;

	if (!a->has_emb)
		return;
	for (k = 0; k < PXI_EMB_DIM; k++)
		st->emb[k] += (float)a->emb[k];
	emb_renorm(st);
}

/*
 * The similarity of article a to story st's centroid, and of articles a
 * and b: the term cosine with the word vectors mixed in (mix); OUT:
 * *plain the same over the terms that are not names (may be NULL).
 */
static double sim_centroid(const pxi_art *a, const pxi_story *st,
                           double *plain)
{
	double p = 0, w, e = emb_story(a, st, &w);
	double c = cosine(a->v, a->nv, a->norm, st->c, st->nc, st->norm, &p);

	if (plain)
		*plain = mix(p, e, c > 0 ? w : 0);
	return mix(c, e, w);
}

static double sim_pair(const pxi_art *a, const pxi_art *b, double *plain)
{
	double p = 0, w, e = emb_art(a, b, &w);
	double c = cosine(a->v, a->nv, a->norm, b->v, b->nv, b->norm, &p);

	if (plain)
		*plain = mix(p, e, c > 0 ? w : 0);
	return mix(c, e, w);
}

static int by_h(const void *x, const void *y)
{
	const pxi_tf *a = x, *b = y;

	return a->h < b->h ? -1 : a->h > b->h;
}

static int by_tf_desc(const void *x, const void *y)
{
	const pxi_tf *a = x, *b = y;

	if (a->tf != b->tf)
		return a->tf > b->tf ? -1 : 1;
	return a->h < b->h ? -1 : a->h > b->h;
}

/* The k-th largest (0-based) of x[0..n), reordering x. */
static float kth_largest(float *x, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;

	while (lo < hi) {
		float pivot = x[(lo + hi) / 2];
		size_t i = lo, j = hi;

		while (i <= j) {
			while (x[i] > pivot)
				i++;
			while (x[j] < pivot)
				j--;
			if (i <= j) {
				float t = x[i];

				x[i] = x[j];
				x[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			break;
	}
	return x[k];
}

/*
 * Keep the cap heaviest entries of v, in their order; returns the new
 * length.
 */
static size_t cap_vec(pxi_tf *v, size_t n, size_t cap)
{
	float tmp[4096], cut;
	size_t i, k = 0, above = 0;

	if (n <= cap)
		return n;
	if (n > sizeof(tmp) / sizeof(tmp[0])) {
		qsort(v, n, sizeof(*v), by_tf_desc);
		qsort(v, cap, sizeof(*v), by_h);
		return cap;
	}
	for (i = 0; i < n; i++)
		tmp[i] = v[i].tf;
	cut = kth_largest(tmp, n, cap - 1);
	for (i = 0; i < n; i++)
		above += v[i].tf > cut;
	for (i = 0; i < n; i++) {
		if (v[i].tf > cut || (v[i].tf == cut && above < cap)) {
			if (v[i].tf == cut)
				above++;
			v[k++] = v[i];
		}
	}
	return k;
}

static void art_clear(const px_allocator *alc, pxi_art *a)
{
	pxi_free(alc, a->sh);
	pxi_free(alc, a->v);
	memset(a, 0, sizeof(*a));
}

/* One run of equal terms in a sorted list, with weight w per count. */
typedef struct term_in {
	uint64_t h;
	float w;
	uint8_t seen; /* 1: written with a capital in the body, 2: in
	               * lower case in the body (title words: neither) */
} term_in;

/* Write v as a LEB128 varint at p (NULL: only count); its bytes. */
static size_t put_varint(uint8_t *p, uint32_t v)
{
	size_t n = 0;

	do {
		uint8_t b = v & 0x7f;

		v >>= 7;
		if (p)
			p[n] = (uint8_t)(b | (v ? 0x80 : 0));
		n++;
	} while (v);
	return n;
}

/* Read a varint at *p, moving *p past it. */
static uint32_t get_varint(const uint8_t **p)
{
	uint32_t v = 0;
	unsigned shift = 0;
	uint8_t b;

	do {
		b = *(*p)++;
		v |= (uint32_t)(b & 0x7f) << shift;
		shift += 7;
	} while (b & 0x80);
	return v;
}

/* The byte spans of a's shingles into start[] and end[] (a->nsh
 * each); uint32_t arithmetic wraps, so any offsets come back as put. */
static void sh_spans(const pxi_art *a, uint32_t *start, uint32_t *end)
{
	const uint8_t *p = (const uint8_t *)(a->sh + a->nsh);
	uint32_t at = 0;
	size_t i;

	for (i = 0; i < a->nsh; i++) {
		at += get_varint(&p);
		start[i] = at;
		end[i] = at + get_varint(&p);
	}
}

/* Build the live record of a doc into *a (zeroed on failure). */
static px_status art_build(const px_stories *s, const pxi_doc *d,
                           pxi_art *a)
{
	size_t nt = d->nw + d->nkeys + d->nfacts, i, k, n = 0;
	term_in *t = NULL;
	px_status rc = PX_ENOMEM;

	memset(a, 0, sizeof(*a));
	a->day = d->day;
	a->has_emb = d->has_emb;
	a->nw = (uint32_t)d->nw;
	memcpy(a->emb, d->emb, sizeof(a->emb));
	for (k = 0; k < MH_K; k++)
		a->mh[k] = UINT32_MAX;
	if (d->nw) {
		size_t w = d->nw < SHINGLE ? d->nw : SHINGLE, bytes = 0;
		uint32_t prev = 0;
		uint8_t *p;

		a->nsh = d->nw - w + 1;
		for (i = 0; i < a->nsh; i++) {
			bytes += put_varint(NULL, d->w[i].start - prev);
			bytes += put_varint(NULL, d->w[i + w - 1].end -
			                          d->w[i].start);
			prev = d->w[i].start;
		}
		a->sh = pxi_alloc(s->alc, a->nsh * sizeof(*a->sh) + bytes);
		if (!a->sh)
			goto out;
		p = (uint8_t *)(a->sh + a->nsh);
		prev = 0;
		for (i = 0; i < a->nsh; i++) {
			uint64_t h = 0x51ed27;
			uint64_t h2;

			for (k = 0; k < w; k++)
				h = pxi_mix(h, d->w[i + k].h);
			a->sh[i] = h;
			p += put_varint(p, d->w[i].start - prev);
			p += put_varint(p, d->w[i + w - 1].end - d->w[i].start);
			prev = d->w[i].start;
			/* one-permutation MinHash: the shingle's bin, and
			 * its value there */
			h2 = h % MH_K;
			if ((uint32_t)(h >> 32) < a->mh[h2])
				a->mh[h2] = (uint32_t)(h >> 32);
		}
	}
	if (nt) {
		t = pxi_alloc(s->alc, nt * sizeof(*t));
		if (!t)
			goto out;
	}
	for (i = 0; i < d->nw; i++) {
		if (!d->w[i].term)
			continue;
		t[n].h = d->w[i].term;
		t[n].seen = d->w[i].title ? 0 : d->w[i].cap ? 1 : 2;
		t[n++].w = d->w[i].title ? TITLE_BOOST : 1.0f;
	}
	for (i = 0; i < d->nkeys; i++) {
		t[n].h = d->keys[i];
		t[n].seen = 1;
		t[n++].w = KEY_BOOST;
	}
	for (i = 0; i < d->nfacts; i++) {
		t[n].h = d->facts[i];
		t[n].seen = 0;
		t[n++].w = FACT_BOOST;
	}
	if (n) {
		size_t cap = 16, j;

		while (cap < 2 * n)
			cap *= 2;
		a->v = pxi_alloc(s->alc, cap * sizeof(*a->v));
		if (!a->v)
			goto out;
		memset(a->v, 0, cap * sizeof(*a->v));
		/* sum the weights of each term in a hash table */
		for (i = 0; i < n; i++) {
			j = (size_t)(t[i].h ^ (t[i].h >> 31)) & (cap - 1);
			while (a->v[j].tf != 0 && a->v[j].h != t[i].h)
				j = (j + 1) & (cap - 1);
			a->v[j].h = t[i].h;
			a->v[j].tf += t[i].w;
			a->v[j].name |= t[i].seen;
		}
		for (i = 0, j = 0; i < cap; i++) {
			float c = a->v[i].tf;
			uint8_t seen = a->v[i].name;

			if (c == 0)
				continue;
			a->v[j].h = a->v[i].h;
			a->v[j].name = seen == 1; /* capitals only */
			a->v[j++].tf = c <= 1 ? c : 1.0f + logf(c);
		}
		a->nv = j;
	}
	rc = PX_OK;
out:
	pxi_free(s->alc, t);
	if (rc)
		art_clear(s->alc, a);
	return rc;
}

/* The live record of article num, or NULL. */
static pxi_art *live_art(const px_stories *s, size_t num)
{
	pxi_art *a;

	if (num < s->lo || num >= s->nart)
		return NULL;
	a = &s->ring[num % s->max_live];
	return a->used && a->num == num ? a : NULL;
}

/* Resolve merges: the story id that story id became. */
static uint32_t find(const px_stories *s, uint32_t id)
{
	while (s->fwd[id] != id)
		id = s->fwd[id];
	return id;
}

/* Days from day a to the span [lo, hi] (0 inside it or when either is
 * unknown). */
static double day_gap(int32_t a, int32_t lo, int32_t hi)
{
	if (a == PXI_NO_DAY || lo == PXI_NO_DAY)
		return 0;
	if (a < lo)
		return (double)lo - a;
	if (a > hi)
		return (double)a - hi;
	return 0;
}

/*
 * The similarity an article needs to join a story `gap` days past the
 * story's span: the threshold within the window; past it, the threshold
 * raised in proportion to the gap, up to REACH_RISE times it at the
 * reach (REACH_FACTOR windows); past the reach, more than any score.
 */
static double needed_at(const px_stories *s, double thr, double gap)
{
	double w = s->window, r = s->window * REACH_FACTOR;

	if (w < 0 || gap <= w)
		return thr;
	if (gap > r)
		return HUGE_VAL;
	return thr * (1 + (REACH_RISE - 1) * (gap - w) / (r - w));
}

/* What an arriving article needs to join (the join threshold). */
static double needed(const px_stories *s, double gap)
{
	return needed_at(s, s->join, gap);
}

/*
 * How much more similarity than a full article's an article of n words
 * needs: 1 from LEN_FULL words on, 1 + slope (1 - n / LEN_FULL) below.
 * Few words make few terms, and one shared name or subject word then
 * weighs as much as a whole shared paragraph does in a full article:
 * short texts of different events come out as close as full articles of
 * one event. slope is LEN_SLOPE for the online step, LEN_SLOPE_LATE for
 * late binding's average link.
 */
static double length_factor(size_t n, double slope)
{
	if (n >= LEN_FULL)
		return 1;
	return 1 + slope * (1 - (double)n / LEN_FULL);
}

/* 1 when days a and [lo, hi] are within reach (or either is unknown). */
static int in_reach(const px_stories *s, int32_t a, int32_t lo, int32_t hi)
{
	return needed(s, day_gap(a, lo, hi)) < HUGE_VAL;
}

static void story_free(const px_allocator *alc, pxi_story *st)
{
	if (!st)
		return;
	pxi_free(alc, st->c);
	pxi_free(alc, st->all);
	pxi_free(alc, st);
}

px_status px_stories_create(const px_stories_opts *opts, px_stories **out)
{
	const px_allocator *alc = opts ? opts->alc : NULL;
	px_stories *s;
	size_t i;

	if (!out)
		return PX_EINVAL;
	*out = NULL;
	s = pxi_alloc(alc, sizeof(*s));
	if (!s)
		return PX_ENOMEM;
	memset(s, 0, sizeof(*s));
	if (alc) {
		s->alcv = *alc;
		s->alc = &s->alcv;
	}
	s->window = opts && opts->window_days != 0 ? opts->window_days : 3;
	s->late = opts && opts->late_binding;
	s->thr = opts && opts->threshold > 0 ? opts->threshold
	         : s->late ? PX_STORIES_LATE_THRESHOLD : PX_STORIES_THRESHOLD;
	s->copy_thr = opts && opts->copy_threshold > 0 ? opts->copy_threshold
	                                               : 0.5;
	s->max_live = opts && opts->max_live ? opts->max_live : 20000;
	s->join = s->thr;
	if (s->late)
		s->join = opts && opts->join_threshold > 0
		          ? opts->join_threshold
		          : s->thr * PX_STORIES_JOIN_RATIO;
	s->rebind_every = opts && opts->rebind_every ? opts->rebind_every
	                                             : 1;
	s->max_day = PXI_NO_DAY;
	s->df = pxi_alloc(s->alc, ((size_t)1 << DF_BITS) * sizeof(*s->df));
	s->ring = pxi_alloc(s->alc, s->max_live * sizeof(*s->ring));
	if (!s->df || !s->ring) {
		pxi_free(s->alc, s->df);
		pxi_free(s->alc, s->ring);
		pxi_free(alc, s);
		return PX_ENOMEM;
	}
	memset(s->df, 0, ((size_t)1 << DF_BITS) * sizeof(*s->df));
	for (i = 0; i < LOG_TAB; i++)
		s->logtab[i] = log((double)i + 1);
	s->log_n = log(IDF_PRIOR);
	memset(s->ring, 0, s->max_live * sizeof(*s->ring));
	*out = s;
	return PX_OK;
}

void px_stories_free(px_stories *s)
{
	const px_allocator *alc;
	size_t i;

	if (!s)
		return;
	alc = s->alc;
	for (i = 0; i < s->max_live; i++)
		art_clear(alc, &s->ring[i]);
	for (i = 0; i < s->nstory; i++)
		story_free(alc, s->st[i]);
	for (i = 0; i < s->ncopies; i++)
		pxi_free(alc, (void *)s->copies[i].passages);
	pxi_map_free(alc, &s->index);
	pxi_map_free(alc, &s->bands);
	pxi_free(alc, s->ring);
	pxi_free(alc, s->df);
	pxi_free(alc, s->art_story);
	pxi_free(alc, s->fwd);
	pxi_free(alc, s->st);
	pxi_free(alc, s->span);
	pxi_free(alc, s->live_ids);
	pxi_free(alc, s->copies);
	pxi_free(alc, s->merges);
	pxi_free(alc, s->splits);
	pxi_free(alc, s->moves);
	pxi_free(alc, s->lb_r);
	pxi_free(alc, s->lb_s);
	pxi_free(alc, s->lb_p);
	pxi_free(alc, s->lb_c);
	pxi_free(alc, s->lb_cache);
	pxi_free(alc, s);
}

size_t px_stories_count(const px_stories *s)
{
	return s ? s->nart : 0;
}

size_t px_stories_story(const px_stories *s, size_t article)
{
	if (!s || article >= s->nart)
		return SIZE_MAX;
	return find(s, s->art_story[article]);
}

size_t px_stories_nstories(const px_stories *s)
{
	return s ? s->nalive : 0;
}

const px_near_copy *px_stories_copies(const px_stories *s, size_t *n)
{
	if (n)
		*n = s ? s->ncopies : 0;
	return s ? s->copies : NULL;
}

const px_story_merge *px_stories_merges(const px_stories *s, size_t *n)
{
	if (n)
		*n = s ? s->nmerges : 0;
	return s ? s->merges : NULL;
}

const px_story_split *px_stories_splits(const px_stories *s, size_t *n)
{
	if (n)
		*n = s ? s->nsplits : 0;
	return s ? s->splits : NULL;
}

const px_story_move *px_stories_moves(const px_stories *s, size_t *n)
{
	if (n)
		*n = s ? s->nmoves : 0;
	return s ? s->moves : NULL;
}

void pxi_stories_forget(px_stories *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->ncopies; i++)
		pxi_free(s->alc, (void *)s->copies[i].passages);
	s->ncopies = 0;
	s->nmerges = 0;
	s->nsplits = 0;
	s->nmoves = 0;
}

/* Sorted (hash, position) of a's shingles, for finding shared runs. */
typedef struct sh_pos {
	uint64_t h;
	uint32_t pos;
} sh_pos;

static int by_sh_pos(const void *x, const void *y)
{
	const sh_pos *a = x, *b = y;

	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* First position of h in the sorted list, or -1. */
static long sh_find(const sh_pos *p, size_t n, uint64_t h)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (p[mid].h < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && p[lo].h == h ? (long)p[lo].pos : -1;
}

/*
 * The passages a and b share: maximal runs of b's shingles found at
 * consecutive positions of a, of at least 3 shingles (or all of a short
 * article). OUT: *out malloc'd through alc, *n.
 */
static px_status passages(const px_stories *s, const pxi_art *a,
                          const pxi_art *b, px_passage **out, size_t *n)
{
	sh_pos *p = NULL;
	uint32_t *sp = NULL; /* spans: a's starts, a's ends, b's, b's */
	px_passage *r = NULL;
	size_t nr = 0, capr = 0, i, j;
	size_t min_run = a->nsh < 3 || b->nsh < 3 ? 1 : 3;
	px_status rc = PX_OK;

	*out = NULL;
	*n = 0;
	if (!a->nsh || !b->nsh)
		return PX_OK;
	p = pxi_alloc(s->alc, a->nsh * sizeof(*p));
	if (!p)
		return PX_ENOMEM;
	for (i = 0; i < a->nsh; i++) {
		p[i].h = a->sh[i];
		p[i].pos = (uint32_t)i;
	}
	qsort(p, a->nsh, sizeof(*p), by_sh_pos);
	for (j = 0; j < b->nsh;) {
		long ia = sh_find(p, a->nsh, b->sh[j]);
		size_t k = 1;

		if (ia < 0) {
			j++;
			continue;
		}
		while (j + k < b->nsh && (size_t)ia + k < a->nsh &&
		       a->sh[(size_t)ia + k] == b->sh[j + k])
			k++;
		if (k >= min_run) {
			const uint32_t *as, *ae, *bs, *be;

			if (!sp) {
				sp = pxi_alloc(s->alc, 2 * (a->nsh + b->nsh) *
				                       sizeof(*sp));
				if (!sp) {
					rc = PX_ENOMEM;
					goto out;
				}
				sh_spans(a, sp, sp + a->nsh);
				sh_spans(b, sp + 2 * a->nsh,
				         sp + 2 * a->nsh + b->nsh);
			}
			as = sp;
			ae = sp + a->nsh;
			bs = sp + 2 * a->nsh;
			be = bs + b->nsh;
			rc = reserve(s->alc, (void **)&r, &capr, nr,
			             sizeof(*r));
			if (rc)
				goto out;
			r[nr].a.start = as[ia];
			r[nr].a.end = ae[(size_t)ia + k - 1];
			r[nr].b.start = bs[j];
			r[nr].b.end = be[j + k - 1];
			nr++;
		}
		j += k;
	}
out:
	pxi_free(s->alc, p);
	pxi_free(s->alc, sp);
	if (rc) {
		pxi_free(s->alc, r);
		return rc;
	}
	/* not the room reserve() left: a pair has a passage or two, and
	 * pairs are kept until forgotten */
	*out = nr < capr ? fit(s->alc, r, nr * sizeof(*r)) : r;
	*n = nr;
	return PX_OK;
}

/* The LSH key of band bnd of a into *key; 0 when a bin of the band is
 * empty (short articles), then the band is left out. */
static int band_key(const pxi_art *a, size_t bnd, uint64_t *key)
{
	size_t r;

	*key = 0x7b1 + bnd;
	for (r = 0; r < MH_ROWS; r++) {
		uint32_t v = a->mh[bnd * MH_ROWS + r];

		if (v == UINT32_MAX)
			return 0;
		*key = pxi_mix(*key, v);
	}
	return 1;
}

/*
 * Near-copies of a (number num) among live articles: candidates from the
 * LSH bands, kept at the copy threshold. OUT: *partner the most similar
 * one's number, or SIZE_MAX. Records the pairs.
 */
static px_status near_copies(px_stories *s, const pxi_art *a, size_t num,
                             size_t *partner)
{
	size_t seen[64], nseen = 0, bnd, i;
	double best = 0;
	px_status rc = PX_OK;

	*partner = SIZE_MAX;
	if (!a->nsh)
		return PX_OK;
	for (bnd = 0; bnd < MH_BANDS; bnd++) {
		uint64_t key;
		const pxi_plist *pl;

		if (!band_key(a, bnd, &key))
			continue;
		pl = pxi_map_get(&s->bands, key);
		for (i = 0; pl && i < pl->n; i++) {
			size_t other = pl->a[i], k, eq = 0, used = 0;
			const pxi_art *b = live_art(s, other);
			px_near_copy *c;
			px_passage *ps = NULL;
			size_t nps = 0;
			double jac;

			if (!b || other == num)
				continue;
			for (k = 0; k < nseen && seen[k] != other; k++)
				;
			if (k < nseen)
				continue;
			if (nseen < sizeof(seen) / sizeof(seen[0]))
				seen[nseen++] = other;
			if (!in_reach(s, a->day, b->day, b->day))
				continue;
			for (k = 0; k < MH_K; k++) {
				if (a->mh[k] == UINT32_MAX &&
				    b->mh[k] == UINT32_MAX)
					continue;
				used++;
				eq += a->mh[k] == b->mh[k];
			}
			jac = used ? (double)eq / (double)used : 0;
			if (jac < s->copy_thr)
				continue;
			rc = reserve(s->alc, (void **)&s->copies,
			             &s->capcopies, s->ncopies,
			             sizeof(*s->copies));
			if (rc)
				return rc;
			rc = passages(s, b, a, &ps, &nps);
			if (rc)
				return rc;
			c = &s->copies[s->ncopies++];
			c->a = other;
			c->b = num;
			c->jaccard = jac;
			c->source = SIZE_MAX;
			if (a->day != PXI_NO_DAY && b->day != PXI_NO_DAY &&
			    a->day != b->day)
				c->source = a->day < b->day ? num : other;
			c->passages = ps;
			c->npassages = nps;
			if (jac > best) {
				best = jac;
				*partner = other;
			}
		}
	}
	for (bnd = 0; bnd < MH_BANDS; bnd++) {
		uint64_t key;

		if (!band_key(a, bnd, &key))
			continue;
		rc = pxi_map_add(s->alc, &s->bands, key, (uint32_t)num, 0);
		if (rc)
			return rc;
	}
	return PX_OK;
}

/* A candidate story and its score so far. */
typedef struct cand {
	uint32_t id;
	double score;
} cand;

static int by_score_desc(const void *x, const void *y)
{
	const cand *a = x, *b = y;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/*
 * Similarity of article a to story st: the cosine to its centroid, or
 * with members set a blend of that (1 - MEMBER_WEIGHT) and the average
 * cosine to its live members (average link, MEMBER_WEIGHT). OUT: *plain
 * the same measure over the terms that are not names (may be NULL).
 */
static double story_sim(const px_stories *s, const pxi_art *a,
                        const pxi_story *st, int members, double *plain)
{
	double p = 0, pc = 0, sum = 0, psum = 0, best;
	size_t i, k = 0;

	best = sim_centroid(a, st, &pc);
	for (i = 0; members && i < st->nmem; i++) {
		const pxi_art *m = live_art(s, st->mem[i]);

		if (!m)
			continue;
		sum += sim_pair(a, m, &p);
		psum += p;
		k++;
	}
	if (k) {
		best = (1 - MEMBER_WEIGHT) * best +
		       MEMBER_WEIGHT * sum / (double)k;
		pc = (1 - MEMBER_WEIGHT) * pc +
		     MEMBER_WEIGHT * psum / (double)k;
	}
	if (plain)
		*plain = pc;
	return best;
}

/* Add the weights of (v, nv) into story st's centroid (capped). */
static px_status centroid_add(const px_stories *s, pxi_story *st,
                              const pxi_tf *v, size_t nv)
{
	pxi_tf *m = pxi_alloc(s->alc, (st->nc + nv + 1) * sizeof(*m));
	size_t i = 0, j = 0, n = 0;

	if (!m)
		return PX_ENOMEM;
	while (i < st->nc || j < nv) {
		if (j >= nv || (i < st->nc && st->c[i].h < v[j].h)) {
			m[n++] = st->c[i++];
		} else if (i >= st->nc || v[j].h < st->c[i].h) {
			m[n++] = v[j++];
		} else {
			m[n] = st->c[i++];
			m[n].name |= v[j].name;
			m[n++].tf += v[j++].tf;
		}
	}
	n = cap_vec(m, n, CENT_CAP);
	/* not the room of the terms cap_vec dropped (up to VEC_CAP of
	 * CENT_CAP + VEC_CAP) */
	m = fit(s->alc, m, n * sizeof(*m));
	pxi_free(s->alc, st->c);
	st->c = m;
	st->nc = n;
	st->norm = norm(m, n);
	return PX_OK;
}

/* Put the rarest terms of a into the index under story id. */
static px_status index_add(px_stories *s, const pxi_art *a, uint32_t id)
{
	pxi_tf top[INDEX_TERMS];
	size_t n = 0, i, k, lo;

	for (i = 0; i < a->nv; i++) {
		pxi_tf t;

		t.h = a->v[i].h;
		t.tf = a->v[i].tf;
		if (n < INDEX_TERMS) {
			top[n++] = t;
			continue;
		}
		lo = 0;
		for (k = 1; k < n; k++)
			if (top[k].tf < top[lo].tf)
				lo = k;
		if (t.tf > top[lo].tf)
			top[lo] = t;
	}
	for (i = 0; i < n; i++) {
		px_status rc = pxi_map_add(s->alc, &s->index, top[i].h, id,
		                           POST_CAP);

		if (rc)
			return rc;
	}
	return PX_OK;
}

/* A new story id with a live record; PX_ENOMEM leaves s unchanged. */
static px_status story_new(px_stories *s, int32_t day, uint32_t *id)
{
	pxi_story *st;
	px_status rc;

	rc = reserve(s->alc, (void **)&s->fwd, &s->capstory, s->nstory,
	             sizeof(*s->fwd));
	if (rc)
		return rc;
	rc = reserve(s->alc, (void **)&s->st, &s->capst, s->nstory,
	             sizeof(*s->st));
	if (rc)
		return rc;
	rc = reserve(s->alc, (void **)&s->span, &s->capspan, s->nstory,
	             sizeof(*s->span));
	if (rc)
		return rc;
	rc = reserve(s->alc, (void **)&s->live_ids, &s->caplive_ids,
	             s->nlive_ids, sizeof(*s->live_ids));
	if (rc)
		return rc;
	st = pxi_alloc(s->alc, sizeof(*st));
	if (!st)
		return PX_ENOMEM;
	memset(st, 0, sizeof(*st));
	st->id = (uint32_t)s->nstory;
	st->first_day = day;
	st->last_day = day;
	s->fwd[s->nstory] = st->id;
	s->st[s->nstory] = st;
	s->span[s->nstory].lo = day;
	s->span[s->nstory].hi = day;
	s->live_ids[s->nlive_ids++] = st->id;
	s->nstory++;
	s->nalive++;
	*id = st->id;
	return PX_OK;
}

/* Note that article num (day) is a member of story st. */
static void story_member(pxi_story *st, size_t num, int32_t day)
{
	if (st->nmem == MEMBER_CAP) {
		memmove(st->mem, st->mem + 1,
		        (MEMBER_CAP - 1) * sizeof(st->mem[0]));
		st->nmem--;
	}
	st->mem[st->nmem++] = num;
	st->last_num = num;
	st->size++;
	if (day != PXI_NO_DAY) {
		if (st->first_day == PXI_NO_DAY || day < st->first_day)
			st->first_day = day;
		if (st->last_day == PXI_NO_DAY || day > st->last_day)
			st->last_day = day;
	}
}

/* Merge story from into story into, for article num. */
static px_status story_merge(px_stories *s, uint32_t from, uint32_t into,
                             size_t num)
{
	pxi_story *f = s->st[from], *t = s->st[into];
	px_story_merge *m;
	size_t i;
	px_status rc;

	rc = reserve(s->alc, (void **)&s->merges, &s->capmerges, s->nmerges,
	             sizeof(*s->merges));
	if (rc)
		return rc;
	if (s->late && f->nall) {
		rc = reserve_all(s->alc, t, t->nall + f->nall - 1);
		if (rc)
			return rc;
	}
	rc = centroid_add(s, t, f->c, f->nc);
	if (rc)
		return rc;
	if (f->enorm > 0) {
		for (i = 0; i < PXI_EMB_DIM; i++)
			t->emb[i] += f->emb[i];
		emb_renorm(t);
	}
	if (s->late && f->nall) {
		memcpy(t->all + t->nall, f->all, f->nall * sizeof(*t->all));
		t->nall += f->nall;
	}
	for (i = 0; i < f->nmem; i++) {
		if (t->nmem == MEMBER_CAP) {
			memmove(t->mem, t->mem + 1,
			        (MEMBER_CAP - 1) * sizeof(t->mem[0]));
			t->nmem--;
		}
		t->mem[t->nmem++] = f->mem[i];
	}
	if (t->size + f->size)
		t->bg = (t->bg * (double)t->size + f->bg * (double)f->size) /
		        (double)(t->size + f->size);
	t->size += f->size;
	t->undated |= f->undated;
	if (f->last_num > t->last_num)
		t->last_num = f->last_num;
	if (f->first_day != PXI_NO_DAY &&
	    (t->first_day == PXI_NO_DAY || f->first_day < t->first_day))
		t->first_day = f->first_day;
	if (f->last_day != PXI_NO_DAY &&
	    (t->last_day == PXI_NO_DAY || f->last_day > t->last_day))
		t->last_day = f->last_day;
	s->fwd[from] = into;
	story_free(s->alc, f);
	s->st[from] = NULL;
	s->nalive--;
	m = &s->merges[s->nmerges++];
	m->from = from;
	m->into = into;
	m->article = num;
	return PX_OK;
}

/*
 * Drop articles past the window or past max_live from matching; every
 * COMPACT_EVERY articles, drop stories with no live article and rebuild
 * the index and the bands from what is live.
 */
static px_status evict(px_stories *s)
{
	size_t i, k = 0;
	pxi_map nb, ni;
	px_status rc = PX_OK;

	while (s->lo < s->nart) {
		pxi_art *a = &s->ring[s->lo % s->max_live];
		int old = s->nart - s->lo > s->max_live - 1;

		if (!old && s->window >= 0 && a->used &&
		    a->day != PXI_NO_DAY && s->max_day != PXI_NO_DAY &&
		    (double)a->day <
		    (double)s->max_day - REACH_FACTOR * s->window)
			old = 1;
		if (!old)
			break;
		art_clear(s->alc, a);
		s->lo++;
	}
	if (++s->since_compact < COMPACT_EVERY)
		return PX_OK;
	s->since_compact = 0;
	for (i = 0; i < s->nlive_ids; i++) {
		uint32_t id = s->live_ids[i];
		pxi_story *st = s->st[id];

		if (!st)
			continue;
		if (st->last_num < s->lo) {
			story_free(s->alc, st);
			s->st[id] = NULL;
			continue;
		}
		if (st->nall) { /* keep its live members only */
			size_t j, m = 0;

			for (j = 0; j < st->nall; j++)
				if (live_art(s, st->all[j]) &&
				    find(s, s->art_story[st->all[j]]) == id)
					st->all[m++] = st->all[j];
			st->nall = m;
		}
		s->live_ids[k++] = id;
	}
	s->nlive_ids = k;
	memset(&nb, 0, sizeof(nb));
	memset(&ni, 0, sizeof(ni));
	for (i = s->lo; i < s->nart && !rc; i++) {
		const pxi_art *a = live_art(s, i);
		size_t bnd;

		if (!a || !a->nsh)
			continue;
		for (bnd = 0; bnd < MH_BANDS && !rc; bnd++) {
			uint64_t key;

			if (band_key(a, bnd, &key))
				rc = pxi_map_add(s->alc, &nb, key, (uint32_t)i,
				                 0);
		}
	}
	/* The index keeps only postings of live stories. */
	for (i = 0; i < s->index.cap && !rc; i++) {
		const pxi_plist *p = &s->index.slot[i];
		uint32_t j;

		for (j = 0; p->key && j < p->n && !rc; j++) {
			uint32_t id = find(s, p->a[j]);

			if (s->st[id])
				rc = pxi_map_add(s->alc, &ni, p->key, id,
				                 POST_CAP);
		}
	}
	if (rc) {
		pxi_map_free(s->alc, &nb);
		pxi_map_free(s->alc, &ni);
		return PX_OK; /* keep the old indexes; try again later */
	}
	pxi_map_free(s->alc, &s->bands);
	pxi_map_free(s->alc, &s->index);
	s->bands = nb;
	s->index = ni;
	return PX_OK;
}

/* Candidate stories of a from the index, best partial score first.
 * OUT: c (room for CAND_MAX), *nc. */
static px_status candidates(const px_stories *s, const pxi_art *a,
                            cand *c, size_t *nc)
{
	cand tab[CAND_TAB];
	float wt[VEC_CAP];
	size_t ntab = 0, i, j;
	double rare = (double)s->ndocs * 0.05 + 20;
	float cut = 0;

	memset(tab, 0, sizeof(tab));
	/* look up only the LOOKUP_TERMS heaviest terms: time stays flat
	 * however many stories a common term has seen */
	if (a->nv > LOOKUP_TERMS && a->nv <= VEC_CAP) {
		for (i = 0; i < a->nv; i++)
			wt[i] = a->v[i].tf;
		cut = kth_largest(wt, a->nv, LOOKUP_TERMS - 1);
	}
	for (i = 0; i < a->nv; i++) {
		uint32_t df = s->df[a->v[i].h & ((1u << DF_BITS) - 1)];
		const pxi_plist *pl;
		double w;

		if (a->v[i].tf < cut)
			continue;

		if ((double)df > rare)
			continue;
		pl = pxi_map_get(&s->index, a->v[i].h);
		if (!pl)
			continue;
		w = a->v[i].tf;
		for (j = 0; j < pl->n; j++) {
			uint32_t id = find(s, pl->a[j]);
			size_t slot, probes;

			if (!s->st[id] || !in_reach(s, a->day, s->span[id].lo,
			                            s->span[id].hi))
				continue;
			slot = (id * 2654435761u) & (CAND_TAB - 1);
			for (probes = 0; probes < CAND_TAB; probes++) {
				if (!tab[slot].score || tab[slot].id == id)
					break;
				slot = (slot + 1) & (CAND_TAB - 1);
			}
			if (probes == CAND_TAB)
				continue;
			if (!tab[slot].score) {
				if (ntab >= CAND_TAB * 3 / 4)
					continue;
				ntab++;
			}
			tab[slot].id = id;
			tab[slot].score += w;
		}
	}
	for (i = 0, j = 0; i < CAND_TAB; i++)
		if (tab[i].score > 0)
			tab[j++] = tab[i];
	qsort(tab, j, sizeof(*tab), by_score_desc);
	*nc = j < CAND_MAX ? j : CAND_MAX;
	memcpy(c, tab, *nc * sizeof(*c));
	return PX_OK;
}

/*
 * The background of article a: the mean centroid cosine of its BG_K
 * closest candidate stories c[0..nc) (sorted, best first; missing ones
 * count 0). An article of a crowded subject (common words, the same
 * names as many stories) is close to many stories at once; its
 * similarities say less than the same values for an article that is
 * close to nothing else (hubness; CSLS in word-vector retrieval).
 */
static void background(pxi_art *a, const cand *c, size_t nc)
{
	size_t i;

	a->bg = 0;
	for (i = 0; i < nc && i < BG_K; i++)
		a->bg += c[i].score;
	a->bg /= BG_K;
}

/* The running mean of backgrounds (over about the last BG_MEAN_N
 * articles) with a's counted in. */
static double background_mean(const px_stories *s, const pxi_art *a)
{
	double n = BG_MEAN_N;

	if ((double)s->nart + 1 < n)
		n = (double)s->nart + 1;
	return s->bg_mean + (a->bg - s->bg_mean) / n;
}

/* Weigh a's terms by their IDF now, keep the heaviest VEC_CAP, and
 * note the norm. */
static void art_weigh(const px_stories *s, pxi_art *a)
{
	size_t i;

	for (i = 0; i < a->nv; i++)
		a->v[i].tf = (float)(a->v[i].tf * idf(s, a->v[i].h));
	a->nv = cap_vec(a->v, a->nv, VEC_CAP);
	if (a->nv) /* a->v is NULL for an article without terms */
		qsort(a->v, a->nv, sizeof(*a->v), by_h);
	a->norm = norm(a->v, a->nv);
	/* not the hash table's room */
	a->v = fit(s->alc, a->v, a->nv * sizeof(*a->v));
}

/* Count the article's distinct terms in the document frequencies. */
static void df_add(px_stories *s, const pxi_art *a)
{
	size_t i;

	for (i = 0; i < a->nv; i++) {
		uint32_t *p = &s->df[a->v[i].h & ((1u << DF_BITS) - 1)];

		if (*p < UINT32_MAX)
			(*p)++;
	}
	s->ndocs++;
	if (s->ndocs >= DF_HALF_AT) {
		/* halve: the frequencies follow recent articles, and stay
		 * in range however many come */
		for (i = 0; i < ((size_t)1 << DF_BITS); i++)
			s->df[i] >>= 1;
		s->ndocs /= 2;
	}
	s->log_n = log((double)s->ndocs + IDF_PRIOR);
}

/* ---- Late binding ------------------------------------------------------- */

/* Articles of cluster cl (by its first index) and old story old share n. */
typedef struct lb_tie {
	size_t cl;
	uint32_t old;
	size_t n;
} lb_tie;

static int by_tie(const void *x, const void *y)
{
	const lb_tie *a = x, *b = y;

	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	if (a->old != b->old)
		return a->old < b->old ? -1 : 1;
	return (a->cl > b->cl) - (a->cl < b->cl);
}

static int by_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return (a > b) - (a < b);
}

static size_t uf_root(size_t *p, size_t x)
{
	while (p[x] != x) {
		p[x] = p[p[x]];
		x = p[x];
	}
	return x;
}

#define LB_T 64 /* most stories clustered again at once */

/* The cosine of live articles a and b, and its name-free part, through
 * the cache of pairs (vectors do not change once added). */
static double pair_cosine(px_stories *s, const pxi_art *a,
                          const pxi_art *b, double *plain)
{
	uint32_t x = (uint32_t)a->num, y = (uint32_t)b->num;
	uint64_t h;
	pxi_pair *e;
	double c;

	if (x > y) {
		uint32_t t = x;

		x = y;
		y = t;
	}
	h = ((uint64_t)x * 0x9E3779B97F4A7C15ull) ^
	    ((uint64_t)y * 0xC2B2AE3D27D4EB4Full);
	e = &s->lb_cache[(h >> 20) & (((size_t)1 << LB_CACHE_BITS) - 1)];
	if (e->a == x && e->b == y && x != y) {
		*plain = e->p;
		return e->c;
	}
	c = sim_pair(a, b, plain);
	e->a = x;
	e->b = y;
	e->c = (float)c;
	e->p = (float)*plain;
	/* as a hit would give it: the same whether cached or not */
	*plain = e->p;
	return e->c;
}

/* Put story id (merges followed) and its live articles in the work set;
 * skipped when dead, there already, or too big to fit. */
static void lb_take(px_stories *s, uint32_t id, uint32_t *T, size_t *nt,
                    uint32_t *old, size_t *nr)
{
	const pxi_story *st;
	size_t i, n0 = *nr;

	id = find(s, id);
	st = s->st[id];
	if (!st || *nt >= LB_T)
		return;
	for (i = 0; i < *nt; i++)
		if (T[i] == id)
			return;
	for (i = 0; i < st->nall; i++) {
		uint32_t m = st->all[i];

		if (!live_art(s, m) || find(s, s->art_story[m]) != id)
			continue;
		if (*nr == LB_MAX) {
			*nr = n0;
			return;
		}
		s->lb_r[*nr] = m;
		old[(*nr)++] = id;
	}
	if (*nr > n0)
		T[(*nt)++] = id;
}

/*
 * Average-link clustering of the work set (pair scores in lb_s, name-free
 * parts in lb_p, both over what the pair needs: 1 is enough), in place:
 * lb_s and lb_p become sums between clusters. Two clusters join while
 * the best pair's average score, and 1/PLAIN_SHARE times its average
 * name-free part, are both at least 1 (the name rule, per cluster).
 * Only pairs scoring 1 or more can link clusters, so each connected
 * part of that graph is clustered alone. OUT: lb_c[i] the first index
 * of i's cluster.
 */
static void lb_cluster(px_stories *s, size_t nr)
{
	size_t comp[LB_MAX], cnt[LB_MAX], act[LB_MAX];
	double *S = s->lb_s, *P = s->lb_p;
	size_t i, j, r;

	for (i = 0; i < nr; i++) {
		comp[i] = i;
		cnt[i] = 1;
		s->lb_c[i] = i;
	}
	for (i = 0; i < nr; i++)
		for (j = i + 1; j < nr; j++)
			if (S[i * nr + j] >= 1)
				comp[uf_root(comp, i)] = uf_root(comp, j);
	for (r = 0; r < nr; r++) {
		size_t na = 0, x, y;

		if (uf_root(comp, r) != r)
			continue;
		for (i = 0; i < nr; i++)
			if (uf_root(comp, i) == r)
				act[na++] = i;
		while (na > 1) {
			double best = 1;
			size_t bx = SIZE_MAX, by = 0, a, b;

			for (x = 0; x < na; x++)
				for (y = x + 1; y < na; y++) {
					double nn, sc, p;

					a = act[x];
					b = act[y];
					nn = (double)cnt[a] * (double)cnt[b];
					sc = S[a * nr + b] / nn;
					p = 0.999 * P[a * nr + b] / nn /
					    PLAIN_SHARE;
					if (p < sc)
						sc = p;
					if (sc >= best && (bx == SIZE_MAX ||
					                   sc > best)) {
						best = sc;
						bx = x;
						by = y;
					}
				}
			if (bx == SIZE_MAX)
				break;
			a = act[bx];
			b = act[by];
			for (x = 0; x < na; x++) {
				size_t z = act[x];

				if (z == a || z == b)
					continue;
				S[a * nr + z] += S[b * nr + z];
				S[z * nr + a] = S[a * nr + z];
				P[a * nr + z] += P[b * nr + z];
				P[z * nr + a] = P[a * nr + z];
			}
			cnt[a] += cnt[b];
			for (i = 0; i < nr; i++)
				if (s->lb_c[i] == b)
					s->lb_c[i] = a;
			act[by] = act[--na];
		}
	}
	/* name each cluster by its first index */
	for (i = 0; i < nr; i++) {
		size_t c = s->lb_c[i];

		for (j = 0; j < i; j++)
			if (s->lb_c[j] == c)
				break;
		comp[i] = j < i ? comp[j] : i;
	}
	for (i = 0; i < nr; i++)
		s->lb_c[i] = comp[i];
}

/*
 * Late binding, after article num joined: the stories of the newest
 * rebind_every articles and their closest candidate stories when added
 * (LB_NB each) are clustered again from their live articles, by average
 * link down to the threshold (lb_cluster), and the result replaces them.
 * Each new cluster keeps the id of the old story it shares most articles
 * with (each old id once; others get new ids, recorded as splits of
 * that story); an old story left with no article is recorded as merged
 * into the cluster that took most of its articles. On PX_ENOMEM the
 * stories stay as they were.
 */
static px_status rebind(px_stories *s, size_t num)
{
	uint32_t T[LB_T], old[LB_MAX], cid[LB_MAX];
	size_t nt = 0, nr = 0, i, j, k, lo, nties = 0, ncl = 0, nnew = 0;
	lb_tie ties[LB_MAX];
	int tused[LB_T];
	uint8_t same[LB_MAX];
	pxi_tf *cent[LB_MAX];
	size_t ncent[LB_MAX];
	uint32_t *allv[LB_MAX], newids[LB_MAX];
	size_t nall[LB_MAX];
	px_status rc = PX_OK;

	if (!s->lb_s) {
		s->lb_r = pxi_alloc(s->alc, LB_MAX * sizeof(*s->lb_r));
		s->lb_c = pxi_alloc(s->alc, LB_MAX * sizeof(*s->lb_c));
		s->lb_s = pxi_alloc(s->alc, LB_MAX * LB_MAX *
		                    sizeof(*s->lb_s));
		s->lb_p = pxi_alloc(s->alc, LB_MAX * LB_MAX *
		                    sizeof(*s->lb_p));
		s->lb_cache = pxi_alloc(s->alc, ((size_t)1 << LB_CACHE_BITS) *
		                        sizeof(*s->lb_cache));
		if (!s->lb_r || !s->lb_c || !s->lb_s || !s->lb_p ||
		    !s->lb_cache) {
			pxi_free(s->alc, s->lb_r);
			pxi_free(s->alc, s->lb_c);
			pxi_free(s->alc, s->lb_s);
			pxi_free(s->alc, s->lb_p);
			pxi_free(s->alc, s->lb_cache);
			s->lb_r = NULL;
			s->lb_c = NULL;
			s->lb_s = s->lb_p = NULL;
			s->lb_cache = NULL;
			return PX_ENOMEM;
		}
		memset(s->lb_cache, 0, ((size_t)1 << LB_CACHE_BITS) *
		       sizeof(*s->lb_cache));
	}
	lo = num + 1 >= s->rebind_every ? num + 1 - s->rebind_every : 0;
	if (lo < s->lo)
		lo = s->lo;
	for (i = num + 1; i-- > lo;) {
		const pxi_art *a = live_art(s, i);

		if (!a)
			continue;
		lb_take(s, s->art_story[i], T, &nt, old, &nr);
		for (k = 0; k < a->nnb; k++)
			lb_take(s, a->nb[k], T, &nt, old, &nr);
	}
	if (nr < 2)
		return PX_OK;
	/* backgrounds seen now: an article that came before the stories
	 * around it had none to be close to (fewer than BG_K candidates);
	 * its background is raised to the mean centroid cosine of its BG_K
	 * closest stories here (its own left out) when that is more, until
	 * it has met BG_K */
	for (i = 0; i < nr; i++) {
		pxi_art *a = live_art(s, s->lb_r[i]);
		double top[BG_K], bg = 0;
		size_t nt2 = 0, q;

		if (a->bg_full)
			continue;
		for (k = 0; k < nt; k++) {
			const pxi_story *st = s->st[T[k]];
			double c;

			if (T[k] == old[i])
				continue;
			c = sim_centroid(a, st, NULL);
			if (nt2 < BG_K) {
				top[nt2++] = c;
			} else if (c > top[BG_K - 1]) {
				top[BG_K - 1] = c;
			} else {
				continue;
			}
			for (q = nt2 - 1; q > 0 && top[q] > top[q - 1]; q--) {
				double y = top[q];

				top[q] = top[q - 1];
				top[q - 1] = y;
			}
		}
		for (q = 0; q < nt2; q++)
			bg += top[q];
		bg /= BG_K;
		if (bg > a->bg)
			a->bg = bg;
		a->bg_full = nt2 == BG_K;
	}
	/* pair scores over what the pair needs (1: just enough) */
	for (i = 0; i < nr; i++) {
		const pxi_art *a = live_art(s, s->lb_r[i]);

		s->lb_s[i * nr + i] = s->lb_p[i * nr + i] = 0;
		for (j = i + 1; j < nr; j++) {
			const pxi_art *b = live_art(s, s->lb_r[j]);
			double need = needed_at(s, s->thr,
			                        day_gap(a->day, b->day, b->day)) *
			              length_factor(a->nw < b->nw ? a->nw : b->nw,
			                            LEN_SLOPE_LATE);
			double sc = -1000, pp = 0, pl = 0, c;

			if (need < HUGE_VAL) {
				c = pair_cosine(s, a, b, &pl);
				/* nothing shared: apart (not raised from
				 * nothing by a background under the usual
				 * one) */
				sc = c > 0 ? (c - BG_WEIGHT * (0.5 * (a->bg +
				      b->bg) - s->bg_mean)) / need : LB_APART;
				pp = pl / need;
			}
			s->lb_s[i * nr + j] = s->lb_s[j * nr + i] = sc;
			s->lb_p[i * nr + j] = s->lb_p[j * nr + i] = pp;
		}
	}
	lb_cluster(s, nr);
	/* which old story each cluster shares most articles with */
	for (i = 0; i < nr; i++) {
		for (k = 0; k < nties; k++)
			if (ties[k].cl == s->lb_c[i] && ties[k].old == old[i])
				break;
		if (k == nties) {
			ties[nties].cl = s->lb_c[i];
			ties[nties].old = old[i];
			ties[nties++].n = 0;
		}
		ties[k].n++;
		if (s->lb_c[i] == i)
			ncl++;
	}
	if (nties == nt && ncl == nt)
		return PX_OK; /* the same stories */
	qsort(ties, nties, sizeof(*ties), by_tie);
	for (i = 0; i < nr; i++)
		cid[i] = UINT32_MAX;
	memset(tused, 0, sizeof(tused));
	for (k = 0; k < nties; k++) {
		size_t t;

		for (t = 0; t < nt && T[t] != ties[k].old; t++)
			;
		if (tused[t] || cid[ties[k].cl] != UINT32_MAX)
			continue;
		tused[t] = 1;
		cid[ties[k].cl] = ties[k].old;
	}
	/* a cluster that is its old story as it was needs no rewriting */
	for (i = 0; i < nr; i++) {
		size_t n = 0, shared = 0, was = 0;

		same[i] = 0;
		if (s->lb_c[i] != i || cid[i] == UINT32_MAX)
			continue;
		for (j = 0; j < nr; j++) {
			n += s->lb_c[j] == i;
			shared += s->lb_c[j] == i && old[j] == cid[i];
			was += old[j] == cid[i];
		}
		same[i] = shared == n && shared == was;
	}
	/* everything that can fail first */
	memset(cent, 0, nr * sizeof(cent[0]));
	memset(allv, 0, nr * sizeof(allv[0]));
	memset(nall, 0, nr * sizeof(nall[0]));
	memset(ncent, 0, nr * sizeof(ncent[0]));
	for (k = 0; k < nt + 1 && !rc; k++)
		rc = reserve(s->alc, (void **)&s->merges, &s->capmerges,
		             s->nmerges + k, sizeof(*s->merges));
	for (k = 0; k < ncl + 1 && !rc; k++)
		rc = reserve(s->alc, (void **)&s->splits, &s->capsplits,
		             s->nsplits + k, sizeof(*s->splits));
	for (k = 0; k < nr + 1 && !rc; k++)
		rc = reserve(s->alc, (void **)&s->moves, &s->capmoves,
		             s->nmoves + k, sizeof(*s->moves));
	for (i = 0; i < nr && !rc; i++) {
		size_t n = 0, tot = 0, m;
		pxi_tf *v;

		if (s->lb_c[i] != i || same[i])
			continue;
		for (j = i; j < nr; j++)
			if (s->lb_c[j] == i) {
				tot += live_art(s, s->lb_r[j])->nv;
				n++;
			}
		allv[i] = pxi_alloc(s->alc, n * sizeof(*allv[i]));
		v = pxi_alloc(s->alc, (tot + 1) * sizeof(*v));
		cent[i] = v;
		if (!allv[i] || !v) {
			rc = PX_ENOMEM;
			break;
		}
		nall[i] = n;
		n = tot = 0;
		for (j = i; j < nr; j++) {
			const pxi_art *a;

			if (s->lb_c[j] != i)
				continue;
			a = live_art(s, s->lb_r[j]);
			allv[i][n++] = s->lb_r[j];
			memcpy(v + tot, a->v, a->nv * sizeof(*v));
			tot += a->nv;
		}
		qsort(allv[i], n, sizeof(*allv[i]), by_u32);
		if (tot)
			qsort(v, tot, sizeof(*v), by_h);
		for (j = 0, m = 0; j < tot; j++) {
			if (m && v[m - 1].h == v[j].h) {
				v[m - 1].tf += v[j].tf;
				v[m - 1].name |= v[j].name;
			} else {
				v[m++] = v[j];
			}
		}
		m = cap_vec(v, m, CENT_CAP);
		cent[i] = fit(s->alc, v, (m ? m : 1) * sizeof(*v));
		ncent[i] = m;
		if (cid[i] == UINT32_MAX) {
			rc = story_new(s, PXI_NO_DAY, &cid[i]);
			if (!rc)
				newids[nnew++] = cid[i];
		}
	}
	if (rc) {
		for (i = 0; i < nr; i++) {
			pxi_free(s->alc, cent[i]);
			pxi_free(s->alc, allv[i]);
		}
		for (k = 0; k < nnew; k++) {
			story_free(s->alc, s->st[newids[k]]);
			s->st[newids[k]] = NULL;
			s->nalive--;
		}
		return rc;
	}
	/* commit */
	for (i = 0; i < nr; i++) {
		uint32_t id = cid[i];
		pxi_story *st;
		size_t carried = 0, n = nall[i];
		double bgsum = 0;

		if (s->lb_c[i] != i || same[i])
			continue;
		st = s->st[id];
		for (j = 0; j < nr; j++)
			carried += old[j] == id;
		carried = st->size > carried ? st->size - carried : 0;
		if (!carried) {
			st->first_day = st->last_day = PXI_NO_DAY;
			st->undated = 0;
		}
		bgsum = st->bg * (double)carried;
		pxi_free(s->alc, st->c);
		pxi_free(s->alc, st->all);
		st->c = cent[i];
		st->nc = ncent[i];
		st->norm = norm(st->c, st->nc);
		st->all = allv[i];
		st->nall = st->capall = n;
		cent[i] = NULL;
		allv[i] = NULL;
		st->nmem = 0;
		st->size = carried;
		memset(st->emb, 0, sizeof(st->emb));
		st->enorm = 0;
		for (k = 0; k < n; k++) {
			uint32_t m = st->all[k];
			const pxi_art *a = live_art(s, m);
			uint32_t was = find(s, s->art_story[m]);

			emb_into(st, a);
			story_member(st, m, a->day);
			if (a->day == PXI_NO_DAY)
				st->undated = 1;
			bgsum += a->bg;
			s->art_story[m] = id;
			if (was != id) {
				px_story_move *mv = &s->moves[s->nmoves++];

				mv->article = m;
				mv->story = id;
				(void)index_add(s, a, id);
			}
		}
		st->bg = st->size ? bgsum / (double)st->size : 0;
		s->span[id].lo = st->undated ? PXI_NO_DAY : st->first_day;
		s->span[id].hi = st->last_day;
	}
	/* old stories left without an article: merged */
	for (k = 0; k < nt; k++) {
		px_story_merge *m;

		if (tused[k])
			continue;
		for (j = 0; j < nties && ties[j].old != T[k]; j++)
			;
		m = &s->merges[s->nmerges++];
		m->from = T[k];
		m->into = cid[ties[j].cl];
		m->article = num;
		s->fwd[T[k]] = cid[ties[j].cl];
		story_free(s->alc, s->st[T[k]]);
		s->st[T[k]] = NULL;
		s->nalive--;
	}
	/* new ids: splits of the old story they share most with */
	for (k = 0; k < nnew; k++) {
		px_story_split *p = &s->splits[s->nsplits++];

		for (j = 0; j < nties && cid[ties[j].cl] != newids[k]; j++)
			;
		p->from = ties[j].old;
		p->into = newids[k];
		p->article = num;
	}
	return PX_OK;
}

px_status pxi_stories_add_doc(px_stories *s, const pxi_doc *d,
                              size_t *article, size_t *story)
{
	pxi_art a;
	cand c[CAND_MAX + 1];
	size_t nc = 0, num, partner = SIZE_MAX, i, ncopies;
	uint32_t id = UINT32_MAX;
	double best = 0, bg_mean;
	px_status rc;

	if (!s || !d)
		return PX_EINVAL;
	if (s->nart >= UINT32_MAX - 1)
		return PX_ETOOBIG;
	num = s->nart;
	ncopies = s->ncopies;
	rc = reserve(s->alc, (void **)&s->art_story, &s->capart, s->nart,
	             sizeof(*s->art_story));
	if (rc)
		return rc;
	rc = art_build(s, d, &a);
	if (rc)
		return rc;
	a.num = num;
	a.used = 1;
	df_add(s, &a);
	art_weigh(s, &a);
	rc = near_copies(s, &a, num, &partner);
	if (rc)
		goto fail;
	rc = candidates(s, &a, c, &nc);
	if (rc)
		goto fail;
	/* centroids first; members only for the closest few */
	for (i = 0; i < nc; i++)
		c[i].score = story_sim(s, &a, s->st[c[i].id], 0, NULL);
	qsort(c, nc, sizeof(*c), by_score_desc);
	background(&a, c, nc);
	a.bg_full = nc >= BG_K;
	for (i = 0; i < nc && i < LB_NB; i++)
		a.nb[i] = c[i].id;
	a.nnb = (uint8_t)i;
	bg_mean = background_mean(s, &a);
	/* then the closest by average link, less how far the two sides'
	 * backgrounds stand above the usual one, as a share of the
	 * similarity needed at their distance in days (1: just enough) */
	for (i = 0; i < nc && i < MEMBER_CANDS; i++) {
		const pxi_story *st = s->st[c[i].id];
		double need = needed(s, day_gap(a.day, st->first_day,
		                                st->last_day)) *
		              length_factor(a.nw, LEN_SLOPE), plain = 0;

		c[i].score = (story_sim(s, &a, st, 1, &plain) -
		              BG_WEIGHT * (0.5 * (a.bg + st->bg) -
		                           bg_mean)) / need;
		/* shared names alone do not make one story: the same people
		 * and places turn up in other events */
		if (plain < PLAIN_SHARE * need && c[i].score >= 1)
			c[i].score = 0.999 * plain / (PLAIN_SHARE * need);
	}
	nc = i;
	if (partner != SIZE_MAX) {
		uint32_t pid = find(s, s->art_story[partner]);

		for (i = 0; i < nc && c[i].id != pid; i++)
			;
		if (s->st[pid]) {
			c[i].id = pid;
			c[i].score = HUGE_VAL;
			if (i == nc)
				nc++;
		}
	}
	qsort(c, nc, sizeof(*c), by_score_desc);
	if (nc && c[0].score >= 1) {
		id = c[0].id;
		best = c[0].score;
	} else {
		rc = story_new(s, a.day, &id);
		if (rc)
			goto fail;
	}
	(void)best;
	/* Other stories this article is as close to: one story now (with
	 * late binding, the re-clustering below decides that). */
	for (i = 1; i < nc && id == c[0].id && !s->late; i++) {
		uint32_t from = c[i].id, into = id;

		if (c[i].score < MERGE_FACTOR || !s->st[from])
			continue;
		if (s->st[from]->size > s->st[into]->size ||
		    (s->st[from]->size == s->st[into]->size && from < into)) {
			into = from;
			from = id;
		}
		rc = story_merge(s, from, into, num);
		if (rc)
			goto fail;
		id = into;
		c[0].id = into;
	}
	if (s->late) {
		pxi_story *st = s->st[id];

		rc = reserve_all(s->alc, st, st->nall);
		if (rc)
			goto fail;
	}
	rc = centroid_add(s, s->st[id], a.v, a.nv);
	if (rc)
		goto fail;
	emb_into(s->st[id], &a);
	if (s->late)
		s->st[id]->all[s->st[id]->nall++] = (uint32_t)num;
	story_member(s->st[id], num, a.day);
	/* a story's background: the mean of its articles' */
	s->st[id]->bg += (a.bg - s->st[id]->bg) / (double)s->st[id]->size;
	if (s->late && a.day == PXI_NO_DAY)
		s->st[id]->undated = 1;
	/* with late binding, a story with an undated article is a
	 * candidate at any date (the undated one may belong with the new
	 * article): its span is left unknown for lookups, while scores
	 * still see the story's days */
	s->span[id].lo = s->st[id]->undated ? PXI_NO_DAY
	                                    : s->st[id]->first_day;
	s->span[id].hi = s->st[id]->last_day;
	rc = index_add(s, &a, id);
	if (rc)
		goto fail;
	if (a.day != PXI_NO_DAY &&
	    (s->max_day == PXI_NO_DAY || a.day > s->max_day))
		s->max_day = a.day;
	s->bg_mean = bg_mean;
	s->art_story[num] = id;
	s->nart++;
	art_clear(s->alc, &s->ring[num % s->max_live]);
	s->ring[num % s->max_live] = a;
	if (s->late && ++s->since_rebind >= s->rebind_every) {
		s->since_rebind = 0;
		/* on failure the stories stay as they were: the article is
		 * in; the next arrival tries again */
		(void)rebind(s, num);
		id = find(s, s->art_story[num]);
	}
	if (article)
		*article = num;
	if (story)
		*story = id;
	return evict(s);
fail:
	/* pairs naming this article go: the next one takes its number */
	while (s->ncopies > ncopies) {
		s->ncopies--;
		pxi_free(s->alc, (void *)s->copies[s->ncopies].passages);
	}
	art_clear(s->alc, &a);
	return rc;
}

px_status px_stories_add(px_stories *s, const px_article *a,
                         size_t *article, size_t *story)
{
	pxi_doc d;
	px_status rc;

	if (!s || !a)
		return PX_EINVAL;
	rc = pxi_doc_from_article(a, s->alc, &d);
	if (rc)
		return rc;
	rc = pxi_stories_add_doc(s, &d, article, story);
	pxi_doc_free(s->alc, &d);
	return rc;
}
