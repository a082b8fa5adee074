/*
 * agg-exp.c - experiment: how much does story clustering lose by deciding
 * online? Offline agglomerative clusterings (average, complete, single
 * link; optionally capped in size) over the same article vectors and the
 * same similarity Parallax's online clustering uses, thresholds fitted on
 * the even half of the AllSides file and scored on the odd half.
 *
 *   cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude \
 *      -Ilib -o build/agg/agg-exp tools/agg-exp.c \
 *      build/agg/libparallax.a -lutf8proc -ljansson -lxml2 -lz \
 *      -lexttextcat-2.0 -lpthread -lm
 *   build/agg/agg-exp ../shared/data/stories-allsides-train.jsonl
 *
 * Environment: AGG_ONLY=",i,,j," runs only those offline variants
 * (",none," for none); AGG_LB=all or ",i,,j," runs the late-binding
 * simulations; AGG_SEED=n reshuffles the arrival order of both halves;
 * AGG_EMB=1 runs average link with the docs' word vectors (story step
 * 12) mixed into the half-IDF cosine at several weights.
 * Nothing is fitted on the odd half; "odd-oracle" (the odd half's own
 * best threshold) is printed for information only.
 *
 * It includes tools/eval-stories.c (reading, halves, order, BCubed,
 * the online run and the TF-IDF baseline) and lib/story/stories.c (the
 * article vectors: art_build, art_weigh, cosine with its name part), so
 * both stay the ones the product uses.
 */
#define main eval_stories_main
#include "eval-stories.c"
#undef main
#include "../lib/story/stories.c"

/* ---- Vectors ----------------------------------------------------------- */

typedef struct avec {
	pxi_tf *v;
	size_t nv;
	double norm;
	double bg; /* online background when added (online mode) */
} avec;

/* Vectors as the online run weighs them: each article by the IDF at the
 * time it is added in this order (the ring keeps them). Also returns
 * the online clustering at thr in c[]. */
static avec *vectors_online(item *items, const size_t *order, size_t n,
                            double thr, size_t *c)
{
	px_stories_opts o;
	px_stories *s = NULL;
	avec *v = calloc(n, sizeof(*v));
	size_t i;

	memset(&o, 0, sizeof(o));
	o.window_days = -1;
	o.threshold = thr;
	if (!v || px_stories_create(&o, &s))
		return NULL;
	for (i = 0; i < n; i++)
		if (pxi_stories_add_doc(s, &items[order[i]].doc, NULL, NULL))
			return NULL;
	for (i = 0; i < n; i++) {
		pxi_art *a = live_art(s, i);

		if (!a)
			return NULL;
		v[i].nv = a->nv;
		v[i].v = malloc((a->nv + 1) * sizeof(*v[i].v));
		memcpy(v[i].v, a->v, a->nv * sizeof(*a->v));
		v[i].norm = a->norm;
		v[i].bg = a->bg;
		if (c)
			c[i] = px_stories_story(s, i);
	}
	px_stories_free(s);
	return v;
}

/* Vectors with the IDF of the whole half (the same formula, terms and
 * caps; all documents counted first). */
static avec *vectors_offline(item *items, const size_t *order, size_t n)
{
	px_stories_opts o;
	px_stories *s = NULL;
	avec *v = calloc(n, sizeof(*v));
	size_t i;

	memset(&o, 0, sizeof(o));
	o.window_days = -1;
	if (!v || px_stories_create(&o, &s))
		return NULL;
	for (i = 0; i < n; i++) {
		pxi_art a;

		if (art_build(s, &items[order[i]].doc, &a))
			return NULL;
		df_add(s, &a);
		art_clear(s->alc, &a);
	}
	for (i = 0; i < n; i++) {
		pxi_art a;

		if (art_build(s, &items[order[i]].doc, &a))
			return NULL;
		art_weigh(s, &a);
		v[i].nv = a.nv;
		v[i].v = malloc((a.nv + 1) * sizeof(*v[i].v));
		memcpy(v[i].v, a.v, a.nv * sizeof(*a.v));
		v[i].norm = a.norm;
		art_clear(s->alc, &a);
	}
	px_stories_free(s);
	return v;
}

static void vectors_free(avec *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		free(v[i].v);
	free(v);
}

/* ---- Similarities -------------------------------------------------------- */

