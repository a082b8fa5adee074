/*
 * cmd_brief.c - parallax brief: analyze inputs on all cores, group them
 * into stories (px_stories, in input order), and print a brief per
 * story, largest story first: text, Markdown, JSON (one object a line)
 * or one HTML page.
 *
 * Two passes keep memory flat: the first analyzes every input and keeps
 * only its story; the second analyzes the inputs again and holds the
 * articles of a story only until its last one has come, then writes its
 * brief to a spool file and frees them. The briefs are copied from the
 * spool in story order. Standard input cannot be read twice: its
 * articles are kept from the first pass.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "brief_db.h"

typedef struct brief_opts {
	const char *db;    /* --db: brief the store's stories */
	px_brief_format fmt;
	size_t story;      /* 0: all */
	int jobs;
	size_t min_articles;
	px_options px;
	px_stories_opts st;
	px_brief_opts br;
} brief_opts;

static int parse_args(int argc, char **argv, brief_opts *o, char **paths,
                      size_t *npaths)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		double d;
		size_t k;

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			px_cli_help(stdout, "brief");
			return -1;
		} else if (!strcmp(a, "--format")) {
			if (!v)
				v = "";
			if (!strcmp(v, "text"))
				o->fmt = PX_BRIEF_TEXT;
			else if (!strcmp(v, "md"))
				o->fmt = PX_BRIEF_MD;
			else if (!strcmp(v, "json"))
				o->fmt = PX_BRIEF_JSON;
			else if (!strcmp(v, "html"))
				o->fmt = PX_BRIEF_HTML;
			else
				return px_cli_usage("brief", "--format takes text, md, "
				                   "json or html, not '%s'", v);
			i++;
		} else if (!strcmp(a, "--story")) {
			if (px_cli_number(v, &k))
				return px_cli_usage("brief", "--story takes a story "
				                   "number from 1");
			o->story = k;
			i++;
		} else if (!strcmp(a, "--db")) {
			if (!v)
				return px_cli_usage("brief", "--db takes a file");
			o->db = v;
			i++;
		} else if (!strcmp(a, "--min-articles")) {
			if (px_cli_number(v, &k))
				return px_cli_usage("brief", "--min-articles takes a "
				                   "number from 1");
			o->min_articles = k;
			i++;
		} else if (!strcmp(a, "--highlights")) {
			if (px_cli_number(v, &k) || k > 100)
				return px_cli_usage("brief", "--highlights takes a "
				                   "number from 1 to 100");
			o->br.highlights = k;
			i++;
		} else if (!strcmp(a, "--similar")) {
			if (px_cli_real(v, &d) || d <= 0 || d > 1)
				return px_cli_usage("brief", "--similar takes a "
				                   "number from 0 to 1");
			o->br.similar = d;
			i++;
		} else if (!strcmp(a, "--window")) {
			if (px_cli_real(v, &d))
				return px_cli_usage("brief", "--window takes a number "
				                   "of days");
			o->st.window_days = d;
			i++;
		} else if (!strcmp(a, "--late-binding")) {
			o->st.late_binding = 1;
		} else if (!strcmp(a, "--threshold")) {
			if (px_cli_real(v, &d) || d <= 0 || d > 1)
				return px_cli_usage("brief", "--threshold takes a "
				                   "number from 0 to 1");
			o->st.threshold = d;
			i++;
		} else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
			if (px_cli_number(v, &k) || k > 256)
				return px_cli_usage("brief", "%s takes a number from 1 "
				                   "to 256", a);
			o->jobs = (int)k;
			i++;
		} else if (a[0] == '-' && a[1]) {
			return px_cli_usage("brief", "unknown option '%s'", a);
		} else {
			paths[(*npaths)++] = argv[i];
		}
	}
	return 0;
}

/* Stories after the first pass, numbered largest first. */
typedef struct story {
	size_t id;       /* px_stories id */
	size_t n;        /* articles */
	size_t first;    /* its first article */
	size_t filled;   /* articles held in the second pass */
	px_article **arts; /* held articles, in input order */
	size_t *num;     /* their article numbers */
	int chosen;      /* to be printed */
	long off;        /* its brief in the spool */
	size_t len;
} story;

