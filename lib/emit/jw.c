/*
 * jw.c - a JSON text written straight into a buffer.
 *
 * An analyzed article is thousands of small values; building them as a
 * jansson tree first cost more than the analysis of some stages (a
 * malloc per value, then the dump). The writer keeps jansson's compact
 * output byte for byte: the same escapes (\" \\ \b \f \n \r \t, other
 * control characters as \u00XX, everything else as UTF-8), reals as
 * "%.12g" with ".0" added to whole numbers and exponents without "+" or
 * leading zeros, and it refuses what jansson refuses (invalid UTF-8,
 * non-finite reals): the writer then fails.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "emit_int.h"

void pxi_jw_init(pxi_jw *w)
{
	memset(w, 0, sizeof(*w));
	pxi_buf_init(&w->b, 0);
	w->first = 1;
}

/* Before a key or a value: the comma that separates it from the one
 * before, unless it is the value of a key or the first of its parent. */
static void sep(pxi_jw *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->depth) {
		if (!(w->first & 1))
			pxi_buf_add(&w->b, ",", 1);
		w->first &= ~(uint64_t)1;
	}
}

static void nest_open(pxi_jw *w, char c)
{
	sep(w);
	if (w->depth >= 63) {
		w->failed = 1;
		return;
	}
	pxi_buf_add(&w->b, &c, 1);
	w->depth++;
	w->first = (w->first << 1) | 1;
}

static void nest_close(pxi_jw *w, char c)
{
	if (!w->depth) {
		w->failed = 1;
		return;
	}
	pxi_buf_add(&w->b, &c, 1);
	w->depth--;
	w->first >>= 1;
}

void pxi_jw_obj(pxi_jw *w)
{
	nest_open(w, '{');
}

void pxi_jw_obj_end(pxi_jw *w)
{
	nest_close(w, '}');
}

void pxi_jw_arr(pxi_jw *w)
{
	nest_open(w, '[');
}

void pxi_jw_arr_end(pxi_jw *w)
{
	nest_close(w, ']');
}


/* Nonzero when some byte of x is below 0x20, is 0x80 or above, or is '"'
 * or '\\' (no false negatives; a false positive only takes the byte by
 * byte way). */
static uint64_t special8(uint64_t x)
{
	uint64_t q = x ^ (PXI_ONES8 * '"'), b = x ^ (PXI_ONES8 * '\\');

	return ((x - PXI_ONES8 * 0x20) & ~x & PXI_HIGHS8) | (x & PXI_HIGHS8) |
	       ((q - PXI_ONES8) & ~q & PXI_HIGHS8) | ((b - PXI_ONES8) & ~b & PXI_HIGHS8);
}

/* The string s[0..n) quoted and escaped, in one pass that also checks
 * it: the writer fails on invalid UTF-8 and on NUL (as pxi_utf8_check),
 * as jansson would not take them. Eight plain ASCII bytes at a time. */
static void quoted(pxi_jw *w, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;

	pxi_buf_add(&w->b, "\"", 1);
	while (i < n) {
		unsigned char c;
		char esc[6];
		size_t k = 2;

		if (i + 8 <= n) {
			uint64_t x;

			memcpy(&x, p + i, sizeof(x));
			if (!special8(x)) {
				i += 8;
				continue;
			}
		}
		c = p[i];
		if (c >= 0x80) {
			k = pxi_utf8_seq_len(p + i, n - i);
			if (!k) {
				w->failed = 1;
				return;
			}
			i += k;
			continue;
		}
		if (c >= 0x20 && c != '"' && c != '\\') {
			i++;
			continue;
		}
		if (!c) {
			w->failed = 1;
			return;
		}
		pxi_buf_add(&w->b, s + run, i - run);
		run = i + 1;
		esc[0] = '\\';
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			memcpy(esc + 1, "u00", 3);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			k = 6;
		}
		pxi_buf_add(&w->b, esc, k);
		i++;
	}
	pxi_buf_add(&w->b, s + run, n - run);
	pxi_buf_add(&w->b, "\"", 1);
}

