/*
 * brief_json.c - a story brief as one JSON object, built with jansson.
 * Evidence is {"article": i, "start": s, "end": e, "text": ...}: i
 * indexes the "articles" array, s and e are byte offsets into that
 * article's original text.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "emit_int.h"

typedef struct jctx {
	const px_article *const *arts;
	int ok;
} jctx;

static void put(jctx *c, json_t *o, const char *k, json_t *v)
{
	if (!v || json_object_set_new(o, k, v))
		c->ok = 0;
}

static void add(jctx *c, json_t *arr, json_t *v)
{
	if (!v || json_array_append_new(arr, v))
		c->ok = 0;
}

static json_t *str(const char *z)
{
	return z ? json_string(z) : json_null();
}

static json_t *num(double x)
{
	return json_real((double)(long long)(x * 1000 + (x < 0 ? -0.5 : 0.5)) /
	                 1000);
}

static json_t *ref(jctx *c, px_ref r)
{
	size_t len;
	const char *p = px_article_text(c->arts[r.article], &len);
	json_t *o;

	if (r.span.end <= r.span.start || r.span.end > len)
		return json_null();
	o = json_object();
	if (!o) {
		c->ok = 0;
		return NULL;
	}
	put(c, o, "article", json_integer((json_int_t)r.article));
	put(c, o, "start", json_integer((json_int_t)r.span.start));
	put(c, o, "end", json_integer((json_int_t)r.span.end));
	put(c, o, "text", json_stringn(p + r.span.start,
	                               r.span.end - r.span.start));
	return o;
}

static json_t *refs(jctx *c, const px_ref *r, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a && i < n; i++)
		add(c, a, ref(c, r[i]));
	if (!a)
		c->ok = 0;
	return a;
}

static px_ref at(size_t article, px_span s)
{
	px_ref r;

	r.article = article;
	r.span = s;
	return r;
}

static json_t *articles(jctx *c, const px_brief *b)
{
	size_t n, i;
	const px_brief_source *s = px_brief_sources(b, &n);
	json_t *a = json_array();

	for (i = 0; a && i < n; i++) {
		const px_meta *m = px_article_meta(c->arts[i]);
		json_t *o = json_object();

		if (!o) {
			c->ok = 0;
			break;
		}
		put(c, o, "input", str(m->input));
		put(c, o, "id", str(m->id));
		put(c, o, "source", str(m->source));
		put(c, o, "source_number", json_integer((json_int_t)s[i].unit));
		put(c, o, "published", str(m->published));
		put(c, o, "url", str(m->url));
		put(c, o, "title", str(m->title));
		add(c, a, o);
	}
	return a;
}

static json_t *points(jctx *c, const px_brief *b)
{
	size_t n, i;
	const px_brief_point *p = px_brief_points(b, &n);
	json_t *a = json_array();

	for (i = 0; a && i < n; i++) {
		json_t *o = json_object();

		if (!o) {
			c->ok = 0;
			break;
		}
		put(c, o, "sentence", ref(c, p[i].sentence));
		put(c, o, "sources", json_integer((json_int_t)p[i].sources));
		put(c, o, "support", refs(c, p[i].support, p[i].nsupport));
		put(c, o, "score", num(p[i].score));
		add(c, a, o);
	}
	return a;
}

static const char *speaker_kind(px_speaker_kind k)
{
	return k == PX_SPEAKER_NAMED ? "named" : k == PX_SPEAKER_ANONYMOUS
	                                         ? "anonymous" : "unresolved";
}

static json_t *quotes(jctx *c, const px_brief *b)
{
	size_t n, i, na;
	const px_brief_quote *q = px_brief_quotes(b, &n);
	const px_brief_actor *ac = px_brief_actors(b, &na);
	json_t *a = json_array();

	for (i = 0; a && i < n; i++) {
		json_t *o = json_object();

		if (!o) {
			c->ok = 0;
			break;
		}
		put(c, o, "kind", json_string(q[i].kind == PX_QUOTE_DIRECT
		                              ? "direct" : "reported"));
		put(c, o, "speaker_kind",
		    json_string(speaker_kind(q[i].speaker_kind)));
		put(c, o, "actor", q[i].actor < na
		                   ? json_integer((json_int_t)q[i].actor)
		                   : json_null());
		put(c, o, "speaker", q[i].actor < na ? json_string(ac[q[i].actor]
		                                                   .name)
		                                     : json_null());
		put(c, o, "words", ref(c, q[i].words));
		put(c, o, "speaker_span", ref(c, q[i].speaker));
		put(c, o, "role", ref(c, q[i].role));
		put(c, o, "verb", ref(c, q[i].verb));
		add(c, a, o);
	}
	return a;
}

static json_t *actors(jctx *c, const px_brief *b)
{
	size_t n, i, k;
	const px_brief_actor *ac = px_brief_actors(b, &n);
	json_t *a = json_array();

	for (i = 0; a && i < n; i++) {
		json_t *o = json_object(), *v = json_array(), *cu = json_array();

		if (!o || !v || !cu) {
			json_decref(o);
			json_decref(v);
			json_decref(cu);
			c->ok = 0;
			break;
		}
		put(c, o, "name", json_string(ac[i].name));
		put(c, o, "type", json_string(px_entity_type_name(ac[i].type)));
		for (k = 0; k < ac[i].nvariants; k++)
			add(c, v, json_string(ac[i].variants[k]));
		put(c, o, "variants", v);
		put(c, o, "merge_evidence", json_string(ac[i].merge_evidence));
		put(c, o, "confidence", num(ac[i].confidence));
		put(c, o, "articles", json_integer((json_int_t)ac[i].articles));
		put(c, o, "mentions", json_integer((json_int_t)ac[i].mentions));
		put(c, o, "titles", refs(c, ac[i].titles, ac[i].ntitles));
		put(c, o, "stance", json_string(px_stance_name(ac[i].stance)));
		for (k = 0; k < ac[i].ncues; k++) {
			json_t *x = json_object();

			if (!x) {
				c->ok = 0;
				break;
			}
			put(c, x, "stance",
			    json_string(px_stance_name(ac[i].cues[k].stance)));
			put(c, x, "cue", ref(c, ac[i].cues[k].cue));
			put(c, x, "sentence", ref(c, ac[i].cues[k].sentence));
			put(c, x, "own_words", json_boolean(ac[i].cues[k].quoted));
			put(c, x, "on_question",
			    json_boolean(ac[i].cues[k].on_question));
			add(c, cu, x);
		}
		put(c, o, "stance_cues", cu);
		add(c, a, o);
	}
	return a;
}

static json_t *disputes(jctx *c, const px_brief *b)
{
	size_t n, i;
	const px_dispute *d = px_brief_disputes(b, &n);
	json_t *a = json_array();

	for (i = 0; a && i < n; i++) {
		json_t *o = json_object();

		if (!o) {
			c->ok = 0;
			break;
		}
		put(c, o, "kind", json_string(d[i].kind == PX_DISPUTE_AMOUNT
		                              ? "amount" : d[i].kind ==
		                                PX_DISPUTE_DATE ? "date"
		                                                : "title"));
		put(c, o, "about", json_string(d[i].about));
		put(c, o, "claims", refs(c, d[i].claims, d[i].nclaims));
		put(c, o, "rule", json_string(d[i].rule));
		add(c, a, o);
	}
	return a;
}

static json_t *tone(jctx *c, const px_tone_parts *t)
{
	json_t *o = json_object();

	if (!o) {
		c->ok = 0;
		return NULL;
	}
	put(c, o, "tone", num(t->tone));
	put(c, o, "positive", num(t->positive));
	put(c, o, "negative", num(t->negative));
	put(c, o, "polarity", num(t->polarity));
	put(c, o, "compound", num(t->compound));
	put(c, o, "words", json_integer((json_int_t)t->words));
	return o;
}

static json_t *sources(jctx *c, const px_brief *b)
{
	size_t n, i, k;
	const px_brief_source *s = px_brief_sources(b, &n);
	json_t *a = json_array();

	for (i = 0; a && i < n; i++) {
		json_t *o = json_object(), *q = json_object();
		json_t *mk = json_array(), *rs = json_array();

		if (!o || !q || !mk || !rs) {
			json_decref(o);
			json_decref(q);
			json_decref(mk);
			json_decref(rs);
			c->ok = 0;
			break;
		}
		put(c, o, "article", json_integer((json_int_t)s[i].article));
		put(c, o, "source", str(s[i].source));
		put(c, o, "source_number", json_integer((json_int_t)s[i].unit));
		put(c, o, "language", s[i].lang ? str(s[i].lang->code)
		                                : json_null());
		put(c, o, "author_tone", s[i].read ? tone(c, &s[i].tone)
		                                   : json_null());
		put(c, q, "named", json_integer((json_int_t)s[i].named));
		put(c, q, "anonymous", json_integer((json_int_t)s[i].anonymous));
		put(c, q, "unresolved",
		    json_integer((json_int_t)s[i].unresolved));
		put(c, q, "reported", json_integer((json_int_t)s[i].reported));
		put(c, o, "quotes", q);
		for (k = 0; k < s[i].nmarkers; k++) {
			json_t *x = json_object();

			if (!x) {
				c->ok = 0;
				break;
			}
			put(c, x, "kind", json_string(px_marker_kind_name(
			                      s[i].markers[k].kind)));
			put(c, x, "rule", json_string(s[i].markers[k].rule));
			put(c, x, "technique", str(s[i].markers[k].technique));
			put(c, x, "span", ref(c, at(s[i].article,
			                            s[i].markers[k].span)));
			add(c, mk, x);
		}
		put(c, o, "markers", mk);
		for (k = 0; k < s[i].nresidue; k++) {
			json_t *x = json_object();

			if (!x) {
				c->ok = 0;
				break;
			}
			put(c, x, "kind", json_string(px_residue_kind_name(
			                      s[i].residue[k].kind)));
			put(c, x, "reason", json_string(s[i].residue[k].reason));
			put(c, x, "span", ref(c, at(s[i].article,
			                            s[i].residue[k].span)));
			add(c, rs, x);
		}
		put(c, o, "residue", rs);
		add(c, a, o);
	}
	return a;
}

static json_t *copies(jctx *c, const px_brief *b)
{
	size_t n, i, k;
	const px_near_copy *cp = px_brief_copies(b, &n);
	json_t *a = json_array();

	for (i = 0; a && i < n; i++) {
		json_t *o = json_object(), *ps = json_array();

		if (!o || !ps) {
			json_decref(o);
			json_decref(ps);
			c->ok = 0;
			break;
		}
		put(c, o, "a", json_integer((json_int_t)cp[i].a));
		put(c, o, "b", json_integer((json_int_t)cp[i].b));
		put(c, o, "jaccard", num(cp[i].jaccard));
		put(c, o, "published_first", cp[i].source == SIZE_MAX
		    ? json_null() : json_integer((json_int_t)cp[i].source));
		for (k = 0; k < cp[i].npassages; k++) {
			json_t *x = json_object();

			if (!x) {
				c->ok = 0;
				break;
			}
			put(c, x, "a", ref(c, at(cp[i].a, cp[i].passages[k].a)));
			put(c, x, "b", ref(c, at(cp[i].b, cp[i].passages[k].b)));
			add(c, ps, x);
		}
		put(c, o, "passages", ps);
		add(c, a, o);
	}
	return a;
}

px_status pxi_brief_json(const px_brief *b, const px_article *const *arts,
                         size_t story, char **out, size_t *len)
{
	const px_brief_info *in = px_brief_info_of(b);
	jctx c;
	json_t *o = json_object();
	char *z;

	c.arts = arts;
	c.ok = o != NULL;
	if (o) {
		put(&c, o, "story", json_integer((json_int_t)story));
		put(&c, o, "title", ref(&c, in->title));
		put(&c, o, "title_text", str(in->title_text));
		put(&c, o, "first_date", str(in->first_date));
		put(&c, o, "last_date", str(in->last_date));
		put(&c, o, "undated", json_integer((json_int_t)in->undated));
		put(&c, o, "independent_sources",
		    json_integer((json_int_t)in->sources));
		put(&c, o, "question", ref(&c, in->question));
		put(&c, o, "articles", articles(&c, b));
		put(&c, o, "highlights", points(&c, b));
		put(&c, o, "quotes", quotes(&c, b));
		put(&c, o, "actors", actors(&c, b));
		put(&c, o, "disputes", disputes(&c, b));
		put(&c, o, "sources", sources(&c, b));
		put(&c, o, "near_copies", copies(&c, b));
	}
	z = c.ok ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	if (!z)
		return PX_ENOMEM;
	*out = z;
	if (len)
		*len = strlen(z);
	return PX_OK;
}
