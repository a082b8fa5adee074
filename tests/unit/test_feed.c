/*
 * test_feed.c - news feeds (RSS 2.0, RSS 1.0/RDF, Atom) and web archives
 * (WARC, plain and gzipped per record) to items and articles: fields,
 * dates, content offsets, HTML content, errors with their positions, and
 * recovery after a broken record. Every feed, page and archive here is
 * written for the test (invented outlets and events); the archives are
 * built by the test itself.
 */
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>

#include "../test.h"
#include "feed/feed_int.h"

/* ---- Feeds --------------------------------------------------------------- */

static const char rss[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<rss version=\"2.0\" "
	"xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
	"xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	"<channel>\n"
	"  <title>The Harbor  Ledger</title>\n"
	"  <link>https://ledger.example/</link>\n"
	"  <image><title>Logo title</title></image>\n"
	"  <item>\n"
	"    <title>Ferry service resumes after storm</title>\n"
	"    <link>https://ledger.example/ferry</link>\n"
	"    <author>desk@ledger.example (Mara Quill)</author>\n"
	"    <pubDate>Tue, 04 Mar 2025 08:15:00 -0500</pubDate>\n"
	"    <guid isPermaLink=\"false\">ledger-1001</guid>\n"
	"    <description>Short summary &amp; more.</description>\n"
	"    <content:encoded><![CDATA[<p>The ferry to Gull Island ran "
	"again on Monday, the port authority said.</p><div class=\"share\">"
	"</div><p>\"We are glad to be back,\" said captain Ilse Varn.</p>]]>"
	"</content:encoded>\n"
	"  </item>\n"
	"  <item>\n"
	"    <title>Council delays vote</title>\n"
	"    <guid>https://ledger.example/council</guid>\n"
	"    <dc:creator>Tomas Reed</dc:creator>\n"
	"    <pubDate>Wed, 5 Mar 25 17:00 GMT</pubDate>\n"
	"    <description>The town council postponed its vote on the "
	"harbor budget until April.</description>\n"
	"  </item>\n"
	"  <item>\n"
	"    <title>Only a title</title>\n"
	"    <pubDate>not a date</pubDate>\n"
	"  </item>\n"
	"</channel>\n"
	"</rss>\n";

static const char atom[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
	"  <title type=\"text\">Valley Wire</title>\n"
	"  <entry>\n"
	"    <title>Bridge opens</title>\n"
	"    <link rel=\"self\" href=\"https://wire.example/self\"/>\n"
	"    <link rel=\"alternate\" href=\"https://wire.example/bridge\"/>\n"
	"    <id>tag:wire.example,2025:1</id>\n"
	"    <updated>2025-03-06T10:00:00Z</updated>\n"
	"    <published>2025-03-06T09:30:00.25+01:00</published>\n"
	"    <author><name>Ola Brandt</name></author>\n"
	"    <source><title>Another Outlet</title></source>\n"
	"    <summary>A summary.</summary>\n"
	"    <content type=\"xhtml\"><div "
	"xmlns=\"http://www.w3.org/1999/xhtml\"><p>The new bridge over the "
	"Ness river opened to traffic on Thursday.</p><p>Officials said "
	"lanes 4 &amp; 5 would follow.</p></div></content>\n"
	"  </entry>\n"
	"  <entry>\n"
	"    <title>Rain expected</title>\n"
	"    <link href=\"https://wire.example/rain\"/>\n"
	"    <updated>2025-03-07t06:00:00z</updated>\n"
	"    <content type=\"html\">&lt;p&gt;Heavy rain is expected in the "
	"valley on Friday, forecasters said.&lt;/p&gt;</content>\n"
	"  </entry>\n"
	"</feed>\n";

static const char rdf[] =
	"<?xml version=\"1.0\"?>\n"
	"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
	"xmlns=\"http://purl.org/rss/1.0/\" "
	"xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	"  <channel rdf:about=\"https://north.example/\">"
	"<title>North Courier</title></channel>\n"
	"  <item rdf:about=\"https://north.example/mill\">\n"
	"    <title>Mill reopens</title>"
	"<link>https://north.example/mill</link>\n"
	"    <description>The old mill in Harlow reopened as a museum on "
	"Saturday.</description>\n"
	"    <dc:date>2025-03-01</dc:date><dc:creator>Ruth Agne</dc:creator>\n"
	"  </item>\n"
	"</rdf:RDF>\n";

/* Open a feed from a string; NULL (after a check) on failure. */
static px_feed *open_feed(const char *xml, size_t n, const char *name,
                          px_status want, px_error *err)
{
	px_feed *f = NULL;
	px_status rc = px_feed_open(xml, n, name, NULL, &f, err);

	CHECK(rc == want, "%s: %s (%s), want %s", name, px_strerror(rc),
	      rc ? err->msg : "", px_strerror(want));
	CHECK(rc ? f == NULL : f != NULL, "%s: feed handle and status", name);
	return f;
}

/* The next item, checked to come. */
static const px_item *next_item(px_feed *f)
{
	const px_item *it = NULL;
	px_error err;
	px_status rc = px_feed_next(f, &it, &err);

	CHECK(rc == PX_OK && it, "next item: %s", rc ? err.msg : "end");
	return rc ? NULL : it;
}

static int has(const char *z, const char *want)
{
	return z && strstr(z, want) != NULL;
}

static int is(const char *z, const char *want)
{
	return z && !strcmp(z, want);
}

static void test_rss(void)
{
	px_error err;
	px_feed *f = open_feed(rss, sizeof(rss) - 1, "ledger.rss", PX_OK,
	                       &err);
	const px_item *it;
	px_article *a = NULL;
	const char *text;
	const px_html_span *sp;
	size_t len, n, i;
	px_status rc;

	if (!f)
		return;
	CHECK(is(px_feed_title(f), "The Harbor Ledger"), "outlet: %s",
	      px_feed_title(f));
	it = next_item(f);
	if (!it)
		goto out;
	CHECK(is(it->kind, "rss"), "kind %s", it->kind);
	CHECK(is(it->title, "Ferry service resumes after storm"), "title %s",
	      it->title);
	CHECK(is(it->url, "https://ledger.example/ferry"), "url %s", it->url);
	CHECK(is(it->source, "The Harbor Ledger"), "source %s", it->source);
	CHECK(is(it->author, "Mara Quill"), "author %s", it->author);
	CHECK(is(it->published, "2025-03-04T08:15:00-05:00"), "date %s",
	      it->published);
	CHECK(is(it->id, "ledger-1001"), "id %s", it->id);
	CHECK(is(it->input, "ledger.rss:7"), "input %s", it->input);
	CHECK(it->line == 7 && !memcmp(rss + it->offset, "<item>", 6),
	      "item at line %zu byte %zu", it->line, it->offset);
	/* content:encoded wins over description; it is HTML and verbatim
	 * (one CDATA section), so its offset leads into the feed. */
	CHECK((it->flags & PX_ITEM_HTML) && (it->flags & PX_ITEM_VERBATIM),
	      "flags %u", it->flags);
	CHECK(it->content_offset + it->content_len <= sizeof(rss) - 1 &&
	      !memcmp(rss + it->content_offset, it->content, it->content_len),
	      "content at %zu is the feed's bytes", it->content_offset);
	CHECK(!strncmp(it->content, "<p>The ferry", 12), "content %.20s",
	      it->content);
	rc = px_article_from_item(it, NULL, &a, &err);
	CHECK(rc == PX_OK, "article: %s", rc ? err.msg : "");
	if (a) {
		const px_meta *m = px_article_meta(a);

		text = px_article_text(a, &len);
		CHECK(!strncmp(text, "The ferry to Gull Island", 24) &&
		      !memchr(text, '<', len), "text: %.*s", (int)len, text);
		CHECK(has(text, "said captain Ilse Varn."), "second paragraph");
		CHECK(is(m->title, it->title) && is(m->url, it->url) &&
		      is(m->source, "The Harbor Ledger") &&
		      is(m->author, "Mara Quill") &&
		      is(m->published, "2025-03-04T08:15:00-05:00") &&
		      is(m->id, "ledger-1001") && is(m->input, "ledger.rss:7"),
		      "meta from the item");
		/* Each block maps to the same words in the item's content. */
		sp = px_article_html_spans(a, &n);
		CHECK(n == 2, "%zu html spans", n);
		for (i = 0; i < n; i++) {
			size_t tl = sp[i].text.end - sp[i].text.start;

			CHECK(sp[i].html.end <= it->content_len &&
			      sp[i].html.end - sp[i].html.start == tl &&
			      !memcmp(it->content + sp[i].html.start,
			              text + sp[i].text.start, tl),
			      "span %zu: text and content bytes agree", i);
		}
		px_article_free(a);
	}
	it = next_item(f);
	if (!it)
		goto out;
	/* A guid that is a permalink is the link and the id; dc:creator;
	 * a two-digit year; a plain description is the text as it is. */
	CHECK(is(it->url, "https://ledger.example/council") &&
	      is(it->id, "https://ledger.example/council"), "guid %s", it->url);
	CHECK(is(it->author, "Tomas Reed"), "creator %s", it->author);
	CHECK(is(it->published, "2025-03-05T17:00:00Z"), "date %s",
	      it->published);
	CHECK(!(it->flags & PX_ITEM_HTML) && (it->flags & PX_ITEM_VERBATIM),
	      "plain flags %u", it->flags);
	a = NULL;
	rc = px_article_from_item(it, NULL, &a, &err);
	if (a) {
		text = px_article_text(a, &len);
		CHECK(len == it->content_len &&
		      !memcmp(text, it->content, len) &&
		      !memcmp(rss + it->content_offset, text, len),
		      "plain text is the content, at its feed offset");
		px_article_free(a);
	}
	it = next_item(f);
	if (!it)
		goto out;
	CHECK(is(it->published, "not a date"), "unparsed date kept: %s",
	      it->published);
	rc = px_article_from_item(it, NULL, &a, &err);
	CHECK(rc == PX_EEMPTY && !a && has(err.msg, "item has no text") &&
	      has(err.msg, "ledger.rss:") && err.line == it->line,
	      "title-only item: %s", err.msg);
	rc = px_feed_next(f, &it, &err);
	CHECK(rc == PX_OK && !it, "end of the feed");
	rc = px_feed_next(f, &it, &err);
	CHECK(rc == PX_OK && !it, "still the end");
out:
	px_feed_free(f);
}

static void test_atom_rdf(void)
{
	px_error err;
	px_feed *f = open_feed(atom, sizeof(atom) - 1, "wire.atom", PX_OK,
	                       &err);
	const px_item *it;
	px_article *a = NULL;
	const char *text;
	size_t len;

	if (f) {
		CHECK(is(px_feed_title(f), "Valley Wire"), "atom title %s",
		      px_feed_title(f));
		it = next_item(f);
		if (it) {
			CHECK(is(it->kind, "atom"), "kind");
			CHECK(is(it->url, "https://wire.example/bridge"),
			      "alternate link %s", it->url);
			CHECK(is(it->published, "2025-03-06T09:30:00+01:00"),
			      "published wins over updated: %s",
			      it->published);
			CHECK(is(it->author, "Ola Brandt"), "author %s",
			      it->author);
			CHECK(is(it->source, "Valley Wire"),
			      "source element passed over: %s", it->source);
			CHECK((it->flags & PX_ITEM_HTML) &&
			      !(it->flags & PX_ITEM_VERBATIM), "xhtml flags");
			CHECK(px_article_from_item(it, NULL, &a, &err) == PX_OK,
			      "atom article: %s", err.msg);
			text = a ? px_article_text(a, &len) : "";
			CHECK(has(text, "opened to traffic on Thursday.") &&
			      has(text, "lanes 4 & 5 would follow."),
			      "xhtml content as text: %s", text);
			px_article_free(a);
			a = NULL;
		}
		it = next_item(f);
		if (it) {
			CHECK(is(it->url, "https://wire.example/rain"),
			      "link without rel %s", it->url);
			CHECK(is(it->published, "2025-03-07T06:00:00Z"),
			      "updated, lower-case t and z: %s", it->published);
			CHECK(px_article_from_item(it, NULL, &a, &err) == PX_OK,
			      "html content: %s", err.msg);
			text = a ? px_article_text(a, &len) : "";
			CHECK(!strncmp(text, "Heavy rain", 10), "escaped HTML "
			      "content as text: %s", text);
			px_article_free(a);
			a = NULL;
		}
		px_feed_free(f);
	}
	f = open_feed(rdf, sizeof(rdf) - 1, "north.rdf", PX_OK, &err);
	if (f) {
		it = next_item(f);
		if (it) {
			CHECK(is(it->kind, "rdf") &&
			      is(it->title, "Mill reopens") &&
			      is(it->url, "https://north.example/mill") &&
			      is(it->source, "North Courier") &&
			      is(it->author, "Ruth Agne") &&
			      is(it->published, "2025-03-01"),
			      "rdf item: %s %s %s %s", it->title, it->url,
			      it->source, it->published);
		}
		px_feed_free(f);
	}
}

static void test_dates(void)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{"Sat, 07 Sep 2002 00:00:01 GMT", "2002-09-07T00:00:01Z"},
		{"7 Sep 2002 09:05 EDT", "2002-09-07T09:05:00-04:00"},
		{"Mon, 29 Feb 2016 23:59:60 +0530",
		 "2016-02-29T23:59:60+05:30"},
		{"Thu, 01 Jan 70 00:00:00 UT", "1970-01-01T00:00:00Z"},
		{"Tuesday, 10 June 2003 04:00:00 PST",
		 "2003-06-10T04:00:00-08:00"},
		{"2003-12-13T18:30:02Z", "2003-12-13T18:30:02Z"},
		{"2003-12-13 18:30:02.123-0700", "2003-12-13T18:30:02-07:00"},
		{"2003-12-13T18:30+00:00", "2003-12-13T18:30:00Z"},
		{" 2003-12-13 ", "2003-12-13"},
		{"Mon, 30 Feb 2015 10:00:00 GMT", NULL},
		{"2003-13-01", NULL},
		{"2003-12-13T25:00:00Z", NULL},
		{"yesterday", NULL},
		{"", NULL},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char out[40] = "";
		int ok = fx_date_iso(cases[i].in, strlen(cases[i].in), out,
		                     sizeof(out));

		if (cases[i].want)
			CHECK(ok && !strcmp(out, cases[i].want),
			      "'%s' -> '%s', want '%s'", cases[i].in, out,
			      cases[i].want);
		else
			CHECK(!ok, "'%s' parsed as '%s'", cases[i].in, out);
	}
}

