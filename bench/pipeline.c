/*
 * pipeline.c - throughput of the in-memory text pipeline.
 *
 * Reads a JSON Lines corpus (fields id, title, text) wholly into memory,
 * then times only px_article_from_record() + px_article_free() over every
 * article on N threads, best of R runs: the full analysis (text pipeline,
 * entities, quotes, amounts, dates) by default, the text pipeline alone
 * (paragraphs, tokens, sentences, residue: PX_OPT_TEXT_ONLY) with
 * --text-only. With --whitespace it times a plain whitespace token counter
 * over the same texts instead: the floor for one pass over the bytes.
 * -n N reads only the first N records.
 *
 * Every article's result is hashed (FNV-1a over token count, sentence
 * count and the residue spans with their offsets and kinds; in full mode
 * also the entities, mentions, quotes, amounts and dates); the hashes are
 * combined in input order, so the total is the same for any -j and a fast
 * run can be checked to be also right.
 *
 *   bench-pipeline [--whitespace | --text-only] [-j N] [-r RUNS] [-n N]
 *                  [FILE]
 *
 * Output is one "key value" pair a line (see bench/README.md).
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <jansson.h>

#include "parallax/parallax.h"

#define DEFAULT_CORPUS "/work/shared/data/bench-corpus.jsonl"
#define MAX_THREADS 256
#define MAX_RUNS 100
#define FNV_OFFSET UINT64_C(0xcbf29ce484222325)
#define FNV_PRIME UINT64_C(0x100000001b3)

/* One article of the corpus, held in memory for the whole run. */
typedef struct bench_doc {
	char *id;    /* NUL-terminated, or NULL */
	char *title; /* NUL-terminated, or NULL */
	char *text;  /* len bytes, not NUL-terminated */
	size_t len;
	char *input; /* "path:line", for error messages */
} bench_doc;

/* What one article gave; written by one thread, read after the join. */
typedef struct bench_res {
	uint64_t hash;
	size_t ntok;
	size_t nsent;
	size_t nres;
	size_t nent;  /* entities; the counts below stay 0 with --text-only */
	size_t nment; /* mentions */
	size_t nquote;
	size_t namount;
	size_t ndate;
	px_status rc;
} bench_res;

typedef struct bench {
	bench_doc *docs;
	size_t n;
	size_t cap;
	size_t bytes;      /* text bytes over all articles */
	bench_res *res;    /* n results of the latest run */
	atomic_size_t next; /* next unclaimed article */
	int whitespace;    /* --whitespace mode */
	px_options opts;   /* for px_article_from_record: --text-only */
} bench;

/* Fold the 8 bytes of v, least significant first, into an FNV-1a hash. */
static uint64_t fnv_u64(uint64_t h, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++) {
		h ^= v & 0xffu;
		h *= FNV_PRIME;
		v >>= 8;
	}
	return h;
}

/* Fold the bytes of the NUL-terminated s into h; NULL folds as 0xff. */
static uint64_t fnv_str(uint64_t h, const char *s)
{
	if (!s) {
		h ^= 0xffu;
		return h * FNV_PRIME;
	}
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= FNV_PRIME;
	}
	return h * FNV_PRIME; /* the NUL: "ab", "c" is not "a", "bc" */
}

/* Fold the bit pattern of v into h. */
static uint64_t fnv_double(uint64_t h, double v)
{
	uint64_t u;

	memcpy(&u, &v, sizeof(u));
	return fnv_u64(h, u);
}

/* Wall-clock seconds from a monotonic clock. */
static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Peak resident set size of this process so far, in MB (10^6 bytes). */
static double peak_rss_mb(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru))
		return -1.0;
	return (double)ru.ru_maxrss * 1024.0 / 1e6; /* ru_maxrss is KiB */
}

/* A malloc'd NUL-terminated copy of n bytes of p; NULL when out of memory. */
static char *dup_bytes(const char *p, size_t n)
{
	char *z = malloc(n + 1);

	if (!z)
		return NULL;
	memcpy(z, p, n);
	z[n] = '\0';
	return z;
}

