/*
 * cmd_export.c - parallax export: the stored corpus as JSON Lines (the
 * analysis of each stored article version), as CSV tables (articles,
 * sentences, residue; RFC 4180), or as a TSV in the column order of
 * GDELT GKG 2.1 (docs/internals/STORE.md says what fills each column).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dbcmd.h"

enum { FMT_JSONL, FMT_CSV, FMT_GKG };

/* A field quoted per RFC 4180 when it holds a comma, quote or newline. */
static void csv_field(FILE *f, const char *p, size_t n)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < n; i++)
		if (p[i] == ',' || p[i] == '"' || p[i] == '\n' || p[i] == '\r')
			break;
	if (i == n) {
		fwrite(p, 1, n, f);
		return;
	}
	fputc('"', f);
	for (i = 0; i < n; i++) {
		if (p[i] == '"')
			fputc('"', f);
		fputc(p[i], f);
	}
	fputc('"', f);
}

/* Write every row of sql as CSV, a header line first; -1 on failure. */
static int csv_table(sqlite3 *db, const char *sql, FILE *f)
{
	sqlite3_stmt *st = NULL;
	int i, ncol, rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL))
		return -1;
	ncol = sqlite3_column_count(st);
	for (i = 0; i < ncol; i++) {
		const char *z = sqlite3_column_name(st, i);

		if (i)
			fputc(',', f);
		csv_field(f, z, strlen(z));
	}
	fputs("\r\n", f);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < ncol; i++) {
			if (i)
				fputc(',', f);
			if (sqlite3_column_type(st, i) == SQLITE_NULL)
				continue;
			csv_field(f, (const char *)sqlite3_column_text(st, i),
			          (size_t)sqlite3_column_bytes(st, i));
		}
		fputs("\r\n", f);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static const char *const csv_tables[][2] = {
	{"articles.csv",
	 "SELECT id, ident, input, form, source, url, published, edited, "
	 "site, author, title, version, content_hash, bytes, ingested_at, "
	 "story_id FROM articles ORDER BY id"},
	{"sentences.csv",
	 "SELECT s.article, s.start, s.\"end\", s.heading, s.residue, "
	 "CAST(substr(CAST(a.text AS BLOB), s.start + 1, s.\"end\" - "
	 "s.start) AS TEXT) AS text FROM sentences s JOIN articles a ON "
	 "a.id = s.article ORDER BY s.article, s.start"},
	{"residue.csv",
	 "SELECT r.article, r.start, r.\"end\", r.kind, r.reason, "
	 "CAST(substr(CAST(a.text AS BLOB), r.start + 1, r.\"end\" - "
	 "r.start) AS TEXT) AS text FROM residue r JOIN articles a ON "
	 "a.id = r.article ORDER BY r.article, r.start"},
};

static int export_csv(sqlite3 *db, const char *dir)
{
	size_t i;

	if (mkdir(dir, 0777) && errno != EEXIST) {
		px_cli_err("cannot create directory %s: %s", dir,
		           strerror(errno));
		return PX_EXIT_SYSTEM;
	}
	for (i = 0; i < sizeof(csv_tables) / sizeof(csv_tables[0]); i++) {
		char path[4096];
		FILE *f;
		int bad;

		snprintf(path, sizeof(path), "%s/%s", dir, csv_tables[i][0]);
		f = fopen(path, "wb");
		if (!f) {
			px_cli_err("cannot write %s: %s", path,
			           strerror(errno));
			return PX_EXIT_SYSTEM;
		}
		bad = csv_table(db, csv_tables[i][1], f);
		if (fclose(f) || bad) {
			px_cli_err("cannot export %s: %s", path,
			           bad ? sqlite3_errmsg(db) : strerror(errno));
			return PX_EXIT_SYSTEM;
		}
	}
	return PX_EXIT_OK;
}

/* A GKG field: tabs and line breaks become spaces. */
static void tsv_field(FILE *f, const char *z)
{
	for (; z && *z; z++)
		fputc(*z == '\t' || *z == '\n' || *z == '\r' ? ' ' : *z, f);
}

/* XML text for the extras column, on one line. */
static void xml_text(FILE *f, const char *z)
{
	for (; z && *z; z++) {
		if (*z == '<')
			fputs("&lt;", f);
		else if (*z == '>')
			fputs("&gt;", f);
		else if (*z == '&')
			fputs("&amp;", f);
		else if (*z == '\t' || *z == '\n' || *z == '\r')
			fputc(' ', f);
		else
			fputc(*z, f);
	}
}

/*
 * GKG's DATE, YYYYMMDDHHMMSS, from an ISO 8601 date or date-time (the
 * publication date when it reads as one, else the ingest time); digits
 * of the time that are not there are zeros. 0 when z is not one.
 */
