/*
 * ner-train.c - train the entity tagger and write its compiled-in model,
 * lib/entity/ner_model.c (the generator of that file).
 *
 * Build (from the repository root):
 *
 *   cc -std=c11 -O2 -Wall -Wextra -Werror -Iinclude -Ilib \
 *     -o build/ner-train tools/ner-train.c tools/ner-data.c \
 *     lib/entity/ner.c -ljansson -lutf8proc -lm
 *
 * Run:
 *
 *   build/ner-train [-e EPOCHS] [-b LOG2ROWS] [-c CLIP] [-p PRUNE]
 *     [-s SEED] [-o OUT.c] [-g ISO_CODES_JSON_DIR] CONLL_DIR
 *
 * reads CONLL_DIR/eng.train and CONLL_DIR/eng.testa (CoNLL-2003; only the
 * token and tag columns), trains a structured averaged perceptron (Viterbi
 * over BIO, features from lib/entity/ner.c hashed into 2^LOG2ROWS rows of
 * one weight per tag) for EPOCHS passes over the training sentences in a
 * shuffled order (xorshift from SEED: the same run gives the same model),
 * prints per epoch the token accuracy and entity F1 on eng.testa, then
 * quantizes the averaged weights to int8 codes of 127 magnitudes spaced
 * geometrically between the PRUNE and CLIP quantiles of the weights'
 * magnitudes (smaller weights are dropped), and writes OUT.c (default
 * lib/entity/ner_model.c). The gazetteer is ner-lists.h plus country,
 * subdivision and language names from Debian's iso-codes, read here
 * only; the model holds the hashes of its entries, never their text.
 */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entity/entity_int.h"
#include "ner-data.h"
#include "ner-lists.h"

#define NT PXI_NER_NTAGS
#define NTR ((NT + 1) * NT)

typedef struct opts {
	int epochs;
	unsigned log2rows;
	double clip;
	double prune;
	uint64_t seed;
	const char *out;
	const char *isodir;
	const char *dir;
} opts;

/* ---- Gazetteer ------------------------------------------------------- */

typedef struct gaz {
	uint32_t *key;
	uint16_t *cls;
	uint32_t mask;
	size_t n;
} gaz;

/* Slot of key in g (its own, or the empty one it would take). */
static uint32_t gaz_slot(const gaz *g, uint32_t key)
{
	uint32_t h = key ^ 0x5BD1E995u, i;

	h ^= h >> 16;
	h *= 0x85EBCA6Bu;
	h ^= h >> 13;
	h *= 0xC2B2AE35u;
	h ^= h >> 16;
	for (i = h & g->mask; g->key[i] && g->key[i] != key;
	     i = (i + 1) & g->mask)
		;
	return i;
}

/* Add phrase z (words split at spaces) with classes cls. Phrases of more
 * than PXI_NER_GAZ_MAXW words or with ',' '(' ';' are skipped. */
static void gaz_add(gaz *g, const char *z, uint16_t cls)
{
	uint32_t h[PXI_NER_GAZ_MAXW], key, i;
	size_t nw = 0;
	const char *p = z;

	if (strpbrk(z, ",(;[/"))
		return;
	while (*p) {
		size_t k;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		k = strcspn(p, " ");
		if (nw == PXI_NER_GAZ_MAXW)
			return;
		h[nw++] = pxi_ner_hash_word(p, k);
		p += k;
	}
	if (!nw || (g->n + 2) * 2 > (size_t)g->mask + 1)
		return;
	if (nw > 1) {
		key = h[0] ? h[0] : 1;
		i = gaz_slot(g, key);
		if (!g->key[i]) {
			g->key[i] = key;
			g->n++;
		}
		g->cls[i] |= PXI_NER_G_PREFIX;
	}
	key = pxi_ner_hash_phrase(h, nw);
	if (!key)
		key = 1;
	i = gaz_slot(g, key);
	if (!g->key[i]) {
		g->key[i] = key;
		g->n++;
	}
	g->cls[i] |= cls;
}

