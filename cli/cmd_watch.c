/*
 * cmd_watch.c - parallax watch: poll news feeds over HTTP(S) with
 * libcurl and store their articles as `parallax ingest` does.
 *
 * Each poll takes the feeds of FEEDS.txt in order, one request at a
 * time. A feed is asked for with the validators of its last full
 * response (If-None-Match, If-Modified-Since; kept in the feeds table,
 * so a restart resumes); 304 means nothing new. Each item of a changed
 * feed whose link is not stored yet has its page fetched, extracted and
 * analyzed with the item's title, date, author and outlet under it, and
 * is stored in a transaction of its own together with its link
 * (feed_links): a kill leaves whole articles, and a restart fetches
 * nothing stored again. Every host is asked for its robots.txt once per
 * run (then once a day) and obeyed, and is never asked twice within
 * --delay. Failures (DNS, connection, timeout, HTTP status, oversize,
 * bad feed, bad page) are reported naming the URL, recorded in the
 * errors table, and the poll goes on; a feed with a failed item keeps
 * no validators, so the next poll reads it again and retries the item.
 * I/O policy lives here, not in lib/.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "dbcmd.h"

#define AGENT_TOKEN "parallax"
#define USER_AGENT AGENT_TOKEN "/" PX_VERSION
#define ROBOTS_MAX ((size_t)512 << 10) /* read at most this of robots.txt */
#define ROBOTS_TTL (24 * 3600.0)       /* seconds a robots.txt is kept */

typedef struct watch_opts {
	const char *db;
	const char *feeds;   /* the FEEDS.txt path */
	const char *ca;      /* CA bundle, or NULL for the system's */
	int once;
	double every;        /* seconds between polls */
	double delay;        /* seconds between requests to one host */
	double timeout;      /* seconds a response may take */
	size_t max_bytes;    /* cap of a response and of an article */
	long max_redirs;
	px_options px;
} watch_opts;

/* One robots.txt rule: Allow or Disallow of a path prefix. */
typedef struct rule {
	int allow;
	char *path;
} rule;

/* What a run knows of a host (scheme://host:port). */
typedef struct host {
	char *key;
	double last;      /* when the last request to it ended; < 0 never */
	int robots;       /* 0 not read, 1 read (rules), 2 unreachable */
	double robots_at; /* when it was read */
	size_t poll;      /* the poll that found it unreachable */
	rule *rules;
	size_t nrules;
} host;

/* A response: its body (at most max bytes) and the headers kept. */
typedef struct response {
	char *p;
	size_t n, cap, max;
	int over;         /* the body went over max */
	long status;
	char *etag, *last_modified, *content_type;
} response;

typedef struct watcher {
	watch_opts o;
	CURL *curl;
	px_store *s;
	host *hosts;
	size_t nhosts, caphosts;
	size_t poll;                   /* 1 for the first poll */
	size_t fresh, not_modified, errors; /* this poll's counts */
	int sys;                       /* the store failed: stop */
	char errbuf[CURL_ERROR_SIZE];
} watcher;

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void pause_for(double secs)
{
	struct timespec t;

	if (secs <= 0)
		return;
	t.tv_sec = (time_t)secs;
	t.tv_nsec = (long)((secs - (double)t.tv_sec) * 1e9);
	while (nanosleep(&t, &t) && errno == EINTR)
		;
}

