/*
 * cmd_cluster.c - parallax cluster: analyze inputs on all cores, add
 * them in input order to a px_stories set, then print per story its
 * articles and near-copy pairs (with shared passages), and the merges.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define BATCH_JOBS 512
#define BATCH_BYTES ((size_t)64 << 20)

typedef struct cluster_opts {
	int json;
	int jobs;
	px_options px;
	px_stories_opts st;
} cluster_opts;

/* What is printed of an article after it is freed. */
typedef struct art_info {
	char *id, *input, *source, *published, *title;
	size_t story;
} art_info;

typedef struct batch_ctx {
	const cluster_opts *o;
	px_job *base;
	px_article **arts;
} batch_ctx;

/* Analyze one job into ctx->arts[its index] (NULL on failure). */
static void cluster_one(px_job *job, void *ctx)
{
	batch_ctx *b = ctx;
	px_article *a = NULL;
	px_status rc;

	if (job->rc)
		return;
	rc = px_job_analyze(job, &b->o->px, &a);
	job->rc = rc;
	b->arts[job - b->base] = a;
}

static char *dup_or_null(const char *z)
{
	return z ? strdup(z) : NULL;
}

static void info_free(art_info *in, size_t n)
{
	size_t i;

	for (i = 0; in && i < n; i++) {
		free(in[i].id);
		free(in[i].input);
		free(in[i].source);
		free(in[i].published);
		free(in[i].title);
	}
	free(in);
}

