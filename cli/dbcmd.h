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


/* Write z to f as a JSON string (quotes, escapes); NULL as null. */
void px_cli_json_str(FILE *f, const char *z);

#endif /* PX_DBCMD_H */
