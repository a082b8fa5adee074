/*
 * fuzz_stories.c - px_stories_add on several articles cut from the bytes.
 *
 * The input is split at each 0x1E byte (record separator) into at most
 * FUZZ_STORY_MAX pieces; each piece that analyzes as a record (text =
 * the piece, a publication date picked by the piece's length, some left
 * undated) is added to a story set. The first byte picks the set's
 * window, threshold and max_live (3 or 64: with 3, articles leave
 * matching early). Each piece is analyzed once; the set is run three
 * ways:
 *   1. the C library's allocator, all pieces in input order;
 *   2. the same again: the same story partition;
 *   3. an allocator that fails after a number of calls picked by the
 *      input: every call is PX_OK or PX_ENOMEM, nothing leaks.
 * Checked: the count of articles added; every article has a story that
 * is its own; at most as many stories as articles; merges name two
 * different stories and an added article; near-copy pairs name two added
 * articles (a before b), a Jaccard in [0, 1], a source that is one of
 * them or none, and passages inside both texts with start <= end.
 */
#include "fuzz.h"

#define FUZZ_STORY_MAX 12

typedef struct piece {
	const uint8_t *p;
	size_t n;
} piece;

/* Split (data, size) at 0x1E; returns the number of pieces. */
static size_t split(const uint8_t *data, size_t size, piece *out)
{
	size_t n = 0, start = 0, i;

	for (i = 0; i <= size && n < FUZZ_STORY_MAX; i++) {
		if (i < size && data[i] != 0x1E)
			continue;
		out[n].p = data + start;
		out[n].n = i - start;
		n++;
		start = i + 1;
	}
	return n;
}

static const double windows[4] = {0, -1, 1, 14};
static const double thresholds[4] = {0, 0.05, 0.3, 0.9};

/* Check what the set reports after `added` articles of lengths len[]. */
static void check_set(const px_stories *s, size_t added, const size_t *len)
{
	size_t i, n = 0, k, nst = px_stories_nstories(s);
	const px_near_copy *c;
	const px_story_merge *m;

	if (px_stories_count(s) != added)
		fuzz_fail("px_stories_count %zu, %zu added",
		          px_stories_count(s), added);
	if (nst > added)
		fuzz_fail("%zu stories from %zu articles", nst, added);
	if (added && !nst)
		fuzz_fail("articles but no story");
	for (i = 0; i < added; i++) {
		size_t st = px_stories_story(s, i);

		if (st == SIZE_MAX)
			fuzz_fail("article %zu has no story", i);
	}
	if (px_stories_story(s, added) != SIZE_MAX)
		fuzz_fail("a story for article %zu, never added", added);
	m = px_stories_merges(s, &n);
	for (i = 0; i < n; i++)
		if (m[i].from == m[i].into || m[i].article >= added)
			fuzz_fail("merge %zu -> %zu at %zu", m[i].from,
			          m[i].into, m[i].article);
	c = px_stories_copies(s, &n);
	for (i = 0; i < n; i++) {
		if (c[i].a >= c[i].b || c[i].b >= added)
			fuzz_fail("near-copy %zu ~ %zu of %zu", c[i].a, c[i].b,
			          added);
		if (!(c[i].jaccard >= 0 && c[i].jaccard <= 1))
			fuzz_fail("near-copy Jaccard %g", c[i].jaccard);
		if (c[i].source != SIZE_MAX && c[i].source != c[i].a &&
		    c[i].source != c[i].b)
			fuzz_fail("near-copy source %zu", c[i].source);
		for (k = 0; k < c[i].npassages; k++) {
			px_passage p = c[i].passages[k];

			if (p.a.start > p.a.end || p.a.end > len[c[i].a] ||
			    p.b.start > p.b.end || p.b.end > len[c[i].b])
				fuzz_fail("passage [%zu, %zu) = [%zu, %zu) "
				          "outside the articles", p.a.start,
				          p.a.end, p.b.start, p.b.end);
		}
	}
}

/* Analyze the pieces as records (some dated); OUT: a[], len[]. Returns
 * the number analyzed. */