void pxi_jw_key(pxi_jw *w, const char *k)
{
	sep(w);
	quoted(w, k, strlen(k));
	pxi_buf_add(&w->b, ":", 1);
	w->after_key = 1;
}

void pxi_jw_strn(pxi_jw *w, const char *p, size_t n)
{
	sep(w);
	quoted(w, p, n);
}

void pxi_jw_str(pxi_jw *w, const char *z)
{
	if (!z)
		pxi_jw_null(w);
	else
		pxi_jw_strn(w, z, strlen(z));
}

void pxi_jw_int(pxi_jw *w, long long v)
{
	char z[24], *q = z + sizeof(z);
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v
	                             : (unsigned long long)v;

	sep(w);
	do
		*--q = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--q = '-';
	pxi_buf_add(&w->b, q, (size_t)(z + sizeof(z) - q));
}

/*
 * The fast way for most reals an analysis writes (scores rounded to a
 * few decimals, counts): when v is within a hair of k / 1000 for an
 * integer k (closer than half a unit of its 12th significant digit, so
 * that "%.12g" would print k / 1000's own digits), write those digits
 * without the C library's float formatting. 0 when v is not such a
 * number (then "%.12g" does it).
 */
static int real_fast(pxi_jw *w, double v)
{
	char z[32], *p = z + sizeof(z);
	double a = fabs(v), k;
	long long r, ip;
	int frac, i, neg = v < 0;

	if (!(a >= 1e-3 && a < 1e8) && !(v == 0 && !signbit(v)))
		return 0;
	k = nearbyint(a * 1000);
	if (fabs(a * 1000 - k) > a * 1000 * 1e-13)
		return 0;
	r = (long long)k;
	ip = r / 1000;
	frac = (int)(r % 1000);
	if (!frac) {
		*--p = '0';
		*--p = '.';
	} else {
		/* the decimals without trailing zeros */
		int d[3] = {frac / 100, frac / 10 % 10, frac % 10}, last = 2;

		while (!d[last])
			last--;
		for (i = last; i >= 0; i--)
			*--p = (char)('0' + d[i]);
		*--p = '.';
	}
	do {
		*--p = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip);
	if (neg)
		*--p = '-';
	pxi_buf_add(&w->b, p, (size_t)(z + sizeof(z) - p));
	return 1;
}

void pxi_jw_real(pxi_jw *w, double v)
{
	char z[40], *e, *start, *end;
	int n;

	sep(w);
	if (!isfinite(v)) {
		w->failed = 1;
		return;
	}
	if (real_fast(w, v))
		return;
	n = snprintf(z, sizeof(z) - 3, "%.12g", v);
	if (n < 0 || (size_t)n >= sizeof(z) - 3) {
		w->failed = 1;
		return;
	}
	/* A decimal comma of the C library's locale reads as a point. */
	for (e = z; *e; e++)
		if (*e == ',')
			*e = '.';
	if (!strchr(z, '.') && !strchr(z, 'e'))
		memcpy(z + n, ".0", 3);
	/* The exponent without "+" and leading zeros: 1e+20 -> 1e20,
	 * 1e-05 -> 1e-5. */
	e = strchr(z, 'e');
	if (e) {
		start = e + 1;
		end = start + 1;
		if (*start == '-')
			start++;
		while (*end == '0')
			end++;
		if (end != start)
			memmove(start, end, strlen(end) + 1);
	}
	pxi_buf_addz(&w->b, z);
}

void pxi_jw_bool(pxi_jw *w, int v)
{
	sep(w);
	pxi_buf_addz(&w->b, v ? "true" : "false");
}

void pxi_jw_null(pxi_jw *w)
{
	sep(w);
	pxi_buf_add(&w->b, "null", 4);
}

void pxi_jw_raw(pxi_jw *w, const char *p, size_t n)
{
	sep(w);
	pxi_buf_add(&w->b, p, n);
}

char *pxi_jw_finish(pxi_jw *w, size_t *len)
{
	if (!w->b.p)
		pxi_buf_add(&w->b, "", 0);
	if (w->failed || w->b.failed || w->depth || w->after_key) {
		pxi_buf_free(&w->b);
		return NULL;
	}
	if (len)
		*len = w->b.len;
	return w->b.p;
}
