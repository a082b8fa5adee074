/*
 * test_utf8.c - UTF-8 checks and NFC normalization with its offset map.
 */
#include <stdlib.h>

#include "../test.h"
#include "core/core.h"

static void check_bad(const char *s, size_t n, px_status want, size_t off)
{
	size_t bad = 12345;
	px_status rc = pxi_utf8_check(s, n, &bad);

	CHECK(rc == want, "status %d, want %d", rc, want);
	if (want)
		CHECK(bad == off, "bad byte at %zu, want %zu", bad, off);
}

int test_utf8(void)
{
	pxi_arena ar;
	pxi_norm nm;
	/* "Cafe" + combining acute, then text: NFC composes it. */
	const char *dec = "Cafe\xCC\x81 is open. Petrova\xE2\x80\x99s office.";
	size_t n = strlen(dec);

	check_bad("plain ascii text, long enough for words",
	          strlen("plain ascii text, long enough for words"), PX_OK, 0);
	check_bad("Kyiv\xE2\x80\x99s", 8, PX_OK, 0);
	check_bad("abc\xC3", 4, PX_EUTF8, 3);          /* truncated */
	check_bad("abcdefghij\xC0\xAF", 12, PX_EUTF8, 10); /* overlong */
	check_bad("ab\xED\xA0\x80", 5, PX_EUTF8, 2);   /* surrogate */
	check_bad("ab\xF4\x90\x80\x80", 6, PX_EUTF8, 2); /* > U+10FFFF */
	check_bad("0123456789\0abc", 14, PX_ENUL, 10);
	check_bad("\xFF", 1, PX_EUTF8, 0);
	CHECK(pxi_line_of("a\nb\nc", 5, 4) == 3, "line of offset 4");

	pxi_arena_init(&ar, NULL);
	CHECK(pxi_normalize(&ar, dec, n, &nm) == PX_OK, "normalize");
	CHECK(nm.len == n - 1, "NFC is one byte shorter: %zu", nm.len);
	CHECK(!memcmp(nm.text, "Caf\xC3\xA9 is", 8), "composed e-acute");
	CHECK(nm.nsegs == 1, "one rewritten stretch, got %zu", nm.nsegs);
	/* "is" starts at 6 in the normalized text, 7 in the original. */
	CHECK(pxi_norm_to_orig(&nm, 6, 0) == 7, "map after the stretch: %zu",
	      pxi_norm_to_orig(&nm, 6, 0));
	CHECK(pxi_norm_to_orig(&nm, 0, 0) == 0, "map before the stretch");
	CHECK(pxi_norm_to_orig(&nm, 5, 1) == 6, "end of the stretch maps to "
	      "its original end: %zu", pxi_norm_to_orig(&nm, 5, 1));
	/* Already-NFC text is used as it is. */
	CHECK(pxi_normalize(&ar, "Kyiv\xE2\x80\x99s", 8, &nm) == PX_OK &&
	      nm.nsegs == 0 && nm.len == 8, "NFC text untouched");
	pxi_arena_free(&ar);

	/* Offsets reported by an article point into the original bytes. */
	{
		px_article *a = t_article(dec);
		size_t nt, i;
		const px_token *t = px_article_tokens(a, &nt);
		int found = 0;

		for (i = 0; i < nt; i++)
			if (!strcmp(t_span(a, (px_span){t[i].start, t[i].end}),
			            "open"))
				found = t[i].start == 10;
		CHECK(found, "token 'open' at original offset 10");
		CHECK(!strcmp(t_span(a, (px_span){t[0].start, t[0].end}),
		              "Cafe\xCC\x81"), "first token spans the "
		      "decomposed original: '%s'",
		      t_span(a, (px_span){t[0].start, t[0].end}));
		px_article_free(a);
	}
	return 0;
}
