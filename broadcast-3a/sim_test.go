package main

import (
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/simulate"
)

// TestSim is what make sim runs, with its flags; go test skips it.
func TestSim(t *testing.T) { simulate.Command(t, run) }

// TestChallengeInSimulation runs challenge 3a against the whole node, as
// make runs it, but in virtual time: every seed must meet its target.
func TestChallengeInSimulation(t *testing.T) {
	simulate.Pass(t, run, "broadcast-3a", 3)
}
