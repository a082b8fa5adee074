/*
 * dbcmd.c - helpers shared by the store commands.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "dbcmd.h"

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

int px_cli_article(const char *path, const char *ref, px_store **out,
                   int64_t *id)
{
	px_error err;
	int st = px_cli_store(path, 0, out);

	if (st)
		return st;
	if (px_store_find(*out, ref, id, &err)) {
		px_cli_err("%s", err.msg);
		px_store_close(*out);
		*out = NULL;
		return err.code == PX_EEMPTY ? PX_EXIT_INPUT : PX_EXIT_SYSTEM;
	}
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
