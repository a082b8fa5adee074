/*
 * tone.c - sentiment that explains itself.
 *
 * Each word of a sentence that is not residue and not part of a name is
 * looked up in the lexicon (build/tone_lexicon.c: VADER, with AFINN-165
 * for the words VADER lacks; then the project's news words). Rules the
 * project writes then move its valence: a negation within three words
 * before it flips and dampens it (and is itself mildly negative), an
 * intensifier or dampener before it scales it, "but" weighs the clause
 * after it more than the one before, capitals among lower-case words and
 * exclamation marks add emphasis, and phrases of news ("legitimate
 * targets", "hollow gesture") count as a whole.
 * Every change is kept as a reason with its span. Sentences are scored
 * whole; the article's voices are summed apart: the author's (narrative
 * and reported speech) and direct quotes, per speaker. How each entity is
 * portrayed is portray.c's; the framing markers are markers.c's.
 */
#include <stdint.h>
#include <string.h>

#include "../article/article.h"
#include "../text/lexicon.h"
#include "tone.h"
#include "tone_int.h"

/* Rule weights, VADER's: a negation multiplies by N_SCALAR, a booster
 * adds B_INCR (less with distance), capitals add C_INCR, an exclamation
 * mark E_INCR (at most four count). */
#define N_SCALAR (-0.74)
#define B_INCR 0.293
#define C_INCR 0.733
#define E_INCR 0.292
#define BUT_BEFORE 0.5
/* Weights the project chose on half A of the NYT editorial sentences
 * (make eval-tone reports half B): a bad word weighs NEG_WEIGHT times its
 * valence, and a sentence part of more than LEN_REF words has its sum
 * scaled by sqrt(LEN_REF / words) before the compound, so that a long
 * sentence is not more intense for holding more words. */
#define NEG_WEIGHT 1.7
#define LEN_REF 8.0
#define BUT_AFTER 1.5
/* A negation is itself mildly negative (Potts 2011, "On the negativity
 * of negation"): each adds DENIAL to its sentence, and "too" (excess)
 * TOO_CUE times that; both chosen on half A (-0.3 .. -1.5 tried). */
#define DENIAL (-1.0)
#define TOO_CUE 1.0
#define WORD_MAX 48
#define NO_QUOTE SIZE_MAX


/* What the project's word lists say of a word (exact form). */
#define W_NEG 0x01u   /* negation: not, never, no, without, fail ... */
#define W_BOOST 0x02u /* intensifier: very, extremely ... */
#define W_DAMP 0x04u  /* dampener: slightly, somewhat ... */
#define W_TOPIC 0x08u /* rated by the lexicon, but in news a topic or
                       * grammar: "security guarantees", "the ruling
                       * party", "interest rates", "as well", "kind of",
                       * "health care", "grand jury", "safety rules";
                       * "likely" is a hedge, not "like" + -ly */
#define W_SELF 0x10u  /* self/group reference: I, we, our ... */
#define W_LIKER 0x20u /* "like" after it is a verb: "we like" */
#define W_FEW 0x40u   /* few, little: a negation unless after "a" */
#define W_TOO 0x80u   /* too: turns the good word after it */
#define W_WELL 0x100u /* a topic word only after "as": "as well" */
#define W_PREP 0x200u /* a negation that is a preposition: no denial */

static const struct {
	const char *z;
	unsigned f;
} listed[] = {
	{"absolutely", W_BOOST},
	{"aint", W_NEG},
	{"almost", W_DAMP},
	{"amazingly", W_BOOST},
	{"arent", W_NEG},
	{"awfully", W_BOOST},
	{"barely", W_NEG},
	{"cannot", W_NEG},
	{"cant", W_NEG},
	{"care", W_TOPIC},
	{"completely", W_BOOST},
	{"considerably", W_BOOST},
	{"couldnt", W_NEG},
	{"credit", W_TOPIC},
	{"decidedly", W_BOOST},
	{"deeply", W_BOOST},
	{"defence", W_TOPIC},
	{"defense", W_TOPIC},
	{"didnt", W_NEG},
	{"doesnt", W_NEG},
	{"dont", W_NEG | W_LIKER},
	{"enormously", W_BOOST},
	{"entirely", W_BOOST},
	{"especially", W_BOOST},
	{"exceptionally", W_BOOST},
	{"extremely", W_BOOST},
	{"fail", W_NEG},
	{"failed", W_NEG},
	{"fails", W_NEG},
	{"few", W_FEW},
	{"fully", W_BOOST},
	{"grand", W_TOPIC},
	{"greatly", W_BOOST},
	{"hadnt", W_NEG},
	{"hardly", W_NEG},
	{"hasnt", W_NEG},
	{"havent", W_NEG},
	{"highly", W_BOOST},
	{"hugely", W_BOOST},
	{"i", W_SELF | W_LIKER},
	{"incredibly", W_BOOST},
	{"intensely", W_BOOST},
	{"interest", W_TOPIC},
	{"interests", W_TOPIC},
	{"isnt", W_NEG},
	{"justice", W_TOPIC},
	{"kind", W_TOPIC},
	{"lack", W_NEG},
	{"lacked", W_NEG},
	{"lacking", W_NEG},
	{"lacks", W_NEG},
	{"legal", W_TOPIC},
	{"less", W_DAMP},
	{"likely", W_TOPIC},
	{"little", W_FEW},
	{"marginally", W_DAMP},
	{"me", W_SELF},
	{"mildly", W_DAMP},
	{"mine", W_SELF},
	{"most", W_BOOST},
	{"my", W_SELF},
	{"myself", W_SELF},
	{"neither", W_NEG},
	{"never", W_NEG},
	{"no", W_NEG},
	{"nobody", W_NEG},
	{"none", W_NEG},
	{"nor", W_NEG},
	{"not", W_NEG},
	{"nothing", W_NEG},
	{"nowhere", W_NEG},
	{"number", W_TOPIC},
	{"our", W_SELF},
	{"ours", W_SELF},
	{"ourselves", W_SELF},
	{"particularly", W_BOOST},
	{"parties", W_TOPIC},
	{"partly", W_DAMP},
	{"party", W_TOPIC},
	{"pretty", W_TOPIC},
	{"profoundly", W_BOOST},
	{"purely", W_BOOST},
	{"rather", W_DAMP},
	{"really", W_BOOST},
	{"remarkably", W_BOOST},
	{"safety", W_TOPIC},
	{"scarcely", W_NEG},
	{"security", W_TOPIC},
	{"share", W_TOPIC},
	{"shares", W_TOPIC},
	{"shouldnt", W_NEG},
	{"slightly", W_DAMP},
	{"so", W_BOOST},
	{"somewhat", W_DAMP},
	{"special", W_TOPIC},
	{"substantially", W_BOOST},
	{"they", W_LIKER},
	{"thoroughly", W_BOOST},
	{"too", W_TOO},
	{"totally", W_BOOST},
	{"tremendously", W_BOOST},
	{"truly", W_BOOST},
	{"uber", W_BOOST},
	{"unbelievably", W_BOOST},
	{"united", W_TOPIC},
	{"unlikely", W_NEG},
	{"unusually", W_BOOST},
	{"us", W_SELF},
	{"utterly", W_BOOST},
	{"very", W_BOOST},
	{"wasnt", W_NEG},
	{"we", W_SELF | W_LIKER},
	{"well", W_TOPIC | W_WELL},
	{"werent", W_NEG},
	{"without", W_NEG | W_PREP},
	{"wont", W_NEG},
	{"would", W_LIKER},
	{"wouldnt", W_NEG},
	{"you", W_LIKER},
};

/* What the word lists say of a stem; a word has them with -s, -es, -ed,
 * -d, -ing too. */
