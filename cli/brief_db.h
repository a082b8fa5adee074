/*
 * brief_db.h - parallax brief --db (brief_db.c), called by cmd_brief.c.
 */
#ifndef PX_BRIEF_DB_H
#define PX_BRIEF_DB_H

#include "cli.h"

typedef struct px_cli_brief_db {
	const char *db;
	px_brief_format fmt;
	size_t story;        /* stored story id; 0: all */
	size_t min_articles;
	const px_brief_opts *br;
} px_cli_brief_db_opts;

/* Print the brief of the stored stories; returns an exit status. */
int px_cli_brief_db(const px_cli_brief_db_opts *o);

#endif /* PX_BRIEF_DB_H */
