/*
 * text.h - byte classes and small word tests shared by the text stages.
 */
#ifndef PX_TEXT_H
#define PX_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "../core/core.h"

/* Byte classes for the tokenizer's first look at a byte. */
enum {
	PXI_C_SPACE = 1,
	PXI_C_ALPHA,
	PXI_C_DIGIT,
	PXI_C_QUOTE,
	PXI_C_PUNCT,
	PXI_C_SYM,
	PXI_C_HIGH, /* first byte of a multi-byte sequence */
	PXI_C_CONT, /* continuation byte */
	PXI_C_CTRL
};

extern const uint8_t pxi_byte_class[256];

/* Classes of a non-ASCII code point, as the tokenizer uses them. */
enum {
	PXI_U_OTHER = 0,
	PXI_U_LETTER,
	PXI_U_UPPER, /* an upper-case letter */
	PXI_U_MARK,
	PXI_U_DIGIT,
	PXI_U_SPACE,
	PXI_U_QUOTE_OPEN,
	PXI_U_QUOTE_CLOSE,
	PXI_U_APOS, /* U+2019, apostrophe or closing single quote */
	PXI_U_DASH,
	PXI_U_ELLIPSIS,
	PXI_U_BULLET,
	PXI_U_PUNCT,
	PXI_U_CURRENCY
};

int pxi_ucp_class(int32_t cp);

/* Is the line (p, n) a list item? Sets *skip to the marker's length. */
int pxi_is_bullet(const char *p, size_t n, size_t *skip);

/* Trim ASCII and Unicode white space from both ends of [*s, *e). */
void pxi_trim(const char *p, size_t *s, size_t *e);

/* Count words (runs of letters or digits) in (p, n). */
size_t pxi_word_count(const char *p, size_t n);
/* The same, but stop counting once the count passes max: the result is
 * exact up to max, and max + 1 for any more. */
size_t pxi_word_count_max(const char *p, size_t n, size_t max);

/* The first of the tokens t[lo, hi) that starts at or after byte off
 * (hi when none): a binary search over tokens in text order. */
static inline size_t pxi_token_from(const px_token *t, size_t lo, size_t hi,
                                    size_t off)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t[mid].start < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Case-insensitive ASCII comparison of (p, n) with the literal z. Byte
 * by byte rather than strlen() + strncasecmp(): most calls fail at the
 * first byte. Inline: stages call it for every word against short lists,
 * and the call cost more than the compare. */
static inline int pxi_ieq(const char *p, size_t n, const char *z)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned a = (unsigned char)p[i], b = (unsigned char)z[i];

		if (!b || (a - 'A' < 26u ? a + 32 : a) !=
		          (b - 'A' < 26u ? b + 32 : b))
			return 0;
	}
	return z[n] == '\0';
}
int pxi_istarts(const char *p, size_t n, const char *z);

/* A heading line [s, e) of p: short, no final punctuation but '?'. */
int pxi_is_heading(const char *p, size_t s, size_t e);

#endif /* PX_TEXT_H */
