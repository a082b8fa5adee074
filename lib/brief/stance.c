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

/* Word beginnings, each with its kind; a '$' ends a whole word. C()
 * gives a stem and its length, the '$' left out. */
#define C(z) z, sizeof(z) - 1 - (z[sizeof(z) - 2] == '$')
static const struct {
	const char *stem;
	size_t zn;
	cue_kind kind;
} cues[] = {
	{C("abstain"), CUE_STAYOUT},
	{C("approv"), CUE_SUPPORT},
	{C("back$"), CUE_SUPPORT},
	{C("backed$"), CUE_SUPPORT},
	{C("backing$"), CUE_SUPPORT},
	{C("backs$"), CUE_SUPPORT},
	{C("condemn"), CUE_OPPOSE},
	{C("contribut"), CUE_PART},
	{C("criticis"), CUE_OPPOSE},
	{C("criticiz"), CUE_OPPOSE},
	{C("declin"), CUE_STAYOUT},
	{C("denounc"), CUE_OPPOSE},
	{C("deplor"), CUE_OPPOSE},
	{C("deploy"), CUE_PART},
	{C("dismiss"), CUE_OPPOSE},
	{C("endors"), CUE_SUPPORT},
	{C("favor"), CUE_SUPPORT},
	{C("favour"), CUE_SUPPORT},
	{C("join"), CUE_PART},
	{C("lambast"), CUE_OPPOSE},
	{C("oppos"), CUE_OPPOSE},
	{C("particip"), CUE_PART},
	{C("pledg"), CUE_SUPPORT},
	{C("prais"), CUE_SUPPORT},
	{C("rebuff"), CUE_OPPOSE},
	{C("reject"), CUE_OPPOSE},
	{C("refus"), CUE_OPPOSE},
	{C("send$"), CUE_PART},
	{C("sending$"), CUE_PART},
	{C("sends$"), CUE_PART},
	{C("sent$"), CUE_PART},
	{C("slam"), CUE_OPPOSE},
	{C("support"), CUE_SUPPORT},
	{C("unacceptab"), CUE_OPPOSE},
	{C("warn"), CUE_OPPOSE},
	{C("welcom"), CUE_SUPPORT},
};
#undef C

static pxi_pfx2idx cues_idx = PXI_PFX2IDX_INIT(cues, stem);

static cue_kind cue_of(const char *w, size_t n)
{
	size_t i, from, to;

	/* every stem has three letters or more */
	if (n < 3 || !pxi_pfx2_range(&cues_idx, w, n, &from, &to))
		return CUE_NONE;
	for (i = from; i < to; i++) {
		const char *z = cues[i].stem;
		size_t zn = cues[i].zn;
		int whole = z[zn] == '$';

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
