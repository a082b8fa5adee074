/*
 * parallax.h - the one public header of the Parallax engine.
 *
 * Parallax reads news articles and reports, for each, its paragraphs,
 * sentences, tokens and site residue, every span as byte offsets into the
 * article's original bytes. The engine is a set of pure functions over
 * text: no global state, no I/O. Distinct articles may be analyzed on
 * distinct threads at once.
 *
 * Ownership, in one rule: everything an article reports lives in the
 * article's arena and stays valid until px_article_free() on it.
 *
 *   px_error err;
 *   px_article *a = NULL;
 *   px_status rc = px_article_from_text(bytes, n, "a.txt", NULL, &a, &err);
 *   if (rc != PX_OK)
 *       fprintf(stderr, "parallax: %s\n", err.msg);
 *   ...
 *   px_article_free(a);
 */
#ifndef PARALLAX_H
#define PARALLAX_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(PX_BUILDING) && defined(__GNUC__)
#define PX_API __attribute__((visibility("default")))
#else
#define PX_API
#endif

#define PX_VERSION "0.1.0"

/* ---- Status and errors ------------------------------------------------ */

typedef enum px_status {
	PX_OK = 0,
	PX_ENOMEM,  /* out of memory */
	PX_EINVAL,  /* bad argument (a programmer error) */
	PX_EUTF8,   /* invalid UTF-8 */
	PX_ENUL,    /* NUL byte in text */
	PX_EEMPTY,  /* empty input, or no text */
	PX_ETOOBIG, /* input over the size cap */
	PX_EPARSE,  /* malformed structured input (JSON) */
	PX_EIO,     /* reading or writing failed (CLI and store) */
	PX_ESTORE   /* the store failed */
} px_status;

/* Constant English text for a status; never NULL. */
PX_API const char *px_strerror(px_status rc);

/*
 * What went wrong and where. Readers fill it when given one: the input's
 * name, the byte offset (from the start of the input the reader was given),
 * the 1-based line and the message, which already names input and place.
 */
typedef struct px_error {
	px_status code;
	size_t offset; /* byte offset of the problem in the input */
	size_t line;   /* 1-based line of the problem, 0 if unknown */
	char source[256];
	char msg[640];
} px_error;

/* ---- Allocation -------------------------------------------------------- */

/*
 * A replaceable allocator. Any function may be NULL to use the C library's.
 * alloc/realloc return NULL on failure; Parallax then reports PX_ENOMEM and
 * leaves no partial object behind.
 */
typedef struct px_allocator {
	void *(*alloc)(void *ctx, size_t n);
	void *(*realloc)(void *ctx, void *p, size_t n);
	void (*free)(void *ctx, void *p);
	void *ctx;
} px_allocator;

/* ---- Options ----------------------------------------------------------- */

#define PX_DEFAULT_MAX_BYTES ((size_t)4 << 20)

/* Option flags (px_options.flags). */
#define PX_OPT_NO_TITLE 0x1u /* never take the first line as title */
#define PX_OPT_NO_FRONT 0x2u /* never read a front-matter block */
#define PX_OPT_TEXT_ONLY 0x4u /* stop after the text stages: paragraphs,
                               * tokens, sentences and residue; no
                               * entities, quotes, amounts or dates */

/* Language fingerprints (px_langid_open); opaque, read-only once open. */
typedef struct px_langid px_langid;

typedef struct px_options {
	const px_allocator *alc; /* NULL: the C library's */
	size_t max_bytes;        /* article size cap; 0: PX_DEFAULT_MAX_BYTES */
	unsigned flags;          /* PX_OPT_* */
	/* When not NULL, each article's language is identified after the
	 * text stages, and the stages that read English (entities, quotes,
	 * tone, highlights) run only on English text, text too short for a
	 * firm verdict (under 200 bytes), or text where English is an
	 * unsure runner-up. NULL:
	 * no identification, every stage runs. May be shared by threads. */
	const px_langid *langid;
} px_options;

/* ---- Spans and results -------------------------------------------------- */

/* A half-open byte range [start, end) into the article's original bytes. */
typedef struct px_span {
	size_t start;
	size_t end;
} px_span;

typedef enum px_token_kind {
	PX_TOK_WORD = 1,
	PX_TOK_NUMBER,
	PX_TOK_PUNCT,
	PX_TOK_QUOTE, /* quote marks: straight, curly, single, guillemets */
	PX_TOK_URL,
	PX_TOK_EMAIL,
	PX_TOK_HASHTAG,
	PX_TOK_SYMBOL
} px_token_kind;

/* Token flags. */
#define PX_TF_CAP 0x01u      /* first letter upper case */
#define PX_TF_UPPER 0x02u    /* all letters upper case (two or more) */
#define PX_TF_ABBR 0x04u     /* abbreviation or initial ending in '.' */
#define PX_TF_OPEN 0x08u     /* quote mark that opens */
#define PX_TF_CLOSE 0x10u    /* quote mark that closes */
#define PX_TF_RESIDUE 0x20u  /* inside a residue span */
#define PX_TF_NONASCII 0x40u /* holds non-ASCII characters */

typedef struct px_token {
	uint32_t start; /* byte offsets into the original text */
	uint32_t end;
	uint8_t kind;   /* px_token_kind */
	uint8_t flags;  /* PX_TF_* */
	uint16_t para;  /* paragraph index, saturating at 65535 */
} px_token;

typedef struct px_sentence {
	px_span span;
	size_t tok_first; /* index of the first token */
	size_t tok_count;
	size_t para;      /* paragraph index */
	int heading;      /* a heading or headline line, no final punctuation */
	int residue;      /* wholly inside a residue span */
} px_sentence;

typedef struct px_paragraph {
	px_span span;
	int heading; /* a single short line without final punctuation */
	int bullet;  /* a list item */
} px_paragraph;

typedef enum px_residue_kind {
	PX_RES_REPEATED_HEADLINE = 1,
	PX_RES_SUMMARY_PANEL,
	PX_RES_SENTIMENT_PANEL,
	PX_RES_TABLE_PANEL,
	PX_RES_PANEL_HEADING,
	PX_RES_INJECTED_LINK,
	PX_RES_PAGE_METADATA,
	PX_RES_TAG,
	PX_RES_BYLINE,
	PX_RES_SITE_FOOTER,
	PX_RES_REPEATED_PARAGRAPH
} px_residue_kind;

typedef struct px_residue {
	px_span span;
	px_residue_kind kind;
	const char *reason; /* constant text, e.g. "injected internal link" */
} px_residue;

/* Entities: people, organizations, places and groups. */
typedef enum px_entity_type {
	PX_ENT_PERSON = 1,
	PX_ENT_ORG,
	PX_ENT_PLACE,
	PX_ENT_GROUP, /* nationality or group word: Russian, Western */
	PX_ENT_OTHER  /* other names: events, laws, works */
} px_entity_type;