typedef struct run {
	const brief_opts *o;
	px_stories *set;
	size_t n;          /* articles */
	size_t *rank;      /* per article: its story's rank */
	story *st;         /* by rank */
	size_t ns;
	size_t first_chosen;
	FILE *spool;
} run;

typedef struct id_num {
	size_t id, num;
} id_num;

static int by_id(const void *x, const void *y)
{
	const id_num *a = x, *b = y;

	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return a->num < b->num ? -1 : a->num > b->num;
}

static int by_size(const void *x, const void *y)
{
	const story *a = x, *b = y;

	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return a->first < b->first ? -1 : a->first > b->first;
}

/* Number the stories of the set, largest first, and each article's. */
static int rank_stories(run *r)
{
	id_num *p = calloc(r->n + 1, sizeof(*p));
	size_t i, k;

	r->rank = calloc(r->n + 1, sizeof(*r->rank));
	r->st = calloc(r->n + 1, sizeof(*r->st));
	if (!p || !r->rank || !r->st) {
		free(p);
		return -1;
	}
	for (i = 0; i < r->n; i++) {
		p[i].id = px_stories_story(r->set, i);
		p[i].num = i;
	}
	qsort(p, r->n, sizeof(*p), by_id);
	for (i = 0; i < r->n; i++) {
		if (!i || p[i].id != p[i - 1].id) {
			r->st[r->ns].id = p[i].id;
			r->st[r->ns].first = p[i].num;
			r->ns++;
		}
		r->st[r->ns - 1].n++;
	}
	qsort(r->st, r->ns, sizeof(*r->st), by_size);
	/* article -> rank: the ids are sorted in p, ranks by size */
	{
		id_num *ir = calloc(r->ns + 1, sizeof(*ir));

		if (!ir) {
			free(p);
			return -1;
		}
		for (k = 0; k < r->ns; k++) {
			ir[k].id = r->st[k].id;
			ir[k].num = k;
		}
		qsort(ir, r->ns, sizeof(*ir), by_id);
		for (i = 0, k = 0; i < r->n; i++) {
			while (ir[k].id != p[i].id)
				k++;
			r->rank[p[i].num] = ir[k].num;
		}
		free(ir);
	}
	free(p);
	r->first_chosen = SIZE_MAX;
	for (k = 0; k < r->ns; k++) {
		story *t = &r->st[k];

		t->chosen = r->o->story ? r->o->story == k + 1
		                        : t->n >= r->o->min_articles;
		if (t->chosen && r->first_chosen == SIZE_MAX)
			r->first_chosen = k;
	}
	return 0;
}

/* Brief story k from its held articles into the spool, then free them. */
static int brief_story(run *r, size_t k)
{
	story *t = &r->st[k];
	size_t nc, i, x, ncp = 0, len = 0;
	const px_near_copy *c = px_stories_copies(r->set, &nc);
	px_near_copy *cp = NULL;
	px_brief *b = NULL;
	char *text = NULL;
	px_status rc;
	int ret = -1;

	/* near-copies inside the story, numbered by place in it */
	for (i = 0; i < nc; i++) {
		size_t a = SIZE_MAX, bb = SIZE_MAX;

		if (c[i].a >= r->n || c[i].b >= r->n || r->rank[c[i].a] != k ||
		    r->rank[c[i].b] != k)
			continue;
		for (x = 0; x < t->n; x++) {
			if (t->num[x] == c[i].a)
				a = x;
			if (t->num[x] == c[i].b)
				bb = x;
		}
		if (a == SIZE_MAX || bb == SIZE_MAX)
			continue;
		if (!cp && !(cp = calloc(nc, sizeof(*cp))))
			goto out;
		cp[ncp] = c[i];
		cp[ncp].a = a;
		cp[ncp].b = bb;
		cp[ncp].source = c[i].source == c[i].a ? a :
		                 c[i].source == c[i].b ? bb : SIZE_MAX;
		ncp++;
	}
	rc = px_brief_build((const px_article *const *)t->arts, t->n, cp, ncp,
	                    &r->o->br, &b);
	if (!rc)
		rc = px_brief_render(b, (const px_article *const *)t->arts,
		                     r->o->fmt, k + 1,
		                     k == r->first_chosen ? PX_BRIEF_PAGE_START
		                                          : 0u,
		                     &text, &len);
	if (rc) {
		px_cli_err("story %zu: %s", k + 1, px_strerror(rc));
		goto out;
	}
	t->off = ftell(r->spool);
	t->len = len;
	if (t->off < 0 || fwrite(text, 1, len, r->spool) != len) {
		px_cli_err("cannot write the spool file: %s", strerror(errno));
		goto out;
	}
	ret = 0;
out:
	free(text);
	free(cp);
	px_brief_free(b);
	for (x = 0; x < t->n; x++)
		px_article_free(t->arts[x]);
	free(t->arts);
	free(t->num);
	t->arts = NULL;
	t->num = NULL;
	return ret;
}

