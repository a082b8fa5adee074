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
#include "tone_int.h"

#define WORD_MAX 48
/* A lexicon word this strong in the author's voice is loaded language. */
#define LOADED_MIN 2.5

/* Word lists over the author's voice, in one table (sorted):
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

static const struct {
	const char *z;
	unsigned f;
} listed[] = {
	{"absurd", M_LOADED},
	{"aggressor", M_LOADED},
	{"aggressors", M_LOADED},
	{"all-out", M_EXAG},
	{"allegedly", M_HEDGE},
	{"apocalyptic", M_FEAR},
	{"apparently", M_HEDGE},
	{"arguably", M_HEDGE},
	{"barbaric", M_LOADED},
	{"biggest-ever", M_EXAG},
	{"catastrophic", M_EXAG},
	{"chatter", M_LOADED},
	{"colossal", M_EXAG},
	{"crackdown", M_LOADED},
	{"demagogue", M_LOADED},
	{"denounce", M_LOADED},
	{"denounced", M_LOADED},
	{"denounces", M_LOADED},
	{"diatribe", M_LOADED},
	{"doom", M_FEAR},
	{"doomed", M_FEAR},
	{"doubtful", M_DOUBT},
	{"draconian", M_LOADED},
	{"dubious", M_DOUBT},
	{"existential", M_FEAR},
	{"extremist", M_LOADED},
	{"extremists", M_LOADED},
	{"fanatic", M_LOADED},
	{"fanatics", M_LOADED},
	{"farce", M_LOADED},
	{"fatherland", M_FLAG},
	{"futile", M_LOADED},
	{"hardliner", M_LOADED},
	{"hardliners", M_LOADED},
	{"henchmen", M_LOADED},
	{"homeland", M_FLAG},
	{"hysteria", M_LOADED},
	{"hysterical", M_LOADED},
	{"i", M_FIRST},
	{"insignificant", M_EXAG},
	{"junta", M_LOADED},
	{"lackey", M_LOADED},
	{"lackeys", M_LOADED},
	{"looming", M_FEAR},
	{"massive", M_EXAG},
	{"me", M_FIRST},
	{"menace", M_FEAR},
	{"menacing", M_FEAR},
	{"mere", M_EXAG},
	{"merely", M_EXAG},
	{"might", M_HEDGE},
	{"motherland", M_FLAG},
	{"mouthpiece", M_LOADED},
	{"my", M_FIRST},
	{"negligible", M_EXAG},
	{"nightmare", M_FEAR},
	{"nightmarish", M_FEAR},
	{"nonsense", M_LOADED},
	{"our", M_FIRST},
	{"ours", M_FIRST},
	{"outrageous", M_LOADED},
	{"patriotic", M_FLAG},
	{"patriotism", M_FLAG},
	{"patriots", M_FLAG},
	{"perhaps", M_HEDGE},
	{"possibly", M_HEDGE},
	{"presumably", M_HEDGE},
	{"provocation", M_LOADED},
	{"provocations", M_LOADED},
	{"puppet", M_LOADED},
	{"purported", M_HEDGE},
	{"purportedly", M_HEDGE},
	{"questionable", M_DOUBT},
	{"radical", M_LOADED},
	{"radicals", M_LOADED},
	{"rant", M_LOADED},
	{"reckless", M_LOADED},
	{"regime", M_LOADED},
	{"reportedly", M_HEDGE},
	{"rhetoric", M_LOADED},
	{"seemingly", M_HEDGE},
	{"sham", M_LOADED},
	{"slammed", M_LOADED},
	{"slams", M_LOADED},
	{"staggering", M_EXAG},
	{"stooge", M_LOADED},
	{"supposed", M_DOUBT},
	{"supposedly", M_HEDGE},
	{"terrifying", M_FEAR},
	{"thug", M_LOADED},
	{"thugs", M_LOADED},
	{"tirade", M_LOADED},
	{"trivial", M_EXAG},
	{"unconfirmed", M_HEDGE},
	{"unimaginable", M_EXAG},
	{"unpatriotic", M_FLAG},
	{"unprecedented", M_EXAG},
	{"unverified", M_HEDGE},
	{"us", M_FIRST},
	{"warmonger", M_LOADED},
	{"warmongers", M_LOADED},
	{"we", M_FIRST},
	{"zealot", M_LOADED},
	{"zealots", M_LOADED},
};

/* Strong lexicon words that name a topic of news rather than judge it:
 * "peace talks", "the war", "a crisis". Sorted. */
