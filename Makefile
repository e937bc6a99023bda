# rnnscope: the two commands of the quick start are `make run` and `make test`.
SWIFT ?= swift
BIN := .build/release/rnnscope

.PHONY: run test lint deps build bench screenshots clean

## Install missing system packages (libncurses-dev, libopenblas-dev) when we can.
deps:
	@scripts/ensure-deps.sh

## Build the release binary.
build: deps
	$(SWIFT) build -c release --product rnnscope

## Open the TUI on the built-in default (the seed's case-correction demo).
run: build
	@$(BIN) $(ARGS)

## Check formatting against .swift-format (swift format ships with the toolchain).
lint:
	$(SWIFT) format lint --strict -r Sources Tests Package.swift

## Run every test: the lint, the Swift suites, the command-line checks, then the reliability checks (signals, terminals, fuzzing, endurance) in a private tmux.
test: deps lint
	$(SWIFT) test && scripts/cli-checks.sh .build/debug/rnnscope && scripts/reliability.sh .build/debug/rnnscope

## Regenerate Screenshots/ (SVG, and PNG when rsvg-convert is installed) from fixed seeds.
screenshots: build
	@scripts/screenshots.sh

## Measure training and rendering speed (release build).
bench: build
	$(BIN) bench

clean:
	rm -rf .build
