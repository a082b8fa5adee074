/*
 * brief.c - a story brief as text, Markdown or one self-contained HTML
 * page (JSON: brief_json.c). One renderer walks the brief; the format
 * only changes headings, escaping and how evidence is shown: "[L @s-e]"
 * (article label, byte offsets) in text and Markdown, and in HTML a
 * <details> element that opens on the sentence with the passage marked.
 * All article text in HTML is escaped; the page loads nothing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/core.h"
#include "../brief/brief_int.h"
#include "emit_int.h"

#define QUOTE_MAX 160
#define SENTENCE_MAX 220
#define ACTORS_MAX 25
#define MARKERS_MAX 6

typedef struct wr {
	pxi_buf *b;
	px_brief_format fmt;
	const px_brief *br;
	const px_article *const *arts;
	char **labels;
} wr;

static void raw(wr *w, const char *z)
{
	pxi_buf_addz(w->b, z);
}

/* Text escaped for the format; white space folded; cut at max bytes
 * (0: no cut) without splitting a UTF-8 sequence. */
static void esc_n(wr *w, const char *p, size_t n, size_t max)
{
	size_t i;
	int sp = 0, cut = max && n > max;

	if (cut) {
		n = max;
		while (n && ((unsigned char)p[n] & 0xC0) == 0x80)
			n--;
	}
	for (i = 0; i < n; i++) {
		char c = p[i];

		if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
			if (!sp)
				pxi_buf_add(w->b, " ", 1);
			sp = 1;
			continue;
		}
		sp = 0;
		if (w->fmt == PX_BRIEF_HTML && (c == '<' || c == '>' ||
		                                c == '&' || c == '"' ||
		                                c == '\'')) {
			raw(w, c == '<' ? "&lt;" : c == '>' ? "&gt;" :
			    c == '&' ? "&amp;" : c == '"' ? "&quot;" : "&#39;");
			continue;
		}
		if (w->fmt == PX_BRIEF_MD && (c == '*' || c == '_' ||
		                              c == '`' || c == '[' ||
		                              c == ']' || c == '<' ||
		                              c == '\\' || c == '|'))
			pxi_buf_add(w->b, "\\", 1);
		pxi_buf_add(w->b, &c, 1);
	}
	if (cut)
		raw(w, "...");
}

static void esc(wr *w, const char *z)
{
	if (z)
		esc_n(w, z, strlen(z), 0);
}

static const char *text_of(const wr *w, size_t art, size_t *len)
{
	return px_article_text(w->arts[art], len);
}

/* The span's text, quoted. */
static void says(wr *w, px_ref r, size_t max)
{
	size_t len;
	const char *p = text_of(w, r.article, &len);

	if (r.span.end > len || r.span.start >= r.span.end)
		return;
	raw(w, w->fmt == PX_BRIEF_HTML ? "&ldquo;" : "\"");
	esc_n(w, p + r.span.start, r.span.end - r.span.start, max);
	raw(w, w->fmt == PX_BRIEF_HTML ? "&rdquo;" : "\"");
}

/* The sentences around span s: from the start of the one it starts in to
 * the end of the one it ends in (s itself when it is in none). */
static px_span sentence_around(const px_article *a, px_span s)
{
	size_t n;
	const px_sentence *ss = px_article_sentences(a, &n);
	size_t first = pxi_sentence_at(a, s.start);
	size_t last = pxi_sentence_at(a, s.end > s.start ? s.end - 1
	                                                   : s.start);
	px_span out = s;

	if (first < n && ss[first].span.start < out.start)
		out.start = ss[first].span.start;
	if (last < n && ss[last].span.end > out.end)
		out.end = ss[last].span.end;
	return out;
}

/* Evidence: where in which article. */
static void cite(wr *w, px_ref r)
{
	char z[96];

	snprintf(z, sizeof(z), "[%s @%zu-%zu]", w->labels[r.article],
	         r.span.start, r.span.end);
	if (w->fmt != PX_BRIEF_HTML) {
		raw(w, w->fmt == PX_BRIEF_MD ? "`" : "");
		raw(w, z);
		raw(w, w->fmt == PX_BRIEF_MD ? "`" : "");
		return;
	}
	{
		size_t len;
		const char *p = text_of(w, r.article, &len);
		px_span ctx = sentence_around(w->arts[r.article], r.span);

		raw(w, "<details><summary>");
		esc(w, z);
		raw(w, "</summary><blockquote>");
		if (r.span.end <= len && ctx.start <= r.span.start &&
		    ctx.end >= r.span.end) {
			esc_n(w, p + ctx.start, r.span.start - ctx.start, 0);
			raw(w, "<mark>");
			esc_n(w, p + r.span.start, r.span.end - r.span.start, 0);
			raw(w, "</mark>");
			esc_n(w, p + r.span.end, ctx.end - r.span.end, 0);
		}
		raw(w, "</blockquote></details>");
	}
}