/* Full n x n cosine and name-free part. */
static void sims(const avec *v, size_t n, float *cs, float *pl)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		cs[i * n + i] = 1;
		pl[i * n + i] = 1;
		for (j = i + 1; j < n; j++) {
			double p = 0, c = cosine(v[i].v, v[i].nv, v[i].norm,
			                         v[j].v, v[j].nv, v[j].norm,
			                         &p);

			cs[i * n + j] = cs[j * n + i] = (float)c;
			pl[i * n + j] = pl[j * n + i] = (float)p;
		}
	}
}

static int by_float_desc(const void *x, const void *y)
{
	float a = *(const float *)x, b = *(const float *)y;

	return a > b ? -1 : a < b;
}

/*
 * The pair similarity: cosine, less hubw times how far the mean of the
 * two backgrounds (mean cosine of each to its hubk nearest others)
 * stands above the mean background; then, with names set, at most
 * 1/PLAIN_SHARE times the name-free part (the online name rule:
 * an article joins iff min(sim, plain / PLAIN_SHARE) >= need).
 */
static void pair_sims(const float *cs, const float *pl, size_t n, int hubk,
                      double hubw, int names, float *out)
{
	double *bg = calloc(n, sizeof(*bg)), mean = 0;
	float *row = malloc(n * sizeof(*row));
	size_t i, j;

	for (i = 0; hubk > 0 && i < n; i++) {
		size_t m = 0;

		for (j = 0; j < n; j++)
			if (j != i)
				row[m++] = cs[i * n + j];
		qsort(row, m, sizeof(*row), by_float_desc);
		for (j = 0; j < (size_t)hubk && j < m; j++)
			bg[i] += row[j];
		bg[i] /= hubk;
		mean += bg[i];
	}
	mean /= (double)n;
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++) {
			double s = cs[i * n + j];

			if (hubk > 0)
				s -= hubw * (0.5 * (bg[i] + bg[j]) - mean);
			if (names && i != j) {
				double cap = 0.999 * pl[i * n + j] /
				             PLAIN_SHARE;

				if (s > cap)
					s = cap;
			}
			out[i * n + j] = (float)s;
		}
	free(bg);
	free(row);
}

/* ---- Agglomerative clustering ------------------------------------------ */

enum { L_AVG, L_COMPLETE, L_SINGLE };
static const char *const link_name[] = {"average", "complete", "single"};

typedef struct merge {
	uint32_t a, b;
	float h;
} merge;

/*
 * Generic agglomerative clustering over similarity matrix S (n x n,
 * destroyed), with Lance-Williams updates for the linkage and clusters
 * of at most cap items (0: none), down to similarity stop. Writes the
 * merges in order into m; returns their count. Heights do not rise (the
 * three linkages are reducible; the cap only takes pairs away).
 */
static float *hacP; /* non-NULL: name rule at cluster level, P being
                     * the name-free part average-linked like S */

static size_t hac(float *S, size_t n, int link, size_t cap, double stop,
                  merge *m)
{
	float *P = hacP;
	uint32_t *best = malloc(n * sizeof(*best));
	uint32_t *size = malloc(n * sizeof(*size));
	uint8_t *alive = malloc(n);
	size_t i, k, nm = 0;

#define E(x, y) (P ? fminf(S[(x) * n + (y)], \
                           P[(x) * n + (y)] * (float)(0.999 / PLAIN_SHARE)) \
                 : S[(x) * n + (y)])
#define VALID(x, y) (alive[y] && (y) != (x) && \
                     (!cap || size[x] + size[y] <= cap))
#define RECOMPUTE(x) do { \
	size_t _j; \
	best[x] = UINT32_MAX; \
	for (_j = 0; _j < n; _j++) \
		if (VALID(x, _j) && (best[x] == UINT32_MAX || \
		    E(x, _j) > E(x, best[x]))) \
			best[x] = (uint32_t)_j; \
	} while (0)

	for (i = 0; i < n; i++) {
		size[i] = 1;
		alive[i] = 1;
	}
	for (i = 0; i < n; i++)
		RECOMPUTE(i);
	for (;;) {
		size_t a = SIZE_MAX, b;
		float h = -HUGE_VALF;

		for (i = 0; i < n; i++)
			if (alive[i] && best[i] != UINT32_MAX &&
			    E(i, best[i]) > h) {
				h = E(i, best[i]);
				a = i;
			}
		if (a == SIZE_MAX || h < stop)
			break;
		b = best[a];
		m[nm].a = (uint32_t)a;
		m[nm].b = (uint32_t)b;
		m[nm++].h = h;
		for (k = 0; k < n; k++) {
			float x = S[a * n + k], y = S[b * n + k], z;

			if (!alive[k] || k == a || k == b)
				continue;
			if (link == L_AVG)
				z = (float)((size[a] * (double)x +
				             size[b] * (double)y) /
				            (size[a] + size[b]));
			else if (link == L_COMPLETE)
				z = x < y ? x : y;
			else
				z = x > y ? x : y;
			S[a * n + k] = S[k * n + a] = z;
			if (P) {
				x = P[a * n + k];
				y = P[b * n + k];
				z = (float)((size[a] * (double)x +
				             size[b] * (double)y) /
				            (size[a] + size[b]));
				P[a * n + k] = P[k * n + a] = z;
			}
		}
		alive[b] = 0;
		size[a] += size[b];
		RECOMPUTE(a);
		for (k = 0; k < n; k++) {
			if (!alive[k] || k == a)
				continue;
			if (best[k] == a || best[k] == b ||
			    best[k] == UINT32_MAX)
				RECOMPUTE(k);
			else if (VALID(k, a) &&
			         E(k, a) > E(k, best[k]))
				best[k] = (uint32_t)a;
		}
	}
