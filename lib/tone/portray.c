/*
 * portray.c - how a clause portrays a target: an entity's mention, or
 * any span a caller asks about (px_article_tone_toward).
 *
 * The clause around the target runs between the sentence's clause
 * punctuation (, ; : ( ) and dashes). Its role in the clause comes from
 * the first verb-like word there: a target before it is the subject, one
 * after it the object. Verbs of conflict (attack, accuse, blame ...), of
 * praise (praise, thank, defend ...) and of speech (said, told ...) are
 * features of their own: who blames is portrayed otherwise than who is
 * blamed, and a clause that reports speech is mostly neutral toward its
 * speaker. With the tone stage's reasons (split into the target's clause
 * and the rest of the sentence, before and after the target, weighted by
 * distance) they make PXI_TW_N features of a three-class logistic model
 * (negative, neutral, positive) whose weights tools/eval-tone.c fits on
 * half A of NewsMTSC (`eval-tone fit-targets`) and reports on half B.
 */
#include <math.h>
#include <string.h>

#include "../article/article.h"
#include "../text/lexicon.h"
#include "../text/text.h"
#include "tone.h"
#include "tone_int.h"

#define WORD_MAX 48

/* Verb classes (exact stems; a word has them with -s, -es, -ed, -d,
 * -ing, -ion and -e dropped or the last consonant doubled before them). */
#define V_CONFLICT 1
#define V_PRAISE 2
#define V_SPEECH 3

static const struct {
	const char *z;
	int kind;
} verbs[] = {
	{"accord", V_SPEECH},   {"accuse", V_CONFLICT}, {"add", V_SPEECH},
	{"admire", V_PRAISE},   {"announce", V_SPEECH}, {"applaud", V_PRAISE},
	{"arrest", V_CONFLICT}, {"assail", V_CONFLICT}, {"attack", V_CONFLICT},
	{"back", V_PRAISE},     {"ban", V_CONFLICT},    {"beat", V_CONFLICT},
	{"berate", V_CONFLICT}, {"blame", V_CONFLICT},  {"blast", V_CONFLICT},
	{"celebrate", V_PRAISE}, {"challenge", V_CONFLICT},
	{"champion", V_PRAISE}, {"charge", V_CONFLICT},
	{"chastise", V_CONFLICT}, {"commend", V_PRAISE},
	{"condemn", V_CONFLICT}, {"congratulate", V_PRAISE},
	{"convict", V_CONFLICT}, {"criticise", V_CONFLICT},
	{"criticize", V_CONFLICT}, {"defeat", V_CONFLICT},
	{"defend", V_PRAISE},   {"demonize", V_CONFLICT},
	{"denounce", V_CONFLICT}, {"deride", V_CONFLICT},
	{"elect", V_PRAISE},    {"embrace", V_PRAISE},  {"endorse", V_PRAISE},
	{"explain", V_SPEECH},  {"fault", V_CONFLICT},  {"fight", V_CONFLICT},
	{"fire", V_CONFLICT},   {"fought", V_CONFLICT}, {"hail", V_PRAISE},
	{"help", V_PRAISE},     {"honor", V_PRAISE},    {"honour", V_PRAISE},
	{"impeach", V_CONFLICT}, {"indict", V_CONFLICT},
	{"insult", V_CONFLICT}, {"investigate", V_CONFLICT},
	{"jail", V_CONFLICT},   {"lash", V_CONFLICT},   {"laud", V_PRAISE},
	{"mock", V_CONFLICT},   {"note", V_SPEECH},     {"oppose", V_CONFLICT},
	{"oust", V_CONFLICT},   {"praise", V_PRAISE},   {"protect", V_PRAISE},
	{"punish", V_CONFLICT}, {"question", V_CONFLICT},
	{"rebuke", V_CONFLICT}, {"reject", V_CONFLICT}, {"report", V_SPEECH},
	{"reward", V_PRAISE},   {"ridicule", V_CONFLICT},
	{"said", V_SPEECH},     {"salute", V_PRAISE},   {"sanction", V_CONFLICT},
	{"say", V_SPEECH},      {"scold", V_CONFLICT},  {"slam", V_CONFLICT},
	{"smear", V_CONFLICT},  {"state", V_SPEECH},    {"sue", V_CONFLICT},
	{"support", V_PRAISE},  {"tell", V_SPEECH},     {"thank", V_PRAISE},
	{"threaten", V_CONFLICT}, {"told", V_SPEECH},  {"vilify", V_CONFLICT},
	{"warn", V_CONFLICT},   {"welcome", V_PRAISE},  {"win", V_PRAISE},
	{"won", V_PRAISE},      {"write", V_SPEECH},    {"wrote", V_SPEECH},
};

