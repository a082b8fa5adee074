/*
 * brief.c - the brief of one story: what its articles agree on, who said
 * what, the actors and their stance cues, where the sources disagree,
 * how each source tells it, and its near-copies. Everything the brief
 * reports is a span of an article; nothing is written anew.
 *
 * Independent sources: articles of one outlet are one source; an article
 * without an outlet (its source is its file name) is its own; outlets
 * whose articles are near-copies of each other count once.
 *
 * Points (highlights across the story): each sentence that can carry a
 * point (svec.c, five content words or more) is compared with the
 * sentences of every other source; a source carries the point when one
 * of its sentences is at least opts->similar alike (0.2 by default). A
 * sentence opening on a pronoun, or marked as the author's judgement
 * (loaded words, opinion ...), may carry a point but is never shown.
 * Points are taken by the number of sources carrying them, then by their
 * summed likeness and a bonus for an article's lead; a sentence already
 * in a point, or with a third of its supporters in points, is not taken
 * (docs/internals/BRIEF.md).
 *
 * The story's title is the title whose content words most of its
 * sources use.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/core.h"
#include "../text/lexicon.h"
#include "brief_int.h"

#define DEFAULT_POINTS 6
#define DEFAULT_SIMILAR 0.2
#define POINT_WORDS 5      /* content words a point's sentence needs */
#define POINT_RANK 40      /* sentences of an article that may be one */
#define CLAIM_SIMILAR 0.0  /* claims' sentences share a word */
#define CLAIM_RATIO 3.0    /* claims of one thing: values this close */
#define UNIT_SIMILAR 0.3   /* claims with a unit, no object: sentences
                            * this alike */
#define DATE_SIMILAR 0.35  /* dates of one event: sentences this alike */

struct px_brief {
	pxi_arena ar;
	px_brief_info info;
	pxi_vec points, quotes, actors, disputes, sources;
	px_near_copy *copies;
	size_t ncopies;
	px_canon *canon; /* holds the actors' names and spellings */
};

/* While building. */
typedef struct bctx {
	px_brief *b;
	const px_article *const *arts;
	size_t n;
	const px_brief_opts *o;
	size_t *unit;       /* per article: its independent source */
	size_t nunits;
	px_canon *canon;
	size_t **actor_of;  /* per article, per entity: actor index */
	pxi_svset sv;
	size_t *sv_first;   /* per article: its first sv index */
	uint64_t *qwords;   /* the question's content words, sorted */
	size_t nqwords, qcap;
} bctx;

static px_ref ref(size_t article, px_span s)
{
	px_ref r;

	r.article = article;
	r.span = s;
	return r;
}

static px_span sentence_span(const px_article *a, size_t i)
{
	size_t n;
	const px_sentence *s = px_article_sentences(a, &n);
	px_span none = {0, 0};

	return i < n ? s[i].span : none;
}

/* ---- Independent sources ------------------------------------------------ */

static size_t uf_root(size_t *p, size_t i)
{
	while (p[i] != i) {
		p[i] = p[p[i]];
		i = p[i];
	}
	return i;
}

static px_status sources_units(bctx *c, const px_near_copy *copies,
                               size_t ncopies)
{
	size_t i, j, *p, *num;
	const px_allocator *alc = c->b->ar.alc;

	p = pxi_alloc(alc, c->n * sizeof(*p));
	num = pxi_alloc(alc, c->n * sizeof(*num));
	c->unit = pxi_arena_alloc(&c->b->ar, c->n * sizeof(*c->unit));
	if (!p || !num || !c->unit) {
		pxi_free(alc, p);
		pxi_free(alc, num);
		return PX_ENOMEM;
	}
	for (i = 0; i < c->n; i++)
		p[i] = i;
	for (i = 0; i < c->n; i++) {
		const px_meta *mi = px_article_meta(c->arts[i]);

		if (!mi->source || (mi->source_from &&
		                    !strcmp(mi->source_from, "file")))
			continue;
		for (j = 0; j < i; j++) {
			const px_meta *mj = px_article_meta(c->arts[j]);

			if (mj->source && !(mj->source_from &&
			                    !strcmp(mj->source_from, "file")) &&
			    !strcmp(mi->source, mj->source)) {
				p[uf_root(p, i)] = uf_root(p, j);
				break;
			}
		}
	}
	for (i = 0; i < ncopies; i++)
		if (copies[i].a < c->n && copies[i].b < c->n)
			p[uf_root(p, copies[i].a)] = uf_root(p, copies[i].b);
	for (i = 0; i < c->n; i++)
		num[i] = SIZE_MAX;
	for (i = 0; i < c->n; i++) {
		size_t r = uf_root(p, i);

		if (num[r] == SIZE_MAX)
			num[r] = c->nunits++;
		c->unit[i] = num[r];
	}
	pxi_free(alc, p);
	pxi_free(alc, num);
	return PX_OK;
}

/* ---- Actors --------------------------------------------------------------- */

static px_status actors_build(bctx *c)
{
	size_t i, k, ne;
	const px_canon_entity *ce;
	px_status rc = PX_OK;

	c->canon = px_canon_new(c->b->ar.alc);
	if (!c->canon)
		return PX_ENOMEM;
	for (i = 0; i < c->n && !rc; i++)
		rc = px_canon_add(c->canon, c->arts[i], i);
	if (!rc)
		rc = px_canon_build(c->canon);
	if (rc)
		return rc;
	c->actor_of = pxi_arena_alloc(&c->b->ar, c->n * sizeof(*c->actor_of));
	if (!c->actor_of)
		return PX_ENOMEM;
	for (i = 0; i < c->n; i++) {
		const px_entity *e = px_article_entities(c->arts[i], &ne);

		c->actor_of[i] = pxi_arena_alloc(&c->b->ar,
		                                 (ne + 1) * sizeof(size_t));
		if (!c->actor_of[i])
			return PX_ENOMEM;
		for (k = 0; k < ne; k++)
			c->actor_of[i][k] = px_canon_find(c->canon, e[k].type,
			                                  e[k].name);
	}
	ce = px_canon_entities(c->canon, &ne);
	for (k = 0; k < ne; k++) {
		px_brief_actor *a = pxi_vec_push(&c->b->ar, &c->b->actors);

		if (!a)
			return PX_ENOMEM;
		memset(a, 0, sizeof(*a));
		a->name = ce[k].name;
		a->type = ce[k].type;
		a->variants = ce[k].variants;
		a->nvariants = ce[k].nvariants;
		a->merge_evidence = ce[k].evidence;
		a->confidence = ce[k].confidence;
		a->articles = ce[k].narticles;
		a->mentions = ce[k].mentions;
	}
	return PX_OK;
}

