/*
 * fuzz_warc.c - px_warc_open_mem and px_warc_next on the raw bytes as a
 * web archive (plain, or gzip members when they start with its magic),
 * with the defaults and with a small cap; then the same bytes through
 * px_warc_open with a reader that hands out 3 bytes a call, which
 * must give the same items and errors (by status). The iteration must
 * end (every call moves on), items must lie in the input and carry
 * their fields, and the first items go through px_article_from_item and
 * every invariant of fuzz.h.
 */
#include "fuzz.h"

#define WARC_ARTICLES 3

typedef struct trickle {
	const uint8_t *p;
	size_t n, at;
} trickle;

static size_t trickle_read(void *ctx, char *buf, size_t n)
{
	trickle *t = ctx;
	size_t k = t->n - t->at;

	if (k > 3)
		k = 3;
	if (k > n)
		k = n;
	memcpy(buf, t->p + t->at, k);
	t->at += k;
	return k;
}

/* One line per item or error, to compare the two reads. */
static void note(char *log, size_t cap, const char *z, size_t v)
{
	size_t n = strlen(log);

	snprintf(log + n, cap - n, "%.40s:%zu|", z ? z : "-", v);
}

static void check_item(const px_item *it, size_t size, const px_options *o,
                       int analyze)
{
	px_article *a = fuzz_unset();
	px_error err;
	px_status rc;

	if (!it->kind || strcmp(it->kind, "warc") || !it->container ||
	    !it->input || !(it->flags & PX_ITEM_PAGE))
		fuzz_fail("warc item fields");
	if (it->offset >= size)
		fuzz_fail("record offset %zu of %zu bytes", it->offset, size);
	if (it->content_len && !it->content)
		fuzz_fail("content length without content");
	if (!analyze)
		return;
	fuzz_dirty(&err);
	rc = px_article_from_item(it, o, &a, &err);
	if (rc != PX_OK) {
		fuzz_check_error("px_article_from_item", rc, a, &err);
		return;
	}
	if (!a || !px_article_page(a))
		fuzz_fail("an article from a record without its page");
	if (!px_article_page(a)->warc_file ||
	    px_article_page(a)->warc_offset != it->offset)
		fuzz_fail("provenance lost");
	fuzz_check_all(a);
	px_article_free(a);
}

/* Read every record; log what came. */
static void read_all(px_warc *w, size_t size, const px_options *o,
                     char *log, size_t cap, int analyze)
{
	const px_item *it;
	px_error err;
	px_status rc;
	size_t calls = 0, k = 0;

	log[0] = '\0';
	for (;;) {
		if (++calls > size + 8)
			fuzz_fail("px_warc_next does not end (%zu calls)",
			          calls);
		fuzz_dirty(&err);
		rc = px_warc_next(w, &it, &err);
		if (rc != PX_OK) {
			fuzz_check_error("px_warc_next", rc, NULL, &err);
			if (it)
				fuzz_fail("px_warc_next: an item with an "
				          "error");
			/* zlib may stop a byte apart on corrupt data: the
			 * status is compared, not the offset. */
			note(log, cap, "error", (size_t)rc);
			continue;
		}
		if (!it)
			break;
		k++;
		note(log, cap, it->url, it->offset);
		note(log, cap, it->input, it->content_len);
		check_item(it, size, o, analyze && k <= WARC_ARTICLES);
	}
}

static void run(const uint8_t *data, size_t size, const px_options *o)
{
	static char a[8192], b[8192];
	px_warc *w = NULL;
	px_error err;
	px_status rc;
	trickle t;

	fuzz_dirty(&err);
	rc = px_warc_open_mem((const char *)data, size, "fuzz/a.warc", o, &w,
	                      &err);
	if (rc != PX_OK)
		fuzz_fail("px_warc_open_mem: %s", px_strerror(rc));
	read_all(w, size, o, a, sizeof(a), 1);
	px_warc_free(w);
	t.p = data;
	t.n = size;
	t.at = 0;
	rc = px_warc_open(trickle_read, &t, "fuzz/a.warc", o, &w, &err);
	if (rc != PX_OK)
		fuzz_fail("px_warc_open: %s", px_strerror(rc));
	read_all(w, size, o, b, sizeof(b), 0);
	px_warc_free(w);
	if (strcmp(a, b))
		fuzz_fail("reading 3 bytes at a time differs:\n%s\n%s", a, b);
}

FUZZ_ENTRY(warc)
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
