/*
 * feed.c - news feeds (RSS 2.0, RSS 1.0/RDF, Atom 1.0) to items, read
 * with libxml2's XML parser through SAX2: no tree is built, the items
 * are gathered as the parser goes.
 *
 * The parser runs without recovery (malformed XML stops it, and the
 * error names line, column and byte), without network access, without
 * loading any DTD, and with no entities but XML's five predefined ones
 * and character references: the entity hook answers only those, so a
 * declared entity is an undefined one, and neither billion laughs nor
 * external entities can happen.
 *
 * Positions: xmlByteConsumed() in a callback is the parser's place in
 * the input; at a start tag it is at or before the closing '>', and
 * since '<' cannot occur inside a tag, the tag starts at the last '<'
 * before it.
 */
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <string.h>

#include "feed_int.h"

/* What an item gathers, one buffer each. */
enum {
	F_TITLE,
	F_LINK,
	F_AUTHOR,
	F_DATE,    /* pubDate, published, dc:date, dcterms:issued */
	F_UPDATED, /* updated, dcterms:modified */
	F_ID,      /* guid, Atom id */
	F_CONTENT, /* content:encoded, Atom content */
	F_DESC,    /* description, Atom summary */
	F_GUIDLINK, /* a guid that is a permalink */
	F_N
};

/* A growable text, from the allocator, that keeps its first max bytes. */
typedef struct fbuf {
	char *p;
	size_t len, cap, max;
	int html;       /* markup in it: typed so, or elements inside */
	int xhtml;      /* elements inside are serialized: escape text */
	size_t tag_end; /* byte after the start tag that opened it */
} fbuf;

#define MAX_DEPTH 64

struct px_feed {
	pxi_arena ar;
	const px_allocator *alc;
	char name[256];
	const char *kind;
	const char *title;   /* the channel's or feed's title */
	pxi_vec items;       /* px_item */
	size_t next;
	px_status fail;      /* a parse error after some items */
	px_error ferr;
	int failed_told, empty_told;
};

/* The parse's state. */
typedef struct fx_state {
	px_feed *f;
	xmlParserCtxtPtr ctxt;
	const char *xml;
	size_t len, max;
	size_t depth;
	const xmlChar *names[MAX_DEPTH]; /* local names of open elements */
	size_t item;       /* depth of the open item, 0 when none */
	size_t item_off, item_line;
	size_t author;     /* depth of an open Atom author */
	size_t skip;       /* depth of a subtree passed over (source) */
	int field;         /* the buffer text goes to, or -1 */
	size_t field_depth;
	fbuf b[F_N];
	fbuf chan;         /* the channel's title */
	int in_chan_title;
	size_t line_off, line_no; /* for line numbers, counted forward */
	int oom;
	int not_feed;
	char root[64];
	size_t root_off;
	int have_err;
	int err_line, err_col;
	char err_msg[200];
} fx_state;

static const char NS_CONTENT[] = "http://purl.org/rss/1.0/modules/content/";

static int named(const xmlChar *a, const char *z)
{
	return a && !strcmp((const char *)a, z);
}

/* ---- Buffers ------------------------------------------------------------- */

