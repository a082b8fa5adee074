/*
 * eval-tone.c - the tone stage measured (make eval-tone).
 *
 *   eval-tone nyt FILE.tsv [VADER.txt]
 *     Sentences with mean human ratings (id, mean_rating, sentence; tab-
 *     separated, a header line). Pearson and Spearman correlation of
 *     Parallax's sentence score with the human mean, next to VADER's
 *     compound read from VADER.txt (one score a line, same order; made in
 *     the same run by bench/vader.js). Rows are split in two halves by
 *     position: A (even rows) is where rule weights may be tuned, B (odd
 *     rows) is reported as the result.
 *
 *   eval-tone nyt-errors FILE.tsv
 *     Half A only, one row a line: rating, score, sum, words, sentences,
 *     text and reasons, for reading the tuning half's errors.
 *
 *   eval-tone targets FILE.jsonl
 *     NewsMTSC: sentences with targets (from/to in code points) and the
 *     sentiment toward each (2 negative, 4 neutral, 6 positive). The
 *     portrayal of a target is px_article_tone_toward()'s label, whose
 *     model weights were fitted on half A (even lines); macro-F1 is
 *     printed for half A (fit) and half B (odd lines, reported), next to
 *     a baseline: the clause's summed tone with a neutral band chosen on
 *     half A.
 *
 *   eval-tone fit-targets FILE.jsonl > lib/tone/portray_weights.h
 *     Fits the portrayal model (multinomial logistic regression over the
 *     features of lib/tone/portray.c) on half A only and prints its
 *     weights as C; half B is never read.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parallax/parallax.h"
#include "../lib/tone/tone.h"

/* The portrayal model's feature count (lib/tone/tone_int.h). */
#define TW_N 19

#define MAX_LINE (1 << 20)
/* Weight of a reason outside the target's clause, chosen on half A of
 * NewsMTSC (0, 0.2, 0.35, 0.5, 0.7, 1 tried; 0.2 and 0.35 tie). */
#define OUT_W 0.35

typedef struct rows {
	double *x, *y, *v;
	int *half;
	size_t n, cap;
} rows;

/* Append one (x, y, v) row; exits on OOM (a tool, not the library). */
static void push(rows *r, double x, double y, double v, int half)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 1024;

		r->x = realloc(r->x, cap * sizeof(double));
		r->y = realloc(r->y, cap * sizeof(double));
		r->v = realloc(r->v, cap * sizeof(double));
		r->half = realloc(r->half, cap * sizeof(int));
		if (!r->x || !r->y || !r->v || !r->half) {
			fprintf(stderr, "eval-tone: out of memory\n");
			exit(2);
		}
		r->cap = cap;
	}
	r->x[r->n] = x;
	r->y[r->n] = y;
	r->v[r->n] = v;
	r->half[r->n] = half;
	r->n++;
}

/* Pearson correlation of (a, b) over n values. */
static double pearson(const double *a, const double *b, size_t n)
{
	double ma = 0, mb = 0, sab = 0, saa = 0, sbb = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		ma += a[i];
		mb += b[i];
	}
	ma /= (double)n;
	mb /= (double)n;
	for (i = 0; i < n; i++) {
		sab += (a[i] - ma) * (b[i] - mb);
		saa += (a[i] - ma) * (a[i] - ma);
		sbb += (b[i] - mb) * (b[i] - mb);
	}
	return saa > 0 && sbb > 0 ? sab / sqrt(saa * sbb) : 0;
}

static const double *sort_key;

/* qsort order of indexes by the values in sort_key. */
static int by_key(const void *p, const void *q)
{
	double a = sort_key[*(const size_t *)p];
	double b = sort_key[*(const size_t *)q];

	return a < b ? -1 : a > b;
}

/* Ranks of a (ties get their mean rank) into out. */
static void ranks(const double *a, size_t n, double *out)
{
	size_t *ix = malloc(n * sizeof(*ix)), i, j;

	if (!ix)
		exit(2);
	for (i = 0; i < n; i++)
		ix[i] = i;
	sort_key = a;
	qsort(ix, n, sizeof(*ix), by_key);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && a[ix[j]] == a[ix[i]]; j++)
			;
		for (size_t k = i; k < j; k++)
			out[ix[k]] = (double)(i + j - 1) / 2.0;
	}
	free(ix);
}

/* Spearman correlation: Pearson of the ranks. */
static double spearman(const double *a, const double *b, size_t n)
{
	double *ra = malloc(n * sizeof(double));
	double *rb = malloc(n * sizeof(double));
	double r;

	if (!ra || !rb)
		exit(2);
	ranks(a, n, ra);
	ranks(b, n, rb);
	r = pearson(ra, rb, n);
	free(ra);
	free(rb);
	return r;
}

