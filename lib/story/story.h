/*
 * story.h - what other code may use of the story stage: an article
 * reduced to the words and keys that stories are matched on (a "doc"),
 * and adding such a doc to a px_stories set.
 *
 * px_stories_add() is doc-from-article then add-doc. The two steps are
 * apart so that tools (bench/stories.c) can rename the words of a doc
 * (as if its names were spelled differently) without analyzing again.
 */
#ifndef PX_STORY_H
#define PX_STORY_H

#include <stdint.h>

#include "parallax/parallax.h"
#include "embed.h"

/* One word or number of the body (residue left out). */
typedef struct pxi_word {
	uint64_t h;      /* hash of the lower-cased word, for shingles */
	uint64_t term;   /* hash of its stem, 0 for a stop word */
	uint32_t start;  /* byte offsets into the article */
	uint32_t end;
	uint8_t cap;     /* written with a capital letter */
	uint8_t title;   /* in the title */
} pxi_word;

/* An article as stories see it. Arrays are malloc'd through alc. */
typedef struct pxi_doc {
	pxi_word *w;
	size_t nw;
	uint64_t *keys;  /* entity keys (people, orgs, places), hashed */
	size_t nkeys;
	uint64_t *facts; /* amounts and dates, hashed */
	size_t nfacts;
	int32_t day;     /* publication day (days since 1970-01-01), or
	                  * PXI_NO_DAY */
	int8_t emb[PXI_EMB_DIM]; /* the words' vector (embed.h) */
	uint8_t has_emb;         /* 0: no word of it in the table */
} pxi_doc;

#define PXI_NO_DAY INT32_MIN

/* Reduce an article to a doc. *d is zeroed first; on failure it holds
 * nothing. */
px_status pxi_doc_from_article(const px_article *a, const px_allocator *alc,
                               pxi_doc *d);
/* Free what a doc holds; the struct itself is the caller's. */
void pxi_doc_free(const px_allocator *alc, pxi_doc *d);
/* Days since 1970-01-01 of a date starting YYYY-MM-DD, or PXI_NO_DAY. */
int32_t pxi_day_of(const char *z);
/* A 64-bit hash of (p, n) mixed with seed (FNV-1a, then a finalizer). */
uint64_t pxi_hash(const char *p, size_t n, uint64_t seed);
/* Mix a hash with a number (used to rename words in benchmarks). */
uint64_t pxi_mix(uint64_t h, uint64_t k);

/* Add a doc to stories (the doc is copied; the caller keeps it). OUT:
 * *article its number, *story its story id; either may be NULL. */
px_status pxi_stories_add_doc(px_stories *s, const pxi_doc *d,
                              size_t *article, size_t *story);

/* Drop the near-copies and merges found so far, once the caller has
 * taken them (the store, having written them): px_stories_copies() and
 * px_stories_merges() then report only later ones. Without this a set
 * fed for long holds every pair and merge it ever found. */
void pxi_stories_forget(px_stories *s);

#endif /* PX_STORY_H */
