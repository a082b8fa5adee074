/*
 * eval-stories.c - how well Parallax groups articles into stories.
 *
 *   eval-stories FILE.jsonl [--threshold X]
 *
 * FILE holds records with id, story (the gold event), title and text
 * (NeuS / AllSides: no dates, no outlets). Each article is title, blank
 * line, text (the title alone when the text is empty). The stories are
 * split in two halves by their number: even stories are the fit half,
 * odd stories the scored half. On the fit half a threshold is chosen for
 * Parallax's clustering and for a plain TF-IDF cosine baseline
 * (single pass: each article joins the most similar cluster centroid
 * above the threshold, else starts one); both are then scored on the
 * other half, with BCubed precision, recall and F1. Articles arrive in a
 * fixed shuffled order (the file is sorted by story). Parallax runs with
 * late binding (px_stories_opts.late_binding): two thresholds are
 * fitted on a grid, the one stories are cut at and the looser one an
 * arriving article joins at; without late binding (one threshold, fitted the same way) it is
 * scored too, for comparison, and so is the default threshold
 * (PX_STORIES_LATE_THRESHOLD), unfitted. PX_EVAL_LB_ONLY=1 skips the
 * runs without late binding, PX_EVAL_EVERY=K re-clusters every K
 * articles instead of every one.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "parallax/parallax.h"
#include "story/story.h"

typedef struct item {
	long label;
	pxi_doc doc;
} item;

typedef struct bcubed {
	double p, r, f;
} bcubed;

typedef struct pair {
	size_t cluster;
	long label;
} pair;

static int by_pair(const void *x, const void *y)
{
	const pair *a = x, *b = y;

	if (a->cluster != b->cluster)
		return a->cluster < b->cluster ? -1 : 1;
	return a->label < b->label ? -1 : a->label > b->label;
}

static int by_label(const void *x, const void *y)
{
	const pair *a = x, *b = y;

	return a->label < b->label ? -1 : a->label > b->label;
}

static int by_cluster(const void *x, const void *y)
{
	const pair *a = x, *b = y;

	return a->cluster < b->cluster ? -1 : a->cluster > b->cluster;
}

/* Count of items equal to p[i] under cmp, in sorted p. */
static size_t run_len(const pair *p, size_t n, size_t i,
                      int (*cmp)(const void *, const void *))
{
	size_t lo = i, hi = i;

	while (lo > 0 && !cmp(&p[lo - 1], &p[i]))
		lo--;
	while (hi + 1 < n && !cmp(&p[hi + 1], &p[i]))
		hi++;
	return hi - lo + 1;
}

