/*
 * store.c - open a corpus database, put analyzed articles into it, record
 * bad inputs, find and re-analyze stored articles. Statements for the
 * write path are prepared once per connection.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

static const char *const st_sql[ST_COUNT] = {
	"SELECT id, version, content_hash FROM articles WHERE url = ? "
	"ORDER BY version DESC LIMIT 1",
	"SELECT id, version FROM articles WHERE content_hash = ? AND "
	"url IS NULL LIMIT 1",
	"INSERT INTO articles(ident, input, form, source, url, published, "
	"edited, site, author, title, content_hash, version, bytes, text, "
	"analysis, analysis_size, ingested_at, analyzed_at, story_id) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	"strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), "
	"strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?)",
	"INSERT INTO sentences(article, start, \"end\", heading, residue) "
	"VALUES (?, ?, ?, ?, ?)",
	"INSERT INTO residue(article, start, \"end\", kind, reason) "
	"VALUES (?, ?, ?, ?, ?)",
	"INSERT INTO articles_fts(rowid, title, body) VALUES (?, ?, ?)",
	"INSERT OR IGNORE INTO sources(name, domain) VALUES (?, ?)",
	"INSERT INTO errors(input, line, offset, code, message, at) "
	"VALUES (?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) "
	"ON CONFLICT (input, line, offset, code) DO UPDATE SET "
	"message = excluded.message, at = excluded.at",
	"INSERT INTO entities(type, name, key) VALUES (?, ?, ?)",
	"SELECT id, name = upper(name) FROM entities WHERE type = ? AND "
	"key = ?",
	"UPDATE entities SET name = ?1 WHERE id = ?2 AND ?1 <> upper(?1)",
	"INSERT OR IGNORE INTO entity_names(entity, name) VALUES (?, ?)",
	"INSERT INTO article_entities(article, n, entity, name, role, "
	"mentions, portrayal, spans) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	"INSERT INTO quotes(article, start, \"end\", kind, speaker_kind, "
	"speaker, speaker_n, speaker_start, speaker_end, role, verb, "
	"verb_start, verb_end, sentence, partial, i) VALUES (?, ?, ?, ?, ?, "
	"?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	"INSERT INTO amounts(article, start, \"end\", value, unit, "
	"number_start, number_end, object_start, object_end, "
	"qualifier_start, qualifier_end, in_quote, i) VALUES (?, ?, ?, ?, ?, "
	"?, ?, ?, ?, ?, ?, ?, ?)",
	"INSERT INTO dates(article, start, \"end\", value, resolution, i) "
	"VALUES (?, ?, ?, ?, ?, ?)",
	"INSERT INTO tone(article, voice, tone, positive, negative, "
	"polarity, activity, self_group, words, compound) VALUES (?, ?, ?, "
	"?, ?, ?, ?, ?, ?, ?)",
	"INSERT INTO story_docs(article, day, keys, facts) "
	"VALUES (?, ?, ?, ?)",
	"INSERT INTO stories(created_at) VALUES "
	"(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
	"UPDATE articles SET story_id = ?1 WHERE id = ?2",
	"INSERT INTO story_merges(from_story, into_story, article, at) "
	"VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
	"UPDATE stories SET merged_into = ?1 WHERE id = ?2",
	"UPDATE articles SET story_id = ?1 WHERE story_id = ?2",
	"INSERT OR IGNORE INTO near_copies(a, b, jaccard, source, passages) "
	"VALUES (?, ?, ?, ?, ?)",
	"UPDATE articles SET analysis = ?1, analysis_gen = ?2, title = ?3, "
	"edited = ?4, site = ?5, author = ?6, analyzed_at = "
	"strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), analysis_size = ?8 "
	"WHERE id = ?7",
	"DELETE FROM sentences WHERE article = ?",
	"DELETE FROM residue WHERE article = ?",
	"DELETE FROM article_entities WHERE article = ?",
	"DELETE FROM quotes WHERE article = ?",
	"DELETE FROM amounts WHERE article = ?",
	"DELETE FROM dates WHERE article = ?",
	"DELETE FROM tone WHERE article = ?",
	"DELETE FROM story_docs WHERE article = ?",
	"SELECT story_id FROM articles WHERE id = ?",
	/* External content: the delete names the values indexed. */
	"INSERT INTO articles_fts(articles_fts, rowid, title, body) "
	"SELECT 'delete', id, title, body FROM articles_fts_text "
	"WHERE id = ?"
};