/* A role as compared: lower case, no dots, single spaces, no article. */
static size_t role_norm(const char *p, size_t n, char *out, size_t cap)
{
	size_t i, m = 0;

	for (i = 0; i < n && m + 1 < cap; i++) {
		unsigned char ch = (unsigned char)p[i];

		if (ch == '.')
			continue;
		if (isspace(ch) || ch == '-') {
			if (m && out[m - 1] != ' ')
				out[m++] = ' ';
			continue;
		}
		out[m++] = (char)tolower(ch);
	}
	while (m && out[m - 1] == ' ')
		m--;
	out[m] = '\0';
	if (!strncmp(out, "the ", 4)) {
		memmove(out, out + 4, m - 3);
		m -= 4;
	}
	return m;
}

/* Each actor's distinct roles as written, one reference each. */
static px_status titles_build(bctx *c)
{
	size_t na, i, k, j;
	px_brief_actor *act = c->b->actors.a;
	pxi_vec *tv;
	px_status rc = PX_OK;

	na = c->b->actors.n;
	tv = pxi_alloc(c->b->ar.alc, (na + 1) * sizeof(*tv));
	if (!tv)
		return PX_ENOMEM;
	for (k = 0; k < na; k++)
		pxi_vec_init(&tv[k], sizeof(px_ref), 64);
	for (i = 0; i < c->n && !rc; i++) {
		size_t nm;
		const px_mention *m = px_article_mentions(c->arts[i], &nm);

		for (j = 0; j < nm; j++) {
			size_t ai = c->actor_of[i][m[j].entity], t;
			char x[128], y[128];
			int seen = 0;
			px_ref *r;

			if (!m[j].role || ai >= na ||
			    m[j].role_span.end <= m[j].role_span.start)
				continue;
			role_norm(m[j].role, strlen(m[j].role), x, sizeof(x));
			for (t = 0; t < tv[ai].n && !seen; t++) {
				const px_ref *o = (px_ref *)tv[ai].a + t;
				size_t ol;
				const char *ot = px_article_text(c->arts[o->article],
				                                 &ol);

				role_norm(ot + o->span.start,
				          o->span.end - o->span.start, y,
				          sizeof(y));
				seen = !strcmp(x, y);
			}
			if (seen)
				continue;
			r = pxi_vec_push(&c->b->ar, &tv[ai]);
			if (!r) {
				rc = PX_ENOMEM;
				break;
			}
			*r = ref(i, m[j].role_span);
		}
	}
	for (k = 0; k < na; k++) {
		act[k].titles = tv[k].a;
		act[k].ntitles = tv[k].n;
	}
	pxi_free(c->b->ar.alc, tv);
	return rc;
}

/* ---- Quotes and stance cues --------------------------------------------- */

/* The first token at or after byte off. */
static size_t tok_at(const px_article *a, size_t off)
{
	size_t n, lo = 0, hi;
	const px_token *t = px_article_tokens(a, &n);

	hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (t[mid].end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

typedef struct cue_ctx {
	bctx *c;
	pxi_vec *cues; /* per actor */
	size_t actor, article;
	px_span where;
	int quoted;
	int on_question; /* where shares words with the question */
	px_status rc;
} cue_ctx;

static int by_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/* Is p[0..n) a stance cue word ("rejects", "backed")? Those say where
 * someone stands, not what about: they never make a sentence on the
 * question. */
static int cue_word(const char *p, size_t n)
{
	char w[40];
	size_t k;

	if (n >= sizeof(w))
		return 0;
	for (k = 0; k < n; k++)
		w[k] = (char)tolower((unsigned char)p[k]);
	return pxi_cue_class(w, n) != 0;
}

/* Add the content words of p[0..n) to the question's. */
static void question_words(bctx *c, const char *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t j;

		while (i < n && (unsigned char)p[i] < 0x80 &&
		       !isalnum((unsigned char)p[i]))
			i++;
		for (j = i; j < n && ((unsigned char)p[j] >= 0x80 ||
		                      isalnum((unsigned char)p[j]) ||
		                      p[j] == '\''); j++)
			;
		if (j > i && c->nqwords < c->qcap && !cue_word(p + i, j - i)) {
			uint64_t h = pxi_word_hash(p + i, j - i);

			if (h)
				c->qwords[c->nqwords++] = h;
		}
		i = j;
	}
}

/* The question the actors' stances are read toward: the story's title
 * (the headline whose words most sources share) where it is in the
 * text, else its strongest point; its words are the title's and that
 * point's, for on_question(). */
static px_status question_build(bctx *c)
{
	const px_brief_point *p = c->b->points.a;
	const px_brief_info *in = &c->b->info;
	size_t len;
	const char *text;

	c->qcap = 256;
	c->qwords = pxi_arena_alloc(&c->b->ar, c->qcap * sizeof(uint64_t));
	if (!c->qwords)
		return PX_ENOMEM;
	if (in->title_text)
		question_words(c, in->title_text, strlen(in->title_text));
	if (c->b->points.n) {
		text = px_article_text(c->arts[p[0].sentence.article], &len);
		question_words(c, text + p[0].sentence.span.start,
		               p[0].sentence.span.end -
		               p[0].sentence.span.start);
	}
	c->b->info.question = in->title.span.end > in->title.span.start
	                      ? in->title
	                      : c->b->points.n ? p[0].sentence
	                                       : c->b->info.question;
	qsort(c->qwords, c->nqwords, sizeof(uint64_t), by_u64);
	return PX_OK;
}

/* Does span s of article a share two or more distinct content words
 * with the question? */
static int on_question(const bctx *c, const px_article *a, px_span s)
{
	size_t nt, len, i, shared = 0;
	const px_token *t = px_article_tokens(a, &nt);
	const char *text = px_article_text(a, &len);
	uint64_t seen[2] = {0, 0};

	for (i = tok_at(a, s.start); i < nt && t[i].start < s.end; i++) {
		uint64_t h;
		size_t lo = 0, hi = c->nqwords;

		if (t[i].kind != PX_TOK_WORD ||
		    cue_word(text + t[i].start, t[i].end - t[i].start))
			continue;
		h = pxi_word_hash(text + t[i].start, t[i].end - t[i].start);
		if (!h || h == seen[0] || h == seen[1])
			continue;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (c->qwords[mid] < h)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < c->nqwords && c->qwords[lo] == h) {
			seen[shared] = h;
			if (++shared == 2)
				return 1;
		}
	}
	return 0;
}

static void on_cue(void *ctx, px_stance st, px_span cue)
{
	cue_ctx *k = ctx;
	px_stance_cue *sc;
	pxi_vec *v = &k->cues[k->actor];
	size_t i;

	for (i = 0; i < v->n; i++) {
		const px_stance_cue *o = (px_stance_cue *)v->a + i;

		if (o->cue.article == k->article &&
		    o->cue.span.start == cue.start)
			return; /* found twice (quote and sentence) */
	}
	sc = pxi_vec_push(&k->c->b->ar, v);
	if (!sc) {
		if (v->n < v->max)
			k->rc = PX_ENOMEM;
		return;
	}
	sc->stance = st;
	sc->cue = ref(k->article, cue);
	sc->sentence = ref(k->article, k->where);
	sc->quoted = k->quoted;
	sc->on_question = k->on_question;
}

