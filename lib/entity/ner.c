/*
 * ner.c - the entity tagger's engine, for any model. What it sees of a
 * token: hashes of the lower-cased word, its affixes and shapes, its
 * flags, the gazetteer classes it falls in; and the feature hashes of a
 * token in its sentence. A token with no capital letter, whose neighbours
 * have none, is O without looking further.
 * Then the decoding: sum the weights of each token's features per tag,
 * Viterbi over BIO with the transition weights, I- tags only after their
 * own type. Training (tools/ner-train.c) and tagging share this file, so
 * the two see the same features and decode the same way.
 *
 * One pass over each token's bytes with no buffer: characters are hashed
 * as they are read, and the last four kept in a ring for the suffixes.
 * ASCII is classified inline; other code points through utf8proc.
 */
#include <string.h>
#include <utf8proc.h>

#include "entity_int.h"

#define FNV_BASIS 2166136261u
#define FNV_PRIME 16777619u
#define NT PXI_NER_NTAGS
#define NEG_INF (-(1 << 28))
/* Score of any tag but O on a token with no capital letter near. */
#define FAST_O (-(1 << 22))
#define UPPER (PXI_NER_F_INITCAP | PXI_NER_F_ALLCAP | PXI_NER_F_MIXED)

/* Marks a token when the whole sentence is upper case (a headline). */
#define F_CAPSENT 0x800u

enum { C_OTHER, C_UPPER, C_LOWER, C_LETTER, C_DIGIT };

/* A 32-bit finalizer (murmur3's): spreads every input bit. */
static uint32_t mix32(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x85EBCA6Bu;
	h ^= h >> 13;
	h *= 0xC2B2AE35u;
	h ^= h >> 16;
	return h;
}

/* Hash of the ordered pair (a, b). */
static uint32_t pair(uint32_t a, uint32_t b)
{
	return mix32(a ^ (b + 0x9E3779B9u + (a << 6) + (a >> 2)));
}

/* Feed code point cp into FNV-1a hash h. */
static uint32_t feed(uint32_t h, int32_t cp)
{
	if (cp < 0x80)
		return (h ^ (uint32_t)cp) * FNV_PRIME;
	h = (h ^ 0xFFu) * FNV_PRIME;
	h = (h ^ ((uint32_t)cp >> 16)) * FNV_PRIME;
	h = (h ^ (((uint32_t)cp >> 8) & 0xFFu)) * FNV_PRIME;
	return (h ^ ((uint32_t)cp & 0xFFu)) * FNV_PRIME;
}

/*
 * Decode the character at u[i] (i < n). Returns its length; a byte that
 * does not start a valid sequence stands for itself (as 0x80 + byte
 * class, never a letter).
 */
static size_t next_cp(const unsigned char *u, size_t n, size_t i,
                      int32_t *cp)
{
	utf8proc_int32_t c = -1;
	utf8proc_ssize_t k;

	if (u[i] < 0x80) {
		*cp = u[i];
		return 1;
	}
	k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &c);
	if (k <= 0 || c < 0) {
		*cp = 0x80;
		return 1;
	}
	*cp = c;
	return (size_t)k;
}

/* Class of code point cp >= 0x80 (cp_class's rare case, kept out of
 * line so that the ASCII case inlines into the scan). */
static int cp_class_wide(int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		return C_UPPER;
	case UTF8PROC_CATEGORY_LL:
		return C_LOWER;
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		return C_LETTER;
	case UTF8PROC_CATEGORY_ND:
		return C_DIGIT;
	default:
		return C_OTHER;
	}
}

/* Class of code point cp: C_UPPER, C_LOWER, C_LETTER, C_DIGIT, C_OTHER. */
static inline int cp_class(int32_t cp)
{
	if (cp >= 0x80)
		return cp_class_wide(cp);
	if (cp >= 'A' && cp <= 'Z')
		return C_UPPER;
	if (cp >= 'a' && cp <= 'z')
		return C_LOWER;
	if (cp >= '0' && cp <= '9')
		return C_DIGIT;
	return C_OTHER;
}