/* The body text may not grow past this (the article cap is far below). */
#define BODY_MAX ((size_t)1 << 30)

/* Refuse a database that has tables but is not ours (user_version 0). */
static px_status check_foreign(px_store *s, px_error *err)
{
	sqlite3_stmt *st = NULL;
	int v = 0, tables = 0;

	if (sqlite3_prepare_v2(s->db, "SELECT (SELECT user_version FROM "
	                       "pragma_user_version), (SELECT count(*) FROM "
	                       "sqlite_schema)", -1, &st, NULL))
		return pxs_fail(err, s->db, s->path, "cannot read the schema");
	if (sqlite3_step(st) == SQLITE_ROW) {
		v = sqlite3_column_int(st, 0);
		tables = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	if (v == 0 && tables > 0) {
		if (err) {
			err->code = PX_ESTORE;
			snprintf(err->source, sizeof(err->source), "%s",
			         s->path);
			snprintf(err->msg, sizeof(err->msg), "%s is not a "
			         "Parallax database", s->path);
		}
		return PX_ESTORE;
	}
	return PX_OK;
}

/*
 * SQLite's memory statistics (sqlite3_memory_used and the soft heap
 * limit, which the store does not use) take a process-wide mutex on
 * every allocation SQLite makes: about 4% of the writer thread's time in
 * an ingest. Turned off once, before SQLite is first initialized; when
 * the program initialized SQLite itself first, sqlite3_config() refuses
 * (SQLITE_MISUSE) and nothing changes.
 */
static pthread_once_t sqlite_once = PTHREAD_ONCE_INIT;

static void sqlite_setup(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

px_status px_store_open(const char *path, unsigned flags, px_store **out,
                        px_error *err)
{
	px_store *s;
	int oflags, i;
	px_status rc = PX_OK;

	pthread_once(&sqlite_once, sqlite_setup);
	*out = NULL;
	if (err)
		memset(err, 0, sizeof(*err));
	s = calloc(1, sizeof(*s));
	if (!s)
		return PX_ENOMEM;
	s->path = strdup(path);
	if (!s->path) {
		free(s);
		return PX_ENOMEM;
	}
	if (flags & PX_STORE_READONLY)
		oflags = SQLITE_OPEN_READONLY;
	else
		oflags = SQLITE_OPEN_READWRITE |
		         ((flags & PX_STORE_CREATE) ? SQLITE_OPEN_CREATE : 0);
	/* One thread at a time uses a px_store (store.h): SQLite's own
	 * locking of the connection would only cost time. */
	oflags |= SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &s->db, oflags, NULL)) {
		if (err) {
			err->code = PX_ESTORE;
			snprintf(err->source, sizeof(err->source), "%s", path);
			snprintf(err->msg, sizeof(err->msg), "cannot open "
			         "database %s: %s%s", path,
			         s->db ? sqlite3_errmsg(s->db) : "out of memory",
			         (flags & PX_STORE_CREATE) ? ""
			         : " (run 'parallax ingest' first)");
		}
		rc = PX_ESTORE;
		goto out;
	}
	sqlite3_busy_timeout(s->db, 10000);
	if (px_store_sql_functions(s->db) ||
	    sqlite3_exec(s->db, "PRAGMA foreign_keys = ON", NULL, NULL,
	                 NULL)) {
		rc = pxs_fail(err, s->db, path, "cannot set up the database");
		goto out;
	}
	rc = check_foreign(s, err);
	if (rc)
		goto out;
	if (!(flags & PX_STORE_READONLY)) {
		/* WAL: readers work during an ingest; NORMAL sync keeps
		 * every commit across a crash of the process. */
		/* A 64 MB page cache keeps the index pages that batches
		 * write into; checkpoints every 32 MB of WAL copy each hot
		 * page once for many commits. */
		if (sqlite3_exec(s->db, "PRAGMA journal_mode = WAL; "
		                 "PRAGMA synchronous = NORMAL; "
		                 "PRAGMA cache_size = -65536; "
		                 "PRAGMA wal_autocheckpoint = 8192", NULL, NULL,
		                 NULL)) {
			rc = pxs_fail(err, s->db, path,
			              "cannot set up the database");
			goto out;
		}
		rc = pxs_migrate(s->db, path, err);
		if (rc)
			goto out;
	} else if (px_store_user_version(s) != PX_STORE_SCHEMA_VERSION) {
		if (err) {
			err->code = PX_ESTORE;
			snprintf(err->msg, sizeof(err->msg), "%s has schema "
			         "version %d, not %d (open it for writing to "
			         "upgrade)", path, px_store_user_version(s),
			         PX_STORE_SCHEMA_VERSION);
		}
		rc = PX_ESTORE;
		goto out;
	}
	if (!(flags & PX_STORE_READONLY)) {
		for (i = 0; i < ST_COUNT; i++) {
			if (sqlite3_prepare_v3(s->db, st_sql[i], -1,
			                       SQLITE_PREPARE_PERSISTENT,
			                       &s->st[i], NULL)) {
				rc = pxs_fail(err, s->db, path,
				              "cannot prepare a statement");
				goto out;
			}
		}
	}
out:
	if (rc) {
		px_store_close(s);
		return rc;
	}
	*out = s;
	return PX_OK;
}

