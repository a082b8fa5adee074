/*
 * replay.c - run every kept fuzz input through its target, without
 * libFuzzer, so that the normal test run (and its ASan+UBSan pass) checks
 * that no crasher has come back (SQLite test/fuzzcheck.c).
 *
 *   fuzz-replay [PATH...]
 *
 * PATH is a fuzz directory (one holding regress/ and seeds/), a corpus
 * root (one holding a directory per target), or one input file (its
 * directory's name picks the target). Without PATH: fuzz/regress and
 * fuzz/seeds. Every regular file not starting with '.' under
 * <root>/<target>/ goes through <target>, in name order. Prints one line
 * per target, "replay <target>: N inputs ok", or its failures; exits 1
 * on any failure, 2 on a usage error.
 *
 * Each input runs in a child process, so that a crash, a sanitizer report,
 * a leak or a broken invariant (abort) names the input and the replay
 * goes on with the rest.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

/* Present only in builds with LeakSanitizer (ASan). */
int __lsan_do_recoverable_leak_check(void) __attribute__((weak));

typedef int (*fuzz_fn)(const uint8_t *data, size_t size);

static const struct target {
	const char *name;
	fuzz_fn fn;
} targets[] = {
	{"fuzz_text", fuzz_text},
	{"fuzz_json", fuzz_json},
	{"fuzz_record", fuzz_record},
	{"fuzz_html", fuzz_html},
	{"fuzz_feed", fuzz_feed},
	{"fuzz_warc", fuzz_warc},
	{"fuzz_stories", fuzz_stories},
	{"fuzz_brief", fuzz_brief},
};

#define NTARGETS (sizeof(targets) / sizeof(targets[0]))
#define MAX_ROOTS 64
#define MAX_FILE ((size_t)16 << 20)

/* Child exit statuses besides 0 (sanitizers exit 1 on an error). */
#define EXIT_RETURNED 3 /* the target returned non-zero */
#define EXIT_LEAKED 4   /* LeakSanitizer found a leak */

/* Read a whole file into an exactly sized buffer (so that ASan catches a
 * read past the input's end). OUT: *len. NULL on failure. */
static uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *p = NULL, *q;
	size_t cap = 0, n = 0, got;

	if (!f)
		return NULL;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			if (cap > MAX_FILE + 1)
				cap = MAX_FILE + 1;
			if (n == cap)
				break; /* over MAX_FILE: the target skips it */
			q = realloc(p, cap);
			if (!q)
				goto fail;
			p = q;
		}
		got = fread(p + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f))
		goto fail;
	fclose(f);
	/* Shrink to fit; keep one byte so that an empty input is not NULL. */
	q = malloc(n ? n : 1);
	if (!q) {
		free(p);
		return NULL;
	}
	if (n)
		memcpy(q, p, n);
	free(p);
	*len = n;
	return q;
fail:
	free(p);
	fclose(f);
	return NULL;
}

/* out = "a/b"; -1 (and a message) when it does not fit. */
static int join(char *out, size_t cap, const char *a, const char *b)
{
	int n = snprintf(out, cap, "%s/%s", a, b);

	if (n < 0 || (size_t)n >= cap) {
		fprintf(stderr, "replay: path too long: %s/%s\n", a, b);
		return -1;
	}
	return 0;
}

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int visible(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* In the child: run data through t, check for leaks, exit. */
static void child(const struct target *t, const uint8_t *data, size_t len)
{
	if (t->fn(data, len) != 0)
		_exit(EXIT_RETURNED);
	if (__lsan_do_recoverable_leak_check &&
	    __lsan_do_recoverable_leak_check())
		_exit(EXIT_LEAKED);
	_exit(0);
}

/* Run one file through t in a child process. Returns 0 when it passes,
 * else prints why and returns 1. */
static int run_file(const struct target *t, const char *path)
{
	uint8_t *data;
	size_t len = 0;
	pid_t pid;
	int st;

	data = read_file(path, &len);
	if (!data) {
		fprintf(stderr, "replay %s: %s: %s\n", t->name, path,
		        strerror(errno));
		return 1;
	}
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "replay %s: fork: %s\n", t->name,
		        strerror(errno));
		free(data);
		return 1;
	}
	if (pid == 0)
		child(t, data, len);
	free(data);
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "replay %s: waitpid: %s\n", t->name,
			        strerror(errno));
			return 1;
		}
	}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	if (WIFSIGNALED(st))
		fprintf(stderr, "replay %s: %s: crashed (signal %d)\n",
		        t->name, path, WTERMSIG(st));
	else if (WEXITSTATUS(st) == EXIT_RETURNED)
		fprintf(stderr, "replay %s: %s: target returned non-zero\n",
		        t->name, path);
	else if (WEXITSTATUS(st) == EXIT_LEAKED)
		fprintf(stderr, "replay %s: %s: memory leaked\n", t->name,
		        path);
	else
		fprintf(stderr, "replay %s: %s: failed (exit %d, a sanitizer "
		        "report above)\n", t->name, path, WEXITSTATUS(st));
	return 1;
}

