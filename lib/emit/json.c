/*
 * json.c - an article as one JSON object (docs/schema/article.schema.json),
 * written straight into a buffer (jw.c); jansson reads the passed-through
 * "extra" fields and indents the --pretty form.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../article/article.h"
#include "emit_int.h"

/* What every writer below shares: the buffer, the article, whether span
 * objects carry their text (not with PX_OUT_NO_SPAN_TEXT). */
typedef struct jx {
	pxi_jw w;
	const px_article *a;
	int span_text;
} jx;

static void k_str(jx *j, const char *k, const char *z)
{
	pxi_jw_key(&j->w, k);
	pxi_jw_str(&j->w, z);
}

static void k_int(jx *j, const char *k, long long v)
{
	pxi_jw_key(&j->w, k);
	pxi_jw_int(&j->w, v);
}

static void k_bool(jx *j, const char *k, int v)
{
	pxi_jw_key(&j->w, k);
	pxi_jw_bool(&j->w, v);
}

static void k_null(jx *j, const char *k)
{
	pxi_jw_key(&j->w, k);
	pxi_jw_null(&j->w);
}

/* An index, or null for SIZE_MAX (none). */
static void k_index(jx *j, const char *k, size_t v)
{
	if (v == SIZE_MAX)
		k_null(j, k);
	else
		k_int(j, k, (long long)v);
}

/* A score rounded to three decimals. */
static void score(jx *j, double x)
{
	long long k = (long long)(x * 1000.0 + (x < 0 ? -0.5 : 0.5));

	pxi_jw_real(&j->w, (double)k / 1000.0);
}

static void k_score(jx *j, const char *k, double x)
{
	pxi_jw_key(&j->w, k);
	score(j, x);
}

/* A span object left open, so the caller may add fields: start, end,
 * and with with_text the bytes (unless span text is off). */
static void span_open(jx *j, px_span s, int with_text)
{
	pxi_jw_obj(&j->w);
	k_int(j, "start", (long long)s.start);
	k_int(j, "end", (long long)s.end);
	if (with_text && j->span_text) {
		pxi_jw_key(&j->w, "text");
		pxi_jw_strn(&j->w, j->a->orig + s.start, s.end - s.start);
	}
}

static void k_span(jx *j, const char *k, px_span s, int with_text)
{
	pxi_jw_key(&j->w, k);
	span_open(j, s, with_text);
	pxi_jw_obj_end(&j->w);
}

/* An optional span: an object with its text, or null when empty. */
static void k_opt_span(jx *j, const char *k, px_span s)
{
	if (s.end <= s.start)
		k_null(j, k);
	else
		k_span(j, k, s, 1);
}

static void k_arr(jx *j, const char *k)
{
	pxi_jw_key(&j->w, k);
	pxi_jw_arr(&j->w);
}

