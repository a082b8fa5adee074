/*
 * extract.c - a page's main text, block by block.
 *
 * 1. Every element gets a tag class and a weight from its class and id
 *    (words such as "article", "content" up; "comment", "share",
 *    "related", "footer" down). Invisible elements (script, style,
 *    hidden, ruby readings) are dropped with their subtree. Boilerplate
 *    is marked, to be dropped once the text is counted: nav, aside,
 *    footer and noscript elements, elements whose class or id reads as
 *    boilerplate without also reading as content (or with a strong
 *    word: "related-posts"), author boxes, and captions (figcaption,
 *    "caption", "credit", "legend", short text by an image).
 * 2. Text is gathered into blocks: the text under the nearest block-level
 *    element (p, h1-h6, li, blockquote, div, td ...), white space
 *    collapsed, with its link text counted and its bytes in the page.
 *    Marked elements go with their subtree unless they hold most of the
 *    page's text (an article the parser nested in a nav it thinks left
 *    open; a gallery told in captions).
 * 3. Content scoring, after Arc90's readability: each block of 25 or more
 *    characters scores its ancestors (1 + commas + length / 100, less
 *    with each level up); an element's score, plus its tag's and its
 *    weight, is scaled by 1 - link density. The best element, moved up
 *    when its parent scores as well or when several good candidates share
 *    an ancestor, is the content, with the siblings that score near it or
 *    read as prose.
 * 4. Inside the content, elements with a negative weight or mostly link
 *    text (link lists, tag clouds, share bars) are left out, and so are
 *    blocks that are mostly a link, the headline itself and headings
 *    whose section was left out. The lead between the headline and the
 *    content is added.
 * In PXI_HTML_ALL mode only step 2 runs, over all visible text.
 */
#include <string.h>

#include "html_int.h"

/* Tag classes. */
enum {
	T_OTHER, T_INLINE, T_A, T_BR, T_P, T_H, T_LI, T_LIST, T_QUOTE,
	T_PRE, T_DIV, T_TD, T_TABLE, T_BODY, T_ARTICLE, T_DROP, T_HIDE,
	T_IMG
};

static const struct tag {
	const char *name;
	unsigned char cls;
} tags[] = {
	{"a", T_A}, {"abbr", T_INLINE}, {"address", T_DIV},
	{"article", T_ARTICLE}, {"aside", T_DROP}, {"audio", T_HIDE},
	{"b", T_INLINE}, {"bdi", T_INLINE}, {"bdo", T_INLINE},
	{"big", T_INLINE}, {"blockquote", T_QUOTE}, {"body", T_BODY},
	{"br", T_BR}, {"button", T_HIDE}, {"canvas", T_HIDE},
	{"caption", T_DIV}, {"center", T_DIV}, {"cite", T_INLINE},
	{"code", T_INLINE}, {"data", T_INLINE}, {"dd", T_LI}, {"del", T_INLINE},
	{"details", T_DIV}, {"dfn", T_INLINE}, {"dialog", T_DROP},
	{"dir", T_LIST}, {"div", T_DIV}, {"dl", T_LIST}, {"dt", T_LI},
	{"em", T_INLINE}, {"embed", T_HIDE}, {"fieldset", T_DIV},
	{"figcaption", T_DIV}, {"figure", T_DIV}, {"font", T_INLINE},
	{"footer", T_DROP}, {"form", T_DIV}, {"frame", T_HIDE},
	{"frameset", T_HIDE}, {"h1", T_H}, {"h2", T_H}, {"h3", T_H},
	{"h4", T_H}, {"h5", T_H}, {"h6", T_H}, {"head", T_HIDE},
	{"header", T_DIV}, {"hr", T_BR}, {"i", T_INLINE}, {"iframe", T_HIDE},
	{"img", T_IMG}, {"input", T_HIDE}, {"ins", T_INLINE}, {"kbd", T_INLINE},
	{"label", T_INLINE}, {"li", T_LI}, {"link", T_HIDE},
	{"main", T_ARTICLE}, {"map", T_HIDE}, {"mark", T_INLINE},
	{"math", T_HIDE}, {"menu", T_DROP}, {"meta", T_HIDE}, {"nav", T_DROP},
	{"nobr", T_INLINE}, {"noscript", T_HIDE}, {"object", T_HIDE},
	{"ol", T_LIST}, {"option", T_HIDE}, {"p", T_P}, {"picture", T_HIDE},
	{"pre", T_PRE}, {"q", T_INLINE}, {"rb", T_INLINE}, {"rp", T_HIDE},
	{"rt", T_HIDE}, {"ruby", T_INLINE}, {"s", T_INLINE}, {"samp", T_INLINE},
	{"script", T_HIDE}, {"section", T_DIV}, {"select", T_HIDE},
	{"small", T_INLINE}, {"source", T_HIDE}, {"span", T_INLINE},
	{"strike", T_INLINE}, {"strong", T_INLINE}, {"style", T_HIDE},
	{"sub", T_INLINE}, {"summary", T_DIV}, {"sup", T_INLINE},
	{"svg", T_HIDE}, {"table", T_TABLE}, {"tbody", T_TABLE}, {"td", T_TD},
	{"template", T_HIDE}, {"textarea", T_HIDE}, {"tfoot", T_TABLE},
	{"th", T_TD}, {"thead", T_TABLE}, {"time", T_INLINE}, {"title", T_HIDE},
	{"tr", T_TABLE}, {"tt", T_INLINE}, {"u", T_INLINE}, {"ul", T_LIST},
	{"var", T_INLINE}, {"video", T_HIDE}, {"wbr", T_INLINE},
};

