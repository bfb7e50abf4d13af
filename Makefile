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
SEEDS     ?=
SEED      ?=
KEEP      ?= 0
ONLY      ?=

STEPS     := broadcast-3a broadcast-3b broadcast-3c broadcast-3d broadcast-3e broadcast-piggyback
MODULES   := $(STEPS) harness tools/challenge tools/stepdiff tools/drawio tools/pagecheck tools/postcheck
GO_PKGS   := $(addprefix ./,$(addsuffix /...,$(MODULES)))
TEST_STORE := tmp/test-store

.DEFAULT_GOAL := run
.PHONY: run build test test-go test-workloads test-sim sim sim-bin sim-check diff bench bench-harness bench-sim results help clean clean-store

## run: build the step MODULE into bin/, run WORKLOAD's flags against it (through the harness, or Maelstrom if MAELSTROM is set), judge the targets
run: check-module bin/harness bin/challenge
	go build -o bin/$(MODULE) ./$(MODULE)
	bin/challenge run -workload $(WORKLOAD) -bin bin/$(MODULE) -harness bin/harness$(if $(MAELSTROM), -maelstrom $(MAELSTROM))$(if $(ARGS), -- $(ARGS))

check-module:
	@case " $(STEPS) " in *" $(MODULE) "*) ;; *) echo "MODULE=$(MODULE) is not a step; the steps are: $(STEPS)"; exit 2;; esac

## build: build every step, the harness and the tools into bin/
build:
	@mkdir -p bin
	$(foreach s,$(STEPS),go build -o bin/$(s) ./$(s) &&) true
	go build -o bin/harness ./harness
	go build -o bin/challenge ./tools/challenge
	go build -o bin/testnode ./harness/testnode/cmd/testnode
	go build -o bin/wakeup ./harness/internal/wakeup

bin/harness: FORCE
	@go build -o $@ ./harness
bin/challenge: FORCE
	@go build -o $@ ./tools/challenge
bin/testnode: FORCE
	@go build -o $@ ./harness/testnode/cmd/testnode
bin/wakeup: FORCE
	@go build -o $@ ./harness/internal/wakeup
# make sim against the harness' test node: make results reads the partition schedule of a seed from it.
bin/sim/testnode.test: FORCE
	@mkdir -p bin/sim
	@go test -c -o $@ ./tools/challenge/simulate
FORCE:

## test: go vet, go test -race in every module, each step judged on its own challenge, hundreds of simulated seeds, the site checks
test: test-go test-workloads test-sim site-test
	@echo "make test: all checks passed"

## test-go: go vet and go test -race over every module
test-go:
	@unformatted=$$(gofmt -l $(MODULES)); if [ -n "$$unformatted" ]; then echo "gofmt -l lists files that are not gofmt'ed:"; echo "$$unformatted"; exit 1; fi
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

## test-sim: 200 simulated seeds each of 3c, 3d, 3e and piggyback under partitions, and 3b (which never resends) shown to lose values under 3c's
test-sim:
	$(MAKE) --no-print-directory sim MODULE=broadcast-3c WORKLOAD=broadcast-3c SEEDS=200
	$(MAKE) --no-print-directory sim MODULE=broadcast-3d WORKLOAD=broadcast-3d-partition SEEDS=200
	$(MAKE) --no-print-directory sim MODULE=broadcast-3e WORKLOAD=broadcast-3e-partition SEEDS=200
	$(MAKE) --no-print-directory sim MODULE=broadcast-piggyback WORKLOAD=broadcast-piggyback-partition SEEDS=200
	@echo "test-sim: a node that never resends must fail under partitions, or the simulation finds nothing:"
	@if $(MAKE) --no-print-directory sim MODULE=broadcast-3b WORKLOAD=broadcast-3c SEEDS=20; then \
		echo "test-sim: FAIL: 3b lost no value on 20 seeds of 3c's partitions"; exit 1; \
	else echo "test-sim: as it should, 3b failed 3c's targets (the lines above say where, and how to replay each seed)"; fi

## sim: WORKLOAD against MODULE in simulation (virtual time, one process) over SEEDS seeds (default 100) in parallel, a line per failing seed; SEED=N replays one, writing its store directory
sim: sim-bin
	bin/sim/$(MODULE).test -test.run '^TestSim$$' -sim.module $(MODULE) -sim.workload $(WORKLOAD) \
		$(if $(SEED),-sim.seed $(SEED),-sim.seeds $(or $(SEEDS),100)) -- $(ARGS)

