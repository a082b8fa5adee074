/*
 * feeds.c - what `parallax watch` keeps between runs: each feed's
 * validators (ETag, Last-Modified) for conditional requests, and the
 * item links already fetched, so a restarted watch neither downloads a
 * feed that did not change nor fetches a stored page again. Polled once
 * per feed or item, so the statements are prepared per call.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

static char *dup_col(sqlite3_stmt *st, int i)
{
	const unsigned char *z = sqlite3_column_text(st, i);

	return z ? strdup((const char *)z) : NULL;
}

px_status px_store_feed_get(px_store *s, const char *url, char **etag,
                            char **last_modified, px_error *err)
{
	sqlite3_stmt *st = NULL;
	px_status rc = PX_OK;
	int step;

	*etag = NULL;
	*last_modified = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT etag, last_modified FROM feeds "
	                       "WHERE url = ?", -1, &st, NULL))
		return pxs_fail(err, s->db, s->path, "cannot read feeds");
	sqlite3_bind_text(st, 1, url, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		*etag = dup_col(st, 0);
		*last_modified = dup_col(st, 1);
		if ((sqlite3_column_type(st, 0) != SQLITE_NULL && !*etag) ||
		    (sqlite3_column_type(st, 1) != SQLITE_NULL &&
		     !*last_modified))
			rc = PX_ENOMEM;
	} else if (step != SQLITE_DONE) {
		rc = pxs_fail(err, s->db, s->path, "cannot read feeds");
	}
	sqlite3_finalize(st);
	if (rc) {
		free(*etag);
		free(*last_modified);
		*etag = NULL;
		*last_modified = NULL;
	}
	return rc;
}

px_status px_store_feed_set(px_store *s, const char *url, int status,
                            const char *etag, const char *last_modified,
                            px_error *err)
{
	/* A full response replaces the validators; anything else keeps
	 * them (?5 = 0). */
	static const char sql[] =
		"INSERT INTO feeds(url, etag, last_modified, status, "
		"checked_at) VALUES (?1, ?2, ?3, ?4, strftime("
		"'%Y-%m-%dT%H:%M:%SZ', 'now')) ON CONFLICT (url) DO UPDATE SET "
		"etag = CASE WHEN ?5 THEN excluded.etag ELSE etag END, "
		"last_modified = CASE WHEN ?5 THEN excluded.last_modified "
		"ELSE last_modified END, status = excluded.status, "
		"checked_at = excluded.checked_at";
	sqlite3_stmt *st = NULL;
	int full = status >= 200 && status < 300;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL))
		return pxs_fail(err, s->db, s->path, "cannot record a feed");
	sqlite3_bind_text(st, 1, url, -1, SQLITE_STATIC);
	pxs_bind_z(st, 2, full ? etag : NULL);
	pxs_bind_z(st, 3, full ? last_modified : NULL);
	sqlite3_bind_int(st, 4, status);
	sqlite3_bind_int(st, 5, full);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_finalize(st);
		return pxs_fail(err, s->db, s->path, "cannot record a feed");
	}
	sqlite3_finalize(st);
	return PX_OK;
}

px_status px_store_link_known(px_store *s, const char *link, int *known,
                              px_error *err)
{
	sqlite3_stmt *st = NULL;
	int step;

	*known = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM feed_links WHERE url = "
	                       "?1 UNION ALL SELECT 1 FROM articles WHERE "
	                       "url = ?1 LIMIT 1", -1, &st, NULL))
		return pxs_fail(err, s->db, s->path, "cannot look up a link");
	sqlite3_bind_text(st, 1, link, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	sqlite3_finalize(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return pxs_fail(err, s->db, s->path, "cannot look up a link");
	*known = step == SQLITE_ROW;
	return PX_OK;
}

px_status px_store_link_add(px_store *s, const char *link, int64_t id,
                            const char *feed, px_error *err)
{
	sqlite3_stmt *st = NULL;
	int step;

	if (sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO feed_links(url, "
	                       "article, feed, at) VALUES (?, ?, ?, strftime("
	                       "'%Y-%m-%dT%H:%M:%SZ', 'now'))", -1, &st, NULL))
		return pxs_fail(err, s->db, s->path, "cannot record a link");
	sqlite3_bind_text(st, 1, link, -1, SQLITE_STATIC);
	if (id > 0)
		sqlite3_bind_int64(st, 2, id);
	else
		sqlite3_bind_null(st, 2);
	pxs_bind_z(st, 3, feed);
	step = sqlite3_step(st);
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return pxs_fail(err, s->db, s->path, "cannot record a link");
	return PX_OK;
}