static unsigned char tag_class(const xmlChar *name)
{
	size_t lo = 0, hi = sizeof(tags) / sizeof(tags[0]);
	char z[16];
	size_t i;

	for (i = 0; name[i] && i + 1 < sizeof(z); i++)
		z[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32
		                                              : name[i]);
	if (name[i])
		return T_OTHER;
	z[i] = '\0';
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(z, tags[mid].name);

		if (!c)
			return tags[mid].cls;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return T_OTHER;
}

static int is_block(unsigned char t)
{
	return t == T_P || t == T_H || t == T_LI || t == T_LIST ||
	       t == T_QUOTE || t == T_PRE || t == T_DIV || t == T_TD ||
	       t == T_TABLE || t == T_BODY || t == T_ARTICLE || t == T_OTHER ||
	       t == T_DROP;
}

/* ---- Class and id hints --------------------------------------------------- */

/* Parts of class and id values (split at anything not a letter or
 * digit) that mark boilerplate, content, or neither. */
static const char *const neg_parts[] = {
	"ad", "ads", "advert", "advertisement", "banner", "breadcrumb",
	"breadcrumbs", "comment", "comments", "consent", "cookie", "cookies",
	"disqus", "footer", "gdpr", "login", "masthead", "menu", "modal",
	"nav", "navbar", "navigation", "newsletter", "outbrain", "pager",
	"pagination", "popular", "popup", "promo", "recommended", "related",
	"share", "sharing", "sidebar", "signup", "social", "sponsor",
	"sponsored", "subscribe", "subscription", "tag", "tags", "taboola",
	"trending", "byline", "dateline", "timestamp", "respond", "reply",
	"offcanvas", "meta", "sharedaddy", "rating", "ratings",
	"disclosure",
	NULL
};
/* Parts that lower the weight but never drop an element by themselves:
 * themes use them on everything ("elementor-widget", "media-body"). */
static const char *const weak_parts[] = {
	"widget", "media", "more", "foot", "hidden", "print",
	"tools", "toolbar", "author", "caption", "credit", "community",
	"remark", "scroll", "jump", "skyscraper", "rss", "twitter",
	"facebook", "tweet", "shoutbox", "shopping", "combx", NULL
};
/* Boilerplate parts that win over content parts ("related-posts",
 * "comment-content"). */
static const char *const strong_parts[] = {
	"comment", "comments", "related", "share", "sharing", "newsletter",
	"subscribe", "subscription", "outbrain", "taboola", "disqus",
	"cookie", "cookies", "consent", "gdpr", "popular", "trending",
	"recommended", "respond", "reply", "promo", "sponsored", "signup",
	"login", "breadcrumb", "breadcrumbs", NULL
};
/* Parts that, together, mark a box about the author; and parts that
 * name one by themselves. */
static const char *const author_parts[] = {
	"author", "authors", "writer", NULL
};
static const char *const about_parts[] = {
	"bio", "box", "info", "description", "desc", "about", "profile",
	"details", "authorbox", "authorbio", "saboxplugin", NULL
};

/* Parts that mark a caption or a photo credit. */
static const char *const cap_parts[] = {
	"caption", "credit", "credits", "copyright", "legend", NULL
};
static const char *const pos_parts[] = {
	"article", "articlebody", "body", "content", "entry", "hentry",
	"main", "page", "post", "text", "blog", "story", "prose", "column",
	NULL
};

static int in_list(const char *const *list, const char *p, size_t n)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (list[i][0] == p[0] && !strncmp(list[i], p, n) &&
		    !list[i][n])
			return 1;
	return 0;
}

/* What the parts of one class or id value read as. */
typedef struct hints {
	int neg, pos, weak;
	int strong; /* boilerplate whatever else the value says */
	int cap;    /* a caption or a photo credit */
	int author, about; /* "author" and "bio": an author box */
} hints;