#undef VALID
#undef E
#undef RECOMPUTE
	free(best);
	free(size);
	free(alive);
	return nm;
}

static size_t uf_find(size_t *p, size_t x)
{
	while (p[x] != x) {
		p[x] = p[p[x]];
		x = p[x];
	}
	return x;
}

/* Clusters after the merges at or above t. */
static void cut(const merge *m, size_t nm, size_t n, double t, size_t *c)
{
	size_t i;

	for (i = 0; i < n; i++)
		c[i] = i;
	for (i = 0; i < nm && m[i].h >= t; i++) {
		size_t x = uf_find(c, m[i].a), y = uf_find(c, m[i].b);

		if (x != y)
			c[y] = x;
	}
	for (i = 0; i < n; i++)
		c[i] = uf_find(c, i);
}

static size_t nclusters(const size_t *c, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += c[i] == i;
	return k;
}

/* ---- Halves -------------------------------------------------------------- */

typedef struct halfdata {
	size_t n;
	size_t *order;
	long *lab;
	float *cs[2], *pl[2]; /* [0]: online IDF, [1]: whole-half IDF */
	avec *v[2];
	size_t *pstory; /* Parallax's story of each article (online run) */
	size_t *pseed[8]; /* the same at the seed thresholds below */
} halfdata;

static const double seed_thr[] = {0.1, 0.125, 0.15, 0.175, 0.2, 0.225,
                                  0.25, 0.275};
#define NSEED (sizeof(seed_thr) / sizeof(seed_thr[0]))
#define TLO 0.0
#define THI 0.7
#define TSTEP 0.0025

typedef struct variant {
	int idf;   /* 0 online, 1 whole half */
	int hubk;  /* 0: no background */
	double hubw;
	int names;
	int link;
	size_t cap;
} variant;

static float *work, *work2;
static merge *merges;

/* Merges of variant x on half h. */
static size_t run_variant(const halfdata *h, const variant *x)
{
	size_t nm;

	pair_sims(h->cs[x->idf], h->pl[x->idf], h->n, x->hubk, x->hubw,
	          x->names == 1, work);
	if (x->names == 2) {
		memcpy(work2, h->pl[x->idf], h->n * h->n * sizeof(float));
		hacP = work2;
	}
	nm = hac(work, h->n, x->link, x->cap, TLO - 0.05, merges);
	hacP = NULL;
	return nm;
}

static void describe(const variant *x, char *buf, size_t cap)
{
	char capb[32] = "";

	if (x->cap)
		snprintf(capb, sizeof(capb), " cap %zu", x->cap);
	snprintf(buf, cap, "%s%s, %s IDF, %s, %s", link_name[x->link], capb,
	         x->idf ? "half" : "online",
	         x->hubk ? "bg" : "no bg", x->names == 2 ? "names (cluster)" : x->names ? "names (pair)" :
	         "no names");
	if (x->hubk) {
		size_t l = strlen(buf);

		snprintf(buf + l, cap - l, " (k %d w %.2f)", x->hubk,
		         x->hubw);
	}
}

