package generator

import (
	"context"
	"math/rand/v2"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

// run drives both phases with a client that answers after `took` and
// ends every op with the completion type `outcome` returns.
func run(t *testing.T, cfg Config, took time.Duration, outcome func(Invocation) history.Type) (history.History, *Generator) {
	t.Helper()
	start := time.Now()
	rec := history.NewRecorder(start)
	cfg.RNG = rand.New(rand.NewPCG(7, 7))
	cfg.Client = func(inv Invocation) history.Completion {
		time.Sleep(took)
		typ := outcome(inv)
		c := history.Completion{Type: typ, Value: inv.Value}
		if inv.F == history.Read && typ == history.OK {
			c.Value = []int{}
		}
		return c
	}
	var mu sync.Mutex
	cuts := 0
	cfg.ChoosePartition = func() history.Keyword { return "majority" }
	cfg.StartPartition = func(history.Keyword) history.Isolated {
		mu.Lock()
		cuts++
		mu.Unlock()
		return history.Isolated{Grudge: history.Grudge{"n1": {"n0"}}}
	}
	cfg.StopPartition = func() {}
	g := New(cfg, rec)
	g.Main(context.Background())
	g.Final(context.Background())
	return rec.History(), g
}

func ok(Invocation) history.Type { return history.OK }

func TestMainPhaseRateValuesAndTimeLimit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h, g := run(t, Config{Threads: 5, Rate: 100, TimeLimit: 20 * time.Second}, time.Millisecond, ok)
		var invokes, broadcasts int
		next := 0
		var lastMain time.Duration
		for _, op := range h {
			if op.Type != history.Invoke || op.Final {
				continue
			}
			invokes++
			lastMain = op.Time
			if op.F == history.Broadcast {
				broadcasts++
				if op.Value != next {
					t.Fatalf("broadcast value %v, want %d: values go 0, 1, 2, … in dispatch order", op.Value, next)
				}
				next++
			}
		}
		if h[0].Time != 0 || h[0].Type != history.Invoke {
			t.Errorf("first op %+v, want an invocation at time 0", h[0])
		}
		// 100 ops/s for 20 s; the gap is uniform, so allow 10%.
		if invokes < 1800 || invokes > 2200 {
			t.Errorf("%d invocations in the main phase, want about 2000", invokes)
		}
		if f := float64(broadcasts) / float64(invokes); f < 0.45 || f > 0.55 {
			t.Errorf("broadcast fraction %.2f, want about one half", f)
		}
		if lastMain >= 20*time.Second {
			t.Errorf("an op was invoked at %v, at or after the time limit", lastMain)
		}
		for _, lag := range g.DispatchLags() {
			if lag != 0 {
				t.Fatalf("dispatch lag %v under virtual time, want 0", lag)
			}
		}
	})
}

func TestFinalReadsOnePerThreadAfterRecovery(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h, _ := run(t, Config{Threads: 5, Rate: 10, TimeLimit: 5 * time.Second, Nemesis: true, NemesisInterval: 2 * time.Second}, time.Millisecond, ok)
		var heal history.Op
		finals := map[int]bool{}
		for _, op := range h {
			if op.F == history.StopPartition && op.Type == history.Info && op.Value == history.Keyword("network-healed") {
				heal = op
			}
			if op.Final && op.Type == history.Invoke {
				if op.Time-heal.Time != Recovery {
					t.Errorf("final read %v after the heal, want %v", op.Time-heal.Time, Recovery)
				}
				finals[op.Process] = true
			}
		}
		if len(finals) != 5 {
			t.Errorf("final reads from %d processes, want one from each of 5 threads", len(finals))
		}
	})
}

func TestNemesisStartsAtOnceAndAlternates(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h, _ := run(t, Config{Threads: 2, Rate: 1, TimeLimit: 60 * time.Second, Nemesis: true, NemesisInterval: 5 * time.Second}, time.Millisecond, ok)
		var fs []string
		var first time.Duration = -1
		for _, op := range h {
			if op.IsClient() || op.Value == history.Keyword("network-healed") {
				continue
			}
			if _, isCut := op.Value.(history.Isolated); isCut {
				continue
			}
			if first < 0 {
				first = op.Time
			}
			fs = append(fs, op.F)
		}
		if first != 0 {
			t.Errorf("first nemesis op at %v, want at once", first)
		}
		if len(fs) < 6 {
			t.Fatalf("only %d nemesis ops in 60 s with interval 5 s", len(fs))
		}
		for i, f := range fs[:len(fs)-1] {
			want := history.StartPartition
			if i%2 == 1 {
				want = history.StopPartition
			}
			if f != want {
				t.Fatalf("nemesis op %d is %s, want %s: %v", i, f, want, fs)
			}
		}
		if fs[len(fs)-1] != history.StopPartition {
			t.Errorf("last nemesis op %s, want the final heal", fs[len(fs)-1])
		}
	})
}

func TestInfoMovesTheThreadToANewProcess(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Every broadcast times out: its thread's next op runs as p + 3.
		infoOnBroadcast := func(inv Invocation) history.Type {
			if inv.F == history.Broadcast {
				return history.Info
			}
			return history.OK
		}
		h, _ := run(t, Config{Threads: 3, Rate: 5, TimeLimit: 10 * time.Second}, 5*time.Second, infoOnBroadcast)
		pending := map[int]bool{} // processes that ended :info
		for _, op := range h {
			if op.Type == history.Invoke && pending[op.Process] {
				t.Fatalf("process %d invoked again after an :info completion", op.Process)
			}
			if op.Type == history.Info {
				pending[op.Process] = true
			}
		}
		max := 0
		for _, op := range h {
			max = maxInt(max, op.Process)
		}
		if max < 3 {
			t.Errorf("highest process %d: threads never moved to new processes", max)
		}
	})
}

func TestRateZeroWaitsTheTimeLimit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		h, _ := run(t, Config{Threads: 2, Rate: 0, TimeLimit: 20 * time.Second}, 0, ok)
		for _, op := range h {
			if !op.Final {
				t.Fatalf("op %+v in a --rate 0 main phase", op)
			}
		}
		if took := time.Since(start); took != 20*time.Second+Recovery {
			t.Errorf("run took %v, want the time limit plus recovery", took)
		}
	})
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}