/* The first mention of entity e in article i that gives a role. */
static px_span role_of(const px_article *a, size_t e, px_span at)
{
	size_t nm, j;
	const px_mention *m = px_article_mentions(a, &nm);
	px_span none = {0, 0}, first = none;

	for (j = 0; j < nm; j++) {
		if (m[j].entity != e || !m[j].role ||
		    m[j].role_span.end <= m[j].role_span.start)
			continue;
		if (m[j].span.start == at.start)
			return m[j].role_span; /* the one at the quote */
		if (first.end == 0)
			first = m[j].role_span;
	}
	return first;
}

/* A reporting verb that is not itself a cue: what follows is what the
 * actor says, read from the quote stage's speech, not the actor's act. */
static int speech_verb(const px_article *a, const px_token *t)
{
	size_t len, n = t->end - t->start;
	const char *p = px_article_text(a, &len);

	if (t->kind != PX_TOK_WORD || n >= 32 ||
	    !pxi_lex_has(pxi_lex_speech, pxi_lex_speech_n, p + t->start, n))
		return 0;
	/* "rejected", "condemned": a reporting verb that is the act */
	return !cue_word(p + t->start, n);
}

/* Words right after a mention, up to a clause break or a reporting
 * verb: the actor as the subject ("Moscow rejects", "Japan is not
 * among"). */
#define SUBJECT_WORDS 5

static px_status quotes_and_cues(bctx *c)
{
	size_t i, j, na = c->b->actors.n;
	px_brief_actor *act = c->b->actors.a;
	cue_ctx k;
	px_status rc = PX_OK;

	memset(&k, 0, sizeof(k));
	k.c = c;
	k.cues = pxi_alloc(c->b->ar.alc, (na + 1) * sizeof(*k.cues));
	if (!k.cues)
		return PX_ENOMEM;
	for (j = 0; j < na; j++)
		pxi_vec_init(&k.cues[j], sizeof(px_stance_cue), 64);
	for (i = 0; i < c->n && !rc; i++) {
		const px_article *a = c->arts[i];
		size_t nq, nm, ne, nt;
		const px_quote *q = px_article_quotes(a, &nq);
		const px_mention *m = px_article_mentions(a, &nm);
		const px_token *t = px_article_tokens(a, &nt);

		px_article_entities(a, &ne);
		k.article = i;
		for (j = 0; j < nq && !rc; j++) {
			px_brief_quote *bq = pxi_vec_push(&c->b->ar,
			                                  &c->b->quotes);
			size_t ai = SIZE_MAX;

			if (!bq) {
				rc = PX_ENOMEM;
				break;
			}
			memset(bq, 0, sizeof(*bq));
			bq->kind = q[j].kind;
			bq->speaker_kind = q[j].speaker_kind;
			if (q[j].speaker_kind == PX_SPEAKER_NAMED &&
			    q[j].speaker < ne)
				ai = c->actor_of[i][q[j].speaker];
			bq->actor = ai < na ? ai : SIZE_MAX;
			bq->words = ref(i, q[j].span);
			bq->speaker = ref(i, q[j].speaker_span);
			bq->verb = ref(i, q[j].verb);
			bq->role = ref(i, ai < na ? role_of(a, q[j].speaker,
			                                    q[j].speaker_span)
			                          : (px_span){0, 0});
			if (ai >= na)
				continue;
			k.actor = ai;
			k.quoted = q[j].kind == PX_QUOTE_DIRECT;
			k.where = q[j].span;
			k.on_question = on_question(c, a, q[j].span) ||
			                on_question(c, a, sentence_span(
			                                a, q[j].sentence));
			pxi_stance_cues(a, tok_at(a, q[j].span.start),
			                tok_at(a, q[j].span.end), 1, on_cue, &k);
			if (q[j].verb.end > q[j].verb.start) {
				k.quoted = 0;
				k.where = sentence_span(a, q[j].sentence);
				pxi_stance_cues(a, tok_at(a, q[j].verb.start),
				                tok_at(a, q[j].verb.end), 0, on_cue,
				                &k);
			}
			rc = k.rc;
		}
		/* the actor as the subject of a cue word */
		for (j = 0; j < nm && !rc; j++) {
			size_t ai = c->actor_of[i][m[j].entity], first, end;
			size_t nsent;
			const px_sentence *ss = px_article_sentences(a, &nsent);

			if (ai >= na || m[j].sentence >= nsent ||
			    ss[m[j].sentence].residue)
				continue;
			first = tok_at(a, m[j].span.end);
			end = first;
			while (end < nt && end < first + SUBJECT_WORDS &&
			       t[end].start < ss[m[j].sentence].span.end &&
			       t[end].kind != PX_TOK_PUNCT &&
			       t[end].kind != PX_TOK_QUOTE &&
			       !speech_verb(a, &t[end]))
				end++;
			if (first == end)
				continue;
			k.actor = ai;
			k.quoted = 0;
			k.where = ss[m[j].sentence].span;
			k.on_question = on_question(c, a, k.where);
			pxi_stance_cues(a, first, end, 0, on_cue, &k);
			rc = k.rc;
		}
	}
	for (j = 0; j < na; j++) {
		size_t cnt[4] = {0, 0, 0, 0}, x, best = 0, onq = 0;
		const px_stance_cue *sc = k.cues[j].a;
		size_t tops = 0;
		px_stance top = PX_STANCE_UNCLEAR;

		act[j].cues = sc;
		act[j].ncues = k.cues[j].n;
		/* the cues on the question decide when there are any */
		for (x = 0; x < k.cues[j].n; x++)
			onq += sc[x].on_question != 0;
		for (x = 0; x < k.cues[j].n; x++)
			if (!onq || sc[x].on_question)
				cnt[sc[x].stance]++;
		/* the kind with the most cues; a tie at the top is unclear */
		act[j].stance = PX_STANCE_UNCLEAR;
		for (x = 1; x < 4; x++)
			if (cnt[x] > best)
				best = cnt[x];
		for (x = 1; x < 4 && best; x++)
			if (cnt[x] == best) {
				tops++;
				top = (px_stance)x;
			}
		if (tops == 1)
			act[j].stance = top;
	}
	pxi_free(c->b->ar.alc, k.cues);
	return rc;
}

/* ---- Points --------------------------------------------------------------- */

/* The sv index of (article, sentence), or SIZE_MAX. */
static size_t sv_find(const bctx *c, size_t article, size_t sentence)
{
	size_t lo = c->sv_first[article], hi = c->sv_first[article + 1];

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (c->sv.s[mid].sentence < sentence)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < c->sv_first[article + 1] &&
	    c->sv.s[lo].sentence == sentence)
		return lo;
	return SIZE_MAX;
}

