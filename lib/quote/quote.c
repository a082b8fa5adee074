/*
 * quote.c - who said what: direct quotes (the words inside quote marks,
 * over several sentences and across paragraphs), quoted terms that nobody
 * says (names, scare quotes, "so-called"), reported speech ("X warned
 * that ..."), and the speaker of each: a named entity, an anonymous source
 * ("a senior official"), or unresolved - never a guess.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../entity/entity.h"
#include "../text/lexicon.h"
#include "../text/text.h"
#include "quote_int.h"

/* Classes of words that the speaker and quote rules ask about, as bits
 * of one mask per token (qctx.cls). Each list the rules read word by word
 * is one bit, and one lookup of a word in an index of all the lists
 * (qword_find) gives all its bits: a token's are found once per article,
 * then every question about it is a bit test. C_PREP: prepositions;
 * C_DET: determiners and possessives before a noun; C_PRONOUN: pronouns
 * that can name a speaker; C_SELF: speakers as written that name no
 * entity of the article - the writer ("I said"), a group of writers, a
 * document ("it reads"); C_TELL: verbs whose object is the listener, not
 * the speaker ("told X"); C_ANON_DET: words before the head noun of an
 * anonymous source ("several senior officials"); C_DESC: words that open
 * a description the ranker weighs as a speaker ("the judge said"). The
 * other bits are named for their lists below. */
#define C_PREP        (UINT64_C(1) << 0)
#define C_DET         (UINT64_C(1) << 1)
#define C_PRONOUN     (UINT64_C(1) << 2)
#define C_SELF        (UINT64_C(1) << 3)
#define C_TELL        (UINT64_C(1) << 4)
#define C_ANON_DET    (UINT64_C(1) << 5)
#define C_DESC        (UINT64_C(1) << 6)
#define C_SPEECH      (UINT64_C(1) << 7)  /* pxi_lex_speech, quote_verbs */
#define C_ANON_NOUN   (UINT64_C(1) << 8)  /* pxi_lex_anon_noun */
#define C_NOT_NAME    (UINT64_C(1) << 9)  /* pxi_lex_not_name */
#define C_STOP        (UINT64_C(1) << 10) /* pxi_lex_stop */
#define C_ROLE        (UINT64_C(1) << 11) /* pxi_lex_role */
#define C_SOURCE      (UINT64_C(1) << 12) /* source_nouns */
#define C_TERM_CUE    (UINT64_C(1) << 13) /* term_cues */
#define C_THE         (UINT64_C(1) << 14)
#define C_OFFICE      (UINT64_C(1) << 15) /* "X's office" */
#define C_HEAD_END    (UINT64_C(1) << 16) /* after a description's head */
#define C_NAME_LINK   (UINT64_C(1) << 17) /* of, and, for */
#define C_TITLE_LINK  (UINT64_C(1) << 18) /* of, the, and, for */
#define C_NAME_STOP   (UINT64_C(1) << 19) /* that, he, she, they, it */
#define C_OF          (UINT64_C(1) << 20)
#define C_GOES_ON     (UINT64_C(1) << 21) /* "...” and that" */
#define C_ACCORDING   (UINT64_C(1) << 22)
#define C_TO          (UINT64_C(1) << 23)
#define C_MODAL       (UINT64_C(1) << 24) /* to, will, would, can ... */
#define C_AND_BUT     (UINT64_C(1) << 25)
#define C_CLAUSE_OPEN (UINT64_C(1) << 26) /* after, as, when ... */
#define C_REL         (UINT64_C(1) << 27) /* that, who, which */
#define C_DESC_END    (UINT64_C(1) << 28) /* who, which, that, and */
#define C_NOT_REPORT  (UINT64_C(1) << 29) /* according, statement ... */
#define C_THAT        (UINT64_C(1) << 30)
#define C_OBJ_VERB    (UINT64_C(1) << 31) /* highlighted, stressed ... */
#define C_BACK_VERB   (UINT64_C(1) << 32) /* shot (back) ... */
#define C_ON_VERB     (UINT64_C(1) << 33) /* went (on), goes (on) */
#define C_IT_VERB     (UINT64_C(1) << 34) /* put (it), puts (it) */
#define C_BACK        (UINT64_C(1) << 35)
#define C_ON          (UINT64_C(1) << 36)
#define C_IT          (UINT64_C(1) << 37)
/* Bits found from the token's text, not from the lists. */
#define C_CONTRACTED  (UINT64_C(1) << 40) /* pronoun_contracted() */
#define C_POSS        (UINT64_C(1) << 41) /* "Doe's", "Doe’s" */
#define C_ROLE_STEM   (UINT64_C(1) << 42) /* a role word, 's or ’s off */
#define C_VERB        (UINT64_C(1) << 43) /* a reporting verb: C_SPEECH
                                           * or a two-word one */

static const struct {
	const char *z;
	uint64_t bits;
} small_words[] = {
	{"a", C_DET | C_ANON_DET | C_DESC},
	{"about", C_PREP},
	{"against", C_PREP},
	{"among", C_PREP},
	{"an", C_DET | C_ANON_DET | C_DESC},
	{"anonymous", C_ANON_DET},
	{"another", C_ANON_DET | C_DESC},
	{"ask", C_TELL},
	{"asked", C_TELL},
	{"asks", C_TELL},
	{"at", C_PREP},
	{"between", C_PREP},
	{"by", C_PREP},
	{"few", C_ANON_DET},
	{"for", C_PREP},
	{"from", C_PREP},
	{"he", C_PRONOUN},
	{"her", C_DET | C_DESC},
	{"his", C_DET | C_DESC},
	{"i", C_SELF},
	{"in", C_PREP},
	{"it", C_SELF},
	{"its", C_DET},
	{"like", C_PREP},
	{"many", C_ANON_DET},
	{"of", C_PREP},
	{"on", C_PREP},
	{"one", C_DET | C_ANON_DET | C_DESC},
	{"other", C_ANON_DET},
	{"senior", C_ANON_DET},
	{"several", C_ANON_DET},
	{"she", C_PRONOUN},
	{"some", C_ANON_DET},
	{"tell", C_TELL},
	{"telling", C_TELL},
	{"tells", C_TELL},
	{"than", C_PREP},
	{"the", C_DET | C_DESC},
	{"their", C_DET | C_DESC},
	{"they", C_PRONOUN},
	{"this", C_DET},
	{"three", C_ANON_DET},
	{"to", C_PREP},
	{"told", C_TELL},
	{"toward", C_PREP},
	{"towards", C_PREP},
	{"two", C_ANON_DET},
	{"unnamed", C_ANON_DET},
	{"we", C_SELF},
	{"with", C_PREP},
};

/* Words before a quote that make it a name, not speech. */
static const char *const term_cues[] = {
	"so-called", "dubbed", "termed", "named", "nicknamed", "branded",
	"titled", "entitled", NULL
};

/* Reporting verbs for direct quotes beyond the shared list (lower case):
 * "..., Viguerie concludes", "a man yelled “...”". */
static const char *const quote_verbs[] = {
	"accuses", "answer", "answered", "answers", "assured", "barked",
	"beamed", "bellowed", "blasted", "booms", "boomed", "chanted",
	"chants", "charged", "conclude", "concludes", "confessed",
	"continues", "cried", "cries", "demurred", "exclaimed", "fumed",
	"grumbled", "groused", "gushed", "interjected", "interrupted",
	"intoned", "jokes", "laughed", "laughs", "marveled", "marvelled",
	"mused", "muses", "points", "pressed", "quips", "read", "reads",
	"recounts", "remembered", "remembers", "retaliated", "retorts",
	"scoffed", "scolded", "screamed", "screams", "shouts", "sighed",
	"snapped", "sneered", "teased", "wondered", "wonders", "yelled",
	"yells", NULL
};

/* Nouns of descriptions that speak beyond roles and anonymous sources:
 * "the judge" is a role, "a man yelled", "the statement reads". */
static const char *const source_nouns[] = {
	"man", "woman", "men", "women", "crowd", "group", "groups",
	"statement", "report", "letter", "tweet", "post", "ad", "ads",
	"website", "complaint", "transcript", "newspaper", "paper",
	"editorial", "poll", "memo", "release", "message", "sign",
	"campaign", "team", "office", "committee", "panel", "board",
	"court", "magazine", "network", "site", "publication", "blog",
	"article", "story", "headline", "video", "book", "speech",
	"filing", "lawsuit", "note", "email", "e-mail", "banner",
	"reporter", "reporters", "audience", "protesters", "voters",
	"supporters", "critics", "residents", "people", "child", NULL
};

/* The small lists of the rules, each one bit. */
static const struct {
	uint64_t bit;
	const char *const *list;
} rule_lists[] = {
	{C_TERM_CUE, term_cues},
	{C_SPEECH, quote_verbs},
	{C_SOURCE, source_nouns},
	{C_THE, (const char *const[]){"the", NULL}},
	/* "X's office": the office speaks for X */
	{C_OFFICE, (const char *const[]){"office", "spokesman", "spokeswoman",
	                                 "spokesperson", "administration",
	                                 "government", "camp", "team", "aides",
	                                 NULL}},
	/* a role word heads the phrase when one of these follows it */
	{C_HEAD_END, (const char *const[]){"also", "who", "which", "that",
	                                   "and", "has", "had", "was", "is",
	                                   "will", "would", "then", "again",
	                                   "on", NULL}},
	/* part of a longer name ("Union of Port and Dock Workers") */
	{C_NAME_LINK, (const char *const[]){"of", "and", "for", NULL}},
	/* small words of a title-case name ("Coalition of the Willing") */
	{C_TITLE_LINK, (const char *const[]){"of", "the", "and", "for", NULL}},
	/* the end of a name after a reporting verb */
	{C_NAME_STOP, (const char *const[]){"that", "he", "she", "they", "it",
	                                    NULL}},
	{C_OF, (const char *const[]){"of", NULL}},
	/* "...” and that he had seen ...": the sentence goes on */
	{C_GOES_ON, (const char *const[]){"and", "or", "but", "that",
	                                  "because", "while", "as", "before",
	                                  "after", "to", "for", "in", "of",
	                                  "on", "with", "than", "so", "if",
	                                  "when", "from", "at", NULL}},
	{C_ACCORDING, (const char *const[]){"according", NULL}},
	{C_TO, (const char *const[]){"to", NULL}},
	/* "will continue to be", "to announce": an infinitive */
	{C_MODAL, (const char *const[]){"to", "will", "would", "can", "could",
	                                "may", "might", "should", "must",
	                                NULL}},
	{C_AND_BUT, (const char *const[]){"and", "but", NULL}},
	/* an opening phrase before the subject ("When ..., the ad") */
	{C_CLAUSE_OPEN, (const char *const[]){"after", "as", "when", "while",
	                                      "before", "during", NULL}},
	{C_REL, (const char *const[]){"that", "who", "which", NULL}},
	{C_DESC_END, (const char *const[]){"who", "which", "that", "and",
	                                   NULL}},
	/* listed verbs that report nothing after a speaker */
	{C_NOT_REPORT, (const char *const[]){"according", "statement",
	                                     "remarks", "words", NULL}},
	{C_THAT, (const char *const[]){"that", NULL}},
	/* verbs that take reported speech without "that" */
	{C_OBJ_VERB, (const char *const[]){"highlighted", "stressed",
	                                   "emphasized", "noted",
	                                   "acknowledged", NULL}},
	/* two-word reporting verbs: "shot back", "went on", "put it" */
	{C_BACK_VERB, (const char *const[]){"shot", "fired", "hit", "snapped",
	                                    "pushed", NULL}},
	{C_ON_VERB, (const char *const[]){"went", "goes", NULL}},
	{C_IT_VERB, (const char *const[]){"put", "puts", NULL}},
	{C_BACK, (const char *const[]){"back", NULL}},
	{C_ON, (const char *const[]){"on", NULL}},
	{C_IT, (const char *const[]){"it", NULL}},
};