static void test_bad_feeds(void)
{
	static const char broken[] =
		"<rss><channel><title>X</title>\n"
		"<item><title>A</title><description>The first item is "
		"whole.</description></item>\n"
		"<item><title>B</title><description>oops</channel></rss>\n";
	static const char laughs[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\">"
		"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
		"<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n"
		"<rss><channel><item><title>&c;</title><description>x"
		"</description></item></channel></rss>\n";
	static const char xxe[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>\n"
		"<rss><channel><item><description>&x;</description></item>"
		"</channel></rss>\n";
	static const char nul[] = "<rss><channel><item><description>a\0b"
	                          "</description></item></channel></rss>";
	static const char html[] = "<!DOCTYPE html>\n<html><body><p>Not a "
	                           "feed.</p></body></html>\n";
	static const char empty[] = "<feed xmlns=\"http://www.w3.org/2005/"
	                            "Atom\"><title>Quiet</title></feed>";
	const px_item *it;
	px_error err;
	px_feed *f;
	px_status rc;

	/* Items before the error, then the error with line and column. */
	f = open_feed(broken, sizeof(broken) - 1, "broken.rss", PX_OK, &err);
	if (f) {
		it = next_item(f);
		CHECK(it && is(it->title, "A"), "item before the error");
		rc = px_feed_next(f, &it, &err);
		CHECK(rc == PX_EPARSE && !it && err.line == 3 &&
		      has(err.msg, "malformed XML") &&
		      has(err.msg, "(line 3) in broken.rss") &&
		      has(err.msg, "column"), "error after items: %s", err.msg);
		CHECK(err.offset > 80 && err.offset < sizeof(broken) &&
		      broken[err.offset - 1] != '\n', "error offset %zu",
		      err.offset);
		rc = px_feed_next(f, &it, &err);
		CHECK(rc == PX_OK && !it, "end after the error");
		px_feed_free(f);
	}
	/* Malformed before any item: the open fails. */
	f = open_feed(broken, 40, "cut.rss", PX_EPARSE, &err);
	CHECK(has(err.msg, "malformed XML") && err.line == 2,
	      "cut feed: %s", err.msg);
	f = open_feed(laughs, sizeof(laughs) - 1, "laughs.rss", PX_EPARSE,
	              &err);
	CHECK(has(err.msg, "entity 'c' is not one of XML's five") &&
	      err.line == 3, "entities are not expanded: %s", err.msg);
	f = open_feed(xxe, sizeof(xxe) - 1, "xxe.rss", PX_EPARSE, &err);
	CHECK(has(err.msg, "entity 'x'"), "no external entity: %s", err.msg);
	f = open_feed(nul, sizeof(nul) - 1, "nul.rss", PX_EPARSE, &err);
	CHECK(has(err.msg, "malformed XML") && err.offset == 34,
	      "NUL byte: %s", err.msg);
	f = open_feed(html, sizeof(html) - 1, "page.rss", PX_EPARSE, &err);
	CHECK(has(err.msg, "not a news feed (root element <html>)") &&
	      err.line == 2 && err.offset == 16, "html: %s", err.msg);
	f = open_feed("", 0, "none.rss", PX_EEMPTY, &err);
	f = open_feed(empty, sizeof(empty) - 1, "quiet.atom", PX_OK, &err);
	if (f) {
		rc = px_feed_next(f, &it, &err);
		CHECK(rc == PX_EEMPTY && has(err.msg, "no items in the feed in "
		                             "quiet.atom"), "empty: %s",
		      err.msg);
		rc = px_feed_next(f, &it, &err);
		CHECK(rc == PX_OK && !it, "then the end");
		px_feed_free(f);
	}
}

/* ---- Sniffing and copies ------------------------------------------------- */

static void test_sniff_dup(void)
{
	static const char warc[] = "WARC/1.0\r\nWARC-Type: warcinfo\r\n";
	px_error err;
	px_feed *f;
	const px_item *it;
	px_item *c;

	CHECK(px_container_sniff(rss, sizeof(rss) - 1) == PX_CONTAINER_FEED,
	      "rss sniffed");
	CHECK(px_container_sniff(atom, sizeof(atom) - 1) == PX_CONTAINER_FEED,
	      "atom sniffed");
	CHECK(px_container_sniff(rdf, sizeof(rdf) - 1) == PX_CONTAINER_FEED,
	      "rdf sniffed");
	CHECK(px_container_sniff(warc, sizeof(warc) - 1) == PX_CONTAINER_WARC,
	      "warc sniffed");
	CHECK(px_container_sniff("<html><p>x</p></html>", 21) ==
	      PX_CONTAINER_NONE, "html is not a container");
	CHECK(px_container_sniff("Plain words.", 12) == PX_CONTAINER_NONE,
	      "text is not a container");
	CHECK(px_container_sniff("<?xml version=\"1.0\"?><note/>", 28) ==
	      PX_CONTAINER_NONE, "other XML is not a feed");
	f = open_feed(rss, sizeof(rss) - 1, "dup.rss", PX_OK, &err);
	if (!f)
		return;
	it = next_item(f);
	c = it ? px_item_dup(it, NULL) : NULL;
	px_feed_free(f);
	CHECK(c && is(c->title, "Ferry service resumes after storm") &&
	      is(c->input, "dup.rss:7") && c->content_len > 100 &&
	      c->content[c->content_len] == '\0' &&
	      !strncmp(c->content, "<p>The ferry", 12),
	      "the copy outlives the feed");
	px_item_free(c);
	px_item_free(NULL);
}

/* ---- Web archives -------------------------------------------------------- */

static const char page[] =
	"<html><head><title>Dam repair finished</title></head><body>"
	"<nav><a href=\"/\">Home</a></nav><article><h1>Dam repair finished"
	"</h1><p>Work on the Elm Creek dam ended on Friday after eight "
	"months, the water board said in a statement.</p><p>The board said "
	"the reservoir would be refilled slowly over the spring.</p>"
	"</article></body></html>";

/* A growable byte string for building archives. */
typedef struct bytes {
	char *p;
	size_t n, cap;
} bytes;

static void put(bytes *b, const void *p, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t cap = (b->n + n + 1) * 2;
		char *np = realloc(b->p, cap);

		if (!np)
			abort();
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void putz(bytes *b, const char *z)
{
	put(b, z, strlen(z));
}

/* One WARC record into b. */
static void record(bytes *b, const char *type, const char *uri,
                   const char *ctype, const char *block, size_t n)
{
	char h[512];

	snprintf(h, sizeof(h), "WARC/1.1\r\nWARC-Type: %s\r\n"
	         "WARC-Date: 2025-03-04T10:11:12Z\r\n"
	         "WARC-Record-ID: <urn:uuid:0000-%s>\r\n%s%s%s"
	         "Content-Type: %s\r\nContent-Length: %zu\r\n\r\n", type,
	         type, uri ? "WARC-Target-URI: " : "", uri ? uri : "",
	         uri ? "\r\n" : "", ctype, n);
	putz(b, h);
	put(b, block, n);
	putz(b, "\r\n\r\n");
}

/* An HTTP response with the page as its body. */
static void response(bytes *b, const char *uri, const char *status,
                     const char *ctype, int chunked)
{
	bytes h = {0};

	putz(&h, "HTTP/1.1 ");
	putz(&h, status);
	putz(&h, "\r\nContent-Type: ");
	putz(&h, ctype);
	putz(&h, chunked ? "\r\nTransfer-Encoding: chunked\r\n\r\n"
	                 : "\r\n\r\n");
	if (chunked) {
		size_t i, k, n = sizeof(page) - 1;

		for (i = 0; i < n; i += k) {
			char line[32];

			k = n - i < 70 ? n - i : 70;
			snprintf(line, sizeof(line), "%zx;ext=1\r\n", k);
			putz(&h, line);
			put(&h, page + i, k);
			putz(&h, "\r\n");
		}
		putz(&h, "0\r\n\r\n");
	} else {
		putz(&h, page);
	}
	record(b, "response", uri, "application/http; msgtype=response", h.p,
	       h.n);
	free(h.p);
}

/* The test archive's records, one per entry of recs (its offset in
 * plain form); returns how many. */
static size_t build_records(bytes *recs, size_t max)
{
	static const char req[] =
		"GET /a HTTP/1.1\r\nHost: dam.example\r\n\r\n";
	size_t k = 0;

	record(&recs[k++], "warcinfo", NULL, "application/warc-fields",
	       "software: test\r\n", 16);
	record(&recs[k++], "request", "http://dam.example/a",
	       "application/http; msgtype=request", req, sizeof(req) - 1);
	response(&recs[k++], "http://dam.example/a", "200 OK",
	         "text/html; charset=\"utf-8\"", 0);
	response(&recs[k++], "http://dam.example/gone", "404 Not Found",
	         "text/html", 0);
	response(&recs[k++], "http://dam.example/logo.png", "200 OK",
	         "image/png", 0);
	response(&recs[k++], "http://dam.example/c", "200 OK", "text/html",
	         1);
	record(&recs[k++], "resource", "<http://dam.example/d>",
	       "text/html; charset=windows-1252", page, sizeof(page) - 1);
	(void)max;
	return k;
}

/* gzip (p, n) as one member onto out. */
static void gzip_onto(bytes *out, const char *p, size_t n)
{
	z_stream zs;
	char buf[65536];
	int zr;

	memset(&zs, 0, sizeof(zs));
	if (deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
	                 Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	zs.next_in = (Bytef *)(uintptr_t)p;
	zs.avail_in = (uInt)n;
	do {
		zs.next_out = (Bytef *)buf;
		zs.avail_out = sizeof(buf);
		zr = deflate(&zs, Z_FINISH);
		put(out, buf, sizeof(buf) - zs.avail_out);
	} while (zr == Z_OK);
	deflateEnd(&zs);
}

/* A reader that hands out at most step bytes a call, or fails at fail. */
typedef struct trickle {
	const char *p;
	size_t n, at, step, fail;
} trickle;

static size_t trickle_read(void *ctx, char *buf, size_t n)
{
	trickle *t = ctx;
	size_t k = t->n - t->at;

	if (t->fail && t->at >= t->fail)
		return (size_t)-1;
	if (k > t->step)
		k = t->step;
	if (k > n)
		k = n;
	memcpy(buf, t->p + t->at, k);
	t->at += k;
	return k;
}

/* Read every item of an archive; the URLs joined by spaces into urls,
 * the errors' messages into errs; returns the number of items. */
static size_t read_all(px_warc *w, const char *file, size_t flen,
                       char *urls, size_t ucap, char *errs, size_t ecap,
                       const size_t *offs, size_t noffs)
{
	size_t items = 0, guard;

	urls[0] = errs[0] = '\0';
	for (guard = 0; guard < 100; guard++) {
		const px_item *it = NULL;
		px_error err;
		px_status rc = px_warc_next(w, &it, &err);

		if (rc) {
			CHECK(!it, "no item with an error");
			snprintf(errs + strlen(errs), ecap - strlen(errs),
			         "%s|", err.msg);
			continue;
		}
		if (!it)
			break;
		items++;
		snprintf(urls + strlen(urls), ucap - strlen(urls), "%s ",
		         it->url ? it->url : "-");
		CHECK(is(it->kind, "warc") && (it->flags & PX_ITEM_PAGE) &&
		      is(it->published, "2025-03-04T10:11:12Z"),
		      "item fields: %s %u %s", it->kind, it->flags,
		      it->published);
		if (offs) {
			size_t j;
			int known = 0;

			for (j = 0; j < noffs; j++)
				known |= offs[j] == it->offset;
			CHECK(known, "item offset %zu is a record's",
			      it->offset);
		}
		if (file && it->offset + it->content_offset + it->content_len
		    <= flen && !strchr(it->url, 'c'))
			CHECK(!memcmp(file + it->offset + it->content_offset,
			              it->content, it->content_len),
			      "content offset %zu of %s", it->content_offset,
			      it->url);
	}
	CHECK(guard < 100, "the reader ends");
	return items;
}

static void test_warc(void)
{
	bytes recs[8], plain = {0}, gz = {0}, bad = {0};
	size_t n, i, poff[8], goff[8], items, recsn, itemsn;
	char urls[1024], errs[2048];
	const char *want = "http://dam.example/a http://dam.example/c "
	                   "http://dam.example/d ";
	px_warc *w = NULL;
	px_article *a = NULL;
	const px_item *it;
	px_error err;
	px_options o;
	trickle t;
	px_status rc;

	memset(recs, 0, sizeof(recs));
	n = build_records(recs, 8);
	for (i = 0; i < n; i++) {
		poff[i] = plain.n;
		goff[i] = gz.n;
		put(&plain, recs[i].p, recs[i].n);
		gzip_onto(&gz, recs[i].p, recs[i].n);
	}
	/* Plain and gzipped, the same items; offsets point at records. */
	rc = px_warc_open_mem(plain.p, plain.n, "dam.warc", NULL, &w, &err);
	CHECK(rc == PX_OK, "open: %s", err.msg);
	items = read_all(w, plain.p, plain.n, urls, sizeof(urls), errs,
	                 sizeof(errs), poff, n);
	CHECK(items == 3 && !strcmp(urls, want) && !errs[0],
	      "plain: %zu items: %s errors: %s", items, urls, errs);
	px_warc_counts(w, &recsn, &itemsn);
	CHECK(recsn == n && itemsn == 3, "counts %zu %zu", recsn, itemsn);
	px_warc_free(w);
	rc = px_warc_open_mem(gz.p, gz.n, "dam.warc.gz", NULL, &w, &err);
	items = read_all(w, NULL, 0, urls, sizeof(urls), errs, sizeof(errs),
	                 goff, n);
	CHECK(items == 3 && !strcmp(urls, want) && !errs[0],
	      "gzip: %zu items: %s errors: %s", items, urls, errs);
	px_warc_free(w);
	/* The same through a reader that hands out 7 bytes at a time. */
	memset(&t, 0, sizeof(t));
	t.p = gz.p;
	t.n = gz.n;
	t.step = 7;
	rc = px_warc_open(trickle_read, &t, "slow.warc.gz", NULL, &w, &err);
	items = read_all(w, NULL, 0, urls, sizeof(urls), errs, sizeof(errs),
	                 goff, n);
	CHECK(items == 3 && !strcmp(urls, want), "trickled: %s", urls);
	px_warc_free(w);
	/* An item to an article: the page's text, the record's date and
	 * URL, the archive and offset as provenance. */
	rc = px_warc_open_mem(gz.p, gz.n, "dam.warc.gz", NULL, &w, &err);
	rc = px_warc_next(w, &it, &err);
	CHECK(rc == PX_OK && it, "first item");
	if (it) {
		CHECK(is(it->charset, "utf-8") && is(it->id, "urn:uuid:0000-"
		                                         "response") &&
		      is(it->input, "dam.warc.gz@") == 0 &&
		      has(it->input, "dam.warc.gz@"), "item %s %s %s",
		      it->charset, it->id, it->input);
		rc = px_article_from_item(it, NULL, &a, &err);
		CHECK(rc == PX_OK, "warc article: %s", err.msg);
	}
	if (a) {
		const px_meta *m = px_article_meta(a);
		const px_page *pg = px_article_page(a);
		size_t len;
		const char *text = px_article_text(a, &len);

		CHECK(!strncmp(text, "Work on the Elm Creek dam", 25) &&
		      has(text, "refilled slowly") && !has(text, "Home"),
		      "main text: %s", text);
		CHECK(is(m->title, "Dam repair finished") &&
		      is(m->url, "http://dam.example/a") &&
		      is(m->published, "2025-03-04T10:11:12Z") &&
		      is(m->source, "dam.example"), "meta %s %s %s %s",
		      m->title, m->url, m->published, m->source);
		CHECK(pg && is(pg->warc_file, "dam.warc.gz") &&
		      pg->warc_offset == goff[2], "provenance %s@%zu",
		      pg ? pg->warc_file : "", pg ? pg->warc_offset : 0);
		px_article_free(a);
	}
	px_warc_free(w);

	/* A corrupt member is reported and skipped, the next records come;
	 * a truncated last member is reported at the end. */
	for (i = 0; i < n; i++) {
		size_t at = bad.n;

		gzip_onto(&bad, recs[i].p, recs[i].n);
		if (i == 2) {
			bad.p[at + (bad.n - at) / 2] ^= 0x55;
			bad.p[at + (bad.n - at) / 2 + 1] ^= 0x55;
		}
		if (i == n - 1)
			bad.n = at + (bad.n - at) / 2;
	}
	rc = px_warc_open_mem(bad.p, bad.n, "bad.warc.gz", NULL, &w, &err);
	items = read_all(w, NULL, 0, urls, sizeof(urls), errs, sizeof(errs),
	                 goff, n);
	CHECK(items == 1 && !strcmp(urls, "http://dam.example/c "),
	      "after a corrupt member: %s", urls);
	{
		char expect[128];

		snprintf(expect, sizeof(expect), "(member from byte %zu",
		         goff[2]);
		CHECK(has(errs, expect) && has(errs, "in bad.warc.gz|"),
		      "corrupt member named: %s", errs);
		snprintf(expect, sizeof(expect), "truncated gzip data at byte "
		         "%zu (member from byte %zu)", bad.n, goff[n - 1]);
		CHECK(has(errs, expect), "truncation named: %s", errs);
	}
	px_warc_free(w);

	/* A read error ends the stream with PX_EIO. */
	memset(&t, 0, sizeof(t));
	t.p = gz.p;
	t.n = gz.n;
	t.step = 64;
	t.fail = goff[3];
	rc = px_warc_open(trickle_read, &t, "eio.warc.gz", NULL, &w, &err);
	items = read_all(w, NULL, 0, urls, sizeof(urls), errs, sizeof(errs),
	                 NULL, 0);
	CHECK(items == 1 && has(errs, "read error") && has(errs, "eio.warc.gz"),
	      "read error: %zu %s", items, errs);
	px_warc_free(w);

	/* A small cap: the records over it are errors, not crashes. */
	memset(&o, 0, sizeof(o));
	o.max_bytes = 16;
	bad.n = 0;
	put(&bad, plain.p, plain.n);
	rc = px_warc_open_mem(bad.p, bad.n, "cap.warc", &o, &w, &err);
	items = read_all(w, bad.p, bad.n, urls, sizeof(urls), errs,
	                 sizeof(errs), NULL, 0);
	CHECK(items == 3, "records within 64 KiB over the cap still come: %zu",
	      items);
	px_warc_free(w);

	for (i = 0; i < n; i++)
		free(recs[i].p);
	free(plain.p);
	free(gz.p);
	free(bad.p);
}

static void test_bad_warc(void)
{
	static const char nocl[] =
		"WARC/1.0\r\nWARC-Type: response\r\n\r\nxx\r\n\r\n";
	static const char huge[] =
		"WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\n"
		"Content-Length: 99999999999\r\n\r\n<p>short</p>";
	static const char junk[] = "Not an archive at all.\nStill not.\n";
	static const char badnum[] =
		"WARC/1.0\r\nWARC-Type: resource\r\n"
		"Content-Length: 12x\r\n\r\n";
	static const char cut[] =
		"WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\n"
		"Content-Length: 500\r\n\r\n<p>short</p>";
	static const char nohead[] = "WARC/1.0\r\nWARC-Type: resource\r\n";
	static const char nohttp[] =
		"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: "
		"application/http\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n";
	static const struct {
		const char *p;
		size_t n;
		const char *msg;
	} cases[] = {
		{nocl, sizeof(nocl) - 1, "WARC record at byte 0 has no "
		 "Content-Length in x.warc"},
		{huge, sizeof(huge) - 1, "block of 99999999999 bytes is over "
		 "the cap"},
		{junk, sizeof(junk) - 1, "not a WARC record (no WARC/1.0 or "
		 "WARC/1.1 line) at byte 0 in x.warc"},
		{badnum, sizeof(badnum) - 1, "has a bad Content-Length"},
		{cut, sizeof(cut) - 1, "truncated WARC record at byte 0: 12 of "
		 "500 bytes"},
		{nohead, sizeof(nohead) - 1, "truncated WARC header at byte 0"},
		{nohttp, sizeof(nohttp) - 1, "has no HTTP header"},
	};
	bytes b = {0};
	char urls[256], errs[1024];
	size_t i, items;
	px_warc *w;
	px_error err;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		w = NULL;
		px_warc_open_mem(cases[i].p, cases[i].n, "x.warc", NULL, &w,
		                 &err);
		items = read_all(w, NULL, 0, urls, sizeof(urls), errs,
		                 sizeof(errs), NULL, 0);
		CHECK(items == 0 && has(errs, cases[i].msg), "case %zu: %s",
		      i, errs);
		px_warc_free(w);
	}
	/* A bad record between good ones: reported, and the reader finds
	 * the next "WARC/1." line. */
	record(&b, "resource", "http://dam.example/one", "text/html", page,
	       sizeof(page) - 1);
	putz(&b, "WARC/1.0\r\nWARC-Type: resource\r\n\r\ngarbage\r\n\r\n");
	record(&b, "resource", "http://dam.example/two", "text/html", page,
	       sizeof(page) - 1);
	/* A page with a NUL byte: the record comes, the page is refused. */
	record(&b, "resource", "http://dam.example/nul", "text/html",
	       "<p>a\0b</p>", 10);
	px_warc_open_mem(b.p, b.n, "mixed.warc", NULL, &w, &err);
	items = read_all(w, b.p, b.n, urls, sizeof(urls), errs, sizeof(errs),
	                 NULL, 0);
	CHECK(items == 3 && !strcmp(urls, "http://dam.example/one "
	                                  "http://dam.example/two "
	                                  "http://dam.example/nul ") &&
	      has(errs, "has no Content-Length"), "resync: %s / %s", urls,
	      errs);
	px_warc_free(w);
	px_warc_open_mem(b.p, b.n, "mixed.warc", NULL, &w, &err);
	{
		const px_item *it = NULL;
		px_article *a = NULL;
		px_status rc = PX_OK;
		int k;

		for (k = 0; k < 4; k++)
			rc = px_warc_next(w, &it, &err);
		CHECK(rc == PX_OK && it &&
		      is(it->url, "http://dam.example/nul"),
		      "the NUL page's record");
		if (it) {
			rc = px_article_from_item(it, NULL, &a, &err);
			CHECK(rc == PX_EPARSE && !a &&
			      has(err.msg, "binary data") &&
			      has(err.msg, "mixed.warc@"), "NUL page: %s",
			      err.msg);
		}
	}
	px_warc_free(w);
	CHECK(px_warc_next(NULL, NULL, NULL) == PX_EINVAL, "NULL reader");
	px_warc_free(NULL);
	px_feed_free(NULL);
	free(b.p);
}

/* ---- Allocation failures ------------------------------------------------- */

static void test_feed_alloc(void)
{
	t_failing fl;
	px_allocator alc = t_failing_allocator(&fl);
	px_options o;
	bytes gz = {0}, recs[8];
	long nth;
	int feed_ok = 0, warc_ok = 0, bad = 0, leaked = 0;
	size_t n, i;

	memset(&o, 0, sizeof(o));
	o.alc = &alc;
	for (nth = 0; nth < 400 && !feed_ok; nth++) {
		px_feed *f = NULL;
		px_error err;
		const px_item *it;
		px_status rc;
		int got = 0;

		fl.left = nth;
		fl.live = 0;
		rc = px_feed_open(rss, sizeof(rss) - 1, "a.rss", &o, &f, &err);
		if (rc == PX_OK) {
			while (px_feed_next(f, &it, &err) == PX_OK && it) {
				px_article *a = NULL;

				if (px_article_from_item(it, &o, &a, &err) ==
				    PX_OK)
					got++;
				px_article_free(a);
			}
			px_feed_free(f);
			feed_ok = got == 2;
		} else if (rc != PX_ENOMEM || f) {
			bad++;
		}
		leaked += fl.live != 0;
	}
	memset(recs, 0, sizeof(recs));
	n = build_records(recs, 8);
	for (i = 0; i < n; i++)
		gzip_onto(&gz, recs[i].p, recs[i].n);
	for (nth = 0; nth < 400 && !warc_ok; nth++) {
		px_warc *w = NULL;
		px_error err;
		const px_item *it;
		px_status rc;
		int got = 0, guard = 0;

		fl.left = nth;
		fl.live = 0;
		rc = px_warc_open_mem(gz.p, gz.n, "a.warc.gz", &o, &w, &err);
		if (rc == PX_OK) {
			while (guard++ < 50) {
				rc = px_warc_next(w, &it, &err);
				if (rc == PX_OK && !it)
					break;
				if (rc && rc != PX_ENOMEM)
					bad++;
				if (it)
					got++;
			}
			px_warc_free(w);
			warc_ok = got == 3;
		} else if (rc != PX_ENOMEM || w) {
			bad++;
		}
		leaked += fl.live != 0;
	}
	CHECK(feed_ok && warc_ok, "readers succeed once allocations do");
	CHECK(!bad, "%d failures were not a clean PX_ENOMEM", bad);
	CHECK(!leaked, "%d runs left memory allocated", leaked);
	for (i = 0; i < n; i++)
		free(recs[i].p);
	free(gz.p);
}

/* ---- The command --------------------------------------------------------- */

static const char *bin(void)
{
	const char *z = getenv("PX_BIN");

	return z ? z : "build/parallax";
}

static void write_file(const char *path, const char *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	CHECK(f != NULL, "cannot write %s", path);
	if (!f)
		return;
	fwrite(p, 1, n, f);
	fclose(f);
}

static size_t lines_of(const char *z)
{
	size_t n = 0;

	for (; z && *z; z++)
		n += *z == '\n';
	return n;
}

static void test_cli_feed(void)
{
	char dir[] = "build/tmp-feed-XXXXXX", path[256], cmd[1024];
	char *out = NULL, *err = NULL;
	bytes recs[8], gz = {0};
	size_t n, i;
	int st;

	if (!mkdtemp(dir)) {
		CHECK(0, "mkdtemp");
		return;
	}
	memset(recs, 0, sizeof(recs));
	n = build_records(recs, 8);
	for (i = 0; i < n; i++)
		gzip_onto(&gz, recs[i].p, recs[i].n);
	/* By name, and by content under names that say nothing. */
	snprintf(path, sizeof(path), "%s/ledger.rss", dir);
	write_file(path, rss, sizeof(rss) - 1);
	snprintf(path, sizeof(path), "%s/wire-feed", dir);
	write_file(path, atom, sizeof(atom) - 1);
	snprintf(path, sizeof(path), "%s/dam.warc.gz", dir);
	write_file(path, gz.p, gz.n);
	snprintf(path, sizeof(path), "%s/archive.bin", dir);
	write_file(path, gz.p, gz.n);
	snprintf(cmd, sizeof(cmd), "%s analyze %s/ledger.rss %s/wire-feed "
	         "%s/dam.warc.gz %s/archive.bin", bin(), dir, dir, dir, dir);
	st = t_run(cmd, &out, &err);
	/* rss: 2 of 3 items (one has no text); atom: 2; archives: 3 + 3 */
	CHECK(st == 1 && lines_of(out) == 10, "exit %d, %zu records: %s", st,
	      lines_of(out), err);
	CHECK(has(err, "item has no text") && has(err, "ledger.rss:"),
	      "the title-only item is named: %s", err);
	CHECK(has(out, "\"source\":\"The Harbor Ledger\"") &&
	      has(out, "\"published\":\"2025-03-04T08:15:00-05:00\"") &&
	      has(out, "\"input\":\"") && has(out, "dam.warc.gz@"),
	      "records carry the item's fields");
	free(out);
	free(err);
	/* From standard input, sniffed. */
	snprintf(cmd, sizeof(cmd), "%s analyze - < %s/dam.warc.gz", bin(),
	         dir);
	st = t_run(cmd, &out, &err);
	CHECK(st == 0 && lines_of(out) == 3, "stdin archive: %d %zu %s", st,
	      lines_of(out), err);
	free(out);
	free(err);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	st = system(cmd);
	(void)st;
	for (i = 0; i < n; i++)
		free(recs[i].p);
	free(gz.p);
}

int test_feed(void)
{
	test_rss();
	test_atom_rdf();
	test_dates();
	test_bad_feeds();
	test_sniff_dup();
	test_warc();
	test_bad_warc();
	test_feed_alloc();
	test_cli_feed();
	return 0;
}
