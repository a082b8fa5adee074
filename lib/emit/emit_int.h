/*
 * emit_int.h - private to lib/emit/: what the brief's renderers share.
 */
#ifndef PX_EMIT_INT_H
#define PX_EMIT_INT_H

#include <stdint.h>

#include "parallax/parallax.h"
#include "../core/core.h"

/*
 * A JSON text written straight into a buffer (jw.c), byte for byte what
 * jansson writes compactly with JSON_REAL_PRECISION(12). Values go in
 * order: pxi_jw_key before each value of an object. Failure (no memory,
 * invalid UTF-8, a non-finite real, unbalanced nesting) is sticky and
 * makes pxi_jw_finish return NULL.
 */
typedef struct pxi_jw {
	pxi_buf b;
	uint64_t first; /* bit d: the next item at depth d is the first */
	int depth;      /* open objects and arrays, at most 63 */
	int after_key;  /* a key was written; its value comes next */
	int failed;
} pxi_jw;

void pxi_jw_init(pxi_jw *w);
void pxi_jw_obj(pxi_jw *w);
void pxi_jw_obj_end(pxi_jw *w);
void pxi_jw_arr(pxi_jw *w);
void pxi_jw_arr_end(pxi_jw *w);
void pxi_jw_key(pxi_jw *w, const char *k);
void pxi_jw_str(pxi_jw *w, const char *z); /* NULL: null */
void pxi_jw_strn(pxi_jw *w, const char *p, size_t n);
void pxi_jw_int(pxi_jw *w, long long v);
void pxi_jw_real(pxi_jw *w, double v);
void pxi_jw_bool(pxi_jw *w, int v);
void pxi_jw_null(pxi_jw *w);
/* A JSON text the caller vouches for, as the next value. */
void pxi_jw_raw(pxi_jw *w, const char *p, size_t n);
/* The text (malloc'd, NUL-terminated, *len without the NUL), or NULL on
 * failure; the writer is spent either way. */
char *pxi_jw_finish(pxi_jw *w, size_t *len);

/* The brief of story `story` as one JSON object (brief_json.c). */
px_status pxi_brief_json(const px_brief *b, const px_article *const *arts,
                         size_t story, char **out, size_t *len);

#endif /* PX_EMIT_INT_H */