/* Write z as a JSON string. */
static void json_str(FILE *f, const char *z)
{
	if (!z) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (; *z; z++) {
		unsigned char c = (unsigned char)*z;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static int parse_num(const char *z, double *out)
{
	char *end;
	double v;

	if (!z)
		return -1;
	errno = 0;
	v = strtod(z, &end);
	if (errno || end == z || *end)
		return -1;
	*out = v;
	return 0;
}

/* An article's place in the output: its story, then its number. */
typedef struct place {
	size_t story, num;
} place;

static int by_story(const void *x, const void *y)
{
	const place *a = x, *b = y;

	if (a->story != b->story)
		return a->story < b->story ? -1 : 1;
	return a->num < b->num ? -1 : a->num > b->num;
}

static void print_copy(FILE *f, const px_near_copy *c, int json)
{
	size_t k;

	if (json) {
		fprintf(f, "{\"a\":%zu,\"b\":%zu,\"jaccard\":%.3f,\"source\":",
		        c->a, c->b, c->jaccard);
		if (c->source == SIZE_MAX)
			fputs("null", f);
		else
			fprintf(f, "%zu", c->source);
		fputs(",\"passages\":[", f);
		for (k = 0; k < c->npassages; k++)
			fprintf(f, "%s{\"a\":[%zu,%zu],\"b\":[%zu,%zu]}",
			        k ? "," : "", c->passages[k].a.start,
			        c->passages[k].a.end, c->passages[k].b.start,
			        c->passages[k].b.end);
		fputs("]}", f);
		return;
	}
	fprintf(f, "  near-copy #%zu ~ #%zu: jaccard %.2f, ", c->a, c->b,
	        c->jaccard);
	if (c->source == SIZE_MAX)
		fputs("direction unknown\n", f);
	else
		fprintf(f, "#%zu is the source\n", c->source);
	for (k = 0; k < c->npassages; k++)
		fprintf(f, "    shared: #%zu [%zu, %zu) = #%zu [%zu, %zu)\n",
		        c->a, c->passages[k].a.start, c->passages[k].a.end,
		        c->b, c->passages[k].b.start, c->passages[k].b.end);
}

/* Print the stories of s; info[n] holds the articles. */
static void print_stories(FILE *f, const px_stories *s, art_info *info,
                          size_t n, int json)
{
	place *ord = malloc((n + 1) * sizeof(*ord));
	size_t i, j, nc = 0, nm = 0;
	const px_near_copy *c = px_stories_copies(s, &nc);
	const px_story_merge *m = px_stories_merges(s, &nm);
	int first = 1;

	if (!ord)
		return;
	for (i = 0; i < n; i++) {
		info[i].story = px_stories_story(s, i);
		ord[i].story = info[i].story;
		ord[i].num = i;
	}
	qsort(ord, n, sizeof(*ord), by_story);
	if (json)
		fputs("{\"stories\":[", f);
	else
		fprintf(f, "%zu articles, %zu stories\n", n,
		        px_stories_nstories(s));
	for (i = 0; i < n;) {
		size_t st = ord[i].story, end = i, k;
		int fc = 1;

		while (end < n && ord[end].story == st)
			end++;
		if (json) {
			fprintf(f, "%s{\"story\":%zu,\"articles\":[",
			        first ? "" : ",", st);
		} else {
			fprintf(f, "\nstory %zu: %zu article%s\n", st,
			        end - i, end - i == 1 ? "" : "s");
		}
		first = 0;
		for (j = i; j < end; j++) {
			const art_info *a = &info[ord[j].num];

			if (json) {
				fprintf(f, "%s{\"n\":%zu,\"id\":",
				        j > i ? "," : "", ord[j].num);
				json_str(f, a->id);
				fputs(",\"input\":", f);
				json_str(f, a->input);
				fputs(",\"source\":", f);
				json_str(f, a->source);
				fputs(",\"published\":", f);
				json_str(f, a->published);
				fputs(",\"title\":", f);
				json_str(f, a->title);
				fputc('}', f);
			} else {
				fprintf(f, "  #%zu %s | %s | %s | %s\n",
				        ord[j].num,
				        a->input ? a->input : "-",
				        a->source ? a->source : "-",
				        a->published ? a->published : "-",
				        a->title ? a->title : "-");
			}
		}
		if (json)
			fputs("],\"near_copies\":[", f);
		for (k = 0; k < nc; k++) {
			if (c[k].a >= n || info[c[k].a].story != st)
				continue;
			if (json && !fc)
				fputc(',', f);
			fc = 0;
			print_copy(f, &c[k], json);
		}
		if (json)
			fputs("]}", f);
		i = end;
	}
	if (json) {
		fputs("],\"merges\":[", f);
		for (i = 0; i < nm; i++)
			fprintf(f, "%s{\"from\":%zu,\"into\":%zu,"
			        "\"article\":%zu}", i ? "," : "", m[i].from,
			        m[i].into, m[i].article);
		fputs("]}\n", f);
	} else {
		for (i = 0; i < nm; i++)
			fprintf(f, "%sstory %zu merged into story %zu at "
			        "article #%zu\n", i ? "" : "\n", m[i].from,
			        m[i].into, m[i].article);
	}
	free(ord);
}

int cmd_cluster(int argc, char **argv)
{
	cluster_opts o;
	char **paths;
	size_t npaths = 0, n, bytes, i, failed = 0, nart = 0, capart = 0;
	px_inputs *in = NULL;
	px_job *jobs = NULL;
	px_article **arts = NULL;
	art_info *info = NULL;
	px_stories *s = NULL;
	batch_ctx b;
	int more = 1, i_arg, ret = PX_EXIT_SYSTEM;
	px_status rc;

	memset(&o, 0, sizeof(o));
	o.jobs = px_cores();
	paths = calloc((size_t)argc + 1, sizeof(*paths));
	if (!paths)
		return PX_EXIT_SYSTEM;
	for (i_arg = 1; i_arg < argc; i_arg++) {
		const char *a = argv[i_arg];
		const char *v = i_arg + 1 < argc ? argv[i_arg + 1] : NULL;
		double d;

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			free(paths);
			px_cli_help(stdout, "cluster");
			return PX_EXIT_OK;
		} else if (!strcmp(a, "--format")) {
			if (!v || (strcmp(v, "json") && strcmp(v, "text"))) {
				free(paths);
				return px_cli_usage("cluster", "--format takes json or "
				                   "text, not '%s'",
				                   v ? v : "");
			}
			o.json = !strcmp(v, "json");
			i_arg++;
		} else if (!strcmp(a, "--window")) {
			if (parse_num(v, &d)) {
				free(paths);
				return px_cli_usage("cluster", "--window takes a number of "
				                   "days");
			}
			o.st.window_days = d;
			i_arg++;
		} else if (!strcmp(a, "--threshold")) {
			if (parse_num(v, &d) || d <= 0 || d > 1) {
				free(paths);
				return px_cli_usage("cluster", "--threshold takes a number "
				                   "from 0 to 1");
			}
			o.st.threshold = d;
			i_arg++;
		} else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
			if (parse_num(v, &d) || d < 1 || d > 256) {
				free(paths);
				return px_cli_usage("cluster", "%s takes a number from 1 "
				                   "to 256", a);
			}
			o.jobs = (int)d;
			i_arg++;
		} else if (a[0] == '-' && a[1]) {
			free(paths);
			return px_cli_usage("cluster", "unknown option '%s'", a);
		} else {
			paths[npaths++] = argv[i_arg];
		}
	}
	o.px.langid = px_cli_langid();
	in = px_inputs_open(paths, npaths, PX_DEFAULT_MAX_BYTES);
	free(paths);
	jobs = calloc(BATCH_JOBS, sizeof(*jobs));
	arts = calloc(BATCH_JOBS, sizeof(*arts));
	if (!in || !jobs || !arts || px_stories_create(&o.st, &s)) {
		px_cli_err("out of memory");
		goto out;
	}
	b.o = &o;
	b.base = jobs;
	b.arts = arts;
	while (more) {
		n = 0;
		bytes = 0;
		while (n < BATCH_JOBS && bytes < BATCH_BYTES) {
			if (!px_inputs_next(in, &jobs[n])) {
				more = 0;
				break;
			}
			bytes += jobs[n].len;
			n++;
		}
		memset(arts, 0, BATCH_JOBS * sizeof(*arts));
		px_run_parallel(jobs, n, o.jobs, cluster_one, &b);
		for (i = 0; i < n; i++) {
			const px_meta *m;
			art_info *ai;

			if (jobs[i].rc || !arts[i]) {
				px_cli_err("%s", jobs[i].err.msg);
				failed++;
				px_job_clear(&jobs[i]);
				continue;
			}
			if (nart == capart) {
				size_t nc = capart ? capart * 2 : 256;
				art_info *ni = realloc(info, nc * sizeof(*ni));

				if (!ni) {
					px_cli_err("out of memory");
					goto out;
				}
				info = ni;
				capart = nc;
			}
			rc = px_stories_add(s, arts[i], NULL, NULL);
			if (rc) {
				px_cli_err("%s", px_strerror(rc));
				goto out;
			}
			m = px_article_meta(arts[i]);
			ai = &info[nart++];
			memset(ai, 0, sizeof(*ai));
			ai->id = dup_or_null(m->id);
			ai->input = dup_or_null(m->input ? m->input
			                                 : jobs[i].name);
			ai->source = dup_or_null(m->source);
			ai->published = dup_or_null(m->published);
			ai->title = dup_or_null(m->title);
			px_article_free(arts[i]);
			arts[i] = NULL;
			px_job_clear(&jobs[i]);
		}
	}
	print_stories(stdout, s, info, nart, o.json);
	if (fflush(stdout)) {
		px_cli_err("cannot write output: %s", strerror(errno));
		goto out;
	}
	ret = failed ? PX_EXIT_INPUT : PX_EXIT_OK;
out:
	for (i = 0; arts && i < BATCH_JOBS; i++)
		px_article_free(arts[i]);
	for (i = 0; jobs && i < BATCH_JOBS; i++)
		px_job_clear(&jobs[i]);
	free(arts);
	free(jobs);
	info_free(info, nart);
	px_stories_free(s);
	px_inputs_close(in);
	return ret;
}
