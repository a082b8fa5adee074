/*
 * cmd_show.c - parallax show: one stored article, as the text view of
 * `parallax analyze --format text` (re-analyzed from the stored bytes)
 * under a header of what the store knows (row id, version, when it was
 * ingested, its story), or as the stored analysis JSON.
 */
#include <stdlib.h>
#include <string.h>

#include "dbcmd.h"

static const char *col(sqlite3_stmt *st, int i)
{
	const char *z = (const char *)sqlite3_column_text(st, i);

	return z ? z : "-";
}

/* The store's header of article id, then its text view (or JSON). */
static int show(px_store *s, long long id, int json)
{
	sqlite3 *db = px_store_db(s);
	sqlite3_stmt *st = NULL;
	px_article *a = NULL;
	px_error err;
	char *out = NULL;
	size_t len = 0;
	int rc = PX_EXIT_OK;
	px_status prc;

	memset(&err, 0, sizeof(err));
	if (sqlite3_prepare_v2(db, "SELECT version, ingested_at, story_id, "
	                       "content_hash, analysis, (SELECT count(*) "
	                       "FROM articles b WHERE b.url = a.url), input "
	                       "FROM articles a WHERE id = ?", -1, &st, NULL)) {
		px_cli_err("cannot read article: %s", sqlite3_errmsg(db));
		return PX_EXIT_SYSTEM;
	}
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		px_cli_err("no article %lld", id);
		rc = PX_EXIT_INPUT;
		goto out;
	}
	if (json) {
		fwrite(sqlite3_column_blob(st, 4), 1,
		       (size_t)sqlite3_column_bytes(st, 4), stdout);
		fputc('\n', stdout);
		goto out;
	}
	printf("== article %lld, version %d of %d, ingested %s from %s\n", id,
	       sqlite3_column_int(st, 0),
	       sqlite3_column_int(st, 5) ? sqlite3_column_int(st, 5) : 1,
	       col(st, 1), col(st, 6));
	printf("  story      %s\n  hash       %s\n",
	       sqlite3_column_type(st, 2) == SQLITE_NULL
	       ? "(no clustering has run yet)" : col(st, 2), col(st, 3));
	prc = px_store_article(s, id, &a, &err);
	if (!prc)
		prc = px_article_to_text(a, 0, &out, &len);
	if (prc) {
		px_cli_err("cannot re-analyze article %lld: %s", id,
		           err.msg[0] ? err.msg : px_strerror(prc));
		rc = PX_EXIT_SYSTEM;
		goto out;
	}
	fwrite(out, 1, len, stdout);
	if (len && out[len - 1] != '\n')
		fputc('\n', stdout);
out:
	free(out);
	px_article_free(a);
	sqlite3_finalize(st);
	return rc;
}

int cmd_show(int argc, char **argv)
{
	const char *db = PX_DEFAULT_DB, *ref = NULL;
	px_store *s = NULL;
	int64_t id;
	int i, st, json = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			px_cli_help(stdout, "show");
			return PX_EXIT_OK;
		} else if (!strcmp(a, "--db")) {
			if (!v)
				return px_cli_usage("show", "--db needs a path");
			db = v;
			i++;
		} else if (!strcmp(a, "--format")) {
			if (!v || (strcmp(v, "text") && strcmp(v, "json")))
				return px_cli_usage("show", "--format takes text "
				                    "or json, not '%s'",
				                    v ? v : "");
			json = !strcmp(v, "json");
			i++;
		} else if (a[0] == '-' && a[1]) {
			return px_cli_usage("show", "unknown option '%s'", a);
		} else if (!ref) {
			ref = a;
		} else {
			return px_cli_usage("show", "one article at a time");
		}
	}
	if (!ref)
		return px_cli_usage("show", "show needs an article (row id or "
		                    "article id)");
	st = px_cli_article(db, ref, &s, &id);
	if (st)
		return st;
	st = show(s, (long long)id, json);
	px_store_close(s);
	return st;
}
