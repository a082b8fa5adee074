/*
 * analysis.c - what the engine found in an article, as rows: canonical
 * entities and their mentions, quotes, amounts, dates, tone; and the
 * article's story: a px_stories set kept across batches, rebuilt from
 * the database when a later run opens it (px_store_stories_load), its
 * stories, merges and near-copies written as they happen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store_int.h"

void pxs_bind_span(sqlite3_stmt *st, int i, const char *text, size_t len,
                   px_span sp)
{
	if (sp.end <= sp.start || sp.end > len)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text64(st, i, text + sp.start, sp.end - sp.start,
		                    SQLITE_STATIC, SQLITE_UTF8);
}

/* Bind a span's offsets at i and i + 1, NULL when empty. */
static void bind_off(sqlite3_stmt *st, int i, px_span sp)
{
	if (sp.end <= sp.start) {
		sqlite3_bind_null(st, i);
		sqlite3_bind_null(st, i + 1);
		return;
	}
	sqlite3_bind_int64(st, i, (sqlite3_int64)sp.start);
	sqlite3_bind_int64(st, i + 1, (sqlite3_int64)sp.end);
}

static px_status fail(px_store *s, px_error *err, const char *what)
{
	return pxs_fail(err, s->db, s->path, what);
}

/* The canonical entity of (type, key), made when new; 0 on failure. A
 * name in capitals gives way to one that is not. */
void pxs_cache_clear(px_store *s)
{
	memset(s->ent_cache, 0, sizeof(s->ent_cache));
	memset(s->name_cache, 0, sizeof(s->name_cache));
}

/* INSERT OR IGNORE (entity, name) into entity_names unless this writer
 * wrote that pair lately; 0 on success. */
static int put_name(px_store *s, int64_t entity, const char *name,
                    size_t len)
{
	sqlite3_stmt *st = s->st[ST_ENTITY_NAME];
	uint64_t h = pxi_hash(name, len, (uint64_t)entity) | 1;
	uint64_t *slot = &s->name_cache[(h >> 1) & (PXS_NAME_CACHE - 1)];

	if (*slot == h)
		return 0;
	sqlite3_bind_int64(st, 1, entity);
	sqlite3_bind_text64(st, 2, name, len, SQLITE_STATIC, SQLITE_UTF8);
	if (pxs_run(st))
		return -1;
	*slot = h;
	return 0;
}

/* As SQLite's upper() sees it: no ASCII lower-case letter. */
static int all_caps(const char *z)
{
	for (; *z; z++)
		if (*z >= 'a' && *z <= 'z')
			return 0;
	return 1;
}

static int64_t canonical(px_store *s, const px_entity *e)
{
	sqlite3_stmt *st = s->st[ST_ENTITY_FIND];
	const char *key = e->key && e->key[0] ? e->key : e->name;
	const char *type = px_entity_type_name(e->type);
	const char *name = e->name ? e->name : "";
	int64_t id = 0;
	int caps = 0, r;
	uint64_t h = pxi_hash(key ? key : "", key ? strlen(key) : 0,
	                      pxi_hash(type, strlen(type), 0)) | 1;
	size_t slot = (h >> 1) & (PXS_ENT_CACHE - 1);

	/* an entity whose stored name is not all capitals keeps it */
	if (s->ent_cache[slot].h == h)
		return s->ent_cache[slot].id;
	pxs_bind_z(st, 1, type);
	pxs_bind_z(st, 2, key ? key : "");
	r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		caps = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return 0;
	if (id && caps) {
		st = s->st[ST_ENTITY_RENAME];
		pxs_bind_z(st, 1, name);
		sqlite3_bind_int64(st, 2, id);
		if (pxs_run(st))
			return 0;
	}
	if (!id) {
		st = s->st[ST_ENTITY];
		pxs_bind_z(st, 1, type);
		pxs_bind_z(st, 2, name);
		pxs_bind_z(st, 3, key ? key : "");
		if (pxs_run(st))
			return 0;
		id = sqlite3_last_insert_rowid(s->db);
		caps = 1; /* its stored name is this one */
	}
	/* the stored name is now name, or was not all capitals */
	if (!caps || !all_caps(name)) {
		s->ent_cache[slot].h = h;
		s->ent_cache[slot].id = id;
	}
	return id;
}

