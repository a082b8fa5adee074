/*
 * test_html.c - web pages to articles: boilerplate out, paragraphs kept,
 * metadata from meta tags, OpenGraph and JSON-LD, byte ranges into the
 * HTML, charsets, broken and hostile pages, gzip. Every page here is
 * written for the test (invented outlets and events).
 */
#include <stdlib.h>
#include <zlib.h>

#include <unistd.h>

#include "../test.h"

static const char page[] =
	"<!DOCTYPE html>\n"
	"<html lang=\"en\"><head><title>Harbour Bridge Reopens | Coastline "
	"Daily</title>\n"
	"<meta property=\"og:site_name\" content=\"Coastline Daily\">\n"
	"<meta name=\"author\" content=\"Mara Quill\">\n"
	"<meta property=\"article:published_time\" "
	"content=\"2031-04-02T09:00:00Z\">\n"
	"<link rel=\"canonical\" href=\"https://coastline.example/bridge\">\n"
	"</head><body>\n"
	"<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/w\">World"
	"</a></li></ul></nav>\n"
	"<div class=\"cookie-banner\">We use cookies to improve your "
	"experience on this site, accept them all.</div>\n"
	"<article><h1>Harbour Bridge Reopens</h1>\n"
	"<p>The harbour bridge in Port Avel reopened on Tuesday after a "
	"repair that took eleven months, the city council said.</p>\n"
	"<h2>Cables replaced</h2>\n"
	"<p>Engineers replaced the cables on the northern span, and traffic "
	"is expected to return to normal by the end of the month.</p>\n"
	"<ul><li>Northern span: open to cars and bicycles</li>"
	"<li>Southern span: open to buses from May</li></ul>\n"
	"<blockquote>We are proud of the crews who worked through the "
	"winter storms, the mayor said in a statement.</blockquote>\n"
	"<div class=\"share-buttons\"><a href=\"#\">Share on Facebook</a> "
	"<a href=\"#\">Tweet this</a></div>\n"
	"<div class=\"related\"><h3>Related stories</h3><ul>"
	"<li><a href=\"/a\">Ferry timetable changes for the summer</a></li>"
	"<li><a href=\"/b\">Council approves the new harbour budget</a></li>"
	"</ul></div>\n"
	"</article>\n"
	"<div id=\"comments\"><p>Great news, finally! I have waited all year "
	"for this bridge to open again.</p></div>\n"
	"<footer>Copyright 2031 Coastline Daily. All rights reserved.</footer>"
	"\n</body></html>\n";

static px_article *from_html(const char *p, size_t n, const char *name,
                             px_status want, px_error *err)
{
	px_article *a = NULL;
	px_status rc = px_article_from_html(p, n, name, NULL, &a, err);

	CHECK(rc == want, "%s: got %s (%s), want %s", name, px_strerror(rc),
	      rc ? err->msg : "", px_strerror(want));
	if (rc && a)
		CHECK(0, "an article with an error");
	return rc ? NULL : a;
}

static int has(const px_article *a, const char *z)
{
	size_t n;
	const char *t = px_article_text(a, &n);
	size_t k = strlen(z), i;

	for (i = 0; k <= n && i + k <= n; i++)
		if (!memcmp(t + i, z, k))
			return 1;
	return 0;
}

