/*
 * blob.c - the stored analysis JSON, compressed the way an SQLite Archive
 * compresses its files: zlib's format (RFC 1950) in a BLOB, next to the
 * size of the text it holds; a value whose size equals its length is
 * stored as it is. The sqlite3 shell reads it with its own
 * sqlar_uncompress(analysis, analysis_size); the store registers a
 * function of that name and meaning on its connections (and
 * px_store_sql_functions() on any other), so the view article_json reads
 * the same everywhere.
 */
#include <limits.h>
#include <stdlib.h>
#include <zlib.h>

#include "store_int.h"

/* zlib's fastest level: JSON of the analysis shrinks about five times at
 * a few hundred MB/s, where the next levels gain little for much more
 * time. */
#define PACK_LEVEL 1

px_status px_store_pack(const char *json, size_t len, unsigned char **out,
                        size_t *out_len)
{
	uLongf cap;
	unsigned char *z;

	*out = NULL;
	*out_len = 0;
	if (len > (size_t)INT_MAX) /* a BLOB's limit, and the size column's */
		return PX_ETOOBIG;
	cap = compressBound((uLong)len);
	z = malloc(cap ? cap : 1);
	if (!z)
		return PX_ENOMEM;
	if (compress2(z, &cap, (const Bytef *)json, (uLong)len,
	              PACK_LEVEL) != Z_OK) {
		free(z);
		return PX_ENOMEM;
	}
	*out = z;
	*out_len = cap;
	return PX_OK;
}

/* sqlar_uncompress(X, SZ): X as it is when SZ is not above 0 or equals
 * X's length, else X inflated to SZ bytes; NULL for NULL. An error when
 * X does not inflate to SZ bytes. */
static void sql_uncompress(sqlite3_context *ctx, int argc,
                           sqlite3_value **argv)
{
	const void *z;
	sqlite3_int64 sz;
	int n;
	uLongf got;
	unsigned char *out;

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
		return;
	sz = sqlite3_value_int64(argv[1]);
	n = sqlite3_value_bytes(argv[0]);
	if (sz <= 0 || sz == n) {
		sqlite3_result_value(ctx, argv[0]);
		return;
	}
	if (sz > INT_MAX) {
		sqlite3_result_error_toobig(ctx);
		return;
	}
	z = sqlite3_value_blob(argv[0]);
	out = sqlite3_malloc64((sqlite3_uint64)sz);
	if (!out) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	got = (uLongf)sz;
	if (!z || uncompress(out, &got, z, (uLong)n) != Z_OK ||
	    got != (uLongf)sz) {
		sqlite3_free(out);
		sqlite3_result_error(ctx, "stored analysis does not inflate "
		                     "to its size", -1);
		return;
	}
	sqlite3_result_blob64(ctx, out, (sqlite3_uint64)sz, sqlite3_free);
}

int px_store_sql_functions(sqlite3 *db)
{
	return sqlite3_create_function(db, "sqlar_uncompress", 2,
	                               SQLITE_UTF8 | SQLITE_DETERMINISTIC |
	                               SQLITE_INNOCUOUS,
	                               NULL, sql_uncompress, NULL, NULL);
}
