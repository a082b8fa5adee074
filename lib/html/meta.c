/*
 * meta.c - a page's metadata: <meta> tags (name, property, itemprop,
 * http-equiv), OpenGraph, JSON-LD (parsed with jansson), <title>,
 * <link rel=canonical>, <html lang>, <time datetime> and the visible
 * byline. Each field keeps the candidate of the best rank seen.
 */
#include <jansson.h>
#include <string.h>

#include "html_int.h"

enum { F_TITLE, F_AUTHOR, F_DATE, F_URL, F_SITE, F_LANG, F_DESC, NF };

typedef struct cand {
	const char *v[NF];
	int rank[NF]; /* lower is better; 0: none yet */
	pxi_arena *ar;
	int oom;
} cand;

/* Keep (z, n) for field f when its rank beats the one held. */
static void offer(cand *c, int f, const char *z, size_t n, int rank)
{
	char *v;

	if (!z || (c->rank[f] && c->rank[f] <= rank))
		return;
	v = hx_collapse(c->ar, z, n);
	if (!v) {
		c->oom = 1;
		return;
	}
	if (!v[0] || strlen(v) > 2000)
		return;
	c->v[f] = v;
	c->rank[f] = rank;
}

static void offerz(cand *c, int f, const char *z, int rank)
{
	if (z)
		offer(c, f, z, strlen(z), rank);
}

int hx_is(const xmlChar *name, const char *z)
{
	size_t i;

	if (!name)
		return 0;
	for (i = 0; z[i]; i++) {
		int ch = name[i];

		if (ch >= 'A' && ch <= 'Z')
			ch += 32;
		if (ch != z[i])
			return 0;
	}
	return name[i] == '\0';
}

const char *hx_attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a;

	for (a = n->properties; a; a = a->next)
		if (hx_is(a->name, name) && a->children &&
		    a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
	return NULL;
}

xmlNode *hx_next(xmlNode *n, const xmlNode *root, int skip)
{
	if (!skip && n->children && n->type != XML_ENTITY_REF_NODE)
		return n->children;
	while (n && n != root) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

char *hx_collapse(pxi_arena *ar, const char *p, size_t n)
{
	char *out = pxi_arena_alloc(ar, n + 1);
	size_t i, k = 0;
	int sp = 0;

	if (!out)
		return NULL;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == '\v') {
			sp = 1;
			continue;
		}
		if (c == 0xC2 && i + 1 < n && (unsigned char)p[i + 1] == 0xA0) {
			sp = 1;
			i++;
			continue;
		}
		if (sp && k)
			out[k++] = ' ';
		sp = 0;
		out[k++] = (char)c;
	}
	out[k] = '\0';
	return out;
}

/* ---- JSON-LD -------------------------------------------------------------- */

static int is_article_type(json_t *t)
{
	const char *z;
	size_t i;

	if (json_is_array(t)) {
		for (i = 0; i < json_array_size(t); i++)
			if (is_article_type(json_array_get(t, i)))
				return 1;
		return 0;
	}
	z = json_string_value(t);
	return z && (strstr(z, "Article") || strstr(z, "BlogPosting") ||
	             strstr(z, "Report") || !strcmp(z, "LiveBlogPosting"));
}

/* A name: a string, {"name": ...}, or the first of an array. */
static const char *name_of(json_t *v)
{
	if (json_is_array(v))
		v = json_array_get(v, 0);
	if (json_is_object(v))
		v = json_object_get(v, "name");
	return json_string_value(v);
}

/* Authors joined by ", " into the arena. */
static void offer_authors(cand *c, json_t *v, int rank)
{
	char buf[512];
	size_t i, k = 0;

	if (!json_is_array(v)) {
		offerz(c, F_AUTHOR, name_of(v), rank);
		return;
	}
	for (i = 0; i < json_array_size(v) && i < 8; i++) {
		const char *z = name_of(json_array_get(v, i));
		size_t n = z ? strlen(z) : 0;

		if (!n || k + n + 3 >= sizeof(buf))
			continue;
		if (k) {
			memcpy(buf + k, ", ", 2);
			k += 2;
		}
		memcpy(buf + k, z, n);
		k += n;
	}
	if (k)
		offer(c, F_AUTHOR, buf, k, rank);
}