static void boilerplate(void)
{
	px_error err;
	px_article *a = from_html(page, sizeof(page) - 1, "bridge.html",
	                          PX_OK, &err);
	const px_meta *m;
	const px_html_span *sp;
	const px_paragraph *pg;
	size_t n, np, i, tlen;
	const char *text;

	if (!a)
		return;
	m = px_article_meta(a);
	CHECK(has(a, "The harbour bridge in Port Avel reopened"), "lead");
	CHECK(has(a, "Engineers replaced the cables"), "second paragraph");
	CHECK(has(a, "Cables replaced"), "subheading kept");
	CHECK(has(a, "- Northern span: open to cars"), "list item kept");
	CHECK(has(a, "We are proud of the crews"), "block quote kept");
	CHECK(!has(a, "Home"), "navigation removed");
	CHECK(!has(a, "cookies"), "cookie notice removed");
	CHECK(!has(a, "Share on Facebook"), "share buttons removed");
	CHECK(!has(a, "Ferry timetable"), "related list removed");
	CHECK(!has(a, "Great news"), "comments removed");
	CHECK(!has(a, "Copyright"), "footer removed");
	CHECK(m->title && !strcmp(m->title, "Harbour Bridge Reopens"),
	      "title '%s'", m->title ? m->title : "(null)");
	CHECK(!has(a, "Harbour Bridge Reopens"), "headline not in the text");
	CHECK(m->author && !strcmp(m->author, "Mara Quill"), "author");
	CHECK(m->site && !strcmp(m->site, "Coastline Daily"), "site");
	CHECK(m->source && !strcmp(m->source, "Coastline Daily") &&
	      !strcmp(m->source_from, "page"), "source from the page");
	CHECK(m->published && !strcmp(m->published, "2031-04-02T09:00:00Z"),
	      "published");
	CHECK(m->url && !strcmp(m->url, "https://coastline.example/bridge"),
	      "canonical url");
	CHECK(px_article_page(a) && px_article_page(a)->lang &&
	      !strcmp(px_article_page(a)->lang, "en"), "lang");
	/* Paragraph structure: one paragraph per block. */
	pg = px_article_paragraphs(a, &np);
	sp = px_article_html_spans(a, &n);
	CHECK(n == 6, "6 blocks, got %zu", n);
	CHECK(np == n, "%zu paragraphs for %zu blocks", np, n);
	CHECK(np >= 3 && pg[1].heading, "the subheading is a heading");
	/* Byte ranges: each block's HTML bytes are its text (no entities,
	 * no markup inside these blocks). */
	text = px_article_text(a, &tlen);
	for (i = 0; i < n; i++) {
		const char *t = text + sp[i].text.start;
		size_t tn = sp[i].text.end - sp[i].text.start;
		size_t hn = sp[i].html.end - sp[i].html.start;

		if (tn >= 2 && !memcmp(t, "- ", 2)) {
			t += 2; /* the list marker is not in the page */
			tn -= 2;
		}
		CHECK(sp[i].html.end <= sizeof(page) - 1 &&
		      hn == tn && !memcmp(page + sp[i].html.start, t, tn),
		      "block %zu: html [%zu, %zu) is not its text", i,
		      sp[i].html.start, sp[i].html.end);
	}
	px_article_free(a);
}

static void json_ld(void)
{
	static const char p[] =
		"<html><head><meta charset=\"utf-8\">"
		"<script type=\"application/ld+json\">{\"@context\":"
		"\"https://schema.org\",\"@graph\":[{\"@type\":\"WebSite\","
		"\"name\":\"Valley Ledger\"},{\"@type\":\"NewsArticle\","
		"\"headline\":\"Orchard Co-op Doubles Its Harvest\","
		"\"datePublished\":\"2030-09-14\",\"author\":[{\"@type\":"
		"\"Person\",\"name\":\"Ida Brenn\"},{\"name\":\"Tomas Vey\"}],"
		"\"publisher\":{\"name\":\"Valley Ledger\"},\"url\":"
		"\"https://ledger.example/orchard\"}]}</script>"
		"<title>ignored title</title></head><body>"
		"<div class=\"main-content\"><p>The orchard co-operative in "
		"Lindholm picked twice as many apples this autumn as last "
		"year, its members said on Friday.</p><p>Caf&eacute; owners "
		"in the valley say the cider price has already fallen by a "
		"third, and growers expect more.</p></div>"
		"<div class=\"sidebar\"><p>Most read: Weather warnings for the "
		"coast this weekend, and more.</p></div></body></html>";
	px_error err;
	px_article *a = from_html(p, sizeof(p) - 1, "orchard.html", PX_OK,
	                          &err);
	const px_meta *m;
	const px_html_span *sp;
	size_t n;

	if (!a)
		return;
	m = px_article_meta(a);
	CHECK(m->title && !strcmp(m->title, "Orchard Co-op Doubles Its "
	                                    "Harvest"), "JSON-LD headline");
	CHECK(m->author && !strcmp(m->author, "Ida Brenn, Tomas Vey"),
	      "JSON-LD authors '%s'", m->author ? m->author : "(null)");
	CHECK(m->published && !strcmp(m->published, "2030-09-14"),
	      "JSON-LD date");
	CHECK(m->site && !strcmp(m->site, "Valley Ledger"), "JSON-LD site");
	CHECK(m->url && !strcmp(m->url, "https://ledger.example/orchard"),
	      "JSON-LD url");
	CHECK(has(a, "Caf\xC3\xA9 owners"), "entity decoded");
	CHECK(!has(a, "Most read"), "sidebar removed");
	sp = px_article_html_spans(a, &n);
	CHECK(n == 2, "2 blocks, got %zu", n);
	if (n == 2) {
		/* A block starting with a reference starts at the tag
		 * before it ends; it ends on its last byte. */
		const char *z = strstr(p, "Caf&eacute;");

		CHECK(sp[1].html.start == (size_t)(z - p),
		      "block 2 starts at %zu, want %zu", sp[1].html.start,
		      (size_t)(z - p));
		CHECK(!memcmp(p + sp[1].html.end - 13, "expect more.", 12) ||
		      !memcmp(p + sp[1].html.end - 12, "expect more.", 12),
		      "block 2 ends after its text");
	}
	px_article_free(a);
}

