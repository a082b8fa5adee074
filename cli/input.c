/*
 * input.c - turn command-line inputs into jobs: plain-text files, JSON
 * Lines files (one job per line), news feeds and web archives (one job
 * per item, read with px_feed_* and px_warc_*), directories walked
 * recursively in byte order of the names, and standard input. I/O lives
 * here, not in lib/.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

struct px_inputs {
	char **files; /* expanded list; "-" for stdin */
	size_t n, cap, next;
	size_t max_bytes;
	FILE *json;   /* open JSON Lines stream */
	char *json_name;
	size_t json_line;
	char *pending; /* first line of stdin when it turned out JSON */
	size_t pending_len;
	int failed_walk;
	px_feed *feed;   /* open news feed: its items become jobs */
	px_warc *warc;   /* open web archive: its records become jobs */
	FILE *warc_f;
	char *warc_head; /* bytes read before it was known to be one */
	size_t warc_head_len, warc_head_pos;
};

static int add_file(px_inputs *in, const char *path)
{
	char *z;

	if (in->n == in->cap) {
		size_t cap = in->cap ? in->cap * 2 : 64;
		char **nf = realloc(in->files, cap * sizeof(*nf));

		if (!nf)
			return -1;
		in->files = nf;
		in->cap = cap;
	}
	z = strdup(path);
	if (!z)
		return -1;
	in->files[in->n++] = z;
	return 0;
}

static int ends_with(const char *z, const char *suffix)
{
	size_t n = strlen(z), m = strlen(suffix);

	return n >= m && !strcmp(z + n - m, suffix);
}

static int wanted(const char *name)
{
	return ends_with(name, ".txt") || ends_with(name, ".text") ||
	       ends_with(name, ".jsonl") || ends_with(name, ".ndjson") ||
	       ends_with(name, ".html") || ends_with(name, ".htm") ||
	       ends_with(name, ".html.gz") || ends_with(name, ".rss") ||
	       ends_with(name, ".atom") || ends_with(name, ".rdf") ||
	       ends_with(name, ".xml") || ends_with(name, ".warc") ||
	       ends_with(name, ".warc.gz");
}

/* A feed or an archive by name (.rss .atom .rdf .xml, .warc .warc.gz),
 * else by content (px_container_sniff). */
static px_container container_of(const char *name, const char *p, size_t n)
{
	if (ends_with(name, ".warc") || ends_with(name, ".warc.gz"))
		return PX_CONTAINER_WARC;
	if (ends_with(name, ".rss") || ends_with(name, ".atom") ||
	    ends_with(name, ".rdf") || ends_with(name, ".xml"))
		return PX_CONTAINER_FEED;
	return px_container_sniff(p, n);
}

/* A web page by name, or by content: gzip data, or '<' (after a BOM and
 * white space) opening <html, <!doctype, <head or <!--. */
