/*
 * sentence.c - sentence boundaries on news text.
 *
 * A sentence ends at '.', '!', '?' or an ellipsis, with any closing quote
 * marks and brackets after it, when the next token can start a sentence
 * (not a lower-case word, not a comma). Abbreviations decide by kind:
 * titles (Sen., Gen., Dr.) never end a sentence; initials (Donald J.
 * Trump) and dotted abbreviations (U.S., D-W.Va., Inc.) end one only when
 * a word that usually opens a sentence follows ("in the U.S. The ...").
 */
#include <string.h>

#include "lexicon.h"
#include "text_int.h"


/* Words that open sentences far more often than they follow a name. */

static int is_char(const px_article *a, const px_token *t, char ch)
{
	return t->end - t->start == 1 && a->norm.text[t->start] == ch;
}

static int is_closer(const px_article *a, const px_token *t)
{
	if (t->kind == PX_TOK_QUOTE)
		return (t->flags & PX_TF_CLOSE) != 0;
	return is_char(a, t, ')') || is_char(a, t, ']');
}

/* Can token t start a sentence? */
static int can_open(const px_article *a, const px_token *t)
{
	switch (t->kind) {
	case PX_TOK_WORD:
		return (t->flags & PX_TF_CAP) != 0;
	case PX_TOK_NUMBER:
	case PX_TOK_URL:
	case PX_TOK_HASHTAG:
		return 1;
	case PX_TOK_QUOTE:
		return (t->flags & PX_TF_OPEN) != 0;
	case PX_TOK_PUNCT:
		return is_char(a, t, '(') || is_char(a, t, '[');
	default:
		return 1;
	}
}

static int is_opener_word(const px_article *a, const px_token *t)
{
	return t->kind == PX_TOK_WORD && (t->flags & PX_TF_CAP) &&
	       PXI_LEX(opener, a->norm.text + t->start, t->end - t->start);
}

/* Does the abbreviation token t end the sentence, given next token nt? */
static int abbr_ends(const px_article *a, const px_token *t,
                     const px_token *nt)
{
	const char *p = a->norm.text + t->start;
	size_t n = t->end - t->start - 1; /* without the stop */

	if (PXI_LEX(title, p, n))
		return 0;
	if (nt->kind == PX_TOK_QUOTE && (nt->flags & PX_TF_OPEN))
		return 1;
	return is_opener_word(a, nt);
}

static px_status add_sentence(px_article *a, size_t first, size_t last,
                              size_t para, int heading)
{
	const px_token *tk = a->toks.a;
	px_sentence *s = pxi_vec_push(&a->ar, &a->sents);

	if (!s)
		return PX_ENOMEM;
	s->span.start = tk[first].start;
	s->span.end = tk[last].end;
	s->tok_first = first;
	s->tok_count = last - first + 1;
	s->para = para;
	s->heading = heading;
	s->residue = 0;
	return PX_OK;
}

/*
 * The tokenizer lists the tokens that may end a sentence (breaks): an
 * abbreviation with its stop, or terminal punctuation (a full stop, '!',
 * '?', an ellipsis). Only those are looked at; the closers a break takes
 * along are never breaks themselves.
 */
px_status pxi_sentences(px_article *a, size_t first, size_t count,
                        size_t para, int heading, const uint32_t *breaks,
                        size_t nbreaks)
{
	const px_token *tk = a->toks.a;
	size_t end = first + count, s = first, bi;
	px_status rc;

	if (!count)
		return PX_OK;
	if (heading)
		return add_sentence(a, first, end - 1, para, 1);
	for (bi = 0; bi < nbreaks; bi++) {
		size_t i = breaks[bi], j = i;
		const px_token *t = &tk[i];
		int brk;

		if (t->kind == PX_TOK_WORD && (t->flags & PX_TF_ABBR)) {
			if (i + 1 >= end)
				continue;
			brk = abbr_ends(a, t, &tk[i + 1]);
		} else {
			while (j + 1 < end && is_closer(a, &tk[j + 1]))
				j++;
			if (j + 1 >= end)
				continue;
			brk = can_open(a, &tk[j + 1]);
			/* "Why?" he asked. / “Nonsense!” said X. */
			if (brk && j > i && tk[j + 1].kind == PX_TOK_WORD &&
			    !(tk[j + 1].flags & PX_TF_CAP))
				brk = 0;
		}
		if (!brk)
			continue;
		rc = add_sentence(a, s, j, para, 0);
		if (rc)
			return rc;
		s = j + 1;
	}
	if (s < end)
		return add_sentence(a, s, end - 1, para, 0);
	return PX_OK;
}