static size_t analyze(const piece *pc, size_t npc, px_article **a,
                      size_t *len)
{
	size_t i, n = 0;

	for (i = 0; i < npc; i++) {
		char date[16];
		px_record rec;
		px_error err;

		memset(&rec, 0, sizeof(rec));
		rec.text = (const char *)pc[i].p;
		rec.text_len = pc[i].n;
		rec.input = "fuzz/stories";
		if (pc[i].n % 4) {
			snprintf(date, sizeof(date), "2025-03-%02zu",
			         1 + pc[i].n % 28);
			rec.published = date;
		}
		a[n] = NULL;
		if (px_article_from_record(&rec, NULL, &a[n], &err))
			continue;
		len[n++] = pc[i].n;
	}
	return n;
}

/*
 * Add the articles to a new set with allocator alc (NULL: the C
 * library's). OUT: story[] per added article, *added. Returns 0, or 1
 * when a call ran out of memory.
 */
static int run(px_article *const *a, const size_t *len, size_t na,
               const px_stories_opts *base, const px_allocator *alc,
               size_t *story, size_t *added)
{
	px_stories_opts o = *base;
	px_stories *s = NULL;
	size_t lens[FUZZ_STORY_MAX], i;
	px_status rc;
	int oom = 0;

	*added = 0;
	o.alc = alc;
	rc = px_stories_create(&o, &s);
	if (rc) {
		if (rc != PX_ENOMEM || s)
			fuzz_fail("px_stories_create: %s", px_strerror(rc));
		return 1;
	}
	for (i = 0; i < na; i++) {
		size_t num = SIZE_MAX, st = SIZE_MAX;

		rc = px_stories_add(s, a[i], &num, &st);
		if (rc == PX_ENOMEM && alc) {
			oom = 1;
			continue;
		}
		if (rc)
			fuzz_fail("px_stories_add: %s", px_strerror(rc));
		if (num != *added || st == SIZE_MAX)
			fuzz_fail("article number %zu, want %zu", num, *added);
		lens[*added] = len[i];
		(*added)++;
		check_set(s, *added, lens);
	}
	for (i = 0; i < *added; i++)
		story[i] = px_stories_story(s, i);
	px_stories_free(s);
	return oom;
}

FUZZ_ENTRY(stories)
{
	piece pc[FUZZ_STORY_MAX];
	px_article *a[FUZZ_STORY_MAX];
	size_t npc, na, len[FUZZ_STORY_MAX], i, j;
	size_t s1[FUZZ_STORY_MAX], s2[FUZZ_STORY_MAX], n1, n2;
	px_stories_opts o;
	fuzz_alloc fa;
	px_allocator alc;

	if (size < 1 || size > FUZZ_MAX_INPUT)
		return 0;
	memset(&o, 0, sizeof(o));
	o.window_days = windows[data[0] & 3];
	o.threshold = thresholds[(data[0] >> 2) & 3];
	o.max_live = data[0] & 0x10 ? 3 : 64; /* 3: evict early */
	npc = split(data + 1, size - 1, pc);
	na = analyze(pc, npc, a, len);
	run(a, len, na, &o, NULL, s1, &n1);
	run(a, len, na, &o, NULL, s2, &n2);
	if (n1 != na || n2 != na)
		fuzz_fail("added %zu and %zu of %zu articles", n1, n2, na);
	for (i = 0; i < n1; i++)
		for (j = 0; j < n1; j++)
			if ((s1[i] == s1[j]) != (s2[i] == s2[j]))
				fuzz_fail("two runs, two partitions (%zu, %zu)",
				          i, j);
	memset(&fa, 0, sizeof(fa));
	fa.left = (long)(size % 97);
	alc.alloc = fuzz_alloc_fn;
	alc.realloc = fuzz_realloc_fn;
	alc.free = fuzz_free_fn;
	alc.ctx = &fa;
	run(a, len, na, &o, &alc, s2, &n2);
	if (fa.live != 0)
		fuzz_fail("%ld blocks leaked with a failing allocator",
		          fa.live);
	for (i = 0; i < na; i++)
		px_article_free(a[i]);
	return 0;
}