/* Does the sentence open on a word that points back ("It", "This",
 * "They")? Out of its article it reads as a riddle: it may carry a
 * point for another sentence, never be the highlight. */
static int opens_on_pronoun(const px_article *a, size_t sentence)
{
	static const char *const back[] = {
		"he", "her", "his", "it", "its", "she", "such", "that", "their",
		"these", "they", "this", "those"
	};
	size_t ns, nt, len, k, n;
	const px_sentence *s = px_article_sentences(a, &ns);
	const px_token *t = px_article_tokens(a, &nt);
	const char *text = px_article_text(a, &len);
	size_t i = s[sentence].tok_first;

	while (i < nt && i < s[sentence].tok_first + s[sentence].tok_count &&
	       t[i].kind != PX_TOK_WORD)
		i++;
	if (i >= nt)
		return 0;
	n = t[i].end - t[i].start;
	for (k = 0; k < sizeof(back) / sizeof(*back); k++)
		if (strlen(back[k]) == n &&
		    !strncasecmp(text + t[i].start, back[k], n))
			return 1;
	return 0;
}

/* Does the sentence carry a marker of the author's judgement (loaded
 * words, opinion, exaggeration, doubt, fear, flag-waving)? A point most
 * sources carry is shown in a sentence that states it plainly. */
static int judges(const px_article *a, size_t sentence)
{
	size_t nm, ns, i;
	const px_marker *m = px_article_markers(a, &nm);
	const px_sentence *s = px_article_sentences(a, &ns);
	px_span sp = s[sentence].span;

	for (i = 0; i < nm; i++) {
		if (m[i].span.start < sp.start || m[i].span.start >= sp.end)
			continue;
		switch (m[i].kind) {
		case PX_MARK_LOADED:
		case PX_MARK_OPINION:
		case PX_MARK_EXAGGERATION:
		case PX_MARK_DOUBT:
		case PX_MARK_FEAR:
		case PX_MARK_FLAG_WAVING:
			return 1;
		default:
			break;
		}
	}
	return 0;
}

/* A candidate point: a sentence and the sources carrying it. */
typedef struct cand {
	size_t sv;
	size_t support;   /* sources carrying it besides its own */
	double sum;       /* their likeness, plus the lead bonus */
	size_t first, n;  /* its supporters in the flat list */
} cand;

/* One supporter: the closest sentence of one other source. */
typedef struct supp {
	size_t sv;
	double sim;
} supp;

static int by_cand(const void *x, const void *y)
{
	const cand *a = x, *b = y;

	if (a->support != b->support)
		return a->support > b->support ? -1 : 1;
	if (a->sum != b->sum)
		return a->sum > b->sum ? -1 : 1;
	return a->sv < b->sv ? -1 : a->sv > b->sv;
}

static int by_sim(const void *x, const void *y)
{
	const supp *a = x, *b = y;

	if (a->sim != b->sim)
		return a->sim > b->sim ? -1 : 1;
	return a->sv < b->sv ? -1 : a->sv > b->sv;
}

/* Each eligible sentence with its supporters (the closest sentence of
 * each other source, when alike enough). */
static px_status candidates(bctx *c, double sim, cand **out, size_t *nout,
                            supp **sp_out)
{
	size_t S = c->sv.n, U = c->nunits, i, j, u, nc = 0, ns = 0, cap = 0;
	const px_allocator *alc = c->b->ar.alc;
	double *best = pxi_alloc(alc, (U + 1) * sizeof(*best));
	size_t *who = pxi_alloc(alc, (U + 1) * sizeof(*who));
	cand *cd = pxi_alloc(alc, (S + 1) * sizeof(*cd));
	supp *sp = NULL;

	if (!best || !who || !cd)
		goto oom;
	for (i = 0; i < S; i++) {
		const pxi_sv *s = &c->sv.s[i];
		cand *k;

		if (s->n < POINT_WORDS || s->rank >= POINT_RANK ||
		    opens_on_pronoun(c->arts[s->article], s->sentence) ||
		    judges(c->arts[s->article], s->sentence))
			continue;
		for (u = 0; u < U; u++) {
			best[u] = 0;
			who[u] = SIZE_MAX;
		}
		for (j = 0; j < S; j++) {
			size_t uj = c->unit[c->sv.s[j].article];
			double x;

			if (uj == c->unit[s->article] || c->sv.s[j].n < 3)
				continue;
			x = pxi_sv_cosine(s, &c->sv.s[j]);
			if (x >= sim && x > best[uj]) {
				best[uj] = x;
				who[uj] = j;
			}
		}
		k = &cd[nc++];
		k->sv = i;
		k->support = 0;
		k->sum = s->rank == 0 ? 0.2 : s->rank == 1 ? 0.1 : 0;
		k->first = ns;
		for (u = 0; u < U; u++) {
			if (who[u] == SIZE_MAX)
				continue;
			if (ns == cap) {
				size_t nc2 = cap ? cap * 2 : 1024;
				supp *np = sp ? pxi_realloc(alc, sp,
				                            nc2 * sizeof(*np))
				              : pxi_alloc(alc, nc2 * sizeof(*np));

				if (!np)
					goto oom;
				sp = np;
				cap = nc2;
			}
			sp[ns].sv = who[u];
			sp[ns++].sim = best[u];
			k->support++;
			k->sum += best[u];
		}
		k->n = ns - k->first;
		if (k->n)
			qsort(sp + k->first, k->n, sizeof(*sp), by_sim);
	}
	pxi_free(alc, best);
	pxi_free(alc, who);
	qsort(cd, nc, sizeof(*cd), by_cand);
	*out = cd;
	*nout = nc;
	*sp_out = sp;
	return PX_OK;
oom:
	pxi_free(alc, best);
	pxi_free(alc, who);
	pxi_free(alc, cd);
	pxi_free(alc, sp);
	return PX_ENOMEM;
}