/* Fill e with code and "url: why". */
static px_status fail(px_error *e, px_status code, const char *url,
                      const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static px_status fail(px_error *e, px_status code, const char *url,
                      const char *fmt, ...)
{
	char why[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	memset(e, 0, sizeof(*e));
	e->code = code;
	snprintf(e->source, sizeof(e->source), "%s", url);
	snprintf(e->msg, sizeof(e->msg), "%s: %s", url, why);
	return code;
}

/* ---- URLs ----------------------------------------------------------- */

/* ref resolved against base (NULL: ref must be absolute), if it is an
 * http(s) URL with a host: malloc'd, else NULL. With key, also its
 * host's key "scheme://host:port" (malloc'd); with path, its path and
 * query (malloc'd). */
static char *url_parse(const char *base, const char *ref, char **key,
                       char **path)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *hostname = NULL, *port = NULL, *p = NULL;
	char *q = NULL, *full = NULL;
	int ok = 0;

	if (key)
		*key = NULL;
	if (path)
		*path = NULL;
	if (!u)
		return NULL;
	if (base && curl_url_set(u, CURLUPART_URL, base, 0))
		goto out;
	if (curl_url_set(u, CURLUPART_URL, ref, 0) ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) ||
	    curl_url_get(u, CURLUPART_HOST, &hostname, 0) ||
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) ||
	    curl_url_get(u, CURLUPART_PATH, &p, 0) ||
	    curl_url_get(u, CURLUPART_URL, &full, 0))
		goto out;
	if (strcasecmp(scheme, "http") && strcasecmp(scheme, "https"))
		goto out;
	if (curl_url_get(u, CURLUPART_QUERY, &q, 0))
		q = NULL; /* none */
	ok = 1;
	if (key) {
		size_t n = strlen(scheme) + strlen(hostname) + strlen(port) + 5;

		*key = malloc(n);
		if (*key)
			snprintf(*key, n, "%s://%s:%s", scheme, hostname, port);
		else
			ok = 0;
	}
	if (ok && path) {
		size_t n = strlen(p) + (q ? strlen(q) + 1 : 0) + 2;

		*path = malloc(n);
		if (*path)
			snprintf(*path, n, "%s%s%s", p[0] ? p : "/",
			         q ? "?" : "", q ? q : "");
		else
			ok = 0;
	}
out:
	curl_free(scheme);
	curl_free(hostname);
	curl_free(port);
	curl_free(p);
	curl_free(q);
	curl_url_cleanup(u);
	if (!ok) {
		if (key) {
			free(*key);
			*key = NULL;
		}
		if (path) {
			free(*path);
			*path = NULL;
		}
		curl_free(full);
		return NULL;
	}
	p = strdup(full);
	curl_free(full);
	return p;
}

/* ---- HTTP ------------------------------------------------------------ */

static void response_clear(response *r)
{
	free(r->p);
	free(r->etag);
	free(r->last_modified);
	free(r->content_type);
	memset(r, 0, sizeof(*r));
}

static size_t on_body(char *data, size_t size, size_t n, void *ctx)
{
	response *r = ctx;
	size_t len = size * n;

	if (len > r->max - r->n) {
		r->over = 1;
		return 0; /* ends the transfer: CURLE_WRITE_ERROR */
	}
	if (r->n + len + 1 > r->cap) {
		size_t cap = r->cap ? r->cap : 16384;
		char *p;

		while (cap < r->n + len + 1)
			cap *= 2;
		p = realloc(r->p, cap);
		if (!p)
			return 0;
		r->p = p;
		r->cap = cap;
	}
	memcpy(r->p + r->n, data, len);
	r->n += len;
	r->p[r->n] = '\0';
	return len;
}

/* A header's value if line is that header ("Name: value\r\n"). */
static char *header_value(const char *line, size_t n, const char *name)
{
	size_t k = strlen(name), end;
	char *z;

	if (n <= k || strncasecmp(line, name, k) || line[k] != ':')
		return NULL;
	k++;
	while (k < n && (line[k] == ' ' || line[k] == '\t'))
		k++;
	end = n;
	while (end > k && (line[end - 1] == '\r' || line[end - 1] == '\n' ||
	                   line[end - 1] == ' ' || line[end - 1] == '\t'))
		end--;
	if (end == k)
		return NULL;
	z = malloc(end - k + 1);
	if (z) {
		memcpy(z, line + k, end - k);
		z[end - k] = '\0';
	}
	return z;
}

static void keep(char **slot, char *z)
{
	if (z) {
		free(*slot);
		*slot = z;
	}
}

/* Headers: those of the last response count (redirects come first). */
static size_t on_header(char *line, size_t size, size_t n, void *ctx)
{
	response *r = ctx;
	size_t len = size * n;

	if (len >= 5 && !strncmp(line, "HTTP/", 5)) {
		free(r->etag);
		free(r->last_modified);
		free(r->content_type);
		r->etag = r->last_modified = r->content_type = NULL;
		return len;
	}
	keep(&r->etag, header_value(line, len, "ETag"));
	keep(&r->last_modified, header_value(line, len, "Last-Modified"));
	keep(&r->content_type, header_value(line, len, "Content-Type"));
	return len;
}

