/*
 * test_watch.c - `parallax watch` against HTTP and HTTPS servers run by
 * this process on loopback (libmicrohttpd, ephemeral ports), serving
 * feeds and pages written here: RSS and Atom over HTTP; HTTPS with a
 * certificate made at run time and --ca (refused without it);
 * conditional requests (the server sees If-None-Match, answers 304, and
 * nothing new is stored); a restart and a changed feed without
 * duplicates; robots.txt obeyed (the forbidden page never requested);
 * redirects followed, too many refused; a slow host timed out while
 * the other feeds go in; a failing host and oversized pages recorded in
 * the errors table with nothing half-stored; the per-host delay seen in
 * the server's own clock; a bad line of FEEDS.txt; the schema upgrade
 * from version 4. Each server is one host (its port).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "../test.h"
#include "store_int.h"

#define MAX_ROUTES 32
#define MAX_HITS 512

/* What the server answers for a path. */
typedef struct route {
	char path[128];
	int status;
	char *body;        /* owned; NULL: `big` bytes of a page */
	size_t big;
	int chunked;       /* no Content-Length */
	const char *type;
	char location[256];
	char etag[64];     /* answered 304 when If-None-Match has it */
	int sleep_ms;
} route;

/* A request the server saw. */
typedef struct hit {
	char path[128];
	char inm[64];      /* If-None-Match */
	char ims[64];      /* If-Modified-Since */
	double t;          /* arrival, CLOCK_MONOTONIC seconds */
} hit;

typedef struct server {
	struct MHD_Daemon *d;
	int port;
	const char *scheme;
	pthread_mutex_t mu;
	route routes[MAX_ROUTES];
	size_t nroutes;
	hit hits[MAX_HITS];
	size_t nhits;
} server;

static char dir[512] = "build/test-watch";

static const char *bin(void)
{
	const char *z = getenv("PX_BIN");

	return z ? z : "build/parallax";
}

static const char *tpath(const char *suffix)
{
	static char buf[16][600];
	static int k;

	k = (k + 1) % 16;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", dir, suffix);
	return buf[k];
}