static void jsonld_obj(cand *c, json_t *o, int depth)
{
	json_t *v;
	size_t i;
	int art;

	if (depth > 8)
		return;
	if (json_is_array(o)) {
		for (i = 0; i < json_array_size(o) && i < 64; i++)
			jsonld_obj(c, json_array_get(o, i), depth + 1);
		return;
	}
	if (!json_is_object(o))
		return;
	v = json_object_get(o, "@graph");
	if (v)
		jsonld_obj(c, v, depth + 1);
	art = is_article_type(json_object_get(o, "@type"));
	if (!art) {
		const char *t = json_string_value(json_object_get(o, "@type"));

		if (t && (!strcmp(t, "WebSite") || !strcmp(t, "Organization") ||
		          !strcmp(t, "NewsMediaOrganization")))
			offerz(c, F_SITE, json_string_value(
			                      json_object_get(o, "name")), 3);
		return;
	}
	offerz(c, F_TITLE, json_string_value(json_object_get(o, "headline")),
	       1);
	offer_authors(c, json_object_get(o, "author"), 1);
	offerz(c, F_DATE, json_string_value(json_object_get(o,
	                                                    "datePublished")),
	       1);
	v = json_object_get(o, "mainEntityOfPage");
	if (json_is_object(v))
		v = json_object_get(v, "@id");
	offerz(c, F_URL, json_string_value(v), 3);
	offerz(c, F_URL, json_string_value(json_object_get(o, "url")), 3);
	offerz(c, F_SITE, name_of(json_object_get(o, "publisher")), 2);
	offerz(c, F_LANG, json_string_value(json_object_get(o, "inLanguage")),
	       2);
	offerz(c, F_DESC, json_string_value(json_object_get(o,
	                                                    "description")),
	       2);
}

static void jsonld(cand *c, const char *z)
{
	json_t *o = json_loads(z, JSON_DECODE_ANY, NULL);

	if (!o)
		return;
	jsonld_obj(c, o, 0);
	json_decref(o);
}

/* ---- <meta> ---------------------------------------------------------------- */

static void meta_tag(cand *c, const xmlNode *n)
{
	const char *k = hx_attr(n, "property");
	const char *v = hx_attr(n, "content");
	char key[64];
	size_t i;

	if (!k)
		k = hx_attr(n, "name");
	if (!k)
		k = hx_attr(n, "itemprop");
	if (!k) {
		k = hx_attr(n, "http-equiv");
		if (k && v && hx_is((const xmlChar *)k, "content-language"))
			offerz(c, F_LANG, v, 2);
		return;
	}
	if (!v)
		return;
	for (i = 0; k[i] && i + 1 < sizeof(key); i++)
		key[i] = (char)(k[i] >= 'A' && k[i] <= 'Z' ? k[i] + 32 : k[i]);
	key[i] = '\0';
	if (!strcmp(key, "og:title"))
		offerz(c, F_TITLE, v, 2);
	else if (!strcmp(key, "twitter:title") || !strcmp(key, "dc.title") ||
	         !strcmp(key, "headline"))
		offerz(c, F_TITLE, v, 3);
	else if (!strcmp(key, "author") || !strcmp(key, "dc.creator") ||
	         !strcmp(key, "sailthru.author") ||
	         !strcmp(key, "parsely-author"))
		offerz(c, F_AUTHOR, v, 2);
	else if (!strcmp(key, "article:author") && strncmp(v, "http", 4))
		offerz(c, F_AUTHOR, v, 3);
	else if (!strcmp(key, "article:published_time") ||
	         !strcmp(key, "datepublished"))
		offerz(c, F_DATE, v, 1);
	else if (!strcmp(key, "date") || !strcmp(key, "pubdate") ||
	         !strcmp(key, "publishdate") || !strcmp(key, "dc.date") ||
	         !strcmp(key, "dc.date.issued") ||
	         !strcmp(key, "sailthru.date") ||
	         !strcmp(key, "parsely-pub-date") ||
	         !strcmp(key, "og:published_time"))
		offerz(c, F_DATE, v, 2);
	else if (!strcmp(key, "og:url"))
		offerz(c, F_URL, v, 2);
	else if (!strcmp(key, "og:site_name"))
		offerz(c, F_SITE, v, 1);
	else if (!strcmp(key, "application-name"))
		offerz(c, F_SITE, v, 4);
	else if (!strcmp(key, "og:locale"))
		offerz(c, F_LANG, v, 3);
	else if (!strcmp(key, "description") ||
	         !strcmp(key, "og:description"))
		offerz(c, F_DESC, v, 1);
}

