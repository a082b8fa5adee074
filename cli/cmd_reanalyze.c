/*
 * cmd_reanalyze.c - parallax reanalyze: run the current engine again
 * over the stored bytes of every article (after an engine upgrade), in
 * batches analyzed on all cores, each batch's new analysis written in one
 * transaction. The run is a generation kept in the database: a killed
 * run loses at most its open batch, and running it again carries on
 * where it stopped. Articles without a story (from a database older
 * than stories) get one.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbcmd.h"

typedef struct re_ctx {
	const px_store_row *rows;
	px_job *base;
	px_article **arts;
	char **json;
	size_t *json_len;
	unsigned json_flags;
	px_options px;
} re_ctx;

static void analyze_row(px_job *job, void *ctx)
{
	re_ctx *c = ctx;
	size_t i = (size_t)(job - c->base);
	px_status rc;

	rc = px_store_row_article(&c->rows[i], &c->px,
	                          &c->arts[i], &job->err);
	if (!rc)
		rc = px_article_to_json(c->arts[i], c->json_flags, &c->json[i],
		                        &c->json_len[i]);
	job->rc = rc;
}

int cmd_reanalyze(int argc, char **argv)
{
	const char *db = PX_DEFAULT_DB;
	size_t batch = 32, done = 0, failed = 0, n = 0, i;
	int jobs = px_cores(), gen = 0, k, st = PX_EXIT_OK;
	int tty = isatty(STDERR_FILENO);
	px_stories_opts so;
	unsigned json_flags = 0;
	px_store *s = NULL;
	px_error err;
	int64_t after = 0;

	memset(&so, 0, sizeof(so));
	so.max_live = 5000; /* as ingest's --live */
	for (k = 1; k < argc; k++) {
		const char *a = argv[k];
		const char *v = k + 1 < argc ? argv[k + 1] : NULL;
		size_t num;

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			px_cli_help(stdout, "reanalyze");
			return PX_EXIT_OK;
		} else if (!strcmp(a, "--db")) {
			if (!v)
				return px_cli_usage("reanalyze", "--db needs a "
				                    "path");
			db = v;
			k++;
		} else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
			if (px_cli_number(v, &num) || num > 256)
				return px_cli_usage("reanalyze", "%s takes a "
				                    "number from 1 to 256", a);
			jobs = (int)num;
			k++;
		} else if (!strcmp(a, "--batch")) {
			if (px_cli_number(v, &num) || num > 100000)
				return px_cli_usage("reanalyze", "--batch takes a "
				                    "number from 1 to 100000");
			batch = num;
			k++;
		} else if (!strcmp(a, "--no-span-text")) {
			json_flags |= PX_OUT_NO_SPAN_TEXT;
		} else if (!strcmp(a, "--window")) {
			char *end = NULL;
			double d = v ? strtod(v, &end) : 0;

			if (!v || end == v || *end || d == 0)
				return px_cli_usage("reanalyze", "--window takes "
				                    "a number of days");
			so.window_days = d;
			k++;
		} else {
			return px_cli_usage("reanalyze", "unknown argument "
			                    "'%s'", a);
		}
	}
	st = px_cli_store(db, 0, &s);
	if (st)
		return st;
	memset(&err, 0, sizeof(err));
	if (px_store_reanalysis_gen(s, &gen, &err) ||
	    px_store_stories_load(s, &so, &err)) {
		st = err.msg[0] ? px_cli_store_fail(&err) : PX_EXIT_SYSTEM;
		if (!err.msg[0])
			px_cli_err("out of memory");
		px_store_close(s);
		return st;
	}
	for (;;) {
		px_store_row *rows = NULL;
		px_job *jv;
		re_ctx c;
		px_status rc;

		if (px_store_pending(s, gen, after, batch, &rows, &n, &err)) {
			st = err.msg[0] ? px_cli_store_fail(&err)
			                : PX_EXIT_SYSTEM;
			break;
		}
		if (!n) {
			free(rows);
			break;
		}
		memset(&c, 0, sizeof(c));
		jv = calloc(n, sizeof(*jv));
		c.arts = calloc(n, sizeof(*c.arts));
		c.json = calloc(n, sizeof(*c.json));
		c.json_len = calloc(n, sizeof(*c.json_len));
		c.rows = rows;
		c.base = jv;
		c.json_flags = json_flags;
		c.px.langid = px_cli_langid();
		rc = !jv || !c.arts || !c.json || !c.json_len ? PX_ENOMEM
		     : PX_OK;
		if (!rc) {
			px_run_parallel(jv, n, jobs, analyze_row, &c);
			rc = px_store_begin(s, &err);
		}
		for (i = 0; i < n && !rc; i++) {
			if (jv[i].rc) {
				px_cli_err("article %lld: %s",
				           (long long)rows[i].id,
				           jv[i].err.msg[0] ? jv[i].err.msg
				           : px_strerror(jv[i].rc));
				failed++;
				continue;
			}
			rc = px_store_reanalyzed(s, rows[i].id, c.arts[i],
			                         c.json[i], c.json_len[i], gen,
			                         &err);
			done += !rc;
		}
		if (!rc)
			rc = px_store_commit(s, &err);
		if (rc) {
			px_store_rollback(s);
			if (rc == PX_ENOMEM)
				px_cli_err("out of memory");
			else
				px_cli_store_fail(&err);
			st = PX_EXIT_SYSTEM;
		}
		after = rows[n - 1].id;
		for (i = 0; i < n; i++) {
			if (c.arts)
				px_article_free(c.arts[i]);
			if (c.json)
				free(c.json[i]);
		}
		free(c.arts);
		free(c.json);
		free(c.json_len);
		free(jv);
		px_store_rows_free(rows, n);
		if (st)
			break;
		if (tty)
			fprintf(stderr, "\r\033[Kreanalyze: %zu articles", done);
	}
	if (tty)
		fputc('\n', stderr);
	if (!st && !failed && px_store_reanalysis_done(s, &err))
		st = px_cli_store_fail(&err);
	px_store_close(s);
	if (st)
		return st;
	return failed ? PX_EXIT_INPUT : PX_EXIT_OK;
}