/* One mention of an entity in the text. */
typedef struct px_mention {
	px_span span;        /* the name as written, without a possessive */
	px_entity_type type;
	size_t entity;       /* index into px_article_entities() */
	size_t sentence;     /* index into px_article_sentences() */
	const char *role;    /* role or title given here, as written, or NULL */
	px_span role_span;   /* the role's first stretch in the text */
} px_mention;

/* An entity: all mentions of one actor within the article. */
typedef struct px_entity {
	const char *name;    /* its fullest name in the article */
	px_entity_type type;
	const char *role;    /* the first role the article gives, or NULL */
	const char *key;     /* spelling-insensitive key (see px_name_key) */
	size_t first;        /* index of its first mention */
	size_t count;        /* number of mentions */
} px_entity;

/* Direct and reported speech. */
typedef enum px_quote_kind {
	PX_QUOTE_DIRECT = 1, /* the words inside quote marks */
	PX_QUOTE_REPORTED    /* reported speech: "X warned that ..." */
} px_quote_kind;

typedef enum px_speaker_kind {
	PX_SPEAKER_NAMED = 1, /* resolved to an entity */
	PX_SPEAKER_ANONYMOUS, /* "a senior official", "sources" */
	PX_SPEAKER_UNRESOLVED /* no clear speaker: never a guess */
} px_speaker_kind;

typedef struct px_quote {
	px_span span;          /* the words: inside the marks, or the clause */
	px_quote_kind kind;
	px_speaker_kind speaker_kind;
	size_t speaker;        /* entity index when NAMED, else SIZE_MAX */
	px_span speaker_span;  /* the speaker as written at the cue */
	px_span verb;          /* the reporting verb as written; may be empty */
	size_t sentence;       /* sentence of the quote's start */
	int partial;           /* a fragment quoted inside a sentence */
} px_quote;

/* A quoted term: a name or scare quote nobody is quoted as saying. */
typedef struct px_term {
	px_span span;       /* inside the marks */
	const char *reason; /* "so-called", "name", "scare quote" */
} px_term;

/* A numeric claim: "over 26 nations", "$150 billion", "three years". */
typedef struct px_amount {
	px_span span;        /* the whole claim */
	px_span number;      /* the number as written */
	px_span object;      /* what is counted; may be empty */
	px_span qualifier;   /* over, more than, about, ...; may be empty */
	double value;        /* scale applied: "$1.2 billion" = 1.2e9 */
	const char *unit;    /* "USD", "EUR", "GBP", "percent", "fraction"
	                      * (value a part of one: "a fifth" 0.2), or
	                      * NULL */
	int in_quote;        /* inside a direct quote */
} px_amount;

/* A date or time expression. */
typedef struct px_date {
	px_span span;
	const char *value;      /* ISO 8601 as far as known: 2025-09-05,
	                         * --09-05 (no year), 2022, or the weekday */
	const char *resolution; /* "day", "month", "year", "weekday",
	                         * "relative" */
	/* Against the article's publication date (meta.published): the
	 * date as ISO 8601 (2025-09-08, 2025-W36, 2025-09, 2025), or NULL
	 * when the article has no date or the expression gives none. */
	const char *resolved;
	const char *resolved_to; /* "day", "week", "month", "year", or
	                          * "unknown" (resolved is NULL) */
} px_date;

/* Constant text naming a residue kind, e.g. "repeated_headline". */
PX_API const char *px_residue_kind_name(px_residue_kind k);

/* Article metadata. Strings are NUL-terminated, NULL when unknown. */
typedef struct px_meta {
	const char *id;
	const char *source;    /* outlet name */
	const char *url;
	const char *published; /* as given */
	const char *edited;    /* YYYY-MM-DD, from page residue */
	const char *site;      /* site name, from page residue */
	const char *author;    /* from a byline */
	const char *input;     /* input name: file name or name:line */
	const char *extra_json; /* other JSON fields of the record, or NULL */
	const char *title;     /* the title, from the text or the record */
	px_span title_span;    /* its bytes in the text; empty if not there */
	px_span body;          /* the text after front matter */
	const char *source_from; /* "front-matter", "flag", "record", "file" */
} px_meta;

/* ---- Articles ------------------------------------------------------------ */

typedef struct px_article px_article;

/*
 * A plain-text article: an optional front-matter block (lines "Key: value"
 * such as Source, Published, URL, Title, Id, then a blank line), an
 * optional title line, then the body. Validates the bytes (UTF-8, no NUL,
 * not empty, not over opts->max_bytes), normalizes to NFC, and runs the
 * text pipeline. name is the input's name for errors and metadata.
 * On success *out owns a copy of the bytes; on failure *out is NULL and
 * err (if not NULL) says what and where.
 */
PX_API px_status px_article_from_text(const char *text, size_t len,
                                      const char *name,
                                      const px_options *opts,
                                      px_article **out, px_error *err);

/*
 * A record given field by field (from JSON Lines or a caller). text is the
 * body, with no front matter; title may be NULL. The strings are copied.
 * extra_json, if not NULL, is a JSON object text of fields to pass through.
 */
typedef struct px_record {
	const char *id, *source, *url, *published, *title;
	const char *text;
	size_t text_len;
	const char *extra_json;
	const char *input; /* name:line for errors */
} px_record;

PX_API px_status px_article_from_record(const px_record *rec,
                                        const px_options *opts,
                                        px_article **out, px_error *err);

/*
 * Parse one JSON Lines record (a JSON object with fields id, source, url,
 * published, title, text; others passed through) and analyze it. line is
 * the 1-based line number, used for the default id (name:line) and errors;
 * error offsets count from the start of this line.
 */
PX_API px_status px_article_from_json(const char *json, size_t len,
                                      const char *name, size_t line,
                                      const px_options *opts,
                                      px_article **out, px_error *err);

/* Free an article and everything it reports. NULL is a no-op. */
PX_API void px_article_free(px_article *a);

/* Set a metadata field after analysis (e.g. --source for a whole run).
 * field is "source" or "published"; the value is copied. */
PX_API px_status px_article_set_meta(px_article *a, const char *field,
                                     const char *value);

/* The original bytes (not NUL-terminated) and their length. */
PX_API const char *px_article_text(const px_article *a, size_t *len);
PX_API const px_meta *px_article_meta(const px_article *a);

/* Result arrays, in text order; *n receives the count. NULL a: n = 0. */
PX_API const px_paragraph *px_article_paragraphs(const px_article *a,
                                                 size_t *n);
PX_API const px_sentence *px_article_sentences(const px_article *a,
                                               size_t *n);
PX_API const px_token *px_article_tokens(const px_article *a, size_t *n);
PX_API const px_residue *px_article_residue(const px_article *a, size_t *n);

PX_API const px_mention *px_article_mentions(const px_article *a,
                                             size_t *n);
PX_API const px_entity *px_article_entities(const px_article *a,
                                           size_t *n);
