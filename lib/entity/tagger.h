/*
 * tagger.h - the named-entity tagger for other stages: people,
 * organizations, places and other names (MISC) in one sentence, as BIO
 * tags over its tokens.
 *
 * A linear model over hashed features (the word, its affixes and shape,
 * its neighbours, gazetteer classes) decoded with Viterbi over BIO; the
 * weights are compiled in (ner_model.c, written by tools/ner-train.c), so
 * tagging does no I/O and no allocation: the caller gives a work area,
 * which may live on the stack or in the article's arena. Thread-safe for
 * distinct work areas. See docs/internals/ENTITY.md.
 *
 *   pxi_ner_work w;
 *   pxi_ner_token t[3] = {{"Anna", 4}, {"Berg", 4}, {"spoke", 5}};
 *   uint8_t tags[3];
 *   pxi_ner_tag(&w, t, 3, tags);    tags: B-PER I-PER O
 */
#ifndef PX_ENTITY_TAGGER_H
#define PX_ENTITY_TAGGER_H

#include <stddef.h>
#include <stdint.h>

#include "parallax/parallax.h"

/* A token: bytes (p, n) of valid UTF-8, not NUL-terminated. */
typedef struct pxi_ner_token {
	const char *p;
	size_t n;
} pxi_ner_token;

/* Tags, BIO: B- opens an entity, I- continues one of the same type. */
enum {
	PXI_NER_O = 0,
	PXI_NER_B_PER,
	PXI_NER_I_PER,
	PXI_NER_B_ORG,
	PXI_NER_I_ORG,
	PXI_NER_B_LOC,
	PXI_NER_I_LOC,
	PXI_NER_B_MISC,
	PXI_NER_I_MISC,
	PXI_NER_NTAGS
};

/* Entity types: (tag + 1) / 2 for any tag but O. */
enum {
	PXI_NER_NONE = 0,
	PXI_NER_PER,
	PXI_NER_ORG,
	PXI_NER_LOC,
	PXI_NER_MISC
};

/* Longest stretch decoded as one; longer sentences go in windows. */
#define PXI_NER_WINDOW 200

/* What the tagger knows of one token: hashes of its forms and its flags.
 * Filled by the tagger; callers only provide room for it. */
typedef struct pxi_ner_tok {
	uint32_t w;      /* lower-cased word, digits as 0 */
	uint32_t shape;  /* Xxxx-style shape, first 16 characters */
	uint32_t sshape; /* the shape with runs collapsed: Xx, X.X., d-d */
	uint32_t pre[4]; /* first 1..4 characters, lower-cased */
	uint32_t suf[4]; /* last 1..4 characters, lower-cased */
	uint16_t flags;  /* PXI_NER_F_* */
	uint16_t gaz;    /* gazetteer classes of the word alone */
	uint16_t gspan;  /* classes of a longer gazetteer entry it is in */
	uint16_t gfirst; /* ... of which it is the first word */
	/* Scratch of the scan: the last four characters, lower-cased, and
	 * the count, kept for the suffixes, which (with the prefixes) are
	 * only finished for the tokens the tagger scores. */
	int32_t last[4];
	uint32_t nch;
} pxi_ner_tok;

/* Room for tagging one window of tokens. Contents are scratch. */
typedef struct pxi_ner_work {
	pxi_ner_tok tok[PXI_NER_WINDOW];
	int32_t score[PXI_NER_WINDOW][PXI_NER_NTAGS];
	uint8_t back[PXI_NER_WINDOW][PXI_NER_NTAGS];
	uint8_t plain[PXI_NER_WINDOW]; /* no capital letter near: O */
} pxi_ner_work;

/*
 * Tag the n tokens t[0..n) of one sentence with the compiled-in model.
 * OUT: tags[i] = PXI_NER_* for token i, always valid BIO (an I- tag only
 * after B- or I- of its type). w is scratch for the call. Returns PX_OK,
 * or PX_EINVAL when a pointer is NULL with n > 0 (tags left unchanged).
 */
px_status pxi_ner_tag(pxi_ner_work *w, const pxi_ner_token *t, size_t n,
                      uint8_t *tags);

/* "O", "B-PER", ... for a tag; "?" when out of range. */
const char *pxi_ner_tag_name(int tag);

/* "PER", "ORG", "LOC", "MISC" for a type; "" for none or out of range. */
const char *pxi_ner_type_name(int type);

#endif /* PX_ENTITY_TAGGER_H */
