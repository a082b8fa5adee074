/*
 * test_store.c - the corpus store (store/) and its commands: schema
 * migrations from a hand-made version 1 database, idempotent ingest,
 * versions and diff, bad records in the errors table, --strict, search
 * with snippets, offsets and filters, the export formats parsed back,
 * and "nothing lost": an ingest killed with SIGKILL at random points,
 * after which the database is intact, holds no half-stored article, and
 * a re-run completes without duplicates.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../test.h"
#include "store_int.h"

#define DIR "build/test-store"

static const char *bin(void)
{
	const char *z = getenv("PX_BIN");

	return z ? z : "build/parallax";
}

/* Remove a database and its WAL and shared-memory files. */
static void rm_db(const char *path)
{
	char z[512];

	unlink(path);
	snprintf(z, sizeof(z), "%s-wal", path);
	unlink(z);
	snprintf(z, sizeof(z), "%s-shm", path);
	unlink(z);
}

/* Why the last qs() failed. */
static char last_err[256];

/* One integer from a query on db at path; -1 on any failure. */
static long long q1(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long long v = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == 0 &&
	    sqlite3_busy_timeout(db, 5000) == 0 &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == 0 &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* The first column of the first row, as text (malloc'd) or NULL. */
static char *qs(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	char *z = NULL;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == 0 &&
	    sqlite3_busy_timeout(db, 5000) == 0 &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == 0 &&
	    sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		z = strdup((const char *)sqlite3_column_text(st, 0));
	if (!z)
		snprintf(last_err, sizeof(last_err), "%s",
		         db ? sqlite3_errmsg(db) : "out of memory");
	sqlite3_finalize(st);
	sqlite3_close(db);
	return z;
}

static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Run `parallax ARGS` (printf-style), discarding the output. */
static int run(const char *fmt, ...)
{
	char args[2048], cmd[2600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof(cmd), "%s %s", bin(), args);
	return t_run(cmd, NULL, NULL);
}

static void write_file(const char *path, const char *z)
{
	FILE *f = fopen(path, "wb");

	if (f) {
		fputs(z, f);
		fclose(f);
	}
}

/* A version 1 database made by hand, opened by the new code. */
static void migrations(void)
{
	const char *path = DIR "/v1.db";
	sqlite3 *db = NULL;
	px_store *s = NULL;
	px_error err;
	char *z;

	rm_db(path);
	CHECK(sqlite3_open(path, &db) == 0, "create %s", path);
	CHECK(pxs_migrations[0].version == 1, "first migration is v1");
	CHECK(sqlite3_exec(db, pxs_migrations[0].sql, NULL, NULL, NULL) == 0,
	      "v1 schema: %s", sqlite3_errmsg(db));
	CHECK(sqlite3_exec(db,
	      "INSERT INTO schema_migrations VALUES (1, 'v1', 'then');"
	      "INSERT INTO articles(id, ident, input, form, source, url, "
	      "title, content_hash, bytes, text, analysis, ingested_at) "
	      "VALUES (1, 'old', 'old.txt', 'text', 'Old Wire', "
	      "'http://old/1', 'Granary fire', '0', 40, "
	      "'Granary fire\n\nThe granary burned twice.', "
	      "'{\"stats\":{\"sentences\":2}}', 'then');"
	      "INSERT INTO sentences VALUES (1, 0, 12, 1, 0);"
	      "INSERT INTO sentences VALUES (1, 14, 40, 0, 0);"
	      "PRAGMA user_version = 1;", NULL, NULL, NULL) == 0,
	      "v1 rows: %s", sqlite3_errmsg(db));
	sqlite3_close(db);
	CHECK(px_store_open(path, 0, &s, &err) == PX_OK, "open v1: %s",
	      err.msg);
	if (s) {
		CHECK(px_store_user_version(s) == PX_STORE_SCHEMA_VERSION,
		      "upgraded to %d", px_store_user_version(s));
		px_store_close(s);
	}
	CHECK(q1(path, "SELECT count(*) FROM schema_migrations") ==
	      PX_STORE_SCHEMA_VERSION, "one row per migration");
	CHECK(q1(path, "SELECT count(story_id) FROM articles") == 0,
	      "story_id added, NULL");
	CHECK(q1(path, "SELECT count(*) FROM sources WHERE name = "
	         "'Old Wire'") == 1, "sources filled from old articles");
	z = qs(path, "SELECT body FROM articles_fts WHERE articles_fts "
	       "MATCH 'burned'");
	CHECK(z && !strcmp(z, "Granary fire\nThe granary burned twice."),
	      "old article indexed: %s", z ? z : "(none)");
	free(z);
	CHECK(q1(path, "PRAGMA journal_mode = WAL") >= -1 &&
	      (z = qs(path, "PRAGMA journal_mode")) && !strcmp(z, "wal"),
	      "WAL mode");
	free(z);
	/* The upgraded database takes new articles through the CLI too. */
	CHECK(run("ingest --db %s examples/01_meridianwire_dolgovets-"
	          "strike-second-week.txt", path) == 0, "ingest into v1");
	CHECK(q1(path, "SELECT count(*) FROM articles") == 2, "two articles");
	/* A newer database, and one that is not ours, are refused. */
	CHECK(q1(path, "PRAGMA user_version = 99") == -1 &&
	      px_store_open(path, 0, &s, &err) == PX_ESTORE &&
	      strstr(err.msg, "version 99"), "newer refused: %s", err.msg);
	rm_db(DIR "/foreign.db");
	CHECK(sqlite3_open(DIR "/foreign.db", &db) == 0 &&
	      sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL) == 0,
	      "foreign db");
	sqlite3_close(db);
	CHECK(px_store_open(DIR "/foreign.db", 0, &s, &err) == PX_ESTORE &&
	      strstr(err.msg, "not a Parallax database"), "foreign: %s",
	      err.msg);
	CHECK(px_store_open(DIR "/missing.db", 0, &s, &err) == PX_ESTORE &&
	      strstr(err.msg, "parallax ingest"), "missing: %s", err.msg);
}

static void idempotent(void)
{
	const char *db = DIR "/ex.db";
	char cmd[512], *out = NULL, *err = NULL;
	long long n;

	rm_db(db);
	CHECK(run("ingest --db %s -j 2 examples", db) == 0, "ingest");
	n = q1(db, "SELECT count(*) FROM articles");
	CHECK(n == 15, "15 articles, got %lld", n);
	snprintf(cmd, sizeof(cmd), "%s ingest --db %s -j 1 examples", bin(),
	         db);
	CHECK(t_run(cmd, &out, &err) == 0, "ingest again");
	CHECK(out && !out[0] && err && !err[0], "quiet when not a terminal: "
	      "%s %s", out ? out : "", err ? err : "");
	free(out);
	free(err);
	CHECK(q1(db, "SELECT count(*) FROM articles") == 15, "still 15");
	CHECK(q1(db, "SELECT count(*) FROM articles a WHERE (SELECT count(*)"
	         " FROM sentences s WHERE s.article = a.id) != json_extract("
	         "a.analysis, '$.stats.sentences')") == 0,
	      "sentence rows match the analysis");
	CHECK(q1(db, "SELECT count(*) FROM articles_fts") == 15, "indexed");
	CHECK(q1(db, "SELECT count(*) FROM residue") > 0, "residue rows");
	/* The stored analysis is what `analyze` prints. */
	snprintf(cmd, sizeof(cmd), "%s analyze examples/03_dta_zhekov-door-"
	         "open-port-workers.txt", bin());
	CHECK(t_run(cmd, &out, NULL) == 0, "analyze");
	err = qs(db, "SELECT analysis FROM articles WHERE input LIKE "
	         "'%03_dta%'");
	CHECK(out && err && strlen(out) == strlen(err) + 1 &&
	      !strncmp(out, err, strlen(err)), "stored JSON = analyze JSON");
	free(out);
	free(err);
	/* show re-analyzes: the text view of analyze --format text */
	snprintf(cmd, sizeof(cmd), "%s show --db %s 3", bin(), db);
	CHECK(t_run(cmd, &out, NULL) == 0 && strstr(out, "version 1 of 1") &&
	      strstr(out, "no clustering has run yet") &&
	      strstr(out, "sentences:\n  [") , "show: %s", out);
	free(out);
	snprintf(cmd, sizeof(cmd), "%s stories --db %s", bin(), db);
	CHECK(t_run(cmd, &out, NULL) == 0 &&
	      strstr(out, "no clustering has run yet"), "stories: %s", out);
	free(out);
	snprintf(cmd, sizeof(cmd), "%s stats --db %s --format json", bin(),
	         db);
	CHECK(t_run(cmd, &out, NULL) == 0 &&
	      strstr(out, "\"articles\":15,\"versions\":15"), "stats: %s", out);
	free(out);
	/* sources: added by ingest, edited by the analyst */
	CHECK(run("sources set 'Meridian Wire' --type wire --country DV "
	          "--db %s", db) == 0, "sources set");
	CHECK(run("sources set 'Meridian Wire' --type blog --db %s", db) == 1,
	      "bad type refused");
	CHECK(q1(db, "SELECT count(*) FROM sources WHERE name = 'Meridian "
	         "Wire' AND type = 'wire' AND country = 'DV' AND domain = "
	         "'meridianwire.com'") == 1, "source edited");
}

static void versions(void)
{
	const char *db = DIR "/ver.db";
	char cmd[512], *out = NULL;

	rm_db(db);
	write_file(DIR "/v1.jsonl",
	           "{\"id\":\"a1\",\"url\":\"http://x/a\",\"source\":\"X\","
	           "\"published\":\"2025-01-01\",\"title\":\"Dam holds\","
	           "\"text\":\"The dam held overnight.\\nEngineers said it "
	           "was safe.\\nResidents returned.\"}\n"
	           "{\"id\":\"n1\",\"text\":\"No address here. Only text.\"}\n");
	write_file(DIR "/v2.jsonl",
	           "{\"id\":\"a1\",\"url\":\"http://x/a\",\"source\":\"X\","
	           "\"published\":\"2025-01-02\",\"title\":\"Dam holds\","
	           "\"text\":\"The dam held overnight.\\nEngineers said it "
	           "was not safe.\\nResidents returned.\"}\n"
	           "{\"id\":\"n2\",\"text\":\"No  address here.\\n Only "
	           "text.\"}\n"
	           "{\"id\":\"a1\",\"url\":\"http://x/a\",\"source\":\"X\","
	           "\"title\":\"Dam holds\",\"text\":\"The dam  held "
	           "overnight.\\nEngineers said it was not safe.\\n"
	           "Residents returned.\"}\n");
	CHECK(run("ingest --db %s %s/v1.jsonl", db, DIR) == 0, "v1");
	CHECK(run("ingest --db %s %s/v2.jsonl", db, DIR) == 0, "v2");
	CHECK(q1(db, "SELECT count(*) FROM articles") == 3,
	      "a1 twice (edited), n1 once (n2 same content), white space "
	      "alone no new version");
	CHECK(q1(db, "SELECT max(version) FROM articles WHERE url = "
	         "'http://x/a'") == 2, "version 2");
	snprintf(cmd, sizeof(cmd), "%s diff --db %s a1", bin(), db);
	CHECK(t_run(cmd, &out, NULL) == 0 && strstr(out, "--- version 1") &&
	      strstr(out, "+++ version 2") &&
	      strstr(out, "-Engineers said it was safe.\n") &&
	      strstr(out, "+Engineers said it was not safe.\n") &&
	      strstr(out, " The dam held overnight.\n") &&
	      strstr(out, "published 2025-01-02"), "diff: %s", out);
	free(out);
	snprintf(cmd, sizeof(cmd), "%s diff --db %s n1", bin(), db);
	CHECK(t_run(cmd, &out, NULL) == 0 && strstr(out, "one version"),
	      "diff of one version: %s", out);
	free(out);
	snprintf(cmd, sizeof(cmd), "%s search --db %s safe", bin(), db);
	CHECK(t_run(cmd, &out, NULL) == 0 && strstr(out, "\tv2\t") &&
	      !strstr(out, "\tv1\t"), "search: latest version only: %s", out);
	free(out);
}

/* Bad records: reported, recorded with place, good ones stored. */
static void bad_records(void)
{
	const char *db = DIR "/bad.db";
	char cmd[512], *err = NULL;

	rm_db(db);
	snprintf(cmd, sizeof(cmd), "%s ingest --db %s tests/bad/malformed."
	         "jsonl tests/bad/invalid-utf8.txt examples/01_meridianwire_"
	         "dolgovets-strike-second-week.txt", bin(), db);
	CHECK(t_run(cmd, NULL, &err) == 1, "exit 1 on bad records");
	CHECK(err && strstr(err, "(line 2) in tests/bad/malformed.jsonl") &&
	      strstr(err, "invalid UTF-8 at byte 50 (line 2) in "
	             "tests/bad/invalid-utf8.txt"), "stderr: %s", err);
	free(err);
	CHECK(q1(db, "SELECT count(*) FROM articles") == 3,
	      "two good records of malformed.jsonl and the example");
	CHECK(q1(db, "SELECT count(*) FROM errors WHERE input = "
	         "'tests/bad/malformed.jsonl' AND line = 2") == 1,
	      "malformed line recorded");
	CHECK(q1(db, "SELECT count(*) FROM errors WHERE input = "
	         "'tests/bad/invalid-utf8.txt' AND line = 2 AND offset = 50 "
	         "AND message LIKE 'invalid UTF-8%'") == 1,
	      "invalid UTF-8 recorded with line and offset");
	/* again: the same errors are not recorded twice */
	CHECK(run("ingest --db %s tests/bad/malformed.jsonl", db) == 1,
	      "again");
	CHECK(q1(db, "SELECT count(*) FROM errors") == 2, "errors once");
	/* --strict: stops at the first; what came before is kept */
	rm_db(db);
	CHECK(run("ingest --db %s --strict examples/01_meridianwire_"
	          "dolgovets-strike-second-week.txt tests/bad/nul.txt "
	          "examples/02_coastlineherald_dolgovets-strike-ships-queue."
	          "txt", db) == 1, "--strict exit 1");
	CHECK(q1(db, "SELECT count(*) FROM articles") == 1 &&
	      q1(db, "SELECT count(*) FROM errors") == 1,
	      "--strict: one stored, one error, nothing after");
	CHECK(run("ingest --db %s --bogus", db) == 2, "usage error");
}

static void search(void)
{
	const char *db = DIR "/ex.db";
	char cmd[512], *out = NULL, *err = NULL, *p;
	int n = 0;

	snprintf(cmd, sizeof(cmd), "%s search --db %s --format json "
	         "--limit 50 dockworkers", bin(), db);
	CHECK(t_run(cmd, &out, NULL) == 0, "search");
	/* every hit's sentence offsets hold the word */
	for (p = out; p && (p = strstr(p, "{\"id\":")); p++) {
		long long id = strtoll(p + 6, NULL, 10), s = -1, e = -1;
		char *sen = strstr(p, "\"sentence\":{\"start\":"), sql[256], *t;

		n++;
		if (!sen)
			continue; /* a title match */
		s = strtoll(sen + 20, &t, 10);
		e = strtoll(strstr(t, ":") + 1, NULL, 10);
		snprintf(sql, sizeof(sql), "SELECT CAST(substr(CAST(text AS "
		         "BLOB), %lld, %lld) AS TEXT) FROM articles WHERE id = "
		         "%lld", s + 1, e - s, id);
		t = qs(db, sql);
		CHECK(t && (strstr(t, "ockworkers") || strstr(t, "OCKWORKERS")),
		      "article %lld [%lld-%lld] = %s", id, s, e, t ? t : "");
		free(t);
	}
	CHECK(n >= 3 && out && (strstr(out, "[dockworkers]") ||
	      strstr(out, "[Dockworkers]")), "hits %d with snippets: %s", n,
	      out);
	free(out);
	snprintf(cmd, sizeof(cmd), "%s search --db %s --source 'Meridian "
	         "Wire' --since 2025-03-10 --until 2025-03-10 strike", bin(),
	         db);
	CHECK(t_run(cmd, &out, NULL) == 0 && strstr(out, "Meridian Wire") &&
	      !strstr(out, "Coastline") && !strstr(out, "2025-03-11"),
	      "filters: %s", out);
	free(out);
	snprintf(cmd, sizeof(cmd), "%s search --db %s --story 7 strike",
	         bin(), db);
	CHECK(t_run(cmd, &out, &err) == 1 && err && strstr(err, "no articles"),
	      "no story yet: %s", out);
	free(out);
	free(err);
	snprintf(cmd, sizeof(cmd), "%s search --db %s --entity Zhekov strike",
	         bin(), db);
	CHECK(t_run(cmd, NULL, &err) == 1 && err &&
	      strstr(err, "entities are not extracted"), "--entity: %s", err);
	free(err);
	snprintf(cmd, sizeof(cmd), "%s search --db %s 'port-strike \"'", bin(),
	         db);
	CHECK(t_run(cmd, &out, NULL) == 0, "unparsable query searched as "
	      "words: %s", out);
	free(out);
}

/* Split one CSV record (RFC 4180) at *pp into f[]; the count. */
static int csv_record(char **pp, char **f, int max)
{
	char *p = *pp, *w;
	int n = 0;

	for (;;) {
		if (n == max)
			return -1;
		f[n++] = w = p;
		if (*p == '"') {
			p++;
			for (;;) {
				if (!*p)
					return -1;
				if (*p == '"' && p[1] == '"') {
					*w++ = '"';
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else {
					*w++ = *p++;
				}
			}
		} else {
			while (*p && *p != ',' && *p != '\r')
				*w++ = *p++;
		}
		if (*p == ',') {
			*w = '\0';
			p++;
			continue;
		}
		if (p[0] != '\r' || p[1] != '\n')
			return -1;
		*w = '\0';
		*pp = p + 2;
		return n;
	}
}

static void export(void)
{
	const char *db = DIR "/ex.db";
	char cmd[512], *out = NULL, *csv, *p, *f[32];
	int rows = 0, ok = 1, n, lines = 0;

	snprintf(cmd, sizeof(cmd), "%s export --db %s --format jsonl", bin(),
	         db);
	CHECK(t_run(cmd, &out, NULL) == 0, "jsonl");
	for (p = out; p && *p; p++)
		lines += *p == '\n';
	CHECK(lines == 15 && out[0] == '{', "15 JSON lines");
	free(out);
	CHECK(run("export --db %s --format csv --out %s/csv", db, DIR) == 0,
	      "csv");
	csv = t_read_file(DIR "/csv/sentences.csv", NULL);
	CHECK(csv != NULL, "sentences.csv");
	for (p = csv; p && *p; rows++) {
		n = csv_record(&p, f, 32);
		if (n != 6) {
			ok = 0;
			break;
		}
		if (rows && !strcmp(f[4], "0"))
			ok &= strlen(f[5]) == (size_t)(strtol(f[2], NULL, 10) -
			                               strtol(f[1], NULL, 10));
	}
	CHECK(ok && rows == 351, "sentences.csv parses: %d rows", rows);
	free(csv);
	csv = t_read_file(DIR "/csv/articles.csv", NULL);
	rows = 0;
	ok = 1;
	for (p = csv; p && *p; rows++)
		if (csv_record(&p, f, 32) != 16)
			ok = 0;
	CHECK(ok && rows == 16, "articles.csv: %d rows", rows);
	free(csv);
	CHECK(access(DIR "/csv/residue.csv", R_OK) == 0, "residue.csv");
	snprintf(cmd, sizeof(cmd), "%s export --db %s --format gkg", bin(),
	         db);
	CHECK(t_run(cmd, &out, NULL) == 0, "gkg");
	lines = 0;
	ok = 1;
	for (p = out; p && *p; lines++) {
		int tabs = 0;

		for (; *p && *p != '\n'; p++)
			tabs += *p == '\t';
		ok &= tabs == 26;
		if (*p)
			p++;
	}
	CHECK(ok && lines == 15, "gkg: 15 rows of 27 columns");
	CHECK(out && strstr(out, "20250310000000-1\t20250310000000\t1\t"
	                    "meridianwire.com\thttps://www.meridianwire.com/")
	      && strstr(out, "<PAGE_TITLE>") && strstr(out, "\twc:"),
	      "gkg fields: %.300s", out ? out : "");
	free(out);
}

/* ---- Nothing lost -------------------------------------------------- */

#define KILL_RECORDS 400
#define KILLS 50

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Start `parallax ingest` on the synthetic corpus; its pid. */
static pid_t spawn(const char *db, const char *jsonl)
{
	pid_t pid = fork();

	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);

		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execl(bin(), "parallax", "ingest", "--db", db, "--batch", "16",
		      "-j", "2", jsonl, (char *)NULL);
		_exit(127);
	}
	return pid;
}