static void add(fx_state *st, fbuf *b, const char *p, size_t n)
{
	size_t room;

	if (!n || b->len >= b->max)
		return;
	room = b->max - b->len;
	if (n > room)
		n = room;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *np;

		while (cap < b->len + n + 1)
			cap *= 2;
		if (cap > b->max + 1)
			cap = b->max + 1;
		np = pxi_realloc(st->f->alc, b->p, cap);
		if (!np) {
			st->oom = 1;
			xmlStopParser(st->ctxt);
			return;
		}
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void addz(fx_state *st, fbuf *b, const char *z)
{
	add(st, b, z, strlen(z));
}

/* Text into a serialized fragment: < and & escaped. */
static void add_escaped(fx_state *st, fbuf *b, const char *p, size_t n)
{
	size_t i, from = 0;

	for (i = 0; i < n; i++) {
		if (p[i] != '<' && p[i] != '&' && p[i] != '>')
			continue;
		add(st, b, p + from, i - from);
		addz(st, b, p[i] == '<' ? "&lt;" : p[i] == '>' ? "&gt;"
		                                               : "&amp;");
		from = i + 1;
	}
	add(st, b, p + from, n - from);
}

static void reset(fbuf *b)
{
	b->len = 0;
	b->html = 0;
	b->xhtml = 0;
	b->tag_end = 0;
	if (b->p)
		b->p[0] = '\0';
}

/* ---- Positions ----------------------------------------------------------- */

static size_t pos(fx_state *st)
{
	long v = xmlByteConsumed(st->ctxt);

	if (v < 0 || (size_t)v > st->len)
		return st->len;
	return (size_t)v;
}

/* The byte of the current start tag's '<'. */
static size_t tag_start(fx_state *st)
{
	size_t i = pos(st);

	if (i >= st->len)
		i = st->len ? st->len - 1 : 0;
	while (i > 0 && st->xml[i] != '<')
		i--;
	return i;
}

/* The byte after the current start tag's '>'. */
static size_t tag_end(fx_state *st)
{
	size_t i = pos(st);

	while (i < st->len && st->xml[i] != '>')
		i++;
	return i < st->len ? i + 1 : st->len;
}

/* 1-based line of off; offsets asked grow, so count on from the last. */
static size_t line_at(fx_state *st, size_t off)
{
	if (off < st->line_off) {
		st->line_off = 0;
		st->line_no = 1;
	}
	for (; st->line_off < off && st->line_off < st->len; st->line_off++)
		if (st->xml[st->line_off] == '\n')
			st->line_no++;
	return st->line_no;
}

/* ---- Items --------------------------------------------------------------- */

static const xmlChar *attr(int nattr, const xmlChar **attrs, const char *z,
                           size_t *len)
{
	int i;

	for (i = 0; i < nattr; i++) {
		const xmlChar **a = attrs + 5 * i;

		if (named(a[0], z)) {
			*len = (size_t)(a[4] - a[3]);
			return a[3];
		}
	}
	return NULL;
}

/* A trimmed copy in the feed's arena, white space runs made one space
 * when collapse; NULL when empty. */
static const char *keep(fx_state *st, const char *p, size_t n, int collapse)
{
	char *z, *w;
	size_t i;
	int sp = 0;

	if (!p)
		return NULL;
	n = fx_trim(&p, n);
	if (!n)
		return NULL;
	z = pxi_arena_strndup(&st->f->ar, p, n);
	if (!z || !collapse)
		return z;
	for (w = z, i = 0; i < n; i++) {
		char c = z[i];

		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			sp = 1;
			continue;
		}
		if (sp && w > z)
			*w++ = ' ';
		sp = 0;
		*w++ = c;
	}
	*w = '\0';
	return z;
}

/* Markup or character references in plain text: read it as HTML. */
static int is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int looks_html(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i++) {
		unsigned char c = (unsigned char)p[i + 1];

		if (p[i] == '<' && (c == '/' || c == '!' || is_alpha(c)))
			return 1;
		if (p[i] == '&' && (c == '#' || is_alpha(c))) {
			size_t j = i + 1;

			while (j < n && j < i + 12 && p[j] != ';' &&
			       p[j] != ' ' && p[j] != '&')
				j++;
			if (j < n && p[j] == ';')
				return 1;
		}
	}
	return 0;
}

/* "jane@example.com (Jane Doe)" is Jane Doe. */
static const char *author_of(fx_state *st, fbuf *b)
{
	const char *p = b->p, *open, *close;
	size_t n = b->len;

	if (!n)
		return NULL;
	open = memchr(p, '(', n);
	close = open ? memchr(open, ')', n - (size_t)(open - p)) : NULL;
	if (open && close && close > open + 1 && memchr(p, '@', n) &&
	    memchr(p, '@', n) < (const void *)open)
		return keep(st, open + 1, (size_t)(close - open - 1), 1);
	return keep(st, p, n, 1);
}

