/*
 * html.h - web pages, web archives and feeds to text, for the article
 * pipeline and the evaluation tools.
 *
 * A page is decoded to UTF-8 (BOM, declared or detected charset, with a
 * map back to the input's bytes), parsed with libxml2's HTML parser, and
 * its main text is taken out block by block (headings, paragraphs, list
 * items, quotes), each block keeping the byte range of the HTML it came
 * from. Metadata comes from meta tags, OpenGraph, JSON-LD and the visible
 * byline.
 *
 * libxml2 keeps process-wide state (its parser initialization); the one
 * exception to "no global state" in lib/ is xmlInitParser(), called
 * before every parse: it is idempotent and thread-safe in libxml2 >= 2.9.
 */
#ifndef PX_HTML_H
#define PX_HTML_H

#include "../core/core.h"

/* One block of extracted text and where it came from. */
typedef struct pxi_html_block {
	px_span text; /* in the extracted text */
	px_span html; /* in the HTML input (after gzip decoding) */
	int heading;  /* h1-h6 */
	int bullet;   /* list item: the text starts with "- " */
	int quote;    /* inside a blockquote */
} pxi_html_block;

/* What a page gives: the extracted text, its blocks, the metadata. All
 * strings and arrays live in the arena given to pxi_html_extract. */
typedef struct pxi_html_doc {
	char *text; /* blocks separated by blank lines, NUL-terminated */
	size_t len;
	pxi_html_block *blocks;
	size_t nblocks;
	const char *title, *author, *published, *url, *site, *lang;
	const char *description;
	const char *charset;  /* what the bytes were decoded from */
	size_t bad_bytes;     /* undecodable bytes, replaced by U+FFFD */
	size_t first_bad;     /* offset of the first of them */
} pxi_html_doc;

/* Modes of pxi_html_extract. */
#define PXI_HTML_ALL 0x1u /* all visible text: no boilerplate removal */

/*
 * Decode, parse and extract (html, len). charset, if not NULL, is the
 * declared charset (an HTTP header's); it wins over the page's own.
 * name is the input's name for errors. On success *out is filled from
 * ar; PX_EEMPTY when no text was found, PX_EPARSE for binary data.
 */
px_status pxi_html_extract(pxi_arena *ar, const char *html, size_t len,
                           const char *charset, const char *name,
                           unsigned mode, pxi_html_doc *out, px_error *err);

/* ---- Character sets (charset.c) ---------------------------------------- */

/* A decoded text and the map of its rewritten stretches (pxi_seg: norm =
 * offset in the UTF-8 text, orig = offset in the input). */
typedef struct pxi_decoded {
	const char *text; /* UTF-8, NUL-terminated; may alias the input */
	size_t len;
	pxi_seg *segs;
	size_t nsegs;
	const char *charset;
	size_t bad_bytes, first_bad;
} pxi_decoded;

/*
 * Decode (p, n) to UTF-8: a BOM first, then the declared charset, then
 * the page's meta charset (the HTML prescan over the first 4 KiB), then
 * UTF-8 if the bytes are valid, else windows-1252. Undecodable bytes
 * become U+FFFD and are counted. PX_ENOMEM on failure.
 */
px_status pxi_decode(pxi_arena *ar, const char *p, size_t n,
                     const char *declared, pxi_decoded *out);
/* An offset in the decoded text to the input (is_end: a point inside a
 * rewritten stretch maps to its end). */
size_t pxi_decoded_to_orig(const pxi_decoded *d, size_t off, int is_end);

/* ---- gzip (gzip.c) ------------------------------------------------------ */

/* Do the bytes start with the gzip magic? */
int pxi_is_gzip(const char *p, size_t n);

/*
 * Decompress one gzip member at p (n bytes available) with zlib into a
 * buffer from alc (*out, *out_len; NUL-terminated; pxi_free it), at
 * most max bytes.
 * *used gets the member's compressed length. Errors name the input and
 * the byte offset (base + position in p) where the data went wrong:
 * PX_EPARSE for corrupt or truncated data, PX_ETOOBIG over max.
 */
px_status pxi_gunzip(const px_allocator *alc, const char *p, size_t n,
                     size_t base, size_t max, const char *name, char **out,
                     size_t *out_len, size_t *used, px_error *err);

/* ---- The page behind an article (page.c) ---------------------------------- */

/* The host of an http(s) URL into buf (www. dropped), or NULL: the
 * source of a page or feed item that names no site. */
const char *pxi_url_host(const char *url, char *buf, size_t size);

/* What px_article_page() and px_article_html_spans() report; lives in the
 * article's arena, pointed to by px_article.page. */
struct pxi_page {
	px_page pub;
	px_html_span *spans;
	size_t nspans;
};

#endif /* PX_HTML_H */
