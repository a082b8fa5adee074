/*
 * quote_int.h - private to lib/quote/: the speaker ranker. For each
 * direct quote the rules' speaker and the people, organizations and
 * pronouns near the quote are candidates; each candidate is a handful of
 * hashed features, scored by a linear model trained on PolNeAR train
 * (tools/speaker-train.c writes speaker_model.c). See
 * docs/internals/QUOTE.md, "Speaker ranker".
 */
#ifndef PX_QUOTE_INT_H
#define PX_QUOTE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "../article/article.h"

#define PXI_SPK_MAXF 40    /* features per candidate */
#define PXI_SPK_MAXC 48    /* candidates per quote, "no speaker" included */

/* Candidate kinds. */
enum {
	PXI_SPK_NONE,     /* no speaker: the quote stays unresolved */
	PXI_SPK_OTHER,    /* the rules' pick that is no mention or pronoun */
	PXI_SPK_PERSON,
	PXI_SPK_ORG,
	PXI_SPK_HE,
	PXI_SPK_SHE,
	PXI_SPK_THEY,
	PXI_SPK_DESC      /* "the judge said", "said a reporter" */
};

typedef struct pxi_spk_cand {
	px_span span;       /* as written, norm offsets */
	size_t entity;      /* SIZE_MAX: none */
	int kind;
	int rule;           /* the rules' pick */
	size_t tf, tl;      /* first and last token; SIZE_MAX for none */
	size_t nf;
	uint32_t f[PXI_SPK_MAXF];
} pxi_spk_cand;

/* A model: feature hashes sorted ascending, their weights, and the
 * margin by which the best candidate must beat the rules' pick. With
 * first (the compiled-in model), the hashes whose top bits are b are
 * key[first[b] .. first[b + 1]); without (the trainer's), a binary
 * search finds them. */
#define PXI_SPK_BUCKET_BITS 12
typedef struct pxi_spk_model {
	size_t n;
	const uint32_t *key;
	const float *w;
	float margin;
	const uint16_t *first; /* 2^PXI_SPK_BUCKET_BITS + 1 offsets, or NULL */
} pxi_spk_model;

extern const pxi_spk_model pxi_spk_builtin;

/* The score of a feature vector (features not in the model weigh 0). */
float pxi_spk_score(const pxi_spk_model *m, const uint32_t *f, size_t n);

#ifdef PXI_SPK_TRAIN
/* Built into the trainer only (make speaker-train): every direct quote
 * with its candidates, before the rules' pick is changed. Spans are
 * norm offsets. Defined by tools/speaker-train.c. */
void pxi_spk_train_quote(const px_article *a, px_span quote,
                         const pxi_spk_cand *c, size_t n);
/* The model the trainer runs the pipeline with (in place of the
 * shipped one): none in its first round, the first round's in its
 * second, so that the last speaker is the model's as at analysis time. */
const pxi_spk_model *pxi_spk_train_model(void);
#endif

#endif /* PX_QUOTE_INT_H */