/* The host of key, added when new; NULL when out of memory. */
static host *host_get(watcher *w, const char *key)
{
	size_t i;
	host *h;

	for (i = 0; i < w->nhosts; i++)
		if (!strcmp(w->hosts[i].key, key))
			return &w->hosts[i];
	if (w->nhosts == w->caphosts) {
		size_t cap = w->caphosts ? w->caphosts * 2 : 16;
		host *nh = realloc(w->hosts, cap * sizeof(*nh));

		if (!nh)
			return NULL;
		w->hosts = nh;
		w->caphosts = cap;
	}
	h = &w->hosts[w->nhosts];
	memset(h, 0, sizeof(*h));
	h->key = strdup(key);
	if (!h->key)
		return NULL;
	h->last = -1;
	w->nhosts++;
	return h;
}

/*
 * GET url into r (its body capped at --max-bytes), after waiting out the
 * host's delay; conditional when etag or last_modified is given. PX_OK
 * with r->status set when a response came (any status), else the
 * failure in e naming url.
 */
static px_status fetch(watcher *w, host *h, const char *url,
                       const char *etag, const char *last_modified,
                       response *r, px_error *e)
{
	CURL *c = w->curl;
	struct curl_slist *hdrs = NULL, *t;
	char line[1024];
	CURLcode cc;
	px_status rc = PX_OK;

	memset(r, 0, sizeof(*r));
	r->max = w->o.max_bytes;
	if (h->last >= 0)
		pause_for(h->last + w->o.delay - now());
	if (etag) {
		snprintf(line, sizeof(line), "If-None-Match: %s", etag);
		t = curl_slist_append(hdrs, line);
		if (!t)
			goto oom;
		hdrs = t;
	}
	if (last_modified) {
		snprintf(line, sizeof(line), "If-Modified-Since: %s",
		         last_modified);
		t = curl_slist_append(hdrs, line);
		if (!t)
			goto oom;
		hdrs = t;
	}
	curl_easy_reset(c);
	w->errbuf[0] = '\0';
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, w->o.max_redirs);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS,
	                 (long)(w->o.timeout * 1000 + 0.5));
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, USER_AGENT);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE,
	                 (curl_off_t)w->o.max_bytes);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, w->errbuf);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
	if (hdrs)
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	if (w->o.ca)
		curl_easy_setopt(c, CURLOPT_CAINFO, w->o.ca);
	cc = curl_easy_perform(c);
	h->last = now();
	curl_slist_free_all(hdrs);
	if (cc == CURLE_OK) {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
		return PX_OK;
	}
	if (r->over || cc == CURLE_FILESIZE_EXCEEDED)
		rc = fail(e, PX_ETOOBIG, url, "response over the cap of %zu "
		          "bytes (--max-bytes)", w->o.max_bytes);
	else if (cc == CURLE_OPERATION_TIMEDOUT)
		rc = fail(e, PX_EIO, url, "timed out after %g s (--timeout)",
		          w->o.timeout);
	else if (cc == CURLE_TOO_MANY_REDIRECTS)
		rc = fail(e, PX_EIO, url, "more than %ld redirects",
		          w->o.max_redirs);
	else if (cc == CURLE_WRITE_ERROR)
		rc = fail(e, PX_ENOMEM, url, "out of memory");
	else
		rc = fail(e, PX_EIO, url, "%s", w->errbuf[0] ? w->errbuf
		          : curl_easy_strerror(cc));
	response_clear(r);
	return rc;
oom:
	curl_slist_free_all(hdrs);
	return fail(e, PX_ENOMEM, url, "out of memory");
}

/* ---- robots.txt ------------------------------------------------------ */

static void rules_free(host *h)
{
	size_t i;

	for (i = 0; i < h->nrules; i++)
		free(h->rules[i].path);
	free(h->rules);
	h->rules = NULL;
	h->nrules = 0;
}

static int rule_add(host *h, int allow, const char *p, size_t n)
{
	rule *nr = realloc(h->rules, (h->nrules + 1) * sizeof(*nr));

	if (!nr)
		return -1;
	h->rules = nr;
	nr[h->nrules].allow = allow;
	nr[h->nrules].path = malloc(n + 1);
	if (!nr[h->nrules].path)
		return -1;
	memcpy(nr[h->nrules].path, p, n);
	nr[h->nrules].path[n] = '\0';
	h->nrules++;
	return 0;
}