static int is_html(const char *name, const char *p, size_t n)
{
	static const char *const opens[] = {"<html", "<!doctype", "<head",
	                                    "<!--", NULL};
	size_t i = 0, k, j;

	if (ends_with(name, ".html") || ends_with(name, ".htm") ||
	    ends_with(name, ".html.gz") || ends_with(name, ".htm.gz"))
		return 1;
	if (n >= 3 && (unsigned char)p[0] == 0x1f &&
	    (unsigned char)p[1] == 0x8b)
		return 1;
	if (n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
	                 p[i] == '\n'))
		i++;
	for (k = 0; opens[k]; k++) {
		for (j = 0; opens[k][j] && i + j < n; j++)
			if ((p[i + j] | 0x20) != opens[k][j] &&
			    p[i + j] != opens[k][j])
				break;
		if (!opens[k][j])
			return 1;
	}
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walk a directory, adding wanted files in byte order of their names. */
static int walk(px_inputs *in, const char *dir, int depth)
{
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	if (depth > 64)
		return 0;
	d = opendir(dir);
	if (!d) {
		px_cli_err("cannot open directory %s: %s", dir, strerror(errno));
		in->failed_walk = 1;
		return 0;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **nn;

			cap = cap ? cap * 2 : 32;
			nn = realloc(names, cap * sizeof(*nn));
			if (!nn) {
				rc = -1;
				break;
			}
			names = nn;
		}
		names[n] = strdup(de->d_name);
		if (!names[n]) {
			rc = -1;
			break;
		}
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n && !rc; i++) {
		size_t len = strlen(dir) + strlen(names[i]) + 2;
		char *path = malloc(len);
		struct stat st;

		if (!path) {
			rc = -1;
			break;
		}
		snprintf(path, len, "%s%s%s", dir,
		         ends_with(dir, "/") ? "" : "/", names[i]);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			rc = walk(in, path, depth + 1);
		else if (wanted(names[i]))
			rc = add_file(in, path);
		free(path);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

px_inputs *px_inputs_open(char **paths, size_t n, size_t max_bytes)
{
	px_inputs *in = calloc(1, sizeof(*in));
	size_t i;

	if (!in)
		return NULL;
	in->max_bytes = max_bytes;
	if (n == 0 && add_file(in, "-"))
		goto fail;
	for (i = 0; i < n; i++) {
		struct stat st;

		if (strcmp(paths[i], "-") && stat(paths[i], &st) == 0 &&
		    S_ISDIR(st.st_mode)) {
			if (walk(in, paths[i], 0))
				goto fail;
		} else if (add_file(in, paths[i])) {
			goto fail;
		}
	}
	return in;
fail:
	px_inputs_close(in);
	return NULL;
}

void px_inputs_close(px_inputs *in)
{
	size_t i;

	if (!in)
		return;
	for (i = 0; i < in->n; i++)
		free(in->files[i]);
	free(in->files);
	if (in->json && in->json != stdin)
		fclose(in->json);
	px_feed_free(in->feed);
	px_warc_free(in->warc);
	if (in->warc_f && in->warc_f != stdin)
		fclose(in->warc_f);
	free(in->warc_head);
	free(in->json_name);
	free(in->pending);
	free(in);
}

void px_job_clear(px_job *job)
{
	free(job->name);
	free(job->data);
	free(job->out);
	px_item_free(job->item);
	memset(job, 0, sizeof(*job));
}

static void job_fail(px_job *job, px_status rc, const char *name,
                     const char *what)
{
	job->rc = rc;
	job->err.code = rc;
	snprintf(job->err.source, sizeof(job->err.source), "%s", name);
	snprintf(job->err.msg, sizeof(job->err.msg), "%s: %s", name, what);
}

/*
 * Read a whole stream, at most max + 1 bytes (one more than allowed, so
 * the library can say it is too big without us holding a huge file).
 */
static int slurp(FILE *f, size_t max, char **out, size_t *len)
{
	size_t cap = 65536, n = 0;
	char *p = malloc(cap);

	if (!p)
		return -1;
	for (;;) {
		size_t k;

		if (n == cap) {
			char *np;

			if (cap > max)
				break;
			cap *= 2;
			np = realloc(p, cap);
			if (!np) {
				free(p);
				return -1;
			}
			p = np;
		}
		k = fread(p + n, 1, cap - n, f);
		n += k;
		if (k == 0)
			break;
	}
	if (ferror(f)) {
		free(p);
		return -1;
	}
	*out = p;
	*len = n;
	return 0;
}

static int first_is_brace(const char *p, size_t n)
{
	size_t i = 0;

	if (n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
	                 p[i] == '\n'))
		i++;
	return i < n && p[i] == '{';
}

/* Next line of the open JSON Lines stream as a job; 0 at its end. */
static int next_json(px_inputs *in, px_job *job)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t k;

	for (;;) {
		size_t i;

		errno = 0;
		k = getline(&line, &cap, in->json);
		if (k < 0) {
			int err = errno;

			free(line);
			if (in->json != stdin)
				fclose(in->json);
			in->json = NULL;
			free(in->pending);
			in->pending = NULL;
			if (err && err != EINVAL) {
				job->name = strdup(in->json_name);
				job_fail(job, PX_EIO, in->json_name,
				         strerror(err));
				return 1;
			}
			return 0;
		}
		in->json_line++;
		for (i = 0; i < (size_t)k; i++)
			if (line[i] != ' ' && line[i] != '\t' &&
			    line[i] != '\r' && line[i] != '\n')
				break;
		if (i < (size_t)k)
			break; /* not a blank line */
	}
	job->name = strdup(in->json_name);
	job->line = in->json_line;
	job->json = 1;
	job->data = line;
	job->len = (size_t)k;
	return 1;
}

/* An item of the open feed or archive as a job, or a job carrying the
 * reader's error; 0 at the end (the reader closed). */