/* Read the parts of a class or id value (split at anything not a letter
 * or digit, lower-cased; boilerplate parts are matched with trailing
 * digits dropped: "comments18"). */
static void hint(const char *z, hints *h)
{
	char w[64];
	size_t i = 0;

	while (z && z[i]) {
		size_t n = 0, nd;

		while (z[i] && !((z[i] >= 'a' && z[i] <= 'z') ||
		                 (z[i] >= 'A' && z[i] <= 'Z') ||
		                 (z[i] >= '0' && z[i] <= '9')))
			i++;
		while (z[i] && ((z[i] >= 'a' && z[i] <= 'z') ||
		                (z[i] >= 'A' && z[i] <= 'Z') ||
		                (z[i] >= '0' && z[i] <= '9'))) {
			if (n + 1 < sizeof(w))
				w[n++] = (char)(z[i] >= 'A' && z[i] <= 'Z'
				                        ? z[i] + 32 : z[i]);
			i++;
		}
		nd = n;
		while (nd > 2 && w[nd - 1] >= '0' && w[nd - 1] <= '9')
			nd--;
		if (!n)
			continue;
		if (in_list(neg_parts, w, nd)) {
			h->neg = 1;
			if (in_list(strong_parts, w, nd))
				h->strong = 1;
		} else if (in_list(pos_parts, w, n)) {
			h->pos = 1;
		} else if (in_list(weak_parts, w, n)) {
			h->weak = 1;
		}
		if (in_list(cap_parts, w, n))
			h->cap = 1;
		if (in_list(author_parts, w, n))
			h->author = 1;
		if (in_list(about_parts, w, n))
			h->about = 1;
	}
}

/* Weight of an element from its class and id: -25 for each that reads
 * as boilerplate, +25 for each that reads as content. *neg_only is set
 * when one reads as boilerplate only, or has a strong part. */
static int weight_of(const xmlNode *n, int *neg_only, int *cap)
{
	const char *id = hx_attr(n, "id"), *cl = hx_attr(n, "class");
	const char *ip = hx_attr(n, "itemprop");
	const char *v[2];
	int w = 0, k;

	v[0] = cl;
	v[1] = id;
	*neg_only = 0;
	*cap = 0;
	for (k = 0; k < 2; k++) {
		hints h;

		memset(&h, 0, sizeof(h));
		hint(v[k], &h);
		if (h.neg || (h.weak && !h.pos))
			w -= 25;
		if (h.pos)
			w += 25;
		if ((h.neg && !h.pos) || h.strong || (h.author && h.about))
			*neg_only = 1;
		if (h.cap)
			*cap = 1;
	}
	if (ip && strstr(ip, "articleBody"))
		w += 50;
	return w;
}

/* Hidden by style, attribute or ARIA. */
static int hidden(const xmlNode *n)
{
	const char *s;

	if (hx_attr(n, "hidden"))
		return 1;
	s = hx_attr(n, "aria-hidden");
	if (s && !strcmp(s, "true"))
		return 1;
	s = hx_attr(n, "style");
	if (!s)
		return 0;
	return (strstr(s, "display:none") || strstr(s, "display: none") ||
	        strstr(s, "visibility:hidden") ||
	        strstr(s, "visibility: hidden"));
}

/* ---- Elements and blocks ---------------------------------------------------- */

typedef struct el {
	xmlNode *node;
	int parent;        /* -1 at the top */
	int owner;         /* nearest block-level element, itself if one */
	unsigned char tag;
	unsigned char drop;
	unsigned char in_a, in_quote;
	unsigned char in_art; /* inside an article element */
	int weight;
	size_t text, link; /* characters under it, and under links */
	size_t commas;
	int nlong;         /* blocks of 80+ characters, few links */
	int nchild;        /* element children */
	double score;
	int scored;
	int keep;          /* in the content */
	unsigned char neg; /* class or id reads as boilerplate only */
	unsigned char soft; /* nav, aside, footer, noscript: dropped later */
	unsigned char cap; /* a figure's caption */
	unsigned char img; /* an image within a few levels below */
	unsigned char gone; /* left out with its subtree */
} el;

typedef struct blk {
	int owner;
	size_t off, len; /* in the text buffer */
	size_t link;
	size_t hs, he;   /* decoded page bytes */
	int has_span;
	int out;
} blk;

typedef struct ex {
	pxi_arena *ar;
	hx_parse *hp;
	unsigned mode;
	pxi_vec els;   /* el */
	pxi_vec blks;  /* blk */
	char *buf;     /* block text, back to back */
	size_t len, cap;
	int cur;       /* open block, -1 if none */
	int sp;        /* a space is pending in the open block */
	int oom;
} ex;

static el *E(ex *x, int i)
{
	return &((el *)x->els.a)[i];
}