#define ADD_LIST(g, a, c)                                               \
	do {                                                            \
		size_t i_;                                              \
		for (i_ = 0; i_ < sizeof(a) / sizeof(a[0]); i_++)       \
			gaz_add(g, a[i_], c);                           \
	} while (0)

/* Add the string fields named f1, f2, f3 (NULL: none) of every record in
 * the array named list of the iso-codes file dir/file. Variants that
 * iso-codes writes "A; B" are added one by one. Returns entries seen. */
static size_t gaz_iso(gaz *g, const char *dir, const char *file,
                      const char *list, const char *const *fields,
                      uint16_t cls)
{
	char path[4096], one[512];
	json_error_t je;
	json_t *root, *arr, *rec;
	size_t i, seen = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	root = json_load_file(path, 0, &je);
	if (!root) {
		fprintf(stderr, "ner-train: cannot read %s: %s\n", path,
		        je.text);
		return 0;
	}
	arr = json_object_get(root, list);
	json_array_foreach(arr, i, rec) {
		const char *const *f;

		for (f = fields; *f; f++) {
			const char *z = json_string_value(json_object_get(rec,
			                                                  *f));

			while (z && *z) {
				size_t k = strcspn(z, ";");

				if (k < sizeof(one)) {
					memcpy(one, z, k);
					one[k] = '\0';
					gaz_add(g, one, cls);
					seen++;
				}
				z += k;
				while (*z == ';' || *z == ' ')
					z++;
			}
		}
	}
	json_decref(root);
	return seen;
}

/* Build the gazetteer: the project's lists and iso-codes from isodir. */
static int gaz_build(gaz *g, const char *isodir)
{
	static const char *const cty[] = {"name", "common_name",
	                                  "official_name", NULL};
	static const char *const nm[] = {"name", NULL};
	size_t seen;

	g->mask = (1u << 15) - 1;
	g->n = 0;
	g->key = calloc((size_t)g->mask + 1, sizeof(*g->key));
	g->cls = calloc((size_t)g->mask + 1, sizeof(*g->cls));
	if (!g->key || !g->cls)
		return -1;
	ADD_LIST(g, ner_titles, PXI_NER_G_TITLE);
	ADD_LIST(g, ner_org_words, PXI_NER_G_ORGSUF);
	ADD_LIST(g, ner_loc_words, PXI_NER_G_LOCWORD);
	ADD_LIST(g, ner_first, PXI_NER_G_FIRST);
	ADD_LIST(g, ner_time, PXI_NER_G_TIME);
	ADD_LIST(g, ner_func, PXI_NER_G_FUNC);
	ADD_LIST(g, ner_cities, PXI_NER_G_CITY);
	ADD_LIST(g, ner_orgs, PXI_NER_G_ORG);
	ADD_LIST(g, ner_misc, PXI_NER_G_MISC);
	ADD_LIST(g, ner_people, PXI_NER_G_PEOPLE);
	seen = gaz_iso(g, isodir, "iso_3166-1.json", "3166-1", cty,
	               PXI_NER_G_COUNTRY);
	seen += gaz_iso(g, isodir, "iso_3166-3.json", "3166-3", nm,
	                PXI_NER_G_COUNTRY);
	seen += gaz_iso(g, isodir, "iso_3166-2.json", "3166-2", nm,
	                PXI_NER_G_REGION);
	seen += gaz_iso(g, isodir, "iso_639-2.json", "639-2", nm,
	                PXI_NER_G_PEOPLE);
	if (!seen) {
		fprintf(stderr, "ner-train: no names from iso-codes in %s "
		        "(install Debian's iso-codes)\n", isodir);
		return -1;
	}
	fprintf(stderr, "gazetteer: %zu entries (%zu from iso-codes)\n",
	        g->n, seen);
	return 0;
}

/* ---- Features of a data set ------------------------------------------ */

typedef struct feats {
	uint32_t *row; /* feature rows of all tokens, in order */
	size_t *off;   /* token i's rows: row[off[i] .. off[i + 1]) */
} feats;

