/*
 * markers.c - framing markers: spans with the rule that fired, never a
 * verdict. Loaded language (strongly evaluative words and idioms of news
 * in the author's voice, and a list of labelling words), words of
 * exaggeration, doubt, fear and the nation, so-called names
 * and scare quotes (the quote stage's terms), direct quotes from
 * anonymous sources, hedges, opinion in the author's voice (first person,
 * "must"), question headings written for search engines, and the site
 * residue that marks content farms (injected links, a repeated headline).
 * Technique names are those of SemEval-2020 Task 11 where one applies.
 */
#include <stdlib.h>
#include <string.h>

#include "../text/lexicon.h"
#include "tone.h"
#include "tone_int.h"

#define WORD_MAX 48
/* A lexicon word this strong in the author's voice is loaded language. */
#define LOADED_MIN 2.5

/* Word lists over the author's voice and the word classes the patterns
 * read, in one table (sorted, looked up once per token):
 * M_LOADED words that label or inflame whatever their lexicon valence
 * (general vocabulary of propaganda and polemic, written by the
 * project); M_HEDGE hedges, the author keeps a claim at a distance;
 * M_FIRST first-person words of an author's opinion; the others name
 * SemEval-2020 Task 11 techniques. */
#define M_LOADED 0x1u
#define M_HEDGE 0x2u
#define M_FIRST 0x4u
#define M_EXAG 0x8u   /* exaggeration or minimisation */
#define M_DOUBT 0x10u /* casting doubt */
#define M_FEAR 0x20u  /* appeal to fear */
#define M_FLAG 0x40u  /* flag-waving */
/* Word classes the patterns read, in the same table: */
#define M_TOPIC 0x80u  /* strong lexicon words that name a topic of news
                        * rather than judge it: "peace talks", "a crisis" */
#define M_ASK 0x100u   /* opens a question heading: how, what, why ... */
#define M_COP 0x200u   /* copulas and verbs of seeming: an evaluative
                        * word after one is the author's judgement */
#define M_DEG 0x400u   /* degree words allowed between a copula and its
                        * evaluative word: very, so, too ... */
#define M_SRC 0x800u   /* gives a statement a source: verbs of saying and
                        * showing, nouns of records (said, according,
                        * data, survey ...) */
#define M_MUST 0x1000u /* "must" */
#define M_SOFT 0x2000u /* may, could: a claim held back */
#define M_WORD 0x4000u /* (per token, not in the table) a word */