/*
 * The index of every word of the lists above and of the shared lists
 * the rules read (pxi_lex_speech, _anon_noun, _not_name, _stop, _role),
 * each with the bits of all the lists that hold it. Words match as the
 * lists matched them one by one: ASCII capitals of the looked-up word
 * fold to the lists' lower case. Static, built on first use under its
 * lock, then only read (the pxi_lexidx pattern, lib/text/lexicon.h).
 */
#define QW_SLOTS 4096
#define QW_BITS 12 /* log2(QW_SLOTS) */
typedef struct qword {
	uint64_t key;   /* qw_key() */
	size_t n;
	const char *z;
	uint64_t bits;
} qword;

static struct {
	pthread_mutex_t lock;
	atomic_int ready;
	size_t n;
	uint16_t slot[QW_SLOTS]; /* word + 1 by hash, 0 empty */
	qword w[QW_SLOTS / 4];
	uint64_t mask[9];        /* the first n bytes of eight, n = 0..8 */
} qwords = { .lock = PTHREAD_MUTEX_INITIALIZER };

#define QW_LOW7 UINT64_C(0x7F7F7F7F7F7F7F7F)
#define QW_HIGH UINT64_C(0x8080808080808080)

/* The first eight bytes of (p, n) (zeros past n) as a number, ASCII
 * capitals folded eight at a time: a byte under 0x80 that is at least
 * 'A' (+0x3F sets its high bit) and not over 'Z' (+0x25 does not) gets
 * the 0x20 bit. With avail >= 8 bytes readable at p, one load. */
static inline uint64_t qw_key(const char *p, size_t n, size_t avail)
{
	uint64_t x = 0, lo;
	size_t m = n < 8 ? n : 8;

	if (avail >= 8) {
		memcpy(&x, p, 8);
		x &= qwords.mask[m];
	} else {
		unsigned char b[8] = {0};

		memcpy(b, p, m);
		memcpy(&x, b, 8);
	}
	lo = x & QW_LOW7;
	return x | ((lo + UINT64_C(0x3F3F3F3F3F3F3F3F)) &
	            ~(lo + UINT64_C(0x2525252525252525)) & ~x & QW_HIGH) >> 2;
}

/* The slot a key and length start at: the top bits of a product. */
static inline size_t qw_hash(uint64_t key, size_t n)
{
	return (size_t)(((key ^ (uint64_t)n * UINT64_C(0x9E3779B97F4A7C15)) *
	                 UINT64_C(0xD6E8FEB86659FD93)) >> (64 - QW_BITS));
}

/* Are the bytes of (p, n) past the eighth, folded, those of z? */
static int qw_tail_same(const char *z, const char *p, size_t n)
{
	size_t i;

	for (i = 8; i < n; i++) {
		unsigned u = (unsigned char)p[i];

		if ((unsigned char)z[i] != (u - 'A' < 26u ? u | 0x20u : u))
			return 0;
	}
	return 1;
}

/* The word of the index that (p, n) is, folded, or NULL; avail bytes
 * can be read at p. */
static const qword *qw_slot(const char *p, size_t n, size_t avail)
{
	uint64_t key = qw_key(p, n, avail);
	size_t s = qw_hash(key, n);
	uint16_t e;

	while ((e = qwords.slot[s]) != 0) {
		const qword *w = &qwords.w[e - 1];

		if (w->key == key && w->n == n &&
		    (n <= 8 || qw_tail_same(w->z, p, n)))
			return w;
		s = (s + 1) & (QW_SLOTS - 1);
	}
	return NULL;
}

/* Add the word z (lower case) to the index with bits. Under the lock. */
static void qw_add(const char *z, uint64_t bits)
{
	size_t n = strlen(z), i, s;
	qword *w = (qword *)qw_slot(z, n, 0);

	if (w) {
		w->bits |= bits;
		return;
	}
	assert(n && qwords.n < QW_SLOTS / 4);
	for (i = 0; i < n; i++)
		assert(!(z[i] >= 'A' && z[i] <= 'Z'));
	w = &qwords.w[qwords.n++];
	w->key = qw_key(z, n, 0);
	w->n = n;
	w->z = z;
	w->bits = bits;
	for (s = qw_hash(w->key, n); qwords.slot[s];
	     s = (s + 1) & (QW_SLOTS - 1))
		;
	qwords.slot[s] = (uint16_t)qwords.n;
}

static void qw_build(void)
{
	static const struct {
		uint64_t bit;
		const char *const *list;
		const size_t *n;
	} shared[] = {
		{C_SPEECH, pxi_lex_speech, &pxi_lex_speech_n},
		{C_ANON_NOUN, pxi_lex_anon_noun, &pxi_lex_anon_noun_n},
		{C_NOT_NAME, pxi_lex_not_name, &pxi_lex_not_name_n},
		{C_STOP, pxi_lex_stop, &pxi_lex_stop_n},
		{C_ROLE, pxi_lex_role, &pxi_lex_role_n},
	};
	size_t i, k;

	pthread_mutex_lock(&qwords.lock);
	if (!atomic_load_explicit(&qwords.ready, memory_order_relaxed)) {
		for (i = 0; i <= 8; i++) {
			unsigned char b[8] = {0};

			memset(b, 0xFF, i);
			memcpy(&qwords.mask[i], b, 8);
		}
		for (i = 0; i < sizeof(small_words) / sizeof(small_words[0]);
		     i++)
			qw_add(small_words[i].z, small_words[i].bits);
		for (i = 0; i < sizeof(rule_lists) / sizeof(rule_lists[0]); i++)
			for (k = 0; rule_lists[i].list[k]; k++)
				qw_add(rule_lists[i].list[k], rule_lists[i].bit);
		for (i = 0; i < sizeof(shared) / sizeof(shared[0]); i++)
			for (k = 0; k < *shared[i].n; k++)
				qw_add(shared[i].list[k], shared[i].bit);
		atomic_store_explicit(&qwords.ready, 1, memory_order_release);
	}
	pthread_mutex_unlock(&qwords.lock);
}

/* The list bits of the word (p, n), 0 for a word of no list; avail
 * bytes can be read at p. */
static uint64_t qword_find(const char *p, size_t n, size_t avail)
{
	const qword *w = n ? qw_slot(p, n, avail) : NULL;

	return w ? w->bits : 0;
}

typedef struct qctx {
	px_article *a;
	const px_token *tk;
	size_t nt;
	size_t *sent_of;      /* token -> sentence */
	uint64_t *cls;        /* token's C_ bits (0 for all but words) */
	unsigned char *inq;   /* token is inside quote marks */
	size_t *ment;         /* token's mention_of(), or UNASKED */
} qctx;

/* What qctx.ment holds for a token not yet asked about (no article has
 * that many mentions). */
#define UNASKED (SIZE_MAX - 1)

/* The mention overlapping token i (pxi_mention_at), or SIZE_MAX: found
 * once per token (find_mentions), as the speaker rules and the ranker ask
 * again and again about the tokens around each quote. */
static size_t mention_of(const qctx *q, size_t i)
{
	if (q->ment[i] == UNASKED)
		q->ment[i] = pxi_mention_at(q->a, q->tk[i].start,
		                            q->tk[i].end);
	return q->ment[i];
}

/* Find the mention of each token for mention_of(), again whenever a
 * mention is added to the article (pxi_entity_add moves the later ones'
 * indices). pxi_mention_at() gives the first mention that ends after the
 * token starts, when it overlaps the token. When the mentions' starts
 * and ends ascend (as they do: mentions do not overlap), that is the
 * first mention that overlaps the token, and marking the tokens of each
 * mention (the last first, so that a token keeps its first) finds them
 * all at the cost of the mentions, not of the tokens. Else each token is
 * left to pxi_mention_at(), when asked. The tokens of no mention hold
 * SIZE_MAX (classify() sets it) or UNASKED already: mentions are only
 * ever added. Tokens ascend and do not overlap. */
static void find_mentions(const qctx *q)
{
	const px_mention *ms = q->a->mentions.a;
	size_t nm = q->a->mentions.n, i, k;

	for (k = 1; k < nm && ms[k].span.start >= ms[k - 1].span.start &&
	            ms[k].span.end >= ms[k - 1].span.end; k++)
		;
	if (k < nm) {
		for (i = 0; i <= q->nt; i++)
			q->ment[i] = UNASKED;
		return;
	}
	for (k = nm; k > 0; k--) {
		const px_mention *m = &ms[k - 1];
		size_t lo = 0, hi = q->nt;

		/* the first token that ends after the mention starts */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (q->tk[mid].end <= m->span.start)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (i = lo; i < q->nt && q->tk[i].start < m->span.end; i++)
			q->ment[i] = k - 1;
	}
}

/* Is token i a word of one of the classes bits? */
static int word_is(const qctx *q, size_t i, uint64_t bits)
{
	return i < q->nt && (q->cls[i] & bits) != 0;
}

/* "He's", "She’s": a pronoun with a contraction. */
static int pronoun_contracted(const char *p, size_t n)
{
	if (n == 4 && p[2] == '\'' && (p[3] == 's' || p[3] == 'd'))
		return pxi_istarts(p, n, "he");
	if (n == 5 && p[3] == '\'' && (p[4] == 's' || p[4] == 'd'))
		return pxi_istarts(p, n, "she");
	if (n == 6 && !memcmp(p + 2, "\xE2\x80\x99", 3))
		return pxi_istarts(p, n, "he");
	if (n == 7 && !memcmp(p + 3, "\xE2\x80\x99", 3))
		return pxi_istarts(p, n, "she");
	return 0;
}

/* A word with a possessive, "Doe's", "Doe’s": the bytes of its ending,
 * or 0. */
static size_t possessive_len(const char *p, size_t n)
{
	if (n > 4 && !memcmp(p + n - 4, "\xE2\x80\x99s", 4))
		return 4;
	if (n > 2 && p[n - 2] == '\'' && p[n - 1] == 's')
		return 2;
	return 0;
}

/* Fill q->cls: each word's bits, one lookup each. Then C_VERB: a
 * reporting verb, of the lists or of two words read at the first, the
 * particle after it ("shot back", "fired back", "went on", "put it":
 * "as the paper put it, “...”"). */
static void classify(const qctx *q)
{
	size_t i;

	if (!atomic_load_explicit(&qwords.ready, memory_order_acquire))
		qw_build();
	for (i = 0; i < q->nt; i++) {
		size_t n, pn, avail;
		const char *p;
		uint64_t b;

		q->ment[i] = SIZE_MAX; /* find_mentions() marks the others */
		if (q->tk[i].kind != PX_TOK_WORD) {
			q->cls[i] = 0;
			continue;
		}
		p = pxi_tok_text(q->a, i, &n);
		avail = q->a->norm.len - q->tk[i].start;
		b = qword_find(p, n, avail);
		if (n >= 4 && n <= 7 && pronoun_contracted(p, n))
			b |= C_CONTRACTED;
		pn = possessive_len(p, n);
		if (pn) {
			b |= C_POSS;
			if (qword_find(p, n - pn, avail) & C_ROLE)
				b |= C_ROLE_STEM;
		} else if (b & C_ROLE) {
			b |= C_ROLE_STEM;
		}
		q->cls[i] = b;
	}
	q->cls[q->nt] = 0;
	q->ment[q->nt] = UNASKED;
	for (i = 0; i < q->nt; i++) {
		uint64_t b = q->cls[i], nb = q->cls[i + 1];

		if ((b & C_SPEECH) ||
		    ((nb & C_BACK) && (b & C_BACK_VERB)) ||
		    ((nb & C_ON) && (b & C_ON_VERB)) ||
		    ((nb & C_IT) && (b & C_IT_VERB)))
			q->cls[i] |= C_VERB;
	}
}

