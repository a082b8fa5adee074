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

/* The pass over the inputs: the story set and each article's facts. */
typedef struct cluster_ctx {
	px_stories *s;
	art_info *info;
	size_t n, cap, failed;
} cluster_ctx;

/* Add one analyzed article to the story set and keep its facts. */
static int add_one(void *ctx, px_job *job, px_article *a)
{
	cluster_ctx *c = ctx;
	const px_meta *m;
	art_info *ai;
	px_status rc;

	if (!a) {
		px_cli_err("%s", job->err.msg);
		c->failed++;
		return 0;
	}
	if (c->n == c->cap) {
		size_t nc = c->cap ? c->cap * 2 : 256;
		art_info *ni = realloc(c->info, nc * sizeof(*ni));

		if (!ni) {
			px_article_free(a);
			px_cli_err("out of memory");
			return -1;
		}
		c->info = ni;
		c->cap = nc;
	}
	rc = px_stories_add(c->s, a, NULL, NULL);
	if (rc) {
		px_article_free(a);
		px_cli_err("%s", px_strerror(rc));
		return -1;
	}
	m = px_article_meta(a);
	ai = &c->info[c->n++];
	memset(ai, 0, sizeof(*ai));
	ai->id = dup_or_null(m->id);
	ai->input = dup_or_null(m->input ? m->input : job->name);
	ai->source = dup_or_null(m->source);
	ai->published = dup_or_null(m->published);
	ai->title = dup_or_null(m->title);
	px_article_free(a);
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
	size_t nsp = 0;
	const px_story_split *sp = px_stories_splits(s, &nsp);
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
		fputs("],\"splits\":[", f);
		for (i = 0; i < nsp; i++)
			fprintf(f, "%s{\"from\":%zu,\"into\":%zu,"
			        "\"article\":%zu}", i ? "," : "", sp[i].from,
			        sp[i].into, sp[i].article);
		fputs("]}\n", f);
	} else {
		for (i = 0; i < nm; i++)
			fprintf(f, "%sstory %zu merged into story %zu at "
			        "article #%zu\n", i ? "" : "\n", m[i].from,
			        m[i].into, m[i].article);
		for (i = 0; i < nsp; i++)
			fprintf(f, "%sstory %zu split from story %zu at "
			        "article #%zu\n", i || nm ? "" : "\n",
			        sp[i].into, sp[i].from, sp[i].article);
	}
	free(ord);
}

int cmd_cluster(int argc, char **argv)
{
	cluster_opts o;
	char **paths;
	size_t npaths = 0;
	cluster_ctx c;
	px_stories *s = NULL;
	int i_arg, ret = PX_EXIT_SYSTEM, rc;

	memset(&o, 0, sizeof(o));
	memset(&c, 0, sizeof(c));
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
		} else if (!strcmp(a, "--late-binding")) {
			o.st.late_binding = 1;
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
	if (px_stories_create(&o.st, &s)) {
		free(paths);
		px_cli_err("out of memory");
		goto out;
	}
	c.s = s;
	rc = px_each_article(paths, npaths, &o.px, o.jobs, add_one, &c);
	free(paths);
	if (rc)
		goto out;
	print_stories(stdout, s, c.info, c.n, o.json);
	if (fflush(stdout)) {
		px_cli_err("cannot write output: %s", strerror(errno));
		goto out;
	}
	ret = c.failed ? PX_EXIT_INPUT : PX_EXIT_OK;
out:
	info_free(c.info, c.n);
	px_stories_free(s);
	return ret;
}
