/*
 * cmd_stats.c - parallax stats: what the corpus database holds (articles,
 * versions, sentences, residue, sources, errors, stories, size), and
 * parallax stories: the stories found by clustering, or that none ran.
 */
#include <string.h>
#include <sys/stat.h>

#include "dbcmd.h"

static long long count(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long n = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL))
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static long long file_size(const char *path, const char *suffix)
{
	char z[4096];
	struct stat sb;

	snprintf(z, sizeof(z), "%s%s", path, suffix);
	return stat(z, &sb) ? 0 : (long long)sb.st_size;
}

/* Parse [--db PATH] [--format text|json] for cmd; -1 when parsed. */
static int db_args(const char *cmd, int argc, char **argv, const char **db,
                   int *json)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			px_cli_help(stdout, cmd);
			return PX_EXIT_OK;
		} else if (!strcmp(a, "--db")) {
			if (!v)
				return px_cli_usage(cmd, "--db needs a path");
			*db = v;
			i++;
		} else if (!strcmp(a, "--format")) {
			if (!v || (strcmp(v, "text") && strcmp(v, "json")))
				return px_cli_usage(cmd, "--format takes text "
				                    "or json, not '%s'",
				                    v ? v : "");
			*json = !strcmp(v, "json");
			i++;
		} else {
			return px_cli_usage(cmd, "unknown argument '%s'", a);
		}
	}
	return -1;
}

int cmd_stats(int argc, char **argv)
{
	static const struct {
		const char *name, *sql;
	} rows[] = {
		{"articles", "SELECT count(*) FROM articles a WHERE NOT EXISTS "
		 "(SELECT 1 FROM articles b WHERE b.url = a.url AND "
		 "b.version > a.version)"},
		{"versions", "SELECT count(*) FROM articles"},
		{"edited", "SELECT count(DISTINCT url) FROM articles WHERE "
		 "version > 1"},
		{"sentences", "SELECT count(*) FROM sentences"},
		{"residue", "SELECT count(*) FROM residue"},
		{"bytes", "SELECT coalesce(sum(bytes), 0) FROM articles"},
		{"sources", "SELECT count(*) FROM sources"},
		{"errors", "SELECT count(*) FROM errors"},
		{"stories", "SELECT count(DISTINCT story_id) FROM articles"},
		{"entities", "SELECT count(*) FROM entities"},
		{"mentions", "SELECT count(*) FROM mentions"},
		{"quotes", "SELECT count(*) FROM quotes"},
		{"amounts", "SELECT count(*) FROM amounts"},
		{"dates", "SELECT count(*) FROM dates"},
		{"copies", "SELECT count(*) FROM near_copies"},
		{"merges", "SELECT count(*) FROM story_merges"},
		{"schema", "PRAGMA user_version"},
		{NULL, NULL}
	};
	const char *db = PX_DEFAULT_DB;
	px_store *s = NULL;
	int json = 0, st, i;
	long long size;

	st = db_args("stats", argc, argv, &db, &json);
	if (st >= 0)
		return st;
	st = px_cli_store(db, 0, &s);
	if (st)
		return st;
	size = file_size(db, "") + file_size(db, "-wal");
	if (json)
		fputc('{', stdout);
	for (i = 0; rows[i].name; i++) {
		long long n = count(px_store_db(s), rows[i].sql);

		if (json)
			printf("%s\"%s\":%lld", i ? "," : "", rows[i].name, n);
		else
			printf("%-10s %lld\n", rows[i].name, n);
	}
	if (json)
		printf(",\"db_bytes\":%lld}\n", size);
	else
		printf("%-10s %.1f MB (%s, with its WAL)\n", "size",
		       (double)size / 1e6, db);
	px_store_close(s);
	return PX_EXIT_OK;
}

int cmd_stories(int argc, char **argv)
{
	const char *db = PX_DEFAULT_DB;
	px_store *s = NULL;
	sqlite3_stmt *q = NULL;
	int json = 0, st, n = 0;

	st = db_args("stories", argc, argv, &db, &json);
	if (st >= 0)
		return st;
	st = px_cli_store(db, 0, &s);
	if (st)
		return st;
	/* Stories not merged away, biggest first; the title of the first
	 * article that has one. */
	if (sqlite3_prepare_v2(px_store_db(s), "SELECT a.story_id, count(*), "
	                       "min(a.published), max(a.published), "
	                       "count(DISTINCT a.source), (SELECT title FROM "
	                       "articles t WHERE t.story_id = a.story_id AND "
	                       "t.title IS NOT NULL ORDER BY t.id LIMIT 1), "
	                       "(SELECT count(*) FROM story_merges m WHERE "
	                       "m.into_story = a.story_id) FROM articles a "
	                       "WHERE a.story_id IS NOT NULL GROUP BY "
	                       "a.story_id ORDER BY count(*) DESC, a.story_id",
	                       -1, &q, NULL)) {
		px_cli_err("cannot read stories: %s",
		           sqlite3_errmsg(px_store_db(s)));
		px_store_close(s);
		return PX_EXIT_SYSTEM;
	}
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *lo = (const char *)sqlite3_column_text(q, 2);
		const char *hi = (const char *)sqlite3_column_text(q, 3);
		const char *title = (const char *)sqlite3_column_text(q, 5);

		if (json) {
			printf("{\"story\":%lld,\"articles\":%d,\"sources\":%d"
			       ",\"first\":", sqlite3_column_int64(q, 0),
			       sqlite3_column_int(q, 1),
			       sqlite3_column_int(q, 4));
			px_cli_json_str(stdout, lo);
			fputs(",\"last\":", stdout);
			px_cli_json_str(stdout, hi);
			fputs(",\"title\":", stdout);
			px_cli_json_str(stdout, title);
			printf(",\"merged\":%d}\n", sqlite3_column_int(q, 6));
		} else {
			printf("story:%lld\t%d article%s\t%d source%s\t%s .. "
			       "%s\t%s\n", sqlite3_column_int64(q, 0),
			       sqlite3_column_int(q, 1),
			       sqlite3_column_int(q, 1) == 1 ? "" : "s",
			       sqlite3_column_int(q, 4),
			       sqlite3_column_int(q, 4) == 1 ? "" : "s",
			       lo ? lo : "-", hi ? hi : "-",
			       title ? title : "(no title)");
		}
		n++;
	}
	sqlite3_finalize(q);
	px_store_close(s);
	if (!n && !json)
		printf("no stories in %s: ingest articles, or run 'parallax "
		       "reanalyze' on a database from before stories\n", db);
	return PX_EXIT_OK;
}
