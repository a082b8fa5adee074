/*
 * canon.c - entities across articles: spellings and transliterations of
 * one name become one canonical entity, with the evidence for each merge
 * and a confidence; an alias file forces or forbids merges.
 *
 * Merges, strongest first: the analyst's "same" lines (1.0); one type and
 * one spelling-insensitive key (px_name_key: Zelenskiy / Zelensky, Kiev /
 * Kyiv; 0.9), or one key for a place and an organization (US typed
 * either way by the tagger; 0.75); people with one surname key and one
 * first initial (0.8); a surname alone that only one person in the table
 * carries (0.7). A merge the analyst's "differ" lines forbid is never
 * made.
 */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../core/core.h"
#include "entity.h"

typedef struct centry {
	char *name;
	char *key;
	px_entity_type type;
	size_t count;
	size_t *arts;
	size_t narts, cap_arts;
	size_t parent;
	size_t words;
} centry;

typedef struct alias {
	int same;
	char *a, *b;
	size_t line;
} alias;

struct px_canon {
	const px_allocator *alc;
	centry *e;
	size_t n, cap;
	size_t *slots; /* hash of (type, name) -> entry + 1 */
	size_t nslots;
	alias *al;
	size_t nal, cap_al;
	/* per root, filled by build */
	double *conf;
	pxi_buf *evid;
	px_canon_entity *out;
	size_t nout;
	const char **vstore;
	size_t *astore;
	size_t *outidx; /* per entry: its group's index in out */
	int built;
};

static char *dupn(const px_allocator *alc, const char *p, size_t n)
{
	char *z = pxi_alloc(alc, n + 1);

	if (!z)
		return NULL;
	memcpy(z, p, n);
	z[n] = '\0';
	return z;
}

px_canon *px_canon_new(const px_allocator *alc)
{
	px_canon *c = pxi_alloc(alc, sizeof(*c));

	if (!c)
		return NULL;
	memset(c, 0, sizeof(*c));
	c->alc = alc;
	return c;
}

void px_canon_free(px_canon *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n; i++) {
		pxi_free(c->alc, c->e[i].name);
		pxi_free(c->alc, c->e[i].key);
		pxi_free(c->alc, c->e[i].arts);
	}
	for (i = 0; i < c->nal; i++) {
		pxi_free(c->alc, c->al[i].a);
		pxi_free(c->alc, c->al[i].b);
	}
	if (c->evid)
		for (i = 0; i < c->n; i++)
			pxi_buf_free(&c->evid[i]);
	pxi_free(c->alc, c->evid);
	pxi_free(c->alc, c->conf);
	pxi_free(c->alc, c->e);
	pxi_free(c->alc, c->slots);
	pxi_free(c->alc, c->al);
	pxi_free(c->alc, c->out);
	pxi_free(c->alc, c->vstore);
	pxi_free(c->alc, c->astore);
	pxi_free(c->alc, c->outidx);
	pxi_free(c->alc, c);
}

static size_t hash_name(px_entity_type t, const char *p, size_t n)
{
	size_t h = 1469598103934665603ull ^ (size_t)t, i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 1099511628211ull;
	return h;
}

static int rehash(px_canon *c)
{
	size_t ns = c->nslots ? c->nslots * 2 : 1024, i;
	size_t *sl = pxi_alloc(c->alc, ns * sizeof(*sl));

	if (!sl)
		return -1;
	memset(sl, 0, ns * sizeof(*sl));
	for (i = 0; i < c->n; i++) {
		size_t h = hash_name(c->e[i].type, c->e[i].name,
		                     strlen(c->e[i].name)) & (ns - 1);

		while (sl[h])
			h = (h + 1) & (ns - 1);
		sl[h] = i + 1;
	}
	pxi_free(c->alc, c->slots);
	c->slots = sl;
	c->nslots = ns;
	return 0;
}

/* The entry for (type, name), or SIZE_MAX when there is none. */
static size_t lookup(const px_canon *c, px_entity_type t, const char *p,
                     size_t n)
{
	size_t h;

	if (!c->nslots)
		return SIZE_MAX;
	h = hash_name(t, p, n) & (c->nslots - 1);
	while (c->slots[h]) {
		const centry *e = &c->e[c->slots[h] - 1];

		if (e->type == t && strlen(e->name) == n && !memcmp(e->name, p, n))
			return c->slots[h] - 1;
		h = (h + 1) & (c->nslots - 1);
	}
	return SIZE_MAX;
}

