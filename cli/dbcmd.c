/*
 * dbcmd.c - helpers shared by the store commands.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "dbcmd.h"

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

int px_cli_store(const char *path, unsigned flags, px_store **out)
{
	px_error err;
	px_status rc = px_store_open(path, flags, out, &err);

	if (rc == PX_ENOMEM) {
		px_cli_err("out of memory");
		return PX_EXIT_SYSTEM;
	}
	if (rc)
		return px_cli_store_fail(&err);
	return 0;
}

int px_cli_store_fail(const px_error *err)
{
	px_cli_err("%s", err->msg[0] ? err->msg : px_strerror(err->code));
	return PX_EXIT_SYSTEM;
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

void px_cli_json_str(FILE *f, const char *z)
{
	const unsigned char *p = (const unsigned char *)z;

	if (!z) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else if (*p == '\r')
			fputs("\\r", f);
		else if (*p < 0x20)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}
