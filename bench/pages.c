/*
 * pages.c - throughput of web pages and web archives, one thread, in
 * memory, on the development pages (../shared/data/html-extraction-dev:
 * the .html pages of trafilatura/html and the .html.gz of scrapinghub/html):
 *
 *   --extract  main-text extraction alone (lib/html, content scoring):
 *              MB/s of HTML;
 *   --warc     the pages as HTTP 200 responses of a WARC gzipped per
 *              record (built in memory before timing), end to end:
 *              px_warc_next, px_article_from_item (the full analysis),
 *              px_article_to_json; MB/s of gzipped WARC, and of HTML.
 *
 *   bench-pages --extract|--warc [-r RUNS] [DIR]
 *
 * Prints "key value" lines like bench-pipeline: mode, runs, articles
 * (pages), failed, html_mb, warc_gz_mb, seconds (best run, wall clock),
 * cpu_seconds (best run, the process's CPU time), mb_per_s and
 * cpu_mb_per_s (of HTML for --extract, of gzipped WARC for --warc),
 * html_mb_per_s, articles_per_s, peak_rss_mb, hash (FNV-1a of the texts
 * or the JSON, the same in every run).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <zlib.h>

#include "html/html.h"
#include "../tools/file.h"

typedef struct page {
	char *p;
	size_t n;
} page;

typedef struct pages {
	page *a;
	size_t n, cap, bytes;
} pages;

static double now(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every .html and .html.gz page of dir (gunzipped), in name order. */
static void load(pages *ps, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, i;

	if (!d)
		return;
	while ((de = readdir(d)) != NULL) {
		if (!strstr(de->d_name, ".html"))
			continue;
		names = realloc(names, (n + 1) * sizeof(*names));
		names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		char path[4096];
		size_t len = 0;
		char *p;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		p = read_file(path, &len);
		if (p && pxi_is_gzip(p, len)) {
			char *raw = NULL;
			size_t raw_len = 0;

			if (pxi_gunzip(NULL, p, len, 0, (size_t)64 << 20, path,
			               &raw, &raw_len, NULL, NULL) == PX_OK) {
				free(p);
				p = raw;
				len = raw_len;
			}
		}
		if (p) {
			if (ps->n == ps->cap) {
				ps->cap = ps->cap ? ps->cap * 2 : 256;
				ps->a = realloc(ps->a,
				                ps->cap * sizeof(*ps->a));
			}
			ps->a[ps->n].p = p;
			ps->a[ps->n].n = len;
			ps->n++;
			ps->bytes += len;
		}
		free(names[i]);
	}
	free(names);
}

static unsigned long long fnv(unsigned long long h, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* gzip (p, n) as one member onto (*out, *len). */
static void gzip_onto(char **out, size_t *len, size_t *cap, const char *p,
                      size_t n)
{
	z_stream zs;
	size_t bound;

	memset(&zs, 0, sizeof(zs));
	deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
	             Z_DEFAULT_STRATEGY);
	bound = deflateBound(&zs, n) + 64;
	if (*len + bound > *cap) {
		*cap = (*len + bound) * 2;
		*out = realloc(*out, *cap);
	}
	zs.next_in = (Bytef *)(uintptr_t)p;
	zs.avail_in = (uInt)n;
	zs.next_out = (Bytef *)*out + *len;
	zs.avail_out = (uInt)(*cap - *len);
	deflate(&zs, Z_FINISH);
	*len = (size_t)((char *)zs.next_out - *out);
	deflateEnd(&zs);
}

/* The pages as a WARC, one gzip member per response record. */
static char *build_warc(const pages *ps, size_t *len)
{
	char *out = NULL, *rec = NULL, head[512];
	size_t cap = 0, i;

	*len = 0;
	for (i = 0; i < ps->n; i++) {
		static const char http[] = "HTTP/1.1 200 OK\r\nContent-Type: "
		                           "text/html\r\n\r\n";
		size_t block = sizeof(http) - 1 + ps->a[i].n, h, n;

		h = (size_t)snprintf(head, sizeof(head),
		                     "WARC/1.0\r\nWARC-Type: response\r\n"
		                     "WARC-Date: 2025-01-01T00:00:00Z\r\n"
		                     "WARC-Target-URI: "
		                     "http://bench.example/%zu\r\n"
		                     "Content-Type: application/http; "
		                     "msgtype=response\r\n"
		                     "Content-Length: %zu\r\n\r\n", i, block);
		n = h + block + 4;
		rec = realloc(rec, n);
		memcpy(rec, head, h);
		memcpy(rec + h, http, sizeof(http) - 1);
		memcpy(rec + h + sizeof(http) - 1, ps->a[i].p, ps->a[i].n);
		memcpy(rec + n - 4, "\r\n\r\n", 4);
		gzip_onto(&out, len, &cap, rec, n);
	}
	free(rec);
	return out;
}

