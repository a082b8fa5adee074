/*
 * html_int.h - private to lib/html: the parse with byte positions, the
 * element table the extractor scores, metadata.
 */
#ifndef PX_HTML_INT_H
#define PX_HTML_INT_H

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "html.h"

/* Elements nested deeper than this are flattened into their ancestor at
 * this depth (their text is kept): bounds the DOM and every walk. */
#define HX_MAX_DEPTH 256

/* A text node's bytes in the decoded page: [start, end). */
typedef struct hx_range {
	size_t start;
	size_t end;
} hx_range;

/*
 * A parse. Text nodes carry (in node->psvi) 1 + the index of their range
 * in ranges. The range runs from the end of the event before the text to
 * the end of the text, both read with xmlByteConsumed() in the SAX
 * callbacks; hx_text_span() narrows it to the text's own bytes.
 */
typedef struct hx_parse {
	pxi_arena *ar;
	const char *src; /* the decoded page */
	size_t len;
	xmlDocPtr doc;
	pxi_vec ranges;  /* hx_range */
	size_t last;     /* decoded offset after the previous event */
	size_t skipped;  /* open elements past HX_MAX_DEPTH */
	startElementSAXFunc start;
	endElementSAXFunc end;
	charactersSAXFunc chars;
	cdataBlockSAXFunc cdata;
	int oom;
} hx_parse;

/* Parse the decoded page (src, len) into hp->doc. */
px_status hx_parse_html(hx_parse *hp, pxi_arena *ar, const char *src,
                        size_t len);
void hx_parse_free(hx_parse *hp);
/* The bytes of text node t in the decoded page, white space trimmed;
 * 0 when the node has no range. */
int hx_text_span(const hx_parse *hp, const xmlNode *t, hx_range *out);

/* Metadata from meta tags, OpenGraph, JSON-LD, <title>, <html lang>. */
px_status hx_meta(pxi_arena *ar, xmlDocPtr doc, pxi_html_doc *out);

/* The next node of a pre-order walk under root; skip: do not enter n. */
xmlNode *hx_next(xmlNode *n, const xmlNode *root, int skip);

/* Lower-case ASCII compare of an xmlChar name with z. */
int hx_is(const xmlChar *name, const char *z);

/* Attribute value (libxml2-owned) or NULL. */
const char *hx_attr(const xmlNode *n, const char *name);

/* Collapse white space in (p, n) into ar, trimmed; NULL on OOM. */
char *hx_collapse(pxi_arena *ar, const char *p, size_t n);

/* Block text extraction and content scoring (extract.c). */
px_status hx_extract(pxi_arena *ar, hx_parse *hp, const pxi_decoded *dec,
                     unsigned mode, pxi_html_doc *out);

#endif /* PX_HTML_INT_H */
