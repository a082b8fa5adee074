/*
 * cmd_sources.c - parallax sources: the outlets table the analyst edits
 * (name, domain, country, type, owner). Ingest adds each new source name
 * with the domain of its first URL; `sources set` fills in the rest.
 */
#include <string.h>

#include "dbcmd.h"

static const char *const fields[] = {"domain", "country", "type", "owner"};
#define NFIELDS 4

static int list(px_store *s, int json)
{
	sqlite3_stmt *st = NULL;
	int i;

	if (sqlite3_prepare_v2(px_store_db(s), "SELECT name, domain, country, "
	                       "type, owner, (SELECT count(*) FROM articles a "
	                       "WHERE a.source = s.name) FROM sources s ORDER "
	                       "BY name", -1, &st, NULL)) {
		px_cli_err("cannot read sources: %s",
		           sqlite3_errmsg(px_store_db(s)));
		return PX_EXIT_SYSTEM;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (json) {
			fputs("{\"name\":", stdout);
			px_cli_json_str(stdout,
			                (const char *)sqlite3_column_text(st, 0));
			for (i = 0; i < NFIELDS; i++) {
				printf(",\"%s\":", fields[i]);
				px_cli_json_str(stdout, (const char *)
				                sqlite3_column_text(st, i + 1));
			}
			printf(",\"articles\":%d}\n", sqlite3_column_int(st, 5));
			continue;
		}
		for (i = 0; i < 5; i++) {
			const char *z = (const char *)sqlite3_column_text(st, i);

			printf("%s%s", i ? "\t" : "", z ? z : "-");
		}
		printf("\t%d articles\n", sqlite3_column_int(st, 5));
	}
	sqlite3_finalize(st);
	return PX_EXIT_OK;
}

/* sources set NAME [--domain D] [--country C] [--type T] [--owner O] */
static int set(px_store *s, const char *name, const char *const *val)
{
	sqlite3 *db = px_store_db(s);
	sqlite3_stmt *st = NULL;
	int i, rc;

	if (sqlite3_prepare_v2(db, "INSERT INTO sources(name, domain, country,"
	                       " type, owner) VALUES (?1, ?2, ?3, ?4, ?5) ON "
	                       "CONFLICT (name) DO UPDATE SET domain = "
	                       "coalesce(?2, domain), country = coalesce(?3, "
	                       "country), type = coalesce(?4, type), owner = "
	                       "coalesce(?5, owner)", -1, &st, NULL)) {
		px_cli_err("cannot set source: %s", sqlite3_errmsg(db));
		return PX_EXIT_SYSTEM;
	}
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	for (i = 0; i < NFIELDS; i++)
		if (val[i])
			sqlite3_bind_text(st, i + 2, val[i][0] ? val[i] : NULL,
			                  -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		px_cli_err("cannot set source '%s': %s (type is one of wire, "
		           "state, mainstream, content farm, opinion)", name,
		           sqlite3_errmsg(db));
		return PX_EXIT_INPUT;
	}
	return PX_EXIT_OK;
}

int cmd_sources(int argc, char **argv)
{
	const char *db = PX_DEFAULT_DB, *name = NULL;
	const char *val[NFIELDS] = {NULL, NULL, NULL, NULL};
	px_store *s = NULL;
	int i, k, json = 0, setting = 0, st;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		int known = 0;

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			px_cli_help(stdout, "sources");
			return PX_EXIT_OK;
		}
		if (i == 1 && !strcmp(a, "set")) {
			setting = 1;
			continue;
		}
		if (a[0] != '-' && setting && !name) {
			name = a;
			continue;
		}
		if (!strcmp(a, "--format")) {
			if (!v || (strcmp(v, "text") && strcmp(v, "json")))
				return px_cli_usage("sources", "--format takes "
				                    "text or json");
			json = !strcmp(v, "json");
			i++;
			continue;
		}
		if (!strcmp(a, "--db") && v) {
			db = v;
			i++;
			continue;
		}
		for (k = 0; k < NFIELDS; k++) {
			if (strncmp(a, "--", 2) || strcmp(a + 2, fields[k]))
				continue;
			if (!v || !setting)
				return px_cli_usage("sources", "%s needs a value "
				                    "after 'sources set NAME'", a);
			val[k] = v;
			known = 1;
			i++;
		}
		if (!known)
			return px_cli_usage("sources", "unknown argument '%s'",
			                    a);
	}
	if (setting && !name)
		return px_cli_usage("sources", "sources set needs a source name");
	st = px_cli_store(db, 0, &s);
	if (st)
		return st;
	st = setting ? set(s, name, val) : list(s, json);
	px_store_close(s);
	return st;
}
