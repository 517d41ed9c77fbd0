# SPDX-License-Identifier: ISC
# utilab — plain GNU make. See README.md.
#   make            build bin/utilab-* (runs from the source tree)
#   make check      unit, CLI, golden and fuzz-corpus tests through prove
#   make check SANITIZE=1   the same under ASan+UBSan
#   make demo       scaffold and render a workshop from the catalogue
#   make bench      throughput figures
#   make fuzz       libFuzzer targets (clang)
#   make coverage   line and branch coverage of make check (gcov)
#   make install    PREFIX=/usr/local DESTDIR=
#   make update-po  re-extract the messages (po/utilab.pot) and merge po/*.po

VERSION    = 0.1.0
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share/utilab
MANPREFIX ?= $(PREFIX)/share/man
LOCALEDIR ?= $(PREFIX)/share/locale
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/vendor-completions
DESTDIR   ?=

CC       ?= cc
CXX      ?= c++
CFLAGS   ?= -O2 -g
CXXFLAGS ?= -O2 -g
CPPFLAGS ?=
LDFLAGS  ?=
# A git checkout builds in developer mode: warnings are errors there, so a
# warning never lands; a release tarball or a distribution build (which may
# use another compiler) does not stop on a new warning.
DEVELOPER ?= $(if $(wildcard .git),1,)
# Hardening, as Debian's dpkg-buildflags gives it, on every build.
HARDEN_CFLAGS  = -fstack-protector-strong -fstack-clash-protection
HARDEN_CPPFLAGS = $(if $(filter -O0,$(CFLAGS))$(filter 1,$(SANITIZE) $(COVERAGE)),,-D_FORTIFY_SOURCE=2)
HARDEN_LDFLAGS = -Wl,-z,relro -Wl,-z,now
PKGS      = cairo cairo-pdf cairo-svg cairo-png pangocairo pangoft2 fontconfig \
            gdk-pixbuf-2.0 zbar \
            yaml-0.1 libqrencode \
            poppler-glib librsvg-2.0 libxml-2.0 libzip glib-2.0 libcmark libqpdf

# Missing libraries: install them first (tools/install-deps is quick when
# everything is there, and is only run when pkg-config misses something).
ifneq ($(shell pkg-config --exists $(PKGS) 2>/dev/null && echo ok),ok)
ifeq ($(filter clean,$(MAKECMDGOALS)),)
$(info utilab: missing build dependencies, running tools/install-deps)
DEPS_STATUS := $(shell sh tools/install-deps 1>&2 && echo ok)
ifneq ($(DEPS_STATUS),ok)
$(error tools/install-deps failed: see above)
endif
endif
endif

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
# lib/qpdfbridge.cc is C++ (libqpdf's page helpers have no C API): every
# link takes the C++ runtime.
PKG_LIBS   := $(shell pkg-config --libs $(PKGS)) -lstdc++ -lm

ifeq ($(COVERAGE),1)
# make coverage: gcov counters in every object, no optimisation to blur them.
SAN_FLAGS  = --coverage -O0
MODE       = coverage
else ifeq ($(SANITIZE),1)
SAN_FLAGS  = -fsanitize=address,undefined -fno-sanitize-recover=all \
             -fno-omit-frame-pointer
MODE       = sanitize
else
SAN_FLAGS  =
MODE       = plain
endif

UL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
            -Wall -Wextra -Wformat-nonliteral $(if $(DEVELOPER),-Werror) -Ilib $(PKG_CFLAGS) \
            $(SAN_FLAGS) $(HARDEN_CFLAGS) $(HARDEN_CPPFLAGS) $(CPPFLAGS) \
            -DUL_VERSION='"$(VERSION)"' -DUL_DATADIR='"$(DATADIR)"' \
            -DUL_LOCALEDIR='"$(LOCALEDIR)"'
UL_CXXFLAGS = -std=c++17 -DPOINTERHOLDER_TRANSITION=4 -Wall -Wextra \
            $(if $(DEVELOPER),-Werror) -Ilib $(shell pkg-config --cflags libqpdf) \
            $(SAN_FLAGS) $(HARDEN_CFLAGS) $(HARDEN_CPPFLAGS) $(CPPFLAGS)
UL_LDFLAGS = $(SAN_FLAGS) $(HARDEN_LDFLAGS) $(LDFLAGS)