static const struct {
	const char *z;
	unsigned f;
} listed[] = {
	{"absurd", M_LOADED},
	{"according", M_SRC},
	{"aggressor", M_LOADED},
	{"aggressors", M_LOADED},
	{"all-out", M_EXAG},
	{"allegedly", M_HEDGE},
	{"announced", M_SRC},
	{"apocalyptic", M_FEAR},
	{"apparently", M_HEDGE},
	{"appear", M_COP},
	{"appears", M_COP},
	{"are", M_ASK | M_COP},
	{"arguably", M_HEDGE},
	{"attack", M_TOPIC},
	{"attacks", M_TOPIC},
	{"barbaric", M_LOADED},
	{"be", M_COP},
	{"been", M_COP},
	{"being", M_COP},
	{"biggest-ever", M_EXAG},
	{"can", M_ASK},
	{"cancer", M_TOPIC},
	{"catastrophic", M_EXAG},
	{"census", M_SRC},
	{"chatter", M_LOADED},
	{"cited", M_SRC},
	{"citing", M_SRC},
	{"colossal", M_EXAG},
	{"confirmed", M_SRC},
	{"could", M_ASK | M_SOFT},
	{"crackdown", M_LOADED},
	{"crisis", M_TOPIC},
	{"data", M_SRC},
	{"dead", M_TOPIC},
	{"death", M_TOPIC},
	{"deaths", M_TOPIC},
	{"deeply", M_DEG},
	{"demagogue", M_LOADED},
	{"denounce", M_LOADED},
	{"denounced", M_LOADED},
	{"denounces", M_LOADED},
	{"diatribe", M_LOADED},
	{"die", M_TOPIC},
	{"died", M_TOPIC},
	{"dies", M_TOPIC},
	{"disaster", M_TOPIC},
	{"does", M_ASK},
	{"doom", M_FEAR},
	{"doomed", M_FEAR},
	{"doubtful", M_DOUBT},
	{"draconian", M_LOADED},
	{"dubious", M_DOUBT},
	{"dying", M_TOPIC},
	{"especially", M_DEG},
	{"estimate", M_SRC},
	{"estimated", M_SRC},
	{"estimates", M_SRC},
	{"existential", M_FEAR},
	{"extremely", M_DEG},
	{"extremist", M_LOADED},
	{"extremists", M_LOADED},
	{"fairly", M_DEG},
	{"fanatic", M_LOADED},
	{"fanatics", M_LOADED},
	{"farce", M_LOADED},
	{"fatherland", M_FLAG},
	{"feels", M_COP},
	{"figures", M_SRC},
	{"fired", M_TOPIC},
	{"found", M_SRC},
	{"freedom", M_TOPIC},
	{"futile", M_LOADED},
	{"hardliner", M_LOADED},
	{"hardliners", M_LOADED},
	{"henchmen", M_LOADED},
	{"highly", M_DEG},
	{"homeland", M_FLAG},
	{"how", M_ASK},
	{"hysteria", M_LOADED},
	{"hysterical", M_LOADED},
	{"i", M_FIRST},
	{"insignificant", M_EXAG},
	{"is", M_ASK | M_COP},
	{"junta", M_LOADED},
	{"killed", M_TOPIC},
	{"killing", M_TOPIC},
	{"killings", M_TOPIC},
	{"lackey", M_LOADED},
	{"lackeys", M_LOADED},
	{"looks", M_COP},
	{"looming", M_FEAR},
	{"love", M_TOPIC},
	{"massive", M_EXAG},
	{"may", M_SOFT},
	{"me", M_FIRST},
	{"menace", M_FEAR},
	{"menacing", M_FEAR},
	{"mere", M_EXAG},
	{"merely", M_EXAG},
	{"might", M_HEDGE},
	{"motherland", M_FLAG},
	{"mouthpiece", M_LOADED},
	{"murder", M_TOPIC},
	{"must", M_MUST},
	{"my", M_FIRST},
	{"negligible", M_EXAG},
	{"nightmare", M_FEAR},
	{"nightmarish", M_FEAR},
	{"nonsense", M_LOADED},
	{"often", M_DEG},
	{"our", M_FIRST},
	{"ours", M_FIRST},
	{"outrageous", M_LOADED},
	{"particularly", M_DEG},
	{"patriotic", M_FLAG},
	{"patriotism", M_FLAG},
	{"patriots", M_FLAG},
	{"peace", M_TOPIC},
	{"perhaps", M_HEDGE},
	{"poll", M_SRC},
	{"polls", M_SRC},
	{"possibly", M_HEDGE},
	{"presumably", M_HEDGE},
	{"proved", M_COP},
	{"proves", M_COP},
	{"provocation", M_LOADED},
	{"provocations", M_LOADED},
	{"published", M_SRC},
	{"puppet", M_LOADED},
	{"purported", M_HEDGE},
	{"purportedly", M_HEDGE},
	{"questionable", M_DOUBT},
	{"quite", M_DEG},
	{"radical", M_LOADED},
	{"radicals", M_LOADED},
	{"rant", M_LOADED},
	{"rather", M_DEG},
	{"really", M_DEG},
	{"reckless", M_LOADED},
	{"regime", M_LOADED},
	{"remain", M_COP},
	{"remains", M_COP},
	{"report", M_SRC},
	{"reported", M_SRC},
	{"reportedly", M_HEDGE},
	{"reports", M_SRC},
	{"research", M_SRC},
	{"researchers", M_SRC},
	{"rhetoric", M_LOADED},
	{"said", M_SRC},
	{"say", M_SRC},
	{"says", M_SRC},
	{"seem", M_COP},
	{"seemed", M_COP},
	{"seemingly", M_HEDGE},
	{"seems", M_COP},
	{"sham", M_LOADED},
	{"should", M_ASK},
	{"showed", M_SRC},
	{"shows", M_SRC},
	{"simply", M_DEG},
	{"slammed", M_LOADED},
	{"slams", M_LOADED},
	{"so", M_DEG},
	{"source", M_SRC},
	{"sources", M_SRC},
	{"staggering", M_EXAG},
	{"stated", M_SRC},
	{"statement", M_SRC},
	{"statistics", M_SRC},
	{"stooge", M_LOADED},
	{"study", M_SRC},
	{"supposed", M_DOUBT},
	{"supposedly", M_HEDGE},
	{"survey", M_SRC},
	{"terrifying", M_FEAR},
	{"terrorism", M_TOPIC},
	{"terrorist", M_TOPIC},
	{"terrorists", M_TOPIC},
	{"thug", M_LOADED},
	{"thugs", M_LOADED},
	{"tirade", M_LOADED},
	{"told", M_SRC},
	{"too", M_DEG},
	{"trivial", M_EXAG},
	{"truly", M_DEG},
	{"unconfirmed", M_HEDGE},
	{"unimaginable", M_EXAG},
	{"unpatriotic", M_FLAG},
	{"unprecedented", M_EXAG},
	{"unverified", M_HEDGE},
	{"us", M_FIRST},
	{"utterly", M_DEG},
	{"very", M_DEG},
	{"victory", M_TOPIC},
	{"violence", M_TOPIC},
	{"war", M_TOPIC},
	{"warmonger", M_LOADED},
	{"warmongers", M_LOADED},
	{"wars", M_TOPIC},
	{"was", M_COP},
	{"we", M_FIRST},
	{"were", M_COP},
	{"what", M_ASK},
	{"when", M_ASK},
	{"where", M_ASK},
	{"which", M_ASK},
	{"who", M_ASK},
	{"why", M_ASK},
	{"will", M_ASK},
	{"win", M_TOPIC},
	{"wins", M_TOPIC},
	{"won", M_TOPIC},
	{"wrote", M_SRC},
	{"zealot", M_LOADED},
	{"zealots", M_LOADED},
};







