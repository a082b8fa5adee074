/*
 * test_tokens.c - the tokenizer on news text: words with apostrophes and
 * hyphens, abbreviations, numbers and amounts, URLs, e-mail, hashtags and
 * quote marks with their direction.
 */
#include <stdlib.h>

#include "../test.h"

/* "text/kind" for every token, space-separated, into buf. */
static const char *toks(const char *z, char *buf, size_t cap)
{
	px_article *a = t_article(z);
	size_t n, i, len = 0;
	const px_token *t = px_article_tokens(a, &n);

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		const char *tx = t_span(a, (px_span){t[i].start, t[i].end});
		const char *k = px_token_kind_name((px_token_kind)t[i].kind);
		int w = snprintf(buf + len, cap - len, "%s%s/%s%s",
		                 i ? " " : "", tx, k,
		                 t[i].kind == PX_TOK_QUOTE
		                 ? (t[i].flags & PX_TF_OPEN ? "+" : "-") : "");

		if (w < 0 || (size_t)w >= cap - len)
			break;
		len += (size_t)w;
	}
	px_article_free(a);
	return buf;
}

static void has(const char *z, const char *want)
{
	char buf[8192];

	toks(z, buf, sizeof(buf));
	CHECK(strstr(buf, want) != NULL, "in \"%s\": want \"%s\", got \"%s\"",
	      z, want, buf);
}

int test_tokens(void)
{
	has("Kyiv’s allies met.", "Kyiv’s/word allies/word");
	has("It was a Western-led effort.", "Western-led/word effort/word");
	has("The U.S. and U.K. agreed.", "U.S./word and/word U.K./word");
	has("Sen. Joe Manchin, D-W.Va., spoke.", "Sen./word Joe/word");
	has("Sen. Joe Manchin, D-W.Va., spoke.", "D-W.Va./word ,/punct");
	has("Rep. Gwen Moore (D-Wis.) said.", "D-Wis./word )/punct");
	has("Over 26 nations joined.", "26/number nations/word");
	has("Inflation hit 3.5% in May.", "3.5%/number");
	has("It costs $150 billion a year.", "$150 billion/number a/word");
	has("Last edited at 2025/9/5 today.", "2025/9/5/number");
	has("Prices rose 1,250 points.", "1,250/number");
	has("See https://example.org/a?b=1, then go.",
	    "https://example.org/a?b=1/url ,/punct");
	has("Write to desk@example.org now.", "desk@example.org/email");
	has("Trending: #Ukraine today.", "#Ukraine/hashtag");
	has("He said “no” twice.", "“/quote+ no/word ”/quote-");
	has("He said \"no\" twice.", "\"/quote+ no/word \"/quote-");
	has("Her ‘bold plan’ failed.", "‘/quote+ bold/word");
	has("Her ‘bold plan’ failed.", "plan/word ’/quote-");
	has("The «coalition» met.", "«/quote+ coalition/word »/quote-");
	has("The 'guarantor' role.", "'/quote+ guarantor/word '/quote-");
	has("Donald J. Trump spoke.", "J./word Trump/word");
	has("They met at 10 a.m. on Monday.", "a.m./word");
	has("Wait... what?", ".../punct what/word");
	has("Peace—or war—ahead.", "Peace/word —/punct or/word");
	has("Café owners in Zürich protested.", "Café/word owners/word");
	has("Зеленский заявил.", "Зеленский/word заявил/word");
	/* A number's letter suffix ends on a character boundary. */
	has("Prices hit 5bé today.", "5bé/number today/word");
	has("2r가 then", "2r가/number then/word");
	return 0;
}
