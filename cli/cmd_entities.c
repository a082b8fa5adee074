/*
 * cmd_entities.c - parallax entities: the actors of many articles as one
 * table, spellings and transliterations merged, each merge with its
 * evidence and confidence; an alias file forces or forbids merges.
 */
#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define BATCH 256

typedef struct ectx {
	px_canon *canon;
	pthread_mutex_t mu;
	px_job *jobs;
	size_t base;
	px_options px;
	px_status rc;
} ectx;

/* Analyze one job and add its entities under the lock. */
static void add_one(px_job *job, void *arg)
{
	ectx *c = arg;
	px_article *a = NULL;
	px_status rc;

	if (job->rc)
		return;
	rc = px_job_analyze(job, &c->px, &a);
	job->rc = rc;
	if (rc)
		return;
	pthread_mutex_lock(&c->mu);
	rc = px_canon_add(c->canon, a, c->base + (size_t)(job - c->jobs));
	if (rc)
		c->rc = rc;
	pthread_mutex_unlock(&c->mu);
	px_article_free(a);
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
	char **paths, **names = NULL;
	size_t npaths = 0, nnames = 0, cap_names = 0, i, n, failed = 0;
	const char *aliases = NULL;
	int json = 0, threads = px_cores(), more = 1, k;
	const px_canon_entity *es;
	px_inputs *in;
	ectx c;

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
	pthread_mutex_init(&c.mu, NULL);
	c.px.langid = px_cli_langid();
	in = px_inputs_open(paths, npaths, PX_DEFAULT_MAX_BYTES);
	free(paths);
	c.jobs = calloc(BATCH, sizeof(*c.jobs));
	if (!in || !c.jobs) {
		px_inputs_close(in);
		free(c.jobs);
		px_canon_free(c.canon);
		return PX_EXIT_SYSTEM;
	}
	while (more) {
		n = 0;
		while (n < BATCH && (more = px_inputs_next(in, &c.jobs[n])))
			n++;
		px_run_parallel(c.jobs, n, threads, add_one, &c);
		for (i = 0; i < n; i++) {
			char label[600];

			if (c.jobs[i].rc) {
				px_cli_err("%s", c.jobs[i].err.msg[0]
				           ? c.jobs[i].err.msg
				           : px_strerror(c.jobs[i].rc));
				failed++;
			}
			if (nnames == cap_names) {
				char **nn;

				cap_names = cap_names ? cap_names * 2 : 256;
				nn = realloc(names, cap_names * sizeof(*nn));
				if (!nn)
					break;
				names = nn;
			}
			if (c.jobs[i].line)
				snprintf(label, sizeof(label), "%s:%zu",
				         c.jobs[i].name, c.jobs[i].line);
			else
				snprintf(label, sizeof(label), "%s",
				         c.jobs[i].name ? c.jobs[i].name : "?");
			names[nnames++] = strdup(label);
			px_job_clear(&c.jobs[i]);
		}
		c.base += n;
	}
	px_inputs_close(in);
	free(c.jobs);
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
					es[i].articles[j] < nnames
					? names[es[i].articles[j]] : "?"));
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
	for (i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	pthread_mutex_destroy(&c.mu);
	px_canon_free(c.canon);
	if (c.rc) {
		px_cli_err("%s", px_strerror(c.rc));
		return PX_EXIT_SYSTEM;
	}
	return failed ? PX_EXIT_INPUT : PX_EXIT_OK;
}
