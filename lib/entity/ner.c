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
 * ASCII goes through a table, without a branch on the kind of each byte;
 * other code points through utf8proc.
 *
 * Tagging does only what the tags depend on: the plain tokens (no
 * capital letter here nor next door) are not scored, the gazetteer is
 * asked only about words near a scored token, the weight rows of a token
 * are fetched while those of the one before are summed, and in Viterbi
 * a plain token costs one look at the ways into O (none after another).
 */
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <utf8proc.h>

#include "entity_int.h"

#define FNV_BASIS 2166136261u
#define FNV_PRIME 16777619u
#define NT PXI_NER_NTAGS
#define NEG_INF (-(1 << 28))
/* Score of any tag but O on a token with no capital letter near. */
#define FAST_O (-(1 << 22))
#define UPPER (PXI_NER_F_INITCAP | PXI_NER_F_ALLCAP | PXI_NER_F_MIXED)

/* Fetch the memory at p into the cache ahead of its use. */
#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

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

/*
 * What scan_one() makes of an ASCII byte, as one word: bits 0-7 the
 * byte folded (fold()), bits 8-15 its shape character (shape_of()), and
 * bits for its class and the flags it gives, so that a token's flags come
 * from the OR and the AND of its bytes' words.
 */
#define A_UPPER (1u << 16)
#define A_LOWER (1u << 17)
#define A_DIGIT (1u << 18)
#define A_HYPHEN (1u << 19)
#define A_DOT (1u << 20)

#define AW(c)                                                          \
	((c) >= 'A' && (c) <= 'Z'                                      \
	 ? ((c) + ('a' - 'A')) | (uint32_t)'X' << 8 | A_UPPER          \
	 : (c) >= 'a' && (c) <= 'z'                                    \
	 ? (c) | (uint32_t)'x' << 8 | A_LOWER                          \
	 : (c) >= '0' && (c) <= '9'                                    \
	 ? '0' | (uint32_t)'d' << 8 | A_DIGIT                          \
	 : (c) | (uint32_t)(c) << 8 | ((c) == '-' ? A_HYPHEN : 0) |    \
	   ((c) == '.' ? A_DOT : 0))
#define AW4(c) AW(c), AW((c) + 1), AW((c) + 2), AW((c) + 3)
#define AW16(c) AW4(c), AW4((c) + 4), AW4((c) + 8), AW4((c) + 12)
#define AW64(c) AW16(c), AW16((c) + 16), AW16((c) + 32), AW16((c) + 48)
static const uint32_t ascii_word[128] = {AW64(0u), AW64(64u)};
#undef AW64
#undef AW16
#undef AW4
#undef AW

/*
 * scan_one() for a token of ASCII bytes only, the common case: the same
 * hashes and flags, without a branch on the kind of each byte (which one
 * comes next is data, and mispredicted costs more than the hashing).
 * Returns 0, leaving o to scan_one(), at the first byte that is not
 * ASCII.
 */
