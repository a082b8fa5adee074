/*
 * test_front.c - front matter, title lines, and metadata from flags.
 */
#include <stdlib.h>

#include "../test.h"

static void title_is(const char *z, const char *want)
{
	px_article *a = t_article(z);
	const px_meta *m = px_article_meta(a);

	if (want)
		CHECK(m->title && !strcmp(m->title, want) &&
		      !strcmp(t_span(a, m->title_span), want),
		      "title '%s', want '%s'", m->title ? m->title : "(none)",
		      want);
	else
		CHECK(!m->title && m->title_span.end == 0,
		      "no title wanted, got '%s'", m->title);
	px_article_free(a);
}

int test_front(void)
{
	px_article *a;
	const px_meta *m;
	const char *fm = "Source: Meridian Wire\nPublished: 2025-03-12\n"
	                 "URL: https://example.org/a\n\n"
	                 "Strike Enters Second Week\n\n"
	                 "Dockworkers stayed out on Monday.\n";

	a = t_article(fm);
	m = px_article_meta(a);
	CHECK(m->source && !strcmp(m->source, "Meridian Wire"), "source '%s'",
	      m->source);
	CHECK(!strcmp(m->source_from, "front-matter"), "source_from");
	CHECK(m->published && !strcmp(m->published, "2025-03-12"),
	      "published");
	CHECK(m->url && !strcmp(m->url, "https://example.org/a"), "url");
	CHECK(m->title && !strcmp(m->title, "Strike Enters Second Week"),
	      "title after front matter");
	CHECK(m->body.start == strlen("Source: Meridian Wire\nPublished: "
	                              "2025-03-12\nURL: https://example.org/"
	                              "a\n\n"), "body starts after the block: "
	      "%zu", m->body.start);
	px_article_free(a);

	/* Without metadata the source is the input's name. */
	a = t_article("Plain text with no front matter at all.\n");
	m = px_article_meta(a);
	CHECK(!strcmp(m->source, "test") && !strcmp(m->source_from, "file"),
	      "source from file name: %s", m->source);
	CHECK(px_article_set_meta(a, "source", "Flag Outlet") == PX_OK &&
	      !strcmp(m->source, "Flag Outlet") &&
	      !strcmp(m->source_from, "flag"), "--source overrides");
	px_article_free(a);

	/* A "Key: value" first line without a closing blank line is text. */
	title_is("Note: this is not front matter\nBut body text follows.\n",
	         "Note: this is not front matter");
	/* Title rules: short, no closing full stop, text after it. */
	title_is("Experts Denounce Weapons Plan Amid Talks\n\nBody here.\n",
	         "Experts Denounce Weapons Plan Amid Talks");
	title_is("Officials have stated that talks will go on this week.\n"
	         "More text.\n", NULL);
	title_is("MOSCOW, September 5 - Officials said the talks will go on "
	         "for weeks, according to several people familiar with the "
	         "matter and others.\nMore.\n", NULL);
	title_is("Why are the talks stuck?\n\nBody.\n",
	         "Why are the talks stuck?");
	title_is("Single line with no ending", NULL);
	return 0;
}