/* Parallax's score of a piece of text: its sentences' compounds, the
 * mean weighted by words (a row is one sentence but may split). */
static double score_text(const char *p, size_t n)
{
	px_options o = {0};
	px_article *a = NULL;
	const px_sentence_tone *st;
	size_t ns, i, words = 0;
	double sum = 0;

	o.flags = PX_OPT_NO_FRONT | PX_OPT_NO_TITLE;
	if (px_article_from_text(p, n, "row", &o, &a, NULL))
		return 0;
	st = px_article_sentence_tones(a, &ns);
	for (i = 0; i < ns; i++) {
		sum += st[i].compound * (double)st[i].words;
		words += st[i].words;
	}
	px_article_free(a);
	return words ? sum / (double)words : 0;
}

/* Split a half's rows out of r into (x, y) or (v, y). */
static size_t pick(const rows *r, int half, int vader, double *x, double *y)
{
	size_t i, k = 0;

	for (i = 0; i < r->n; i++) {
		if (half >= 0 && r->half[i] != half)
			continue;
		x[k] = vader ? r->v[i] : r->x[i];
		y[k] = r->y[i];
		k++;
	}
	return k;
}

/* Correlations on the NYT editorial sentences; 0, or 2 on error. */
static int eval_nyt(const char *path, const char *vpath)
{
	FILE *f = fopen(path, "r"), *vf = NULL;
	char *line = malloc(MAX_LINE), vline[64];
	static const char *names[] = {"A (tuning)", "B (reported)", "all"};
	rows r = {0};
	size_t row = 0;
	int h;

	if (!f || !line) {
		fprintf(stderr, "eval-tone: cannot read %s\n", path);
		return 2;
	}
	if (vpath) {
		vf = fopen(vpath, "r");
		if (!vf) {
			fprintf(stderr, "eval-tone: cannot read %s\n", vpath);
			return 2;
		}
	}
	if (!fgets(line, MAX_LINE, f))
		return 2;
	while (fgets(line, MAX_LINE, f)) {
		char *t1 = strchr(line, '\t'), *t2, *end;
		double y, v = 0;
		size_t n;

		if (!t1)
			continue;
		t2 = strchr(t1 + 1, '\t');
		if (!t2)
			continue;
		y = strtod(t1 + 1, &end);
		n = strcspn(t2 + 1, "\r\n");
		if (vf && fgets(vline, sizeof(vline), vf))
			v = strtod(vline, NULL);
		push(&r, score_text(t2 + 1, n), y, v, (int)(row % 2));
		row++;
	}
	fclose(f);
	if (vf)
		fclose(vf);
	printf("sentiment-nyt-editorial: %zu sentences, halves by row "
	       "(A even rows: tuning; B odd rows: reported)\n", r.n);
	printf("  %-14s %8s %8s %8s %8s\n", "half", "px r", "px rho",
	       "vader r", "vader rho");
	for (h = 0; h < 3; h++) {
		double *x = malloc(r.n * sizeof(double));
		double *y = malloc(r.n * sizeof(double));
		double *vx = malloc(r.n * sizeof(double));
		size_t k;

		if (!x || !y || !vx)
			return 2;
		k = pick(&r, h < 2 ? h : -1, 0, x, y);
		pick(&r, h < 2 ? h : -1, 1, vx, y);
		if (vf)
			printf("  %-14s %8.3f %8.3f %8.3f %8.3f\n", names[h],
			       pearson(x, y, k), spearman(x, y, k),
			       pearson(vx, y, k), spearman(vx, y, k));
		else
			printf("  %-14s %8.3f %8.3f %8s %8s\n", names[h],
			       pearson(x, y, k), spearman(x, y, k), "-", "-");
		free(x);
		free(y);
		free(vx);
	}
	free(line);
	return 0;
}

/* Half A only (even rows; half B is never printed): rating, score, sum,
 * words, sentences, text and reasons of each row, tab-separated, for
 * reading the tuning half's errors. */