static int is_punct(const qctx *q, size_t i, char c)
{
	size_t n;
	const char *p;

	if (i >= q->nt)
		return 0;
	p = pxi_tok_text(q->a, i, &n);
	return n == 1 && p[0] == c;
}

/* Quote mark families: 1 double, 2 single. */
static int family(const qctx *q, size_t i)
{
	size_t n;
	const char *p = pxi_tok_text(q->a, i, &n);

	if (q->tk[i].kind != PX_TOK_QUOTE)
		return 0;
	if (n == 1)
		return p[0] == '"' ? 1 : 2;
	if (!memcmp(p, "\xE2\x80\x98", 3) || !memcmp(p, "\xE2\x80\x99", 3) ||
	    !memcmp(p, "\xE2\x80\xB9", 3) || !memcmp(p, "\xE2\x80\xBA", 3) ||
	    !memcmp(p, "\xE2\x80\x9A", 3))
		return 2;
	return 1;
}

/* A pair of marks: tokens o (open) and c (close), content between. */
typedef struct pair {
	size_t o, c;
	int fam;
	int cont_prev; /* continues a quote from the previous paragraph */
} pair;

/* The index of the entity of a person mentioned nearest before token i
 * (within limit tokens), or SIZE_MAX. */
static size_t person_before(const qctx *q, size_t i, size_t limit)
{
	const px_mention *ms = q->a->mentions.a;
	size_t start = q->tk[i].start;
	size_t k = pxi_mentions_before(q->a, start);

	while (k > 0) {
		const px_mention *m = &ms[k - 1];

		k--;
		if (m->span.start >= start)
			continue;
		if (i > limit && m->span.start < q->tk[i - limit].start)
			break;
		if (m->type == PX_ENT_PERSON)
			return m->entity;
	}
	return SIZE_MAX;
}

/* A reporting verb at token i (also "according to"). */
static int verb_at(const qctx *q, size_t i)
{
	return word_is(q, i, C_VERB);
}

/* A word ending in -ing (a participle: "emphasizing", "adding"). */
static int is_ing(const qctx *q, size_t i)
{
	size_t n;
	const char *p = pxi_tok_text(q->a, i, &n);

	return n > 4 && !memcmp(p + n - 3, "ing", 3);
}

/* Speaker found at a cue: what kind, which entity, which bytes. */
typedef struct speaker {
	px_speaker_kind kind;
	size_t entity;
	px_span span;
	px_span verb;
} speaker;

/* Does the role text z hold the word (p, n)? With prev set, *prev and
 * *prevn get the word before it in z (NULL, 0 when it opens z). */
static int role_has(const char *z, const char *p, size_t n,
                    const char **prev, size_t *prevn)
{
	const char *s = z, *b = NULL;
	size_t bn = 0;

	while (s && *s) {
		const char *e = s;

		while (*e && *e != ' ' && *e != ',')
			e++;
		if ((size_t)(e - s) == n && !strncasecmp(s, p, n)) {
			if (prev) {
				*prev = b;
				*prevn = bn;
			}
			return 1;
		}
		b = s;
		bn = (size_t)(e - s);
		s = *e ? e + 1 : NULL;
	}
	return 0;
}

/* Does the role text z hold the word (p, n) right after a word that
 * makes another office of it ("Prime Minister", "Vice President",
 * "Deputy Minister")? "the minister" is not the prime minister. OUT:
 * that word. */
static int role_office_mod(const char *z, const char *p, size_t n,
                           const char **mod, size_t *modn)
{
	static const char *const mods[] = {"prime", "vice", "deputy", NULL};
	size_t k;

	if (!role_has(z, p, n, mod, modn) || !*mod)
		return 0;
	for (k = 0; mods[k]; k++)
		if (strlen(mods[k]) == *modn &&
		    !strncasecmp(*mod, mods[k], *modn))
			return 1;
	return 0;
}

/* "the French minister('s)": up to three words after "the", the last a
 * role word; resolved to the nearest person before it whose role shares
 * a word with it. Returns the entity, or SIZE_MAX. */
static size_t describe(const qctx *q, size_t i, size_t hi, speaker *sp)
{
	const px_article *a = q->a;
	const px_mention *ms = a->mentions.a;
	size_t j, k, last = SIZE_MAX;

	for (j = i + 1; j < hi && j <= i + 3; j++) {
		if (q->tk[j].kind != PX_TOK_WORD)
			break;
		/* a role word, with a possessive or not */
		if (word_is(q, j, C_ROLE_STEM))
			last = j;
	}
	if (last == SIZE_MAX)
		return SIZE_MAX;
	/* the role word must head the phrase: "the union leaflet" is a
	 * leaflet */
	if (last + 1 < q->nt && q->tk[last + 1].kind == PX_TOK_WORD &&
	    !(q->tk[last + 1].flags & PX_TF_CAP) && !verb_at(q, last + 1)) {
		size_t n;
		const char *p = pxi_tok_text(a, last + 1, &n);

		if (!(n > 2 && (!memcmp(p + n - 2, "ed", 2) ||
		                !memcmp(p + n - 2, "ly", 2) ||
		                p[n - 1] == 's')) &&
		    !word_is(q, last + 1, C_PREP) &&
		    !word_is(q, last + 1, C_HEAD_END))
			return SIZE_MAX;
	}
	for (k = pxi_mentions_before(a, q->tk[i].start); k > 0; k--) {
		const px_mention *m = &ms[k - 1];
		const px_entity *e;

		if (m->type != PX_ENT_PERSON)
			continue;
		if (m->span.start + 20000 < q->tk[i].start)
			break; /* too far back to be meant */
		e = (const px_entity *)a->entities.a + m->entity;
		if (!e->role)
			continue;
		for (j = i + 1; j <= last; j++) {
			size_t n;
			const char *p = pxi_tok_text(a, j, &n);

			if (n > 4 && !memcmp(p + n - 4, "\xE2\x80\x99s", 4))
				n -= 4;
			const char *mp;
			size_t mn, x;
			int other_office = 0;

			if (role_office_mod(e->role, p, n, &mp, &mn)) {
				other_office = 1;
				for (x = i + 1; x <= last; x++) {
					size_t wn;
					const char *wp = pxi_tok_text(a, x, &wn);

					if (wn == mn && !strncasecmp(wp, mp, mn))
						other_office = 0;
				}
			}
			if (!other_office &&
			    role_has(e->role, p, n, NULL, NULL)) {
				sp->kind = PX_SPEAKER_NAMED;
				sp->entity = m->entity;
				sp->span.start = q->tk[i].start;
				sp->span.end = q->tk[last].end;
				return m->entity;
			}
		}
	}
	return SIZE_MAX;
}

/* The first token that starts at or after byte off (q->nt: none): a
 * binary search. */
static size_t token_from(const qctx *q, size_t off)
{
	return pxi_token_from(q->tk, 0, q->nt, off);
}

/*
 * The person mention right after organization mention mi whose role
 * holds it ("NATO spokeswoman Oana Lungescu", "Kremlin spokesman Dmitry
 * Peskov": the entity stage gave the person that role), or SIZE_MAX.
 */
static size_t person_of_org(const qctx *q, size_t mi)
{
	const px_mention *ms = q->a->mentions.a;
	const px_mention *org = ms + mi;
	size_t k;

	for (k = mi + 1; k < q->a->mentions.n && k <= mi + 2; k++) {
		const px_mention *m = ms + k;

		if (m->sentence != org->sentence)
			break;
		if (m->type == PX_ENT_PERSON &&
		    m->role_span.start <= org->span.start &&
		    m->role_span.end >= org->span.end &&
		    m->role_span.end > m->role_span.start &&
		    m->span.start >= org->span.end)
			return k;
	}
	return SIZE_MAX;
}

/*
 * Is organization mention mi a modifier of an unnamed source: "a White
 * House official", "senior NATO diplomats" - a source noun right after
 * it and no name after that? Such a source is anonymous, not the
 * organization.
 */
static int org_of_source(const qctx *q, size_t mi)
{
	const px_mention *m = (const px_mention *)q->a->mentions.a + mi;
	size_t j = token_from(q, m->span.end);

	if (j >= q->nt)
		return 0;
	return word_is(q, j, C_ANON_NOUN) &&
	       (j + 1 >= q->nt || mention_of(q, j + 1) == SIZE_MAX);
}

/*
 * Is token i the start of a speaker? A name (the whole mention, and
 * "X's office"; an organization in a person's title right before the
 * name is the person's), a pronoun (resolved to the nearest person
 * before), or an anonymous phrase ("a senior official", "officials").
 */
static int speaker_at(const qctx *q, size_t i, size_t lo, size_t hi,
                      speaker *sp)
{
	px_article *a = q->a;
	size_t mi, j;

	if (i >= q->nt)
		return 0;
	mi = mention_of(q, i);
	if (mi != SIZE_MAX) {
		const px_mention *m = (const px_mention *)a->mentions.a + mi;
		size_t pm = m->type == PX_ENT_ORG ? person_of_org(q, mi)
		                                  : SIZE_MAX;

		/* "a White House official": the source, from its
		 * determiner, is anonymous */
		if (m->type == PX_ENT_ORG && pm == SIZE_MAX &&
		    org_of_source(q, mi))
			return 0;
		if (pm != SIZE_MAX)
			m = (const px_mention *)a->mentions.a + pm;
		if (m->type == PX_ENT_PERSON || m->type == PX_ENT_ORG) {
			sp->kind = PX_SPEAKER_NAMED;
			sp->entity = m->entity;
			sp->span = m->span;
			/* "X's office": the office speaks for X. */
			for (j = i; j < hi && q->tk[j].end <= m->span.end + 4; j++)
				;
			if (j < hi && word_is(q, j, C_OFFICE))
				sp->span.end = q->tk[j].end;
			return 1;
		}
		return 0;
	}
	/* Every other speaker opens with one of these words. */
	if (!word_is(q, i, C_THE | C_PRONOUN | C_CONTRACTED | C_SELF |
	                   C_ANON_DET | C_ANON_NOUN))
		return 0;
	/* "the French minister", "the union spokesman": the nearest
	 * person before whose role shares a word with the description. */
	if (word_is(q, i, C_THE)) {
		size_t e = describe(q, i, hi, sp);

		if (e != SIZE_MAX)
			return 1;
	}
	if (word_is(q, i, C_PRONOUN) || word_is(q, i, C_CONTRACTED)) {
		size_t e = person_before(q, i, 400);

		/* A pronoun with no person before it: the speaker as
		 * written, unresolved. */
		sp->kind = e == SIZE_MAX ? PX_SPEAKER_UNRESOLVED
		                         : PX_SPEAKER_NAMED;
		sp->entity = e;
		sp->span.start = q->tk[i].start;
		sp->span.end = q->tk[i].end;
		return 1;
	}
	if (word_is(q, i, C_SELF) && verb_at(q, i + 1)) {
		sp->kind = PX_SPEAKER_UNRESOLVED;
		sp->entity = SIZE_MAX;
		sp->span.start = q->tk[i].start;
		sp->span.end = q->tk[i].end;
		return 1;
	}
	/* Anonymous: a determiner, up to three modifiers and a source noun
	 * ("a senior official"), or a bare plural ("officials said"); not
	 * a title before a name ("Minister Radoslav Zhekov"). */
	if (word_is(q, i, C_ANON_DET)) {
		for (j = i + 1; j < hi && j < i + 5; j++) {
			if (q->tk[j].kind != PX_TOK_WORD)
				break;
			mi = mention_of(q, j);
			if (mi != SIZE_MAX && ((const px_mention *)a->mentions.a +
			                       mi)->type == PX_ENT_PERSON)
				return 0;
			if (word_is(q, j, C_ANON_NOUN))
				break;
		}
	} else if (word_is(q, i, C_ANON_NOUN)) {
		size_t n;
		const char *p = pxi_tok_text(a, i, &n);

		j = p[n - 1] == 's' ? i : hi;
	} else {
		j = hi;
	}
	if (j < hi && j < q->nt && word_is(q, j, C_ANON_NOUN)) {
		mi = j + 1 < q->nt ? mention_of(q, j + 1) : SIZE_MAX;
		if (mi != SIZE_MAX && ((const px_mention *)a->mentions.a +
		                       mi)->type == PX_ENT_PERSON)
			return 0;
		sp->kind = PX_SPEAKER_ANONYMOUS;
		sp->entity = SIZE_MAX;
		sp->span.start = q->tk[i].start;
		sp->span.end = q->tk[j].end;
		return 1;
	}
	(void)lo;
	return 0;
}