/* The listed words by hash (exact bytes: callers lower-case). The tone
 * stage's word index holds their flags too (tone.c), and markers read
 * them from it; this is its slow path. */
static pxi_lexidx listed_idx = PXI_LEXIDX_INIT(listed, z, 0);

_Static_assert(M_WORD < PXI_MARK_KNOWN, "PXI_MARK_KNOWN is no M_ flag");

/* M_* flags of the lower-case word (p, n), or 0. */
unsigned pxi_marker_flags(const char *p, size_t n)
{
	int k = pxi_lexidx_find(&listed_idx, p, n);

	return k < 0 ? 0 : listed[k].f;
}

const char *pxi_marker_word(size_t i)
{
	return i < sizeof(listed) / sizeof(listed[0]) ? listed[i].z : NULL;
}

typedef struct mctx {
	px_article *a;
	struct pxi_tone *t;
	unsigned char *quoted; /* token inside a direct quote */
	unsigned *tf;          /* per token: M_* of its lower-case form,
	                        * M_WORD for a word, 0 for others */
} mctx;

/* Add a marker over norm span [s, e); PX_ENOMEM on failure. */
static px_status mark(mctx *c, size_t s, size_t e, px_marker_kind kind,
                      const char *rule, const char *technique)
{
	px_marker *m = pxi_vec_push(&c->a->ar, &c->t->markers);

	if (!m)
		return PX_ENOMEM;
	m->span.start = s;
	m->span.end = e;
	m->kind = kind;
	m->rule = rule;
	m->technique = technique;
	return PX_OK;
}

/* Lower-case copy of token i's bytes in buf; 0 unless a short word. */
static size_t word(const mctx *c, size_t i, char *buf)
{
	const px_token *t = (const px_token *)c->a->toks.a + i;
	size_t n = t->end - t->start, j;

	if (t->kind != PX_TOK_WORD || n >= WORD_MAX)
		return 0;
	for (j = 0; j < n; j++) {
		char ch = c->a->norm.text[t->start + j];

		buf[j] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
	}
	buf[n] = '\0';
	return n;
}