static int nyt_errors(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = malloc(MAX_LINE);
	size_t row = 0;

	if (!f || !line) {
		fprintf(stderr, "eval-tone: cannot read %s\n", path);
		return 2;
	}
	if (!fgets(line, MAX_LINE, f))
		return 2;
	while (fgets(line, MAX_LINE, f)) {
		char *t1 = strchr(line, '\t'), *t2;
		px_options o = {0};
		px_article *a = NULL;
		const px_tone_reason *rs;
		const px_sentence_tone *st;
		size_t n, nr, ns, i, words = 0;
		double y, sum = 0, raw = 0;

		if (row++ % 2 || !t1)
			continue;
		t2 = strchr(t1 + 1, '\t');
		if (!t2)
			continue;
		y = strtod(t1 + 1, NULL);
		n = strcspn(t2 + 1, "\r\n");
		o.flags = PX_OPT_NO_FRONT | PX_OPT_NO_TITLE;
		if (px_article_from_text(t2 + 1, n, "row", &o, &a, NULL))
			continue;
		st = px_article_sentence_tones(a, &ns);
		for (i = 0; i < ns; i++) {
			sum += st[i].compound * (double)st[i].words;
			raw += st[i].sum;
			words += st[i].words;
		}
		rs = px_article_tone_reasons(a, &nr);
		printf("%.3f\t%.3f\t%.3f\t%zu\t%zu\t%.*s\t", y,
		       words ? sum / (double)words : 0, raw, words, ns,
		       (int)n, t2 + 1);
		for (i = 0; i < nr; i++)
			printf(" %.*s(%.2f>%.2f:%x)",
			       (int)(rs[i].span.end - rs[i].span.start),
			       t2 + 1 + rs[i].span.start, rs[i].base,
			       rs[i].valence, rs[i].rules);
		printf("\n");
		px_article_free(a);
	}
	fclose(f);
	free(line);
	return 0;
}

/* Byte offset of code point cp in (p, n). */
static size_t cp_to_byte(const char *p, size_t n, size_t cp)
{
	size_t i = 0, k = 0;

	while (i < n && k < cp) {
		i++;
		while (i < n && ((unsigned char)p[i] & 0xC0) == 0x80)
			i++;
		k++;
	}
	return i;
}

/* Is byte b of p a clause boundary: , ; : ( ) or a dash? */
static int boundary(const char *p, size_t n, size_t b)
{
	if (p[b] == ',' || p[b] == ';' || p[b] == ':' || p[b] == '(' ||
	    p[b] == ')')
		return 1;
	return b + 2 < n && (unsigned char)p[b] == 0xE2 &&
	       (unsigned char)p[b + 1] == 0x80 &&
	       ((unsigned char)p[b + 2] == 0x94 ||
	        (unsigned char)p[b + 2] == 0x93);
}

/* Tone toward the target [ts, te) of (p, n): reasons in its clause count
 * whole, others a little. */
static double target_score(const char *p, size_t n, size_t ts, size_t te)
{
	px_options o = {0};
	px_article *a = NULL;
	const px_tone_reason *rs;
	size_t nr, i, cs = ts, ce = te;
	double sum = 0;

	o.flags = PX_OPT_NO_FRONT | PX_OPT_NO_TITLE;
	while (cs > 0 && !boundary(p, n, cs - 1))
		cs--;
	while (ce < n && !boundary(p, n, ce))
		ce++;
	if (px_article_from_text(p, n, "row", &o, &a, NULL))
		return 0;
	rs = px_article_tone_reasons(a, &nr);
	for (i = 0; i < nr; i++) {
		int in = rs[i].span.start >= cs && rs[i].span.end <= ce;

		sum += rs[i].valence * (in ? 1.0 : OUT_W);
	}
	px_article_free(a);
	return sum / sqrt(sum * sum + 15.0);
}

/* Class of a score: 0 negative, 1 neutral (|s| < band), 2 positive. */
static int label_of(double s, double band)
{
	return s <= -band ? 0 : s >= band ? 2 : 1;
}

/* Macro-F1 over three classes of the rows of one half. */
static double macro_f1(const rows *r, int half, double band)
{
	size_t tp[3] = {0}, fp[3] = {0}, fn[3] = {0}, i;
	double f = 0;
	int c;

	for (i = 0; i < r->n; i++) {
		int g = (int)r->y[i], p;

		if (r->half[i] != half)
			continue;
		p = label_of(r->x[i], band);
		if (p == g) {
			tp[g]++;
		} else {
			fp[p]++;
			fn[g]++;
		}
	}
	for (c = 0; c < 3; c++) {
		double pr = tp[c] + fp[c] ? (double)tp[c] / (double)(tp[c] +
		                                                     fp[c]) : 0;
		double rc = tp[c] + fn[c] ? (double)tp[c] / (double)(tp[c] +
		                                                     fn[c]) : 0;

		f += pr + rc > 0 ? 2 * pr * rc / (pr + rc) : 0;
	}
	return f / 3;
}

