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

int test_html(void)
{
	boilerplate();
	json_ld();
	windows_1252();
	bad_utf8();
	broken();
	deep();
	hostile();
	gzipped();
	cli();
	return 0;
}