/* Words that make a clause's verb without being listed: auxiliaries and
 * copulas. Sorted. */
static const char *const auxes[] = {
	"are", "be", "been", "can", "could", "did", "do", "does", "had",
	"has", "have", "is", "may", "might", "must", "shall", "should", "was",
	"were", "will", "would",
};

/* Is (w, n) stem z (zn bytes) with nothing or an inflection after it? */
static int inflects(const char *z, size_t zn, const char *w, size_t n)
{
	static const char *const ends[] = {"", "s", "es", "ed", "d", "ing",
	                                   "ion", "ions"};
	static const size_t lens[] = {0, 1, 2, 2, 1, 3, 3, 4};
	size_t k, e;

	for (k = 0; k < sizeof(ends) / sizeof(ends[0]); k++) {
		e = lens[k];
		if (n == zn + e && !memcmp(w, z, zn) &&
		    !memcmp(w + zn, ends[k], e))
			return 1;
		/* accused, accusing: the stem's e dropped */
		if (z[zn - 1] == 'e' && e > 1 && n == zn - 1 + e &&
		    !memcmp(w, z, zn - 1) && !memcmp(w + zn - 1, ends[k], e))
			return 1;
		/* slammed, banning: the last consonant doubled */
		if (e > 1 && n == zn + 1 + e && !memcmp(w, z, zn) &&
		    w[zn] == z[zn - 1] && !memcmp(w + zn + 1, ends[k], e))
			return 1;
	}
	return 0;
}

static pxi_pfx2idx verbs_idx = PXI_PFX2IDX_INIT(verbs, z);

/* Verb class of the lower-case word (w, n), or 0. */
static int verb_kind(const char *w, size_t n)
{
	size_t k, from, to;

	if (n < 3 || !pxi_pfx2_range(&verbs_idx, w, n, &from, &to))
		return 0;
	for (k = from; k < to; k++) {
		const char *z = verbs[k].z;
		size_t zn = strlen(z);

		/* every inflection keeps all but the stem's last letter */
		if (n + 1 >= zn && n <= zn + 5 && !memcmp(w, z, zn - 1) &&
		    inflects(z, zn, w, n))
			return verbs[k].kind;
	}
	return 0;
}

/* What tok_class says of a token: its verb class (C_KIND bits), that it
 * looks like a verb, that it is written in lower case. */
#define C_KIND 0x03
#define C_VERB 0x04
#define C_LOWER 0x08
#define C_DONE 0x10

/* What the lists say of the lower-case word (w, n): its verb class, and
 * C_VERB for a listed verb or an auxiliary (the tone stage's word index
 * holds this for every word where it is not 0). */
unsigned pxi_portray_listed(const char *w, size_t n)
{
	static pxi_lexidx auxes_idx = PXI_LEXIDX_LIST(auxes, 0);
	unsigned kind = (unsigned)verb_kind(w, n);

	if (kind || (n <= 6 && pxi_lexidx_find(&auxes_idx, w, n) >= 0))
		return kind | C_VERB;
	return 0;
}

/* Stem i of the verbs, then auxiliary i - (verbs), then NULL; *stem set
 * for a stem (indexed with its inflections, see inflects()). */
