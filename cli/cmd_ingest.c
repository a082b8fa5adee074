/*
 * cmd_ingest.c - parallax ingest: analyze inputs on all cores and store
 * them in the corpus database through one writer thread.
 *
 * The main thread reads a batch of jobs (cli/input.c), analyzes it on the
 * pool (cli/pool.c) and hands it to the writer, then reads the next one
 * while the writer stores the last: one SQLite connection, one
 * transaction per batch, so a kill leaves whole batches or nothing.
 * Bad records are reported, recorded in the errors table, and skipped;
 * with --strict the first bad record ends the run: the records before it
 * in its batch are committed with the error row, nothing after it.
 */
#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "dbcmd.h"

/* At most this much input a batch: an analyzed article takes about a
 * hundred times its bytes in memory, and three batches are alive (being
 * analyzed, handed over, being stored). */
#define BATCH_BYTES ((size_t)512 << 10)
#define DEFAULT_BATCH 32
/* Articles the story set keeps for matching (each some 13 KB). */
#define DEFAULT_LIVE PX_INGEST_LIVE
#define MAX_BATCH 100000
/* Batches between handing free heap pages back (glibc malloc_trim). */
#define TRIM_EVERY 32

typedef struct ingest_opts {
	const char *db;
	int jobs;
	int strict;
	size_t batch;
	const char *source;
	const char *published;
	unsigned json_flags; /* PX_OUT_NO_SPAN_TEXT with --no-span-text */
	int timing;
	px_options px;
	px_stories_opts st;
} ingest_opts;

/* What analysis leaves for the writer, one per job. */
typedef struct slot {
	px_article *a;
	px_ingest_json json;
} slot;

typedef struct batch {
	px_job *jobs;
	slot *slots;
	size_t n;
} batch;

typedef struct analyze_ctx {
	const ingest_opts *o;
	batch *b;
} analyze_ctx;

typedef struct writer {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	batch *pending; /* handed over, not yet taken */
	int done;       /* no more batches will come */
	int stop;       /* the writer wants no more (strict, or failure) */
	px_store *s;
	int strict;
	int sys;        /* a store or system failure: exit 3 */
	size_t stored, same, versions, failed;
	int tty;
	int shown;      /* a progress line is on the screen */
	struct timespec t0, last;
	double busy;    /* seconds spent storing batches */
	double cpu;     /* CPU seconds of the writer thread */
	size_t batches; /* batches stored */
} writer;

static void batch_free(batch *b)
{
	size_t i;

	if (!b)
		return;
	for (i = 0; i < b->n; i++) {
		px_article_free(b->slots[i].a);
		px_ingest_json_free(&b->slots[i].json);
		px_job_clear(&b->jobs[i]);
	}
	free(b->slots);
	free(b->jobs);
	free(b);
}

static batch *batch_new(size_t cap)
{
	batch *b = calloc(1, sizeof(*b));

	if (!b)
		return NULL;
	b->jobs = calloc(cap, sizeof(*b->jobs));
	b->slots = calloc(cap, sizeof(*b->slots));
	if (!b->jobs || !b->slots) {
		batch_free(b);
		return NULL;
	}
	return b;
}

/* Is the article's source no outlet: its file's name, or only the host
 * of its URL (a page that names no site)? */
static int no_outlet(const px_article *a)
{
	const px_meta *m = px_article_meta(a);
	const char *h, *end;
	size_t n;

	if (!m->source || (m->source_from && !strcmp(m->source_from, "file")))
		return 1;
	h = m->url ? strstr(m->url, "://") : NULL;
	if (!h)
		return 0;
	h += 3;
	end = h + strcspn(h, ":/?#");
	n = strlen(m->source);
	if ((size_t)(end - h) == n + 4 && !strncasecmp(h, "www.", 4))
		h += 4;
	return (size_t)(end - h) == n && !strncasecmp(h, m->source, n);
}

px_status px_ingest_analyze(px_job *job, const px_options *px,
                            const px_ingest_meta *m, px_article **out,
                            px_ingest_json *json)
{
	px_article *a = NULL;
	char *text = NULL;
	px_status rc;

	*out = NULL;
	memset(json, 0, sizeof(*json));
	if (job->rc)
		return job->rc; /* failed to read */
	rc = px_job_analyze(job, px, &a);
	if (!rc && m->source)
		rc = px_article_set_meta(a, "source", m->source);
	else if (!rc && m->outlet && no_outlet(a))
		rc = px_article_set_meta(a, "source", m->outlet);
	if (!rc && m->published)
		rc = px_article_set_meta(a, "published", m->published);
	if (!rc)
		rc = px_article_to_json(a, m->json_flags, &text, &json->len);
	/* compressed here, on the analysis threads, not by the writer */
	if (!rc)
		rc = px_store_pack(text, json->len, &json->packed,
		                   &json->packed_len);
	free(text);
	if (!rc)
		rc = px_store_doc_make(a, &json->doc);
	if (rc && !job->err.code) {
		job->err.code = rc;
		snprintf(job->err.msg, sizeof(job->err.msg), "%s in %s",
		         px_strerror(rc), job->name ? job->name : "input");
	}
	job->rc = rc;
	if (rc) {
		px_article_free(a);
		a = NULL;
	}
	*out = a;
	return rc;
}

