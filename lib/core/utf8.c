/*
 * utf8.c - UTF-8 validation, decoding and NFC normalization with a map
 * back to the original bytes (utf8proc does the normalization itself).
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core.h"


static uint64_t load8(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

size_t pxi_utf8_seq_len(const unsigned char *p, size_t n)
{
	unsigned c = p[0];

	if (c < 0x80)
		return 1;
	if (c < 0xC2 || c > 0xF4)
		return 0;
	if (c < 0xE0) {
		if (n < 2 || (p[1] & 0xC0) != 0x80)
			return 0;
		return 2;
	}
	if (c < 0xF0) {
		if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && p[1] < 0xA0)
			return 0; /* overlong */
		if (c == 0xED && p[1] > 0x9F)
			return 0; /* surrogate */
		return 3;
	}
	if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
	    (p[3] & 0xC0) != 0x80)
		return 0;
	if (c == 0xF0 && p[1] < 0x90)
		return 0; /* overlong */
	if (c == 0xF4 && p[1] > 0x8F)
		return 0; /* over U+10FFFF */
	return 4;
}

/* Top bits of the bytes of v that are not ASCII or are NUL. The lowest
 * one is exact: a borrow only runs on above a NUL byte. */
static uint64_t stop_bytes(uint64_t v)
{
	return (v | ((v - PXI_ONES8) & ~v)) & PXI_HIGHS8;
}

px_status pxi_utf8_check(const char *s, size_t n, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		size_t k;

		/* ASCII without NUL, sixteen or eight bytes a step; else on
		 * to the first byte that is not. */
		if (i + 16 <= n &&
		    !(stop_bytes(load8(p + i)) | stop_bytes(load8(p + i + 8)))) {
			i += 16;
			continue;
		}
		if (i + 8 <= n) {
			uint64_t stop = stop_bytes(load8(p + i));

			if (!stop) {
				i += 8;
				continue;
			}
			i += pxi_first_top_byte(stop);
		}
		if (p[i] == 0) {
			*bad = i;
			return PX_ENUL;
		}
		k = pxi_utf8_seq_len(p + i, n - i);
		if (!k) {
			*bad = i;
			return PX_EUTF8;
		}
		i += k;
	}
	return PX_OK;
}