#define S_REV 0x01u /* reverser: a bad word after it, up to a clause's
                     * end, turns good: "reduce the risk", "prevent
                     * disease", "fewer deaths" */
#define S_OPP 0x02u /* opposer: a good word after it, up to a clause's
                     * end, turns bad: "reject solutions" */
#define S_ACT 0x04u /* activity word (GDELT's activity reference
                     * density): things done, not described */

static const struct {
	const char *z;
	unsigned f;
} stems[] = {
	{"abandon", S_OPP},
	{"alleviate", S_REV},
	{"arrest", S_ACT},
	{"attack", S_ACT},
	{"avert", S_REV},
	{"avoid", S_REV},
	{"ban", S_ACT},
	{"battle", S_ACT},
	{"block", S_OPP | S_ACT},
	{"bomb", S_ACT},
	{"boycott", S_ACT},
	{"build", S_ACT},
	{"campaign", S_ACT},
	{"capture", S_ACT},
	{"charge", S_ACT},
	{"clash", S_ACT},
	{"combat", S_REV},
	{"curb", S_REV},
	{"cure", S_REV},
	{"decrease", S_REV},
	{"deny", S_OPP},
	{"deploy", S_ACT},
	{"derail", S_OPP},
	{"destroy", S_ACT},
	{"detain", S_ACT},
	{"diminish", S_REV},
	{"dismiss", S_OPP},
	{"ease", S_REV},
	{"elect", S_ACT},
	{"eliminate", S_REV},
	{"end", S_REV},
	{"eradicate", S_REV},
	{"evacuate", S_ACT},
	{"fewer", S_REV},
	{"fight", S_ACT},
	{"fire", S_ACT},
	{"flee", S_ACT},
	{"halt", S_REV},
	{"invade", S_ACT},
	{"kill", S_ACT},
	{"launch", S_ACT},
	{"lead", S_ACT},
	{"lessen", S_REV},
	{"lower", S_REV},
	{"march", S_ACT},
	{"meet", S_ACT},
	{"mitigate", S_REV},
	{"move", S_ACT},
	{"negotiate", S_ACT},
	{"obstruct", S_OPP},
	{"occupy", S_ACT},
	{"oppose", S_OPP},
	{"overcome", S_REV},
	{"prevent", S_REV},
	{"protest", S_ACT},
	{"raid", S_ACT},
	{"rally", S_ACT},
	{"reduce", S_REV},
	{"refusal", S_OPP},
	{"refuse", S_OPP},
	{"reject", S_OPP},
	{"release", S_ACT},
	{"relieve", S_REV},
	{"resign", S_ACT},
	{"resist", S_OPP},
	{"sabotage", S_OPP},
	{"scrap", S_OPP},
	{"seize", S_ACT},
	{"shoot", S_ACT},
	{"sign", S_ACT},
	{"stop", S_REV},
	{"strike", S_ACT},
	{"tackle", S_REV},
	{"thwart", S_OPP},
	{"undermine", S_OPP},
	{"veto", S_OPP},
	{"vote", S_ACT},
	{"withdraw", S_ACT},
};

/* Phrases of news whose tone is not that of their words: one word per
 * lower-case token, separated by single spaces. */
static const struct {
	const char *z;
	double v;
} idioms[] = {
	{"legitimate target", -2.5}, {"legitimate targets", -2.5},
	{"hollow gesture", -2.0}, {"hollow gestures", -2.0},
	{"empty promise", -1.8}, {"empty promises", -1.8},
	{"empty rhetoric", -1.8}, {"empty words", -1.6},
	{"crocodile tears", -1.8}, {"smear campaign", -2.2},
	{"witch hunt", -2.2}, {"witch-hunt", -2.2},
	{"puppet regime", -2.2}, {"puppet government", -2.2},
	{"paper tiger", -1.5}, {"house of cards", -1.5},
	{"slap in the face", -2.0}, {"stab in the back", -2.3},
	{"at loggerheads", -1.3}, {"on the brink", -1.6},
	{"in tatters", -1.8}, {"out of control", -1.8},
	{"cut and run", -1.5}, {"fake news", -1.9},
	{"propaganda machine", -2.0}, {"iron fist", -1.8},
	{"lip service", -1.5}, {"bloodbath", -3.0},
	{"step forward", 1.2}, {"step in the right direction", 1.8},
	{"win-win", 2.0}, {"common ground", 1.2},
	{"landmark agreement", 1.5}, {"landmark deal", 1.5},
	{"historic agreement", 1.5}, {"breakthrough", 1.8},
	{"back on track", 1.3}, {"good faith", 1.5},
	{"deserve better", -1.5}, {"deserves better", -1.5},
	{"no wonder", 0}, {"no doubt", 0.5}, {"no problem", 1.0},
	{"not only", 0}, {"no less than", 0}, {"no later than", 0},
};

/* Words of news and editorials that neither VADER nor AFINN rates, with
 * valences on VADER's scale (-4..+4) written by the project from each
 * word's general sense, one by one, not fitted (a few were noticed among
 * the errors of half A of the NYT sentences): a regime, a massacre, a
 * debacle; a laudable, judicious, fruitful effort. Words whose tone
 * depends on the story (refugee, sanctions, reform, decline) are left
 * out. Read after the lexicon, with its endings (plunged, layoffs). */
static const struct {
	const char *z;
	double v;
} news_words[] = {
	{"achievement", 2.0}, {"achievements", 2.0}, {"addict", -1.8},
	{"addiction", -2.0}, {"assassinate", -2.8}, {"atrocities", -3.0},
	{"authoritarian", -1.5}, {"autocrat", -1.8}, {"autocratic", -1.8},
	{"backlog", -0.8}, {"baffle", -1.2}, {"barbarism", -2.8},
	{"bloodshed", -3.0}, {"blunder", -1.8}, {"botch", -1.8},
	{"bribery", -2.2}, {"bungle", -1.8}, {"bureaucratic", -0.8},
	{"callous", -2.0}, {"carnage", -3.2}, {"casualties", -2.2},
	{"casualty", -2.2}, {"censorship", -1.8}, {"commendable", 2.2},
	{"complacency", -1.2}, {"constructive", 1.6}, {"convict", -1.2},
	{"cooperation", 1.4}, {"coup", -1.8}, {"crackdown", -1.5},
	{"crippling", -2.0}, {"cronyism", -1.8}, {"debacle", -2.3},
	{"decency", 1.8}, {"decent", 1.4}, {"demagogue", -2.0},
	{"demagoguery", -2.0}, {"deplorable", -2.5}, {"despotic", -2.2},
	{"destitute", -2.0}, {"deterioration", -1.6}, {"dictator", -2.0},
	{"dictatorial", -2.0}, {"dictatorship", -2.2}, {"diligence", 1.6},
	{"diligent", 1.6}, {"disarray", -1.6}, {"discrimination", -2.2},
	{"disgraceful", -2.6}, {"drought", -1.6}, {"dysfunctional", -1.8},
	{"eloquent", 1.8}, {"embezzle", -2.0}, {"epidemic", -1.8},
	{"equitable", 1.4}, {"erode", -1.0}, {"erosion", -1.0},
	{"evasion", -1.2}, {"evict", -1.6}, {"exemplary", 2.2},
	{"exploitation", -2.0}, {"extortion", -2.4}, {"extremism", -2.0},
	{"fanatic", -1.8}, {"farsighted", 1.6}, {"flourish", 1.8},
	{"fruitful", 1.8}, {"gimmick", -1.0}, {"gridlock", -1.2},
	{"gunman", -2.0}, {"gunmen", -2.0}, {"hostage", -2.0},
	{"hypocrisy", -2.2}, {"ill-advised", -1.6}, {"illicit", -1.6},
	{"inequality", -1.4}, {"inequity", -1.6}, {"inferno", -2.0},
	{"inflation", -0.8}, {"insidious", -2.2}, {"insightful", 1.8},
	{"instability", -1.5}, {"insurgency", -1.6}, {"intolerable", -2.4},
	{"intolerance", -2.0}, {"jeopardize", -1.8}, {"judicious", 1.6},
	{"junta", -1.8}, {"laudable", 2.2}, {"lawless", -2.0},
	{"lawlessness", -2.0}, {"layoff", -1.6}, {"loot", -2.0},
	{"malfeasance", -2.2}, {"malnutrition", -2.2}, {"massacre", -3.4},
	{"misguided", -1.6}, {"mismanagement", -1.8}, {"needless", -1.4},
	{"negligence", -1.8}, {"negligent", -1.8}, {"nobly", 1.8},
	{"overcrowded", -1.2}, {"overdose", -2.2}, {"overspending", -1.2},
	{"perilous", -2.0}, {"persecution", -2.4}, {"persuasive", 1.2},
	{"pioneering", 1.4}, {"plight", -1.6}, {"plummet", -1.6},
	{"plunge", -1.2}, {"precarious", -1.4}, {"productive", 1.4},
	{"prudent", 1.4}, {"purge", -1.6}, {"reasonable", 1.2},
	{"reconciliation", 1.6}, {"recovery", 1.2}, {"regime", -1.0},
	{"resilience", 1.6}, {"resilient", 1.6}, {"revitalize", 1.4},
	{"ruthless", -2.2}, {"scourge", -2.4}, {"senseless", -2.0},
	{"sensible", 1.4}, {"setback", -1.4}, {"shoddy", -1.8},
	{"shortfall", -1.2}, {"slaughter", -3.0}, {"slump", -1.2},
	{"sordid", -2.2}, {"squalid", -2.2}, {"squalor", -2.2},
	{"stagnant", -1.2}, {"stagnation", -1.4}, {"starvation", -2.8},
	{"statesmanlike", 1.6}, {"strife", -1.8}, {"subversion", -1.4},
	{"superlative", 2.2}, {"suppression", -1.6}, {"tawdry", -1.8},
	{"thriving", 1.8}, {"tyranny", -2.8}, {"tyrant", -2.6},
	{"unconstitutional", -1.6}, {"unlawful", -1.8}, {"unrest", -1.4},
	{"unscrupulous", -2.2}, {"unsustainable", -1.4}, {"vandalism", -2.0},
	{"vigorous", 1.2}, {"wasteful", -1.6}, {"wounded", -2.0},
};

