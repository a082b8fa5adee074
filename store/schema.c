/*
 * schema.c - the store's schema, in one place: a list of migrations, each
 * taking the database one version up. PRAGMA user_version holds the
 * version; schema_migrations keeps when each step ran. A new database
 * runs every step; an older one runs the steps it lacks. Never edit a
 * released step: add one. docs/internals/STORE.md describes the tables.
 */
#include <stdio.h>

#include "store_int.h"

const pxs_migration pxs_migrations[] = {
	{1, "articles, sentences, residue, errors",
	 "CREATE TABLE schema_migrations(\n"
	 "  version INTEGER PRIMARY KEY,\n"
	 "  what TEXT NOT NULL,\n"
	 "  applied_at TEXT NOT NULL);\n"
	 "CREATE TABLE articles(\n"
	 "  id INTEGER PRIMARY KEY,\n"
	 "  ident TEXT,\n"               /* the id the input gave */
	 "  input TEXT NOT NULL,\n"      /* file, or file:line */
	 "  form TEXT NOT NULL CHECK (form IN ('text', 'record')),\n"
	 "  source TEXT,\n"
	 "  url TEXT,\n"
	 "  published TEXT,\n"
	 "  edited TEXT,\n"
	 "  site TEXT,\n"
	 "  author TEXT,\n"
	 "  title TEXT,\n"
	 "  content_hash TEXT NOT NULL,\n"
	 "  version INTEGER NOT NULL DEFAULT 1,\n"
	 "  bytes INTEGER NOT NULL,\n"
	 "  text TEXT NOT NULL,\n"       /* the original bytes */
	 "  analysis TEXT NOT NULL,\n"   /* px_article_to_json */
	 "  ingested_at TEXT NOT NULL,\n"
	 "  UNIQUE (url, version));\n"
	 "CREATE INDEX articles_hash ON articles(content_hash);\n"
	 "CREATE INDEX articles_ident ON articles(ident);\n"
	 "CREATE INDEX articles_source ON articles(source);\n"
	 "CREATE INDEX articles_published ON articles(published);\n"
	 "CREATE TABLE sentences(\n"
	 "  article INTEGER NOT NULL REFERENCES articles(id)\n"
	 "    ON DELETE CASCADE,\n"
	 "  start INTEGER NOT NULL,\n"
	 "  \"end\" INTEGER NOT NULL,\n"
	 "  heading INTEGER NOT NULL DEFAULT 0,\n"
	 "  residue INTEGER NOT NULL DEFAULT 0);\n"
	 "CREATE INDEX sentences_article ON sentences(article, start);\n"
	 "CREATE TABLE residue(\n"
	 "  article INTEGER NOT NULL REFERENCES articles(id)\n"
	 "    ON DELETE CASCADE,\n"
	 "  start INTEGER NOT NULL,\n"
	 "  \"end\" INTEGER NOT NULL,\n"
	 "  kind TEXT NOT NULL,\n"
	 "  reason TEXT);\n"
	 "CREATE INDEX residue_article ON residue(article, start);\n"
	 "CREATE TABLE errors(\n"
	 "  id INTEGER PRIMARY KEY,\n"
	 "  input TEXT NOT NULL,\n"
	 "  line INTEGER NOT NULL,\n"
	 "  offset INTEGER NOT NULL,\n"
	 "  code TEXT NOT NULL,\n"
	 "  message TEXT NOT NULL,\n"
	 "  at TEXT NOT NULL,\n"
	 "  UNIQUE (input, line, offset, code));\n"},
	{2, "sources table; articles.story_id",
	 "CREATE TABLE sources(\n"
	 "  name TEXT PRIMARY KEY,\n"
	 "  domain TEXT,\n"
	 "  country TEXT,\n"
	 "  type TEXT CHECK (type IN ('wire', 'state', 'mainstream',\n"
	 "                            'content farm', 'opinion')),\n"
	 "  owner TEXT);\n"
	 "INSERT OR IGNORE INTO sources(name)\n"
	 "  SELECT DISTINCT source FROM articles WHERE source IS NOT NULL;\n"
	 "ALTER TABLE articles ADD COLUMN story_id INTEGER;\n"
	 "CREATE INDEX articles_story ON articles(story_id)\n"
	 "  WHERE story_id IS NOT NULL;\n"},
	{3, "full-text index over titles and body sentences",
	 "CREATE VIRTUAL TABLE articles_fts USING fts5(title, body,\n"
	 "  tokenize = 'unicode61 remove_diacritics 2');\n"
	 /* The body is the non-residue sentences joined by newlines, in
	  * text order, exactly as px_store_put builds it. */
	 "INSERT INTO articles_fts(rowid, title, body)\n"
	 "  SELECT a.id, a.title,\n"
	 "    (SELECT group_concat(CAST(substr(CAST(a.text AS BLOB),\n"
	 "       s.start + 1, s.\"end\" - s.start) AS TEXT), char(10))\n"
	 "     FROM sentences s INDEXED BY sentences_article\n"
	 "     WHERE s.article = a.id AND s.residue = 0)\n"
	 "  FROM articles a;\n"},
	{0, NULL, NULL}
};