/* Fit t on the even half, score the odd half; prints one line. */
static bcubed evaluate(const halfdata *fh, const halfdata *oh,
                       const variant *x, double *fit_f)
{
	size_t nm = run_variant(fh, x), *c = malloc(fh->n * sizeof(*c));
	size_t *co = malloc(oh->n * sizeof(*co)), ncl;
	size_t *c2 = malloc(oh->n * sizeof(*c2));
	double t, bt = 0, bf = -1, ob = -1, obt = 0;
	bcubed b, r;
	char d[160];

	for (t = TLO; t <= THI + 1e-9; t += TSTEP) {
		cut(merges, nm, fh->n, t, c);
		b = score(c, fh->lab, fh->n);
		if (b.f > bf) {
			bf = b.f;
			bt = t;
		}
	}
	nm = run_variant(oh, x);
	cut(merges, nm, oh->n, bt, co);
	r = score(co, oh->lab, oh->n);
	ncl = nclusters(co, oh->n);
	/* for information only (not a fitted figure): the odd half's own
	 * best threshold */
	for (t = TLO; t <= THI + 1e-9; t += 0.01) {
		cut(merges, nm, oh->n, t, c2);
		b = score(c2, oh->lab, oh->n);
		if (b.f > ob) {
			ob = b.f;
			obt = t;
		}
	}
	describe(x, d, sizeof(d));
	printf("  %-52s thr %.4f fit F1 %.3f | odd P %.3f R %.3f F1 %.3f "
	       "(%zu cl) | odd-oracle %.3f@%.2f\n", d, bt, bf, r.p, r.r, r.f,
	       ncl, ob, obt);
	fflush(stdout);
	if (fit_f)
		*fit_f = bf;
	free(c);
	free(co);
	free(c2);
	return r;
}

static void prepare(item *items, size_t nitems, int parity, double thr,
                    halfdata *h, bcubed *online)
{
	size_t n, i, *c;
	int k;

	h->order = malloc(nitems * sizeof(*h->order));
	n = h->n = half(items, nitems, parity, h->order);
	if (getenv("AGG_SEED")) { /* another arrival order */
		uint64_t x = strtoull(getenv("AGG_SEED"), NULL, 10) * 2 + 1;

		for (i = n; i > 1; i--) {
			size_t r = (size_t)(rng_next(&x) % i), tmp = h->order[i - 1];

			h->order[i - 1] = h->order[r];
			h->order[r] = tmp;
		}
	}
	h->lab = malloc(n * sizeof(*h->lab));
	for (i = 0; i < n; i++)
		h->lab[i] = items[h->order[i]].label;
	c = malloc(n * sizeof(*c));
	h->v[0] = vectors_online(items, h->order, n, thr, c);
	h->v[1] = vectors_offline(items, h->order, n);
	if (online)
		*online = score(c, h->lab, n);
	h->pstory = c;
	for (k = 0; k < (int)NSEED; k++) {
		h->pseed[k] = malloc(n * sizeof(size_t));
		vectors_free(vectors_online(items, h->order, n, seed_thr[k],
		                            h->pseed[k]), n);
	}
	for (k = 0; k < 2; k++) {
		h->cs[k] = malloc(n * n * sizeof(float));
		h->pl[k] = malloc(n * n * sizeof(float));
		sims(h->v[k], n, h->cs[k], h->pl[k]);
	}
}

/* Share of articles whose nearest neighbour (by m) is a story mate. */
static double nn_rate(const halfdata *h, const float *m)
{
	size_t i, j, hit = 0;

	for (i = 0; i < h->n; i++) {
		size_t bj = SIZE_MAX;

		for (j = 0; j < h->n; j++)
			if (j != i && (bj == SIZE_MAX ||
			               m[i * h->n + j] > m[i * h->n + bj]))
				bj = j;
		hit += bj != SIZE_MAX && h->lab[bj] == h->lab[i];
	}
	return (double)hit / (double)h->n;
}


/* ---- Word vectors ------------------------------------------------------ */

/*
 * Average link (backgrounds, name rule per pair) over (1 - w) cosine +
 * w word-vector cosine (the docs' own vectors, lib/story/embed.c), for
 * pairs sharing a term, at several w; prints the nearest-neighbour rate
 * and the held-out BCubed of each. The matrices are restored after.
 */
