/*
 * polnear.h - PolNeAR as the tools read it (tools/eval-who.c scores with
 * it, tools/speaker-train.c labels with it): brat standoff files, T lines
 * with code-point spans, possibly in fragments ("a b;c d"), E lines
 * linking Content, Source and Cue; a direct quote is a content span
 * holding a quote mark. Development and evaluation data, never shipped.
 */
#ifndef PX_TOOLS_POLNEAR_H
#define PX_TOOLS_POLNEAR_H

#include <stddef.h>

#include "file.h"

typedef struct span {
	size_t s, e;
} span;

#define MAXFRAG 8

typedef struct tspan {
	char kind; /* 'C' content, 'S' source, 'U' cue, 'x' other, 0 none */
	int nf;
	span f[MAXFRAG]; /* byte offsets into the text */
} tspan;

/* A direct-quote attribution: T ids of its parts (0: none). */
typedef struct gattr {
	size_t c, s, cue;
} gattr;

/* The .ann file names of dir/attributions, sorted (malloc'd, as is each
 * name); NULL if the folder cannot be read. */
char **ann_files(const char *dir, size_t *n);
/* qsort comparator for an array of strings. */
int by_str(const void *x, const void *y);
/* The byte offset of each code point of p[0..n), n at [*ncp]. */
size_t *cp_table(const char *p, size_t n, size_t *ncp);
/* Does p[0..n) hold a straight or curly double quote mark? */
int has_quote_mark(const char *p, size_t n);
/* The T spans of an .ann file (indexed by id, *nt of them) and its
 * direct-quote attributions (*ga, *ng); ann is cut up in place. */
tspan *read_ann(char *ann, const char *text, const size_t *cpt,
                size_t ncp, size_t *nt, gattr **ga, size_t *ng);
/* One document of dir: the text of dir/text/BASE.txt into *text (its
 * bytes *tlen; malloc'd) and the annotations of dir/attributions/ANN
 * (read_ann, offsets in bytes). 0, or -1 when a file cannot be read or
 * memory runs out, with nothing left to free. */
int read_doc(const char *dir, const char *base, const char *ann_name,
             char **text, size_t *tlen, tspan **ts, size_t *nt,
             gattr **ga, size_t *ng);
/* Bytes a span shares with another, or with a fragmented one. */
size_t overlap(span a, span b);
size_t overlap_t(span a, const tspan *t);
/* A few attributions have their Source and Cue labels swapped in the
 * gold (Source "said", Cue "Jane Doe, a spokeswoman"): a source that is
 * a lone reporting verb while the cue opens with a capital letter. */
int swapped(const char *text, const tspan *src, const tspan *cue);
/* Is p[0..n) a relative pronoun (who, which, that)? */
int rel_pronoun(const char *p, size_t n);

#endif /* PX_TOOLS_POLNEAR_H */
