/*
 * brief_int.h - private to lib/brief/: sentences as weighted sets of
 * content words, shared by an article's highlights (insight.c) and a
 * story's (brief.c), and the stance cues (stance.c).
 */
#ifndef PX_BRIEF_INT_H
#define PX_BRIEF_INT_H

#include <stdint.h>

#include "../core/core.h"

/* Sentences taken per article, and over all articles: a story brief
 * reads the leads of its longest articles, not every line. */
#define PXI_SV_PER_ARTICLE 80
#define PXI_SV_MAX 8000

/* One sentence that can carry a point: its content words as sorted,
 * distinct hashes (a light stem, lower case), weighted by IDF over the
 * set. */
typedef struct pxi_sv {
	size_t article;  /* index into the caller's articles */
	size_t sentence; /* index into px_article_sentences() */
	size_t rank;     /* its place among the article's taken sentences */
	const uint64_t *h;
	const float *w;
	size_t n;
	double norm;
} pxi_sv;

typedef struct pxi_svset {
	const px_allocator *alc;
	pxi_sv *s;
	size_t n;
	uint64_t *hs; /* all hashes, sentence by sentence */
	float *ws;
} pxi_svset;

/*
 * The sentences of arts[0..n) that can carry a point: not residue, not a
 * heading, at least min_words content words. IDF over the set.
 * PX_ENOMEM on failure (set then empty).
 */
px_status pxi_svset_build(pxi_svset *set, const px_allocator *alc,
                          const px_article *const *arts, size_t n,
                          size_t min_words);
void pxi_svset_free(pxi_svset *set);
/* Each sentence's summed cosine with every other of the set, into
 * out[set->n], in time linear in the words (the dot product with the sum
 * of the unit vectors, less its own). */
px_status pxi_sv_centrality(const pxi_svset *set, double *out);
/* Cosine of two sentences' weighted words, 0..1. */
double pxi_sv_cosine(const pxi_sv *a, const pxi_sv *b);

/* The sentence holding byte off of article a, or SIZE_MAX. */
size_t pxi_sentence_at(const px_article *a, size_t off);

/* The hash of a content word as the sentence sets make it (lower case,
 * light stem), or 0 for a stop word, punctuation or a short word. */
uint64_t pxi_word_hash(const char *p, size_t n);

/* The class of a lower-cased cue word (rejection 1, support 2, taking
 * part 3, staying out 4), or 0: svec.c counts words of one class as one
 * word, so "rejected" and "opposed" say the same. */
int pxi_cue_class(const char *w, size_t n);
/* The class of a lower-cased counted-thing word ("nations", "allies" ->
 * "countries"; "soldiers" -> "troops"), or NULL. */
const char *pxi_thing_class(const char *w, size_t n);

/*
 * Stance cues of one stretch [start, end) of an article's tokens, read
 * by stance.c. A cue is a word of rejection, support or abstention;
 * negation before it turns support into rejection and taking part into
 * staying out. speech: the stretch is what someone says. Calls fn for each cue with its stance and token span.
 */
typedef void (*pxi_cue_fn)(void *ctx, px_stance stance, px_span cue);
void pxi_stance_cues(const px_article *a, size_t tok_first,
                     size_t tok_end, int speech, pxi_cue_fn fn, void *ctx);

#endif /* PX_BRIEF_INT_H */