/* cp lower-cased, digits as '0', given its class cls. */
static int32_t fold(int32_t cp, int cls)
{
	if (cls == C_DIGIT)
		return '0';
	if (cls != C_UPPER)
		return cp;
	if (cp < 0x80)
		return cp + ('a' - 'A');
	return utf8proc_tolower(cp);
}

/* The shape character of cp: X, x, d, ASCII punctuation as itself. */
static int32_t shape_of(int32_t cp, int cls)
{
	switch (cls) {
	case C_UPPER:
		return 'X';
	case C_LOWER:
	case C_LETTER:
		return 'x';
	case C_DIGIT:
		return 'd';
	default:
		return cp < 0x80 ? cp : '*';
	}
}

/* Hash of (p, n) lower-cased, digits as '0'. */
uint32_t pxi_ner_hash_word(const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;
	uint32_t h = FNV_BASIS;
	size_t i = 0;

	while (i < n) {
		int32_t cp;
		size_t k = next_cp(u, n, i, &cp);

		h = feed(h, fold(cp, cp_class(cp)));
		i += k;
	}
	return mix32(h);
}

/* Hash of a phrase: the word hashes h[0..n) in order; h[0] alone is
 * the word's own hash. */
uint32_t pxi_ner_hash_phrase(const uint32_t *h, size_t n)
{
	uint32_t r = n ? h[0] : 0;
	size_t i;

	for (i = 1; i < n; i++)
		r = pair(r, h[i]);
	return r;
}

/* Classes of phrase hash h in gz (linear probing from its mixed slot). */
uint16_t pxi_ner_gaz_find(const pxi_ner_gaz *gz, uint32_t h)
{
	uint32_t key = h ? h : 1u, i;

	if (!gz || !gz->key)
		return 0;
	for (i = mix32(key ^ 0x5BD1E995u) & gz->mask; gz->key[i];
	     i = (i + 1) & gz->mask)
		if (gz->key[i] == key)
			return gz->cls[i];
	return 0;
}

/* Hashes and flags of one token, but for its affixes: pre[] holds the
 * running hashes of the first characters, unmixed, and last[] the last
 * four characters, until finish_one(). */
static void scan_one(const pxi_ner_token *t, pxi_ner_tok *o)
{
	const unsigned char *u = (const unsigned char *)t->p;
	uint32_t h = FNV_BASIS, sh = FNV_BASIS, ss = FNV_BASIS;
	int32_t ring[4] = {0, 0, 0, 0}, last_shape = -1;
	size_t i = 0, nch = 0;
	unsigned fl = 0;
	int nletter = 0, nupper = 0, ndigit = 0, prev = C_OTHER;

	memset(o, 0, sizeof(*o));
	while (i < t->n) {
		int32_t cp, lc, sc;
		size_t k = next_cp(u, t->n, i, &cp);
		int cls = cp_class(cp);

		lc = fold(cp, cls);
		h = feed(h, lc);
		if (nch < 4)
			o->pre[nch] = h;
		ring[nch & 3] = lc;
		sc = shape_of(cp, cls);
		if (nch < 16)
			sh = feed(sh, sc);
		if (sc != last_shape)
			ss = feed(ss, sc);
		last_shape = sc;
		if (cls == C_UPPER || cls == C_LOWER || cls == C_LETTER)
			nletter++;
		if (cls == C_UPPER) {
			nupper++;
			if (nch == 0)
				fl |= PXI_NER_F_INITCAP;
			if (prev == C_LOWER)
				fl |= PXI_NER_F_MIXED;
		}
		if (cls == C_LOWER)
			fl |= PXI_NER_F_LOWER;
		if (cls == C_DIGIT)
			ndigit++;
		if (cp == '-')
			fl |= PXI_NER_F_HYPHEN;
		if (cp == '.')
			fl |= PXI_NER_F_DOT;
		if (cp >= 0x80)
			fl |= PXI_NER_F_NONASCII;
		prev = cls;
		nch++;
		i += k;
	}
	o->w = mix32(h);
	o->shape = mix32(sh ^ (nch > 16 ? 0x2Bu : 0u));
	o->sshape = mix32(ss);
	memcpy(o->last, ring, sizeof(ring));
	o->nch = nch > UINT32_MAX ? UINT32_MAX : (uint32_t)nch;
	if (nletter && nupper == nletter)
		fl |= PXI_NER_F_ALLCAP;
	if (ndigit && (size_t)ndigit == nch)
		fl |= PXI_NER_F_ALLDIGIT;
	if (ndigit)
		fl |= PXI_NER_F_DIGIT;
	if (!nletter && !ndigit)
		fl |= PXI_NER_F_NOALNUM;
	if (nch == 1)
		fl |= PXI_NER_F_ONE;
	o->flags = (uint16_t)fl;
}

