/*
 * front.c - what stands before the body of a plain-text article: an
 * optional front-matter block and an optional title line.
 *
 * Front matter is a block of "Key: value" lines at the very top, the first
 * key a known one, closed by a blank line. The title is the first
 * non-empty line when it reads as one: short, with no closing full stop.
 */
#include <string.h>

#include "../article/article.h"
#include "../text/text.h"

static const char *const keys[] = {
	"source", "outlet", "published", "date", "url", "link", "title",
	"id", "author", "byline", "language", "lang", "site", NULL
};

static int known_key(const char *p, size_t n)
{
	size_t i;

	for (i = 0; keys[i]; i++)
		if (pxi_ieq(p, n, keys[i]))
			return 1;
	return 0;
}

/* Split a "Key: value" line; returns 0 when it is not one. */
static int key_line(const char *p, size_t s, size_t e, size_t *ke,
                    size_t *vs)
{
	size_t i = s;

	while (i < e && ((p[i] >= 'A' && p[i] <= 'Z') ||
	                 (p[i] >= 'a' && p[i] <= 'z') || p[i] == '-' ||
	                 p[i] == '_'))
		i++;
	if (i == s || i >= e || p[i] != ':' || i - s > 24)
		return 0;
	*ke = i;
	i++;
	while (i < e && (p[i] == ' ' || p[i] == '\t'))
		i++;
	*vs = i;
	return 1;
}

static px_status set_field(px_article *a, const char *k, size_t kn,
                           const char *v, size_t vn)
{
	px_meta *m = &a->meta;
	const char **slot = NULL;
	char *z;

	if (pxi_ieq(k, kn, "source") || pxi_ieq(k, kn, "outlet") ||
	    pxi_ieq(k, kn, "site"))
		slot = &m->source;
	else if (pxi_ieq(k, kn, "published") || pxi_ieq(k, kn, "date"))
		slot = &m->published;
	else if (pxi_ieq(k, kn, "url") || pxi_ieq(k, kn, "link"))
		slot = &m->url;
	else if (pxi_ieq(k, kn, "id"))
		slot = &m->id;
	else if (pxi_ieq(k, kn, "author") || pxi_ieq(k, kn, "byline"))
		slot = &m->author;
	else if (pxi_ieq(k, kn, "title"))
		slot = &m->title;
	if (!slot || !vn)
		return PX_OK;
	z = pxi_arena_strndup(&a->ar, v, vn);
	if (!z)
		return PX_ENOMEM;
	*slot = z;
	if (slot == &m->source)
		m->source_from = "front-matter";
	return PX_OK;
}

/* Read the front-matter block, if any; moves a->body past it. */
static px_status read_block(px_article *a)
{
	const char *p = a->norm.text;
	size_t n = a->norm.len, i = 0, lines = 0;
	px_status rc;

	/* First pass: is it a block? */
	while (i < n) {
		const char *nl = memchr(p + i, '\n', n - i);
		size_t le = nl ? (size_t)(nl - p) : n, s = i, e = le, ke, vs;

		pxi_trim(p, &s, &e);
		if (s == e)
			break; /* the closing blank line */
		if (!nl || !key_line(p, s, e, &ke, &vs))
			return PX_OK; /* no blank line after: not front matter */
		if (lines == 0 && !known_key(p + s, ke - s))
			return PX_OK;
		lines++;
		i = le + 1;
	}
	if (!lines || i >= n)
		return PX_OK;
	/* Second pass: take the fields. */
	i = 0;
	while (i < n) {
		const char *nl = memchr(p + i, '\n', n - i);
		size_t le = nl ? (size_t)(nl - p) : n, s = i, e = le, ke, vs;

		pxi_trim(p, &s, &e);
		i = le + 1;
		if (s == e)
			break;
		key_line(p, s, e, &ke, &vs);
		rc = set_field(a, p + s, ke - s, p + vs, e - vs);
		if (rc)
			return rc;
	}
	a->body = i < n ? i : n;
	return PX_OK;
}

/* Take the first non-empty line of the body as title if it reads as one. */
static px_status read_title(px_article *a)
{
	const char *p = a->norm.text;
	size_t n = a->norm.len, i = a->body;

	while (i < n) {
		const char *nl = memchr(p + i, '\n', n - i);
		size_t le = nl ? (size_t)(nl - p) : n, s = i, e = le;

		pxi_trim(p, &s, &e);
		if (s == e) {
			i = le + 1;
			continue;
		}
		if (!pxi_is_heading(p, s, e) ||
		    pxi_word_count(p + s, e - s) < 2 || le >= n)
			return PX_OK;
		a->meta.title_span.start = s;
		a->meta.title_span.end = e;
		if (!a->meta.title) {
			a->meta.title = pxi_arena_strndup(&a->ar, p + s, e - s);
			if (!a->meta.title)
				return PX_ENOMEM;
		}
		return PX_OK;
	}
	return PX_OK;
}

px_status pxi_read_front(px_article *a, unsigned flags)
{
	px_status rc;

	if (!(flags & PX_OPT_NO_FRONT)) {
		rc = read_block(a);
		if (rc)
			return rc;
	}
	if (flags & PX_OPT_NO_TITLE)
		return PX_OK;
	return read_title(a);
}
