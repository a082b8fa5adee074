/*
 * text_int.h - private to text/: the tokenizer and sentence splitter.
 */
#ifndef PX_TEXT_INT_H
#define PX_TEXT_INT_H

#include "../article/article.h"
#include "text.h"

/* Tokenize norm[start, end) of paragraph para, appending to a->toks. */
px_status pxi_tokenize(px_article *a, size_t start, size_t end,
                       uint16_t para);
/* Split the tokens [first, first + count) of paragraph para into
 * sentences, appending to a->sents. */
px_status pxi_sentences(px_article *a, size_t first, size_t count,
                        size_t para, int heading);
/* Is (p, n) an abbreviation that takes a full stop (lower case)? */
int pxi_is_abbr_word(const char *p, size_t n);

#endif /* PX_TEXT_INT_H */