/*
 * A speaker right next to the reporting verb v that the entity stage did
 * not find: a capitalized name ("Figueroa said", "said Figueroa") becomes
 * a person; a description ("the Indiana governor said") is kept as
 * written, unresolved. [f, l] is the phrase.
 */
static int near_verb(const qctx *q, size_t f, size_t l, speaker *sp)
{
	size_t k, mi;
	int caps = 1;

	if (l < f || l - f > (word_is(q, f, C_DET) ? 7 : 5))
		return 0;
	/* A name already found ("Daravia says"): that entity speaks. */
	mi = mention_of(q, f);
	if (mi != SIZE_MAX) {
		const px_mention *m = (const px_mention *)q->a->mentions.a + mi;

		/* only when the phrase is that name, whole */
		if (m->span.start != q->tk[f].start ||
		    m->span.end < q->tk[l].start)
			return 0;
		sp->kind = PX_SPEAKER_NAMED;
		sp->entity = m->entity;
		sp->span = m->span;
		return 1;
	}
	/* Title words are the role, not the name. */
	while (f < l && q->tk[f].kind == PX_TOK_WORD &&
	       word_is(q, f, C_ROLE))
		f++;
	/* Part of a longer name ("Union of Port and Dock Workers"). */
	if (f > 0 && (word_is(q, f - 1, C_NAME_LINK) ||
	              (q->tk[f - 1].kind == PX_TOK_WORD &&
	               (q->tk[f - 1].flags & PX_TF_CAP))))
		return 0;
	/* One capitalized word opening a sentence may be any word: kept as
	 * written, unresolved, when a reporting verb follows ("Nordhaus
	 * said:"), else nothing. */
	if (f == l && (f == 0 || q->sent_of[f - 1] != q->sent_of[f])) {
		if (q->tk[f].kind != PX_TOK_WORD || !(q->tk[f].flags & PX_TF_CAP) ||
		    !verb_at(q, f + 1) ||
		    word_is(q, f, C_NOT_NAME) ||
		    word_is(q, f, C_STOP) ||
		    word_is(q, f, C_PRONOUN) || word_is(q, f, C_SELF))
			return 0;
		sp->kind = PX_SPEAKER_UNRESOLVED;
		sp->entity = SIZE_MAX;
		sp->span.start = q->tk[f].start;
		sp->span.end = q->tk[f].end;
		return 1;
	}
	for (k = f; k <= l; k++) {
		/* "the 46-year-old": a number in a description, joined
		 * to its words by hyphens */
		if (q->tk[k].kind != PX_TOK_WORD &&
		    !(k > f && word_is(q, f, C_DET) &&
		      (q->tk[k].kind == PX_TOK_NUMBER ||
		       (is_punct(q, k, '-') &&
		        q->tk[k].start == q->tk[k - 1].end))))
			return 0;
		if (!(q->tk[k].flags & PX_TF_CAP) || word_is(q, k, C_NOT_NAME))
			caps = 0;
	}
	if (caps && l - f < 4) {
		size_t e = pxi_entity_add(q->a, f, l);

		find_mentions(q);
		if (e == SIZE_MAX)
			return 0;
		sp->kind = PX_SPEAKER_NAMED;
		sp->entity = e;
	} else if (word_is(q, f, C_DET) && l > f) {
		if (describe(q, f, l + 1, sp) != SIZE_MAX)
			return 1;
		sp->kind = PX_SPEAKER_UNRESOLVED;
		sp->entity = SIZE_MAX;
	} else {
		return 0;
	}
	sp->span.start = q->tk[f].start;
	sp->span.end = q->tk[l].end;
	return 1;
}

/* A dash: - -- en dash, em dash, horizontal bar. */
static int is_dash(const qctx *q, size_t i)
{
	size_t n;
	const char *p = pxi_tok_text(q->a, i, &n);

	if (n >= 1 && p[0] == '-')
		return 1;
	return n == 3 && (!memcmp(p, "\xE2\x80\x93", 3) ||
	                  !memcmp(p, "\xE2\x80\x94", 3) ||
	                  !memcmp(p, "\xE2\x80\x95", 3));
}

/* "said Figueroa", "said the governor": the phrase after verb k, to the
 * next punctuation. */
static int near_verb_after(const qctx *q, size_t k, size_t end, speaker *sp)
{
	size_t l = k + 1, m;

	/* words, and in a description numbers and the hyphens that join
	 * them to words: "said the 46-year-old" */
	while (l < end && l < k + 9 &&
	       (q->tk[l].kind == PX_TOK_WORD ||
	        (l > k + 1 && word_is(q, k + 1, C_DET) &&
	         (q->tk[l].kind == PX_TOK_NUMBER ||
	          (is_punct(q, l, '-') && l + 1 < end &&
	           q->tk[l].start == q->tk[l - 1].end &&
	           q->tk[l + 1].start == q->tk[l].end)))))
		l++;
	/* "said Sen. Jane Doe of Ohio", "said party chair Jane Doe": a
	 * name after a title and modifiers */
	{
		const px_mention *org = NULL;

		for (m = k + 1; m < l; m++) {
			size_t mi = mention_of(q, m);

			if (mi != SIZE_MAX) {
				const px_mention *mn = (const px_mention *)
				                       q->a->mentions.a + mi;

				if (mn->type == PX_ENT_PERSON) {
					sp->kind = PX_SPEAKER_NAMED;
					sp->entity = mn->entity;
					sp->span = mn->span;
					return 1;
				}
				/* "said South Carolina Gov. Jane Doe", "said
				 * State University professor Jane Doe": a
				 * person after it speaks, else the
				 * organization */
				if (mn->type == PX_ENT_ORG && !org)
					org = mn;
				while (m + 1 < l && q->tk[m + 1].start <
				                    mn->span.end)
					m++;
				continue;
			}
			if (word_is(q, m, C_PREP) || word_is(q, m, C_NAME_STOP) || verb_at(q, m) ||
			    (!(q->tk[m].flags & PX_TF_CAP) && is_ing(q, m)))
				break;
		}
		if (org) {
			size_t f2 = k + 1;

			/* a name the tagger missed after the organization:
			 * "said State University professor Jane Doe" */
			while (f2 < l && q->tk[f2].start < org->span.end)
				f2++;
			if (f2 < l && near_verb(q, f2, l - 1, sp) &&
			    sp->kind == PX_SPEAKER_NAMED)
				return 1;
			sp->kind = PX_SPEAKER_NAMED;
			sp->entity = org->entity;
			sp->span = org->span;
			return 1;
		}
	}
	/* a name the tagger missed, up to "of": "said Jane Doe of Ohio" */
	for (m = k + 2; m < l; m++)
		if (word_is(q, m, C_OF)) {
			l = m;
			break;
		}
	if (l > k + 6)
		l = k + 6;
	return l > k + 1 && near_verb(q, k + 1, l - 1, sp);
}

/* "said State University professor Jane Doe": when the speaker found
 * right after verb k is an organization, a person named after it in the
 * same phrase speaks instead (sp is replaced). Returns 1: sp holds a
 * speaker either way. */
static int prefer_person(const qctx *q, size_t k, size_t end, speaker *sp)
{
	speaker s2;

	if (sp->kind != PX_SPEAKER_NAMED || sp->entity == SIZE_MAX ||
	    ((const px_entity *)q->a->entities.a)[sp->entity].type !=
	    PX_ENT_ORG)
		return 1;
	memset(&s2, 0, sizeof(s2));
	if (near_verb_after(q, k, end, &s2) && s2.kind == PX_SPEAKER_NAMED &&
	    s2.entity != SIZE_MAX &&
	    ((const px_entity *)q->a->entities.a)[s2.entity].type ==
	    PX_ENT_PERSON)
		*sp = s2;
	return 1;
}

/*
 * Look for "X said" / "said X" after the closing mark c, within the
 * sentence: up to eight tokens.
 */
