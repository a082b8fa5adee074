/*
 * cmd_entities.c - parallax entities: the actors of many articles as one
 * table, spellings and transliterations merged, each merge with its
 * evidence and confidence; an alias file forces or forbids merges.
 */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The pass over the inputs: the canonical entities and each input's
 * name (article k of the canon is input k, failed inputs counted). */
typedef struct ectx {
	px_canon *canon;
	char **names;
	size_t n, cap, failed;
	px_status rc;
} ectx;

/* Add one analyzed article's entities; note its input's name. */
static int add_one(void *arg, px_job *job, px_article *a)
{
	ectx *c = arg;
	char label[600];
	px_status rc = PX_OK;

	if (!a) {
		px_cli_err("%s", job->err.msg[0] ? job->err.msg
		                                 : px_strerror(job->rc));
		c->failed++;
	} else {
		rc = px_canon_add(c->canon, a, c->n);
		px_article_free(a);
	}
	if (!rc && c->n == c->cap) {
		size_t nc = c->cap ? c->cap * 2 : 256;
		char **nn = realloc(c->names, nc * sizeof(*nn));

		if (nn) {
			c->names = nn;
			c->cap = nc;
		} else {
			rc = PX_ENOMEM;
		}
	}
	if (rc) {
		c->rc = rc;
		return -1;
	}
	if (job->line)
		snprintf(label, sizeof(label), "%s:%zu", job->name, job->line);
	else
		snprintf(label, sizeof(label), "%s",
		         job->name ? job->name : "?");
	c->names[c->n++] = strdup(label);
	return 0;
}

static const char *type_name(px_entity_type t)
{
	return px_entity_type_name(t);
}

static int read_aliases(px_canon *canon, const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, k;
	px_error err;
	int rc = 0;

	if (!f) {
		px_cli_err("cannot open alias file %s: %s", path,
		           strerror(errno));
		return -1;
	}
	for (;;) {
		if (len + 4096 > cap) {
			char *nb;

			cap = cap ? cap * 2 : 65536;
			nb = realloc(buf, cap);
			if (!nb) {
				rc = -1;
				break;
			}
			buf = nb;
		}
		k = fread(buf + len, 1, cap - len, f);
		len += k;
		if (!k)
			break;
	}
	fclose(f);
	if (!rc && px_canon_aliases(canon, buf, len, path, &err)) {
		px_cli_err("%s", err.msg);
		rc = -1;
	}
	free(buf);
	return rc;
}

int cmd_entities(int argc, char **argv)
{
	char **paths;
	size_t npaths = 0, i, n;
	const char *aliases = NULL;
	int json = 0, threads = px_cores(), k;
	const px_canon_entity *es;
	px_options px;
	ectx c;

	memset(&px, 0, sizeof(px));
	memset(&c, 0, sizeof(c));
	paths = calloc((size_t)argc + 1, sizeof(*paths));
	if (!paths)
		return PX_EXIT_SYSTEM;
	for (k = 1; k < argc; k++) {
		if (!strcmp(argv[k], "-h") || !strcmp(argv[k], "--help")) {
			free(paths);
			px_cli_help(stdout, "entities");
			return PX_EXIT_OK;
		} else if (!strcmp(argv[k], "--aliases") && k + 1 < argc) {
			aliases = argv[++k];
		} else if (!strcmp(argv[k], "--format") && k + 1 < argc &&
		           (!strcmp(argv[k + 1], "json") ||
		            !strcmp(argv[k + 1], "text"))) {
			json = !strcmp(argv[++k], "json");
		} else if (argv[k][0] == '-' && argv[k][1]) {
			free(paths);
			return px_cli_usage("entities", "unknown or incomplete "
			                    "option '%s'", argv[k]);
		} else {
			paths[npaths++] = argv[k];
		}
	}
	c.canon = px_canon_new(NULL);
	if (!c.canon) {
		free(paths);
		return PX_EXIT_SYSTEM;
	}
	if (aliases && read_aliases(c.canon, aliases)) {
		px_canon_free(c.canon);
		free(paths);
		return PX_EXIT_INPUT;
	}
	px.langid = px_cli_langid();
	if (px_each_article(paths, npaths, &px, threads, add_one, &c) &&
	    !c.rc)
		c.rc = PX_ENOMEM;
	free(paths);
	if (!c.rc)
		c.rc = px_canon_build(c.canon);
	es = px_canon_entities(c.canon, &n);
	for (i = 0; !c.rc && i < n; i++) {
		size_t j;

		if (json) {
			json_t *o = json_object(), *v = json_array(),
			       *ar = json_array();
			char *z;

			for (j = 0; j < es[i].nvariants; j++)
				json_array_append_new(v, json_string(
					es[i].variants[j]));
			for (j = 0; j < es[i].narticles; j++)
				json_array_append_new(ar, json_string(
					es[i].articles[j] < c.n
					? c.names[es[i].articles[j]] : "?"));
			json_object_set_new(o, "name", json_string(es[i].name));
			json_object_set_new(o, "type",
			                    json_string(type_name(es[i].type)));
			json_object_set_new(o, "mentions",
			                    json_integer((json_int_t)es[i].mentions));
			json_object_set_new(o, "variants", v);
			json_object_set_new(o, "articles", ar);
			json_object_set_new(o, "confidence",
			                    json_real(es[i].confidence));
			json_object_set_new(o, "evidence",
			                    json_string(es[i].evidence));
			z = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
			if (z)
				puts(z);
			free(z);
			json_decref(o);
			continue;
		}
		printf("%-12s %s  (%zu mentions, %zu articles)\n",
		       type_name(es[i].type), es[i].name, es[i].mentions,
		       es[i].narticles);
		if (es[i].nvariants > 1) {
			printf("    spellings:");
			for (j = 0; j < es[i].nvariants; j++)
				printf("%s %s", j ? "," : "", es[i].variants[j]);
			printf("\n    merged with confidence %.2f: %s\n",
			       es[i].confidence, es[i].evidence);
		}
	}
	for (i = 0; i < c.n; i++)
		free(c.names[i]);
	free(c.names);
	px_canon_free(c.canon);
	if (c.rc) {
		px_cli_err("%s", px_strerror(c.rc));
		return PX_EXIT_SYSTEM;
	}
	return c.failed ? PX_EXIT_INPUT : PX_EXIT_OK;
}