px_status px_ingest_store(px_store *s, const px_job *job,
                          const px_article *a, const px_ingest_json *json,
                          px_store_put_result *res, px_error *err)
{
	memset(res, 0, sizeof(*res));
	if (job->rc)
		return px_store_log_error(s, job->name ? job->name : "<input>",
		                          job->err.line ? job->err.line
		                          : job->line, &job->err, err);
	return px_store_put_packed(s, a, json->packed, json->packed_len,
	                           json->len, json->doc,
	                           job->json ? PX_PUT_RECORD : 0, res, err);
}

void px_ingest_json_free(px_ingest_json *json)
{
	free(json->packed);
	px_store_doc_free(json->doc);
	memset(json, 0, sizeof(*json));
}

/* Analyze one job on a pool thread; keep the article for the writer. */
static void analyze_one(px_job *job, void *ctx)
{
	const analyze_ctx *c = ctx;
	const ingest_opts *o = c->o;
	slot *sl = &c->b->slots[job - c->b->jobs];
	px_ingest_meta m;

	if (job->rc)
		return; /* failed to read */
	memset(&m, 0, sizeof(m));
	m.source = o->source;
	m.published = o->published;
	m.json_flags = o->json_flags;
	px_ingest_analyze(job, &o->px, &m, &sl->a, &sl->json);
}

static double since(const struct timespec *t0, const struct timespec *t1)
{
	return (double)(t1->tv_sec - t0->tv_sec) +
	       (double)(t1->tv_nsec - t0->tv_nsec) / 1e9;
}

/* The progress line, on a terminal only, at most four times a second. */
static void progress(writer *w, int last)
{
	struct timespec now;
	double secs;
	size_t n = w->stored + w->same + w->failed;

	if (!w->tty)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!last && w->shown && since(&w->last, &now) < 0.25)
		return;
	w->last = now;
	secs = since(&w->t0, &now);
	fprintf(stderr, "\r\033[Kingest: %zu articles (%zu new, %zu "
	        "versions, %zu already stored), %.0f/s, %zu errors", n,
	        w->stored, w->versions, w->same, secs > 0 ? n / secs : 0.0,
	        w->failed);
	w->shown = 1;
	if (last)
		fputc('\n', stderr);
}

/* Report a bad record on stderr (clearing the progress line). */
static void report(writer *w, const px_job *job)
{
	if (w->tty && w->shown)
		fputs("\r\033[K", stderr);
	px_cli_err("%s", job->err.msg);
}

/* Store one batch in one transaction; 1 when the run must stop. */
static int write_batch(writer *w, batch *b)
{
	px_error err;
	size_t i;
	px_status rc;
	struct timespec t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&err, 0, sizeof(err));
	rc = px_store_begin(w->s, &err);
	for (i = 0; i < b->n && !rc; i++) {
		px_job *job = &b->jobs[i];
		px_store_put_result res;

		if (job->rc) {
			report(w, job);
			w->failed++;
			if (job->rc == PX_ENOMEM)
				w->sys = 1;
		}
		rc = px_ingest_store(w->s, job, b->slots[i].a,
		                     &b->slots[i].json, &res, &err);
		if (rc)
			break;
		if (job->rc) {
			if (w->strict)
				break;
			continue;
		}
		if (res.kind == PX_PUT_SAME) {
			w->same++;
		} else {
			w->stored++;
			if (res.kind == PX_PUT_VERSION)
				w->versions++;
		}
	}
	if (!rc)
		rc = px_store_commit(w->s, &err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	w->busy += since(&t0, &t1);
	if (rc) {
		px_store_rollback(w->s);
		if (w->tty && w->shown)
			fputs("\r\033[K", stderr);
		if (rc == PX_ENOMEM)
			px_cli_err("out of memory");
		else
			px_cli_err("%s", err.msg);
		w->sys = 1;
		return 1;
	}
	progress(w, 0);
	return i < b->n; /* --strict stopped it */
}

