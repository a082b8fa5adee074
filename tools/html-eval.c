/*
 * html-eval.c - how well lib/html finds a page's main text, measured on
 * ../shared/data/html-extraction-dev (make eval-html), next to an "all
 * visible text" baseline computed in the same run:
 *
 *   scrapinghub/: 4-token shingles (tokens are lower-cased runs of
 *     letters, marks, digits and '_', as Python's \w+), multisets; per
 *     page tp/fp/fn give precision and recall (1 and 1 when both texts
 *     are empty), averaged over pages; F1 of the two means.
 *   trafilatura/: snippets.json; a "with" snippet found in the
 *     extraction is a true positive (else a false negative), a "without"
 *     snippet found a false positive; summed over pages. White space is
 *     collapsed in both before the substring test.
 *
 * Also MB/s of HTML per core (extraction alone, one thread).
 *
 *   html-eval DATA_DIR
 */
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

#include "html/html.h"
#include "file.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double secs_spent, bytes_seen;

/* Extract a page (gzip or not); the text is malloc'd, "" on failure. */
static char *extract(const char *path, unsigned mode, int timed)
{
	size_t len = 0, rn = 0, used;
	char *p = read_file(path, &len), *raw = NULL, *txt;
	pxi_arena ar;
	pxi_html_doc d;
	px_error err;
	double t0;

	if (!p)
		return strdup("");
	if (pxi_is_gzip(p, len)) {
		if (pxi_gunzip(NULL, p, len, 0, (size_t)1 << 28, path, &raw,
		               &rn, &used, &err)) {
			fprintf(stderr, "html-eval: %s\n", err.msg);
			free(p);
			return strdup("");
		}
		free(p);
		p = raw;
		len = rn;
	}
	pxi_arena_init(&ar, NULL);
	t0 = now();
	if (pxi_html_extract(&ar, p, len, NULL, path, mode, &d, &err)) {
		txt = strdup("");
	} else {
		txt = strdup(d.text);
	}
	if (timed) {
		secs_spent += now() - t0;
		bytes_seen += (double)len;
	}
	pxi_arena_free(&ar);
	free(p);
	return txt;
}

/* ---- Shingles ---------------------------------------------------------------- */

typedef struct shingles {
	unsigned long long *h;
	size_t n;
} shingles;

static int cmp_u64(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a;
	unsigned long long y = *(const unsigned long long *)b;

	return x < y ? -1 : x > y;
}

/* Sorted hashes of the 4-token shingles of z. */
static shingles shingle(const char *z)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)z;
	utf8proc_ssize_t n = (utf8proc_ssize_t)strlen(z), i = 0;
	unsigned long long *tok = NULL, h = 1469598103934665603ULL;
	size_t nt = 0, cap = 0, k;
	int in = 0;
	shingles s = {NULL, 0};

	while (i <= n) {
		utf8proc_int32_t cp = 0;
		utf8proc_ssize_t k2 = 1;
		int w = 0;

		if (i < n) {
			k2 = utf8proc_iterate(p + i, n - i, &cp);
			if (k2 < 1) {
				k2 = 1;
				cp = 0;
			}
			{
				utf8proc_category_t c = utf8proc_category(cp);

				w = cp == '_' || (c >= UTF8PROC_CATEGORY_LU &&
				                  c <= UTF8PROC_CATEGORY_NO);
			}
		}
		if (w) {
			h = (h ^ (unsigned long long)utf8proc_tolower(cp)) *
			    1099511628211ULL;
			in = 1;
		} else if (in) {
			if (nt == cap) {
				cap = cap ? cap * 2 : 256;
				tok = realloc(tok, cap * sizeof(*tok));
			}
			tok[nt++] = h;
			h = 1469598103934665603ULL;
			in = 0;
		}
		i += k2;
	}
	if (nt >= 4) {
		s.h = malloc((nt - 3) * sizeof(*s.h));
		for (k = 0; k + 4 <= nt; k++)
			s.h[s.n++] = tok[k] * 31 * 31 * 31 +
			             tok[k + 1] * 31 * 31 + tok[k + 2] * 31 +
			             tok[k + 3];
		qsort(s.h, s.n, sizeof(*s.h), cmp_u64);
	}
	free(tok);
	return s;
}

/* Multiset intersection size of two sorted lists. */
static size_t common(const shingles *a, const shingles *b)
{
	size_t i = 0, j = 0, c = 0;

	while (i < a->n && j < b->n) {
		if (a->h[i] == b->h[j]) {
			c++;
			i++;
			j++;
		} else if (a->h[i] < b->h[j]) {
			i++;
		} else {
			j++;
		}
	}
	return c;
}