/* The prefix and suffix hashes of a scanned token. A prefix or suffix
 * as long as the word is the word: left out. */
static void finish_one(pxi_ner_tok *o)
{
	size_t nch = o->nch, j;

	for (j = 0; j < 4; j++)
		o->pre[j] = j + 1 < nch ? mix32(o->pre[j]) : 0;
	for (j = 0; j < 4 && j + 1 < nch; j++) {
		uint32_t s = FNV_BASIS ^ 0x51u;
		size_t m;

		for (m = 0; m <= j; m++)
			s = feed(s, o->last[(nch - 1 - j + m) & 3]);
		o->suf[j] = mix32(s);
	}
}

/* Fill out[0..n): token hashes, flags, gazetteer classes; affixes
 * unfinished. */
static void scan_window(const pxi_ner_gaz *gz, const pxi_ner_token *t,
                        size_t n, pxi_ner_tok *out)
{
	size_t i, j, ncap = 0;
	int lower = 0;

	for (i = 0; i < n; i++) {
		scan_one(&t[i], &out[i]);
		if (out[i].flags & PXI_NER_F_LOWER)
			lower = 1;
		if ((out[i].flags & PXI_NER_F_ALLCAP) &&
		    !(out[i].flags & PXI_NER_F_ONE))
			ncap++;
	}
	if (!lower && ncap >= 2)
		for (i = 0; i < n; i++)
			out[i].flags |= F_CAPSENT;
	if (!gz || !gz->key)
		return;
	for (i = 0; i < n; i++) {
		uint32_t ph = out[i].w;
		uint16_t c1 = pxi_ner_gaz_find(gz, ph);

		out[i].gaz = (uint16_t)(c1 & ~PXI_NER_G_PREFIX);
		if (!(c1 & PXI_NER_G_PREFIX))
			continue;
		for (j = 1; j < PXI_NER_GAZ_MAXW && i + j < n; j++) {
			uint16_t c;
			size_t m;

			ph = pair(ph, out[i + j].w);
			c = pxi_ner_gaz_find(gz, ph);
			if (!c)
				continue;
			out[i].gfirst |= c;
			for (m = i; m <= i + j; m++)
				out[m].gspan |= c;
		}
	}
}

void pxi_ner_scan(const pxi_ner_gaz *gz, const pxi_ner_token *t, size_t n,
                  pxi_ner_tok *out)
{
	size_t i;

	scan_window(gz, t, n, out);
	for (i = 0; i < n; i++)
		finish_one(&out[i]);
}

/* Word, shape, flags and classes of the token at i + d, or of the edge. */
static void around(const pxi_ner_tok *tk, size_t n, size_t i, int d,
                   uint32_t *w, uint32_t *ss, uint32_t *fl, uint32_t *gz)
{
	long j = (long)i + d;

	if (j < 0 || j >= (long)n) {
		*w = j < 0 ? 0xB0B0B0B0u : 0xE0E0E0E0u;
		*ss = *w ^ 0x1u;
		*fl = 0x8000u | (j < 0 ? 1u : 2u);
		*gz = 0;
		return;
	}
	*w = tk[j].w;
	*ss = tk[j].sshape;
	*fl = tk[j].flags;
	*gz = tk[j].gaz;
}

#define FEAT(tid, v) (f[k++] = pair((uint32_t)(tid) * 0x01000193u, (v)))

/* One feature per gazetteer class bit in cls, for template tid: the
 * lowest bit set, then the next... */