static void windows_1252(void)
{
	static const char p[] =
		"<html><head><meta http-equiv=\"Content-Type\" "
		"content=\"text/html; charset=windows-1252\"></head><body>"
		"<p>The caf\xE9 on the pier re-opened \x93today\x94 after the "
		"storm, and its owner thanked the volunteers.</p>"
		"</body></html>";
	px_error err;
	px_article *a = from_html(p, sizeof(p) - 1, "cafe.html", PX_OK, &err);
	const px_html_span *sp;
	size_t n;

	if (!a)
		return;
	CHECK(has(a, "The caf\xC3\xA9 on the pier re-opened "
	             "\xE2\x80\x9Ctoday\xE2\x80\x9D"), "converted to UTF-8");
	CHECK(!strcmp(px_article_page(a)->charset, "WINDOWS-1252"),
	      "charset %s", px_article_page(a)->charset);
	CHECK(px_article_page(a)->bad_bytes == 0, "no bad bytes");
	sp = px_article_html_spans(a, &n);
	CHECK(n == 1 && sp[0].html.start == (size_t)(strstr(p, "The caf") - p)
	      && sp[0].html.end == (size_t)(strstr(p, "</p>") - p),
	      "span in the windows-1252 bytes");
	px_article_free(a);
}

/* Charset labels canon() does not map are kept by name (not a pointer to
 * its scratch copy of the label), and a label with stray bytes is no
 * label: both pages come out as JSON (the fuzzer found each one failing
 * as "out of memory"). */
static void charset_labels(void)
{
	static const char cyr[] =
		"<html><head><meta charset=\"windows-1251\"><title>\xCD\xEE"
		"\xE2\xEE\xF1\xF2\xE8</title></head><body><p>\xCC\xEE\xF1"
		"\xEA\xE2\xE0: the council met on Monday to vote on the port "
		"budget, officials said.</p></body></html>";
	static const char junk[] =
		"<html><head><meta charset=\"windows-12\xFF\xFF" "51\"><title>Caf"
		"\xE9 news</title></head><body><p>The caf\xE9 on the pier "
		"re-opened today after the storm, its owner said.</p>"
		"</body></html>";
	px_error err;
	px_article *a = from_html(cyr, sizeof(cyr) - 1, "cyr.html", PX_OK,
	                          &err);
	char *json = NULL;
	size_t len = 0;

	if (a) {
		CHECK(!strcmp(px_article_page(a)->charset, "windows-1251"),
		      "charset %s", px_article_page(a)->charset);
		CHECK(has(a, "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2"
		             "\xD0\xB0"), "Cyrillic converted to UTF-8");
		CHECK(px_article_to_json(a, 0, &json, &len) == PX_OK &&
		      strstr(json, "\"charset\":\"windows-1251\""),
		      "the JSON names the charset");
		free(json);
		json = NULL;
		px_article_free(a);
	}
	a = from_html(junk, sizeof(junk) - 1, "junk.html", PX_OK, &err);
	if (!a)
		return;
	CHECK(!strcmp(px_article_page(a)->charset, "WINDOWS-1252"),
	      "a label with stray bytes is none: %s (the bytes decide)",
	      px_article_page(a)->charset);
	CHECK(px_article_to_json(a, 0, &json, &len) == PX_OK, "JSON");
	free(json);
	px_article_free(a);
}