/* Free every article and the arrays; b may be partly filled. */
static void bench_free(bench *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		free(b->docs[i].id);
		free(b->docs[i].title);
		free(b->docs[i].text);
		free(b->docs[i].input);
	}
	free(b->docs);
	free(b->res);
	b->docs = NULL;
	b->res = NULL;
	b->n = 0;
}

/*
 * Copy string field key of object o into *out (malloc'd, NUL-terminated),
 * OUT: *len its length. A missing or null field leaves *out NULL.
 * Returns 0, or -1 when the field is not a string or memory runs out.
 */
static int take_field(json_t *o, const char *key, char **out, size_t *len)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (len)
		*len = 0;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return -1;
	*out = dup_bytes(json_string_value(v), json_string_length(v));
	if (!*out)
		return -1;
	if (len)
		*len = json_string_length(v);
	return 0;
}

/* Append one parsed record to b. Returns 0, or -1 with a message. */
static int add_record(bench *b, json_t *o, const char *path, size_t line)
{
	bench_doc d;
	size_t need;
	int rc;

	memset(&d, 0, sizeof(d));
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 4096;
		bench_doc *docs = realloc(b->docs, cap * sizeof(*docs));

		if (!docs)
			goto nomem;
		b->docs = docs;
		b->cap = cap;
	}
	rc = take_field(o, "id", &d.id, NULL);
	if (!rc)
		rc = take_field(o, "title", &d.title, NULL);
	if (!rc)
		rc = take_field(o, "text", &d.text, &d.len);
	if (rc || !d.text) {
		fprintf(stderr, "bench-pipeline: %s:%zu: field id, title or "
		        "text is not a string, or out of memory\n", path,
		        line);
		goto fail;
	}
	need = strlen(path) + 24; /* ":" and the digits of a size_t */
	d.input = malloc(need);
	if (!d.input)
		goto nomem;
	snprintf(d.input, need, "%s:%zu", path, line);
	b->docs[b->n++] = d;
	b->bytes += d.len;
	return 0;
nomem:
	fprintf(stderr, "bench-pipeline: out of memory\n");
fail:
	free(d.id);
	free(d.title);
	free(d.text);
	free(d.input);
	return -1;
}

/*
 * Read the JSON Lines file at path into b, only its first max records when
 * max is not 0. Returns 0, or -1 with a message.
 */
static int load_corpus(bench *b, const char *path, size_t max)
{
	FILE *f = fopen(path, "rb");
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t got;
	int rc = 0;

	if (!f) {
		fprintf(stderr, "bench-pipeline: cannot open %s: %s\n", path,
		        strerror(errno));
		return -1;
	}
	while ((!max || b->n < max) &&
	       (got = getline(&line, &cap, f)) >= 0) {
		size_t n = (size_t)got, i;
		json_error_t jerr;
		json_t *o;

		lineno++;
		for (i = 0; i < n; i++)
			if (line[i] != ' ' && line[i] != '\t' &&
			    line[i] != '\r' && line[i] != '\n')
				break;
		if (i == n)
			continue; /* a blank line */
		o = json_loadb(line, n, JSON_ALLOW_NUL, &jerr);
		if (!o || !json_is_object(o)) {
			fprintf(stderr, "bench-pipeline: %s:%zu: %s\n", path,
			        lineno, o ? "not a JSON object" : jerr.text);
			json_decref(o);
			rc = -1;
			break;
		}
		rc = add_record(b, o, path, lineno);
		json_decref(o);
		if (rc)
			break;
	}
	if (!rc && ferror(f)) {
		fprintf(stderr, "bench-pipeline: cannot read %s: %s\n", path,
		        strerror(errno));
		rc = -1;
	}
	free(line);
	fclose(f);
	if (!rc && !b->n) {
		fprintf(stderr, "bench-pipeline: %s holds no records\n", path);
		rc = -1;
	}
	return rc;
}

/*
 * Hash what the stages after the text pipeline report: entities, mentions,
 * quotes, amounts and dates, with their counts into *r. Returns h with
 * them folded in.
 */
