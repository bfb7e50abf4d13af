# gossip-glomers-tutorial: the reader's entry point. `make help` lists every target.
#
#   make MODULE=broadcast-3e WORKLOAD=broadcast-3e   build a step, run a challenge against it, judge it
#   make check                                       the quick check while you work (under a minute)
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

# The steps, in order, from the registry (steps.toml); tools/steps' tests
# check that this reads the same list as the other tools.
STEPS     := $(shell sed -n 's/^name *= *"\([^"]*\)".*/\1/p' steps.toml)
MODULES   := $(STEPS) harness tools/challenge tools/results tools/playground tools/stepdiff tools/steps tools/drawio tools/pagecheck tools/postcheck
GO_PKGS   := $(addprefix ./,$(addsuffix /...,$(MODULES)))
TEST_STORE := tmp/test-store

.DEFAULT_GOAL := run
.PHONY: steps run build check gofmt test test-go test-workloads test-sim sim sim-bin sim-check diff bench bench-harness bench-sim results help clean clean-store

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
	go build -o bin/results ./tools/results
	go build -o bin/testnode ./harness/testnode/cmd/testnode
	go build -o bin/wakeup ./harness/internal/wakeup

bin/harness: FORCE
	@go build -o $@ ./harness
bin/challenge: FORCE
	@go build -o $@ ./tools/challenge
bin/results: FORCE
	@go build -o $@ ./tools/results
bin/testnode: FORCE
	@go build -o $@ ./harness/testnode/cmd/testnode
bin/wakeup: FORCE
	@go build -o $@ ./harness/internal/wakeup
# make sim against the harness' test node: make results reads the partition schedule of a seed from it.
bin/sim/testnode.test: FORCE
	@mkdir -p bin/sim
	@go test -c -o $@ ./tools/challenge/simulate
FORCE:

## check: the quick check while you work (gofmt, go vet, the files written from steps.toml, and every module's tests without the race detector or the end-to-end runs, each step's own challenge in simulation among them)
check: gofmt
	go run ./tools/steps/cmd/steps -check
	go vet $(GO_PKGS)
	go test -short $(GO_PKGS)
	@echo "make check: all checks passed"

gofmt:
	@unformatted=$$(gofmt -l $(MODULES)); if [ -n "$$unformatted" ]; then echo "gofmt -l lists files that are not gofmt'ed:"; echo "$$unformatted"; exit 1; fi

## test: everything CI runs (go vet and go test -race in every module, hundreds of simulated partition schedules, each step's browser program under Node.js, one real run of each step on each of its workloads, the site checks)
test: test-go test-sim build play-check
	@mkdir -p $(TEST_STORE)
	@echo "test: the runs judged on validity alone, side by side, beside the site checks:"
	@$(MAKE) --no-print-directory -j8 $$(bin/challenge list -untimed | sed 's/[^ ]*/workload-&/g') site-test
	@echo "test: the runs judged on latency, one at a time:"
	@$(MAKE) --no-print-directory -j1 $$(bin/challenge list -timed | sed 's/[^ ]*/workload-&/g')
	@echo "make test: all checks passed"

## test-go: gofmt, go vet, the files written from steps.toml, and go test -race over every module
test-go: gofmt
	go run ./tools/steps/cmd/steps -check
	go vet $(GO_PKGS)
	go test -race -p 4 $(GO_PKGS)

## test-workloads: one real run of each step on each of its workloads, through the harness and the judge (5 s each); those judged on latency one at a time
test-workloads: build
	@mkdir -p $(TEST_STORE)
	@$(MAKE) --no-print-directory -j8 $$(bin/challenge list -untimed | sed 's/[^ ]*/workload-&/g')
	@$(MAKE) --no-print-directory -j1 $$(bin/challenge list -timed | sed 's/[^ ]*/workload-&/g')