PX_API const px_quote *px_article_quotes(const px_article *a, size_t *n);
PX_API const px_term *px_article_terms(const px_article *a, size_t *n);
PX_API const px_amount *px_article_amounts(const px_article *a, size_t *n);
PX_API const px_date *px_article_dates(const px_article *a, size_t *n);

/* Text of an entity type, e.g. "person". */
PX_API const char *px_entity_type_name(px_entity_type t);

/*
 * A spelling-insensitive key for a name, for merging spellings and
 * transliterations across articles (Zelenskiy / Zelensky / Zelenskyy,
 * Kiev / Kyiv, Cyrillic forms): accents dropped, Cyrillic transliterated,
 * case folded, and each word reduced to its first letter and its
 * consonants. Writes at most cap bytes (NUL included) into out; returns
 * the key's length, or 0 when (p, n) has no letters.
 */
PX_API size_t px_name_key(const char *p, size_t n, char *out, size_t cap);

/* Text of a token kind, e.g. "word". */
PX_API const char *px_token_kind_name(px_token_kind k);

/* ---- Entities across articles ------------------------------------------ */

/*
 * One table of actors over many articles: spellings and transliterations
 * of one name become one canonical entity (Vladimir Zelenskiy / Volodymyr
 * Zelensky, Kiev / Kyiv), each merge with its evidence and a confidence,
 * and an alias file the analyst edits to force or forbid a merge.
 *
 *   px_canon *c = px_canon_new(NULL);
 *   px_canon_add(c, article, 0); ...
 *   px_canon_build(c);
 *   const px_canon_entity *e = px_canon_entities(c, &n);
 *   px_canon_free(c);
 *
 * Everything px_canon_entities() returns lives until px_canon_free().
 */
typedef struct px_canon px_canon;

typedef struct px_canon_entity {
	const char *name;          /* the fullest, most used spelling */
	px_entity_type type;
	const char *const *variants; /* every spelling seen, name first */
	size_t nvariants;
	const size_t *articles;    /* the caller's article numbers, sorted */
	size_t narticles;
	size_t mentions;
	double confidence;         /* of the weakest merge in it; 1 if none */
	const char *evidence;      /* why its spellings were merged, or "" */
} px_canon_entity;

PX_API px_canon *px_canon_new(const px_allocator *alc);
PX_API void px_canon_free(px_canon *c);

/*
 * Aliases, one per line, tab-separated: "same<TAB>NAME<TAB>NAME" forces
 * a merge, "differ<TAB>NAME<TAB>NAME" forbids one; '#' starts a comment.
 * A bad line is PX_EPARSE with its line number in err.
 */
PX_API px_status px_canon_aliases(px_canon *c, const char *text,
                                  size_t len, const char *name,
                                  px_error *err);

/* Add the entities of an article; article is the caller's number. */
PX_API px_status px_canon_add(px_canon *c, const px_article *a,
                              size_t article);

/* Merge spellings; call once after the last px_canon_add(). */
PX_API px_status px_canon_build(px_canon *c);

/* The canonical entities, most mentioned first. */
PX_API const px_canon_entity *px_canon_entities(const px_canon *c,
                                                size_t *n);
/* The index into px_canon_entities() of the canonical entity an article
 * entity (type, name as in px_entity.name) belongs to, or SIZE_MAX when
 * it was never added or the table is not built. */
PX_API size_t px_canon_find(const px_canon *c, px_entity_type type,
                            const char *name);

/* ---- Languages ------------------------------------------------------------ */

/*
 * Language identification by character n-gram fingerprints (libexttextcat,
 * with the fingerprints of Debian's libexttextcat-data) over some fifty
 * languages of the news. dir is where the fingerprint files (en.lm, ...)
 * are; NULL: the packaged directory. PX_EIO names a missing file.
 */
PX_API px_status px_langid_open(const char *dir, px_langid **out,
                                px_error *err);
PX_API void px_langid_close(px_langid *li);

/* A verdict. code is NULL when the text is too short to tell. */
typedef struct px_lang {
	const char *code;      /* BCP 47: "en", "de", "zh-Hans", "sr-Cyrl" */
	const char *name;      /* English name: "German" */
	const char *runner_up; /* the next best language, or NULL */
	double margin;         /* how much worse the runner-up scored (0.1:
	                        * 10%); textcat calls a verdict firm at 0.03 */
	int firm;              /* n-grams: at least 200 bytes of text, and
	                        * the margin reached or the runner-up is the
	                        * same language in another script; function
	                        * words: always (30 words or more read) */
	int32_t score;         /* n-gram rank distance: lower is closer */
	size_t sample;         /* bytes of text the verdict read */
	/* In an article (px_article_lang): how the verdict was reached,
	 * "function words" (a fifth or more of the first hundred-odd words
	 * are English function words: English, no n-grams compared; margin
	 * 0 and no runner-up) or "n-grams"; and that share of words. */
	const char *method;
	double function_share;
} px_lang;

/* Identify the language of text (its first 640 bytes are read), comparing
 * it with the languages written in its script. */
PX_API px_status px_langid_guess(const px_langid *li, const char *text,
                                 size_t len, px_lang *out);

/* Stages of the pipeline (px_article_stages()). */
#define PX_STAGE_TEXT 0x01u       /* paragraphs, tokens, sentences */
#define PX_STAGE_RESIDUE 0x02u    /* content-farm residue */
#define PX_STAGE_LANG 0x04u       /* language identified */
#define PX_STAGE_ENTITIES 0x08u   /* people, organizations, places */
#define PX_STAGE_QUOTES 0x10u     /* quotes, reported speech, terms */
#define PX_STAGE_AMOUNTS 0x20u    /* amounts and dates */
#define PX_STAGE_TONE 0x40u       /* tone, portrayal, markers */
#define PX_STAGE_HIGHLIGHTS 0x80u /* highlights and key insights */

/* The language found (NULL when no px_langid was given) and the stages
 * that ran on an article; a stage that did not run leaves its results
 * empty, which is not the same as finding nothing. */
PX_API const px_lang *px_article_lang(const px_article *a);
PX_API unsigned px_article_stages(const px_article *a);
/* Constant text naming one PX_STAGE_* bit, e.g. "entities". */
PX_API const char *px_stage_name(unsigned stage);

/* ---- Web pages ------------------------------------------------------------ */

/*
 * How an article made from a web page was read. Strings are NUL-terminated
 * and NULL when unknown; all live in the article's arena.
 */
typedef struct px_page {
	const char *charset;     /* decoded from, e.g. "UTF-8", "WINDOWS-1252" */
	const char *lang;        /* declared: <html lang>, meta, JSON-LD */
	const char *description; /* meta or OpenGraph description */
	size_t bad_bytes;        /* undecodable bytes, read as U+FFFD */
	size_t first_bad;        /* page offset of the first of them */
	int gzip;                /* the input was gzip-compressed */
	const char *warc_file;   /* web archive it came from, or NULL */
	size_t warc_offset;      /* offset of its record in that file */
} px_page;

