/*
 * parse.c - libxml2's HTML parser with the byte range of every text node.
 *
 * libxml2 gives nodes line numbers only, so the tree is built by its own
 * SAX2 handlers wrapped by ours: each callback reads xmlByteConsumed(),
 * the parser's position in the (UTF-8, unconverted) input, which after a
 * start tag, an end tag, a comment or a run of text is the byte just past
 * it. A text node's bytes are thus [end of the previous event, end of its
 * run); where the node's text equals the bytes before that end (no
 * character references, no CR LF) the start is exact, else it is the end
 * of the previous event. Precision: exact to the byte for plain text;
 * for text with references, from the end of the tag before the text.
 */
#include <string.h>

#include "html_int.h"

static size_t now(xmlParserCtxtPtr c, const hx_parse *hp)
{
	long v = xmlByteConsumed(c);

	if (v < 0 || (size_t)v > hp->len)
		return hp->last;
	return (size_t)v;
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	xmlParserCtxtPtr c = ctx;
	hx_parse *hp = c->_private;

	if (hp->skipped || c->nodeNr >= HX_MAX_DEPTH) {
		hp->skipped++;
	} else {
		hp->start(ctx, name, atts);
	}
	/* The parser calls back before it steps over the '>'. */
	hp->last = now(c, hp);
	if (hp->last + 1 < hp->len && hp->src[hp->last] == '/' &&
	    hp->src[hp->last + 1] == '>')
		hp->last += 2;
	else if (hp->last < hp->len && hp->src[hp->last] == '>')
		hp->last++;
}

static void on_end(void *ctx, const xmlChar *name)
{
	xmlParserCtxtPtr c = ctx;
	hx_parse *hp = c->_private;

	if (hp->skipped)
		hp->skipped--;
	else
		hp->end(ctx, name);
	hp->last = now(c, hp);
}

/* Text: let SAX2 add or extend a text node, then record its range. */
static void text(void *ctx, const xmlChar *ch, int len, int cdata)
{
	xmlParserCtxtPtr c = ctx;
	hx_parse *hp = c->_private;
	size_t from = hp->last, to = now(c, hp);
	xmlNodePtr parent = c->node, last;

	if (cdata && hp->cdata)
		hp->cdata(ctx, ch, len);
	else
		hp->chars(ctx, ch, len);
	hp->last = to;
	if (!parent)
		return;
	last = parent->last;
	if (!last || (last->type != XML_TEXT_NODE &&
	              last->type != XML_CDATA_SECTION_NODE))
		return;
	if (last->psvi) {
		hx_range *r = &((hx_range *)hp->ranges.a)[(uintptr_t)last->psvi
		                                          - 1];

		if (to > r->end)
			r->end = to;
	} else {
		hx_range *r = pxi_vec_push(hp->ar, &hp->ranges);

		if (!r) {
			hp->oom = 1;
			return;
		}
		r->start = from;
		r->end = to;
		last->psvi = (void *)(uintptr_t)hp->ranges.n;
	}
}

static void on_chars(void *ctx, const xmlChar *ch, int len)
{
	text(ctx, ch, len, 0);
}

static void on_cdata(void *ctx, const xmlChar *ch, int len)
{
	text(ctx, ch, len, 1);
}

/* Events that only move the position. */
static void on_comment(void *ctx, const xmlChar *value)
{
	xmlParserCtxtPtr c = ctx;
	hx_parse *hp = c->_private;

	(void)value;
	hp->last = now(c, hp);
}

static void on_blank(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr c = ctx;
	hx_parse *hp = c->_private;

	(void)ch;
	(void)len;
	hp->last = now(c, hp);
}

static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	(void)target;
	on_comment(ctx, data);
}

px_status hx_parse_html(hx_parse *hp, pxi_arena *ar, const char *src,
                        size_t len)
{
	htmlParserCtxtPtr c;
	int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
	           HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
	           HTML_PARSE_IGNORE_ENC;

	memset(hp, 0, sizeof(*hp));
	hp->ar = ar;
	hp->src = src;
	hp->len = len;
	pxi_vec_init(&hp->ranges, sizeof(hx_range), (size_t)1 << 28);
	if (len > (size_t)1 << 30)
		return PX_ETOOBIG;
	xmlInitParser(); /* idempotent; libxml2's one-time global set-up */
	c = htmlNewParserCtxt();
	if (!c)
		return PX_ENOMEM;
	hp->start = c->sax->startElement;
	hp->end = c->sax->endElement;
	hp->chars = c->sax->characters;
	hp->cdata = c->sax->cdataBlock;
	c->sax->startElement = on_start;
	c->sax->endElement = on_end;
	c->sax->characters = on_chars;
	c->sax->cdataBlock = on_cdata;
	c->sax->comment = on_comment;
	c->sax->ignorableWhitespace = on_blank;
	c->sax->processingInstruction = on_pi;
	c->_private = hp;
	hp->doc = htmlCtxtReadMemory(c, src, (int)len, NULL, "UTF-8", opts);
	htmlFreeParserCtxt(c);
	if (hp->oom || ar->oom)
		return PX_ENOMEM;
	if (!hp->doc)
		return PX_EPARSE;
	return PX_OK;
}

void hx_parse_free(hx_parse *hp)
{
	if (hp->doc)
		xmlFreeDoc(hp->doc);
	hp->doc = NULL;
}

static int ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

int hx_text_span(const hx_parse *hp, const xmlNode *t, hx_range *out)
{
	const hx_range *r;
	size_t s, e, n;
	const char *z;

	if (!t->psvi)
		return 0;
	r = &((const hx_range *)hp->ranges.a)[(uintptr_t)t->psvi - 1];
	s = r->start;
	e = r->end;
	z = (const char *)t->content;
	n = z ? strlen(z) : 0;
	/* Exact when the text is the bytes just before the end. */
	if (n <= e - s && !memcmp(hp->src + e - n, z, n))
		s = e - n;
	while (s < e && ws((unsigned char)hp->src[s]))
		s++;
	while (e > s && ws((unsigned char)hp->src[e - 1]))
		e--;
	out->start = s;
	out->end = e;
	return e > s;
}