typedef struct tctx {
	px_article *a;
	struct pxi_tone *t;
	const px_token *tk;
	size_t nt;
	uint32_t *tq;       /* quote index of each token, or UINT32_MAX */
	unsigned char *name; /* token inside an entity mention */
	uint16_t *marks;    /* per token: its word's marker flags |
	                     * PXI_MARK_KNOWN, once scoring looked it up */
	unsigned char *cls; /* per token: pxi_portray_class(), the same */
} tctx;

/* Lexicon valence (-4..+4) of the lower-case word (p, n), 0 if absent:
 * one hash and, mostly, one compare (tools/mktone.awk builds the hash). */
double pxi_tone_valence(const char *p, size_t n)
{
	uint32_t h = 0;
	size_t i;

	if (!n)
		return 0.0;
	for (i = 0; i < n; i++)
		h = (h * 31u + (unsigned char)p[i]) & (PXI_TONE_LEX_SLOTS - 1);
	for (;;) {
		unsigned e = pxi_tone_lex_hash[h];
		uint32_t off;

		if (!e)
			return 0.0;
		off = pxi_tone_lex_off[e - 1];
		if (pxi_tone_lex_off[e] - off - 1 == n &&
		    !memcmp(pxi_tone_lex_words + off, p, n))
			return pxi_tone_lex_val[e - 1] / 10.0;
		h = (h + 1) & (PXI_TONE_LEX_SLOTS - 1);
	}
}

static pxi_lexidx news_idx = PXI_LEXIDX_INIT(news_words, z, 0);

/* Valence of the lower-case word (p, n): the lexicon's, else the
 * project's list of news words, else 0. */
static double word_valence(const char *p, size_t n)
{
	double v = pxi_tone_valence(p, n);
	int k;

	if (v != 0)
		return v;
	k = pxi_lexidx_find(&news_idx, p, n);
	return k < 0 ? 0.0 : news_words[k].v;
}

/* Square root of x >= 0 by Newton's method from above (no libm for
 * two calls). */
static double root(double x)
{
	double r = x > 1 ? x : 1;
	int i;

	for (i = 0; i < 200; i++) {
		double nr = 0.5 * (r + x / r);

		if (nr >= r)
			break;
		r = nr;
	}
	return r;
}

/* Valence of the lower-case word w (n bytes), else of its base form:
 * less -ed, -ing, -ly, -ness, with -ied/-ily read as -y and -ed/-ing
 * as -e. Plural -s counts only for bad words (deaths, threats): goods,
 * fines, wells are not good, fine, well. 0 if none is in the lexicon. */
static double valence_inflected(const char *w, size_t n)
{
	static const struct {
		const char *end;
		const char *base;
		size_t e, b; /* their lengths */
	} sufs[] = {
		{"ied", "y", 3, 1}, {"ily", "y", 3, 1}, {"ed", "", 2, 0},
		{"ed", "e", 2, 1}, {"ing", "", 3, 0}, {"ing", "e", 3, 1},
		{"ly", "", 2, 0}, {"ness", "", 4, 0},
	};
	char buf[WORD_MAX + 4];
	double v = word_valence(w, n);
	size_t i;

	if (v == 0 && n > 4 && w[n - 1] == 's' && w[n - 2] != 's') {
		v = word_valence(w, n - 1);
		if (v > 0)
			v = 0;
	}
	for (i = 0; v == 0 && i < sizeof(sufs) / sizeof(sufs[0]); i++) {
		size_t e = sufs[i].e, b = sufs[i].b;

		if (n < e + 3 || n - e + b >= sizeof(buf) ||
		    memcmp(w + n - e, sufs[i].end, e))
			continue;
		memcpy(buf, w, n - e);
		memcpy(buf + n - e, sufs[i].base, b);
		v = word_valence(buf, n - e + b);
	}
	return v;
}

/* VADER's normalization: sum / sqrt(sum^2 + 15), in -1..+1. */
double pxi_tone_compound(double sum)
{
	return sum / root(sum * sum + 15.0);
}

/* Hash indexes over the word lists (exact bytes: callers lower-case). */
static pxi_lexidx listed_idx = PXI_LEXIDX_INIT(listed, z, 0);
static pxi_lexidx stems_idx = PXI_LEXIDX_INIT(stems, z, 0);

/* Flags of (p, n) in the {z, f} table tab indexed by idx, or 0. */
#define TABLE_FLAGS(tab, idx, p, n) table_flags(&(idx), &(tab)[0].f, \
                                                sizeof((tab)[0]), (p), (n))

static unsigned table_flags(pxi_lexidx *idx, const unsigned *f0,
                            size_t size, const char *p, size_t n)
{
	int k = pxi_lexidx_find(idx, p, n);

	return k < 0 ? 0 : *(const unsigned *)(const void *)
	                   ((const char *)f0 + (size_t)k * size);
}

/* W_* flags of the lower-case word w; a word ending in n't, or a listed
 * negation written with an apostrophe (don't), is W_NEG. */
static unsigned word_flags(const char *w, size_t n)
{
	char buf[WORD_MAX];
	size_t i, k = 0;

	if (n >= 3 && !memcmp(w + n - 3, "n't", 3))
		return W_NEG;
	if (!memchr(w, '\'', n))
		return TABLE_FLAGS(listed, listed_idx, w, n);
	for (i = 0; i < n && k < sizeof(buf); i++)
		if (w[i] != '\'')
			buf[k++] = w[i];
	return TABLE_FLAGS(listed, listed_idx, buf, k);
}

