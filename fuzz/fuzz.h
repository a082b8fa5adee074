/*
 * fuzz.h - shared by the fuzz targets: the entry-point macro, the input
 * cap, a reference UTF-8 check, a failing allocator, and the invariants
 * every analyzed article must keep. A broken invariant prints what broke
 * and calls abort(), which libFuzzer and fuzz/replay.c both report.
 *
 * Built two ways:
 *   - by fuzz/run.sh, one target per binary, with -fsanitize=fuzzer:
 *     FUZZ_ENTRY(text) is LLVMFuzzerTestOneInput;
 *   - by the Makefile (build/fuzz-replay), every target in one binary with
 *     -DPX_FUZZ_REPLAY: FUZZ_ENTRY(text) is fuzz_text(), which replay.c
 *     calls on each file of fuzz/regress/fuzz_text/ and
 *     fuzz/seeds/fuzz_text/.
 *
 * -DFUZZ_LAX_UTF8 drops the check that spans start and end on UTF-8
 * character boundaries, and the checks such spans break downstream (JSON
 * output succeeds, the text view is valid UTF-8), to look past a known
 * bug of that kind.
 */
#ifndef PX_FUZZ_H
#define PX_FUZZ_H

#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parallax/parallax.h"

/* Inputs over this many bytes are skipped (utf8proc's fuzzer: 64 KiB). */
#define FUZZ_MAX_INPUT ((size_t)64 << 10)

/* The small article cap of the third option set. */
#define FUZZ_SMALL_MAX ((size_t)64)

#ifdef PX_FUZZ_REPLAY
#define FUZZ_ENTRY(name) int fuzz_##name(const uint8_t *data, size_t size)
int fuzz_text(const uint8_t *data, size_t size);
int fuzz_json(const uint8_t *data, size_t size);
int fuzz_record(const uint8_t *data, size_t size);
int fuzz_html(const uint8_t *data, size_t size);
int fuzz_feed(const uint8_t *data, size_t size);
int fuzz_warc(const uint8_t *data, size_t size);
int fuzz_stories(const uint8_t *data, size_t size);
int fuzz_brief(const uint8_t *data, size_t size);
#else
#define FUZZ_ENTRY(name) \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
#endif

/* Helpers are static inline so that every target can include them and
 * the replay can link all targets together without clashes or warnings
 * about the ones a target does not use. */

/* Print "fuzz: <what broke>" and abort. */
static inline void fuzz_fail(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

static inline void fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz: invariant broken: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
	abort();
}

/* ---- Reference UTF-8 check (Unicode Table 3-7) -------------------------- */

/*
 * Is (p, n) well-formed UTF-8 without NUL? Returns PX_OK, or PX_EUTF8 /
 * PX_ENUL with *bad = offset of the first bad byte. Written byte by byte,
 * apart from the engine's, to check it.
 */
static inline px_status fuzz_utf8(const uint8_t *p, size_t n, size_t *bad)
{
	size_t i = 0;

	while (i < n) {
		uint8_t c = p[i];
		uint8_t lo = 0x80, hi = 0xBF;
		size_t k, j;

		if (c == 0) {
			*bad = i;
			return PX_ENUL;
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			k = 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			k = 3;
			if (c == 0xE0)
				lo = 0xA0;
			if (c == 0xED)
				hi = 0x9F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			k = 4;
			if (c == 0xF0)
				lo = 0x90;
			if (c == 0xF4)
				hi = 0x8F;
		} else {
			*bad = i;
			return PX_EUTF8;
		}
		if (n - i < k) {
			*bad = i;
			return PX_EUTF8;
		}
		for (j = 1; j < k; j++) {
			uint8_t lim_lo = j == 1 ? lo : 0x80;
			uint8_t lim_hi = j == 1 ? hi : 0xBF;

			if (p[i + j] < lim_lo || p[i + j] > lim_hi) {
				*bad = i;
				return PX_EUTF8;
			}
		}
		i += k;
	}
	return PX_OK;
}

/*
 * What px_article_from_text (or _from_record) must answer for the bytes
 * (p, n) under the cap max (0: the default): PX_ETOOBIG, PX_EEMPTY,
 * PX_ENUL / PX_EUTF8 (with *bad), else PX_OK.
 */