const char *pxi_portray_word(size_t i, int *stem)
{
	size_t nv = sizeof(verbs) / sizeof(verbs[0]);

	*stem = i < nv;
	if (i < nv)
		return verbs[i].z;
	i -= nv;
	return i < sizeof(auxes) / sizeof(auxes[0]) ? auxes[i] : NULL;
}

/* The class bits of a word token whose bytes start at tok, given
 * listed, pxi_portray_listed() of its lower-case form (w, n): a clause's
 * verb when listed or a past form in -ed, lower case when its first byte
 * is. */
unsigned pxi_portray_class(unsigned listed, const char *tok, const char *w,
                           size_t n)
{
	unsigned c = C_DONE | listed;

	if (n >= 5 && w[n - 2] == 'e' && w[n - 1] == 'd')
		c |= C_VERB;
	if (n && tok[0] == w[0])
		c |= C_LOWER;
	return c;
}

/* Is byte b of (tx, len) a clause boundary: , ; : ( ) or a dash? */
static int clause_end(const char *tx, size_t len, size_t b)
{
	unsigned char ch = (unsigned char)tx[b];

	if (ch == ',' || ch == ';' || ch == ':' || ch == '(' || ch == ')')
		return 1;
	return ch == 0xE2 && b + 2 < len && (unsigned char)tx[b + 1] == 0x80 &&
	       ((unsigned char)tx[b + 2] == 0x93 ||
	        (unsigned char)tx[b + 2] == 0x94);
}

/* Can byte ch open a clause boundary? Most bytes are told here, without
 * a call to clause_end(). */
static int boundary_byte(unsigned char ch)
{
	return ch == ',' || ch == ';' || ch == ':' || ch == '(' ||
	       ch == ')' || ch == 0xE2;
}

/* The first clause boundary of (tx, len) in [b, hi), or hi. */
static size_t next_boundary(const char *tx, size_t len, size_t b, size_t hi)
{
	for (; b < hi; b++)
		if (boundary_byte((unsigned char)tx[b]) &&
		    clause_end(tx, len, b))
			return b;
	return hi;
}

/* The byte after the last clause boundary of (tx, len) in [lo, b), or
 * lo. */
static size_t prev_boundary(const char *tx, size_t len, size_t lo, size_t b)
{
	for (; b > lo; b--)
		if (boundary_byte((unsigned char)tx[b - 1]) &&
		    clause_end(tx, len, b - 1))
			return b;
	return lo;
}

/* Lower-case copy of word token i of in into w; its length, 0 when not
 * a word or too long. */
static size_t tok_word(const pxi_toward_in *in, size_t i, char *w)
{
	const px_token *t = in->tk + i;
	size_t n = t->end - t->start, j;

	if (t->kind != PX_TOK_WORD || n >= WORD_MAX)
		return 0;
	for (j = 0; j < n; j++) {
		char ch = in->text[t->start + j];

		w[j] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
	}
	return n;
}

/* The first token of the sentence of in that starts at or after byte
 * pos (tok_end when none): a binary search. */
static size_t first_token(const pxi_toward_in *in, size_t pos)
{
	return pxi_token_from(in->tk, in->tok_first, in->tok_end, pos);
}

/* The class bits of token i, from in->cls when there (0: not yet). */
static int tok_class(const pxi_toward_in *in, size_t i)
{
	char w[WORD_MAX];
	size_t n;
	int c = C_DONE;

	if (in->cls && in->cls[i])
		return in->cls[i];
	n = tok_word(in, i, w);
	if (n)
		c = (int)pxi_portray_class(pxi_portray_listed(w, n),
		                           in->text + in->tk[i].start, w, n);
	if (in->cls)
		in->cls[i] = (unsigned char)c;
	return c;
}

/* A subject cut from its verb by an apposition ("Tom Hale, a thief, had
 * stolen"): when the target opens a clause [cs, ce) that has no verb
 * after it, the clause runs on to the end of the clause of the next
 * verb-like word, at most two clauses on. Returns the clause's end. */
