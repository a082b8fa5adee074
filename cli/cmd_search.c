/*
 * cmd_search.c - parallax search: full-text search (FTS5) over the titles
 * and body sentences of the stored articles, latest versions only, best
 * match first, with a snippet and the byte offsets of the first matching
 * sentence in the article.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "dbcmd.h"

typedef struct search_opts {
	const char *db, *query, *source, *since, *until, *entity;
	long long story;
	int has_story;
	size_t limit;
	int json;
} search_opts;

/*
 * The canonical entities an --entity NAME picks (?7 its px_name_key,
 * ?8 the name, ?9 the key's last word, ?10 its first word when it has
 * two or more): every entity with that spelling; and, by key, those
 * with the same key, a key ending in it (NAME is a surname), the surname
 * alone, or the same first and last words (a middle initial more or
 * less), whose last word is also written close to NAME's (name_close:
 * keys drop vowels, so Darev and Daravia share one).
 */
#define ENTS_CTE \
	"WITH ents(id) AS (SELECT entity FROM entity_names WHERE ?7 IS NOT " \
	"NULL AND name = ?8 UNION SELECT id FROM entities WHERE ?7 IS NOT " \
	"NULL AND (key = ?7 OR key = ?9 OR substr(key, -length(?9) - 1) = " \
	"' ' || ?9) AND (?10 IS NULL OR key = ?9 OR key = ?7 OR " \
	"substr(key, 1, length(?10) + 1) = ?10 || ' ') AND " \
	"name_close(name, ?8)) "

/* The last word of z (letters, digits, '-', non-ASCII), lower-cased
 * ASCII, into out; its length. */
static size_t last_word(const char *z, char *out, size_t cap)
{
	size_t n = strlen(z), e, b, k = 0;

	e = n;
	while (e > 0 && !(isalnum((unsigned char)z[e - 1]) ||
	                  (unsigned char)z[e - 1] >= 0x80))
		e--;
	b = e;
	while (b > 0 && (isalnum((unsigned char)z[b - 1]) || z[b - 1] == '-' ||
	                 (unsigned char)z[b - 1] >= 0x80))
		b--;
	for (; b < e && k + 1 < cap; b++)
		out[k++] = (char)tolower((unsigned char)z[b]);
	out[k] = '\0';
	return k;
}

/* name_close(A, B): the last words of A and B within an edit distance
 * of max(2, longer / 4) (Zelenskiy / Zelensky, Kiev / Kyiv, Jekov /
 * Zhekov; not Darev / Daravia). */
