/*
 * cmd_show.c - parallax show: one stored article, as the text view of
 * `parallax analyze --format text` (re-analyzed from the stored bytes)
 * under a header of what the store knows (row id, version, when it was
 * ingested, its story), or as the stored analysis JSON; or one story
 * (story:N, --story N): its articles, near-copies, merges, most
 * mentioned actors and who is quoted, from the stored tables.
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
	px_options po;
	px_status prc;

	memset(&err, 0, sizeof(err));
	if (sqlite3_prepare_v2(db, "SELECT version, ingested_at, story_id, "
	                       "content_hash, CAST(sqlar_uncompress(analysis, "
	                       "analysis_size) AS TEXT), (SELECT count(*) "
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
	printf("  story      story:%s\n  hash       %s\n",
	       sqlite3_column_type(st, 2) == SQLITE_NULL
	       ? "(none: run 'parallax reanalyze')" : col(st, 2),
	       col(st, 3));
	memset(&po, 0, sizeof(po));
	po.langid = px_cli_langid();
	prc = px_store_article(s, id, &po, &a, &err);
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

/* Prepare sql, bind the story id to ?1; NULL (after saying why) on
 * failure. */
static sqlite3_stmt *story_q(sqlite3 *db, const char *sql, long long id)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL)) {
		px_cli_err("cannot read the story: %s", sqlite3_errmsg(db));
		return NULL;
	}
	sqlite3_bind_int64(st, 1, id);
	return st;
}

static const char *ztext(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* One story: what the tables hold of it. */
static int show_story(px_store *s, long long id, int json)
{
	static const char *const sql[] = {
		/* 0: the story, or the story it was merged into */
		"SELECT id, merged_into FROM stories WHERE id = ?1",
		/* 1: its articles */
		"SELECT id, source, published, version, title, ident FROM "
		"articles WHERE story_id = ?1 ORDER BY published, id",
		/* 2: near-copies inside it */
		"SELECT c.a, c.b, c.jaccard, c.source, json_array_length("
		"c.passages) FROM near_copies c JOIN articles x ON x.id = c.a "
		"WHERE x.story_id = ?1 ORDER BY c.a, c.b",
		/* 3: stories merged into it */
		"SELECT from_story, article FROM story_merges WHERE "
		"into_story = ?1 ORDER BY rowid",
		/* 4: the most mentioned actors */
		"SELECT e.type, e.name, sum(ae.mentions), count(DISTINCT "
		"ae.article) FROM article_entities ae JOIN articles a ON a.id "
		"= ae.article JOIN entities e ON e.id = ae.entity WHERE "
		"a.story_id = ?1 AND e.type IN ('person', 'organization', "
		"'place') GROUP BY e.id ORDER BY sum(ae.mentions) DESC, e.name "
		"LIMIT 12",
		/* 5: who is quoted, how often */
		"SELECT coalesce(e.name, '(' || q.speaker_kind || ')'), "
		"max(q.role), count(*), count(DISTINCT q.article) FROM quotes "
		"q JOIN articles a ON a.id = q.article LEFT JOIN entities e ON "
		"e.id = q.speaker WHERE a.story_id = ?1 AND q.kind = 'direct' "
		"GROUP BY coalesce(e.id, q.speaker_kind) ORDER BY count(*) "
		"DESC LIMIT 12"
	};
	sqlite3 *db = px_store_db(s);
	sqlite3_stmt *st;
	int n = 0, k;

	st = story_q(db, sql[0], id);
	if (!st)
		return PX_EXIT_SYSTEM;
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		px_cli_err("no story %lld (see 'parallax stories')", id);
		return PX_EXIT_INPUT;
	}
	if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
		long long into = sqlite3_column_int64(st, 1);

		sqlite3_finalize(st);
		if (!json)
			printf("story:%lld was merged into story:%lld\n", id,
			       into);
		return show_story(s, into, json);
	}
	sqlite3_finalize(st);
	if (json)
		printf("{\"story\":%lld,\"articles\":[", id);
	else
		printf("== story:%lld\n", id);
	for (k = 1; k < 6; k++) {
		int i = 0;

		st = story_q(db, sql[k], id);
		if (!st)
			return PX_EXIT_SYSTEM;
		if (json && k > 1)
			printf("],\"%s\":[", k == 2 ? "near_copies" : k == 3
			       ? "merged" : k == 4 ? "actors" : "quoted");
		else if (!json)
			printf("%s\n", k == 1 ? "articles:" : k == 2
			       ? "near-copies:" : k == 3 ? "merged in:" : k == 4
			       ? "actors (most mentioned):" : "quoted (direct "
			       "quotes):");
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (json && i)
				fputc(',', stdout);
			if (k == 1) {
				n++;
				if (json) {
					printf("{\"id\":%lld,\"source\":",
					       sqlite3_column_int64(st, 0));
					px_cli_json_str(stdout, ztext(st, 1));
					fputs(",\"published\":", stdout);
					px_cli_json_str(stdout, ztext(st, 2));
					fputs(",\"title\":", stdout);
					px_cli_json_str(stdout, ztext(st, 4));
					fputc('}', stdout);
				} else {
					printf("  %lld\t%s\t%s\tv%d\t%s\n",
					       sqlite3_column_int64(st, 0),
					       col(st, 1), col(st, 2),
					       sqlite3_column_int(st, 3),
					       ztext(st, 4) ? ztext(st, 4)
					       : col(st, 5));
				}
			} else if (k == 2) {
				if (json)
					printf("{\"a\":%lld,\"b\":%lld,"
					       "\"jaccard\":%.3f,\"source\":%s,"
					       "\"passages\":%d}",
					       sqlite3_column_int64(st, 0),
					       sqlite3_column_int64(st, 1),
					       sqlite3_column_double(st, 2),
					       ztext(st, 3) ? ztext(st, 3)
					       : "null", sqlite3_column_int(st, 4));
				else
					printf("  %lld ~ %lld: jaccard %.2f, %s%s"
					       "%s, %d shared passages\n",
					       sqlite3_column_int64(st, 0),
					       sqlite3_column_int64(st, 1),
					       sqlite3_column_double(st, 2),
					       ztext(st, 3) ? "source " : "",
					       ztext(st, 3) ? ztext(st, 3)
					       : "direction unknown",
					       "", sqlite3_column_int(st, 4));
			} else if (k == 3) {
				if (json)
					printf("{\"story\":%lld,\"article\":"
					       "%lld}",
					       sqlite3_column_int64(st, 0),
					       sqlite3_column_int64(st, 1));
				else
					printf("  story:%lld, when article %lld "
					       "came\n",
					       sqlite3_column_int64(st, 0),
					       sqlite3_column_int64(st, 1));
			} else if (k == 4) {
				if (json) {
					fputs("{\"type\":", stdout);
					px_cli_json_str(stdout, ztext(st, 0));
					fputs(",\"name\":", stdout);
					px_cli_json_str(stdout, ztext(st, 1));
					printf(",\"mentions\":%d,\"articles\":"
					       "%d}", sqlite3_column_int(st, 2),
					       sqlite3_column_int(st, 3));
				} else {
					printf("  %-12s %s: %d mentions in %d "
					       "articles\n", col(st, 0),
					       col(st, 1),
					       sqlite3_column_int(st, 2),
					       sqlite3_column_int(st, 3));
				}
			} else {
				if (json) {
					fputs("{\"speaker\":", stdout);
					px_cli_json_str(stdout, ztext(st, 0));
					fputs(",\"role\":", stdout);
					px_cli_json_str(stdout, ztext(st, 1));
					printf(",\"quotes\":%d,\"articles\":%d}",
					       sqlite3_column_int(st, 2),
					       sqlite3_column_int(st, 3));
				} else {
					printf("  %s%s%s%s: %d quotes in %d "
					       "articles\n", col(st, 0),
					       ztext(st, 1) ? " (" : "",
					       ztext(st, 1) ? ztext(st, 1) : "",
					       ztext(st, 1) ? ")" : "",
					       sqlite3_column_int(st, 2),
					       sqlite3_column_int(st, 3));
				}
			}
			i++;
		}
		sqlite3_finalize(st);
		if (!json && !i)
			puts("  (none)");
	}
	if (json)
		puts("]}");
	return n ? PX_EXIT_OK : PX_EXIT_INPUT;
}

