/*
 * brief_db.c - parallax brief --db: the brief of the stories in the
 * corpus store. Stories are those ingest formed (articles.story_id),
 * largest first, numbered by their stored id (as `parallax show
 * story:N`); each story's articles are analyzed again from their stored
 * bytes, in publication order, with the near-copies the store recorded.
 * One story's articles are held at a time.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "dbcmd.h"
#include "brief_db.h"

/* The near-copies among ids[0..n), renumbered into that list; passages
 * from their stored JSON [[a0,a1,b0,b1], ...]. *out is malloc'd, each
 * passages array too. */
static int story_copies(sqlite3 *db, const int64_t *ids, size_t n,
                        px_near_copy **out, size_t *nout)
{
	sqlite3_stmt *st = NULL;
	px_near_copy *cp = NULL;
	size_t cap = 0, nc = 0;
	int rc = -1;

	*out = NULL;
	*nout = 0;
	if (sqlite3_prepare_v2(db, "SELECT a, b, jaccard, source, passages "
	                       "FROM near_copies WHERE a = ?1",
	                       -1, &st, NULL) != SQLITE_OK)
		return -1;
	for (size_t i = 0; i < n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, ids[i]);
		while (sqlite3_step(st) == SQLITE_ROW) {
			int64_t b = sqlite3_column_int64(st, 1);
			size_t j, k;
			json_t *ps;
			px_near_copy *c;

			for (j = 0; j < n && ids[j] != b; j++)
				;
			if (j == n)
				continue; /* its copy is in another story */
			if (nc == cap) {
				size_t nc2 = cap ? cap * 2 : 8;
				px_near_copy *np = realloc(cp, nc2 * sizeof(*np));

				if (!np)
					goto out;
				cp = np;
				cap = nc2;
			}
			c = &cp[nc];
			memset(c, 0, sizeof(*c));
			c->a = i;
			c->b = j;
			c->jaccard = sqlite3_column_double(st, 2);
			c->source = sqlite3_column_type(st, 3) == SQLITE_NULL
			            ? SIZE_MAX
			            : sqlite3_column_int64(st, 3) == ids[i] ? i : j;
			ps = json_loads((const char *)sqlite3_column_text(st, 4),
			                0, NULL);
			if (json_is_array(ps) && json_array_size(ps)) {
				px_passage *pp = calloc(json_array_size(ps),
				                        sizeof(*pp));

				for (k = 0; pp && k < json_array_size(ps); k++) {
					json_t *r = json_array_get(ps, k);

					pp[k].a.start = (size_t)json_integer_value(
						json_array_get(r, 0));
					pp[k].a.end = (size_t)json_integer_value(
						json_array_get(r, 1));
					pp[k].b.start = (size_t)json_integer_value(
						json_array_get(r, 2));
					pp[k].b.end = (size_t)json_integer_value(
						json_array_get(r, 3));
				}
				c->passages = pp;
				c->npassages = pp ? json_array_size(ps) : 0;
			}
			json_decref(ps);
			nc++;
		}
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	*out = cp;
	*nout = nc;
	return rc;
}

static void copies_free(px_near_copy *cp, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free((void *)cp[i].passages);
	free(cp);
}