static px_status points_build(bctx *c)
{
	size_t want = c->o && c->o->highlights ? c->o->highlights
	                                       : DEFAULT_POINTS;
	double sim = c->o && c->o->similar > 0 ? c->o->similar
	                                       : DEFAULT_SIMILAR;
	const px_allocator *alc = c->b->ar.alc;
	size_t nc = 0, i, k, got = 0, *chosen = NULL;
	cand *cd = NULL;
	supp *sp = NULL;
	unsigned char *used = NULL;
	px_status rc;

	if (!c->sv.n)
		return PX_OK;
	rc = candidates(c, sim, &cd, &nc, &sp);
	if (rc)
		return rc;
	used = pxi_alloc(alc, c->sv.n);
	chosen = pxi_alloc(alc, (want + 1) * sizeof(*chosen));
	if (!used || !chosen) {
		rc = PX_ENOMEM;
		goto out;
	}
	memset(used, 0, c->sv.n);
	/* strongest first; a sentence already in a point (as it or as a
	 * supporter), one alike a point, or one with a third or more of its
	 * supporters in points already, tells a point again */
	for (i = 0; i < nc && got < want; i++) {
		size_t taken = 0;
		int repeat = used[cd[i].sv];

		for (k = 0; k < got && !repeat; k++)
			repeat = pxi_sv_cosine(&c->sv.s[cd[i].sv],
			                       &c->sv.s[cd[chosen[k]].sv]) >= sim;
		for (k = 0; k < cd[i].n; k++)
			taken += used[sp[cd[i].first + k].sv];
		if (repeat || (cd[i].n && taken * 3 >= cd[i].n))
			continue;
		chosen[got++] = i;
		used[cd[i].sv] = 1;
		for (k = 0; k < cd[i].n; k++)
			used[sp[cd[i].first + k].sv] = 1;
	}
	for (i = 0; i < got && !rc; i++) {
		const cand *x = &cd[chosen[i]];
		const pxi_sv *s = &c->sv.s[x->sv];
		px_brief_point *p = pxi_vec_push(&c->b->ar, &c->b->points);
		px_ref *refs = pxi_arena_alloc(&c->b->ar,
		                               (x->n + 1) * sizeof(*refs));

		if (!p || !refs) {
			rc = PX_ENOMEM;
			break;
		}
		memset(p, 0, sizeof(*p));
		p->sentence = ref(s->article,
		                  sentence_span(c->arts[s->article], s->sentence));
		p->score = x->sum;
		for (k = 0; k < x->n; k++) {
			const pxi_sv *o = &c->sv.s[sp[x->first + k].sv];

			refs[k] = ref(o->article,
			              sentence_span(c->arts[o->article],
			                            o->sentence));
		}
		p->support = refs;
		p->nsupport = x->n;
		p->sources = x->n + 1;
	}
out:
	pxi_free(alc, cd);
	pxi_free(alc, sp);
	pxi_free(alc, used);
	pxi_free(alc, chosen);
	return rc;
}

/* ---- Disputes ------------------------------------------------------------- */

/* Spans of time ("three years", "six months") tell how long, often of
 * different things within a story: not compared. */
static const char *const durations[] = {
	"centuries", "century", "day", "days", "decade", "decades", "hour",
	"hours", "minute", "minutes", "month", "months", "week", "weeks",
	"year", "years"
};

#define IN_LIST(list, w) \
	pxi_lex_has(list, sizeof(list) / sizeof(*list), (w), strlen(w))

/* The class of an amount: what it counts, or its unit. */
static size_t claim_class(const px_article *a, const px_amount *m,
                          char *out, size_t cap)
{
	size_t len, n, k, s;
	const char *p = px_article_text(a, &len);
	char w[64];

	if (m->object.end > m->object.start) {
		/* the last word of the object */
		s = m->object.end;
		while (s > m->object.start && !isspace((unsigned char)p[s - 1]))
			s--;
		n = m->object.end - s;
		if (n >= sizeof(w))
			n = sizeof(w) - 1;
		for (k = 0; k < n; k++)
			w[k] = (char)tolower((unsigned char)p[s + k]);
		w[n] = '\0';
		if (pxi_thing_class(w, n))
			return (size_t)snprintf(out, cap, "%s",
			                        pxi_thing_class(w, n));
		if (IN_LIST(durations, w))
			return 0;
		return (size_t)snprintf(out, cap, "%s", w);
	}
	if (m->unit)
		return (size_t)snprintf(out, cap, "amount in %s", m->unit);
	return 0;
}

/* A qualifier as compared: "over", "more than" and "above" are one. */
static int qual_class(const px_article *a, px_span q)
{
	size_t len;
	const char *p = px_article_text(a, &len);
	char w[32];
	size_t n = q.end - q.start, k;

	if (q.end <= q.start)
		return 0;
	if (n >= sizeof(w))
		n = sizeof(w) - 1;
	for (k = 0; k < n; k++)
		w[k] = (char)tolower((unsigned char)p[q.start + k]);
	w[n] = '\0';
	if (strstr(w, "least"))
		return 4;
	if (strstr(w, "over") || strstr(w, "more") || strstr(w, "above") ||
	    strstr(w, "upward") || strstr(w, "excess"))
		return 1;
	if (strstr(w, "under") || strstr(w, "less") || strstr(w, "fewer") ||
	    strstr(w, "nearly") || strstr(w, "almost") ||
	    strstr(w, "below"))
		return 2;
	return 3; /* about, around, some, roughly ... */
}

typedef struct claim {
	size_t article, sentence, sv;
	const px_amount *m;
	char cls[64];
	int qual;
	size_t group;
} claim;

static px_status add_dispute(bctx *c, px_dispute_kind kind,
                             const char *about, const px_ref *claims,
                             size_t n, const char *rule)
{
	px_dispute *d = pxi_vec_push(&c->b->ar, &c->b->disputes);

	if (!d)
		return PX_ENOMEM;
	d->kind = kind;
	d->about = pxi_arena_strndup(&c->b->ar, about, strlen(about));
	d->claims = claims;
	d->nclaims = n;
	d->rule = rule;
	return d->about ? PX_OK : PX_ENOMEM;
}

/* Values close enough to be told of one thing (26 and 30, not 3 and
 * 3,000). */
static int near_values(double x, double y)
{
	if (x <= 0 || y <= 0)
		return x == y;
	return x / y <= CLAIM_RATIO && y / x <= CLAIM_RATIO;
}

/* Claims of one group: one per article and (value, qualifier). */
static int same_claim(const claim *x, const claim *y)
{
	return x->m->value == y->m->value && x->qual == y->qual;
}

static int by_claim(const void *x, const void *y)
{
	const claim *a = *(const claim *const *)x, *b = *(const claim *const *)y;

	if (a->m->value != b->m->value)
		return a->m->value < b->m->value ? -1 : 1;
	if (a->qual != b->qual)
		return a->qual < b->qual ? -1 : 1;
	return a->article < b->article ? -1 : a->article > b->article;
}