/* S_* flags of the lower-case word w or of its stem less -s, -es, -ed,
 * -d, -ing. */
static unsigned stem_flags(const char *w, size_t n)
{
	static const char *const ends[] = {"ing", "ed", "es", "s", "d"};
	static const size_t lens[] = {3, 2, 2, 1, 1};
	unsigned f = TABLE_FLAGS(stems, stems_idx, w, n);
	size_t i;

	for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		size_t e = lens[i];

		if (n > e + 2 && !memcmp(w + n - e, ends[i], e))
			f |= TABLE_FLAGS(stems, stems_idx, w, n - e);
	}
	return f;
}

/* Does lower_word() read token t: a word, not too long? */
static int is_word(const px_token *t)
{
	return t->kind == PX_TOK_WORD && t->end - t->start < WORD_MAX;
}

/* Lower-case form of word token i in buf (ASCII letters folded, the
 * right single quote read as an apostrophe). Returns its length, 0 when
 * it is not a word or too long. */
static size_t lower_word(const tctx *c, size_t i, char *buf)
{
	const px_token *t = c->tk + i;
	const char *p = c->a->norm.text + t->start;
	size_t n = t->end - t->start, j, k = 0;

	if (!is_word(t))
		return 0;
	for (j = 0; j < n; j++) {
		unsigned char b = (unsigned char)p[j];

		if (b == 0xE2 && j + 2 < n && (unsigned char)p[j + 1] == 0x80 &&
		    (unsigned char)p[j + 2] == 0x99) {
			buf[k++] = '\'';
			j += 2;
		} else if (b >= 'A' && b <= 'Z') {
			buf[k++] = (char)(b + 32);
		} else {
			buf[k++] = (char)b;
		}
	}
	buf[k] = '\0';
	return k;
}

/* Compound of a sentence part: sum scaled for length, normalized. */
static double part_compound(double sum, size_t words)
{
	if ((double)words > LEN_REF)
		sum *= root(LEN_REF / (double)words);
	return pxi_tone_compound(sum);
}

/* Is "like" after word token prev (or SIZE_MAX) a verb? */
static int liked(const tctx *c, size_t prev)
{
	char buf[WORD_MAX];
	size_t n;

	if (prev == SIZE_MAX)
		return 0;
	n = lower_word(c, prev, buf);
	return (word_flags(buf, n) & W_LIKER) != 0;
}

/* May a word opening with byte ch be a contrast word: b, h or n, in
 * either case? */
static int contrast_initial(unsigned char ch)
{
	ch |= 0x20; /* ASCII capitals to small letters */
	return ch == 'b' || ch == 'h' || ch == 'n';
}

/* Does the lower-case word w turn a sentence like "but": the clause
 * after it weighs more than the one before? */
static int contrast_word(const char *w, size_t n)
{
	static const char *const words[] = {
		"but", "however", "nevertheless", "nonetheless",
	};
	size_t k;

	if (n < 3 || !contrast_initial((unsigned char)w[0]))
		return 0; /* most words stop here, cheaply */
	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (strlen(words[k]) == n && !memcmp(words[k], w, n))
			return 1;
	return 0;
}

/* Is word token prev (or SIZE_MAX) "as" ("as well")? */
static int after_as(const tctx *c, size_t prev)
{
	char buf[WORD_MAX];

	return prev != SIZE_MAX && lower_word(c, prev, buf) == 2 &&
	       !memcmp(buf, "as", 2);
}

/* Is ring[j], a W_FEW word, a negation: not after "a" or "quite"? */
static int few(const tctx *c, const size_t *ring, size_t j)
{
	char buf[WORD_MAX];
	size_t n;

	if (j + 1 >= 3 || ring[j + 1] == SIZE_MAX)
		return 1;
	n = lower_word(c, ring[j + 1], buf);
	return !((n == 1 && buf[0] == 'a') ||
	         (n == 5 && !memcmp(buf, "quite", 5)));
}

/* Is name token i rather a word in capitals among lower-case ones
 * ("it was GOOD"), which the tagger may take for an acronym? */
static int shouted(const tctx *c, size_t i, size_t nupper, size_t nwords,
                   const char *w, size_t n)
{
	return (c->tk[i].flags & PX_TF_UPPER) && nupper < nwords &&
	       nupper * 4 < nwords && word_valence(w, n) != 0;
}

/* Length in tokens of the idiom starting at word token i (lower-case
 * w, n bytes) of a sentence ending before token end, or 0; *v gets its
 * valence. */
static size_t match_idiom(const tctx *c, size_t i, size_t end,
                          const char *w, size_t n, double *v)
{
	size_t k;

	for (k = 0; k < sizeof(idioms) / sizeof(idioms[0]); k++) {
		const char *z = idioms[k].z;
		size_t j = i;

		/* the first word, cheaply */
		if (z[0] != w[0] || strncmp(z, w, n) ||
		    (z[n] != ' ' && z[n] != '\0'))
			continue;

		while (*z && j < end) {
			char buf[WORD_MAX];
			size_t wn = lower_word(c, j, buf);
			size_t zn = strcspn(z, " ");

			if (!wn || wn != zn || memcmp(buf, z, wn))
				break;
			z += zn;
			j++;
			if (*z == ' ')
				z++;
			else
				break;
		}
		if (!*z) {
			*v = idioms[k].v;
			return j - i;
		}
	}
	return 0;
}

/* Does some idiom open with the word w? */
static int idiom_opens(const char *w, size_t n)
{
	static pxi_lexidx first = PXI_LEXIDX_FIRST_WORD(idioms, z);

	return pxi_lexidx_find(&first, w, n) >= 0;
}

/*
 * The word index: every lower-case word of which the lists above say
 * anything, with all they say of it, so that scoring a word is one hash
 * and one compare. Its words are those of the lexicon and the news
 * words, each with every ending valence_inflected() reads back (-s,
 * -ed, -ing, -ly, -ness; y as -ied/-ily, e dropped before -ed/-ing);
 * the listed words; the stems with -s, -es, -ed, -d, -ing; the idioms'
 * first words; the words of the markers' lists (markers.c), whose flags
 * it holds too, so that the markers read each token's from the lookup
 * scoring made (tctx.marks). Each entry holds what the slow functions
 * answer for its word (kept where some answer is not 0), so a word
 * absent from the index has all answers 0, and the rules' order and
 * conditions stay those functions' own. Words with an apostrophe are not indexed (a
 * word ending in n't is a negation, and listed words are found without
 * their apostrophes): they take the slow functions.
 *
 * Like pxi_lexidx, the index is static, built on first use under its
 * lock, then only read, and allocates nothing: about 1.75 MiB of tables.
 * Most words of a text are in none of the lists; for them a lookup reads
 * a slot or two of a table of 512 KiB, which stays in the cache.
 */
typedef struct tword {
	double val;          /* valence_inflected() */
	uint32_t off : 20;   /* the word in twords.pool, NUL-ended */
	uint32_t idiom : 1;  /* idiom_opens() */
	uint32_t sf : 8;     /* stem_flags() */
	uint32_t vc : 3;     /* pxi_portray_listed() */
	uint16_t wf;         /* word_flags() */
	uint16_t mf;         /* pxi_marker_flags(): markers.c's lists */
} tword;
_Static_assert(W_PREP <= UINT16_MAX && S_ACT <= UINT8_MAX &&
               PXI_MARK_KNOWN <= UINT16_MAX,
               "tword's wf, sf and mf hold every flag");