/* Is the norm span s one of the topic words? */
static int topic_word(const mctx *c, px_span s)
{
	char w[WORD_MAX];
	size_t n = s.end - s.start, i;

	if (n >= WORD_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		char ch = c->a->norm.text[s.start + i];

		w[i] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
	}
	return (pxi_marker_flags(w, n) & M_TOPIC) != 0;
}

/* Strong words and idioms of the author's voice, from tone's reasons. */
static px_status from_reasons(mctx *c)
{
	const px_tone_reason *r = c->t->reasons.a;
	size_t i;
	px_status rc;

	for (i = 0; i < c->t->reasons.n; i++) {
		double b = r[i].base < 0 ? -r[i].base : r[i].base;

		if (r[i].quote != SIZE_MAX)
			continue;
		if (r[i].rules & PX_TONE_IDIOM)
			rc = mark(c, r[i].span.start, r[i].span.end,
			          PX_MARK_LOADED, "idiom of news",
			          "Loaded_Language");
		else if (b >= LOADED_MIN && !topic_word(c, r[i].span))
			rc = mark(c, r[i].span.start, r[i].span.end,
			          PX_MARK_LOADED, "strongly evaluative word",
			          "Loaded_Language");
		else
			continue;
		if (rc)
			return rc;
	}
	return PX_OK;
}

/* Word lists over the tokens of sentences that are not residue. */
static px_status from_words(mctx *c)
{
	const px_sentence *ss = c->a->sents.a;
	const px_tone_reason *r = c->t->reasons.a;
	size_t si, i, k = 0;
	px_status rc = PX_OK;

	for (si = 0; si < c->a->sents.n; si++) {
		size_t end = ss[si].tok_first + ss[si].tok_count;

		if (ss[si].residue)
			continue;
		for (i = ss[si].tok_first; i < end && !rc; i++) {
			const px_token *t = (const px_token *)c->a->toks.a + i;
			unsigned lf = c->tf[i];
			int strong = 0;

			if (!(lf & M_WORD) || (t->flags & PX_TF_RESIDUE) ||
			    c->quoted[i])
				continue;
			/* Already marked from the reasons? */
			while (k < c->t->reasons.n && r[k].span.end <= t->start)
				k++;
			strong = k < c->t->reasons.n &&
			         r[k].span.start <= t->start &&
			         ((r[k].rules & PX_TONE_IDIOM) ||
			          r[k].base >= LOADED_MIN ||
			          r[k].base <= -LOADED_MIN);
			if (!strong && (lf & M_LOADED))
				rc = mark(c, t->start, t->end, PX_MARK_LOADED,
				          "labelling word", "Loaded_Language");
			else if (lf & M_HEDGE)
				rc = mark(c, t->start, t->end, PX_MARK_HEDGE,
				          "hedge", NULL);
			else if ((lf & M_FIRST) &&
			         !((t->flags & PX_TF_UPPER) &&
			           t->end - t->start == 2))
				/* not "US" */
				rc = mark(c, t->start, t->end, PX_MARK_OPINION,
				          "first person in the author's voice",
				          NULL);
			else if (lf & M_MUST)
				rc = mark(c, t->start, t->end, PX_MARK_OPINION,
				          "\"must\" in the author's voice", NULL);
			else if (lf & M_EXAG)
				rc = mark(c, t->start, t->end,
				          PX_MARK_EXAGGERATION,
				          "exaggerating or minimising word",
				          "Exaggeration,Minimisation");
			else if (lf & M_DOUBT)
				rc = mark(c, t->start, t->end, PX_MARK_DOUBT,
				          "word casting doubt", "Doubt");
			else if (lf & M_FEAR)
				rc = mark(c, t->start, t->end, PX_MARK_FEAR,
				          "word of fear", "Appeal_to_fear-prejudice");
			else if (lf & M_FLAG)
				rc = mark(c, t->start, t->end,
				          PX_MARK_FLAG_WAVING, "word of the nation",
				          "Flag-Waving");
		}
		if (rc)
			return rc;
	}
	return PX_OK;
}