/* The spans buffer may not grow past this (an article's mentions are far
 * below). */
#define SPANS_MAX ((size_t)1 << 28)

/* Append n bytes to the spans buffer; -1 past the cap or out of memory. */
static int spans_add(px_store *s, const char *p, size_t n)
{
	if (s->spans_len + n > s->spans_cap) {
		size_t cap = s->spans_cap ? s->spans_cap : 4096;
		char *nb;

		while (cap < s->spans_len + n)
			cap *= 2;
		if (cap > SPANS_MAX)
			return -1;
		nb = realloc(s->spans, cap);
		if (!nb)
			return -1;
		s->spans = nb;
		s->spans_cap = cap;
	}
	memcpy(s->spans + s->spans_len, p, n);
	s->spans_len += n;
	return 0;
}

/* Append ",N" (or "N" when first), or ",null" for a negative n. Digits
 * by hand: snprintf took a twentieth of the writer's time. */
static int spans_num(px_store *s, int first, long long n)
{
	char z[24];
	size_t k = sizeof(z);
	unsigned long long v = (unsigned long long)n;

	if (n < 0)
		return first ? spans_add(s, "null", 4)
		             : spans_add(s, ",null", 5);
	do {
		z[--k] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	if (!first)
		z[--k] = ',';
	return spans_add(s, z + k, sizeof(z) - k);
}

/* Append ",z" as a JSON string, or ",null". */
static int spans_str(px_store *s, const char *z)
{
	static const char hex[] = "0123456789abcdef";
	const char *p;
	char u[6] = {'\\', 'u', '0', '0', 0, 0};

	if (!z)
		return spans_add(s, ",null", 5);
	if (spans_add(s, ",\"", 2))
		return -1;
	for (p = z; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '"' || c == '\\') {
			if (spans_add(s, "\\", 1) || spans_add(s, p, 1))
				return -1;
		} else if (c < 0x20) {
			u[4] = hex[c >> 4];
			u[5] = hex[c & 15];
			if (spans_add(s, u, 6))
				return -1;
		} else if (spans_add(s, p, 1)) {
			return -1;
		}
	}
	return spans_add(s, "\"", 1);
}

/* Entity n's mentions as the JSON of article_entities.spans (schema 9):
 * [[i, start, end, sentence], ...], with role, role_start, role_end
 * (null when absent) after a mention that has a role, and its type
 * after those when it is not the entity's. In s->spans, spans_len. */
static int pack_mentions(px_store *s, const px_entity *e, size_t n,
                         const px_mention *m, size_t nm)
{
	size_t i;
	int first = 1;

	s->spans_len = 0;
	if (spans_add(s, "[", 1))
		return -1;
	for (i = 0; i < nm; i++) {
		int other = m[i].type != e[n].type;
		int role = m[i].role || m[i].role_span.end >
		           m[i].role_span.start;
		int empty = m[i].role_span.end <= m[i].role_span.start;

		if (m[i].entity != n)
			continue;
		if (spans_add(s, first ? "[" : ",[", first ? 1 : 2) ||
		    spans_num(s, 1, (long long)i) ||
		    spans_num(s, 0, (long long)m[i].span.start) ||
		    spans_num(s, 0, (long long)m[i].span.end) ||
		    spans_num(s, 0, (long long)m[i].sentence))
			return -1;
		if ((role || other) &&
		    (spans_str(s, m[i].role) ||
		     spans_num(s, 0, empty ? -1
		               : (long long)m[i].role_span.start) ||
		     spans_num(s, 0, empty ? -1
		               : (long long)m[i].role_span.end)))
			return -1;
		if (other && spans_str(s, px_entity_type_name(m[i].type)))
			return -1;
		if (spans_add(s, "]", 1))
			return -1;
		first = 0;
	}
	return spans_add(s, "]", 1);
}