/* The item's content: the buffer, its place in the feed, its flags. */
static void content_of(fx_state *st, px_item *it)
{
	fbuf *b = st->b[F_CONTENT].len ? &st->b[F_CONTENT] : &st->b[F_DESC];
	const char *p = b->p;
	size_t n = b->len, at;

	if (!n)
		return;
	n = fx_trim(&p, n);
	if (!n)
		return;
	it->content = pxi_arena_strndup(&st->f->ar, p, n);
	if (!it->content)
		return;
	it->content_len = n;
	it->content_offset = b->tag_end;
	if (b->html || looks_html(p, n))
		it->flags |= PX_ITEM_HTML;
	/* Verbatim when the text is the bytes after the tag (white space
	 * and a CDATA opening passed over). */
	at = b->tag_end;
	while (at < st->len && (st->xml[at] == ' ' || st->xml[at] == '\t' ||
	                        st->xml[at] == '\r' || st->xml[at] == '\n'))
		at++;
	if (st->len - at >= 9 && !memcmp(st->xml + at, "<![CDATA[", 9))
		at += 9;
	while (at < st->len && (st->xml[at] == ' ' || st->xml[at] == '\t' ||
	                        st->xml[at] == '\r' || st->xml[at] == '\n'))
		at++;
	if (at <= st->len && st->len - at >= n &&
	    !memcmp(st->xml + at, p, n)) {
		it->flags |= PX_ITEM_VERBATIM;
		it->content_offset = at;
	}
}

static void item_end(fx_state *st)
{
	px_item *it = pxi_vec_push(&st->f->ar, &st->f->items);
	char iso[40], input[320];
	fbuf *d;

	if (!it) {
		st->oom = 1;
		xmlStopParser(st->ctxt);
		return;
	}
	memset(it, 0, sizeof(*it));
	it->kind = st->f->kind;
	it->container = st->f->name;
	snprintf(input, sizeof(input), "%s:%zu", st->f->name, st->item_line);
	it->input = pxi_arena_strndup(&st->f->ar, input, strlen(input));
	it->offset = st->item_off;
	it->line = st->item_line;
	it->title = keep(st, st->b[F_TITLE].p, st->b[F_TITLE].len, 1);
	it->url = keep(st, st->b[F_LINK].p, st->b[F_LINK].len, 1);
	if (!it->url)
		it->url = keep(st, st->b[F_GUIDLINK].p, st->b[F_GUIDLINK].len,
		               1);
	it->id = keep(st, st->b[F_ID].p, st->b[F_ID].len, 1);
	it->author = author_of(st, &st->b[F_AUTHOR]);
	d = st->b[F_DATE].len ? &st->b[F_DATE] : &st->b[F_UPDATED];
	if (d->len && fx_date_iso(d->p, d->len, iso, sizeof(iso)))
		it->published = pxi_arena_strndup(&st->f->ar, iso,
		                                  strlen(iso));
	else
		it->published = keep(st, d->p, d->len, 1);
	content_of(st, it);
	if (st->f->ar.oom) {
		st->oom = 1;
		xmlStopParser(st->ctxt);
	}
}

/* ---- SAX callbacks ------------------------------------------------------- */