static uint64_t hash_analysis(const px_article *a, uint64_t h, bench_res *r)
{
	const px_entity *ent = px_article_entities(a, &r->nent);
	const px_mention *men = px_article_mentions(a, &r->nment);
	const px_quote *quo = px_article_quotes(a, &r->nquote);
	const px_amount *amt = px_article_amounts(a, &r->namount);
	const px_date *dat = px_article_dates(a, &r->ndate);
	size_t i;

	h = fnv_u64(h, r->nent);
	for (i = 0; i < r->nent; i++) {
		h = fnv_str(h, ent[i].name);
		h = fnv_u64(h, (uint64_t)ent[i].type);
		h = fnv_str(h, ent[i].role);
		h = fnv_u64(h, ent[i].first);
		h = fnv_u64(h, ent[i].count);
	}
	h = fnv_u64(h, r->nment);
	for (i = 0; i < r->nment; i++) {
		h = fnv_u64(h, men[i].span.start);
		h = fnv_u64(h, men[i].span.end);
		h = fnv_u64(h, (uint64_t)men[i].type);
		h = fnv_u64(h, men[i].entity);
		h = fnv_u64(h, men[i].sentence);
	}
	h = fnv_u64(h, r->nquote);
	for (i = 0; i < r->nquote; i++) {
		h = fnv_u64(h, quo[i].span.start);
		h = fnv_u64(h, quo[i].span.end);
		h = fnv_u64(h, (uint64_t)quo[i].kind);
		h = fnv_u64(h, (uint64_t)quo[i].speaker_kind);
		h = fnv_u64(h, quo[i].speaker);
		h = fnv_u64(h, quo[i].sentence);
		h = fnv_u64(h, (uint64_t)quo[i].partial);
	}
	h = fnv_u64(h, r->namount);
	for (i = 0; i < r->namount; i++) {
		h = fnv_u64(h, amt[i].span.start);
		h = fnv_u64(h, amt[i].span.end);
		h = fnv_double(h, amt[i].value);
		h = fnv_str(h, amt[i].unit);
	}
	h = fnv_u64(h, r->ndate);
	for (i = 0; i < r->ndate; i++) {
		h = fnv_u64(h, dat[i].span.start);
		h = fnv_u64(h, dat[i].span.end);
		h = fnv_str(h, dat[i].value);
		h = fnv_str(h, dat[i].resolution);
	}
	return h;
}

/* Analyze one article, hash what it reports, free it. OUT: *r. */
static void run_pipeline(const bench *b, const bench_doc *d, bench_res *r)
{
	const px_residue *res;
	px_article *a = NULL;
	px_record rec;
	uint64_t h = FNV_OFFSET;
	size_t i;

	memset(&rec, 0, sizeof(rec));
	rec.id = d->id;
	rec.title = d->title;
	rec.text = d->text;
	rec.text_len = d->len;
	rec.input = d->input;
	r->nent = 0;
	r->nment = 0;
	r->nquote = 0;
	r->namount = 0;
	r->ndate = 0;
	r->rc = px_article_from_record(&rec, &b->opts, &a, NULL);
	if (r->rc) {
		r->ntok = 0;
		r->nsent = 0;
		r->nres = 0;
		r->hash = fnv_u64(h, (uint64_t)r->rc);
		return;
	}
	px_article_tokens(a, &r->ntok);
	px_article_sentences(a, &r->nsent);
	res = px_article_residue(a, &r->nres);
	h = fnv_u64(h, r->ntok);
	h = fnv_u64(h, r->nsent);
	h = fnv_u64(h, r->nres);
	for (i = 0; i < r->nres; i++) {
		h = fnv_u64(h, res[i].span.start);
		h = fnv_u64(h, res[i].span.end);
		h = fnv_u64(h, (uint64_t)res[i].kind);
	}
	if (!(b->opts.flags & PX_OPT_TEXT_ONLY))
		h = hash_analysis(a, h, r);
	r->hash = h;
	px_article_free(a);
}

