/*
 * test.h - the test runner's checks. CHECK counts a failure and prints
 * file:line with the values; the run ends "N passed, N failed".
 */
#ifndef PX_TEST_H
#define PX_TEST_H

#include <stdio.h>
#include <string.h>

#include "parallax/parallax.h"

extern int px_test_passed, px_test_failed;

#define CHECK(cond, ...)                                                 \
	do {                                                             \
		if (cond) {                                              \
			px_test_passed++;                                \
		} else {                                                 \
			px_test_failed++;                                \
			fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__,    \
			        __LINE__, #cond);                        \
			fprintf(stderr, __VA_ARGS__);                    \
			fputc('\n', stderr);                             \
		}                                                        \
	} while (0)

/* Analyze a NUL-terminated string as a plain-text article (asserts). */
px_article *t_article(const char *z);
/* The text of span s of article a, NUL-terminated in a static buffer. */
const char *t_span(const px_article *a, px_span s);
/* Read a whole file; NULL if missing. *len gets its length. */
char *t_read_file(const char *path, size_t *len);
/* Root of ../shared, or NULL (tests print a skip line) */
const char *t_shared(void);
/* An allocator that fails once `left` allocations are made (never when
 * left < 0) and counts the blocks it holds in `live`. */
typedef struct t_failing {
	long left;
	long live;
} t_failing;
px_allocator t_failing_allocator(t_failing *f);

/* Run a shell command; capture stdout and stderr (malloc'd); returns the
 * exit status. */
int t_run(const char *cmd, char **out, char **err);

int test_utf8(void);
int test_tokens(void);
int test_sentences(void);
int test_front(void);
int test_residue(void);
int test_jsonl(void);
int test_errors(void);
int test_alloc(void);
int test_entity(void);
int test_who(void);
int test_canon(void);
int test_one_sense(void);
int test_roles_more(void);
int test_transcript(void);
int test_who_patterns(void);
int test_rel_dates(void);
int test_who_levels(void);
int test_cli(void);
int test_html(void);
int test_store(void);
int test_story(void);
int test_tone(void);
int test_brief(void);
int test_feed(void);
int test_watch(void);
int test_lang(void);
int test_jw(void);

#endif /* PX_TEST_H */
