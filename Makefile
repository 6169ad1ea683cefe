# uppfolj - build, test and install.
#   make            build bin/uppfolj
#   make check      build and run every test (unit + end to end)
#   make check SANITIZE=1   the same under AddressSanitizer + UBSan
#   make valgrind   unit tests under valgrind (leak check)
#   make install PREFIX=/usr/local DESTDIR=   program and man page
#   make deps       install the Debian packages (as root)
#   V=1             show the commands

PREFIX  ?= /usr/local
DESTDIR ?=
VERSION := 0.1.0

CC      ?= cc
BUILD   := build$(if $(SANITIZE),-san)
Q       := $(if $(V),,@)

PKGS    := sqlite3 libsodium libcrypto gsl inih jansson xlsxwriter libzip expat
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN    := -Wall -Wextra -Werror -pedantic -Wshadow -Wconversion \
           -Wwrite-strings -Wstrict-prototypes -Wmissing-prototypes -Wvla \
           -fno-common
# CFLAGS is the user's (optimisation, debugging); what uppfolj needs is
# added with override, so that `make CFLAGS=-O0` keeps C11 and the warnings.
CFLAGS  ?= -O2 -g
override CFLAGS  += -std=c11 -pthread $(WARN)
override CPPFLAGS += -D_POSIX_C_SOURCE=200809L -DUF_VERSION='"$(VERSION)"' -Iinclude -I$(BUILD) $(PKG_CFLAGS)
override LDLIBS  += -lcsv $(PKG_LIBS) -lhpdf -lglpk -lRmath -lm -pthread

ifdef SANITIZE
override CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
override LDFLAGS += -fsanitize=address,undefined
endif

# The layers (src/*/README.md): every folder but cli is the library.
LIB_SRC := $(filter-out src/cli/%,$(wildcard src/*/*.c))
CLI_SRC := $(wildcard src/cli/*.c)
LIB_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/%.o) $(BUILD)/queries.o $(BUILD)/reportdefs.o \
           $(BUILD)/reportparts.o
CLI_OBJ := $(CLI_SRC:src/%.c=$(BUILD)/%.o)
SQL     := $(sort $(wildcard queries/*.sql))
DEFS    := $(sort $(wildcard reports/*.ini))
PARTS   := $(sort $(wildcard reports/delar/*.ini))
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

BIN     := bin/uppfolj$(if $(SANITIZE),-san)

.PHONY: all check unit e2e valgrind test demo clean install uninstall deps format lint clang fuzz
all: $(BIN)

$(BIN): $(CLI_OBJ) $(BUILD)/libuppfolj.a
	@mkdir -p $(@D)
	@echo "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/libuppfolj.a: $(LIB_OBJ)
	@echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/%.o: src/%.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

# Every queries/NAME.sql becomes a string in a table that uf_query("NAME")
# looks up, every reports/NAME.ini (a report definition) one that
# uf_report_def("NAME") looks up, and every reports/delar/NAME.ini (the
# defined tables of a built-in report, no report of its own) one that
# uf_report_part("NAME") looks up: the text stays in its folder, C never
# formats SQL.  $(call embed,ARRAY,FILES,FOLDER) writes the table.
define embed
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	$(Q){ echo '/* Generated from $(3) by the Makefile. Do not edit. */'; \
	  echo '#include "uppfolj/query.h"'; \
	  echo 'const uf_query_text $(1)[] = {'; \
	  for f in $(2); do \
	    n=$$(basename $$f); n=$${n%.*}; printf '    { "%s",\n' "$$n"; \
	    sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/      "/' -e 's/$$/\\n"/' $$f; \
	    echo '    },'; \
	  done; \
	  echo '    { 0, 0 }'; echo '};'; } > $@
endef

$(BUILD)/queries.c: $(SQL) Makefile
	$(call embed,uf_queries,$(SQL),queries)

$(BUILD)/reportdefs.c: $(DEFS) Makefile
	$(call embed,uf_report_defs,$(DEFS),reports)