static size_t past_apposition(const pxi_toward_in *in, size_t cs, size_t ts,
                              size_t te, size_t ce)
{
	size_t i, commas = 0;

	for (i = first_token(in, cs); i < in->tok_end; i++) {
		const px_token *t = in->tk + i;

		if (t->start >= ts)
			break;
		if (t->start >= cs && t->kind == PX_TOK_WORD)
			return ce; /* words before the target in its clause */
	}
	for (; i < in->tok_end; i++) {
		const px_token *t = in->tk + i;

		if (t->start < te)
			continue;
		if (t->start >= ce) {
			if (clause_end(in->text, in->len, t->start) &&
			    ++commas > 2)
				return ce;
			if (t->kind != PX_TOK_WORD)
				continue;
		}
		if ((tok_class(in, i) & (C_VERB | C_LOWER)) ==
		    (C_VERB | C_LOWER)) {
			if (t->end <= ce)
				return ce;
			return next_boundary(in->text, in->len, t->end,
			                     in->sent.end);
		}
	}
	return ce;
}

/* Is byte ts of the sentence of in inside a quotation: after an odd
 * number of straight quote marks, or after an opening curly one not yet
 * closed? Read on from in->scan when it stands in the same sentence at
 * or before ts, else from the sentence's start. */
static int in_quote(const pxi_toward_in *in, size_t ts)
{
	pxi_quote_scan own = {SIZE_MAX, 0, 0};
	pxi_quote_scan *sc = in->scan ? in->scan : &own;
	const char *tx = in->text;
	size_t i;

	if (sc->from != in->sent.start || sc->pos > ts) {
		sc->from = sc->pos = in->sent.start;
		sc->inq = 0;
	}
	for (i = sc->pos; i < ts && i < in->len; i++) {
		unsigned char ch = (unsigned char)tx[i];

		if (ch == '"')
			sc->inq ^= 1;
		else if (ch == 0xE2 && i + 2 < in->len &&
		         (unsigned char)tx[i + 1] == 0x80 &&
		         (unsigned char)tx[i + 2] == 0x9C)
			sc->inq = 1;
		else if (ch == 0xE2 && i + 2 < in->len &&
		         (unsigned char)tx[i + 1] == 0x80 &&
		         (unsigned char)tx[i + 2] == 0x9D)
			sc->inq = 0;
	}
	sc->pos = i;
	return sc->inq;
}

/* VADER's normalization, here for features. */
static double squash(double x)
{
	return x / sqrt(x * x + 15.0);
}

/* Weights of the model, [class][feature], classes negative, neutral,
 * positive; fitted by `eval-tone fit-targets` on half A of NewsMTSC
 * (even lines), L2 1e-3, 400 steps of gradient descent. */
static const double weights[3][PXI_TW_N] = {
#include "portray_weights.h"
};

/* The features of the target [ts, te) in the sentence of in (see the
 * list in tone_int.h) into f; fills the clause, verb and role of out. */