static int gkg_date(const char *z, char out[15])
{
	static const int at[14] = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15,
	                           17, 18};
	size_t n = z ? strlen(z) : 0;
	int i;

	if (n < 10 || z[4] != '-' || z[7] != '-')
		return 0;
	for (i = 0; i < 14; i++) {
		size_t k = (size_t)at[i];

		if (k < n && z[k] >= '0' && z[k] <= '9')
			out[i] = z[k];
		else if (i < 8)
			return 0;
		else
			out[i] = '0';
	}
	out[14] = '\0';
	return 1;
}

static const char gkg_sql[] =
	"SELECT a.id, a.published, a.ingested_at, a.url, a.ident, "
	"coalesce(s.domain, a.source), a.title, "
	"(SELECT json_extract(j.analysis, '$.stats.words') FROM "
	"article_json j WHERE j.id = a.id) "
	"FROM articles a LEFT JOIN sources s ON s.name = a.source "
	"WHERE NOT EXISTS (SELECT 1 FROM articles b WHERE b.url = a.url "
	"AND b.version > a.version) ORDER BY a.id";

/* Text inside a GKG block: tabs, line breaks and the delimiters ; , # |
 * become spaces. n < 0: up to the NUL. */
static void gkg_text(FILE *f, const char *z, int n)
{
	int i;

	for (i = 0; z && (n < 0 ? z[i] != '\0' : i < n); i++) {
		char c = z[i];

		fputc(c == '\t' || c == '\n' || c == '\r' || c == ';' ||
		      c == ',' || c == '#' || c == '|' ? ' ' : c, f);
	}
}

/* The per-article columns, one statement each, ?1 the article. */
enum { G_V1, G_V2, G_TONE, G_DATES, G_QUOTES, G_NAMES, G_AMOUNTS, G_N };

static const char *const gkg_part_sql[G_N] = {
	/* V1: distinct names of one type (?2), by first mention */
	"SELECT e.name FROM article_entities ae JOIN entities e ON e.id = "
	"ae.entity WHERE ae.article = ?1 AND e.type = ?2 GROUP BY e.id "
	"ORDER BY min((SELECT min(start) FROM mentions m WHERE m.article = "
	"ae.article AND m.n = ae.n))",
	/* V2: every mention of one type (?2), with its offset */
	"SELECT e.name, m.start FROM mentions m JOIN entities e ON e.id = "
	"m.entity WHERE m.article = ?1 AND e.type = ?2 ORDER BY m.start",
	/* the whole article's tone: both voices, weighted by words */
	"SELECT sum(tone * words) / sum(words), sum(positive * words) / "
	"sum(words), sum(negative * words) / sum(words), sum(polarity * "
	"words) / sum(words), sum(activity * words) / sum(words), "
	"sum(self_group * words) / sum(words), sum(words) FROM tone WHERE "
	"article = ?1 HAVING sum(words) > 0",
	"SELECT value, start FROM dates WHERE article = ?1 ORDER BY start",
	"SELECT start, \"end\" - start, verb, CAST(substr(CAST(a.text AS "
	"BLOB), q.start + 1, q.\"end\" - q.start) AS TEXT) FROM quotes q "
	"JOIN articles a ON a.id = q.article WHERE q.article = ?1 AND "
	"q.kind = 'direct' ORDER BY q.start",
	"SELECT e.name, m.start FROM mentions m JOIN entities e ON e.id = "
	"m.entity WHERE m.article = ?1 ORDER BY m.start",
	"SELECT m.value, CAST(substr(CAST(a.text AS BLOB), m.object_start + "
	"1, m.object_end - m.object_start) AS TEXT), m.start FROM amounts m "
	"JOIN articles a ON a.id = m.article WHERE m.article = ?1 ORDER BY "
	"m.start"
};

/* GKG date resolution and Month#Day#Year of an ISO value: 4 month and
 * day without year, 3 a full day, 2 month and year, 1 a year; 0 when the
 * value is none of those (weekdays, relative dates). */
static int gkg_date_res(const char *v, int *y, int *m, int *d)
{
	*y = *m = *d = 0;
	if (!v)
		return 0;
	if (sscanf(v, "--%2d-%2d", m, d) == 2 && v[0] == '-')
		return 4;
	if (strlen(v) >= 10 && sscanf(v, "%4d-%2d-%2d", y, m, d) == 3)
		return 3;
	if (strlen(v) == 7 && sscanf(v, "%4d-%2d", y, m) == 2)
		return 2;
	if (strlen(v) == 4 && sscanf(v, "%4d", y) == 1)
		return 1;
	return 0;
}

/* Columns 10-17 for article id: locations, persons, organizations,
 * tone, dates. */