/* The feature rows (hash & mask) of every token of d. */
static int feats_build(const ner_data *d, const gaz *g, uint32_t mask,
                       feats *fs)
{
	pxi_ner_gaz gz = {g->key, g->cls, g->mask};
	static pxi_ner_work w;
	uint32_t f[PXI_NER_MAXFEAT];
	size_t cap = d->ntok * 48 + 1024, used = 0, s, i, j, k;

	fs->row = malloc(cap * sizeof(*fs->row));
	fs->off = malloc((d->ntok + 1) * sizeof(*fs->off));
	if (!fs->row || !fs->off)
		return -1;
	for (s = 0; s < d->nsent; s++) {
		const ner_sent *st = &d->sent[s];
		size_t at, len;

		for (at = 0; at < st->n; at += len) {
			len = st->n - at;
			if (len > PXI_NER_WINDOW)
				len = PXI_NER_WINDOW;
			pxi_ner_scan(&gz, d->tok + st->first + at, len, w.tok);
			for (i = 0; i < len; i++) {
				k = pxi_ner_features(w.tok, len, i, f);
				if (used + k > cap) {
					uint32_t *nr;

					cap *= 2;
					nr = realloc(fs->row, cap * sizeof(*nr));
					if (!nr)
						return -1;
					fs->row = nr;
				}
				fs->off[st->first + at + i] = used;
				for (j = 0; j < k; j++)
					fs->row[used++] = f[j] & mask;
			}
		}
	}
	fs->off[d->ntok] = used;
	return 0;
}

/* ---- Model and decoding ---------------------------------------------- */

typedef struct model {
	size_t nrow;
	int32_t *w;   /* current weights, nrow * NT */
	int64_t *u;   /* sum of c * update, for averaging */
	int32_t tw[NTR];
	int64_t tu[NTR];
	float *avg;   /* averaged weights */
	float tavg[NTR];
	int64_t c;    /* updates counter (sentences seen) */
} model;

/* Viterbi over emission scores em[n][NT] with transitions tr. */
static void viterbi(const float *em, size_t n, const float *tr,
                    uint8_t *back, uint8_t *out)
{
	float prev[NT], cur[NT];
	size_t i;
	int t, p, best = 0;

	for (t = 0; t < NT; t++)
		prev[t] = pxi_ner_allowed(-1, t) ? em[t] + tr[t] : -INFINITY;
	for (i = 1; i < n; i++) {
		for (t = 0; t < NT; t++) {
			float bs = -INFINITY;
			int bp = 0;

			for (p = 0; p < NT; p++) {
				float v;

				if (!pxi_ner_allowed(p, t))
					continue;
				v = prev[p] + tr[(p + 1) * NT + t];
				if (v > bs) {
					bs = v;
					bp = p;
				}
			}
			cur[t] = bs + em[i * NT + t];
			back[i * NT + t] = (uint8_t)bp;
		}
		memcpy(prev, cur, sizeof(prev));
	}
	for (t = 1; t < NT; t++)
		if (prev[t] > prev[best])
			best = t;
	for (i = n; i-- > 0;) {
		out[i] = (uint8_t)best;
		if (i)
			best = back[i * NT + best];
	}
}

/* Emission scores of tokens [first, first + n) from weights w. */
static void emissions_i(const feats *fs, size_t first, size_t n,
                        const int32_t *w, float *em)
{
	size_t i, j;
	int t;

	for (i = 0; i < n; i++) {
		int32_t s[NT] = {0};

		for (j = fs->off[first + i]; j < fs->off[first + i + 1]; j++) {
			const int32_t *r = w + (size_t)fs->row[j] * NT;

			for (t = 0; t < NT; t++)
				s[t] += r[t];
		}
		for (t = 0; t < NT; t++)
			em[i * NT + t] = (float)s[t];
	}
}

/* Same, from float weights. */
static void emissions_f(const feats *fs, size_t first, size_t n,
                        const float *w, float *em)
{
	size_t i, j;
	int t;

	for (i = 0; i < n; i++) {
		float s[NT] = {0};

		for (j = fs->off[first + i]; j < fs->off[first + i + 1]; j++) {
			const float *r = w + (size_t)fs->row[j] * NT;

			for (t = 0; t < NT; t++)
				s[t] += r[t];
		}
		memcpy(em + i * NT, s, sizeof(s));
	}
}