# workload-W: one real run of workload W against its step (steps.toml),
# judged, with a line that says how it went; its output is in
# $(TEST_STORE)/W.log.
workload-%:
	@rm -rf $(TEST_STORE)/$*
	@if bin/challenge run -workload $* -bin bin/$$(bin/challenge step $*) -store $(TEST_STORE)/$* -- --time-limit 5 > $(TEST_STORE)/$*.log 2>&1; \
	then echo "$*: $$(tail -1 $(TEST_STORE)/$*.log)"; \
	else echo "$*: $$(tail -1 $(TEST_STORE)/$*.log) (its output: $(TEST_STORE)/$*.log)"; exit 1; fi

## test-sim: simulated partition schedules (200 seeds of 3c, 50 each of 3d, 3e and piggyback under partitions), and 3b (which never resends) shown to lose values under 3c's
test-sim:
	$(MAKE) --no-print-directory sim MODULE=broadcast-3c WORKLOAD=broadcast-3c SEEDS=200
	$(MAKE) --no-print-directory sim MODULE=broadcast-3d WORKLOAD=broadcast-3d-partition SEEDS=50
	$(MAKE) --no-print-directory sim MODULE=broadcast-3e WORKLOAD=broadcast-3e-partition SEEDS=50
	$(MAKE) --no-print-directory sim MODULE=broadcast-piggyback WORKLOAD=broadcast-piggyback-partition SEEDS=50
	@echo "test-sim: a node that never resends must fail under partitions, or the simulation finds nothing:"
	@if $(MAKE) --no-print-directory sim MODULE=broadcast-3b WORKLOAD=broadcast-3c SEEDS=20; then \
		echo "test-sim: FAIL: 3b lost no value on 20 seeds of 3c's partitions"; exit 1; \
	else echo "test-sim: as it should, 3b failed 3c's targets (the lines above say where, and how to replay each seed)"; fi

## sim: WORKLOAD against MODULE in simulation (virtual time, one process) over SEEDS seeds (default 100) in parallel, a line per failing seed, the outcome as JSON in tmp/sim/; SEED=N replays one, writing its store directory
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
	bin/results sim-check -seeds $(or $(SEEDS),5)

## bench-sim: how fast the simulation is, 3e's workload on one core (three times), then 200 seeds of 3e under partitions on every core
bench-sim:
	@$(MAKE) --no-print-directory sim-bin MODULE=broadcast-3e
	@uptime
	for i in 1 2 3; do GOMAXPROCS=1 bin/sim/broadcast-3e.test -test.run '^TestSim$$' -sim.workload broadcast-3e -sim.seeds 1 | grep '^Simulated'; done
	bin/sim/broadcast-3e.test -test.run '^TestSim$$' -sim.workload broadcast-3e-partition -sim.seeds 200 | grep -A1 'seeds met'
	@uptime

## diff: show what changed from step FROM to step TO (default broadcast-3d → broadcast-3e), as the posts show it
diff:
	@go run ./tools/stepdiff -from $(FROM) -to $(TO)

## bench: 3d, 3e and piggyback (its own targets, and 3d's at a 200 ms interval) over SEEDS seeds (default 5); one table of medians and worst cases
bench: build
	bin/challenge bench -harness bin/harness -bin-dir bin -seeds $(or $(SEEDS),5)

## bench-harness: how much the harness distorts what it measures (delivery and dispatch lag beside the warning limit, its own CPU, the machine's floor) on flooding, full-state and 100-node loads
bench-harness: bin/harness bin/testnode bin/wakeup
	scripts/bench-harness.sh

## results: re-run what the blog shows (each step on its workloads and against the next challenge, the batch-interval sweeps, other conditions, 10 partition seeds, make sim finding a lost value, the design space) and write data/results.json, static/results/ and README's table (about 50 minutes); ONLY=failing,designSpace,… re-runs some sections and keeps the rest
results: build bin/sim/testnode.test
	$(foreach s,$(STEPS),$(MAKE) --no-print-directory sim-bin MODULE=$(s) &&) true
	bin/results -data data/results.json -static static/results -readme README.md $(if $(ONLY),-only $(ONLY))

## steps: write what cannot read steps.toml itself (go.work's steps, hugo.toml's mounts of their code)
steps:
	go run ./tools/steps/cmd/steps

# print-VAR prints a variable, for the tests that check the Makefile.
print-%:
	@echo $($*)

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
