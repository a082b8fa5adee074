/*
 * lang.c - which language an article is written in.
 *
 * The n-gram fingerprints and their comparison are libexttextcat's
 * (Debian's libexttextcat-data ships one fingerprint file per language);
 * this file picks the languages news comes in, samples the article's own
 * text (residue and headings left out), and turns the scores into a
 * verdict with a margin. The fingerprints are read once, by
 * px_langid_open(); px_langid_guess() only reads them, so one set serves
 * every thread.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <constants.h>
#include <fingerprint.h>

#include "../article/article.h"
#include "../text/lexicon.h"

#ifndef PX_LANG_DIR
#define PX_LANG_DIR "/usr/share/libexttextcat"
#endif

/* The score of the best language must stay under this share of the
 * runner-up's for the verdict to be firm: textcat's own rule (1.03). */
#define FIRM_RATIO 1.03
/* Bytes of text sampled: a few hundred bytes suffice for a verdict;
 * more only costs time. */
#define SAMPLE_BYTES 640
/* Below this much sampled text no verdict is given. */
#define MIN_SAMPLE 40
/* textcat's ngram count for a fingerprint. */
#define NGRAMS 400

/* Writing systems: a text is compared only with the languages written
 * in its script (most of the cost is one comparison a language). */
enum script {
	SC_OTHER, SC_LATIN, SC_CYRILLIC, SC_ARABIC, SC_GREEK, SC_HEBREW,
	SC_DEVANAGARI, SC_BENGALI, SC_TAMIL, SC_THAI, SC_GEORGIAN,
	SC_ARMENIAN, SC_CJK, SC_NSCRIPTS
};

/* Languages of the world's news, by fingerprint file (BCP 47 tag), name
 * and script. English first: the most common verdict tightens the
 * cut-off of the comparisons after it soonest. */
static const struct {
	const char *tag, *name;
	enum script sc;
} langs[] = {
	{"en", "English", SC_LATIN},         {"es", "Spanish", SC_LATIN},
	{"fr", "French", SC_LATIN},          {"de", "German", SC_LATIN},
	{"ru", "Russian", SC_CYRILLIC},      {"uk", "Ukrainian", SC_CYRILLIC},
	{"pt", "Portuguese", SC_LATIN},      {"it", "Italian", SC_LATIN},
	{"ar", "Arabic", SC_ARABIC},         {"zh-Hans", "Chinese", SC_CJK},
	{"zh-Hant", "Chinese", SC_CJK},      {"ja", "Japanese", SC_CJK},
	{"ko", "Korean", SC_CJK},            {"hi", "Hindi", SC_DEVANAGARI},
	{"bn", "Bengali", SC_BENGALI},       {"ur", "Urdu", SC_ARABIC},
	{"fa", "Persian", SC_ARABIC},        {"tr", "Turkish", SC_LATIN},
	{"nl", "Dutch", SC_LATIN},           {"pl", "Polish", SC_LATIN},
	{"cs", "Czech", SC_LATIN},           {"sk", "Slovak", SC_LATIN},
	{"hu", "Hungarian", SC_LATIN},       {"ro", "Romanian", SC_LATIN},
	{"bg", "Bulgarian", SC_CYRILLIC},    {"el", "Greek", SC_GREEK},
	{"he", "Hebrew", SC_HEBREW},         {"sv", "Swedish", SC_LATIN},
	{"da", "Danish", SC_LATIN},          {"nb", "Norwegian", SC_LATIN},
	{"fi", "Finnish", SC_LATIN},         {"et", "Estonian", SC_LATIN},
	{"lv", "Latvian", SC_LATIN},         {"lt", "Lithuanian", SC_LATIN},
	{"sl", "Slovenian", SC_LATIN},       {"hr", "Croatian", SC_LATIN},
	{"sr-Latn", "Serbian", SC_LATIN},    {"sr-Cyrl", "Serbian",
	                                      SC_CYRILLIC},
	{"be", "Belarusian", SC_CYRILLIC},   {"ka", "Georgian", SC_GEORGIAN},
	{"hy", "Armenian", SC_ARMENIAN},     {"kk", "Kazakh", SC_CYRILLIC},
	{"id", "Indonesian", SC_LATIN},      {"ms", "Malay", SC_LATIN},
	{"vi", "Vietnamese", SC_LATIN},      {"th", "Thai", SC_THAI},
	{"ta", "Tamil", SC_TAMIL},           {"sw", "Swahili", SC_LATIN},
	{"ca", "Catalan", SC_LATIN},
};
#define NLANGS (sizeof(langs) / sizeof(langs[0]))