/* Which buffer a child of an item feeds, or -1; flags set on it. */
static int field_of(fx_state *st, const xmlChar *name, const xmlChar *uri,
                    int nattr, const xmlChar **attrs)
{
	int atom = !strcmp(st->f->kind, "atom");
	const xmlChar *v;
	size_t n;

	if (named(name, "title"))
		return F_TITLE;
	if (named(name, "link")) {
		if (!atom)
			return F_LINK;
		v = attr(nattr, attrs, "rel", &n);
		if (v && !fx_eq((const char *)v, n, "alternate"))
			return -1;
		v = attr(nattr, attrs, "href", &n);
		if (v && !st->b[F_LINK].len)
			add(st, &st->b[F_LINK], (const char *)v, n);
		return -1;
	}
	if (named(name, "encoded") && named(uri, NS_CONTENT)) {
		st->b[F_CONTENT].html = 1;
		return F_CONTENT;
	}
	if (named(name, "description") || named(name, "summary") ||
	    (named(name, "content") && atom)) {
		int f = named(name, "content") ? F_CONTENT : F_DESC;

		if (attr(nattr, attrs, "src", &n))
			return -1; /* content elsewhere */
		v = attr(nattr, attrs, "type", &n);
		if (v && (fx_eq((const char *)v, n, "xhtml") ||
		          fx_eq((const char *)v, n, "application/xhtml+xml"))) {
			st->b[f].html = 1;
			st->b[f].xhtml = 1;
		} else if (v && (fx_eq((const char *)v, n, "html") ||
		                 fx_eq((const char *)v, n, "text/html"))) {
			st->b[f].html = 1;
		} else if (v && !fx_eq((const char *)v, n, "text") &&
		           !fx_eq((const char *)v, n, "text/plain")) {
			return -1; /* another media type */
		}
		return f;
	}
	if (named(name, "author"))
		return atom ? -2 : F_AUTHOR;
	if (named(name, "creator"))
		return F_AUTHOR;
	if (named(name, "pubDate") || named(name, "published") ||
	    named(name, "date") || named(name, "issued"))
		return F_DATE;
	if (named(name, "updated") || named(name, "modified"))
		return F_UPDATED;
	if (named(name, "guid")) {
		v = attr(nattr, attrs, "isPermaLink", &n);
		if (!v || !fx_eq((const char *)v, n, "false"))
			return F_GUIDLINK; /* also the id, at its end */
		return F_ID;
	}
	if (named(name, "id"))
		return F_ID;
	if (named(name, "source"))
		return -3;
	return -1;
}

static void start_field(fx_state *st, int f)
{
	fbuf *b = &st->b[f];

	if (b->len && (f == F_AUTHOR))
		addz(st, b, ", ");
	else if (b->len && f != F_CONTENT && f != F_DESC)
		return; /* the first one counts */
	st->field = f;
	st->field_depth = st->depth;
	b->tag_end = tag_end(st);
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar *prefix,
                     const xmlChar *uri, int nns, const xmlChar **ns,
                     int nattr, int ndef, const xmlChar **attrs)
{
	fx_state *st = ctx;
	int f, i;

	(void)prefix;
	(void)nns;
	(void)ns;
	(void)ndef;
	st->depth++;
	if (st->depth <= MAX_DEPTH)
		st->names[st->depth - 1] = name;
	if (st->depth == 1) {
		snprintf(st->root, sizeof(st->root), "%s", (const char *)name);
		st->root_off = tag_start(st);
		if (named(name, "rss"))
			st->f->kind = "rss";
		else if (named(name, "RDF"))
			st->f->kind = "rdf";
		else if (named(name, "feed"))
			st->f->kind = "atom";
		if (!st->f->kind) {
			st->not_feed = 1;
			xmlStopParser(st->ctxt);
		}
		return;
	}
	if (st->skip)
		return;
	if (st->field >= 0) {
		fbuf *b = &st->b[st->field];

		/* Elements inside a field: markup in content, else only
		 * their text counts. */
		if (st->field == F_CONTENT || st->field == F_DESC) {
			b->html = 1;
			b->xhtml = 1;
			addz(st, b, "<");
			addz(st, b, (const char *)name);
			for (i = 0; i < nattr; i++) {
				const xmlChar **a = attrs + 5 * i;

				addz(st, b, " ");
				addz(st, b, (const char *)a[0]);
				addz(st, b, "=\"");
				add_escaped(st, b, (const char *)a[3],
				            (size_t)(a[4] - a[3]));
				addz(st, b, "\"");
			}
			addz(st, b, ">");
		}
		return;
	}
	if (!st->item) {
		int atom = !strcmp(st->f->kind, "atom");

		if ((atom && named(name, "entry")) ||
		    (!atom && named(name, "item"))) {
			int k;

			st->item = st->depth;
			st->item_off = tag_start(st);
			st->item_line = line_at(st, st->item_off);
			for (k = 0; k < F_N; k++)
				reset(&st->b[k]);
			st->author = 0;
			return;
		}
		/* The channel's title: rss/channel/title, rdf:RDF/channel/
		 * title, feed/title. */
		if (named(name, "title") && !st->chan.len &&
		    ((atom && st->depth == 2) ||
		     (!atom && st->depth == 3 &&
		      named(st->names[1], "channel")))) {
			st->in_chan_title = 1;
			st->field_depth = st->depth;
		}
		return;
	}
	if (st->author && st->depth == st->author + 1) {
		if (named(name, "name"))
			start_field(st, F_AUTHOR);
		return;
	}
	if (st->depth != st->item + 1)
		return;
	f = field_of(st, name, uri, nattr, attrs);
	if (f == -2)
		st->author = st->depth;
	else if (f == -3)
		st->skip = st->depth;
	else if (f >= 0)
		start_field(st, f);
}

