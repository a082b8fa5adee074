/*
 * fuzz_html.c - px_article_from_html on the raw bytes (HTML, or gzip
 * data when the bytes start with its magic), with the defaults and with
 * a small cap. A success must keep every invariant of fuzz.h through both
 * outputs, and its HTML spans must lie in the page (gzip-decoded pages
 * are not checked against the input) and in the text, in order; a
 * failure must leave no article and fill the error.
 */
#include "fuzz.h"

static void run(const uint8_t *data, size_t size, const px_options *opts)
{
	px_article *a = fuzz_unset();
	const px_html_span *sp;
	const char *text;
	size_t n, i, tlen;
	px_error err;
	px_status rc;

	fuzz_dirty(&err);
	rc = px_article_from_html((const char *)data, size, "fuzz/page.html",
	                          opts, &a, &err);
	if (rc != PX_OK) {
		fuzz_check_error("px_article_from_html", rc, a, &err);
		return;
	}
	if (!a)
		fuzz_fail("px_article_from_html: PX_OK without an article");
	text = px_article_text(a, &tlen);
	sp = px_article_html_spans(a, &n);
	if (!px_article_page(a) || (n && !sp))
		fuzz_fail("an article from a page without its page");
	for (i = 0; i < n; i++) {
		if (sp[i].text.start > sp[i].text.end || sp[i].text.end > tlen)
			fuzz_fail("html span %zu: text [%zu, %zu) of %zu", i,
			          sp[i].text.start, sp[i].text.end, tlen);
		if (i && sp[i].text.start < sp[i - 1].text.end)
			fuzz_fail("html span %zu out of order", i);
		if (sp[i].html.start > sp[i].html.end)
			fuzz_fail("html span %zu: [%zu, %zu)", i,
			          sp[i].html.start, sp[i].html.end);
		if (!px_article_page(a)->gzip && sp[i].html.end > size)
			fuzz_fail("html span %zu ends at %zu past the page (%zu)",
			          i, sp[i].html.end, size);
	}
	(void)text;
	fuzz_check_all(a);
	px_article_free(a);
}

FUZZ_ENTRY(html)
{
	px_options o;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	run(data, size, NULL);
	memset(&o, 0, sizeof(o));
	o.max_bytes = FUZZ_SMALL_MAX * 4;
	run(data, size, &o);
	return 0;
}
