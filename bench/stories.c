/*
 * stories.c - near-copy detection and story clustering throughput.
 *
 *   bench-stories CORPUS.jsonl [MAX_ARTICLES]
 *
 * Analyzes the corpus once on all cores (timed apart: analysis is the
 * per-article pipeline, measured by bench/run.sh), reduces each article
 * to what stories match on, then feeds px_stories copy after copy of the
 * corpus: copy c is dated 30 days after copy c-1 (its articles spread
 * over the first two weeks in corpus order, so that a copy's stories are
 * past the reach of the next copy's, as a month apart) and has every
 * capitalized word and entity key renamed for that copy (as if a copy
 * number were appended to each name), so each copy forms its own
 * stories instead of near-copies of the first. Renaming is applied to
 * the reduced words, which is what analyzing the renamed text would
 * give, without analyzing 250,000 articles again.
 *
 * Prints, after the corpus itself and at 25k, 100k and 250k articles:
 * articles, clustering articles/s per core (the clustering thread's CPU
 * time), stories formed, near-copy pairs, live RSS and peak RSS.
 * PX_LATE_BINDING=1 measures the set with late binding.
 */
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "parallax/parallax.h"
#include "story/story.h"

typedef struct corpus {
	char **lines;
	size_t *lens;
	size_t n;
	pxi_doc *docs;
	int *ok;
	size_t next; /* guarded by mu */
	pthread_mutex_t mu;
} corpus;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of this thread: articles/s per core even on a busy machine
 * (clustering runs on one thread). */
static double cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double rss_mb(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	long pages = 0, res = 0;

	if (!f)
		return 0;
	if (fscanf(f, "%ld %ld", &pages, &res) != 2)
		res = 0;
	fclose(f);
	return (double)res * (double)sysconf(_SC_PAGESIZE) / 1048576.0;
}

static double peak_mb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_maxrss / 1024.0;
}

static void *worker(void *arg)
{
	corpus *c = arg;

	for (;;) {
		size_t i;
		px_article *a = NULL;
		px_error err;

		pthread_mutex_lock(&c->mu);
		i = c->next++;
		pthread_mutex_unlock(&c->mu);
		if (i >= c->n)
			break;
		if (px_article_from_json(c->lines[i], c->lens[i], "corpus",
		                         i + 1, NULL, &a, &err) == PX_OK &&
		    pxi_doc_from_article(a, NULL, &c->docs[i]) == PX_OK)
			c->ok[i] = 1;
		px_article_free(a);
	}
	return NULL;
}

static int load(const char *path, corpus *c)
{
	FILE *f = fopen(path, "rb");
	char *line = NULL;
	size_t cap = 0, ncap = 0;
	ssize_t len;

	if (!f)
		return -1;
	while ((len = getline(&line, &cap, f)) > 0) {
		if (c->n == ncap) {
			ncap = ncap ? ncap * 2 : 4096;
			c->lines = realloc(c->lines, ncap * sizeof(*c->lines));
			c->lens = realloc(c->lens, ncap * sizeof(*c->lens));
			if (!c->lines || !c->lens)
				return -1;
		}
		c->lines[c->n] = malloc((size_t)len);
		if (!c->lines[c->n])
			return -1;
		memcpy(c->lines[c->n], line, (size_t)len);
		c->lens[c->n++] = (size_t)len;
	}
	free(line);
	fclose(f);
	return 0;
}

/* The doc of copy k of d: names renamed, dated day. */
static int copy_doc(const pxi_doc *d, uint64_t k, int32_t day, pxi_doc *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->day = day;
	out->w = malloc((d->nw + 1) * sizeof(*out->w));
	out->keys = malloc((d->nkeys + 1) * sizeof(*out->keys));
	out->facts = malloc((d->nfacts + 1) * sizeof(*out->facts));
	if (!out->w || !out->keys || !out->facts)
		return -1;
	memcpy(out->w, d->w, d->nw * sizeof(*out->w));
	memcpy(out->keys, d->keys, d->nkeys * sizeof(*out->keys));
	memcpy(out->facts, d->facts, d->nfacts * sizeof(*out->facts));
	out->nw = d->nw;
	out->nkeys = d->nkeys;
	out->nfacts = d->nfacts;
	/* the words' vector as the original's (renamed names would not be
	 * in the word-vector table) */
	memcpy(out->emb, d->emb, sizeof(out->emb));
	out->has_emb = d->has_emb;
	if (!k)
		return 0;
	for (i = 0; i < out->nw; i++) {
		if (!out->w[i].cap)
			continue;
		out->w[i].h = pxi_mix(out->w[i].h, k);
		if (out->w[i].term)
			out->w[i].term = pxi_mix(out->w[i].term, k);
	}
	for (i = 0; i < out->nkeys; i++)
		out->keys[i] = pxi_mix(out->keys[i], k);
	return 0;
}

