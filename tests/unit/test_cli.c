/*
 * test_cli.c - the parallax command as a user runs it: golden outputs,
 * bad inputs (tests/bad/cases.tsv), the JSON Schema, thread-count
 * independence, help generated from docs/options, and the replay of fuzz
 * crashers. PX_UPDATE=1 rewrites the golden files (review the diff).
 */
#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

#include "../test.h"

static const char *bin(void)
{
	const char *z = getenv("PX_BIN");

	return z ? z : "build/parallax";
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* tests/golden/<case>/cmd holds the arguments; expected.txt the output. */
static void golden(void)
{
	DIR *d = opendir("tests/golden");
	struct dirent *de;
	char *names[256];
	size_t n = 0, i;
	int update = getenv("PX_UPDATE") != NULL;

	CHECK(d != NULL, "tests/golden missing");
	if (!d)
		return;
	while ((de = readdir(d)) != NULL && n < 256)
		if (de->d_name[0] != '.')
			names[n++] = strdup(de->d_name);
	closedir(d);
	qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		char path[512], cmd[2048], *args, *out = NULL, *want;
		size_t len;
		int st;

		snprintf(path, sizeof(path), "tests/golden/%s/cmd", names[i]);
		args = t_read_file(path, &len);
		CHECK(args != NULL, "%s missing", path);
		if (!args)
			continue;
		while (len && args[len - 1] == '\n')
			args[--len] = '\0';
		snprintf(cmd, sizeof(cmd), "%s %s", bin(), args);
		st = t_run(cmd, &out, NULL);
		snprintf(path, sizeof(path), "tests/golden/%s/expected.txt",
		         names[i]);
		if (update) {
			FILE *f = fopen(path, "wb");

			if (f) {
				fputs(out, f);
				fclose(f);
			}
		}
		want = t_read_file(path, NULL);
		CHECK(st == 0, "golden %s: exit %d", names[i], st);
		CHECK(want && !strcmp(out, want), "golden %s differs: run "
		      "`PX_UPDATE=1 build/test-runner cli` and review git diff",
		      names[i]);
		free(want);
		free(out);
		free(args);
		free(names[i]);
	}
	CHECK(n >= 3, "at least three golden cases, found %zu", n);
}

static size_t count_lines(const char *z)
{
	size_t n = 0;

	for (; *z; z++)
		n += *z == '\n';
	return n;
}