static blk *B(ex *x, size_t i)
{
	return &((blk *)x->blks.a)[i];
}

static int add_bytes(ex *x, const char *p, size_t n)
{
	if (x->len + n + 1 > x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 65536;
		char *nb;

		while (cap < x->len + n + 1)
			cap *= 2;
		nb = pxi_arena_alloc(x->ar, cap);
		if (!nb) {
			x->oom = 1;
			return -1;
		}
		if (x->len)
			memcpy(nb, x->buf, x->len);
		x->buf = nb;
		x->cap = cap;
	}
	memcpy(x->buf + x->len, p, n);
	x->len += n;
	return 0;
}

/* Element k is an image: mark the elements it sits in, a few levels
 * up. */
static void mark_img(ex *x, int k)
{
	int up;

	for (up = 0; up < 3 && k >= 0; up++) {
		k = E(x, k)->parent;
		if (k >= 0)
			E(x, k)->img = 1;
	}
}

/* Pass 1: index the elements, class them, weigh them, drop some. */
static px_status index_elements(ex *x, xmlNode *root)
{
	xmlNode *n = root;
	int all = x->mode & PXI_HTML_ALL;

	while (n) {
		int skip = 0;

		if (n->type == XML_ELEMENT_NODE) {
			el *e = pxi_vec_push(x->ar, &x->els);
			int neg_only = 0, cap = 0, pi;

			if (!e)
				return PX_ENOMEM;
			memset(e, 0, sizeof(*e));
			e->node = n;
			pi = n->parent && n->parent->type == XML_ELEMENT_NODE
			             ? (int)(uintptr_t)n->parent->psvi - 1
			             : -1;
			e->parent = pi;
			n->psvi = (void *)(uintptr_t)x->els.n;
			e->tag = tag_class(n->name);
			e->weight = weight_of(n, &neg_only, &cap);
			if (pi >= 0) {
				el *p = E(x, pi);

				e = E(x, (int)x->els.n - 1);
				p->nchild++;
				e->in_a = p->in_a;
				e->in_quote = p->in_quote;
				e->in_art = p->in_art ||
				            hx_is(p->node->name, "article");
			}
			if (e->tag == T_A)
				e->in_a = 1;
			if (e->tag == T_QUOTE)
				e->in_quote = 1;
			e->owner = is_block(e->tag) || pi < 0
			                   ? (int)x->els.n - 1
			                   : E(x, pi)->owner;
			if (!all && hx_is(n->name, "noscript"))
				e->tag = T_DROP;
			if (e->tag == T_HIDE || hidden(n))
				e->drop = 1;
			else if (!all && (cap || hx_is(n->name, "figcaption")))
				e->cap = 1; /* unless captions are the text */
			else if (!all && e->tag == T_DROP)
				e->soft = 1; /* unless it holds most text */
			else if (!all && neg_only && e->tag != T_BODY &&
			         e->tag != T_ARTICLE &&
			         !hx_is(n->name, "html"))
				e->neg = 1; /* dropped unless it holds most text */
			if (e->tag == T_IMG || hx_is(n->name, "picture") ||
			    hx_is(n->name, "video"))
				mark_img(x, (int)x->els.n - 1);
			skip = e->drop;
		} else if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE ||
		           n->type == XML_DTD_NODE) {
			skip = 1;
		}
		n = hx_next(n, root, skip);
	}
	return PX_OK;
}

static void close_block(ex *x)
{
	blk *b;

	if (x->cur < 0)
		return;
	b = B(x, (size_t)x->cur);
	while (b->len && x->buf[b->off + b->len - 1] == ' ')
		b->len--;
	x->len = b->off + b->len;
	if (!b->len)
		x->blks.n--; /* nothing in it */
	x->cur = -1;
}

static int elem_of(const xmlNode *n)
{
	return n && n->type == XML_ELEMENT_NODE && n->psvi
	               ? (int)(uintptr_t)n->psvi - 1
	               : -1;
}