static px_status amount_disputes(bctx *c)
{
	size_t i, j, k, nc = 0, total = 0, *p;
	claim *cl, **grp = NULL;
	const px_allocator *alc = c->b->ar.alc;
	px_status rc = PX_OK;

	for (i = 0; i < c->n; i++) {
		size_t na;

		px_article_amounts(c->arts[i], &na);
		total += na;
	}
	if (!total)
		return PX_OK;
	cl = pxi_alloc(alc, total * sizeof(*cl));
	p = pxi_alloc(alc, total * sizeof(*p));
	if (!cl || !p) {
		pxi_free(alc, cl);
		pxi_free(alc, p);
		return PX_ENOMEM;
	}
	for (i = 0; i < c->n; i++) {
		size_t na, ns;
		const px_amount *m = px_article_amounts(c->arts[i], &na);
		const px_sentence *ss = px_article_sentences(c->arts[i], &ns);

		for (j = 0; j < na; j++) {
			claim *x = &cl[nc];

			if (m[j].in_quote)
				continue;
			x->sentence = pxi_sentence_at(c->arts[i],
			                              m[j].span.start);
			if (x->sentence == SIZE_MAX || ss[x->sentence].residue ||
			    !claim_class(c->arts[i], &m[j], x->cls,
			                 sizeof(x->cls)))
				continue;
			x->article = i;
			x->m = &m[j];
			x->qual = qual_class(c->arts[i], m[j].qualifier);
			x->sv = sv_find(c, i, x->sentence);
			p[nc] = nc;
			nc++;
		}
	}
	/* one thing: one class, other articles, close values, sentences
	 * sharing a word besides the class (one story: few counts of one
	 * class are of different things); a percentage or a sum with no
	 * object needs alike sentences */
	for (i = 0; i < nc; i++)
		for (j = i + 1; j < nc; j++)
			if (cl[i].article != cl[j].article &&
			    !strcmp(cl[i].cls, cl[j].cls) &&
			    near_values(cl[i].m->value, cl[j].m->value) &&
			    cl[i].sv != SIZE_MAX && cl[j].sv != SIZE_MAX &&
			    pxi_sv_cosine(&c->sv.s[cl[i].sv],
			                  &c->sv.s[cl[j].sv]) >
			    (cl[i].m->object.end > cl[i].m->object.start
			     ? CLAIM_SIMILAR : UNIT_SIMILAR))
				p[uf_root(p, i)] = uf_root(p, j);
	grp = pxi_alloc(alc, nc * sizeof(*grp));
	if (!grp)
		rc = PX_ENOMEM;
	for (i = 0; i < nc && !rc; i++) {
		size_t ng = 0, nr = 0, distinct = 0, arts = 0;
		px_ref *refs;

		if (uf_root(p, i) != i)
			continue;
		for (j = 0; j < nc; j++)
			if (uf_root(p, j) == i)
				grp[ng++] = &cl[j];
		/* by value and qualifier, then article; one claim per
		 * article and (value, qualifier) */
		qsort(grp, ng, sizeof(*grp), by_claim);
		refs = pxi_arena_alloc(&c->b->ar, ng * sizeof(*refs));
		if (!refs) {
			rc = PX_ENOMEM;
			break;
		}
		for (j = 0; j < ng; j++) {
			int new_art = 1;

			if (j && same_claim(grp[j - 1], grp[j]) &&
			    grp[j - 1]->article == grp[j]->article)
				continue;
			distinct += !j || !same_claim(grp[j - 1], grp[j]);
			for (k = 0; k < j; k++)
				new_art &= grp[k]->article != grp[j]->article;
			arts += new_art;
			refs[nr++] = ref(grp[j]->article, grp[j]->m->span);
		}
		if (distinct >= 2 && arts >= 2)
			rc = add_dispute(c, PX_DISPUTE_AMOUNT, cl[i].cls, refs,
			                 nr, "amounts of one counted thing in "
			                 "sentences of different articles that "
			                 "share words, with different numbers or "
			                 "qualifiers");
	}
	pxi_free(alc, grp);
	pxi_free(alc, cl);
	pxi_free(alc, p);
	return rc;
}

/* Words naming an office: a president is not a minister. */
static const char *const offices[] = {
	"ambassador", "chancellor", "commissioner", "governor", "king",
	"mayor", "minister", "premier", "president", "secretary", "senator",
	"speaker", "spokesman", "spokesperson", "spokeswoman"
};

/* Words that change what a title says of its holder. */
static const char *const status_words[] = {
	"acting", "deputy", "elect", "ex", "first", "former", "incoming",
	"interim", "late", "outgoing", "then", "vice"
};

static int has_status(const char *role)
{
	while (*role) {
		size_t n = strcspn(role, " ");

		if (pxi_lex_has(status_words, sizeof(status_words) /
		                              sizeof(*status_words), role, n))
			return 1;
		role += n;
		while (*role == ' ')
			role++;
	}
	return 0;
}

/* Is every word of x a word of y? ("secretary" within "nato secretary
 * general": a shorter form, not another office.) */
static int words_within(const char *x, const char *y)
{
	while (*x) {
		size_t n = strcspn(x, " ");
		const char *w = y;
		int found = 0;

		while (*w && !found) {
			size_t m = strcspn(w, " ");

			found = m == n && !memcmp(w, x, n);
			w += m;
			while (*w == ' ')
				w++;
		}
		if (!found)
			return 0;
		x += n;
		while (*x == ' ')
			x++;
	}
	return 1;
}

/* The office a title names: its last word before " of ", "at", "for"
 * ("chair of the union" -> "chair"), or its last word. */
static size_t office(const char *z, char *out, size_t cap)
{
	const char *cut = NULL, *w = z, *end;
	size_t n;

	while (*w) {
		n = strcspn(w, " ");
		if ((n == 2 && (!memcmp(w, "of", 2) || !memcmp(w, "at", 2))) ||
		    (n == 3 && !memcmp(w, "for", 3))) {
			cut = w;
			break;
		}
		w += n;
		while (*w == ' ')
			w++;
	}
	end = cut ? cut : z + strlen(z);
	while (end > z && end[-1] == ' ')
		end--;
	w = end;
	while (w > z && w[-1] != ' ')
		w--;
	n = (size_t)(end - w);
	if (n >= cap)
		n = cap - 1;
	memcpy(out, w, n);
	out[n] = '\0';
	return n;
}

/* Do two titles name different offices (president / minister), both
 * words of office the project lists, neither a shorter form of the
 * other? "union boss" and "union chair" may be one post: not told. */
static int other_office(const char *x, const char *y)
{
	char ox[64], oy[64];
	size_t nx = office(x, ox, sizeof(ox)), ny = office(y, oy, sizeof(oy));

	if (!nx || !ny || !strcmp(ox, oy) || words_within(x, y) ||
	    words_within(y, x))
		return 0;
	return IN_LIST(offices, ox) && IN_LIST(offices, oy);
}

/* People given titles that differ in what they say: a status word one
 * has and the other lacks (former, acting ...), or two offices the
 * project lists (president, minister ...). */
static px_status title_disputes(bctx *c)
{
	size_t i, j, k;
	const px_brief_actor *act = c->b->actors.a;
	px_status rc = PX_OK;

	for (i = 0; i < c->b->actors.n && !rc; i++) {
		int differ = 0;
		char x[128], y[128];

		if (act[i].type != PX_ENT_PERSON || act[i].ntitles < 2)
			continue;
		for (j = 0; j < act[i].ntitles && !differ; j++)
			for (k = j + 1; k < act[i].ntitles && !differ; k++) {
				const px_ref *rj = &act[i].titles[j];
				const px_ref *rk = &act[i].titles[k];
				size_t l;
				const char *tj = px_article_text(c->arts[rj->article],
				                                 &l);
				const char *tk = px_article_text(c->arts[rk->article],
				                                 &l);

				role_norm(tj + rj->span.start,
				          rj->span.end - rj->span.start, x,
				          sizeof(x));
				role_norm(tk + rk->span.start,
				          rk->span.end - rk->span.start, y,
				          sizeof(y));
				differ = has_status(x) != has_status(y) ||
				         other_office(x, y);
			}
		if (differ)
			rc = add_dispute(c, PX_DISPUTE_TITLE, act[i].name,
			                 act[i].titles, act[i].ntitles,
			                 "one person, titles naming another office "
			                 "(president, minister ...) or status "
			                 "(former, acting, deputy ...)");
	}
	return rc;
}

