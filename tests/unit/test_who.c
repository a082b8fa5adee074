/*
 * test_who.c - who said what on crafted text: entities with roles and
 * short mentions, quotes with their speakers (before, after, pronoun,
 * apposition, anonymous, continued, unresolved), quoted terms, reported
 * speech, amounts and dates; name keys; the shared word lists.
 */
#include <stdlib.h>

#include "../test.h"
#include "text/lexicon.h"

/* The quote whose text starts with z, or NULL. */
static const px_quote *quote_of(const px_article *a, const char *z)
{
	size_t n, i, len;
	const px_quote *q = px_article_quotes(a, &n);
	const char *tx = px_article_text(a, &len);

	for (i = 0; i < n; i++)
		if (!strncmp(tx + q[i].span.start, z, strlen(z)))
			return &q[i];
	return NULL;
}

static const char *speaker_of(const px_article *a, const px_quote *q)
{
	size_t n;
	const px_entity *e = px_article_entities(a, &n);

	if (!q)
		return "(no quote)";
	if (q->speaker_kind == PX_SPEAKER_ANONYMOUS)
		return "(anonymous)";
	if (q->speaker_kind == PX_SPEAKER_UNRESOLVED || q->speaker >= n)
		return "(unresolved)";
	return e[q->speaker].name;
}

static void said(const px_article *a, const char *start, const char *who)
{
	const px_quote *q = quote_of(a, start);

	CHECK(q && !strcmp(speaker_of(a, q), who), "quote \"%s\": speaker %s, "
	      "want %s", start, speaker_of(a, q), who);
}

static void lists_sorted(void)
{
	static const struct {
		const char *name;
		const char *const *w;
		const size_t *n;
	} lists[] = {
		{"speech", pxi_lex_speech, &pxi_lex_speech_n},
		{"anon_noun", pxi_lex_anon_noun, &pxi_lex_anon_noun_n},
		{"not_name", pxi_lex_not_name, &pxi_lex_not_name_n},
		{"role", pxi_lex_role, &pxi_lex_role_n},
		{"stop", pxi_lex_stop, &pxi_lex_stop_n},
		{"opener", pxi_lex_opener, &pxi_lex_opener_n},
		{"title", pxi_lex_title, &pxi_lex_title_n},
		{"abbr", pxi_lex_abbr, &pxi_lex_abbr_n},
		{"number", pxi_lex_number, &pxi_lex_number_n},
	};
	size_t i, k;

	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		int ok = 1;

		for (k = 1; k < *lists[i].n; k++)
			if (strcmp(lists[i].w[k - 1], lists[i].w[k]) >= 0)
				ok = 0;
		CHECK(ok, "lexicon %s is not sorted and unique", lists[i].name);
		CHECK(pxi_lex_has(lists[i].w, *lists[i].n, lists[i].w[0],
		                  strlen(lists[i].w[0])), "lookup in %s",
		      lists[i].name);
	}
	CHECK(PXI_LEX(speech, "Said", 4) && !PXI_LEX(speech, "sai", 3),
	      "case-insensitive lookup");
}