/*
 * Read robots.txt (p, n) into h's rules: those of the groups naming
 * "parallax" if any, else of the groups for "*". A group is a run of
 * User-agent lines and the rules after them; Allow and Disallow take
 * path prefixes (an empty Disallow allows all); other lines are passed
 * over. Two passes: the first finds whether a parallax group exists.
 */
static int robots_parse(host *h, const char *p, size_t n)
{
	int pass, own = 0;

	for (pass = 0; pass < 2; pass++) {
		size_t i = 0;
		int in_agents = 0, mine = 0, star = 0;

		while (i < n) {
			size_t end = i, k, ke, v, ve;
			int agent, allow, disallow;

			while (end < n && p[end] != '\n' && p[end] != '\r')
				end++;
			ve = i;
			while (ve < end && p[ve] != '#')
				ve++;
			k = i;
			while (k < ve && (p[k] == ' ' || p[k] == '\t'))
				k++;
			ke = k;
			while (ke < ve && p[ke] != ':')
				ke++;
			i = end + 1;
			if (ke == ve)
				continue; /* blank, comment, or no field */
			v = ke + 1;
			while (v < ve && (p[v] == ' ' || p[v] == '\t'))
				v++;
			while (ve > v && (p[ve - 1] == ' ' ||
			                  p[ve - 1] == '\t'))
				ve--;
			while (ke > k && (p[ke - 1] == ' ' ||
			                  p[ke - 1] == '\t'))
				ke--;
			agent = ke - k == 10 && !strncasecmp(p + k,
			                                     "user-agent", 10);
			allow = ke - k == 5 && !strncasecmp(p + k, "allow", 5);
			disallow = ke - k == 8 && !strncasecmp(p + k,
			                                       "disallow", 8);
			if (agent) {
				if (!in_agents)
					mine = star = 0;
				in_agents = 1;
				if (ve - v == 1 && p[v] == '*')
					star = 1;
				else if (ve - v == strlen(AGENT_TOKEN) &&
				         !strncasecmp(p + v, AGENT_TOKEN,
				                      ve - v))
					mine = 1;
				own |= mine; /* even with no rules */
				continue;
			}
			if (!allow && !disallow)
				continue; /* Sitemap, Crawl-delay, ... */
			in_agents = 0;
			if (pass == 0)
				continue;
			if (!(own ? mine : star) || v == ve)
				continue;
			if (rule_add(h, allow, p + v, ve - v))
				return -1;
		}
	}
	return 0;
}

/* May path be fetched? The longest matching prefix decides, Allow on a
 * tie; no match allows. */
static int robots_allow(const host *h, const char *path)
{
	size_t i, best = 0;
	int allow = 1;

	if (!strcmp(path, "/robots.txt"))
		return 1;
	for (i = 0; i < h->nrules; i++) {
		size_t n = strlen(h->rules[i].path);

		if (strncmp(path, h->rules[i].path, n))
			continue;
		if (n > best || (n == best && h->rules[i].allow)) {
			best = n;
			allow = h->rules[i].allow;
		}
	}
	return allow;
}

/*
 * Is url allowed by its host's robots.txt? Reads it when not read yet
 * this run (or a day ago): 2xx gives its rules, another 4xx allows
 * all, and a 5xx or a failed transfer makes the host unreachable for
 * this poll (nothing fetched; the failure in e). 1 allowed, 0 not, -1
 * on failure with e set.
 */