static int scan_ascii(const pxi_ner_token *t, pxi_ner_tok *o)
{
	const unsigned char *u = (const unsigned char *)t->p;
	uint32_t h = FNV_BASIS, sh = FNV_BASIS, ss = FNV_BASIS;
	uint32_t pre[5] = {0, 0, 0, 0, 0}, any = 0, all = ~0u, prev = 0;
	uint32_t last_shape = ~0u, mixed = 0;
	int32_t ring[4] = {0, 0, 0, 0};
	size_t i, n = t->n;
	unsigned fl = 0;

	for (i = 0; i < n; i++) {
		uint32_t c = u[i], a, lc, sc, sn;

		if (c >= 0x80)
			return 0;
		a = ascii_word[c];
		lc = a & 0xFFu;
		sc = (a >> 8) & 0xFFu;
		h = (h ^ lc) * FNV_PRIME;
		pre[i < 4 ? i : 4] = h; /* pre[4]: a sink, for no branch */
		ring[i & 3] = (int32_t)lc;
		sn = (sh ^ sc) * FNV_PRIME;
		sh = i < 16 ? sn : sh;
		sn = (ss ^ sc) * FNV_PRIME;
		ss = sc != last_shape ? sn : ss;
		last_shape = sc;
		mixed |= (a & A_UPPER) & (prev >> 1); /* upper after lower */
		prev = a & A_LOWER;
		any |= a;
		all &= a;
	}
	if (n && (ascii_word[u[0] & 0x7F] & A_UPPER))
		fl |= PXI_NER_F_INITCAP;
	if (mixed)
		fl |= PXI_NER_F_MIXED;
	if (any & A_LOWER)
		fl |= PXI_NER_F_LOWER;
	if ((any & A_UPPER) && !(any & A_LOWER))
		fl |= PXI_NER_F_ALLCAP;
	if ((any & A_DIGIT) && (all & A_DIGIT))
		fl |= PXI_NER_F_ALLDIGIT;
	if (any & A_DIGIT)
		fl |= PXI_NER_F_DIGIT;
	if (!(any & (A_UPPER | A_LOWER | A_DIGIT)))
		fl |= PXI_NER_F_NOALNUM;
	if (any & A_HYPHEN)
		fl |= PXI_NER_F_HYPHEN;
	if (any & A_DOT)
		fl |= PXI_NER_F_DOT;
	if (n == 1)
		fl |= PXI_NER_F_ONE;
	o->w = mix32(h);
	o->shape = mix32(sh ^ (n > 16 ? 0x2Bu : 0u));
	o->sshape = mix32(ss);
	memcpy(o->pre, pre, sizeof(o->pre));
	memset(o->suf, 0, sizeof(o->suf));
	o->flags = (uint16_t)fl;
	o->gaz = 0;
	o->gspan = 0;
	o->gfirst = 0;
	memcpy(o->last, ring, sizeof(ring));
	o->nch = n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
	return 1;
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
	/* The last four characters, the last first (for a shorter word,
	 * what the ring holds: those suffixes are left out). */
	int32_t c0 = o->last[(nch - 1) & 3], c1 = o->last[(nch - 2) & 3];
	int32_t c2 = o->last[(nch - 3) & 3], c3 = o->last[(nch - 4) & 3];
	uint32_t b = FNV_BASIS ^ 0x51u, suf[4];

	suf[0] = feed(b, c0);
	suf[1] = feed(feed(b, c1), c0);
	suf[2] = feed(feed(feed(b, c2), c1), c0);
	suf[3] = feed(feed(feed(feed(b, c3), c2), c1), c0);
	for (j = 0; j < 4; j++) {
		o->pre[j] = j + 1 < nch ? mix32(o->pre[j]) : 0;
		if (j + 1 < nch)
			o->suf[j] = mix32(suf[j]);
	}
}

/* The slot where the probe for phrase hash h in gz starts. */
static inline uint32_t gaz_slot(const pxi_ner_gaz *gz, uint32_t h)
{
	return mix32((h ? h : 1u) ^ 0x5BD1E995u) & gz->mask;
}

/* Classes of phrase hash h in gz, probing from slot i = gaz_slot(h):
 * pxi_ner_gaz_find(), in two halves for the scan. */
static inline uint16_t gaz_at(const pxi_ner_gaz *gz, uint32_t h, uint32_t i)
{
	uint32_t key = h ? h : 1u;

	for (; gz->key[i]; i = (i + 1) & gz->mask)
		if (gz->key[i] == key)
			return gz->cls[i];
	return 0;
}

/* Fill out[0..n): token hashes and flags; affixes unfinished, no
 * gazetteer classes yet. */
