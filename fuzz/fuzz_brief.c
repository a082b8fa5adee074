/*
 * fuzz_brief.c - px_brief_build and every output format on articles cut
 * from the bytes.
 *
 * The input is split at each 0x1E byte into at most FUZZ_BRIEF_MAX
 * pieces; each piece that analyzes as plain text joins the brief (the
 * first byte of a piece, when it is a digit, gives the article a source
 * shared by the pieces with that digit, so independent sources are
 * merged too). Near-copy pairs come from a px_stories set over the same
 * articles. Run twice: with the C library's allocator, then with one
 * that fails after a number of calls picked by the input (PX_OK or
 * PX_ENOMEM, nothing left allocated). Checked: every reference of the
 * brief lies inside its article's text; points are sentences of their
 * article and count their sources; the JSON parses; the HTML holds no
 * raw '<' from article text (each '<' starts a tag the renderer writes).
 */
#include "fuzz.h"

#define FUZZ_BRIEF_MAX 6

static void check_ref(px_article *const *arts, size_t n, px_ref r,
                      const char *what)
{
	size_t len;

	if (r.article >= n)
		fuzz_fail("%s: article %zu of %zu", what, r.article, n);
	px_article_text(arts[r.article], &len);
	if (r.span.start > r.span.end || r.span.end > len)
		fuzz_fail("%s: span [%zu, %zu) outside %zu bytes", what,
		          r.span.start, r.span.end, len);
}

static void check_brief(const px_brief *b, px_article *const *arts,
                        size_t n)
{
	size_t np, nq, na, nd, ns, i, k;
	const px_brief_point *p = px_brief_points(b, &np);
	const px_brief_quote *q = px_brief_quotes(b, &nq);
	const px_brief_actor *a = px_brief_actors(b, &na);
	const px_dispute *d = px_brief_disputes(b, &nd);
	const px_brief_info *in = px_brief_info_of(b);

	px_brief_sources(b, &ns);
	if (ns != n || in->articles != n || in->sources < 1 ||
	    in->sources > n)
		fuzz_fail("brief: %zu source rows, %zu articles, %zu sources "
		          "for %zu articles", ns, in->articles, in->sources, n);
	for (i = 0; i < np; i++) {
		check_ref(arts, n, p[i].sentence, "point");
		if (p[i].sources != p[i].nsupport + 1 ||
		    p[i].sources > in->sources)
			fuzz_fail("point %zu: %zu sources, %zu supporters", i,
			          p[i].sources, p[i].nsupport);
		for (k = 0; k < p[i].nsupport; k++)
			check_ref(arts, n, p[i].support[k], "supporter");
	}
	for (i = 0; i < nq; i++) {
		check_ref(arts, n, q[i].words, "quote");
		check_ref(arts, n, q[i].speaker, "speaker");
		check_ref(arts, n, q[i].role, "role");
		if (q[i].actor != SIZE_MAX && q[i].actor >= na)
			fuzz_fail("quote %zu: actor %zu of %zu", i, q[i].actor,
			          na);
	}
	for (i = 0; i < na; i++) {
		if (!a[i].name || a[i].nvariants < 1)
			fuzz_fail("actor %zu without a name", i);
		for (k = 0; k < a[i].ntitles; k++)
			check_ref(arts, n, a[i].titles[k], "title");
		for (k = 0; k < a[i].ncues; k++) {
			check_ref(arts, n, a[i].cues[k].cue, "cue");
			check_ref(arts, n, a[i].cues[k].sentence, "cue sentence");
		}
	}
	for (i = 0; i < nd; i++) {
		if (d[i].nclaims < 2)
			fuzz_fail("dispute %zu with %zu claims", i,
			          d[i].nclaims);
		for (k = 0; k < d[i].nclaims; k++)
			check_ref(arts, n, d[i].claims[k], "claim");
	}
}