/* A slot holds its word's entry + 1 in its low TWORD_BITS bits (0: an
 * empty slot) and, above them, the same bits of the word's hash as
 * those of its slot word: a word that is not there mostly differs from
 * a slot's there, without reading the entry. There are twice as many
 * slots as entries can be, at most 3/8 full: most words looked up are
 * not there, and a miss probes until an empty slot (at 3/4 full, about
 * eight slots on average; at 3/8, about two). */
#define TWORD_BITS 16
#define TWORD_IDX ((1u << TWORD_BITS) - 1)
#define TWORD_SLOTS (2u << TWORD_BITS)
#define TWORD_MAX (TWORD_IDX / 4 * 3) /* entries */
#define TWORD_POOL (1u << 20) /* bytes of the words, NULs included:
                              * tword.off has 20 bits */

static struct {
	pthread_mutex_t lock;
	atomic_int ready;  /* built: read only from now on */
	int complete;      /* every word fitted; else all take the slow
	                    * functions */
	uint32_t count;    /* entries */
	uint32_t pool_n;   /* bytes of pool in use */
	uint32_t slot[TWORD_SLOTS]; /* open addressing, linear probing */
	tword word[TWORD_MAX];
	char pool[TWORD_POOL];
} twords = {.lock = PTHREAD_MUTEX_INITIALIZER};

/* Hash of the word (w, n), n > 0: its length and its first and last
 * eight bytes (four, or three single bytes, in a shorter word), read
 * in fixed sizes; the rest of a long word only its compare reads. */
static uint64_t tword_hash(const char *w, size_t n)
{
	uint64_t a = 0, b = 0, h;

	if (n >= 8) {
		memcpy(&a, w, 8);
		memcpy(&b, w + n - 8, 8);
	} else if (n >= 4) {
		uint32_t x, y;

		memcpy(&x, w, 4);
		memcpy(&y, w + n - 4, 4);
		a = x;
		b = y;
	} else {
		a = (uint64_t)(unsigned char)w[0] |
		    (uint64_t)(unsigned char)w[n / 2] << 8 |
		    (uint64_t)(unsigned char)w[n - 1] << 16;
	}
	h = (a ^ (uint64_t)n * 0x9E3779B97F4A7C15ull) * 0xFF51AFD7ED558CCDull;
	h = (h ^ (h >> 29) ^ b) * 0xC4CEB9FE1A85EC53ull;
	return h ^ (h >> 32);
}

/* The slot of the word (w, n): its entry's, or the empty one where it
 * would go (the table is never full). *tag gets the hash bits a slot of
 * the word holds above its entry. */
static uint32_t *tword_slot(const char *w, size_t n, uint32_t *tag)
{
	uint64_t h = tword_hash(w, n);
	uint32_t i = (uint32_t)h;

	*tag = (uint32_t)(h >> 32) & ~TWORD_IDX;
	for (;; i++) {
		uint32_t *s = &twords.slot[i & (TWORD_SLOTS - 1)];
		const char *z;

		if (!*s)
			return s;
		if ((*s & ~TWORD_IDX) != *tag)
			continue;
		/* the pool has WORD_MAX bytes after its last word */
		z = twords.pool + twords.word[(*s & TWORD_IDX) - 1].off;
		if (!memcmp(z, w, n) && z[n] == '\0')
			return s;
	}
}

/* What the slow functions say of the lower-case word (w, n) into *e (its
 * off 0). */
static void tword_compute(const char *w, size_t n, tword *e)
{
	memset(e, 0, sizeof(*e));
	e->val = valence_inflected(w, n);
	e->wf = (uint16_t)word_flags(w, n);
	e->sf = (uint8_t)stem_flags(w, n);
	e->idiom = idiom_opens(w, n) ? 1 : 0;
	e->mf = (uint16_t)pxi_marker_flags(w, n);
	e->vc = pxi_portray_listed(w, n) & 7u;
}

/* Index the word made of (p, n) and then (end, en), when some answer for
 * it is not 0; 0 when it does not fit. */
static int tword_add(const char *p, size_t n, const char *end, size_t en)
{
	char w[WORD_MAX];
	uint32_t *s, tag;
	tword e;

	if (n + en == 0 || n + en >= WORD_MAX)
		return 1; /* never looked up */
	memcpy(w, p, n);
	memcpy(w + n, end, en);
	n += en;
	if (memchr(w, '\'', n))
		return 1;
	tword_compute(w, n, &e);
	if (e.val == 0 && !e.wf && !e.sf && !e.idiom && !e.mf && !e.vc)
		return 1;
	s = tword_slot(w, n, &tag);
	if (*s)
		return 1; /* indexed already */
	if (twords.count == TWORD_MAX ||
	    twords.pool_n + n + 1 + WORD_MAX > TWORD_POOL)
		return 0;
	e.off = twords.pool_n;
	memcpy(twords.pool + e.off, w, n);
	twords.pool[e.off + n] = '\0';
	twords.pool_n += (uint32_t)n + 1;
	twords.word[twords.count++] = e;
	*s = tag | twords.count;
	return 1;
}

/* Index a word rated by the lexicon or the news words, with every form
 * valence_inflected() reads back to it. */
static int tword_add_rated(const char *z, size_t n)
{
	int ok = tword_add(z, n, "", 0) && tword_add(z, n, "s", 1) &&
	         tword_add(z, n, "ed", 2) && tword_add(z, n, "ing", 3) &&
	         tword_add(z, n, "ly", 2) && tword_add(z, n, "ness", 4);

	if (ok && n > 1 && z[n - 1] == 'y')
		ok = tword_add(z, n - 1, "ied", 3) &&
		     tword_add(z, n - 1, "ily", 3);
	if (ok && n > 1 && z[n - 1] == 'e')
		ok = tword_add(z, n - 1, "ed", 2) &&
		     tword_add(z, n - 1, "ing", 3);
	return ok;
}

/* Index a word of portray.c's lists; a stem with every inflection its
 * verb_kind() reads back (-s, -es, -ed, -d, -ing, -ion, -ions; the
 * stem's e dropped before an ending of two letters or more, its last
 * letter doubled before one). */
static int tword_add_verb(const char *z, int stem)
{
	static const char *const ends[] = {"", "s", "es", "ed", "d", "ing",
	                                   "ion", "ions"};
	size_t zn = strlen(z), k, en;
	char dbl[WORD_MAX];
	int ok = 1;

	if (!stem || zn == 0 || zn + 1 >= WORD_MAX)
		return tword_add(z, zn, "", 0);
	memcpy(dbl, z, zn);
	dbl[zn] = z[zn - 1];
	for (k = 0; ok && k < sizeof(ends) / sizeof(ends[0]); k++) {
		en = strlen(ends[k]);
		ok = tword_add(z, zn, ends[k], en);
		if (ok && en > 1 && z[zn - 1] == 'e')
			ok = tword_add(z, zn - 1, ends[k], en);
		if (ok && en > 1)
			ok = tword_add(dbl, zn + 1, ends[k], en);
	}
	return ok;
}