static int next_item(px_inputs *in, px_job *job)
{
	const px_item *it = NULL;
	px_status rc;

	if (in->feed)
		rc = px_feed_next(in->feed, &it, &job->err);
	else
		rc = px_warc_next(in->warc, &it, &job->err);
	if (rc) {
		job->name = strdup(job->err.source);
		job->line = job->err.line;
		job->rc = rc;
		return 1;
	}
	if (!it) {
		px_feed_free(in->feed);
		in->feed = NULL;
		px_warc_free(in->warc);
		in->warc = NULL;
		if (in->warc_f && in->warc_f != stdin)
			fclose(in->warc_f);
		in->warc_f = NULL;
		free(in->warc_head);
		in->warc_head = NULL;
		return 0;
	}
	job->name = strdup(it->container);
	job->line = it->line;
	job->len = it->content_len;
	job->item = px_item_dup(it, NULL);
	if (!job->item)
		job_fail(job, PX_ENOMEM, it->container, "out of memory");
	return 1;
}

/* The archive's bytes: those read before, then the rest of the file. */
static size_t warc_read(void *ctx, char *buf, size_t n)
{
	px_inputs *in = ctx;
	size_t k;

	if (in->warc_head_pos < in->warc_head_len) {
		k = in->warc_head_len - in->warc_head_pos;
		if (k > n)
			k = n;
		memcpy(buf, in->warc_head + in->warc_head_pos, k);
		in->warc_head_pos += k;
		return k;
	}
	k = fread(buf, 1, n, in->warc_f);
	if (!k && ferror(in->warc_f))
		return (size_t)-1;
	return k;
}

/* Read on to the end of f (at most limit bytes in all) after the len
 * bytes of *data. */
static int slurp_rest(FILE *f, size_t limit, char **data, size_t *len)
{
	size_t cap = *len + 65536;
	char *p = realloc(*data, cap);

	if (!p)
		return -1;
	*data = p;
	for (;;) {
		size_t k;

		if (*len == cap) {
			if (cap > limit)
				break;
			cap *= 2;
			p = realloc(*data, cap);
			if (!p)
				return -1;
			*data = p;
		}
		k = fread(*data + *len, 1, cap - *len, f);
		*len += k;
		if (!k)
			break;
	}
	return ferror(f) ? -1 : 0;
}

/* Open a feed or an archive from the bytes a job read (and f, not yet
 * closed, for the rest); its items then come from next_item. Returns 1
 * with job->rc set when it cannot be opened, else 0 (job cleared). */
static int open_container(px_inputs *in, px_job *job, FILE *f,
                          const char *path, px_container kind)
{
	px_options o;
	px_status rc;

	memset(&o, 0, sizeof(o));
	o.max_bytes = in->max_bytes;
	if (kind == PX_CONTAINER_WARC) {
		in->warc_f = f;
		in->warc_head = job->data;
		in->warc_head_len = job->len;
		in->warc_head_pos = 0;
		job->data = NULL;
		rc = px_warc_open(warc_read, in, path, &o, &in->warc,
		                  &job->err);
	} else {
		if (slurp_rest(f, PX_FEED_MAX_BYTES, &job->data, &job->len)) {
			if (f != stdin)
				fclose(f);
			job_fail(job, PX_EIO, path, "read error");
			return 1;
		}
		if (f != stdin)
			fclose(f);
		rc = px_feed_open(job->data, job->len, path, &o, &in->feed,
		                  &job->err);
		free(job->data);
		job->data = NULL;
	}
	if (rc) {
		if (in->warc_f && in->warc_f != stdin)
			fclose(in->warc_f);
		in->warc_f = NULL;
		free(in->warc_head);
		in->warc_head = NULL;
		job->rc = rc;
		job->len = 0;
		return 1;
	}
	px_job_clear(job);
	return 0;
}

