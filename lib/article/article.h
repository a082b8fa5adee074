/*
 * article.h - the article as every stage sees it while it is analyzed.
 *
 * Stages run in order over the normalized text (norm): read (front matter
 * and title), text (paragraphs, tokens, sentences), residue. While they
 * run, every span is an offset into norm; the last step maps them all to
 * the original bytes, which is what the public API reports.
 */
#ifndef PX_ARTICLE_H
#define PX_ARTICLE_H

#include "../core/core.h"

/* A non-blank line of the body, trimmed, in norm offsets: text/ finds
 * the lines for paragraphs and keeps them for residue/ to read again. */
typedef struct pxi_line {
	size_t s, e;
	size_t skip;      /* length of the list marker when bullet */
	int bullet;       /* pxi_is_bullet() holds (a lone marker too) */
	int blank_before; /* a blank line (or the body start) comes before */
} pxi_line;

struct px_article {
	pxi_arena ar;      /* results: everything the finished article keeps */
	/* Stage scratch (work buffers, lookup tables, per-token flags):
	 * valid only while the pipeline runs, freed whole before the article
	 * is returned, so a finished article holds only its results. */
	pxi_arena scratch;
	const char *orig; /* copy of the original bytes */
	size_t orig_len;
	pxi_norm norm;    /* normalized text the stages read */
	size_t body;      /* norm offset where the body starts */
	px_meta meta;     /* title_span and body in norm until finalized */
	pxi_vec lines;    /* pxi_line: the body's lines, from text/ (scratch) */
	pxi_vec paras;    /* px_paragraph */
	pxi_vec toks;     /* px_token */
	pxi_vec sents;    /* px_sentence */
	pxi_vec residue;  /* px_residue */
	pxi_vec mentions; /* px_mention */
	pxi_vec entities; /* px_entity */
	pxi_vec quotes;   /* px_quote */
	pxi_vec terms;    /* px_term */
	pxi_vec amounts;  /* px_amount */
	pxi_vec dates;    /* px_date */
	pxi_vec highlights; /* px_highlight (brief/, original offsets) */
	pxi_vec insights;   /* px_insight (brief/) */
	const struct pxi_page *page; /* html/: the page it came from, or NULL */
	struct pxi_tone *tone;       /* tone/: scores and reasons, or NULL */
	px_lang lang;                /* lang/: when stages has PX_STAGE_LANG */
	unsigned stages;             /* PX_STAGE_*: the stages that ran */
};

/* Stage entry points, in pipeline order. Each returns PX_OK or PX_ENOMEM. */
px_status pxi_read_front(px_article *a, unsigned flags); /* read/ */
px_status pxi_text_segment(px_article *a);               /* text/ */
px_status pxi_residue_find(px_article *a);               /* residue/ */
px_status pxi_lang_find(px_article *a, const px_langid *li); /* lang/ */
/* lang/: under this many bytes of text a verdict is never firm: one
 * sentence of English can score closer to Danish or Catalan. */
#define PXI_LANG_FIRM_BYTES 200
px_status pxi_entity_find(px_article *a);                /* entity/ */
px_status pxi_quote_find(px_article *a);                 /* quote/ */
px_status pxi_amount_find(px_article *a);                /* amount/ */
px_status pxi_tone_find(px_article *a);                  /* tone/ */
/* brief/: highlights and key insights; runs last, on original offsets. */
px_status pxi_insight_find(px_article *a);
/* tone/: map the tone's spans to the original bytes (from finalize). */
void pxi_tone_finalize(px_article *a);

/* Helpers every stage uses: the bytes of token i (norm offsets). */
static inline const char *pxi_tok_text(const px_article *a, size_t i,
                                       size_t *n)
{
	const px_token *t = (const px_token *)a->toks.a + i;

	*n = t->end - t->start;
	return a->norm.text + t->start;
}

#endif /* PX_ARTICLE_H */
