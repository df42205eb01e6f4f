# The two commands of the README's quick start are `make serve` and `make test`.
# Everything here needs only Go.

GO ?= go
BASE_URL ?=
ADDR ?= localhost:1313

.PHONY: serve build test bench clean

## serve: build the bundled site and serve it on http://localhost:1313
serve:
	$(GO) run ./generator serve -addr $(ADDR)

## build: build the site into public/ (BASE_URL=https://... to set its address)
build:
	$(GO) run ./generator build $(if $(BASE_URL),-base-url $(BASE_URL))

## test: run every test
test:
	$(GO) vet ./...
	$(GO) test ./...

## bench: measure build speed and memory
bench:
	@echo "no benchmarks yet"

## clean: remove the built site
clean:
	rm -rf public .public.new-*