void px_store_close(px_store *s)
{
	int i;

	if (!s)
		return;
	for (i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->st[i]);
	sqlite3_close(s->db);
	px_stories_free(s->set);
	free(s->num_art);
	free(s->story_db);
	free(s->body);
	free(s->spans);
	free(s->path);
	free(s);
}

sqlite3 *px_store_db(px_store *s)
{
	return s ? s->db : NULL;
}

int px_store_user_version(px_store *s)
{
	sqlite3_stmt *st = NULL;
	int v = -1;

	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL))
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

px_status px_store_begin(px_store *s, px_error *err)
{
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL))
		return pxs_fail(err, s->db, s->path, "cannot begin a batch");
	return PX_OK;
}

px_status px_store_commit(px_store *s, px_error *err)
{
	if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL)) {
		pxs_fail(err, s->db, s->path, "cannot commit a batch");
		px_store_rollback(s);
		return PX_ESTORE;
	}
	return PX_OK;
}

void px_store_rollback(px_store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	pxs_cache_clear(s);
}

/* FNV-1a, 64 bits, over whitespace-collapsed bytes. */
typedef struct hasher {
	uint64_t h;
	int space; /* a space is pending */
	int any;   /* a non-space byte was seen */
} hasher;

static void hash_bytes(hasher *hs, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == '\v') {
			hs->space = hs->any;
			continue;
		}
		if (hs->space) {
			hs->h ^= ' ';
			hs->h *= 0x100000001b3ULL;
			hs->space = 0;
		}
		hs->h ^= c;
		hs->h *= 0x100000001b3ULL;
		hs->any = 1;
	}
}

void px_store_content_hash(const px_article *a, char out[17])
{
	static const char hex[] = "0123456789abcdef";
	const px_meta *m = px_article_meta(a);
	hasher hs = {0xcbf29ce484222325ULL, 0, 0};
	size_t len = 0, i;
	const char *text = px_article_text(a, &len);

	if (m && m->title)
		hash_bytes(&hs, m->title, strlen(m->title));
	hs.space = hs.any;
	if (m && m->body.end <= len && m->body.start <= m->body.end)
		hash_bytes(&hs, text + m->body.start,
		           m->body.end - m->body.start);
	else
		hash_bytes(&hs, text, len);
	for (i = 0; i < 16; i++)
		out[i] = hex[(hs.h >> (60 - 4 * i)) & 0xf];
	out[16] = '\0';
}