/* The entry for (type, name), made if new; SIZE_MAX on OOM. */
static size_t entry(px_canon *c, px_entity_type t, const char *p, size_t n)
{
	size_t h, k;
	centry *e;
	char key[256];

	if ((c->n + 1) * 2 > c->nslots && rehash(c))
		return SIZE_MAX;
	k = lookup(c, t, p, n);
	if (k != SIZE_MAX)
		return k;
	h = hash_name(t, p, n) & (c->nslots - 1);
	while (c->slots[h])
		h = (h + 1) & (c->nslots - 1);
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 256;
		centry *ne = pxi_realloc(c->alc, c->e, cap * sizeof(*ne));

		if (!ne)
			return SIZE_MAX;
		c->e = ne;
		c->cap = cap;
	}
	e = &c->e[c->n];
	memset(e, 0, sizeof(*e));
	e->type = t;
	e->name = dupn(c->alc, p, n);
	e->key = dupn(c->alc, key, px_name_key(p, n, key, sizeof(key)));
	if (!e->name || !e->key) {
		pxi_free(c->alc, e->name);
		pxi_free(c->alc, e->key);
		return SIZE_MAX;
	}
	e->words = 1;
	for (k = 0; k < n; k++)
		e->words += p[k] == ' ';
	e->parent = c->n;
	c->slots[h] = ++c->n;
	return c->n - 1;
}

px_status px_canon_add(px_canon *c, const px_article *a, size_t article)
{
	const px_entity *es;
	size_t n, i;

	if (!c || !a || c->built)
		return PX_EINVAL;
	es = px_article_entities(a, &n);
	for (i = 0; i < n; i++) {
		size_t k = entry(c, es[i].type, es[i].name, strlen(es[i].name));
		centry *e;

		if (k == SIZE_MAX)
			return PX_ENOMEM;
		e = &c->e[k];
		e->count += es[i].count;
		if (e->narts && e->arts[e->narts - 1] == article)
			continue;
		if (e->narts == e->cap_arts) {
			size_t cap = e->cap_arts ? e->cap_arts * 2 : 4;
			size_t *na = pxi_realloc(c->alc, e->arts,
			                         cap * sizeof(*na));

			if (!na)
				return PX_ENOMEM;
			e->arts = na;
			e->cap_arts = cap;
		}
		e->arts[e->narts++] = article;
	}
	return PX_OK;
}

px_status px_canon_aliases(px_canon *c, const char *text, size_t len,
                           const char *name, px_error *err)
{
	size_t i = 0, line = 0;

	if (!c || (!text && len))
		return PX_EINVAL;
	while (i < len) {
		const char *p = text + i, *nl = memchr(p, '\n', len - i);
		size_t n = nl ? (size_t)(nl - p) : len - i;
		const char *t1, *t2;
		alias *al;

		i += n + 1;
		line++;
		while (n && (p[n - 1] == '\r' || p[n - 1] == ' '))
			n--;
		if (!n || p[0] == '#')
			continue;
		t1 = memchr(p, '\t', n);
		t2 = t1 ? memchr(t1 + 1, '\t', n - (size_t)(t1 + 1 - p)) : NULL;
		if (!t1 || !t2 || t2 == t1 + 1 || t2 + 1 == p + n ||
		    !((t1 - p == 4 && !memcmp(p, "same", 4)) ||
		      (t1 - p == 6 && !memcmp(p, "differ", 6))))
			return pxi_error(err, PX_EPARSE, name,
			                 (size_t)(p - text), line,
			                 "alias line is not \"same|differ<TAB>"
			                 "NAME<TAB>NAME\"");
		if (c->nal == c->cap_al) {
			size_t cap = c->cap_al ? c->cap_al * 2 : 16;
			alias *na = pxi_realloc(c->alc, c->al, cap * sizeof(*na));

			if (!na)
				return PX_ENOMEM;
			c->al = na;
			c->cap_al = cap;
		}
		al = &c->al[c->nal];
		al->same = p[0] == 's';
		al->line = line;
		al->a = dupn(c->alc, t1 + 1, (size_t)(t2 - t1 - 1));
		al->b = dupn(c->alc, t2 + 1, (size_t)(p + n - t2 - 1));
		if (!al->a || !al->b) {
			pxi_free(c->alc, al->a);
			pxi_free(c->alc, al->b);
			return PX_ENOMEM;
		}
		c->nal++;
	}
	return PX_OK;
}

static size_t root(px_canon *c, size_t i)
{
	while (c->e[i].parent != i) {
		c->e[i].parent = c->e[c->e[i].parent].parent;
		i = c->e[i].parent;
	}
	return i;
}

/* Does a "differ" line forbid joining the groups of x and y? */
static int forbidden(px_canon *c, size_t x, size_t y)
{
	size_t rx = root(c, x), ry = root(c, y), k, i;

	for (k = 0; k < c->nal; k++) {
		int ax = 0, bx = 0, ay = 0, by = 0;

		if (c->al[k].same)
			continue;
		for (i = 0; i < c->n; i++) {
			size_t r;

			if (strcmp(c->e[i].name, c->al[k].a) &&
			    strcmp(c->e[i].name, c->al[k].b))
				continue;
			r = root(c, i);
			if (!strcmp(c->e[i].name, c->al[k].a)) {
				ax |= r == rx;
				ay |= r == ry;
			} else {
				bx |= r == rx;
				by |= r == ry;
			}
		}
		if ((ax && by) || (bx && ay))
			return 1;
	}
	return 0;
}