static void on_end(void *ctx, const xmlChar *name, const xmlChar *prefix,
                   const xmlChar *uri)
{
	fx_state *st = ctx;

	(void)prefix;
	(void)uri;
	if (st->skip) {
		if (st->depth == st->skip)
			st->skip = 0;
	} else if (st->field >= 0) {
		if (st->depth == st->field_depth) {
			if (st->field == F_GUIDLINK) /* also the item's id */
				add(st, &st->b[F_ID], st->b[F_GUIDLINK].p,
				    st->b[F_ID].len ? 0
				                    : st->b[F_GUIDLINK].len);
			st->field = -1;
		} else if (st->field == F_CONTENT || st->field == F_DESC) {
			addz(st, &st->b[st->field], "</");
			addz(st, &st->b[st->field], (const char *)name);
			addz(st, &st->b[st->field], ">");
		}
	} else if (st->in_chan_title && st->depth == st->field_depth) {
		st->in_chan_title = 0;
	} else if (st->author && st->depth == st->author) {
		st->author = 0;
	} else if (st->item && st->depth == st->item) {
		item_end(st);
		st->item = 0;
	}
	if (st->depth)
		st->depth--;
}

static void text(fx_state *st, const xmlChar *ch, int len, int cdata)
{
	fbuf *b;

	if (len <= 0 || st->skip)
		return;
	if (st->in_chan_title) {
		add(st, &st->chan, (const char *)ch, (size_t)len);
		return;
	}
	if (st->field < 0)
		return;
	b = &st->b[st->field];
	if (b->xhtml && !cdata)
		add_escaped(st, b, (const char *)ch, (size_t)len);
	else
		add(st, b, (const char *)ch, (size_t)len);
}

static void on_chars(void *ctx, const xmlChar *ch, int len)
{
	text(ctx, ch, len, 0);
}

static void on_cdata(void *ctx, const xmlChar *ch, int len)
{
	text(ctx, ch, len, 1);
}

/* Only XML's predefined entities exist. */
static xmlEntityPtr on_entity(void *ctx, const xmlChar *name)
{
	(void)ctx;
	return xmlGetPredefinedEntity(name);
}