static inline px_status fuzz_expect(const uint8_t *p, size_t n, size_t max,
                                    size_t *bad)
{
	size_t i;

	*bad = 0;
	if (n > (max ? max : PX_DEFAULT_MAX_BYTES))
		return PX_ETOOBIG;
	for (i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\n' && p[i] != '\r' && p[i] != '\t')
			break;
	if (i == n)
		return PX_EEMPTY;
	return fuzz_utf8(p, n, bad);
}

/* ---- A counting allocator that fails after a number of calls ----------- */

typedef struct fuzz_alloc {
	long left; /* calls before the first failure; < 0: never fail */
	long live; /* blocks allocated and not freed */
} fuzz_alloc;

static inline void *fuzz_alloc_fn(void *ctx, size_t n)
{
	fuzz_alloc *f = ctx;
	void *p;

	if (f->left == 0)
		return NULL;
	if (f->left > 0)
		f->left--;
	p = malloc(n ? n : 1);
	if (p)
		f->live++;
	return p;
}

static inline void *fuzz_realloc_fn(void *ctx, void *p, size_t n)
{
	fuzz_alloc *f = ctx;
	void *q;

	if (f->left == 0)
		return NULL;
	if (f->left > 0)
		f->left--;
	q = realloc(p, n ? n : 1);
	if (q && !p)
		f->live++;
	return q;
}

static inline void fuzz_free_fn(void *ctx, void *p)
{
	fuzz_alloc *f = ctx;

	if (!p)
		return;
	f->live--;
	free(p);
}

/* ---- Invariants ------------------------------------------------------- */

/* Is off a character boundary of (text, len)? */
static inline int fuzz_boundary(const char *text, size_t len, size_t off)
{
#ifdef FUZZ_LAX_UTF8
	(void)text;
	(void)len;
	(void)off;
	return 1;
#else
	return off >= len || ((unsigned char)text[off] & 0xC0) != 0x80;
#endif
}

/* A span inside the text, start <= end, both on character boundaries. */
static inline void fuzz_check_span(const char *what, size_t i, px_span s,
                                   const char *text, size_t len)
{
	if (s.start > s.end || s.end > len)
		fuzz_fail("%s %zu: span [%zu, %zu) outside the text of %zu "
		          "bytes or reversed", what, i, s.start, s.end, len);
	if (!fuzz_boundary(text, len, s.start) ||
	    !fuzz_boundary(text, len, s.end))
		fuzz_fail("%s %zu: span [%zu, %zu) cuts a UTF-8 character",
		          what, i, s.start, s.end);
}

/* Touch a metadata string so that ASan sees any bad pointer. */
static inline void fuzz_check_str(const char *what, const char *z)
{
	if (z && strlen(z) > ((size_t)1 << 30))
		fuzz_fail("meta.%s: implausible length", what);
}

/* "YYYY-MM-DD" with a plausible month and day. */
static inline void fuzz_check_date(const char *z)
{
	size_t i;

	if (!z)
		return;
	if (strlen(z) != 10 || z[4] != '-' || z[7] != '-')
		fuzz_fail("meta.edited \"%s\" is not YYYY-MM-DD", z);
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (z[i] < '0' || z[i] > '9'))
			fuzz_fail("meta.edited \"%s\" is not YYYY-MM-DD", z);
	if (strncmp(z + 5, "01", 2) < 0 || strncmp(z + 5, "12", 2) > 0 ||
	    strncmp(z + 8, "01", 2) < 0 || strncmp(z + 8, "31", 2) > 0)
		fuzz_fail("meta.edited \"%s\": month or day out of range", z);
}