px_status pxs_fail(px_error *err, sqlite3 *db, const char *path,
                   const char *what)
{
	if (err) {
		err->code = PX_ESTORE;
		err->offset = 0;
		err->line = 0;
		snprintf(err->source, sizeof(err->source), "%s",
		         path ? path : "");
		snprintf(err->msg, sizeof(err->msg), "%s: %s in %s", what,
		         db ? sqlite3_errmsg(db) : "out of memory",
		         path ? path : "database");
	}
	return PX_ESTORE;
}

static int user_version(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int v = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL))
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/*
 * Run one migration in a transaction of its own: its SQL, the
 * schema_migrations row and the new user_version commit together, so a
 * kill leaves the database at the old version or the new one.
 */
static px_status step(sqlite3 *db, const pxs_migration *m, const char *path,
                      px_error *err)
{
	char sql[160];
	sqlite3_stmt *st = NULL;
	px_status rc = PX_OK;

	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL))
		return pxs_fail(err, db, path, "cannot upgrade the schema");
	if (user_version(db) >= m->version)
		goto out; /* another process upgraded it meanwhile */
	if (sqlite3_exec(db, m->sql, NULL, NULL, NULL)) {
		rc = pxs_fail(err, db, path, "schema migration failed");
		goto out;
	}
	if (sqlite3_prepare_v2(db, "INSERT INTO schema_migrations(version, "
	                       "what, applied_at) VALUES (?, ?, strftime("
	                       "'%Y-%m-%dT%H:%M:%SZ', 'now'))", -1, &st,
	                       NULL)) {
		rc = pxs_fail(err, db, path, "schema migration failed");
		goto out;
	}
	sqlite3_bind_int(st, 1, m->version);
	sqlite3_bind_text(st, 2, m->what, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = pxs_fail(err, db, path, "schema migration failed");
		goto out;
	}
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", m->version);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) ||
	    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL)) {
		rc = pxs_fail(err, db, path, "schema migration failed");
		goto out;
	}
out:
	sqlite3_finalize(st);
	if (rc || sqlite3_get_autocommit(db) == 0)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

px_status pxs_migrate(sqlite3 *db, const char *path, px_error *err)
{
	int v = user_version(db), i;
	px_status rc;

	if (v < 0)
		return pxs_fail(err, db, path,
		                "cannot read the schema version");
	if (v > PX_STORE_SCHEMA_VERSION) {
		if (err) {
			err->code = PX_ESTORE;
			snprintf(err->source, sizeof(err->source), "%s", path);
			snprintf(err->msg, sizeof(err->msg), "%s has schema "
			         "version %d; this parallax knows up to %d "
			         "(upgrade parallax)", path, v,
			         PX_STORE_SCHEMA_VERSION);
		}
		return PX_ESTORE;
	}
	for (i = 0; pxs_migrations[i].version; i++) {
		if (pxs_migrations[i].version <= v)
			continue;
		rc = step(db, &pxs_migrations[i], path, err);
		if (rc)
			return rc;
	}
	return PX_OK;
}
