/*
 * main.c - parallax: dispatch to a subcommand from a table.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
} commands[] = {
	{"analyze", cmd_analyze},
	{"brief", cmd_brief},
	{"entities", cmd_entities},
	{"help", cmd_help},
	{"ingest", cmd_ingest},
	{"search", cmd_search},
	{"show", cmd_show},
	{"stats", cmd_stats},
	{"diff", cmd_diff},
	{"export", cmd_export},
	{"stories", cmd_stories},
	{"sources", cmd_sources},
	{"cluster", cmd_cluster},
	{"reanalyze", cmd_reanalyze},
	{"watch", cmd_watch},
	{NULL, NULL}
};

void px_cli_err(const char *fmt, ...)
{
	va_list ap;

	fputs("parallax: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int px_cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("parallax: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see 'parallax help %s')\n", cmd);
	return PX_EXIT_USAGE;
}

int px_cli_number(const char *z, size_t *out)
{
	char *end;
	unsigned long long v;

	if (!z || *z < '0' || *z > '9')
		return -1;
	errno = 0;
	v = strtoull(z, &end, 10);
	if (errno || end == z || *end || v == 0)
		return -1;
	*out = (size_t)v;
	return 0;
}

int px_cli_real(const char *z, double *out)
{
	char *end;
	double v;

	if (!z)
		return -1;
	errno = 0;
	v = strtod(z, &end);
	if (errno || end == z || *end || v != v)
		return -1;
	*out = v;
	return 0;
}

/* The command's one set of language fingerprints (px_cli_langid). */
static px_langid *langid;
static int langid_tried;

static void langid_close(void)
{
	px_langid_close(langid);
	langid = NULL;
}

const px_langid *px_cli_langid(void)
{
	px_error err;

	if (langid_tried)
		return langid;
	langid_tried = 1;
	memset(&err, 0, sizeof(err));
	if (px_langid_open(getenv("PARALLAX_LANG_DIR"), &langid, &err)) {
		px_cli_err("language identification is off: %s", err.msg);
		return NULL;
	}
	atexit(langid_close);
	return langid;
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		px_cli_help(stderr, NULL);
		return PX_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		px_cli_help(stdout, NULL);
		return PX_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("parallax %s\n", PX_VERSION);
		return PX_EXIT_OK;
	}
	for (i = 0; commands[i].name; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	px_cli_err("unknown command '%s' (see 'parallax --help')", argv[1]);
	return PX_EXIT_USAGE;
}
