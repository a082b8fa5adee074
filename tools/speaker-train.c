/*
 * speaker-train.c - train the speaker ranker of direct quotes and write
 * its compiled-in model, lib/quote/speaker_model.c (the generator of
 * that file).
 *
 * Built by `make speaker-train`, with lib/quote/quote.c compiled again
 * under -DPXI_SPK_TRAIN so that it hands every direct quote and its
 * candidates (quote_int.h) to pxi_spk_train_quote() below and ranks with
 * pxi_spk_train_model() instead of the shipped model; the rest of the
 * pipeline is libparallax.a. Run:
 *
 *   build/speaker-train [-e EPOCHS] [-k FOLDS] [-m MARGIN] [-n]
 *     [-o OUT.c] DIR
 *
 * DIR is PolNeAR's train split (text/ and attributions/, the first
 * annotator's file of each text). A candidate is right as eval-who
 * scores a speaker: its span overlaps the gold Source, or one mention of
 * its entity does (Source and Cue swapped, a relative pronoun as Source:
 * the same two gold slips). Each quote with a gold Source whose content
 * our quote matches, and with some right candidate, is one ranking
 * example (-n: also those with none, trained toward "no speaker"): an
 * averaged perceptron moves toward the best-scoring right candidate and
 * away from the best-scoring wrong one when that one is not MARGIN below
 * (default 0: the plain perceptron), EPOCHS passes (default 10) in a
 * shuffled order (xorshift, fixed seed: the same run gives the same
 * model).
 *
 * Two rounds, so that the previous quote's speaker, a feature, is the
 * model's as at analysis time: round 1 runs the pipeline with the rules
 * alone, round 2 with round 1's model. In each, FOLDS-fold
 * cross-validation over articles (default 5) prints the held-out
 * accuracy by the margin the best candidate must have over the rules'
 * pick, and the best margin is kept; then the model is trained on all of
 * DIR. Round 2's is written. Nothing from dev is read; only feature
 * hashes and weights are written, no training text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parallax/parallax.h>

#include "article/article.h"
#include "quote/quote_int.h"
#include "polnear.h"

/* ---- What the pipeline hands over ------------------------------------ */

typedef struct cand {
	px_span span;
	size_t entity;
	int kind, rule, label;
	size_t nf;
	uint32_t f[PXI_SPK_MAXF];
} cand;

typedef struct example {
	size_t art;       /* article number, for the folds */
	px_span quote;
	size_t first, n;  /* candidates in the pool */
	int scored;       /* matched a gold quote with a source */
	int any;          /* some candidate is right */
	size_t rule_at;
} example;

static cand *pool;
static size_t npool, cappool;
static example *exs;
static size_t nex, capex;
static size_t cur_art;
static pxi_spk_model cur_model; /* the pipeline's, this round */

const pxi_spk_model *pxi_spk_train_model(void)
{
	return &cur_model;
}

void pxi_spk_train_quote(const px_article *a, px_span quote,
                         const pxi_spk_cand *c, size_t n)
{
	example *e;
	size_t i;

	(void)a;
	if (nex == capex) {
		capex = capex ? capex * 2 : 1024;
		exs = realloc(exs, capex * sizeof(*exs));
	}
	while (npool + n > cappool) {
		cappool = cappool ? cappool * 2 : 8192;
		pool = realloc(pool, cappool * sizeof(*pool));
	}
	if (!exs || !pool) {
		fprintf(stderr, "speaker-train: out of memory\n");
		exit(1);
	}
	e = &exs[nex++];
	memset(e, 0, sizeof(*e));
	e->art = cur_art;
	e->quote = quote;
	e->first = npool;
	e->n = n;
	for (i = 0; i < n; i++) {
		cand *d = &pool[npool++];

		d->span = c[i].span;
		d->entity = c[i].entity;
		d->kind = c[i].kind;
		d->rule = c[i].rule;
		d->label = 0;
		d->nf = c[i].nf;
		memcpy(d->f, c[i].f, c[i].nf * sizeof(uint32_t));
		if (c[i].rule)
			e->rule_at = i;
	}
}