/* Add delta to weight index k of m (weights or, if tr, transitions). */
static void bump(model *m, int tr, size_t k, int delta)
{
	if (tr) {
		m->tw[k] += delta;
		m->tu[k] += m->c * delta;
	} else {
		m->w[k] += delta;
		m->u[k] += m->c * delta;
	}
}

/* One perceptron step on sentence s: decode, update where wrong. */
static void learn(model *m, const ner_data *d, const feats *fs,
                  const ner_sent *s, float *em, uint8_t *back,
                  uint8_t *pred)
{
	const uint8_t *gold = d->gold + s->first;
	float tr[NTR];
	size_t i, j;
	int t;

	for (t = 0; t < NTR; t++)
		tr[t] = (float)m->tw[t];
	emissions_i(fs, s->first, s->n, m->w, em);
	viterbi(em, s->n, tr, back, pred);
	m->c++;
	for (i = 0; i < s->n; i++) {
		int gp = i ? gold[i - 1] : -1, pp = i ? pred[i - 1] : -1;

		if (gold[i] != pred[i]) {
			for (j = fs->off[s->first + i];
			     j < fs->off[s->first + i + 1]; j++) {
				size_t r = (size_t)fs->row[j] * NT;

				bump(m, 0, r + gold[i], 1);
				bump(m, 0, r + pred[i], -1);
			}
		}
		if (gold[i] != pred[i] || gp != pp) {
			bump(m, 1, (size_t)(gp + 1) * NT + gold[i], 1);
			bump(m, 1, (size_t)(pp + 1) * NT + pred[i], -1);
		}
	}
}

/* The averaged weights into m->avg and m->tavg. */
static void average(model *m)
{
	size_t k;
	double c = (double)(m->c ? m->c : 1);

	for (k = 0; k < m->nrow * NT; k++)
		m->avg[k] = (float)(m->w[k] - (double)m->u[k] / c);
	for (k = 0; k < NTR; k++)
		m->tavg[k] = (float)(m->tw[k] - (double)m->tu[k] / c);
}

/* Decode every sentence of d with the float weights w, tr; score it. */
static double evaluate(const ner_data *d, const feats *fs, const float *w,
                       const float *tr, ner_score *sc, float *em,
                       uint8_t *back, uint8_t *pred)
{
	size_t s, i, right = 0;

	memset(sc, 0, sizeof(*sc));
	for (s = 0; s < d->nsent; s++) {
		const ner_sent *st = &d->sent[s];

		emissions_f(fs, st->first, st->n, w, em);
		viterbi(em, st->n, tr, back, pred);
		for (i = 0; i < st->n; i++)
			right += pred[i] == d->gold[st->first + i];
		ner_score_add(sc, d->gold + st->first, pred, st->n);
	}
	return d->ntok ? (double)right / (double)d->ntok : 0;
}

/* ---- Quantization and output ------------------------------------------ */

static int cmp_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;

	return (x > y) - (x < y);
}

/* The q-quantile of |a[k]| over the nonzero weights. */
static float quantile_abs(const float *a, size_t n, double q)
{
	size_t k, m = 0;
	float *v = malloc(n * sizeof(*v)), r;

	if (!v)
		return 1;
	for (k = 0; k < n; k++)
		if (a[k] != 0)
			v[m++] = fabsf(a[k]);
	if (!m) {
		free(v);
		return 1;
	}
	qsort(v, m, sizeof(*v), cmp_float);
	k = (size_t)(q * (double)(m - 1));
	r = v[k];
	free(v);
	return r > 0 ? r : 1;
}

/*
 * Codes for the averaged weights of m: 1..127 (and negated) index
 * magnitudes spaced geometrically from vmin, the PRUNE quantile of the
 * nonzero magnitudes, to vmax, the CLIP quantile; smaller weights get 0.
 * OUT: lut[code & 0xFF] = the value in integer units (transitions and
 * weights share them), qw the codes, qt the transitions, *nonzero.
 */
