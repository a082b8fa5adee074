/*
 * store.h - the corpus store: analyzed articles kept in one SQLite file
 * that any SQLite tool can open. Built on the public engine API only
 * (include/parallax/parallax.h); the schema is in store/schema.c and
 * documented in docs/internals/STORE.md.
 *
 * One px_store is one SQLite connection; use it from one thread at a time.
 * Writers batch articles in a transaction (px_store_begin, px_store_put
 * for each, px_store_commit): a batch is stored whole or not at all.
 *
 *   px_store *s = NULL;
 *   px_error err;
 *   if (px_store_open("parallax.db", PX_STORE_CREATE, &s, &err))
 *       fprintf(stderr, "parallax: %s\n", err.msg);
 *   px_store_begin(s, &err);
 *   px_store_put(s, article, json, json_len, 0, &res, &err);
 *   px_store_commit(s, &err);
 *   px_store_close(s);
 */
#ifndef PX_STORE_H
#define PX_STORE_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "parallax/parallax.h"

/* The schema version a database has once px_store_open() returns. */
#define PX_STORE_SCHEMA_VERSION 10

/* Open flags. */
#define PX_STORE_CREATE 0x1u   /* create the file when missing */
#define PX_STORE_READONLY 0x2u /* never write (no migration either) */

typedef struct px_store px_store;

/*
 * Open (and with PX_STORE_CREATE create) the database at path, turn on
 * WAL and foreign keys, and upgrade an older schema to
 * PX_STORE_SCHEMA_VERSION, each migration in its own transaction. A
 * database newer than this code, or not a Parallax database, is refused.
 * On failure *out is NULL and err says what and where.
 */
px_status px_store_open(const char *path, unsigned flags, px_store **out,
                        px_error *err);

/* Close; finalizes the cached statements. NULL is a no-op. */
void px_store_close(px_store *s);

/* The underlying connection, for read queries (owned by the store). */
sqlite3 *px_store_db(px_store *s);

/* The schema version of the open database (PRAGMA user_version). */
int px_store_user_version(px_store *s);

/* Register on db the SQL function sqlar_uncompress(X, SZ) that the
 * view article_json uses (as the sqlite3 shell's: X inflated to SZ
 * bytes, or X itself when SZ is not above 0 or is its length); the
 * store's own connections have it. SQLITE_OK or an SQLite error code. */
int px_store_sql_functions(sqlite3 *db);

/* Transactions around a batch of puts. rollback never fails. */
px_status px_store_begin(px_store *s, px_error *err);
px_status px_store_commit(px_store *s, px_error *err);
void px_store_rollback(px_store *s);

/* What px_store_put did with an article. */
typedef enum px_store_put_kind {
	PX_PUT_NEW = 1, /* a new article */
	PX_PUT_SAME,    /* already stored (same URL and content, or no URL
	                   and the same content): nothing written */
	PX_PUT_VERSION  /* a known URL with changed content: a new version */
} px_store_put_kind;

typedef struct px_store_put_result {
	px_store_put_kind kind;
	int64_t id;  /* the stored (or already stored) article's row id */
	int version; /* its version number, 1 for the first */
} px_store_put_result;

/* Put flags. */
#define PX_PUT_RECORD 0x1u /* the article came from a record (JSON Lines),
                              not a plain-text file: re-analysis uses
                              px_article_from_record */

/*
 * Store an analyzed article: its metadata, original bytes, the analysis
 * JSON (px_article_to_json output, json[0..json_len)), its sentences and
 * residue rows, the full-text index entry (title and body sentences) and
 * its source in the sources table. Idempotent as px_store_put_kind says.
 * Call inside px_store_begin/commit. OUT: res.
 */
px_status px_store_put(px_store *s, const px_article *a, const char *json,
                       size_t json_len, unsigned flags,
                       px_store_put_result *res, px_error *err);

/* The analysis JSON (json, len) compressed as px_store_put() stores it,
 * into *out (malloc'd, *out_len bytes): callers that analyze on several
 * threads compress there and hand the result to px_store_put_packed(),
 * off the single writer. PX_ENOMEM, or PX_ETOOBIG past 2 GB. */
px_status px_store_pack(const char *json, size_t len, unsigned char **out,
                        size_t *out_len);

/* An article's story features (its words, entity keys, facts and word
 * vector, lib/story) and its content hash, made by px_store_doc_make()
 * where the article is analyzed, off the single writer, and handed to
 * px_store_put_packed(). */
typedef struct px_store_doc px_store_doc;
px_status px_store_doc_make(const px_article *a, px_store_doc **out);
void px_store_doc_free(px_store_doc *d);

/* px_store_put() with the JSON already compressed by px_store_pack():
 * (packed, packed_len), json_len the length of the JSON text; doc the
 * article's features from px_store_doc_make() or NULL (made here). The
 * call may take what doc holds; the caller still frees doc. */
px_status px_store_put_packed(px_store *s, const px_article *a,
                              const unsigned char *packed,
                              size_t packed_len, size_t json_len,
                              px_store_doc *doc, unsigned flags,
                              px_store_put_result *res, px_error *err);