/* ---- PolNeAR (tools/polnear.c, shared with eval-who) ---------------- */











/* Is candidate d right for the gold source src, as eval-who scores? */
static int right(const char *text, const cand *d, const tspan *src,
                 const px_mention *ms, size_t nm)
{
	span sp = {d->span.start, d->span.end};
	size_t i;

	if (d->kind == PXI_SPK_NONE)
		return 0;
	if (overlap_t(sp, src) > 0)
		return 1;
	if (src->nf == 1 && sp.e <= src->f[0].s && src->f[0].s - sp.e <= 2 &&
	    sp.e > sp.s && rel_pronoun(text + src->f[0].s,
	                               src->f[0].e - src->f[0].s))
		return 1;
	for (i = 0; d->entity != SIZE_MAX && i < nm; i++)
		if (ms[i].entity == d->entity &&
		    overlap_t((span){ms[i].span.start, ms[i].span.end}, src))
			return 1;
	return 0;
}

/* Read one article: run the pipeline (filling exs), then label. */
static void read_article(const char *dir, const char *base, const char *ann_name)
{
	char *text;
	size_t tlen, ng, nt, i, k, nm, e0 = nex;
	tspan *ts;
	gattr *ga;
	px_article *a = NULL;
	px_error err;
	const px_mention *ms;

	if (read_doc(dir, base, ann_name, &text, &tlen, &ts, &nt, &ga, &ng))
		return;
	if (px_article_from_text(text, tlen, base, NULL, &a, &err)) {
		nex = e0;
		free(text);
		free(ts);
		free(ga);
		return;
	}
	ms = px_article_mentions(a, &nm);
	for (k = e0; k < nex; k++) {
		example *e = &exs[k];
		span ps;
		size_t best = SIZE_MAX, bo = 0;

		e->quote.start = pxi_norm_to_orig(&a->norm, e->quote.start, 0);
		e->quote.end = pxi_norm_to_orig(&a->norm, e->quote.end, 1);
		ps.s = e->quote.start;
		ps.e = e->quote.end;
		for (i = e->first; i < e->first + e->n; i++) {
			pool[i].span.start = pxi_norm_to_orig(&a->norm,
			                                      pool[i].span.start, 0);
			pool[i].span.end = pxi_norm_to_orig(&a->norm,
			                                    pool[i].span.end, 1);
		}
		for (i = 0; i < ng; i++) {
			size_t o = overlap_t(ps, &ts[ga[i].c]);

			if (o > bo) {
				bo = o;
				best = i;
			}
		}
		if (best == SIZE_MAX || 2 * bo < ps.e - ps.s || !ga[best].s)
			continue;
		{
			const tspan *src = &ts[ga[best].s];

			if (swapped(text, src, ga[best].cue ? &ts[ga[best].cue]
			                                    : NULL))
				src = &ts[ga[best].cue];
			e->scored = 1;
			for (i = e->first; i < e->first + e->n; i++) {
				pool[i].label = right(text, &pool[i], src, ms, nm);
				e->any |= pool[i].label;
			}
		}
	}
	px_article_free(a);
	free(text);
	free(ts);
	free(ga);
}

/* ---- The averaged perceptron ----------------------------------------- */

#define LOG2SLOTS 20
#define NSLOTS (1u << LOG2SLOTS)

typedef struct model {
	uint32_t *key;
	unsigned char *used;
	double *w, *u; /* weights, and sums of c * update for the average */
	double c;
} model;

static size_t slot(model *m, uint32_t h, int add)
{
	size_t i = (h * 2654435761u) & (NSLOTS - 1);

	while (m->used[i] && m->key[i] != h)
		i = (i + 1) & (NSLOTS - 1);
	if (!m->used[i]) {
		if (!add)
			return SIZE_MAX;
		m->used[i] = 1;
		m->key[i] = h;
	}
	return i;
}

static double score(model *m, const cand *d, int avg)
{
	double s = 0;
	size_t i;

	for (i = 0; i < d->nf; i++) {
		size_t k = slot(m, d->f[i], 0);

		if (k != SIZE_MAX)
			s += avg ? m->w[k] - m->u[k] / m->c : m->w[k];
	}
	return s;
}