/* Fill the index once (see above). */
static void twords_build(void)
{
	size_t i, k;
	int ok = 1, stem;
	const char *z;

	pthread_mutex_lock(&twords.lock);
	if (atomic_load_explicit(&twords.ready, memory_order_relaxed))
		goto out;
	for (i = 0; ok && i < pxi_tone_lex_n; i++) {
		uint32_t off = pxi_tone_lex_off[i];

		ok = tword_add_rated(pxi_tone_lex_words + off,
		                     pxi_tone_lex_off[i + 1] - off - 1);
	}
	for (i = 0; ok && i < sizeof(news_words) / sizeof(news_words[0]); i++)
		ok = tword_add_rated(news_words[i].z, strlen(news_words[i].z));
	for (i = 0; ok && i < sizeof(listed) / sizeof(listed[0]); i++)
		ok = tword_add(listed[i].z, strlen(listed[i].z), "", 0);
	for (i = 0; ok && i < sizeof(stems) / sizeof(stems[0]); i++) {
		static const char *const ends[] = {"", "s", "es", "ed", "d",
		                                   "ing"};

		for (k = 0; ok && k < sizeof(ends) / sizeof(ends[0]); k++)
			ok = tword_add(stems[i].z, strlen(stems[i].z), ends[k],
			               strlen(ends[k]));
	}
	for (i = 0; ok && i < sizeof(idioms) / sizeof(idioms[0]); i++)
		ok = tword_add(idioms[i].z, strcspn(idioms[i].z, " "), "", 0);
	for (i = 0; ok && pxi_marker_word(i); i++)
		ok = tword_add(pxi_marker_word(i), strlen(pxi_marker_word(i)),
		               "", 0);
	for (i = 0; ok && (z = pxi_portray_word(i, &stem)) != NULL; i++)
		ok = tword_add_verb(z, stem);
	twords.complete = ok;
	atomic_store_explicit(&twords.ready, 1, memory_order_release);
out:
	pthread_mutex_unlock(&twords.lock);
}

/* What the lists say of the lower-case word (w, n): its index entry, or
 * tmp filled by the slow functions (a word with an apostrophe, or the
 * index incomplete), or an entry of zeros (a word it lacks). */
static const tword *tword_of(const char *w, size_t n, tword *tmp)
{
	static const tword none;
	uint32_t *s, tag;

	if (!atomic_load_explicit(&twords.ready, memory_order_acquire))
		twords_build();
	if (twords.complete && n > 0 && n < WORD_MAX) {
		s = tword_slot(w, n, &tag);
		if (*s)
			return &twords.word[(*s & TWORD_IDX) - 1];
		if (!memchr(w, '\'', n))
			return &none;
	}
	/* no index, or a word with an apostrophe (never indexed) */
	tword_compute(w, n, tmp);
	return tmp;
}

/* Does the word index answer for (w, n) as the slow functions do (for
 * tests)? */
int pxi_tone_word_check(const char *w, size_t n)
{
	tword slow, tmp;
	const tword *e = tword_of(w, n, &tmp);

	tword_compute(w, n, &slow);
	return twords.complete && e->val == slow.val && e->wf == slow.wf &&
	       e->sf == slow.sf && e->idiom == slow.idiom && e->mf == slow.mf &&
	       e->vc == slow.vc;
}

/* pxi_marker_flags() of the lower-case word (w, n), through the word
 * index. */
unsigned pxi_tone_word_marks(const char *w, size_t n)
{
	tword tmp;

	return tword_of(w, n, &tmp)->mf;
}

/* One voice's running counts. */
typedef struct voice {
	double sum;      /* of the current sentence part */
	double csum;     /* sum of part compounds */
	size_t parts;
	size_t pos, neg, act, self, words;
} voice;

/* A voice's counts as GDELT-style components (percentages of words). */
static void parts_from(px_tone_parts *p, const voice *v)
{
	double w = v->words ? (double)v->words : 1.0;

	memset(p, 0, sizeof(*p));
	p->words = v->words;
	p->positive = 100.0 * (double)v->pos / w;
	p->negative = 100.0 * (double)v->neg / w;
	p->tone = p->positive - p->negative;
	p->polarity = p->positive + p->negative;
	p->activity = 100.0 * (double)v->act / w;
	p->self_group = 100.0 * (double)v->self / w;
	p->compound = v->parts ? v->csum / (double)v->parts : 0.0;
}

/* Per-article state of the voices: the author's and one per quote. */
typedef struct voices {
	voice author;
	voice *quote; /* one per px_quote */
} voices;

/* The voice of quote q, or the author's for UINT32_MAX. */
static voice *voice_of(voices *vs, uint32_t q)
{
	return q == UINT32_MAX ? &vs->author : &vs->quote[q];
}

/* Record a reason; NULL on OOM. */
static px_tone_reason *add_reason(tctx *c, size_t tok, size_t tok_end,
                                  double base, double val, unsigned rules,
                                  size_t cue)
{
	px_tone_reason *r = pxi_vec_push(&c->a->ar, &c->t->reasons);

	if (!r)
		return NULL;
	memset(r, 0, sizeof(*r));
	r->span.start = c->tk[tok].start;
	r->span.end = c->tk[tok_end - 1].end;
	if (cue != SIZE_MAX) {
		r->cue.start = c->tk[cue].start;
		r->cue.end = c->tk[cue].end;
	}
	r->base = base;
	r->valence = val;
	r->rules = rules;
	r->quote = c->tq[tok] == UINT32_MAX ? NO_QUOTE : c->tq[tok];
	return r;
}

/* Count a word in its voice. */
static void count_word(voices *vs, const tctx *c, size_t i, unsigned wf,
                       unsigned sf)
{
	voice *v = voice_of(vs, c->tq[i]);

	v->words++;
	if (sf & S_ACT)
		v->act++;
	if (wf & W_SELF)
		v->self++;
}

/* Add a reason's valence to its voice. */
static void count_valence(voices *vs, const px_tone_reason *r, int word)
{
	voice *v = voice_of(vs, r->quote == NO_QUOTE ? UINT32_MAX
	                                             : (uint32_t)r->quote);

	v->sum += r->valence;
	if (!word)
		return;
	if (r->valence > 0)
		v->pos++;
	else if (r->valence < 0)
		v->neg++;
}

/* Does negation or "too" at token i (flags wf) reach the words after
 * it? Not "or not" ("buttered or not"), and not "too" closing a clause
 * ("a good thing, too"), where it means "also". */
static int negates(const tctx *c, size_t i, size_t end, unsigned wf)
{
	char buf[WORD_MAX];

	if (wf & W_TOO)
		return i + 1 < end && c->tk[i + 1].kind == PX_TOK_WORD;
	if (i > 0 && c->tk[i - 1].kind == PX_TOK_WORD &&
	    lower_word(c, i - 1, buf) == 2 && !memcmp(buf, "or", 2))
		return 0;
	return 1;
}