/* One extracted block (heading, paragraph, list item, quote): its bytes
 * in px_article_text() and the bytes of the page it came from. */
typedef struct px_html_span {
	px_span text;
	px_span html; /* into the page after gzip decoding, before charset
	               * conversion; from the block's first text byte to its
	               * last (a block starting with a character reference
	               * starts at the end of the tag before it) */
} px_html_span;

/* What a caller knows of a page besides its bytes; any field may be NULL. */
typedef struct px_page_in {
	const char *charset;   /* declared, e.g. from HTTP Content-Type */
	const char *url;       /* where it was fetched, if the page says not */
	const char *warc_file; /* provenance, copied into px_page */
	size_t warc_offset;
} px_page_in;

/*
 * A web page: HTML, or gzip-compressed HTML (by its magic bytes). The
 * page is decoded to UTF-8 (BOM, declared charset, <meta charset>, else
 * UTF-8 or windows-1252), parsed with libxml2's HTML parser, and its main
 * text taken out by content scoring: headings, paragraphs, list items
 * (written "- item") and block quotes, one block a paragraph, separated
 * by blank lines; navigation, menus, related lists, share bars, comments,
 * footers left out. That text is the article's text (px_article_text)
 * and goes through the pipeline as a record would. Title, author,
 * publication date, canonical URL and site name come from meta tags,
 * OpenGraph, JSON-LD and the visible byline; meta.source is the site
 * name (source_from "page"), else the URL's host, else the file name.
 * opts->max_bytes caps the page, before and after gzip decoding. Binary
 * data is PX_EPARSE, a page without text PX_EEMPTY, bad gzip data
 * PX_EPARSE naming the byte offset.
 *
 *   rc = px_article_from_html(page, n, "a.html", NULL, &a, &err);
 *   spans = px_article_html_spans(a, &nspans);
 */
PX_API px_status px_article_from_html(const char *html, size_t len,
                                      const char *name,
                                      const px_options *opts,
                                      px_article **out, px_error *err);
/* The same with what the caller knows of the page (in may be NULL). */
PX_API px_status px_article_from_page(const char *html, size_t len,
                                      const char *name,
                                      const px_page_in *in,
                                      const px_options *opts,
                                      px_article **out, px_error *err);
/* The blocks of an article made from a page, in text order; NULL and
 * *n = 0 for other articles. */
PX_API const px_html_span *px_article_html_spans(const px_article *a,
                                                 size_t *n);
/* How the page was read; NULL for articles not made from a page. */
PX_API const px_page *px_article_page(const px_article *a);

/* ---- News feeds and web archives ------------------------------------------ */

/*
 * Many articles in one input: a news feed (RSS 2.0, RSS 1.0/RDF, Atom
 * 1.0) or a web archive (WARC 1.0/1.1, plain or gzip-compressed per
 * record). Their readers yield items: one article's raw material with
 * what the container says of it. px_article_from_item() analyzes one.
 * docs/internals/FEED.md has the formats, offsets and errors.
 *
 *   px_feed *f = NULL;
 *   const px_item *it;
 *   rc = px_feed_open(xml, n, "news.rss", NULL, &f, &err);
 *   while (f && (rc = px_feed_next(f, &it, &err)) == PX_OK && it) {
 *       rc = px_article_from_item(it, NULL, &a, &err);
 *       ...
 *   }
 *   px_feed_free(f);
 */

/* Item flags (px_item.flags). */
#define PX_ITEM_HTML 0x1u     /* content is HTML markup */
#define PX_ITEM_PAGE 0x2u     /* content is a whole web page (WARC): its
                               * main text is extracted */
#define PX_ITEM_VERBATIM 0x4u /* content is the input's bytes from
                               * content_offset on, unchanged */

/*
 * One item. Strings are NUL-terminated, NULL when the container does not
 * say. Owned by the reader: valid until its next call or its free.
 */
typedef struct px_item {
	const char *kind;      /* "rss", "rdf", "atom" or "warc" */
	const char *container; /* the feed's or archive's name */
	const char *input;     /* FILE:LINE (feeds) or FILE@OFFSET (WARC):
	                        * the article's meta.input, errors' source */
	size_t offset;         /* feeds: byte of the item's start tag;
	                        * WARC: byte of the record (of its gzip
	                        * member when compressed) in the file */
	size_t line;           /* feeds: 1-based line of that tag; WARC: 0 */
	const char *id;        /* guid, Atom id, WARC-Record-ID */
	const char *title;
	const char *url;       /* link, or WARC-Target-URI */
	const char *source;    /* the outlet: the channel's or feed's title */
	const char *author;
	const char *published; /* ISO 8601 (2025-03-01T09:30:00+01:00) when
	                        * the RFC 822 / RFC 3339 date parsed, else as
	                        * written; WARC: WARC-Date */
	const char *charset;   /* WARC: from the HTTP Content-Type */
	const char *content;   /* feeds: content:encoded, Atom content, else
	                        * description or summary, XML-decoded; WARC:
	                        * the HTTP body (de-chunked) */
	size_t content_len;
	size_t content_offset; /* feeds: byte in the feed where content
	                        * starts (exact with PX_ITEM_VERBATIM, else
	                        * the end of the element's start tag); WARC:
	                        * the body's byte counted from the record's
	                        * first byte, uncompressed */
	unsigned flags;        /* PX_ITEM_* */
} px_item;

/*
 * Analyze an item into *out (like px_article_from_record). HTML content
 * goes through the page extraction: a whole page (PX_ITEM_PAGE) by
 * content scoring with the item's URL, charset and WARC provenance in
 * px_article_page(); a feed's HTML fragment as all its visible text.
 * Offsets are then into the extracted text and px_article_html_spans()
 * maps each block to the bytes of item->content; plain-text content is
 * the article's text as it is. The title, URL, outlet, author, date and
 * id come from the item where the page does not give them. PX_EEMPTY
 * for an item without text, PX_ETOOBIG over opts->max_bytes.
 */
PX_API px_status px_article_from_item(const px_item *it,
                                      const px_options *opts,
                                      px_article **out, px_error *err);

/* A copy of an item that owns its strings, from alc (NULL: the C
 * library's), to keep past the reader's next call; NULL on failure. */
PX_API px_item *px_item_dup(const px_item *it, const px_allocator *alc);
/* Free a copy made by px_item_dup(). NULL is a no-op. */
PX_API void px_item_free(px_item *it);

/* What an input holds, by its first bytes (gzip data is looked into). */
typedef enum px_container {
	PX_CONTAINER_NONE = 0, /* not a feed or an archive */
	PX_CONTAINER_FEED,     /* XML whose root is rss, rdf:RDF or feed */
	PX_CONTAINER_WARC      /* starts "WARC/1.", maybe gzip-compressed */
} px_container;

PX_API px_container px_container_sniff(const char *p, size_t n);

/* The largest feed px_feed_open() reads. */
#define PX_FEED_MAX_BYTES ((size_t)256 << 20)