static void emb_run(item *items, halfdata *ev, halfdata *od)
{
	static const double ws[] = {0, 0.1, 0.2, 0.35, 0.5};
	static const variant x = {1, 3, 1.0, 1, L_AVG, 0};
	halfdata *h[2] = {ev, od};
	float *keep[2][2];
	size_t wi, k, i, j;

	for (k = 0; k < 2; k++) {
		size_t nn = h[k]->n * h[k]->n * sizeof(float);

		keep[k][0] = malloc(nn);
		keep[k][1] = malloc(nn);
		memcpy(keep[k][0], h[k]->cs[1], nn);
		memcpy(keep[k][1], h[k]->pl[1], nn);
	}
	printf("word vectors mixed into the half-IDF cosine (average link, "
	       "backgrounds, names per pair):\n");
	for (wi = 0; wi < sizeof(ws) / sizeof(ws[0]); wi++) {
		for (k = 0; k < 2; k++) {
			size_t n = h[k]->n;

			for (i = 0; i < n; i++)
				for (j = 0; j < n; j++) {
					const pxi_doc *a = &items[h[k]->order[i]].doc,
					              *b = &items[h[k]->order[j]].doc;
					double c = keep[k][0][i * n + j],
					       p = keep[k][1][i * n + j],
					       e = pxi_emb_dot(a->emb, b->emb);

					if (c <= 0 || i == j || !a->has_emb ||
					    !b->has_emb)
						continue;
					h[k]->cs[1][i * n + j] =
						(float)((1 - ws[wi]) * c + ws[wi] * e);
					h[k]->pl[1][i * n + j] =
						(float)((1 - ws[wi]) * p + ws[wi] * e);
				}
		}
		printf("  w %.2f: nearest neighbour a mate (odd) %.3f\n", ws[wi],
		       nn_rate(od, od->cs[1]));
		evaluate(ev, od, &x, NULL);
	}
	for (k = 0; k < 2; k++) {
		size_t nn = h[k]->n * h[k]->n * sizeof(float);

		memcpy(h[k]->cs[1], keep[k][0], nn);
		memcpy(h[k]->pl[1], keep[k][1], nn);
		free(keep[k][0]);
		free(keep[k][1]);
	}
}

/* ---- Online with late binding ------------------------------------------ */

/*
 * A simulation on one half in arrival order, over the online-IDF vectors
 * (the ones Parallax keeps). Similarity of articles i, j: cosine less
 * hubw times the mean of their backgrounds above the running mean
 * (background: mean cosine to the hubk nearest articles seen so far);
 * with names, a cluster's score is min(avg sim, avg name-free cosine /
 * PLAIN_SHARE). Online step: an article joins the cluster of best
 * average similarity to all its members if >= thr_on, else starts one.
 * Late binding: every K articles, the clusters of the last K articles
 * and the clusters of each one's M nearest seen articles are taken
 * apart (backgrounds recomputed over all seen) and re-clustered by
 * average link down to thr_re; the result replaces them. K = 0: never.
 */
typedef struct lbopt {
	int hubk;
	double hubw;
	int names;
	double thr_on, thr_re;
	size_t K, M;
	int parallax; /* online step: Parallax's own decision (the article
	               * goes where its Parallax story's newest earlier
	               * member now is), not average link */
} lbopt;

/* Mean of the k largest cs[i][j] over j < t, j != i. */
static double bg_seen(const float *cs, size_t n, size_t i, size_t t, int k)
{
	float top[16];
	int m = 0, q;
	size_t j;
	double s = 0;

	for (j = 0; j < t; j++) {
		float x;

		if (j == i)
			continue;
		x = cs[i * n + j];
		if (m < k) {
			top[m++] = x;
		} else if (x > top[k - 1]) {
			top[k - 1] = x;
		} else {
			continue;
		}
		for (q = m - 1; q > 0 && top[q] > top[q - 1]; q--) {
			float y = top[q];

			top[q] = top[q - 1];
			top[q - 1] = y;
		}
	}
	for (q = 0; q < m; q++)
		s += top[q];
	return k ? s / k : 0;
}