/* Join the groups of x and y with a reason; keep the weakest confidence
 * and every reason of the group. */
static void join(px_canon *c, size_t x, size_t y, double conf,
                 const char *why)
{
	size_t rx = root(c, x), ry = root(c, y);

	if (rx == ry || forbidden(c, x, y))
		return;
	c->e[ry].parent = rx;
	if (c->conf[ry] < c->conf[rx])
		c->conf[rx] = c->conf[ry];
	if (conf < c->conf[rx])
		c->conf[rx] = conf;
	if (c->evid[ry].len) {
		if (c->evid[rx].len)
			pxi_buf_addz(&c->evid[rx], "; ");
		pxi_buf_add(&c->evid[rx], c->evid[ry].p, c->evid[ry].len);
	}
	if (c->evid[rx].len)
		pxi_buf_addz(&c->evid[rx], "; ");
	pxi_buf_printf(&c->evid[rx], "%s ~ %s: %s", c->e[x].name,
	               c->e[y].name, why);
}

/* Is one name the other with letters added at its end (Niger, Nigeria)?
 * Such pairs are different places or people more often than spellings. */
static int prefix_names(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);

	if (na == nb)
		return 0;
	if (na > nb)
		return !strncasecmp(a, b, nb);
	return !strncasecmp(a, b, na);
}

/* Is one entry a place and the other an organization? The tagger reads
 * each sentence alone and calls a country or a seat of power one or the
 * other by its neighbours ("help from the US", "the US and other NATO
 * countries"); with one key they are one name (a lower confidence). */
static int place_or_org(const centry *a, const centry *b)
{
	return (a->type == PX_ENT_PLACE && b->type == PX_ENT_ORG) ||
	       (a->type == PX_ENT_ORG && b->type == PX_ENT_PLACE);
}

/* The key of the last word of an entry's key. */
static const char *last_key(const char *key)
{
	const char *sp = strrchr(key, ' ');

	return sp ? sp + 1 : key;
}


static int cmp_out(const void *x, const void *y)
{
	const px_canon_entity *a = x, *b = y;

	if (a->mentions != b->mentions)
		return a->mentions < b->mentions ? 1 : -1;
	return strcmp(a->name, b->name);
}

static int cmp_size(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;

	return a < b ? -1 : a > b;
}