/* Count whitespace-separated tokens of one text. OUT: *r. */
static void run_whitespace(const bench_doc *d, bench_res *r)
{
	const unsigned char *p = (const unsigned char *)d->text;
	size_t i, words = 0;
	int in_word = 0;

	for (i = 0; i < d->len; i++) {
		unsigned c = p[i];
		int space = c == ' ' || (c >= '\t' && c <= '\r');

		if (!space && !in_word)
			words++;
		in_word = !space;
	}
	r->rc = PX_OK;
	r->ntok = words;
	r->nsent = 0;
	r->nres = 0;
	r->nent = 0;
	r->nment = 0;
	r->nquote = 0;
	r->namount = 0;
	r->ndate = 0;
	r->hash = fnv_u64(FNV_OFFSET, words);
}

/* A worker: take the next unclaimed article until none is left. */
static void *worker(void *arg)
{
	bench *b = arg;

	for (;;) {
		size_t i = atomic_fetch_add(&b->next, 1);

		if (i >= b->n)
			break;
		if (b->whitespace)
			run_whitespace(&b->docs[i], &b->res[i]);
		else
			run_pipeline(b, &b->docs[i], &b->res[i]);
	}
	return NULL;
}

/*
 * One timed pass over every article on threads threads (this one among
 * them). Returns the wall seconds, or a negative number when no thread
 * could be started.
 */
static double timed_run(bench *b, int threads)
{
	pthread_t tid[MAX_THREADS];
	int started = 0, i;
	double t0, t1;

	atomic_store(&b->next, 0);
	t0 = now_seconds();
	for (i = 1; i < threads; i++) {
		if (pthread_create(&tid[started], NULL, worker, b))
			break;
		started++;
	}
	if (started != threads - 1)
		fprintf(stderr, "bench-pipeline: started %d of %d threads\n",
		        started + 1, threads);
	worker(b);
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	t1 = now_seconds();
	return t1 - t0;
}

/* The results of the latest run combined in input order. */
static uint64_t total_hash(const bench *b)
{
	uint64_t h = FNV_OFFSET;
	size_t i;

	for (i = 0; i < b->n; i++)
		h = fnv_u64(h, b->res[i].hash);
	return h;
}

/* Report the first few failed articles again, now with their messages. */
static size_t report_failures(const bench *b)
{
	size_t i, failed = 0;

	for (i = 0; i < b->n; i++) {
		const bench_doc *d = &b->docs[i];
		px_article *a = NULL;
		px_record rec;
		px_error err;

		if (!b->res[i].rc)
			continue;
		if (++failed > 5)
			continue;
		memset(&rec, 0, sizeof(rec));
		memset(&err, 0, sizeof(err));
		rec.id = d->id;
		rec.title = d->title;
		rec.text = d->text;
		rec.text_len = d->len;
		rec.input = d->input;
		if (px_article_from_record(&rec, &b->opts, &a, &err))
			fprintf(stderr, "bench-pipeline: %s\n", err.msg);
		px_article_free(a);
	}
	return failed;
}

/*
 * Parse a whole decimal number in [lo, hi] from z into *out.
 * Returns 0, or -1 when z is not such a number.
 */