static void *writer_main(void *arg)
{
	writer *w = arg;
	struct timespec c0, c1;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
	for (;;) {
		batch *b;
		int stop;

		pthread_mutex_lock(&w->mu);
		while (!w->pending && !w->done)
			pthread_cond_wait(&w->cv, &w->mu);
		b = w->pending;
		w->pending = NULL;
		stop = w->stop;
		pthread_cond_broadcast(&w->cv);
		pthread_mutex_unlock(&w->mu);
		if (!b)
			break;
		if (!stop && write_batch(w, b)) {
			pthread_mutex_lock(&w->mu);
			w->stop = 1;
			pthread_cond_broadcast(&w->cv);
			pthread_mutex_unlock(&w->mu);
		}
		batch_free(b);
#ifdef __GLIBC__
		/* Give back the free pages inside the heap now and then:
		 * the story set and SQLite's pages live among what each
		 * batch frees, and the holes would otherwise stay resident
		 * and grow the run's RSS however flat the live data is. */
		if (++w->batches % TRIM_EVERY == 0)
			malloc_trim(0);
#endif
	}
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
	w->cpu = since(&c0, &c1);
	return NULL;
}

/* Hand a batch to the writer; 0 if taken, -1 if the writer stopped. */
static int hand_over(writer *w, batch *b)
{
	int rc = 0;

	pthread_mutex_lock(&w->mu);
	while (w->pending && !w->stop)
		pthread_cond_wait(&w->cv, &w->mu);
	if (w->stop)
		rc = -1;
	else
		w->pending = b;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	return rc;
}

static int writer_stopped(writer *w)
{
	int stop;

	pthread_mutex_lock(&w->mu);
	stop = w->stop;
	pthread_mutex_unlock(&w->mu);
	return stop;
}

/* Options into o and the input paths into paths; an exit status or -1. */
static int parse_args(int argc, char **argv, ingest_opts *o, char **paths,
                      size_t *npaths)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		size_t k;

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			px_cli_help(stdout, "ingest");
			return PX_EXIT_OK;
		} else if (!strcmp(a, "--db")) {
			if (!v)
				return px_cli_usage("ingest", "--db needs a "
				                    "path");
			o->db = v;
			i++;
		} else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
			if (px_cli_number(v, &k) || k > 256)
				return px_cli_usage("ingest", "%s takes a "
				                    "number from 1 to 256", a);
			o->jobs = (int)k;
			i++;
		} else if (!strcmp(a, "--batch")) {
			if (px_cli_number(v, &k) || k > MAX_BATCH)
				return px_cli_usage("ingest", "--batch takes a "
				                    "number from 1 to %d",
				                    MAX_BATCH);
			o->batch = k;
			i++;
		} else if (!strcmp(a, "--strict")) {
			o->strict = 1;
		} else if (!strcmp(a, "--live")) {
			if (px_cli_number(v, &k) || k > 10000000)
				return px_cli_usage("ingest", "--live takes a "
				                    "positive number of articles");
			o->st.max_live = k;
			i++;
		} else if (!strcmp(a, "--late-binding")) {
			o->st.late_binding = 1;
		} else if (!strcmp(a, "--no-span-text")) {
			o->json_flags |= PX_OUT_NO_SPAN_TEXT;
		} else if (!strcmp(a, "--timing")) {
			o->timing = 1;
		} else if (!strcmp(a, "--window")) {
			char *end = NULL;
			double d = v ? strtod(v, &end) : 0;

			if (!v || end == v || *end || d == 0)
				return px_cli_usage("ingest", "--window takes a "
				                    "number of days (negative: "
				                    "no window)");
			o->st.window_days = d;
			i++;
		} else if (!strcmp(a, "--source") ||
		           !strcmp(a, "--published")) {
			if (!v)
				return px_cli_usage("ingest", "%s needs a value",
				                    a);
			if (!strcmp(a, "--source"))
				o->source = v;
			else
				o->published = v;
			i++;
		} else if (!strcmp(a, "--max-bytes")) {
			if (px_cli_number(v, &o->px.max_bytes))
				return px_cli_usage("ingest", "%s takes a "
				                    "positive number of bytes",
				                    a);
			i++;
		} else if (a[0] == '-' && a[1]) {
			return px_cli_usage("ingest", "unknown option '%s'", a);
		} else {
			paths[(*npaths)++] = argv[i];
		}
	}
	return -1;
}

