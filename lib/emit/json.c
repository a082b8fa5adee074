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
			put(d, "resolved", str_or_null(ds[i].resolved), ok);
			put(d, "resolved_to", json_string(ds[i].resolved_to
			                                  ? ds[i].resolved_to
			                                  : "unknown"), ok);
		}
		append(arr, d, ok);
	}
}

/* A score rounded to three decimals. */
static json_t *score(double x)
{
	long long k = (long long)(x * 1000.0 + (x < 0 ? -0.5 : 0.5));

	return json_real((double)k / 1000.0);
}

/* GDELT-style tone components of one voice. */
static json_t *tone_parts(const px_tone_parts *p, int *ok)
{
	json_t *o = json_object();

	if (!o) {
		*ok = 0;
		return NULL;
	}
	put(o, "tone", score(p->tone), ok);
	put(o, "positive", score(p->positive), ok);
	put(o, "negative", score(p->negative), ok);
	put(o, "polarity", score(p->polarity), ok);
	put(o, "activity", score(p->activity), ok);
	put(o, "self_group", score(p->self_group), ok);
	put(o, "compound", score(p->compound), ok);
	put(o, "words", json_integer((json_int_t)p->words), ok);
	return o;
}

/* The names of the rules in a reason's PX_TONE_* bits. */
static json_t *tone_rules(unsigned rules, int *ok)
{
	static const struct {
		unsigned bit;
		const char *z;
	} names[] = {
		{PX_TONE_NEGATED, "negated"}, {PX_TONE_BOOSTED, "boosted"},
		{PX_TONE_DAMPENED, "dampened"},
		{PX_TONE_CONTRAST, "contrast"}, {PX_TONE_CAPS, "caps"},
		{PX_TONE_EXCLAIM, "exclamation"}, {PX_TONE_IDIOM, "idiom"},
		{PX_TONE_REVERSED, "reversed"}, {PX_TONE_DENIAL, "denial"},
	};
	json_t *arr = json_array();
	size_t i;

	if (!arr) {
		*ok = 0;
		return NULL;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (rules & names[i].bit)
			append(arr, json_string(names[i].z), ok);
	return arr;
}

/* Framing markers: spans with the rule that fired. */
static void add_markers(json_t *o, const px_article *a, int *ok)
{
	size_t n, i;
	const px_marker *m = px_article_markers(a, &n);
	json_t *arr = json_array();

	put(o, "markers", arr, ok);
	for (i = 0; arr && i < n; i++) {
		json_t *j = span_obj(a, m[i].span, 1, ok);

		if (j) {
			put(j, "kind", json_string(px_marker_kind_name(
			                       m[i].kind)), ok);
			put(j, "rule", json_string(m[i].rule), ok);
			put(j, "technique", str_or_null(m[i].technique), ok);
		}
		append(arr, j, ok);
	}
}

/* Highlights (most central sentences) and the key-insights table, each
 * row a sentence of the article with the rule that chose it. */
static void add_insights(json_t *o, const px_article *a, int *ok)
{
	size_t nh, ni, ns, i;
	const px_highlight *h = px_article_highlights(a, &nh);
	const px_insight *in = px_article_insights(a, &ni);
	const px_sentence *ss = px_article_sentences(a, &ns);
	json_t *arr = json_array(), *tab = json_array();

	put(o, "highlights", arr, ok);
	put(o, "key_insights", tab, ok);
	for (i = 0; arr && i < nh; i++) {
		json_t *j = span_obj(a, ss[h[i].sentence].span, 1, ok);

		if (j) {
			put(j, "sentence", json_integer((json_int_t)h[i].sentence),
			    ok);
			put(j, "score", score(h[i].score), ok);
		}
		append(arr, j, ok);
	}
	for (i = 0; tab && i < ni; i++) {
		json_t *j = span_obj(a, ss[in[i].sentence].span, 1, ok);

		if (j) {
			put(j, "aspect", json_string(in[i].aspect), ok);
			put(j, "sentence",
			    json_integer((json_int_t)in[i].sentence), ok);
			put(j, "rule", json_string(in[i].rule), ok);
		}
		append(tab, j, ok);
	}
}

/* Portrayal of each mention: its clause, role, verb, label and the
 * reasons in the clause. */
static void add_portrayals(json_t *to, const px_article *a, int *ok)
{
	size_t np, nrs, i, k;
	const px_portrayal *p = px_article_portrayals(a, &np);
	const px_tone_reason *rs = px_article_tone_reasons(a, &nrs);
	json_t *arr = json_array();

	put(to, "portrayals", arr, ok);
	for (i = 0; arr && i < np; i++) {
		json_t *j = span_obj(a, p[i].target, 1, ok), *ra;

		if (!j) {
			append(arr, j, ok);
			continue;
		}
		put(j, "mention", json_integer((json_int_t)p[i].mention), ok);
		put(j, "entity", json_integer((json_int_t)p[i].entity), ok);
		put(j, "clause", span_obj(a, p[i].clause, 0, ok), ok);
		put(j, "role", json_string(px_role_name(p[i].role)), ok);
		put(j, "verb", opt_span(a, p[i].verb, ok), ok);
		put(j, "verb_kind", str_or_null(p[i].verb_kind), ok);
		put(j, "label", json_integer(p[i].label), ok);
		put(j, "compound", score(p[i].compound), ok);
		ra = json_array();
		put(j, "reasons", ra, ok);
		for (k = 0; ra && k < p[i].reason_count &&
		            p[i].reason_first + k < nrs; k++) {
			const px_tone_reason *r = rs + p[i].reason_first + k;
			json_t *x = span_obj(a, r->span, 1, ok);

			if (x)
				put(x, "valence", score(r->valence), ok);
			append(ra, x, ok);
		}
		append(arr, j, ok);
	}
}

/* Tone: both voices, speakers, the portrayal of each entity, and every
 * sentence with reasons; null when not computed. */
static void add_tone(json_t *o, const px_article *a, int *ok)
{
	const px_tone *t = px_article_tone(a);
	const px_sentence_tone *st;
	const px_speaker_tone *sp;
	const px_tone_reason *rs;
	const px_entity_tone *et;
	size_t nst, nsp, nrs, net, i, k;
	json_t *to, *arr;

	if (!t) {
		put(o, "tone", json_null(), ok);
		return;
	}
	st = px_article_sentence_tones(a, &nst);
	sp = px_article_speaker_tones(a, &nsp);
	rs = px_article_tone_reasons(a, &nrs);
	to = json_object();
	put(o, "tone", to, ok);
	if (!to)
		return;
	put(to, "author", tone_parts(&t->author, ok), ok);
	put(to, "quoted", tone_parts(&t->quoted, ok), ok);
	arr = json_array();
	put(to, "speakers", arr, ok);
	for (i = 0; arr && i < nsp; i++) {
		json_t *s = json_object();

		if (s) {
			put(s, "kind", json_string(speaker_kind(
			                       sp[i].speaker_kind)), ok);
			put(s, "entity", sp[i].speaker == SIZE_MAX
			                 ? json_null()
			                 : json_integer((json_int_t)sp[i].speaker),
			    ok);
			put(s, "speaker", opt_span(a, sp[i].speaker_span, ok),
			    ok);
			put(s, "quotes", json_integer((json_int_t)sp[i].quotes),
			    ok);
			put(s, "tone", tone_parts(&sp[i].parts, ok), ok);
		}
		append(arr, s, ok);
	}
	et = px_article_entity_tones(a, &net);
	arr = json_array();
	put(to, "entities", arr, ok);
	for (i = 0; arr && i < net; i++) {
		json_t *e = json_object();

		if (e) {
			put(e, "entity", json_integer((json_int_t)et[i].entity),
			    ok);
			put(e, "mentions",
			    json_integer((json_int_t)et[i].mentions), ok);
			put(e, "compound", score(et[i].compound), ok);
			put(e, "positive",
			    json_integer((json_int_t)et[i].positive), ok);
			put(e, "negative",
			    json_integer((json_int_t)et[i].negative), ok);
			put(e, "portrayed",
			    json_integer((json_int_t)et[i].portrayed), ok);
			put(e, "as_subject",
			    json_integer((json_int_t)et[i].as_subject), ok);
			put(e, "as_object",
			    json_integer((json_int_t)et[i].as_object), ok);
			put(e, "subject_compound",
			    score(et[i].subject_compound), ok);
			put(e, "object_compound",
			    score(et[i].object_compound), ok);
		}
		append(arr, e, ok);
	}
	add_portrayals(to, a, ok);
	arr = json_array();
	put(to, "sentences", arr, ok);
	for (i = 0; arr && i < nst; i++) {
		json_t *s, *ra;

		if (!st[i].reason_count)
			continue;
		s = json_object();
		ra = json_array();
		if (s) {
			put(s, "sentence",
			    json_integer((json_int_t)st[i].sentence), ok);
			put(s, "compound", score(st[i].compound), ok);
			put(s, "sum", score(st[i].sum), ok);
			put(s, "words", json_integer((json_int_t)st[i].words),
			    ok);
			put(s, "reasons", ra, ok);
		} else {
			json_decref(ra);
			ra = NULL;
		}
		for (k = 0; ra && k < st[i].reason_count; k++) {
			const px_tone_reason *r = rs + st[i].reason_first + k;
			json_t *j = span_obj(a, r->span, 1, ok);

			if (j) {
				put(j, "base", score(r->base), ok);
				put(j, "valence", score(r->valence), ok);
				put(j, "rules", tone_rules(r->rules, ok), ok);
				put(j, "cue", opt_span(a, r->cue, ok), ok);
				put(j, "quote", r->quote == SIZE_MAX
				                ? json_null()
				                : json_integer((json_int_t)r->quote),
				    ok);
			}
			append(ra, j, ok);
		}
		append(arr, s, ok);
	}
}

/* The language found and the stages that ran. */
static void add_stages(json_t *o, const px_article *a, int *ok)
{
	const px_lang *l = px_article_lang(a);
	unsigned st = px_article_stages(a), bit;
	json_t *arr = json_array(), *lo;

	put(o, "stages", arr, ok);
	for (bit = 1; arr && bit <= PX_STAGE_HIGHLIGHTS; bit <<= 1)
		if (st & bit)
			append(arr, json_string(px_stage_name(bit)), ok);
	if (!l) {
		put(o, "language", json_null(), ok);
		return;
	}
	lo = json_object();
	put(o, "language", lo, ok);
	if (!lo)
		return;
	put(lo, "code", str_or_null(l->code), ok);
	put(lo, "name", str_or_null(l->name), ok);
	put(lo, "firm", json_boolean(l->code && l->firm), ok);
	put(lo, "margin", l->code ? score(l->margin) : json_null(), ok);
	put(lo, "runner_up", str_or_null(l->runner_up), ok);
	put(lo, "sample_bytes", json_integer((json_int_t)l->sample), ok);
}

/* How a page was read, and the page bytes of each extracted block. */
static void add_page(json_t *o, const px_article *a, int *ok)
{
	const px_page *pg = px_article_page(a);
	const px_html_span *hs;
	json_t *po, *arr;
	size_t i, n;

	if (!pg) {
		put(o, "page", json_null(), ok);
		return;
	}
	po = json_object();
	put(o, "page", po, ok);
	if (!po)
		return;
	put(po, "charset", str_or_null(pg->charset), ok);
	put(po, "declared_language", str_or_null(pg->lang), ok);
	put(po, "description", str_or_null(pg->description), ok);
	put(po, "gzip", json_boolean(pg->gzip), ok);
	put(po, "bad_bytes", json_integer((json_int_t)pg->bad_bytes), ok);
	put(po, "first_bad", pg->bad_bytes
	                     ? json_integer((json_int_t)pg->first_bad)
	                     : json_null(), ok);
	put(po, "warc_file", str_or_null(pg->warc_file), ok);
	put(po, "warc_offset", pg->warc_file
	                       ? json_integer((json_int_t)pg->warc_offset)
	                       : json_null(), ok);
	hs = px_article_html_spans(a, &n);
	arr = json_array();
	put(po, "blocks", arr, ok);
	for (i = 0; arr && i < n; i++) {
		json_t *b = span_obj(a, hs[i].text, 0, ok);

		if (b) {
			put(b, "html_start",
			    json_integer((json_int_t)hs[i].html.start), ok);
			put(b, "html_end",
			    json_integer((json_int_t)hs[i].html.end), ok);
		}
		append(arr, b, ok);
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
	add_stages(o, a, &ok);
	add_page(o, a, &ok);

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
	add_tone(o, a, &ok);
	add_markers(o, a, &ok);
	add_insights(o, a, &ok);

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

/* PX_OUT_NO_SPAN_TEXT: drop "text" from every object that has integer
 * "start" and "end" (a span), wherever it is. */
static void drop_span_text(json_t *v)
{
	const char *k;
	json_t *x;
	size_t i;

	if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			drop_span_text(x);
		return;
	}
	if (!json_is_object(v))
		return;
	if (json_is_integer(json_object_get(v, "start")) &&
	    json_is_integer(json_object_get(v, "end")))
		json_object_del(v, "text");
	json_object_foreach(v, k, x)
		drop_span_text(x);
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
	if (flags & PX_OUT_NO_SPAN_TEXT)
		drop_span_text(o);
	*out = json_dumps(o, (flags & PX_OUT_PRETTY ? JSON_INDENT(2)
	                                            : JSON_COMPACT) |
	                         JSON_PRESERVE_ORDER |
	                         JSON_REAL_PRECISION(12));
	json_decref(o);
	if (!*out)
		return PX_ENOMEM;
	if (len)
		*len = strlen(*out);
	return PX_OK;
}
