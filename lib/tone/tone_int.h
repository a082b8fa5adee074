/*
 * tone_int.h - private to lib/tone/: what the tone stage keeps in the
 * article (a->tone), shared by tone.c and markers.c.
 */
#ifndef PX_TONE_INT_H
#define PX_TONE_INT_H

#include "../article/article.h"

struct pxi_tone {
	px_tone tone;
	pxi_vec sents;    /* px_sentence_tone */
	pxi_vec reasons;  /* px_tone_reason */
	pxi_vec speakers; /* px_speaker_tone */
	pxi_vec markers;  /* px_marker, by start */
	pxi_vec entities; /* px_entity_tone, one per entity */
	pxi_vec portrayals; /* px_portrayal, one per mention scored */
};

/* How far the quote marks of a sentence have been read: at byte pos of
 * the sentence that starts at from, inside quote marks or not (inq).
 * Mentions come in text order, so with one cursor per article
 * pxi_toward_features() reads each sentence once, not once per mention
 * from its start. */
typedef struct pxi_quote_scan {
	size_t from, pos;
	int inq;
} pxi_quote_scan;

/* What portray.c reads of one sentence: the text and arrays in one space
 * of offsets (norm while the pipeline runs, original after). */
typedef struct pxi_toward_in {
	const char *text;
	size_t len;
	const px_token *tk;
	size_t tok_first, tok_end; /* the sentence's tokens */
	px_span sent;
	const px_tone_reason *rs;  /* the sentence's reasons */
	size_t nr;
	size_t reason0;            /* index of rs[0] among all reasons */
	unsigned char *cls;        /* per token of the article: portray.c's
	                            * word classes once known, or NULL */
	pxi_quote_scan *scan;      /* the article's cursor (its from
	                            * SIZE_MAX at first), or NULL */
} pxi_toward_in;

/* Features of the portrayal model (portray.c): bias; squashed sums of
 * the reasons in the target's clause (positive, negative), outside it
 * (positive, negative), in it (net); conflict verb after / before the
 * target, praise verb after / before; target inside quote marks;
 * distance-weighted sums (positive, negative); the clause's sums before
 * the target (positive, negative) and after it (positive, negative);
 * a speech verb in the clause; the clause's length / 100 (at most 3). */
#define PXI_TW_N 19

void pxi_toward_features(const pxi_toward_in *in, size_t ts, size_t te,
                         double *f, px_portrayal *out);
void pxi_toward_classify(const double *f, px_portrayal *out);

/* Portrayal of each mention and entity into t (norm offsets), after the
 * sentences are scored; PX_OK or PX_ENOMEM. */
px_status pxi_portray(px_article *a, struct pxi_tone *t, unsigned char *cls);

/* portray.c's word classes: of a lower-case word from its lists (the
 * tone stage's word index holds them), of a word token from those and
 * its bytes, and the words the lists hold, for the index. */
unsigned pxi_portray_listed(const char *w, size_t n);
unsigned pxi_portray_class(unsigned listed, const char *tok, const char *w,
                           size_t n);
const char *pxi_portray_word(size_t i, int *stem);
/* Map the portrayals' spans to the original bytes. */
void pxi_portray_finalize(px_article *a);

/* Marks a token's flags as found (in the tone stage's per-token array
 * for the markers): above every marker flag. */
#define PXI_MARK_KNOWN 0x8000u

/* Framing markers of article a into t->markers (norm offsets), after the
 * sentences are scored. marks[i] is the marker flags of token i's word
 * | PXI_MARK_KNOWN where scoring looked them up, else 0. Returns PX_OK
 * or PX_ENOMEM. */
px_status pxi_markers_find(px_article *a, struct pxi_tone *t,
                           const uint16_t *marks);

/* The flags of markers.c's lists for the lower-case word (w, n), or 0:
 * the slow path of the tone stage's word index, which holds them. */
unsigned pxi_marker_flags(const char *w, size_t n);
/* Word i of those lists, or NULL past the last. */
const char *pxi_marker_word(size_t i);
/* pxi_marker_flags() of (w, n) through the word index (tone.c). */
unsigned pxi_tone_word_marks(const char *w, size_t n);

#endif /* PX_TONE_INT_H */
