package main

import (
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/harness/checker"
	"github.com/deamondev/gossip-glomers-tutorial/harness/sim"
	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
	simpkg "github.com/deamondev/gossip-glomers-tutorial/tools/challenge/simulate"
)

func TestConsoleKeepsTheLastProgressLineAndDropsTheWorkingDirectory(t *testing.T) {
	out := "$ bin/harness test -w broadcast\n" +
		"Running broadcast against 5 node(s) of /home/me/repo/bin/broadcast-3b (seed 1)\n" +
		"main        0s/20s  ok 0  fail 0  info 0  partition: active\n" +
		"main        5s/20s  ok 52  fail 0  info 0  partition: active\n" +
		"recovery    0s/10s  ok 199  fail 0  info 0  partition: none\n" +
		"Checker: invalid, 20 values lost.\n"
	want := "$ bin/harness test -w broadcast\n" +
		"Running broadcast against 5 node(s) of bin/broadcast-3b (seed 1)\n" +
		"recovery    0s/10s  ok 199  fail 0  info 0  partition: none\n" +
		"Checker: invalid, 20 values lost.\n"
	if got := consoleText(out, "/home/me/repo"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// make results reads make sim's lines for failing seeds: the format is
// simulate.Outcome.Failure's.
func TestFailLineReadsMakeSimsLines(t *testing.T) {
	c, err := challenges.Find("broadcast-3c")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lost []int
		want int
	}{{[]int{2, 12, 17}, 3}, {[]int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 12}} {
		var res checker.Results
		res.Workload.Lost = tt.lost
		o := simpkg.Outcome{Result: sim.Result{Seed: 43, Results: res}, Challenge: c,
			Verdicts: challenges.Judge(c, map[any]any{})}
		m := failLine.FindStringSubmatch(o.Failure())
		if m == nil {
			t.Fatalf("failLine does not match %q", o.Failure())
		}
		if m[1] != "43" || lostCount(m[2]) != tt.want || m[3] != o.Replay() {
			t.Errorf("%q: seed %s, %d lost, replay %q", o.Failure(), m[1], lostCount(m[2]), m[3])
		}
	}
}