static bcubed late_binding(const halfdata *h, const lbopt *o,
                           size_t *ncl_out, size_t *rec_out)
{
	size_t n = h->n, t, i, j, nc = 0, reclustered = 0;
	const float *cs = h->cs[0], *pl = h->pl[0];
	double *bg = calloc(n, sizeof(*bg)), bgsum = 0, mean = 0;
	size_t *cl = malloc(n * sizeof(*cl));
	double *sum = calloc(n, sizeof(*sum)), *psum = calloc(n, sizeof(*psum));
	size_t *cnt = calloc(n, sizeof(*cnt)), *touched = malloc(n *
	                                                   sizeof(size_t));
	uint8_t *inR = calloc(n, 1), *clR = calloc(n, 1);
	size_t *R = malloc(n * sizeof(*R));
	float *S = work, *P = work2;
	size_t *last = malloc((n + 1) * sizeof(*last));
	const size_t *pst = h->pstory;
	bcubed b;

	if (o->parallax)
		for (i = 0; i < NSEED; i++)
			if (fabs(seed_thr[i] - o->thr_on) < 1e-9)
				pst = h->pseed[i];

	for (i = 0; i <= n; i++)
		last[i] = SIZE_MAX;

#define SIM(x, y) (cs[(x) * n + (y)] - \
	o->hubw * (0.5 * (bg[x] + bg[y]) - mean))
	for (t = 0; t < n; t++) {
		size_t nt = 0, bi = SIZE_MAX;
		double bs = -HUGE_VAL;

		/* online step */
		bg[t] = o->hubk ? bg_seen(cs, n, t, t, o->hubk) : 0;
		bgsum += bg[t];
		mean = bgsum / (double)(t + 1);
		for (j = 0; j < t; j++) {
			size_t c = cl[j];

			if (!cnt[c])
				touched[nt++] = c;
			cnt[c]++;
			sum[c] += SIM(t, j);
			psum[c] += pl[t * n + j];
		}
		for (i = 0; i < nt; i++) {
			size_t c = touched[i];
			double sc = sum[c] / (double)cnt[c];

			if (o->names)
				sc = fmin(sc, 0.999 * psum[c] /
				              (double)cnt[c] / PLAIN_SHARE);
			if (sc > bs) {
				bs = sc;
				bi = c;
			}
			sum[c] = psum[c] = 0;
			cnt[c] = 0;
		}
		if (o->parallax) {
			if (last[pst[t]] != SIZE_MAX)
				cl[t] = cl[last[pst[t]]];
			else
				cl[t] = nc++;
			last[pst[t]] = t;
		} else {
			cl[t] = bs >= o->thr_on ? bi : nc++;
		}
		/* late binding */
		if (o->K && ((t + 1) % o->K == 0 || t + 1 == n)) {
			size_t lo = t + 1 >= o->K ? t + 1 - o->K : 0, nr = 0;
			size_t nm, a, base;

			for (a = lo; a <= t; a++) {
				clR[cl[a]] = 1;
				/* M nearest seen articles */
				for (i = 0; i < o->M; i++) {
					size_t bj = SIZE_MAX;

					for (j = 0; j <= t; j++)
						if (j != a && !inR[j] &&
						    (bj == SIZE_MAX ||
						     SIM(a, j) > SIM(a, bj)))
							bj = j;
					if (bj == SIZE_MAX)
						break;
					inR[bj] = 1; /* mark as taken */
					R[nr++] = bj;
					clR[cl[bj]] = 1;
				}
				while (nr)
					inR[R[--nr]] = 0;
			}
			for (j = 0; j <= t; j++)
				if (clR[cl[j]])
					R[nr++] = j;
			for (j = 0; j <= t; j++)
				clR[cl[j]] = 0;
			if (o->hubk) {
				for (i = 0; i < nr; i++) {
					double nb = bg_seen(cs, n, R[i], t + 1,
					                    o->hubk);

					bgsum += nb - bg[R[i]];
					bg[R[i]] = nb;
				}
				mean = bgsum / (double)(t + 1);
			}
			for (i = 0; i < nr; i++)
				for (j = 0; j < nr; j++) {
					S[i * nr + j] = (float)SIM(R[i], R[j]);
					P[i * nr + j] = pl[R[i] * n + R[j]];
				}
			hacP = o->names ? P : NULL;
			nm = hac(S, nr, L_AVG, 0, o->thr_re, merges);
			hacP = NULL;
			reclustered += nr;
			{
				size_t *c = malloc((nr + 1) * sizeof(*c));

				cut(merges, nm, nr, o->thr_re, c);
				base = nc;
				for (i = 0; i < nr; i++)
					cl[R[i]] = base + c[i];
				nc += nr;
				free(c);
			}
			/* compact the cluster ids to 0..nc) */
			{
				size_t *map = malloc(nc * sizeof(*map)), k = 0;

				for (i = 0; i < nc; i++)
					map[i] = SIZE_MAX;
				for (j = 0; j <= t; j++) {
					if (map[cl[j]] == SIZE_MAX)
						map[cl[j]] = k++;
					cl[j] = map[cl[j]];
				}
				nc = k;
				free(map);
			}
		}
	}