static int cue_after(const qctx *q, size_t c, size_t end, size_t reach,
                     speaker *sp)
{
	size_t i = c + 1, k, lim;

	/* A trailing "- Name" (a dash, then who said it). */
	if (i + 1 < end && q->tk[i].kind == PX_TOK_PUNCT && is_dash(q, i)) {
		size_t l = i + 1;

		while (l < end && l < i + 5 && q->tk[l].kind == PX_TOK_WORD &&
		       (q->tk[l].flags & PX_TF_CAP))
			l++;
		if (l > i + 1 && (speaker_at(q, i + 1, c, l, sp) ||
		                  near_verb(q, i + 1, l - 1, sp)))
			return 1;
	}
	while (i < end && (is_punct(q, i, ',') || is_punct(q, i, '-') ||
	                   q->tk[i].kind == PX_TOK_PUNCT))
		i++;
	/* "...” and that he had seen ...": the sentence goes on, no
	 * attribution follows */
	if (word_is(q, i, C_GOES_ON))
		return 0;
	lim = i + reach < end ? i + reach : end;
	/* "..." Jane Doe, director of a long-named institute, said */
	if (reach > 3 && i + 1 < end && q->tk[i].kind == PX_TOK_WORD &&
	    (q->tk[i].flags & PX_TF_CAP)) {
		size_t m = i;

		size_t nm;

		while (m < end && m < i + 5 && q->tk[m].kind == PX_TOK_WORD &&
		       (q->tk[m].flags & PX_TF_CAP))
			m++;
		nm = m;
		/* "Rep. Jane Doe (D-Ohio), a panel member, said" */
		if (m < end && is_punct(q, m, '(')) {
			while (m < end && m < nm + 6 && !is_punct(q, m, ')'))
				m++;
			if (m < end && is_punct(q, m, ')'))
				m++;
		}
		if (m < end && is_punct(q, m, ',')) {
			size_t e2 = m + 1;

			while (e2 < end && e2 < m + 30 && !is_punct(q, e2, ',') &&
			       !is_punct(q, e2, '.') && family(q, e2) != 1)
				e2++;
			if (e2 + 1 < end && is_punct(q, e2, ',') &&
			    verb_at(q, e2 + 1) &&
			    (speaker_at(q, i, c, nm, sp) ||
			     near_verb(q, i, nm - 1, sp))) {
				sp->verb.start = q->tk[e2 + 1].start;
				sp->verb.end = q->tk[e2 + 1].end;
				return 1;
			}
		}
	}
	for (k = i; k < lim; k++) {
		if (is_punct(q, k, '.') || family(q, k) == 1)
			break;
		if (!verb_at(q, k) || (k > i && word_is(q, k - 1, C_DET)))
			continue;
		/* "he said introducing X": a speaker right before the verb
		 * comes first */
		if (k == i + 1 && q->tk[i].kind == PX_TOK_WORD &&
		    (word_is(q, i, C_PRONOUN) || word_is(q, i, C_SELF)) &&
		    speaker_at(q, i, c, k, sp)) {
			sp->verb.start = q->tk[k].start;
			sp->verb.end = q->tk[k].end;
			return 1;
		}
		/* said X (not "told X": X listens) */
		if ((!word_is(q, k, C_TELL) &&
		     ((speaker_at(q, k + 1, c, end, sp) &&
		       prefer_person(q, k, end, sp)) ||
		      near_verb_after(q, k, end, sp))) ||
		    (word_is(q, k, C_ACCORDING) &&
		     word_is(q, k + 1, C_TO) &&
		     speaker_at(q, k + 2, c, end, sp))) {
			sp->verb.start = q->tk[k].start;
			sp->verb.end = q->tk[k].end;
			return 1;
		}
		/* X said: the speaker starts between the mark and verb */
		{
			size_t j;

			for (j = i; j < k; j++)
				if (speaker_at(q, j, c, k, sp) ||
				    (k > i && near_verb(q, j, k - 1, sp))) {
					sp->verb.start = q->tk[k].start;
					sp->verb.end = q->tk[k].end;
					return 1;
				}
			/* "Jeff Doe, the campaign's manager, said": a
			 * name the tagger missed, before an apposition */
			for (j = i + 1; j < k && !is_punct(q, j, ','); j++)
				;
			if (j < k && near_verb(q, i, j - 1, sp)) {
				sp->verb.start = q->tk[k].start;
				sp->verb.end = q->tk[k].end;
				return 1;
			}
		}
		break;
	}
	return 0;
}

/*
 * Look before the opening mark o, back to the sentence start: a reporting
 * verb, and a speaker before it ("Petrova dismissed the offer as",
 * "the minister repeated her position, saying,").
 */
static int cue_before(const qctx *q, size_t o, size_t start, speaker *sp)
{
	size_t k = o, v = SIZE_MAX, j;

	/* not into the words of an earlier quote of the sentence */
	for (j = o; j > start; j--)
		if (family(q, j - 1) == 1) {
			start = j;
			break;
		}

	while (k > start) {
		k--;
		if (family(q, k) == 1)
			break;
		if (verb_at(q, k) && k > start && (word_is(q, k - 1, C_DET) ||
		                                   word_is(q, k - 1, C_POSS)))
			continue; /* "Doe's words", "the statement" */
		if (verb_at(q, k)) {
			/* "will continue to be", "to announce": an
			 * infinitive; the governing verb is further back */
			if (k > start && word_is(q, k - 1, C_MODAL)) {
				if (v == SIZE_MAX)
					v = k;
				continue;
			}
			v = k;
			break;
		}
	}
	if (v == SIZE_MAX) {
		/* "X disagreed: “...”": the subject of the clause before
		 * the colon. */
		if (o > start + 1 && is_punct(q, o - 1, ':'))
			for (j = start; j + 1 < o; j++) {
				if (j > start && word_is(q, j - 1, C_PREP))
					continue;
				if (speaker_at(q, j, start, o - 1, sp))
					return 1;
			}
		return 0;
	}
	/* according to X, "..." */
	if (word_is(q, v, C_ACCORDING)) {
		if (speaker_at(q, v + 2, start, o, sp)) {
			sp->verb.start = q->tk[v].start;
			sp->verb.end = q->tk[v].end;
			return 1;
		}
		/* a source that names no entity of the article ("according
		 * to the newspaper"): as written, up to the comma, and
		 * unresolved */
		if (word_is(q, v + 1, C_TO)) {
			for (j = v + 2; j < o && j < v + 10 &&
			                q->tk[j].kind == PX_TOK_WORD; j++)
				;
			if (j > v + 2 && j < o && (is_punct(q, j, ',') ||
			                           is_punct(q, j, ':'))) {
				memset(sp, 0, sizeof(*sp));
				sp->kind = PX_SPEAKER_UNRESOLVED;
				sp->entity = SIZE_MAX;
				sp->span.start = q->tk[v + 2].start;
				sp->span.end = q->tk[j - 1].end;
				sp->verb.start = q->tk[v].start;
				sp->verb.end = q->tk[v].end;
				return 1;
			}
		}
	}
	/* A finite verb ("..., Levine, who backs Rubio, said"): the nearest
	 * speaker before it that is not inside a phrase ("in talks with
	 * X", "On ABC's show, Rubio said"). */
	if (!is_ing(q, v) && !(v > start && word_is(q, v - 1, C_AND_BUT))) {
		j = v;
		/* over an apposition or a relative clause: "Dmitry Doe, a
		 * spokesman for the ministry, warned" */
		if (j > start + 1 && is_punct(q, j - 1, ',')) {
			size_t p = j - 1;

			while (p > start && !is_punct(q, p - 1, ','))
				p--;
			if (p > start + 1)
				j = p - 1;
		}
		for (; j > start;) {
			j--;
			if (q->tk[j].kind != PX_TOK_WORD ||
			    (j > start && word_is(q, j - 1, C_PREP)))
				continue;
			if (speaker_at(q, j, start, v, sp) &&
			    sp->span.start >= q->tk[start].start &&
			    (j == start || !word_is(q, j - 1, C_PREP))) {
				size_t f = j;

				/* from the mention's first word */
				while (f > start && q->tk[f - 1].end >
				                    sp->span.start)
					f--;
				if (f > start && word_is(q, f - 1, C_PREP))
					continue;
				sp->verb.start = q->tk[v].start;
				sp->verb.end = q->tk[v].end;
				return 1;
			}
		}
	}
	/* The subject: the first speaker of the clause, not one inside a
	 * phrase ("in talks with X") - "An aide said X had walked out,
	 * adding, ..." is the aide's. */
	for (j = start; j < v; j++) {
		if (j > start && word_is(q, j - 1, C_PREP))
			continue;
		if (speaker_at(q, j, start, v, sp)) {
			sp->verb.start = q->tk[v].start;
			sp->verb.end = q->tk[v].end;
			return 1;
		}
	}
	/* A name or description right before the verb. */
	for (j = v > 6 ? v - 6 : 0; j < v; j++) {
		if (j < start)
			continue;
		if (near_verb(q, j, v - 1, sp)) {
			sp->verb.start = q->tk[v].start;
			sp->verb.end = q->tk[v].end;
			return 1;
		}
	}
	/* Else the nearest speaker before the verb. */
	for (j = v; j > start;) {
		j--;
		if (speaker_at(q, j, start, v, sp)) {
			/* the start of the mention, not its last word */
			sp->verb.start = q->tk[v].start;
			sp->verb.end = q->tk[v].end;
			return 1;
		}
	}
	/* "said X: ..." */
	if (speaker_at(q, v + 1, start, o, sp)) {
		sp->verb.start = q->tk[v].start;
		sp->verb.end = q->tk[v].end;
		return 1;
	}
	return 0;
}

/*
 * The subject of the clause that holds a partial quote ("In Iowa, the
 * senator again called the plan “a fair start.”"): the first name,
 * pronoun or description of the sentence before the mark that is not
 * inside a phrase ("in talks with X").
 */
static int subject_of(const qctx *q, size_t start, size_t o, speaker *sp)
{
	size_t j;

	for (j = start; j < o; j++) {
		if (q->tk[j].kind != PX_TOK_WORD)
			continue;
		if (j > start && word_is(q, j - 1, C_PREP))
			continue;
		memset(sp, 0, sizeof(*sp));
		if (speaker_at(q, j, start, o, sp))
			return sp->kind != PX_SPEAKER_UNRESOLVED ||
			       sp->span.end > sp->span.start;
	}
	/* A description as the subject ("The crowd chanted", "The new ad
	 * calls it"): kept as written, unresolved. After an opening phrase
	 * up to its comma ("In Iowa, the ad ..."). */
	j = start;
	if (word_is(q, j, C_PREP) || word_is(q, j, C_CLAUSE_OPEN))
		while (j < o && !is_punct(q, j, ','))
			j++;
	if (j < o && is_punct(q, j, ','))
		j++;
	if (j + 2 < o && word_is(q, j, C_DET)) {
		size_t m;

		for (m = j + 1; m < o && m < j + 6 &&
		                q->tk[m].kind == PX_TOK_WORD; m++) {
			size_t n;
			const char *p = pxi_tok_text(q->a, m, &n);

			if (word_is(q, m, C_PREP) || word_is(q, m, C_REL))
				return 0;
			if (m > j + 1 && (verb_at(q, m) ||
			                  (!(q->tk[m].flags & PX_TF_CAP) &&
			                   n > 3 && (!memcmp(p + n - 2, "ed", 2) ||
			                             (p[n - 1] == 's' &&
			                              p[n - 2] != 's'))))) {
				memset(sp, 0, sizeof(*sp));
				sp->kind = PX_SPEAKER_UNRESOLVED;
				sp->entity = SIZE_MAX;
				sp->span.start = q->tk[j].start;
				sp->span.end = q->tk[m - 1].end;
				return 1;
			}
		}
	}
	return 0;
}

/* Is the content [o+1, c) a term (name, scare quote), not speech? */
static const char *term_reason(const qctx *q, const pair *pr, size_t s_start,
                               size_t s_end)
{
	size_t i, words = 0, caps = 0, k;
	int cue = 0;

	for (i = pr->o + 1; i < pr->c; i++)
		if (q->tk[i].kind == PX_TOK_WORD ||
		    q->tk[i].kind == PX_TOK_NUMBER) {
			words++;
			if ((q->tk[i].flags & PX_TF_CAP) ||
			    word_is(q, i, C_TITLE_LINK))
				caps++;
		}
	if (pr->o > 0 && word_is(q, pr->o - 1, C_TERM_CUE))
		return "so-called";
	/* Title case inside the sentence: a name ("Fox News Sunday," the
	 * show), even with the sentence's comma or stop inside the marks. */
	if (words >= 2 && words <= 7 && caps == words &&
	    (q->tk[pr->o + 1].flags & PX_TF_CAP) &&
	    ((!is_punct(q, pr->c - 1, '.') && !is_punct(q, pr->c - 1, ',')) ||
	     pr->o > s_start))
		return "name";
	/* The words were quoted as a term before in this article. */
	for (k = 0; k < q->a->terms.n; k++) {
		const px_term *t = (const px_term *)q->a->terms.a + k;
		size_t tn = t->span.end - t->span.start;

		if (tn == q->tk[pr->c].start - q->tk[pr->o].end &&
		    !strncasecmp(q->a->norm.text + t->span.start,
		                 q->a->norm.text + q->tk[pr->o].end, tn))
			return t->reason;
	}
	/* A whole sentence in marks is speech, however short. */
	if (is_punct(q, pr->c - 1, '.') || is_punct(q, pr->c - 1, '!') ||
	    is_punct(q, pr->c - 1, '?') || pr->o == s_start)
		return NULL;
	/* A few quoted words before a noun modify it: the “smart berth”
	 * programme. */
	if (words <= 4 && pr->c + 1 < s_end &&
	    q->tk[pr->c + 1].kind == PX_TOK_WORD &&
	    !(q->tk[pr->c + 1].flags & PX_TF_CAP) && !verb_at(q, pr->c + 1) &&
	    !word_is(q, pr->c + 1, C_STOP) &&
	    !word_is(q, pr->c + 1, C_NOT_NAME) &&
	    !is_ing(q, pr->c + 1))
		return "scare quote";
	/* Short quotes are speech only where speech is reported near them. */
	if (words <= 5) {
		for (k = s_start; k < s_end; k++)
			if ((k < pr->o || k > pr->c) && verb_at(q, k))
				cue = 1;
		if (!cue)
			return "scare quote";
		if (pr->fam == 2)
			return "scare quote";
	}
	return NULL;
}