/* Headings asked as questions: ending in '?' or opening with how, what,
 * why ... */
static px_status headings(mctx *c)
{
	const px_sentence *ss = c->a->sents.a;
	const char *tx = c->a->norm.text;
	size_t si;
	px_status rc;

	for (si = 0; si < c->a->sents.n; si++) {
		const px_sentence *s = ss + si;
		size_t e = s->span.end;

		if (!s->heading || s->residue || !s->tok_count)
			continue;
		while (e > s->span.start && (tx[e - 1] == ' ' ||
		                             tx[e - 1] == '\n'))
			e--;
		if (e > s->span.start && tx[e - 1] == '?')
			rc = mark(c, s->span.start, s->span.end,
			          PX_MARK_QUESTION_HEADING,
			          "heading ending in a question mark", NULL);
		else if (c->tf[s->tok_first] & M_ASK)
			rc = mark(c, s->span.start, s->span.end,
			          PX_MARK_QUESTION_HEADING,
			          "heading opening with a question word", NULL);
		else
			continue;
		if (rc)
			return rc;
	}
	return PX_OK;
}

/* Terms, anonymous quotes and content-farm residue. */
static px_status from_stages(mctx *c)
{
	const px_term *ts = c->a->terms.a;
	const px_quote *qs = c->a->quotes.a;
	const px_residue *rs = c->a->residue.a;
	size_t i;
	px_status rc = PX_OK;

	for (i = 0; i < c->a->terms.n && !rc; i++) {
		/* A quoted name is a name; "so-called" and scare quotes
		 * label. */
		if (!strcmp(ts[i].reason, "name"))
			continue;
		rc = mark(c, ts[i].span.start, ts[i].span.end, PX_MARK_LABEL,
		          ts[i].reason, "Name_Calling,Labeling");
	}
	for (i = 0; i < c->a->quotes.n && !rc; i++) {
		px_span s = qs[i].speaker_span;

		if (qs[i].kind != PX_QUOTE_DIRECT ||
		    qs[i].speaker_kind != PX_SPEAKER_ANONYMOUS)
			continue;
		if (s.end <= s.start)
			s = qs[i].span;
		rc = mark(c, s.start, s.end, PX_MARK_ANONYMOUS,
		          "direct quote from an anonymous source", NULL);
	}
	for (i = 0; i < c->a->residue.n && !rc; i++) {
		if (rs[i].kind == PX_RES_INJECTED_LINK)
			rc = mark(c, rs[i].span.start, rs[i].span.end,
			          PX_MARK_INJECTED_LINK, rs[i].reason, NULL);
		else if (rs[i].kind == PX_RES_REPEATED_HEADLINE)
			rc = mark(c, rs[i].span.start, rs[i].span.end,
			          PX_MARK_DUPLICATE_HEADLINE, rs[i].reason,
			          NULL);
	}
	return rc;
}

/* Evaluative words after a copula in the author's voice: "the plan is
 * (very) reckless". The word must be in the tone lexicon with a valence
 * of at least EVAL_MIN and not a participle (-ed, -ing: "was killed" is
 * an event, not a judgement). */
#define EVAL_MIN 1.5

/* Is norm offset pos inside reported speech ("officials said the plan
 * was reckless" is theirs, not the author's judgement)? */
static int in_reported(const mctx *c, size_t pos)
{
	const px_quote *qs = c->a->quotes.a;
	size_t i;

	for (i = 0; i < c->a->quotes.n; i++)
		if (qs[i].kind == PX_QUOTE_REPORTED &&
		    qs[i].span.start <= pos && pos < qs[i].span.end)
			return 1;
	return 0;
}