static int robots_check(watcher *w, host *h, const char *path, px_error *e)
{
	response r;
	char url[1200];
	px_status rc;

	if (h->robots == 1 && now() - h->robots_at > ROBOTS_TTL)
		h->robots = 0;
	if (h->robots == 2 && h->poll != w->poll)
		h->robots = 0;
	if (!h->robots) {
		snprintf(url, sizeof(url), "%s/robots.txt", h->key);
		rules_free(h);
		rc = fetch(w, h, url, NULL, NULL, &r, e);
		if (rc == PX_OK && r.status >= 500)
			rc = fail(e, PX_EIO, url, "HTTP %ld", r.status);
		if (rc == PX_OK && r.status >= 200 && r.status < 300 &&
		    robots_parse(h, r.p ? r.p : "", r.n < ROBOTS_MAX ? r.n
		                 : ROBOTS_MAX))
			rc = fail(e, PX_ENOMEM, url, "out of memory");
		response_clear(&r);
		if (rc) {
			h->robots = 2;
			h->poll = w->poll;
		} else {
			h->robots = 1;
			h->robots_at = now();
		}
	}
	if (h->robots == 2) {
		snprintf(url, sizeof(url), "%s/robots.txt", h->key);
		if (!e->code)
			fail(e, PX_EIO, url, "failed earlier in this poll");
		return -1;
	}
	return robots_allow(h, path);
}

/* ---- Polling ----------------------------------------------------------- */

/* e, which names the robots.txt of url, as a failure of url. */
static void robots_failed(px_error *e, const char *url)
{
	char why[sizeof(e->msg)];

	snprintf(why, sizeof(why), "%s", e->msg);
	fail(e, e->code, url, "robots.txt unreachable: %.400s", why);
}

/* Report a failure and record it in the errors table. */
static void failed(watcher *w, const px_error *e)
{
	px_error err;

	px_cli_err("%s", e->msg);
	w->errors++;
	if (px_store_log_error(w->s, e->source, e->line, e, &err)) {
		px_cli_store_fail(&err);
		w->sys = 1;
	}
}

/* Does z hold word, in any case? */
static const char *has_word(const char *z, const char *word)
{
	size_t n = strlen(word);

	for (; z && *z; z++)
		if (!strncasecmp(z, word, n))
			return z;
	return NULL;
}

/* The charset parameter of a Content-Type, into out. */
static const char *charset_of(const char *type, char *out, size_t cap)
{
	const char *p = has_word(type, "charset=");
	size_t n = 0;

	if (!p)
		return NULL;
	p += 8;
	if (*p == '"')
		p++;
	while (p[n] && p[n] != '"' && p[n] != ';' && p[n] != ' ' &&
	       n + 1 < cap) {
		out[n] = p[n];
		n++;
	}
	out[n] = '\0';
	return n ? out : NULL;
}

/*
 * Analyze item (with the page fetched for it, when page is not NULL)
 * and store it in a transaction of its own with its link. 1 when
 * stored or already there, 0 when it failed (reported and recorded).
 */
static int store_item(watcher *w, const char *feed, const px_item *it,
                      const char *link, const response *page)
{
	px_item pi = *it;
	px_job job;
	px_article *a = NULL;
	char cs[64];
	px_ingest_json json;
	px_ingest_meta m;
	px_store_put_result res;
	px_error err;
	px_status rc;
	int ok = 0;

	memset(&job, 0, sizeof(job));
	memset(&json, 0, sizeof(json));
	memset(&m, 0, sizeof(m));
	memset(&err, 0, sizeof(err));
	m.outlet = it->source;
	if (page) {
		pi.content = page->p ? page->p : "";
		pi.content_len = page->n;
		pi.content_offset = 0;
		pi.flags = PX_ITEM_PAGE;
		pi.url = link;
		pi.input = link;
		pi.charset = charset_of(page->content_type, cs, sizeof(cs));
	} else if (link) {
		pi.url = link;
	}
	job.name = strdup(pi.input ? pi.input : feed);
	job.item = px_item_dup(&pi, NULL);
	if (!job.name || !job.item) {
		fail(&job.err, PX_ENOMEM, feed, "out of memory");
		job.rc = PX_ENOMEM;
	}
	rc = px_ingest_analyze(&job, &w->o.px, &m, &a, &json);
	if (rc == PX_EEMPTY && page && it->content_len) {
		/* A page without text: the feed's own content, if any. */
		px_job_clear(&job);
		px_ingest_json_free(&json);
		return store_item(w, feed, it, link, NULL);
	}
	if (rc) {
		px_cli_err("%s", job.err.msg);
		w->errors++;
	}
	rc = px_store_begin(w->s, &err);
	if (!rc)
		rc = px_ingest_store(w->s, &job, a, &json, &res, &err);
	if (!rc && !job.rc && link)
		rc = px_store_link_add(w->s, link, res.id, feed, &err);
	if (!rc)
		rc = px_store_commit(w->s, &err);
	if (rc) {
		px_store_rollback(w->s);
		px_cli_store_fail(&err);
		w->sys = 1;
	} else if (!job.rc) {
		ok = 1;
		if (res.kind == PX_PUT_NEW || res.kind == PX_PUT_VERSION)
			w->fresh++;
	}
	px_article_free(a);
	px_ingest_json_free(&json);
	px_job_clear(&job);
	return ok;
}