static inline void fuzz_check_meta(const px_article *a, const char *text,
                                   size_t len)
{
	const px_meta *m = px_article_meta(a);
	const char *sf;

	if (!m)
		fuzz_fail("no metadata");
	fuzz_check_str("id", m->id);
	fuzz_check_str("source", m->source);
	fuzz_check_str("url", m->url);
	fuzz_check_str("published", m->published);
	fuzz_check_str("site", m->site);
	fuzz_check_str("author", m->author);
	fuzz_check_str("input", m->input);
	fuzz_check_str("extra_json", m->extra_json);
	fuzz_check_str("title", m->title);
	fuzz_check_date(m->edited);
	sf = m->source_from;
	if (sf && strcmp(sf, "front-matter") && strcmp(sf, "flag") &&
	    strcmp(sf, "record") && strcmp(sf, "file") &&
	    strcmp(sf, "page"))
		fuzz_fail("meta.source_from \"%s\" unknown", sf);
	if (!m->input)
		fuzz_fail("meta.input is NULL");
	fuzz_check_span("title_span", 0, m->title_span, text, len);
	if (m->title_span.end > m->title_span.start && !m->title)
		fuzz_fail("title_span [%zu, %zu) without a title",
		          m->title_span.start, m->title_span.end);
	fuzz_check_span("body", 0, m->body, text, len);
	if (m->body.end != len)
		fuzz_fail("body [%zu, %zu) does not run to the end (%zu)",
		          m->body.start, m->body.end, len);
}

/*
 * Everything an article reports, against its own text: spans inside the
 * text and on character boundaries, start <= end, arrays in text order,
 * token ranges of sentences in bounds and inside their paragraph.
 */