/* The first error; libxml2 prints nothing itself. */
static void on_error(void *ctx, xmlErrorPtr e)
{
	fx_state *st = ctx;
	size_t n;

	if (!e || e->level < XML_ERR_ERROR || st->have_err)
		return;
	st->have_err = 1;
	st->err_line = e->line;
	st->err_col = e->int2;
	if (e->code == XML_ERR_UNDECLARED_ENTITY && e->str1)
		snprintf(st->err_msg, sizeof(st->err_msg), "entity '%s' is "
		         "not one of XML's five (declared entities are not "
		         "read)", e->str1);
	else
		snprintf(st->err_msg, sizeof(st->err_msg), "%s",
		         e->message ? e->message : "malformed XML");
	n = strlen(st->err_msg);
	while (n && (st->err_msg[n - 1] == '\n' || st->err_msg[n - 1] == ' '))
		st->err_msg[--n] = '\0';
}

/* ---- The reader ---------------------------------------------------------- */

/* The byte at line, column (both 1-based; libxml2 counts the column in
 * bytes of the line, roughly). */
static size_t offset_of(const char *p, size_t n, int line, int col)
{
	size_t i = 0;
	int l = 1;

	while (i < n && l < line) {
		if (p[i] == '\n')
			l++;
		i++;
	}
	if (col > 1)
		while (i < n && p[i] != '\n' && --col > 0)
			i++;
	return i;
}

static size_t cap_of(const px_options *opts)
{
	return opts && opts->max_bytes ? opts->max_bytes : PX_DEFAULT_MAX_BYTES;
}

static px_status parse(fx_state *st, px_error *err)
{
	xmlSAXHandler sax;
	xmlParserCtxtPtr c;
	px_feed *f = st->f;
	size_t i, at;

	xmlInitParser(); /* idempotent; libxml2's one-time global set-up */
	c = xmlCreateMemoryParserCtxt(st->xml, (int)st->len);
	if (!c)
		return pxi_error(err, PX_ENOMEM, f->name, 0, 0,
		                 "out of memory");
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.characters = on_chars;
	sax.ignorableWhitespace = on_chars;
	sax.cdataBlock = on_cdata;
	sax.getEntity = on_entity;
	sax.serror = on_error;
	memcpy(c->sax, &sax, sizeof(sax));
	c->userData = st;
	st->ctxt = c;
	xmlCtxtUseOptions(c, XML_PARSE_NONET);
	c->replaceEntities = 0;
	c->loadsubset = 0;
	c->validate = 0;
	xmlParseDocument(c);
	if (!c->wellFormed && !st->have_err && !st->not_feed && !st->oom) {
		st->have_err = 1;
		st->err_line = c->input ? c->input->line : 0;
		st->err_col = c->input ? c->input->col : 0;
		snprintf(st->err_msg, sizeof(st->err_msg), "malformed XML");
	}
	/* libxml2 keeps declared entities in a document of its own even
	 * without a tree ("expat compatibility"): free it. */
	if (c->myDoc) {
		xmlFreeDoc(c->myDoc);
		c->myDoc = NULL;
	}
	xmlFreeParserCtxt(c);
	st->ctxt = NULL;
	for (i = 0; i < F_N; i++)
		pxi_free(f->alc, st->b[i].p);
	f->title = keep(st, st->chan.p, st->chan.len, 1);
	pxi_free(f->alc, st->chan.p);
	if (st->oom || f->ar.oom)
		return pxi_error(err, PX_ENOMEM, f->name, 0, 0,
		                 "out of memory");
	if (st->not_feed)
		return pxi_error(err, PX_EPARSE, f->name, st->root_off,
		                 line_at(st, st->root_off),
		                 "not a news feed (root element <%s>)",
		                 st->root);
	/* Items before the channel's title gets their outlet now. */
	for (i = 0; i < f->items.n; i++) {
		px_item *it = (px_item *)f->items.a + i;

		if (!it->source)
			it->source = f->title;
	}
	if (!st->have_err && !f->kind)
		return pxi_error(err, PX_EEMPTY, f->name, 0, 0,
		                 "no XML element in the feed");
	if (!st->have_err)
		return PX_OK;
	at = offset_of(st->xml, st->len, st->err_line, st->err_col);
	pxi_error(err, PX_EPARSE, f->name, at, st->err_line > 0
	          ? (size_t)st->err_line : 0, "malformed XML: %s (column %d)",
	          st->err_msg, st->err_col);
	if (!f->items.n || !f->kind)
		return PX_EPARSE;
	/* Items before the error come first, then the error. */
	f->fail = PX_EPARSE;
	pxi_error(&f->ferr, PX_EPARSE, f->name, at, st->err_line > 0
	          ? (size_t)st->err_line : 0, "malformed XML: %s (column %d)",
	          st->err_msg, st->err_col);
	return PX_OK;
}