size_t pxi_utf8_decode(const unsigned char *p, size_t n, int32_t *cp)
{
	utf8proc_int32_t c = -1;
	utf8proc_ssize_t k;

	/* Valid two- and three-byte sequences, nearly all the non-ASCII of
	 * news text, here; the rest, and anything invalid, as utf8proc
	 * reads it. */
	if (n >= 2 && p[0] >= 0xC2 && p[0] < 0xE0 && (p[1] & 0xC0) == 0x80) {
		*cp = (int32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
		return 2;
	}
	if (n >= 3 && p[0] >= 0xE0 && p[0] < 0xF0 &&
	    (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
		c = (int32_t)(p[0] & 0x0F) << 12 | (int32_t)(p[1] & 0x3F) << 6 |
		    (p[2] & 0x3F);
		if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
			*cp = c;
			return 3;
		}
	}

	k = utf8proc_iterate(p, (utf8proc_ssize_t)n, &c);
	if (k <= 0) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = c;
	return (size_t)k;
}

size_t pxi_line_of(const char *p, size_t n, size_t off)
{
	size_t line = 1;
	const char *q = p, *end = p + (off < n ? off : n);

	while ((q = memchr(q, '\n', (size_t)(end - q))) != NULL) {
		line++;
		q++;
	}
	return line;
}

/*
 * Could NFC change this code point or join it to the one before? Quick and
 * conservative: anything combining, decomposable or composable counts, and
 * then utf8proc decides on the whole stretch.
 */
static int nfc_unsafe(int32_t cp)
{
	const utf8proc_property_t *pr = utf8proc_get_property(cp);

	if (pr->combining_class != 0)
		return 1;
	if (pr->decomp_seqindex != UINT16_MAX && !pr->decomp_type)
		return 1;
	if (pr->comb_index != UINT16_MAX)
		return 1;
	if (cp >= 0x1100 && cp < 0x1200)
		return 1; /* Hangul jamo */
	if (cp >= 0xAC00 && cp <= 0xD7A3)
		return 1; /* Hangul syllables compose with trailing jamo */
	return 0;
}

typedef struct norm_state {
	pxi_arena *ar;
	pxi_buf out;
	pxi_vec segs;
} norm_state;

/*
 * Normalize the stretch [a, b) of p with utf8proc; copy it unchanged when
 * NFC leaves it alone, else record a rewritten segment.
 */
static px_status norm_stretch(norm_state *st, const char *p, size_t a,
                              size_t b)
{
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t m;
	pxi_seg *sg;

	m = utf8proc_map((const utf8proc_uint8_t *)p + a,
	                 (utf8proc_ssize_t)(b - a), &dst,
	                 UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (m < 0) {
		free(dst);
		return m == UTF8PROC_ERROR_NOMEM ? PX_ENOMEM : PX_EUTF8;
	}
	if ((size_t)m == b - a && !memcmp(dst, p + a, b - a)) {
		free(dst);
		return pxi_buf_add(&st->out, p + a, b - a) ? PX_ENOMEM : PX_OK;
	}
	sg = pxi_vec_push(st->ar, &st->segs);
	if (!sg) {
		free(dst);
		return PX_ENOMEM;
	}
	sg->norm = st->out.len;
	sg->orig = a;
	sg->nlen = (size_t)m;
	sg->olen = b - a;
	if (pxi_buf_add(&st->out, (const char *)dst, (size_t)m)) {
		free(dst);
		return PX_ENOMEM;
	}
	free(dst);
	return PX_OK;
}

px_status pxi_normalize(pxi_arena *ar, const char *p, size_t n,
                        pxi_norm *out)
{
	const unsigned char *u = (const unsigned char *)p;
	norm_state st;
	size_t i = 0, copied = 0;
	px_status rc = PX_OK;
	int rewrite = 0;

	memset(out, 0, sizeof(*out));
	/* Fast path: most news text is already NFC; find the first doubt,
	 * sixteen ASCII bytes at a time. */
	while (i < n) {
		int32_t cp;
		size_t k;

		if (i + 16 <= n &&
		    !((load8(u + i) | load8(u + i + 8)) & PXI_HIGHS8)) {
			i += 16;
			continue;
		}
		if (i + 8 <= n) {
			uint64_t high = load8(u + i) & PXI_HIGHS8;

			if (!high) {
				i += 8;
				continue;
			}
			i += pxi_first_top_byte(high);
		}
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		k = pxi_utf8_decode(u + i, n - i, &cp);
		if (nfc_unsafe(cp)) {
			rewrite = 1;
			break;
		}
		i += k;
	}
	if (!rewrite) {
		out->text = p;
		out->len = n;
		return PX_OK;
	}
	memset(&st, 0, sizeof(st));
	st.ar = ar;
	pxi_buf_init(&st.out, 0);
	pxi_vec_init(&st.segs, sizeof(pxi_seg), SIZE_MAX / sizeof(pxi_seg));
	/* Everything before i is left alone: go on from the first doubt. */
	while (i < n) {
		size_t a, b;
		int32_t cp;
		size_t k;

		if (i + 8 <= n && !(load8(u + i) & PXI_HIGHS8)) {
			i += 8;
			continue;
		}
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		k = pxi_utf8_decode(u + i, n - i, &cp);
		if (!nfc_unsafe(cp)) {
			i += k;
			continue;
		}
		/* The stretch: from the starter before, through the
		 * following non-ASCII run. */
		a = i;
		if (a > copied) {
			a--;
			while (a > copied && (u[a] & 0xC0) == 0x80)
				a--;
		}
		b = i + k;
		while (b < n && u[b] >= 0x80)
			b++;
		if (a > copied && pxi_buf_add(&st.out, p + copied, a - copied)) {
			rc = PX_ENOMEM;
			goto out;
		}
		rc = norm_stretch(&st, p, a, b);
		if (rc)
			goto out;
		copied = b;
		i = b;
	}
	if (copied < n && pxi_buf_add(&st.out, p + copied, n - copied)) {
		rc = PX_ENOMEM;
		goto out;
	}
	if (st.out.failed) {
		rc = PX_ENOMEM;
		goto out;
	}
	out->text = pxi_arena_strndup(ar, st.out.len ? st.out.p : "",
	                              st.out.len);
	if (!out->text) {
		rc = PX_ENOMEM;
		goto out;
	}
	out->len = st.out.len;
	out->segs = st.segs.a;
	out->nsegs = st.segs.n;
out:
	pxi_buf_free(&st.out);
	return rc;
}

size_t pxi_norm_to_orig(const pxi_norm *nm, size_t off, int is_end)
{
	size_t lo = 0, hi = nm->nsegs;
	const pxi_seg *s;

	if (!nm->nsegs)
		return off;
	/* Last segment starting at or before off. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (nm->segs[mid].norm <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return off;
	s = &nm->segs[lo - 1];
	if (off >= s->norm + s->nlen)
		return s->orig + s->olen + (off - s->norm - s->nlen);
	if (off == s->norm)
		return s->orig;
	return is_end ? s->orig + s->olen : s->orig;
}
