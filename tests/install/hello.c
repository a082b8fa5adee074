/*
 * hello.c - built by `make install-check` against the installed header
 * and library through pkg-config, as a user's program would be.
 */
#include <parallax/parallax.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
	const char *text = "Talks Resume\n\nDelegates met on Monday. "
	                   "They will meet again.\n";
	px_article *a = NULL;
	px_error err;
	size_t n = 0;

	if (px_article_from_text(text, strlen(text), "hello", NULL, &a,
	                         &err) != PX_OK) {
		fprintf(stderr, "hello: %s\n", err.msg);
		return 1;
	}
	px_article_sentences(a, &n);
	px_article_free(a);
	if (n != 3) {
		fprintf(stderr, "hello: %zu sentences, want 3\n", n);
		return 1;
	}
	printf("install-check: libparallax %s works (%zu sentences)\n",
	       PX_VERSION, n);
	return 0;
}
