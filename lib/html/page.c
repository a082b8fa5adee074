/*
 * page.c - the public entry points for web pages: a page (or a gzipped
 * one) to an analyzed article whose text is the page's main text, with
 * the page's metadata and the map from text blocks to HTML bytes.
 */
#include <string.h>

#include "../article/article.h"
#include "html.h"

static size_t cap_of(const px_options *opts)
{
	return opts && opts->max_bytes ? opts->max_bytes : PX_DEFAULT_MAX_BYTES;
}

const char *pxi_url_host(const char *url, char *buf, size_t size)
{
	const char *p, *e;
	size_t n;

	if (!url)
		return NULL;
	p = strstr(url, "://");
	if (!p)
		return NULL;
	p += 3;
	e = p;
	while (*e && *e != '/' && *e != ':' && *e != '?' && *e != '#')
		e++;
	n = (size_t)(e - p);
	if (n >= 4 && !strncmp(p, "www.", 4)) {
		p += 4;
		n -= 4;
	}
	if (!n || n >= size)
		return NULL;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return buf;
}

static const char *dup(px_article *a, const char *z)
{
	return z ? pxi_arena_strndup(&a->ar, z, strlen(z)) : NULL;
}

/* Attach the page's metadata and the block map to the article. */
static px_status attach(px_article *a, const pxi_html_doc *d,
                        const px_page_in *in, int gz)
{
	struct pxi_page *pg = pxi_arena_alloc(&a->ar, sizeof(*pg));
	size_t i;

	if (!pg)
		return PX_ENOMEM;
	memset(pg, 0, sizeof(*pg));
	pg->pub.charset = dup(a, d->charset);
	pg->pub.lang = dup(a, d->lang);
	pg->pub.description = dup(a, d->description);
	pg->pub.bad_bytes = d->bad_bytes;
	pg->pub.first_bad = d->first_bad;
	pg->pub.gzip = gz;
	if (in && in->warc_file) {
		pg->pub.warc_file = dup(a, in->warc_file);
		pg->pub.warc_offset = in->warc_offset;
	}
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
	if (d->author && !a->meta.author)
		a->meta.author = dup(a, d->author);
	if (d->site)
		a->meta.site = dup(a, d->site);
	a->page = pg;
	return a->ar.oom ? PX_ENOMEM : PX_OK;
}

px_status px_article_from_page(const char *html, size_t len,
                               const char *name, const px_page_in *in,
                               const px_options *opts, px_article **out,
                               px_error *err)
{
	const px_allocator *alc = opts ? opts->alc : NULL;
	char *raw = NULL, host[256];
	size_t raw_len = 0, max = cap_of(opts);
	pxi_arena ar;
	pxi_html_doc d;
	px_record rec;
	px_status rc;
	int gz;

	if (!out)
		return PX_EINVAL;
	*out = NULL;
	if (!name)
		name = "<input>";
	if (!html && len)
		return pxi_error(err, PX_EINVAL, name, 0, 0, "no text pointer");
	if (!len)
		return pxi_error(err, PX_EEMPTY, name, 0, 0, "empty input");
	if (len > max)
		return pxi_error(err, PX_ETOOBIG, name, max, 0,
		                 "page of %zu bytes is over the cap of %zu "
		                 "bytes", len, max);
	gz = pxi_is_gzip(html, len);
	if (gz) {
		rc = pxi_gunzip(alc, html, len, 0, max, name, &raw, &raw_len,
		                NULL, err);
		if (rc)
			return rc;
		html = raw;
		len = raw_len;
	}
	pxi_arena_init(&ar, alc);
	rc = pxi_html_extract(&ar, html, len, in ? in->charset : NULL, name,
	                      0, &d, err);
	if (rc)
		goto out;
	memset(&rec, 0, sizeof(rec));
	rec.input = name;
	rec.title = d.title;
	rec.url = d.url ? d.url : in ? in->url : NULL;
	rec.published = d.published;
	rec.source = d.site ? d.site
	                    : pxi_url_host(rec.url, host, sizeof(host));
	rec.text = d.text;
	rec.text_len = d.len;
	rc = px_article_from_record(&rec, opts, out, err);
	if (rc)
		goto out;
	if ((*out)->meta.source)
		(*out)->meta.source_from = "page";
	if (!(*out)->meta.source) {
		const char *slash = strrchr(name, '/');

		(*out)->meta.source = dup(*out, slash ? slash + 1 : name);
		(*out)->meta.source_from = "file";
	}
	rc = attach(*out, &d, in, gz);
	if (rc) {
		px_article_free(*out);
		*out = NULL;
		rc = pxi_error(err, rc, name, 0, 0, "out of memory");
	}
out:
	pxi_arena_free(&ar);
	pxi_free(alc, raw);
	return rc;
}

px_status px_article_from_html(const char *html, size_t len,
                               const char *name, const px_options *opts,
                               px_article **out, px_error *err)
{
	return px_article_from_page(html, len, name, NULL, opts, out, err);
}

const px_html_span *px_article_html_spans(const px_article *a, size_t *n)
{
	if (n)
		*n = a && a->page ? a->page->nspans : 0;
	return a && a->page ? a->page->spans : NULL;
}

const px_page *px_article_page(const px_article *a)
{
	return a && a->page ? &a->page->pub : NULL;
}
