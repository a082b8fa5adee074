/*
 * doc.c - an article reduced to what stories match on: its body words
 * (hashed, lower-cased, with a light stem for terms), the keys of its
 * people, organizations and places, and its amounts and dates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../text/lexicon.h"
#include "story_int.h"

/* 1 when the lower-cased word (p, n) is a function word. */
static int is_stop(const char *p, size_t n)
{
	return pxi_lex_has(pxi_lex_function, pxi_lex_function_n, p, n);
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static int32_t days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + doe - 719468);
}

int32_t pxi_day_of(const char *z)
{
	int v[3] = {0, 0, 0}, k, i;
	const int len[3] = {4, 2, 2};

	if (!z)
		return PXI_NO_DAY;
	for (k = 0; k < 3; k++) {
		for (i = 0; i < len[k]; i++, z++) {
			if (*z < '0' || *z > '9')
				return PXI_NO_DAY;
			v[k] = v[k] * 10 + (*z - '0');
		}
		if (k < 2 && *z++ != '-')
			return PXI_NO_DAY;
	}
	if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31)
		return PXI_NO_DAY;
	return days_from_civil(v[0], v[1], v[2]);
}

/*
 * Lower-case ASCII letters of (p, n) into out (cap bytes); returns the
 * length written (the word is cut at cap).
 */
static size_t lower(const char *p, size_t n, char *out, size_t cap)
{
	size_t i;

	if (n > cap)
		n = cap;
	for (i = 0; i < n; i++) {
		char c = p[i];

		out[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	return n;
}

/* A light English stem of a lower-cased word: the length to keep. */
static size_t stem(char *w, size_t n)
{
	if (n > 4 && !memcmp(w + n - 3, "ies", 3)) {
		w[n - 3] = 'y';
		return n - 2;
	}
	if (n > 5 && !memcmp(w + n - 3, "ing", 3))
		return n - 3;
	if (n > 4 && !memcmp(w + n - 2, "ed", 2))
		return n - 2;
	if (n > 4 && !memcmp(w + n - 2, "es", 2) &&
	    (w[n - 3] == 's' || w[n - 3] == 'x' || w[n - 3] == 'h'))
		return n - 2;
	if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u')
		return n - 1;
	return n;
}

void pxi_doc_free(const px_allocator *alc, pxi_doc *d)
{
	if (!d)
		return;
	pxi_free(alc, d->w);
	pxi_free(alc, d->keys);
	pxi_free(alc, d->facts);
	memset(d, 0, sizeof(*d));
	d->day = PXI_NO_DAY;
}

/* The words of the body: word and number tokens outside residue. */
static px_status doc_words(const px_article *a, const px_allocator *alc,
                           pxi_doc *d)
{
	size_t nt = 0, i, len = 0;
	const px_token *t = px_article_tokens(a, &nt);
	const char *text = px_article_text(a, &len);
	char buf[PXI_WORD_MAX];
	const px_meta *m = px_article_meta(a);
	px_span title = {0, 0};
	pxi_emb_acc acc;

	memset(&acc, 0, sizeof(acc));
	if (!nt)
		return PX_OK;
	if (m)
		title = m->title_span;
	d->w = pxi_alloc(alc, nt * sizeof(*d->w));
	if (!d->w)
		return PX_ENOMEM;
	for (i = 0; i < nt; i++) {
		pxi_word *w;
		size_t n, sn;

		if (t[i].flags & PX_TF_RESIDUE)
			continue;
		if (t[i].kind != PX_TOK_WORD && t[i].kind != PX_TOK_NUMBER)
			continue;
		if (t[i].end > len || t[i].end <= t[i].start)
			continue;
		n = lower(text + t[i].start, t[i].end - t[i].start, buf,
		          sizeof(buf));
		w = &d->w[d->nw++];
		w->h = pxi_hash(buf, n, 1);
		w->start = t[i].start;
		w->end = t[i].end;
		w->cap = (t[i].flags & PX_TF_CAP) != 0;
		w->title = t[i].start >= title.start && t[i].end <= title.end &&
		           title.end > title.start;
		/* the vector of the title and the lead: where outlets tell
		 * the event; a long article's later words add its subject
		 * and style (and cost a lookup each) */
		if (d->nw <= PXI_EMB_LEAD)
			pxi_emb_add(&acc, w->h, w->title ? 2.0f : 1.0f);
		if (n < 2 || is_stop(buf, n)) {
			w->term = 0;
			continue;
		}
		sn = stem(buf, n);
		if (sn > PXI_STEM_MAX)
			sn = PXI_STEM_MAX; /* a 6-letter prefix joins more
			                    * forms of a word than the stem */
		w->term = pxi_hash(buf, sn, 2);
	}
	d->has_emb = (uint8_t)pxi_emb_finish(&acc, d->emb);
	return PX_OK;
}

px_status pxi_doc_from_article(const px_article *a, const px_allocator *alc,
                               pxi_doc *d)
{
	size_t ne = 0, na = 0, ndt = 0, i;
	const px_entity *e;
	const px_amount *am;
	const px_date *dt;
	const px_meta *m;
	const char *text;
	size_t len = 0;
	px_status rc;

	memset(d, 0, sizeof(*d));
	d->day = PXI_NO_DAY;
	if (!a)
		return PX_EINVAL;
	rc = doc_words(a, alc, d);
	if (rc)
		goto out;
	text = px_article_text(a, &len);
	e = px_article_entities(a, &ne);
	am = px_article_amounts(a, &na);
	dt = px_article_dates(a, &ndt);
	if (ne) {
		d->keys = pxi_alloc(alc, ne * sizeof(*d->keys));
		if (!d->keys) {
			rc = PX_ENOMEM;
			goto out;
		}
	}
	for (i = 0; i < ne; i++) {
		if (e[i].type != PX_ENT_PERSON && e[i].type != PX_ENT_ORG &&
		    e[i].type != PX_ENT_PLACE)
			continue;
		if (!e[i].key || !e[i].key[0])
			continue;
		d->keys[d->nkeys++] = pxi_hash(e[i].key, strlen(e[i].key), 3);
	}
	if (na + ndt) {
		d->facts = pxi_alloc(alc, (na + ndt) * sizeof(*d->facts));
		if (!d->facts) {
			rc = PX_ENOMEM;
			goto out;
		}
	}
	for (i = 0; i < na; i++) {
		char buf[64];
		int k = snprintf(buf, sizeof(buf), "%.6g %s", am[i].value,
		                 am[i].unit ? am[i].unit : "");

		if (k <= 0 || am[i].value < 10)
			continue; /* small counts say little */
		if ((size_t)k >= sizeof(buf))
			k = (int)sizeof(buf) - 1;
		d->facts[d->nfacts++] = pxi_hash(buf, (size_t)k, 4);
	}
	for (i = 0; i < ndt; i++) {
		if (!dt[i].value || !dt[i].resolution ||
		    strcmp(dt[i].resolution, "day"))
			continue;
		d->facts[d->nfacts++] = pxi_hash(dt[i].value,
		                                 strlen(dt[i].value), 5);
	}
	(void)text;
	m = px_article_meta(a);
	if (m)
		d->day = pxi_day_of(m->published);
out:
	if (rc)
		pxi_doc_free(alc, d);
	return rc;
}