$(BUILD)/reportparts.c: $(PARTS) Makefile
	$(call embed,uf_report_parts,$(PARTS),reports/delar)

$(BUILD)/%.o: $(BUILD)/%.c
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-overlength-strings -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libuppfolj.a
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(BUILD)/libuppfolj.a -lcmocka $(LDLIBS)

# A test-only build of the command line that also writes each report's
# model before disclosure control (NAME.truth.json) for the attacker test
# (tests/e2e/attack.py).  Never installed; the shipped binary has no such
# path.
TRUTH := $(BUILD)/tests/uppfolj-truth
$(TRUTH): $(CLI_SRC) $(BUILD)/libuppfolj.a
	@mkdir -p $(@D)
	@echo "  LD      $@"
	$(Q)$(CC) $(CPPFLAGS) -DUF_TEST_TRUTH $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_SRC) \
	  $(BUILD)/libuppfolj.a $(LDLIBS)

unit: $(UNIT_BIN)
	$(Q)tests/run-unit.sh $(UNIT_BIN)

e2e: $(BIN) $(TRUTH)
	$(Q)UPPFOLJ=$(CURDIR)/$(BIN) UPPFOLJ_TRUTH=$(CURDIR)/$(TRUTH) tests/e2e/run.sh

check: unit e2e check-r

# Differential test against R (SPEC §6): tests/r/gen.c computes every
# statistic of stats.h on generated data sets, tests/r/compare.R recomputes
# them with R and compares to 1e-9.  Skipped, with a message, only when
# Rscript is not installed (CI installs it: .ci/install-deps).
.PHONY: check-r
check-r: $(BUILD)/libuppfolj.a
	$(Q)if ! command -v Rscript >/dev/null 2>&1; then \
	  echo "check-r: hoppas över: Rscript saknas (apt-get install r-base-core r-cran-survival)"; \
	  exit 0; \
	fi; \
	mkdir -p $(BUILD)/r-diff && \
	echo "  CC      tests/r/gen.c" && \
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $(BUILD)/r-diff/gen tests/r/gen.c \
	  $(BUILD)/libuppfolj.a $(LDLIBS) && \
	$(BUILD)/r-diff/gen $(BUILD)/r-diff && \
	Rscript tests/r/compare.R $(BUILD)/r-diff

valgrind: $(UNIT_BIN) $(BIN) $(TRUTH)
	$(Q)VALGRIND=1 tests/run-unit.sh $(UNIT_BIN)
	$(Q)UPPFOLJ=$(CURDIR)/$(BIN) UPPFOLJ_TRUTH=$(CURDIR)/$(TRUTH) VALGRIND=1 tests/e2e/run.sh

deps:
	sh .ci/install-deps

# The README's test command: every test, plain, under ASan + UBSan (with
# LeakSanitizer) and under valgrind, and a minute of fuzzing.
test:
	$(MAKE) lint
	$(MAKE) clang
	$(MAKE) check
	$(MAKE) check SANITIZE=1
	$(MAKE) valgrind
	$(MAKE) fuzz

# libFuzzer on the importer (tests/fuzz/fuzz_import.c) for FUZZ_SECONDS
# (default 60), from the seed corpus tests/fuzz/corpus/; what it learns goes
# to build-fuzz/corpus, a crash to build-fuzz/crash-* (and fails the run).
# The library is built with clang, -fsanitize=fuzzer-no-link,address,undefined.
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
               -fno-sanitize-recover=all
fuzz:
	$(MAKE) CC=clang BUILD=build-fuzz CFLAGS='$(FUZZ_CFLAGS)' build-fuzz/libuppfolj.a
	@echo "  LD      build-fuzz/fuzz_import"
	$(Q)clang $(CPPFLAGS:-I$(BUILD)=-Ibuild-fuzz) -std=c11 $(WARN) -O1 -g \
	  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	  -o build-fuzz/fuzz_import tests/fuzz/fuzz_import.c build-fuzz/libuppfolj.a $(LDLIBS)
	$(Q)mkdir -p build-fuzz/corpus
	$(Q)build-fuzz/fuzz_import -max_total_time=$(FUZZ_SECONDS) -max_len=16384 -timeout=10 \
	  -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=build-fuzz/ \
	  build-fuzz/corpus tests/fuzz/corpus