/* One item: skip it when its link is stored, else fetch its page (or
 * take the feed's content) and store it. 1 when done, 0 on failure. */
static int poll_item(watcher *w, const char *feed, const px_item *it)
{
	char *link = NULL, *key = NULL, *path = NULL;
	response r;
	px_error e, err;
	host *h;
	int known = 0, ok = 0, allowed;

	memset(&e, 0, sizeof(e));
	memset(&r, 0, sizeof(r));
	if (it->url && it->url[0]) {
		link = url_parse(feed, it->url, &key, &path);
		if (!link) {
			fail(&e, PX_EPARSE, it->input ? it->input : feed,
			     "item link is not an http(s) URL: %s", it->url);
			failed(w, &e);
			return 0;
		}
	}
	if (!link)
		return store_item(w, feed, it, NULL, NULL);
	if (px_store_link_known(w->s, link, &known, &err)) {
		px_cli_store_fail(&err);
		w->sys = 1;
		goto out;
	}
	if (known) {
		ok = 1;
		goto out;
	}
	h = host_get(w, key);
	if (!h) {
		fail(&e, PX_ENOMEM, link, "out of memory");
		failed(w, &e);
		goto out;
	}
	allowed = robots_check(w, h, path, &e);
	if (allowed < 0) {
		robots_failed(&e, link);
		failed(w, &e);
		goto out;
	}
	if (!allowed) {
		/* The page is not ours to fetch: the feed's own content,
		 * else nothing (and nothing recorded: robots.txt may
		 * change). */
		ok = it->content_len ? store_item(w, feed, it, link, NULL) : 1;
		goto out;
	}
	if (fetch(w, h, link, NULL, NULL, &r, &e)) {
		failed(w, &e);
		goto out;
	}
	if (r.status < 200 || r.status >= 300) {
		fail(&e, PX_EIO, link, "HTTP %ld", r.status);
		failed(w, &e);
		goto out;
	}
	if (r.content_type && !has_word(r.content_type, "html") &&
	    it->content_len)
		ok = store_item(w, feed, it, link, NULL); /* not a web page */
	else
		ok = store_item(w, feed, it, link, &r);
out:
	response_clear(&r);
	free(link);
	free(key);
	free(path);
	return ok;
}

/* Poll one feed. */
static void poll_feed(watcher *w, const char *url)
{
	char *key = NULL, *path = NULL, *etag = NULL, *lm = NULL;
	response r;
	px_error e, err;
	px_feed *f = NULL;
	host *h;
	int allowed, all_ok = 1;
	px_status rc;

	memset(&e, 0, sizeof(e));
	memset(&r, 0, sizeof(r));
	free(url_parse(NULL, url, &key, &path));
	h = key && path ? host_get(w, key) : NULL;
	if (!h) {
		fail(&e, PX_ENOMEM, url, "out of memory");
		failed(w, &e);
		goto out;
	}
	allowed = robots_check(w, h, path, &e);
	if (allowed <= 0) {
		if (allowed)
			robots_failed(&e, url);
		else
			fail(&e, PX_EIO, url, "disallowed by robots.txt");
		failed(w, &e);
		goto out;
	}
	if (px_store_feed_get(w->s, url, &etag, &lm, &err)) {
		px_cli_store_fail(&err);
		w->sys = 1;
		goto out;
	}
	if (fetch(w, h, url, etag, lm, &r, &e)) {
		failed(w, &e);
		all_ok = 0;
		goto record;
	}
	if (r.status == 304) {
		w->not_modified++;
		goto record;
	}
	if (r.status < 200 || r.status >= 300) {
		fail(&e, PX_EIO, url, "HTTP %ld", r.status);
		failed(w, &e);
		all_ok = 0;
		goto record;
	}
	rc = px_feed_open(r.p ? r.p : "", r.n, url, &w->o.px, &f, &e);
	while (!rc && !w->sys) {
		const px_item *it = NULL;

		rc = px_feed_next(f, &it, &e);
		if (rc || !it)
			break;
		if (!poll_item(w, url, it))
			all_ok = 0;
	}
	if (rc && rc != PX_EEMPTY) {
		failed(w, &e);
		all_ok = 0;
	}
record:
	/* Validators only when every item is in: else the next poll reads
	 * the feed again and retries what failed. */
	if (!w->sys && px_store_feed_set(w->s, url, (int)r.status,
	                                 all_ok ? r.etag : NULL,
	                                 all_ok ? r.last_modified : NULL,
	                                 &err)) {
		px_cli_store_fail(&err);
		w->sys = 1;
	}
out:
	px_feed_free(f);
	response_clear(&r);
	free(etag);
	free(lm);
	free(key);
	free(path);
}