int test_who(void)
{
	px_article *a;
	size_t n, i;
	const px_entity *e;
	char k1[64], k2[64];

	lists_sorted();

	a = t_article(
		"Harbor Talks Stall\n\n"
		"Deputy Transport Minister Ana Petrova said on Monday that the "
		"talks had stalled. “We will not sign a bad deal,” Petrova said. "
		"“Nobody should expect a miracle.”\n"
		"Lukas Brenner, a spokesman for the dockworkers' union, "
		"disagreed: “The minister has not read our proposal.”\n"
		"“It is a stunt,” he added.\n"
		"A senior official at the ministry told reporters: “The union "
		"is bluffing.”\n"
		"The so-called “harbor compact” has not been signed. "
		"Analysts called it “fragile”.\n"
		"“Someone will have to give in.”\n"
		"Petrova warned that the port could lose more than 40 ships "
		"and $1.2 billion by 2027, since talks began on March 3.\n");
	e = px_article_entities(a, &n);
	for (i = 0; i < n && strcmp(e[i].name, "Ana Petrova"); i++)
		;
	CHECK(i < n && e[i].role &&
	      !strcmp(e[i].role, "Deputy Transport Minister"),
	      "Ana Petrova with her role: %s", i < n ? e[i].role : "(none)");
	CHECK(i < n && e[i].count >= 3, "short mentions join: %zu",
	      i < n ? e[i].count : 0);
	for (i = 0; i < n && strcmp(e[i].name, "Lukas Brenner"); i++)
		;
	CHECK(i < n && e[i].role &&
	      strstr(e[i].role, "spokesman for the dockworkers"),
	      "apposition role: %s", i < n ? e[i].role : "(none)");
	said(a, "We will not sign", "Ana Petrova");
	said(a, "Nobody should expect", "Ana Petrova");
	said(a, "The minister has not read", "Lukas Brenner");
	said(a, "It is a stunt", "Lukas Brenner");
	said(a, "The union is bluffing", "(anonymous)");
	said(a, "Someone will have to give in", "(unresolved)");
	CHECK(!quote_of(a, "harbor compact"), "so-called term is no quote");
	{
		const px_term *t = px_article_terms(a, &n);

		CHECK(n >= 1 && !strcmp(t[0].reason, "so-called"),
		      "term with its reason: %zu terms", n);
	}
	{
		const px_quote *q = quote_of(a, "the port could lose");

		CHECK(q && q->kind == PX_QUOTE_REPORTED &&
		      !strcmp(speaker_of(a, q), "Ana Petrova"),
		      "reported speech: %s", speaker_of(a, q));
	}
	{
		const px_amount *am = px_article_amounts(a, &n);
		int ships = 0, money = 0, year = 0;

		for (i = 0; i < n; i++) {
			if (am[i].value == 40 && am[i].qualifier.end >
			                         am[i].qualifier.start)
				ships = 1;
			if (am[i].value == 1.2e9 && am[i].unit &&
			    !strcmp(am[i].unit, "USD"))
				money = 1;
			if (am[i].value == 2027)
				year = 1;
		}
		CHECK(ships && money && year, "amounts: ships %d money %d "
		      "year %d", ships, money, year);
	}
	{
		const px_date *d = px_article_dates(a, &n);
		int monday = 0, march = 0;

		for (i = 0; i < n; i++) {
			if (!strcmp(d[i].value, "Monday"))
				monday = 1;
			if (!strcmp(d[i].value, "--03-03"))
				march = 1;
		}
		CHECK(monday && march, "dates: Monday %d, March 3 %d", monday,
		      march);
	}
	px_article_free(a);

	/* Transliterations meet; different names do not. */
	px_name_key("Zelenskiy", 9, k1, sizeof(k1));
	px_name_key("Zelenskyy", 9, k2, sizeof(k2));
	CHECK(!strcmp(k1, k2), "Zelenskiy / Zelenskyy: %s / %s", k1, k2);
	px_name_key("Kiev", 4, k1, sizeof(k1));
	px_name_key("Kyiv", 4, k2, sizeof(k2));
	CHECK(!strcmp(k1, k2), "Kiev / Kyiv: %s / %s", k1, k2);
	px_name_key("\xD0\x97\xD0\xB5\xD0\xBB\xD0\xB5\xD0\xBD\xD1\x81\xD0\xBA"
	            "\xD0\xB8\xD0\xB9", 18, k1, sizeof(k1));
	px_name_key("Zelensky", 8, k2, sizeof(k2));
	CHECK(!strcmp(k1, k2), "Cyrillic form: %s / %s", k1, k2);
	px_name_key("Macron", 6, k1, sizeof(k1));
	px_name_key("Merz", 4, k2, sizeof(k2));
	CHECK(strcmp(k1, k2), "Macron / Merz differ");
	CHECK(px_name_key("...", 3, k1, sizeof(k1)) == 0, "no letters");
	return 0;
}

/* Entities across articles: spellings merged with evidence, surnames
 * joined, aliases force and forbid. */