# The README's main command: a database in out/ from sample-data/.
DEMO := out
demo: $(BIN)
	@mkdir -p $(DEMO)
	rm -f $(DEMO)/uppfolj.db $(DEMO)/uppfolj.db.key
	cp docs/uppfolj.conf.example $(DEMO)/uppfolj.conf
	$(BIN) --db $(DEMO)/uppfolj.db init
	$(BIN) --db $(DEMO)/uppfolj.db import sample-data/*.csv
	$(BIN) --db $(DEMO)/uppfolj.db check
	$(BIN) --db $(DEMO)/uppfolj.db report verksamhet --period 2025 --program SIG -o $(DEMO)/rapporter
	$(BIN) --db $(DEMO)/uppfolj.db report utfall --by sex --program SIG -o $(DEMO)/rapporter
	$(BIN) --db $(DEMO)/uppfolj.db report arsrapport --year 2025 --program SIG -o $(DEMO)/rapporter
	$(BIN) --db $(DEMO)/uppfolj.db report kohort --cohort 'SIG:programme=SIG' --cohort 'Jämförelse:programme=ordinarie' -o $(DEMO)/rapporter
	$(BIN) --db $(DEMO)/uppfolj.db export --cohort 'SIG:programme=SIG' --cohort 'Jämförelse:programme=ordinarie' -o $(DEMO)/analys

# The program and its manual page (man uppfolj).
MANDIR ?= $(PREFIX)/share/man
install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/uppfolj
	install -m 0644 docs/uppfolj.1 $(DESTDIR)$(MANDIR)/man1/uppfolj.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/uppfolj $(DESTDIR)$(MANDIR)/man1/uppfolj.1

# Style kept by tools: `make format` applies .clang-format; `make lint` (in
# `make test`) checks that it would change nothing, runs cppcheck and
# clang-tidy (.clang-tidy), and tools/check-layers (no include or call from
# a layer to one above it, no circles between files; its self-test plants
# an upward include and must catch it).
FORMAT_FILES := $(wildcard src/*/*.c src/*/*.h include/uppfolj/*.h tests/unit/*.c tests/unit/*.h)
TIDY_FLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -DUF_VERSION=\"$(VERSION)\" -Iinclude \
              -I$(BUILD) $(PKG_CFLAGS)

format:
	clang-format -i $(FORMAT_FILES)

lint: $(BUILD)/libuppfolj.a
	@echo "  FORMAT  (clang-format --dry-run)"
	$(Q)clang-format --dry-run --Werror $(FORMAT_FILES)
	@echo "  CPPCHECK"
	$(Q)cppcheck --quiet --error-exitcode=1 --enable=warning,portability \
	  --inline-suppr -Iinclude src
	@echo "  TIDY    src/*/*.c"
	$(Q)printf '%s\n' $(LIB_SRC) $(CLI_SRC) | xargs -P2 -n8 sh -c \
	  'clang-tidy --quiet "$$@" -- $(TIDY_FLAGS) 2>/dev/null' tidy
	$(Q)tools/check-layers --build $(BUILD)
	$(Q)tools/check-layers --self-test

# The whole build with clang (warnings are errors there too), apart from
# the gcc build: build-clang/.
clang:
	$(MAKE) CC=clang BUILD=build-clang BIN=build-clang/uppfolj build-clang/uppfolj \
	  $(UNIT_SRC:tests/unit/%.c=build-clang/tests/%) build-clang/tests/uppfolj-truth

clean:
	rm -rf build build-san build-clang bin

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
