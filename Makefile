# The two commands of the README's quick start are `make serve` and `make test`.
# Everything here needs only Go.

GO ?= go
BASE_URL ?=
ADDR ?= localhost:1313
# The search function embeds the index that `make netlify` writes here.
FUNCTION_INDEX = netlify/functions/search/index

.PHONY: serve build netlify test bench clean

## serve: build the bundled site and serve it on http://localhost:1313
serve:
	$(GO) run ./generator serve -addr $(ADDR)

## build: build the site into public/ (BASE_URL=https://... to set its address)
build:
	$(GO) run ./generator build $(if $(BASE_URL),-base-url $(BASE_URL))

## netlify: Netlify's build: the site into public/, its search index into the search function
# $(FUNCTION_INDEX)/.keep lets a fresh clone compile the function. The build
# refuses a folder it did not write, and replaces the folder whole, so .keep
# is moved out of the way and put back, whether the build succeeds or not.
netlify:
	rm -f $(FUNCTION_INDEX)/.keep
	$(GO) run ./generator build $(if $(BASE_URL),-base-url $(BASE_URL)) -index $(FUNCTION_INDEX); \
	status=$$?; mkdir -p $(FUNCTION_INDEX) && touch $(FUNCTION_INDEX)/.keep; exit $$status

## test: run every test
test:
	$(GO) vet ./...
	$(GO) test ./...

## bench: measure build and search speed and memory (medians of 5 runs)
bench:
	$(GO) test -run='^$$' -bench=. -benchtime=3x -count=5 ./generator/site/ ./generator/search/ > bench.out || (cat bench.out; exit 1)
	@$(GO) run golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da bench.out 2>/dev/null || cat bench.out

## clean: remove the built site and search indexes (the function's .keep stays)
clean:
	rm -rf public .public.new-* public.search .public.search.* $(FUNCTION_INDEX)/* netlify/functions/search/.index.*
