/*
 * text.c - the readable view of an article: metadata, residue with
 * reasons, then the report's sentences, each with its byte range.
 */
#include <stdlib.h>
#include <string.h>

#include "../article/article.h"

static void field(pxi_buf *b, const char *k, const char *v)
{
	pxi_buf_printf(b, "  %-10s %s\n", k, v ? v : "(unknown)");
}

/* Quote a span on one line, white space folded, cut at max bytes. */
static void quoted(pxi_buf *b, const px_article *a, px_span s, size_t max)
{
	size_t i, n = s.end - s.start;
	int sp = 0;

	pxi_buf_add(b, "\"", 1);
	for (i = 0; i < n && i < max; i++) {
		char c = a->orig[s.start + i];

		if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
			if (!sp)
				pxi_buf_add(b, " ", 1);
			sp = 1;
			continue;
		}
		sp = 0;
		pxi_buf_add(b, &c, 1);
	}
	if (n > max) {
		/* do not cut inside a UTF-8 sequence */
		while (b->len && ((unsigned char)b->p[b->len - 1] & 0xC0) == 0x80)
			b->len--;
		if (b->len && (unsigned char)b->p[b->len - 1] >= 0xC0)
			b->len--;
		pxi_buf_add(b, "...", 3);
	}
	pxi_buf_add(b, "\"", 1);
}

/* People, organizations and places; who said what; amounts, dates. */
static void who(pxi_buf *b, const px_article *a)
{
	const px_entity *es = a->entities.a;
	const px_quote *qs = a->quotes.a;
	const px_term *ts = a->terms.a;
	const px_amount *am = a->amounts.a;
	const px_date *ds = a->dates.a;
	size_t i;

	if (a->entities.n)
		pxi_buf_addz(b, "entities:\n");
	for (i = 0; i < a->entities.n; i++)
		pxi_buf_printf(b, "  %-12s %s%s%s (%zu)\n",
		               px_entity_type_name(es[i].type), es[i].name,
		               es[i].role ? " - " : "",
		               es[i].role ? es[i].role : "", es[i].count);
	if (a->quotes.n)
		pxi_buf_addz(b, "quotes:\n");
	for (i = 0; i < a->quotes.n; i++) {
		const char *who_z = qs[i].speaker != SIZE_MAX
		                    ? es[qs[i].speaker].name
		                    : qs[i].speaker_kind == PX_SPEAKER_ANONYMOUS
		                    ? "(anonymous)" : "(unresolved)";

		pxi_buf_printf(b, "  [%zu-%zu] %s%s: ", qs[i].span.start,
		               qs[i].span.end, who_z,
		               qs[i].kind == PX_QUOTE_REPORTED ? " (reported)"
		                                               : "");
		quoted(b, a, qs[i].span, 120);
		pxi_buf_add(b, "\n", 1);
	}
	if (a->terms.n)
		pxi_buf_addz(b, "quoted terms:\n");
	for (i = 0; i < a->terms.n; i++) {
		pxi_buf_printf(b, "  [%zu-%zu] %s: ", ts[i].span.start,
		               ts[i].span.end, ts[i].reason);
		quoted(b, a, ts[i].span, 80);
		pxi_buf_add(b, "\n", 1);
	}
	if (a->amounts.n)
		pxi_buf_addz(b, "amounts:\n");
	for (i = 0; i < a->amounts.n; i++) {
		pxi_buf_printf(b, "  [%zu-%zu] %g%s%s ", am[i].span.start,
		               am[i].span.end, am[i].value,
		               am[i].unit ? " " : "", am[i].unit ? am[i].unit : "");
		quoted(b, a, am[i].span, 80);
		pxi_buf_add(b, "\n", 1);
	}
	if (a->dates.n)
		pxi_buf_addz(b, "dates:\n");
	for (i = 0; i < a->dates.n; i++) {
		pxi_buf_printf(b, "  [%zu-%zu] %s (%s) ", ds[i].span.start,
		               ds[i].span.end, ds[i].value, ds[i].resolution);
		if (ds[i].resolved && strcmp(ds[i].resolved, ds[i].value))
			pxi_buf_printf(b, "= %s (%s) ", ds[i].resolved,
			               ds[i].resolved_to);
		quoted(b, a, ds[i].span, 60);
		pxi_buf_add(b, "\n", 1);
	}
}