/* Add a text node to the open block (or a new one owned by owner). */
static void add_text(ex *x, const xmlNode *t, int pe)
{
	const char *z = (const char *)t->content;
	int owner = pe >= 0 ? E(x, pe)->owner : -1;
	size_t i, n = z ? strlen(z) : 0, before;
	hx_range r;
	blk *b;

	if (!n)
		return;
	if (x->cur >= 0 && B(x, (size_t)x->cur)->owner != owner)
		close_block(x);
	if (x->cur < 0) {
		for (i = 0; i < n; i++)
			if (!strchr(" \t\r\n\f", z[i]))
				break;
		if (i == n)
			return;
		b = pxi_vec_push(x->ar, &x->blks);
		if (!b) {
			x->oom = 1;
			return;
		}
		memset(b, 0, sizeof(*b));
		b->owner = owner;
		b->off = x->len;
		x->cur = (int)x->blks.n - 1;
		x->sp = 0;
	}
	b = B(x, (size_t)x->cur);
	before = x->len;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)z[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == '\v') {
			x->sp = 1;
			continue;
		}
		if (c == 0xC2 && i + 1 < n && (unsigned char)z[i + 1] == 0xA0) {
			x->sp = 1;
			i++;
			continue;
		}
		if (x->sp && x->len > b->off && add_bytes(x, " ", 1))
			return;
		x->sp = 0;
		if (add_bytes(x, z + i, 1))
			return;
		if (c == ',')
			E(x, owner)->commas++;
	}
	b->len = x->len - b->off;
	if (pe >= 0 && E(x, pe)->in_a)
		b->link += x->len - before;
	if (hx_text_span(x->hp, t, &r)) {
		if (!b->has_span)
			b->hs = r.start;
		b->he = r.end;
		b->has_span = 1;
	}
}

/* Leaving element n: a block or a line break ends the open block. */
static void leave(ex *x, const xmlNode *n)
{
	int i = elem_of(n);

	if (i >= 0 && !E(x, i)->drop &&
	    (E(x, i)->tag == T_BR || is_block(E(x, i)->tag)))
		close_block(x);
}

/* Pass 2: gather text into blocks, in document order. */
static void gather(ex *x, xmlNode *root)
{
	xmlNode *n = root;

	x->cur = -1;
	while (n && !x->oom) {
		int descend = 0;

		if (n->type == XML_ELEMENT_NODE) {
			int i = elem_of(n);

			if (i >= 0 && !E(x, i)->drop) {
				descend = 1;
				if (E(x, i)->tag == T_BR ||
				    is_block(E(x, i)->tag))
					close_block(x);
			}
		} else if ((n->type == XML_TEXT_NODE ||
		            n->type == XML_CDATA_SECTION_NODE) &&
		           elem_of(n->parent) >= 0) {
			add_text(x, n, elem_of(n->parent));
		}
		if (descend && n->children) {
			n = n->children;
			continue;
		}
		if (descend)
			leave(x, n);
		while (n != root && !n->next) {
			n = n->parent;
			leave(x, n);
		}
		if (n == root)
			break;
		n = n->next;
	}
	close_block(x);
}

/* ---- Scoring ---------------------------------------------------------------- */

static int tag_bonus(unsigned char t)
{
	switch (t) {
	case T_DIV: return 5;
	case T_ARTICLE: return 10;
	case T_PRE: case T_TD: case T_QUOTE: return 3;
	case T_LIST: case T_LI: return -3;
	case T_H: return -5;
	default: return 0;
	}
}

static double ldens(const el *e)
{
	return e->text ? (double)e->link / (double)e->text : 0.0;
}

static double final_score(const el *e)
{
	return e->score * (1.0 - ldens(e));
}

static void init_score(el *e)
{
	if (e->scored)
		return;
	e->scored = 1;
	e->score = tag_bonus(e->tag) + e->weight;
}

static int is_ancestor(ex *x, int a, int i)
{
	while (i >= 0) {
		if (i == a)
			return 1;
		i = E(x, i)->parent;
	}
	return 0;
}

/*
 * Elements whose class or id reads as boilerplate go with their subtree,
 * unless they hold half the page's text or more (a wrapper named
 * "has-sidebar" holds the article too). So do nav, aside, footer and
 * noscript elements, unless they hold half the page's text outside
 * links, some of it in long blocks, and are not inside an article: the
 * HTML parser, which knows no HTML5, can nest the whole article in one
 * it thinks left open. Captions (and short text by an image) go too,
 * unless together they hold half the text outside links (a gallery told
 * in its captions).
 */
static int soft_gone(const el *e, size_t prose)
{
	return e->soft && (e->in_art || !e->nlong ||
	                   (e->text - e->link) * 2 < prose);
}

static void mark_gone(ex *x)
{
	size_t k, all = x->els.n ? E(x, 0)->text : 0;
	size_t prose = x->els.n ? E(x, 0)->text - E(x, 0)->link : 0;
	size_t caps = 0;
	int capgone;

	/* The page's text, less what the soft elements that go hold;
	 * the text of captions. */
	for (k = 0; k < x->els.n; k++) {
		el *e = E(x, (int)k);
		int up = e->parent >= 0 && E(x, e->parent)->gone;

		e->gone = up || soft_gone(e, prose);
		if (e->gone && !up && e->text <= all)
			all -= e->text;
		if (e->tag == T_DIV && e->img && e->text < 150 && !e->nlong)
			e->cap = 1; /* a short text by an image */
		if (e->cap && !e->gone &&
		    !(e->parent >= 0 && E(x, e->parent)->cap))
			caps += e->text - e->link;
	}
	capgone = caps * 2 < prose;
	for (k = 0; k < x->els.n; k++) {
		el *e = E(x, (int)k);

		e->gone = (e->parent >= 0 && E(x, e->parent)->gone) ||
		          (e->neg && e->text * 2 < all) ||
		          soft_gone(e, prose) || (e->cap && capgone);
	}
	for (k = 0; k < x->els.n; k++) {
		el *e = E(x, (int)k);

		e->text = 0;
		e->link = 0;
		e->nlong = 0;
	}
}

