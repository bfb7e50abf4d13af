package simulate

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/harness/testnode"
	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
)

// The harness' test node runs anti-entropy by default and loses nothing;
// with --gossip flood it sends each value once and never again, so
// partitions make it lose values.

// TestSim is make sim against the harness' test node, for what needs a
// workload's schedule rather than a step: make results reads the
// partitions a seed brings from it (tools/challenge/partitionseed.go).
// go test skips it.
func TestSim(t *testing.T) { Command(t, testnode.Node) }

func TestAGoodNodePassesEverySeed(t *testing.T) {
	for _, o := range Pass(t, testnode.Node, "broadcast-3c", 3) {
		if len(o.Verdicts) != 2 || o.Sample.LostCount != 0 || !o.Sample.Valid {
			t.Errorf("seed %d: verdicts %+v, sample %+v", o.Seed, o.Verdicts, o.Sample)
		}
		// results.edn writes the checker's float32 in its shortest form.
		if got, want := float32(o.Sample.Servers), *o.Results.Net.Servers.MsgsPerOp; got != want {
			t.Errorf("seed %d: msgs-per-op read back as %v, the checker said %v", o.Seed, got, want)
		}
	}
}

// A testnode.Node that loses values fails on the seeds whose partitions cut off a
// value; each failure names the lost values and a replay command, and the
// replay loses the same values.
func TestAFailingSeedSaysWhatWasLostAndReplaysTheSame(t *testing.T) {
	outcomes := Seeds(t, testnode.Node, "broadcast-3c", 6, "--", "--gossip", "flood")
	i := slices.IndexFunc(outcomes, func(o Outcome) bool { return !o.Pass })
	if i < 0 {
		t.Fatal("a testnode.Node that never resends lost nothing on 6 seeds of partitions")
	}
	o := outcomes[i]
	line := o.Failure()
	for _, want := range []string{
		fmt.Sprintf("FAIL seed %d: ", o.Seed),
		"nothing lost",
		"lost " + fmt.Sprint(o.Results.Workload.Lost[0]),
		fmt.Sprintf("replay: make sim MODULE=challenge WORKLOAD=broadcast-3c SEED=%d ARGS='-- --gossip flood'", o.Seed),
	} {
		if !strings.Contains(line, want) {
			t.Errorf("failure line lacks %q:\n%s", want, line)
		}
	}

	store := filepath.Join(t.TempDir(), "store")
	again := Run(t, testnode.Node, "broadcast-3c", o.Seed, "--store", store, "--", "--gossip", "flood")
	if again.Pass || !slices.Equal(again.Results.Workload.Lost, o.Results.Workload.Lost) {
		t.Errorf("seed %d lost %v, and on replay %v (pass %v)", o.Seed, o.Results.Workload.Lost, again.Results.Workload.Lost, again.Pass)
	}
	if _, err := os.Stat(filepath.Join(again.Dir, "messages.svg")); err != nil {
		t.Errorf("the replay wrote no message diagram: %v", err)
	}
}

func TestIntsListsAFewAndCountsTheRest(t *testing.T) {
	for _, tt := range []struct {
		xs   []int
		want string
	}{
		{nil, ""},
		{[]int{4, 9}, "4 9"},
		{[]int{1, 2, 3, 4}, "1 2 3 … (4 in all)"},
	} {
		if got := ints(tt.xs, 3); got != tt.want {
			t.Errorf("ints(%v) = %q, want %q", tt.xs, got, tt.want)
		}
	}
}

// A workload's node flags reach the node in simulation as they do in a
// real run, before the ones the user adds.
func TestRunGivesTheNodeTheWorkloadsNodeFlags(t *testing.T) {
	var mu sync.Mutex
	var got []string
	node := func(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
		mu.Lock()
		got = args
		mu.Unlock()
		return testnode.Node(nil, stdin, stdout, stderr)
	}
	Run(t, node, "broadcast-piggyback-fast", 1, "--time-limit", "1", "--node-count", "2", "--", "--more")
	if want := []string{"--batch-interval", "200ms", "--more"}; !slices.Equal(got, want) {
		t.Errorf("the node got %q, want %q", got, want)
	}
}

func TestReportSaysWhichSeedsFailed(t *testing.T) {
	outcomes := Seeds(t, testnode.Node, "broadcast-3c", 4, "--", "--gossip", "flood")
	c, _ := challenges.Find("broadcast-3c")
	r := newReport(c, []string{"--", "--gossip", "flood"}, outcomes)
	if r.Seeds != 4 || r.Met+len(r.Failures) != 4 || len(r.Failures) == 0 {
		t.Fatalf("report %+v: want 4 seeds, some failed", r)
	}
	path := filepath.Join(t.TempDir(), "r.json")
	if err := r.write(path); err != nil {
		t.Fatal(err)
	}
	back, err := ReadReport(path)
	if err != nil || back.Failures[0].Replay != r.Failures[0].Replay || len(back.Failures[0].Lost) == 0 || len(back.Failures[0].Missed) == 0 {
		t.Errorf("read back %+v, %v", back, err)
	}
}