static void bad_utf8(void)
{
	static const char p[] =
		"<html><head><meta charset=\"utf-8\"></head><body><p>A broken "
		"byte \xFF here, in a page that says it is UTF-8 but is not "
		"quite.</p></body></html>";
	px_error err;
	px_article *a = from_html(p, sizeof(p) - 1, "bad.html", PX_OK, &err);

	if (!a)
		return;
	CHECK(px_article_page(a)->bad_bytes == 1 &&
	      px_article_page(a)->first_bad == (size_t)(strchr(p, '\xFF') - p),
	      "undecodable byte reported at %zu",
	      px_article_page(a)->first_bad);
	CHECK(has(a, "byte \xEF\xBF\xBD here"), "replaced by U+FFFD");
	px_article_free(a);
}

static void broken(void)
{
	static const char p[] =
		"<html><body><div><p>Unclosed paragraph about the river "
		"festival, which drew a record crowd this year<p>Another one "
		"<b>with bold <i>and italic text about the boats on the river"
		"</div></span></table><p>After stray end tags the text goes "
		"on, as the organisers promised.";
	px_error err;
	px_article *a = from_html(p, sizeof(p) - 1, "broken.html", PX_OK,
	                          &err);

	if (!a)
		return;
	CHECK(has(a, "record crowd"), "text of unclosed tags");
	CHECK(has(a, "as the organisers promised."), "text after stray tags");
	px_article_free(a);
}

static void deep(void)
{
	size_t depth = 100000, n = 0, i;
	const char *mid = "<p>Deep in the nesting lies a sentence about the "
	                  "lighthouse keeper and her long watch.</p>";
	char *p = malloc(depth * 5 + strlen(mid) + depth * 6 + 64);
	px_error err;
	px_article *a = NULL;
	px_status rc;

	if (!p)
		return;
	for (i = 0; i < depth; i++) {
		memcpy(p + n, "<div>", 5);
		n += 5;
	}
	memcpy(p + n, mid, strlen(mid));
	n += strlen(mid);
	for (i = 0; i < depth; i++) {
		memcpy(p + n, "</div>", 6);
		n += 6;
	}
	rc = px_article_from_html(p, n, "deep.html", NULL, &a, &err);
	CHECK(rc == PX_OK && has(a, "lighthouse keeper"),
	      "100000 levels: %s", rc ? err.msg : "no text");
	px_article_free(a);
	/* Unclosed, mixed, no end tags at all. */
	n = 0;
	for (i = 0; i < depth; i++) {
		memcpy(p + n, i % 2 ? "<span>" : "<div>", i % 2 ? 6 : 5);
		n += i % 2 ? 6 : 5;
	}
	a = NULL;
	rc = px_article_from_html(p, n, "deep2.html", NULL, &a, &err);
	CHECK(rc == PX_EEMPTY && !a, "deep and empty: %s", px_strerror(rc));
	free(p);
}

static void hostile(void)
{
	static const char bin[] = "\x7F" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0"
	                          "\x03\0>\0\x01\0\0\0";
	size_t big = (size_t)1 << 20, n, i;
	const char *head = "<html><body><p title=\"";
	const char *tail = "\">The parade went ahead despite the rain, "
	                   "said the town's events office.</p></body></html>";
	char *p;
	px_error err;
	px_article *a;

	from_html(bin, sizeof(bin) - 1, "binary.html", PX_EPARSE, &err);
	CHECK(strstr(err.msg, "binary data") && strstr(err.msg, "binary.html"),
	      "message: %s", err.msg);
	from_html("", 0, "empty.html", PX_EEMPTY, &err);
	from_html("<html><body><script>var x = 1;</script></body></html>",
	          53, "script.html", PX_EEMPTY, &err);
	/* A 1 MiB attribute. */
	p = malloc(big + 256);
	if (!p)
		return;
	n = strlen(head);
	memcpy(p, head, n);
	for (i = 0; i < big; i++)
		p[n++] = 'x';
	memcpy(p + n, tail, strlen(tail));
	n += strlen(tail);
	a = from_html(p, n, "attr.html", PX_OK, &err);
	CHECK(a && has(a, "The parade went ahead"), "text after a huge "
	      "attribute");
	px_article_free(a);
	free(p);
}