/* Element totals from the blocks, then up the tree. */
static void totals(ex *x)
{
	size_t i;
	int k;

	for (i = 0; i < x->blks.n; i++) {
		blk *b = B(x, i);
		el *o = E(x, b->owner);

		if (o->gone)
			continue;

		o->text += b->len;
		o->link += b->link;
		if (b->len >= 80 && b->link * 4 < b->len)
			o->nlong++;
	}
	for (k = (int)x->els.n - 1; k >= 0; k--) {
		el *e = E(x, k);

		if (e->parent >= 0 && !e->drop && !e->gone) {
			el *p = E(x, e->parent);

			p->text += e->text;
			p->link += e->link;
			p->nlong += e->nlong;
			p->commas += e->tag == T_P || e->tag == T_DIV ? 0 : 0;
		}
	}
}

/* Score ancestors of every block with enough text. */
static void score_blocks(ex *x)
{
	size_t i;

	for (i = 0; i < x->blks.n; i++) {
		blk *b = B(x, i);
		el *o = E(x, b->owner);
		double c;
		int a, level;
		size_t commas = 0, j;

		if (b->len < 25 || o->tag == T_H || o->gone)
			continue;
		for (j = 0; j < b->len; j++)
			if (x->buf[b->off + j] == ',')
				commas++;
		c = 1.0 + (double)commas + (double)(b->len / 100 > 3
		                                        ? 3 : b->len / 100);
		a = o->parent;
		for (level = 0; a >= 0 && level < 5; level++) {
			el *e = E(x, a);

			init_score(e);
			e->score += level == 0 ? c : level == 1 ? c / 2
			                           : c / (level * 3);
			a = e->parent;
		}
	}
}

static int same_class(const xmlNode *a, const xmlNode *b)
{
	const char *ca = hx_attr(a, "class"), *cb = hx_attr(b, "class");

	return ca && cb && ca[0] && !strcmp(ca, cb);
}

/*
 * Text split across sibling sections: when the content's parent has a
 * sibling of the same class holding as much prose, the content is the
 * sections' parent.
 */
static int sections(ex *x, int best)
{
	int p = E(x, best)->parent, n = 0;
	xmlNode *s;

	if (p < 0 || E(x, p)->parent < 0 || E(x, p)->tag == T_BODY ||
	    E(x, E(x, p)->parent)->tag == T_BODY)
		return best;
	for (s = E(x, p)->node->parent->children; s; s = s->next) {
		int k = elem_of(s);

		if (k >= 0 && k != p && !E(x, k)->gone &&
		    same_class(s, E(x, p)->node) &&
		    E(x, k)->nlong * 2 >= E(x, best)->nlong &&
		    ldens(E(x, k)) < 0.25)
			n++;
	}
	return n ? E(x, p)->parent : best;
}

static int top_candidate(ex *x)
{
	int best = -1, k, alt[5], nalt = 0, i;
	double bs = 0;

	for (k = 0; k < (int)x->els.n; k++) {
		el *e = E(x, k);

		if (!e->scored || e->drop || e->gone)
			continue;
		if (best < 0 || final_score(e) > bs) {
			best = k;
			bs = final_score(e);
		}
	}
	if (best < 0)
		return -1;
	/* Good candidates that share an ancestor: take the ancestor. */
	for (k = 0; k < (int)x->els.n && nalt < 5; k++) {
		el *e = E(x, k);

		if (k != best && e->scored && !e->drop &&
		    final_score(e) >= 0.75 * bs &&
		    !is_ancestor(x, k, best) && !is_ancestor(x, best, k))
			alt[nalt++] = k;
	}
	if (nalt >= 3) {
		int p = E(x, best)->parent;

		while (p >= 0 && E(x, p)->tag != T_BODY) {
			int cover = 0;

			for (i = 0; i < nalt; i++)
				if (is_ancestor(x, p, alt[i]))
					cover++;
			if (cover >= 3) {
				best = p;
				break;
			}
			p = E(x, p)->parent;
		}
	}
	/* Climb while the parent scores better. */
	{
		double last = final_score(E(x, best));
		double thresh = last / 3;
		int p = E(x, best)->parent;

		while (p >= 0 && E(x, p)->tag != T_BODY) {
			el *e = E(x, p);

			if (!e->scored) {
				p = e->parent;
				continue;
			}
			if (final_score(e) < thresh)
				break;
			if (final_score(e) > last) {
				best = p;
				break;
			}
			last = final_score(e);
			p = e->parent;
		}
	}
	/* An only child stands for its parent. */
	while (E(x, best)->parent >= 0 &&
	       E(x, E(x, best)->parent)->tag != T_BODY &&
	       E(x, E(x, best)->parent)->nchild == 1)
		best = E(x, best)->parent;
	return sections(x, best);
}