/* Find the pairs of quote marks, in order, outside residue. */
static size_t find_pairs(const qctx *q, pair *out, size_t max)
{
	size_t i, n = 0, open = SIZE_MAX, sopen = SIZE_MAX;
	int cont = 0;
	size_t para = SIZE_MAX;

	for (i = 0; i < q->nt && n < max; i++) {
		const px_token *t = &q->tk[i];
		int fam;

		if (t->para != para) {
			/* A quote left open at a paragraph's end goes on if
			 * the next paragraph opens with a mark. */
			cont = open != SIZE_MAX && t->kind == PX_TOK_QUOTE &&
			       family(q, i) == 1 && (t->flags & PX_TF_OPEN);
			if (open != SIZE_MAX && n < max) {
				if (cont) {
					out[n].o = open;
					out[n].c = i; /* to the paragraph's end */
					out[n].fam = 1;
					/* its cont_prev was set with the
					 * slot: at the paragraph's start or
					 * after the pair before */
					n++;
				}
			}
			open = SIZE_MAX;
			sopen = SIZE_MAX;
			para = t->para;
			if (n < max)
				out[n].cont_prev = cont;
		}
		if (t->kind != PX_TOK_QUOTE || (t->flags & PX_TF_RESIDUE))
			continue;
		fam = family(q, i);
		if (fam == 1) {
			size_t n1;
			const char *p = pxi_tok_text(q->a, i, &n1);
			int straight = n1 == 1 && p[0] == '"';
			int opens = straight ? open == SIZE_MAX
			                     : (t->flags & PX_TF_OPEN) != 0;

			if (opens && open == SIZE_MAX) {
				open = i;
			} else if (!opens && open != SIZE_MAX) {
				out[n].o = open;
				out[n].c = i;
				out[n].fam = 1;
				n++;
				if (n < max)
					out[n].cont_prev = 0;
				open = SIZE_MAX;
			}
		} else if (open == SIZE_MAX) {
			/* single marks outside double ones: terms, mostly */
			if ((t->flags & PX_TF_OPEN) && sopen == SIZE_MAX) {
				sopen = i;
			} else if ((t->flags & PX_TF_CLOSE) && sopen != SIZE_MAX) {
				out[n].o = sopen;
				out[n].c = i;
				out[n].fam = 2;
				n++;
				if (n < max)
					out[n].cont_prev = 0;
				sopen = SIZE_MAX;
			}
		}
	}
	return n;
}

/* ---- Speaker ranker (quote_int.h) ------------------------------------ */

/* Which rule gave the speaker: a feature of the ranker. */
enum {
	RULE_NONE, RULE_AFTER, RULE_BEFORE, RULE_TRANSCRIPT, RULE_COLON,
	RULE_LAST, RULE_SENTENCE, RULE_SUBJECT
};

/* What the ranker knows of the quote beyond its marks. */
typedef struct rank_in {
	size_t s_start, s_end; /* the sentence(s) of the quote, tokens */
	int partial;
	int rule;
	size_t prev;           /* entity of the last quote's speaker */
} rank_in;

float pxi_spk_score(const pxi_spk_model *m, const uint32_t *f, size_t n)
{
	float s = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		size_t lo = 0, hi = m->n;

		if (m->first) {
			/* the few keys of its bucket: about one, in order */
			size_t b = f[i] >> (32 - PXI_SPK_BUCKET_BITS);

			for (lo = m->first[b]; lo < m->first[b + 1] &&
			                       m->key[lo] < f[i]; lo++)
				;
			if (lo < m->first[b + 1] && m->key[lo] == f[i])
				s += m->w[lo];
			continue;
		}
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (m->key[mid] < f[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < m->n && m->key[lo] == f[i])
			s += m->w[lo];
	}
	return s;
}

/* One step of FNV-1a over the two low bytes of v. */
#define FEAT_STEP(h, v)                                 \
	((((h) ^ ((v) & 0xFFu)) * 16777619u ^ (((v) >> 8) & 0xFFu)) * \
	 16777619u)

/* A feature: a template number and up to three small values, hashed
 * (FNV-1a over the two low bytes of each, then mixed; the shipped
 * model's keys are these hashes). Inline: the ranker calls it some
 * forty times a candidate, and the template's step folds to a
 * constant. */
static inline void feat(pxi_spk_cand *c, unsigned t, unsigned x,
                        unsigned y, unsigned z)
{
	uint32_t h = 2166136261u;

	h = FEAT_STEP(h, t);
	h = FEAT_STEP(h, x);
	h = FEAT_STEP(h, y);
	h = FEAT_STEP(h, z);
	h ^= h >> 15;
	h *= 0x2C1B3C6Du;
	h ^= h >> 12;
	if (c->nf < PXI_SPK_MAXF)
		c->f[c->nf++] = h;
}

/* A word's text, folded to lower case and hashed (0: not a word). */
static uint32_t word_hash(const qctx *q, size_t i)
{
	uint32_t h = 2166136261u;
	size_t n, k;
	const char *p;

	if (i >= q->nt || q->tk[i].kind != PX_TOK_WORD)
		return 0;
	p = pxi_tok_text(q->a, i, &n);
	for (k = 0; k < n; k++) {
		unsigned char ch = (unsigned char)p[k];

		h ^= ch >= 'A' && ch <= 'Z' ? ch | 0x20u : ch;
		h *= 16777619u;
	}
	return h ? h : 1;
}

static unsigned dist_bucket(size_t d)
{
	return d <= 3 ? (unsigned)d : d <= 5 ? 4 : d <= 8 ? 5 : d <= 15 ? 6
	       : d <= 30 ? 7 : 8;
}

/* The punctuation at token i: 1 comma, 2 colon, 3 dash, 4 other, 5 a
 * word, 0 none. */
static unsigned punct_kind(const qctx *q, size_t i)
{
	if (i >= q->nt)
		return 0;
	if (q->tk[i].kind == PX_TOK_WORD)
		return 5;
	if (is_punct(q, i, ','))
		return 1;
	if (is_punct(q, i, ':'))
		return 2;
	if (q->tk[i].kind == PX_TOK_PUNCT && is_dash(q, i))
		return 3;
	return 4;
}

/* The token that starts at byte off, or SIZE_MAX. */
static size_t token_at(const qctx *q, size_t off)
{
	size_t i = token_from(q, off);

	return i < q->nt && q->tk[i].start == off ? i : SIZE_MAX;
}

static void cand_features(const qctx *q, const pair *pr, const rank_in *ri,
                          size_t cl, pxi_spk_cand *c, const speaker *rsp,
                          int found, size_t ncand, unsigned nearest,
                          int subj)
{
	unsigned shape = (unsigned)ri->partial |
	                 (pr->o == ri->s_start ? 2u : 0u) |
	                 (cl + 2 >= ri->s_end ? 4u : 0u);
	unsigned side, sd, db, vt = 0, pk, sal = 0, kind = (unsigned)c->kind;
	unsigned mine = (unsigned)c->rule, prev, prep, tell, poss, inq, same;
	size_t ti = c->tf, te = c->tl;

	c->nf = 0;
	if (c->kind == PXI_SPK_NONE) {
		feat(c, 30, 0, 0, 0);
		feat(c, 31, (unsigned)ri->rule, mine, 0);
		feat(c, 32, shape, mine, 0);
		feat(c, 33, ncand < 4 ? (unsigned)ncand : 4, mine, 0);
		feat(c, 34, ri->prev != SIZE_MAX, mine, 0);
		feat(c, 35, (unsigned)ri->rule, shape, 0);
		return;
	}
	if (ti == SIZE_MAX) {
		/* a rule's pick away from any token: rule features only */
		feat(c, 36, (unsigned)ri->rule, kind, 0);
		return;
	}
	if (te < ti)
		te = ti;
	side = ti < pr->o ? 1 : 2;
	if (side == 1) {
		sd = (unsigned)(3 + q->sent_of[ti] - q->sent_of[pr->o]);
		db = dist_bucket(pr->o - te);
		pk = punct_kind(q, pr->o > 0 ? pr->o - 1 : q->nt);
	} else {
		sd = (unsigned)(3 + q->sent_of[ti] - q->sent_of[cl]);
		db = dist_bucket(ti - cl);
		pk = punct_kind(q, cl + 1);
	}
	if (sd > 6)
		sd = 6;
	if (verb_at(q, te + 1))
		vt = 1;
	else if (ti > 0 && verb_at(q, ti - 1))
		vt = 2;
	else if (verb_at(q, te + 2) || verb_at(q, te + 3))
		vt = 3;
	else if (ti > 1 && verb_at(q, ti - 2))
		vt = 4;
	if (c->entity != SIZE_MAX) {
		size_t n = ((const px_entity *)q->a->entities.a)[c->entity].count;

		sal = n <= 1 ? 1 : n <= 3 ? 2 : n <= 7 ? 3 : 4;
	}
	prev = c->entity != SIZE_MAX && c->entity == ri->prev;
	same = found && c->entity != SIZE_MAX && c->entity == rsp->entity &&
	       !mine;
	prep = ti > 0 && word_is(q, ti - 1, C_PREP);
	tell = ti > 0 && word_is(q, ti - 1, C_TELL);
	poss = (unsigned)word_is(q, te, C_POSS);
	inq = q->inq[ti];
	feat(c, 1, kind, 0, 0);
	feat(c, 2, kind, side, sd);
	feat(c, 3, side, db, 0);
	feat(c, 4, side, sd, db);
	feat(c, 5, vt, side, 0);
	feat(c, 6, vt, side, sd);
	feat(c, 7, (unsigned)subj, side, sd);
	feat(c, 8, prep, side, 0);
	feat(c, 9, mine, (unsigned)ri->rule, 0);
	feat(c, 10, mine, kind, 0);
	feat(c, 11, shape, side, sd);
	feat(c, 12, prev, shape & 2, 0);
	feat(c, 13, inq, 0, 0);
	feat(c, 14, pk, side, sd);
	feat(c, 15, tell, 0, 0);
	feat(c, 16, poss, 0, 0);
	feat(c, 17, sal, kind, 0);
	feat(c, 18, kind, vt, 0);
	feat(c, 19, (unsigned)subj, vt, side);
	feat(c, 20, (unsigned)ri->rule, side, sd);
	feat(c, 21, nearest, vt, 0);
	feat(c, 22, nearest, side, sd);
	feat(c, 23, mine, side, sd);
	feat(c, 24, prev, side, sd);
	feat(c, 25, kind, shape, 0);
	feat(c, 26, mine, (unsigned)ri->rule, vt);
	feat(c, 27, same, side, 0);
	feat(c, 28, nearest, (unsigned)subj, shape);
	feat(c, 29, mine, shape, 0);
	{
		uint32_t wb = ti > 0 ? word_hash(q, ti - 1) : 0;
		uint32_t wa = word_hash(q, te + 1);
		unsigned spoke = 0;
		size_t k;

		feat(c, 40, side, wb & 0xFFFF, wb >> 16);
		feat(c, 41, side, wa & 0xFFFF, wa >> 16);
		/* how often the entity spoke before in the article */
		for (k = 0; c->entity != SIZE_MAX && k < q->a->quotes.n &&
		            spoke < 2; k++)
			spoke += ((const px_quote *)q->a->quotes.a)[k].speaker ==
			         c->entity;
		feat(c, 42, spoke, side, sd);
		feat(c, 43, spoke, (unsigned)ri->rule, mine);
	}
	{
		/* where the candidate stands to the rules' reporting verb,
		 * and whether that verb is a participle ("..., saying") */
		size_t v = found && rsp->verb.end > rsp->verb.start
		           ? token_at(q, rsp->verb.start) : SIZE_MAX;
		unsigned rel = v == SIZE_MAX ? 0 : te < v ? 1 : ti > v ? 2 : 3;
		unsigned ing = v != SIZE_MAX && is_ing(q, v);

		feat(c, 44, rel, ing, (unsigned)subj);
		feat(c, 45, rel, side, prep);
		feat(c, 46, prep, (unsigned)subj, vt);
	}
	{
		/* "said State University professor Jane Doe": a person
		 * named right after the candidate */
		unsigned pafter = 0;
		size_t k;

		for (k = te + 1; k < q->nt && k <= te + 3 &&
		                 q->tk[k].kind == PX_TOK_WORD; k++) {
			size_t mi = mention_of(q, k);

			if (mi != SIZE_MAX && ((const px_mention *)
			    q->a->mentions.a + mi)->type == PX_ENT_PERSON) {
				pafter = 1;
				break;
			}
		}
		feat(c, 47, pafter, kind, side);
	}
}