static inline void fuzz_check_article(const px_article *a)
{
	const px_paragraph *pg;
	const px_sentence *ss;
	const px_token *tk;
	const px_residue *rs;
	size_t len, np, ns, nt, nr, i, k;
	const char *text = px_article_text(a, &len);
	size_t body;

	if (!text || !len)
		fuzz_fail("article without text");
	fuzz_check_meta(a, text, len);
	body = px_article_meta(a)->body.start;
	pg = px_article_paragraphs(a, &np);
	ss = px_article_sentences(a, &ns);
	tk = px_article_tokens(a, &nt);
	rs = px_article_residue(a, &nr);
	if ((np && !pg) || (ns && !ss) || (nt && !tk) || (nr && !rs))
		fuzz_fail("a result array is NULL with a count");

	for (i = 0; i < np; i++) {
		px_span s = pg[i].span;

		fuzz_check_span("paragraph", i, s, text, len);
		if (s.start == s.end)
			fuzz_fail("paragraph %zu is empty at %zu", i, s.start);
		if (s.start < body)
			fuzz_fail("paragraph %zu starts at %zu, before the "
			          "body at %zu", i, s.start, body);
		if (i && s.start < pg[i - 1].span.end)
			fuzz_fail("paragraph %zu [%zu, %zu) overlaps or "
			          "precedes paragraph %zu [%zu, %zu)", i,
			          s.start, s.end,
			          i - 1, pg[i - 1].span.start,
			          pg[i - 1].span.end);
		if ((pg[i].heading != 0 && pg[i].heading != 1) ||
		    (pg[i].bullet != 0 && pg[i].bullet != 1))
			fuzz_fail("paragraph %zu: heading/bullet not 0/1", i);
	}

	for (i = 0; i < nt; i++) {
		px_span s = {tk[i].start, tk[i].end};

		fuzz_check_span("token", i, s, text, len);
		if (s.start == s.end)
			fuzz_fail("token %zu is empty at %zu", i, s.start);
		if (s.start < body)
			fuzz_fail("token %zu at %zu is before the body at %zu",
			          i, s.start, body);
		if (tk[i].kind < PX_TOK_WORD || tk[i].kind > PX_TOK_SYMBOL)
			fuzz_fail("token %zu: kind %u", i, tk[i].kind);
		if (tk[i].flags & ~0x7Fu)
			fuzz_fail("token %zu: flags 0x%x", i, tk[i].flags);
		if (i && (tk[i].start < tk[i - 1].start ||
		          tk[i].end < tk[i - 1].end))
			fuzz_fail("token %zu [%u, %u) out of order after "
			          "[%u, %u)", i, tk[i].start, tk[i].end,
			          tk[i - 1].start, tk[i - 1].end);
		if (i && tk[i].para < tk[i - 1].para)
			fuzz_fail("token %zu: paragraph %u after %u", i,
			          tk[i].para, tk[i - 1].para);
		if (tk[i].para < 65535) {
			px_span ps;

			if (tk[i].para >= np)
				fuzz_fail("token %zu: paragraph %u of %zu", i,
				          tk[i].para, np);
			ps = pg[tk[i].para].span;
			if (s.start < ps.start || s.end > ps.end)
				fuzz_fail("token %zu [%zu, %zu) outside its "
				          "paragraph %u [%zu, %zu)", i, s.start,
				          s.end, tk[i].para, ps.start, ps.end);
		}
	}

	for (i = 0; i < ns; i++) {
		const px_sentence *st = &ss[i];
		int all = 1;

		fuzz_check_span("sentence", i, st->span, text, len);
		if (st->tok_count == 0)
			fuzz_fail("sentence %zu has no tokens", i);
		if (st->tok_first > nt || st->tok_count > nt - st->tok_first)
			fuzz_fail("sentence %zu: tokens %zu+%zu of %zu", i,
			          st->tok_first, st->tok_count, nt);
		if (st->para >= np)
			fuzz_fail("sentence %zu: paragraph %zu of %zu", i,
			          st->para, np);
		if (st->span.start < pg[st->para].span.start ||
		    st->span.end > pg[st->para].span.end)
			fuzz_fail("sentence %zu [%zu, %zu) outside paragraph "
			          "%zu [%zu, %zu)", i, st->span.start,
			          st->span.end, st->para,
			          pg[st->para].span.start,
			          pg[st->para].span.end);
		if (i && (st->tok_first < ss[i - 1].tok_first +
		                          ss[i - 1].tok_count ||
		          st->span.start < ss[i - 1].span.start))
			fuzz_fail("sentence %zu (tokens from %zu, at %zu) "
			          "overlaps or precedes sentence %zu", i,
			          st->tok_first, st->span.start, i - 1);
		if ((st->heading != 0 && st->heading != 1) ||
		    (st->residue != 0 && st->residue != 1))
			fuzz_fail("sentence %zu: heading/residue not 0/1", i);
		for (k = 0; k < st->tok_count; k++) {
			const px_token *t = &tk[st->tok_first + k];
			size_t want = st->para < 65535 ? st->para : 65535;

			if (t->start < st->span.start ||
			    t->end > st->span.end)
				fuzz_fail("sentence %zu [%zu, %zu): token %zu "
				          "[%u, %u) outside it", i,
				          st->span.start, st->span.end,
				          st->tok_first + k, t->start, t->end);
			if (t->para != want)
				fuzz_fail("sentence %zu in paragraph %zu has "
				          "token %zu of paragraph %u", i,
				          st->para, st->tok_first + k, t->para);
			if (!(t->flags & PX_TF_RESIDUE))
				all = 0;
		}
		if (st->residue != all)
			fuzz_fail("sentence %zu: residue %d but its tokens say "
			          "%d", i, st->residue, all);
	}

	for (i = 0; i < nr; i++) {
		const char *name;

		fuzz_check_span("residue", i, rs[i].span, text, len);
		if (rs[i].span.start < body)
			fuzz_fail("residue %zu at %zu is before the body at "
			          "%zu", i, rs[i].span.start, body);
		if (rs[i].kind < PX_RES_REPEATED_HEADLINE ||
		    rs[i].kind > PX_RES_REPEATED_PARAGRAPH)
			fuzz_fail("residue %zu: kind %d", i, (int)rs[i].kind);
		name = px_residue_kind_name(rs[i].kind);
		if (!name || !strcmp(name, "residue"))
			fuzz_fail("residue %zu: kind %d has no name", i,
			          (int)rs[i].kind);
		if (!rs[i].reason || !rs[i].reason[0])
			fuzz_fail("residue %zu: no reason", i);
		if (i && rs[i].span.start < rs[i - 1].span.start)
			fuzz_fail("residue %zu at %zu before residue %zu at "
			          "%zu", i, rs[i].span.start, i - 1,
			          rs[i - 1].span.start);
	}
}

/* Both output formats must succeed (no allocation fails here), give a
 * string of the reported length, valid UTF-8, and (JSON) an object. */
