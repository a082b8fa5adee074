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

/* An optional span: an object, or null when empty. */
static json_t *opt_span(const px_article *a, px_span s, int *ok)
{
	if (s.end <= s.start)
		return json_null();
	return span_obj(a, s, 1, ok);
}

static const char *speaker_kind(px_speaker_kind k)
{
	switch (k) {
	case PX_SPEAKER_NAMED: return "named";
	case PX_SPEAKER_ANONYMOUS: return "anonymous";
	case PX_SPEAKER_UNRESOLVED: return "unresolved";
	}
	return "unresolved";
}

/* Entities, mentions, quotes, terms, amounts, dates. */
static void add_who(json_t *o, const px_article *a, int *ok)
{
	const px_entity *es = a->entities.a;
	const px_mention *ms = a->mentions.a;
	const px_quote *qs = a->quotes.a;
	const px_term *ts = a->terms.a;
	const px_amount *am = a->amounts.a;
	const px_date *ds = a->dates.a;
	json_t *arr;
	size_t i;

	arr = json_array();
	put(o, "entities", arr, ok);
	for (i = 0; arr && i < a->entities.n; i++) {
		json_t *e = json_object();

		if (e) {
			put(e, "name", json_string(es[i].name), ok);
			put(e, "type", json_string(px_entity_type_name(
			                       es[i].type)), ok);
			put(e, "role", str_or_null(es[i].role), ok);
			put(e, "key", json_string(es[i].key), ok);
			put(e, "mentions", json_integer((json_int_t)es[i].count),
			    ok);
			put(e, "first", span_obj(a, ms[es[i].first].span, 0, ok),
			    ok);
		}
		append(arr, e, ok);
	}
	arr = json_array();
	put(o, "mentions", arr, ok);
	for (i = 0; arr && i < a->mentions.n; i++) {
		json_t *m = span_obj(a, ms[i].span, 1, ok);

		if (m) {
			put(m, "type", json_string(px_entity_type_name(
			                       ms[i].type)), ok);
			put(m, "entity", json_integer((json_int_t)ms[i].entity),
			    ok);
			put(m, "sentence",
			    json_integer((json_int_t)ms[i].sentence), ok);
			put(m, "role", str_or_null(ms[i].role), ok);
		}
		append(arr, m, ok);
	}
	arr = json_array();
	put(o, "quotes", arr, ok);
	for (i = 0; arr && i < a->quotes.n; i++) {
		json_t *q = span_obj(a, qs[i].span, 1, ok);

		if (q) {
			put(q, "kind", json_string(qs[i].kind == PX_QUOTE_DIRECT
			                           ? "direct" : "reported"), ok);
			put(q, "speaker_kind", json_string(speaker_kind(
			                               qs[i].speaker_kind)), ok);
			put(q, "speaker", qs[i].speaker != SIZE_MAX
			    ? json_string(es[qs[i].speaker].name) : json_null(),
			    ok);
			put(q, "speaker_entity", qs[i].speaker != SIZE_MAX
			    ? json_integer((json_int_t)qs[i].speaker)
			    : json_null(), ok);
			put(q, "speaker_as_written",
			    opt_span(a, qs[i].speaker_span, ok), ok);
			put(q, "verb", opt_span(a, qs[i].verb, ok), ok);
			put(q, "sentence",
			    json_integer((json_int_t)qs[i].sentence), ok);
			put(q, "partial", json_boolean(qs[i].partial), ok);
		}
		append(arr, q, ok);
	}
	arr = json_array();
	put(o, "terms", arr, ok);
	for (i = 0; arr && i < a->terms.n; i++) {
		json_t *t = span_obj(a, ts[i].span, 1, ok);

		if (t)
			put(t, "reason", json_string(ts[i].reason), ok);
		append(arr, t, ok);
	}
	arr = json_array();
	put(o, "amounts", arr, ok);
	for (i = 0; arr && i < a->amounts.n; i++) {
		json_t *m = span_obj(a, am[i].span, 1, ok);

		if (m) {
			put(m, "value", json_real(am[i].value), ok);
			put(m, "unit", str_or_null(am[i].unit), ok);
			put(m, "number", opt_span(a, am[i].number, ok), ok);
			put(m, "object", opt_span(a, am[i].object, ok), ok);
			put(m, "qualifier", opt_span(a, am[i].qualifier, ok), ok);
			put(m, "in_quote", json_boolean(am[i].in_quote), ok);
		}
		append(arr, m, ok);
	}
	arr = json_array();
	put(o, "dates", arr, ok);
	for (i = 0; arr && i < a->dates.n; i++) {
		json_t *d = span_obj(a, ds[i].span, 1, ok);

		if (d) {
			put(d, "value", json_string(ds[i].value), ok);
			put(d, "resolution", json_string(ds[i].resolution), ok);
		}
		append(arr, d, ok);
	}
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

	add_who(o, a, &ok);

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