static double mono(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void copy_z(char *out, size_t cap, const char *z)
{
	snprintf(out, cap, "%s", z ? z : "");
}

/* ---- The server ------------------------------------------------------ */

/* A long page: many paragraphs of one invented sentence. */
static const char para[] = "<p>The tide tables for the estuary were "
                           "printed again this week.</p>\n";

static char *big_page(size_t n)
{
	char *p = malloc(n + 1);
	size_t i;

	if (!p)
		return NULL;
	for (i = 0; i < n; i++)
		p[i] = para[i % (sizeof(para) - 1)];
	p[n] = '\0';
	return p;
}

/* Chunked body: the big page handed out piece by piece. */
static ssize_t chunk_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	const route *r = cls;
	size_t left;

	if (pos >= r->big)
		return MHD_CONTENT_READER_END_OF_STREAM;
	left = r->big - (size_t)pos;
	if (max > 4096)
		max = 4096;
	if (max > left)
		max = left;
	for (left = 0; left < max; left++)
		buf[left] = para[(pos + left) % (sizeof(para) - 1)];
	return (ssize_t)max;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c,
                              const char *url, const char *method,
                              const char *version, const char *upload,
                              size_t *upload_n, void **req)
{
	static int marker;
	server *s = cls;
	route r, *rp = NULL;
	struct MHD_Response *resp;
	const char *inm, *ims;
	enum MHD_Result ret;
	char *body = NULL;
	size_t i;
	int status;

	(void)method;
	(void)version;
	(void)upload;
	(void)upload_n;
	if (!*req) {
		*req = &marker; /* headers in; answer on the next call */
		return MHD_YES;
	}
	inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	                                  "If-None-Match");
	ims = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	                                  "If-Modified-Since");
	memset(&r, 0, sizeof(r));
	pthread_mutex_lock(&s->mu);
	if (s->nhits < MAX_HITS) {
		hit *h = &s->hits[s->nhits++];

		copy_z(h->path, sizeof(h->path), url);
		copy_z(h->inm, sizeof(h->inm), inm);
		copy_z(h->ims, sizeof(h->ims), ims);
		h->t = mono();
	}
	for (i = 0; i < s->nroutes; i++)
		if (!strcmp(s->routes[i].path, url)) {
			r = s->routes[i];
			rp = &s->routes[i];
		}
	pthread_mutex_unlock(&s->mu);
	if (!rp) {
		r.status = 404;
		r.body = "not found";
	}
	if (r.sleep_ms) {
		struct timespec t;

		t.tv_sec = r.sleep_ms / 1000;
		t.tv_nsec = (long)(r.sleep_ms % 1000) * 1000000L;
		nanosleep(&t, NULL);
	}
	status = r.status ? r.status : 200;
	if (r.etag[0] && inm && !strcmp(inm, r.etag)) {
		status = 304;
		resp = MHD_create_response_from_buffer(0, (void *)"",
		                                       MHD_RESPMEM_PERSISTENT);
	} else if (r.chunked) {
		resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN,
		                                         4096, chunk_reader,
		                                         rp, NULL);
	} else {
		const char *z = r.body;

		if (!z)
			z = body = big_page(r.big);
		resp = MHD_create_response_from_buffer(strlen(z), (void *)z,
		                                       MHD_RESPMEM_MUST_COPY);
	}
	free(body);
	if (!resp)
		return MHD_NO;
	if (r.type)
		MHD_add_response_header(resp, "Content-Type", r.type);
	if (r.location[0])
		MHD_add_response_header(resp, "Location", r.location);
	if (r.etag[0]) {
		MHD_add_response_header(resp, "ETag", r.etag);
		MHD_add_response_header(resp, "Last-Modified",
		                        "Mon, 03 Mar 2025 08:00:00 GMT");
	}
	ret = MHD_queue_response(c, (unsigned)status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* Start a server on 127.0.0.1, port 0; TLS with key and cert (PEM). */
static int server_start(server *s, const char *key, const char *cert)
{
	struct sockaddr_in sa;
	const union MHD_DaemonInfo *info;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD |
	                 MHD_USE_THREAD_PER_CONNECTION;

	memset(s, 0, sizeof(*s));
	pthread_mutex_init(&s->mu, NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = 0;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s->scheme = key ? "https" : "http";
	if (key)
		s->d = MHD_start_daemon(flags | MHD_USE_TLS, 0, NULL, NULL,
		                        handle, s, MHD_OPTION_SOCK_ADDR, &sa,
		                        MHD_OPTION_HTTPS_MEM_KEY, key,
		                        MHD_OPTION_HTTPS_MEM_CERT, cert,
		                        MHD_OPTION_END);
	else
		s->d = MHD_start_daemon(flags, 0, NULL, NULL, handle, s,
		                        MHD_OPTION_SOCK_ADDR, &sa,
		                        MHD_OPTION_END);
	if (!s->d)
		return -1;
	info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = info ? info->port : 0;
	return s->port ? 0 : -1;
}

static void server_stop(server *s)
{
	size_t i;

	if (s->d)
		MHD_stop_daemon(s->d);
	for (i = 0; i < s->nroutes; i++)
		free(s->routes[i].body);
	pthread_mutex_destroy(&s->mu);
}

/* Add or replace the route of path; body is printf-style (NULL: none). */
static route *serve(server *s, const char *path, int status,
                    const char *type, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static route *serve(server *s, const char *path, int status,
                    const char *type, const char *fmt, ...)
{
	route *r = NULL;
	size_t i;
	va_list ap;
	char *body = NULL;

	if (fmt) {
		int n;

		va_start(ap, fmt);
		n = vsnprintf(NULL, 0, fmt, ap);
		va_end(ap);
		body = malloc((size_t)n + 1);
		if (!body)
			return NULL;
		va_start(ap, fmt);
		vsnprintf(body, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	pthread_mutex_lock(&s->mu);
	for (i = 0; i < s->nroutes; i++)
		if (!strcmp(s->routes[i].path, path))
			r = &s->routes[i];
	if (!r && s->nroutes < MAX_ROUTES)
		r = &s->routes[s->nroutes++];
	if (r) {
		free(r->body);
		memset(r, 0, sizeof(*r));
		copy_z(r->path, sizeof(r->path), path);
		r->status = status;
		r->type = type;
		r->body = body;
	} else {
		free(body);
	}
	pthread_mutex_unlock(&s->mu);
	return r;
}

/* A redirect from path to location (made absolute on s). */
static void redirect(server *s, const char *path, int status,
                     const char *to)
{
	route *r = serve(s, path, status, "text/plain", "moved");

	if (r)
		snprintf(r->location, sizeof(r->location),
		         "%s://127.0.0.1:%d%s", s->scheme, s->port, to);
}

/* Requests for path so far; with inm, those carrying that
 * If-None-Match. */
static int hits(server *s, const char *path, const char *inm)
{
	size_t i;
	int n = 0;

	pthread_mutex_lock(&s->mu);
	for (i = 0; i < s->nhits; i++)
		if (!strcmp(s->hits[i].path, path) &&
		    (!inm || !strcmp(s->hits[i].inm, inm)))
			n++;
	pthread_mutex_unlock(&s->mu);
	return n;
}

/* ---- Content: invented articles ---------------------------------------- */

static const char *const heads[] = {
	"Ferry service resumes on the northern route",
	"Council approves a larger budget for the river library",
	"Orchard growers count the cost of an early frost",
	"Night trains return to the coastal line",
	"Volunteers map the old canal towpath",
	"A bakery cooperative opens in the market hall",
	"Rangers close the ridge trail after a rockfall",
	"The town choir wins a regional prize",
};

static const char *const paras[] = {
	"Officials said on Tuesday that the service would run twice a day "
	"until the end of the season. Passengers had waited six weeks for "
	"repairs to the landing stage.",
	"The budget adds four librarians and longer opening hours on "
	"Saturdays. Members of the council voted nine to two in favour after "
	"a short debate.",
	"Growers in the upper valley reported damage to about a third of "
	"the blossom. A spokeswoman for the growers' association said the "
	"harvest would be smaller than last year.",
	"The operator said the sleeper cars had been refitted over the "
	"winter. Tickets for the first month sold out within two days.",
	"About forty volunteers walked the towpath with notebooks and "
	"cameras. Their map will be given to the county archive in June.",
	"Seven bakers share the ovens and the stall rent. The cooperative "
	"plans to sell rye bread and pastries six days a week.",
	"No one was hurt when the rocks came down early on Sunday. The "
	"rangers said the trail would stay closed while engineers inspect "
	"the slope.",
	"The choir sang three pieces in the final round in the county town. "
	"Its director thanked the parents who drove the singers there.",
};

/* A web page for article i, with a site name or without. */
static const char *page(int i, const char *site)
{
	static char buf[4][4096];
	static int k;
	char meta[256] = "";

	k = (k + 1) % 4;
	if (site)
		snprintf(meta, sizeof(meta), "<meta property=\"og:site_name\" "
		         "content=\"%s\">", site);
	snprintf(buf[k], sizeof(buf[k]),
	         "<!doctype html><html><head><title>%s</title>%s</head>"
	         "<body><nav><a href=\"/\">Home</a></nav><article><h1>%s</h1>"
	         "<p>%s</p><p>%s</p></article><footer>Contact us</footer>"
	         "</body></html>", heads[i], meta, heads[i], paras[i],
	         paras[(i + 1) % 8]);
	return buf[k];
}

/* An RSS item for article i at path on s. */
static const char *rss_item(server *s, int i, const char *path)
{
	static char buf[8][1024];
	static int k;

	k = (k + 1) % 8;
	snprintf(buf[k], sizeof(buf[k]),
	         "<item><title>%s</title><link>%s://127.0.0.1:%d%s</link>"
	         "<pubDate>Mon, 03 Mar 2025 0%d:00:00 GMT</pubDate>"
	         "<description>%s</description></item>\n", heads[i],
	         s->scheme, s->port, path, i % 10, paras[i]);
	return buf[k];
}

#define RSS_HEAD "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>" \
	"<title>%s</title>\n"
#define RSS_TAIL "</channel></rss>\n"

/* ---- Helpers ------------------------------------------------------------- */

static void write_file(const char *path, const char *z)
{
	FILE *f = fopen(path, "wb");

	if (f) {
		fputs(z, f);
		fclose(f);
	}
}

static void rm_db(const char *path)
{
	char z[700];

	unlink(path);
	snprintf(z, sizeof(z), "%s-wal", path);
	unlink(z);
	snprintf(z, sizeof(z), "%s-shm", path);
	unlink(z);
}

static long long q1(const char *path, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* One integer from a query (printf-style) on the database at path; -1
 * on any failure. */
static long long q1(const char *path, const char *fmt, ...)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long long v = -1;
	char sql[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == 0 &&
	    sqlite3_busy_timeout(db, 5000) == 0 &&
	    px_store_sql_functions(db) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == 0 &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* Run `parallax watch FEEDS --db DB ARGS --once`; stderr into *err. */
static int watch(const char *feeds, const char *db, const char *args,
                 char **err)
{
	char cmd[2048];

	snprintf(cmd, sizeof(cmd), "%s watch %s --db %s --once %s", bin(),
	         feeds, db, args);
	return t_run(cmd, NULL, err);
}

static int has(const char *z, const char *needle)
{
	return z && strstr(z, needle);
}

/* ---- Scenarios -------------------------------------------------------- */

/* RSS and Atom over HTTP; the second run conditional; a restart after
 * the feed changed stores only the new item. */
static void plain_http(server *s)
{
	const char *db = tpath("plain.db"), *feeds = tpath("plain.txt");
	char list[512], *err = NULL, inm[64];
	route *r;
	int st;

	rm_db(db);
	r = serve(s, "/news/rss.xml", 200, "application/rss+xml",
	          RSS_HEAD "%s%s" RSS_TAIL, "Harbor Ledger",
	          rss_item(s, 0, "/news/ferry.html"),
	          rss_item(s, 1, "/news/library.html"));
	if (r)
		copy_z(r->etag, sizeof(r->etag), "\"rss-1\"");
	serve(s, "/news/ferry.html", 200, "text/html; charset=utf-8", "%s",
	      page(0, "Harbor Ledger"));
	serve(s, "/news/library.html", 200, "text/html", "%s", page(1, NULL));
	serve(s, "/valley/atom.xml", 200, "application/atom+xml",
	      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	      "<feed xmlns=\"http://www.w3.org/2005/Atom\">"
	      "<title>Valley Courier</title><id>urn:valley</id>"
	      "<updated>2025-03-03T10:00:00Z</updated>\n"
	      "<entry><title>%s</title><id>urn:valley:1</id>"
	      "<link href=\"/valley/frost.html\"/>"
	      "<updated>2025-03-03T10:00:00Z</updated>"
	      "<summary>%s</summary></entry>\n</feed>\n", heads[2], paras[2]);
	serve(s, "/valley/frost.html", 200, "text/html", "%s", page(2, NULL));
	snprintf(list, sizeof(list), "# two feeds\n\nhttp://127.0.0.1:%d"
	         "/news/rss.xml\n   http://127.0.0.1:%d/valley/atom.xml  \n",
	         s->port, s->port);
	write_file(feeds, list);

	st = watch(feeds, db, "--delay 0", &err);
	CHECK(st == 0, "first poll: status %d: %s", st, err ? err : "");
	CHECK(has(err, "watch: 2 feeds, 3 new articles, 0 not modified, "
	          "0 errors"), "summary: %s", err ? err : "");
	free(err);
	CHECK(q1(db, "SELECT count(*) FROM articles") == 3, "3 articles");
	CHECK(q1(db, "SELECT count(*) FROM articles WHERE url = "
	         "'http://127.0.0.1:%d/valley/frost.html'", s->port) == 1,
	      "Atom's relative link resolved and stored");
	/* The page names its site; the other takes the feed's title, and
	 * the date comes from the item. */
	CHECK(q1(db, "SELECT count(*) FROM articles WHERE source = "
	         "'Harbor Ledger' AND url LIKE '%%/ferry.html' AND title = "
	         "'%s'", heads[0]) == 1, "ferry: site name, title");
	CHECK(q1(db, "SELECT count(*) FROM articles WHERE source = "
	         "'Harbor Ledger' AND url LIKE '%%/library.html' AND "
	         "published LIKE '2025-03-03%%'") == 1,
	      "library: outlet and date from the item");
	CHECK(q1(db, "SELECT count(*) FROM articles WHERE source = "
	         "'Valley Courier'") == 1, "Atom outlet");
	CHECK(q1(db, "SELECT count(*) FROM articles a WHERE instr(a.text, "
	         "'Contact us') > 0 OR instr(a.text, 'Home') > 0") == 0,
	      "page furniture left out");
	CHECK(q1(db, "SELECT count(*) FROM feeds WHERE etag = '\"rss-1\"' "
	         "AND last_modified IS NOT NULL") == 1, "validators kept");
	CHECK(hits(s, "/news/ferry.html", NULL) == 1, "page fetched once");

	/* Again: conditional, 304, nothing fetched or stored. */
	err = NULL;
	st = watch(feeds, db, "--delay 0", &err);
	CHECK(st == 0, "second poll: status %d: %s", st, err ? err : "");
	CHECK(has(err, "0 new articles, 1 not modified, 0 errors"),
	      "second summary: %s", err ? err : "");
	free(err);
	CHECK(hits(s, "/news/rss.xml", "\"rss-1\"") == 1,
	      "server saw If-None-Match");
	CHECK(hits(s, "/news/ferry.html", NULL) == 1 &&
	      hits(s, "/news/library.html", NULL) == 1 &&
	      hits(s, "/valley/frost.html", NULL) == 1,
	      "no page fetched again");
	CHECK(q1(db, "SELECT count(*) FROM articles") == 3, "still 3");

	/* The feed changes: only the new item is fetched and stored. */
	r = serve(s, "/news/rss.xml", 200, "application/rss+xml",
	          RSS_HEAD "%s%s%s" RSS_TAIL, "Harbor Ledger",
	          rss_item(s, 3, "/news/trains.html"),
	          rss_item(s, 0, "/news/ferry.html"),
	          rss_item(s, 1, "/news/library.html"));
	if (r)
		copy_z(r->etag, sizeof(r->etag), "\"rss-2\"");
	serve(s, "/news/trains.html", 200, "text/html", "%s", page(3, NULL));
	err = NULL;
	st = watch(feeds, db, "--delay 0", &err);
	CHECK(st == 0 && has(err, "1 new articles"), "third poll: %d %s",
	      st, err ? err : "");
	free(err);
	snprintf(inm, sizeof(inm), "\"rss-1\"");
	CHECK(hits(s, "/news/rss.xml", inm) == 2, "asked with the old tag");
	CHECK(hits(s, "/news/trains.html", NULL) == 1 &&
	      hits(s, "/news/ferry.html", NULL) == 1, "only the new page");
	CHECK(q1(db, "SELECT count(*) FROM articles") == 4 &&
	      q1(db, "SELECT count(DISTINCT url) FROM articles") == 4,
	      "no duplicates");
	CHECK(q1(db, "SELECT count(*) FROM feed_links") == 4, "links kept");
	CHECK(hits(s, "/robots.txt", NULL) == 3, "robots.txt once a run");

	/* --every polls again and again (stopped here by timeout(1)):
	 * one summary a poll, robots.txt still read once. */
	{
		char cmd[2048];
		const char *p;
		int polls = 0;

		snprintf(cmd, sizeof(cmd), "timeout 1.3 %s watch %s --db %s "
		         "--every 300ms --delay 0", bin(), feeds, db);
		err = NULL;
		st = t_run(cmd, NULL, &err);
		for (p = err; p && (p = strstr(p, "watch: 2 feeds, 0 new "
		                               "articles, 1 not modified")); p++)
			polls++;
		CHECK(st == 124 && polls >= 2 && polls <= 5,
		      "--every: status %d, %d polls: %s", st, polls,
		      err ? err : "");
		free(err);
		CHECK(hits(s, "/robots.txt", NULL) == 4, "robots.txt once");
		CHECK(q1(db, "SELECT count(*) FROM articles") == 4, "still 4");
	}
}

/* HTTPS with the test's own CA; refused without it. */
static void https(server *s, const char *cert)
{
	const char *db = tpath("tls.db"), *feeds = tpath("tls.txt");
	char list[256], args[700], *err = NULL;
	int st;

	rm_db(db);
	serve(s, "/feed.rss", 200, "application/rss+xml",
	      RSS_HEAD "%s" RSS_TAIL, "Ridge Post",
	      rss_item(s, 6, "/trail.html"));
	serve(s, "/trail.html", 200, "text/html", "%s", page(6, "Ridge Post"));
	snprintf(list, sizeof(list), "https://127.0.0.1:%d/feed.rss\n",
	         s->port);
	write_file(feeds, list);
	st = watch(feeds, db, "--delay 0", &err);
	CHECK(st == 1 && has(err, "/feed.rss: robots.txt unreachable: "
	                     "https://127.0.0.1:") && has(err, "certificate") &&
	      has(err, "1 errors"),
	      "self-signed refused without --ca: %d %s", st, err ? err : "");
	free(err);
	CHECK(q1(db, "SELECT count(*) FROM articles") == 0 &&
	      q1(db, "SELECT count(*) FROM errors") >= 1, "error recorded");
	snprintf(args, sizeof(args), "--delay 0 --ca %s", cert);
	err = NULL;
	st = watch(feeds, db, args, &err);
	CHECK(st == 0 && has(err, "1 new articles"), "https: %d %s", st,
	      err ? err : "");
	free(err);
	CHECK(q1(db, "SELECT count(*) FROM articles WHERE url = "
	         "'https://127.0.0.1:%d/trail.html' AND source = "
	         "'Ridge Post'", s->port) == 1, "stored over https");
}

/* robots.txt: the parallax group wins over '*'; Allow beats a shorter
 * Disallow; a forbidden page is never requested. */
static void robots(server *s)
{
	const char *db = tpath("robots.db"), *feeds = tpath("robots.txt");
	char list[256], *err = NULL;
	int st;

	rm_db(db);
	serve(s, "/robots.txt", 200, "text/plain",
	      "# invented rules\nUser-agent: *\nDisallow: /open/\n\n"
	      "User-agent: otherbot\nUser-agent: Parallax\n"
	      "Disallow: /members/ # not for us\nAllow: /members/free/\n"
	      "Crawl-delay: 4\n");
	serve(s, "/feed.xml", 200, "application/rss+xml",
	      RSS_HEAD "%s%s%s" RSS_TAIL, "Canal News",
	      rss_item(s, 4, "/members/towpath.html"),
	      rss_item(s, 5, "/members/free/bakery.html"),
	      rss_item(s, 7, "/open/choir.html"));
	serve(s, "/members/towpath.html", 200, "text/html", "%s",
	      page(4, NULL));
	serve(s, "/members/free/bakery.html", 200, "text/html", "%s",
	      page(5, NULL));
	serve(s, "/open/choir.html", 200, "text/html", "%s", page(7, NULL));
	snprintf(list, sizeof(list), "http://127.0.0.1:%d/feed.xml\n",
	         s->port);
	write_file(feeds, list);
	st = watch(feeds, db, "--delay 0", &err);
	CHECK(st == 0 && has(err, "3 new articles"), "robots run: %d %s", st,
	      err ? err : "");
	free(err);
	CHECK(hits(s, "/robots.txt", NULL) == 1, "robots.txt read once");
	CHECK(hits(s, "/members/towpath.html", NULL) == 0,
	      "disallowed page never requested");
	CHECK(hits(s, "/members/free/bakery.html", NULL) == 1,
	      "Allow overrides the shorter Disallow");
	CHECK(hits(s, "/open/choir.html", NULL) == 1,
	      "the '*' group does not apply when ours exists");
	/* The forbidden page's item is stored from the feed's content. */
	CHECK(q1(db, "SELECT count(*) FROM articles WHERE url LIKE "
	         "'%%/members/towpath.html' AND instr(text, 'forty "
	         "volunteers') > 0 AND instr(text, 'Seven bakers') = 0") == 1,
	      "feed content instead of the page");
}

/* Redirects, a redirect loop, a slow host, a failing host and pages
 * over the cap, all in one poll: each failure reported naming its URL
 * and recorded; the good feed goes in. */
static void failures(server *s)
{
	const char *db = tpath("fail.db"), *feeds = tpath("fail.txt");
	char list[1024], *err = NULL;
	route *r;
	int st;
	long long n;

	rm_db(db);
	redirect(s, "/old/feed.rss", 301, "/feed.rss");
	serve(s, "/feed.rss", 200, "application/rss+xml",
	      RSS_HEAD "%s%s%s" RSS_TAIL, "Estuary Times",
	      rss_item(s, 0, "/go/ferry"), rss_item(s, 1, "/big.html"),
	      rss_item(s, 2, "/bigger.html"));
	redirect(s, "/go/ferry", 302, "/stories/ferry.html");
	serve(s, "/stories/ferry.html", 200, "text/html", "%s",
	      page(0, "Estuary Times"));
	r = serve(s, "/big.html", 200, "text/html", NULL);
	if (r)
		r->big = 300000;
	r = serve(s, "/bigger.html", 200, "text/html", NULL);
	if (r) {
		r->big = 300000;
		r->chunked = 1;
	}
	redirect(s, "/loop/a.rss", 302, "/loop/b.rss");
	redirect(s, "/loop/b.rss", 302, "/loop/a.rss");
	r = serve(s, "/slow.rss", 200, "application/rss+xml",
	          RSS_HEAD RSS_TAIL, "Slow");
	if (r)
		r->sleep_ms = 1500;
	serve(s, "/fail.rss", 500, "text/plain", "broken");
	serve(s, "/notfeed.rss", 200, "text/html", "<html><body>no</body>"
	      "</html>");
	snprintf(list, sizeof(list),
	         "http://127.0.0.1:%1$d/slow.rss\n"
	         "http://127.0.0.1:%1$d/loop/a.rss\n"
	         "http://127.0.0.1:%1$d/fail.rss\n"
	         "http://127.0.0.1:%1$d/notfeed.rss\n"
	         "http://127.0.0.1:%1$d/old/feed.rss\n", s->port);
	write_file(feeds, list);
	st = watch(feeds, db, "--delay 0 --timeout 400ms --max-bytes 100000",
	           &err);
	CHECK(st == 1, "failures: exit 1, got %d: %s", st, err ? err : "");
	CHECK(has(err, "/slow.rss: timed out"), "timeout names URL: %s",
	      err ? err : "");
	CHECK(has(err, "/loop/a.rss: more than 5 redirects"),
	      "redirect loop: %s", err ? err : "");
	CHECK(has(err, "/fail.rss: HTTP 500"), "500: %s", err ? err : "");
	CHECK(has(err, "/big.html: response over the cap of 100000 bytes"),
	      "oversize (Content-Length): %s", err ? err : "");
	CHECK(has(err, "/bigger.html: response over the cap"),
	      "oversize (chunked): %s", err ? err : "");
	CHECK(has(err, "watch: 5 feeds, 1 new articles, 0 not modified, "
	          "6 errors"), "summary: %s", err ? err : "");
	free(err);
	CHECK(hits(s, "/stories/ferry.html", NULL) == 1 &&
	      hits(s, "/feed.rss", NULL) == 1, "redirects followed");
	CHECK(hits(s, "/loop/a.rss", NULL) + hits(s, "/loop/b.rss", NULL) ==
	      6, "loop: first request and 5 redirects");
	CHECK(q1(db, "SELECT count(*) FROM articles") == 1 &&
	      q1(db, "SELECT count(*) FROM articles WHERE url = "
	         "'http://127.0.0.1:%d/go/ferry' AND source = 'Estuary "
	         "Times'", s->port) == 1, "the good item stored");
	CHECK(q1(db, "SELECT count(*) FROM errors WHERE input = "
	         "'http://127.0.0.1:%d/fail.rss' AND message LIKE "
	         "'%%HTTP 500%%' AND code = '%s'", s->port,
	         px_strerror(PX_EIO)) == 1, "500 in the errors table");
	CHECK(q1(db, "SELECT count(*) FROM errors WHERE input LIKE "
	         "'%%/slow.rss' AND message LIKE '%%timed out%%'") == 1,
	      "timeout recorded");
	CHECK(q1(db, "SELECT count(*) FROM errors WHERE input LIKE "
	         "'%%/big.html' AND code = '%s'", px_strerror(PX_ETOOBIG)) ==
	      1, "oversize recorded");
	CHECK(q1(db, "SELECT count(*) FROM errors WHERE input LIKE "
	         "'%%/notfeed.rss'") == 1, "not a feed recorded");
	CHECK(q1(db, "SELECT count(*) FROM feed_links WHERE url LIKE "
	         "'%%big%%'") == 0, "nothing of the big pages stored");
	n = q1(db, "SELECT count(*) FROM sentences");
	CHECK(n > 0 && n == q1(db, "SELECT json_extract(analysis, "
	                       "'$.stats.sentences') FROM article_json"),
	      "the one article whole: %lld sentences", n);
	CHECK(q1(db, "SELECT count(*) FROM feeds WHERE url LIKE "
	         "'%%/old/feed.rss' AND etag IS NULL") == 1,
	      "a feed with failed items keeps no validators");

	/* Again with a higher cap: the failed items are retried, the
	 * stored one is not fetched again. */
	err = NULL;
	st = watch(feeds, db, "--delay 0 --timeout 400ms --max-bytes 400000",
	           &err);
	free(err);
	CHECK(hits(s, "/big.html", NULL) == 2 &&
	      hits(s, "/stories/ferry.html", NULL) == 1, "retried");
	CHECK(q1(db, "SELECT count(*) FROM articles") == 3 &&
	      q1(db, "SELECT count(*) FROM feed_links") == 3,
	      "the big pages stored now");
}

/* Two requests to one host are at least --delay apart, by the
 * server's clock. */
static void delay(server *s)
{
	const char *db = tpath("delay.db"), *feeds = tpath("delay.txt");
	char list[256], *err = NULL;
	size_t i;
	double least = 1e9;
	int st;

	rm_db(db);
	serve(s, "/d.rss", 200, "application/rss+xml",
	      RSS_HEAD "%s%s" RSS_TAIL, "Delay Gazette",
	      rss_item(s, 3, "/d1.html"), rss_item(s, 5, "/d2.html"));
	serve(s, "/d1.html", 200, "text/html", "%s", page(3, NULL));
	serve(s, "/d2.html", 200, "text/html", "%s", page(5, NULL));
	snprintf(list, sizeof(list), "http://127.0.0.1:%d/d.rss\n", s->port);
	write_file(feeds, list);
	st = watch(feeds, db, "--delay 200ms", &err);
	CHECK(st == 0 && has(err, "2 new articles"), "delay run: %d %s", st,
	      err ? err : "");
	free(err);
	pthread_mutex_lock(&s->mu);
	CHECK(s->nhits == 4, "robots, feed, two pages: %zu", s->nhits);
	for (i = 1; i < s->nhits; i++)
		if (s->hits[i].t - s->hits[i - 1].t < least)
			least = s->hits[i].t - s->hits[i - 1].t;
	pthread_mutex_unlock(&s->mu);
	CHECK(least >= 0.2, "requests %.3f s apart, want >= 0.2", least);
}

/* FEEDS.txt with bad lines; a missing file. */
static void feeds_file(void)
{
	const char *feeds = tpath("bad.txt"), *db = tpath("bad.db");
	char *err = NULL;
	int st;

	rm_db(db);
	write_file(feeds, "# feeds\n\nhttp://127.0.0.1:1/a.rss\n"
	           "ftp://127.0.0.1/b.rss\nhttp://x y\n");
	st = watch(feeds, db, "", &err);
	CHECK(st == 2 && has(err, "bad.txt:4: not an http(s) URL") &&
	      has(err, "bad.txt:5:") && !has(err, "bad.txt:3"),
	      "bad lines named: %d %s", st, err ? err : "");
	free(err);
	CHECK(access(db, F_OK) != 0, "nothing polled, no database");
	err = NULL;
	st = watch(tpath("none.txt"), db, "", &err);
	CHECK(st == 1 && has(err, "none.txt"), "missing file: %d", st);
	free(err);
	err = NULL;
	st = watch(feeds, db, "--every 10x", &err);
	CHECK(st == 2 && has(err, "--every takes a duration"),
	      "bad duration: %d", st);
	free(err);
}

/* A version 4 database gains the feeds tables. */
static void upgrade_v4(void)
{
	const char *path = tpath("v4.db");
	sqlite3 *db = NULL;
	px_store *s = NULL;
	px_error err;
	int i;

	rm_db(path);
	CHECK(sqlite3_open(path, &db) == 0, "v4 db");
	for (i = 0; i < 4; i++)
		CHECK(pxs_migrations[i].version == i + 1 &&
		      sqlite3_exec(db, pxs_migrations[i].sql, NULL, NULL,
		                   NULL) == 0, "migration %d", i + 1);
	CHECK(sqlite3_exec(db, "INSERT INTO schema_migrations VALUES "
	                   "(1, 'v1', 'then'), (2, 'v2', 'then'), "
	                   "(3, 'v3', 'then'), (4, 'v4', 'then');"
	                   "PRAGMA user_version = 4;", NULL, NULL, NULL) == 0,
	      "v4 rows");
	sqlite3_close(db);
	CHECK(px_store_open(path, 0, &s, &err) == PX_OK, "open v4: %s",
	      err.msg);
	px_store_close(s);
	CHECK(q1(path, "PRAGMA user_version") == PX_STORE_SCHEMA_VERSION &&
	      PX_STORE_SCHEMA_VERSION >= 5, "upgraded");
	CHECK(q1(path, "SELECT count(*) FROM feeds") == 0 &&
	      q1(path, "SELECT count(*) FROM feed_links") == 0,
	      "feeds tables made");
}

int test_watch(void)
{
	const char *slash = strrchr(bin(), '/');
	server plain, tls, rob, bad, slow;
	char cmd[2048], *key = NULL, *cert = NULL;
	int have_tls;

	if (slash)
		snprintf(dir, sizeof(dir), "%.*s/test-watch",
		         (int)(slash - bin()), bin());
	mkdir("build", 0777);
	mkdir(dir, 0777);
	feeds_file();
	upgrade_v4();
	snprintf(cmd, sizeof(cmd), "openssl req -x509 -newkey rsa:2048 "
	         "-nodes -subj /CN=127.0.0.1 -addext subjectAltName=IP:"
	         "127.0.0.1 -days 2 -keyout %s -out %s >/dev/null 2>&1",
	         tpath("key.pem"), tpath("cert.pem"));
	have_tls = system(cmd) == 0;
	if (have_tls) {
		key = t_read_file(tpath("key.pem"), NULL);
		cert = t_read_file(tpath("cert.pem"), NULL);
	}
	CHECK(server_start(&plain, NULL, NULL) == 0, "http server");
	CHECK(server_start(&rob, NULL, NULL) == 0, "robots server");
	CHECK(server_start(&bad, NULL, NULL) == 0, "failing server");
	CHECK(server_start(&slow, NULL, NULL) == 0, "delay server");
	if (plain.d)
		plain_http(&plain);
	if (rob.d)
		robots(&rob);
	if (bad.d)
		failures(&bad);
	if (slow.d)
		delay(&slow);
	if (key && cert) {
		CHECK(server_start(&tls, key, cert) == 0, "https server");
		if (tls.d)
			https(&tls, tpath("cert.pem"));
		server_stop(&tls);
	} else {
		printf("[watch] skip https: openssl req failed\n");
	}
	server_stop(&plain);
	server_stop(&rob);
	server_stop(&bad);
	server_stop(&slow);
	free(key);
	free(cert);
	return 0;
}