/* Article num of the second pass: hold it for its story; brief the
 * story when it is whole. Takes a. */
static int take(run *r, size_t num, px_article *a)
{
	size_t k = r->rank[num];
	story *t = &r->st[k];

	if (!t->chosen) {
		px_article_free(a);
		return 0;
	}
	if (!t->arts) {
		t->arts = calloc(t->n, sizeof(*t->arts));
		t->num = calloc(t->n, sizeof(*t->num));
		if (!t->arts || !t->num) {
			px_article_free(a);
			px_cli_err("out of memory");
			return -1;
		}
	}
	t->arts[t->filled] = a;
	t->num[t->filled++] = num;
	return t->filled == t->n ? brief_story(r, k) : 0;
}

/* Copy the briefs from the spool to standard output, story by story. */
static int print_spool(run *r)
{
	size_t k, shown = 0;
	char buf[65536];

	if (r->o->fmt == PX_BRIEF_TEXT)
		printf("%zu article%s, %zu stor%s\n", r->n, r->n == 1 ? "" : "s",
		       r->ns, r->ns == 1 ? "y" : "ies");
	for (k = 0; k < r->ns; k++) {
		size_t left = r->st[k].len;

		if (!r->st[k].chosen)
			continue;
		shown++;
		if (fseek(r->spool, r->st[k].off, SEEK_SET))
			return -1;
		while (left) {
			size_t want = left < sizeof(buf) ? left : sizeof(buf);

			if (fread(buf, 1, want, r->spool) != want ||
			    fwrite(buf, 1, want, stdout) != want)
				return -1;
			left -= want;
		}
		if (r->o->fmt == PX_BRIEF_JSON && fputc('\n', stdout) == EOF)
			return -1;
	}
	if (shown && r->o->fmt == PX_BRIEF_HTML &&
	    fputs("</body></html>\n", stdout) == EOF)
		return -1;
	return 0;
}

/* One pass over the inputs (px_each_article): fn gets each article that
 * was analyzed, numbered from 0 in input order; the others are counted
 * in *failed and, when report is set, reported. */
typedef struct pass_ctx {
	int (*fn)(void *ctx, size_t num, px_article *a);
	void *ctx;
	size_t num, *failed;
	int report;
} pass_ctx;

static int pass_one(void *ctx, px_job *job, px_article *a)
{
	pass_ctx *p = ctx;

	if (!a) {
		if (p->report)
			px_cli_err("%s", job->err.msg);
		(*p->failed)++;
		return 0;
	}
	return p->fn(p->ctx, p->num++, a);
}

static int each_article(const brief_opts *o, char **paths, size_t npaths,
                        int (*fn)(void *ctx, size_t num, px_article *a),
                        void *ctx, size_t *failed, int report)
{
	pass_ctx p;

	p.fn = fn;
	p.ctx = ctx;
	p.num = 0;
	p.failed = failed;
	p.report = report;
	return px_each_article(paths, npaths, &o->px, o->jobs, pass_one, &p);
}

/* First pass: each article joins the story set; kept only when the
 * input cannot be read again. */
typedef struct first_ctx {
	run *r;
	int keep;
	px_article **kept;
	size_t cap;
} first_ctx;

static int first_fn(void *ctx, size_t num, px_article *a)
{
	first_ctx *f = ctx;
	px_status st = px_stories_add(f->r->set, a, NULL, NULL);

	f->r->n = num + 1;
	if (st) {
		px_article_free(a);
		px_cli_err("%s", px_strerror(st));
		return -1;
	}
	if (!f->keep) {
		px_article_free(a);
		return 0;
	}
	if (num == f->cap) {
		size_t nc = f->cap ? f->cap * 2 : 256;
		px_article **na = realloc(f->kept, nc * sizeof(*na));

		if (!na) {
			px_article_free(a);
			px_cli_err("out of memory");
			return -1;
		}
		f->kept = na;
		f->cap = nc;
	}
	f->kept[num] = a;
	return 0;
}

