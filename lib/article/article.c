/*
 * article.c - the pipeline: check the bytes, read what stands before the
 * body, normalize, segment, find residue, then map every span back to the
 * original bytes. Also the public accessors.
 */
#include <stdio.h>
#include <string.h>

#include "article.h"

#define MAX_ITEMS ((size_t)1 << 28)

/* Arena sizes expected for an article of len bytes (article_new()):
 * base + len * per_byte, fitted on the bench corpus so that nine
 * articles in ten take one block. The scratch's base is mostly tables
 * of fixed size (the tagger's work, tone's word memo). */
#define RESULT_BASE ((size_t)8 << 10)
#define RESULT_PER_BYTE 20
#define SCRATCH_BASE ((size_t)128 << 10)
#define SCRATCH_PER_BYTE 16

static size_t expected(size_t base, size_t per_byte, size_t len)
{
	return len > (SIZE_MAX - base) / per_byte ? 0 : base + len * per_byte;
}

/* A new article for len bytes of text. */
static px_article *article_new(const px_options *opts, size_t len)
{
	const px_allocator *alc = opts ? opts->alc : NULL;
	px_article *a = pxi_alloc(alc, sizeof(*a));

	if (!a)
		return NULL;
	memset(a, 0, sizeof(*a));
	pxi_arena_init(&a->ar, alc);
	pxi_arena_init(&a->scratch, alc);
	/* One block each for most articles, not a chain grown page by page. */
	pxi_arena_expect(&a->ar, expected(RESULT_BASE, RESULT_PER_BYTE, len));
	pxi_arena_expect(&a->scratch, expected(SCRATCH_BASE, SCRATCH_PER_BYTE,
	                                       len));
	pxi_vec_init(&a->paras, sizeof(px_paragraph), MAX_ITEMS);
	pxi_vec_init(&a->toks, sizeof(px_token), MAX_ITEMS);
	pxi_vec_init(&a->sents, sizeof(px_sentence), MAX_ITEMS);
	pxi_vec_init(&a->residue, sizeof(px_residue), MAX_ITEMS);
	pxi_vec_init(&a->mentions, sizeof(px_mention), MAX_ITEMS);
	pxi_vec_init(&a->entities, sizeof(px_entity), MAX_ITEMS);
	pxi_vec_init(&a->quotes, sizeof(px_quote), MAX_ITEMS);
	pxi_vec_init(&a->terms, sizeof(px_term), MAX_ITEMS);
	pxi_vec_init(&a->amounts, sizeof(px_amount), MAX_ITEMS);
	pxi_vec_init(&a->dates, sizeof(px_date), MAX_ITEMS);
	pxi_vec_init(&a->highlights, sizeof(px_highlight), MAX_ITEMS);
	pxi_vec_init(&a->insights, sizeof(px_insight), MAX_ITEMS);
	return a;
}

void px_article_free(px_article *a)
{
	const px_allocator *alc;

	if (!a)
		return;
	alc = a->ar.alc;
	pxi_arena_free(&a->scratch);
	pxi_arena_free(&a->ar);
	pxi_free(alc, a);
}

static size_t max_bytes(const px_options *opts)
{
	size_t m = opts && opts->max_bytes ? opts->max_bytes
	                                   : PX_DEFAULT_MAX_BYTES;

	return m > UINT32_MAX ? UINT32_MAX : m;
}

/* Check the bytes: not empty, not too big, UTF-8 without NUL. */
static px_status check_bytes(const char *text, size_t len, const char *name,
                             size_t line0, const px_options *opts,
                             px_error *err)
{
	size_t bad = 0, i;
	px_status rc;

	if (len > max_bytes(opts))
		return pxi_error(err, PX_ETOOBIG, name, max_bytes(opts), 0,
		                 "article of %zu bytes is over the cap of %zu "
		                 "bytes", len, max_bytes(opts));
	for (i = 0; i < len; i++)
		if (text[i] != ' ' && text[i] != '\n' && text[i] != '\r' &&
		    text[i] != '\t')
			break;
	if (i == len)
		return pxi_error(err, PX_EEMPTY, name, 0, 0,
		                 len ? "no text, only white space"
		                     : "empty input");
	rc = pxi_utf8_check(text, len, &bad);
	if (rc)
		return pxi_error(err, rc, name, bad,
		                 line0 + pxi_line_of(text, len, bad) - 1,
		                 rc == PX_ENUL ? "NUL byte" : "invalid UTF-8");
	return PX_OK;
}