/* One voice's tone components on one line. */
static void tone_line(pxi_buf *b, const char *k, const px_tone_parts *p)
{
	pxi_buf_printf(b, "  %-10s tone %.2f (positive %.2f, negative %.2f), "
	               "compound %.3f, %zu words\n", k, p->tone, p->positive,
	               p->negative, p->compound, p->words);
}

/* Tone: the voices, each speaker, entities portrayed other than
 * neutrally, and the strongest reasons. */
static void tone_view(pxi_buf *b, const px_article *a)
{
	const px_tone *t = px_article_tone(a);
	const px_speaker_tone *sp;
	const px_tone_reason *rs;
	const px_entity *es = a->entities.a;
	size_t nsp, nrs, i, k, shown[5];
	size_t nshown = 0;

	if (!t)
		return;
	sp = px_article_speaker_tones(a, &nsp);
	rs = px_article_tone_reasons(a, &nrs);
	pxi_buf_addz(b, "tone:\n");
	tone_line(b, "author", &t->author);
	if (t->quoted.words)
		tone_line(b, "quoted", &t->quoted);
	for (i = 0; i < nsp; i++) {
		pxi_buf_printf(b, "  speaker %s (%zu quotes): tone %.2f, "
		               "compound %.3f\n",
		               sp[i].speaker != SIZE_MAX ? es[sp[i].speaker].name
		               : sp[i].speaker_kind == PX_SPEAKER_ANONYMOUS
		               ? "(anonymous)" : "(unresolved)",
		               sp[i].quotes, sp[i].parts.tone,
		               sp[i].parts.compound);
	}
	/* Entities portrayed other than neutrally. */
	{
		size_t net;
		const px_entity_tone *et = px_article_entity_tones(a, &net);

		for (i = 0; i < net; i++) {
			if (et[i].compound > -0.05 && et[i].compound < 0.05)
				continue;
			pxi_buf_printf(b, "  portrayed %s: compound %.3f "
			               "(%zu positive, %zu negative of %zu "
			               "mentions; as subject %zu, as object "
			               "%zu)\n", es[et[i].entity].name,
			               et[i].compound, et[i].positive,
			               et[i].negative, et[i].mentions,
			               et[i].as_subject, et[i].as_object);
		}
	}
	/* The five reasons that moved the scores most, in text order. */
	for (k = 0; k < 5 && k < nrs; k++) {
		size_t best = SIZE_MAX;
		double bv = 0;

		for (i = 0; i < nrs; i++) {
			double v = rs[i].valence < 0 ? -rs[i].valence
			                             : rs[i].valence;
			size_t j;
			int used = 0;

			for (j = 0; j < nshown; j++)
				used |= shown[j] == i;
			if (!used && v > bv) {
				bv = v;
				best = i;
			}
		}
		if (best == SIZE_MAX)
			break;
		shown[nshown++] = best;
	}
	for (k = 0; k < nshown; k++) {
		const px_tone_reason *r = rs + shown[k];

		pxi_buf_printf(b, "  [%zu-%zu] %+.2f%s ", r->span.start,
		               r->span.end, r->valence,
		               r->quote != SIZE_MAX ? " (quoted)" : "");
		quoted(b, a, r->span, 60);
		pxi_buf_add(b, "\n", 1);
	}
}

/* Highlights and the key-insights table. */
static void insights_view(pxi_buf *b, const px_article *a)
{
	size_t nh, ni, i;
	const px_highlight *h = px_article_highlights(a, &nh);
	const px_insight *in = px_article_insights(a, &ni);
	const px_sentence *ss = a->sents.a;

	if (nh)
		pxi_buf_addz(b, "highlights (most central sentences):\n");
	for (i = 0; i < nh; i++) {
		px_span s = ss[h[i].sentence].span;

		pxi_buf_printf(b, "  [%zu-%zu] %.2f ", s.start, s.end,
		               h[i].score);
		quoted(b, a, s, 160);
		pxi_buf_add(b, "\n", 1);
	}
	if (ni)
		pxi_buf_addz(b, "key insights (aspect: sentence, rule):\n");
	for (i = 0; i < ni; i++) {
		px_span s = ss[in[i].sentence].span;

		pxi_buf_printf(b, "  %-15s [%zu-%zu] ", in[i].aspect, s.start,
		               s.end);
		quoted(b, a, s, 120);
		pxi_buf_printf(b, " (%s)\n", in[i].rule);
	}
}