/* One n-gram of the fingerprints: the languages that list it are
 * li->ranks[first .. first + n). */
typedef struct lgram {
	char str[MAXNGRAMSIZE + 1];
	uint8_t n;
	uint32_t first;
} lgram;

/* A language listing an n-gram, and its rank there. */
typedef struct lrank {
	uint8_t lang; /* index in langs[] */
	int16_t rank;
} lrank;

/*
 * Besides libexttextcat's fingerprints, every n-gram any of them lists,
 * hashed: an article's n-grams are scored against all the languages in
 * one lookup each, where fp_Compare() walks two sorted lists for each
 * language. The scores are fp_Compare's: the sum over the article's
 * n-grams of the distance between its rank there and in the language,
 * MAXOUTOFPLACE for one the language lacks. When the table cannot be
 * built (a fingerprint listing an n-gram twice, say), grams is NULL and
 * fp_Compare() scores.
 */
struct px_langid {
	void *fp[NLANGS];
	lgram *grams;
	size_t ngrams;
	lrank *ranks;
	uint32_t *slot; /* index + 1 in grams by hash of the n-gram; 0 empty */
	size_t mask;
};

void px_langid_close(px_langid *li)
{
	size_t i;

	if (!li)
		return;
	for (i = 0; i < NLANGS; i++)
		if (li->fp[i])
			fp_Done(li->fp[i]);
	free(li->grams);
	free(li->ranks);
	free(li->slot);
	free(li);
}

/* The n-grams of fingerprint fp in rank order, one a line, from
 * fp_Print() (the library's only view of them): a malloc'd text in *out
 * of *n bytes, or -1 on failure. */