/* gzip (p, n) into *out with zlib; returns its length. */
static size_t gz(const char *p, size_t n, char *out, size_t cap)
{
	z_stream zs;

	memset(&zs, 0, sizeof(zs));
	if (deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
	                 Z_DEFAULT_STRATEGY) != Z_OK)
		return 0;
	zs.next_in = (Bytef *)(uintptr_t)p;
	zs.avail_in = (uInt)n;
	zs.next_out = (Bytef *)out;
	zs.avail_out = (uInt)cap;
	deflate(&zs, Z_FINISH);
	n = zs.total_out;
	deflateEnd(&zs);
	return n;
}

static void gzipped(void)
{
	static char z[8192];
	size_t n = gz(page, sizeof(page) - 1, z, sizeof(z));
	px_error err;
	px_article *a;
	char path[] = "build/tmp-page-XXXXXX";
	char cmd[512], *out = NULL, *errs = NULL;
	int fd, st;
	FILE *f;

	CHECK(n > 20, "gzip failed");
	a = from_html(z, n, "bridge.html.gz", PX_OK, &err);
	CHECK(a && has(a, "Engineers replaced") &&
	      px_article_page(a)->gzip, "gzip page");
	px_article_free(a);
	from_html(z, n / 2, "cut.html.gz", PX_EPARSE, &err);
	CHECK(strstr(err.msg, "truncated gzip data at byte") &&
	      strstr(err.msg, "cut.html.gz"), "message: %s", err.msg);
	/* The CLI, on a truncated .html.gz and a good page. */
	fd = mkstemp(path);
	if (fd < 0)
		return;
	close(fd);
	f = fopen(path, "wb");
	if (f) {
		fwrite(z, 1, n / 2, f);
		fclose(f);
	}
	snprintf(cmd, sizeof(cmd), "mv %s %s.html.gz && %s analyze "
	         "%s.html.gz", path, path,
	         getenv("PX_BIN") ? getenv("PX_BIN") : "build/parallax",
	         path);
	st = t_run(cmd, &out, &errs);
	CHECK(st == 1 && errs && strstr(errs, "truncated gzip data at byte"),
	      "CLI: status %d, stderr %s", st, errs ? errs : "");
	free(out);
	free(errs);
	snprintf(cmd, sizeof(cmd), "rm -f %s.html.gz", path);
	if (system(cmd))
		CHECK(0, "rm failed");
}

static void cli(void)
{
	char path[] = "build/tmp-page-XXXXXX", cmd[512];
	char *out = NULL, *errs = NULL;
	int fd = mkstemp(path), st;
	FILE *f;

	if (fd < 0)
		return;
	close(fd);
	f = fopen(path, "wb"); /* no .html name: found by content */
	if (f) {
		fwrite(page, 1, sizeof(page) - 1, f);
		fclose(f);
	}
	snprintf(cmd, sizeof(cmd), "%s analyze %s",
	         getenv("PX_BIN") ? getenv("PX_BIN") : "build/parallax", path);
	st = t_run(cmd, &out, &errs);
	CHECK(st == 0 && out && strstr(out, "\"Mara Quill\"") &&
	      strstr(out, "\"source_from\":\"page\"") &&
	      !strstr(out, "Share on Facebook"), "CLI on a page: %d %s", st,
	      errs ? errs : "");
	free(out);
	free(errs);
	unlink(path);
}

/* Paragraphs of invented prose for the rule tests below. */
#define PROSE1 "<p>The ferry company on Lake Tessin added a third boat " \
	"this spring, and the crossing now runs every twenty minutes " \
	"from six in the morning.</p>"
#define PROSE2 "<p>Commuters from the northern shore had asked for more " \
	"crossings for years, the company said, and the council agreed " \
	"to pay half of the cost.</p>"
#define PROSE3 "<p>The new boat, built in a yard at Varnholm, carries " \
	"two hundred passengers, forty bicycles and, on weekends, a small " \
	"coffee counter.</p>"

static px_article *page_of(const char *p, const char *name)
{
	px_error err;

	return from_html(p, strlen(p), name, PX_OK, &err);
}

/* An aside or a noscript that holds most of the page's prose (the HTML
 * parser nests the article in one it thinks left open) is kept; a
 * small one, or a footer inside the article, goes. */