static int parse_int(const char *z, long lo, long hi, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(z, &end, 10);
	if (errno || end == z || *end || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

/* Print how to call this program; returns the exit status for misuse. */
static int usage(void)
{
	fprintf(stderr, "usage: bench-pipeline [--whitespace | --text-only] "
	        "[-j N] [-r RUNS] [-n N] [FILE]\n"
	        "  FILE defaults to " DEFAULT_CORPUS "\n"
	        "  -n N reads only the first N records\n");
	return 2;
}

int main(int argc, char **argv)
{
	px_langid *langid = NULL;
	const char *path = DEFAULT_CORPUS;
	bench b;
	double best = -1.0, rss_load, mb;
	uint64_t hash = 0;
	size_t i, ntok = 0, nsent = 0, nres = 0, failed;
	size_t nent = 0, nment = 0, nquote = 0, namount = 0, ndate = 0;
	int threads = 1, runs = 3, max_docs = 0, run, argi, status = 0;
	int full;
	const char *mode;

	memset(&b, 0, sizeof(b));
	for (argi = 1; argi < argc; argi++) {
		const char *a = argv[argi];
		const char *v = argi + 1 < argc ? argv[argi + 1] : NULL;

		if (!strcmp(a, "--whitespace")) {
			b.whitespace = 1;
		} else if (!strcmp(a, "--text-only")) {
			b.opts.flags |= PX_OPT_TEXT_ONLY;
		} else if (!strcmp(a, "-n")) {
			if (!v || parse_int(v, 1, 1000000000L, &max_docs))
				return usage();
			argi++;
		} else if (!strcmp(a, "-j")) {
			if (!v || parse_int(v, 1, MAX_THREADS, &threads))
				return usage();
			argi++;
		} else if (!strcmp(a, "-r")) {
			if (!v || parse_int(v, 1, MAX_RUNS, &runs))
				return usage();
			argi++;
		} else if (a[0] == '-' && a[1]) {
			return usage();
		} else {
			path = a;
		}
	}
	if (b.whitespace && (b.opts.flags & PX_OPT_TEXT_ONLY))
		return usage();
	full = !b.whitespace && !(b.opts.flags & PX_OPT_TEXT_ONLY);
	mode = b.whitespace ? "whitespace" :
	       full ? "parallax-full" : "parallax-text";
	/* The full analysis identifies each article's language, as the
	 * command does. */
	if (full) {
		px_error lerr;

		if (px_langid_open(NULL, &langid, &lerr)) {
			fprintf(stderr, "bench-pipeline: %s\n", lerr.msg);
			return 1;
		}
		b.opts.langid = langid;
	}
	if (load_corpus(&b, path, (size_t)max_docs)) {
		bench_free(&b);
		px_langid_close(langid);
		return 1;
	}
	b.res = calloc(b.n, sizeof(*b.res));
	if (!b.res) {
		fprintf(stderr, "bench-pipeline: out of memory\n");
		bench_free(&b);
		px_langid_close(langid);
		return 1;
	}
	rss_load = peak_rss_mb();
	for (run = 0; run < runs; run++) {
		double t = timed_run(&b, threads);
		uint64_t h = total_hash(&b);

		if (run && h != hash) {
			fprintf(stderr, "bench-pipeline: run %d hashed "
			        "%016" PRIx64 ", run 1 %016" PRIx64 "\n",
			        run + 1, h, hash);
			status = 1;
		}
		hash = h;
		if (best < 0 || t < best)
			best = t;
	}
	for (i = 0; i < b.n; i++) {
		ntok += b.res[i].ntok;
		nsent += b.res[i].nsent;
		nres += b.res[i].nres;
		nent += b.res[i].nent;
		nment += b.res[i].nment;
		nquote += b.res[i].nquote;
		namount += b.res[i].namount;
		ndate += b.res[i].ndate;
	}
	failed = b.whitespace ? 0 : report_failures(&b);
	mb = (double)b.bytes / 1e6;
	printf("mode %s\n", mode);
	printf("threads %d\n", threads);
	printf("runs %d\n", runs);
	printf("articles %zu\n", b.n);
	printf("failed %zu\n", failed);
	printf("text_mb %.3f\n", mb);
	printf("seconds %.4f\n", best);
	printf("mb_per_s %.1f\n", mb / best);
	printf("articles_per_s %.0f\n", (double)b.n / best);
	printf("rss_load_mb %.1f\n", rss_load);
	printf("peak_rss_mb %.1f\n", peak_rss_mb());
	printf("tokens %zu\n", ntok);
	if (b.whitespace) {
		printf("sentences -\n");
		printf("residue_spans -\n");
	} else {
		printf("sentences %zu\n", nsent);
		printf("residue_spans %zu\n", nres);
	}
	if (full) {
		printf("entities %zu\n", nent);
		printf("mentions %zu\n", nment);
		printf("quotes %zu\n", nquote);
		printf("amounts %zu\n", namount);
		printf("dates %zu\n", ndate);
	} else {
		printf("entities -\n");
		printf("mentions -\n");
		printf("quotes -\n");
		printf("amounts -\n");
		printf("dates -\n");
	}
	printf("hash %016" PRIx64 "\n", hash);
	bench_free(&b);
	px_langid_close(langid);
	return status;
}
