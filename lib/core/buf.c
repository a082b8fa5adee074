/*
 * buf.c - a malloc-backed byte buffer with a hard cap; failure is sticky,
 * so a caller may append many times and check once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

void pxi_buf_init(pxi_buf *b, size_t max)
{
	memset(b, 0, sizeof(*b));
	b->max = max ? max : SIZE_MAX / 2;
}

static int buf_grow(pxi_buf *b, size_t add)
{
	size_t cap;
	char *p;

	if (b->failed)
		return -1;
	if (add > b->max - b->len - 1 || b->len + 1 > b->max) {
		b->failed = 1;
		return -1;
	}
	if (b->len + add + 1 <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap < b->len + add + 1)
		cap *= 2;
	if (cap > b->max)
		cap = b->max;
	p = realloc(b->p, cap);
	if (!p) {
		b->failed = 1;
		return -1;
	}
	b->p = p;
	b->cap = cap;
	return 0;
}

int pxi_buf_add_grow(pxi_buf *b, const char *p, size_t n)
{
	if (buf_grow(b, n))
		return -1;
	if (n)
		memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

int pxi_buf_addz(pxi_buf *b, const char *z)
{
	return pxi_buf_add(b, z, strlen(z));
}

int pxi_buf_printf(pxi_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || buf_grow(b, (size_t)n)) {
		b->failed = 1;
		return -1;
	}
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

void pxi_buf_free(pxi_buf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}