/* Append to the full-text body; -1 past the cap or out of memory. */
static int body_add(px_store *s, const char *p, size_t n)
{
	if (s->body_len + n + 1 > s->body_cap) {
		size_t cap = s->body_cap ? s->body_cap : 65536;
		char *nb;

		while (cap < s->body_len + n + 1)
			cap *= 2;
		if (cap > BODY_MAX)
			return -1;
		nb = realloc(s->body, cap);
		if (!nb)
			return -1;
		s->body = nb;
		s->body_cap = cap;
	}
	memcpy(s->body + s->body_len, p, n);
	s->body_len += n;
	return 0;
}

void pxs_bind_z(sqlite3_stmt *st, int i, const char *z)
{
	if (z)
		sqlite3_bind_text(st, i, z, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* Step a write statement to completion and reset it; 0 when done. */
int pxs_run(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The host of a URL, lower case, without "www."; out[0] = 0 if none. */
static void url_domain(const char *url, char *out, size_t cap)
{
	const char *p = url ? strstr(url, "://") : NULL;
	size_t n = 0;

	out[0] = '\0';
	if (!p)
		return;
	p += 3;
	if (!strncmp(p, "www.", 4))
		p += 4;
	while (p[n] && p[n] != '/' && p[n] != ':' && p[n] != '?' &&
	       p[n] != '#' && n + 1 < cap) {
		out[n] = (char)tolower((unsigned char)p[n]);
		n++;
	}
	out[n] = '\0';
}

/* Is the article already stored? Sets res and *version for a new one. */
static px_status lookup(px_store *s, const px_meta *m, const char *hash,
                        px_store_put_result *res, px_error *err)
{
	sqlite3_stmt *st;
	int rc;

	res->kind = PX_PUT_NEW;
	res->version = 1;
	if (m->url) {
		st = s->st[ST_LATEST_URL];
		sqlite3_bind_text(st, 1, m->url, -1, SQLITE_STATIC);
	} else {
		st = s->st[ST_SAME_HASH];
		sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *h = sqlite3_column_text(st, 2);

		res->id = sqlite3_column_int64(st, 0);
		res->version = sqlite3_column_int(st, 1);
		if (!m->url || (h && !strcmp((const char *)h, hash))) {
			res->kind = PX_PUT_SAME;
		} else {
			res->kind = PX_PUT_VERSION;
			res->version++;
		}
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return pxs_fail(err, s->db, s->path, "cannot look up article");
	return PX_OK;
}

/* Sentence and residue rows, and the full-text body, of article id. */
px_status pxs_put_rows(px_store *s, const px_article *a, int64_t id,
                       px_error *err)
{
	size_t ns = 0, nr = 0, len = 0, i;
	const px_sentence *sv = px_article_sentences(a, &ns);
	const px_residue *rv = px_article_residue(a, &nr);
	const char *text = px_article_text(a, &len);
	const px_meta *m = px_article_meta(a);
	sqlite3_stmt *st;

	s->body_len = 0;
	st = s->st[ST_SENTENCE];
	for (i = 0; i < ns; i++) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)sv[i].span.start);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)sv[i].span.end);
		sqlite3_bind_int(st, 4, sv[i].heading != 0);
		sqlite3_bind_int(st, 5, sv[i].residue != 0);
		if (pxs_run(st))
			return pxs_fail(err, s->db, s->path,
			                "cannot store sentences");
		if (sv[i].residue || sv[i].span.end > len)
			continue;
		if ((s->body_len && body_add(s, "\n", 1)) ||
		    body_add(s, text + sv[i].span.start,
		             sv[i].span.end - sv[i].span.start))
			return PX_ENOMEM;
	}
	st = s->st[ST_RESIDUE];
	for (i = 0; i < nr; i++) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)rv[i].span.start);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)rv[i].span.end);
		pxs_bind_z(st, 4, px_residue_kind_name(rv[i].kind));
		pxs_bind_z(st, 5, rv[i].reason);
		if (pxs_run(st))
			return pxs_fail(err, s->db, s->path,
			                "cannot store residue");
	}
	st = s->st[ST_FTS];
	sqlite3_bind_int64(st, 1, id);
	pxs_bind_z(st, 2, m->title);
	/* The body buffer is not touched until the step is done. */
	sqlite3_bind_text64(st, 3, s->body ? s->body : "", s->body_len,
	                    SQLITE_STATIC, SQLITE_UTF8);
	if (pxs_run(st))
		return pxs_fail(err, s->db, s->path,
		                "cannot index the article");
	return PX_OK;
}