/*
 * A news feed. The whole feed (xml, len) is parsed at once with libxml2's
 * XML parser (no recovery, no network, no DTD, no entities but XML's
 * five and character references) and may be freed afterwards; opts->alc
 * allocates, opts->max_bytes caps each item's content. Not a feed (root
 * element not rss, rdf:RDF or feed): PX_EPARSE. Malformed XML before the
 * first item: PX_EPARSE naming line, column and byte.
 */
typedef struct px_feed px_feed;

PX_API px_status px_feed_open(const char *xml, size_t len, const char *name,
                              const px_options *opts, px_feed **out,
                              px_error *err);
/*
 * The next item into *item; PX_OK with *item NULL at the end. A feed that
 * breaks off (malformed XML after some items) gives its items, then
 * PX_EPARSE once with line, column and byte; a feed without items gives
 * PX_EEMPTY once.
 */
PX_API px_status px_feed_next(px_feed *f, const px_item **item,
                              px_error *err);
/* The feed's title (the outlet), or NULL. */
PX_API const char *px_feed_title(const px_feed *f);
/* Free the feed and its items. NULL is a no-op. */
PX_API void px_feed_free(px_feed *f);

/*
 * A web archive, read as a stream: read() fills buf with up to n bytes
 * and returns how many, 0 at the end, (size_t)-1 on a read error.
 */
typedef size_t (*px_read_fn)(void *ctx, char *buf, size_t n);

typedef struct px_warc px_warc;

/* A reader over read(ctx, ...); name names the file in items and errors;
 * opts->max_bytes caps a record's block (plus 64 KiB for its HTTP
 * headers). */
PX_API px_status px_warc_open(px_read_fn read, void *ctx, const char *name,
                              const px_options *opts, px_warc **out,
                              px_error *err);
/* The same over (p, n) in memory, which must outlive the reader. */
PX_API px_status px_warc_open_mem(const char *p, size_t n, const char *name,
                                  const px_options *opts, px_warc **out,
                                  px_error *err);
/*
 * The next record worth analyzing into *item: a `response` with HTTP 200
 * and an HTML Content-Type, or an HTML `resource`; other records are
 * passed over. PX_OK with *item NULL at the end. A broken record (bad
 * header, no Content-Length, over the cap, truncated or corrupt gzip
 * member) returns PX_EPARSE or PX_ETOOBIG with the file and byte offset
 * in err; the next call goes on with the next record that can be found
 * (the next gzip member, or the next "WARC/1." line). PX_EIO (read()
 * failed) and PX_ENOMEM end the stream.
 */
PX_API px_status px_warc_next(px_warc *w, const px_item **item,
                              px_error *err);
/* Records read so far, and those given out as items. */
PX_API void px_warc_counts(const px_warc *w, size_t *records, size_t *items);
/* Free the reader. NULL is a no-op. */
PX_API void px_warc_free(px_warc *w);

/* ---- Tone ---------------------------------------------------------------- */

/*
 * Sentiment that explains itself. Words are scored with the VADER lexicon
 * (valences -4..+4; AFINN-165 for words VADER lacks) and rules the project writes; a sentence's compound
 * score is x / sqrt(x^2 + 15), in -1..+1, where x is the sum, scaled by
 * sqrt(8 / words) past 8 words (docs/internals/TONE.md). Residue is
 * never scored.
 * The author's voice (narrative and reported speech) and direct quotes
 * (per speaker) are measured apart. Tone is not computed with
 * PX_OPT_TEXT_ONLY. Everything lives in the article's arena.
 */

/* Rules that moved a word's valence (bits of px_tone_reason.rules). */
#define PX_TONE_NEGATED 0x01u     /* not, never, no, n't within 3 words */
#define PX_TONE_BOOSTED 0x02u     /* very, extremely ... before it */
#define PX_TONE_DAMPENED 0x04u    /* slightly, somewhat ... before it */
#define PX_TONE_CONTRAST 0x08u    /* before "but" (less) or after (more) */
#define PX_TONE_CAPS 0x10u        /* written in capitals among lower case */
#define PX_TONE_EXCLAIM 0x20u     /* the sentence ends in '!' */
#define PX_TONE_IDIOM 0x40u       /* a phrase of news, not its words */
#define PX_TONE_REVERSED 0x80u    /* after reduce, prevent, fewer ... */
#define PX_TONE_DENIAL 0x100u     /* a negation itself: not, never, no ...
                                   * read as mildly negative */

/* One word or phrase that moved a score. */
typedef struct px_tone_reason {
	px_span span;     /* the word or phrase */
	px_span cue;      /* the negation or intensifier; may be empty */
	double base;      /* lexicon (or idiom) valence */
	double valence;   /* what it added after the rules */
	unsigned rules;   /* PX_TONE_* */
	size_t quote;     /* index of the direct quote it is in, or SIZE_MAX */
} px_tone_reason;

/* The tone of one sentence, every word scored. */
typedef struct px_sentence_tone {
	size_t sentence;     /* index into px_article_sentences() */
	double compound;     /* -1..+1 */
	double sum;          /* sum of the valences */
	size_t words;
	size_t reason_first; /* index into px_article_tone_reasons() */
	size_t reason_count;
} px_sentence_tone;

/* GDELT-style tone components of one voice. Scores are percentages of
 * the voice's words. */
typedef struct px_tone_parts {
	double tone;       /* positive - negative */
	double positive;   /* words that moved the score up */
	double negative;   /* words that moved it down */
	double polarity;   /* positive + negative */
	double activity;   /* activity words: attack, march, vote ... */
	double self_group; /* pronouns I, we, us, our ... */
	double compound;   /* mean compound of the voice's sentence parts */
	size_t words;
} px_tone_parts;

/* The tone of a speaker's direct quotes. */
typedef struct px_speaker_tone {
	px_speaker_kind speaker_kind;
	size_t speaker;       /* entity index when NAMED, else SIZE_MAX */
	px_span speaker_span; /* at the first of the quotes */
	size_t quotes;        /* number of direct quotes */
	px_tone_parts parts;
} px_speaker_tone;

typedef struct px_tone {
	px_tone_parts author; /* narrative and reported speech */
	px_tone_parts quoted; /* all direct quotes */
} px_tone;

/* The article's tone; NULL when not computed (PX_OPT_TEXT_ONLY). */
PX_API const px_tone *px_article_tone(const px_article *a);
/* One per scored sentence (not residue), in text order. */
PX_API const px_sentence_tone *px_article_sentence_tones(const px_article *a,
                                                         size_t *n);
/* The reasons of all sentences; each sentence holds its range. */
PX_API const px_tone_reason *px_article_tone_reasons(const px_article *a,
                                                     size_t *n);
/* One per speaker of direct quotes, in order of first quote. */
PX_API const px_speaker_tone *px_article_speaker_tones(const px_article *a,
                                                       size_t *n);

