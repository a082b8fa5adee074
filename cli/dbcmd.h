/*
 * dbcmd.h - what the store commands (ingest, search, show, stats, diff,
 * export, stories, sources) share: --db handling and usage errors.
 */
#ifndef PX_DBCMD_H
#define PX_DBCMD_H

#include "cli.h"
#include "store.h"

#define PX_DEFAULT_DB "parallax.db"

/* Open the store at path (flags PX_STORE_*); on failure print why and
 * return an exit status, else 0 with *out set. */
int px_cli_store(const char *path, unsigned flags, px_store **out);

/* Open the store at path and find the article ref (row id or article
 * id); on failure print why, close the store and return an exit status,
 * else 0 with *out and *id set. */
int px_cli_article(const char *path, const char *ref, px_store **out,
                   int64_t *id);

/* Print a store failure (err) and return PX_EXIT_SYSTEM. */
int px_cli_store_fail(const px_error *err);


/* Articles the story set keeps for matching, by default (ingest's
 * --live; watch). */
#define PX_INGEST_LIVE 5000

/* What ingest sets on the articles it analyzes; any field may be NULL. */
typedef struct px_ingest_meta {
	const char *source;    /* every article's outlet (--source) */
	const char *published; /* every article's date (--published) */
	const char *outlet;    /* the outlet of an article that names none,
	                        * whose source is only its file's name or its
	                        * URL's host (watch: the feed's title) */
	unsigned json_flags;   /* PX_OUT_* */
} px_ingest_meta;

/* An article's analysis JSON as the store keeps it (px_store_pack), and
 * its story features (px_store_doc_make): both made on the analysis
 * threads. px_ingest_json_free() frees both. */
typedef struct px_ingest_json {
	unsigned char *packed; /* malloc'd */
	size_t packed_len;
	size_t len;            /* of the JSON text */
	px_store_doc *doc;
} px_ingest_json;
void px_ingest_json_free(px_ingest_json *json);

/*
 * What ingest does with one job, shared with watch (cli/cmd_watch.c).
 * Analyze it: the article, with m's fields applied, into *out and its
 * JSON, compressed for the store, into *json (free json->packed); on
 * failure job->rc and job->err say why and *out is NULL.
 */
px_status px_ingest_analyze(px_job *job, const px_options *px,
                            const px_ingest_meta *m, px_article **out,
                            px_ingest_json *json);
/*
 * Store it, inside px_store_begin/commit: a job that failed (job->rc)
 * goes to the errors table with its name and line (res->kind 0), else
 * the article (px_store_put_packed; JSON Lines records as records). A store
 * failure returns nonzero with err set. OUT: res.
 */
px_status px_ingest_store(px_store *s, const px_job *job,
                          const px_article *a, const px_ingest_json *json,
                          px_store_put_result *res, px_error *err);

/* Write z to f as a JSON string (quotes, escapes); NULL as null. */
void px_cli_json_str(FILE *f, const char *z);

#endif /* PX_DBCMD_H */
