/*
 * classify.c - byte and code point classes for the tokenizer, and small
 * line tests that several stages use.
 */
#include <string.h>
#include <utf8proc.h>

#include "text.h"

#define S PXI_C_SPACE
#define A PXI_C_ALPHA
#define D PXI_C_DIGIT
#define Q PXI_C_QUOTE
#define P PXI_C_PUNCT
#define Y PXI_C_SYM
#define H PXI_C_HIGH
#define C PXI_C_CONT
#define X PXI_C_CTRL

/* One row per 16 bytes: 0x00-0x0F first. */
const uint8_t pxi_byte_class[256] = {
	X, X, X, X, X, X, X, X, X, S, S, S, S, S, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	S, P, Q, Y, Y, Y, Y, Q, P, P, Y, Y, P, P, P, P,
	D, D, D, D, D, D, D, D, D, D, P, P, Y, Y, Y, P,
	Y, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A,
	A, A, A, A, A, A, A, A, A, A, A, P, P, P, Y, Y,
	Q, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A,
	A, A, A, A, A, A, A, A, A, A, A, P, Y, P, Y, X,
	C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
	C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
	C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
	C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,};

#undef S
#undef A
#undef D
#undef Q
#undef P
#undef Y
#undef H
#undef C
#undef X

int pxi_ucp_class(int32_t cp)
{
	const utf8proc_property_t *pr;

	switch (cp) {
	case 0x201C: case 0x00AB: case 0x2039: case 0x201E: case 0x201A:
	case 0x2018: case 0x201B: case 0x201F:
		return PXI_U_QUOTE_OPEN;
	case 0x201D: case 0x00BB: case 0x203A:
		return PXI_U_QUOTE_CLOSE;
	case 0x2019: case 0x02BC:
		return PXI_U_APOS;
	case 0x2026:
		return PXI_U_ELLIPSIS;
	case 0x2022: case 0x00B7: case 0x25AA: case 0x25CF: case 0x25E6:
	case 0x2023: case 0x2043: case 0x25A0: case 0x27A4:
		return PXI_U_BULLET;
	default:
		break;
	}
	pr = utf8proc_get_property(cp);
	switch (pr->category) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		return PXI_U_UPPER;
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		return PXI_U_LETTER;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return PXI_U_MARK;
	case UTF8PROC_CATEGORY_ND:
		return PXI_U_DIGIT;
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		return PXI_U_SPACE;
	case UTF8PROC_CATEGORY_PD:
		return PXI_U_DASH;
	case UTF8PROC_CATEGORY_PI:
		return PXI_U_QUOTE_OPEN;
	case UTF8PROC_CATEGORY_PF:
		return PXI_U_QUOTE_CLOSE;
	case UTF8PROC_CATEGORY_SC:
		return PXI_U_CURRENCY;
	case UTF8PROC_CATEGORY_PC:
	case UTF8PROC_CATEGORY_PS:
	case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PO:
		return PXI_U_PUNCT;
	case UTF8PROC_CATEGORY_CF:
		return PXI_U_SPACE; /* zero-width and format characters */
	default:
		return PXI_U_OTHER;
	}
}

int pxi_is_bullet(const char *p, size_t n, size_t *skip)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i = 0;
	int32_t cp;
	size_t k;

	while (i < n && (u[i] == ' ' || u[i] == '\t'))
		i++;
	if (i >= n)
		return 0;
	if ((u[i] == '-' || u[i] == '*' || u[i] == '+') && i + 1 < n &&
	    u[i + 1] == ' ') {
		*skip = i + 2;
		return 1;
	}
	if (u[i] < 0x80)
		return 0;
	k = pxi_utf8_decode(u + i, n - i, &cp);
	if (pxi_ucp_class(cp) == PXI_U_BULLET ||
	    cp == 0x2013 || cp == 0x2014) {
		if (cp != 0x2013 && cp != 0x2014 && i + k < n &&
		    u[i + k] != ' ' && u[i + k] != '\t')
			return 0;
		if ((cp == 0x2013 || cp == 0x2014) &&
		    (i + k >= n || u[i + k] != ' '))
			return 0;
		*skip = i + k;
		while (*skip < n && (u[*skip] == ' ' || u[*skip] == '\t'))
			(*skip)++;
		return 1;
	}
	return 0;
}

static int is_space_at(const unsigned char *u, size_t i, size_t e,
                       size_t *k)
{
	int32_t cp;

	if (u[i] < 0x80) {
		*k = 1;
		return pxi_byte_class[u[i]] == PXI_C_SPACE;
	}
	*k = pxi_utf8_decode(u + i, e - i, &cp);
	return pxi_ucp_class(cp) == PXI_U_SPACE;
}

void pxi_trim(const char *p, size_t *s, size_t *e)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t k;

	while (*s < *e && is_space_at(u, *s, *e, &k))
		*s += k;
	while (*e > *s) {
		size_t b = *e - 1;

		while (b > *s && (u[b] & 0xC0) == 0x80)
			b--;
		if (!is_space_at(u, b, *e, &k))
			break;
		*e = b;
	}
}

/* Bytes that belong to words for pxi_word_count(): ASCII letters and
 * digits, apostrophes, hyphens and every byte of a non-ASCII character.
 * One row per 16 bytes, as pxi_byte_class. */
static const uint8_t word_byte[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

size_t pxi_word_count_max(const char *p, size_t n, size_t max)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i, words = 0;
	int in = 0;

	for (i = 0; i < n; i++) {
		int w = word_byte[u[i]];

		/* A word starts where a word byte follows another byte. */
		words += (size_t)(w & !in);
		if (words > max)
			return words;
		in = w;
	}
	return words;
}

size_t pxi_word_count(const char *p, size_t n)
{
	return pxi_word_count_max(p, n, SIZE_MAX);
}

/* ASCII lower case of b; other bytes as they are (as strncasecmp() does
 * in the C and UTF-8 locales). */
static inline unsigned char lower(unsigned char b)
{
	return b >= 'A' && b <= 'Z' ? (unsigned char)(b + 32) : b;
}

int pxi_istarts(const char *p, size_t n, const char *z)
{
	size_t i;

	for (i = 0; z[i]; i++)
		if (i >= n || lower((unsigned char)p[i]) !=
		              lower((unsigned char)z[i]))
			return 0;
	return 1;
}