static void k_obj(jx *j, const char *k)
{
	pxi_jw_key(&j->w, k);
	pxi_jw_obj(&j->w);
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
static void add_who(jx *j)
{
	const px_article *a = j->a;
	const px_entity *es = a->entities.a;
	const px_mention *ms = a->mentions.a;
	const px_quote *qs = a->quotes.a;
	const px_term *ts = a->terms.a;
	const px_amount *am = a->amounts.a;
	const px_date *ds = a->dates.a;
	size_t i;

	k_arr(j, "entities");
	for (i = 0; i < a->entities.n; i++) {
		pxi_jw_obj(&j->w);
		k_str(j, "name", es[i].name);
		k_str(j, "type", px_entity_type_name(es[i].type));
		k_str(j, "role", es[i].role);
		k_str(j, "key", es[i].key);
		k_int(j, "mentions", (long long)es[i].count);
		k_span(j, "first", ms[es[i].first].span, 0);
		pxi_jw_obj_end(&j->w);
	}
	pxi_jw_arr_end(&j->w);
	k_arr(j, "mentions");
	for (i = 0; i < a->mentions.n; i++) {
		span_open(j, ms[i].span, 1);
		k_str(j, "type", px_entity_type_name(ms[i].type));
		k_int(j, "entity", (long long)ms[i].entity);
		k_int(j, "sentence", (long long)ms[i].sentence);
		k_str(j, "role", ms[i].role);
		pxi_jw_obj_end(&j->w);
	}
	pxi_jw_arr_end(&j->w);
	k_arr(j, "quotes");
	for (i = 0; i < a->quotes.n; i++) {
		span_open(j, qs[i].span, 1);
		k_str(j, "kind", qs[i].kind == PX_QUOTE_DIRECT ? "direct"
		                                               : "reported");
		k_str(j, "speaker_kind", speaker_kind(qs[i].speaker_kind));
		k_str(j, "speaker", qs[i].speaker != SIZE_MAX
		                    ? es[qs[i].speaker].name : NULL);
		k_index(j, "speaker_entity", qs[i].speaker);
		k_opt_span(j, "speaker_as_written", qs[i].speaker_span);
		k_opt_span(j, "verb", qs[i].verb);
		k_int(j, "sentence", (long long)qs[i].sentence);
		k_bool(j, "partial", qs[i].partial);
		pxi_jw_obj_end(&j->w);
	}
	pxi_jw_arr_end(&j->w);
	k_arr(j, "terms");
	for (i = 0; i < a->terms.n; i++) {
		span_open(j, ts[i].span, 1);
		k_str(j, "reason", ts[i].reason);
		pxi_jw_obj_end(&j->w);
	}
	pxi_jw_arr_end(&j->w);
	k_arr(j, "amounts");
	for (i = 0; i < a->amounts.n; i++) {
		span_open(j, am[i].span, 1);
		pxi_jw_key(&j->w, "value");
		pxi_jw_real(&j->w, am[i].value);
		k_str(j, "unit", am[i].unit);
		k_opt_span(j, "number", am[i].number);
		k_opt_span(j, "object", am[i].object);
		k_opt_span(j, "qualifier", am[i].qualifier);
		k_bool(j, "in_quote", am[i].in_quote);
		pxi_jw_obj_end(&j->w);
	}
	pxi_jw_arr_end(&j->w);
	k_arr(j, "dates");
	for (i = 0; i < a->dates.n; i++) {
		span_open(j, ds[i].span, 1);
		k_str(j, "value", ds[i].value);
		k_str(j, "resolution", ds[i].resolution);
		k_str(j, "resolved", ds[i].resolved);
		k_str(j, "resolved_to", ds[i].resolved_to ? ds[i].resolved_to
		                                          : "unknown");
		pxi_jw_obj_end(&j->w);
	}
	pxi_jw_arr_end(&j->w);
}

/* GDELT-style tone components of one voice. */
static void k_tone_parts(jx *j, const char *k, const px_tone_parts *p)
{
	k_obj(j, k);
	k_score(j, "tone", p->tone);
	k_score(j, "positive", p->positive);
	k_score(j, "negative", p->negative);
	k_score(j, "polarity", p->polarity);
	k_score(j, "activity", p->activity);
	k_score(j, "self_group", p->self_group);
	k_score(j, "compound", p->compound);
	k_int(j, "words", (long long)p->words);
	pxi_jw_obj_end(&j->w);
}

/* The names of the rules in a reason's PX_TONE_* bits. */
static void k_tone_rules(jx *j, const char *k, unsigned rules)
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
	size_t i;

	k_arr(j, k);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (rules & names[i].bit)
			pxi_jw_str(&j->w, names[i].z);
	pxi_jw_arr_end(&j->w);
}

/* Framing markers: spans with the rule that fired. */
static void add_markers(jx *j)
{
	size_t n, i;
	const px_marker *m = px_article_markers(j->a, &n);

	k_arr(j, "markers");
	for (i = 0; i < n; i++) {
		span_open(j, m[i].span, 1);
		k_str(j, "kind", px_marker_kind_name(m[i].kind));
		k_str(j, "rule", m[i].rule);
		k_str(j, "technique", m[i].technique);
		pxi_jw_obj_end(&j->w);
	}
	pxi_jw_arr_end(&j->w);
}

/* Highlights (most central sentences) and the key-insights table, each
 * row a sentence of the article with the rule that chose it. */
