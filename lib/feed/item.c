/*
 * item.c - an item of a feed or an archive to an analyzed article, the
 * items' owned copies, and the sniffing of what an input holds.
 *
 * A whole page (a WARC record) goes through px_article_from_page() with
 * the record's URL, charset and provenance. A feed's HTML fragment goes
 * through lib/html's extraction in its all-visible-text mode (the
 * fragment is the article, there is no site furniture to score away),
 * and the block map is attached as a page's, so px_article_html_spans()
 * leads from the text back to the bytes of item->content.
 */
#include <string.h>
#include <zlib.h>

#include "../article/article.h"
#include "../html/html.h"
#include "feed_int.h"

static size_t cap_of(const px_options *opts)
{
	return opts && opts->max_bytes ? opts->max_bytes : PX_DEFAULT_MAX_BYTES;
}

static const char *dup_z(px_article *a, const char *z)
{
	return z ? pxi_arena_strndup(&a->ar, z, strlen(z)) : NULL;
}

/* The item's fields the analysis did not set: author, id. */
static px_status finish(px_article *a, const px_item *it,
                        const char *author)
{
	if (author && !a->meta.author)
		a->meta.author = dup_z(a, author);
	if (it->id)
		a->meta.id = dup_z(a, it->id);
	return a->ar.oom ? PX_ENOMEM : PX_OK;
}

/* Attach the fragment's block map as the article's page. */
static px_status attach(px_article *a, const pxi_html_doc *d)
{
	struct pxi_page *pg = pxi_arena_alloc(&a->ar, sizeof(*pg));
	size_t i;

	if (!pg)
		return PX_ENOMEM;
	memset(pg, 0, sizeof(*pg));
	pg->pub.charset = "UTF-8";
	pg->pub.lang = dup_z(a, d->lang);
	if (d->nblocks) {
		pg->spans = pxi_arena_alloc(&a->ar,
		                            d->nblocks * sizeof(*pg->spans));
		if (!pg->spans)
			return PX_ENOMEM;
	}
	for (i = 0; i < d->nblocks; i++) {
		pg->spans[i].text = d->blocks[i].text;
		pg->spans[i].html = d->blocks[i].html;
	}
	pg->nspans = d->nblocks;
	a->page = pg;
	return a->ar.oom ? PX_ENOMEM : PX_OK;
}

/* A whole page: the page's extraction, the item's fields under it. */
static px_status from_page(const px_item *it, const char *name,
                           const px_options *opts, px_article **out,
                           px_error *err)
{
	px_page_in in;
	px_status rc;

	memset(&in, 0, sizeof(in));
	in.charset = it->charset;
	in.url = it->url;
	in.warc_file = it->kind && !strcmp(it->kind, "warc") ? it->container
	                                                    : NULL;
	in.warc_offset = it->offset;
	rc = px_article_from_page(it->content, it->content_len, name, &in,
	                          opts, out, err);
	if (rc)
		return rc;
	if (it->published && !(*out)->meta.published)
		rc = px_article_set_meta(*out, "published", it->published);
	if (!rc && it->title && !(*out)->meta.title)
		(*out)->meta.title = dup_z(*out, it->title);
	if (!rc)
		rc = finish(*out, it, it->author);
	return rc;
}

px_status px_article_from_item(const px_item *it, const px_options *opts,
                               px_article **out, px_error *err)
{
	const char *name;
	char host[256];
	pxi_arena ar;
	pxi_html_doc d;
	px_record rec;
	px_status rc;
	size_t max = cap_of(opts);

	if (!out || !it)
		return PX_EINVAL;
	*out = NULL;
	name = it->input ? it->input : it->container ? it->container
	                                            : "<item>";
	if (!it->content && it->content_len)
		return pxi_error(err, PX_EINVAL, name, 0, 0, "no text pointer");
	if (it->content_len > max)
		return pxi_error(err, PX_ETOOBIG, name, it->content_offset,
		                 it->line, "item of %zu bytes is over the cap "
		                 "of %zu bytes", it->content_len, max);
	if (!it->content_len)
		return pxi_error(err, PX_EEMPTY, name, it->offset, it->line,
		                 "item has no text");
	if (it->flags & PX_ITEM_PAGE) {
		rc = from_page(it, name, opts, out, err);
		goto done;
	}
	memset(&rec, 0, sizeof(rec));
	rec.input = name;
	rec.title = it->title;
	rec.url = it->url;
	rec.published = it->published;
	rec.source = it->source ? it->source
	                        : pxi_url_host(it->url, host, sizeof(host));
	if (!(it->flags & PX_ITEM_HTML)) {
		rec.text = it->content;
		rec.text_len = it->content_len;
		rc = px_article_from_record(&rec, opts, out, err);
		if (!rc)
			rc = finish(*out, it, it->author);
		goto done;
	}
	pxi_arena_init(&ar, opts ? opts->alc : NULL);
	rc = pxi_html_extract(&ar, it->content, it->content_len, "UTF-8",
	                      name, PXI_HTML_ALL, &d, err);
	if (rc == PX_EEMPTY)
		rc = pxi_error(err, rc, name, it->offset, it->line,
		               "item has no text");
	if (!rc) {
		if (!rec.title)
			rec.title = d.title;
		if (!rec.url)
			rec.url = d.url;
		if (!rec.published)
			rec.published = d.published;
		rec.text = d.text;
		rec.text_len = d.len;
		rc = px_article_from_record(&rec, opts, out, err);
	}
	if (!rc)
		rc = attach(*out, &d);
	if (!rc)
		rc = finish(*out, it, it->author ? it->author : d.author);
	pxi_arena_free(&ar);
done:
	if (rc == PX_ENOMEM && *out) {
		px_article_free(*out);
		*out = NULL;
		return pxi_error(err, rc, name, 0, 0, "out of memory");
	}
	return rc;
}