/*
 * Rank the candidate speakers of the quote pr: the rules' pick (sp when
 * found), the persons, organizations, he/she/they (resolved as the rules
 * resolve them) and speaking descriptions ("the judge said") from two
 * sentences before the quote to one after it in its paragraph, and no
 * speaker. The best replaces the rules' pick when it beats it by the
 * model's margin. Returns whether the quote has a speaker (then in sp).
 */
static int rank_speaker(const qctx *q, const pair *pr, const rank_in *ri,
                        int found, speaker *sp)
{
	pxi_spk_cand cs[PXI_SPK_MAXC];
	size_t n = 1, i, cl = pr->c < q->nt ? pr->c : q->nt - 1;
	size_t so = q->sent_of[pr->o], sc = q->sent_of[cl], lo, hi, k;
	size_t para_o = q->tk[pr->o].para, para_c = q->tk[cl].para;
	size_t rule_at = 0, nb = SIZE_MAX, na = SIZE_MAX, last_sent = SIZE_MAX;
	const px_sentence *ss = q->a->sents.a;
#ifdef PXI_SPK_TRAIN
	const pxi_spk_model *m = pxi_spk_train_model();
#else
	const pxi_spk_model *m = &pxi_spk_builtin;
#endif
	unsigned char subj[PXI_SPK_MAXC];
	int seen = 0;
	float best_s, rule_s, score[PXI_SPK_MAXC];
	size_t best;

	memset(&cs[0], 0, sizeof(cs[0]));
	cs[0].kind = PXI_SPK_NONE;
	cs[0].entity = SIZE_MAX;
	cs[0].tf = cs[0].tl = SIZE_MAX;
	subj[0] = 0;
	lo = ss[so >= 2 ? so - 2 : 0].tok_first;
	hi = sc + 1 < q->a->sents.n ? ss[sc + 1].tok_first + ss[sc + 1].tok_count
	                            : q->nt;
	if (hi > q->nt)
		hi = q->nt;
	for (i = lo; i < hi && n < PXI_SPK_MAXC; i++) {
		pxi_spk_cand *c = &cs[n];
		size_t mi;

		if (q->sent_of[i] != last_sent) {
			last_sent = q->sent_of[i];
			seen = 0;
		}
		if ((i >= pr->o && i <= cl) ||
		    (q->tk[i].para != para_o && q->tk[i].para != para_c) ||
		    q->tk[i].kind != PX_TOK_WORD)
			continue;
		mi = mention_of(q, i);
		if (mi != SIZE_MAX) {
			const px_mention *mn = (const px_mention *)
			                       q->a->mentions.a + mi;

			/* an organization in a person's title is the
			 * person's ("House Speaker Nancy Pelosi") */
			if (mn->span.start < q->tk[i].start ||
			    (mn->type != PX_ENT_PERSON && mn->type != PX_ENT_ORG) ||
			    (mn->type == PX_ENT_ORG &&
			     (person_of_org(q, mi) != SIZE_MAX ||
			      org_of_source(q, mi))))
				continue;
			memset(c, 0, sizeof(*c));
			c->kind = mn->type == PX_ENT_PERSON ? PXI_SPK_PERSON
			                                    : PXI_SPK_ORG;
			c->entity = mn->entity;
			c->span = mn->span;
			for (k = i; k + 1 < hi && q->tk[k + 1].start < mn->span.end;
			     k++)
				;
			c->tf = i;
			c->tl = k;
		} else if (word_is(q, i, C_PRONOUN) || word_is(q, i, C_CONTRACTED)) {
			size_t pn;
			const char *p = pxi_tok_text(q->a, i, &pn);

			memset(c, 0, sizeof(*c));
			c->kind = (p[0] | 0x20) == 'h' ? PXI_SPK_HE
			          : (p[0] | 0x20) == 's' ? PXI_SPK_SHE
			          : PXI_SPK_THEY;
			c->entity = person_before(q, i, 400);
			c->span.start = q->tk[i].start;
			c->span.end = q->tk[i].end;
			c->tf = c->tl = i;
		} else if (word_is(q, i, C_DESC)) {
			/* a description next to a reporting verb or opening
			 * its clause ("the judge said", "said a reporter"):
			 * kept as written, or the person whose role it names;
			 * not one that holds a person's name */
			size_t j, l;
			speaker ds;
			int person = 0;

			for (j = i + 1; j < hi && j < i + 7 &&
			                q->tk[j].kind == PX_TOK_WORD &&
			                !verb_at(q, j) && !word_is(q, j, C_PREP) &&
			                !word_is(q, j, C_DESC_END) && !person; j++) {
				mi = mention_of(q, j);
				person = mi != SIZE_MAX &&
				         ((const px_mention *)q->a->mentions.a +
				          mi)->type == PX_ENT_PERSON;
			}
			/* its head: the last role, source or anonymous noun */
			for (k = i + 1, l = SIZE_MAX; k < j && !person; k++)
				if (word_is(q, k, C_ROLE | C_ANON_NOUN |
				                  C_SOURCE))
					l = k;
			/* "the increase" is no speaker; "the judge" is one when
			 * a reporting verb or a comma follows it, or a verb
			 * comes before it ("said a reporter") */
			if (person || l == SIZE_MAX ||
			    !(verb_at(q, l + 1) || is_punct(q, l + 1, ',') ||
			      (i > 0 && verb_at(q, i - 1))))
				continue;
			j = l + 1;
			memset(c, 0, sizeof(*c));
			c->kind = PXI_SPK_DESC;
			c->entity = SIZE_MAX;
			memset(&ds, 0, sizeof(ds));
			if (word_is(q, i, C_THE) &&
			    describe(q, i, j, &ds) != SIZE_MAX)
				c->entity = ds.entity;
			c->span.start = q->tk[i].start;
			c->span.end = q->tk[j - 1].end;
			c->tf = i;
			c->tl = j - 1;
		} else {
			continue;
		}
		subj[n] = !seen && !q->inq[i] &&
		          !(i > 0 && word_is(q, i - 1, C_PREP));
		if (!q->inq[i])
			seen = 1;
		if (found && c->span.start <= sp->span.start &&
		    c->span.end > sp->span.start && !rule_at) {
			/* the rules' pick, as the rules resolved it */
			c->rule = 1;
			c->span = sp->span;
			c->entity = sp->kind == PX_SPEAKER_NAMED ? sp->entity
			                                         : SIZE_MAX;
			rule_at = n;
		}
		if (c->tl < pr->o)
			nb = n;
		else if (na == SIZE_MAX)
			na = n;
		n++;
	}
	if (found && !rule_at && n < PXI_SPK_MAXC) {
		pxi_spk_cand *c = &cs[n];

		memset(c, 0, sizeof(*c));
		c->kind = PXI_SPK_OTHER;
		c->rule = 1;
		c->span = sp->span;
		c->entity = sp->kind == PX_SPEAKER_NAMED ? sp->entity : SIZE_MAX;
		c->tf = token_at(q, sp->span.start);
		c->tl = c->tf;
		if (c->tf != SIZE_MAX)
			while (c->tl + 1 < q->nt &&
			       q->tk[c->tl + 1].start < sp->span.end)
				c->tl++;
		subj[n] = 0;
		rule_at = n++;
	}
	if (!found)
		cs[0].rule = 1;
	for (i = 0; i < n; i++)
		cand_features(q, pr, ri, cl, &cs[i], sp, found, n - 1,
		              i == nb ? 1u : i == na ? 2u : 0u, subj[i]);
#ifdef PXI_SPK_TRAIN
	pxi_spk_train_quote(q->a, (px_span){q->tk[pr->o].end,
	                                    q->tk[cl].start}, cs, n);
#endif
	if (!m->n)
		return found;
	for (i = 0; i < n; i++)
		score[i] = pxi_spk_score(m, cs[i].f, cs[i].nf);
	best = rule_at;
	rule_s = best_s = score[rule_at];
	for (i = 0; i < n; i++)
		if (score[i] > best_s) {
			best_s = score[i];
			best = i;
		}
	if (best == rule_at || best_s - rule_s <= m->margin)
		return found;
	if (cs[best].kind == PXI_SPK_NONE)
		return 0;
	memset(sp, 0, sizeof(*sp));
	sp->kind = cs[best].entity != SIZE_MAX ? PX_SPEAKER_NAMED
	                                       : PX_SPEAKER_UNRESOLVED;
	sp->entity = cs[best].entity;
	sp->span = cs[best].span;
	return 1;
}

static px_status add_quote(qctx *q, const pair *pr, const speaker *sp,
                           size_t sent, int partial)
{
	px_quote *qu = pxi_vec_push(&q->a->ar, &q->a->quotes);

	if (!qu)
		return PX_ENOMEM;
	memset(qu, 0, sizeof(*qu));
	qu->span.start = q->tk[pr->o].end;
	qu->span.end = pr->c < q->nt && q->tk[pr->c].para == q->tk[pr->o].para
	               ? q->tk[pr->c].start : q->tk[pr->c - 1].end;
	qu->kind = PX_QUOTE_DIRECT;
	qu->speaker_kind = sp ? sp->kind : PX_SPEAKER_UNRESOLVED;
	qu->speaker = sp && sp->kind == PX_SPEAKER_NAMED ? sp->entity
	                                                 : SIZE_MAX;
	if (sp) {
		qu->speaker_span = sp->span;
		qu->verb = sp->verb;
	}
	qu->sentence = sent;
	qu->partial = partial;
	return PX_OK;
}

