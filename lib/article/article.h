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

struct px_article {
	pxi_arena ar;
	const char *orig; /* copy of the original bytes */
	size_t orig_len;
	pxi_norm norm;    /* normalized text the stages read */
	size_t body;      /* norm offset where the body starts */
	px_meta meta;     /* title_span and body in norm until finalized */
	pxi_vec paras;    /* px_paragraph */
	pxi_vec toks;     /* px_token */
	pxi_vec sents;    /* px_sentence */
	pxi_vec residue;  /* px_residue */
};

/* Stage entry points, in pipeline order. Each returns PX_OK or PX_ENOMEM. */
px_status pxi_read_front(px_article *a, unsigned flags); /* read/ */
px_status pxi_text_segment(px_article *a);               /* text/ */
px_status pxi_residue_find(px_article *a);               /* residue/ */

#endif /* PX_ARTICLE_H */