static int fp_lines(void *fp, char **out, size_t *n)
{
	FILE *f;

	*out = NULL;
	*n = 0;
	f = open_memstream(out, n);
	if (!f)
		return -1;
	fp_Print(fp, f);
	if (fclose(f)) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

static size_t gram_hash(const char *p, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 16777619u;
	return h;
}

/* The slot of n-gram (p, n): where it is, or the empty one where it
 * goes. */
static uint32_t *gram_slot(const px_langid *li, const char *p, size_t n)
{
	size_t k = gram_hash(p, n) & li->mask;

	while (li->slot[k]) {
		const lgram *g = li->grams + li->slot[k] - 1;

		if (!strncmp(g->str, p, n) && !g->str[n])
			break;
		k = (k + 1) & li->mask;
	}
	return &li->slot[k];
}

/* Read the n-grams of language i into li's table, with their ranks
 * into rank[gram * NLANGS + i]; -1 when a line does not fit (too long,
 * listed twice, too many). */
static int grams_read(px_langid *li, size_t i, int16_t *rank)
{
	char *text, *p, *nl = NULL;
	size_t len, r = 0;
	int rc = 0;

	if (fp_lines(li->fp[i], &text, &len))
		return -1;
	for (p = text; p < text + len; p = nl + 1, r++) {
		size_t n;
		uint32_t *sl;
		int16_t *gr;

		nl = memchr(p, '\n', (size_t)(text + len - p));
		n = nl ? (size_t)(nl - p) : 0;
		if (!nl || !n || n > MAXNGRAMSIZE || r >= NGRAMS) {
			rc = -1;
			break;
		}
		sl = gram_slot(li, p, n);
		if (!*sl) {
			lgram *g = li->grams + li->ngrams;

			memcpy(g->str, p, n);
			g->str[n] = '\0';
			memset(rank + li->ngrams * NLANGS, 0xFF,
			       NLANGS * sizeof(*rank)); /* all -1 */
			*sl = (uint32_t)++li->ngrams;
		}
		gr = rank + (size_t)(*sl - 1) * NLANGS + i;
		if (*gr >= 0) {
			rc = -1; /* listed twice */
			break;
		}
		*gr = (int16_t)r;
	}
	free(text);
	return rc;
}

/* Build li's table of n-grams from its fingerprints; on failure leave
 * it empty (fp_Compare() scores then). */
static void grams_build(px_langid *li)
{
	size_t cap = NLANGS * NGRAMS, slots = 1, i, k, nr = 0;
	int16_t *rank = malloc(cap * NLANGS * sizeof(*rank));

	while (slots < 2 * cap)
		slots *= 2;
	li->grams = malloc(cap * sizeof(*li->grams));
	li->ranks = malloc(cap * sizeof(*li->ranks));
	li->slot = calloc(slots, sizeof(*li->slot));
	li->mask = slots - 1;
	if (!rank || !li->grams || !li->ranks || !li->slot)
		goto fail;
	for (i = 0; i < NLANGS; i++)
		if (grams_read(li, i, rank))
			goto fail;
	/* Each n-gram's languages, in langs[] order, one run per n-gram. */
	for (k = 0; k < li->ngrams; k++) {
		lgram *g = li->grams + k;

		g->first = (uint32_t)nr;
		g->n = 0;
		for (i = 0; i < NLANGS; i++) {
			int16_t r = rank[k * NLANGS + i];

			if (r < 0)
				continue;
			li->ranks[nr].lang = (uint8_t)i;
			li->ranks[nr].rank = r;
			nr++;
			g->n++;
		}
	}
	free(rank);
	return;
fail:
	free(rank);
	free(li->grams);
	free(li->ranks);
	free(li->slot);
	li->grams = NULL;
	li->ranks = NULL;
	li->slot = NULL;
	li->ngrams = 0;
}

/* fp_Compare's score of the fingerprint unknown against every language
 * into sum[], from li's table: MAXOUTOFPLACE for each of its n-grams,
 * less what each language listing one saves on it; -1 when it cannot
 * (then nothing is known of sum[]). */
static int score_all(const px_langid *li, void *unknown, int32_t *sum)
{
	char *text, *p, *nl = NULL;
	size_t len, rank = 0, i;
	int rc = 0;

	if (!li->grams || fp_lines(unknown, &text, &len))
		return -1;
	for (i = 0; i < NLANGS; i++)
		sum[i] = 0;
	for (p = text; p < text + len; p = nl + 1, rank++) {
		const lrank *lr, *end;
		uint32_t *sl;
		size_t n;

		nl = memchr(p, '\n', (size_t)(text + len - p));
		n = nl ? (size_t)(nl - p) : 0;
		if (!nl || !n || n > MAXNGRAMSIZE || rank >= NGRAMS) {
			rc = -1;
			break;
		}
		sl = gram_slot(li, p, n);
		if (!*sl)
			continue;
		lr = li->ranks + li->grams[*sl - 1].first;
		for (end = lr + li->grams[*sl - 1].n; lr < end; lr++)
			sum[lr->lang] -= MAXOUTOFPLACE -
			                 abs(lr->rank - (int)rank);
	}
	for (i = 0; i < NLANGS; i++)
		sum[i] += (int32_t)(MAXOUTOFPLACE * rank);
	free(text);
	return rc;
}

px_status px_langid_open(const char *dir, px_langid **out, px_error *err)
{
	px_langid *li;
	char path[4096];
	size_t i;

	if (!out)
		return PX_EINVAL;
	*out = NULL;
	if (!dir)
		dir = PX_LANG_DIR;
	li = calloc(1, sizeof(*li));
	if (!li)
		return pxi_error(err, PX_ENOMEM, dir, 0, 0, "out of memory");
	for (i = 0; i < NLANGS; i++) {
		int n = snprintf(path, sizeof(path), "%s/%s.lm", dir,
		                 langs[i].tag);

		if (n < 0 || (size_t)n >= sizeof(path)) {
			px_langid_close(li);
			return pxi_error(err, PX_EINVAL, dir, 0, 0,
			                 "directory name too long");
		}
		li->fp[i] = fp_Init(langs[i].tag);
		if (!li->fp[i]) {
			px_langid_close(li);
			return pxi_error(err, PX_ENOMEM, path, 0, 0,
			                 "out of memory");
		}
		/* Checked first: the library would print its own message. */
		errno = 0;
		if (access(path, R_OK) || !fp_Read(li->fp[i], path, NGRAMS)) {
			int e = errno;

			px_langid_close(li);
			return pxi_error(err, PX_EIO, path, 0, 0,
			                 "cannot read language fingerprint%s%s "
			                 "(Debian package libexttextcat-data)",
			                 e ? ": " : "", e ? strerror(e) : "");
		}
	}
	grams_build(li);
	*out = li;
	return PX_OK;
}

/* The script most of the letters of p[0..n) are written in, from their
 * UTF-8 lead bytes; SC_OTHER when none of ours leads. */
static enum script script_of(const char *p, size_t n)
{
	size_t count[SC_NSCRIPTS] = {0}, i;
	enum script best = SC_OTHER;
	int k;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		unsigned char d = i + 1 < n ? (unsigned char)p[i + 1] : 0;
		enum script sc = SC_OTHER;

		if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			sc = SC_LATIN;
		else if (c >= 0xC3 && c <= 0xC9)
			sc = SC_LATIN; /* U+00C0-U+027F */
		else if (c == 0xCE || c == 0xCF)
			sc = SC_GREEK;
		else if (c >= 0xD0 && c <= 0xD3)
			sc = SC_CYRILLIC;
		else if (c == 0xD4 || c == 0xD5 || (c == 0xD6 && d < 0x90))
			sc = c == 0xD4 && d < 0xB0 ? SC_CYRILLIC : SC_ARMENIAN;
		else if (c == 0xD7)
			sc = SC_HEBREW;
		else if (c >= 0xD8 && c <= 0xDB)
			sc = SC_ARABIC;
		else if (c == 0xE0)
			sc = d == 0xA4 || d == 0xA5   ? SC_DEVANAGARI
			     : d == 0xA6 || d == 0xA7 ? SC_BENGALI
			     : d == 0xAE || d == 0xAF ? SC_TAMIL
			     : d == 0xB8 || d == 0xB9 ? SC_THAI
			                              : SC_OTHER;
		else if (c == 0xE1)
			sc = d == 0x82 || d == 0x83   ? SC_GEORGIAN
			     : d >= 0xB8 && d <= 0xBB ? SC_LATIN /* Vietnamese */
			                              : SC_OTHER;
		else if (c >= 0xE3 && c <= 0xED)
			sc = SC_CJK; /* kana, CJK ideographs, Hangul */
		count[sc]++;
	}
	/* Spaces, digits and continuation bytes count for no script. */
	count[SC_OTHER] = 0;
	for (k = SC_LATIN; k < SC_NSCRIPTS; k++)
		if (count[k] > count[best])
			best = (enum script)k;
	return best;
}

