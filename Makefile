# Parallax - build, test, install. See README.md.
#
#   make              build/parallax, build/libparallax.a, build/libparallax.so
#   make check        set-up, build, tests; then again under ASan+UBSan
#   make demo         set-up, build, analyze the sample corpus in examples/
#   make fuzz         libFuzzer on every reader and the text pipeline
#   make bench        throughput next to peers (bench/README.md)
#   make install PREFIX=/usr/local

SHELL = /bin/bash
PREFIX ?= /usr/local
CC ?= cc
O ?= build
SANITIZE ?=
VERSION = 0.1.0

PKGS = libutf8proc jansson
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lutf8proc -ljansson)

WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
	$(CFLAGS) -Iinclude $(PKG_CFLAGS)
ifneq ($(SANITIZE),)
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
LDFLAGS += -fsanitize=$(SANITIZE)
endif
LIB_CFLAGS = $(ALL_CFLAGS) -fPIC -fvisibility=hidden -DPX_BUILDING
LIBS = $(PKG_LIBS) -lpthread

LIB_SRC = $(wildcard lib/*/*.c)
CLI_SRC = $(wildcard cli/*.c)
TEST_SRC = tests/run.c $(wildcard tests/unit/*.c)
LIB_OBJ = $(LIB_SRC:%.c=$(O)/%.o)
CLI_OBJ = $(CLI_SRC:%.c=$(O)/%.o)
TEST_OBJ = $(TEST_SRC:%.c=$(O)/%.o)
HELP_SRC = $(sort $(wildcard docs/options/*.md))

all: $(O)/parallax $(O)/libparallax.a $(O)/libparallax.so $(O)/parallax.1

$(O)/lib/%.o: lib/%.c $(wildcard lib/*/*.h) include/parallax/parallax.h
	@mkdir -p $(dir $@)
	$(CC) $(LIB_CFLAGS) -c -o $@ $<

$(O)/cli/%.o: cli/%.c $(wildcard cli/*.h) include/parallax/parallax.h \
		$(O)/help.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -I$(O) -c -o $@ $<

$(O)/tests/%.o: tests/%.c $(wildcard tests/*.h) $(wildcard lib/*/*.h) \
		include/parallax/parallax.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Ilib -c -o $@ $<

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

$(O)/parallax: $(CLI_OBJ) $(O)/libparallax.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(O)/libparallax.a $(LIBS)

$(O)/test-runner: $(TEST_OBJ) $(O)/libparallax.a
	$(CC) $(LDFLAGS) -o $@ $(TEST_OBJ) $(O)/libparallax.a $(LIBS)

$(O)/fuzz-replay: $(wildcard fuzz/*.c fuzz/*.h) $(O)/libparallax.a
	$(CC) $(ALL_CFLAGS) -DPX_FUZZ_REPLAY $(LDFLAGS) -o $@ \
		$(wildcard fuzz/fuzz_*.c) fuzz/replay.c $(O)/libparallax.a $(LIBS)

# The entity tagger: its trainer writes lib/entity/ner_model.c from
# CoNLL-2003 eng.train; the evaluation scores the shipped model.
$(O)/ner-train: tools/ner-train.c tools/ner-data.c tools/ner-data.h \
		tools/ner-lists.h lib/entity/ner.c $(wildcard lib/entity/*.h)
	@mkdir -p $(O)
	$(CC) $(ALL_CFLAGS) -Ilib $(LDFLAGS) -o $@ tools/ner-train.c \
		tools/ner-data.c lib/entity/ner.c $(PKG_LIBS) -lm

$(O)/ner-eval: tools/ner-eval.c tools/ner-data.c tools/ner-data.h \
		$(O)/libparallax.a
	$(CC) $(ALL_CFLAGS) -Ilib $(LDFLAGS) -o $@ tools/ner-eval.c \
		tools/ner-data.c $(O)/libparallax.a $(LIBS)

ner-train: setup $(O)/ner-train
	$(O)/ner-train ../shared/data/ner-conll2003

ner-eval: $(O)/ner-eval
	$(O)/ner-eval ../shared/data/ner-conll2003/eng.testa

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

test-run: all $(O)/test-runner $(O)/fuzz-replay
	@set -o pipefail; PX_BIN=$(O)/parallax PX_REPLAY=$(O)/fuzz-replay \
		$(O)/test-runner 2>&1 | tee $(O)/test.log

demo: setup all
	$(O)/parallax analyze --format text examples/

fuzz: setup
	sh fuzz/run.sh $(FUZZ_SECONDS)

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

clean:
	rm -rf build

.PHONY: all check test-run demo fuzz bench install install-check clean setup ner-train ner-eval
