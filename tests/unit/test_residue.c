/*
 * test_residue.c - site residue against hand-checked gold: the project's
 * examples/gold.json and, when ../shared is there, seeds-gold.json. Every
 * gold item is found with its exact span, and nothing else is.
 */
#include <jansson.h>
#include <stdlib.h>

#include "../test.h"

/* Byte offset of the k-th (1-based) occurrence of z in p, or -1. */
static long find_nth(const char *p, const char *z, long from, int k)
{
	const char *q = p + from;

	while (k-- > 0) {
		q = strstr(q, z);
		if (!q)
			return -1;
		if (k)
			q++;
	}
	return q - p;
}

/* Check one article's residue against its gold list. */
static void check_article(const char *dir, const char *file, json_t *gold)
{
	char path[1024];
	size_t len, n, i, want_n = json_array_size(json_object_get(gold,
	                                                          "residue"));
	char *text;
	px_article *a = NULL;
	px_error err;
	const px_residue *r;
	json_t *item, *meta;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	text = t_read_file(path, &len);
	CHECK(text != NULL, "cannot read %s", path);
	if (!text)
		return;
	CHECK(px_article_from_text(text, len, path, NULL, &a, &err) == PX_OK,
	      "%s", err.msg);
	r = px_article_residue(a, &n);
	CHECK(n == want_n, "%s: %zu residue spans, gold has %zu", file, n,
	      want_n);
	json_array_foreach(json_object_get(gold, "residue"), i, item) {
		const char *tx = json_string_value(json_object_get(item, "text"));
		const char *th = json_string_value(json_object_get(item,
		                                                   "through"));
		json_t *occ = json_object_get(item, "occurrence");
		long s = find_nth(text, tx, 0, occ ? (int)json_integer_value(occ)
		                                    : 1);
		long e = s < 0 ? -1 : s + (long)strlen(tx);
		size_t k;
		int found = 0;

		if (th && s >= 0) {
			e = find_nth(text, th, s, 1);
			if (e >= 0)
				e += (long)strlen(th);
		}
		CHECK(s >= 0 && e >= 0, "%s: gold text not in file: %s", file,
		      tx);
		for (k = 0; k < n; k++)
			if ((long)r[k].span.start == s && (long)r[k].span.end == e)
				found = 1;
		CHECK(found, "%s: residue [%ld-%ld] not found: \"%s\"", file, s,
		      e, tx);
	}
	meta = json_object_get(gold, "metadata");
	if (meta) {
		const px_meta *m = px_article_meta(a);
		const char *ed = json_string_value(json_object_get(meta,
		                                                   "edited"));
		const char *site = json_string_value(json_object_get(meta,
		                                                     "site"));

		if (ed)
			CHECK(m->edited && !strcmp(m->edited, ed),
			      "%s: edited %s, gold %s", file, m->edited, ed);
		if (site)
			CHECK(m->site && !strcmp(m->site, site),
			      "%s: site %s, gold %s", file, m->site, site);
	}
	px_article_free(a);
	free(text);
}

static void check_gold(const char *dir, const char *gold_path)
{
	json_error_t jerr;
	json_t *g = json_load_file(gold_path, 0, &jerr), *arts, *v;
	const char *file;

	CHECK(g != NULL, "cannot read %s: %s", gold_path, jerr.text);
	if (!g)
		return;
	arts = json_object_get(g, "articles");
	json_object_foreach(arts, file, v)
		check_article(dir, file, v);
	json_decref(g);
}

int test_residue(void)
{
	const char *sh = t_shared();
	px_article *a;
	size_t n;

	check_gold("examples", "examples/gold.json");
	if (sh) {
		char seeds[1024], gold[1024];

		snprintf(seeds, sizeof(seeds), "%s/seeds", sh);
		snprintf(gold, sizeof(gold), "%s/seeds-gold.json", sh);
		check_gold(seeds, gold);
	} else {
		printf("skip: ../shared not found; seeds residue not checked\n");
	}

	/* Crafted: furniture the examples do not show. */
	a = t_article("Port Talks Resume\n\nThe talks resumed on Monday.\n"
	              "Read more: Ten ports that changed history\n"
	              "Officials said progress was slow.\n\n"
	              "By Jane Roe and John Doe\n");
	px_article_residue(a, &n);
	CHECK(n == 2, "link line and byline: %zu spans", n);
	CHECK(px_article_meta(a)->author &&
	      !strcmp(px_article_meta(a)->author, "Jane Roe and John Doe"),
	      "author from byline");
	px_article_free(a);

	/* Report text that looks a little like furniture stays report. */
	a = t_article("Final Thoughts\nThe summit ended without a deal, and "
	              "the next round is not yet set.\n"
	              "Summary judgments were issued by the court on Monday "
	              "after a long hearing.\n");
	px_article_residue(a, &n);
	CHECK(n == 0, "no residue in report text, got %zu", n);
	px_article_free(a);

	/* A list in the report, a hashtag sentence, and a list of names at
	 * the end before a byline are all report, not furniture. */
	a = t_article("Court Filing Details Passports\n\n"
	              "Prosecutors listed what they found.\n"
	              "Among the highlights:\n"
	              "* Three passports under different numbers\n"
	              "* Two phones registered abroad\n"
	              "#StopTheSteal has often been used to attack the count\n"
	              "The candidates on the ballot are:\n"
	              "Ana Reyes\nJohn Miller\nLee Park\nMaria Stone\n"
	              "By Tom Hale\n");
	{
		const px_residue *r = px_article_residue(a, &n);

		CHECK(n == 1 && r[0].kind == PX_RES_BYLINE,
		      "only the byline: %zu spans, first %s", n,
		      n ? t_span(a, r[0].span) : "");
	}
	px_article_free(a);
	return 0;
}