static void make_levels(const model *m, const opts *o, int16_t *lut,
                        size_t *nonzero, int8_t *qw, int16_t *qt)
{
	size_t nw = m->nrow * NT, k;
	double vmax = quantile_abs(m->avg, nw, o->clip);
	double vmin = quantile_abs(m->avg, nw, o->prune);
	double tmax = 0, unit, step;

	for (k = 0; k < NTR; k++)
		if (fabs(m->tavg[k]) > tmax)
			tmax = fabs(m->tavg[k]);
	if (!(vmin < vmax))
		vmin = vmax / 2;
	unit = (vmax > tmax ? vmax : tmax) / 32000.0;
	step = log(vmax / vmin) / 126.0;
	memset(lut, 0, 256 * sizeof(*lut));
	for (k = 1; k < 128; k++) {
		double v = vmin * exp((double)(k - 1) * step) / unit;

		lut[k] = (int16_t)lround(v);
		lut[256 - k] = (int16_t)-lut[k];
	}
	*nonzero = 0;
	for (k = 0; k < nw; k++) {
		double a = fabs((double)m->avg[k]);
		long c;

		if (a < vmin / 2) {
			qw[k] = 0;
			continue;
		}
		c = 1 + lround(log(a / vmin) / step);
		if (c < 1)
			c = 1;
		if (c > 127)
			c = 127;
		qw[k] = (int8_t)(m->avg[k] < 0 ? -c : c);
		(*nonzero)++;
	}
	for (k = 0; k < NTR; k++)
		qt[k] = (int16_t)lround(m->tavg[k] / unit);
}

/* Writes a C array body of n numbers from get(i), lines under 80. */
static void put_numbers(FILE *f, size_t n, long (*get)(const void *, size_t),
                        const void *ctx)
{
	char num[32];
	size_t i, col = 0;

	for (i = 0; i < n; i++) {
		int k = snprintf(num, sizeof(num), "%ld,", get(ctx, i));

		if (col + (size_t)k > 72) {
			fputc('\n', f);
			col = 0;
		}
		if (!col) {
			fputc('\t', f);
			col = 8;
		}
		fputs(num, f);
		col += (size_t)k;
	}
	fputc('\n', f);
}

static long get_i8(const void *c, size_t i)
{
	return ((const int8_t *)c)[i];
}

static long get_i16(const void *c, size_t i)
{
	return ((const int16_t *)c)[i];
}

static long get_u32(const void *c, size_t i)
{
	return (long)((const uint32_t *)c)[i];
}

static long get_u16(const void *c, size_t i)
{
	return ((const uint16_t *)c)[i];
}

/* Write the model source to o->out. Returns 0 or -1. */
static int write_model(const opts *o, const int8_t *qw, size_t nw,
                       const int16_t *lut, const int16_t *qt, const gaz *g,
                       double f1, size_t nonzero)
{
	char tmp[4096];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", o->out);
	f = fopen(tmp, "w");
	if (!f) {
		fprintf(stderr, "ner-train: cannot write %s: %s\n", tmp,
		        strerror(errno));
		return -1;
	}
	fprintf(f,
	        "/*\n"
	        " * ner_model.c - the entity tagger's compiled-in model.\n"
	        " * GENERATED by tools/ner-train.c; do not edit. Rebuild: "
	        "see\n"
	        " * docs/internals/ENTITY.md.\n"
	        " *\n"
	        " * Structured averaged perceptron, %d epochs, seed %llu, "
	        "on CoNLL-2003\n"
	        " * eng.train; 2^%u rows x %d tags of int8 codes (%zu "
	        "nonzero),\n"
	        " * codes to values through levels[] (geometric, quantiles "
	        "%g..%g);\n"
	        " * PER/ORG/LOC F1 %.4f on eng.testa with these weights. "
	        "Holds\n"
	        " * hashes only: no text of the corpus nor of the gazetteer "
	        "lists.\n"
	        " */\n"
	        "#include \"entity_int.h\"\n\n",
	        o->epochs, (unsigned long long)o->seed, o->log2rows, NT,
	        nonzero, o->prune, o->clip, f1);
	fprintf(f, "static const int8_t weights[%zu] = {\n", nw);
	put_numbers(f, nw, get_i8, qw);
	fprintf(f, "};\n\n");
	fprintf(f, "static const int16_t levels[256] = {\n");
	put_numbers(f, 256, get_i16, lut);
	fprintf(f, "};\n\n");
	fprintf(f, "static const int16_t trans[%d] = {\n", NTR);
	put_numbers(f, NTR, get_i16, qt);
	fprintf(f, "};\n\n");
	fprintf(f, "static const uint32_t gaz_key[%lu] = {\n",
	        (unsigned long)g->mask + 1);
	put_numbers(f, (size_t)g->mask + 1, get_u32, g->key);
	fprintf(f, "};\n\n");
	fprintf(f, "static const uint16_t gaz_cls[%lu] = {\n",
	        (unsigned long)g->mask + 1);
	put_numbers(f, (size_t)g->mask + 1, get_u16, g->cls);
	fprintf(f, "};\n\n");
	fprintf(f, "static int16_t wide_rows[%zu];\n"
	        "static pxi_ner_wide wide = {PTHREAD_MUTEX_INITIALIZER, 0, "
	        "wide_rows};\n\n", nw);
	fprintf(f, "const pxi_ner_model pxi_ner_builtin = {\n"
	        "\t%u, weights, levels, trans, {gaz_key, gaz_cls, %lu}, "
	        "&wide\n};\n",
	        o->log2rows, (unsigned long)g->mask);
	if (fclose(f) != 0 || rename(tmp, o->out) != 0) {
		fprintf(stderr, "ner-train: cannot write %s\n", o->out);
		return -1;
	}
	return 0;
}