px_status px_langid_guess(const px_langid *li, const char *text, size_t len,
                          px_lang *out)
{
	/* libexttextcat reads its buffer up to a NUL, whatever its size. */
	char z[SAMPLE_BYTES + 1];
	void *unknown;
	int best = -1, second = -1, have_sums;
	int32_t s1 = 0, s2 = 0, sum[NLANGS];
	enum script sc;
	size_t i;

	if (!li || !out || (!text && len))
		return PX_EINVAL;
	memset(out, 0, sizeof(*out));
	out->sample = len;
	if (len < MIN_SAMPLE)
		return PX_OK;
	unknown = fp_Init(NULL);
	if (!unknown)
		return PX_ENOMEM;
	fp_SetProperty(unknown, TCPROP_UTF8AWARE, TC_TRUE);
	if (len > SAMPLE_BYTES)
		len = SAMPLE_BYTES;
	memcpy(z, text, len);
	z[len] = '\0';
	if (!fp_Create(unknown, z, (uint4)len, NGRAMS)) {
		fp_Done(unknown);
		return PX_OK;
	}
	sc = script_of(z, len);
	have_sums = !score_all(li, unknown, sum);
	for (i = 0; i < NLANGS; i++) {
		int32_t s, cutoff = second >= 0 ? s2 : INT32_MAX;

		if (sc != SC_OTHER && langs[i].sc != sc)
			continue;
		/* Past the runner-up's score a language cannot place:
		 * fp_Compare() stops early there and says MAXSCORE. */
		if (have_sums)
			s = sum[i] > cutoff ? MAXSCORE : sum[i];
		else
			s = fp_Compare(li->fp[i], unknown, cutoff);

		if (best < 0 || s < s1) {
			second = best;
			s2 = s1;
			best = (int)i;
			s1 = s;
		} else if (second < 0 || s < s2) {
			second = (int)i;
			s2 = s;
		}
	}
	fp_Done(unknown);
	out->code = langs[best].tag;
	out->name = langs[best].name;
	out->score = s1;
	out->runner_up = second >= 0 ? langs[second].tag : NULL;
	out->margin = s1 > 0 && second >= 0 ? (double)(s2 - s1) / s1 : 1.0;
	/* Two fingerprints of one language (Serbian in either script,
	 * Chinese in either) never make the verdict unsure. */
	out->firm = len >= PXI_LANG_FIRM_BYTES &&
	            (second < 0 || (double)s2 >= (double)s1 * FIRM_RATIO ||
	             !strcmp(langs[second].name, langs[best].name));
	return PX_OK;
}

/* The article's own words for the sample: body paragraphs that are not
 * headings, bullets or residue, in order, up to SAMPLE_BYTES. */