/* ---- Command ------------------------------------------------------------ */

/*
 * The feeds of FEEDS.txt: one http(s) URL a line; blank lines and lines
 * starting with '#' are skipped. Each bad line is reported as
 * FILE:LINE; any makes it a usage error.
 */
static int read_feeds(const char *path, char ***feeds, size_t *n)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, **a = NULL;
	size_t cap = 0, lineno = 0, na = 0;
	ssize_t k;
	int bad = 0;

	*feeds = NULL;
	*n = 0;
	if (!f) {
		px_cli_err("cannot open %s: %s", path, strerror(errno));
		return PX_EXIT_INPUT;
	}
	while ((k = getline(&line, &cap, f)) >= 0) {
		char *z = line, *end = line + k, *url, **na2;

		lineno++;
		while (z < end && (*z == ' ' || *z == '\t'))
			z++;
		while (end > z && (end[-1] == '\n' || end[-1] == '\r' ||
		                   end[-1] == ' ' || end[-1] == '\t'))
			end--;
		*end = '\0';
		if (!*z || *z == '#')
			continue;
		url = strpbrk(z, " \t") ? NULL : url_parse(NULL, z, NULL, NULL);
		if (!url) {
			px_cli_err("%s:%zu: not an http(s) URL: %s", path,
			           lineno, z);
			bad = 1;
			continue;
		}
		na2 = realloc(a, (na + 1) * sizeof(*a));
		if (!na2) {
			free(url);
			bad = -1;
			break;
		}
		a = na2;
		a[na++] = url;
	}
	free(line);
	fclose(f);
	if (!bad && !na) {
		px_cli_err("%s: no feeds", path);
		bad = 1;
	}
	if (bad) {
		while (na)
			free(a[--na]);
		free(a);
		if (bad < 0)
			px_cli_err("out of memory");
		return bad < 0 ? PX_EXIT_SYSTEM : PX_EXIT_USAGE;
	}
	*feeds = a;
	*n = na;
	return 0;
}

/* A duration: a number with s (or none), ms, m or h; -1 if not one. */
static double duration(const char *z)
{
	char *end;
	double v;

	if (!z || *z < '0' || *z > '9')
		return -1;
	errno = 0;
	v = strtod(z, &end);
	if (errno || end == z || v != v)
		return -1;
	if (!strcmp(end, "") || !strcmp(end, "s"))
		return v;
	if (!strcmp(end, "ms"))
		return v / 1000;
	if (!strcmp(end, "m"))
		return v * 60;
	if (!strcmp(end, "h"))
		return v * 3600;
	return -1;
}

