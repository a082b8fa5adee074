/*
 * cmd_analyze.c - parallax analyze: inputs to one JSON object (or text
 * view) per article, in input order, on all cores.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define BATCH_JOBS 512
#define BATCH_BYTES ((size_t)64 << 20)

typedef struct analyze_opts {
	int text;          /* --format text */
	int jobs;
	unsigned out_flags;
	const char *source;
	const char *published;
	px_options px;
} analyze_opts;

static void analyze_one(px_job *job, void *ctx)
{
	const analyze_opts *o = ctx;
	px_article *a = NULL;
	px_status rc;

	if (job->rc)
		return; /* failed to read */
	rc = px_job_analyze(job, &o->px, &a);
	if (!rc && o->source)
		rc = px_article_set_meta(a, "source", o->source);
	if (!rc && o->published)
		rc = px_article_set_meta(a, "published", o->published);
	if (!rc)
		rc = o->text ? px_article_to_text(a, o->out_flags, &job->out,
		                                  &job->out_len)
		             : px_article_to_json(a, o->out_flags, &job->out,
		                                  &job->out_len);
	if (rc && !job->err.code) {
		job->err.code = rc;
		snprintf(job->err.msg, sizeof(job->err.msg), "%s in %s",
		         px_strerror(rc), job->name ? job->name : "input");
	}
	job->rc = rc;
	px_article_free(a);
}

int cmd_analyze(int argc, char **argv)
{
	analyze_opts o;
	char **paths;
	size_t npaths = 0, n, bytes, i, failed = 0;
	px_inputs *in;
	px_job *jobs;
	int more = 1, i_arg, sys = 0;

	memset(&o, 0, sizeof(o));
	o.jobs = px_cores();
	paths = calloc((size_t)argc + 1, sizeof(*paths));
	if (!paths)
		return PX_EXIT_SYSTEM;
	for (i_arg = 1; i_arg < argc; i_arg++) {
		const char *a = argv[i_arg];
		const char *v = i_arg + 1 < argc ? argv[i_arg + 1] : NULL;

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			free(paths);
			px_cli_help(stdout, "analyze");
			return PX_EXIT_OK;
		} else if (!strcmp(a, "--format")) {
			if (!v || (strcmp(v, "json") && strcmp(v, "text"))) {
				free(paths);
				return px_cli_usage("analyze", "--format takes json or text, "
				                   "not '%s'", v ? v : "");
			}
			o.text = !strcmp(v, "text");
			i_arg++;
		} else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
			size_t j;

			if (!v || px_cli_number(v, &j) || j > 256) {
				free(paths);
				return px_cli_usage("analyze", "%s takes a number from 1 to "
				                   "256", a);
			}
			o.jobs = (int)j;
			i_arg++;
		} else if (!strcmp(a, "--source") || !strcmp(a, "--published")) {
			if (!v) {
				free(paths);
				return px_cli_usage("analyze", "%s needs a value", a);
			}
			if (!strcmp(a, "--source"))
				o.source = v;
			else
				o.published = v;
			i_arg++;
		} else if (!strcmp(a, "--max-bytes")) {
			if (!v || px_cli_number(v, &o.px.max_bytes)) {
				free(paths);
				return px_cli_usage("analyze", "%s takes a positive number of "
				                   "bytes", a);
			}
			i_arg++;
		} else if (!strcmp(a, "--tokens")) {
			o.out_flags |= PX_OUT_TOKENS;
		} else if (!strcmp(a, "--pretty")) {
			o.out_flags |= PX_OUT_PRETTY;
		} else if (a[0] == '-' && a[1]) {
			free(paths);
			return px_cli_usage("analyze", "unknown option '%s'", a);
		} else {
			paths[npaths++] = argv[i_arg];
		}
	}
	o.px.langid = px_cli_langid();
	in = px_inputs_open(paths, npaths,
	                    o.px.max_bytes ? o.px.max_bytes
	                                   : PX_DEFAULT_MAX_BYTES);
	free(paths);
	if (!in) {
		px_cli_err("out of memory");
		return PX_EXIT_SYSTEM;
	}
	jobs = calloc(BATCH_JOBS, sizeof(*jobs));
	if (!jobs) {
		px_inputs_close(in);
		return PX_EXIT_SYSTEM;
	}
	/* Batches: read some, analyze them on all threads, write in order. */
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
		px_run_parallel(jobs, n, o.jobs, analyze_one, &o);
		for (i = 0; i < n; i++) {
			if (jobs[i].rc) {
				px_cli_err("%s", jobs[i].err.msg);
				failed++;
				if (jobs[i].rc == PX_ENOMEM)
					sys = 1;
			} else if (fwrite(jobs[i].out, 1, jobs[i].out_len,
			                  stdout) != jobs[i].out_len ||
			           fputc('\n', stdout) == EOF) {
				sys = 1;
			}
			px_job_clear(&jobs[i]);
		}
		if (sys)
			break;
	}
	free(jobs);
	px_inputs_close(in);
	if (fflush(stdout) || sys) {
		px_cli_err("cannot write output: %s", strerror(errno));
		return PX_EXIT_SYSTEM;
	}
	return failed ? PX_EXIT_INPUT : PX_EXIT_OK;
}
