/*
 * json.c - an article as one JSON object (docs/schema/article.schema.json),
 * built and written with jansson.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../article/article.h"

/* Add a field; on any failure *ok drops to 0 and stays there. */
static void put(json_t *o, const char *k, json_t *v, int *ok)
{
	if (!v || json_object_set_new(o, k, v))
		*ok = 0;
}

static json_t *str_or_null(const char *z)
{
	return z ? json_string(z) : json_null();
}

static json_t *slice(const px_article *a, px_span s)
{
	return json_stringn(a->orig + s.start, s.end - s.start);
}

static json_t *span_obj(const px_article *a, px_span s, int with_text,
                        int *ok)
{
	json_t *o = json_object();

	if (!o) {
		*ok = 0;
		return NULL;
	}
	put(o, "start", json_integer((json_int_t)s.start), ok);
	put(o, "end", json_integer((json_int_t)s.end), ok);
	if (with_text)
		put(o, "text", slice(a, s), ok);
	return o;
}

static void append(json_t *arr, json_t *v, int *ok)
{
	if (!v || json_array_append_new(arr, v))
		*ok = 0;
}

static json_t *build(const px_article *a, unsigned flags)
{
	const px_meta *m = &a->meta;
	const px_paragraph *pg = a->paras.a;
	const px_sentence *ss = a->sents.a;
	const px_token *tk = a->toks.a;
	const px_residue *rs = a->residue.a;
	json_t *o = json_object(), *arr, *stats;
	size_t i, words = 0, rbytes = 0;
	int ok = o != NULL;

	if (!ok)
		return NULL;
	put(o, "id", str_or_null(m->id), &ok);
	put(o, "input", str_or_null(m->input), &ok);
	put(o, "source", str_or_null(m->source), &ok);
	put(o, "source_from", str_or_null(m->source_from), &ok);
	put(o, "url", str_or_null(m->url), &ok);
	put(o, "published", str_or_null(m->published), &ok);
	put(o, "edited", str_or_null(m->edited), &ok);
	put(o, "site", str_or_null(m->site), &ok);
	put(o, "author", str_or_null(m->author), &ok);
	put(o, "title", str_or_null(m->title), &ok);
	put(o, "title_span", m->title_span.end > m->title_span.start
	                     ? span_obj(a, m->title_span, 0, &ok)
	                     : json_null(), &ok);
	put(o, "body", span_obj(a, m->body, 0, &ok), &ok);
	put(o, "bytes", json_integer((json_int_t)a->orig_len), &ok);

	for (i = 0; i < a->toks.n; i++)
		if (tk[i].kind == PX_TOK_WORD && !(tk[i].flags & PX_TF_RESIDUE))
			words++;
	for (i = 0; i < a->residue.n; i++)
		rbytes += rs[i].span.end - rs[i].span.start;
	stats = json_object();
	put(o, "stats", stats, &ok);
	if (stats) {
		put(stats, "paragraphs", json_integer((json_int_t)a->paras.n),
		    &ok);
		put(stats, "sentences", json_integer((json_int_t)a->sents.n),
		    &ok);
		put(stats, "tokens", json_integer((json_int_t)a->toks.n), &ok);
		put(stats, "words", json_integer((json_int_t)words), &ok);
		put(stats, "residue_bytes", json_integer((json_int_t)rbytes),
		    &ok);
	}

	arr = json_array();
	put(o, "paragraphs", arr, &ok);
	for (i = 0; arr && i < a->paras.n; i++) {
		json_t *p = span_obj(a, pg[i].span, 0, &ok);

		if (p) {
			put(p, "heading", json_boolean(pg[i].heading), &ok);
			put(p, "bullet", json_boolean(pg[i].bullet), &ok);
		}
		append(arr, p, &ok);
	}

	arr = json_array();
	put(o, "sentences", arr, &ok);
	for (i = 0; arr && i < a->sents.n; i++) {
		json_t *s = span_obj(a, ss[i].span, 1, &ok);

		if (s) {
			put(s, "paragraph", json_integer((json_int_t)ss[i].para),
			    &ok);
			put(s, "tokens", json_integer((json_int_t)ss[i].tok_count),
			    &ok);
			put(s, "heading", json_boolean(ss[i].heading), &ok);
			put(s, "residue", json_boolean(ss[i].residue), &ok);
		}
		append(arr, s, &ok);
	}

	arr = json_array();
	put(o, "residue", arr, &ok);
	for (i = 0; arr && i < a->residue.n; i++) {
		json_t *r = span_obj(a, rs[i].span, 1, &ok);

		if (r) {
			put(r, "kind", json_string(px_residue_kind_name(
			                       rs[i].kind)), &ok);
			put(r, "reason", json_string(rs[i].reason), &ok);
		}
		append(arr, r, &ok);
	}

	if (flags & PX_OUT_TOKENS) {
		arr = json_array();
		put(o, "tokens", arr, &ok);
		for (i = 0; arr && i < a->toks.n; i++) {
			json_t *t = json_array();

			if (t) {
				append(t, json_integer(tk[i].start), &ok);
				append(t, json_integer(tk[i].end), &ok);
				append(t, json_string(px_token_kind_name(
				                  (px_token_kind)tk[i].kind)), &ok);
				append(t, json_stringn(a->orig + tk[i].start,
				                       tk[i].end - tk[i].start),
				       &ok);
			}
			append(arr, t, &ok);
		}
	}

	if (m->extra_json) {
		json_t *x = json_loads(m->extra_json, 0, NULL);

		put(o, "extra", x, &ok);
	}
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

px_status px_article_to_json(const px_article *a, unsigned flags,
                             char **out, size_t *len)
{
	json_t *o;

	if (!out)
		return PX_EINVAL;
	*out = NULL;
	if (len)
		*len = 0;
	if (!a)
		return PX_EINVAL;
	o = build(a, flags);
	if (!o)
		return PX_ENOMEM;
	*out = json_dumps(o, (flags & PX_OUT_PRETTY ? JSON_INDENT(2)
	                                            : JSON_COMPACT) |
	                         JSON_PRESERVE_ORDER);
	json_decref(o);
	if (!*out)
		return PX_ENOMEM;
	if (len)
		*len = strlen(*out);
	return PX_OK;
}