/* A day's month and day ("09-05" of "2025-09-05" or "--09-05"), so that
 * a date given without its year meets the same date with one. */
static const char *month_day(const char *v)
{
	size_t n = strlen(v);

	return n >= 5 ? v + n - 5 : v;
}

/* Dates that differ in sentences alike enough to tell one event: the
 * same sentence, nearly, with another day. Only dates resolved to a day
 * are compared. */
static px_status date_disputes(bctx *c)
{
	typedef struct dref {
		size_t article, sv;
		const px_date *d;
	} dref;
	size_t i, j, nd = 0, total = 0, *p;
	dref *ds;
	const px_allocator *alc = c->b->ar.alc;
	px_status rc = PX_OK;

	for (i = 0; i < c->n; i++) {
		px_article_dates(c->arts[i], &j);
		total += j;
	}
	if (!total)
		return PX_OK;
	ds = pxi_alloc(alc, total * sizeof(*ds));
	p = pxi_alloc(alc, total * sizeof(*p));
	if (!ds || !p) {
		pxi_free(alc, ds);
		pxi_free(alc, p);
		return PX_ENOMEM;
	}
	for (i = 0; i < c->n; i++) {
		size_t n, k;
		const px_date *d = px_article_dates(c->arts[i], &n);

		for (k = 0; k < n; k++) {
			size_t s = pxi_sentence_at(c->arts[i], d[k].span.start);

			if (strcmp(d[k].resolution, "day") || s == SIZE_MAX ||
			    (ds[nd].sv = sv_find(c, i, s)) == SIZE_MAX)
				continue;
			ds[nd].article = i;
			ds[nd].d = &d[k];
			p[nd] = nd;
			nd++;
		}
	}
	for (i = 0; i < nd; i++)
		for (j = i + 1; j < nd; j++)
			if (ds[i].article != ds[j].article &&
			    pxi_sv_cosine(&c->sv.s[ds[i].sv], &c->sv.s[ds[j].sv]) >=
			    DATE_SIMILAR)
				p[uf_root(p, i)] = uf_root(p, j);
	for (i = 0; i < nd && !rc; i++) {
		size_t nr = 0, k;
		int differ = 0;
		px_ref *refs;

		if (uf_root(p, i) != i)
			continue;
		refs = pxi_arena_alloc(&c->b->ar, nd * sizeof(*refs));
		if (!refs) {
			rc = PX_ENOMEM;
			break;
		}
		for (j = 0; j < nd; j++) {
			int dup = 0;

			if (uf_root(p, j) != i)
				continue;
			for (k = 0; k < j && !dup; k++)
				dup = uf_root(p, k) == i &&
				      ds[k].article == ds[j].article &&
				      !strcmp(month_day(ds[k].d->value),
				              month_day(ds[j].d->value));
			if (dup)
				continue;
			differ |= strcmp(month_day(ds[i].d->value),
			                 month_day(ds[j].d->value)) != 0;
			refs[nr++] = ref(ds[j].article, ds[j].d->span);
		}
		if (differ)
			rc = add_dispute(c, PX_DISPUTE_DATE, "date", refs, nr,
			                 "different days in sentences of different "
			                 "articles alike enough to tell one event");
	}
	pxi_free(alc, ds);
	pxi_free(alc, p);
	return rc;
}

/* ---- Sources and the story's frame -------------------------------------- */

static px_status sources_build(bctx *c)
{
	size_t i, j;

	for (i = 0; i < c->n; i++) {
		const px_article *a = c->arts[i];
		px_brief_source *s = pxi_vec_push(&c->b->ar, &c->b->sources);
		const px_tone *t = px_article_tone(a);
		size_t nq;
		const px_quote *q = px_article_quotes(a, &nq);

		if (!s)
			return PX_ENOMEM;
		memset(s, 0, sizeof(*s));
		s->article = i;
		s->source = px_article_meta(a)->source;
		s->unit = c->unit[i];
		if (t)
			s->tone = t->author;
		s->lang = px_article_lang(a);
		s->read = t != NULL;
		for (j = 0; j < nq; j++) {
			if (q[j].kind == PX_QUOTE_REPORTED)
				s->reported++;
			else if (q[j].speaker_kind == PX_SPEAKER_NAMED)
				s->named++;
			else if (q[j].speaker_kind == PX_SPEAKER_ANONYMOUS)
				s->anonymous++;
			else
				s->unresolved++;
		}
		s->markers = px_article_markers(a, &s->nmarkers);
		s->residue = px_article_residue(a, &s->nresidue);
	}
	return PX_OK;
}

/* YYYY-MM-DD at the start of z, copied into the arena; NULL if not. */
static const char *day_of(pxi_arena *ar, const char *z)
{
	int k;

	if (!z || strlen(z) < 10)
		return NULL;
	for (k = 0; k < 10; k++)
		if (k == 4 || k == 7 ? z[k] != '-'
		                     : !isdigit((unsigned char)z[k]))
			return NULL;
	return pxi_arena_strndup(ar, z, 10);
}

/* Does a sentence hold the word hash h? */
static int sv_has(const pxi_sv *s, uint64_t h)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (s->h[mid] < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n && s->h[lo] == h;
}

/* How much of a title the story's sources share: the mean, over its
 * content words, of the share of sources whose sentences hold the word.
 * -1 for no title. */
static double title_score(const bctx *c, const char *title)
{
	const char *w = title;
	double sum = 0;
	size_t words = 0, i;
	unsigned char *seen;

	if (!title)
		return -1;
	seen = pxi_alloc(c->b->ar.alc, c->nunits + 1);
	if (!seen)
		return 0;
	while (*w) {
		size_t n = 0, units = 0;
		uint64_t h;

		while (*w && !isalnum((unsigned char)*w) &&
		       !((unsigned char)*w & 0x80))
			w++;
		while (w[n] && (isalnum((unsigned char)w[n]) ||
		                ((unsigned char)w[n] & 0x80) || w[n] == '-'))
			n++;
		if (!n)
			break;
		h = pxi_word_hash(w, n);
		w += n;
		if (!h)
			continue;
		memset(seen, 0, c->nunits);
		for (i = 0; i < c->sv.n; i++) {
			size_t u = c->unit[c->sv.s[i].article];

			if (!seen[u] && sv_has(&c->sv.s[i], h)) {
				seen[u] = 1;
				units++;
			}
		}
		sum += (double)units / (double)c->nunits;
		words++;
	}
	pxi_free(c->b->ar.alc, seen);
	return words ? sum / (double)words : 0;
}