static px_status put_entities(px_store *s, const px_article *a, int64_t id,
                              int64_t *canon, px_error *err)
{
	size_t ne = 0, nm = 0, nt = 0, len = 0, i;
	const px_entity *e = px_article_entities(a, &ne);
	const px_mention *m = px_article_mentions(a, &nm);
	const px_entity_tone *et = px_article_entity_tones(a, &nt);
	const char *text = px_article_text(a, &len);
	sqlite3_stmt *st;

	for (i = 0; i < ne; i++) {
		canon[i] = canonical(s, &e[i]);
		if (!canon[i])
			return fail(s, err, "cannot store an entity");
		if (put_name(s, canon[i], e[i].name ? e[i].name : "",
		             e[i].name ? strlen(e[i].name) : 0))
			return fail(s, err, "cannot store an entity name");
		if (pack_mentions(s, e, i, m, nm))
			return PX_ENOMEM;
		st = s->st[ST_ART_ENTITY];
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		sqlite3_bind_int64(st, 3, canon[i]);
		pxs_bind_z(st, 4, e[i].name ? e[i].name : "");
		pxs_bind_z(st, 5, e[i].role);
		sqlite3_bind_int64(st, 6, (sqlite3_int64)e[i].count);
		if (i < nt && et[i].entity == i && et[i].mentions)
			sqlite3_bind_double(st, 7, et[i].compound);
		else
			sqlite3_bind_null(st, 7);
		/* The buffer is not touched until the step is done. */
		sqlite3_bind_text64(st, 8, s->spans, s->spans_len,
		                    SQLITE_STATIC, SQLITE_UTF8);
		if (pxs_run(st))
			return fail(s, err, "cannot store an entity");
	}
	/* Every spelling: search --entity finds short forms too. A spelling
	 * seen before (most are, within an article and across) is in the
	 * name cache: no statement. */
	for (i = 0; i < nm; i++) {
		if (m[i].entity >= ne)
			continue;
		if (m[i].span.end <= len && m[i].span.end > m[i].span.start &&
		    put_name(s, canon[m[i].entity], text + m[i].span.start,
		             m[i].span.end - m[i].span.start))
			return fail(s, err, "cannot store an entity name");
	}
	return PX_OK;
}

static const char *speaker_kind(px_speaker_kind k)
{
	return k == PX_SPEAKER_NAMED ? "named"
	       : k == PX_SPEAKER_ANONYMOUS ? "anonymous" : "unresolved";
}

static px_status put_quotes(px_store *s, const px_article *a, int64_t id,
                            const int64_t *canon, px_error *err)
{
	size_t nq = 0, ne = 0, len = 0, i;
	const px_quote *q = px_article_quotes(a, &nq);
	const px_entity *e = px_article_entities(a, &ne);
	const char *text = px_article_text(a, &len);
	sqlite3_stmt *st = s->st[ST_QUOTE];

	for (i = 0; i < nq; i++) {
		int named = q[i].speaker_kind == PX_SPEAKER_NAMED &&
		            q[i].speaker < ne;

		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)q[i].span.start);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)q[i].span.end);
		pxs_bind_z(st, 4, q[i].kind == PX_QUOTE_DIRECT ? "direct"
		                                               : "reported");
		pxs_bind_z(st, 5, speaker_kind(named ? PX_SPEAKER_NAMED
		           : q[i].speaker_kind == PX_SPEAKER_NAMED
		           ? PX_SPEAKER_UNRESOLVED : q[i].speaker_kind));
		if (named) {
			sqlite3_bind_int64(st, 6, canon[q[i].speaker]);
			sqlite3_bind_int64(st, 7, (sqlite3_int64)q[i].speaker);
			pxs_bind_z(st, 10, e[q[i].speaker].role);
		}
		bind_off(st, 8, q[i].speaker_span);
		pxs_bind_span(st, 11, text, len, q[i].verb);
		bind_off(st, 12, q[i].verb);
		sqlite3_bind_int64(st, 14, (sqlite3_int64)q[i].sentence);
		sqlite3_bind_int(st, 15, q[i].partial != 0);
		sqlite3_bind_int64(st, 16, (sqlite3_int64)i);
		if (pxs_run(st))
			return fail(s, err, "cannot store a quote");
	}
	return PX_OK;
}