#undef SIM
	b = score(cl, h->lab, n);
	if (ncl_out) {
		size_t k = 0;

		for (i = 0; i < n; i++)
			k = cl[i] + 1 > k ? cl[i] + 1 : k;
		*ncl_out = k;
	}
	if (rec_out)
		*rec_out = reclustered;
	free(bg);
	free(cl);
	free(sum);
	free(psum);
	free(cnt);
	free(touched);
	free(inR);
	free(clR);
	free(R);
	free(last);
	return b;
}

/* Fit thr_on and thr_re on the even half for (K, M, names), score odd. */
static void lb_eval(const halfdata *ev, const halfdata *od, lbopt o,
                    const double *ons, size_t non, const double *res,
                    size_t nres)
{
	size_t i, j, rec = 0;
	double bf = -1;
	lbopt best = o;
	bcubed b;

	if (o.parallax) {
		ons = seed_thr;
		non = NSEED;
	}
	for (i = 0; i < non; i++)
		for (j = 0; j < nres; j++) {
			o.thr_on = ons[i];
			o.thr_re = res[j];
			if (!o.K && j)
				break;
			b = late_binding(ev, &o, NULL, NULL);
			if (b.f > bf) {
				bf = b.f;
				best = o;
			}
		}
	b = late_binding(od, &best, NULL, &rec);
	printf("  %s K %4zu M %2zu %-8s bg k%d: thr_on %.3f thr_re %.3f fit F1 "
	       "%.3f | odd P %.3f R %.3f F1 %.3f (re-clustered %.1f "
	       "articles per arrival)\n",
	       best.parallax ? "parallax-seeded" : "avg-link online", best.K, best.M,
	       best.names ? "names" : "no names", best.hubk, best.thr_on,
	       best.K ? best.thr_re : 0, bf, b.p, b.r, b.f,
	       (double)rec / (double)od->n);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	item *items = NULL;
	size_t n, i;
	halfdata ev, od;
	bcubed on_fit, on_odd;
	double thr = argc > 2 ? atof(argv[2]) : 0.275;
	clock_t t0 = clock();
	const char *only = getenv("AGG_ONLY");

	if (argc < 2) {
		fprintf(stderr, "usage: agg-exp FILE.jsonl [online-thr]\n");
		return 2;
	}
	n = read_items(argv[1], &items);
	if (!n)
		return 1;
	memset(&ev, 0, sizeof(ev));
	memset(&od, 0, sizeof(od));
	prepare(items, n, 0, thr, &ev, &on_fit);
	prepare(items, n, 1, thr, &od, &on_odd);
	work = malloc((ev.n > od.n ? ev.n : od.n) *
	              (ev.n > od.n ? ev.n : od.n) * sizeof(float));
	work2 = malloc((ev.n > od.n ? ev.n : od.n) *
	               (ev.n > od.n ? ev.n : od.n) * sizeof(float));
	merges = malloc(n * sizeof(*merges));
	fprintf(stderr, "agg-exp: ready in %.1f s\n",
	        (double)(clock() - t0) / CLOCKS_PER_SEC);
	printf("halves: even %zu articles, odd %zu articles\n", ev.n, od.n);
	printf("online (Parallax, thr %.3f): fit P %.3f R %.3f F1 %.3f | "
	       "odd P %.3f R %.3f F1 %.3f\n", thr, on_fit.p, on_fit.r,
	       on_fit.f, on_odd.p, on_odd.r, on_odd.f);
	printf("nearest neighbour a mate (odd): cosine online IDF %.3f, "
	       "half IDF %.3f\n", nn_rate(&od, od.cs[0]),
	       nn_rate(&od, od.cs[1]));
	fflush(stdout);

	{
		static const variant vs[] = {
			/* the three linkages, plain cosine */
			{1, 0, 0, 0, L_AVG, 0},
			{1, 0, 0, 0, L_COMPLETE, 0},
			{1, 0, 0, 0, L_SINGLE, 0},
			/* Parallax's similarity: names, backgrounds */
			{1, 0, 0, 1, L_AVG, 0},
			{1, 3, 1.0, 0, L_AVG, 0},
			{1, 3, 1.0, 1, L_AVG, 0},
			{0, 3, 1.0, 1, L_AVG, 0},
			{1, 3, 1.0, 1, L_COMPLETE, 0},
			{1, 3, 1.0, 1, L_SINGLE, 0},
			/* background settings (fit half shows which) */
			{1, 2, 1.0, 1, L_AVG, 0},
			{1, 5, 1.0, 1, L_AVG, 0},
			{1, 10, 1.0, 1, L_AVG, 0},
			{1, 3, 0.5, 1, L_AVG, 0},
			{1, 3, 1.5, 1, L_AVG, 0},
			/* size caps */
			{1, 3, 1.0, 1, L_AVG, 3},
			{1, 3, 1.0, 1, L_AVG, 4},
			{1, 3, 1.0, 1, L_AVG, 6},
			{1, 3, 1.0, 1, L_AVG, 10},
			{1, 3, 1.0, 1, L_SINGLE, 4},
			{1, 3, 1.0, 1, L_COMPLETE, 4},
			/* without the name rule, or with it per cluster */
			{1, 5, 1.0, 0, L_AVG, 0},
			{1, 10, 1.0, 0, L_AVG, 0},
			{1, 3, 0.75, 0, L_AVG, 0},
			{0, 3, 1.0, 0, L_AVG, 0},
			{1, 3, 1.0, 0, L_COMPLETE, 0},
			{1, 3, 1.0, 0, L_SINGLE, 0},
			{1, 3, 1.0, 0, L_AVG, 4},
			{1, 3, 1.0, 2, L_AVG, 0},
			{1, 5, 1.0, 2, L_AVG, 0},
		};

		printf("offline agglomerative (threshold fitted on even, "
		       "scored on odd):\n");
		for (i = 0; i < sizeof(vs) / sizeof(vs[0]); i++) {
			char key[8];

			snprintf(key, sizeof(key), ",%zu,", i);
			if (only && !strstr(only, key))
				continue;
			evaluate(&ev, &od, &vs[i], NULL);
		}
	}
	if (getenv("AGG_EMB"))
		emb_run(items, &ev, &od);
	if (getenv("AGG_LB")) {
		static const double ons[] = {0.2, 0.225, 0.25, 0.275, 0.3,
		                             0.35};
		static const double res[] = {0.18, 0.195, 0.21, 0.225, 0.24,
		                             0.255, 0.27, 0.285};
		static const lbopt os[] = {
			/* hubk hubw names on re K M parallax */
			{5, 1.0, 0, 0, 0, 0, 5, 0},
			{5, 1.0, 0, 0, 0, 10, 5, 0},
			{5, 1.0, 0, 0, 0, 50, 5, 0},
			{5, 1.0, 0, 0, 0, 200, 5, 0},
			{5, 1.0, 0, 0, 0, 1000, 5, 0},
			{5, 1.0, 2, 0, 0, 0, 5, 0},
			{5, 1.0, 2, 0, 0, 10, 5, 0},
			{5, 1.0, 2, 0, 0, 50, 5, 0},
			{5, 1.0, 2, 0, 0, 200, 5, 0},
			{5, 1.0, 2, 0, 0, 1000, 5, 0},
			/* how far to look around the window */
			{5, 1.0, 0, 0, 0, 50, 0, 0},
			{5, 1.0, 0, 0, 0, 50, 2, 0},
			{5, 1.0, 0, 0, 0, 50, 10, 0},
			{5, 1.0, 2, 0, 0, 50, 0, 0},
			{5, 1.0, 2, 0, 0, 50, 2, 0},
			/* on top of Parallax's online decisions */
			{5, 1.0, 0, 0, 0, 0, 5, 1},
			{5, 1.0, 0, 0, 0, 50, 5, 1},
			{5, 1.0, 0, 0, 0, 200, 5, 1},
			{5, 1.0, 2, 0, 0, 50, 5, 1},
			{5, 1.0, 2, 0, 0, 200, 5, 1},
			/* only the stories the window touched */
			{5, 1.0, 0, 0, 0, 50, 0, 1},
			{5, 1.0, 2, 0, 0, 50, 0, 1},
			{5, 1.0, 0, 0, 0, 200, 0, 1},
			{5, 1.0, 0, 0, 0, 200, 0, 0},
		};
		const char *lbonly = getenv("AGG_LB");

		printf("online with late binding (thresholds fitted on even, "
		       "scored on odd):\n");
		for (i = 0; i < sizeof(os) / sizeof(os[0]); i++) {
			char key[8];

			snprintf(key, sizeof(key), ",%zu,", i);
			if (strcmp(lbonly, "all") && !strstr(lbonly, key))
				continue;
			lb_eval(&ev, &od, os[i], ons, sizeof(ons) /
			        sizeof(ons[0]), res, sizeof(res) /
			        sizeof(res[0]));
		}
	}
	fprintf(stderr, "agg-exp: done in %.1f s\n",
	        (double)(clock() - t0) / CLOCKS_PER_SEC);
	return 0;
}