/* One target of NewsMTSC: its sentence parsed, its byte span. */
typedef struct target {
	px_article *a;
	size_t ts, te;
	int gold; /* 0 negative, 1 neutral, 2 positive */
	int half;
} target;

typedef void (*target_fn)(const target *t, void *arg);

/* Call fn for each target of the file's lines of the given half (-1:
 * both). Returns 0, or 2 when the file cannot be read. */
static int each_target(const char *path, int want, target_fn fn, void *arg,
                       size_t *nsent)
{
	FILE *f = fopen(path, "r");
	char *line = malloc(MAX_LINE);
	size_t row = 0, i;

	if (!f || !line) {
		fprintf(stderr, "eval-tone: cannot read %s\n", path);
		free(line);
		if (f)
			fclose(f);
		return 2;
	}
	while (fgets(line, MAX_LINE, f)) {
		int half = (int)(row++ % 2);
		json_t *j, *ts;
		const char *s;
		px_options o = {0};
		target t;
		size_t n;

		if (want >= 0 && half != want)
			continue;
		j = json_loads(line, 0, NULL);
		if (!j)
			continue;
		s = json_string_value(json_object_get(j,
		                                      "sentence_normalized"));
		ts = json_object_get(j, "targets");
		o.flags = PX_OPT_NO_FRONT | PX_OPT_NO_TITLE;
		t.a = NULL;
		if (s && json_is_array(ts) &&
		    !px_article_from_text(s, strlen(s), "row", &o, &t.a,
		                          NULL)) {
			n = strlen(s);
			for (i = 0; i < json_array_size(ts); i++) {
				json_t *x = json_array_get(ts, i);
				double pol = json_number_value(
					json_object_get(x, "polarity"));

				t.ts = cp_to_byte(s, n, (size_t)json_integer_value(
					json_object_get(x, "from")));
				t.te = cp_to_byte(s, n, (size_t)json_integer_value(
					json_object_get(x, "to")));
				t.gold = pol < 3 ? 0 : pol > 5 ? 2 : 1;
				t.half = half;
				fn(&t, arg);
			}
			px_article_free(t.a);
		}
		json_decref(j);
	}
	if (nsent)
		*nsent = row;
	fclose(f);
	free(line);
	return 0;
}

/* Features and gold classes of half A. */
typedef struct fitset {
	double *x; /* n * TW_N */
	int *y;
	size_t n, cap;
} fitset;

static void collect(const target *t, void *arg)
{
	fitset *fs = arg;

	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 1024;
		fs->x = realloc(fs->x, fs->cap * TW_N * sizeof(double));
		fs->y = realloc(fs->y, fs->cap * sizeof(int));
		if (!fs->x || !fs->y) {
			fprintf(stderr, "eval-tone: out of memory\n");
			exit(2);
		}
	}
	if (!pxi_tone_toward_features(t->a, t->ts, t->te,
	                              fs->x + fs->n * TW_N))
		return;
	fs->y[fs->n++] = t->gold;
}

/* Fit the portrayal model on half A; print its weights as C. */
static int fit_targets(const char *path)
{
	fitset fs = {0};
	double w[3][TW_N] = {{0}}, g[3][TW_N];
	int it, c, k;
	size_t i;

	if (each_target(path, 0, collect, &fs, NULL))
		return 2;
	if (!fs.n)
		return 2;
	for (it = 0; it < 400; it++) {
		memset(g, 0, sizeof(g));
		for (i = 0; i < fs.n; i++) {
			const double *x = fs.x + i * TW_N;
			double z[3], m, s = 0;

			for (c = 0; c < 3; c++) {
				z[c] = 0;
				for (k = 0; k < TW_N; k++)
					z[c] += w[c][k] * x[k];
			}
			m = fmax(z[0], fmax(z[1], z[2]));
			for (c = 0; c < 3; c++) {
				z[c] = exp(z[c] - m);
				s += z[c];
			}
			for (c = 0; c < 3; c++) {
				double d = z[c] / s - (c == fs.y[i]);

				for (k = 0; k < TW_N; k++)
					g[c][k] += d * x[k];
			}
		}
		for (c = 0; c < 3; c++)
			for (k = 0; k < TW_N; k++)
				w[c][k] -= 0.5 * (g[c][k] / (double)fs.n +
				                  1e-3 * w[c][k]);
	}
	printf("/* Generated by `eval-tone fit-targets` on half A (even "
	       "lines) of\n * NewsMTSC, %zu targets; classes negative, "
	       "neutral, positive. */\n", fs.n);
	for (c = 0; c < 3; c++) {
		printf("{");
		for (k = 0; k < TW_N; k++)
			printf("%s%.4f", k ? (k % 6 ? ", " : ",\n ") : "",
			       w[c][k]);
		printf("},\n");
	}
	free(fs.x);
	free(fs.y);
	return 0;
}