/* Mark the content: the top candidate and the siblings that belong. */
static void choose(ex *x, int top)
{
	el *t = E(x, top);
	double ts = final_score(t);
	double thresh = ts * 0.2 > 10 ? ts * 0.2 : 10;
	xmlNode *s;

	t->keep = 1;
	if (t->parent < 0 || t->tag == T_BODY)
		return;
	for (s = E(x, t->parent)->node->children; s; s = s->next) {
		int k = elem_of(s);
		el *e;
		double bonus;

		if (k < 0 || k == top)
			continue;
		e = E(x, k);
		if (e->drop || e->gone)
			continue;
		bonus = same_class(s, t->node) ? ts * 0.2 : 0;
		if (e->scored && final_score(e) + bonus >= thresh) {
			e->keep = 1;
		} else if (e->tag == T_P || e->tag == T_QUOTE ||
		           e->tag == T_LIST || e->tag == T_H) {
			double ld = ldens(e);

			if (e->text > 80 && ld < 0.25)
				e->keep = 1;
			else if (e->text > 0 && e->text <= 80 && ld == 0 &&
			         e->tag == T_P)
				e->keep = 1;
		}
	}
}

/* Is element k (inside the content top, or anywhere if top < 0)
 * boilerplate? A boilerplate name on an element that holds half the
 * content ("body-ad") does not count. */
static int junk(ex *x, int k, int top)
{
	el *e = E(x, k);
	double ld = ldens(e);

	if (e->neg || e->soft)
		return top < 0 || e->text * 2 < E(x, top)->text;
	if ((e->tag == T_LIST || e->tag == T_DIV || e->tag == T_TABLE ||
	     e->tag == T_OTHER) && ld > 0.5 && e->nlong == 0)
		return 1;
	if (e->tag == T_LIST && ld > 0.3 && e->nlong == 0 && e->text > 0)
		return 1;
	return 0;
}

/* Does block b lie in the content, outside boilerplate? */
static int wanted(ex *x, const blk *b, int top)
{
	int k = b->owner, in = 0;

	if (E(x, k)->gone)
		return 0;
	for (; k >= 0; k = E(x, k)->parent) {
		el *e = E(x, k);

		if (e->keep) {
			in = 1;
			break;
		}
		if (junk(x, k, top))
			return 0;
	}
	return in;
}

/* Is the block (p, n) the headline: the title, or the title's start
 * before a " | Site" tail? */
static int same_text(const char *p, size_t n, const char *z)
{
	size_t zn = z ? strlen(z) : 0;

	if (!z || n > zn || memcmp(p, z, n))
		return 0;
	return n == zn || (n >= 10 && (z[n] == ' ' || z[n] == ':'));
}

/* The nearest common ancestor of elements a and b, or -1. */
static int common_ancestor(ex *x, int a, int b)
{
	for (; a >= 0; a = E(x, a)->parent)
		if (is_ancestor(x, a, b))
			return a;
	return -1;
}

/*
 * The lead: prose between the headline (the last h1 before the content)
 * and the content, in the headline's and the content's common ancestor
 * below the body, is kept ("entry-excerpt", "article-intro" in the
 * article's header).
 */
static void lead(ex *x, int top)
{
	size_t i, first, h;
	int lca, k;

	for (first = 0; first < x->blks.n && !B(x, first)->out; first++)
		;
	if (first == x->blks.n)
		return;
	for (h = first; h > 0; h--)
		if (hx_is(E(x, B(x, h - 1)->owner)->node->name, "h1"))
			break;
	if (!h)
		return;
	h--;
	lca = common_ancestor(x, B(x, h)->owner, top);
	if (lca < 0 || E(x, lca)->tag == T_BODY || E(x, lca)->parent < 0)
		return;
	for (i = 0, k = top; i < 3 && k != lca; i++)
		k = E(x, k)->parent;
	if (k != lca)
		return; /* the headline is far from the content */
	for (i = h + 1; i < first; i++) {
		blk *b = B(x, i);

		if (b->len < 100 || b->link * 4 > b->len ||
		    E(x, b->owner)->tag == T_H || E(x, b->owner)->tag == T_LI)
			continue;
		for (k = b->owner; k >= 0 && k != lca; k = E(x, k)->parent)
			if (E(x, k)->gone || junk(x, k, -1))
				break;
		if (k == lca)
			b->out = 1;
	}
}