static void soft_containers(void)
{
	static const char p1[] =
		"<html><body><nav><a href=\"/\">Home</a> <a href=\"/n\">News"
		"</a></nav><aside class=\"wrap\"><div class=\"text\">" PROSE1
		PROSE2 PROSE3 "</div></aside></body></html>";
	static const char p2[] =
		"<html><body><noscript><div id=\"page\"><div class=\"text\">"
		PROSE1 PROSE2 PROSE3 "</div></div></noscript></body></html>";
	static const char p3[] =
		"<html><body><article><div class=\"text\">" PROSE1 PROSE2
		"</div><footer><p>Our harbour desk has covered the lake and "
		"its boats since the first ferry ran in the old days.</p>"
		"</footer></article><aside><p>Weather on the lake: wind from "
		"the west, waves up to a metre in the afternoon.</p></aside>"
		"</body></html>";
	px_article *a = page_of(p1, "aside.html");

	CHECK(a && has(a, "a third boat") && has(a, "coffee counter"),
	      "article inside an aside kept");
	CHECK(a && !has(a, "Home"), "navigation still removed");
	px_article_free(a);
	a = page_of(p2, "noscript.html");
	CHECK(a && has(a, "a third boat"), "article inside noscript kept");
	px_article_free(a);
	a = page_of(p3, "footer.html");
	CHECK(a && has(a, "Commuters from the northern shore"), "content");
	CHECK(a && !has(a, "harbour desk"), "footer in the article removed");
	CHECK(a && !has(a, "Weather on the lake"), "aside removed");
	px_article_free(a);
}

/* Class and id hints: a boilerplate word in the name of the element
 * that holds the content does not remove it; "related", "comments"
 * win over "post"; author boxes, meta lines, captions and credits go. */
static void class_hints(void)
{
	static const char p1[] =
		"<html><body><div class=\"story\">" PROSE1
		"<div class=\"copy-ad\">" PROSE2 PROSE3 PROSE1 "</div></div>"
		"<div class=\"ad\"><p>Buy "
		"two lamps and get the third one free, this week only, in all "
		"our shops.</p></div></body></html>";
	static const char p2[] =
		"<html><body><div class=\"offcanvas\"><div class=\"text\">"
		"<p>Sign in to read our stories on every device you own, "
		"and keep your reading list in one place.</p></div></div>"
		"<div class=\"post-content\">"
		"<div class=\"meta\">Posted on 3 May by the harbour "
		"desk</div>" PROSE1
		"<figure><img src=\"a.jpg\"><figcaption>The new boat at the "
		"pier in Varnholm</figcaption></figure>" PROSE2
		"<div class=\"wp-caption\"><img src=\"b.jpg\"><p>Photo: Lake "
		"archive</p></div>" PROSE3
		"<div class=\"pic\"><img src=\"c.jpg\"><div>Seen from "
		"the ferry deck</div></div>"
		"<div class=\"img-legend\">The lake in winter</div>"
		"<div class=\"star-rating\">No ratings yet</div>"
		"<div class=\"author-bio\"><p>Edda Morn writes about boats, "
		"bridges and the people who keep them running.</p></div>"
		"<div class=\"post-related\"><p>Another story about the "
		"lake, with a long summary of what happened on the shore.</p>"
		"</div><div id=\"comments18\"><p>What a lovely boat, I will "
		"take it to work every single day from now on.</p></div>"
		"</div></body></html>";
	px_article *a = page_of(p1, "copy-ad.html");

	CHECK(a && has(a, "a third boat") && has(a, "coffee counter"),
	      "content in a boilerplate-named element kept");
	CHECK(a && !has(a, "lamps"), "advert removed");
	px_article_free(a);
	a = page_of(p2, "hints.html");
	CHECK(a && has(a, "a third boat") && has(a, "Commuters") &&
	      has(a, "two hundred passengers"), "content kept");
	CHECK(a && !has(a, "Posted on"), "meta line removed");
	CHECK(a && !has(a, "at the pier"), "figcaption removed");
	CHECK(a && !has(a, "Lake archive"), "caption class removed");
	CHECK(a && !has(a, "ferry deck"), "short text by an image removed");
	CHECK(a && !has(a, "in winter"), "legend removed");
	CHECK(a && !has(a, "ratings yet"), "rating widget removed");
	CHECK(a && !has(a, "Sign in to read"), "off-canvas panel removed");
	CHECK(a && !has(a, "Edda Morn"), "author box removed");
	CHECK(a && !has(a, "Another story"), "related posts removed");
	CHECK(a && !has(a, "lovely boat"), "comments18 removed");
	px_article_free(a);
}