static px_status info_build(bctx *c)
{
	px_brief_info *in = &c->b->info;
	size_t i, top = 0;
	double best = -1;
	const px_brief_point *p = c->b->points.a;

	in->articles = c->n;
	in->sources = c->nunits;
	for (i = 0; i < c->n; i++) {
		const char *d = day_of(&c->b->ar,
		                       px_article_meta(c->arts[i])->published);

		if (!d) {
			in->undated++;
			continue;
		}
		if (!in->first_date || strcmp(d, in->first_date) < 0)
			in->first_date = d;
		if (!in->last_date || strcmp(d, in->last_date) > 0)
			in->last_date = d;
	}
	/* the title whose words most sources share */
	for (i = 0; i < c->n; i++) {
		double sc = title_score(c, px_article_meta(c->arts[i])->title);

		if (sc > best) {
			best = sc;
			top = i;
		}
	}
	(void)p;
	in->title = ref(top, px_article_meta(c->arts[top])->title_span);
	in->title_text = px_article_meta(c->arts[top])->title;
	return PX_OK;
}

static px_status copies_keep(bctx *c, const px_near_copy *copies,
                             size_t n)
{
	size_t i;
	px_brief *b = c->b;

	if (!n)
		return PX_OK;
	b->copies = pxi_arena_alloc(&b->ar, n * sizeof(*b->copies));
	if (!b->copies)
		return PX_ENOMEM;
	for (i = 0; i < n; i++) {
		px_passage *ps = NULL;

		if (copies[i].a >= c->n || copies[i].b >= c->n)
			continue;
		if (copies[i].npassages) {
			ps = pxi_arena_alloc(&b->ar, copies[i].npassages *
			                                 sizeof(*ps));
			if (!ps)
				return PX_ENOMEM;
			memcpy(ps, copies[i].passages,
			       copies[i].npassages * sizeof(*ps));
		}
		b->copies[b->ncopies] = copies[i];
		b->copies[b->ncopies++].passages = ps;
	}
	return PX_OK;
}

/* ---- Entry points ----------------------------------------------------------- */

px_status px_brief_build(const px_article *const *arts, size_t n,
                         const px_near_copy *copies, size_t ncopies,
                         const px_brief_opts *opts, px_brief **out)
{
	px_brief *b;
	bctx c;
	size_t i;
	px_status rc;
	const px_allocator *alc = opts ? opts->alc : NULL;

	if (out)
		*out = NULL;
	if (!arts || !n || !out || (ncopies && !copies))
		return PX_EINVAL;
	for (i = 0; i < n; i++)
		if (!arts[i] ||
		    !(px_article_stages(arts[i]) & PX_STAGE_AMOUNTS))
			return PX_EINVAL;
	b = pxi_alloc(alc, sizeof(*b));
	if (!b)
		return PX_ENOMEM;
	memset(b, 0, sizeof(*b));
	pxi_arena_init(&b->ar, alc);
	pxi_vec_init(&b->points, sizeof(px_brief_point), 1000);
	pxi_vec_init(&b->quotes, sizeof(px_brief_quote), (size_t)1 << 24);
	pxi_vec_init(&b->actors, sizeof(px_brief_actor), (size_t)1 << 24);
	pxi_vec_init(&b->disputes, sizeof(px_dispute), (size_t)1 << 20);
	pxi_vec_init(&b->sources, sizeof(px_brief_source), (size_t)1 << 24);
	memset(&c, 0, sizeof(c));
	c.b = b;
	c.arts = arts;
	c.n = n;
	c.o = opts;
	rc = sources_units(&c, copies, ncopies);
	if (!rc)
		rc = pxi_svset_build(&c.sv, alc, arts, n, 1);
	if (!rc) {
		c.sv_first = pxi_arena_alloc(&b->ar, (n + 1) * sizeof(size_t));
		if (!c.sv_first)
			rc = PX_ENOMEM;
	}
	if (!rc) {
		size_t k = 0;

		for (i = 0; i <= n; i++) {
			while (k < c.sv.n && c.sv.s[k].article < i)
				k++;
			c.sv_first[i] = k;
		}
	}
	if (!rc)
		rc = actors_build(&c);
	if (!rc)
		rc = titles_build(&c);
	if (!rc)
		rc = points_build(&c);
	if (!rc)
		rc = info_build(&c);
	if (!rc)
		rc = question_build(&c);
	if (!rc)
		rc = quotes_and_cues(&c);
	if (!rc)
		rc = amount_disputes(&c);
	if (!rc)
		rc = title_disputes(&c);
	if (!rc)
		rc = date_disputes(&c);
	if (!rc)
		rc = sources_build(&c);
	if (!rc)
		rc = copies_keep(&c, copies, ncopies);
	if (!rc && b->ar.oom)
		rc = PX_ENOMEM;
	pxi_svset_free(&c.sv);
	/* the actors' names and variants live in the canon table: keep it */
	if (rc) {
		px_canon_free(c.canon);
		pxi_arena_free(&b->ar);
		pxi_free(alc, b);
		return rc;
	}
	b->canon = c.canon;
	*out = b;
	return PX_OK;
}

void px_brief_free(px_brief *b)
{
	const px_allocator *alc;

	if (!b)
		return;
	alc = b->ar.alc;
	px_canon_free(b->canon);
	pxi_arena_free(&b->ar);
	pxi_free(alc, b);
}

const px_brief_info *px_brief_info_of(const px_brief *b)
{
	return b ? &b->info : NULL;
}

#define BRIEF_GETTER(fn, type, vec)                                 \
	const type *fn(const px_brief *b, size_t *n)                \
	{                                                           \
		if (n)                                              \
			*n = b ? b->vec.n : 0;                      \
		return b ? (const type *)b->vec.a : NULL;           \
	}

BRIEF_GETTER(px_brief_points, px_brief_point, points)
BRIEF_GETTER(px_brief_quotes, px_brief_quote, quotes)
BRIEF_GETTER(px_brief_actors, px_brief_actor, actors)
BRIEF_GETTER(px_brief_disputes, px_dispute, disputes)
BRIEF_GETTER(px_brief_sources, px_brief_source, sources)

const px_near_copy *px_brief_copies(const px_brief *b, size_t *n)
{
	if (n)
		*n = b ? b->ncopies : 0;
	return b ? b->copies : NULL;
}

const char *px_stance_name(px_stance s)
{
	switch (s) {
	case PX_STANCE_SUPPORTS:
		return "supports";
	case PX_STANCE_OPPOSES:
		return "opposes";
	case PX_STANCE_ABSTAINS:
		return "will not take part";
	case PX_STANCE_UNCLEAR:
		break;
	}
	return "unclear";
}