/* "story:N" or "storyN": 1 and *id when ref names a story. */
static int story_ref(const char *ref, long long *id)
{
	size_t k;

	if (strncmp(ref, "story", 5))
		return 0;
	ref += 5;
	if (*ref == ':')
		ref++;
	if (px_cli_number(ref, &k))
		return 0;
	*id = (long long)k;
	return 1;
}

int cmd_show(int argc, char **argv)
{
	const char *db = PX_DEFAULT_DB, *ref = NULL;
	px_store *s = NULL;
	int64_t id;
	int i, st, json = 0;
	long long story = 0;

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
		} else if (!strcmp(a, "--story")) {
			size_t k;

			if (px_cli_number(v, &k))
				return px_cli_usage("show", "--story takes a "
				                    "story id");
			story = (long long)k;
			i++;
		} else if (a[0] == '-' && a[1]) {
			return px_cli_usage("show", "unknown option '%s'", a);
		} else if (!ref) {
			ref = a;
		} else {
			return px_cli_usage("show", "one article at a time");
		}
	}
	if (story || (ref && story_ref(ref, &story))) {
		if (story && ref && !story_ref(ref, &story))
			return px_cli_usage("show", "an article or a story, not "
			                    "both");
		st = px_cli_store(db, 0, &s);
		if (st)
			return st;
		st = show_story(s, story, json);
		px_store_close(s);
		return st;
	}
	if (!ref)
		return px_cli_usage("show", "show needs an article (row id or "
		                    "article id) or a story (story:N)");
	st = px_cli_article(db, ref, &s, &id);
	if (st)
		return st;
	st = show(s, (long long)id, json);
	px_store_close(s);
	return st;
}