static px_status evaluative(mctx *c)
{
	const px_sentence *ss = c->a->sents.a;
	size_t si, i;
	px_status rc = PX_OK;

	for (si = 0; si < c->a->sents.n && !rc; si++) {
		size_t end = ss[si].tok_first + ss[si].tok_count;
		int after_copula = 0, sourced = 0;

		if (ss[si].residue || ss[si].heading)
			continue;
		for (i = ss[si].tok_first; i < end && !rc; i++) {
			const px_token *t = (const px_token *)c->a->toks.a + i;
			unsigned lf = c->tf[i];
			char w[WORD_MAX];
			size_t n;
			double v;

			if (!(lf & M_WORD) || c->quoted[i] ||
			    (t->flags & PX_TF_RESIDUE)) {
				after_copula = 0;
				continue;
			}
			if (lf & M_SRC)
				sourced = 1; /* "officials said the plan was" */
			if (lf & M_COP) {
				after_copula = !sourced;
				continue;
			}
			if (after_copula && (lf & M_DEG))
				continue;
			if (!after_copula)
				continue;
			after_copula = 0;
			n = word(c, i, w);
			v = n ? pxi_tone_valence(w, n) : 0;
			if ((v < EVAL_MIN && v > -EVAL_MIN) ||
			    (n > 4 && !memcmp(w + n - 2, "ed", 2)) ||
			    (n > 5 && !memcmp(w + n - 3, "ing", 3)) ||
			    (lf & M_TOPIC) || in_reported(c, t->start))
				continue;
			rc = mark(c, t->start, t->end, PX_MARK_OPINION,
			          "evaluative word after a copula in the "
			          "author's voice", NULL);
		}
	}
	return rc;
}

/* Claims with no attribution, conservatively: a declarative sentence of
 * the body, in the author's voice, that states a figure (an amount with
 * a unit or a counted object) in a paragraph with no quote, no reported
 * speech and no word of sourcing (said, according, data, survey ...),
 * and that neither hedges nor speaks in the first person. */
static px_status unattributed(mctx *c)
{
	const px_sentence *ss = c->a->sents.a;
	const px_amount *am = c->a->amounts.a;
	const px_quote *qs = c->a->quotes.a;
	const char *tx = c->a->norm.text;
	size_t np = c->a->paras.n, si, i, k = 0;
	unsigned char *sourced = pxi_arena_alloc(&c->a->scratch, np + 1);
	px_status rc = PX_OK;

	if (!sourced)
		return PX_ENOMEM;
	memset(sourced, 0, np + 1);
	for (i = 0; i < c->a->quotes.n; i++)
		if (qs[i].sentence < c->a->sents.n &&
		    ss[qs[i].sentence].para < np)
			sourced[ss[qs[i].sentence].para] = 1;
	for (si = 0; si < c->a->sents.n; si++) {
		size_t end = ss[si].tok_first + ss[si].tok_count;

		if (ss[si].para >= np || sourced[ss[si].para])
			continue;
		for (i = ss[si].tok_first; i < end; i++) {
			if (c->tf[i] & M_SRC) {
				sourced[ss[si].para] = 1;
				break;
			}
		}
	}
	for (si = 0; si < c->a->sents.n && !rc; si++) {
		const px_sentence *s = ss + si;
		size_t end = s->tok_first + s->tok_count, e = s->span.end;
		int figure = 0, soft = 0;

		if (s->residue || s->heading || s->para >= np ||
		    sourced[s->para] || c->a->paras.n == 0)
			continue;
		while (e > s->span.start && (tx[e - 1] == ' ' ||
		                             tx[e - 1] == '\n'))
			e--;
		if (e == s->span.start || tx[e - 1] != '.')
			continue;
		while (k < c->a->amounts.n && am[k].span.end <= s->span.start)
			k++;
		for (i = k; i < c->a->amounts.n &&
		            am[i].span.start < s->span.end; i++)
			if (!am[i].in_quote &&
			    (am[i].unit || am[i].object.end > am[i].object.start))
				figure = 1;
		if (!figure)
			continue;
		for (i = s->tok_first; i < end && !soft; i++)
			soft = (c->tf[i] & (M_HEDGE | M_FIRST | M_SOFT)) != 0;
		if (soft)
			continue;
		rc = mark(c, s->span.start, e, PX_MARK_UNATTRIBUTED,
		          "figure stated with no source in its paragraph",
		          NULL);
	}
	return rc;
}