/* The brief of stored story sid; 0, or an exit status. */
static int one_story(px_store *s, int64_t sid, const px_cli_brief_db_opts *o,
                     unsigned parts, int *printed)
{
	sqlite3 *db = px_store_db(s);
	sqlite3_stmt *st = NULL;
	int64_t *ids = NULL;
	px_article **arts = NULL;
	px_near_copy *cp = NULL;
	size_t n = 0, cap = 0, ncp = 0, i, len = 0;
	px_brief *b = NULL;
	char *text = NULL;
	int ret = PX_EXIT_SYSTEM;
	px_options po;
	px_status rc;

	memset(&po, 0, sizeof(po));
	po.langid = px_cli_langid();

	if (sqlite3_prepare_v2(db, "SELECT id FROM articles WHERE story_id = "
	                       "?1 ORDER BY published, id", -1, &st,
	                       NULL) != SQLITE_OK)
		goto fail_db;
	sqlite3_bind_int64(st, 1, sid);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 16;
			int64_t *ni = realloc(ids, nc * sizeof(*ni));

			if (!ni)
				goto oom;
			ids = ni;
			cap = nc;
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (!n || n < o->min_articles) {
		ret = 0;
		goto out;
	}
	arts = calloc(n, sizeof(*arts));
	if (!arts)
		goto oom;
	for (i = 0; i < n; i++) {
		px_error err;

		if (px_store_article(s, ids[i], &po, &arts[i], &err)) {
			px_cli_err("article %lld of story %lld: %s",
			           (long long)ids[i], (long long)sid, err.msg);
			goto out;
		}
	}
	if (story_copies(db, ids, n, &cp, &ncp))
		goto fail_db;
	rc = px_brief_build((const px_article *const *)arts, n, cp, ncp,
	                    o->br, &b);
	if (!rc)
		rc = px_brief_render(b, (const px_article *const *)arts, o->fmt,
		                     (size_t)sid, parts, &text, &len);
	if (rc) {
		px_cli_err("story %lld: %s", (long long)sid, px_strerror(rc));
		goto out;
	}
	if (fwrite(text, 1, len, stdout) != len ||
	    (o->fmt == PX_BRIEF_JSON && fputc('\n', stdout) == EOF)) {
		px_cli_err("cannot write output");
		goto out;
	}
	*printed = 1;
	ret = 0;
	goto out;
fail_db:
	px_cli_err("cannot read the stories: %s", sqlite3_errmsg(db));
	goto out;
oom:
	px_cli_err("out of memory");
out:
	sqlite3_finalize(st);
	free(text);
	px_brief_free(b);
	copies_free(cp, ncp);
	for (i = 0; arts && i < n; i++)
		px_article_free(arts[i]);
	free(arts);
	free(ids);
	return ret;
}

int px_cli_brief_db(const px_cli_brief_db_opts *o)
{
	px_store *s = NULL;
	sqlite3_stmt *st = NULL;
	int ret = px_cli_store(o->db, PX_STORE_READONLY, &s), printed = 0;

	if (ret)
		return ret;
	if (sqlite3_prepare_v2(px_store_db(s),
	                       o->story
	                       ? "SELECT coalesce(merged_into, id) FROM stories "
	                         "WHERE id = ?1"
	                       : "SELECT story_id FROM articles WHERE story_id "
	                         "IS NOT NULL GROUP BY story_id ORDER BY "
	                         "count(*) DESC, min(id)",
	                       -1, &st, NULL) != SQLITE_OK) {
		px_cli_err("cannot read the stories: %s (run 'parallax "
		           "ingest' with this version first)",
		           sqlite3_errmsg(px_store_db(s)));
		px_store_close(s);
		return PX_EXIT_SYSTEM;
	}
	if (o->story)
		sqlite3_bind_int64(st, 1, (sqlite3_int64)o->story);
	while (!ret && sqlite3_step(st) == SQLITE_ROW) {
		int64_t sid = sqlite3_column_int64(st, 0);

		ret = one_story(s, sid, o, printed ? 0u : PX_BRIEF_PAGE_START,
		                &printed);
	}
	sqlite3_finalize(st);
	px_store_close(s);
	if (ret)
		return ret;
	if (!printed) {
		if (o->story)
			px_cli_err("no story %zu in %s (see 'parallax stories')",
			           o->story, o->db);
		else
			px_cli_err("no stories in %s", o->db);
		return PX_EXIT_INPUT;
	}
	if (o->fmt == PX_BRIEF_HTML && fputs("</body></html>\n", stdout) == EOF)
		return PX_EXIT_SYSTEM;
	return fflush(stdout) ? PX_EXIT_SYSTEM : PX_EXIT_OK;
}