static void name_close(sqlite3_context *ctx, int argc, sqlite3_value **v)
{
	const char *a = (const char *)sqlite3_value_text(v[0]);
	const char *b = argc > 1 ? (const char *)sqlite3_value_text(v[1])
	                         : NULL;
	char wa[64], wb[64];
	size_t la, lb, i, j, row[64], lim;

	if (!a || !b) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	la = last_word(a, wa, sizeof(wa));
	lb = last_word(b, wb, sizeof(wb));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag + (wa[i - 1] != wb[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	lim = (la > lb ? la : lb) / 4;
	if (lim < 2)
		lim = 2;
	sqlite3_result_int(ctx, la && lb && row[lb] <= lim);
}

static const char search_sql[] = ENTS_CTE
	"SELECT a.id, a.version, a.source, a.published, a.url, a.title, "
	"a.ident, snippet(articles_fts, -1, '[', ']', '...', 16), "
	"highlight(articles_fts, 1, char(1), ''), rank "
	"FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
	"WHERE articles_fts MATCH ?1 "
	"AND (?2 IS NULL OR a.source = ?2) "
	"AND (?3 IS NULL OR a.published >= ?3) "
	"AND (?4 IS NULL OR substr(a.published, 1, length(?4)) <= ?4) "
	"AND (?5 IS NULL OR a.story_id = ?5) "
	"AND (?7 IS NULL OR a.id IN (SELECT article FROM article_entities "
	"WHERE entity IN ents)) "
	"AND NOT EXISTS (SELECT 1 FROM articles b WHERE b.url = a.url "
	"AND b.version > a.version) "
	"ORDER BY rank LIMIT ?6";

/* Without a query: the articles that mention the entity (or are in the
 * story), newest first, with the sentence of the first mention. */
static const char browse_sql[] = ENTS_CTE
	", hits(article, pos) AS (SELECT m.article, min(m.start) FROM "
	"article_entities ae JOIN mentions m ON m.article = ae.article AND "
	"m.n = ae.n WHERE ?7 IS NOT NULL AND ae.entity IN ents GROUP BY "
	"m.article "
	"UNION ALL SELECT id, NULL FROM articles WHERE ?7 IS NULL AND "
	"story_id = ?5) "
	"SELECT a.id, a.version, a.source, a.published, a.url, a.title, "
	"a.ident, CAST(substr(CAST(a.text AS BLOB), s.start + 1, "
	"s.\"end\" - s.start) AS TEXT), NULL, 0, s.start, s.\"end\" "
	"FROM hits h JOIN articles a ON a.id = h.article "
	"LEFT JOIN sentences s ON s.rowid = coalesce((SELECT rowid FROM "
	"sentences WHERE article = a.id AND start <= h.pos ORDER BY start "
	"DESC LIMIT 1), (SELECT rowid FROM sentences WHERE article = a.id "
	"AND h.pos IS NULL AND residue = 0 AND heading = 0 ORDER BY start "
	"LIMIT 1)) "
	"WHERE (?1 IS NULL) "
	"AND (?2 IS NULL OR a.source = ?2) "
	"AND (?3 IS NULL OR a.published >= ?3) "
	"AND (?4 IS NULL OR substr(a.published, 1, length(?4)) <= ?4) "
	"AND (?5 IS NULL OR a.story_id = ?5) "
	"AND NOT EXISTS (SELECT 1 FROM articles b WHERE b.url = a.url "
	"AND b.version > a.version) "
	"ORDER BY a.published DESC, a.id DESC LIMIT ?6";

/*
 * The sentence holding byte pos of the full-text body of article id (the
 * body is its non-residue sentences joined by newlines). 0 when found.
 */
static int body_sentence(sqlite3 *db, long long id, size_t pos,
                         long long *start, long long *end)
{
	sqlite3_stmt *st = NULL;
	size_t at = 0;
	int found = -1;

	if (sqlite3_prepare_v2(db, "SELECT start, \"end\" FROM sentences "
	                       "WHERE article = ? AND residue = 0 ORDER BY "
	                       "start", -1, &st, NULL))
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		long long s = sqlite3_column_int64(st, 0);
		long long e = sqlite3_column_int64(st, 1);
		size_t n = e > s ? (size_t)(e - s) : 0;

		if (pos < at + n + 1) {
			*start = s;
			*end = e;
			found = 0;
			break;
		}
		at += n + 1;
	}
	sqlite3_finalize(st);
	return found;
}

/* Each term of q as a quoted phrase, for queries FTS5 cannot parse. */
static char *quote_terms(const char *q)
{
	size_t n = strlen(q), k = 0;
	char *out = malloc(3 * n + 3);
	int in = 0;

	if (!out)
		return NULL;
	for (; *q; q++) {
		if (*q == ' ' || *q == '\t' || *q == '\n') {
			if (in)
				out[k++] = '"';
			if (in)
				out[k++] = ' ';
			in = 0;
			continue;
		}
		if (!in)
			out[k++] = '"';
		in = 1;
		if (*q == '"')
			out[k++] = '"';
		out[k++] = *q;
	}
	if (in)
		out[k++] = '"';
	out[k] = '\0';
	return out;
}

static void bind_opt(sqlite3_stmt *st, int i, const char *z)
{
	if (z)
		sqlite3_bind_text(st, i, z, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static const char *col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* Print one hit. */
static void print_hit(sqlite3 *db, sqlite3_stmt *st, const search_opts *o)
{
	long long id = sqlite3_column_int64(st, 0), s = -1, e = -1;
	const char *hl = col(st, 8);
	const char *mark = hl ? strchr(hl, '\x01') : NULL;
	int have = mark && !body_sentence(db, id, (size_t)(mark - hl), &s, &e);

	if (!o->query && sqlite3_column_type(st, 10) != SQLITE_NULL) {
		s = sqlite3_column_int64(st, 10);
		e = sqlite3_column_int64(st, 11);
		have = 1;
	}

	if (o->json) {
		printf("{\"id\":%lld,\"version\":%d,\"ident\":", id,
		       sqlite3_column_int(st, 1));
		px_cli_json_str(stdout, col(st, 6));
		fputs(",\"source\":", stdout);
		px_cli_json_str(stdout, col(st, 2));
		fputs(",\"published\":", stdout);
		px_cli_json_str(stdout, col(st, 3));
		fputs(",\"url\":", stdout);
		px_cli_json_str(stdout, col(st, 4));
		fputs(",\"title\":", stdout);
		px_cli_json_str(stdout, col(st, 5));
		fputs(",\"snippet\":", stdout);
		px_cli_json_str(stdout, col(st, 7));
		if (have)
			printf(",\"sentence\":{\"start\":%lld,\"end\":%lld}", s,
			       e);
		else
			fputs(",\"sentence\":null", stdout);
		printf(",\"score\":%.4f}\n", sqlite3_column_double(st, 9));
		return;
	}
	printf("%lld\t%s\t%s\tv%d", id, col(st, 2) ? col(st, 2) : "-",
	       col(st, 3) ? col(st, 3) : "-", sqlite3_column_int(st, 1));
	if (have)
		printf("\t[%lld-%lld]", s, e);
	else
		fputs("\t[title]", stdout);
	printf("\n  %s\n  %s\n", col(st, 5) ? col(st, 5) : "(no title)",
	       col(st, 7) ? col(st, 7) : "");
}

/* Run the query (or, if FTS5 cannot parse it, its terms quoted). */
static int run_search(px_store *s, const search_opts *o)
{
	sqlite3 *db = px_store_db(s);
	sqlite3_stmt *st = NULL;
	char *quoted = NULL;
	const char *q = o->query;
	size_t hits = 0;
	int rc, attempt;
	char key[256], first[256];
	const char *last = NULL, *sp;

	key[0] = first[0] = '\0';
	if (o->entity && !px_name_key(o->entity, strlen(o->entity), key,
	                              sizeof(key)))
		return px_cli_usage("search", "--entity takes a name with "
		                    "letters, not '%s'", o->entity);
	sp = strchr(key, ' ');
	if (sp) {
		snprintf(first, sizeof(first), "%.*s", (int)(sp - key), key);
		last = strrchr(key, ' ') + 1;
	}
	if (sqlite3_create_function(db, "name_close", 2, SQLITE_UTF8 |
	                            SQLITE_DETERMINISTIC, NULL, name_close,
	                            NULL, NULL)) {
		px_cli_err("cannot search: %s", sqlite3_errmsg(db));
		return PX_EXIT_SYSTEM;
	}
	for (attempt = 0; attempt < 2; attempt++) {
		if (sqlite3_prepare_v2(db, q ? search_sql : browse_sql, -1, &st,
		                       NULL)) {
			px_cli_err("cannot search: %s", sqlite3_errmsg(db));
			return PX_EXIT_SYSTEM;
		}
		bind_opt(st, 1, q);
		bind_opt(st, 2, o->source);
		bind_opt(st, 3, o->since);
		bind_opt(st, 4, o->until);
		if (o->has_story)
			sqlite3_bind_int64(st, 5, o->story);
		else
			sqlite3_bind_null(st, 5);
		sqlite3_bind_int64(st, 6, (sqlite3_int64)o->limit);
		bind_opt(st, 7, o->entity ? key : NULL);
		bind_opt(st, 8, o->entity);
		bind_opt(st, 9, o->entity ? (last ? last : key) : NULL);
		bind_opt(st, 10, last ? first : NULL);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			print_hit(db, st, o);
			hits++;
		}
		if (rc == SQLITE_DONE || hits || attempt || !q)
			break;
		/* A query FTS5 cannot parse: search its words instead. */
		sqlite3_finalize(st);
		st = NULL;
		quoted = quote_terms(o->query);
		if (!quoted) {
			px_cli_err("out of memory");
			return PX_EXIT_SYSTEM;
		}
		q = quoted;
	}
	if (rc != SQLITE_DONE)
		px_cli_err("bad search query '%s': %s", q ? q : "",
		           sqlite3_errmsg(db));
	sqlite3_finalize(st);
	free(quoted);
	if (rc != SQLITE_DONE)
		return PX_EXIT_USAGE;
	if (!hits && !o->json)
		fprintf(stderr, "parallax: no articles match '%s'\n",
		        o->query ? o->query : o->entity ? o->entity : "");
	return hits ? PX_EXIT_OK : PX_EXIT_INPUT;
}

int cmd_search(int argc, char **argv)
{
	search_opts o;
	px_store *s = NULL;
	int i, st;

	memset(&o, 0, sizeof(o));
	o.db = PX_DEFAULT_DB;
	o.limit = 20;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			px_cli_help(stdout, "search");
			return PX_EXIT_OK;
		} else if (!strcmp(a, "--limit")) {
			if (px_cli_number(v, &o.limit))
				return px_cli_usage("search", "--limit takes a "
				                    "positive number");
			i++;
		} else if (!strcmp(a, "--story")) {
			size_t k;

			if (px_cli_number(v, &k))
				return px_cli_usage("search", "--story takes a "
				                    "story id");
			o.story = (long long)k;
			o.has_story = 1;
			i++;
		} else if (!strcmp(a, "--format")) {
			if (!v || (strcmp(v, "text") && strcmp(v, "json")))
				return px_cli_usage("search", "--format takes "
				                    "text or json, not '%s'",
				                    v ? v : "");
			o.json = !strcmp(v, "json");
			i++;
		} else if (!strcmp(a, "--db") || !strcmp(a, "--source") ||
		           !strcmp(a, "--since") || !strcmp(a, "--until") ||
		           !strcmp(a, "--entity")) {
			if (!v)
				return px_cli_usage("search", "%s needs a value",
				                    a);
			if (!strcmp(a, "--db"))
				o.db = v;
			else if (!strcmp(a, "--source"))
				o.source = v;
			else if (!strcmp(a, "--since"))
				o.since = v;
			else if (!strcmp(a, "--until"))
				o.until = v;
			else
				o.entity = v;
			i++;
		} else if (a[0] == '-' && a[1]) {
			return px_cli_usage("search", "unknown option '%s'", a);
		} else if (!o.query) {
			o.query = a;
		} else {
			return px_cli_usage("search", "one query, please: quote "
			                    "'%s %s'", o.query, a);
		}
	}
	if ((!o.query || !o.query[0]) && !o.entity && !o.has_story)
		return px_cli_usage("search", "search needs a query, --entity "
		                    "or --story");
	if (o.query && !o.query[0])
		o.query = NULL;
	st = px_cli_store(o.db, 0, &s);
	if (st)
		return st;
	st = run_search(s, &o);
	px_store_close(s);
	return st;
}
