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

.PHONY: serve build check netlify lambda-image test fuzz bench bench-tools loadtest audit clean

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

## lambda-image: the search as an AWS Lambda container image's contents, in LAMBDA_IMAGE (lambda/image):
## Dockerfile, bootstrap (the function for LAMBDA_ARCH, amd64 or arm64) and index/; the site into LAMBDA_SITE (public)
# For a library too large for the Netlify function (the build warns above
# 40 MB); the README says how to build and deploy the image.
LAMBDA_IMAGE ?= lambda/image
LAMBDA_SITE ?= public
LAMBDA_ARCH ?= amd64
lambda-image:
	rm -rf $(LAMBDA_IMAGE)
	mkdir -p $(LAMBDA_IMAGE)
	$(GO) run ./generator build $(if $(BASE_URL),-base-url $(BASE_URL)) -out $(LAMBDA_SITE) -index $(LAMBDA_IMAGE)/index
	cd netlify/functions/search && CGO_ENABLED=0 GOOS=linux GOARCH=$(LAMBDA_ARCH) \
		$(GO) build -ldflags '-s -w' -tags lambda.norpc,lambdaimage -o $(abspath $(LAMBDA_IMAGE))/bootstrap .
	cp lambda/Dockerfile $(LAMBDA_IMAGE)/Dockerfile

## test: go vet, staticcheck and every test, one line per package as each ends
# The browser, corpus, emulator and Node tests run only under CI (CI=1 make
# test, as .ci/run does); elsewhere each prints one line saying so.
# staticcheck is pinned in tools/go.mod (the module proxy is needed once).
test:
	$(GO) vet ./...
	$(GO) tool -modfile=tools/go.mod staticcheck ./...
	set -o pipefail; $(GO) test -json ./... | $(GO) -C tools run ./testsum
	$(GO) -C generator/loadtest vet ./... && $(GO) -C generator/loadtest test ./...
	$(GO) -C tools vet ./benchtable && $(GO) -C tools test ./benchtable

## fuzz: run each fuzz target for FUZZTIME (30s), one after another
# A crasher is written to the package's testdata/fuzz/FuzzX/, where
# `go test` runs it from then on: fix it, and commit it as a seed.
# New inputs are minimized briefly (200 runs), or the search stalls.
FUZZTIME ?= 30s
FUZZ_TARGETS = ./generator/site:FuzzParseFrontMatter ./generator/site:FuzzSplitFrontMatter \
	./generator/site:FuzzRenderMarkdown ./generator/site:FuzzCountWords \
	./generator/directory:FuzzLoadOrganization ./generator/directory:FuzzNormalizePhone \
	./generator/directory:FuzzFindConfidential \
	./generator/diag:FuzzDecodeYAML ./generator/diag:FuzzParseTime ./generator/hours:FuzzSchedule \
	./generator/hsds:FuzzImport ./generator/search:FuzzParams ./generator/search:FuzzSearch ./generator/search:FuzzHandler