/* Intact, and no article half-stored. 0 when all holds. */
static int intact(const char *db, long long *articles)
{
	char *ok = qs(db, "PRAGMA integrity_check");
	int bad = !ok || strcmp(ok, "ok");

	CHECK(!bad, "integrity_check: %s", ok ? ok : last_err);
	free(ok);
	*articles = 0;
	if (q1(db, "PRAGMA user_version") < PX_STORE_SCHEMA_VERSION)
		return bad; /* killed before the schema was made */
	*articles = q1(db, "SELECT count(*) FROM articles");
	if (q1(db, "SELECT count(*) FROM articles a WHERE (SELECT count(*) "
	       "FROM sentences s WHERE s.article = a.id) != json_extract("
	       "a.analysis, '$.stats.sentences') OR a.id NOT IN (SELECT "
	       "rowid FROM articles_fts)") != 0) {
		CHECK(0, "half-stored articles in %s", db);
		bad = 1;
	}
	if (q1(db, "SELECT count(*) - count(DISTINCT content_hash) FROM "
	       "articles") != 0) {
		CHECK(0, "duplicates in %s", db);
		bad = 1;
	}
	return bad;
}

static void nothing_lost(void)
{
	const char *db = DIR "/kill.db", *jsonl = DIR "/kill.jsonl";
	const char *env = getenv("PX_SEED");
	unsigned seed = env ? (unsigned)strtoul(env, NULL, 10)
	                    : (unsigned)time(NULL) ^ (unsigned)getpid();
	FILE *f = fopen(jsonl, "wb");
	double t0, full;
	long long want, n;
	int i, partial = 0, fails = px_test_failed, st;

	CHECK(f != NULL, "%s", jsonl);
	if (!f)
		return;
	for (i = 0; i < KILL_RECORDS; i++) {
		char url[64] = "";

		if (i % 7) /* one in seven without URL: deduped by content */
			snprintf(url, sizeof(url), "\"url\":\"https://wire."
			         "example/%d\",", i);
		if (i == 97 || i == 251) {
			fputs("{\"text\": broken\n", f); /* two bad records */
			continue;
		}
		fprintf(f, "{\"id\":\"k%d\",%s\"source\":\"Wire %d\","
		        "\"published\":\"2025-02-%02d\",\"title\":\"Report "
		        "%d on the harbour\",\"text\":\"Report %d: the harbour "
		        "authority said on Monday that %d ships waited. "
		        "Officials did not comment.\\n\\nTalks resume on day %d, "
		        "the union said. Nothing else changed.\"}\n", i,
		        url, i % 5, i % 28 + 1, i, i, i * 3, i % 11);
	}
	fclose(f);
	/* One full run: the expected count and the time it takes. */
	rm_db(db);
	t0 = now();
	st = run("ingest --db %s --batch 16 -j 2 %s", db, jsonl);
	full = now() - t0;
	want = q1(db, "SELECT count(*) FROM articles");
	CHECK(st == 1 && want == KILL_RECORDS - 2, "full run: exit %d, %lld "
	      "articles", st, want);
	srand(seed);
	for (i = 0; i < KILLS; i++) {
		pid_t pid;
		useconds_t delay = (useconds_t)((double)rand() / RAND_MAX *
		                                full * 1e6);

		/* in threes: a fresh database killed, the same killed
		 * again while it resumes, then run to completion */
		if (i % 3 == 0)
			rm_db(db);
		pid = spawn(db, jsonl);
		if (pid < 0) {
			CHECK(0, "fork");
			break;
		}
		usleep(delay);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		if (access(db, F_OK))
			continue; /* killed before it made the file */
		intact(db, &n);
		partial += n > 0 && n < want;
		if (i % 3 == 2) {
			st = run("ingest --db %s --batch 16 %s", db, jsonl);
			CHECK(st == 1, "re-run exit %d", st);
			intact(db, &n);
			CHECK(n == want, "re-run: %lld articles, want %lld", n,
			      want);
			CHECK(q1(db, "SELECT count(*) FROM errors") == 2,
			      "two errors recorded once");
		}
	}
	CHECK(partial >= 5, "kills that landed mid-ingest: %d of %d", partial,
	      KILLS);
	if (px_test_failed != fails)
		fprintf(stderr, "nothing_lost: PX_SEED=%u reproduces\n", seed);
	printf("store: %d kills (%d mid-ingest), full run %.2f s\n", KILLS,
	       partial, full);
}