/* Framing markers, one a line. */
static void markers_view(pxi_buf *b, const px_article *a)
{
	size_t n, i;
	const px_marker *m = px_article_markers(a, &n);

	if (n)
		pxi_buf_addz(b, "framing markers:\n");
	for (i = 0; i < n; i++) {
		pxi_buf_printf(b, "  [%zu-%zu] %s (%s): ", m[i].span.start,
		               m[i].span.end, px_marker_kind_name(m[i].kind),
		               m[i].rule);
		quoted(b, a, m[i].span, 60);
		pxi_buf_add(b, "\n", 1);
	}
}

/* The language found, and the stages that did not run. */
static void lang_view(pxi_buf *b, const px_article *a)
{
	const px_lang *l = px_article_lang(a);
	unsigned st = px_article_stages(a), bit;
	int first = 1;

	if (l && l->code && l->method && !strcmp(l->method, "n-grams"))
		pxi_buf_printf(b, "  %-10s %s (%s)%s, margin %.2f over %s\n",
		               "language", l->name, l->code,
		               l->firm ? "" : ", unsure", l->margin,
		               l->runner_up ? l->runner_up : "none");
	else if (l && l->code)
		pxi_buf_printf(b, "  %-10s %s (%s), by its function words "
		               "(%.0f%% of the words read)\n", "language",
		               l->name, l->code, l->function_share * 100);
	else if (l)
		pxi_buf_printf(b, "  %-10s unknown (%zu bytes of text: too "
		               "little to tell)\n", "language", l->sample);
	for (bit = PX_STAGE_ENTITIES; bit <= PX_STAGE_HIGHLIGHTS; bit <<= 1) {
		if (st & bit)
			continue;
		pxi_buf_printf(b, "%s%s", first ? "  not run:   " : ", ",
		               px_stage_name(bit));
		first = 0;
	}
	if (!first)
		pxi_buf_addz(b, l && l->code ? " (they read English)\n"
		                             : " (text stages only)\n");
}

px_status px_article_to_text(const px_article *a, unsigned flags,
                             char **out, size_t *len)
{
	const px_meta *m;
	const px_sentence *ss;
	const px_residue *rs;
	pxi_buf b;
	size_t i;

	(void)flags;
	if (!out)
		return PX_EINVAL;
	*out = NULL;
	if (!a)
		return PX_EINVAL;
	m = &a->meta;
	ss = a->sents.a;
	rs = a->residue.a;
	pxi_buf_init(&b, 0);
	pxi_buf_printf(&b, "== %s\n", m->input ? m->input : "(article)");
	field(&b, "id", m->id);
	field(&b, "title", m->title);
	field(&b, "source", m->source);
	field(&b, "published", m->published);
	if (m->url)
		field(&b, "url", m->url);
	if (m->edited)
		field(&b, "edited", m->edited);
	if (m->site)
		field(&b, "site", m->site);
	if (m->author)
		field(&b, "author", m->author);
	pxi_buf_printf(&b, "  %zu paragraphs, %zu sentences, %zu tokens, "
	               "%zu residue spans\n", a->paras.n, a->sents.n,
	               a->toks.n, a->residue.n);
	lang_view(&b, a);
	if (a->residue.n)
		pxi_buf_addz(&b, "residue (left out of analysis):\n");
	for (i = 0; i < a->residue.n; i++) {
		pxi_buf_printf(&b, "  [%zu-%zu] %s: ", rs[i].span.start,
		               rs[i].span.end, rs[i].reason);
		quoted(&b, a, rs[i].span, 70);
		pxi_buf_add(&b, "\n", 1);
	}
	who(&b, a);
	tone_view(&b, a);
	markers_view(&b, a);
	insights_view(&b, a);
	pxi_buf_addz(&b, "sentences:\n");
	for (i = 0; i < a->sents.n; i++) {
		if (ss[i].residue)
			continue;
		pxi_buf_printf(&b, "  [%zu-%zu]%s ", ss[i].span.start,
		               ss[i].span.end, ss[i].heading ? " (heading)" : "");
		quoted(&b, a, ss[i].span, 160);
		pxi_buf_add(&b, "\n", 1);
	}
	if (b.failed) {
		pxi_buf_free(&b);
		return PX_ENOMEM;
	}
	*out = b.p;
	if (len)
		*len = b.len;
	return PX_OK;
}