static void gkg_entities(FILE *f, sqlite3_stmt **q, long long id)
{
	static const char *const types[3] = {"place", "person",
	                                     "organization"};
	int t, i;

	for (t = 0; t < 3; t++) {
		for (i = 0; i < 2; i++) {
			sqlite3_stmt *st = q[i ? G_V2 : G_V1];
			int n = 0;

			sqlite3_bind_int64(st, 1, id);
			sqlite3_bind_text(st, 2, types[t], -1, SQLITE_STATIC);
			while (sqlite3_step(st) == SQLITE_ROW) {
				const char *name =
					(const char *)sqlite3_column_text(st, 0);

				if (n++)
					fputc(';', f);
				if (t == 0)
					fputc('#', f); /* type: not geocoded */
				gkg_text(f, name, -1);
				if (t == 0)
					fputs(i ? "#######" : "#####", f);
				if (i)
					fprintf(f, "%s%lld", t ? "," : "",
					        sqlite3_column_int64(st, 1));
			}
			sqlite3_reset(st);
			fputc('\t', f);
		}
	}
	/* 16 V1.5TONE */
	sqlite3_bind_int64(q[G_TONE], 1, id);
	if (sqlite3_step(q[G_TONE]) == SQLITE_ROW)
		fprintf(f, "%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%lld",
		        sqlite3_column_double(q[G_TONE], 0),
		        sqlite3_column_double(q[G_TONE], 1),
		        sqlite3_column_double(q[G_TONE], 2),
		        sqlite3_column_double(q[G_TONE], 3),
		        sqlite3_column_double(q[G_TONE], 4),
		        sqlite3_column_double(q[G_TONE], 5),
		        sqlite3_column_int64(q[G_TONE], 6));
	sqlite3_reset(q[G_TONE]);
	fputc('\t', f);
	/* 17 V2.1ENHANCEDDATES */
	sqlite3_bind_int64(q[G_DATES], 1, id);
	for (i = 0; sqlite3_step(q[G_DATES]) == SQLITE_ROW;) {
		int y, m, d, res = gkg_date_res((const char *)
		                   sqlite3_column_text(q[G_DATES], 0), &y, &m,
		                   &d);

		if (!res)
			continue;
		fprintf(f, "%s%d#%d#%d#%d#%lld", i++ ? ";" : "", res, m, d, y,
		        sqlite3_column_int64(q[G_DATES], 1));
	}
	sqlite3_reset(q[G_DATES]);
}

/* Columns 23-25: quotations, all names, amounts. */
static void gkg_tail(FILE *f, sqlite3_stmt **q, long long id)
{
	sqlite3_stmt *st = q[G_QUOTES];
	int i = 0;

	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		/* blocks by '#', fields by '|': Offset|Length|Verb|Quote */
		fprintf(f, "%s%lld|%lld|", i++ ? "#" : "",
		        sqlite3_column_int64(st, 0),
		        sqlite3_column_int64(st, 1));
		gkg_text(f, (const char *)sqlite3_column_text(st, 2), -1);
		fputc('|', f);
		gkg_text(f, (const char *)sqlite3_column_text(st, 3), -1);
	}
	sqlite3_reset(st);
	fputc('\t', f);
	st = q[G_NAMES];
	sqlite3_bind_int64(st, 1, id);
	for (i = 0; sqlite3_step(st) == SQLITE_ROW; i++) {
		if (i)
			fputc(';', f);
		gkg_text(f, (const char *)sqlite3_column_text(st, 0), -1);
		fprintf(f, ",%lld", sqlite3_column_int64(st, 1));
	}
	sqlite3_reset(st);
	fputc('\t', f);
	st = q[G_AMOUNTS];
	sqlite3_bind_int64(st, 1, id);
	for (i = 0; sqlite3_step(st) == SQLITE_ROW; i++) {
		fprintf(f, "%s%.15g,", i ? ";" : "",
		        sqlite3_column_double(st, 0));
		gkg_text(f, (const char *)sqlite3_column_text(st, 1), -1);
		fprintf(f, ",%lld", sqlite3_column_int64(st, 2));
	}
	sqlite3_reset(st);
}