/* ---- Owned copies ------------------------------------------------------- */

typedef struct item_copy {
	px_item it;
	const px_allocator *alc;
} item_copy;

static size_t zlen(const char *z)
{
	return z ? strlen(z) + 1 : 0;
}

static const char *put(char **at, const char *z)
{
	char *r;
	size_t n;

	if (!z)
		return NULL;
	n = strlen(z) + 1;
	r = *at;
	memcpy(r, z, n);
	*at += n;
	return r;
}

px_item *px_item_dup(const px_item *it, const px_allocator *alc)
{
	size_t need;
	item_copy *c;
	char *at, *content;

	if (!it || (!it->content && it->content_len))
		return NULL;
	need = sizeof(*c) + zlen(it->kind) + zlen(it->container) +
	       zlen(it->input) + zlen(it->id) + zlen(it->title) +
	       zlen(it->url) + zlen(it->source) + zlen(it->author) +
	       zlen(it->published) + zlen(it->charset);
	if (it->content_len > (size_t)-1 / 2 - need)
		return NULL;
	need += it->content_len + 1;
	c = pxi_alloc(alc, need);
	if (!c)
		return NULL;
	c->it = *it;
	c->alc = alc;
	at = (char *)(c + 1);
	content = at;
	if (it->content_len)
		memcpy(content, it->content, it->content_len);
	content[it->content_len] = '\0';
	at += it->content_len + 1;
	c->it.content = content;
	c->it.kind = put(&at, it->kind);
	c->it.container = put(&at, it->container);
	c->it.input = put(&at, it->input);
	c->it.id = put(&at, it->id);
	c->it.title = put(&at, it->title);
	c->it.url = put(&at, it->url);
	c->it.source = put(&at, it->source);
	c->it.author = put(&at, it->author);
	c->it.published = put(&at, it->published);
	c->it.charset = put(&at, it->charset);
	return &c->it;
}

void px_item_free(px_item *it)
{
	item_copy *c = (item_copy *)it;

	if (!it)
		return;
	pxi_free(c->alc, c);
}

/* ---- Sniffing ----------------------------------------------------------- */

static int starts(const char *p, size_t n, size_t i, const char *z)
{
	size_t k = strlen(z);

	return i + k <= n && !memcmp(p + i, z, k);
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Past "<?...?>", "<!--...-->", "<!DOCTYPE ...[...]>": the root's '<'. */
static px_container sniff_xml(const char *p, size_t n)
{
	size_t i = 0, s;

	if (starts(p, n, 0, "\xEF\xBB\xBF"))
		i = 3;
	for (;;) {
		while (i < n && is_ws(p[i]))
			i++;
		if (i >= n || p[i] != '<')
			return PX_CONTAINER_NONE;
		if (starts(p, n, i, "<?")) {
			while (i + 1 < n && !(p[i] == '?' && p[i + 1] == '>'))
				i++;
			i += 2;
		} else if (starts(p, n, i, "<!--")) {
			i += 4;
			while (i + 2 < n && !(p[i] == '-' && p[i + 1] == '-' &&
			                      p[i + 2] == '>'))
				i++;
			i += 3;
		} else if (starts(p, n, i, "<!")) {
			int depth = 0;

			for (; i < n; i++) {
				if (p[i] == '[')
					depth++;
				else if (p[i] == ']')
					depth--;
				else if (p[i] == '>' && depth <= 0)
					break;
			}
			i++;
		} else {
			break;
		}
	}
	s = ++i;
	while (i < n && !is_ws(p[i]) && p[i] != '>' && p[i] != '/')
		i++;
	if (fx_eq(p + s, i - s, "rss") || fx_eq(p + s, i - s, "feed"))
		return PX_CONTAINER_FEED;
	if (i - s >= 3 && !memcmp(p + i - 3, "RDF", 3) &&
	    (i - s == 3 || p[i - 4] == ':'))
		return PX_CONTAINER_FEED;
	if (i - s > 5 && !memcmp(p + i - 5, ":feed", 5))
		return PX_CONTAINER_FEED;
	return PX_CONTAINER_NONE;
}

/* The first bytes of the first gzip member, into out; their count. */
static size_t peek_gzip(const char *p, size_t n, char *out, size_t cap)
{
	z_stream zs;
	size_t got;
	int zr;

	memset(&zs, 0, sizeof(zs));
	if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
		return 0;
	zs.next_in = (Bytef *)(uintptr_t)p;
	zs.avail_in = n > 1u << 20 ? 1u << 20 : (uInt)n;
	zs.next_out = (Bytef *)out;
	zs.avail_out = (uInt)cap;
	zr = inflate(&zs, Z_SYNC_FLUSH);
	got = cap - zs.avail_out;
	inflateEnd(&zs);
	return zr == Z_OK || zr == Z_STREAM_END || zr == Z_BUF_ERROR ? got : 0;
}

px_container px_container_sniff(const char *p, size_t n)
{
	char head[16];
	size_t k;

	if (!p)
		return PX_CONTAINER_NONE;
	if (starts(p, n, 0, "WARC/1."))
		return PX_CONTAINER_WARC;
	if (pxi_is_gzip(p, n)) {
		k = peek_gzip(p, n, head, sizeof(head));
		return k >= 7 && !memcmp(head, "WARC/1.", 7) ? PX_CONTAINER_WARC
		                                            : PX_CONTAINER_NONE;
	}
	return sniff_xml(p, n < 65536 ? n : 65536);
}
