# Front end for the everyday commands. Each target installs what it needs first
# (scripts/install-deps is idempotent and quick when everything is there).
#
#   make          build (release)
#   make demo     build, create var/demo.db with the demonstration bank, print it, verify it,
#                 and serve it on http://127.0.0.1:8080/ (Ctrl-C stops it)
#   make test     build and run the whole test suite (release), SQLite and a throwaway PostgreSQL
#   make test-debug   the same under ASan + UBSan
#   make bench    build and run the benchmarks (never part of the tests)
#   make bench-server     wrk against `leubank serve` on loopback (64 connections)
#   make bench-national   100 MBAs and 10,000,000 inventory changes on SQLite and PostgreSQL (long)
#   make format   clang-format the sources in place
#   make tidy     clang-tidy over the sources
#   make fuzz     libFuzzer targets (ASan + UBSan; fuzz/build.sh), each for FUZZ_SECONDS (default 60): fuzz/run.sh

JOBS ?= $(shell nproc)
LEUBANK := build/release/src/cli/leubank
LISTEN ?= 127.0.0.1:8080

.PHONY: all deps build build-debug demo test test-debug bench bench-server bench-national format tidy clean fuzz

all: build

deps:
	@scripts/install-deps
	@scripts/install-web

build: deps
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)

build-debug: deps
	cmake --preset debug >/dev/null
	cmake --build --preset debug -j $(JOBS)

demo: build
	@mkdir -p var
	$(LEUBANK) --db var/demo.db demo --force
	$(LEUBANK) --db var/demo.db serve --listen $(LISTEN)

test: build
	scripts/run-tests release

test-debug: build-debug
	scripts/run-tests debug

bench: build
	scripts/run-bench

bench-server: build
	scripts/run-server-bench

bench-national: build
	scripts/run-national-bench

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

tidy: build
	clang-tidy -p build/release --quiet $$(git ls-files 'src/*.cpp')

fuzz: deps
	fuzz/run.sh

clean:
	rm -rf build var