/* Reported speech in sentence s: speaker, reporting verb, "that", the
 * clause to a ", <-ing word" or the sentence's end. */
static px_status reported(qctx *q, size_t si)
{
	const px_sentence *s = (const px_sentence *)q->a->sents.a + si;
	size_t f = s->tok_first, e = f + s->tok_count, i;

	for (i = f; i < e; i++)
		if (q->tk[i].kind == PX_TOK_QUOTE && family(q, i) == 1)
			return PX_OK; /* direct speech here */
	for (i = f; i < e && !verb_at(q, i); i++)
		;
	if (i >= e)
		return PX_OK; /* no reporting verb: no reported speech */
	/* The speaker stands at most eight tokens before the verb. */
	i = i > f + 8 ? i - 8 : f;
	for (; i + 3 < e; i++) {
		speaker sp;
		size_t v = i, c, k;

		memset(&sp, 0, sizeof(sp));
		if (q->tk[i].kind != PX_TOK_WORD)
			continue;
		if (!speaker_at(q, i, f, e, &sp) ||
		    sp.kind == PX_SPEAKER_UNRESOLVED)
			continue;
		/* past the speaker phrase and up to two adverbs */
		while (v < e && q->tk[v].start < sp.span.end)
			v++;
		if (v < e && is_punct(q, v, ','))
			continue; /* apposition: the verb comes later */
		for (k = 0; k < 2 && v < e && !verb_at(q, v) &&
		            q->tk[v].kind == PX_TOK_WORD &&
		            !(q->tk[v].flags & PX_TF_CAP); k++)
			v++;
		if (v >= e || !verb_at(q, v) ||
		    word_is(q, v, C_NOT_REPORT))
			continue;
		c = v + 1;
		if (word_is(q, c, C_THAT))
			c++;
		else if (!word_is(q, v, C_OBJ_VERB))
			continue;
		for (k = c; k < e; k++) {
			size_t n;
			const char *p;

			if (!is_punct(q, k, ','))
				continue;
			if (k + 1 >= e || q->tk[k + 1].kind != PX_TOK_WORD)
				continue;
			p = pxi_tok_text(q->a, k + 1, &n);
			if (n > 3 && !memcmp(p + n - 3, "ing", 3))
				break;
		}
		while (k > c && q->tk[k - 1].kind == PX_TOK_PUNCT)
			k--;
		if (k < c + 3)
			continue;
		{
			px_quote *qu = pxi_vec_push(&q->a->ar, &q->a->quotes);

			if (!qu)
				return PX_ENOMEM;
			memset(qu, 0, sizeof(*qu));
			qu->span.start = q->tk[c].start;
			qu->span.end = q->tk[k - 1].end;
			qu->kind = PX_QUOTE_REPORTED;
			qu->speaker_kind = sp.kind;
			qu->speaker = sp.entity;
			qu->speaker_span = sp.span;
			qu->verb.start = q->tk[v].start;
			qu->verb.end = q->tk[v].end;
			qu->sentence = si;
		}
		return PX_OK;
	}
	return PX_OK;
}

/* Does sentence s hold a double quote mark (its own quote, whose cue
 * it then is)? */
static int quote_in(const qctx *q, const px_sentence *s)
{
	size_t k;

	for (k = s->tok_first; k < s->tok_first + s->tok_count && k < q->nt;
	     k++)
		if (family(q, k) == 1)
			return 1;
	return 0;
}

static int by_start(const void *x, const void *y)
{
	const px_quote *a = x, *b = y;

	return a->span.start < b->span.start ? -1 : a->span.start > b->span.start;
}

px_status pxi_quote_find(px_article *a)
{
	qctx q;
	pair *prs;
	size_t np, i, max = a->toks.n / 2 + 1;
	speaker last;
	int have_last = 0;
	size_t last_para = SIZE_MAX;
	int last_partial = 0;
	px_status rc;

	memset(&q, 0, sizeof(q));
	memset(&last, 0, sizeof(last));
	q.a = a;
	q.tk = a->toks.a;
	q.nt = a->toks.n;
	q.sent_of = pxi_arena_alloc(&a->ar, (q.nt + 1) * sizeof(size_t));
	prs = pxi_arena_alloc(&a->ar, max * sizeof(*prs));
	if (!q.sent_of || !prs)
		return PX_ENOMEM;
	for (i = 0; i < a->sents.n; i++) {
		const px_sentence *s = (const px_sentence *)a->sents.a + i;
		size_t k;

		for (k = 0; k < s->tok_count; k++)
			q.sent_of[s->tok_first + k] = i;
	}
	/* prs is not cleared: find_pairs() writes each pair whole */
	q.cls = pxi_arena_alloc(&a->scratch, (q.nt + 1) * sizeof(*q.cls));
	q.ment = pxi_arena_alloc(&a->scratch, (q.nt + 1) * sizeof(*q.ment));
	if (!q.cls || !q.ment)
		return PX_ENOMEM;
	classify(&q);
	find_mentions(&q);
	np = find_pairs(&q, prs, max);
	/* tokens inside quote marks */
	q.inq = pxi_arena_alloc(&a->ar, q.nt + 1);
	if (!q.inq)
		return PX_ENOMEM;
	memset(q.inq, 0, q.nt + 1);
	for (i = 0; i < np; i++) {
		size_t k;

		for (k = prs[i].o; k <= prs[i].c && k < q.nt; k++)
			q.inq[k] = 1;
	}
	for (i = 0; i < np; i++) {
		pair *pr = &prs[i];
		const px_sentence *so = (const px_sentence *)a->sents.a +
		                        q.sent_of[pr->o];
		const px_sentence *sc = (const px_sentence *)a->sents.a +
		                        q.sent_of[pr->c < q.nt ? pr->c : pr->o];
		size_t s_start = so->tok_first;
		size_t s_end = sc->tok_first + sc->tok_count;

		/* "...?” Clinton said." may be split after the mark: the
		 * attribution is then the next sentence's start. */
		if (pr->c + 1 == s_end && q.sent_of[pr->c] + 1 < a->sents.n &&
		    q.tk[pr->c].para == q.tk[s_end < q.nt ? s_end : pr->c].para &&
		    !quote_in(&q, (const px_sentence *)a->sents.a +
		                  q.sent_of[pr->c] + 1))
			s_end = ((const px_sentence *)a->sents.a)
			        [q.sent_of[pr->c] + 1].tok_first +
			        ((const px_sentence *)a->sents.a)
			        [q.sent_of[pr->c] + 1].tok_count;
		const char *why;
		speaker sp;
		int found, partial, rule;
		rank_in rk;

		if (pr->c <= pr->o + 1)
			continue;
		why = term_reason(&q, pr, s_start, s_end);
		if (why) {
			px_term *t = pxi_vec_push(&a->ar, &a->terms);

			if (!t)
				return PX_ENOMEM;
			t->span.start = q.tk[pr->o].end;
			t->span.end = q.tk[pr->c].start;
			t->reason = why;
			continue;
		}
		memset(&sp, 0, sizeof(sp));
		rule = RULE_AFTER;
		found = cue_after(&q, pr->c, s_end, s_end > sc->tok_first +
		                  sc->tok_count ? 3 : 12, &sp);
		if (!found) {
			rule = RULE_BEFORE;
			found = cue_before(&q, pr->o, s_start, &sp);
		}
		/* A transcript line: "PENCE: Well, ..." names its speaker. */
		if (!found && pr->o + 2 < pr->c &&
		    (q.tk[pr->o + 1].flags & PX_TF_UPPER) &&
		    is_punct(&q, pr->o + 2, ':')) {
			rule = RULE_TRANSCRIPT;
			found = near_verb(&q, pr->o + 1, pr->o + 1, &sp);
		}
		/* "X said:" closing the paragraph before the quote. */
		if (!found && pr->o > 0 && is_punct(&q, pr->o - 1, ':') &&
		    q.tk[pr->o - 1].para != q.tk[pr->o].para) {
			rule = RULE_COLON;
			found = cue_before(&q, pr->o,
			                   ((const px_sentence *)a->sents.a)
			                   [q.sent_of[pr->o - 1]].tok_first, &sp);
		}
		/* A quote with no cue of its own goes on the last speaker's
		 * words when it follows them closely: in the same paragraph,
		 * or opening the paragraph right after theirs. */
		if (!found && have_last && pr->o > 0 &&
		    (pr->cont_prev || (i > 0 && pr->o == s_start &&
		                       q.tk[pr->o].para ==
		                       q.tk[prs[i - 1].o].para &&
		                       (q.sent_of[pr->o] <=
		                        q.sent_of[prs[i - 1].c < q.nt
		                                  ? prs[i - 1].c : 0] + 1 ||
		                        (last.verb.end > last.verb.start &&
		                         prs[i - 1].c < q.nt &&
		                         last.verb.start >=
		                         q.tk[prs[i - 1].c].end &&
		                         last.verb.end <=
		                         q.tk[pr->o].start))) ||
		     (i > 0 && pr->o == s_start && !last_partial &&
		      q.tk[pr->o - 1].para != q.tk[pr->o].para &&
		      q.tk[pr->o - 1].para == last_para))) {
			sp = last;
			sp.verb.start = sp.verb.end = 0;
			found = 1;
			rule = RULE_LAST;
		}
		/* Several quotes in one sentence ("X said A was “...,”
		 * adding, “...”"): a later one with no cue of its own is the
		 * earlier one's speaker's. */
		if (!found && have_last && i > 0 && prs[i - 1].c < q.nt &&
		    q.sent_of[prs[i - 1].c] == q.sent_of[pr->o] &&
		    last.kind != PX_SPEAKER_UNRESOLVED) {
			sp = last;
			found = 1;
			rule = RULE_SENTENCE;
		}
		partial = pr->o > s_start && !is_punct(&q, pr->o - 1, ':') &&
		          !is_punct(&q, pr->o - 1, ',') &&
		          q.tk[pr->o - 1].kind == PX_TOK_WORD;
		/* Words quoted inside a sentence whose subject is a person
		 * ("The mayor again called the plan “a fair start.”") are
		 * that person's. */
		if (!found && partial) {
			rule = RULE_SUBJECT;
			found = subject_of(&q, s_start, pr->o, &sp);
		}
		if (!found)
			rule = RULE_NONE;
		/* The ranker may choose another candidate, or none; an
		 * anonymous source stays as the rules found it. */
		if (!(found && sp.kind == PX_SPEAKER_ANONYMOUS)) {
			rk.s_start = s_start;
			rk.s_end = s_end;
			rk.partial = partial;
			rk.rule = rule;
			rk.prev = have_last && last.kind == PX_SPEAKER_NAMED
			          ? last.entity : SIZE_MAX;
			found = rank_speaker(&q, pr, &rk, found, &sp);
		}
		rc = add_quote(&q, pr, found ? &sp : NULL, q.sent_of[pr->o],
		               partial);
		if (rc)
			return rc;
		if (found) {
			last = sp;
			have_last = 1;
			last_para = q.tk[pr->c < q.nt ? pr->c : q.nt - 1].para;
			last_partial = partial;
		} else {
			have_last = 0;
		}
	}
	for (i = 0; i < a->sents.n; i++) {
		if (((const px_sentence *)a->sents.a)[i].residue)
			continue;
		rc = reported(&q, i);
		if (rc)
			return rc;
	}
	if (a->quotes.n > 1)
		qsort(a->quotes.a, a->quotes.n, sizeof(px_quote), by_start);
	return PX_OK;
}