static void check_outputs(const px_brief *b, px_article *const *arts)
{
	static const px_brief_format fmts[] = {PX_BRIEF_TEXT, PX_BRIEF_MD,
	                                       PX_BRIEF_JSON, PX_BRIEF_HTML};
	size_t f;

	for (f = 0; f < sizeof(fmts) / sizeof(*fmts); f++) {
		char *out = NULL;
		size_t len = 0;
		px_status rc = px_brief_format_to(
			b, (const px_article *const *)arts, fmts[f], &out, &len);

		if (rc != PX_OK || !out || strlen(out) != len)
			fuzz_fail("brief format %d: %s", (int)fmts[f],
			          px_strerror(rc));
		if (fmts[f] == PX_BRIEF_JSON) {
			json_error_t je;
			json_t *j = json_loadb(out, len, 0, &je);

			if (!j)
				fuzz_fail("brief JSON does not parse: %s",
				          je.text);
			json_decref(j);
		}
		if (fmts[f] == PX_BRIEF_HTML) {
			const char *p = out;

			/* every '<' opens a tag the renderer writes */
			while ((p = strchr(p, '<')) != NULL) {
				if (!(p[1] == '/' || p[1] == '!' ||
				      (p[1] >= 'a' && p[1] <= 'z')))
					fuzz_fail("raw '<' in HTML at %zu",
					          (size_t)(p - out));
				if (!strncmp(p, "<script", 7))
					fuzz_fail("script tag in HTML");
				p++;
			}
		}
		free(out);
	}
}

/* Analyze the pieces; returns how many articles were made. */
static size_t articles(const uint8_t *data, size_t size,
                       px_article **arts)
{
	size_t n = 0, start = 0, i;

	for (i = 0; i <= size && n < FUZZ_BRIEF_MAX; i++) {
		px_error err;
		size_t len;

		if (i < size && data[i] != 0x1E)
			continue;
		len = i - start;
		if (px_article_from_text((const char *)data + start, len,
		                         "fuzz/brief.txt", NULL, &arts[n],
		                         &err) == PX_OK) {
			char src[16];

			if (len && data[start] >= '0' && data[start] <= '9') {
				snprintf(src, sizeof(src), "outlet %c",
				         data[start]);
				px_article_set_meta(arts[n], "source", src);
			}
			n++;
		}
		start = i + 1;
	}
	return n;
}

FUZZ_ENTRY(brief)
{
	px_article *arts[FUZZ_BRIEF_MAX];
	px_near_copy cp[FUZZ_BRIEF_MAX * FUZZ_BRIEF_MAX];
	px_stories *st = NULL;
	px_brief *b = NULL;
	px_brief_opts o;
	px_allocator alc = {fuzz_alloc_fn, fuzz_realloc_fn, fuzz_free_fn,
	                    NULL};
	fuzz_alloc fa;
	size_t n, i, nc = 0, ncp = 0;
	const px_near_copy *c;
	px_status rc;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	n = articles(data, size, arts);
	if (!n)
		return 0;
	if (px_stories_create(NULL, &st) == PX_OK) {
		for (i = 0; i < n; i++)
			if (px_stories_add(st, arts[i], NULL, NULL))
				break;
		c = px_stories_copies(st, &nc);
		for (i = 0; i < nc && ncp < sizeof(cp) / sizeof(*cp); i++)
			if (c[i].a < n && c[i].b < n)
				cp[ncp++] = c[i];
	}
	rc = px_brief_build((const px_article *const *)arts, n, cp, ncp, NULL,
	                    &b);
	if (rc != PX_OK || !b)
		fuzz_fail("px_brief_build: %s", px_strerror(rc));
	check_brief(b, arts, n);
	check_outputs(b, arts);
	px_brief_free(b);

	/* fail an allocation picked by the input; nothing may leak */
	memset(&o, 0, sizeof(o));
	fa.left = size ? (long)(data[0] % 64) : 0;
	fa.live = 0;
	alc.ctx = &fa;
	o.alc = &alc;
	b = NULL;
	rc = px_brief_build((const px_article *const *)arts, n, cp, ncp, &o,
	                    &b);
	if (rc != PX_OK && (rc != PX_ENOMEM || b))
		fuzz_fail("px_brief_build, failing allocator: %s",
		          px_strerror(rc));
	px_brief_free(b);
	if (fa.live != 0)
		fuzz_fail("failing allocator: %ld blocks left after free",
		          fa.live);
	px_stories_free(st);
	for (i = 0; i < n; i++)
		px_article_free(arts[i]);
	return 0;
}