fuzz:
	@for t in $(FUZZ_TARGETS); do pkg=$${t%%:*}; name=$${t##*:}; echo "fuzz: $$name in $$pkg for $(FUZZTIME)"; \
		$(GO) test -run='^$$' -fuzz="^$$name$$" -fuzztime=$(FUZZTIME) -fuzzminimizetime=200x $$pkg || exit 1; done

## bench: measure build and search speed and memory, and write BENCHMARKS.md:
## full builds of a synthetic site (N materials, N/10 organizations) and of
## digital.gov as child processes (wall, CPU, peak memory), Hugo + Pagefind
## on the same synthetic site when installed (make bench-tools), the index
## alone, the search function's zipped size, the dev server's latency for
## each kind of edit, and search: single searches, CPU and answer size per
## search over each site's query mix, and 1, 16 and 32 clients over
## loopback on the synthetic site and digital.gov, with and without the
## answer cache. About 20 minutes at N=10000 on 2 quiet cores; BENCHMARKS.md
## lists how long each step took. BENCH_COUNT runs of each build and edit.
# The synthetic source is written once per N and version of package
# synthetic and kept in the system's temporary folder; everything else
# lives in BENCH_DIR, removed at the end. The full builds leave their
# index there for the function and search steps, so the synthetic site is
# indexed only by the builds that are measured.
N ?= 10000
BENCH_COUNT ?= 3
BENCH_DIR ?= $${TMPDIR:-/tmp}/resourcelib-bench-$(N)
BENCH_ENV = BENCH_N=$(N) BENCH_DIR=$(BENCH_DIR)
BENCH_GO = $(BENCH_ENV) $(GO) test -run='^$$' -timeout=60m
# bench_step NAME,COMMAND: runs COMMAND into bench.out and records how long it took.
bench_step = @echo "bench: $(1)"; t0=$$(date +%s); $(2) >> bench.out || { cat bench.out; exit 1; }; \
	echo "bench-step: $(1) $$(( $$(date +%s) - t0 ))" >> bench.out
bench:
	@rm -rf $(BENCH_DIR) && mkdir -p $(BENCH_DIR)
	@echo "bench-start: $$(date -u +%s) $$(cat /proc/loadavg)" > bench.out
	@echo "bench-config: N=$(N) BENCH_COUNT=$(BENCH_COUNT) $$($(GO) version)" >> bench.out
	$(call bench_step,full builds and Hugo + Pagefind,$(BENCH_GO) -bench='^Benchmark(FullBuild|IndexBuild|HugoPagefind)$$' -benchtime=1x -count=$(BENCH_COUNT) ./generator/)
	$(call bench_step,search function bundle,$(BENCH_GO) -bench='^BenchmarkFunctionBundle$$' -benchtime=1x -count=1 ./generator/)
	$(call bench_step,dev server edits,$(BENCH_GO) -bench='^BenchmarkEdit$$' -benchtime=1x -count=$(BENCH_COUNT) ./generator/)
	$(call bench_step,Session.Update edits,$(BENCH_GO) -bench='^BenchmarkSessionEdit$$' -benchtime=5x ./generator/site/)
	$(call bench_step,single searches,$(BENCH_GO) -bench='^BenchmarkSearch$$' -benchtime=20x -count=3 ./generator/search/)
	$(call bench_step,search mix,SEARCH_SYNTHETIC_INDEX=$(BENCH_DIR)/synthetic-$(N)/public.search $(BENCH_GO) -bench='^BenchmarkSearchMix$$' -benchtime=3000x -count=3 ./generator/search/)
	$(call bench_step,search load,SEARCH_SYNTHETIC_INDEX=$(BENCH_DIR)/synthetic-$(N)/public.search $(BENCH_GO) -bench='^BenchmarkSearchLoad$$' -benchtime=200x -count=3 ./generator/search/)
	@echo "bench-end: $$(date -u +%s) $$(cat /proc/loadavg)" >> bench.out
	$(GO) -C tools run ./benchtable < bench.out > BENCHMARKS.md
	@rm -rf $(BENCH_DIR)
	@echo "bench: wrote BENCHMARKS.md (the raw output is in bench.out)"

## bench-tools: install Hugo v0.160.0 (into Go's bin folder) and Pagefind 1.6.0 (tools/pagefind) for make bench's side-by-side row
bench-tools:
	GOTOOLCHAIN=go1.27.3 $(GO) install github.com/gohugoio/hugo@v0.160.0
	cd tools/pagefind && npm ci --no-audit --no-fund --loglevel=error

## loadtest: drive the search service with vegeta over loopback and print what it measured:
## a fixed rate, then twice what the machine serves, then the recovery
## (LOADTEST_N=10000 materials, LOADTEST_RATE=500 a second, LOADTEST_DURATION=30s, LOADTEST_BURST=10s)
# generator/loadtest is a module of its own, so that vegeta stays out of go.mod.
loadtest:
	$(GO) -C generator/loadtest run . -repo ../..

## audit: Lighthouse's four scores for home, a material, the directory and the services page
# tools/audit/run.sh builds the bundled site, serves the build as production
# does (`generator serve -built`) on a loopback port and runs
# Lighthouse 12.2.3 (tools/audit, pinned) in Debian's Chromium
# (CHROME_PATH, default /usr/bin/chromium).
audit:
	GO=$(GO) bash tools/audit/run.sh

## clean: remove the built site and search indexes (the function's .keep stays)
clean:
	rm -rf public .public.new-* .public.commit-* public.search .public.search.* $(FUNCTION_INDEX)/* netlify/functions/search/.index.* lambda/image
