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
};

/* Framing markers of article a into t->markers (norm offsets), after the
 * sentences are scored. Returns PX_OK or PX_ENOMEM. */
px_status pxi_markers_find(px_article *a, struct pxi_tone *t);

#endif /* PX_TONE_INT_H */