static px_status put_facts(px_store *s, const px_article *a, int64_t id,
                           px_error *err)
{
	size_t na = 0, nd = 0, i;
	const px_amount *am = px_article_amounts(a, &na);
	const px_date *d = px_article_dates(a, &nd);
	const px_tone *t = px_article_tone(a);
	sqlite3_stmt *st = s->st[ST_AMOUNT];

	for (i = 0; i < na; i++) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)am[i].span.start);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)am[i].span.end);
		sqlite3_bind_double(st, 4, am[i].value);
		pxs_bind_z(st, 5, am[i].unit);
		bind_off(st, 6, am[i].number);
		bind_off(st, 8, am[i].object);
		bind_off(st, 10, am[i].qualifier);
		sqlite3_bind_int(st, 12, am[i].in_quote != 0);
		sqlite3_bind_int64(st, 13, (sqlite3_int64)i);
		if (pxs_run(st))
			return fail(s, err, "cannot store an amount");
	}
	st = s->st[ST_DATE];
	for (i = 0; i < nd; i++) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)d[i].span.start);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)d[i].span.end);
		pxs_bind_z(st, 4, d[i].value);
		pxs_bind_z(st, 5, d[i].resolution);
		sqlite3_bind_int64(st, 6, (sqlite3_int64)i);
		if (pxs_run(st))
			return fail(s, err, "cannot store a date");
	}
	st = s->st[ST_TONE];
	for (i = 0; t && i < 2; i++) {
		const px_tone_parts *p = i ? &t->quoted : &t->author;

		sqlite3_bind_int64(st, 1, id);
		pxs_bind_z(st, 2, i ? "quoted" : "author");
		sqlite3_bind_double(st, 3, p->tone);
		sqlite3_bind_double(st, 4, p->positive);
		sqlite3_bind_double(st, 5, p->negative);
		sqlite3_bind_double(st, 6, p->polarity);
		sqlite3_bind_double(st, 7, p->activity);
		sqlite3_bind_double(st, 8, p->self_group);
		sqlite3_bind_int64(st, 9, (sqlite3_int64)p->words);
		sqlite3_bind_double(st, 10, p->compound);
		if (pxs_run(st))
			return fail(s, err, "cannot store the tone");
	}
	return PX_OK;
}

/* ---- Stories ----------------------------------------------------------- */

/* CPU seconds of the calling thread. */
static double cpu_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Grow an int64 array to hold index i (new entries 0); -1 when out of
 * memory. */
static int grow(int64_t **a, size_t *cap, size_t i)
{
	size_t nc;
	int64_t *na;

	if (i < *cap)
		return 0;
	nc = *cap ? *cap : 1024;
	while (nc <= i)
		nc *= 2;
	na = realloc(*a, nc * sizeof(*na));
	if (!na)
		return -1;
	memset(na + *cap, 0, (nc - *cap) * sizeof(*na));
	*a = na;
	*cap = nc;
	return 0;
}

/* Remember that set article num is articles.id id. */
static int map_article(px_store *s, size_t num, int64_t id)
{
	if (grow(&s->num_art, &s->capnum, num))
		return -1;
	s->num_art[num] = id;
	if (num >= s->nnum)
		s->nnum = num + 1;
	return 0;
}

static int64_t art_of(const px_store *s, size_t num)
{
	return num < s->nnum ? s->num_art[num] : 0;
}

static int64_t story_of(const px_store *s, size_t sid)
{
	return sid < s->capsd ? s->story_db[sid] : 0;
}

/* The stories row of set story sid in *out, made when it has none. */
static px_status story_row(px_store *s, size_t sid, int64_t *out,
                           px_error *err)
{
	if (grow(&s->story_db, &s->capsd, sid))
		return PX_ENOMEM;
	if (!s->story_db[sid]) {
		if (pxs_run(s->st[ST_STORY_NEW]))
			return fail(s, err, "cannot make a story");
		s->story_db[sid] = sqlite3_last_insert_rowid(s->db);
	}
	*out = s->story_db[sid];
	return PX_OK;
}