int px_inputs_next(px_inputs *in, px_job *job)
{
	const char *path;
	px_container kind;
	FILE *f;

	memset(job, 0, sizeof(*job));
	while (in->json) {
		if (next_json(in, job))
			return 1;
	}
	if ((in->feed || in->warc) && next_item(in, job))
		return 1;
	if (in->next >= in->n)
		return 0;
	path = in->files[in->next++];
	free(in->json_name);
	in->json_name = NULL;
	if (!strcmp(path, "-")) {
		f = stdin;
		path = "<stdin>";
	} else {
		f = fopen(path, "rb");
		if (!f) {
			job->name = strdup(path);
			job_fail(job, PX_EIO, path, strerror(errno));
			return 1;
		}
	}
	if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson")) {
		in->json = f;
		in->json_name = strdup(path);
		in->json_line = 0;
		return px_inputs_next(in, job);
	}
	job->name = strdup(path);
	if (slurp(f, in->max_bytes, &job->data, &job->len)) {
		job_fail(job, PX_EIO, path, "read error");
		if (f != stdin)
			fclose(f);
		return 1;
	}
	kind = container_of(path, job->data, job->len);
	if (kind != PX_CONTAINER_NONE) {
		if (open_container(in, job, f, path, kind))
			return 1;
		return px_inputs_next(in, job);
	}
	if (f != stdin)
		fclose(f);
	if (is_html(path, job->data, job->len)) {
		job->html = 1;
		return 1;
	}
	if (first_is_brace(job->data, job->len)) {
		/* JSON Lines by content: re-read it from memory. */
		FILE *mf = fmemopen(job->data, job->len, "rb");

		if (!mf) {
			job_fail(job, PX_EIO, path, "cannot read JSON Lines");
			return 1;
		}
		in->pending = job->data; /* owned until the stream ends */
		job->data = NULL;
		in->json = mf;
		in->json_name = job->name;
		job->name = NULL;
		in->json_line = 0;
		return px_inputs_next(in, job);
	}
	return 1;
}

px_status px_job_analyze(px_job *job, const px_options *opts,
                         px_article **out)
{
	px_status rc;

	*out = NULL;
	if (job->rc)
		return job->rc; /* failed to read */
	if (job->item) {
		rc = px_article_from_item(job->item, opts, out, &job->err);
		px_item_free(job->item);
		job->item = NULL;
		return rc;
	}
	if (job->html)
		rc = px_article_from_html(job->data, job->len, job->name, opts,
		                          out, &job->err);
	else if (job->json)
		rc = px_article_from_json(job->data, job->len, job->name,
		                          job->line, opts, out, &job->err);
	else
		rc = px_article_from_text(job->data, job->len, job->name, opts,
		                          out, &job->err);
	free(job->data);
	job->data = NULL;
	return rc;
}

/* What the workers of px_each_article share. */
typedef struct each_ctx {
	const px_options *opts;
	px_job *base;
	px_article **arts;
} each_ctx;

static void each_one(px_job *job, void *ctx)
{
	each_ctx *e = ctx;
	px_article *a = NULL;

	if (job->rc)
		return; /* failed to read */
	job->rc = px_job_analyze(job, e->opts, &a);
	if (job->rc && !job->err.code) {
		job->err.code = job->rc;
		snprintf(job->err.msg, sizeof(job->err.msg), "%s in %s",
		         px_strerror(job->rc), job->name ? job->name : "input");
	}
	e->arts[job - e->base] = a;
}

int px_each_article(char **paths, size_t npaths, const px_options *opts,
                    int threads,
                    int (*fn)(void *ctx, px_job *job, px_article *a),
                    void *ctx)
{
	px_inputs *in = px_inputs_open(paths, npaths,
	                               opts->max_bytes ? opts->max_bytes
	                                               : PX_DEFAULT_MAX_BYTES);
	px_job *jobs = calloc(PX_EACH_JOBS, sizeof(*jobs));
	px_article **arts = calloc(PX_EACH_JOBS, sizeof(*arts));
	each_ctx e;
	size_t n, i, bytes;
	int more = 1, ret = -1;

	if (!in || !jobs || !arts) {
		px_cli_err("out of memory");
		goto out;
	}
	e.opts = opts;
	e.base = jobs;
	e.arts = arts;
	while (more) {
		n = 0;
		bytes = 0;
		while (n < PX_EACH_JOBS && bytes < PX_EACH_BYTES) {
			if (!px_inputs_next(in, &jobs[n])) {
				more = 0;
				break;
			}
			bytes += jobs[n].len;
			n++;
		}
		px_run_parallel(jobs, n, threads, each_one, &e);
		for (i = 0; i < n; i++) {
			px_article *a = arts[i];
			int stop;

			arts[i] = NULL;
			stop = fn(ctx, &jobs[i], jobs[i].rc ? NULL : a);
			if (jobs[i].rc)
				px_article_free(a);
			px_job_clear(&jobs[i]);
			if (stop)
				goto out;
		}
	}
	ret = 0;
out:
	for (i = 0; arts && i < PX_EACH_JOBS; i++)
		px_article_free(arts[i]);
	for (i = 0; jobs && i < PX_EACH_JOBS; i++)
		px_job_clear(&jobs[i]);
	free(arts);
	free(jobs);
	px_inputs_close(in);
	return ret;
}