static void scan_tokens(const pxi_ner_token *t, size_t n, pxi_ner_tok *out)
{
	size_t i, ncap = 0;
	int lower = 0;

	for (i = 0; i < n; i++) {
		if (!scan_ascii(&t[i], &out[i]))
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
}

/* The gazetteer classes of out[0..n), for the entries that start at the
 * tokens i with start[i] (all of them when start is NULL). */
static void scan_gaz(const pxi_ner_gaz *gz, const uint8_t *start,
                     size_t n, pxi_ner_tok *out)
{
	uint32_t slot[PXI_NER_WINDOW];
	size_t i, j;

	if (!gz || !gz->key)
		return;
	/* The words' slots first, fetched ahead: then the probes, one after
	 * another, find them at hand. */
	for (i = 0; i < n && i < PXI_NER_WINDOW; i++) {
		slot[i] = gaz_slot(gz, out[i].w);
		PREFETCH(&gz->key[slot[i]]);
	}
	for (i = 0; i < n; i++) {
		uint32_t ph = out[i].w;
		uint16_t c1;

		if (start && !start[i])
			continue;
		c1 = gaz_at(gz, ph, i < PXI_NER_WINDOW ? slot[i]
		                                       : gaz_slot(gz, ph));
		out[i].gaz = (uint16_t)(c1 & ~PXI_NER_G_PREFIX);
		if (!(c1 & PXI_NER_G_PREFIX))
			continue;
		for (j = 1; j < PXI_NER_GAZ_MAXW && i + j < n; j++) {
			uint16_t c;
			size_t m;

			ph = pair(ph, out[i + j].w);
			c = gaz_at(gz, ph, gaz_slot(gz, ph));
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

	scan_tokens(t, n, out);
	scan_gaz(gz, NULL, n, out);
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

/* The input of mix32() for pair(a, b): features are gathered as these,
 * then mixed all at once (mix_all()). */
static inline uint32_t unmixed_pair(uint32_t a, uint32_t b)
{
	return a ^ (b + 0x9E3779B9u + (a << 6) + (a >> 2));
}

#define FEAT(tid, v) \
	(f[k++] = unmixed_pair((uint32_t)(tid) * 0x01000193u, (v)))

/* One feature per gazetteer class bit in cls, for template tid: the
 * lowest bit set, then the next... */
static size_t gaz_feats(uint32_t *f, size_t k, uint32_t tid, uint32_t cls)
{
	for (; cls; cls &= cls - 1)
		FEAT(tid, cls & (~cls + 1u));
	return k;
}

/* The feature hashes of token i among the n scanned tokens tk, but for
 * their last mix32() (mix_all()). */
static inline size_t features(const pxi_ner_tok *tk, size_t n, size_t i,
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

/*
 * mix32() of f[0..k), four at a time, so that the compiler can do the
 * four side by side; f has room for k rounded up to four (zeros).
 */
static void mix_all(uint32_t *f, size_t k)
{
	size_t j, q;

	for (j = k; j % 4; j++)
		f[j] = 0;
	for (j = 0; j < k; j += 4)
		for (q = 0; q < 4; q++)
			f[j + q] = mix32(f[j + q]);
}

/* The feature hashes of token i among the n scanned tokens tk. */
size_t pxi_ner_features(const pxi_ner_tok *tk, size_t n, size_t i,
                        uint32_t *f)
{
	uint32_t g[PXI_NER_MAXFEAT + 3];
	size_t k = features(tk, n, i, g);

	mix_all(g, k);
	memcpy(f, g, k * sizeof(*f));
	return k;
}

/*
 * Which tokens need scoring, and which need their gazetteer classes:
 * plain[i] for a token with no capital letter here nor next door (O
 * without scoring), near[i] for one within GAZ_NEAR tokens of one that is
 * not. A token's features read the classes of the words up to two away
 * and the entries over the words one away, and an entry has at most
 * PXI_NER_GAZ_MAXW words: the entries that count start within GAZ_NEAR.
 * Returns the count of tokens to score.
 */
#define GAZ_NEAR (PXI_NER_GAZ_MAXW)
static size_t mark_tokens(pxi_ner_work *w, size_t n, uint8_t *near)
{
	size_t i, nscore = 0, last;

	for (i = 0; i < n; i++) {
		w->plain[i] = !(w->tok[i].flags & UPPER) &&
		              (i == 0 || !(w->tok[i - 1].flags & UPPER)) &&
		              (i + 1 == n || !(w->tok[i + 1].flags & UPPER));
		nscore += !w->plain[i];
	}
	/* near[i]: a scored token in [i - GAZ_NEAR, i + GAZ_NEAR]. */
	last = (size_t)-1;
	for (i = 0; i < n; i++) {
		if (!w->plain[i])
			last = i;
		near[i] = last != (size_t)-1 && i - last <= GAZ_NEAR;
	}
	last = (size_t)-1;
	for (i = n; i-- > 0;) {
		if (!w->plain[i])
			last = i;
		if (last != (size_t)-1 && last - i <= GAZ_NEAR)
			near[i] = 1;
	}
	return nscore;
}

/* The weight rows of the features of token i of the n in w: OUT
 * row[0..k), k returned, each fetched ahead of its use. */
static size_t rows_of(const pxi_ner_model *m, pxi_ner_work *w, size_t n,
                      size_t i, const int16_t **row)
{
	uint32_t f[PXI_NER_MAXFEAT + 3], mask = (1u << m->log2rows) - 1u;
	const int16_t *base = m->wide->rows;
	size_t j, k;

	finish_one(&w->tok[i]); /* its affixes: only its own count */
	k = features(w->tok, n, i, f);
	mix_all(f, k);
	for (j = 0; j < k; j++) {
		const int16_t *r = base + (size_t)(f[j] & mask) * NT;

		PREFETCH(r);
		PREFETCH(r + NT - 1);
		row[j] = r;
	}
	return k;
}

/* m->wide->rows filled from m's codes, once. */
static void widen(const pxi_ner_model *m)
{
	pxi_ner_wide *wd = m->wide;
	size_t j, nw = ((size_t)1 << m->log2rows) * NT;

	if (atomic_load_explicit(&wd->ready, memory_order_acquire))
		return;
	pthread_mutex_lock(&wd->lock);
	if (!atomic_load_explicit(&wd->ready, memory_order_relaxed)) {
		for (j = 0; j < nw; j++)
			wd->rows[j] = m->levels[(uint8_t)m->weights[j]];
		atomic_store_explicit(&wd->ready, 1, memory_order_release);
	}
	pthread_mutex_unlock(&wd->lock);
}

/* sc[0..NT) = the sums over the k rows rw[] of their nine weights. With
 * SSE2 (every x86-64), tags 0-7 are one load each, widened to 32 bits
 * (sums of a few dozen weights of up to 32,000 leave 16 bits), tag 8 a
 * plain addition; the same sums, in the same integers, as one at a
 * time. */
static void sum_rows(const int16_t *const *rw, size_t k, int32_t *sc)
{
	size_t j;
#ifdef __SSE2__
	__m128i lo = _mm_setzero_si128(), hi = _mm_setzero_si128();
	int32_t s8 = 0;

	_Static_assert(NT == 9, "sum_rows() adds eight tags and one");
	for (j = 0; j < k; j++) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)rw[j]);

		lo = _mm_add_epi32(lo, _mm_srai_epi32(_mm_unpacklo_epi16(x, x),
		                                      16));
		hi = _mm_add_epi32(hi, _mm_srai_epi32(_mm_unpackhi_epi16(x, x),
		                                      16));
		s8 += rw[j][8];
	}
	_mm_storeu_si128((__m128i *)(void *)sc, lo);
	_mm_storeu_si128((__m128i *)(void *)(sc + 4), hi);
	sc[8] = s8;
#else
	int t;

	for (t = 0; t < NT; t++)
		sc[t] = 0;
	for (j = 0; j < k; j++)
		for (t = 0; t < NT; t++)
			sc[t] += rw[j][t];
#endif
}

/*
 * Emission scores of the n scanned tokens in w into w->score: the sums
 * of the weights of their features per tag, for the tokens not plain.
 * The rows of the next token are fetched while those of this one are
 * summed: their loads, from all over the table, are the cost.
 */
static void emit(const pxi_ner_model *m, pxi_ner_work *w, size_t n)
{
	const int16_t *rows[2][PXI_NER_MAXFEAT];
	size_t i, k, nk = 0, next;
	int t, cur = 0;

	for (next = 0; next < n && w->plain[next]; next++)
		;
	if (next < n)
		nk = rows_of(m, w, n, next, rows[0]);
	for (i = 0; i < n; i++) {
		int32_t *sc = w->score[i];
		const int16_t *const *rw;

		if (w->plain[i]) {
			/* No capital letter here nor next door: O. */
			sc[0] = 0;
			for (t = 1; t < NT; t++)
				sc[t] = FAST_O;
			continue;
		}
		rw = (const int16_t *const *)rows[cur];
		k = nk;
		for (next = i + 1; next < n && w->plain[next]; next++)
			;
		cur ^= 1;
		if (next < n)
			nk = rows_of(m, w, n, next, rows[cur]);
		sum_rows(rw, k, sc);
	}
}

/* The transition weight from tag p (-1: the start) to tag t in tr, or
 * NEG_INF where t may not follow p. With p and t constants, as below,
 * a constant test. */
#define TR(tr, p, t)                                                     \
	(pxi_ner_allowed((p), (t)) ? (int32_t)(tr)[((p) + 1) * NT + (t)]  \
	                           : NEG_INF)

/* The best way from prev into tag t, a constant (the first previous tag
 * on a tie): its score into cur[t], the tag into back[t]. Without
 * branches: which way wins is data, and mispredicted it costs more than
 * the sums. */
#define TRY(t, p)                                        \
	do {                                             \
		int32_t v_ = prev[p] + TR(tr, p, t);     \
		bp_ = v_ > best_ ? (p) : bp_;            \
		best_ = v_ > best_ ? v_ : best_;         \
	} while (0)
#define INTO(t)                                          \
	do {                                             \
		int32_t best_ = prev[0] + TR(tr, 0, t);  \
		int bp_ = 0;                             \
                                                         \
		TRY(t, 1);                               \
		TRY(t, 2);                               \
		TRY(t, 3);                               \
		TRY(t, 4);                               \
		TRY(t, 5);                               \
		TRY(t, 6);                               \
		TRY(t, 7);                               \
		TRY(t, 8);                               \
		cur[t] = best_;                          \
		back[t] = (uint8_t)bp_;                  \
	} while (0)

/* One step of Viterbi from scores prev with transitions tr: the best way
 * into each tag, its score into cur, the previous tag into back. */
static void step(const int32_t *prev, const int16_t *tr, int32_t *cur,
                 uint8_t *back)
{
	_Static_assert(NT == 9, "step() tries nine tags");

	INTO(0);
	INTO(1);
	INTO(2);
	INTO(3);
	INTO(4);
	INTO(5);
	INTO(6);
	INTO(7);
	INTO(8);
}

/* The previous tag with the best way into O (the first on a tie). */
static int best_into_o(const int32_t *prev, const int16_t *tr)
{
	int32_t best = prev[0] + TR(tr, 0, 0);
	int p, bp = 0;

	for (p = 1; p < NT; p++) {
		int32_t v = prev[p] + TR(tr, p, 0);

		if (v > best) {
			best = v;
			bp = p;
		}
	}
	return bp;
}
#undef INTO
#undef TRY

/* Viterbi over w->score[0..n) with m's transitions; OUT: tags. */
static void decode(const pxi_ner_model *m, pxi_ner_work *w, size_t n,
                   uint8_t *tags)
{
	const int16_t *tr = m->trans;
	int32_t prev[NT], cur[NT];
	size_t i;
	int t, best, settled = 0;

	for (t = 0; t < NT; t++)
		prev[t] = w->score[0][t] + TR(tr, -1, t);
	for (i = 1; i < n; i++) {
		if (w->plain[i]) {
			/* Only O can win here: the best way into O. After
			 * another such token, prev is {0, NEG_INF...}, and
			 * that way is from O. */
			int bp = settled ? 0 : best_into_o(prev, tr);

			memset(w->back[i], bp, NT);
			if (!settled) {
				prev[0] = 0;
				for (t = 1; t < NT; t++)
					prev[t] = NEG_INF;
				settled = 1;
			}
			continue;
		}
		settled = 0;
		step(prev, tr, cur, w->back[i]);
		for (t = 0; t < NT; t++)
			cur[t] += w->score[i][t];
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
		/* A plain token's way back is the same from any tag: read
		 * without waiting for best. */
		if (i)
			best = w->back[i][w->plain[i] ? 0 : best];
	}
}
#undef TR

/* Tag t[0..n) (n > 0) with model m, in windows of PXI_NER_WINDOW. */
void pxi_ner_tag_model(const pxi_ner_model *m, pxi_ner_work *w,
                       const pxi_ner_token *t, size_t n, uint8_t *tags)
{
	uint8_t near[PXI_NER_WINDOW];
	size_t at, len;

	widen(m);
	for (at = 0; at < n; at += len) {
		len = n - at < PXI_NER_WINDOW ? n - at : PXI_NER_WINDOW;
		scan_tokens(t + at, len, w->tok);
		if (mark_tokens(w, len, near))
			scan_gaz(&m->gaz, near, len, w->tok);
		emit(m, w, len);
		decode(m, w, len, tags + at);
	}
}