static int export_gkg(sqlite3 *db, FILE *f)
{
	sqlite3_stmt *st = NULL, *q[G_N];
	int rc = SQLITE_ERROR, i;

	memset(q, 0, sizeof(q));
	for (i = 0; i < G_N; i++)
		if (sqlite3_prepare_v2(db, gkg_part_sql[i], -1, &q[i], NULL))
			goto out;
	if (sqlite3_prepare_v2(db, gkg_sql, -1, &st, NULL))
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char date[15];
		const char *url = (const char *)sqlite3_column_text(st, 3);
		long long id = sqlite3_column_int64(st, 0);

		if (!gkg_date((const char *)sqlite3_column_text(st, 1), date) &&
		    !gkg_date((const char *)sqlite3_column_text(st, 2), date))
			memcpy(date, "00000000000000", 15);
		/* 1 GKGRECORDID, 2 DATE, 3 SOURCECOLLECTIONIDENTIFIER */
		fprintf(f, "%s-%lld\t%s\t%d\t", date, id, date, url ? 1 : 2);
		/* 4 SOURCECOMMONNAME, 5 DOCUMENTIDENTIFIER */
		tsv_field(f, (const char *)sqlite3_column_text(st, 5));
		fputc('\t', f);
		tsv_field(f, url ? url : (const char *)sqlite3_column_text(st,
		                                                            4));
		/* 6 COUNTS .. 9 ENHANCEDTHEMES: not extracted */
		fputs("\t\t\t\t\t", f);
		/* 10 LOCATIONS .. 17 ENHANCEDDATES */
		gkg_entities(f, q, id);
		fputc('\t', f);
		/* 18 GCAM: the word count, as GDELT's "wc:" */
		if (sqlite3_column_type(st, 7) != SQLITE_NULL)
			fprintf(f, "wc:%lld", sqlite3_column_int64(st, 7));
		/* 19 SHARINGIMAGE .. 22 SOCIALVIDEOEMBEDS: empty */
		fputs("\t\t\t\t\t", f);
		/* 23 QUOTATIONS, 24 ALLNAMES, 25 AMOUNTS */
		gkg_tail(f, q, id);
		/* 26 TRANSLATIONINFO: empty; 27 EXTRASXML */
		fputs("\t\t", f);
		if (sqlite3_column_type(st, 6) != SQLITE_NULL) {
			fputs("<PAGE_TITLE>", f);
			xml_text(f, (const char *)sqlite3_column_text(st, 6));
			fputs("</PAGE_TITLE>", f);
		}
		fputc('\n', f);
	}
out:
	for (i = 0; i < G_N; i++)
		sqlite3_finalize(q[i]);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int export_jsonl(sqlite3 *db, FILE *f)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(db, "SELECT analysis FROM article_json ORDER BY id",
	                       -1, &st, NULL))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		fwrite(sqlite3_column_blob(st, 0), 1,
		       (size_t)sqlite3_column_bytes(st, 0), f);
		fputc('\n', f);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int cmd_export(int argc, char **argv)
{
	const char *db = PX_DEFAULT_DB, *out = NULL;
	int fmt = -1, i, st, bad;
	px_store *s = NULL;
	FILE *f = stdout;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			px_cli_help(stdout, "export");
			return PX_EXIT_OK;
		} else if (!strcmp(a, "--format")) {
			if (v && !strcmp(v, "jsonl"))
				fmt = FMT_JSONL;
			else if (v && !strcmp(v, "csv"))
				fmt = FMT_CSV;
			else if (v && !strcmp(v, "gkg"))
				fmt = FMT_GKG;
			else
				return px_cli_usage("export", "--format takes "
				                    "jsonl, csv or gkg, not '%s'",
				                    v ? v : "");
			i++;
		} else if (!strcmp(a, "--db") || !strcmp(a, "--out")) {
			if (!v)
				return px_cli_usage("export", "%s needs a path",
				                    a);
			if (!strcmp(a, "--db"))
				db = v;
			else
				out = v;
			i++;
		} else {
			return px_cli_usage("export", "unknown argument '%s'",
			                    a);
		}
	}
	if (fmt < 0)
		return px_cli_usage("export", "export needs --format jsonl, csv "
		                    "or gkg");
	if (fmt == FMT_CSV && !out)
		return px_cli_usage("export", "--format csv writes three files: "
		                    "give a directory with --out");
	st = px_cli_store(db, 0, &s);
	if (st)
		return st;
	if (fmt == FMT_CSV) {
		st = export_csv(px_store_db(s), out);
		px_store_close(s);
		return st;
	}
	if (out && strcmp(out, "-")) {
		f = fopen(out, "wb");
		if (!f) {
			px_cli_err("cannot write %s: %s", out, strerror(errno));
			px_store_close(s);
			return PX_EXIT_SYSTEM;
		}
	}
	bad = fmt == FMT_GKG ? export_gkg(px_store_db(s), f)
	                     : export_jsonl(px_store_db(s), f);
	if (bad)
		px_cli_err("cannot export: %s", sqlite3_errmsg(px_store_db(s)));
	if ((f != stdout ? fclose(f) : fflush(f)) && !bad) {
		px_cli_err("cannot write %s: %s", out ? out : "output",
		           strerror(errno));
		bad = 1;
	}
	px_store_close(s);
	return bad ? PX_EXIT_SYSTEM : PX_EXIT_OK;
}
