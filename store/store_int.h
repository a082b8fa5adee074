/*
 * store_int.h - private to store/: the migrations and the helpers the
 * store's files share. Tests may include it to build old databases.
 */
#ifndef PX_STORE_INT_H
#define PX_STORE_INT_H

#include "store.h"

/* One schema step: from version - 1 to version. */
typedef struct pxs_migration {
	int version;
	const char *what; /* one line, kept in schema_migrations */
	const char *sql;
} pxs_migration;

/* The migrations in order, ending with {0, NULL, NULL}. */
extern const pxs_migration pxs_migrations[];

/* Bring db to PX_STORE_SCHEMA_VERSION; path names it in errors. */
px_status pxs_migrate(sqlite3 *db, const char *path, px_error *err);

/* Fill err with a store error: "what: sqlite message in path". */
px_status pxs_fail(px_error *err, sqlite3 *db, const char *path,
                   const char *what);

#endif /* PX_STORE_INT_H */