/* Confusion counts per half: [half][gold][predicted]. */
typedef struct confusion {
	size_t m[2][3][3];
} confusion;

static void judge(const target *t, void *arg)
{
	confusion *cf = arg;
	px_portrayal p;

	if (px_article_tone_toward(t->a, t->ts, t->te, &p))
		p.label = 0;
	cf->m[t->half][t->gold][p.label + 1]++;
}

/* Macro-F1 of one half's confusion counts. */
static double f1_of(size_t m[3][3])
{
	double f = 0;
	int c, k;

	for (c = 0; c < 3; c++) {
		size_t tp = m[c][c], fp = 0, fn = 0;
		double pr, rc;

		for (k = 0; k < 3; k++) {
			if (k == c)
				continue;
			fp += m[k][c];
			fn += m[c][k];
		}
		pr = tp + fp ? (double)tp / (double)(tp + fp) : 0;
		rc = tp + fn ? (double)tp / (double)(tp + fn) : 0;
		f += pr + rc > 0 ? 2 * pr * rc / (pr + rc) : 0;
	}
	return f / 3;
}

/* Macro-F1 of target portrayal on NewsMTSC; 0, or 2 on error. */
static int eval_targets(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = malloc(MAX_LINE);
	rows r = {0};
	size_t row = 0, i;
	double best = 0, band = 0.05, b;

	if (!f || !line) {
		fprintf(stderr, "eval-tone: cannot read %s\n", path);
		return 2;
	}
	while (fgets(line, MAX_LINE, f)) {
		json_t *j = json_loads(line, 0, NULL), *ts;
		const char *s;
		size_t n;

		if (!j)
			continue;
		s = json_string_value(json_object_get(j,
		                                      "sentence_normalized"));
		ts = json_object_get(j, "targets");
		if (s && json_is_array(ts)) {
			n = strlen(s);
			for (i = 0; i < json_array_size(ts); i++) {
				json_t *t = json_array_get(ts, i);
				size_t from, to;
				double pol;
				int g;

				from = (size_t)json_integer_value(
					json_object_get(t, "from"));
				to = (size_t)json_integer_value(
					json_object_get(t, "to"));
				pol = json_number_value(
					json_object_get(t, "polarity"));
				g = pol < 3 ? 0 : pol > 5 ? 2 : 1;
				push(&r, target_score(s, n,
				                      cp_to_byte(s, n, from),
				                      cp_to_byte(s, n, to)),
				     (double)g, 0, (int)(row % 2));
			}
		}
		json_decref(j);
		row++;
	}
	fclose(f);
	for (b = 0.0; b < 0.8; b += 0.01) {
		double m = macro_f1(&r, 0, b);

		if (m > best) {
			best = m;
			band = b;
		}
	}
	printf("targeted-sentiment-newsmtsc: %zu targets in %zu sentences, "
	       "halves by line\n", r.n, row);
	printf("  baseline (clause sum): neutral band |compound| < %.2f "
	       "chosen on half A (macro-F1 %.3f)\n", band, best);
	printf("  baseline (clause sum): macro-F1 on half B %.3f\n",
	       macro_f1(&r, 1, band));
	free(line);
	{
		confusion cf;

		memset(&cf, 0, sizeof(cf));
		if (each_target(path, -1, judge, &cf, NULL))
			return 2;
		printf("  px_article_tone_toward (model fitted on half A): "
		       "macro-F1 half A (fit) %.3f, half B (reported) %.3f\n",
		       f1_of(cf.m[0]), f1_of(cf.m[1]));
	}
	return 0;
}


/* eval-tone nyt FILE.tsv [VADER.txt] | eval-tone targets FILE.jsonl */
int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "nyt"))
		return eval_nyt(argv[2], argc > 3 ? argv[3] : NULL);
	if (argc >= 3 && !strcmp(argv[1], "nyt-errors"))
		return nyt_errors(argv[2]);
	if (argc >= 3 && !strcmp(argv[1], "targets"))
		return eval_targets(argv[2]);
	if (argc >= 3 && !strcmp(argv[1], "fit-targets"))
		return fit_targets(argv[2]);
	fprintf(stderr, "usage: eval-tone nyt FILE.tsv [VADER.txt]\n"
	                "       eval-tone nyt-errors FILE.tsv\n"
	                "       eval-tone targets FILE.jsonl\n"
	                "       eval-tone fit-targets FILE.jsonl\n");
	return 2;
}