/* Each store command's docs/options page is its --help, options and
 * all. */
static void help(void)
{
	static const char *const cmds[] = {"ingest", "search", "show", "diff",
	                                   "stats", "stories", "export",
	                                   "sources", NULL};
	int i;

	for (i = 0; cmds[i]; i++) {
		char path[256], cmd[256], *doc, *out = NULL, *line, *save;

		snprintf(path, sizeof(path), "docs/options/%s.md", cmds[i]);
		doc = t_read_file(path, NULL);
		CHECK(doc != NULL, "%s", path);
		snprintf(cmd, sizeof(cmd), "%s %s --help", bin(), cmds[i]);
		CHECK(t_run(cmd, &out, NULL) == 0, "%s", cmd);
		for (line = doc ? strtok_r(doc, "\n", &save) : NULL; line;
		     line = strtok_r(NULL, "\n", &save))
			if (!strncmp(line, "### ", 4))
				CHECK(out && strstr(out, line + 4),
				      "%s --help lacks '%s'", cmds[i], line + 4);
		free(out);
		free(doc);
	}
}

int test_store(void)
{
	mkdir("build", 0777);
	mkdir(DIR, 0777);
	help();
	migrations();
	idempotent();
	versions();
	bad_records();
	search();
	export();
	nothing_lost();
	return 0;
}