static int second_fn(void *ctx, size_t num, px_article *a)
{
	run *r = ctx;

	if (num >= r->n) { /* an input grew between the passes */
		px_article_free(a);
		return 0;
	}
	return take(r, num, a);
}

/* Can the inputs be read twice (no standard input)? */
static int rereadable(char **paths, size_t npaths)
{
	size_t i;

	if (!npaths)
		return 0;
	for (i = 0; i < npaths; i++)
		if (!strcmp(paths[i], "-"))
			return 0;
	return 1;
}

int cmd_brief(int argc, char **argv)
{
	brief_opts o;
	char **paths;
	size_t npaths = 0, i, failed = 0, failed2 = 0;
	run r;
	first_ctx f;
	int ret = PX_EXIT_SYSTEM, rc;

	memset(&o, 0, sizeof(o));
	memset(&r, 0, sizeof(r));
	memset(&f, 0, sizeof(f));
	o.px.langid = px_cli_langid();
	o.fmt = PX_BRIEF_TEXT;
	o.jobs = px_cores();
	o.min_articles = 1;
	paths = calloc((size_t)argc + 1, sizeof(*paths));
	if (!paths)
		return PX_EXIT_SYSTEM;
	rc = parse_args(argc, argv, &o, paths, &npaths);
	if (rc) {
		free(paths);
		return rc < 0 ? PX_EXIT_OK : rc;
	}
	if (o.db) {
		px_cli_brief_db_opts d;

		if (npaths) {
			free(paths);
			return px_cli_usage("brief", "--db briefs the stored "
			                   "stories: give no inputs with it");
		}
		free(paths);
		d.db = o.db;
		d.fmt = o.fmt;
		d.story = o.story;
		d.min_articles = o.min_articles;
		d.br = &o.br;
		return px_cli_brief_db(&d);
	}
	r.o = &o;
	f.r = &r;
	f.keep = !rereadable(paths, npaths);
	if (px_stories_create(&o.st, &r.set)) {
		px_cli_err("out of memory");
		goto out;
	}
	if (each_article(&o, paths, npaths, first_fn, &f, &failed, 1))
		goto out;
	if (!r.n) {
		px_cli_err("no article to brief");
		ret = failed ? PX_EXIT_INPUT : PX_EXIT_USAGE;
		goto out;
	}
	if (rank_stories(&r)) {
		px_cli_err("out of memory");
		goto out;
	}
	if (o.story && o.story > r.ns) {
		px_cli_err("no story %zu: there %s %zu", o.story,
		           r.ns == 1 ? "is" : "are", r.ns);
		ret = PX_EXIT_USAGE;
		goto out;
	}
	r.spool = tmpfile();
	if (!r.spool) {
		px_cli_err("cannot make a spool file: %s", strerror(errno));
		goto out;
	}
	if (f.keep) {
		for (i = 0; i < r.n; i++) {
			px_article *a = f.kept[i];

			f.kept[i] = NULL;
			if (take(&r, i, a))
				goto out;
		}
	} else if (each_article(&o, paths, npaths, second_fn, &r, &failed2,
	                        0)) {
		goto out;
	}
	for (i = 0; i < r.ns; i++)
		if (r.st[i].chosen && r.st[i].arts) {
			px_cli_err("story %zu: its articles changed between the "
			           "two readings", i + 1);
			goto out;
		}
	if (print_spool(&r) || fflush(stdout)) {
		px_cli_err("cannot write output: %s", strerror(errno));
		goto out;
	}
	ret = failed ? PX_EXIT_INPUT : PX_EXIT_OK;
out:
	free(paths);
	for (i = 0; f.kept && i < r.n; i++)
		px_article_free(f.kept[i]);
	free(f.kept);
	for (i = 0; r.st && i < r.ns; i++) {
		size_t k;

		for (k = 0; k < r.st[i].filled && r.st[i].arts; k++)
			px_article_free(r.st[i].arts[k]);
		free(r.st[i].arts);
		free(r.st[i].num);
	}
	free(r.st);
	free(r.rank);
	if (r.spool)
		fclose(r.spool);
	px_stories_free(r.set);
	return ret;
}