/* Score sentence si: its reasons, its tone entry, the voices' counts. */
static px_status score_sentence(tctx *c, size_t si, voices *vs)
{
	const px_sentence *s = (const px_sentence *)c->a->sents.a + si;
	size_t end = s->tok_first + s->tok_count, i, j;
	size_t but = SIZE_MAX, last_excl = SIZE_MAX, nexcl = 0;
	size_t nwords = 0, nupper = 0, skip_to = 0;
	size_t ring[3] = {SIZE_MAX, SIZE_MAX, SIZE_MAX};
	unsigned ringf[3] = {0, 0, 0};
	size_t rev = SIZE_MAX, rev_words = 0, opp = SIZE_MAX, opp_words = 0;
	px_sentence_tone *st;
	double sum = 0;
	char w[WORD_MAX];
	size_t n;

	st = pxi_vec_push(&c->a->ar, &c->t->sents);
	if (!st)
		return PX_ENOMEM;
	memset(st, 0, sizeof(*st));
	st->sentence = si;
	st->reason_first = c->t->reasons.n;
	for (i = s->tok_first; i < end; i++) {
		const px_token *t = c->tk + i;

		if (t->kind == PX_TOK_PUNCT && t->end - t->start == 1 &&
		    c->a->norm.text[t->start] == '!') {
			nexcl++;
			last_excl = i;
		}
		if (!is_word(t))
			continue;
		nwords++;
		if (t->flags & PX_TF_UPPER)
			nupper++;
		/* lower-cased only when it may be "but", "however" ... */
		if (but == SIZE_MAX && i > s->tok_first &&
		    contrast_initial((unsigned char)
		                     c->a->norm.text[t->start])) {
			n = lower_word(c, i, w);
			if (contrast_word(w, n))
				but = i;
		}
	}
	for (i = s->tok_first; i < end; i++) {
		const px_token *t = c->tk + i;
		double base, v, idv = 0;
		unsigned rules = 0, wf, sf;
		const tword *tw;
		tword tmp;
		size_t cue = SIZE_MAX, len = 1;
		px_tone_reason *r;

		n = lower_word(c, i, w);
		if (t->kind == PX_TOK_PUNCT) {
			rev = SIZE_MAX;
			opp = SIZE_MAX;
			/* a negation's reach ends with its clause */
			ring[0] = ring[1] = ring[2] = SIZE_MAX;
			ringf[0] = ringf[1] = ringf[2] = 0;
		}
		if (!n || (t->flags & PX_TF_RESIDUE))
			continue;
		tw = tword_of(w, n, &tmp);
		/* for the markers, whose words fold no apostrophes */
		if (n == t->end - t->start) {
			c->marks[i] = (uint16_t)(tw->mf | PXI_MARK_KNOWN);
			c->cls[i] = (unsigned char)pxi_portray_class(
				tw->vc, c->a->norm.text + t->start, w, n);
		}
		wf = tw->wf;
		sf = tw->sf;
		count_word(vs, c, i, wf, sf);
		if (rev != SIZE_MAX && ++rev_words > 6)
			rev = SIZE_MAX;
		if (opp != SIZE_MAX && ++opp_words > 6)
			opp = SIZE_MAX;
		if (i < skip_to)
			continue;
		len = tw->idiom ? match_idiom(c, i, end, w, n, &idv) : 0;
		if (len && idv == 0) {
			/* a phrase without tone: "no wonder", "not only";
			 * it negates nothing after it */
			skip_to = i + len;
			wf = 0;
			goto next;
		}
		if ((wf & (W_NEG | W_TOO)) && !negates(c, i, end, wf)) {
			wf &= ~(W_NEG | W_TOO);
			goto next;
		}
		if (((wf & W_NEG) && !(wf & W_PREP)) || (wf & W_TOO)) {
			double dv = (wf & W_NEG) ? DENIAL : DENIAL * TOO_CUE;

			r = add_reason(c, i, i + 1, 0, dv, PX_TONE_DENIAL,
			               SIZE_MAX);
			if (!r)
				return PX_ENOMEM;
			count_valence(vs, r, 0);
			sum += dv;
		}
		if (sf & S_OPP) {
			opp = i;
			opp_words = 0;
		}
		if (len) {
			base = idv;
			rules = PX_TONE_IDIOM;
			skip_to = i + len;
		} else if (sf & S_REV) {
			rev = i;
			rev_words = 0;
			goto next;
		} else if ((c->name[i] && !shouted(c, i, nupper, nwords, w,
		                                   n)) ||
		           (wf & (W_NEG | W_BOOST | W_DAMP)) ||
		           ((wf & W_TOPIC) && (!(wf & W_WELL) ||
		                               after_as(c, ring[0]))) ||
		           (n == 4 && !memcmp(w, "like", 4) &&
		            !liked(c, ring[0]))) {
			goto next;
		} else {
			len = 1;
			base = tw->val;
			if (base == 0)
				goto next;
		}
		v = base;
		/* Intensifiers and dampeners up to three words before. */
		for (j = 0; j < 3; j++) {
			double scal = 1.0 - 0.05 * (double)j;

			if (ring[j] == SIZE_MAX)
				break;
			if (ringf[j] & W_BOOST) {
				v += (v > 0 ? B_INCR : -B_INCR) * scal;
				rules |= PX_TONE_BOOSTED;
				cue = ring[j];
			} else if (ringf[j] & W_DAMP) {
				v -= (v > 0 ? B_INCR : -B_INCR) * scal;
				rules |= PX_TONE_DAMPENED;
				cue = ring[j];
			}
		}
		if ((t->flags & PX_TF_UPPER) && nupper < nwords) {
			v += v > 0 ? C_INCR : -C_INCR;
			rules |= PX_TONE_CAPS;
		}
		for (j = 0; j < 3; j++) {
			if (ring[j] == SIZE_MAX)
				break;
			if ((ringf[j] & W_NEG) ||
			    (j == 0 && v > 0 && (ringf[j] & W_TOO)) ||
			    ((ringf[j] & W_FEW) && few(c, ring, j))) {
				v *= N_SCALAR;
				rules |= PX_TONE_NEGATED;
				cue = ring[j];
				break;
			}
		}
		if (rev != SIZE_MAX && v < 0 && !(rules & PX_TONE_NEGATED)) {
			v *= N_SCALAR;
			rules |= PX_TONE_REVERSED;
			cue = rev;
		} else if (opp != SIZE_MAX && opp != i && v > 0 &&
		           !(rules & PX_TONE_NEGATED)) {
			v *= N_SCALAR;
			rules |= PX_TONE_REVERSED;
			cue = opp;
		}
		if (but != SIZE_MAX) {
			v *= i < but ? BUT_BEFORE : BUT_AFTER;
			rules |= PX_TONE_CONTRAST;
		}
		if (v < 0)
			v *= NEG_WEIGHT;
		r = add_reason(c, i, i + len, base, v, rules, cue);
		if (!r)
			return PX_ENOMEM;
		count_valence(vs, r, 1);
		sum += v;
next:
		ring[2] = ring[1];
		ring[1] = ring[0];
		ring[0] = i;
		ringf[2] = ringf[1];
		ringf[1] = ringf[0];
		ringf[0] = wf;
	}
	if (nexcl && sum != 0 && !(c->tk[last_excl].flags & PX_TF_RESIDUE)) {
		double e = (double)(nexcl > 4 ? 4 : nexcl) * E_INCR;
		px_tone_reason *r;

		if (sum < 0)
			e = -e;
		r = add_reason(c, last_excl, last_excl + 1, 0, e,
		               PX_TONE_EXCLAIM, SIZE_MAX);
		if (!r)
			return PX_ENOMEM;
		count_valence(vs, r, 0);
		sum += e;
	}
	st->sum = sum;
	st->compound = part_compound(sum, nwords);
	st->words = nwords;
	st->reason_count = c->t->reasons.n - st->reason_first;
	return PX_OK;
}

/* The speaker entry for quote q, made when new; NULL on OOM. */
static px_speaker_tone *speaker_of(tctx *c, const px_quote *q)
{
	px_speaker_tone *sp = c->t->speakers.a;
	const char *tx = c->a->norm.text;
	size_t i, qn = q->speaker_span.end - q->speaker_span.start;

	for (i = 0; i < c->t->speakers.n; i++) {
		size_t sn = sp[i].speaker_span.end - sp[i].speaker_span.start;

		if (sp[i].speaker_kind != q->speaker_kind)
			continue;
		if (q->speaker_kind == PX_SPEAKER_NAMED) {
			if (sp[i].speaker == q->speaker)
				return sp + i;
		} else if (sn == qn && !memcmp(tx + sp[i].speaker_span.start,
		                               tx + q->speaker_span.start, qn)) {
			return sp + i;
		}
	}
	sp = pxi_vec_push(&c->a->ar, &c->t->speakers);
	if (!sp)
		return NULL;
	memset(sp, 0, sizeof(*sp));
	sp->speaker_kind = q->speaker_kind;
	sp->speaker = q->speaker_kind == PX_SPEAKER_NAMED ? q->speaker
	                                                   : SIZE_MAX;
	sp->speaker_span = q->speaker_span;
	return sp;
}

