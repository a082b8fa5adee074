/*
 * fuzz_feed.c - px_feed_open and px_feed_next on the raw bytes as a news
 * feed, with the defaults and with a small item cap; the first items go
 * through px_article_from_item and every invariant of fuzz.h. An item
 * must carry its kind, container and input, lie in the feed (offset and
 * line), and be the feed's bytes at content_offset when it says
 * PX_ITEM_VERBATIM; its copy (px_item_dup) must equal it. A failure
 * leaves no feed and fills the error; the iteration ends.
 */
#include "fuzz.h"

/* Items analyzed per run: the parse is the target, not the pipeline. */
#define FEED_ARTICLES 4

static void check_item(const px_item *it, const uint8_t *data, size_t size,
                       const px_options *opts)
{
	px_article *a = fuzz_unset();
	px_item *c;
	px_error err;
	px_status rc;

	if (!it->kind || !it->container || !it->input)
		fuzz_fail("item without kind, container or input");
	if (strcmp(it->kind, "rss") && strcmp(it->kind, "rdf") &&
	    strcmp(it->kind, "atom"))
		fuzz_fail("item kind \"%s\"", it->kind);
	if (it->offset >= size || !it->line)
		fuzz_fail("item at byte %zu line %zu of %zu bytes", it->offset,
		          it->line, size);
	/* Byte 0 when the parser's position was lost (other encodings). */
	if (data[it->offset] != '<' && it->offset)
		fuzz_fail("item offset %zu is not a tag", it->offset);
	if (it->content_len && (!it->content ||
	                        strlen(it->content) != it->content_len))
		fuzz_fail("content length %zu", it->content_len);
	if ((it->flags & PX_ITEM_VERBATIM) &&
	    (it->content_offset > size ||
	     size - it->content_offset < it->content_len ||
	     memcmp(data + it->content_offset, it->content, it->content_len)))
		fuzz_fail("verbatim content is not the feed's bytes at %zu",
		          it->content_offset);
	if (it->flags & PX_ITEM_PAGE)
		fuzz_fail("a feed item marked as a page");
	c = px_item_dup(it, NULL);
	if (!c)
		fuzz_fail("px_item_dup failed");
	if (c->content_len != it->content_len ||
	    (it->content_len &&
	     memcmp(c->content, it->content, it->content_len)) ||
	    strcmp(c->input, it->input) || c->offset != it->offset)
		fuzz_fail("the copy differs from the item");
	px_item_free(c);
	fuzz_dirty(&err);
	rc = px_article_from_item(it, opts, &a, &err);
	if (rc != PX_OK) {
		fuzz_check_error("px_article_from_item", rc, a, &err);
		return;
	}
	if (!a)
		fuzz_fail("px_article_from_item: PX_OK without an article");
	fuzz_check_all(a);
	px_article_free(a);
}

static void run(const uint8_t *data, size_t size, const px_options *opts)
{
	px_feed *f = NULL;
	const px_item *it;
	px_error err;
	px_status rc;
	size_t k = 0, errors = 0;

	fuzz_dirty(&err);
	rc = px_feed_open((const char *)data, size, "fuzz/feed.rss", opts,
	                  &f, &err);
	if (rc != PX_OK) {
		fuzz_check_error("px_feed_open", rc, NULL, &err);
		if (f)
			fuzz_fail("px_feed_open: a feed with an error");
		return;
	}
	for (;;) {
		fuzz_dirty(&err);
		rc = px_feed_next(f, &it, &err);
		if (rc != PX_OK) {
			fuzz_check_error("px_feed_next", rc, NULL, &err);
			if (it || ++errors > 1)
				fuzz_fail("px_feed_next: item with an error, "
				          "or a second error");
			continue;
		}
		if (!it)
			break;
		if (++k > size)
			fuzz_fail("more items than bytes");
		if (k <= FEED_ARTICLES)
			check_item(it, data, size, opts);
	}
	px_feed_free(f);
}

FUZZ_ENTRY(feed)
{
	px_options o;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	run(data, size, NULL);
	memset(&o, 0, sizeof(o));
	o.max_bytes = FUZZ_SMALL_MAX;
	run(data, size, &o);
	return 0;
}
