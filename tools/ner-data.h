/*
 * ner-data.h - CoNLL-2003 files and entity scoring for the NER tools
 * (ner-train.c, ner-eval.c). Not part of the library.
 */
#ifndef PX_NER_DATA_H
#define PX_NER_DATA_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "entity/tagger.h"

typedef struct ner_sent {
	size_t first; /* index of its first token */
	size_t n;
} ner_sent;

/* A CoNLL file: tokens point into buf; gold tags converted to BIO. */
typedef struct ner_data {
	char *buf;
	size_t len; /* bytes of text in the file */
	pxi_ner_token *tok;
	uint8_t *gold;
	size_t ntok;
	ner_sent *sent;
	size_t nsent;
} ner_data;

/*
 * Read the CoNLL file at path: first column the token, last the IOB1 tag
 * (POS and chunk columns are ignored), -DOCSTART- lines and blank lines
 * end sentences. Returns 0, or -1 with a message on stderr.
 */
int ner_read(const char *path, ner_data *d);
void ner_free(ner_data *d);

/* Exact-match span counts per type (index PXI_NER_PER..PXI_NER_MISC). */
typedef struct ner_score {
	size_t tp[5], fp[5], gold[5];
} ner_score;

/* Add the spans of one sentence: gold and pred are BIO tags (an I- tag
 * after O or another type opens a span, as conlleval reads them). */
void ner_score_add(ner_score *s, const uint8_t *gold, const uint8_t *pred,
                   size_t n);

/* Precision, recall and F1 over the types whose bit (1 << type) is in
 * types. */
void ner_prf(const ner_score *s, unsigned types, double *p, double *r,
             double *f);

/* Print the table: per type, PER/ORG/LOC and all four. */
void ner_score_print(FILE *f, const ner_score *s);

#define NER_POL ((1u << PXI_NER_PER) | (1u << PXI_NER_ORG) | \
                 (1u << PXI_NER_LOC))
#define NER_ALL (NER_POL | (1u << PXI_NER_MISC))

#endif /* PX_NER_DATA_H */