int main(int argc, char **argv)
{
	corpus c;
	pthread_t th[64];
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	size_t max = argc > 2 ? strtoul(argv[2], NULL, 10) : 250000;
	size_t marks[4], nmarks = 0, m = 0, added = 0, i, copy = 0, nok = 0;
	double t0, t_an, t_cl = 0, mb = 0, last_t = 0;
	size_t last_n = 0;
	px_stories *s = NULL;
	px_stories_opts so;
	int k;

	if (argc < 2) {
		fprintf(stderr, "usage: bench-stories CORPUS.jsonl [MAX]\n");
		return 2;
	}
	memset(&c, 0, sizeof(c));
	pthread_mutex_init(&c.mu, NULL);
	if (load(argv[1], &c) || !c.n) {
		fprintf(stderr, "bench-stories: cannot read %s\n", argv[1]);
		return 1;
	}
	c.docs = calloc(c.n, sizeof(*c.docs));
	c.ok = calloc(c.n, sizeof(*c.ok));
	if (!c.docs || !c.ok)
		return 3;
	if (ncpu < 1)
		ncpu = 1;
	if (ncpu > 64)
		ncpu = 64;
	for (i = 0; i < c.n; i++)
		mb += (double)c.lens[i] / 1048576.0;
	t0 = now();
	for (k = 0; k < ncpu; k++)
		pthread_create(&th[k], NULL, worker, &c);
	for (k = 0; k < ncpu; k++)
		pthread_join(th[k], NULL);
	t_an = now() - t0;
	for (i = 0; i < c.n; i++) {
		nok += (size_t)c.ok[i];
		free(c.lines[i]);
	}
	free(c.lines);
	free(c.lens);
	printf("corpus: %zu articles (%.1f MB) analyzed in %.1f s on %ld "
	       "cores: %.0f articles/s (analysis, not counted below)\n",
	       nok, mb, t_an, ncpu, (double)nok / t_an);
	marks[nmarks++] = nok;
	if (max >= 25000)
		marks[nmarks++] = 25000;
	if (max >= 100000)
		marks[nmarks++] = 100000;
	if (max >= 250000)
		marks[nmarks++] = 250000;
	/* PX_LATE_BINDING=1: the set with late binding (cluster and brief
	 * --late-binding), else as the store and the defaults have it */
	memset(&so, 0, sizeof(so));
	so.late_binding = getenv("PX_LATE_BINDING") &&
	                  atoi(getenv("PX_LATE_BINDING")) == 1;
	printf("late binding: %s\n", so.late_binding ? "on" : "off");
	if (px_stories_create(&so, &s))
		return 3;
	printf("%10s %14s %14s %10s %12s %10s %10s\n", "articles",
	       "clustering/s", "since last/s", "stories", "near-copies",
	       "RSS MB", "peak MB");
	while (m < nmarks) {
		for (i = 0; i < c.n && m < nmarks; i++) {
			pxi_doc d;
			int32_t day = 18262 + (int32_t)(copy * 30) +
			              (int32_t)(i * 14 / c.n);
			double t1;
			px_status rc;

			if (!c.ok[i])
				continue;
			if (copy_doc(&c.docs[i], copy, day, &d))
				return 3;
			t1 = cpu_now();
			rc = pxi_stories_add_doc(s, &d, NULL, NULL);
			t_cl += cpu_now() - t1;
			pxi_doc_free(NULL, &d);
			if (rc) {
				fprintf(stderr, "bench-stories: %s\n",
				        px_strerror(rc));
				return 1;
			}
			added++;
			if (added == marks[m]) {
				size_t ncp = 0;

				px_stories_copies(s, &ncp);
				printf("%10zu %14.0f %14.0f %10zu %12zu %10.1f "
				       "%10.1f\n", added, (double)added / t_cl,
				       (double)(added - last_n) /
				       (t_cl - last_t), px_stories_nstories(s),
				       ncp, rss_mb(), peak_mb());
				last_n = added;
				last_t = t_cl;
				fflush(stdout);
				m++;
			}
		}
		copy++;
	}
	printf("target: >= 5000 articles/s per core (clustering runs on one "
	       "core), RSS flat as articles grow\n");
	px_stories_free(s);
	for (i = 0; i < c.n; i++)
		pxi_doc_free(NULL, &c.docs[i]);
	free(c.docs);
	free(c.ok);
	return 0;
}