LIB_SRC  = $(sort $(wildcard lib/*.c))
LIB_CXX  = $(sort $(wildcard lib/*.cc))
LIB_OBJ  = $(LIB_SRC:.c=.o) $(LIB_CXX:.cc=.o)
LIB_HDR  = $(wildcard lib/*.h)
BIN_SRC  = $(sort $(wildcard bin/utilab-*.c))
BINS     = $(BIN_SRC:.c=)
# What the commands share (options tables, --help): bin/, not lib/, for it
# knows argv and exit codes.
CLI_OBJ  = bin/opts.o bin/watch.o
UNIT_SRC = $(sort $(wildcard tests/unit/t-*.c))
UNITS    = $(UNIT_SRC:.c=.t)
FUZZ_SRC = $(sort $(wildcard tests/fuzz/fuzz-*.c))
REPLAYS  = $(FUZZ_SRC:tests/fuzz/fuzz-%.c=tests/fuzz/replay-%)
# Small drivers over the library, for CLI tests and benches of lib/ parts
# that no command exposes alone (tests/bin/NAME.c becomes tests/bin/NAME).
TOOL_SRC = $(sort $(wildcard tests/bin/*.c))
TOOLS    = $(TOOL_SRC:.c=)

# Message catalogues: po/LANG.po becomes share/locale/LANG/LC_MESSAGES/
# utilab.mo, beside bin/ as the installed one is beside $(BINDIR), so that
# an uninstalled build speaks the user's language too (lib/intl.c).
PO_LANGS = $(sort $(basename $(notdir $(wildcard po/*.po))))
MOS      = $(PO_LANGS:%=share/locale/%/LC_MESSAGES/utilab.mo)
# Every file xgettext reads (po/POTFILES is this list, for translators).
POT_SRC  = $(LIB_SRC) $(LIB_CXX) $(sort $(LIB_HDR)) $(BIN_SRC) $(CLI_OBJ:.o=.c) $(sort $(wildcard bin/*.h))
# What marks a message: the lib/intl.h macros, and the functions whose
# format argument lib/diag translates (and bin/opts.c's usage error, which
# the commands call through their usage_error() macro).
XGETTEXT_KEYWORDS = --keyword=_ --keyword=N_ --keyword=P_:1,2 \
	--keyword=ul_error:5 --flag=ul_error:5:c-format \
	--keyword=ul_warning:5 --flag=ul_warning:5:c-format \
	--keyword=ul_diag_add:7 --flag=ul_diag_add:7:c-format \
	--keyword=ul_sheet_error:4 --flag=ul_sheet_error:4:c-format \
	--keyword=err:3 --flag=err:3:c-format \
	--keyword=warn:3 --flag=warn:3:c-format \
	--keyword=err_at:3 --flag=err_at:3:c-format \
	--keyword=err_node:3 --flag=err_node:3:c-format \
	--keyword=fail:5 --flag=fail:5:c-format \
	--keyword=cli_usage_error:2 --flag=cli_usage_error:2:c-format \
	--keyword=usage_error:1 --flag=usage_error:1:c-format \
	--keyword=CLI_OPT:3
XGETTEXT = xgettext --language=C --from-code=UTF-8 --add-comments=TRANSLATORS: \
	--sort-by-file --package-name=utilab --package-version=$(VERSION) \
	--msgid-bugs-address=utilab@example.org $(XGETTEXT_KEYWORDS)

# V=1 shows the full command lines.
ifeq ($(V),1)
Q =
else
Q = @
endif

# Switching SANITIZE on or off rebuilds everything: objects of both kinds
# must never be mixed in one binary.
BUILD_MODE := $(shell cat .build-mode 2>/dev/null)
ifneq ($(BUILD_MODE),$(MODE))
$(shell echo $(MODE) > .build-mode)
endif
# make looked at the directory before the line above created the file: on a
# fresh clone or after clean, without this rule it would believe .build-mode
# cannot be made and fall back on its built-in %.o rule, without our flags.
.build-mode:
	@echo $(MODE) > $@

.PHONY: all check check-ci bench demo coverage fuzz install uninstall clean deps lint-man \
        dist distcheck deb update-po check-po \
        print-potfiles print-xgettext
all: lib/libutilab.a $(BINS) $(MOS)

deps:
	@sh tools/install-deps

lib/%.o: lib/%.c $(LIB_HDR) .build-mode
	@echo '  CC      $@'
	$(Q)$(CC) $(CFLAGS) $(UL_CFLAGS) -c -o $@ $<

lib/%.o: lib/%.cc $(LIB_HDR) .build-mode
	@echo '  CXX     $@'
	$(Q)$(CXX) $(CXXFLAGS) $(UL_CXXFLAGS) -c -o $@ $<

lib/libutilab.a: $(LIB_OBJ)
	@echo '  AR      $@'
	@rm -f $@
	@ar rcs $@ $(LIB_OBJ)

$(CLI_OBJ): bin/%.o: bin/%.c bin/%.h $(LIB_HDR) .build-mode
	@echo '  CC      $@'
	$(Q)$(CC) $(CFLAGS) $(UL_CFLAGS) -c -o $@ $<

bin/utilab-%: bin/utilab-%.c $(CLI_OBJ:.o=.h) $(CLI_OBJ) lib/libutilab.a $(LIB_HDR) .build-mode
	@echo '  CCLD    $@'
	$(Q)$(CC) $(CFLAGS) $(UL_CFLAGS) -o $@ $< $(CLI_OBJ) lib/libutilab.a $(PKG_LIBS) $(UL_LDFLAGS)


tests/unit/%.t: tests/unit/%.c tests/unit/tap.h lib/libutilab.a $(LIB_HDR) .build-mode
	@echo '  CCLD    $@'
	$(Q)$(CC) $(CFLAGS) $(UL_CFLAGS) -o $@ $< lib/libutilab.a $(PKG_LIBS) $(UL_LDFLAGS)

# The fuzz targets' corpora are replayed by a plain driver in make check,
# with whatever compiler and sanitizers the build uses.
tests/fuzz/replay-%: tests/fuzz/fuzz-%.c tests/fuzz/replay.c lib/libutilab.a $(LIB_HDR) .build-mode
	@echo '  CCLD    $@'
	$(Q)$(CC) $(CFLAGS) $(UL_CFLAGS) -o $@ $< tests/fuzz/replay.c lib/libutilab.a $(PKG_LIBS) $(UL_LDFLAGS)

# qrlocate reads QR corners through libzbar (libzbar-dev), for tests only.
tests/bin/qrlocate: tests/bin/qrlocate.c .build-mode
	@echo '  CCLD    $@'
	$(Q)$(CC) $(CFLAGS) $(UL_CFLAGS) -o $@ $< $(PKG_LIBS) $(shell pkg-config --libs zbar) $(UL_LDFLAGS)

tests/bin/%: tests/bin/%.c lib/libutilab.a $(LIB_HDR) .build-mode
	@echo '  CCLD    $@'
	$(Q)$(CC) $(CFLAGS) $(UL_CFLAGS) -o $@ $< lib/libutilab.a $(PKG_LIBS) $(UL_LDFLAGS)

# An LD_PRELOAD shim that fails the libraries' allocations (t6050): a
# shared object without sanitizers, which could not be preloaded.
LIBFAULT = tests/libfault/libfault.so
$(LIBFAULT): tests/libfault/libfault.c
	@echo '  CCLD    $@'
	$(Q)$(CC) -std=c11 -O2 -Wall -Wextra $(if $(DEVELOPER),-Werror) -shared -fPIC -o $@ $< -ldl

share/locale/%/LC_MESSAGES/utilab.mo: po/%.po
	@echo '  MSGFMT  $@'
	@mkdir -p $(@D)
	$(Q)msgfmt -c -o $@.tmp $< && mv $@.tmp $@

# make update-po: the template from the sources as they are, then each
# translation merged with it (new messages come in untranslated, changed
# ones fuzzy: tests/cli/t1321-po.sh fails until they are translated).
update-po:
	$(MAKE) -s print-potfiles > po/POTFILES
	$(XGETTEXT) -f po/POTFILES -o po/utilab.pot.tmp
	mv po/utilab.pot.tmp po/utilab.pot
	for l in $(PO_LANGS); do \
		msgmerge --quiet --update --backup=none --no-fuzzy-matching po/$$l.po po/utilab.pot && \
		msgattrib --no-obsolete -o po/$$l.po po/$$l.po || exit 1; \
	done

print-potfiles:
	@printf '%s\n' $(POT_SRC)
print-xgettext:
	@echo $(XGETTEXT)

# Does every translation cover every message of the sources as they are?
check-po:
	@sh tools/po-check

# Test tools (qpdf, zbarimg, mandoc…) are not libraries pkg-config would
# miss, so check and demo always ask install-deps (quick when all is there).
check: deps all $(UNITS) $(REPLAYS) $(TOOLS) $(LIBFAULT)
	@prove -j2 --exec tests/exec $(UNITS) $(sort $(wildcard tests/cli/t*.sh))

bench: deps all $(TOOLS)
	sh tools/bench

demo: deps all
	sh tools/demo

# Line and branch coverage of make check (gcov; tools/coverage sums it).
coverage:
	$(MAKE) COVERAGE=1 all
	find lib bin tests -name '*.gcda' -delete
	-$(MAKE) COVERAGE=1 check
	sh tools/coverage

fuzz:
	sh tools/fuzz

# Both languages: man/fr/ translates every page of man/ (tests/cli/t1190
# and t1191 run the same lint, and check that the two stay in step).
lint-man:
	mandoc -T lint -W warning man/man*/*.[157] man/fr/man*/*.[157]

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	cp -R share/utilab/. $(DESTDIR)$(DATADIR)
	cp -R workshops $(DESTDIR)$(DATADIR)/
	for s in 1 5 7; do \
		install -d $(DESTDIR)$(MANPREFIX)/man$$s; \
		for f in man/man$$s/*.$$s; do [ -f "$$f" ] && install -m 644 $$f $(DESTDIR)$(MANPREFIX)/man$$s/ || :; done; \
		if [ -d man/fr/man$$s ]; then \
			install -d $(DESTDIR)$(MANPREFIX)/fr/man$$s; \
			for f in man/fr/man$$s/*.$$s; do [ -f "$$f" ] && install -m 644 $$f $(DESTDIR)$(MANPREFIX)/fr/man$$s/ || :; done; \
		fi; \
	done
	install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 644 completion/utilab.bash $(DESTDIR)$(BASHCOMPDIR)/utilab
	for b in $(notdir $(BINS)); do ln -sf utilab $(DESTDIR)$(BASHCOMPDIR)/$$b; done
	install -m 644 completion/_utilab $(DESTDIR)$(ZSHCOMPDIR)/_utilab
	for l in $(PO_LANGS); do \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
		install -m 644 share/locale/$$l/LC_MESSAGES/utilab.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/; \
	done

uninstall:
	for b in $(notdir $(BINS)); do rm -f $(DESTDIR)$(BINDIR)/$$b; done
	rm -rf $(DESTDIR)$(DATADIR)
	for f in man/man*/*.[157] man/fr/man*/*.[157]; do rm -f $(DESTDIR)$(MANPREFIX)/$${f#man/}; done
	rm -f $(DESTDIR)$(BASHCOMPDIR)/utilab $(DESTDIR)$(ZSHCOMPDIR)/_utilab
	for b in $(notdir $(BINS)); do rm -f $(DESTDIR)$(BASHCOMPDIR)/$$b; done
	for l in $(PO_LANGS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/utilab.mo; done

# The release tarball: what git tracks at HEAD (commit first), so that it
# holds exactly what a fresh clone holds. distcheck builds and tests it
# from the tarball alone, in a scratch directory, as a user would.
DIST = utilab-$(VERSION)
dist:
	@git diff --quiet HEAD -- || echo 'dist: note: uncommitted changes are not in the tarball' >&2
	git archive --format=tar --prefix=$(DIST)/ HEAD | gzip -n -9 > $(DIST).tar.gz.tmp
	mv $(DIST).tar.gz.tmp $(DIST).tar.gz
	@echo "dist: $(DIST).tar.gz"

distcheck: dist
	rm -rf distcheck.tmp && mkdir distcheck.tmp
	tar -C distcheck.tmp -xzf $(DIST).tar.gz
	cd distcheck.tmp/$(DIST) && $(MAKE) && $(MAKE) check && \
		$(MAKE) install DESTDIR=$$PWD/../root PREFIX=/usr && \
		UTILAB_DATADIR= ../root/usr/bin/utilab-new -l >/dev/null
	rm -rf distcheck.tmp
	@echo "distcheck: $(DIST).tar.gz builds, passes make check and installs"

# The Debian package, unsigned, built from the release tarball in a
# scratch directory (dpkg-buildpackage cleans the tree it builds in and
# writes beside it), then checked with lintian; the .deb lands here.
# DEB_BUILD_OPTIONS=nocheck skips the test suite inside the build.
deb: dist
	rm -rf deb.tmp && mkdir deb.tmp
	tar -C deb.tmp -xzf $(DIST).tar.gz
	cd deb.tmp/$(DIST) && dpkg-buildpackage -us -uc -b
	lintian --allow-root --fail-on error deb.tmp/utilab_$(VERSION)_*.changes
	cp deb.tmp/utilab_$(VERSION)_*.deb .
	rm -rf deb.tmp

clean:
	rm -f lib/*.o bin/*.o lib/libutilab.a $(BINS) $(TOOLS) tests/unit/*.t tests/fuzz/replay-* \
	      tests/fuzz/fuzz-*-libfuzzer $(LIBFAULT) .build-mode
	rm -rf out distcheck.tmp deb.tmp share/locale
	find lib bin tests -name "*.gc[dn][ao]" -delete
