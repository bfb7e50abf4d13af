# gossip-glomers-tutorial: the reader's entry point. `make help` lists every target.
#
#   make MODULE=broadcast-3e WORKLOAD=broadcast-3e   build a step, run a challenge against it, judge it
#   make test                                        every test (what CI runs)

MODULE    ?= broadcast-3e
WORKLOAD  ?= $(MODULE)
ARGS      ?=
MAELSTROM ?=
FROM      ?= broadcast-3d
TO        ?= broadcast-3e
SEEDS     ?= 5

STEPS     := broadcast-3a broadcast-3b broadcast-3c broadcast-3d broadcast-3e broadcast-piggyback
MODULES   := $(STEPS) harness tools/challenge tools/stepdiff tools/drawio
GO_PKGS   := $(addprefix ./,$(addsuffix /...,$(MODULES)))
TEST_STORE := tmp/test-store

.DEFAULT_GOAL := run
.PHONY: run build test test-go test-workloads diff bench bench-harness results help clean

## run: build bin/$(MODULE), run WORKLOAD's flags against it (harness, or $(MAELSTROM) if set), print PASS/FAIL per target
run: check-module bin/harness bin/challenge
	go build -o bin/$(MODULE) ./$(MODULE)
	bin/challenge run -workload $(WORKLOAD) -bin bin/$(MODULE) -harness bin/harness $(if $(MAELSTROM),-maelstrom $(MAELSTROM)) -- $(ARGS)

check-module:
	@case " $(STEPS) " in *" $(MODULE) "*) ;; *) echo "MODULE=$(MODULE) is not a step; the steps are: $(STEPS)"; exit 2;; esac

## build: build every step, the harness and the tools into bin/
build:
	@mkdir -p bin
	$(foreach s,$(STEPS),go build -o bin/$(s) ./$(s) &&) true
	go build -o bin/harness ./harness
	go build -o bin/challenge ./tools/challenge
	go build -o bin/testnode ./harness/internal/testnode
	go build -o bin/wakeup ./harness/internal/wakeup

bin/harness: FORCE
	@go build -o $@ ./harness
bin/challenge: FORCE
	@go build -o $@ ./tools/challenge
bin/testnode: FORCE
	@go build -o $@ ./harness/internal/testnode
bin/wakeup: FORCE
	@go build -o $@ ./harness/internal/wakeup
FORCE:

## test: go vet, go test -race in every module, each step judged on its own challenge, the site checks
test: test-go test-workloads site-test
	@echo "make test: all checks passed"

## test-go: go vet and go test -race over every module
test-go:
	gofmt -l $(MODULES) | tee /dev/stderr | (! read)
	go vet $(GO_PKGS)
	go test -race $(GO_PKGS)

## test-workloads: each step against its own challenge (3d, 3e and piggyback with a 10 s time limit), 3c over 10 seeds
test-workloads: build
	@rm -rf $(TEST_STORE)
	bin/challenge run -workload broadcast-3a -bin bin/broadcast-3a -store $(TEST_STORE)/3a
	bin/challenge run -workload broadcast-3b -bin bin/broadcast-3b -store $(TEST_STORE)/3b
	bin/challenge run -workload broadcast-3d -bin bin/broadcast-3d -store $(TEST_STORE)/3d -- --time-limit 10
	bin/challenge run -workload broadcast-3e -bin bin/broadcast-3e -store $(TEST_STORE)/3e -- --time-limit 10
	bin/challenge run -workload broadcast-3d-partition -bin bin/broadcast-3d -store $(TEST_STORE)/3d-partition -- --time-limit 10
	bin/challenge run -workload broadcast-3e-partition -bin bin/broadcast-3e -store $(TEST_STORE)/3e-partition -- --time-limit 10
	bin/challenge run -workload broadcast-piggyback -bin bin/broadcast-piggyback -store $(TEST_STORE)/piggyback -- --time-limit 10
	bin/challenge run -workload broadcast-piggyback-partition -bin bin/broadcast-piggyback -store $(TEST_STORE)/piggyback-partition -- --time-limit 10
	bin/challenge seeds -workload broadcast-3c -bin bin/broadcast-3c -seeds 10 -store $(TEST_STORE)/3c -- --time-limit 10

## diff: show what changed from step FROM to step TO (default broadcast-3d → broadcast-3e)
diff:
	@diff -ru $(FROM) $(TO); [ $$? -le 1 ]

## bench: 3d, 3e and piggyback (its own targets, and 3d's at a 200 ms interval) over SEEDS seeds; one table of medians and worst cases
bench: build
	bin/challenge bench -harness bin/harness -bin-dir bin -seeds $(SEEDS)

## bench-harness: how much the harness distorts what it measures (delivery and dispatch lag, its own CPU, the machine's floor)
bench-harness: bin/harness bin/testnode bin/wakeup
	bin/wakeup -delay 3s -duration 15s & \
	bin/harness test -w broadcast --bin bin/testnode --node-count 25 --time-limit 20 --rate 100 --latency 100 --store tmp/bench-harness --verbose -- --gossip flood | grep -E '^(Verdict|Messages|Timing|Harness CPU)'; \
	status=$$?; wait; exit $$status
	bin/harness test -w broadcast --bin bin/testnode --node-count 100 --time-limit 20 --rate 1000 --store tmp/bench-harness --verbose -- --gossip none | grep -E '^(Verdict|Messages|Timing|Harness CPU)'

## results: re-run every step's challenge, the batch-interval sweeps, other conditions and 10 partition seeds (about 20 minutes); refresh the numbers and plots the blog shows
results: build
	bin/challenge results -harness bin/harness -bin-dir bin -data data/results.json -static static/results -readme README.md \
		-traffic broadcast-3e,broadcast-piggyback -batch-intervals 100,200,300,500,800,1200 -sweep broadcast-3e,broadcast-piggyback \
		-variants broadcast-3e,broadcast-piggyback -repeat broadcast-piggyback-partition -repeat-seeds 10

## help: list the targets
help:
	@echo "Usage: make [target] [MODULE=step] [WORKLOAD=challenge] [ARGS='harness flags'] [MAELSTROM=/path/to/maelstrom]"
	@echo
	@sed -n 's/^## //p' $(MAKEFILE_LIST) | column -t -s ':' 2>/dev/null || sed -n 's/^## //p' $(MAKEFILE_LIST)
	@echo
	@echo "Steps:     $(STEPS)"
	@echo "Workloads: $$(bin/challenge list 2>/dev/null || go run ./tools/challenge list)"

## clean: remove bin/, tmp/, public/ (the store/ of your runs is kept)
clean:
	rm -rf bin tmp public resources/_gen

-include mk/site.mk
