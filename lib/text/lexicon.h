/*
 * lexicon.h - shared word lists, sorted for binary search.
 */
#ifndef PX_LEXICON_H
#define PX_LEXICON_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

extern const char *const pxi_lex_speech[];
extern const size_t pxi_lex_speech_n;
extern const char *const pxi_lex_anon_noun[];
extern const size_t pxi_lex_anon_noun_n;
extern const char *const pxi_lex_not_name[];
extern const size_t pxi_lex_not_name_n;
extern const char *const pxi_lex_role[];
extern const size_t pxi_lex_role_n;
/* The longest function word, in letters: longer words skip the lookup
 * (tests check the list against it). */
#define PXI_FUNCTION_MAX 7
extern const char *const pxi_lex_function[];
extern const size_t pxi_lex_function_n;
extern const char *const pxi_lex_stop[];
extern const size_t pxi_lex_stop_n;
extern const char *const pxi_lex_opener[];
extern const size_t pxi_lex_opener_n;
extern const char *const pxi_lex_title[];
extern const size_t pxi_lex_title_n;
extern const char *const pxi_lex_abbr[];
extern const size_t pxi_lex_abbr_n;

extern const char *const pxi_lex_number[];
extern const size_t pxi_lex_number_n;
extern const double pxi_lex_number_value[];

/* Index of the word (p, n) in a sorted list, or -1. */
int pxi_lex_find(const char *const *list, size_t count, const char *p,
                 size_t n);

/* Is the word (p, n) in a list? ASCII letters compare without case. */
int pxi_lex_has(const char *const *list, size_t count, const char *p,
                size_t n);

/*
 * A hash index over a static word table: lookups in one hash and mostly
 * one compare, where a binary search over a few hundred words costs some
 * 280 instructions. The table is count entries of stride bytes, each
 * with a word (const char *, not empty) at the same place; a word listed
 * twice finds its first entry, as a scan from the top would, and a word
 * of a sorted list the entry a binary search would. With
 * fold set, ASCII capitals in the looked-up word match lower-case table
 * words (pxi_lex_find's rule); without, bytes compare exactly. With sep
 * set, an entry's key is its word up to the first sep: indexing idioms
 * by their first word, say.
 *
 * An index is static and built on its first lookup, under its lock, then
 * only read: threads analyzing distinct articles share it safely, and it
 * allocates nothing (tables of up to PXI_LEXIDX_SLOTS / 2 words).
 */
#define PXI_LEXIDX_SLOTS 1024
typedef struct pxi_lexidx {
	const void *z0;      /* the word member of entry 0 */
	size_t stride;       /* bytes from one entry to the next */
	size_t count;        /* entries */
	int fold;            /* fold ASCII capitals of the looked-up word */
	char sep;            /* keys end here (or at the NUL); 0: no sep */
	pthread_mutex_t lock;
	atomic_int ready;    /* slot[] is built */
	/* Bit (length & 31) of first[first byte & 31] is set when some
	 * key has that first byte and length, and of last[last byte & 31]
	 * when some key has that last byte and length: most words looked
	 * up are in no list, and these small tables tell most of them
	 * without the slots. */
	uint32_t first[32], last[32];
	uint16_t slot[PXI_LEXIDX_SLOTS]; /* entry + 1 by hash, 0 empty */
} pxi_lexidx;

/* A static index over the array of structs tab whose word member is z:
 * static pxi_lexidx idx = PXI_LEXIDX_INIT(tab, z, 0); */
#define PXI_LEXIDX_INIT(tab, z, fold)                                  \
	{ &(tab)[0].z, sizeof((tab)[0]), sizeof(tab) / sizeof((tab)[0]), \
	  (fold), 0, PTHREAD_MUTEX_INITIALIZER, 0, { 0 }, { 0 }, { 0 } }

/* The same keyed by the first word (up to a space) of member z. */
#define PXI_LEXIDX_FIRST_WORD(tab, z)                                  \
	{ &(tab)[0].z, sizeof((tab)[0]), sizeof(tab) / sizeof((tab)[0]), \
	  0, ' ', PTHREAD_MUTEX_INITIALIZER, 0, { 0 }, { 0 }, { 0 } }

/* The same over a plain sorted word list (const char *const list[]). */
#define PXI_LEXIDX_LIST(list, fold)                                    \
	{ &(list)[0], sizeof((list)[0]), sizeof(list) / sizeof((list)[0]), \
	  (fold), 0, PTHREAD_MUTEX_INITIALIZER, 0, { 0 }, { 0 }, { 0 } }
/* The same over a NULL-terminated word list, in any order, its NULL
 * left out. */
#define PXI_LEXIDX_LIST0(list, fold)                                   \
	{ &(list)[0], sizeof((list)[0]),                               \
	  sizeof(list) / sizeof((list)[0]) - 1, (fold), 0,             \
	  PTHREAD_MUTEX_INITIALIZER, 0, { 0 }, { 0 }, { 0 } }

/* Index of the entry whose word is (p, n), or -1: pxi_lexidx_find(),
 * past its filter. */
int pxi_lexidx_probe(pxi_lexidx *x, const char *p, size_t n);

/* Index of the entry whose word is (p, n), or -1. Inline: stages call it
 * for nearly every word, and most words fail the filter, which costs
 * less than the call. */
static inline int pxi_lexidx_find(pxi_lexidx *x, const char *p, size_t n)
{
	if (n == 0)
		return -1;
	/* folding sets the 0x20 bit, which & 31 drops anyway */
	if (atomic_load_explicit(&x->ready, memory_order_acquire) &&
	    !(x->first[(unsigned char)p[0] & 31] &
	      x->last[(unsigned char)p[n - 1] & 31] & (1u << (n & 31))))
		return -1;
	return pxi_lexidx_probe(x, p, n);
}

/*
 * The entries of a static table of stems that share a word's first two
 * letters: each stem starts with two letters a-z, and the stems of two
 * letters stand together (in byte order, say). Built on first use under
 * its lock, then only read, as pxi_lexidx.
 */
typedef struct pxi_pfx2idx {
	const void *z0;      /* the stem member of entry 0 */
	size_t stride;       /* bytes from one entry to the next */
	size_t count;        /* entries */
	pthread_mutex_t lock;
	atomic_int ready;
	uint16_t from[26 * 26], to[26 * 26]; /* entries [from, to) */
} pxi_pfx2idx;

#define PXI_PFX2IDX_INIT(tab, z)                                       \
	{ &(tab)[0].z, sizeof((tab)[0]), sizeof(tab) / sizeof((tab)[0]), \
	  PTHREAD_MUTEX_INITIALIZER, 0, { 0 }, { 0 } }

/* The entries [*from, *to) whose stems start with the first two letters
 * of (p, n); 0 when there are none (or p has no two letters a-z). */
int pxi_pfx2_range(pxi_pfx2idx *x, const char *p, size_t n, size_t *from,
                   size_t *to);

/* The shared lists' indexes: pxi_lex_find() goes through them. */
extern pxi_lexidx pxi_lex_speech_idx, pxi_lex_anon_noun_idx,
	pxi_lex_not_name_idx, pxi_lex_role_idx, pxi_lex_function_idx,
	pxi_lex_stop_idx, pxi_lex_opener_idx, pxi_lex_title_idx,
	pxi_lex_abbr_idx, pxi_lex_number_idx;

/* PXI_LEX(speech, p, n): is (p, n) in pxi_lex_speech (as pxi_lex_has)? */
#define PXI_LEX(name, p, n) \
	(pxi_lexidx_find(&pxi_lex_##name##_idx, (p), (n)) >= 0)

#endif /* PX_LEXICON_H */