/* Each line: file, extra args, exit status, stdout records, stderr text. */
static void bad_inputs(void)
{
	char *tsv = t_read_file("tests/bad/cases.tsv", NULL), *line, *save;
	int cases = 0;

	CHECK(tsv != NULL, "tests/bad/cases.tsv missing");
	if (!tsv)
		return;
	for (line = strtok_r(tsv, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[5], *p = line, cmd[2048], *out = NULL, *err = NULL;
		int k, st;

		if (line[0] == '#')
			continue;
		for (k = 0; k < 5; k++) {
			f[k] = p;
			p = p ? strchr(p, '\t') : NULL;
			if (p)
				*p++ = '\0';
		}
		if (!f[4]) {
			CHECK(0, "bad cases.tsv line: %s", line);
			continue;
		}
		snprintf(cmd, sizeof(cmd), "%s analyze %s tests/bad/%s", bin(),
		         f[1], f[0]);
		st = t_run(cmd, &out, &err);
		CHECK(st == (int)strtol(f[2], NULL, 10), "%s: exit %d, want %s",
		      cmd, st, f[2]);
		CHECK(count_lines(out) == (size_t)strtol(f[3], NULL, 10),
		      "%s: %zu records out, want %s", cmd, count_lines(out),
		      f[3]);
		CHECK(err && strstr(err, f[4]), "%s: stderr lacks '%s': %s",
		      cmd, f[4], err ? err : "");
		free(out);
		free(err);
		cases++;
	}
	CHECK(cases >= 10, "bad cases run: %d", cases);
	free(tsv);
}

static void schema(void)
{
	char cmd[2048], *out = NULL;
	const char *sh = t_shared();
	int st;

	snprintf(cmd, sizeof(cmd), "%s analyze --tokens examples "
	         "tests/golden/jsonl/input.jsonl %s%s | python3 "
	         "tests/validate-schema docs/schema/article.schema.json",
	         bin(), sh ? sh : "", sh ? "/seeds" : "");
	st = t_run(cmd, &out, NULL);
	CHECK(st == 0, "schema validation: %s", out);
	free(out);
}

/* Output does not depend on the number of threads. */
static void threads(void)
{
	char cmd[512], *one = NULL, *many = NULL;

	snprintf(cmd, sizeof(cmd), "%s analyze -j 1 examples", bin());
	CHECK(t_run(cmd, &one, NULL) == 0, "-j 1");
	snprintf(cmd, sizeof(cmd), "%s analyze -j 4 examples", bin());
	CHECK(t_run(cmd, &many, NULL) == 0, "-j 4");
	CHECK(one && many && !strcmp(one, many) && count_lines(one) == 15,
	      "-j 1 and -j 4 give the same 15 records");
	free(one);
	free(many);
	/* stdin, and JSON Lines recognized by content */
	snprintf(cmd, sizeof(cmd), "printf '{\"text\":\"From stdin.\"}\\n' | "
	         "%s analyze -", bin());
	CHECK(t_run(cmd, &one, NULL) == 0 && strstr(one, "\"<stdin>:1\""),
	      "JSON Lines on stdin: %s", one);
	free(one);
}

/* Every option in docs/options/analyze.md is in --help and accepted. */
static void help(void)
{
	char *doc = t_read_file("docs/options/analyze.md", NULL), *line, *save;
	char cmd[1024], *out = NULL;
	int opts = 0;

	CHECK(doc != NULL, "docs/options/analyze.md");
	if (!doc)
		return;
	snprintf(cmd, sizeof(cmd), "%s help analyze", bin());
	CHECK(t_run(cmd, &out, NULL) == 0, "help analyze");
	for (line = strtok_r(doc, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char flag[64], arg[64] = "", *o2 = NULL;
		const char *val = "";
		int st;

		if (strncmp(line, "### ", 4))
			continue;
		opts++;
		CHECK(out && strstr(out, line + 4), "--help lacks '%s'",
		      line + 4);
		/* "-j, --jobs N": take the long flag and its argument. */
		if (sscanf(strstr(line, "--") ? strstr(line, "--") : line + 4,
		           "%63s %63s", flag, arg) < 1)
			continue;
		if (arg[0])
			val = !strcmp(flag, "--format") ? "text"
			      : !strcmp(flag, "--jobs") ? "2"
			      : !strcmp(flag, "--max-bytes") ? "100000" : "X";
		snprintf(cmd, sizeof(cmd), "%s analyze %s %s "
		         "examples/01_meridianwire_dolgovets-strike-second-week."
		         "txt", bin(), flag, val);
		st = t_run(cmd, &o2, NULL);
		CHECK(st == 0, "option %s refused: exit %d", flag, st);
		free(o2);
	}
	CHECK(opts >= 5, "options documented: %d", opts);
	free(out);
	free(doc);
	CHECK(access("build/parallax.1", R_OK) == 0 ||
	      access("build/san/parallax.1", R_OK) == 0, "man page built");
}

static void replay(void)
{
	const char *rp = getenv("PX_REPLAY");
	char cmd[512], *out = NULL;
	int st;

	if (!rp) {
		printf("skip: PX_REPLAY not set; fuzz regressions not replayed\n");
		return;
	}
	snprintf(cmd, sizeof(cmd), "%s fuzz", rp);
	st = t_run(cmd, &out, NULL);
	CHECK(st == 0, "fuzz replay failed: %s", out);
	free(out);
}

/* Who said what against the gold files, through tools/eval-who: every
 * seed quote, speaker, person, role and amount; the sample corpus at the
 * levels it has reached (a drop fails). */
static void who(void)
{
	const char *ev = getenv("PX_EVAL"), *sh = t_shared();
	char cmd[1024], *out = NULL;
	int st;

	if (!ev) {
		printf("skip: PX_EVAL not set; who-said-what not measured\n");
		return;
	}
	snprintf(cmd, sizeof(cmd), "%s gold examples examples/gold.json "
	         "--min quotes=0.90 --min speakers=0.85 --min people=0.70 "
	         "--min roles=0.80 --min amounts=0.80", ev);
	st = t_run(cmd, &out, NULL);
	CHECK(st == 0, "examples/gold.json below the levels reached:\n%s",
	      out);
	free(out);
	if (!sh) {
		printf("skip: ../shared not found; seeds not measured\n");
		return;
	}
	snprintf(cmd, sizeof(cmd), "%s gold %s/seeds %s/seeds-gold.json "
	         "--min quotes=1 --min speakers=1 --min people=1 "
	         "--min roles=1 --min amounts=1 --no-term-speech", ev, sh, sh);
	st = t_run(cmd, &out, NULL);
	CHECK(st == 0, "seeds against seeds-gold.json:\n%s", out);
	free(out);
}

int test_cli(void)
{
	who();
	golden();
	bad_inputs();
	schema();
	threads();
	help();
	replay();
	return 0;
}