/*
 * Record a bad input in the errors table: its input name, line (0 for a
 * whole file), byte offset, status and message. The same error at the
 * same place is kept once, with the time it was last seen.
 */
px_status px_store_log_error(px_store *s, const char *input, size_t line,
                             const px_error *e, px_error *err);

/*
 * The content hash that deduplicates articles without URL and tells
 * versions apart: 64-bit FNV-1a of the title and body with every run of
 * whitespace collapsed to one space, as 16 hex digits in out[17].
 */
void px_store_content_hash(const px_article *a, char out[17]);

/*
 * Find an article by reference: a row id ("42"), or the article's id as
 * given in the input (record id or file name), whose latest version is
 * taken. PX_EEMPTY when none matches. OUT: id.
 */
px_status px_store_find(px_store *s, const char *ref, int64_t *id,
                        px_error *err);

/*
 * Re-analyze a stored article from its stored bytes, as it was analyzed
 * at ingest (plain text or record; --source and --published reapplied).
 * opts as for px_article_from_text (may be NULL). The caller frees *out
 * with px_article_free().
 */
px_status px_store_article(px_store *s, int64_t id, const px_options *opts,
                           px_article **out, px_error *err);

/*
 * Stories. Load the story set into the store: a new set (opts may be
 * NULL) to which the articles it would still be matching against are
 * added again, in their ingest order: the newest opts->max_live
 * (20,000) stored articles dated within two windows of the newest stored
 * date, or undated. Their words are taken again from their text (text
 * stages only), their entity keys, amounts and dates from story_docs.
 * Each keeps its stored story. From then on px_store_put gives each new
 * article a story (a stored one it joins, or a new one), and records
 * merges and near-copies. Without a loaded set, put stores no story.
 */
px_status px_store_stories_load(px_store *s, const px_stories_opts *opts,
                                px_error *err);
/* Articles re-added by px_store_stories_load. */
size_t px_store_stories_replayed(const px_store *s);
/* CPU seconds spent on stories in px_store_put so far (the article's
 * story features, clustering, and writing stories, merges and
 * near-copies). */
double px_store_stories_secs(const px_store *s);

/*
 * Replace the analysis of stored article id with a (analyzed again from
 * its stored bytes) and its JSON: the analysis column, analysis_gen =
 * gen, title, sentences, residue, full-text entry, entities, mentions,
 * quotes, amounts, dates, tone and story features. An article without a
 * story gets one when a set is loaded; a stored story is kept. Call
 * inside px_store_begin/commit.
 */
px_status px_store_reanalyzed(px_store *s, int64_t id, const px_article *a,
                              const char *json, size_t json_len, int gen,
                              px_error *err);

/*
 * Re-analysis is a generation: px_store_reanalysis_gen() is the pending
 * generation (kept in store_meta, so a killed run resumes it) or a new
 * one past every stored article's. Articles whose analysis_gen is below
 * it still need it. px_store_reanalysis_done() forgets it.
 */
px_status px_store_reanalysis_gen(px_store *s, int *gen, px_error *err);

/* A stored article's bytes and what re-analysis needs of its row. */
typedef struct px_store_row {
	int64_t id;
	char *form, *text, *input, *ident, *source, *url, *published, *title;
	size_t text_len;
} px_store_row;

/*
 * Up to max articles whose analysis_gen is below gen and whose id is
 * above after, in id order, copied into *rows (free with
 * px_store_rows_free) so that other threads can analyze them.
 */
px_status px_store_pending(px_store *s, int gen, int64_t after, size_t max,
                           px_store_row **rows, size_t *n, px_error *err);
void px_store_rows_free(px_store_row *rows, size_t n);
/* Analyze a row's bytes as at ingest, with opts (may be NULL; its
 * max_bytes is the row's). Safe on any thread: it touches no connection. */
px_status px_store_row_article(const px_store_row *r,
                               const px_options *opts, px_article **out,
                               px_error *err);
px_status px_store_reanalysis_done(px_store *s, px_error *err);

/*
 * Feeds polled by `parallax watch` (store/feeds.c). A feed's validators
 * from its last full response: *etag and *last_modified malloc'd (free
 * them), NULL when not known. OUT: etag, last_modified.
 */
px_status px_store_feed_get(px_store *s, const char *url, char **etag,
                            char **last_modified, px_error *err);
/* Record a poll of url: its HTTP status (0: failed) and, for a 2xx
 * status, its validators (either NULL: not sent, or not to be used next
 * time); a 304 or a failure keeps the stored ones. */
px_status px_store_feed_set(px_store *s, const char *url, int status,
                            const char *etag, const char *last_modified,
                            px_error *err);
/* Is link stored: fetched before (feed_links) or an article's URL?
 * OUT: known (1 or 0). */
px_status px_store_link_known(px_store *s, const char *link, int *known,
                              px_error *err);
/* Record that link (from feed) gave article id (0: none). Call inside
 * the transaction that stores the article. */
px_status px_store_link_add(px_store *s, const char *link, int64_t id,
                            const char *feed, px_error *err);

#endif /* PX_STORE_H */
