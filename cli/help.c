/*
 * help.c - --help and `parallax help COMMAND`, from the table that
 * scripts/mkhelp generates out of docs/options/.
 */
#include <string.h>

#include "cli.h"
#include "help.h"

int px_cli_help(FILE *f, const char *cmd)
{
	size_t i;

	for (i = 0; px_help[i].name; i++) {
		if (strcmp(px_help[i].name, cmd ? cmd : "parallax"))
			continue;
		fprintf(f, "usage: %s\n\n%s\n%s", px_help[i].usage,
		        px_help[i].summary, px_help[i].text);
		if (!cmd) {
			size_t j;

			fputs("\ncommands:\n", f);
			for (j = 0; px_help[j].name; j++)
				if (strcmp(px_help[j].name, "parallax"))
					fprintf(f, "  %-10s %s\n", px_help[j].name,
					        px_help[j].summary);
		}
		return 0;
	}
	return -1;
}

int cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		px_cli_help(stdout, NULL);
		return PX_EXIT_OK;
	}
	if (px_cli_help(stdout, argv[1])) {
		px_cli_err("no help for '%s': not a command", argv[1]);
		return PX_EXIT_USAGE;
	}
	return PX_EXIT_OK;
}