static size_t gaz_feats(uint32_t *f, size_t k, uint32_t tid, uint32_t cls)
{
	for (; cls; cls &= cls - 1)
		FEAT(tid, cls & (~cls + 1u));
	return k;
}

/* The feature hashes of token i among the n scanned tokens tk. */
size_t pxi_ner_features(const pxi_ner_tok *tk, size_t n, size_t i,
                        uint32_t *f)
{
	const pxi_ner_tok *t = &tk[i];
	uint32_t wm2, wm1, wp1, wp2, sm2, sm1, sp1, sp2;
	uint32_t fm2, fm1, fp1, fp2, gm2, gm1, gp1, gp2;
	uint32_t fl = t->flags, cap = fl & PXI_NER_F_INITCAP;
	size_t k = 0, j;

	around(tk, n, i, -2, &wm2, &sm2, &fm2, &gm2);
	around(tk, n, i, -1, &wm1, &sm1, &fm1, &gm1);
	around(tk, n, i, 1, &wp1, &sp1, &fp1, &gp1);
	around(tk, n, i, 2, &wp2, &sp2, &fp2, &gp2);
	FEAT(1, 0);
	FEAT(2, t->w);
	FEAT(3, wm1);
	FEAT(4, wp1);
	FEAT(5, wm2);
	FEAT(6, wp2);
	for (j = 0; j < 4; j++) {
		if (t->pre[j])
			FEAT(7 + j, t->pre[j]);
		if (t->suf[j])
			FEAT(11 + j, t->suf[j]);
	}
	FEAT(15, t->shape);
	FEAT(16, t->sshape);
	FEAT(17, sm1);
	FEAT(18, sp1);
	FEAT(19, sm2);
	FEAT(20, sp2);
	FEAT(21, pair(wm1, t->w));
	FEAT(22, pair(t->w, wp1));
	FEAT(23, pair(pair(sm1, t->sshape), sp1));
	FEAT(24, fl);
	FEAT(25, fm1);
	FEAT(26, fp1);
	if (i == 0) {
		FEAT(27, fl & (PXI_NER_F_INITCAP | PXI_NER_F_ALLCAP));
		FEAT(28, t->w);
	}
	if (fl & F_CAPSENT) {
		FEAT(29, t->sshape);
		FEAT(30, t->w);
	}
	FEAT(31, pair(wm1, t->sshape));
	FEAT(32, pair(t->sshape, wp1));
	FEAT(33, pair(wm2, wm1));
	FEAT(34, pair(wp1, wp2));
	FEAT(35, pair(fm1 & 0x7FFu, fl & 0x7FFu));
	k = gaz_feats(f, k, 40, t->gaz);
	k = gaz_feats(f, k, 41, t->gspan);
	k = gaz_feats(f, k, 42, t->gfirst);
	k = gaz_feats(f, k, 43, gm1);
	k = gaz_feats(f, k, 44, gp1);
	k = gaz_feats(f, k, 45, gm2);
	k = gaz_feats(f, k, 46, gp2);
	if (i > 0)
		k = gaz_feats(f, k, 47, tk[i - 1].gspan);
	if (i + 1 < n)
		k = gaz_feats(f, k, 48, tk[i + 1].gspan);
	if (cap)
		k = gaz_feats(f, k, 49, gm1);
	(void)fm2;
	(void)fp2;
	return k;
}