px_status px_store_put(px_store *s, const px_article *a, const char *json,
                       size_t json_len, unsigned flags,
                       px_store_put_result *res, px_error *err)
{
	unsigned char *packed = NULL;
	size_t packed_len = 0;
	px_status rc = px_store_pack(json, json_len, &packed, &packed_len);

	if (!rc)
		rc = px_store_put_packed(s, a, packed, packed_len, json_len,
		                         NULL, flags, res, err);
	free(packed);
	return rc;
}

px_status px_store_put_packed(px_store *s, const px_article *a,
                              const unsigned char *packed,
                              size_t packed_len, size_t json_len,
                              px_store_doc *doc, unsigned flags,
                              px_store_put_result *res, px_error *err)
{
	const px_meta *m = px_article_meta(a);
	char hash[17], domain[256];
	size_t len = 0;
	const char *text = px_article_text(a, &len);
	sqlite3_stmt *st = s->st[ST_ARTICLE];
	px_status rc;
	pxs_story ps;

	if (!m || !st)
		return PX_EINVAL;
	/* made with doc where the article was analyzed */
	if (doc)
		memcpy(hash, doc->hash, sizeof(hash));
	else
		px_store_content_hash(a, hash);
	rc = lookup(s, m, hash, res, err);
	if (rc || res->kind == PX_PUT_SAME)
		return rc;
	/* text and packed outlive the step: bound without copies. */
	pxs_bind_z(st, 1, m->id);
	pxs_bind_z(st, 2, m->input ? m->input : "");
	pxs_bind_z(st, 3, (flags & PX_PUT_RECORD) ? "record" : "text");
	pxs_bind_z(st, 4, m->source);
	pxs_bind_z(st, 5, m->url);
	pxs_bind_z(st, 6, m->published);
	pxs_bind_z(st, 7, m->edited);
	pxs_bind_z(st, 8, m->site);
	pxs_bind_z(st, 9, m->author);
	pxs_bind_z(st, 10, m->title);
	sqlite3_bind_text(st, 11, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 12, res->version);
	sqlite3_bind_int64(st, 13, (sqlite3_int64)len);
	sqlite3_bind_text64(st, 14, text, len, SQLITE_STATIC, SQLITE_UTF8);
	sqlite3_bind_blob64(st, 15, packed, packed_len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 16, (sqlite3_int64)json_len);
	/* The story first, so that the row is written once. */
	rc = pxs_story_begin(s, a, 1, doc, &ps, err);
	if (!rc && ps.story)
		sqlite3_bind_int64(st, 17, ps.story);
	if (!rc && pxs_run(st))
		rc = pxs_fail(err, s->db, s->path, "cannot store article");
	if (rc) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		pxs_story_free(&ps);
		return rc;
	}
	res->id = sqlite3_last_insert_rowid(s->db);
	rc = pxs_put_rows(s, a, res->id, err);
	if (!rc)
		rc = pxs_put_analysis(s, a, res->id, err);
	if (!rc)
		rc = pxs_story_end(s, &ps, res->id, err);
	pxs_story_free(&ps);
	if (rc)
		return rc;
	/* A source named after the file is no outlet. */
	if (m->source && !(m->source_from && !strcmp(m->source_from,
	                                             "file"))) {
		st = s->st[ST_SOURCE];
		url_domain(m->url, domain, sizeof(domain));
		pxs_bind_z(st, 1, m->source);
		pxs_bind_z(st, 2, domain[0] ? domain : NULL);
		if (pxs_run(st))
			return pxs_fail(err, s->db, s->path,
			                "cannot store the source");
	}
	return PX_OK;
}