static void scrapinghub(const char *dir)
{
	char path[4096];
	struct dirent **names;
	int n, i, m;
	double sp[2] = {0, 0}, sr[2] = {0, 0};
	int pages = 0;

	snprintf(path, sizeof(path), "%s/scrapinghub/html", dir);
	n = scandir(path, &names, NULL, alphasort);
	if (n < 0) {
		printf("scrapinghub: skip (no %s)\n", path);
		return;
	}
	for (i = 0; i < n; i++) {
		char gp[4096], id[512];
		const char *nm = names[i]->d_name;
		size_t glen;
		char *gold;
		shingles g;

		if (nm[0] == '.' || !strstr(nm, ".html"))
			continue;
		snprintf(id, sizeof(id), "%.*s", (int)(strstr(nm, ".html") - nm),
		         nm);
		snprintf(gp, sizeof(gp), "%s/scrapinghub/gold/%s.txt", dir, id);
		gold = read_file(gp, &glen);
		if (!gold)
			continue;
		g = shingle(gold);
		for (m = 0; m < 2; m++) {
			char *t;
			shingles e;
			size_t tp;
			double p, r;

			snprintf(path, sizeof(path), "%s/scrapinghub/html/%s", dir,
			         nm);
			t = extract(path, m ? PXI_HTML_ALL : 0, !m);
			e = shingle(t);
			tp = common(&g, &e);
			if (!g.n && !e.n) {
				p = r = 1;
			} else {
				p = e.n ? (double)tp / (double)e.n : 0;
				r = g.n ? (double)tp / (double)g.n : 0;
			}
			if (!m && getenv("HTML_EVAL_VERBOSE"))
				printf("  %s P %.3f R %.3f\n", id, p, r);
			sp[m] += p;
			sr[m] += r;
			free(e.h);
			free(t);
		}
		pages++;
		free(g.h);
		free(gold);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	for (m = 0; m < 2; m++) {
		double p = pages ? sp[m] / pages : 0, r = pages ? sr[m] / pages : 0;

		printf("scrapinghub %-9s %3d pages  P %.3f  R %.3f  F1 %.3f\n",
		       m ? "all-text" : "parallax", pages, p, r,
		       p + r > 0 ? 2 * p * r / (p + r) : 0);
	}
}

/* ---- Snippets ------------------------------------------------------------------ */

static char *squash(const char *z)
{
	size_t n = strlen(z), i, k = 0;
	char *o = malloc(n + 1);
	int sp = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)z[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
			sp = 1;
			continue;
		}
		if (c == 0xC2 && (unsigned char)z[i + 1] == 0xA0) {
			sp = 1;
			i++;
			continue;
		}
		if (sp && k)
			o[k++] = ' ';
		sp = 0;
		o[k++] = (char)c;
	}
	o[k] = '\0';
	return o;
}

static void trafilatura(const char *dir)
{
	char path[4096];
	json_t *root, *v;
	const char *url;
	long tp[2] = {0, 0}, fp[2] = {0, 0}, fn[2] = {0, 0}, tn[2] = {0, 0};
	int pages = 0, m;

	snprintf(path, sizeof(path), "%s/trafilatura/snippets.json", dir);
	root = json_load_file(path, 0, NULL);
	if (!root) {
		printf("trafilatura: skip (no %s)\n", path);
		return;
	}
	json_object_foreach(root, url, v) {
		const char *file = json_string_value(json_object_get(v, "file"));
		json_t *with = json_object_get(v, "with");
		json_t *without = json_object_get(v, "without");

		if (!file)
			continue;
		pages++;
		for (m = 0; m < 2; m++) {
			char *t, *sq;
			size_t i;
			long miss = 0, bad = 0;

			snprintf(path, sizeof(path), "%s/trafilatura/html/%s", dir,
			         file);
			t = extract(path, m ? PXI_HTML_ALL : 0, !m);
			sq = squash(t);
			for (i = 0; i < json_array_size(with); i++) {
				char *s = squash(json_string_value(
				        json_array_get(with, i)));

				if (strstr(sq, s)) {
					tp[m]++;
				} else {
					fn[m]++;
					miss++;
				}
				free(s);
			}
			for (i = 0; i < json_array_size(without); i++) {
				char *s = squash(json_string_value(
				        json_array_get(without, i)));

				if (strstr(sq, s)) {
					fp[m]++;
					bad++;
				} else {
					tn[m]++;
				}
				free(s);
			}
			if (!m && (miss || bad) && getenv("HTML_EVAL_VERBOSE"))
				printf("  %s: %ld missed, %ld boilerplate\n",
				       file, miss, bad);
			free(sq);
			free(t);
		}
	}
	json_decref(root);
	for (m = 0; m < 2; m++) {
		double p = tp[m] + fp[m] ? (double)tp[m] / (tp[m] + fp[m]) : 0;
		double r = tp[m] + fn[m] ? (double)tp[m] / (tp[m] + fn[m]) : 0;

		printf("trafilatura %-9s %3d pages  P %.3f  R %.3f  F1 %.3f"
		       "  (tp %ld fp %ld fn %ld tn %ld)\n",
		       m ? "all-text" : "parallax", pages, p, r,
		       p + r > 0 ? 2 * p * r / (p + r) : 0, tp[m], fp[m],
		       fn[m], tn[m]);
	}
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1]
	                           : "../shared/data/html-extraction-dev";

	scrapinghub(dir);
	trafilatura(dir);
	if (secs_spent > 0)
		printf("speed: %.1f MB/s of HTML per core (extraction, %.1f MB "
		       "in %.2f s)\n", bytes_seen / 1e6 / secs_spent,
		       bytes_seen / 1e6, secs_spent);
	return 0;
}
