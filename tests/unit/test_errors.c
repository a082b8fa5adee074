/*
 * test_errors.c - bad plain-text input: a clear status, the input's name
 * and the byte offset and line of the problem; no article left behind.
 */
#include <stdlib.h>

#include "../test.h"

static void bad(const char *p, size_t n, const px_options *o,
                px_status want, size_t off, size_t line, const char *msg)
{
	px_article *a = (px_article *)&a; /* must be set to NULL */
	px_error err;
	px_status rc = px_article_from_text(p, n, "bad.txt", o, &a, &err);

	CHECK(rc == want, "status %s, want %s", px_strerror(rc),
	      px_strerror(want));
	CHECK(a == NULL, "no article on failure");
	CHECK(err.code == want && err.offset == off && err.line == line,
	      "error at %zu line %zu, want %zu line %zu (%s)", err.offset,
	      err.line, off, line, err.msg);
	CHECK(strstr(err.msg, msg) && strstr(err.msg, "bad.txt"),
	      "message '%s' lacks '%s' or the input name", err.msg, msg);
}

int test_errors(void)
{
	px_options small = {.max_bytes = 16};
	char *big;

	bad("", 0, NULL, PX_EEMPTY, 0, 0, "empty input");
	bad(" \n\t\n", 4, NULL, PX_EEMPTY, 0, 0, "only white space");
	bad("Line one.\nLine \xFF two.", 20, NULL, PX_EUTF8, 15, 2,
	    "invalid UTF-8 at byte 15 (line 2)");
	bad("Line one.\nLine two.\nA\0B", 23, NULL, PX_ENUL, 21, 3,
	    "NUL byte at byte 21 (line 3)");
	bad("This article is longer than sixteen bytes.", 42, &small,
	    PX_ETOOBIG, 16, 0, "over the cap of 16 bytes");
	/* The default cap is 4 MiB. */
	big = malloc(PX_DEFAULT_MAX_BYTES + 1);
	if (big) {
		memset(big, 'a', PX_DEFAULT_MAX_BYTES + 1);
		bad(big, PX_DEFAULT_MAX_BYTES + 1, NULL, PX_ETOOBIG,
		    PX_DEFAULT_MAX_BYTES, 0, "over the cap");
		free(big);
	}
	CHECK(strcmp(px_strerror(PX_EUTF8), "invalid UTF-8") == 0,
	      "strerror");
	CHECK(px_strerror((px_status)99) != NULL, "strerror of unknown");
	px_article_free(NULL); /* no-op */
	CHECK(px_article_tokens(NULL, NULL) == NULL, "getters take NULL");
	return 0;
}