static void add_insights(jx *j)
{
	size_t nh, ni, ns, i;
	const px_highlight *h = px_article_highlights(j->a, &nh);
	const px_insight *in = px_article_insights(j->a, &ni);
	const px_sentence *ss = px_article_sentences(j->a, &ns);

	k_arr(j, "highlights");
	for (i = 0; i < nh; i++) {
		span_open(j, ss[h[i].sentence].span, 1);
		k_int(j, "sentence", (long long)h[i].sentence);
		k_score(j, "score", h[i].score);
		pxi_jw_obj_end(&j->w);
	}
	pxi_jw_arr_end(&j->w);
	k_arr(j, "key_insights");
	for (i = 0; i < ni; i++) {
		span_open(j, ss[in[i].sentence].span, 1);
		k_str(j, "aspect", in[i].aspect);
		k_int(j, "sentence", (long long)in[i].sentence);
		k_str(j, "rule", in[i].rule);
		pxi_jw_obj_end(&j->w);
	}
	pxi_jw_arr_end(&j->w);
}

/* Portrayal of each mention: its clause, role, verb, label and the
 * reasons in the clause. */
static void add_portrayals(jx *j)
{
	size_t np, nrs, i, k;
	const px_portrayal *p = px_article_portrayals(j->a, &np);
	const px_tone_reason *rs = px_article_tone_reasons(j->a, &nrs);

	k_arr(j, "portrayals");
	for (i = 0; i < np; i++) {
		span_open(j, p[i].target, 1);
		k_int(j, "mention", (long long)p[i].mention);
		k_int(j, "entity", (long long)p[i].entity);
		k_span(j, "clause", p[i].clause, 0);
		k_str(j, "role", px_role_name(p[i].role));
		k_opt_span(j, "verb", p[i].verb);
		k_str(j, "verb_kind", p[i].verb_kind);
		k_int(j, "label", p[i].label);
		k_score(j, "compound", p[i].compound);
		k_arr(j, "reasons");
		for (k = 0; k < p[i].reason_count &&
		            p[i].reason_first + k < nrs; k++) {
			const px_tone_reason *r = rs + p[i].reason_first + k;

			span_open(j, r->span, 1);
			k_score(j, "valence", r->valence);
			pxi_jw_obj_end(&j->w);
		}
		pxi_jw_arr_end(&j->w);
		pxi_jw_obj_end(&j->w);
	}
	pxi_jw_arr_end(&j->w);
}

/* Tone: both voices, speakers, the portrayal of each entity, and every
 * sentence with reasons; null when not computed. */
static void add_tone(jx *j)
{
	const px_tone *t = px_article_tone(j->a);
	const px_sentence_tone *st;
	const px_speaker_tone *sp;
	const px_tone_reason *rs;
	const px_entity_tone *et;
	size_t nst, nsp, nrs, net, i, k;

	if (!t) {
		k_null(j, "tone");
		return;
	}
	st = px_article_sentence_tones(j->a, &nst);
	sp = px_article_speaker_tones(j->a, &nsp);
	rs = px_article_tone_reasons(j->a, &nrs);
	k_obj(j, "tone");
	k_tone_parts(j, "author", &t->author);
	k_tone_parts(j, "quoted", &t->quoted);
	k_arr(j, "speakers");
	for (i = 0; i < nsp; i++) {
		pxi_jw_obj(&j->w);
		k_str(j, "kind", speaker_kind(sp[i].speaker_kind));
		k_index(j, "entity", sp[i].speaker);
		k_opt_span(j, "speaker", sp[i].speaker_span);
		k_int(j, "quotes", (long long)sp[i].quotes);
		k_tone_parts(j, "tone", &sp[i].parts);
		pxi_jw_obj_end(&j->w);
	}
	pxi_jw_arr_end(&j->w);
	et = px_article_entity_tones(j->a, &net);
	k_arr(j, "entities");
	for (i = 0; i < net; i++) {
		pxi_jw_obj(&j->w);
		k_int(j, "entity", (long long)et[i].entity);
		k_int(j, "mentions", (long long)et[i].mentions);
		k_score(j, "compound", et[i].compound);
		k_int(j, "positive", (long long)et[i].positive);
		k_int(j, "negative", (long long)et[i].negative);
		k_int(j, "portrayed", (long long)et[i].portrayed);
		k_int(j, "as_subject", (long long)et[i].as_subject);
		k_int(j, "as_object", (long long)et[i].as_object);
		k_score(j, "subject_compound", et[i].subject_compound);
		k_score(j, "object_compound", et[i].object_compound);
		pxi_jw_obj_end(&j->w);
	}
	pxi_jw_arr_end(&j->w);
	add_portrayals(j);
	k_arr(j, "sentences");
	for (i = 0; i < nst; i++) {
		if (!st[i].reason_count)
			continue;
		pxi_jw_obj(&j->w);
		k_int(j, "sentence", (long long)st[i].sentence);
		k_score(j, "compound", st[i].compound);
		k_score(j, "sum", st[i].sum);
		k_int(j, "words", (long long)st[i].words);
		k_arr(j, "reasons");
		for (k = 0; k < st[i].reason_count; k++) {
			const px_tone_reason *r = rs + st[i].reason_first + k;

			span_open(j, r->span, 1);
			k_score(j, "base", r->base);
			k_score(j, "valence", r->valence);
			k_tone_rules(j, "rules", r->rules);
			k_opt_span(j, "cue", r->cue);
			k_index(j, "quote", r->quote);
			pxi_jw_obj_end(&j->w);
		}
		pxi_jw_arr_end(&j->w);
		pxi_jw_obj_end(&j->w);
	}
	pxi_jw_arr_end(&j->w);
	pxi_jw_obj_end(&j->w);
}