/* BCubed of clusters c[] against labels l[] over n items. */
static bcubed score(const size_t *c, const long *l, size_t n)
{
	pair *p = malloc(n * sizeof(*p)), *q = malloc(n * sizeof(*q));
	pair *r = malloc(n * sizeof(*r));
	double sp = 0, sr = 0;
	size_t i;
	bcubed b = {0, 0, 0};

	if (!p || !q || !r || !n)
		goto out;
	for (i = 0; i < n; i++) {
		p[i].cluster = c[i];
		p[i].label = l[i];
	}
	memcpy(q, p, n * sizeof(*p));
	memcpy(r, p, n * sizeof(*p));
	qsort(p, n, sizeof(*p), by_pair);
	qsort(q, n, sizeof(*q), by_cluster);
	qsort(r, n, sizeof(*r), by_label);
	for (i = 0; i < n; i++) {
		size_t both = run_len(p, n, i, by_pair);
		pair key = p[i];
		size_t lo = 0, hi = n, in_c, in_l;

		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (by_cluster(&q[mid], &key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		in_c = run_len(q, n, lo, by_cluster);
		lo = 0;
		hi = n;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (by_label(&r[mid], &key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		in_l = run_len(r, n, lo, by_label);
		sp += (double)both / (double)in_c;
		sr += (double)both / (double)in_l;
	}
	b.p = sp / (double)n;
	b.r = sr / (double)n;
	b.f = b.p + b.r > 0 ? 2 * b.p * b.r / (b.p + b.r) : 0;
out:
	free(p);
	free(q);
	free(r);
	return b;
}

/* Late binding for run_parallax: off, or the join threshold (0: the
 * library's default ratio to the threshold). */
static int lb_off;
static double lb_join;

/* Parallax's clustering of items[order[0..n)] at threshold thr. */
static bcubed run_parallax(item *items, const size_t *order, size_t n,
                           double thr, size_t *nstories)
{
	px_stories_opts o;
	px_stories *s = NULL;
	size_t *c = malloc(n * sizeof(*c)), i;
	long *l = malloc(n * sizeof(*l));
	bcubed b = {0, 0, 0};

	memset(&o, 0, sizeof(o));
	o.window_days = -1;
	o.threshold = thr;
	o.late_binding = !lb_off;
	o.join_threshold = lb_join;
	if (getenv("PX_EVAL_EVERY"))
		o.rebind_every = (size_t)atol(getenv("PX_EVAL_EVERY"));
	if (!c || !l || px_stories_create(&o, &s))
		goto out;
	for (i = 0; i < n; i++) {
		if (pxi_stories_add_doc(s, &items[order[i]].doc, NULL, NULL)) {
			fprintf(stderr, "eval-stories: out of memory\n");
			goto out;
		}
		l[i] = items[order[i]].label;
	}
	for (i = 0; i < n; i++)
		c[i] = px_stories_story(s, i);
	b = score(c, l, n);
	*nstories = px_stories_nstories(s);
out:
	px_stories_free(s);
	free(c);
	free(l);
	return b;
}

/* ---- The baseline: plain TF-IDF cosine, single pass ------------------- */

typedef struct bterm {
	uint64_t h;
	double w;
} bterm;

static int by_bterm(const void *x, const void *y)
{
	const bterm *a = x, *b = y;

	return a->h < b->h ? -1 : a->h > b->h;
}

typedef struct bvec {
	bterm *t;
	size_t n;
} bvec;

static double bdot(const bvec *a, const bvec *b)
{
	size_t i = 0, j = 0;
	double d = 0;

	while (i < a->n && j < b->n) {
		if (a->t[i].h < b->t[j].h)
			i++;
		else if (a->t[i].h > b->t[j].h)
			j++;
		else
			d += a->t[i++].w * b->t[j++].w;
	}
	return d;
}

/* Unit-length TF-IDF vectors of the lower-cased non-stop words, IDF from
 * the n items themselves. */
static bvec *baseline_vectors(item *items, const size_t *order, size_t n)
{
	bvec *v = calloc(n, sizeof(*v));
	size_t i, j, k, nall = 0;
	bterm *all;

	if (!v)
		return NULL;
	for (i = 0; i < n; i++)
		nall += items[order[i]].doc.nw;
	all = malloc((nall + 1) * sizeof(*all));
	if (!all)
		return v;
	for (i = 0; i < n; i++) {
		const pxi_doc *d = &items[order[i]].doc;
		size_t m = 0;

		v[i].t = malloc((d->nw + 1) * sizeof(*v[i].t));
		if (!v[i].t)
			continue;
		for (j = 0; j < d->nw; j++)
			if (d->w[j].term) {
				v[i].t[m].h = d->w[j].h;
				v[i].t[m++].w = 1;
			}
		qsort(v[i].t, m, sizeof(*v[i].t), by_bterm);
		for (j = 0, k = 0; j < m; j++) {
			if (k && v[i].t[k - 1].h == v[i].t[j].h)
				v[i].t[k - 1].w += 1;
			else
				v[i].t[k++] = v[i].t[j];
		}
		v[i].n = k;
	}
	/* document frequencies */
	nall = 0;
	for (i = 0; i < n; i++)
		for (j = 0; j < v[i].n; j++) {
			all[nall].h = v[i].t[j].h;
			all[nall++].w = 1;
		}
	qsort(all, nall, sizeof(*all), by_bterm);
	for (j = 0, k = 0; j < nall; j++) {
		if (k && all[k - 1].h == all[j].h)
			all[k - 1].w += 1;
		else
			all[k++] = all[j];
	}
	for (i = 0; i < n; i++) {
		double norm = 0;

		for (j = 0; j < v[i].n; j++) {
			bterm *hit = bsearch(&v[i].t[j], all, k, sizeof(*all),
			                     by_bterm);
			double df = hit ? hit->w : 1;

			v[i].t[j].w *= log((double)n / df) + 1;
			norm += v[i].t[j].w * v[i].t[j].w;
		}
		norm = sqrt(norm);
		for (j = 0; norm > 0 && j < v[i].n; j++)
			v[i].t[j].w /= norm;
	}
	free(all);
	return v;
}

/* Add unit vector a into centroid c (sum of members). */
static void badd(bvec *c, const bvec *a)
{
	bterm *m = malloc((c->n + a->n + 1) * sizeof(*m));
	size_t i = 0, j = 0, n = 0;

	if (!m)
		return;
	while (i < c->n || j < a->n) {
		if (j >= a->n || (i < c->n && c->t[i].h < a->t[j].h)) {
			m[n++] = c->t[i++];
		} else if (i >= c->n || a->t[j].h < c->t[i].h) {
			m[n++] = a->t[j++];
		} else {
			m[n] = c->t[i++];
			m[n++].w += a->t[j++].w;
		}
	}
	free(c->t);
	c->t = m;
	c->n = n;
}

static bcubed run_baseline(const bvec *v, const long *l, size_t n,
                           double thr, size_t *nclusters)
{
	bvec *cent = calloc(n, sizeof(*cent));
	double *cnorm = calloc(n, sizeof(*cnorm));
	size_t *c = malloc(n * sizeof(*c)), nc = 0, i, k;
	bcubed b = {0, 0, 0};

	if (!cent || !cnorm || !c)
		goto out;
	for (i = 0; i < n; i++) {
		double best = -1;
		size_t bi = 0;

		for (k = 0; k < nc; k++) {
			double d = cnorm[k] > 0 ? bdot(&v[i], &cent[k]) /
			                          cnorm[k] : 0;

			if (d > best) {
				best = d;
				bi = k;
			}
		}
		if (best < thr)
			bi = nc++;
		badd(&cent[bi], &v[i]);
		cnorm[bi] = sqrt(bdot(&cent[bi], &cent[bi]));
		c[i] = bi;
	}
	b = score(c, l, n);
	*nclusters = nc;
out:
	for (i = 0; cent && i < n; i++)
		free(cent[i].t);
	free(cent);
	free(cnorm);
	free(c);
	return b;
}

/* ---- Reading ----------------------------------------------------------- */

/* Read FILE into items; returns the count, or 0 on failure. */
static size_t read_items(const char *path, item **out)
{
	FILE *f = fopen(path, "rb");
	char *line = NULL;
	size_t cap = 0, n = 0, ncap = 0, lineno = 0;
	ssize_t len;
	item *items = NULL;

	if (!f) {
		fprintf(stderr, "eval-stories: cannot open %s\n", path);
		return 0;
	}
	while ((len = getline(&line, &cap, f)) > 0) {
		json_error_t je;
		json_t *o = json_loadb(line, (size_t)len, 0, &je);
		const char *title, *text;
		char *body = NULL, name[64];
		size_t nt, nx;
		px_record rec;
		px_article *a = NULL;
		px_error err;

		lineno++;
		if (!o)
			continue;
		title = json_string_value(json_object_get(o, "title"));
		text = json_string_value(json_object_get(o, "text"));
		if (!title)
			title = "";
		if (!text)
			text = "";
		nt = strlen(title);
		nx = strlen(text);
		/* a headline has no closing full stop; these often do */
		while (nt && (title[nt - 1] == '.' || title[nt - 1] == ' '))
			nt--;
		body = malloc(nt + nx + 3);
		if (n == ncap) {
			item *ni;

			ncap = ncap ? ncap * 2 : 1024;
			ni = realloc(items, ncap * sizeof(*ni));
			if (!ni) {
				free(body);
				json_decref(o);
				break;
			}
			items = ni;
		}
		if (!body) {
			json_decref(o);
			break;
		}
		memcpy(body, title, nt);
		memcpy(body + nt, "\n\n", 2);
		memcpy(body + nt + 2, text, nx);
		body[nt + 2 + nx] = '\0';
		snprintf(name, sizeof(name), "%s:%zu", path, lineno);
		memset(&rec, 0, sizeof(rec));
		rec.text = body;
		rec.text_len = nt + 2 + nx;
		rec.input = name;
		if (px_article_from_record(&rec, NULL, &a, &err) == PX_OK) {
			items[n].label = (long)json_integer_value(
				json_object_get(o, "story"));
			if (pxi_doc_from_article(a, NULL, &items[n].doc) ==
			    PX_OK)
				n++;
		} else {
			fprintf(stderr, "eval-stories: %s\n", err.msg);
		}
		px_article_free(a);
		free(body);
		json_decref(o);
	}
	free(line);
	fclose(f);
	*out = items;
	return n;
}

static uint64_t rng_next(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* The items of one half (labels of parity half), shuffled. */
static size_t half(const item *items, size_t n, int parity, size_t *order)
{
	size_t m = 0, i;
	uint64_t x = 0x9e3779b97f4a7c15ull;

	for (i = 0; i < n; i++)
		if ((items[i].label & 1) == parity)
			order[m++] = i;
	for (i = m; i > 1; i--) {
		size_t j = (size_t)(rng_next(&x) % i), t = order[i - 1];

		order[i - 1] = order[j];
		order[j] = t;
	}
	return m;
}

static void show(const char *what, const char *half_name, double thr,
                 bcubed b, size_t nclusters)
{
	printf("  %-30s %-5s thr %.3f  P %.3f  R %.3f  F1 %.3f  "
	       "(%zu clusters)\n", what, half_name, thr, b.p, b.r, b.f,
	       nclusters);
}

int main(int argc, char **argv)
{
	item *items = NULL;
	size_t n, nfit, nrep, i, k, *fit, *rep, ncl = 0;
	double thr, best_px = 0, best_bl = 0, fpx = -1, fbl = -1;
	double best_join = 0, best_on = 0, fon = -1;
	long *lfit, *lrep;
	bvec *vfit, *vrep;
	bcubed b;
	clock_t t0 = clock();

	if (argc < 2) {
		fprintf(stderr, "usage: eval-stories FILE.jsonl\n");
		return 2;
	}
	n = read_items(argv[1], &items);
	if (!n)
		return 1;
	fprintf(stderr, "eval-stories: %zu articles analyzed in %.1f s\n",
	        n, (double)(clock() - t0) / CLOCKS_PER_SEC);
	fit = malloc(n * sizeof(*fit));
	rep = malloc(n * sizeof(*rep));
	lfit = malloc(n * sizeof(*lfit));
	lrep = malloc(n * sizeof(*lrep));
	if (!fit || !rep || !lfit || !lrep)
		return 3;
	nfit = half(items, n, 0, fit);
	nrep = half(items, n, 1, rep);
	for (i = 0; i < nfit; i++)
		lfit[i] = items[fit[i]].label;
	for (i = 0; i < nrep; i++)
		lrep[i] = items[rep[i]].label;
	vfit = baseline_vectors(items, fit, nfit);
	vrep = baseline_vectors(items, rep, nrep);
	printf("stories: %zu articles; fit half: even story numbers (%zu "
	       "articles), scored half: odd story numbers (%zu articles)\n",
	       n, nfit, nrep);
	/* without late binding: one threshold */
	lb_off = 1;
	for (thr = 0.1; thr < 0.501 && !getenv("PX_EVAL_LB_ONLY");
	     thr += 0.025) {
		b = run_parallax(items, fit, nfit, thr, &ncl);
		if (getenv("PX_EVAL_VERBOSE"))
			show("parallax, no late binding", "fit", thr, b, ncl);
		if (b.f > fon) {
			fon = b.f;
			best_on = thr;
		}
	}
	/* with late binding (the default): the threshold stories are cut
	 * at, and the looser one an arriving article joins at */
	lb_off = 0;
	for (thr = 0.05; thr < 0.451; thr += 0.0125) {
		double r;

		for (r = 0.6; r < 1.0001; r += 0.1) {
			double j = thr * r;

			lb_join = j;
			b = run_parallax(items, fit, nfit, thr, &ncl);
			if (getenv("PX_EVAL_VERBOSE")) {
				printf("  join %.3f", j);
				show("parallax, late binding", "fit", thr, b,
				     ncl);
			}
			if (b.f > fpx) {
				fpx = b.f;
				best_px = thr;
				best_join = j;
			}
		}
	}
	for (thr = 0.1; thr < 0.501 && !getenv("PX_EVAL_NO_BASELINE");
	     thr += 0.025) {
		b = run_baseline(vfit, lfit, nfit, thr, &ncl);
		if (getenv("PX_EVAL_VERBOSE"))
			show("baseline", "fit", thr, b, ncl);
		if (b.f > fbl) {
			fbl = b.f;
			best_bl = thr;
		}
	}
	printf("thresholds fitted on the fit half: parallax %.4f, join "
	       "%.3f (F1 %.3f); without late binding %.3f (F1 %.3f); "
	       "baseline %.3f (F1 %.3f)\n", best_px, best_join, fpx, best_on,
	       fon, best_bl, fbl);
	printf("scored on the other half (BCubed):\n");
	lb_join = best_join;
	b = run_parallax(items, rep, nrep, best_px, &ncl);
	show("parallax, late binding (fitted)", "odd", best_px, b, ncl);
	lb_join = 0;
	b = run_parallax(items, rep, nrep, PX_STORIES_LATE_THRESHOLD, &ncl);
	show("late binding, its default cut", "odd",
	     PX_STORIES_LATE_THRESHOLD, b, ncl);
	lb_off = 1;
	b = run_parallax(items, rep, nrep, PX_STORIES_THRESHOLD, &ncl);
	show("no late binding, its default", "odd", PX_STORIES_THRESHOLD, b,
	     ncl);
	b = run_parallax(items, rep, nrep, best_on, &ncl);
	show("parallax, no late binding", "odd", best_on, b, ncl);
	b = run_baseline(vrep, lrep, nrep, best_bl, &ncl);
	show("baseline TF-IDF cosine", "odd", best_bl, b, ncl);
	printf("target: parallax F1 >= 0.90\n");
	for (i = 0; i < nfit; i++)
		free(vfit[i].t);
	for (i = 0; i < nrep; i++)
		free(vrep[i].t);
	free(vfit);
	free(vrep);
	for (k = 0; k < n; k++)
		pxi_doc_free(NULL, &items[k].doc);
	free(items);
	free(fit);
	free(rep);
	free(lfit);
	free(lrep);
	return 0;
}
