package challenges

import (
	"strings"
	"testing"
)

func TestMeasureReadsTheFiguresOfARealRun(t *testing.T) {
	res, err := ReadResults("testdata/maelstrom-3d.edn")
	if err != nil {
		t.Fatal(err)
	}
	got := Measure(res)
	want := Sample{Servers: 25.219414, All: 27.26997, P50: 452, P95: 674, P99: 731, Max: 794, Valid: true, ValidText: "true"}
	if got != want {
		t.Errorf("Measure = %+v, want %+v", got, want)
	}
}

func TestWriteTableGivesTheMedianAndTheWorst(t *testing.T) {
	var b strings.Builder
	WriteTable(&b, []Row{
		{Name: "broadcast-3e", Samples: []Sample{
			{Servers: 3, All: 5, P50: 300, P95: 500, P99: 600, Max: 700, Valid: true, Met: true},
			{Servers: 2.5, All: 4.5, P50: 350, P95: 550, P99: 650, Max: 650, Valid: true},
			{Servers: 2, All: 4, P50: 400, P95: 600, P99: 700, Max: 800},
		}},
		{Name: "none"},
	})
	lines := strings.Split(b.String(), "\n")
	for i, want := range []string{
		"workload servers all p50 p95 p99 max valid targets met",
		"broadcast-3e median 2.50 4.50 350 550 650 700 2/3 1/3",
		"worst 3 5 400 600 700 800 2/3 1/3",
		"none median - - - - - - 0/0 0/0",
	} {
		if got := strings.Join(strings.Fields(lines[i]), " "); got != want {
			t.Errorf("line %d = %q, want %q\n%s", i, got, want, b.String())
		}
	}
}
