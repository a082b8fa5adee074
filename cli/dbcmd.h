/*
 * dbcmd.h - what the store commands (ingest, search, show, stats, diff,
 * export, stories, sources) share: --db handling and usage errors.
 */
#ifndef PX_DBCMD_H
#define PX_DBCMD_H

#include "cli.h"
#include "store.h"

#define PX_DEFAULT_DB "parallax.db"

/* Print "parallax: <msg> (see 'parallax help CMD')"; returns
 * PX_EXIT_USAGE. */
int px_cli_usage(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Open the store at path (flags PX_STORE_*); on failure print why and
 * return an exit status, else 0 with *out set. */
int px_cli_store(const char *path, unsigned flags, px_store **out);

/* Print a store failure (err) and return PX_EXIT_SYSTEM. */
int px_cli_store_fail(const px_error *err);

/* A positive decimal number into *out; -1 if z is not one. */
int px_cli_number(const char *z, size_t *out);

/* Write z to f as a JSON string (quotes, escapes); NULL as null. */
void px_cli_json_str(FILE *f, const char *z);

#endif /* PX_DBCMD_H */