static size_t sample(const px_article *a, char *buf, size_t cap)
{
	const px_paragraph *pg = a->paras.a;
	const px_residue *rs = a->residue.a;
	size_t i, j = 0, n = 0;

	for (i = 0; i < a->paras.n && n < cap; i++) {
		size_t s = pg[i].span.start, e = pg[i].span.end, k;

		if (pg[i].heading || pg[i].bullet)
			continue;
		while (j < a->residue.n && rs[j].span.end <= s)
			j++;
		if (j < a->residue.n && rs[j].span.start < e)
			continue;
		k = e - s < cap - n ? e - s : cap - n;
		memcpy(buf + n, a->norm.text + s, k);
		n += k;
		if (n < cap)
			buf[n++] = ' ';
	}
	return n;
}

/* The share of the sample's words that are English function words
 * ("the", "of", "and", "said"), over the words of the body paragraphs
 * the n-gram sample would read; *words gets how many words were read,
 * *read their bytes (a space each counted). In
 * English news it is a third or more (under a fifth in 1 of 100 bench
 * articles); in the development pages' other languages it stays under
 * 0.11. */
static double function_share(const px_article *a, size_t *words,
                             size_t *read)
{
	const px_paragraph *pg = a->paras.a;
	const px_token *tk = a->toks.a;
	size_t i, t = 0, fw = 0, bytes = 0;

	*words = 0;
	for (i = 0; i < a->paras.n && bytes < SAMPLE_BYTES; i++) {
		if (pg[i].heading || pg[i].bullet)
			continue;
		while (t < a->toks.n && tk[t].start < pg[i].span.start)
			t++;
		for (; t < a->toks.n && tk[t].start < pg[i].span.end &&
		       bytes < SAMPLE_BYTES; t++) {
			if (tk[t].kind != PX_TOK_WORD ||
			    (tk[t].flags & PX_TF_RESIDUE))
				continue;
			bytes += tk[t].end - tk[t].start + 1;
			(*words)++;
			fw += PXI_LEX(function, a->norm.text + tk[t].start,
			              tk[t].end - tk[t].start);
		}
	}
	*read = bytes;
	return *words ? (double)fw / (double)*words : 0;
}

/* English by its function words: enough words read, and a share well
 * above any other language's. */
#define FUNCTION_WORDS_MIN 30
#define FUNCTION_SHARE_EN 0.22

px_status pxi_lang_find(px_article *a, const px_langid *li)
{
	char buf[SAMPLE_BYTES];
	size_t words, read, n;
	double share = function_share(a, &words, &read);
	px_status rc;

	/* Most news is English: its function words tell it for a fraction
	 * of the n-grams' cost, and only English matters to the stages. */
	if (words >= FUNCTION_WORDS_MIN && share >= FUNCTION_SHARE_EN) {
		memset(&a->lang, 0, sizeof(a->lang));
		a->lang.code = langs[0].tag;
		a->lang.name = langs[0].name;
		a->lang.firm = 1;
		a->lang.method = "function words";
		a->lang.function_share = share;
		a->lang.sample = read;
		return PX_OK;
	}
	n = sample(a, buf, sizeof(buf));

	/* A short or list-like article: sample every body paragraph. */
	if (n < MIN_SAMPLE * 4 && a->meta.body.end > a->meta.body.start) {
		size_t s = a->meta.body.start, e = a->meta.body.end;

		n = e - s < sizeof(buf) ? e - s : sizeof(buf);
		memcpy(buf, a->norm.text + s, n);
	}
	rc = px_langid_guess(li, buf, n, &a->lang);
	a->lang.method = "n-grams";
	a->lang.function_share = share;
	return rc;
}

const px_lang *px_article_lang(const px_article *a)
{
	return a && a->stages & PX_STAGE_LANG ? &a->lang : NULL;
}

unsigned px_article_stages(const px_article *a)
{
	return a ? a->stages : 0;
}

const char *px_stage_name(unsigned stage)
{
	switch (stage) {
	case PX_STAGE_TEXT:
		return "text";
	case PX_STAGE_RESIDUE:
		return "residue";
	case PX_STAGE_LANG:
		return "language";
	case PX_STAGE_ENTITIES:
		return "entities";
	case PX_STAGE_QUOTES:
		return "quotes";
	case PX_STAGE_AMOUNTS:
		return "amounts";
	case PX_STAGE_TONE:
		return "tone";
	case PX_STAGE_HIGHLIGHTS:
		return "highlights";
	default:
		return "unknown";
	}
}
