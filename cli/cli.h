/*
 * cli.h - the parallax command: shared by main.c and the cmd_*.c files.
 * The CLI includes only the public header.
 */
#ifndef PX_CLI_H
#define PX_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "parallax/parallax.h"

enum px_exit {
	PX_EXIT_OK = 0,
	PX_EXIT_INPUT = 1,  /* some input failed; the rest went through */
	PX_EXIT_USAGE = 2,
	PX_EXIT_SYSTEM = 3
};

/* Print "parallax: <msg>" on standard error. */
void px_cli_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "parallax: <msg> (see 'parallax help CMD')"; returns
 * PX_EXIT_USAGE. */
int px_cli_usage(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A positive whole number from z into *out; -1 if it is not one. */
int px_cli_number(const char *z, size_t *out);
/* A number (decimal, may be negative) from z into *out; -1 if not one. */
int px_cli_real(const char *z, double *out);
/* Print a command's help to f; returns 0 if the command is known. */
int px_cli_help(FILE *f, const char *cmd);

/* One article's worth of input, and what became of it. */
typedef struct px_job {
	char *name;     /* input name (file, or "<stdin>") */
	size_t line;    /* JSON Lines: 1-based line; 0 for a whole file */
	int json;       /* a JSON Lines record */
	int html;       /* a web page (HTML, maybe gzipped) */
	px_item *item;  /* a feed item or WARC record (px_item_dup), owned */
	char *data;
	size_t len;
	px_status rc;   /* set by the reader (I/O errors) or by analysis */
	px_error err;
	char *out;      /* formatted result, malloc'd */
	size_t out_len;
} px_job;

/* Inputs: files, directories and "-" expanded into jobs, in order. */
typedef struct px_inputs px_inputs;

px_inputs *px_inputs_open(char **paths, size_t n, size_t max_bytes);
/* The next job into *job; 1 when one was produced, 0 at the end. A job
 * that failed to read has job->rc set. */
int px_inputs_next(px_inputs *in, px_job *job);
void px_inputs_close(px_inputs *in);
void px_job_clear(px_job *job);
/* Analyze a job's bytes by their kind (web page, JSON Lines record, plain
 * text) into *out, then free the bytes; errors land in job->err. */
px_status px_job_analyze(px_job *job, const px_options *opts,
                         px_article **out);

/* The language fingerprints for px_options.langid, read on first use
 * (call it on the main thread before analysis starts) and kept to the
 * end of the process; NULL, after one warning, when they cannot be read
 * (then every stage runs on every article). PARALLAX_LANG_DIR names
 * another directory of fingerprints. */
const px_langid *px_cli_langid(void);

/*
 * One pass over the inputs named by paths: read them in batches of up to
 * PX_EACH_JOBS articles or PX_EACH_BYTES bytes, analyze each batch on up
 * to threads threads, then call fn on each job in input order with its
 * article, which fn takes; a with NULL when the job failed (job->rc and
 * job->err say why). A nonzero return from fn stops the pass. Returns 0,
 * or -1 when fn stopped it or memory ran out (reported).
 */
#define PX_EACH_JOBS 512
#define PX_EACH_BYTES ((size_t)64 << 20)
int px_each_article(char **paths, size_t npaths, const px_options *opts,
                    int threads,
                    int (*fn)(void *ctx, px_job *job, px_article *a),
                    void *ctx);

/* Run fn over jobs[0..n) on up to threads threads. */
void px_run_parallel(px_job *jobs, size_t n, int threads,
                     void (*fn)(px_job *job, void *ctx), void *ctx);
/* Number of online cores, at least 1. */
int px_cores(void);

int cmd_analyze(int argc, char **argv);
int cmd_entities(int argc, char **argv);
int cmd_help(int argc, char **argv);
/* The corpus store (store/): cmd_ingest.c, cmd_search.c, ... */
int cmd_ingest(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_stories(int argc, char **argv);
int cmd_sources(int argc, char **argv);
int cmd_cluster(int argc, char **argv);
int cmd_brief(int argc, char **argv);
int cmd_reanalyze(int argc, char **argv);
/* cmd_watch.c: polls feeds over HTTP(S) (libcurl) into the store. */
int cmd_watch(int argc, char **argv);

#endif /* PX_CLI_H */