/* Captions that hold most of the text (a gallery) are the text. */
static void gallery(void)
{
	static const char p[] =
		"<html><body><div class=\"gallery\">"
		"<figure><img src=\"1.jpg\"><figcaption><p>The first boat "
		"left the pier at six, with a crew of three and a dog that "
		"nobody could explain.</p></figcaption></figure>"
		"<figure><img src=\"2.jpg\"><figcaption><p>By noon the lake "
		"was calm, and the second boat carried a choir across to "
		"sing on the northern shore.</p></figcaption></figure>"
		"<figure><img src=\"3.jpg\"><figcaption><p>In the evening "
		"the whole town came down to the water to watch the lights "
		"of the new ferry.</p></figcaption></figure>"
		"</div></body></html>";
	px_article *a = page_of(p, "gallery.html");

	CHECK(a && has(a, "crew of three") && has(a, "a choir"),
	      "gallery captions kept");
	px_article_free(a);
}

/* Text split across sibling sections of the same class is kept whole. */
static void sections(void)
{
	static const char p[] =
		"<html><body><div class=\"page\"><div class=\"annexes\">"
		"<section class=\"annex\"><h2>Morning</h2><div class=\"body\">"
		PROSE1 PROSE2 PROSE3 "</div></section>"
		"<section class=\"annex\"><h2>Evening</h2><div class=\"body\">"
		"<p>On its first day the third boat carried more than four "
		"hundred people, most of them on their way to work.</p>" PROSE2
		"</div></section></div><div class=\"more\"><ul><li><a "
		"href=\"/x\">More from the lake and its boats</a></li><li><a "
		"href=\"/y\">Weather</a></li></ul></div></div></body></html>";
	px_article *a = page_of(p, "sections.html");

	CHECK(a && has(a, "a third boat") && has(a, "four hundred people"),
	      "both sections kept");
	CHECK(a && !has(a, "More from the lake"), "links left out");
	px_article_free(a);
}

/* Ruby readings are left out, and the annotated text runs on. */
static void ruby(void)
{
	static const char p[] =
		"<html><body><div class=\"text\"><p>The <ruby>ferry<rp>("
		"</rp><rt>fe-ri</rt><rp>)</rp></ruby> to Varnholm leaves "
		"every twenty minutes, from six in the morning until late "
		"in the evening, all year.</p>" PROSE2 "</div></body></html>";
	px_article *a = page_of(p, "ruby.html");

	CHECK(a && has(a, "The ferry to Varnholm leaves"), "ruby text runs on");
	CHECK(a && !has(a, "fe-ri"), "reading removed");
	px_article_free(a);
}

/* A heading over a section that was left out goes; the lead between
 * the headline and the body stays. */
static void headings_and_lead(void)
{
	static const char p[] =
		"<html><head><title>Third ferry for the lake</title></head>"
		"<body><article><header><h1>A third ferry for Lake Tessin</h1>"
		"<div class=\"excerpt\"><p>The crossing will run every twenty "
		"minutes, after years of requests from commuters on the "
		"northern shore.</p></div></header><div class=\"text\">"
		PROSE1 PROSE2 PROSE3 "<h3>Read more</h3><ul>"
		"<li><a href=\"/a\">Bridge works start in June</a></li>"
		"<li><a href=\"/b\">The old pier gets a new roof</a></li>"
		"<li><a href=\"/c\">Lake festival moves to August</a></li>"
		"</ul></div></article></body></html>";
	px_article *a = page_of(p, "lead.html");

	CHECK(a && has(a, "years of requests from commuters"), "lead kept");
	CHECK(a && has(a, "a third boat"), "body kept");
	CHECK(a && !has(a, "Bridge works"), "link list removed");
	CHECK(a && !has(a, "Read more"), "its heading removed");
	px_article_free(a);
}

int test_html(void)
{
	boilerplate();
	json_ld();
	windows_1252();
	charset_labels();
	bad_utf8();
	broken();
	deep();
	hostile();
	gzipped();
	cli();
	soft_containers();
	class_hints();
	gallery();
	sections();
	ruby();
	headings_and_lead();
	return 0;
}