static size_t map_off(const px_article *a, size_t off, int is_end)
{
	return pxi_norm_to_orig(&a->norm, off, is_end);
}

static void map_span(const px_article *a, px_span *s)
{
	s->start = map_off(a, s->start, 0);
	s->end = map_off(a, s->end, 1);
}

/* Map every span from the normalized text to the original bytes. */
static void finalize(px_article *a)
{
	size_t i;

	if (!a->norm.nsegs)
		return;
	map_span(a, &a->meta.title_span);
	map_span(a, &a->meta.body);
	for (i = 0; i < a->paras.n; i++)
		map_span(a, &((px_paragraph *)a->paras.a)[i].span);
	for (i = 0; i < a->sents.n; i++)
		map_span(a, &((px_sentence *)a->sents.a)[i].span);
	for (i = 0; i < a->residue.n; i++)
		map_span(a, &((px_residue *)a->residue.a)[i].span);
	for (i = 0; i < a->mentions.n; i++) {
		px_mention *m = (px_mention *)a->mentions.a + i;

		map_span(a, &m->span);
		map_span(a, &m->role_span);
	}
	for (i = 0; i < a->quotes.n; i++) {
		px_quote *q = (px_quote *)a->quotes.a + i;

		map_span(a, &q->span);
		map_span(a, &q->speaker_span);
		map_span(a, &q->verb);
	}
	for (i = 0; i < a->terms.n; i++)
		map_span(a, &((px_term *)a->terms.a)[i].span);
	for (i = 0; i < a->amounts.n; i++) {
		px_amount *m = (px_amount *)a->amounts.a + i;

		map_span(a, &m->span);
		map_span(a, &m->number);
		map_span(a, &m->object);
		map_span(a, &m->qualifier);
	}
	for (i = 0; i < a->dates.n; i++)
		map_span(a, &((px_date *)a->dates.a)[i].span);
	pxi_tone_finalize(a);
	for (i = 0; i < a->toks.n; i++) {
		px_token *t = &((px_token *)a->toks.a)[i];

		t->start = (uint32_t)map_off(a, t->start, 0);
		t->end = (uint32_t)map_off(a, t->end, 1);
	}
}

/* Whether the stages that read English run: the language is English,
 * or it was not identified (not asked, or too little text to tell, or
 * too little for a firm verdict), or English came so close a second
 * that the verdict is unsure. */
static int reads_english(const px_article *a)
{
	const px_lang *l = &a->lang;

	return !(a->stages & PX_STAGE_LANG) || !l->code ||
	       !strcmp(l->code, "en") || l->sample < PXI_LANG_FIRM_BYTES ||
	       (!l->firm && l->runner_up && !strcmp(l->runner_up, "en"));
}

static px_status run_stages(px_article *a, unsigned flags,
                            const px_langid *langid)
{
	px_status rc;

	rc = pxi_read_front(a, flags);
	if (rc)
		return rc;
	a->meta.body.start = a->body;
	a->meta.body.end = a->norm.len;
	rc = pxi_text_segment(a);
	if (rc)
		return rc;
	a->stages |= PX_STAGE_TEXT;
	rc = pxi_residue_find(a);
	if (rc)
		return rc;
	a->stages |= PX_STAGE_RESIDUE;
	if (langid) {
		rc = pxi_lang_find(a, langid);
		if (rc)
			return rc;
		a->stages |= PX_STAGE_LANG;
	}
	if (flags & PX_OPT_TEXT_ONLY) {
		finalize(a);
		return a->ar.oom ? PX_ENOMEM : PX_OK;
	}
	if (reads_english(a)) {
		rc = pxi_entity_find(a);
		if (!rc)
			rc = pxi_quote_find(a);
		a->stages |= PX_STAGE_ENTITIES | PX_STAGE_QUOTES;
	}
	/* Numbers read the same in most languages; the number words and
	 * month names it also knows are English and simply do not match. */
	if (!rc)
		rc = pxi_amount_find(a);
	a->stages |= PX_STAGE_AMOUNTS;
	if (!rc && reads_english(a)) {
		rc = pxi_tone_find(a);
		a->stages |= PX_STAGE_TONE;
	}
	if (rc)
		return rc;
	if (a->ar.oom)
		return PX_ENOMEM;
	finalize(a);
	if (!reads_english(a))
		return PX_OK;
	rc = pxi_insight_find(a);
	a->stages |= PX_STAGE_HIGHLIGHTS;
	return rc ? rc : a->ar.oom ? PX_ENOMEM : PX_OK;
}