/* A mention's role in its clause: before the clause's first verb-like
 * word (a listed verb, an auxiliary, a past form in -ed) it is the
 * subject, after it the object; NONE in a clause without one. */
typedef enum px_role {
	PX_ROLE_NONE = 0,
	PX_ROLE_SUBJECT,
	PX_ROLE_OBJECT
} px_role;

/* How one clause portrays a target (a mention, or a span asked about):
 * a three-class model over the tone's reasons in the clause and the
 * sentence, the target's role, and verbs of conflict, praise and speech
 * (docs/internals/TONE.md). */
typedef struct px_portrayal {
	size_t mention;        /* index into px_article_mentions(), or
	                        * SIZE_MAX */
	size_t entity;         /* index into px_article_entities(), or
	                        * SIZE_MAX */
	px_span target;
	px_span clause;        /* between , ; : ( ) and dashes */
	px_span verb;          /* the word that gives the role; may be empty */
	px_role role;
	const char *verb_kind; /* "conflict", "praise", "speech" or NULL */
	double negative, neutral, positive; /* class probabilities */
	double compound;       /* positive - negative, -1..+1 */
	int label;             /* -1 negative, 0 neutral, +1 positive */
	size_t reason_first;   /* the clause's reasons in
	                        * px_article_tone_reasons() */
	size_t reason_count;
} px_portrayal;

/* How the article portrays an entity: the portrayals of its mentions
 * that are subject or object of their clause (px_article_portrayals()
 * lists every mention with its clause, role and reasons). */
typedef struct px_entity_tone {
	size_t entity;   /* index into px_article_entities() */
	size_t mentions; /* mentions scored (not in residue) */
	double compound; /* mean compound of the portrayed mentions, -1..+1 */
	size_t positive; /* portrayed mentions labelled positive */
	size_t negative; /* portrayed mentions labelled negative */
	size_t portrayed;  /* mentions that are subject or object */
	size_t as_subject; /* of which subject */
	size_t as_object;  /* of which object */
	double subject_compound; /* mean compound as subject, 0 if none */
	double object_compound;  /* mean compound as object, 0 if none */
} px_entity_tone;

/* One per mention scored, in text order; NULL, *n = 0 when not
 * computed. */
PX_API const px_portrayal *px_article_portrayals(const px_article *a,
                                                 size_t *n);
/* The portrayal of any span [start, end) of px_article_text() (a name,
 * a pronoun) by the clause of the sentence holding start; PX_EPARSE when
 * no scored sentence holds it. */
PX_API px_status px_article_tone_toward(const px_article *a, size_t start,
                                        size_t end, px_portrayal *out);
/* Constant text naming a role, e.g. "subject". */
PX_API const char *px_role_name(px_role r);

/* One per entity, in entity order; NULL, *n = 0 when not computed. */
PX_API const px_entity_tone *px_article_entity_tones(const px_article *a,
                                                     size_t *n);

/*
 * Framing markers: spans, each with the rule that fired, never a verdict.
 * Found with tone (none with PX_OPT_TEXT_ONLY), from general word lists
 * and patterns, the quotes and terms stages, and residue.
 */
typedef enum px_marker_kind {
	PX_MARK_LOADED = 1,       /* loaded language in the author's voice */
	PX_MARK_LABEL,            /* so-called names and scare quotes */
	PX_MARK_ANONYMOUS,        /* a direct quote from an anonymous source */
	PX_MARK_HEDGE,            /* reportedly, allegedly, may, appears ... */
	PX_MARK_OPINION,          /* first person or "must" in the author's
	                           * voice */
	PX_MARK_QUESTION_HEADING, /* a heading asked as a search query */
	PX_MARK_INJECTED_LINK,    /* an injected internal link (residue) */
	PX_MARK_DUPLICATE_HEADLINE, /* the headline printed again (residue) */
	PX_MARK_EXAGGERATION,     /* unprecedented, staggering / merely ... */
	PX_MARK_DOUBT,            /* dubious, questionable ... */
	PX_MARK_FEAR,             /* nightmare, doom, existential ... */
	PX_MARK_FLAG_WAVING,      /* patriotic, homeland, motherland ... */
	PX_MARK_UNATTRIBUTED      /* a figure stated in the author's voice
	                           * with no source in its paragraph */
} px_marker_kind;

typedef struct px_marker {
	px_span span;
	px_marker_kind kind;
	const char *rule;      /* constant text: the rule that fired */
	const char *technique; /* SemEval-2020 Task 11 technique, or NULL */
} px_marker;

/* The article's framing markers by start offset; NULL, *n = 0 when not
 * computed. */
PX_API const px_marker *px_article_markers(const px_article *a, size_t *n);
/* Constant text naming a marker kind, e.g. "loaded_language". */
PX_API const char *px_marker_kind_name(px_marker_kind k);

/* ---- Stories across articles --------------------------------------------- */

/*
 * Near-copies and story clustering over articles that arrive one by one,
 * in any order. px_stories_add() copies what it needs from an article (a
 * MinHash of its 5-word shingles, the shingles' byte offsets, a term
 * vector of content words, entity keys, amounts and dates), so the
 * article may be freed right after. Each article gets a number (0, 1, ...
 * in order of adding) and a story id that stays its story until a later
 * article links two stories: they merge, and the merge is recorded
 * (px_stories_merges), or, with late binding (opts.late_binding), until the
 * articles around a new one are clustered again and a story splits
 * (px_stories_splits); px_stories_story() always gives the current
 * one. Articles are matched within a time window around their
 * publication date (meta.published, YYYY-MM-DD...); articles
 * without a date are matched without a window. Memory and time per
 * article stay flat: what is matched on is kept only for the window (and
 * at most max_live articles); per article the set keeps its story id (a
 * few bytes) and its near-copy pairs.
 *
 *   px_stories *s = NULL;
 *   rc = px_stories_create(NULL, &s);
 *   for each article a: rc = px_stories_add(s, a, &num, &story);
 *   story = px_stories_story(s, num);   (after merges)
 *   copies = px_stories_copies(s, &ncopies);
 *   px_stories_free(s);
 *
 * Not thread-safe: one px_stories is used by one thread at a time.
 */
typedef struct px_stories px_stories;

typedef struct px_stories_opts {
	const px_allocator *alc; /* NULL: the C library's */
	double window_days;      /* 0: 3 days; < 0: no window. Past the
	                          * window, up to 5 windows, a story takes
	                          * an article only at a similarity rising
	                          * to 1.5 x threshold */
	double threshold;        /* similarity to join a story (0..1);
	                          * with late binding the average
	                          * similarity stories are cut at;
	                          * 0: PX_STORIES_LATE_THRESHOLD, or
	                          * without late binding
	                          * PX_STORIES_THRESHOLD */
	double copy_threshold;   /* shingle Jaccard of a near-copy;
	                          * 0: 0.5 */
	size_t max_live;         /* most articles kept for matching;
	                          * 0: 20000 */
	/* Late binding (late_binding = 1): an arriving article joins a
	 * story at the looser join_threshold, and the stories of the newest
	 * rebind_every articles and of their closest candidate stories are
	 * then clustered again from their live articles (average link down
	 * to threshold): a story may split, and stories may merge
	 * (px_stories_merges, px_stories_splits). Off (the default), each
	 * article's story is decided once, at threshold. A caller keeping
	 * each article's story follows it with px_stories_moves
	 * (docs/internals/STORY.md). */
	int late_binding;        /* 1: on */
	double join_threshold;   /* 0: threshold x PX_STORIES_JOIN_RATIO */
	size_t rebind_every;     /* articles between re-clusterings; 0: 1 */
} px_stories_opts;

