/*
 * run.c - the one test runner: every module's tests from a table, then
 * the closing line "N passed, N failed". Exit status 1 on any failure.
 *
 *   build/test-runner [NAME...]      run all, or the named modules
 */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

int px_test_passed, px_test_failed;

static const struct {
	const char *name;
	int (*fn)(void);
} tests[] = {
	{"utf8", test_utf8},
	{"tokens", test_tokens},
	{"sentences", test_sentences},
	{"front", test_front},
	{"residue", test_residue},
	{"jsonl", test_jsonl},
	{"errors", test_errors},
	{"alloc", test_alloc},
	{"entity", test_entity},
	{"who", test_who},
	{"canon", test_canon},
	{"one_sense", test_one_sense},
	{"roles_more", test_roles_more},
	{"transcript", test_transcript},
	{"who_patterns", test_who_patterns},
	{"rel_dates", test_rel_dates},
	{"who_levels", test_who_levels},
	{"cli", test_cli},
	{"html", test_html},
	{"store", test_store},
	{"story", test_story},
	{"tone", test_tone},
	{"brief", test_brief},
	{"feed", test_feed},
	{"watch", test_watch},
	{"lang", test_lang},
	{"jw", test_jw},
	{NULL, NULL}
};

px_article *t_article(const char *z)
{
	px_article *a = NULL;
	px_error err;
	px_status rc = px_article_from_text(z, strlen(z), "test", NULL, &a,
	                                    &err);

	if (rc) {
		fprintf(stderr, "t_article: %s\n", err.msg);
		exit(2);
	}
	return a;
}

const char *t_span(const px_article *a, px_span s)
{
	static char buf[4096];
	size_t len, n = s.end - s.start;
	const char *p = px_article_text(a, &len);

	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, p + s.start, n);
	buf[n] = '\0';
	return buf;
}

char *t_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	size_t n = 0, cap = 0, k;

	if (!f)
		return NULL;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			char *np;

			cap = cap ? cap * 2 : 65536;
			np = realloc(p, cap);
			if (!np) {
				free(p);
				fclose(f);
				return NULL;
			}
			p = np;
		}
		k = fread(p + n, 1, 4096, f);
		n += k;
		if (!k)
			break;
	}
	fclose(f);
	p[n] = '\0';
	if (len)
		*len = n;
	return p;
}

static void *f_alloc(void *ctx, size_t n)
{
	t_failing *f = ctx;
	void *p;

	if (f->left == 0)
		return NULL;
	if (f->left > 0)
		f->left--;
	p = malloc(n);
	f->live += p != NULL;
	return p;
}

static void *f_realloc(void *ctx, void *p, size_t n)
{
	t_failing *f = ctx;
	void *q;

	if (f->left == 0)
		return NULL;
	if (f->left > 0)
		f->left--;
	q = realloc(p, n);
	f->live += !p && q; /* realloc(NULL, n) allocates */
	return q;
}

static void f_free(void *ctx, void *p)
{
	t_failing *f = ctx;

	f->live -= p != NULL;
	free(p);
}

px_allocator t_failing_allocator(t_failing *f)
{
	px_allocator a;

	a.alloc = f_alloc;
	a.realloc = f_realloc;
	a.free = f_free;
	a.ctx = f;
	return a;
}

const char *t_shared(void)
{
	const char *z = getenv("PX_SHARED");

	if (!z)
		z = "../shared";
	return access(z, R_OK) == 0 ? z : NULL;
}

int t_run(const char *cmd, char **out, char **err)
{
	char full[8192], errpath[] = "build/tmp-stderr-XXXXXX";
	int fd = mkstemp(errpath), st;
	FILE *p;
	size_t n = 0, cap = 65536, k;
	char *buf;

	if (fd < 0)
		return -1;
	close(fd);
	snprintf(full, sizeof(full), "%s 2>%s", cmd, errpath);
	p = popen(full, "r");
	buf = malloc(cap);
	if (!p || !buf) {
		free(buf);
		return -1;
	}
	while ((k = fread(buf + n, 1, cap - n - 1, p)) > 0) {
		n += k;
		if (n + 1 == cap) {
			char *nb = realloc(buf, cap * 2);

			if (!nb)
				break;
			buf = nb;
			cap *= 2;
		}
	}
	buf[n] = '\0';
	st = pclose(p);
	if (out)
		*out = buf;
	else
		free(buf);
	if (err)
		*err = t_read_file(errpath, NULL);
	unlink(errpath);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int main(int argc, char **argv)
{
	int i, j;

	for (i = 0; tests[i].name; i++) {
		int before_f = px_test_failed, before_p = px_test_passed;
		int run = argc < 2;

		for (j = 1; j < argc; j++)
			if (!strcmp(argv[j], tests[i].name))
				run = 1;
		if (!run)
			continue;
		tests[i].fn();
		printf("[%s] %d checks passed, %d failed\n", tests[i].name,
		       px_test_passed - before_p, px_test_failed - before_f);
		fflush(stdout);
	}
	printf("%d passed, %d failed\n", px_test_passed, px_test_failed);
	return px_test_failed ? 1 : 0;
}