px_status px_store_log_error(px_store *s, const char *input, size_t line,
                             const px_error *e, px_error *err)
{
	sqlite3_stmt *st = s->st[ST_ERROR];

	if (!st)
		return PX_EINVAL;
	pxs_bind_z(st, 1, input ? input : "");
	sqlite3_bind_int64(st, 2, (sqlite3_int64)line);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)e->offset);
	pxs_bind_z(st, 4, px_strerror(e->code));
	pxs_bind_z(st, 5, e->msg);
	if (pxs_run(st))
		return pxs_fail(err, s->db, s->path, "cannot record an error");
	return PX_OK;
}

static int all_digits(const char *z)
{
	if (!*z)
		return 0;
	for (; *z; z++)
		if (*z < '0' || *z > '9')
			return 0;
	return 1;
}

px_status px_store_find(px_store *s, const char *ref, int64_t *id,
                        px_error *err)
{
	sqlite3_stmt *st = NULL;
	px_status rc = PX_OK;
	int r;

	if (sqlite3_prepare_v2(s->db, all_digits(ref)
	                       ? "SELECT id FROM articles WHERE id = ?1 "
	                         "OR ident = ?1 ORDER BY id = ?1 DESC, "
	                         "version DESC LIMIT 1"
	                       : "SELECT id FROM articles WHERE ident = ?1 "
	                         "ORDER BY version DESC, id DESC LIMIT 1",
	                       -1, &st, NULL))
		return pxs_fail(err, s->db, s->path, "cannot find article");
	if (all_digits(ref))
		sqlite3_bind_int64(st, 1, strtoll(ref, NULL, 10));
	else
		sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
	} else if (r == SQLITE_DONE) {
		rc = PX_EEMPTY;
		if (err) {
			err->code = rc;
			snprintf(err->msg, sizeof(err->msg), "no article '%s' "
			         "in %s", ref, s->path);
		}
	} else {
		rc = pxs_fail(err, s->db, s->path, "cannot find article");
	}
	sqlite3_finalize(st);
	return rc;
}

static const char *col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

px_status px_store_row_article(const px_store_row *r,
                               const px_options *opts, px_article **out,
                               px_error *err)
{
	px_status rc;
	px_options o;

	*out = NULL;
	memset(&o, 0, sizeof(o));
	if (opts)
		o = *opts;
	o.max_bytes = r->text_len + 1;
	if (r->form && !strcmp(r->form, "record")) {
		px_record rec;

		memset(&rec, 0, sizeof(rec));
		rec.id = r->ident;
		rec.source = r->source;
		rec.url = r->url;
		rec.published = r->published;
		rec.title = r->title;
		rec.text = r->text ? r->text : "";
		rec.text_len = r->text_len;
		rec.input = r->input;
		rc = px_article_from_record(&rec, &o, out, err);
	} else {
		rc = px_article_from_text(r->text ? r->text : "", r->text_len,
		                          r->input, &o, out, err);
		/* --source and --published given at ingest */
		if (!rc && r->source)
			rc = px_article_set_meta(*out, "source", r->source);
		if (!rc && r->published)
			rc = px_article_set_meta(*out, "published",
			                         r->published);
	}
	if (rc && *out) {
		px_article_free(*out);
		*out = NULL;
	}
	return rc;
}