#define PX_STORIES_THRESHOLD 0.18
#define PX_STORIES_LATE_THRESHOLD 0.12
#define PX_STORIES_JOIN_RATIO 0.8

/* One passage two articles share: its bytes in each. */
typedef struct px_passage {
	px_span a;
	px_span b;
} px_passage;

/* Two articles whose shingle sets overlap by copy_threshold or more. */
typedef struct px_near_copy {
	size_t a, b;        /* article numbers, a added before b */
	double jaccard;     /* estimated Jaccard of their 5-word shingles */
	size_t source;      /* the earlier-published one (a or b), or
	                     * SIZE_MAX when the dates do not tell */
	const px_passage *passages; /* longest shared runs, in b's order */
	size_t npassages;
} px_near_copy;

/* Story `from` merged into story `into` when article `article` came. */
typedef struct px_story_merge {
	size_t from, into, article;
} px_story_merge;

/* Late binding: some articles of story `from` (which goes on) left it
 * for the new story `into` when article `article` came. */
typedef px_story_merge px_story_split;

/* Late binding: article `article` left its story for story `story` when
 * the articles around a new one were clustered again (a split, or an
 * article going over to a neighbouring story). */
typedef struct px_story_move {
	size_t article, story;
} px_story_move;

/* A new, empty set; opts may be NULL. *out is NULL on failure. */
PX_API px_status px_stories_create(const px_stories_opts *opts,
                                   px_stories **out);
/* Free the set and all it reports. NULL is a no-op. */
PX_API void px_stories_free(px_stories *s);
/*
 * Add an analyzed article. OUT: *article its number, *story its story
 * id now (either may be NULL). PX_EINVAL for a NULL set or article.
 * On PX_ENOMEM the article is not added (near-copy pairs found for it
 * may remain) and the set stays usable.
 */
PX_API px_status px_stories_add(px_stories *s, const px_article *a,
                                size_t *article, size_t *story);
/* Number of articles added. */
PX_API size_t px_stories_count(const px_stories *s);
/* Current story id of an article (merges followed), or SIZE_MAX. */
PX_API size_t px_stories_story(const px_stories *s, size_t article);
/* Number of stories formed and not merged away. */
PX_API size_t px_stories_nstories(const px_stories *s);
/* Near-copy pairs found so far, and merges so far, in order found. Owned
 * by the set: valid until the next px_stories_add() or px_stories_free().
 */
PX_API const px_near_copy *px_stories_copies(const px_stories *s,
                                             size_t *n);
PX_API const px_story_merge *px_stories_merges(const px_stories *s,
                                               size_t *n);
/* Splits so far (late binding), in order found; owned as above. */
PX_API const px_story_split *px_stories_splits(const px_stories *s,
                                               size_t *n);
/* Articles moved so far (late binding), in order; owned as above. A
 * caller that keeps each article's story (as px_stories_add() gave it)
 * keeps it current by applying, after each add, the moves and then the
 * merges that add brought. */
PX_API const px_story_move *px_stories_moves(const px_stories *s,
                                             size_t *n);

/* ---- Highlights and key insights of one article ------------------------ */

/*
 * Computed with the tone (none with PX_OPT_TEXT_ONLY). A sentence's
 * centrality is the summed similarity of its content words (IDF-weighted
 * within the article) to the article's other sentences, plus a small
 * bonus for the lead; highlights are the most central sentences, none
 * repeating another (docs/internals/BRIEF.md).
 */
typedef struct px_highlight {
	size_t sentence; /* index into px_article_sentences() */
	double score;    /* centrality, 0..1 */
} px_highlight;

/* One row of the key-insights table: an aspect and the sentence it is
 * read from, chosen by a rule named in `rule`. */
typedef struct px_insight {
	const char *aspect; /* constant text: "main point", "numbers", ... */
	size_t sentence;    /* index into px_article_sentences() */
	const char *rule;   /* constant text: why this sentence */
} px_insight;

/* Highlights, most central first; NULL, *n = 0 when not computed. */
PX_API const px_highlight *px_article_highlights(const px_article *a,
                                                 size_t *n);
/* Key insights in a fixed aspect order; aspects with no sentence left
 * out. NULL, *n = 0 when not computed. */
PX_API const px_insight *px_article_insights(const px_article *a,
                                             size_t *n);

/* ---- The story brief ----------------------------------------------------- */

/*
 * What many articles of one story say, with every line pointing to bytes
 * of an article: highlights with how many independent sources carry each
 * point, who said what, actors with their spellings, titles and stance
 * cues, where the sources disagree, how each source tells it, and the
 * near-copies. An independent source is an outlet (meta.source; an article
 * without one is its own), with outlets that carry near-copies of each
 * other counted once.
 *
 *   px_brief *b = NULL;
 *   rc = px_brief_build(arts, n, copies, ncopies, NULL, &b);
 *   px_brief_format_to(b, arts, PX_BRIEF_MD, &out, &len);
 *   px_brief_free(b);
 *
 * The articles must outlive the brief: it points into their text.
 */
typedef struct px_brief px_brief;

/* Evidence: bytes [span) of the caller's article number `article`. */
typedef struct px_ref {
	size_t article;
	px_span span;
} px_ref;

typedef struct px_brief_opts {
	const px_allocator *alc; /* NULL: the C library's */
	size_t highlights;       /* most highlights; 0: 6 */
	double similar;          /* sentence similarity that carries a point
	                          * (0..1); 0: 0.2 */
} px_brief_opts;

typedef struct px_brief_point {
	px_ref sentence;        /* the sentence chosen */
	const px_ref *support;  /* the closest sentence of each other source
	                         * carrying the point, best first */
	size_t nsupport;
	size_t sources;         /* independent sources carrying it, its own
	                         * included */
	double score;
} px_brief_point;

typedef enum px_stance {
	PX_STANCE_UNCLEAR = 0,  /* no cue, or cues that disagree */
	PX_STANCE_SUPPORTS,
	PX_STANCE_OPPOSES,
	PX_STANCE_ABSTAINS      /* will not take part */
} px_stance;

/* A cue for an actor's stance: a word of support, rejection or
 * abstention in what the actor says or does, in its sentence. */