/* The language found and the stages that ran. */
static void add_stages(jx *j)
{
	const px_lang *l = px_article_lang(j->a);
	unsigned st = px_article_stages(j->a), bit;

	k_arr(j, "stages");
	for (bit = 1; bit <= PX_STAGE_HIGHLIGHTS; bit <<= 1)
		if (st & bit)
			pxi_jw_str(&j->w, px_stage_name(bit));
	pxi_jw_arr_end(&j->w);
	if (!l) {
		k_null(j, "language");
		return;
	}
	k_obj(j, "language");
	k_str(j, "code", l->code);
	k_str(j, "name", l->name);
	k_bool(j, "firm", l->code && l->firm);
	if (l->code)
		k_score(j, "margin", l->margin);
	else
		k_null(j, "margin");
	k_str(j, "runner_up", l->runner_up);
	k_int(j, "sample_bytes", (long long)l->sample);
	k_str(j, "method", l->method);
	k_score(j, "function_share", l->function_share);
	pxi_jw_obj_end(&j->w);
}

/* How a page was read, and the page bytes of each extracted block. */
static void add_page(jx *j)
{
	const px_page *pg = px_article_page(j->a);
	const px_html_span *hs;
	size_t i, n;

	if (!pg) {
		k_null(j, "page");
		return;
	}
	k_obj(j, "page");
	k_str(j, "charset", pg->charset);
	k_str(j, "declared_language", pg->lang);
	k_str(j, "description", pg->description);
	k_bool(j, "gzip", pg->gzip);
	k_int(j, "bad_bytes", (long long)pg->bad_bytes);
	if (pg->bad_bytes)
		k_int(j, "first_bad", (long long)pg->first_bad);
	else
		k_null(j, "first_bad");
	k_str(j, "warc_file", pg->warc_file);
	if (pg->warc_file)
		k_int(j, "warc_offset", (long long)pg->warc_offset);
	else
		k_null(j, "warc_offset");
	hs = px_article_html_spans(j->a, &n);
	k_arr(j, "blocks");
	for (i = 0; i < n; i++) {
		span_open(j, hs[i].text, 0);
		k_int(j, "html_start", (long long)hs[i].html.start);
		k_int(j, "html_end", (long long)hs[i].html.end);
		pxi_jw_obj_end(&j->w);
	}
	pxi_jw_arr_end(&j->w);
	pxi_jw_obj_end(&j->w);
}

/* The record's other fields, as jansson reads and writes them. */
static void add_extra(jx *j, const char *extra)
{
	json_t *x = json_loads(extra, 0, NULL);
	char *z = x ? json_dumps(x, JSON_COMPACT | JSON_PRESERVE_ORDER |
	                                JSON_REAL_PRECISION(12))
	            : NULL;

	pxi_jw_key(&j->w, "extra");
	if (z)
		pxi_jw_raw(&j->w, z, strlen(z));
	else
		j->w.failed = 1;
	free(z);
	json_decref(x);
}