static const char *const topics[] = {
	"attack", "attacks", "cancer", "crisis", "dead", "death", "deaths",
	"die", "died", "dies", "disaster", "dying", "fired", "freedom",
	"killed", "killing", "killings", "love", "murder", "peace",
	"terrorism", "terrorist", "terrorists",
	"victory", "violence", "war", "wars", "win", "wins", "won",
};

/* Words that open a question heading. Sorted. */
static const char *const askers[] = {
	"are", "can", "could", "does", "how", "is", "should", "what", "when",
	"where", "which", "who", "why", "will",
};

#define HAS(list, p, n) \
	(pxi_lex_find(list, sizeof(list) / sizeof(list[0]), (p), (n)) >= 0)

/* M_* flags of the lower-case word (p, n), or 0. */
static unsigned listed_flags(const char *p, size_t n)
{
	size_t lo = 0, hi = sizeof(listed) / sizeof(listed[0]);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(listed[mid].z, p, n);

		if (c == 0 && listed[mid].z[n])
			c = 1;
		if (c == 0)
			return listed[mid].f;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

typedef struct mctx {
	px_article *a;
	struct pxi_tone *t;
	unsigned char *quoted; /* token inside a direct quote */
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
	return HAS(topics, c->a->norm.text + s.start, s.end - s.start);
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
			char w[WORD_MAX];
			size_t n = word(c, i, w);
			int strong = 0;
			unsigned lf;

			if (!n || (t->flags & PX_TF_RESIDUE) || c->quoted[i])
				continue;
			/* Already marked from the reasons? */
			while (k < c->t->reasons.n && r[k].span.end <= t->start)
				k++;
			strong = k < c->t->reasons.n &&
			         r[k].span.start <= t->start &&
			         ((r[k].rules & PX_TONE_IDIOM) ||
			          r[k].base >= LOADED_MIN ||
			          r[k].base <= -LOADED_MIN);
			lf = listed_flags(w, n);
			if (!strong && (lf & M_LOADED))
				rc = mark(c, t->start, t->end, PX_MARK_LOADED,
				          "labelling word", "Loaded_Language");
			else if (lf & M_HEDGE)
				rc = mark(c, t->start, t->end, PX_MARK_HEDGE,
				          "hedge", NULL);
			else if ((lf & M_FIRST) && !(n == 2 &&
			                                      !memcmp(w, "us",
			                                              2) &&
			                                      (t->flags &
			                                       PX_TF_UPPER)))
				rc = mark(c, t->start, t->end, PX_MARK_OPINION,
				          "first person in the author's voice",
				          NULL);
			else if (n == 4 && !memcmp(w, "must", 4))
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
		char w[WORD_MAX];
		size_t n, e = s->span.end;

		if (!s->heading || s->residue || !s->tok_count)
			continue;
		while (e > s->span.start && (tx[e - 1] == ' ' ||
		                             tx[e - 1] == '\n'))
			e--;
		n = word(c, s->tok_first, w);
		if (e > s->span.start && tx[e - 1] == '?')
			rc = mark(c, s->span.start, s->span.end,
			          PX_MARK_QUESTION_HEADING,
			          "heading ending in a question mark", NULL);
		else if (n && HAS(askers, w, n))
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
px_status pxi_markers_find(px_article *a, struct pxi_tone *t)
{
	const px_quote *qs = a->quotes.a;
	const px_token *tk = a->toks.a;
	size_t i, k = 0;
	mctx c;
	px_status rc;

	c.a = a;
	c.t = t;
	pxi_vec_init(&t->markers, sizeof(px_marker), a->toks.max);
	c.quoted = pxi_arena_alloc(&a->ar, a->toks.n + 1);
	if (!c.quoted)
		return PX_ENOMEM;
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
	}
	return "unknown";
}