int cmd_ingest(int argc, char **argv)
{
	ingest_opts o;
	writer w;
	char **paths;
	size_t npaths = 0;
	px_inputs *in = NULL;
	pthread_t tid;
	int more = 1, st, started = 0, sys = 0;
	struct timespec t_load, t_read, t_a, t_b;
	double load_secs, read_secs = 0, analyze_secs = 0, wait_secs = 0;
	size_t in_bytes = 0;

	memset(&o, 0, sizeof(o));
	memset(&w, 0, sizeof(w));
	o.db = PX_DEFAULT_DB;
	o.jobs = px_cores();
	o.batch = DEFAULT_BATCH;
	o.st.max_live = DEFAULT_LIVE;
	paths = calloc((size_t)argc + 1, sizeof(*paths));
	if (!paths)
		return PX_EXIT_SYSTEM;
	st = parse_args(argc, argv, &o, paths, &npaths);
	if (st >= 0) {
		free(paths);
		return st;
	}
	st = px_cli_store(o.db, PX_STORE_CREATE, &w.s);
	if (st) {
		free(paths);
		return st;
	}
	clock_gettime(CLOCK_MONOTONIC, &t_load);
	{
		px_error err;

		memset(&err, 0, sizeof(err));
		if (px_store_stories_load(w.s, &o.st, &err)) {
			free(paths);
			px_store_close(w.s);
			if (!err.msg[0])
				px_cli_err("out of memory");
			else
				px_cli_err("%s", err.msg);
			return PX_EXIT_SYSTEM;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t_read);
	load_secs = since(&t_load, &t_read);
	if (!o.px.max_bytes)
		o.px.max_bytes = PX_DEFAULT_MAX_BYTES;
	o.px.langid = px_cli_langid();
	in = px_inputs_open(paths, npaths, o.px.max_bytes);
	free(paths);
	if (!in) {
		px_cli_err("out of memory");
		px_store_close(w.s);
		return PX_EXIT_SYSTEM;
	}
	w.strict = o.strict;
	w.tty = isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &w.t0);
	pthread_mutex_init(&w.mu, NULL);
	pthread_cond_init(&w.cv, NULL);
	if (pthread_create(&tid, NULL, writer_main, &w)) {
		px_cli_err("cannot start the writer thread");
		sys = 1;
		goto out;
	}
	started = 1;
	while (more && !writer_stopped(&w)) {
		batch *b = batch_new(o.batch);
		analyze_ctx c;
		size_t bytes = 0;

		if (!b) {
			px_cli_err("out of memory");
			sys = 1;
			break;
		}
		clock_gettime(CLOCK_MONOTONIC, &t_a);
		while (b->n < o.batch && bytes < BATCH_BYTES) {
			if (!px_inputs_next(in, &b->jobs[b->n])) {
				more = 0;
				break;
			}
			bytes += b->jobs[b->n].len;
			b->n++;
		}
		in_bytes += bytes;
		c.o = &o;
		c.b = b;
		clock_gettime(CLOCK_MONOTONIC, &t_b);
		read_secs += since(&t_a, &t_b);
		px_run_parallel(b->jobs, b->n, o.jobs, analyze_one, &c);
		clock_gettime(CLOCK_MONOTONIC, &t_a);
		analyze_secs += since(&t_b, &t_a);
		if (hand_over(&w, b))
			batch_free(b);
		clock_gettime(CLOCK_MONOTONIC, &t_b);
		wait_secs += since(&t_a, &t_b);
	}
out:
	if (started) {
		pthread_mutex_lock(&w.mu);
		w.done = 1;
		pthread_cond_broadcast(&w.cv);
		pthread_mutex_unlock(&w.mu);
		pthread_join(tid, NULL);
	}
	progress(&w, 1);
	if (o.timing) {
		struct rusage ru;

		getrusage(RUSAGE_SELF, &ru);
		clock_gettime(CLOCK_MONOTONIC, &t_a);
		fprintf(stderr, "ingest: %.2f MB in %.2f s: reading %.2f s, "
		        "analysis %.2f s (%d threads), store %.2f s (writer "
		        "thread; clustering %.2f s of its CPU; analysis waited "
		        "%.2f s for it), story set rebuilt from %zu stored "
		        "articles in %.2f s\n",
		        (double)in_bytes / 1e6, since(&t_load, &t_a),
		        read_secs, analyze_secs, o.jobs, w.busy,
		        px_store_stories_secs(w.s), wait_secs,
		        px_store_stories_replayed(w.s), load_secs);
		fprintf(stderr, "ingest: CPU %.2f s in all, of which the "
		        "writer thread (store and clustering) %.2f s\n",
		        (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
		        (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6,
		        w.cpu);
	}
	pthread_cond_destroy(&w.cv);
	pthread_mutex_destroy(&w.mu);
	px_inputs_close(in);
	px_store_close(w.s);
	if (sys || w.sys)
		return PX_EXIT_SYSTEM;
	return w.failed ? PX_EXIT_INPUT : PX_EXIT_OK;
}