/* Run the stages, then drop their scratch: what the finished article
 * keeps lives in a->ar alone. The stages report a failed scratch
 * allocation themselves (PX_ENOMEM). */
static px_status run_pipeline(px_article *a, unsigned flags,
                              const px_langid *langid)
{
	px_status rc = run_stages(a, flags, langid);

	pxi_arena_free(&a->scratch);
	pxi_vec_init(&a->lines, sizeof(pxi_line), 0); /* was in scratch */
	return rc;
}

/* Shared by both entry points: copy, normalize, analyze. */
static px_status analyze(const char *text, size_t len, const char *name,
                         const px_options *opts, unsigned flags,
                         px_article *a, px_error *err)
{
	char *copy;
	px_status rc;

	copy = pxi_arena_alloc(&a->ar, len + 1);
	if (!copy)
		return pxi_error(err, PX_ENOMEM, name, 0, 0, "out of memory");
	memcpy(copy, text, len);
	copy[len] = '\0';
	a->orig = copy;
	a->orig_len = len;
	if (!a->meta.input) {
		a->meta.input = pxi_arena_strndup(&a->ar, name, strlen(name));
		if (!a->meta.input)
			return pxi_error(err, PX_ENOMEM, name, 0, 0,
			                 "out of memory");
	}
	rc = pxi_normalize(&a->ar, copy, len, &a->norm);
	if (!rc)
		rc = run_pipeline(a, flags | (opts ? opts->flags : 0),
		                  opts ? opts->langid : NULL);
	if (rc)
		return pxi_error(err, rc, name, 0, 0, "%s", px_strerror(rc));
	return PX_OK;
}

px_status px_article_from_text(const char *text, size_t len,
                               const char *name, const px_options *opts,
                               px_article **out, px_error *err)
{
	px_article *a;
	px_status rc;

	if (!out)
		return PX_EINVAL;
	*out = NULL;
	if (!name)
		name = "<input>";
	if (!text && len)
		return pxi_error(err, PX_EINVAL, name, 0, 0, "no text pointer");
	rc = check_bytes(text ? text : "", len, name, 1, opts, err);
	if (rc)
		return rc;
	a = article_new(opts, len);
	if (!a)
		return pxi_error(err, PX_ENOMEM, name, 0, 0, "out of memory");
	rc = analyze(text, len, name, opts, 0, a, err);
	if (rc) {
		px_article_free(a);
		return rc;
	}
	if (!a->meta.source) {
		/* Without metadata the source is the file's name. */
		const char *slash = strrchr(name, '/');

		a->meta.source = pxi_arena_strndup(&a->ar, slash ? slash + 1
		                                           : name,
		                                   strlen(slash ? slash + 1
		                                                : name));
		a->meta.source_from = "file";
	}
	if (!a->meta.id)
		a->meta.id = a->meta.input;
	if (a->ar.oom) {
		px_article_free(a);
		return pxi_error(err, PX_ENOMEM, name, 0, 0, "out of memory");
	}
	*out = a;
	return PX_OK;
}

static px_status dup_field(px_article *a, const char **slot, const char *z)
{
	if (!z)
		return PX_OK;
	*slot = pxi_arena_strndup(&a->ar, z, strlen(z));
	return *slot ? PX_OK : PX_ENOMEM;
}