void pxi_toward_features(const pxi_toward_in *in, size_t ts, size_t te,
                         double *f, px_portrayal *out)
{
	const char *tx = in->text;
	size_t cs = ts, ce = te, i, first_verb = SIZE_MAX;
	double ip = 0, inn = 0, op = 0, on = 0, dp = 0, dn = 0;
	double bp = 0, bn = 0, ap = 0, an = 0;
	int cva = 0, cvb = 0, pva = 0, pvb = 0, speech = 0, inq = 0;

	memset(f, 0, PXI_TW_N * sizeof(*f));
	if (cs < in->sent.start)
		cs = in->sent.start;
	if (ce > in->sent.end)
		ce = in->sent.end;
	cs = prev_boundary(tx, in->len, in->sent.start, cs);
	ce = next_boundary(tx, in->len, ce, in->sent.end);
	ce = past_apposition(in, cs, ts, te, ce);
	out->target.start = ts;
	out->target.end = te;
	out->clause.start = cs;
	out->clause.end = ce;
	out->verb.start = out->verb.end = 0;
	out->role = PX_ROLE_NONE;
	out->verb_kind = NULL;
	out->reason_first = SIZE_MAX;
	out->reason_count = 0;
	for (i = 0; i < in->nr; i++) {
		const px_tone_reason *r = in->rs + i;
		double v = r->valence, d, w;
		int inside = r->span.start >= cs && r->span.end <= ce;

		d = r->span.start >= te ? (double)(r->span.start - te)
		    : r->span.end <= ts ? (double)(ts - r->span.end) : 0;
		w = exp(-d / 30.0);
		if (v > 0)
			dp += v * w;
		else
			dn += v * w;
		if (!inside) {
			if (v > 0)
				op += v;
			else
				on += v;
			continue;
		}
		if (out->reason_first == SIZE_MAX)
			out->reason_first = in->reason0 + i;
		out->reason_count = in->reason0 + i + 1 - out->reason_first;
		if (v > 0)
			ip += v;
		else
			inn += v;
		if (r->span.start >= te) {
			if (v > 0)
				ap += v;
			else
				an += v;
		} else {
			if (v > 0)
				bp += v;
			else
				bn += v;
		}
	}
	if (out->reason_first == SIZE_MAX)
		out->reason_first = in->reason0;
	for (i = first_token(in, cs); i < in->tok_end; i++) {
		const px_token *t = in->tk + i;
		int kind, after, before, cl;

		if (t->start >= ce)
			break;
		if (t->kind != PX_TOK_WORD || t->start < cs)
			continue;
		after = t->start >= te;
		before = t->end <= ts;
		if (!after && !before)
			continue;
		cl = tok_class(in, i);
		kind = cl & C_KIND;
		if (first_verb == SIZE_MAX &&
		    (cl & (C_VERB | C_LOWER)) == (C_VERB | C_LOWER)) {
			first_verb = i;
			out->role = after ? PX_ROLE_SUBJECT : PX_ROLE_OBJECT;
			out->verb.start = t->start;
			out->verb.end = t->end;
			out->verb_kind = kind == V_CONFLICT ? "conflict"
			                 : kind == V_PRAISE ? "praise"
			                 : kind == V_SPEECH ? "speech" : NULL;
		}
		if (kind == V_SPEECH)
			speech = 1;
		else if (kind == V_CONFLICT)
			*(after ? &cva : &cvb) = 1;
		else if (kind == V_PRAISE)
			*(after ? &pva : &pvb) = 1;
	}
	inq = in_quote(in, ts);
	f[0] = 1;
	f[1] = squash(ip);
	f[2] = squash(inn);
	f[3] = squash(op);
	f[4] = squash(on);
	f[5] = squash(ip + inn);
	f[6] = cva;
	f[7] = cvb;
	f[8] = pva;
	f[9] = pvb;
	f[10] = inq;
	f[11] = squash(dp);
	f[12] = squash(dn);
	f[13] = squash(bp);
	f[14] = squash(bn);
	f[15] = squash(ap);
	f[16] = squash(an);
	f[17] = speech;
	f[18] = (double)(ce - cs > 300 ? 300 : ce - cs) / 100.0;
}

/* Class probabilities from features f into out (and its compound and
 * label). */
void pxi_toward_classify(const double *f, px_portrayal *out)
{
	double z[3], m, s = 0;
	int c, k;

	for (c = 0; c < 3; c++) {
		z[c] = 0;
		for (k = 0; k < PXI_TW_N; k++)
			z[c] += weights[c][k] * f[k];
	}
	m = z[0] > z[1] ? z[0] : z[1];
	m = m > z[2] ? m : z[2];
	for (c = 0; c < 3; c++) {
		z[c] = exp(z[c] - m);
		s += z[c];
	}
	out->negative = z[0] / s;
	out->neutral = z[1] / s;
	out->positive = z[2] / s;
	out->compound = out->positive - out->negative;
	out->label = out->negative > out->neutral &&
	             out->negative > out->positive ? -1
	             : out->positive > out->neutral ? 1 : 0;
}