/* Late binding's moves (px_stories_moves): each stored article the set
 * moved gets its new story, a new row for a story split off. Before
 * the merges: a story a merge empties has given its live articles
 * away by these moves. */
static px_status put_moves(px_store *s, px_error *err)
{
	size_t n = 0, i;
	const px_story_move *mv = px_stories_moves(s->set, &n);
	sqlite3_stmt *st = s->st[ST_SET_STORY];
	px_status rc;

	for (i = 0; i < n; i++) {
		int64_t art = art_of(s, mv[i].article), story;

		if (!art)
			continue; /* not stored (a failed put) */
		rc = story_row(s, mv[i].story, &story, err);
		if (rc)
			return rc;
		sqlite3_bind_int64(st, 1, story);
		sqlite3_bind_int64(st, 2, art);
		if (pxs_run(st))
			return fail(s, err, "cannot move an article's story");
	}
	return PX_OK;
}

/* Moves, merges and near-copies the set found since last time,
 * written. */
static px_status put_news(px_store *s, px_error *err)
{
	size_t nm = 0, nc = 0, i, k;
	const px_story_merge *m = px_stories_merges(s->set, &nm);
	const px_near_copy *c = px_stories_copies(s->set, &nc);
	sqlite3_stmt *st;
	px_status rc = put_moves(s, err);

	if (rc)
		return rc;
	for (i = s->merges_seen; i < nm; i++) {
		int64_t from = story_of(s, m[i].from);
		int64_t into = story_of(s, m[i].into);

		if (grow(&s->story_db, &s->capsd, m[i].from > m[i].into
		         ? m[i].from : m[i].into))
			return PX_ENOMEM;
		if (!into) {
			s->story_db[m[i].into] = from;
			continue;
		}
		s->story_db[m[i].from] = into;
		if (!from || from == into)
			continue;
		st = s->st[ST_MERGE];
		sqlite3_bind_int64(st, 1, from);
		sqlite3_bind_int64(st, 2, into);
		sqlite3_bind_int64(st, 3, art_of(s, m[i].article));
		if (pxs_run(st))
			return fail(s, err, "cannot record a story merge");
		st = s->st[ST_MERGED];
		sqlite3_bind_int64(st, 1, into);
		sqlite3_bind_int64(st, 2, from);
		if (pxs_run(st))
			return fail(s, err, "cannot record a story merge");
		st = s->st[ST_MOVE];
		sqlite3_bind_int64(st, 1, into);
		sqlite3_bind_int64(st, 2, from);
		if (pxs_run(st))
			return fail(s, err, "cannot record a story merge");
	}
	s->merges_seen = nm;
	for (i = s->copies_seen; i < nc; i++) {
		int64_t a = art_of(s, c[i].a), b = art_of(s, c[i].b);
		char *json;
		size_t cap = 4 + c[i].npassages * 90, n = 0;

		if (!a || !b)
			continue;
		json = malloc(cap);
		if (!json)
			return PX_ENOMEM;
		json[n++] = '[';
		for (k = 0; k < c[i].npassages; k++)
			n += (size_t)snprintf(json + n, cap - n,
			                      "%s[%zu,%zu,%zu,%zu]",
			                      k ? "," : "",
			                      c[i].passages[k].a.start,
			                      c[i].passages[k].a.end,
			                      c[i].passages[k].b.start,
			                      c[i].passages[k].b.end);
		json[n++] = ']';
		st = s->st[ST_COPY];
		sqlite3_bind_int64(st, 1, a);
		sqlite3_bind_int64(st, 2, b);
		sqlite3_bind_double(st, 3, c[i].jaccard);
		if (c[i].source == SIZE_MAX)
			sqlite3_bind_null(st, 4);
		else
			sqlite3_bind_int64(st, 4, c[i].source == c[i].a ? a : b);
		sqlite3_bind_text(st, 5, json, (int)n, SQLITE_TRANSIENT);
		free(json);
		if (pxs_run(st))
			return fail(s, err, "cannot record a near-copy");
	}
	/* Written: the set need not keep them (else it holds every pair
	 * and merge of the run, and a run of syndicated news finds a pair
	 * for most articles). */
	pxi_stories_forget(s->set);
	s->merges_seen = s->copies_seen = 0;
	return PX_OK;
}

