/*
 * core.h - arena, growable arrays, errors and UTF-8 for the other stages.
 * Internal: cross-file names use the pxi_ prefix.
 */
#ifndef PX_CORE_H
#define PX_CORE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "parallax/parallax.h"

/* ---- Allocator -------------------------------------------------------- */

void *pxi_alloc(const px_allocator *alc, size_t n);
void *pxi_realloc(const px_allocator *alc, void *p, size_t n);
void pxi_free(const px_allocator *alc, void *p);

/* ---- Arena: one per article, freed whole -------------------------------- */

typedef struct pxi_arena_block pxi_arena_block;

typedef struct pxi_arena {
	const px_allocator *alc;
	pxi_arena_block *head;
	size_t used;  /* bytes used in head */
	size_t total; /* bytes held in all blocks */
	size_t first; /* size of the first block, when it is known to be
	               * needed (pxi_arena_expect); 0: the minimum */
	int oom;      /* sticky: set by the first failed allocation */
} pxi_arena;

void pxi_arena_init(pxi_arena *ar, const px_allocator *alc);
void pxi_arena_free(pxi_arena *ar);
/* Expect about n bytes to be allocated: the first block holds that much,
 * so a known-size job takes one malloc instead of a growing chain. */
void pxi_arena_expect(pxi_arena *ar, size_t n);
/* n bytes aligned for any type; NULL (and ar->oom set) on failure. */
void *pxi_arena_alloc(pxi_arena *ar, size_t n);
/* A NUL-terminated copy of (p, n); NULL on failure. */
char *pxi_arena_strndup(pxi_arena *ar, const char *p, size_t n);

/*
 * A growable array of fixed-size items in an arena, with a hard cap on its
 * length. Growth copies into a larger arena block (the old one is left for
 * the arena to free): simple, and the whole article is freed at once.
 */
typedef struct pxi_vec {
	void *a;
	size_t n;
	size_t cap;
	size_t size; /* item size */
	size_t max;  /* most items allowed */
} pxi_vec;

void pxi_vec_init(pxi_vec *v, size_t size, size_t max);
/* Room for one more item at the end; NULL on OOM or at max. */
void *pxi_vec_grow_push(pxi_arena *ar, pxi_vec *v);

static inline void *pxi_vec_push(pxi_arena *ar, pxi_vec *v)
{
	if (v->n < v->cap)
		return (char *)v->a + v->size * v->n++;
	return pxi_vec_grow_push(ar, v);
}
int pxi_vec_reserve(pxi_arena *ar, pxi_vec *v, size_t cap);

/* ---- Growable byte buffer, malloc-backed, capped ----------------------- */

typedef struct pxi_buf {
	char *p;
	size_t len;
	size_t cap;
	size_t max; /* 0: no cap beyond SIZE_MAX/2 */
	int failed; /* sticky */
} pxi_buf;

void pxi_buf_init(pxi_buf *b, size_t max);
/* pxi_buf_add() when the bytes do not fit the buffer as it is. */
int pxi_buf_add_grow(pxi_buf *b, const char *p, size_t n);

/* Append n bytes (and keep a NUL after them); -1 once over max or out of
 * memory (sticky). Inline: the JSON writers call it for every token, and
 * nearly always the bytes fit. */
static inline int pxi_buf_add(pxi_buf *b, const char *p, size_t n)
{
	/* room for n bytes and the NUL: len + n + 1 <= cap */
	if (!b->failed && n < b->cap - b->len) {
		if (n)
			memcpy(b->p + b->len, p, n);
		b->len += n;
		b->p[b->len] = '\0';
		return 0;
	}
	return pxi_buf_add_grow(b, p, n);
}
int pxi_buf_addz(pxi_buf *b, const char *z);
int pxi_buf_printf(pxi_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void pxi_buf_free(pxi_buf *b);

/* ---- Errors -------------------------------------------------------------- */

/* Fill err (when not NULL): code, place, and a message naming both. */
px_status pxi_error(px_error *err, px_status code, const char *source,
                    size_t offset, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* ---- UTF-8 ---------------------------------------------------------------- */

/*
 * Index (0-7) of the first byte, in memory order, of a word m loaded from
 * memory whose top bit is set (m not 0): the way from a word-at-a-time
 * test to the byte that stopped it.
 */
static inline size_t pxi_first_top_byte(uint64_t m)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return (size_t)__builtin_clzll(m) / 8;
#else
	return (size_t)__builtin_ctzll(m) / 8;
#endif
}

/*
 * Check that (p, n) is valid UTF-8 without NUL bytes. Returns PX_OK, or
 * PX_EUTF8 / PX_ENUL with *bad = offset of the first bad byte.
 */
/* Eight bytes at a time: 0x01 and 0x80 in every byte of a word. */
#define PXI_ONES8 ((uint64_t)0x0101010101010101ull)
#define PXI_HIGHS8 ((uint64_t)0x8080808080808080ull)

px_status pxi_utf8_check(const char *p, size_t n, size_t *bad);
/* Length of the valid UTF-8 sequence starting at p (n bytes there), or 0
 * when it is invalid (overlong, surrogate, past U+10FFFF, cut short). */
size_t pxi_utf8_seq_len(const unsigned char *p, size_t n);

/* Decode one code point at p (n bytes left, valid UTF-8); returns its
 * length in bytes and stores the code point in *cp. */
size_t pxi_utf8_decode(const unsigned char *p, size_t n, int32_t *cp);

/* 1-based line of byte offset off in (p, n). */
size_t pxi_line_of(const char *p, size_t n, size_t off);

/*
 * NFC normalization with a map back to the original bytes. Stretches the
 * normalization leaves alone are copied and map one to one; each stretch it
 * rewrites maps as a whole to its original range.
 */
typedef struct pxi_seg {
	size_t norm; /* start in the normalized text */
	size_t orig; /* start in the original text */
	size_t nlen; /* length in normalized text */
	size_t olen; /* length in original text */
} pxi_seg;

typedef struct pxi_norm {
	const char *text; /* normalized text (may alias the original) */
	size_t len;
	pxi_seg *segs;    /* rewritten stretches, sorted; NULL if none */
	size_t nsegs;
} pxi_norm;

/* Normalize valid UTF-8 (p, n) into ar. PX_ENOMEM on failure. */
px_status pxi_normalize(pxi_arena *ar, const char *p, size_t n,
                        pxi_norm *out);
/* Map an offset in the normalized text to the original text. A point
 * inside a rewritten stretch maps to its start, or its end if is_end. */
size_t pxi_norm_to_orig(const pxi_norm *nm, size_t off, int is_end);

#endif /* PX_CORE_H */