/* A row's PXS_ARTICLE_COLS from column c; pointers into the statement
 * (valid until it steps) or, with copy, malloc'd copies (-1 when out of
 * memory). */
static int fill_row(sqlite3_stmt *st, int c, px_store_row *r, int copy)
{
	char **f[8];
	int i;

	f[0] = &r->form;
	f[1] = &r->text;
	f[2] = &r->input;
	f[3] = &r->ident;
	f[4] = &r->source;
	f[5] = &r->url;
	f[6] = &r->published;
	f[7] = &r->title;
	for (i = 0; i < 8; i++) {
		const char *z = i == 1 ? (const char *)sqlite3_column_blob(st,
		                                                           c + i)
		                       : col(st, c + i);
		size_t n = (size_t)sqlite3_column_bytes(st, c + i);

		if (i == 1)
			r->text_len = n;
		if (!z || !copy) {
			*f[i] = (char *)z;
			continue;
		}
		*f[i] = malloc(n + 1);
		if (!*f[i])
			return -1;
		memcpy(*f[i], z, n);
		(*f[i])[n] = '\0';
	}
	return 0;
}

px_status pxs_article_from_row(sqlite3_stmt *st, int c,
                               const px_options *opts, px_article **out,
                               px_error *err)
{
	px_store_row r;

	memset(&r, 0, sizeof(r));
	fill_row(st, c, &r, 0);
	return px_store_row_article(&r, opts, out, err);
}

void px_store_rows_free(px_store_row *rows, size_t n)
{
	size_t i;

	for (i = 0; rows && i < n; i++) {
		free(rows[i].form);
		free(rows[i].text);
		free(rows[i].input);
		free(rows[i].ident);
		free(rows[i].source);
		free(rows[i].url);
		free(rows[i].published);
		free(rows[i].title);
	}
	free(rows);
}

px_status px_store_pending(px_store *s, int gen, int64_t after, size_t max,
                           px_store_row **rows, size_t *n, px_error *err)
{
	sqlite3_stmt *st = NULL;
	px_store_row *r;
	px_status rc = PX_OK;
	int k;

	*rows = NULL;
	*n = 0;
	r = calloc(max ? max : 1, sizeof(*r));
	if (!r)
		return PX_ENOMEM;
	if (sqlite3_prepare_v2(s->db, "SELECT id, " PXS_ARTICLE_COLS " FROM "
	                       "articles WHERE analysis_gen < ?1 AND id > ?2 "
	                       "ORDER BY id LIMIT ?3", -1, &st, NULL)) {
		free(r);
		return pxs_fail(err, s->db, s->path, "cannot read articles");
	}
	sqlite3_bind_int(st, 1, gen);
	sqlite3_bind_int64(st, 2, after);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)max);
	while ((k = sqlite3_step(st)) == SQLITE_ROW) {
		r[*n].id = sqlite3_column_int64(st, 0);
		if (fill_row(st, 1, &r[(*n)++], 1)) {
			rc = PX_ENOMEM;
			break;
		}
	}
	if (!rc && k != SQLITE_DONE)
		rc = pxs_fail(err, s->db, s->path, "cannot read articles");
	sqlite3_finalize(st);
	if (rc) {
		px_store_rows_free(r, *n);
		*n = 0;
		return rc;
	}
	*rows = r;
	return PX_OK;
}

px_status px_store_article(px_store *s, int64_t id, const px_options *opts,
                           px_article **out, px_error *err)
{
	sqlite3_stmt *st = NULL;
	px_status rc;

	*out = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT " PXS_ARTICLE_COLS " FROM "
	                       "articles WHERE id = ?", -1, &st, NULL))
		return pxs_fail(err, s->db, s->path, "cannot read article");
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW)
		rc = pxs_fail(err, s->db, s->path, "no such article");
	else
		rc = pxs_article_from_row(st, 0, opts, out, err);
	sqlite3_finalize(st);
	return rc;
}