px_status px_store_doc_make(const px_article *a, px_store_doc **out)
{
	px_store_doc *d = calloc(1, sizeof(*d));
	px_status rc;

	*out = NULL;
	if (!d)
		return PX_ENOMEM;
	rc = pxi_doc_from_article(a, NULL, &d->d);
	if (rc) {
		free(d);
		return rc;
	}
	px_store_content_hash(a, d->hash);
	*out = d;
	return PX_OK;
}

void px_store_doc_free(px_store_doc *d)
{
	if (!d)
		return;
	pxi_doc_free(NULL, &d->d);
	free(d);
}

px_status pxs_story_begin(px_store *s, const px_article *a, int assign,
                          px_store_doc *doc, pxs_story *ps, px_error *err)
{
	double t0 = cpu_now();
	size_t sid = 0;
	px_status rc = PX_OK;

	memset(ps, 0, sizeof(*ps));
	if (doc) { /* taken: doc is left empty */
		ps->d = doc->d;
		memset(&doc->d, 0, sizeof(doc->d));
		doc->d.day = PXI_NO_DAY;
	} else {
		rc = pxi_doc_from_article(a, NULL, &ps->d);
	}
	if (!rc && assign && s->set) {
		rc = pxi_stories_add_doc(s->set, &ps->d, &ps->num, &sid);
		if (!rc)
			ps->added = 1;
		if (!rc)
			rc = story_row(s, sid, &ps->story, err);
	}
	s->story_secs += cpu_now() - t0;
	return rc;
}

px_status pxs_story_end(px_store *s, pxs_story *ps, int64_t id,
                        px_error *err)
{
	sqlite3_stmt *st = s->st[ST_DOC];
	double t0 = cpu_now();
	px_status rc = PX_OK;

	sqlite3_bind_int64(st, 1, id);
	if (ps->d.day == PXI_NO_DAY)
		sqlite3_bind_null(st, 2);
	else
		sqlite3_bind_int(st, 2, ps->d.day);
	sqlite3_bind_blob(st, 3, ps->d.keys,
	                  (int)(ps->d.nkeys * sizeof(*ps->d.keys)),
	                  SQLITE_STATIC);
	sqlite3_bind_blob(st, 4, ps->d.facts,
	                  (int)(ps->d.nfacts * sizeof(*ps->d.facts)),
	                  SQLITE_STATIC);
	if (pxs_run(st))
		rc = fail(s, err, "cannot store the story features");
	if (!rc && ps->added) {
		if (map_article(s, ps->num, id))
			rc = PX_ENOMEM;
		else
			rc = put_news(s, err);
	}
	s->story_secs += cpu_now() - t0;
	pxs_story_free(ps);
	return rc;
}

void pxs_story_free(pxs_story *ps)
{
	pxi_doc_free(NULL, &ps->d);
	ps->added = 0;
}

px_status pxs_put_analysis(px_store *s, const px_article *a, int64_t id,
                           px_error *err)
{
	size_t ne = 0;
	int64_t *canon;
	px_status rc;

	px_article_entities(a, &ne);
	canon = calloc(ne + 1, sizeof(*canon));
	if (!canon)
		return PX_ENOMEM;
	rc = put_entities(s, a, id, canon, err);
	if (!rc)
		rc = put_quotes(s, a, id, canon, err);
	free(canon);
	if (!rc)
		rc = put_facts(s, a, id, err);
	return rc;
}