/* Options into o; an exit status, or -1 to go on. */
static int parse_args(int argc, char **argv, watch_opts *o)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		size_t k = 0;
		double d;

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			px_cli_help(stdout, "watch");
			return PX_EXIT_OK;
		} else if (!strcmp(a, "--db") || !strcmp(a, "--ca")) {
			if (!v)
				return px_cli_usage("watch", "%s needs a path",
				                    a);
			if (!strcmp(a, "--db"))
				o->db = v;
			else
				o->ca = v;
			i++;
		} else if (!strcmp(a, "--once")) {
			o->once = 1;
		} else if (!strcmp(a, "--every") || !strcmp(a, "--delay") ||
		           !strcmp(a, "--timeout")) {
			d = duration(v);
			if (d < 0 || (d == 0 && strcmp(a, "--delay")))
				return px_cli_usage("watch", "%s takes a "
				                    "duration such as 30s, 10m, 1h "
				                    "or 500ms", a);
			if (!strcmp(a, "--every"))
				o->every = d;
			else if (!strcmp(a, "--delay"))
				o->delay = d;
			else
				o->timeout = d;
			i++;
		} else if (!strcmp(a, "--max-bytes")) {
			if (px_cli_number(v, &o->max_bytes))
				return px_cli_usage("watch", "%s takes a "
				                    "positive number of bytes",
				                    a);
			i++;
		} else if (!strcmp(a, "--max-redirs")) {
			if (!v || (strcmp(v, "0") && (px_cli_number(v, &k) ||
			                               k > 50)))
				return px_cli_usage("watch", "%s takes a "
				                    "number from 0 to 50", a);
			o->max_redirs = strcmp(v, "0") ? (long)k : 0;
			i++;
		} else if (a[0] == '-' && a[1]) {
			return px_cli_usage("watch", "unknown option '%s'", a);
		} else if (o->feeds) {
			return px_cli_usage("watch", "one feeds file only");
		} else {
			o->feeds = a;
		}
	}
	if (!o->feeds)
		return px_cli_usage("watch", "no feeds file given");
	return -1;
}

int cmd_watch(int argc, char **argv)
{
	watcher w;
	char **feeds = NULL;
	size_t nfeeds = 0, i;
	px_stories_opts st;
	px_error err;
	int rc, failures = 0;

	memset(&w, 0, sizeof(w));
	w.o.db = PX_DEFAULT_DB;
	w.o.every = 600;
	w.o.delay = 1;
	w.o.timeout = 30;
	w.o.max_redirs = 5;
	w.o.max_bytes = PX_DEFAULT_MAX_BYTES;
	rc = parse_args(argc, argv, &w.o);
	if (rc >= 0)
		return rc;
	w.o.px.max_bytes = w.o.max_bytes;
	w.o.px.langid = px_cli_langid();
	rc = read_feeds(w.o.feeds, &feeds, &nfeeds);
	if (rc)
		return rc;
	if (curl_global_init(CURL_GLOBAL_DEFAULT)) {
		px_cli_err("cannot start libcurl");
		rc = PX_EXIT_SYSTEM;
		goto out;
	}
	w.curl = curl_easy_init();
	if (!w.curl) {
		px_cli_err("cannot start libcurl");
		rc = PX_EXIT_SYSTEM;
		goto out;
	}
	rc = px_cli_store(w.o.db, PX_STORE_CREATE, &w.s);
	if (rc)
		goto out;
	/* New articles join the stories of the stored ones, as in ingest. */
	memset(&st, 0, sizeof(st));
	st.max_live = PX_INGEST_LIVE;
	memset(&err, 0, sizeof(err));
	if (px_store_stories_load(w.s, &st, &err)) {
		rc = px_cli_store_fail(&err);
		goto out;
	}
	for (;;) {
		double t0 = now();

		w.poll++;
		w.fresh = w.not_modified = w.errors = 0;
		for (i = 0; i < nfeeds && !w.sys; i++)
			poll_feed(&w, feeds[i]);
		fprintf(stderr, "watch: %zu feeds, %zu new articles, %zu not "
		        "modified, %zu errors\n", nfeeds, w.fresh,
		        w.not_modified, w.errors);
		failures += w.errors > 0;
		if (w.sys || w.o.once)
			break;
		pause_for(t0 + w.o.every - now());
	}
	rc = w.sys ? PX_EXIT_SYSTEM : failures ? PX_EXIT_INPUT : PX_EXIT_OK;
out:
	for (i = 0; i < w.nhosts; i++) {
		rules_free(&w.hosts[i]);
		free(w.hosts[i].key);
	}
	free(w.hosts);
	for (i = 0; i < nfeeds; i++)
		free(feeds[i]);
	free(feeds);
	px_store_close(w.s);
	if (w.curl)
		curl_easy_cleanup(w.curl);
	curl_global_cleanup();
	return rc;
}
