/*
 * lexicon.h - shared word lists, sorted for binary search.
 */
#ifndef PX_LEXICON_H
#define PX_LEXICON_H

#include <stddef.h>

extern const char *const pxi_lex_speech[];
extern const size_t pxi_lex_speech_n;
extern const char *const pxi_lex_anon_noun[];
extern const size_t pxi_lex_anon_noun_n;
extern const char *const pxi_lex_not_name[];
extern const size_t pxi_lex_not_name_n;
extern const char *const pxi_lex_role[];
extern const size_t pxi_lex_role_n;
/* The longest function word, in letters: longer words skip the lookup
 * (tests check the list against it). */
#define PXI_FUNCTION_MAX 7
extern const char *const pxi_lex_function[];
extern const size_t pxi_lex_function_n;
extern const char *const pxi_lex_stop[];
extern const size_t pxi_lex_stop_n;
extern const char *const pxi_lex_opener[];
extern const size_t pxi_lex_opener_n;
extern const char *const pxi_lex_title[];
extern const size_t pxi_lex_title_n;
extern const char *const pxi_lex_abbr[];
extern const size_t pxi_lex_abbr_n;

extern const char *const pxi_lex_number[];
extern const size_t pxi_lex_number_n;
extern const double pxi_lex_number_value[];

/* Index of the word (p, n) in a sorted list, or -1. */
int pxi_lex_find(const char *const *list, size_t count, const char *p,
                 size_t n);

/* Is the word (p, n) in a list? ASCII letters compare without case. */
int pxi_lex_has(const char *const *list, size_t count, const char *p,
                size_t n);

/* PXI_LEX(speech, p, n) */
#define PXI_LEX(name, p, n) pxi_lex_has(pxi_lex_##name, pxi_lex_##name##_n, (p), (n))

#endif /* PX_LEXICON_H */