/*
 * A heading whose section was left out ("Related stories" over a list of
 * links) goes too: one followed by blocks left out and then by another
 * heading or by nothing, or one that ends the text.
 */
static void orphan_headings(ex *x)
{
	size_t i, j;

	for (i = 0; i < x->blks.n; i++) {
		blk *b = B(x, i);
		int skipped = 0;

		if (!b->out || E(x, b->owner)->tag != T_H)
			continue;
		for (j = i + 1; j < x->blks.n && !B(x, j)->out; j++)
			skipped = 1;
		if (j == x->blks.n ||
		    (skipped && E(x, B(x, j)->owner)->tag == T_H))
			b->out = 0;
	}
}

/* ---- Output ------------------------------------------------------------------ */

static px_status emit(ex *x, const pxi_decoded *dec, pxi_html_doc *out)
{
	pxi_vec ob;
	size_t i, total = 0, k = 0;
	char *text;

	pxi_vec_init(&ob, sizeof(pxi_html_block), (size_t)1 << 28);
	for (i = 0; i < x->blks.n; i++)
		if (B(x, i)->out)
			total += B(x, i)->len + 4;
	text = pxi_arena_alloc(x->ar, total + 1);
	if (!text)
		return PX_ENOMEM;
	for (i = 0; i < x->blks.n; i++) {
		blk *b = B(x, i);
		el *o = E(x, b->owner);
		pxi_html_block *h;

		if (!b->out)
			continue;
		h = pxi_vec_push(x->ar, &ob);
		if (!h)
			return PX_ENOMEM;
		memset(h, 0, sizeof(*h));
		if (k) {
			memcpy(text + k, "\n\n", 2);
			k += 2;
		}
		h->heading = o->tag == T_H;
		h->bullet = o->tag == T_LI;
		h->quote = o->in_quote;
		h->text.start = k;
		if (h->bullet) {
			memcpy(text + k, "- ", 2);
			k += 2;
		}
		memcpy(text + k, x->buf + b->off, b->len);
		k += b->len;
		h->text.end = k;
		if (b->has_span) {
			h->html.start = pxi_decoded_to_orig(dec, b->hs, 0);
			h->html.end = pxi_decoded_to_orig(dec, b->he, 1);
		}
	}
	text[k] = '\0';
	out->text = text;
	out->len = k;
	out->blocks = ob.a;
	out->nblocks = ob.n;
	return PX_OK;
}

px_status hx_extract(pxi_arena *ar, hx_parse *hp, const pxi_decoded *dec,
                     unsigned mode, pxi_html_doc *out)
{
	xmlNode *root = xmlDocGetRootElement(hp->doc);
	ex x;
	size_t i;
	int top = -1;
	px_status rc;

	memset(&x, 0, sizeof(x));
	x.ar = ar;
	x.hp = hp;
	x.mode = mode;
	pxi_vec_init(&x.els, sizeof(el), (size_t)1 << 28);
	pxi_vec_init(&x.blks, sizeof(blk), (size_t)1 << 28);
	if (!root)
		return PX_EEMPTY;
	rc = index_elements(&x, root);
	if (rc)
		return rc;
	gather(&x, root);
	if (x.oom)
		return PX_ENOMEM;
	if (!(mode & PXI_HTML_ALL)) {
		totals(&x);
		mark_gone(&x);
		totals(&x);
		score_blocks(&x);
		top = top_candidate(&x);
		if (top >= 0 && E(&x, top)->text >= 140)
			choose(&x, top);
		else
			top = -1;
	}
	for (i = 0; i < x.blks.n; i++) {
		blk *b = B(&x, i);

		if (mode & PXI_HTML_ALL) {
			b->out = 1;
			continue;
		}
		if (top < 0) {
			/* No clear content: every block of prose. */
			b->out = b->len >= 25 && b->link * 2 < b->len &&
			         !junk(&x, b->owner, -1) &&
			         !E(&x, b->owner)->gone;
			continue;
		}
		b->out = wanted(&x, b, top);
		if (b->out && b->link * 10 > b->len * 8)
			b->out = 0; /* mostly a link */
		if (b->out && E(&x, b->owner)->tag == T_H &&
		    same_text(x.buf + b->off, b->len, out->title))
			b->out = 0; /* the headline: it is the title */
	}
	if (top >= 0) {
		lead(&x, top);
		orphan_headings(&x);
	}
	return emit(&x, dec, out);
}
