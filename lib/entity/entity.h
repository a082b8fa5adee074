/*
 * entity.h - what other stages use of the entity stage: role words and
 * lookups over an article's mentions.
 */
#ifndef PX_ENTITY_H
#define PX_ENTITY_H

#include "../article/article.h"

/* Is the word (p, n) a role or title word ("minister", "spokesman")? */
int pxi_is_role_word(const char *p, size_t n);

/* Index of the mention covering token position [start, end) in norm
 * offsets, or SIZE_MAX. */
size_t pxi_mention_at(const px_article *a, size_t start, size_t end);

/*
 * Add a person named by the tokens [f, l] that the tagger passed over
 * ("Figueroa said"), or a new mention of the person of that name; keeps
 * mentions in text order. Returns the entity index, or SIZE_MAX on OOM.
 */
size_t pxi_entity_add(px_article *a, size_t f, size_t l);

/* Number of mentions that start before byte offset off (norm). */
size_t pxi_mentions_before(const px_article *a, size_t off);

#endif /* PX_ENTITY_H */
