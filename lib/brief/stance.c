/*
 * stance.c - cues of an actor's stance in a stretch of text: words of
 * rejection (reject, oppose, condemn, unacceptable ...), of support
 * (support, back, welcome, pledge ...), of taking part (send, deploy,
 * join, take part ...) and of staying out (decline, not among, no
 * plans). A negation up to three words before a cue turns support into
 * rejection and taking part into staying out; a negated rejection says
 * nothing. Inside what someone says, a word of taking part is read only
 * when negated: "deployment" there is the topic, not the act. The lists are the project's, written for news of policy
 * fights; docs/internals/BRIEF.md explains how a brief uses them.
 */
#include <string.h>

#include "../text/lexicon.h"
#include "brief_int.h"

typedef enum cue_kind { CUE_NONE, CUE_OPPOSE, CUE_SUPPORT, CUE_PART,
	                CUE_STAYOUT } cue_kind;

/* Word beginnings, each with its kind; a '$' ends a whole word. */
static const struct {
	const char *stem;
	cue_kind kind;
} cues[] = {
	{"abstain", CUE_STAYOUT},
	{"approv", CUE_SUPPORT},
	{"back$", CUE_SUPPORT},
	{"backed$", CUE_SUPPORT},
	{"backing$", CUE_SUPPORT},
	{"backs$", CUE_SUPPORT},
	{"condemn", CUE_OPPOSE},
	{"contribut", CUE_PART},
	{"criticis", CUE_OPPOSE},
	{"criticiz", CUE_OPPOSE},
	{"declin", CUE_STAYOUT},
	{"denounc", CUE_OPPOSE},
	{"deplor", CUE_OPPOSE},
	{"deploy", CUE_PART},
	{"dismiss", CUE_OPPOSE},
	{"endors", CUE_SUPPORT},
	{"favor", CUE_SUPPORT},
	{"favour", CUE_SUPPORT},
	{"join", CUE_PART},
	{"lambast", CUE_OPPOSE},
	{"oppos", CUE_OPPOSE},
	{"particip", CUE_PART},
	{"pledg", CUE_SUPPORT},
	{"prais", CUE_SUPPORT},
	{"rebuff", CUE_OPPOSE},
	{"reject", CUE_OPPOSE},
	{"refus", CUE_OPPOSE},
	{"send$", CUE_PART},
	{"sending$", CUE_PART},
	{"sends$", CUE_PART},
	{"sent$", CUE_PART},
	{"slam", CUE_OPPOSE},
	{"support", CUE_SUPPORT},
	{"unacceptab", CUE_OPPOSE},
	{"warn", CUE_OPPOSE},
	{"welcom", CUE_SUPPORT},
};

static pxi_pfx2idx cues_idx = PXI_PFX2IDX_INIT(cues, stem);

static cue_kind cue_of(const char *w, size_t n)
{
	size_t i, from, to;

	/* every stem has three letters or more */
	if (n < 3 || !pxi_pfx2_range(&cues_idx, w, n, &from, &to))
		return CUE_NONE;
	for (i = from; i < to; i++) {
		const char *z = cues[i].stem;
		size_t zn = strlen(z);
		int whole = z[zn - 1] == '$';

		if (whole)
			zn--;
		if (n < zn || memcmp(w, z, zn) || (whole && n != zn))
			continue;
		return cues[i].kind;
	}
	return CUE_NONE;
}

int pxi_cue_class(const char *w, size_t n)
{
	return (int)cue_of(w, n);
}

static int negation(const char *w, size_t n)
{
	return (n == 3 && !memcmp(w, "not", 3)) ||
	       (n == 5 && !memcmp(w, "never", 5)) ||
	       (n == 2 && !memcmp(w, "no", 2)) ||
	       (n == 6 && !memcmp(w, "cannot", 6)) ||
	       (n >= 3 && !memcmp(w + n - 3, "n't", 3)) ||
	       (n >= 5 && !memcmp(w + n - 5, "n\xe2\x80\x99t", 5));
}

/* Token i lower-cased (ASCII) into buf; its length, 0 if not a word. */
static size_t lower_word(const px_token *t, const char *text, char *buf,
                         size_t cap)
{
	size_t n = t->end - t->start, k;

	if (t->kind != PX_TOK_WORD || n >= cap)
		return 0;
	for (k = 0; k < n; k++) {
		char c = text[t->start + k];

		buf[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	buf[n] = '\0';
	return n;
}

void pxi_stance_cues(const px_article *a, size_t tok_first,
                     size_t tok_end, int speech, pxi_cue_fn fn, void *ctx)
{
	size_t nt, len, i;
	const px_token *t = px_article_tokens(a, &nt);
	const char *text = px_article_text(a, &len);
	size_t last_neg = SIZE_MAX;
	char w[40], prev[40] = "";

	if (tok_end > nt)
		tok_end = nt;
	for (i = tok_first; i < tok_end; i++) {
		size_t n = lower_word(&t[i], text, w, sizeof(w));
		cue_kind k;
		int neg;
		px_span sp;

		if (!n) {
			if (t[i].kind == PX_TOK_PUNCT)
				last_neg = SIZE_MAX; /* a clause ends */
			prev[0] = '\0';
			continue;
		}
		sp.start = t[i].start;
		sp.end = t[i].end;
		neg = last_neg != SIZE_MAX && i - last_neg <= 3;
		if (negation(w, n)) {
			last_neg = i;
			memcpy(prev, w, n + 1);
			continue;
		}
		k = cue_of(w, n);
		/* two-word cues: "take part", "not among", "no plans" */
		if (k == CUE_NONE && !strcmp(w, "part") && !strcmp(prev, "take"))
			k = CUE_PART;
		if (k == CUE_NONE && (!strcmp(w, "among") ||
		                      !strcmp(w, "plans")) && neg &&
		    i - last_neg == 1) {
			k = CUE_STAYOUT;
			neg = 0;
			sp.start = t[last_neg].start;
		}
		memcpy(prev, w, n + 1);
		switch (k) {
		case CUE_OPPOSE:
			if (!neg)
				fn(ctx, PX_STANCE_OPPOSES, sp);
			break;
		case CUE_SUPPORT:
			fn(ctx, neg ? PX_STANCE_OPPOSES : PX_STANCE_SUPPORTS, sp);
			break;
		case CUE_PART:
			/* in speech, "deployment" or "sending" is a topic;
			 * only "will not send" says where the speaker stands */
			if (neg || !speech)
				fn(ctx, neg ? PX_STANCE_ABSTAINS
				            : PX_STANCE_SUPPORTS, sp);
			break;
		case CUE_STAYOUT:
			fn(ctx, PX_STANCE_ABSTAINS, sp);
			break;
		case CUE_NONE:
			break;
		}
	}
}