static void build(jx *j, unsigned flags)
{
	const px_article *a = j->a;
	const px_meta *m = &a->meta;
	const px_paragraph *pg = a->paras.a;
	const px_sentence *ss = a->sents.a;
	const px_token *tk = a->toks.a;
	const px_residue *rs = a->residue.a;
	size_t i, words = 0, rbytes = 0;

	pxi_jw_obj(&j->w);
	k_str(j, "id", m->id);
	k_str(j, "input", m->input);
	k_str(j, "source", m->source);
	k_str(j, "source_from", m->source_from);
	k_str(j, "url", m->url);
	k_str(j, "published", m->published);
	k_str(j, "edited", m->edited);
	k_str(j, "site", m->site);
	k_str(j, "author", m->author);
	k_str(j, "title", m->title);
	if (m->title_span.end > m->title_span.start)
		k_span(j, "title_span", m->title_span, 0);
	else
		k_null(j, "title_span");
	k_span(j, "body", m->body, 0);
	k_int(j, "bytes", (long long)a->orig_len);

	for (i = 0; i < a->toks.n; i++)
		if (tk[i].kind == PX_TOK_WORD && !(tk[i].flags & PX_TF_RESIDUE))
			words++;
	for (i = 0; i < a->residue.n; i++)
		rbytes += rs[i].span.end - rs[i].span.start;
	k_obj(j, "stats");
	k_int(j, "paragraphs", (long long)a->paras.n);
	k_int(j, "sentences", (long long)a->sents.n);
	k_int(j, "tokens", (long long)a->toks.n);
	k_int(j, "words", (long long)words);
	k_int(j, "residue_bytes", (long long)rbytes);
	pxi_jw_obj_end(&j->w);
	add_stages(j);
	add_page(j);

	k_arr(j, "paragraphs");
	for (i = 0; i < a->paras.n; i++) {
		span_open(j, pg[i].span, 0);
		k_bool(j, "heading", pg[i].heading);
		k_bool(j, "bullet", pg[i].bullet);
		pxi_jw_obj_end(&j->w);
	}
	pxi_jw_arr_end(&j->w);

	k_arr(j, "sentences");
	for (i = 0; i < a->sents.n; i++) {
		span_open(j, ss[i].span, 1);
		k_int(j, "paragraph", (long long)ss[i].para);
		k_int(j, "tokens", (long long)ss[i].tok_count);
		k_bool(j, "heading", ss[i].heading);
		k_bool(j, "residue", ss[i].residue);
		pxi_jw_obj_end(&j->w);
	}
	pxi_jw_arr_end(&j->w);

	k_arr(j, "residue");
	for (i = 0; i < a->residue.n; i++) {
		span_open(j, rs[i].span, 1);
		k_str(j, "kind", px_residue_kind_name(rs[i].kind));
		k_str(j, "reason", rs[i].reason);
		pxi_jw_obj_end(&j->w);
	}
	pxi_jw_arr_end(&j->w);

	add_who(j);
	add_tone(j);
	add_markers(j);
	add_insights(j);

	if (flags & PX_OUT_TOKENS) {
		k_arr(j, "tokens");
		for (i = 0; i < a->toks.n; i++) {
			pxi_jw_arr(&j->w);
			pxi_jw_int(&j->w, tk[i].start);
			pxi_jw_int(&j->w, tk[i].end);
			pxi_jw_str(&j->w, px_token_kind_name(
			                      (px_token_kind)tk[i].kind));
			pxi_jw_strn(&j->w, a->orig + tk[i].start,
			            tk[i].end - tk[i].start);
			pxi_jw_arr_end(&j->w);
		}
		pxi_jw_arr_end(&j->w);
	}
	if (m->extra_json)
		add_extra(j, m->extra_json);
	pxi_jw_obj_end(&j->w);
}

/* The compact text indented by jansson (PX_OUT_PRETTY). */
static char *indent(char *compact)
{
	json_t *o = json_loads(compact, 0, NULL);
	char *z = o ? json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	                                JSON_REAL_PRECISION(12))
	            : NULL;

	json_decref(o);
	free(compact);
	return z;
}

px_status px_article_to_json(const px_article *a, unsigned flags,
                             char **out, size_t *len)
{
	jx j;
	size_t n = 0;

	if (!out)
		return PX_EINVAL;
	*out = NULL;
	if (len)
		*len = 0;
	if (!a)
		return PX_EINVAL;
	pxi_jw_init(&j.w);
	j.a = a;
	j.span_text = !(flags & PX_OUT_NO_SPAN_TEXT);
	build(&j, flags);
	*out = pxi_jw_finish(&j.w, &n);
	if (*out && (flags & PX_OUT_PRETTY)) {
		*out = indent(*out);
		n = *out ? strlen(*out) : 0;
	}
	if (!*out)
		return PX_ENOMEM;
	if (len)
		*len = n;
	return PX_OK;
}