/* Copy a blob of 64-bit hashes into a malloc'd array. */
static int blob_hashes(sqlite3_stmt *st, int c, uint64_t **out, size_t *n)
{
	size_t bytes = (size_t)sqlite3_column_bytes(st, c);
	const void *p = sqlite3_column_blob(st, c);

	*out = NULL;
	*n = bytes / sizeof(uint64_t);
	if (!*n)
		return 0;
	*out = malloc(*n * sizeof(uint64_t));
	if (!*out)
		return -1;
	memcpy(*out, p, *n * sizeof(uint64_t));
	return 0;
}

px_status px_store_stories_load(px_store *s, const px_stories_opts *o,
                                px_error *err)
{
	static const char sql[] =
		"SELECT a.id, a.story_id, d.day, d.keys, d.facts, "
		PXS_ARTICLE_COLS " FROM story_docs d JOIN articles a ON "
		"a.id = d.article WHERE a.story_id IS NOT NULL AND a.id >= "
		"coalesce((SELECT article FROM story_docs ORDER BY article "
		"DESC LIMIT 1 OFFSET ?1), 0) AND (d.day IS NULL OR ?2 < 0 OR "
		"d.day >= (SELECT max(day) FROM story_docs) - ?2) "
		"ORDER BY a.id";
	px_stories_opts so;
	px_options text_only;
	sqlite3_stmt *st = NULL;
	double window;
	px_status rc;
	int r;

	if (s->set)
		return PX_OK;
	memset(&so, 0, sizeof(so));
	memset(&text_only, 0, sizeof(text_only));
	text_only.flags = PX_OPT_TEXT_ONLY;
	if (o)
		so = *o;
	/* With late binding, the articles the set moves later get their
	 * new story (put_moves); the moves of the replay are of articles
	 * stored already, whose stored story stays theirs (below). */
	rc = px_stories_create(&so, &s->set);
	if (rc)
		return rc;
	window = so.window_days == 0 ? 3 : so.window_days;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL))
		return fail(s, err, "cannot read the stories");
	/* What the set would still hold: the newest max_live articles,
	 * dated within two windows of the newest day, or undated. */
	sqlite3_bind_int64(st, 1, (sqlite3_int64)(so.max_live ? so.max_live
	                                                     : 20000) - 1);
	sqlite3_bind_double(st, 2, window < 0 ? -1 : 2 * window);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		px_article *a = NULL;
		pxi_doc d;
		size_t num = 0, sid = 0;
		int64_t id = sqlite3_column_int64(st, 0);

		/* The words again from the text (the text stages only);
		 * keys and facts as stored. */
		rc = pxs_article_from_row(st, 5, &text_only, &a, err);
		if (rc)
			break;
		rc = pxi_doc_from_article(a, NULL, &d);
		px_article_free(a);
		if (rc)
			break;
		free(d.keys);
		free(d.facts);
		d.keys = d.facts = NULL;
		d.nkeys = d.nfacts = 0;
		if (blob_hashes(st, 3, &d.keys, &d.nkeys) ||
		    blob_hashes(st, 4, &d.facts, &d.nfacts))
			rc = PX_ENOMEM;
		d.day = sqlite3_column_type(st, 2) == SQLITE_NULL
		        ? PXI_NO_DAY : sqlite3_column_int(st, 2);
		if (!rc)
			rc = pxi_stories_add_doc(s->set, &d, &num, &sid);
		pxi_doc_free(NULL, &d);
		if (!rc && (map_article(s, num, id) ||
		            grow(&s->story_db, &s->capsd, sid)))
			rc = PX_ENOMEM;
		if (rc)
			break;
		/* The stored story stays the article's story: the set's
		 * story takes the first stored id it meets. */
		if (!s->story_db[sid])
			s->story_db[sid] = sqlite3_column_int64(st, 1);
		s->replayed++;
	}
	if (!rc && r != SQLITE_DONE)
		rc = fail(s, err, "cannot read the stories");
	sqlite3_finalize(st);
	if (rc) {
		px_stories_free(s->set);
		s->set = NULL;
		return rc;
	}
	/* What the replay found again is stored already. */
	pxi_stories_forget(s->set);
	s->merges_seen = s->copies_seen = 0;
	return PX_OK;
}

size_t px_store_stories_replayed(const px_store *s)
{
	return s->replayed;
}

