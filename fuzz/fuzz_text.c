/*
 * fuzz_text.c - px_article_from_text on the raw bytes, under several
 * option sets:
 *   1. defaults;
 *   2. PX_OPT_NO_TITLE | PX_OPT_NO_FRONT;
 *   3. a small max_bytes (FUZZ_SMALL_MAX), and the cap one byte short;
 *   4. an allocator that fails after a few calls (the count comes from the
 *      input), which must give PX_ENOMEM and free everything.
 * The status must be what a reference check of the bytes predicts, and
 * every article must keep the invariants of fuzz.h through both outputs.
 */
#include "fuzz.h"

static const char name[] = "fuzz/text.txt";

/* Analyze (data, size) under opts; check the status against the
 * prediction; check and free the article. Returns the status. */
static px_status run(const uint8_t *data, size_t size,
                     const px_options *opts)
{
	px_article *a = fuzz_unset();
	px_error err;
	size_t bad, tlen;
	px_status want, rc;
	const char *text;

	want = fuzz_expect(data, size, opts ? opts->max_bytes : 0, &bad);
	fuzz_dirty(&err);
	rc = px_article_from_text((const char *)data, size, name, opts, &a,
	                          &err);
	if (opts && opts->alc && opts->alc->alloc && rc == PX_ENOMEM &&
	    want == PX_OK) {
		fuzz_check_error("px_article_from_text", rc, a, &err);
		return rc;
	}
	if (rc != want)
		fuzz_fail("px_article_from_text: %s, but the bytes call for %s "
		          "(bad byte %zu)", px_strerror(rc), px_strerror(want),
		          bad);
	if (rc != PX_OK) {
		fuzz_check_error("px_article_from_text", rc, a, &err);
		if ((rc == PX_EUTF8 || rc == PX_ENUL) && err.offset != bad)
			fuzz_fail("px_article_from_text: %s at byte %zu, the "
			          "reference says %zu", px_strerror(rc),
			          err.offset, bad);
		return rc;
	}
	if (!a)
		fuzz_fail("px_article_from_text: PX_OK without an article");
	if (opts && opts->alc) {
		/* Analysis is done: let px_article_set_meta allocate. */
		((fuzz_alloc *)opts->alc->ctx)->left = -1;
	}
	text = px_article_text(a, &tlen);
	if (tlen != size || memcmp(text, data, size))
		fuzz_fail("px_article_text is not the input (%zu of %zu "
		          "bytes)", tlen, size);
	if (!px_article_meta(a)->id || !px_article_meta(a)->source ||
	    strcmp(px_article_meta(a)->input, name))
		fuzz_fail("px_article_from_text: id, source or input unset");
	fuzz_check_all(a);
	px_article_free(a);
	return rc;
}

FUZZ_ENTRY(text)
{
	px_options o;
	px_allocator alc = {fuzz_alloc_fn, fuzz_realloc_fn, fuzz_free_fn,
	                    NULL};
	fuzz_alloc fa;
	px_status rc0, rc;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	rc0 = run(data, size, NULL);

	memset(&o, 0, sizeof(o));
	o.flags = PX_OPT_NO_TITLE | PX_OPT_NO_FRONT;
	rc = run(data, size, &o);
	if (rc != rc0)
		fuzz_fail("NO_TITLE|NO_FRONT gave %s, defaults %s",
		          px_strerror(rc), px_strerror(rc0));

	memset(&o, 0, sizeof(o));
	o.max_bytes = FUZZ_SMALL_MAX;
	run(data, size, &o);
	if (size > 1) {
		o.max_bytes = size - 1;
		run(data, size, &o);
	}

	/* Fail the Nth allocation, N from the last byte; nothing may leak. */
	memset(&o, 0, sizeof(o));
	fa.left = size ? data[size - 1] % 8 : 0;
	fa.live = 0;
	alc.ctx = &fa;
	o.alc = &alc;
	rc = run(data, size, &o);
	if (rc != rc0 && rc != PX_ENOMEM)
		fuzz_fail("failing allocator gave %s, defaults %s",
		          px_strerror(rc), px_strerror(rc0));
	if (fa.live != 0)
		fuzz_fail("failing allocator: %ld blocks left after free",
		          fa.live);
	return 0;
}
