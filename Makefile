# The two commands of the README's quick start are `make serve` and `make test`.
# Everything here needs only Go, except `make audit` (Node 20 and Chromium;
# the browser tests in `make test` also use Chromium and tools/audit's
# axe-core, and skip without them outside CI).

GO ?= go
# bash, for pipefail in `make test`.
SHELL = bash
BASE_URL ?=
ADDR ?= localhost:1313
# The search function embeds the index that `make netlify` writes here.
FUNCTION_INDEX = netlify/functions/search/index

.PHONY: serve build check netlify test fuzz bench loadtest audit clean

## serve: build the bundled site, serve it on http://localhost:1313, rebuild and reload on changes
serve:
	$(GO) run ./generator serve -addr $(ADDR)

## build: build the site into public/ (BASE_URL=https://... to set its address)
build:
	$(GO) run ./generator build $(if $(BASE_URL),-base-url $(BASE_URL))

## check: print every problem in the content, write nothing (CHECK_FLAGS=-drafts ...)
# The generator is built, then run, rather than `go run`, which adds its own
# "exit status 1" after the problems; make still adds one line of its own
# ("make: *** [Makefile:...: check] Error 1") when there is an error.
check:
	@$(GO) build -o "$${TMPDIR:-/tmp}/resourcelib-generator" ./generator
	@"$${TMPDIR:-/tmp}/resourcelib-generator" check $(CHECK_FLAGS)

## netlify: Netlify's build: the site into public/, its search index into the search function
# $(FUNCTION_INDEX)/.keep lets a fresh clone compile the function. The build
# ignores hidden files when it decides whether it may replace a folder, and
# keeps those at the top of the folder it replaces, so .keep stays.
netlify:
	$(GO) run ./generator build $(if $(BASE_URL),-base-url $(BASE_URL)) -index $(FUNCTION_INDEX)

## test: go vet, staticcheck and every test, one line per package as each ends
# The browser, corpus, emulator and Node tests run only under CI (CI=1 make
# test, as .ci/run does); elsewhere each prints one line saying so.
# staticcheck is pinned in tools/go.mod (the module proxy is needed once).
test:
	$(GO) vet ./...
	$(GO) tool -modfile=tools/go.mod staticcheck ./...
	set -o pipefail; $(GO) test -json ./... | $(GO) -C tools run ./testsum
	$(GO) -C generator/loadtest vet ./... && $(GO) -C generator/loadtest test ./...

## fuzz: run each fuzz target for FUZZTIME (30s), one after another
# A crasher is written to the package's testdata/fuzz/FuzzX/, where
# `go test` runs it from then on: fix it, and commit it as a seed.
# New inputs are minimized briefly (200 runs), or the search stalls.
FUZZTIME ?= 30s
FUZZ_TARGETS = ./generator/site:FuzzParseFrontMatter ./generator/site:FuzzRenderMarkdown \
	./generator/directory:FuzzLoadOrganization ./generator/directory:FuzzNormalizePhone \
	./generator/diag:FuzzDecodeYAML ./generator/diag:FuzzParseTime ./generator/hours:FuzzSchedule \
	./generator/hsds:FuzzImport ./generator/search:FuzzParams ./generator/search:FuzzSearch ./generator/search:FuzzHandler
fuzz:
	@for t in $(FUZZ_TARGETS); do pkg=$${t%%:*}; name=$${t##*:}; echo "fuzz: $$name in $$pkg for $(FUZZTIME)"; \
		$(GO) test -run='^$$' -fuzz="^$$name$$" -fuzztime=$(FUZZTIME) -fuzzminimizetime=200x $$pkg || exit 1; done

## bench: measure build and search speed and memory, and write BENCHMARKS.md:
## full builds of a synthetic site (N materials, N/10 organizations) and of
## digital.gov as child processes (wall, CPU, peak memory), the index alone,
## the dev server's latency for each kind of edit, and search: single
## searches, CPU per search over each site's query mix, and 1, 16 and 32
## clients over loopback on the synthetic site and digital.gov
## (the full rebuilds are few and long, so they run fewer times)
N ?= 10000
bench:
	$(GO) test -run='^$$' -bench='^BenchmarkBuild$$' -benchtime=3x -count=5 ./generator/site/ > bench.out || (cat bench.out; exit 1)
	BENCH_N=$(N) $(GO) test -run='^$$' -bench='^BenchmarkSessionEdit$$' -benchtime=5x -timeout=30m ./generator/site/ >> bench.out || (cat bench.out; exit 1)
	$(GO) test -run='^$$' -bench='^BenchmarkRebuild10k$$' -benchtime=1x -count=3 ./generator/site/ >> bench.out || (cat bench.out; exit 1)
	$(GO) test -run='^$$' -bench='^BenchmarkSearch$$' -benchtime=20x -count=5 ./generator/search/ >> bench.out || (cat bench.out; exit 1)
	$(GO) test -run='^$$' -bench='^BenchmarkSearch(Mix|Load)$$' -benchtime=200x -count=3 -timeout=30m ./generator/search/ >> bench.out || (cat bench.out; exit 1)
	BENCH_N=$(N) $(GO) test -run='^$$' -bench='^Benchmark(FullBuild|IndexBuild|Edit|HugoPagefind)$$' -benchtime=1x -count=3 -timeout=60m ./generator/ >> bench.out || (cat bench.out; exit 1)
	$(GO) run ./tools/benchtable < bench.out > BENCHMARKS.md
	@$(GO) run golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da bench.out 2>/dev/null || cat bench.out

## loadtest: drive the search service with vegeta over loopback and print what it measured:
## a fixed rate, then twice what the machine serves, then the recovery
## (LOADTEST_N=10000 materials, LOADTEST_RATE=500 a second, LOADTEST_DURATION=30s, LOADTEST_BURST=10s)
# generator/loadtest is a module of its own, so that vegeta stays out of go.mod.
loadtest:
	$(GO) -C generator/loadtest run . -repo ../..

## audit: Lighthouse's four scores for home, a material, the directory and the services page
# tools/audit/run.sh serves the bundled site on a loopback port and runs
# Lighthouse 12.2.3 (tools/audit, pinned) in Debian's Chromium
# (CHROME_PATH, default /usr/bin/chromium).
audit:
	GO=$(GO) bash tools/audit/run.sh

## clean: remove the built site and search indexes (the function's .keep stays)
clean:
	rm -rf public .public.new-* .public.commit-* public.search .public.search.* $(FUNCTION_INDEX)/* netlify/functions/search/.index.*
