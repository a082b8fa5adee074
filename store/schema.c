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
	{4, "analysis tables: entities, mentions, quotes, amounts, dates, "
	 "tone; stories, merges, near-copies; reanalysis generations",
	 /* Canonical entities across the corpus: one per type and
	  * spelling-insensitive key (px_entity.key). */
	 "CREATE TABLE entities(\n"
	 "  id INTEGER PRIMARY KEY,\n"
	 "  type TEXT NOT NULL,\n"
	 "  name TEXT NOT NULL,\n"        /* the fullest name seen first */
	 "  key TEXT NOT NULL,\n"
	 "  UNIQUE (type, key));\n"
	 "CREATE INDEX entities_key ON entities(key);\n"
	 "CREATE TABLE entity_names(\n"   /* every spelling seen */
	 "  entity INTEGER NOT NULL REFERENCES entities(id),\n"
	 "  name TEXT NOT NULL COLLATE NOCASE,\n"
	 "  PRIMARY KEY (entity, name)) WITHOUT ROWID;\n"
	 "CREATE INDEX entity_names_name ON entity_names(name);\n"
	 /* An entity of one article (px_entity), linked to its canonical
	  * entity; n is its index in the article's analysis. */
	 "CREATE TABLE article_entities(\n"
	 "  article INTEGER NOT NULL REFERENCES articles(id)\n"
	 "    ON DELETE CASCADE,\n"
	 "  n INTEGER NOT NULL,\n"
	 "  entity INTEGER NOT NULL REFERENCES entities(id),\n"
	 "  name TEXT NOT NULL,\n"
	 "  role TEXT,\n"
	 "  mentions INTEGER NOT NULL,\n"
	 "  portrayal REAL,\n"            /* px_entity_tone.compound */
	 "  PRIMARY KEY (article, n)) WITHOUT ROWID;\n"
	 "CREATE INDEX article_entities_entity ON article_entities(entity);\n"
	 /* The per-article tables are clustered by (article, i), i the
	  * item's index in the article's analysis: one B-tree each. */
	 "CREATE TABLE mentions(\n"
	 "  article INTEGER NOT NULL REFERENCES articles(id)\n"
	 "    ON DELETE CASCADE,\n"
	 "  i INTEGER NOT NULL,\n"
	 "  start INTEGER NOT NULL,\n"
	 "  \"end\" INTEGER NOT NULL,\n"
	 "  type TEXT NOT NULL,\n"
	 "  n INTEGER NOT NULL,\n"        /* article_entities.n */
	 "  entity INTEGER NOT NULL REFERENCES entities(id),\n"
	 "  sentence INTEGER NOT NULL,\n"
	 "  role TEXT,\n"
	 "  role_start INTEGER,\n"
	 "  role_end INTEGER,\n"
	 "  PRIMARY KEY (article, i)) WITHOUT ROWID;\n"
	 "CREATE INDEX mentions_entity ON mentions(entity, article);\n"
	 "CREATE TABLE quotes(\n"
	 "  article INTEGER NOT NULL REFERENCES articles(id)\n"
	 "    ON DELETE CASCADE,\n"
	 "  i INTEGER NOT NULL,\n"
	 "  start INTEGER NOT NULL,\n"
	 "  \"end\" INTEGER NOT NULL,\n"
	 "  kind TEXT NOT NULL CHECK (kind IN ('direct', 'reported')),\n"
	 "  speaker_kind TEXT NOT NULL CHECK (speaker_kind IN\n"
	 "    ('named', 'anonymous', 'unresolved')),\n"
	 "  speaker INTEGER REFERENCES entities(id),\n"
	 "  speaker_n INTEGER,\n"         /* article_entities.n */
	 "  speaker_start INTEGER,\n"
	 "  speaker_end INTEGER,\n"
	 "  role TEXT,\n"                 /* the speaker's role here */
	 "  verb TEXT,\n"
	 "  verb_start INTEGER,\n"
	 "  verb_end INTEGER,\n"
	 "  sentence INTEGER NOT NULL,\n"
	 "  partial INTEGER NOT NULL DEFAULT 0,\n"
	 "  PRIMARY KEY (article, i)) WITHOUT ROWID;\n"
	 "CREATE INDEX quotes_speaker ON quotes(speaker)\n"
	 "  WHERE speaker IS NOT NULL;\n"
	 "CREATE TABLE amounts(\n"
	 "  article INTEGER NOT NULL REFERENCES articles(id)\n"
	 "    ON DELETE CASCADE,\n"
	 "  i INTEGER NOT NULL,\n"
	 "  start INTEGER NOT NULL,\n"
	 "  \"end\" INTEGER NOT NULL,\n"
	 "  value REAL,\n"
	 "  unit TEXT,\n"
	 "  number_start INTEGER, number_end INTEGER,\n"
	 "  object_start INTEGER, object_end INTEGER,\n"
	 "  qualifier_start INTEGER, qualifier_end INTEGER,\n"
	 "  in_quote INTEGER NOT NULL DEFAULT 0,\n"
	 "  PRIMARY KEY (article, i)) WITHOUT ROWID;\n"
	 "CREATE TABLE dates(\n"
	 "  article INTEGER NOT NULL REFERENCES articles(id)\n"
	 "    ON DELETE CASCADE,\n"
	 "  i INTEGER NOT NULL,\n"
	 "  start INTEGER NOT NULL,\n"
	 "  \"end\" INTEGER NOT NULL,\n"
	 "  value TEXT,\n"
	 "  resolution TEXT,\n"
	 "  PRIMARY KEY (article, i)) WITHOUT ROWID;\n"
	 /* The GDELT-like components of the author's voice and of the
	  * direct quotes. */
	 "CREATE TABLE tone(\n"
	 "  article INTEGER NOT NULL REFERENCES articles(id)\n"
	 "    ON DELETE CASCADE,\n"
	 "  voice TEXT NOT NULL CHECK (voice IN ('author', 'quoted')),\n"
	 "  tone REAL, positive REAL, negative REAL, polarity REAL,\n"
	 "  activity REAL, self_group REAL, words INTEGER,\n"
	 "  compound REAL,\n"
	 "  PRIMARY KEY (article, voice)) WITHOUT ROWID;\n"
	 /* Stories: articles.story_id is the current story (merges
	  * followed); a merged story keeps its row with merged_into. */
	 "CREATE TABLE stories(\n"
	 "  id INTEGER PRIMARY KEY,\n"
	 "  created_at TEXT NOT NULL,\n"
	 "  merged_into INTEGER REFERENCES stories(id));\n"
	 "CREATE TABLE story_merges(\n"
	 "  from_story INTEGER NOT NULL REFERENCES stories(id),\n"
	 "  into_story INTEGER NOT NULL REFERENCES stories(id),\n"
	 "  article INTEGER NOT NULL,\n"  /* the article that linked them */
	 "  at TEXT NOT NULL);\n"
	 "CREATE TABLE near_copies(\n"
	 "  a INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
	 "  b INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
	 "  jaccard REAL NOT NULL,\n"
	 "  source INTEGER,\n"            /* a or b: the earlier published */
	 "  passages TEXT NOT NULL,\n"    /* JSON [[a0,a1,b0,b1], ...] */
	 "  PRIMARY KEY (a, b)) WITHOUT ROWID;\n"
	 "CREATE INDEX near_copies_b ON near_copies(b);\n"
	 /* What clustering matched an article on, beyond its words (which
	  * are taken again from the text): hashed entity keys and facts,
	  * and its day. Lets a later ingest rebuild the live story set. */
	 "CREATE TABLE story_docs(\n"
	 "  article INTEGER PRIMARY KEY REFERENCES articles(id)\n"
	 "    ON DELETE CASCADE,\n"
	 "  day INTEGER,\n"
	 "  keys BLOB,\n"
	 "  facts BLOB);\n"
	 "CREATE TABLE store_meta(\n"
	 "  key TEXT PRIMARY KEY,\n"
	 "  value) WITHOUT ROWID;\n"
	 "ALTER TABLE articles ADD COLUMN analysis_gen INTEGER NOT NULL\n"
	 "  DEFAULT 0;\n"
	 "ALTER TABLE articles ADD COLUMN analyzed_at TEXT;\n"
	 /* Articles stored before version 4 have no analysis rows yet:
	  * `parallax reanalyze` fills them. */
	 "INSERT INTO store_meta(key, value) SELECT 'needs_reanalysis', 1\n"
	 "  WHERE EXISTS (SELECT 1 FROM articles);\n"},
	{5, "feeds and feed_links: what parallax watch polls and fetched",
	 /* A polled feed's validators for conditional requests. */
	 "CREATE TABLE feeds(\n"
	 "  url TEXT PRIMARY KEY,\n"
	 "  etag TEXT,\n"
	 "  last_modified TEXT,\n"
	 "  status INTEGER,\n"           /* last HTTP status, 0: failed */
	 "  checked_at TEXT NOT NULL) WITHOUT ROWID;\n"
	 /* An item link fetched and stored (its article's stored URL
	  * may be the page's canonical one). */
	 "CREATE TABLE feed_links(\n"
	 "  url TEXT PRIMARY KEY,\n"
	 "  article INTEGER REFERENCES articles(id) ON DELETE CASCADE,\n"
	 "  feed TEXT,\n"
	 "  at TEXT NOT NULL) WITHOUT ROWID;\n"
	 "CREATE INDEX feed_links_article ON feed_links(article);\n"},
	{6, "articles.analysis compressed (zlib, as SQLite Archives); the "
	    "view article_json",
	 /* The analysis JSON, about 12 times an article's text as it is,
	  * is stored compressed from now on: analysis_size holds the size
	  * of its text, and the sqlite3 shell's sqlar_uncompress(analysis,
	  * analysis_size) gives it back (the store registers the same
	  * function). Rows stored before keep their text, size NULL. */
	 "ALTER TABLE articles ADD COLUMN analysis_size INTEGER;\n"
	 "CREATE VIEW article_json(id, analysis) AS\n"
	 "  SELECT id, CAST(sqlar_uncompress(analysis, analysis_size)\n"
	 "    AS TEXT) FROM articles;\n"},
	{7, "indexes no query used dropped: mentions_entity, entities_key, "
	    "quotes_speaker",
	 /* Each row of these indexes lands on a random page: a batch's
	  * commit rewrote most of their pages into the WAL (a fifth of
	  * what an ingest wrote). Articles by entity come from
	  * article_entities_entity (an article mentions an entity exactly
	  * when it has an article_entities row for it); entities are
	  * found by (type, key), the UNIQUE index; quotes by article. */
	 "DROP INDEX IF EXISTS mentions_entity;\n"
	 "DROP INDEX IF EXISTS entities_key;\n"
	 "DROP INDEX IF EXISTS quotes_speaker;\n"},
	{8, "full-text table with external content: the view "
	    "articles_fts_text, the text stored once",
	 /* articles_fts kept a copy of every title and body (about a
	  * seventh of the database) besides its index. Now FTS5 reads
	  * them, for snippet() and highlight(), from the view
	  * articles_fts_text, which builds the body from articles.text
	  * and sentences exactly as px_store_put does (non-residue
	  * sentences in text order, joined by newlines). The view must
	  * give the values that were indexed: a row's index entry is
	  * deleted ('delete' command, the view's row) before its title
	  * or sentences change. */
	 "DROP TABLE IF EXISTS articles_fts;\n"
	 "DROP VIEW IF EXISTS articles_fts_text;\n"
	 "CREATE VIEW articles_fts_text(id, title, body) AS\n"
	 "  SELECT a.id, a.title,\n"
	 "    coalesce((SELECT group_concat(CAST(substr(CAST(a.text AS\n"
	 "       BLOB), s.start + 1, s.\"end\" - s.start) AS TEXT),\n"
	 "       char(10))\n"
	 "     FROM sentences s INDEXED BY sentences_article\n"
	 "     WHERE s.article = a.id AND s.residue = 0\n"
	 "       AND s.\"end\" <= a.bytes), '')\n"
	 "  FROM articles a;\n"
	 "CREATE VIRTUAL TABLE articles_fts USING fts5(title, body,\n"
	 "  content = 'articles_fts_text', content_rowid = 'id',\n"
	 "  tokenize = 'unicode61 remove_diacritics 2');\n"
	 "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');\n"},
	{9, "mentions packed into article_entities.spans (JSON); the view "
	    "mentions",
	 /* A row per mention (72 an article) cost the writer a B-tree
	  * insert and two foreign-key checks each, and a tenth of the
	  * database. Each article_entities row now holds its mentions as
	  * JSON, [[i, start, end, sentence], ...], a mention with a role
	  * adding role, role_start, role_end, and one whose type is not
	  * its entity's adding that type; the view mentions gives the old
	  * table's rows from them, so every query reads them as before. */
	 "ALTER TABLE article_entities ADD COLUMN spans TEXT NOT NULL\n"
	 "  DEFAULT '[]';\n"
	 "UPDATE article_entities SET spans = coalesce((\n"
	 "  SELECT json_group_array(json(CASE\n"
	 "    WHEN m.role IS NULL AND m.role_start IS NULL\n"
	 "      AND m.type = (SELECT type FROM entities\n"
	 "        WHERE id = article_entities.entity)\n"
	 "    THEN json_array(m.i, m.start, m.\"end\", m.sentence)\n"
	 "    WHEN m.type = (SELECT type FROM entities\n"
	 "        WHERE id = article_entities.entity)\n"
	 "    THEN json_array(m.i, m.start, m.\"end\", m.sentence, m.role,\n"
	 "      m.role_start, m.role_end)\n"
	 "    ELSE json_array(m.i, m.start, m.\"end\", m.sentence, m.role,\n"
	 "      m.role_start, m.role_end, m.type) END))\n"
	 "  FROM (SELECT * FROM mentions WHERE article =\n"
	 "    article_entities.article AND n = article_entities.n\n"
	 "    ORDER BY i) m), '[]');\n"
	 "DROP TABLE mentions;\n"
	 "CREATE VIEW mentions(article, i, start, \"end\", type, n, entity,\n"
	 "  sentence, role, role_start, role_end) AS\n"
	 "  SELECT ae.article, m.value ->> 0, m.value ->> 1, m.value ->> 2,\n"
	 "    coalesce(m.value ->> 7, e.type), ae.n, ae.entity,\n"
	 "    m.value ->> 3, m.value ->> 4, m.value ->> 5, m.value ->> 6\n"
	 "  FROM article_entities ae JOIN entities e ON e.id = ae.entity,\n"
	 "    json_each(ae.spans) m;\n"},
	{10, "quotes' speaker_kind checked without an IN list; entity_names "
	     "keyed by (name, entity), its index on name dropped",
	 /* A CHECK of a column IN three values made SQLite build a
	  * temporary table for every quote it inserted (a fifth of an
	  * ingest's SQLite work on quotes); the same test as ORs builds
	  * none. entity_names is looked up by name only (search --entity):
	  * keyed by (name, entity) it is one B-tree, not two, and each new
	  * spelling dirties one random page, not two. */
	 "CREATE TABLE quotes_v10(\n"
	 "  article INTEGER NOT NULL REFERENCES articles(id)\n"
	 "    ON DELETE CASCADE,\n"
	 "  i INTEGER NOT NULL,\n"
	 "  start INTEGER NOT NULL,\n"
	 "  \"end\" INTEGER NOT NULL,\n"
	 "  kind TEXT NOT NULL CHECK (kind IN ('direct', 'reported')),\n"
	 "  speaker_kind TEXT NOT NULL CHECK (speaker_kind = 'named' OR\n"
	 "    speaker_kind = 'anonymous' OR speaker_kind = 'unresolved'),\n"
	 "  speaker INTEGER REFERENCES entities(id),\n"
	 "  speaker_n INTEGER,\n"
	 "  speaker_start INTEGER,\n"
	 "  speaker_end INTEGER,\n"
	 "  role TEXT,\n"
	 "  verb TEXT,\n"
	 "  verb_start INTEGER,\n"
	 "  verb_end INTEGER,\n"
	 "  sentence INTEGER NOT NULL,\n"
	 "  partial INTEGER NOT NULL DEFAULT 0,\n"
	 "  PRIMARY KEY (article, i)) WITHOUT ROWID;\n"
	 "INSERT INTO quotes_v10(article, i, start, \"end\", kind,\n"
	 "  speaker_kind, speaker, speaker_n, speaker_start, speaker_end,\n"
	 "  role, verb, verb_start, verb_end, sentence, partial)\n"
	 "  SELECT article, i, start, \"end\", kind, speaker_kind, speaker,\n"
	 "    speaker_n, speaker_start, speaker_end, role, verb, verb_start,\n"
	 "    verb_end, sentence, partial FROM quotes;\n"
	 "DROP TABLE quotes;\n"
	 "ALTER TABLE quotes_v10 RENAME TO quotes;\n"
	 "CREATE TABLE entity_names_v10(\n"
	 "  entity INTEGER NOT NULL REFERENCES entities(id),\n"
	 "  name TEXT NOT NULL COLLATE NOCASE,\n"
	 "  PRIMARY KEY (name, entity)) WITHOUT ROWID;\n"
	 "INSERT INTO entity_names_v10(entity, name)\n"
	 "  SELECT entity, name FROM entity_names;\n"
	 "DROP TABLE entity_names;\n"
	 "ALTER TABLE entity_names_v10 RENAME TO entity_names;\n"},
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