static void section(wr *w, const char *title)
{
	switch (w->fmt) {
	case PX_BRIEF_HTML:
		raw(w, "<h3>");
		esc(w, title);
		raw(w, "</h3>\n");
		break;
	case PX_BRIEF_MD:
		raw(w, "\n### ");
		raw(w, title);
		raw(w, "\n\n");
		break;
	default:
		raw(w, "\n");
		raw(w, title);
		raw(w, "\n");
	}
}

static void item(wr *w)
{
	raw(w, w->fmt == PX_BRIEF_HTML ? "<p>" : w->fmt == PX_BRIEF_MD
	                                         ? "- " : "  - ");
}

static void sub(wr *w)
{
	raw(w, w->fmt == PX_BRIEF_HTML ? "<br>&nbsp;&nbsp;" :
	       w->fmt == PX_BRIEF_MD ? "\n  " : "\n      ");
}

static void end_item(wr *w)
{
	raw(w, w->fmt == PX_BRIEF_HTML ? "</p>\n" : "\n");
}

static void plain(wr *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void plain(wr *w, const char *fmt, ...)
{
	char z[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(z, sizeof(z), fmt, ap);
	va_end(ap);
	esc(w, z);
}

/* ---- Sections ------------------------------------------------------------- */

static void head(wr *w, size_t story)
{
	const px_brief_info *in = px_brief_info_of(w->br);
	size_t na = in->articles, i;

	if (w->fmt == PX_BRIEF_HTML)
		raw(w, "<section class=\"story\">\n<h2>");
	else if (w->fmt == PX_BRIEF_MD)
		raw(w, "\n## ");
	else
		raw(w, "=======================================================\n");
	plain(w, "STORY %zu  ", story);
	if (in->title_text)
		esc_n(w, in->title_text, strlen(in->title_text), 200);
	else
		raw(w, "(no title)");
	raw(w, w->fmt == PX_BRIEF_HTML ? "</h2>\n<p>" :
	       w->fmt == PX_BRIEF_MD ? "\n\n" : "\n  ");
	plain(w, "%zu article%s, %zu independent source%s", na,
	      na == 1 ? "" : "s", in->sources, in->sources == 1 ? "" : "s");
	if (in->first_date)
		plain(w, ", dated %s .. %s", in->first_date, in->last_date);
	if (in->undated)
		plain(w, " (%zu undated)", in->undated);
	raw(w, w->fmt == PX_BRIEF_HTML ? "</p>\n" : "\n");
	section(w, "ARTICLES");
	for (i = 0; i < na; i++) {
		const px_meta *m = px_article_meta(w->arts[i]);
		const px_brief_source *s = px_brief_sources(w->br, NULL) + i;

		item(w);
		plain(w, "[%s] %s", w->labels[i], m->input ? m->input : "");
		plain(w, "  source: %s", m->source ? m->source : "(none)");
		plain(w, " (source %zu)", s->unit + 1);
		if (m->published)
			plain(w, "  published: %s", m->published);
		if (m->title) {
			raw(w, "  ");
			raw(w, w->fmt == PX_BRIEF_HTML ? "&ldquo;" : "\"");
			esc_n(w, m->title, strlen(m->title), 120);
			raw(w, w->fmt == PX_BRIEF_HTML ? "&rdquo;" : "\"");
		}
		end_item(w);
	}
}

static void points(wr *w)
{
	size_t n, i, k;
	const px_brief_point *p = px_brief_points(w->br, &n);
	const px_brief_info *in = px_brief_info_of(w->br);

	section(w, "HIGHLIGHTS (sentences from the articles; sources "
	           "carrying each point)");
	if (!n) {
		item(w);
		raw(w, "none: no sentence long enough to carry a point");
		end_item(w);
	}
	for (i = 0; i < n; i++) {
		item(w);
		says(w, p[i].sentence, SENTENCE_MAX);
		plain(w, "  %zu/%zu  ", p[i].sources, in->sources);
		cite(w, p[i].sentence);
		if (p[i].nsupport) {
			sub(w);
			raw(w, "also: ");
			for (k = 0; k < p[i].nsupport; k++) {
				if (k)
					raw(w, " ");
				cite(w, p[i].support[k]);
			}
		}
		end_item(w);
	}
}

static void speaker(wr *w, const px_brief_quote *q)
{
	size_t na;
	const px_brief_actor *a = px_brief_actors(w->br, &na);

	if (q->speaker_kind == PX_SPEAKER_NAMED && q->actor < na) {
		esc(w, a[q->actor].name);
		if (q->role.span.end > q->role.span.start) {
			size_t len;
			const char *p = text_of(w, q->role.article, &len);

			raw(w, " (");
			esc_n(w, p + q->role.span.start,
			      q->role.span.end - q->role.span.start, 80);
			raw(w, ")");
		}
		return;
	}
	raw(w, q->speaker_kind == PX_SPEAKER_ANONYMOUS ? "anonymous"
	                                                : "unresolved");
	if (q->speaker.span.end > q->speaker.span.start) {
		raw(w, " (");
		says(w, q->speaker, 80);
		raw(w, ")");
	}
}

/* The words of a quote without the punctuation the article closes it
 * with ("fair and final," and "fair and final" are one quote). */
static const char *quote_words(const wr *w, px_ref r, size_t *n)
{
	size_t len;
	const char *p = text_of(w, r.article, &len);

	*n = r.span.end - r.span.start;
	while (*n && strchr(",.;: ", p[r.span.start + *n - 1]))
		(*n)--;
	return p + r.span.start;
}

static int same_quote(const wr *w, const px_brief_quote *a,
                      const px_brief_quote *b)
{
	size_t na, nb;
	const char *pa, *pb;

	if (a->actor != b->actor || a->speaker_kind != b->speaker_kind ||
	    a->kind != b->kind)
		return 0;
	pa = quote_words(w, a->words, &na);
	pb = quote_words(w, b->words, &nb);
	return na == nb && !memcmp(pa, pb, na);
}

static void quotes(wr *w)
{
	size_t n, i, k, na, nsrc, any = 0;
	const px_brief_quote *q = px_brief_quotes(w->br, &n);
	const px_brief_source *s = px_brief_sources(w->br, &nsrc);

	px_brief_actors(w->br, &na);
	section(w, "WHO SAID WHAT (direct quotes by speaker)");
	/* named speakers, grouped by actor in actor order */
	for (k = 0; k <= na; k++)
		for (i = 0; i < n; i++) {
			size_t who = q[i].speaker_kind == PX_SPEAKER_NAMED &&
			             q[i].actor < na ? q[i].actor : na;

			size_t x;
			int again = 0;

			if (q[i].kind != PX_QUOTE_DIRECT || who != k)
				continue;
			/* one line for a quote several articles carry */
			for (x = 0; x < i && !again; x++)
				again = same_quote(w, &q[x], &q[i]);
			if (again)
				continue;
			item(w);
			speaker(w, &q[i]);
			raw(w, "  ");
			says(w, q[i].words, QUOTE_MAX);
			raw(w, "  ");
			cite(w, q[i].words);
			for (x = i + 1; x < n; x++)
				if (same_quote(w, &q[i], &q[x])) {
					raw(w, " ");
					cite(w, q[x].words);
				}
			end_item(w);
			any++;
		}
	if (!any) {
		item(w);
		raw(w, "no direct quotes");
		end_item(w);
	}
	section(w, "REPORTED, NOT QUOTED");
	for (i = 0, any = 0; i < n; i++) {
		if (q[i].kind != PX_QUOTE_REPORTED)
			continue;
		item(w);
		speaker(w, &q[i]);
		if (q[i].verb.span.end > q[i].verb.span.start) {
			size_t len;
			const char *p = text_of(w, q[i].verb.article, &len);

			raw(w, " ");
			esc_n(w, p + q[i].verb.span.start,
			      q[i].verb.span.end - q[i].verb.span.start, 40);
		}
		raw(w, ": ");
		says(w, q[i].words, QUOTE_MAX);
		raw(w, "  ");
		cite(w, q[i].words);
		end_item(w);
		any++;
	}
	if (!any) {
		item(w);
		raw(w, "none");
		end_item(w);
	}
	section(w, "ANONYMOUS AND UNRESOLVED SOURCES PER ARTICLE");
	for (i = 0, any = 0; i < nsrc; i++) {
		if (!s[i].anonymous && !s[i].unresolved)
			continue;
		item(w);
		plain(w, "[%s] %zu anonymous, %zu with no clear speaker",
		      w->labels[s[i].article], s[i].anonymous, s[i].unresolved);
		end_item(w);
		any++;
	}
	if (!any) {
		item(w);
		raw(w, "none");
		end_item(w);
	}
}

/* Is an actor worth a line: named twice, quoted, or with a cue? */
static int shown(const px_brief *br, size_t k)
{
	size_t nq, i, na;
	const px_brief_actor *a = px_brief_actors(br, &na);
	const px_brief_quote *q = px_brief_quotes(br, &nq);

	if (a[k].mentions >= 2 || a[k].ncues || a[k].nvariants > 1)
		return 1;
	for (i = 0; i < nq; i++)
		if (q[i].actor == k)
			return 1;
	return 0;
}

/* An actor's cues, those on the question first; at most four. */
static void cue_line(wr *w, const px_brief_actor *a)
{
	size_t i, shown_n = 0;
	int pass;

	sub(w);
	raw(w, "cues: ");
	for (pass = 1; pass >= 0; pass--)
		for (i = 0; i < a->ncues && shown_n < 4; i++) {
			const px_stance_cue *c = &a->cues[i];

			if ((c->on_question != 0) != pass)
				continue;
			if (shown_n++)
				raw(w, "; ");
			plain(w, "%s%s%s ", px_stance_name(c->stance),
			      c->quoted ? " (own words)" : "",
			      c->on_question ? "" : " (aside from the question)");
			says(w, c->cue, 40);
			raw(w, " ");
			cite(w, c->sentence);
		}
	if (a->ncues > 4)
		plain(w, "; and %zu more", a->ncues - 4);
}

static void actors(wr *w)
{
	size_t na, k, i, lines = 0;
	const px_brief_actor *a = px_brief_actors(w->br, &na);
	const px_ref *q = &px_brief_info_of(w->br)->question;

	section(w, "ACTORS AND STANCE CUES (what each says or does)");
	if (q->span.end > q->span.start) {
		item(w);
		raw(w, "stances are read toward the story's question: ");
		says(w, *q, 160);
		raw(w, " ");
		cite(w, *q);
		end_item(w);
	}
	for (k = 0; k < na && lines < ACTORS_MAX; k++) {
		if (!shown(w->br, k))
			continue;
		lines++;
		item(w);
		esc(w, a[k].name);
		plain(w, " (%s; %zu article%s, %zu mention%s)  ",
		      px_entity_type_name(a[k].type), a[k].articles,
		      a[k].articles == 1 ? "" : "s", a[k].mentions,
		      a[k].mentions == 1 ? "" : "s");
		plain(w, "%s", px_stance_name(a[k].stance));
		if (a[k].ncues)
			cue_line(w, &a[k]);
		if (a[k].nvariants > 1) {
			sub(w);
			raw(w, "spellings merged: ");
			for (i = 0; i < a[k].nvariants; i++) {
				if (i)
					raw(w, " = ");
				esc(w, a[k].variants[i]);
			}
			plain(w, " (confidence %.2f: ", a[k].confidence);
			esc_n(w, a[k].merge_evidence,
			      strlen(a[k].merge_evidence), 300);
			raw(w, ")");
		}
		if (a[k].ntitles) {
			sub(w);
			raw(w, "titles: ");
			for (i = 0; i < a[k].ntitles; i++) {
				if (i)
					raw(w, "; ");
				says(w, a[k].titles[i], 80);
				raw(w, " ");
				cite(w, a[k].titles[i]);
			}
		}
		end_item(w);
	}
}

static void disputes(wr *w)
{
	size_t n, i, k;
	const px_dispute *d = px_brief_disputes(w->br, &n);

	section(w, "WHERE THE SOURCES DISAGREE");
	if (!n) {
		item(w);
		raw(w, "no differing amounts, titles or dates found");
		end_item(w);
	}
	for (i = 0; i < n; i++) {
		item(w);
		if (d[i].kind == PX_DISPUTE_AMOUNT)
			plain(w, "how many (%s): ", d[i].about);
		else if (d[i].kind == PX_DISPUTE_DATE)
			plain(w, "when: ");
		else
			plain(w, "titles of %s: ", d[i].about);
		for (k = 0; k < d[i].nclaims; k++) {
			if (k)
				raw(w, w->fmt == PX_BRIEF_HTML ? " &middot; "
				                               : " / ");
			says(w, d[i].claims[k], 80);
			raw(w, " ");
			cite(w, d[i].claims[k]);
		}
		sub(w);
		plain(w, "rule: %s", d[i].rule);
		end_item(w);
	}
}

/* The residue a source carries, as a sub-line; nothing when none. */
static void residue_line(wr *w, const px_brief_source *s)
{
	size_t k;

	if (!s->nresidue)
		return;
	sub(w);
	raw(w, "residue (left out of the analysis): ");
	for (k = 0; k < s->nresidue; k++) {
		px_ref r;

		if (k == MARKERS_MAX) {
			plain(w, "; and %zu more", s->nresidue - k);
			break;
		}
		if (k)
			raw(w, "; ");
		r.article = s->article;
		r.span = s->residue[k].span;
		esc(w, s->residue[k].reason);
		raw(w, " ");
		cite(w, r);
	}
}

static void sources(wr *w)
{
	size_t n, i, k, shown_n;
	const px_brief_source *s = px_brief_sources(w->br, &n);

	section(w, "HOW EACH SOURCE TELLS IT");
	for (i = 0; i < n; i++) {
		item(w);
		if (!s[i].read) {
			plain(w, "[%s] %s  in %s: tone, quotes and framing not "
			      "read (Parallax reads them in English)",
			      w->labels[s[i].article],
			      s[i].source ? s[i].source : "",
			      s[i].lang && s[i].lang->name ? s[i].lang->name
			                                   : "another language");
			residue_line(w, &s[i]);
			end_item(w);
			continue;
		}
		plain(w, "[%s] %s  tone %+.1f in its own voice "
		      "(positive %.1f, negative %.1f, %zu words)",
		      w->labels[s[i].article], s[i].source ? s[i].source : "",
		      s[i].tone.tone, s[i].tone.positive, s[i].tone.negative,
		      s[i].tone.words);
		sub(w);
		plain(w, "sourcing: %zu named quote%s, %zu anonymous, "
		      "%zu unresolved, %zu reported", s[i].named,
		      s[i].named == 1 ? "" : "s", s[i].anonymous,
		      s[i].unresolved, s[i].reported);
		for (k = 0, shown_n = 0; k < s[i].nmarkers; k++) {
			const px_marker *m = &s[i].markers[k];
			px_ref r;

			if (m->kind == PX_MARK_INJECTED_LINK ||
			    m->kind == PX_MARK_DUPLICATE_HEADLINE)
				continue;
			if (shown_n == MARKERS_MAX) {
				plain(w, "; ...");
				break;
			}
			if (!shown_n) {
				sub(w);
				raw(w, "framing: ");
			} else {
				raw(w, "; ");
			}
			r.article = s[i].article;
			r.span = m->span;
			plain(w, "%s ", px_marker_kind_name(m->kind));
			says(w, r, 60);
			raw(w, " ");
			cite(w, r);
			shown_n++;
		}
		residue_line(w, &s[i]);
		end_item(w);
	}
}

static void copies(wr *w)
{
	size_t n, i, k;
	const px_near_copy *c = px_brief_copies(w->br, &n);

	section(w, "NEAR-COPIES");
	if (!n) {
		item(w);
		raw(w, "none among these articles");
		end_item(w);
	}
	for (i = 0; i < n; i++) {
		item(w);
		plain(w, "[%s] ~ [%s]: shingle Jaccard %.2f; ", w->labels[c[i].a],
		      w->labels[c[i].b], c[i].jaccard);
		if (c[i].source == SIZE_MAX)
			plain(w, "which copies which: dates do not tell");
		else
			plain(w, "[%s] published first",
			      w->labels[c[i].source]);
		for (k = 0; k < c[i].npassages && k < 3; k++) {
			px_ref ra, rb;

			ra.article = c[i].a;
			ra.span = c[i].passages[k].a;
			rb.article = c[i].b;
			rb.span = c[i].passages[k].b;
			sub(w);
			raw(w, "shared: ");
			says(w, ra, 100);
			raw(w, " ");
			cite(w, ra);
			raw(w, " = ");
			cite(w, rb);
		}
		end_item(w);
	}
}

static const char html_head[] =
	"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
	"<title>Parallax brief</title>\n<style>\n"
	"body{font:15px/1.45 system-ui,sans-serif;max-width:70em;"
	"margin:1em auto;padding:0 1em;color:#222}\n"
	"h2{border-top:3px solid #444;padding-top:.5em}\n"
	"h3{margin:1.2em 0 .3em;font-size:1em;letter-spacing:.05em}\n"
	"p{margin:.25em 0 .25em 1em}\n"
	"details{display:inline}summary{display:inline;cursor:pointer;"
	"color:#2a5db0;font-size:.85em}\n"
	"details[open]{display:block;margin:.2em 0 .4em 1em}\n"
	"blockquote{margin:.2em 0;padding:.3em .6em;background:#f4f4f0;"
	"border-left:3px solid #bbb}\nmark{background:#ffe58a}\n"
	"</style></head><body>\n<h1>Parallax brief</h1>\n"
	"<p>Every line cites its article and byte offsets; click a citation "
	"to read the passage.</p>\n";

/* Short labels for the articles: the file name's part before the first
 * '_' when that is unique, else the whole file name. */
static char **make_labels(const px_article *const *arts, size_t n)
{
	char **l = calloc(n + 1, sizeof(*l));
	size_t i, j;
	int unique = 1;

	if (!l)
		return NULL;
	for (i = 0; i < n; i++) {
		const px_meta *m = px_article_meta(arts[i]);
		const char *z = m->input ? m->input : m->id ? m->id : "";
		const char *base = strrchr(z, '/');
		size_t len;

		base = base ? base + 1 : z;
		len = strcspn(base, "_");
		if (len == 0 || len > 12)
			unique = 0;
		l[i] = strndup(base, len ? len : strlen(base));
		if (!l[i])
			goto oom;
	}
	for (i = 0; i < n && unique; i++)
		for (j = i + 1; j < n && unique; j++)
			unique = strcmp(l[i], l[j]) != 0;
	if (unique)
		return l;
	for (i = 0; i < n; i++) {
		char z[32];

		free(l[i]);
		snprintf(z, sizeof(z), "%zu", i + 1);
		l[i] = strdup(z);
		if (!l[i])
			goto oom;
	}
	return l;
oom:
	for (i = 0; i < n; i++)
		free(l[i]);
	free(l);
	return NULL;
}

px_status px_brief_render(const px_brief *br,
                          const px_article *const *arts,
                          px_brief_format fmt, size_t story, unsigned parts,
                          char **out, size_t *len)
{
	wr w;
	pxi_buf b;
	size_t i, n;

	if (!out)
		return PX_EINVAL;
	*out = NULL;
	if (!br || !arts)
		return PX_EINVAL;
	if (fmt == PX_BRIEF_JSON)
		return pxi_brief_json(br, arts, story, out, len);
	if (fmt != PX_BRIEF_TEXT && fmt != PX_BRIEF_MD && fmt != PX_BRIEF_HTML)
		return PX_EINVAL;
	n = px_brief_info_of(br)->articles;
	pxi_buf_init(&b, 0);
	memset(&w, 0, sizeof(w));
	w.b = &b;
	w.fmt = fmt;
	w.br = br;
	w.arts = arts;
	w.labels = make_labels(arts, n);
	if (!w.labels)
		return PX_ENOMEM;
	if (fmt == PX_BRIEF_HTML && (parts & PX_BRIEF_PAGE_START))
		raw(&w, html_head);
	head(&w, story);
	points(&w);
	quotes(&w);
	actors(&w);
	disputes(&w);
	sources(&w);
	copies(&w);
	if (fmt == PX_BRIEF_HTML)
		raw(&w, "</section>\n");
	if (fmt == PX_BRIEF_HTML && (parts & PX_BRIEF_PAGE_END))
		raw(&w, "</body></html>\n");
	for (i = 0; i < n; i++)
		free(w.labels[i]);
	free(w.labels);
	if (b.failed || !b.p) {
		pxi_buf_free(&b);
		return PX_ENOMEM;
	}
	*out = b.p;
	if (len)
		*len = b.len;
	return PX_OK;
}

px_status px_brief_format_to(const px_brief *br,
                             const px_article *const *arts,
                             px_brief_format fmt, char **out, size_t *len)
{
	return px_brief_render(br, arts, fmt, 1,
	                       PX_BRIEF_PAGE_START | PX_BRIEF_PAGE_END, out,
	                       len);
}