double px_store_stories_secs(const px_store *s)
{
	return s->story_secs;
}

/* ---- Re-analysis -------------------------------------------------------- */

px_status px_store_reanalyzed(px_store *s, int64_t id, const px_article *a,
                              const char *json, size_t json_len, int gen,
                              px_error *err)
{
	const px_meta *m = px_article_meta(a);
	sqlite3_stmt *st = s->st[ST_REANALYZED];
	unsigned char *packed = NULL;
	size_t packed_len = 0;
	int i, has_story = 0;
	px_status rc;
	pxs_story ps;

	memset(&ps, 0, sizeof(ps));
	if (!m || !st)
		return PX_EINVAL;
	/* The full-text entry goes while the view still gives the title
	 * and sentences it was made from. */
	sqlite3_bind_int64(s->st[ST_FTS_DEL], 1, id);
	if (pxs_run(s->st[ST_FTS_DEL]))
		return fail(s, err, "cannot replace the full-text entry");
	rc = px_store_pack(json, json_len, &packed, &packed_len);
	if (rc)
		return rc;
	sqlite3_bind_blob64(st, 1, packed, packed_len, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, gen);
	pxs_bind_z(st, 3, m->title);
	pxs_bind_z(st, 4, m->edited);
	pxs_bind_z(st, 5, m->site);
	pxs_bind_z(st, 6, m->author);
	sqlite3_bind_int64(st, 7, id);
	sqlite3_bind_int64(st, 8, (sqlite3_int64)json_len);
	if (pxs_run(st) || sqlite3_changes(s->db) != 1) {
		free(packed);
		return fail(s, err, "cannot store the new analysis");
	}
	free(packed);
	for (i = ST_DEL_FIRST; i <= ST_DEL_LAST; i++) {
		sqlite3_bind_int64(s->st[i], 1, id);
		if (pxs_run(s->st[i]))
			return fail(s, err, "cannot replace the analysis");
	}
	st = s->st[ST_STORY_OF];
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		has_story = sqlite3_column_type(st, 0) != SQLITE_NULL;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	rc = pxs_put_rows(s, a, id, err);
	if (!rc)
		rc = pxs_put_analysis(s, a, id, err);
	if (!rc)
		rc = pxs_story_begin(s, a, !has_story, NULL, &ps, err);
	if (!rc && ps.added) {
		st = s->st[ST_SET_STORY];
		sqlite3_bind_int64(st, 1, ps.story);
		sqlite3_bind_int64(st, 2, id);
		if (pxs_run(st))
			rc = fail(s, err, "cannot store the story");
	}
	if (!rc)
		return pxs_story_end(s, &ps, id, err);
	pxs_story_free(&ps);
	return rc;
}

px_status px_store_reanalysis_gen(px_store *s, int *gen, px_error *err)
{
	sqlite3_stmt *st = NULL;
	int r;

	*gen = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT coalesce((SELECT value FROM "
	                       "store_meta WHERE key = 'reanalysis_gen'), "
	                       "(SELECT coalesce(max(analysis_gen), 0) + 1 "
	                       "FROM articles))", -1, &st, NULL))
		return fail(s, err, "cannot plan the re-analysis");
	r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		*gen = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (r != SQLITE_ROW)
		return fail(s, err, "cannot plan the re-analysis");
	if (sqlite3_prepare_v2(s->db, "INSERT OR IGNORE INTO store_meta(key, "
	                       "value) VALUES ('reanalysis_gen', ?)", -1, &st,
	                       NULL))
		return fail(s, err, "cannot plan the re-analysis");
	sqlite3_bind_int(st, 1, *gen);
	r = sqlite3_step(st);
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return fail(s, err, "cannot plan the re-analysis");
	return PX_OK;
}

px_status px_store_reanalysis_done(px_store *s, px_error *err)
{
	if (sqlite3_exec(s->db, "DELETE FROM store_meta WHERE key IN "
	                 "('reanalysis_gen', 'needs_reanalysis')", NULL, NULL,
	                 NULL))
		return fail(s, err, "cannot finish the re-analysis");
	return PX_OK;
}
