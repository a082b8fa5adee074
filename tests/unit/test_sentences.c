/*
 * test_sentences.c - sentence boundaries on news text.
 */
#include <stdlib.h>

#include "../test.h"

/* Sentences of z joined with " | ". */
static const char *sents(const char *z, char *buf, size_t cap)
{
	px_article *a = t_article(z);
	size_t n, i, len = 0;
	const px_sentence *s = px_article_sentences(a, &n);

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		int w = snprintf(buf + len, cap - len, "%s%s", i ? " | " : "",
		                 t_span(a, s[i].span));

		if (w < 0 || (size_t)w >= cap - len)
			break;
		len += (size_t)w;
	}
	px_article_free(a);
	return buf;
}

static void split(const char *z, const char *want)
{
	char buf[8192];

	sents(z, buf, sizeof(buf));
	CHECK(!strcmp(buf, want), "\n  text: %s\n  want: %s\n  got:  %s", z,
	      want, buf);
}

int test_sentences(void)
{
	split("The U.S. President spoke. He left.",
	      "The U.S. President spoke. | He left.");
	split("Troops went to the U.S. The talks failed.",
	      "Troops went to the U.S. | The talks failed.");
	split("Sen. Joe Manchin, D-W.Va., said no. Gen. Mark Milley agreed.",
	      "Sen. Joe Manchin, D-W.Va., said no. | Gen. Mark Milley agreed.");
	split("Donald J. Trump met Dr. Smith on Sept. 5. It rained.",
	      "Donald J. Trump met Dr. Smith on Sept. 5. | It rained.");
	split("Growth was 3.5 percent. Prices rose 2.1 points.",
	      "Growth was 3.5 percent. | Prices rose 2.1 points.");
	split("He called it “nonsense.” Russia disagreed.",
	      "He called it “nonsense.” | Russia disagreed.");
	split("“We will stay,” he said. “Nothing changes.”",
	      "“We will stay,” he said. | “Nothing changes.”");
	split("“Why?” he asked. Nobody answered.",
	      "“Why?” he asked. | Nobody answered.");
	split("Acme Inc. The company said it would appeal.",
	      "Acme Inc. | The company said it would appeal.");
	split("They met at 10 a.m. on Monday. Talks ended.",
	      "They met at 10 a.m. on Monday. | Talks ended.");
	split("Is peace near? Officials doubt it! Talks go on...",
	      "Is peace near? | Officials doubt it! | Talks go on...");
	/* Headings and bullets are sentences of their own. */
	split("A long first line that is the body of the article.\n"
	      "Why does Moscow object?\n"
	      "Because it says so.\n",
	      "A long first line that is the body of the article. | "
	      "Why does Moscow object? | Because it says so.");
	split("Body text comes first here.\n\nKey points\n"
	      "• First point here\n• Second point here\n",
	      "Body text comes first here. | Key points | First point here | "
	      "Second point here");
	/* A hard-wrapped paragraph is one paragraph. */
	{
		px_article *a = t_article("The first line is a sentence.\n"
		                          "This one runs on over\n"
		                          "two lines of text. Then ends.\n");
		size_t np, ns;

		px_article_paragraphs(a, &np);
		px_article_sentences(a, &ns);
		CHECK(np == 2 && ns == 3, "wrapped: %zu paragraphs, %zu "
		      "sentences", np, ns);
		px_article_free(a);
	}
	return 0;
}