px_status px_feed_open(const char *xml, size_t len, const char *name,
                       const px_options *opts, px_feed **out, px_error *err)
{
	const px_allocator *alc = opts ? opts->alc : NULL;
	fx_state *st = NULL;
	px_feed *f;
	px_status rc;
	int k;

	if (!out)
		return PX_EINVAL;
	*out = NULL;
	if (!name)
		name = "<feed>";
	if (!xml && len)
		return pxi_error(err, PX_EINVAL, name, 0, 0, "no text pointer");
	if (!len)
		return pxi_error(err, PX_EEMPTY, name, 0, 0, "empty input");
	if (len > PX_FEED_MAX_BYTES || len > (size_t)2147483647)
		return pxi_error(err, PX_ETOOBIG, name, PX_FEED_MAX_BYTES, 0,
		                 "feed of %zu bytes is over the cap of %zu "
		                 "bytes", len, PX_FEED_MAX_BYTES);
	f = pxi_alloc(alc, sizeof(*f));
	st = pxi_alloc(alc, sizeof(*st));
	if (!f || !st) {
		pxi_free(alc, f);
		pxi_free(alc, st);
		return pxi_error(err, PX_ENOMEM, name, 0, 0, "out of memory");
	}
	memset(f, 0, sizeof(*f));
	memset(st, 0, sizeof(*st));
	pxi_arena_init(&f->ar, alc);
	f->alc = alc;
	snprintf(f->name, sizeof(f->name), "%s", name);
	pxi_vec_init(&f->items, sizeof(px_item), (size_t)1 << 24);
	st->f = f;
	st->xml = xml;
	st->len = len;
	st->max = cap_of(opts);
	st->field = -1;
	st->line_no = 1;
	for (k = 0; k < F_N; k++)
		st->b[k].max = FX_FIELD_MAX;
	st->b[F_CONTENT].max = st->max + 1;
	st->b[F_DESC].max = st->max + 1;
	st->chan.max = FX_FIELD_MAX;
	rc = parse(st, err);
	pxi_free(alc, st);
	if (rc) {
		px_feed_free(f);
		return rc;
	}
	*out = f;
	return PX_OK;
}

px_status px_feed_next(px_feed *f, const px_item **item, px_error *err)
{
	if (!item)
		return PX_EINVAL;
	*item = NULL;
	if (!f)
		return PX_EINVAL;
	if (f->next < f->items.n) {
		*item = (const px_item *)f->items.a + f->next++;
		return PX_OK;
	}
	if (f->fail && !f->failed_told) {
		f->failed_told = 1;
		if (err)
			*err = f->ferr;
		return f->fail;
	}
	if (!f->items.n && !f->empty_told) {
		f->empty_told = 1;
		return pxi_error(err, PX_EEMPTY, f->name, 0, 0,
		                 "no items in the feed");
	}
	return PX_OK;
}

const char *px_feed_title(const px_feed *f)
{
	return f ? f->title : NULL;
}

void px_feed_free(px_feed *f)
{
	const px_allocator *alc;

	if (!f)
		return;
	alc = f->alc;
	pxi_arena_free(&f->ar);
	pxi_free(alc, f);
}