px_status px_canon_build(px_canon *c)
{
	size_t i, j, k, nv = 0, na = 0, vi = 0, ai = 0;
	char why[512];

	if (!c || c->built)
		return PX_EINVAL;
	c->conf = pxi_alloc(c->alc, (c->n + 1) * sizeof(double));
	c->evid = pxi_alloc(c->alc, (c->n + 1) * sizeof(pxi_buf));
	if (!c->conf || !c->evid)
		return PX_ENOMEM;
	for (i = 0; i < c->n; i++) {
		c->conf[i] = 1.0;
		pxi_buf_init(&c->evid[i], 1 << 14);
	}
	c->built = 1;
	/* 1. The analyst's aliases. */
	for (k = 0; k < c->nal; k++) {
		size_t x = SIZE_MAX, y = SIZE_MAX;

		if (!c->al[k].same)
			continue;
		for (i = 0; i < c->n; i++) {
			if (!strcmp(c->e[i].name, c->al[k].a) && x == SIZE_MAX)
				x = i;
			if (!strcmp(c->e[i].name, c->al[k].b) && y == SIZE_MAX)
				y = i;
		}
		if (x != SIZE_MAX && y != SIZE_MAX) {
			snprintf(why, sizeof(why), "alias file line %zu",
			         c->al[k].line);
			join(c, x, y, 1.0, why);
		}
	}
	/* 2-4. Pairs of entries of one type. Quadratic in distinct names of
	 * one type and key letter: fine for the thousands a story has. */
	for (i = 0; i < c->n; i++) {
		for (j = i + 1; j < c->n; j++) {
			centry *a = &c->e[i], *b = &c->e[j];
			int same_type = a->type == b->type;

			if ((!same_type && !place_or_org(a, b)) ||
			    a->key[0] != b->key[0])
				continue;
			if (!strcmp(a->key, b->key) && a->key[0] &&
			    !prefix_names(a->name, b->name) &&
			    (a->words > 1 || strlen(a->key) >= 2)) {
				snprintf(why, sizeof(why),
				         "same letters once accents, "
				         "transliteration and vowels are set aside "
				         "(%s)%s", a->key, same_type ? "" :
				         ", typed a place in some articles and an "
				         "organization in others");
				join(c, i, j, same_type ? 0.9 : 0.75, why);
			}
		}
	}
	for (i = 0; i < c->n; i++) {
		centry *a = &c->e[i];
		size_t only = SIZE_MAX, roots = 0;

		if (a->type != PX_ENT_PERSON)
			continue;
		for (j = 0; j < c->n; j++) {
			centry *b = &c->e[j];

			if (j == i || b->type != PX_ENT_PERSON ||
			    strcmp(last_key(a->key), last_key(b->key)))
				continue;
			if (a->words > 1 && b->words > 1 &&
			    a->name[0] == b->name[0] &&
			    strcmp(a->key, b->key)) {
				snprintf(why, sizeof(why), "same surname (%s) and "
				         "first initial", last_key(a->key));
				join(c, i, j, 0.8, why);
			}
			if (a->words == 1 && b->words > 1) {
				if (only == SIZE_MAX || root(c, only) != root(c, j))
					roots++;
				only = j;
			}
		}
		if (a->words == 1 && roots == 1) {
			snprintf(why, sizeof(why), "surname alone, and only one "
			         "person in the articles has it");
			join(c, only, i, 0.7, why);
		}
	}
	/* Results per group. */
	for (i = 0; i < c->n; i++) {
		nv++;
		na += c->e[i].narts;
	}
	c->out = pxi_alloc(c->alc, (c->n + 1) * sizeof(*c->out));
	c->vstore = pxi_alloc(c->alc, (nv + 1) * sizeof(*c->vstore));
	c->astore = pxi_alloc(c->alc, (na + 1) * sizeof(*c->astore));
	if (!c->out || !c->vstore || !c->astore)
		return PX_ENOMEM;
	for (i = 0; i < c->n; i++) {
		px_canon_entity *o;
		size_t best = i, m;

		if (root(c, i) != i)
			continue;
		o = &c->out[c->nout++];
		memset(o, 0, sizeof(*o));
		o->variants = c->vstore + vi;
		o->articles = c->astore + ai;
		for (j = 0; j < c->n; j++) {
			centry *e = &c->e[j];

			if (root(c, j) != i)
				continue;
			if (e->words > c->e[best].words ||
			    (e->words == c->e[best].words &&
			     e->count > c->e[best].count))
				best = j;
			c->vstore[vi++] = e->name;
			o->nvariants++;
			o->mentions += e->count;
			for (m = 0; m < e->narts; m++)
				c->astore[ai++] = e->arts[m];
		}
		/* name first among the variants */
		for (m = 0; m < o->nvariants; m++)
			if (o->variants[m] == c->e[best].name) {
				const char **v = (const char **)o->variants;

				v[m] = v[0];
				v[0] = c->e[best].name;
			}
		o->name = c->e[best].name;
		o->type = c->e[best].type;
		/* articles sorted, once each */
		qsort((size_t *)o->articles, ai - (size_t)(o->articles -
		                                           c->astore),
		      sizeof(size_t), cmp_size);
		{
			size_t *ar = (size_t *)o->articles;
			size_t cnt = (size_t)(c->astore + ai - ar), w = 0;

			for (m = 0; m < cnt; m++)
				if (!w || ar[w - 1] != ar[m])
					ar[w++] = ar[m];
			o->narticles = w;
		}
		o->confidence = c->conf[i];
		o->evidence = c->evid[i].len && !c->evid[i].failed
		              ? c->evid[i].p : "";
	}
	qsort(c->out, c->nout, sizeof(*c->out), cmp_out);
	/* each entry's group in out, for px_canon_find */
	c->outidx = pxi_alloc(c->alc, (c->n + 1) * sizeof(*c->outidx));
	if (!c->outidx)
		return PX_ENOMEM;
	for (k = 0; k < c->nout; k++) {
		j = lookup(c, c->out[k].type, c->out[k].name,
		           strlen(c->out[k].name));
		if (j != SIZE_MAX)
			c->outidx[root(c, j)] = k;
	}
	for (i = 0; i < c->n; i++)
		c->outidx[i] = c->outidx[root(c, i)];
	return PX_OK;
}

size_t px_canon_find(const px_canon *c, px_entity_type type,
                     const char *name)
{
	size_t i;

	if (!c || !c->outidx || !name)
		return SIZE_MAX;
	i = lookup(c, type, name, strlen(name));
	return i == SIZE_MAX ? SIZE_MAX : c->outidx[i];
}

const px_canon_entity *px_canon_entities(const px_canon *c, size_t *n)
{
	if (n)
		*n = c ? c->nout : 0;
	return c ? c->out : NULL;
}