/* qsort order of markers: start, end, kind. */
static int by_start(const void *p, const void *q)
{
	const px_marker *a = p, *b = q;

	if (a->span.start != b->span.start)
		return a->span.start < b->span.start ? -1 : 1;
	if (a->span.end != b->span.end)
		return a->span.end < b->span.end ? -1 : 1;
	return (int)a->kind - (int)b->kind;
}

/*
 * Find the framing markers of article a into t->markers, in norm offsets,
 * sorted by start. Tone's reasons must be in place. PX_OK or PX_ENOMEM.
 */
px_status pxi_markers_find(px_article *a, struct pxi_tone *t,
                           const uint16_t *marks)
{
	const px_quote *qs = a->quotes.a;
	const px_token *tk = a->toks.a;
	size_t i, k = 0;
	mctx c;
	px_status rc;

	c.a = a;
	c.t = t;
	pxi_vec_init(&t->markers, sizeof(px_marker), a->toks.max);
	c.quoted = pxi_arena_alloc(&a->scratch, a->toks.n + 1);
	c.tf = pxi_arena_alloc(&a->scratch, (a->toks.n + 1) * sizeof(*c.tf));
	if (!c.quoted || !c.tf)
		return PX_ENOMEM;
	/* each token's flags: most found by the tone's scoring, the rest
	 * (residue, words with a curly apostrophe) looked up here */
	for (i = 0; i < a->toks.n; i++) {
		char w[WORD_MAX];
		size_t n;

		if (marks[i]) {
			c.tf[i] = (marks[i] & ~PXI_MARK_KNOWN) | M_WORD;
			continue;
		}
		n = word(&c, i, w);
		c.tf[i] = n ? pxi_tone_word_marks(w, n) | M_WORD : 0;
	}
	memset(c.quoted, 0, a->toks.n + 1);
	for (i = 0; i < a->toks.n; i++) {
		while (k < a->quotes.n && (qs[k].kind != PX_QUOTE_DIRECT ||
		                           qs[k].span.end <= tk[i].start))
			k++;
		if (k < a->quotes.n && qs[k].span.start <= tk[i].start)
			c.quoted[i] = 1;
	}
	rc = from_reasons(&c);
	if (!rc)
		rc = from_words(&c);
	if (!rc)
		rc = headings(&c);
	if (!rc)
		rc = evaluative(&c);
	if (!rc)
		rc = unattributed(&c);
	if (!rc)
		rc = from_stages(&c);
	if (rc)
		return rc;
	if (t->markers.n > 1)
		qsort(t->markers.a, t->markers.n, sizeof(px_marker), by_start);
	return PX_OK;
}

/* The markers by start; NULL, *n = 0 when not computed. */
const px_marker *px_article_markers(const px_article *a, size_t *n)
{
	if (n)
		*n = a && a->tone ? a->tone->markers.n : 0;
	return a && a->tone ? (const px_marker *)a->tone->markers.a : NULL;
}

/* Constant text naming a marker kind. */
const char *px_marker_kind_name(px_marker_kind k)
{
	switch (k) {
	case PX_MARK_LOADED: return "loaded_language";
	case PX_MARK_LABEL: return "labeling";
	case PX_MARK_ANONYMOUS: return "anonymous_source";
	case PX_MARK_HEDGE: return "hedge";
	case PX_MARK_OPINION: return "opinion";
	case PX_MARK_QUESTION_HEADING: return "question_heading";
	case PX_MARK_INJECTED_LINK: return "injected_link";
	case PX_MARK_DUPLICATE_HEADLINE: return "duplicate_headline";
	case PX_MARK_EXAGGERATION: return "exaggeration";
	case PX_MARK_DOUBT: return "doubt";
	case PX_MARK_FEAR: return "fear";
	case PX_MARK_FLAG_WAVING: return "flag_waving";
	case PX_MARK_UNATTRIBUTED: return "unattributed_claim";
	}
	return "unknown";
}