px_status px_article_from_record(const px_record *rec,
                                 const px_options *opts, px_article **out,
                                 px_error *err)
{
	const char *name;
	px_article *a;
	px_status rc;

	if (!out || !rec)
		return PX_EINVAL;
	*out = NULL;
	name = rec->input ? rec->input : "<record>";
	if (!rec->text && rec->text_len)
		return pxi_error(err, PX_EINVAL, name, 0, 0, "no text pointer");
	rc = check_bytes(rec->text ? rec->text : "", rec->text_len, name, 1,
	                 opts, err);
	if (rc)
		return rc;
	a = article_new(opts, rec->text_len);
	if (!a)
		return pxi_error(err, PX_ENOMEM, name, 0, 0, "out of memory");
	rc = dup_field(a, &a->meta.id, rec->id);
	if (!rc)
		rc = dup_field(a, &a->meta.source, rec->source);
	if (!rc)
		rc = dup_field(a, &a->meta.url, rec->url);
	if (!rc)
		rc = dup_field(a, &a->meta.published, rec->published);
	if (!rc)
		rc = dup_field(a, &a->meta.title, rec->title);
	if (!rc)
		rc = dup_field(a, &a->meta.extra_json, rec->extra_json);
	if (!rc)
		rc = dup_field(a, &a->meta.input, name);
	if (rc) {
		px_article_free(a);
		return pxi_error(err, PX_ENOMEM, name, 0, 0, "out of memory");
	}
	if (a->meta.source)
		a->meta.source_from = "record";
	/* A record's text is the body: no front matter; a title line only
	 * when the record has no title. */
	rc = analyze(rec->text ? rec->text : "", rec->text_len, name, opts,
	             PX_OPT_NO_FRONT | (rec->title ? PX_OPT_NO_TITLE : 0u),
	             a, err);
	if (!rc && !a->meta.id)
		rc = dup_field(a, &a->meta.id, name);
	if (rc) {
		px_article_free(a);
		return rc ? rc : PX_ENOMEM;
	}
	*out = a;
	return PX_OK;
}

px_status px_article_set_meta(px_article *a, const char *field,
                              const char *value)
{
	const char **slot;

	if (!a || !field || !value)
		return PX_EINVAL;
	if (!strcmp(field, "source"))
		slot = &a->meta.source;
	else if (!strcmp(field, "published"))
		slot = &a->meta.published;
	else
		return PX_EINVAL;
	*slot = NULL;
	if (dup_field(a, slot, value))
		return PX_ENOMEM;
	if (slot == &a->meta.source)
		a->meta.source_from = "flag";
	return PX_OK;
}

const char *px_article_text(const px_article *a, size_t *len)
{
	if (len)
		*len = a ? a->orig_len : 0;
	return a ? a->orig : NULL;
}

const px_meta *px_article_meta(const px_article *a)
{
	return a ? &a->meta : NULL;
}

#define GETTER(fn, type, vec)                                   \
	const type *fn(const px_article *a, size_t *n)          \
	{                                                       \
		if (n)                                          \
			*n = a ? a->vec.n : 0;                  \
		return a ? (const type *)a->vec.a : NULL;       \
	}

GETTER(px_article_paragraphs, px_paragraph, paras)
GETTER(px_article_sentences, px_sentence, sents)
GETTER(px_article_tokens, px_token, toks)
GETTER(px_article_residue, px_residue, residue)
GETTER(px_article_mentions, px_mention, mentions)
GETTER(px_article_entities, px_entity, entities)
GETTER(px_article_quotes, px_quote, quotes)
GETTER(px_article_terms, px_term, terms)
GETTER(px_article_amounts, px_amount, amounts)
GETTER(px_article_dates, px_date, dates)
GETTER(px_article_highlights, px_highlight, highlights)
GETTER(px_article_insights, px_insight, insights)

const char *px_token_kind_name(px_token_kind k)
{
	switch (k) {
	case PX_TOK_WORD: return "word";
	case PX_TOK_NUMBER: return "number";
	case PX_TOK_PUNCT: return "punct";
	case PX_TOK_QUOTE: return "quote";
	case PX_TOK_URL: return "url";
	case PX_TOK_EMAIL: return "email";
	case PX_TOK_HASHTAG: return "hashtag";
	case PX_TOK_SYMBOL: return "symbol";
	}
	return "unknown";
}
