/*
 * entity_int.h - private to lib/entity/ and its generator
 * (tools/ner-train.c): the feature extraction and decoding that training
 * and tagging share (ner.c), and the shape of a compiled-in model.
 */
#ifndef PX_ENTITY_INT_H
#define PX_ENTITY_INT_H

#include <pthread.h>
#include <stdatomic.h>

#include "tagger.h"

/* Token flags (pxi_ner_tok.flags). */
#define PXI_NER_F_INITCAP 0x001u  /* first letter upper case */
#define PXI_NER_F_ALLCAP 0x002u   /* letters, all upper case */
#define PXI_NER_F_LOWER 0x004u    /* has a lower-case letter */
#define PXI_NER_F_DIGIT 0x008u    /* has a digit */
#define PXI_NER_F_ALLDIGIT 0x010u /* only digits */
#define PXI_NER_F_HYPHEN 0x020u   /* has a hyphen */
#define PXI_NER_F_DOT 0x040u      /* has a full stop */
#define PXI_NER_F_NOALNUM 0x080u  /* no letter nor digit */
#define PXI_NER_F_MIXED 0x100u    /* upper case after lower: McDonald */
#define PXI_NER_F_ONE 0x200u      /* one character */
#define PXI_NER_F_NONASCII 0x400u /* non-ASCII characters */

/* Gazetteer classes, one bit each. */
#define PXI_NER_G_COUNTRY 0x001u /* country names (ISO 3166-1) */
#define PXI_NER_G_REGION 0x002u  /* subdivisions (ISO 3166-2) */
#define PXI_NER_G_CITY 0x004u    /* large cities */
#define PXI_NER_G_PEOPLE 0x008u  /* nationalities, languages */
#define PXI_NER_G_TITLE 0x010u   /* person titles: President, Sen. */
#define PXI_NER_G_ORGSUF 0x020u  /* organization words: Ministry, Inc. */
#define PXI_NER_G_LOCWORD 0x040u /* place words: River, Province */
#define PXI_NER_G_FIRST 0x080u   /* given names */
#define PXI_NER_G_TIME 0x100u    /* months, weekdays */
#define PXI_NER_G_FUNC 0x200u    /* common words that open sentences */
#define PXI_NER_G_ORG 0x400u     /* well-known organizations */
#define PXI_NER_G_MISC 0x800u    /* events, religions, currencies */
#define PXI_NER_G_N 12
/* Not a class: the word opens an entry of two or more words. */
#define PXI_NER_G_PREFIX 0x8000u

/* Most features one token can have. */
#define PXI_NER_MAXFEAT 192

/* A gazetteer: open addressing over phrase hashes, key 0 = empty. */
typedef struct pxi_ner_gaz {
	const uint32_t *key;
	const uint16_t *cls;
	uint32_t mask; /* slots - 1, slots a power of two */
} pxi_ner_gaz;

/* Longest gazetteer entry in words. */
#define PXI_NER_GAZ_MAXW 4

/*
 * A model's weights as values, made from its codes at its first use:
 * rows[row * PXI_NER_NTAGS + tag] = levels[(uint8_t)weights[...]]. The
 * tagger sums a token's rows eight tags at a time; through the codes
 * each weight took two loads and an addition. Filled once under lock,
 * then only read (as pxi_lexidx); rows has room for every weight.
 */
typedef struct pxi_ner_wide {
	pthread_mutex_t lock;
	atomic_int ready;
	int16_t *rows;
} pxi_ner_wide;

/*
 * A compiled-in model: weights[row * PXI_NER_NTAGS + tag] is the code of
 * the weight of tag for the features that hash to row, and
 * levels[(uint8_t)code] its value; trans[(prev + 1) * PXI_NER_NTAGS + tag]
 * is the weight of tag after prev (row 0: at the start), in the same
 * integer units as levels. wide holds the same weights as values.
 */
typedef struct pxi_ner_model {
	uint32_t log2rows;
	const int8_t *weights;
	const int16_t *levels; /* 256 */
	const int16_t *trans;
	pxi_ner_gaz gaz;
	pxi_ner_wide *wide;
} pxi_ner_model;

extern const pxi_ner_model pxi_ner_builtin;

/* Hash of (p, n) lower-cased, digits as '0': the word key. */
uint32_t pxi_ner_hash_word(const char *p, size_t n);

/* Hash of a phrase: the word hashes h[0..n) in order. */
uint32_t pxi_ner_hash_phrase(const uint32_t *h, size_t n);

/* Classes of the phrase hash h in gz; 0 when absent. */
uint16_t pxi_ner_gaz_find(const pxi_ner_gaz *gz, uint32_t h);

/*
 * Fill out[0..n) for tokens t[0..n): word hashes, shapes, flags and
 * gazetteer classes (gz may be NULL: no gazetteer).
 */
void pxi_ner_scan(const pxi_ner_gaz *gz, const pxi_ner_token *t, size_t n,
                  pxi_ner_tok *out);

/*
 * The feature hashes of token i of the n scanned tokens tk.
 * OUT: f[0..k), k <= PXI_NER_MAXFEAT, returned.
 */
size_t pxi_ner_features(const pxi_ner_tok *tk, size_t n, size_t i,
                        uint32_t *f);

/*
 * Tag the n > 0 tokens t[0..n) with model m (pxi_ner_tag with the
 * compiled-in model is this). OUT: tags[0..n).
 */
void pxi_ner_tag_model(const pxi_ner_model *m, pxi_ner_work *w,
                       const pxi_ner_token *t, size_t n, uint8_t *tags);

/* May tag cur follow tag prev (-1: the sentence start)? */
static inline int pxi_ner_allowed(int prev, int cur)
{
	if (cur == PXI_NER_O || (cur & 1))
		return 1;
	return prev == cur || prev == cur - 1;
}

#endif /* PX_ENTITY_INT_H */
