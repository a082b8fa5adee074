/*
 * text_int.h - private to text/: the tokenizer and sentence splitter.
 */
#ifndef PX_TEXT_INT_H
#define PX_TEXT_INT_H

#include "../article/article.h"
#include "text.h"

/*
 * Tokenize norm[start, end) of paragraph para, appending to a->toks. The
 * index of every token that may end a sentence (a full stop, '!', '?' or
 * an ellipsis; an abbreviation with its stop) is appended to breaks, a
 * vector of uint32_t: the sentence splitter looks at those alone.
 */
px_status pxi_tokenize(px_article *a, size_t start, size_t end,
                       uint16_t para, pxi_vec *breaks);
/* Split the tokens [first, first + count) of paragraph para into
 * sentences, appending to a->sents; breaks[0, nbreaks) are the tokens
 * among them that may end one, in order, as pxi_tokenize() found them. */
px_status pxi_sentences(px_article *a, size_t first, size_t count,
                        size_t para, int heading, const uint32_t *breaks,
                        size_t nbreaks);
/* Is (p, n) an abbreviation that takes a full stop (lower case)? */
int pxi_is_abbr_word(const char *p, size_t n);

#endif /* PX_TEXT_INT_H */