/* Add quote voice v (its sum in csum) to dst as one part. */
static void add_voice(voice *dst, const voice *v)
{
	dst->csum += part_compound(v->csum, v->words);
	dst->parts++;
	dst->pos += v->pos;
	dst->neg += v->neg;
	dst->act += v->act;
	dst->self += v->self;
	dst->words += v->words;
}

/* Per speaker: the voices of their quotes summed. */
static px_status speakers(tctx *c, voices *vs)
{
	const px_quote *qs = c->a->quotes.a;
	voice all;
	size_t q, k;
	voice *per;

	memset(&all, 0, sizeof(all));
	per = pxi_arena_alloc(&c->a->scratch,
	                      (c->a->quotes.n + 1) * sizeof(*per));
	if (!per)
		return PX_ENOMEM;
	memset(per, 0, (c->a->quotes.n + 1) * sizeof(*per));
	for (q = 0; q < c->a->quotes.n; q++) {
		const voice *v = &vs->quote[q];
		px_speaker_tone *sp;

		if (qs[q].kind != PX_QUOTE_DIRECT)
			continue;
		sp = speaker_of(c, qs + q);
		if (!sp)
			return PX_ENOMEM;
		sp->quotes++;
		k = (size_t)(sp - (px_speaker_tone *)c->t->speakers.a);
		add_voice(&all, v);
		add_voice(&per[k], v);
	}
	for (k = 0; k < c->t->speakers.n; k++)
		parts_from(&((px_speaker_tone *)c->t->speakers.a)[k].parts,
		           &per[k]);
	parts_from(&c->t->tone.quoted, &all);
	return PX_OK;
}

/*
 * The tone stage: score every sentence that is not residue, sum the
 * voices, make one entry per speaker of direct quotes. A quote's
 * compound is that of the sum of its words' valences (quote voices keep
 * their sum in csum); the author's is the mean over sentences with
 * author words. Returns PX_OK or PX_ENOMEM.
 */
px_status pxi_tone_find(px_article *a)
{
	const px_quote *qs = a->quotes.a;
	const px_mention *ms = a->mentions.a;
	const px_sentence *ss = a->sents.a;
	size_t i, k = 0, nq = a->quotes.n;
	voices vs;
	tctx c;
	px_status rc;

	memset(&c, 0, sizeof(c));
	memset(&vs, 0, sizeof(vs));
	c.a = a;
	c.tk = a->toks.a;
	c.nt = a->toks.n;
	c.t = pxi_arena_alloc(&a->ar, sizeof(*c.t));
	c.tq = pxi_arena_alloc(&a->scratch, (c.nt + 1) * sizeof(*c.tq));
	c.name = pxi_arena_alloc(&a->scratch, c.nt + 1);
	c.marks = pxi_arena_alloc(&a->scratch, (c.nt + 1) * sizeof(*c.marks));
	c.cls = pxi_arena_alloc(&a->scratch, c.nt + 1);
	vs.quote = pxi_arena_alloc(&a->scratch, (nq + 1) * sizeof(*vs.quote));
	if (!c.t || !c.tq || !c.name || !c.marks || !c.cls || !vs.quote)
		return PX_ENOMEM;
	memset(c.t, 0, sizeof(*c.t));
	memset(c.name, 0, c.nt + 1);
	memset(c.marks, 0, (c.nt + 1) * sizeof(*c.marks));
	memset(c.cls, 0, c.nt + 1);
	memset(vs.quote, 0, (nq + 1) * sizeof(*vs.quote));
	pxi_vec_init(&c.t->sents, sizeof(px_sentence_tone), a->sents.max);
	pxi_vec_init(&c.t->reasons, sizeof(px_tone_reason), a->toks.max);
	pxi_vec_init(&c.t->speakers, sizeof(px_speaker_tone), a->quotes.max);
	for (i = 0; i < c.nt; i++) {
		c.tq[i] = UINT32_MAX;
		while (k < nq && (qs[k].kind != PX_QUOTE_DIRECT ||
		                  qs[k].span.end <= c.tk[i].start))
			k++;
		if (k < nq && qs[k].span.start <= c.tk[i].start &&
		    k < UINT32_MAX)
			c.tq[i] = (uint32_t)k;
	}
	k = 0;
	for (i = 0; i < a->mentions.n; i++) {
		while (k < c.nt && c.tk[k].end <= ms[i].span.start)
			k++;
		while (k < c.nt && c.tk[k].start < ms[i].span.end)
			c.name[k++] = 1;
	}
	for (i = 0; i < a->sents.n; i++) {
		size_t author0 = vs.author.words;
		double asum;

		if (ss[i].residue)
			continue;
		rc = score_sentence(&c, i, &vs);
		if (rc)
			return rc;
		/* The author's part of this sentence is one part. */
		asum = vs.author.sum;
		vs.author.sum = 0;
		if (vs.author.words > author0) {
			vs.author.csum += part_compound(asum,
			                                vs.author.words - author0);
			vs.author.parts++;
		}
	}
	/* A quote's part: its whole sum, kept in csum for speakers(). */
	for (i = 0; i < nq; i++) {
		vs.quote[i].csum = vs.quote[i].sum;
		vs.quote[i].sum = 0;
	}
	parts_from(&c.t->tone.author, &vs.author);
	rc = speakers(&c, &vs);
	if (rc)
		return rc;
	rc = pxi_portray(a, c.t, c.cls);
	if (rc)
		return rc;
	rc = pxi_markers_find(a, c.t, c.marks);
	if (rc)
		return rc;
	a->tone = c.t;
	return a->ar.oom ? PX_ENOMEM : PX_OK;
}

/* Map the tone's spans (reasons, markers, speakers) to the original
 * bytes. */
void pxi_tone_finalize(px_article *a)
{
	size_t i;

	if (!a->tone)
		return;
	for (i = 0; i < a->tone->reasons.n; i++) {
		px_tone_reason *r = (px_tone_reason *)a->tone->reasons.a + i;

		r->span.start = pxi_norm_to_orig(&a->norm, r->span.start, 0);
		r->span.end = pxi_norm_to_orig(&a->norm, r->span.end, 1);
		r->cue.start = pxi_norm_to_orig(&a->norm, r->cue.start, 0);
		r->cue.end = pxi_norm_to_orig(&a->norm, r->cue.end, 1);
	}
	for (i = 0; i < a->tone->markers.n; i++) {
		px_marker *m = (px_marker *)a->tone->markers.a + i;

		m->span.start = pxi_norm_to_orig(&a->norm, m->span.start, 0);
		m->span.end = pxi_norm_to_orig(&a->norm, m->span.end, 1);
	}
	pxi_portray_finalize(a);
	for (i = 0; i < a->tone->speakers.n; i++) {
		px_speaker_tone *s = (px_speaker_tone *)a->tone->speakers.a + i;

		s->speaker_span.start = pxi_norm_to_orig(&a->norm,
		                                         s->speaker_span.start,
		                                         0);
		s->speaker_span.end = pxi_norm_to_orig(&a->norm,
		                                       s->speaker_span.end, 1);
	}
}

/* The article's tone; NULL when not computed. */
const px_tone *px_article_tone(const px_article *a)
{
	return a && a->tone ? &a->tone->tone : NULL;
}

#define TONE_GETTER(fn, type, vec)                                   \
	const type *fn(const px_article *a, size_t *n)               \
	{                                                            \
		if (n)                                               \
			*n = a && a->tone ? a->tone->vec.n : 0;      \
		return a && a->tone ? (const type *)a->tone->vec.a   \
		                    : NULL;                          \
	}

TONE_GETTER(px_article_sentence_tones, px_sentence_tone, sents)
TONE_GETTER(px_article_tone_reasons, px_tone_reason, reasons)
TONE_GETTER(px_article_speaker_tones, px_speaker_tone, speakers)
TONE_GETTER(px_article_entity_tones, px_entity_tone, entities)