/* The pxi_toward_in of sentence tone st of article a, in the offsets the
 * arrays hold now (norm while the pipeline runs, original after). */
static void input_of(const px_article *a, const struct pxi_tone *t,
                     const px_sentence_tone *st, const char *text,
                     size_t len, pxi_toward_in *in)
{
	const px_sentence *s = (const px_sentence *)a->sents.a + st->sentence;

	in->text = text;
	in->len = len;
	in->tk = a->toks.a;
	in->tok_first = s->tok_first;
	in->tok_end = s->tok_first + s->tok_count;
	in->sent = s->span;
	/* no reasons yet: the array may be NULL, and NULL + 0 is undefined */
	in->rs = t->reasons.a ? (const px_tone_reason *)t->reasons.a +
	                        st->reason_first
	                      : NULL;
	in->nr = st->reason_count;
	in->reason0 = st->reason_first;
	in->cls = NULL;
	in->scan = NULL;
}

/* Portrayal of each mention (not in residue) and each entity's summary:
 * called by pxi_tone_find with the article in norm offsets; cls holds a
 * class per token (0 where not known yet; see pxi_portray_class). */
px_status pxi_portray(px_article *a, struct pxi_tone *t, unsigned char *cls)
{
	const px_mention *ms = a->mentions.a;
	const px_sentence_tone *st = t->sents.a;
	size_t *of = pxi_arena_alloc(&a->scratch,
	                             (a->sents.n + 1) * sizeof(*of));
	double *sum = pxi_arena_alloc(&a->scratch,
	                              (a->entities.n + 1) * sizeof(*sum) * 3);
	pxi_quote_scan scan = {SIZE_MAX, 0, 0};
	px_entity_tone *et;
	size_t i;

	pxi_vec_init(&t->entities, sizeof(px_entity_tone), a->entities.max);
	pxi_vec_init(&t->portrayals, sizeof(px_portrayal), a->mentions.max);
	if (!of || !sum ||
	    pxi_vec_reserve(&a->ar, &t->entities, a->entities.n + 1))
		return PX_ENOMEM;
	memset(sum, 0, (a->entities.n + 1) * sizeof(*sum) * 3);
	for (i = 0; i < a->sents.n; i++)
		of[i] = SIZE_MAX;
	for (i = 0; i < t->sents.n; i++)
		of[st[i].sentence] = i;
	for (i = 0; i < a->entities.n; i++) {
		et = pxi_vec_push(&a->ar, &t->entities);
		if (!et)
			return PX_ENOMEM;
		memset(et, 0, sizeof(*et));
		et->entity = i;
	}
	et = t->entities.a;
	for (i = 0; i < a->mentions.n; i++) {
		const px_mention *m = ms + i;
		double f[PXI_TW_N];
		pxi_toward_in in;
		px_portrayal *p;
		px_entity_tone *e;

		if (m->sentence >= a->sents.n || of[m->sentence] == SIZE_MAX ||
		    m->entity >= a->entities.n)
			continue;
		p = pxi_vec_push(&a->ar, &t->portrayals);
		if (!p)
			return PX_ENOMEM;
		memset(p, 0, sizeof(*p));
		input_of(a, t, st + of[m->sentence], a->norm.text,
		         a->norm.len, &in);
		in.cls = cls;
		in.scan = &scan;
		pxi_toward_features(&in, m->span.start, m->span.end, f, p);
		pxi_toward_classify(f, p);
		p->mention = i;
		p->entity = m->entity;
		e = et + m->entity;
		e->mentions++;
		if (p->role == PX_ROLE_NONE)
			continue;
		e->portrayed++;
		sum[m->entity * 3] += p->compound;
		if (p->role == PX_ROLE_SUBJECT) {
			e->as_subject++;
			sum[m->entity * 3 + 1] += p->compound;
		} else {
			e->as_object++;
			sum[m->entity * 3 + 2] += p->compound;
		}
		if (p->label > 0)
			e->positive++;
		else if (p->label < 0)
			e->negative++;
	}
	for (i = 0; i < a->entities.n; i++) {
		if (et[i].portrayed)
			et[i].compound = sum[i * 3] / (double)et[i].portrayed;
		if (et[i].as_subject)
			et[i].subject_compound = sum[i * 3 + 1] /
			                         (double)et[i].as_subject;
		if (et[i].as_object)
			et[i].object_compound = sum[i * 3 + 2] /
			                        (double)et[i].as_object;
	}
	return PX_OK;
}