static void update(model *m, const cand *d, double by)
{
	size_t i;

	for (i = 0; i < d->nf; i++) {
		size_t k = slot(m, d->f[i], 1);

		m->w[k] += by;
		m->u[k] += m->c * by;
	}
}

static void model_init(model *m)
{
	m->key = calloc(NSLOTS, sizeof(*m->key));
	m->used = calloc(NSLOTS, 1);
	m->w = calloc(NSLOTS, sizeof(*m->w));
	m->u = calloc(NSLOTS, sizeof(*m->u));
	m->c = 1;
	if (!m->key || !m->used || !m->w || !m->u) {
		fprintf(stderr, "speaker-train: out of memory\n");
		exit(1);
	}
}

static void model_free(model *m)
{
	free(m->key);
	free(m->used);
	free(m->w);
	free(m->u);
}

/* Updates also when a wrong candidate scores within this of the right
 * one (-m; 0: the plain perceptron). */
static double train_margin = 0;

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint64_t xorshift(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* Train on the examples whose article is not in fold (fold < 0: all). */
static void train(model *m, int epochs, int folds, int fold, int to_none)
{
	size_t *ord = malloc(nex * sizeof(*ord)), n = 0, i, j;
	int ep;

	for (i = 0; i < nex; i++)
		if (exs[i].scored && (exs[i].any || to_none) &&
		    (fold < 0 || (int)(exs[i].art % (size_t)folds) != fold))
			ord[n++] = i;
	for (ep = 0; ep < epochs; ep++) {
		for (i = n; i > 1; i--) {
			size_t r = (size_t)(xorshift() % i), t = ord[i - 1];

			ord[i - 1] = ord[r];
			ord[r] = t;
		}
		for (i = 0; i < n; i++) {
			const example *e = &exs[ord[i]];
			size_t pred = SIZE_MAX, gold = SIZE_MAX;
			double ps = -1e300, gs = -1e300;

			for (j = 0; j < e->n; j++) {
				const cand *d = &pool[e->first + j];
				double s = score(m, d, 0);
				int ok = e->any ? d->label
				                : d->kind == PXI_SPK_NONE;

				if (ok && s > gs) {
					gs = s;
					gold = j;
				}
				if (!ok && s > ps) {
					ps = s;
					pred = j;
				}
			}
			/* a wrong candidate within the margin of the best
			 * right one: move toward the right one */
			if (gold != SIZE_MAX && pred != SIZE_MAX &&
			    ps + train_margin >= gs) {
				update(m, &pool[e->first + gold], 1);
				update(m, &pool[e->first + pred], -1);
			}
			m->c++;
		}
	}
	free(ord);
}

/* Held-out scores: for each scored example, the rules' pick's score and
 * the best candidate's score and label. */
typedef struct held {
	double rule_s, best_s;
	int rule_ok, best_ok, any;
} held;

static void predict(model *m, const example *e, held *h)
{
	size_t j;

	h->best_s = -1e300;
	h->any = e->any;
	for (j = 0; j < e->n; j++) {
		const cand *d = &pool[e->first + j];
		double s = score(m, d, 1);

		if (j == e->rule_at) {
			h->rule_s = s;
			h->rule_ok = d->label;
		}
		if (s > h->best_s) {
			h->best_s = s;
			h->best_ok = d->label;
		}
	}
}

static size_t accuracy(const held *h, size_t n, double margin)
{
	size_t ok = 0, i;

	for (i = 0; i < n; i++)
		ok += h[i].best_s - h[i].rule_s > margin ? h[i].best_ok
		                                          : h[i].rule_ok;
	return ok;
}

/* The averaged weights as the library reads them: keys sorted, and
 * their weights (small ones dropped). Returns their number. */
static size_t extract(model *m, uint32_t **keysp, float **wsp)
{
	size_t i, n = 0, k;
	uint32_t *keys = malloc(NSLOTS * sizeof(*keys));
	float *ws = malloc(NSLOTS * sizeof(*ws));

	if (!keys || !ws) {
		fprintf(stderr, "speaker-train: out of memory\n");
		exit(1);
	}
	for (i = 0; i < NSLOTS; i++) {
		double w;

		if (!m->used[i])
			continue;
		w = m->w[i] - m->u[i] / m->c;
		if (w > -1e-4 && w < 1e-4)
			continue;
		keys[n] = m->key[i];
		ws[n] = (float)w;
		n++;
	}
	for (i = 1; i < n; i++) {
		uint32_t kk = keys[i];
		float ww = ws[i];

		for (k = i; k > 0 && keys[k - 1] > kk; k--) {
			keys[k] = keys[k - 1];
			ws[k] = ws[k - 1];
		}
		keys[k] = kk;
		ws[k] = ww;
	}
	*keysp = keys;
	*wsp = ws;
	return n;
}

static void write_model(model *m, const char *out, double margin,
                        int epochs, size_t nq)
{
	FILE *f = fopen(out, "w");
	size_t i, n;
	unsigned b;
	uint32_t *keys;
	float *ws;

	if (!f) {
		fprintf(stderr, "speaker-train: cannot write %s\n", out);
		exit(1);
	}
	n = extract(m, &keys, &ws);
	if (n > 65535) {
		fprintf(stderr, "speaker-train: %zu features: more than the "
		        "bucket index's 16 bits hold\n", n);
		exit(1);
	}
	fprintf(f, "/*\n * speaker_model.c - the speaker ranker's weights "
	           "(quote_int.h), written by\n * tools/speaker-train.c "
	           "(make speaker-train); do not edit. Averaged\n"
	           " * perceptron, %d epochs over %zu quotes of PolNeAR "
	           "train (second round),\n * %zu features.\n */\n"
	           "#include \"quote_int.h\"\n\n", epochs, nq, n);
	fprintf(f, "static const uint32_t keys[%zu] = {\n", n ? n : 1);
	for (i = 0; i < n; i++)
		fprintf(f, "%s0x%08xu,%s", i % 6 ? " " : "\t", (unsigned)keys[i],
		        i % 6 == 5 || i + 1 == n ? "\n" : "");
	if (!n)
		fprintf(f, "\t0\n");
	fprintf(f, "};\n\nstatic const float weights[%zu] = {\n", n ? n : 1);
	for (i = 0; i < n; i++)
		fprintf(f, "%s%.7ef,%s", i % 6 ? " " : "\t", ws[i],
		        i % 6 == 5 || i + 1 == n ? "\n" : "");
	if (!n)
		fprintf(f, "\t0\n");
	/* the bucket index: where each value of the hashes' top bits
	 * starts among the sorted keys */
	fprintf(f, "};\n\nstatic const uint16_t first[%d] = {\n",
	        (1 << PXI_SPK_BUCKET_BITS) + 1);
	for (b = 0, i = 0; b <= (1u << PXI_SPK_BUCKET_BITS); b++) {
		while (i < n && (keys[i] >> (32 - PXI_SPK_BUCKET_BITS)) < b)
			i++;
		fprintf(f, "%s%zu,%s", b % 12 ? " " : "\t", i,
		        b % 12 == 11 || b == (1u << PXI_SPK_BUCKET_BITS)
		        ? "\n" : "");
	}
	fprintf(f, "};\n\nconst pxi_spk_model pxi_spk_builtin = {%zu, keys, "
	           "weights, %.7ef, first};\n", n, margin);
	fclose(f);
	free(keys);
	free(ws);
	printf("wrote %s: %zu features, margin %g\n", out, n, margin);
}

/* Run the pipeline over every article of dir (the first annotator's
 * file of each text), collecting the labelled examples afresh. */
static void read_all(const char *dir, char **files, size_t nf)
{
	char last[1024] = "";
	size_t fi;

	nex = npool = cur_art = 0;
	for (fi = 0; fi < nf; fi++) {
		char base[1024];

		snprintf(base, sizeof(base), "%s", files[fi]);
		if (strrchr(base, '_'))
			*strrchr(base, '_') = '\0';
		if (!strcmp(base, last))
			continue;
		snprintf(last, sizeof(last), "%s", base);
		read_article(dir, base, files[fi]);
		cur_art++;
	}
}

/* One round: cross-validated accuracy by margin (the best margin is
 * returned), then a model trained on all the examples into *m. */
static double round_of(model *m, int epochs, int folds, int to_none,
                       size_t *nq)
{
	static const double margins[] = {0, 0.25, 0.5, 1, 1.5, 2, 3, 4, 6,
	                                 8, 1e30};
	size_t nscored = 0, rule_ok = 0, any = 0, k, best_ok = 0;
	double best_m = 0;
	held *hs;
	int fd;

	for (k = 0; k < nex; k++)
		if (exs[k].scored) {
			nscored++;
			rule_ok += pool[exs[k].first + exs[k].rule_at].label;
			any += exs[k].any;
		}
	printf("%zu articles, %zu quotes, %zu scored; rules right %zu "
	       "(%.4f), some candidate right %zu (%.4f)\n", cur_art, nex,
	       nscored, rule_ok, nscored ? (double)rule_ok / nscored : 0, any,
	       nscored ? (double)any / nscored : 0);
	hs = calloc(nscored + 1, sizeof(*hs));
	for (fd = 0; fd < folds; fd++) {
		model f;
		size_t j = 0;

		model_init(&f);
		train(&f, epochs, folds, fd, to_none);
		for (k = 0; k < nex; k++) {
			if (!exs[k].scored)
				continue;
			if ((int)(exs[k].art % (size_t)folds) == fd)
				predict(&f, &exs[k], &hs[j]);
			j++;
		}
		model_free(&f);
	}
	for (k = 0; k < sizeof(margins) / sizeof(margins[0]); k++) {
		size_t ok = accuracy(hs, nscored, margins[k]);

		printf("  held out (%d folds), margin %-6g: %zu of %zu (%.4f)\n",
		       folds, margins[k], ok, nscored, (double)ok / nscored);
		if (ok > best_ok) {
			best_ok = ok;
			best_m = margins[k];
		}
	}
	free(hs);
	model_init(m);
	train(m, epochs, folds, -1, to_none);
	*nq = nscored;
	return best_m;
}

int main(int argc, char **argv)
{
	const char *out = "lib/quote/speaker_model.c", *dir = NULL;
	int epochs = 10, folds = 5, to_none = 0, i;
	char **files = NULL;
	size_t nf = 0, fi, nq;
	double margin;
	model m;
	uint32_t *keys;
	float *ws;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-e") && i + 1 < argc)
			epochs = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-k") && i + 1 < argc)
			folds = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(argv[i], "-m") && i + 1 < argc)
			train_margin = atof(argv[++i]);
		else if (!strcmp(argv[i], "-n"))
			to_none = 1;
		else
			dir = argv[i];
	}
	if (!dir || epochs < 1 || folds < 2) {
		fprintf(stderr, "usage: speaker-train [-e EPOCHS] [-k FOLDS] "
		                "[-n] [-o OUT.c] POLNEAR_TRAIN_DIR\n");
		return 2;
	}
	files = ann_files(dir, &nf);
	if (!files) {
		fprintf(stderr, "speaker-train: cannot open %s/attributions\n", dir);
		return 1;
	}
	/* round 1: the pipeline with the rules alone */
	printf("round 1 (the rules alone in the pipeline)\n");
	memset(&cur_model, 0, sizeof(cur_model));
	read_all(dir, files, nf);
	margin = round_of(&m, epochs, folds, to_none, &nq);
	cur_model.n = extract(&m, &keys, &ws);
	cur_model.key = keys;
	cur_model.w = ws;
	cur_model.margin = (float)margin;
	model_free(&m);
	/* round 2: the pipeline with round 1's model, as at analysis time */
	printf("round 2 (round 1's model in the pipeline)\n");
	read_all(dir, files, nf);
	margin = round_of(&m, epochs, folds, to_none, &nq);
	write_model(&m, out, margin, epochs, nq);
	model_free(&m);
	free(keys);
	free(ws);
	for (fi = 0; fi < nf; fi++)
		free(files[fi]);
	free(files);
	free(exs);
	free(pool);
	return 0;
}
