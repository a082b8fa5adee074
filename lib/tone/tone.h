/*
 * tone.h - what other stages and tools may use of the tone stage.
 */
#ifndef PX_TONE_H
#define PX_TONE_H

#include <stddef.h>
#include <stdint.h>

/* The lexicon as compiled into build/tone_lexicon.c by tools/mktone.awk
 * (VADER, with AFINN-165 for the words VADER lacks): pxi_tone_lex_n
 * words, NUL-separated in byte order in pxi_tone_lex_words at
 * pxi_tone_lex_off[i] (n + 1 offsets), valence times ten in
 * pxi_tone_lex_val[i], and an open-addressing hash of PXI_TONE_LEX_SLOTS
 * slots holding entry + 1 (0 empty): h = (h * 31 + byte) mod slots over
 * the word's bytes, linear probing. */
#define PXI_TONE_LEX_SLOTS 16384u
extern const size_t pxi_tone_lex_n;
extern const char pxi_tone_lex_words[];
extern const uint32_t pxi_tone_lex_off[];
extern const int8_t pxi_tone_lex_val[];
extern const uint16_t pxi_tone_lex_hash[PXI_TONE_LEX_SLOTS];

/* Lexicon valence (-4..+4) of the lower-case word (p, n), 0 if absent. */
double pxi_tone_valence(const char *p, size_t n);

/* The PXI_TW_N (tone_int.h) portrayal features toward the original
 * bytes [start, end) of finalized article a into f, for fitting the
 * model (tools/eval-tone.c); 0 when no scored sentence holds start. */
struct px_article;
int pxi_tone_toward_features(const struct px_article *a, size_t start,
                             size_t end, double *f);

/* Does the scorer's word index (tone.c) answer for the lower-case word
 * (w, n) as its word lists and rules do, and does it hold every word they
 * rate? For tests. */
int pxi_tone_word_check(const char *w, size_t n);

/* VADER's normalization of a sum of valences into -1..+1. */
double pxi_tone_compound(double sum);

#endif /* PX_TONE_H */