typedef struct px_stance_cue {
	px_stance stance;
	px_ref cue;             /* the cue word or phrase */
	px_ref sentence;        /* the sentence or quote it is in */
	int quoted;             /* inside the actor's own direct quote */
	int on_question;        /* that sentence shares two or more content
	                         * words with the story's question (see
	                         * px_brief_info.question) */
} px_stance_cue;

/* An actor: one canonical entity of the story. */
typedef struct px_brief_actor {
	const char *name;
	px_entity_type type;
	const char *const *variants; /* every spelling, name first */
	size_t nvariants;
	const char *merge_evidence;  /* why spellings were merged, or "" */
	double confidence;
	size_t articles;             /* articles naming it */
	size_t mentions;
	const px_ref *titles;        /* each distinct role as written, the
	                              * first mention giving it */
	size_t ntitles;
	px_stance stance;       /* from the cues on the question when there
	                         * are any, else from all its cues */
	const px_stance_cue *cues;
	size_t ncues;
} px_brief_actor;

/* A direct quote or reported speech of the story. */
typedef struct px_brief_quote {
	px_quote_kind kind;
	px_speaker_kind speaker_kind;
	size_t actor;      /* index into the actors when NAMED, else SIZE_MAX */
	px_ref words;      /* inside the marks, or the reported clause */
	px_ref speaker;    /* as written at the cue; may be empty */
	px_ref role;       /* the role the article gives; may be empty */
	px_ref verb;       /* may be empty */
} px_brief_quote;

/* Sources that disagree: claims about one thing that differ. */
typedef enum px_dispute_kind {
	PX_DISPUTE_AMOUNT = 1, /* one counted object, different numbers */
	PX_DISPUTE_TITLE,      /* one person, different titles */
	PX_DISPUTE_DATE        /* alike sentences, different dates */
} px_dispute_kind;

typedef struct px_dispute {
	px_dispute_kind kind;
	const char *about;    /* the counted object class, the person, or
	                       * "date" */
	const px_ref *claims; /* as written, one per distinct claim */
	size_t nclaims;
	const char *rule;     /* constant text: why they are one thing */
} px_dispute;

/* How one article tells the story. */
typedef struct px_brief_source {
	size_t article;
	const char *source;     /* outlet, or the input name */
	size_t unit;            /* independent-source number */
	px_tone_parts tone;     /* the author's voice */
	const px_lang *lang;    /* its language, NULL if not identified */
	int read;               /* 0: identified as another language than
	                         * English, so tone, quotes and framing were
	                         * not read (all zero here) */
	size_t named, anonymous, unresolved, reported; /* quotes by kind */
	const px_marker *markers; /* framing markers (not residue) */
	size_t nmarkers;
	const px_residue *residue;
	size_t nresidue;
} px_brief_source;

typedef struct px_brief_info {
	px_ref title;          /* the most central article's title */
	const char *title_text;
	const char *first_date, *last_date; /* YYYY-MM-DD, NULL if none */
	size_t undated;        /* articles without a date */
	size_t articles, sources; /* sources: independent ones */
	/* The story's question, toward which the actors' stances are read:
	 * its title where the title is in the text, else its strongest
	 * point (the sentence most sources tell). A cue is on the question
	 * when its sentence shares two content words with the title or that
	 * point. Empty (span end 0) when there is neither. */
	px_ref question;
} px_brief_info;

/*
 * The brief of the articles arts[0..n) (one story; the caller groups
 * them, e.g. with px_stories). copies (may be NULL) are near-copy pairs
 * whose a and b are indexes into arts. PX_EINVAL when n is 0 or an
 * article has no analysis beyond the text (PX_OPT_TEXT_ONLY). Articles
 * in another language than English (px_article_stages() without
 * PX_STAGE_TONE) count as sources and can carry copies, amounts and
 * dates, but give no quotes, actors or highlights.
 */
PX_API px_status px_brief_build(const px_article *const *arts, size_t n,
                                const px_near_copy *copies, size_t ncopies,
                                const px_brief_opts *opts, px_brief **out);
PX_API void px_brief_free(px_brief *b);

PX_API const px_brief_info *px_brief_info_of(const px_brief *b);
PX_API const px_brief_point *px_brief_points(const px_brief *b, size_t *n);
PX_API const px_brief_quote *px_brief_quotes(const px_brief *b, size_t *n);
PX_API const px_brief_actor *px_brief_actors(const px_brief *b, size_t *n);
PX_API const px_dispute *px_brief_disputes(const px_brief *b, size_t *n);
PX_API const px_brief_source *px_brief_sources(const px_brief *b, size_t *n);
/* The near-copy pairs given to px_brief_build, with their passages. */
PX_API const px_near_copy *px_brief_copies(const px_brief *b, size_t *n);
/* Constant text: "supports", "opposes", "will not take part", "unclear". */
PX_API const char *px_stance_name(px_stance s);

/* Output formats of a brief. */
typedef enum px_brief_format {
	PX_BRIEF_TEXT = 1,
	PX_BRIEF_MD,
	PX_BRIEF_JSON,
	PX_BRIEF_HTML   /* one self-contained page; all article text escaped */
} px_brief_format;

/*
 * The brief in a format; arts are the articles it was built from (for
 * the text of its evidence). *out is allocated with malloc. HTML: each
 * line's evidence opens the passage it comes from on a click.
 */
PX_API px_status px_brief_format_to(const px_brief *b,
                                    const px_article *const *arts,
                                    px_brief_format fmt, char **out,
                                    size_t *len);

/* Parts of an HTML page px_brief_render writes around a story. */
#define PX_BRIEF_PAGE_START 0x1u /* the page's head, styles, title */
#define PX_BRIEF_PAGE_END 0x2u   /* the page's end */

/*
 * The same for one story of several: story is its number in headings
 * (and in JSON), parts says which ends of the HTML page to write (text,
 * Markdown and JSON ignore it). px_brief_format_to(b, arts, fmt, ...) is
 * px_brief_render(b, arts, fmt, 1, START | END, ...).
 */
PX_API px_status px_brief_render(const px_brief *b,
                                 const px_article *const *arts,
                                 px_brief_format fmt, size_t story,
                                 unsigned parts, char **out, size_t *len);

/* ---- Output -------------------------------------------------------------- */

/* Output flags. */
#define PX_OUT_TOKENS 0x1u /* include every token */
#define PX_OUT_PRETTY 0x2u /* indent JSON */
#define PX_OUT_NO_SPAN_TEXT 0x4u /* JSON: spans as offsets only, without
                                 * their "text" (read it from the bytes) */

/*
 * The article as one JSON object (see docs/schema/article.schema.json), or
 * as the readable text view. *out is allocated with malloc; the caller
 * frees it. Returns PX_ENOMEM on failure, *out then NULL.
 */
PX_API px_status px_article_to_json(const px_article *a, unsigned flags,
                                    char **out, size_t *len);
PX_API px_status px_article_to_text(const px_article *a, unsigned flags,
                                    char **out, size_t *len);

#ifdef __cplusplus
}
#endif
#endif /* PARALLAX_H */