/* ---- Main ------------------------------------------------------------ */

/* Next number of the xorshift64* generator in *s. */
static uint64_t rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

/* Parse the command line into o. Returns 0, or -1 after a message. */
static int parse_args(int argc, char **argv, opts *o)
{
	int i;

	o->epochs = 10;
	o->log2rows = 16;
	o->clip = 1.0;
	o->prune = 0.3;
	o->seed = 20240601;
	o->out = "lib/entity/ner_model.c";
	o->isodir = "/usr/share/iso-codes/json";
	o->dir = NULL;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		char *end = NULL;

		if (a[0] != '-' || !a[1]) {
			o->dir = a;
			continue;
		}
		if (i + 1 >= argc)
			goto usage;
		errno = 0;
		if (!strcmp(a, "-e"))
			o->epochs = (int)strtol(argv[++i], &end, 10);
		else if (!strcmp(a, "-b"))
			o->log2rows = (unsigned)strtoul(argv[++i], &end, 10);
		else if (!strcmp(a, "-c"))
			o->clip = strtod(argv[++i], &end);
		else if (!strcmp(a, "-p"))
			o->prune = strtod(argv[++i], &end);
		else if (!strcmp(a, "-s"))
			o->seed = strtoull(argv[++i], &end, 10);
		else if (!strcmp(a, "-o"))
			o->out = argv[++i];
		else if (!strcmp(a, "-g"))
			o->isodir = argv[++i];
		else
			goto usage;
		if (end && (*end || errno))
			goto usage;
	}
	if (!o->dir || o->epochs < 1 || o->log2rows < 8 ||
	    o->log2rows > 24 || o->clip <= 0 || o->clip > 1 ||
	    o->prune < 0 || o->prune >= o->clip || !o->seed)
		goto usage;
	return 0;
usage:
	fprintf(stderr, "usage: ner-train [-e EPOCHS] [-b LOG2ROWS] "
	        "[-c CLIP] [-p PRUNE] [-s SEED] [-o OUT.c] [-g ISODIR] "
	        "CONLL_DIR\n");
	return -1;
}

