/*
 * store_int.h - private to store/: the migrations, the connection with
 * its prepared statements and story state, and the helpers the store's
 * files share. Tests may include it to build old databases.
 */
#ifndef PX_STORE_INT_H
#define PX_STORE_INT_H

#include "store.h"
#include "../lib/story/story.h"

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

/* Statements prepared once per connection (write path). */
enum {
	ST_LATEST_URL, /* latest version of a URL */
	ST_SAME_HASH,  /* an article without URL with this content */
	ST_ARTICLE,
	ST_SENTENCE,
	ST_RESIDUE,
	ST_FTS,
	ST_SOURCE,
	ST_ERROR,
	ST_ENTITY,      /* a new canonical entity */
	ST_ENTITY_FIND, /* a canonical entity by type and key */
	ST_ENTITY_RENAME,
	ST_ENTITY_NAME,
	ST_ART_ENTITY,  /* with its mentions packed (spans) */
	ST_QUOTE,
	ST_AMOUNT,
	ST_DATE,
	ST_TONE,
	ST_DOC,
	ST_STORY_NEW,
	ST_SET_STORY,
	ST_MERGE,
	ST_MERGED,
	ST_MOVE,
	ST_COPY,
	ST_REANALYZED,  /* new analysis of a stored article */
	ST_DEL_FIRST,   /* the deletes of re-analysis, in order ... */
	ST_DEL_LAST = ST_DEL_FIRST + 7,
	ST_STORY_OF,
	ST_FTS_DEL,     /* an article's full-text entry, before it changes */
	ST_COUNT
};

#define PXS_ENT_CACHE 16384
#define PXS_NAME_CACHE 65536

struct px_store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *st[ST_COUNT];
	char *body; /* the full-text body being built */
	size_t body_len, body_cap;
	char *spans; /* an entity's mentions as JSON, being built */
	size_t spans_len, spans_cap;

	/* Stories (px_store_stories_load): the live set, and what its
	 * numbers are in the database. */
	px_stories *set;
	int64_t *num_art;  /* set article number -> articles.id */
	size_t nnum, capnum;
	int64_t *story_db; /* set story id -> stories.id, 0 if none yet */
	size_t capsd;
	size_t copies_seen, merges_seen; /* of those the set holds, written
	                                   * (it forgets all once written) */
	size_t replayed;   /* articles re-added by the last load */
	double story_secs; /* time spent clustering */

	/* What the writer has written, remembered so that it need not ask
	 * again (direct-mapped: a slot holds the last key hashed to it; a
	 * miss only costs the statement). Cleared on a rollback. */
	struct {
		uint64_t h;    /* hash of type and key, 0: empty */
		int64_t id;    /* entities.id, its name not all capitals */
	} ent_cache[PXS_ENT_CACHE];
	uint64_t name_cache[PXS_NAME_CACHE]; /* hashes of (entity, name)
	                                      * pairs in entity_names */
};

/* The sentence and residue rows and the full-text entry of article id. */
px_status pxs_put_rows(px_store *s, const px_article *a, int64_t id,
                       px_error *err);
/* analysis.c: the entity, quote, amount, date and tone rows of stored
 * article id. */
px_status pxs_put_analysis(px_store *s, const px_article *a, int64_t id,
                           px_error *err);

/* An article's story, in two halves around writing its row: begin
 * reduces it to its story features (or takes doc's, when not NULL) and
 * (with assign and a loaded set) finds its story, made when new
 * (story); end stores the features, ties
 * the set's number to the row id, records merges and near-copies, and
 * frees what begin made (pxs_story_free does that alone). */
typedef struct pxs_story {
	pxi_doc d;
	size_t num;
	int64_t story; /* stories.id, or 0 */
	int added;     /* added to the set */
} pxs_story;
px_status pxs_story_begin(px_store *s, const px_article *a, int assign,
                          px_store_doc *doc, pxs_story *ps, px_error *err);

/* Story features made ahead (px_store_doc_make). */
struct px_store_doc {
	pxi_doc d;
	char hash[17]; /* px_store_content_hash() */
};
px_status pxs_story_end(px_store *s, pxs_story *ps, int64_t id,
                        px_error *err);
void pxs_story_free(pxs_story *ps);
/* Forget what the writer remembers of the tables (after a rollback). */
void pxs_cache_clear(px_store *s);
/* Step a write statement to completion and reset it; 0 when done. */
int pxs_run(sqlite3_stmt *st);
/* Bind a string or NULL (static: it outlives the step). */
void pxs_bind_z(sqlite3_stmt *st, int i, const char *z);
/* Bind a span's bytes of text as text, or NULL when the span is empty
 * or out of range. */
void pxs_bind_span(sqlite3_stmt *st, int i, const char *text, size_t len,
                   px_span sp);

/* The columns pxs_article_from_row reads, from its column c on. */
#define PXS_ARTICLE_COLS "form, text, input, ident, source, url, " \
	"published, title"
/* Analyze again the stored article of a row (PXS_ARTICLE_COLS from
 * column c), as at ingest, with opts (may be NULL). */
px_status pxs_article_from_row(sqlite3_stmt *st, int c,
                               const px_options *opts, px_article **out,
                               px_error *err);

#endif /* PX_STORE_INT_H */