# sim-bin builds the step's tests, whose TestSim is make sim.
sim-bin: check-module
	@mkdir -p bin/sim
	go test -c -o bin/sim/$(MODULE).test ./$(MODULE)

## sim-check: each step on its own challenge, for real and in simulation, with the same SEEDS seeds (default 5), to measure how far the simulation is from real runs
sim-check: build
	$(foreach s,$(STEPS),$(MAKE) --no-print-directory sim-bin MODULE=$(s) &&) true
	bin/challenge sim-check -harness bin/harness -bin-dir bin -sim-dir bin/sim -seeds $(or $(SEEDS),5)

## bench-sim: how fast the simulation is, 3e's workload on one core (three times), then 200 seeds of 3e under partitions on every core
bench-sim:
	@$(MAKE) --no-print-directory sim-bin MODULE=broadcast-3e
	@uptime
	for i in 1 2 3; do GOMAXPROCS=1 bin/sim/broadcast-3e.test -test.run '^TestSim$$' -sim.workload broadcast-3e -sim.seeds 1 | grep '^Simulated'; done
	bin/sim/broadcast-3e.test -test.run '^TestSim$$' -sim.workload broadcast-3e-partition -sim.seeds 200 | grep -A1 'seeds met'
	@uptime

## diff: show what changed from step FROM to step TO (default broadcast-3d → broadcast-3e)
diff:
	@for step in $(FROM) $(TO); do case " $(STEPS) " in *" $$step "*) ;; *) echo "make diff: $$step is not a step; the steps are: $(STEPS)"; exit 2;; esac; done
	@diff -ru $(FROM) $(TO); status=$$?; [ $$status -le 1 ] || [ $$status -eq 141 ]

## bench: 3d, 3e and piggyback (its own targets, and 3d's at a 200 ms interval) over SEEDS seeds (default 5); one table of medians and worst cases
bench: build
	bin/challenge bench -harness bin/harness -bin-dir bin -seeds $(or $(SEEDS),5)

## bench-harness: how much the harness distorts what it measures (delivery and dispatch lag beside the warning limit, its own CPU, the machine's floor) on flooding, full-state and 100-node loads
bench-harness: bin/harness bin/testnode bin/wakeup
	scripts/bench-harness.sh

## results: re-run every step's challenge, the batch-interval sweeps, other conditions, 10 partition seeds, each step against the next challenge, make sim finding a lost value and the design space (real and simulated runs of every design); refresh the numbers, plots, consoles and journeys the blog shows (about 40 minutes); ONLY=failing,designSpace,… re-runs some sections (runs batching variants repeats failing sim designSpace) and keeps the rest
results: build bin/sim/testnode.test
	$(foreach s,$(STEPS),$(MAKE) --no-print-directory sim-bin MODULE=$(s) &&) true
	bin/challenge results -harness bin/harness -bin-dir bin -sim-dir bin/sim -data data/results.json -static static/results -readme README.md $(if $(ONLY),-only $(ONLY)) \
		-traffic broadcast-3e,broadcast-piggyback -batch-intervals 100,200,300,500,800,1200 -sweep broadcast-3e,broadcast-piggyback \
		-variants broadcast-3e,broadcast-piggyback -repeat broadcast-piggyback-partition -repeat-seeds 10

## help: list the targets
help:
	@echo "Usage: make [target] [MODULE=step] [WORKLOAD=challenge] [ARGS='harness flags'] [MAELSTROM=/path/to/maelstrom] [SEEDS=N] [SEED=N]"
	@echo "Now: MODULE=$(MODULE) WORKLOAD=$(WORKLOAD)$(if $(ARGS), ARGS='$(ARGS)')$(if $(MAELSTROM), MAELSTROM=$(MAELSTROM))"
	@echo
	@sed -n 's/^## //p' $(MAKEFILE_LIST) | column -t -s ':' 2>/dev/null || sed -n 's/^## //p' $(MAKEFILE_LIST)
	@echo
	@echo "Steps:     $(STEPS)"
	@echo "Workloads: $$(bin/challenge list 2>/dev/null || go run ./tools/challenge list)"

## clean: remove bin/, tmp/, public/ (the store/ of your runs is kept)
clean:
	rm -rf bin tmp public resources/_gen

## clean-store: remove the runs in store/ (KEEP=N keeps the N newest, and the links to them)
clean-store:
	@scripts/clean-store.sh store $(KEEP)

-include mk/site.mk
