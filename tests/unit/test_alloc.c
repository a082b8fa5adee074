/*
 * test_alloc.c - fault injection: fail the Nth allocation for N = 1, 2,
 * ... until analysis succeeds. Every failure must be PX_ENOMEM with no
 * article and no leak (the sanitizer run checks leaks).
 */
#include <stdlib.h>

#include "../test.h"

typedef struct failing {
	long left; /* allocations before the failure; < 0: never fail */
	long live;
} failing;

static void *f_alloc(void *ctx, size_t n)
{
	failing *f = ctx;
	void *p;

	if (f->left == 0)
		return NULL;
	if (f->left > 0)
		f->left--;
	p = malloc(n);
	if (p)
		f->live++;
	return p;
}

static void *f_realloc(void *ctx, void *p, size_t n)
{
	failing *f = ctx;

	if (f->left == 0)
		return NULL;
	if (f->left > 0)
		f->left--;
	return realloc(p, n);
}

static void f_free(void *ctx, void *p)
{
	failing *f = ctx;

	if (p)
		f->live--;
	free(p);
}

int test_alloc(void)
{
	static const char text[] =
		"Source: Test Wire\n\nTalks Resume in Geneva\n\n"
		"Delegates met on Monday. “We are close,” said one.\n"
		"Highlights\n\n• A summary line here\n\n"
		"Read also: Ten summits that mattered\n"
		"Updated: 2025/3/13\n#Talks\nTestWire Staff Writer\n";
	failing f;
	px_allocator alc = {f_alloc, f_realloc, f_free, &f};
	px_options o = {&alc, 0, 0};
	long nth;
	int ok_seen = 0, bad_status = 0, leaked = 0;

	for (nth = 0; nth < 200 && !ok_seen; nth++) {
		px_article *a = NULL;
		px_error err;
		px_status rc;

		f.left = nth;
		f.live = 0;
		rc = px_article_from_text(text, sizeof(text) - 1, "alloc.txt",
		                          &o, &a, &err);
		if (rc == PX_OK) {
			ok_seen = 1;
			px_article_free(a);
		} else if (rc != PX_ENOMEM || a) {
			bad_status++;
		}
		if (f.live != 0)
			leaked++;
	}
	CHECK(ok_seen, "analysis succeeds once allocations do");
	CHECK(nth > 1, "at least one allocation failed on the way: %ld", nth);
	CHECK(!bad_status, "%d failures were not a clean PX_ENOMEM",
	      bad_status);
	CHECK(!leaked, "%d runs left memory allocated", leaked);
	return 0;
}
