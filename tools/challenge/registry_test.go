package main

import (
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
)

// Every workload a step of steps.toml lists has flags and targets here,
// and every workload here belongs to a step: the judge and the registry
// agree on what there is to run.
func TestEveryWorkloadBelongsToAStep(t *testing.T) {
	reg, err := registry()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range reg.Workloads() {
		if _, err := challenges.Find(w); err != nil {
			t.Errorf("steps.toml: %v", err)
		}
	}
	for _, c := range challenges.All {
		if _, err := reg.StepOf(c.Name); err != nil {
			t.Errorf("package challenges: %v", err)
		}
	}
}