/* Run every visible regular file of dir through t; a missing dir holds
 * no inputs. Adds to *count and *failed. */
static void run_dir(const struct target *t, const char *dir, size_t *count,
                    size_t *failed)
{
	struct dirent **names = NULL;
	char path[4096];
	int n, i;

	if (!is_dir(dir))
		return;
	n = scandir(dir, &names, visible, alphasort);
	if (n < 0) {
		fprintf(stderr, "replay %s: %s: %s\n", t->name, dir,
		        strerror(errno));
		(*failed)++;
		return;
	}
	for (i = 0; i < n; i++) {
		if (join(path, sizeof(path), dir, names[i]->d_name)) {
			(*failed)++;
		} else if (is_file(path)) {
			(*count)++;
			*failed += (size_t)run_file(t, path);
		}
		free(names[i]);
	}
	free(names);
}

/* Which target a file's directory names; NULL if none. */
static const struct target *target_of_file(const char *path)
{
	char buf[4096];
	char *slash, *base;
	size_t i;

	snprintf(buf, sizeof(buf), "%s", path);
	slash = strrchr(buf, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	slash = strrchr(buf, '/');
	base = slash ? slash + 1 : buf;
	for (i = 0; i < NTARGETS; i++)
		if (!strcmp(base, targets[i].name))
			return &targets[i];
	return NULL;
}

int main(int argc, char **argv)
{
	const char *roots[MAX_ROOTS];
	char bufs[MAX_ROOTS][4096];
	size_t nroots = 0, i, r, bad = 0;
	int a;

	if (argc < 2) {
		roots[nroots++] = "fuzz/regress";
		roots[nroots++] = "fuzz/seeds";
	}
	for (a = 1; a < argc; a++) {
		const char *p = argv[a];

		if (!strcmp(p, "-h") || !strcmp(p, "--help")) {
			printf("usage: fuzz-replay [FUZZ-DIR | CORPUS-ROOT | "
			       "FILE]...\n");
			return 0;
		}
		if (is_file(p)) {
			const struct target *t = target_of_file(p);
			size_t fl;

			if (!t) {
				fprintf(stderr, "replay: %s: not under a "
				        "target's directory\n", p);
				return 2;
			}
			fl = (size_t)run_file(t, p);
			printf("replay %s: %s %s\n", t->name, p,
			       fl ? "failed" : "ok");
			bad += fl;
			continue;
		}
		if (!is_dir(p)) {
			fprintf(stderr, "replay: %s: no such file or "
			        "directory\n", p);
			return 2;
		}
		if (nroots + 2 > MAX_ROOTS) {
			fprintf(stderr, "replay: too many directories\n");
			return 2;
		}
		if (join(bufs[nroots], sizeof(bufs[0]), p, "regress") ||
		    join(bufs[nroots + 1], sizeof(bufs[0]), p, "seeds"))
			return 2;
		if (is_dir(bufs[nroots]) || is_dir(bufs[nroots + 1])) {
			roots[nroots] = bufs[nroots];
			roots[nroots + 1] = bufs[nroots + 1];
			nroots += 2;
		} else {
			roots[nroots++] = p;
		}
	}
	for (i = 0; i < NTARGETS && nroots; i++) {
		size_t count = 0, failed = 0;
		char dir[4096];

		for (r = 0; r < nroots; r++) {
			if (join(dir, sizeof(dir), roots[r], targets[i].name))
				failed++;
			else
				run_dir(&targets[i], dir, &count, &failed);
		}
		if (failed)
			printf("replay %s: %zu inputs, %zu failed\n",
			       targets[i].name, count, failed);
		else
			printf("replay %s: %zu inputs ok\n", targets[i].name,
			       count);
		fflush(stdout);
		bad += failed;
	}
	return bad ? 1 : 0;
}
