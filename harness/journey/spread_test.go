package journey

import (
	"slices"
	"testing"
	"time"
)

func TestSpreads(t *testing.T) {
	nodes, spreads := Spreads(partitioned().events)
	if !slices.Equal(nodes, []string{"n1", "n2", "n3"}) {
		t.Errorf("nodes %v, want n1 n2 n3", nodes)
	}
	var values []int
	for _, s := range spreads {
		values = append(values, s.Value)
	}
	if !slices.Equal(values, []int{7, 8, 9}) {
		t.Fatalf("values %v, want 7 8 9 in the order they were broadcast", values)
	}
	seven := spreads[0]
	if seven.Origin != "n1" || seven.Start != ms(10) || seven.Dropped != 2 {
		t.Errorf("7: origin %s, start %v, dropped %d; want n1, 10ms, 2", seven.Origin, seven.Start, seven.Dropped)
	}
	want := map[string]time.Duration{"n1": ms(10), "n2": ms(112), "n3": ms(1600)}
	for n, at := range want {
		if seven.Reached[n] != at {
			t.Errorf("7 reached %s at %v, want %v", n, seven.Reached[n], at)
		}
	}
	if seven.Took() != ms(1590) {
		t.Errorf("7 took %v to reach every node, want 1590ms", seven.Took())
	}
	if nine := spreads[2]; len(nine.Reached) != 2 {
		t.Errorf("9 reached %v, want n1 and n3 only", nine.Reached)
	}
}