/* Does a class, id, rel or itemprop value name a byline? */
static int byline_attr(const xmlNode *n)
{
	const char *z = hx_attr(n, "itemprop");

	if (z && strstr(z, "author"))
		return 1;
	z = hx_attr(n, "rel");
	if (z && !strcmp(z, "author"))
		return 1;
	z = hx_attr(n, "class");
	return z && (strstr(z, "byline") || strstr(z, "author-name") ||
	             strstr(z, "author_name"));
}

/* The visible byline's text, without a leading "By". */
static void byline(cand *c, xmlNode *n)
{
	xmlChar *t = xmlNodeGetContent(n);
	char *v;
	size_t len;

	if (!t)
		return;
	v = hx_collapse(c->ar, (const char *)t, strlen((const char *)t));
	xmlFree(t);
	if (!v) {
		c->oom = 1;
		return;
	}
	if ((v[0] == 'B' || v[0] == 'b') && v[1] == 'y' && v[2] == ' ')
		v += 3;
	len = strlen(v);
	if (len >= 3 && len <= 80)
		offerz(c, F_AUTHOR, v, 4);
}

/* "Headline | Site" (or " - ", " :: ", en or em dash) to "Headline". */
static void strip_site(char *t, const char *site)
{
	static const char *const seps[] = {" | ", " - ", " :: ",
	                                   " \xE2\x80\x93 ",
	                                   " \xE2\x80\x94 ", NULL};
	size_t n = strlen(t), sn = strlen(site), i;

	if (n <= sn + 3 || strcmp(t + n - sn, site))
		return;
	for (i = 0; seps[i]; i++) {
		size_t k = strlen(seps[i]);

		if (n > sn + k && !memcmp(t + n - sn - k, seps[i], k)) {
			t[n - sn - k] = '\0';
			return;
		}
	}
}

px_status hx_meta(pxi_arena *ar, xmlDocPtr doc, pxi_html_doc *out)
{
	xmlNode *root = (xmlNode *)doc, *n;
	cand c;

	memset(&c, 0, sizeof(c));
	c.ar = ar;
	for (n = root->children ? root->children : NULL; n;) {
		int skip = 0;

		if (n->type == XML_ELEMENT_NODE) {
			const xmlChar *nm = n->name;

			if (hx_is(nm, "html")) {
				offerz(&c, F_LANG, hx_attr(n, "lang"), 1);
			} else if (hx_is(nm, "meta")) {
				meta_tag(&c, n);
			} else if (hx_is(nm, "title") && !c.rank[F_TITLE]) {
				xmlChar *t = xmlNodeGetContent(n);

				if (t)
					offerz(&c, F_TITLE, (const char *)t, 5);
				xmlFree(t);
				skip = 1;
			} else if (hx_is(nm, "link")) {
				const char *rel = hx_attr(n, "rel");

				if (rel && hx_is((const xmlChar *)rel,
				                 "canonical"))
					offerz(&c, F_URL, hx_attr(n, "href"), 1);
			} else if (hx_is(nm, "script")) {
				const char *t = hx_attr(n, "type");

				if (t && strstr(t, "ld+json") && n->children &&
				    n->children->content)
					jsonld(&c, (const char *)
					       n->children->content);
				skip = 1;
			} else if (hx_is(nm, "style")) {
				skip = 1;
			} else if (hx_is(nm, "time") &&
			           hx_attr(n, "datetime")) {
				const char *ip = hx_attr(n, "itemprop");

				offerz(&c, F_DATE, hx_attr(n, "datetime"),
				       ip && strstr(ip, "datePublished") ? 3
				                                          : 5);
			} else if (!c.rank[F_AUTHOR] && byline_attr(n)) {
				byline(&c, n);
				skip = 1;
			}
		}
		n = hx_next(n, root, skip);
	}
	if (c.oom || ar->oom)
		return PX_ENOMEM;
	if (c.rank[F_TITLE] == 5 && c.v[F_SITE])
		strip_site((char *)c.v[F_TITLE], c.v[F_SITE]);
	out->title = c.v[F_TITLE];
	out->author = c.v[F_AUTHOR];
	out->published = c.v[F_DATE];
	out->url = c.v[F_URL];
	out->site = c.v[F_SITE];
	out->lang = c.v[F_LANG];
	out->description = c.v[F_DESC];
	return PX_OK;
}