int main(int argc, char **argv)
{
	const char *dir = "../shared/data/html-extraction-dev";
	int warc = 0, runs = 3, r, i;
	char path[4096], *arc = NULL;
	size_t arc_len = 0, failed = 0, k;
	unsigned long long hash = 0;
	double best = 0, best_cpu = 0;
	struct rusage ru;
	pages ps;

	memset(&ps, 0, sizeof(ps));
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--warc"))
			warc = 1;
		else if (!strcmp(argv[i], "--extract"))
			warc = 0;
		else if (!strcmp(argv[i], "-r") && i + 1 < argc)
			runs = atoi(argv[++i]) > 0 ? atoi(argv[i]) : 1;
		else
			dir = argv[i];
	}
	snprintf(path, sizeof(path), "%s/trafilatura/html", dir);
	load(&ps, path);
	snprintf(path, sizeof(path), "%s/scrapinghub/html", dir);
	load(&ps, path);
	if (!ps.n) {
		fprintf(stderr, "bench-pages: no pages in %s\n", dir);
		return 1;
	}
	if (warc)
		arc = build_warc(&ps, &arc_len);
	for (r = 0; r < runs; r++) {
		unsigned long long h = 14695981039346656037ULL;
		double t0 = now(CLOCK_MONOTONIC), dt;
		double c0 = now(CLOCK_PROCESS_CPUTIME_ID), dc;

		failed = 0;
		if (!warc) {
			for (k = 0; k < ps.n; k++) {
				pxi_arena ar;
				pxi_html_doc d;

				pxi_arena_init(&ar, NULL);
				if (pxi_html_extract(&ar, ps.a[k].p, ps.a[k].n,
				                     NULL, "page", 0, &d, NULL))
					failed++;
				else
					h = fnv(h, d.text, d.len);
				pxi_arena_free(&ar);
			}
		} else {
			px_warc *w = NULL;
			const px_item *it;

			px_warc_open_mem(arc, arc_len, "bench.warc.gz", NULL,
			                 &w, NULL);
			for (;;) {
				px_article *a = NULL;
				char *js = NULL;
				size_t jn = 0;

				if (px_warc_next(w, &it, NULL)) {
					failed++;
					continue;
				}
				if (!it)
					break;
				if (px_article_from_item(it, NULL, &a, NULL) ||
				    px_article_to_json(a, 0, &js, &jn))
					failed++;
				else
					h = fnv(h, js, jn);
				free(js);
				px_article_free(a);
			}
			px_warc_free(w);
		}
		dt = now(CLOCK_MONOTONIC) - t0;
		dc = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
		if (!r || dt < best)
			best = dt;
		if (!r || dc < best_cpu)
			best_cpu = dc;
		if (r && h != hash) {
			fprintf(stderr, "bench-pages: output differs between "
			        "runs\n");
			return 1;
		}
		hash = h;
	}
	getrusage(RUSAGE_SELF, &ru);
	printf("mode %s\n", warc ? "warc" : "extract");
	printf("runs %d\n", runs);
	printf("articles %zu\n", ps.n);
	printf("failed %zu\n", failed);
	printf("html_mb %.2f\n", (double)ps.bytes / 1e6);
	if (warc)
		printf("warc_gz_mb %.2f\n", (double)arc_len / 1e6);
	else
		printf("warc_gz_mb -\n");
	printf("seconds %.4f\n", best);
	printf("cpu_seconds %.4f\n", best_cpu);
	printf("mb_per_s %.1f\n",
	       (double)(warc ? arc_len : ps.bytes) / 1e6 / best);
	printf("cpu_mb_per_s %.1f\n",
	       (double)(warc ? arc_len : ps.bytes) / 1e6 / best_cpu);
	printf("html_mb_per_s %.1f\n", (double)ps.bytes / 1e6 / best);
	printf("articles_per_s %.0f\n", (double)ps.n / best);
	printf("peak_rss_mb %.1f\n", (double)ru.ru_maxrss / 1024.0);
	printf("hash %016llx\n", hash);
	for (k = 0; k < ps.n; k++)
		free(ps.a[k].p);
	free(ps.a);
	free(arc);
	return 0;
}