int test_canon(void)
{
	static const char *const texts[] = {
		"Talks\n\nUkrainian President Vladimir Zelenskiy met Chancellor "
		"Anna Berg in Kiev on Monday. Zelenskiy said little.\n",
		"More talks\n\nUkrainian President Volodymyr Zelensky spoke in "
		"Kyiv. Chancellor Berg said she would return. Officials in "
		"Niger and Nigeria "
		"watched.\n",
	};
	px_canon *c = px_canon_new(NULL);
	const px_canon_entity *es;
	size_t i, j, n;
	px_error err;
	int zel = 0, kyiv = 0, berg = 0, niger = 0;

	CHECK(c != NULL, "px_canon_new");
	if (!c)
		return 0;
	CHECK(px_canon_aliases(c, "# ours\nsame\tAnna Berg\tBerg\n",
	                       strlen("# ours\nsame\tAnna Berg\tBerg\n"),
	                       "aliases", &err) == PX_OK, "aliases: %s",
	      err.msg);
	CHECK(px_canon_aliases(c, "merge\tA\tB\n", 10, "bad-aliases",
	                       &err) == PX_EPARSE && err.line == 1,
	      "bad alias line reported with its line");
	for (i = 0; i < 2; i++) {
		px_article *a = t_article(texts[i]);

		CHECK(px_canon_add(c, a, i) == PX_OK, "add %zu", i);
		px_article_free(a);
	}
	CHECK(px_canon_build(c) == PX_OK, "build");
	es = px_canon_entities(c, &n);
	for (i = 0; i < n; i++) {
		int has_zy = 0, has_ky = 0;

		for (j = 0; j < es[i].nvariants; j++) {
			if (!strcmp(es[i].variants[j], "Volodymyr Zelensky"))
				has_zy = 1;
			if (!strcmp(es[i].variants[j], "Kyiv"))
				has_ky = 1;
			if (!strcmp(es[i].variants[j], "Nigeria") &&
			    es[i].nvariants > 1)
				niger = 1;
		}
		if (has_zy && es[i].nvariants >= 2 && es[i].narticles == 2 &&
		    es[i].confidence < 1 && strstr(es[i].evidence, "same"))
			zel = 1;
		if (has_ky && es[i].nvariants == 2)
			kyiv = 1;
		if (!strcmp(es[i].name, "Anna Berg") && es[i].narticles == 2)
			berg = 1;
	}
	CHECK(zel, "Zelenskiy and Zelensky are one person, with evidence");
	CHECK(kyiv, "Kiev and Kyiv are one place");
	CHECK(berg, "Berg joins Anna Berg across articles");
	CHECK(!niger, "Niger and Nigeria stay apart");
	px_canon_free(c);

	/* "differ" forbids a merge the keys would make. */
	c = px_canon_new(NULL);
	px_canon_aliases(c, "differ\tKiev\tKyiv\n",
	                 strlen("differ\tKiev\tKyiv\n"), "aliases", &err);
	for (i = 0; i < 2; i++) {
		px_article *a = t_article(texts[i]);

		px_canon_add(c, a, i);
		px_article_free(a);
	}
	px_canon_build(c);
	es = px_canon_entities(c, &n);
	kyiv = 0;
	for (i = 0; i < n; i++)
		for (j = 0; j < es[i].nvariants; j++)
			if (!strcmp(es[i].variants[j], "Kyiv") &&
			    es[i].nvariants > 1)
				kyiv = 1;
	CHECK(!kyiv, "an alias forbids Kiev ~ Kyiv");
	px_canon_free(c);
	px_canon_free(NULL);
	return 0;
}

/* A transcript line names its speaker inside the marks. */
int test_transcript(void)
{
	px_article *a = t_article("The interview went on for an hour.\n\n"
	                          "\"MORALES: We will not sign this week.\"\n");
	size_t n;
	const px_quote *q = px_article_quotes(a, &n);
	const px_entity *e = px_article_entities(a, NULL);

	CHECK(n == 1 && q[0].speaker_kind == PX_SPEAKER_NAMED &&
	      !strcmp(e[q[0].speaker].name, "MORALES"),
	      "transcript speaker: %zu quotes", n);
	px_article_free(a);
	return 0;
}