/* Emission scores of the n scanned tokens in w into w->score. */
static void emit(const pxi_ner_model *m, pxi_ner_work *w, size_t n)
{
	uint32_t f[PXI_NER_MAXFEAT], mask = (1u << m->log2rows) - 1u;
	const int16_t *lv = m->levels;
	size_t i, j, k;
	int t;

	_Static_assert(NT == 9, "emit() adds the weights of nine tags");

	for (i = 0; i < n; i++) {
		int32_t s[NT] = {0};

		w->plain[i] = !(w->tok[i].flags & UPPER) &&
		              (i == 0 || !(w->tok[i - 1].flags & UPPER)) &&
		              (i + 1 == n || !(w->tok[i + 1].flags & UPPER));
		if (w->plain[i]) {
			/* No capital letter here nor next door: O. */
			for (t = 1; t < NT; t++)
				s[t] = FAST_O;
			memcpy(w->score[i], s, sizeof(s));
			continue;
		}
		finish_one(&w->tok[i]); /* its affixes: only its own count */
		k = pxi_ner_features(w->tok, n, i, f);
		for (j = 0; j < k; j++) {
			const uint8_t *r = (const uint8_t *)m->weights +
			                   (size_t)(f[j] & mask) * NT;

			/* The nine tags written out: as a loop, its counting
			 * cost more than the sums (the hottest lines of the
			 * tagger). */
			s[0] += lv[r[0]];
			s[1] += lv[r[1]];
			s[2] += lv[r[2]];
			s[3] += lv[r[3]];
			s[4] += lv[r[4]];
			s[5] += lv[r[5]];
			s[6] += lv[r[6]];
			s[7] += lv[r[7]];
			s[8] += lv[r[8]];
		}
		memcpy(w->score[i], s, sizeof(s));
	}
}

/* The previous tag with the best way into tag t (the first on a tie),
 * from scores prev and transitions tr; its score into *bs when asked.
 * The nine tags are written out: as a loop, its counting cost as much
 * as the sums. */
static int best_prev(const int32_t *prev, const int32_t *tr, int t,
                     int32_t *bs)
{
	int32_t best = prev[0] + tr[NT + t];
	int bp = 0;

#define TRY(p)                                                \
	do {                                                  \
		int32_t v_ = prev[p] + tr[((p) + 1) * NT + t]; \
		if (v_ > best) {                              \
			best = v_;                            \
			bp = (p);                             \
		}                                             \
	} while (0)
	TRY(1);
	TRY(2);
	TRY(3);
	TRY(4);
	TRY(5);
	TRY(6);
	TRY(7);
	TRY(8);
#undef TRY
	if (bs)
		*bs = best;
	return bp;
}

/* Viterbi over w->score[0..n) with m's transitions; OUT: tags. */
static void decode(const pxi_ner_model *m, pxi_ner_work *w, size_t n,
                   uint8_t *tags)
{
	int32_t prev[NT], cur[NT], tr[(NT + 1) * NT];
	size_t i;
	int t, p, best;

	for (p = -1; p < NT; p++)
		for (t = 0; t < NT; t++)
			tr[(p + 1) * NT + t] = pxi_ner_allowed(p, t)
			                       ? m->trans[(p + 1) * NT + t]
			                       : NEG_INF;
	for (t = 0; t < NT; t++)
		prev[t] = w->score[0][t] + tr[t];
	for (i = 1; i < n; i++) {
		if (w->plain[i]) {
			/* Only O can win here: the best way into O. */
			int bp = best_prev(prev, tr, 0, NULL);

			w->back[i][0] = (uint8_t)bp;
			prev[0] = 0;
			for (t = 1; t < NT; t++) {
				prev[t] = NEG_INF;
				w->back[i][t] = (uint8_t)bp;
			}
			continue;
		}
		for (t = 0; t < NT; t++) {
			int32_t bs;
			int bp = best_prev(prev, tr, t, &bs);

			cur[t] = bs + w->score[i][t];
			w->back[i][t] = (uint8_t)bp;
		}
		/* Keep scores off the floor: only differences count. */
		for (t = 0; t < NT; t++)
			prev[t] = cur[t] - cur[0];
	}
	best = 0;
	for (t = 1; t < NT; t++)
		if (prev[t] > prev[best])
			best = t;
	for (i = n; i-- > 0;) {
		tags[i] = (uint8_t)best;
		if (i)
			best = w->back[i][best];
	}
}

/* Tag t[0..n) (n > 0) with model m, in windows of PXI_NER_WINDOW. */
void pxi_ner_tag_model(const pxi_ner_model *m, pxi_ner_work *w,
                       const pxi_ner_token *t, size_t n, uint8_t *tags)
{
	size_t at, len;

	for (at = 0; at < n; at += len) {
		len = n - at < PXI_NER_WINDOW ? n - at : PXI_NER_WINDOW;
		scan_window(&m->gaz, t + at, len, w->tok);
		emit(m, w, len);
		decode(m, w, len, tags + at);
	}
}
