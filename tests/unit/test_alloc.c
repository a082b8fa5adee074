/*
 * test_alloc.c - fault injection: fail the Nth allocation for N = 1, 2,
 * ... until analysis succeeds. Every failure must be PX_ENOMEM with no
 * article and no leak (the sanitizer run checks leaks).
 */
#include <stdlib.h>

#include "../test.h"

int test_alloc(void)
{
	static const char text[] =
		"Source: Test Wire\n\nTalks Resume in Geneva\n\n"
		"Delegates met on Monday. “We are close,” said one.\n"
		"Highlights\n\n• A summary line here\n\n"
		"Read also: Ten summits that mattered\n"
		"Updated: 2025/3/13\n#Talks\nTestWire Staff Writer\n";
	t_failing f;
	px_allocator alc = t_failing_allocator(&f);
	px_options o = {.alc = &alc};
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
