/*
 * emit_int.h - private to lib/emit/: what the brief's renderers share.
 */
#ifndef PX_EMIT_INT_H
#define PX_EMIT_INT_H

#include "parallax/parallax.h"

/* The brief of story `story` as one JSON object (brief_json.c). */
px_status pxi_brief_json(const px_brief *b, const px_article *const *arts,
                         size_t story, char **out, size_t *len);

#endif /* PX_EMIT_INT_H */