int main(int argc, char **argv)
{
	opts o;
	ner_data train, dev;
	feats ftrain, fdev;
	gaz g;
	model m;
	ner_score sc;
	char path[4096];
	size_t *order = NULL, k, nw, nonzero = 0, maxn = 0;
	float *em;
	uint8_t *back, *pred;
	int8_t *qw;
	int16_t qt[NTR], lut[256];
	double p, r, f1;
	uint64_t seed;
	int ep, rc = 1;

	if (parse_args(argc, argv, &o))
		return 2;
	snprintf(path, sizeof(path), "%s/eng.train", o.dir);
	if (ner_read(path, &train))
		return 1;
	snprintf(path, sizeof(path), "%s/eng.testa", o.dir);
	if (ner_read(path, &dev))
		return 1;
	if (gaz_build(&g, o.isodir))
		return 1;
	memset(&m, 0, sizeof(m));
	m.nrow = (size_t)1 << o.log2rows;
	nw = m.nrow * NT;
	if (feats_build(&train, &g, (uint32_t)(m.nrow - 1), &ftrain) ||
	    feats_build(&dev, &g, (uint32_t)(m.nrow - 1), &fdev))
		goto oom;
	for (k = 0; k < train.nsent; k++)
		if (train.sent[k].n > maxn)
			maxn = train.sent[k].n;
	for (k = 0; k < dev.nsent; k++)
		if (dev.sent[k].n > maxn)
			maxn = dev.sent[k].n;
	m.w = calloc(nw, sizeof(*m.w));
	m.u = calloc(nw, sizeof(*m.u));
	m.avg = calloc(nw, sizeof(*m.avg));
	order = malloc(train.nsent * sizeof(*order));
	em = malloc(maxn * NT * sizeof(*em));
	back = malloc(maxn * NT);
	pred = malloc(maxn);
	qw = malloc(nw);
	if (!m.w || !m.u || !m.avg || !order || !em || !back || !pred || !qw)
		goto oom;
	fprintf(stderr, "train: %zu sentences, %zu tokens; dev: %zu "
	        "sentences, %zu tokens; %zu rows\n", train.nsent, train.ntok,
	        dev.nsent, dev.ntok, m.nrow);
	for (k = 0; k < train.nsent; k++)
		order[k] = k;
	seed = o.seed;
	for (ep = 1; ep <= o.epochs; ep++) {
		double acc;

		for (k = train.nsent; k > 1; k--) {
			size_t j = (size_t)(rnd(&seed) % k), t = order[k - 1];

			order[k - 1] = order[j];
			order[j] = t;
		}
		for (k = 0; k < train.nsent; k++)
			learn(&m, &train, &ftrain, &train.sent[order[k]], em,
			      back, pred);
		average(&m);
		acc = evaluate(&dev, &fdev, m.avg, m.tavg, &sc, em, back,
		               pred);
		ner_prf(&sc, NER_POL, &p, &r, &f1);
		printf("epoch %2d  dev token accuracy %.4f  PER/ORG/LOC F1 "
		       "%.4f", ep, acc, f1);
		ner_prf(&sc, NER_ALL, &p, &r, &f1);
		printf("  all F1 %.4f\n", f1);
		fflush(stdout);
	}
	/* Quantize: an int8 code per weight, codes to values by a table. */
	make_levels(&m, &o, lut, &nonzero, qw, qt);
	{
		pxi_ner_wide qwide = {PTHREAD_MUTEX_INITIALIZER, 0, NULL};
		pxi_ner_model qm = {o.log2rows, qw, lut, qt,
		                    {g.key, g.cls, g.mask}, &qwide};
		static pxi_ner_work w;

		qwide.rows = malloc(nw * sizeof(*qwide.rows));
		if (!qwide.rows)
			goto oom;

		memset(&sc, 0, sizeof(sc));
		for (k = 0; k < dev.nsent; k++) {
			const ner_sent *st = &dev.sent[k];

			pxi_ner_tag_model(&qm, &w, dev.tok + st->first, st->n,
			                  pred);
			ner_score_add(&sc, dev.gold + st->first, pred, st->n);
		}
		free(qwide.rows);
	}
	printf("quantized (int8, %zu of %zu weights nonzero), on "
	       "eng.testa:\n", nonzero, nw);
	ner_score_print(stdout, &sc);
	ner_prf(&sc, NER_POL, &p, &r, &f1);
	if (write_model(&o, qw, nw, lut, qt, &g, f1, nonzero) == 0) {
		printf("wrote %s\n", o.out);
		rc = 0;
	}
	goto out;
oom:
	fprintf(stderr, "ner-train: out of memory\n");
out:
	return rc;
}