/* Map the portrayals' spans to the original bytes. */
void pxi_portray_finalize(px_article *a)
{
	size_t i;

	for (i = 0; i < a->tone->portrayals.n; i++) {
		px_portrayal *p = (px_portrayal *)a->tone->portrayals.a + i;
		px_span *sp[3] = {&p->target, &p->clause, &p->verb};
		int k;

		for (k = 0; k < 3; k++) {
			if (sp[k]->end <= sp[k]->start && k == 2)
				continue;
			sp[k]->start = pxi_norm_to_orig(&a->norm, sp[k]->start,
			                                0);
			sp[k]->end = pxi_norm_to_orig(&a->norm, sp[k]->end, 1);
		}
	}
}

/* One per mention scored, in text order; NULL, *n = 0 when not
 * computed. */
const px_portrayal *px_article_portrayals(const px_article *a, size_t *n)
{
	if (n)
		*n = a && a->tone ? a->tone->portrayals.n : 0;
	return a && a->tone ? (const px_portrayal *)a->tone->portrayals.a
	                    : NULL;
}

/* The sentence input of the scored sentence holding original byte
 * start of a finalized article; 0 when there is none. */
static int input_at(const px_article *a, size_t start, pxi_toward_in *in)
{
	const px_sentence_tone *st;
	const px_sentence *ss;
	size_t i;

	if (!a || !a->tone)
		return 0;
	st = a->tone->sents.a;
	ss = a->sents.a;
	for (i = 0; i < a->tone->sents.n; i++) {
		px_span s = ss[st[i].sentence].span;

		if (start >= s.start && start < s.end) {
			input_of(a, a->tone, st + i, a->orig, a->orig_len, in);
			return 1;
		}
	}
	return 0;
}

/* The features toward [start, end) of a finalized article (for
 * tools/eval-tone.c's fitting); 0 when no scored sentence holds start. */
int pxi_tone_toward_features(const px_article *a, size_t start, size_t end,
                             double *f)
{
	pxi_toward_in in;
	px_portrayal p;

	if (!input_at(a, start, &in) || end < start)
		return 0;
	pxi_toward_features(&in, start, end, f, &p);
	return 1;
}

/* The tone toward the bytes [start, end) of the article's text (any
 * span: a name, a pronoun), from the clause of the sentence holding
 * start. PX_EPARSE when no scored sentence holds it. */
px_status px_article_tone_toward(const px_article *a, size_t start,
                                 size_t end, px_portrayal *out)
{
	double f[PXI_TW_N];
	pxi_toward_in in;

	if (!out)
		return PX_EPARSE;
	memset(out, 0, sizeof(*out));
	out->mention = SIZE_MAX;
	out->entity = SIZE_MAX;
	if (end < start || !input_at(a, start, &in))
		return PX_EPARSE;
	pxi_toward_features(&in, start, end, f, out);
	pxi_toward_classify(f, out);
	out->mention = SIZE_MAX;
	out->entity = SIZE_MAX;
	return PX_OK;
}

/* Constant text naming a role, e.g. "subject". */
const char *px_role_name(px_role r)
{
	switch (r) {
	case PX_ROLE_SUBJECT: return "subject";
	case PX_ROLE_OBJECT: return "object";
	case PX_ROLE_NONE: break;
	}
	return "none";
}