static inline void fuzz_check_output(const px_article *a)
{
	static const unsigned jflags[] = {0, PX_OUT_TOKENS | PX_OUT_PRETTY};
	size_t i, len, bad;
	char *out;
	px_status rc;

	for (i = 0; i < sizeof(jflags) / sizeof(jflags[0]); i++) {
		json_error_t jerr;
		json_t *o;

		out = NULL;
		len = 0;
		rc = px_article_to_json(a, jflags[i], &out, &len);
#ifdef FUZZ_LAX_UTF8
		if (rc == PX_ENOMEM && !out)
			continue; /* jansson refused a span cut mid-character */
#endif
		if (rc != PX_OK || !out)
			fuzz_fail("px_article_to_json(flags %u): %s", jflags[i],
			          px_strerror(rc));
		if (strlen(out) != len)
			fuzz_fail("px_article_to_json: len %zu, strlen %zu",
			          len, strlen(out));
		o = json_loadb(out, len, 0, &jerr);
		if (!o || !json_is_object(o))
			fuzz_fail("px_article_to_json: not a JSON object (%s)",
			          o ? "other type" : jerr.text);
		json_decref(o);
		free(out);
	}
	out = NULL;
	len = 0;
	rc = px_article_to_text(a, 0, &out, &len);
	if (rc != PX_OK || !out)
		fuzz_fail("px_article_to_text: %s", px_strerror(rc));
	if (strlen(out) != len)
		fuzz_fail("px_article_to_text: len %zu, strlen %zu", len,
		          strlen(out));
#ifndef FUZZ_LAX_UTF8
	if (fuzz_utf8((const uint8_t *)out, len, &bad) != PX_OK)
		fuzz_fail("px_article_to_text: invalid UTF-8 at byte %zu of "
		          "the view", bad);
#else
	(void)bad;
#endif
	free(out);
}

/* px_article_set_meta: known fields take the value, others PX_EINVAL. */
static inline void fuzz_check_set_meta(px_article *a)
{
	const px_meta *m;

	if (px_article_set_meta(a, "source", "Fuzz Flag Wire") != PX_OK ||
	    px_article_set_meta(a, "published", "2025-03-13") != PX_OK)
		fuzz_fail("px_article_set_meta failed");
	if (px_article_set_meta(a, "title", "x") != PX_EINVAL)
		fuzz_fail("px_article_set_meta took an unknown field");
	m = px_article_meta(a);
	if (strcmp(m->source, "Fuzz Flag Wire") ||
	    strcmp(m->published, "2025-03-13") ||
	    strcmp(m->source_from, "flag"))
		fuzz_fail("px_article_set_meta did not set the fields");
}

/* The full check of one successful analysis. */
static inline void fuzz_check_all(px_article *a)
{
	fuzz_check_article(a);
	fuzz_check_output(a);
	fuzz_check_set_meta(a);
	fuzz_check_output(a);
}

/* A failed call: no article, a known status, err filled to match. */
static inline void fuzz_check_error(const char *fn, px_status rc,
                                    const px_article *a,
                                    const px_error *err)
{
	if (a)
		fuzz_fail("%s: status %d with an article", fn, (int)rc);
	if (rc <= PX_OK || rc > PX_ESTORE)
		fuzz_fail("%s: unknown status %d", fn, (int)rc);
	if (err->code != rc)
		fuzz_fail("%s: returned %s but err.code is %s", fn,
		          px_strerror(rc), px_strerror(err->code));
	if (!memchr(err->msg, '\0', sizeof(err->msg)) ||
	    !memchr(err->source, '\0', sizeof(err->source)) || !err->msg[0])
		fuzz_fail("%s: err.msg or err.source not a string", fn);
}

/* A non-NULL article pointer to preset an OUT parameter with, so that
 * a failing call that does not reset it to NULL shows. */
static inline px_article *fuzz_unset(void)
{
	static char byte;

	return (px_article *)(void *)&byte;
}

/* Fill err with garbage so that a field left unset shows. */
static inline void fuzz_dirty(px_error *err)
{
	memset(err, 0xA5, sizeof(*err));
}

#endif /* PX_FUZZ_H */
