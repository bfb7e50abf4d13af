package journey

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestSpreads(t *testing.T) {
	nodes, spreads := Spreads(partitioned().events, true)
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

// With carriers, a spread lists every message between servers that held
// its value, what fields held it, which were dropped, and the one that
// first brought it to each node.
func TestSpreadsCarriers(t *testing.T) {
	_, spreads := Spreads(partitioned().events, true)
	seven, nine := spreads[0], spreads[2]
	var got []string
	for _, c := range seven.Carriers {
		got = append(got, fmt.Sprintf("%s>%s %s %v %v %v", c.Src, c.Dest, c.Type, c.In, c.Fields, c.Dropped))
	}
	want := []string{
		"n1>n2 gossip [messages] map[messages:1] false", "n1>n3 gossip [messages] map[messages:1] true", "n2>n1 gossip_ok [messages] map[messages:1] false",
		"n1>n3 gossip [messages] map[messages:2] false", "n1>n2 gossip [messages] map[messages:2] true", "n3>n2 gossip [messages] map[messages:1] false",
	}
	if !slices.Equal(got, want) {
		t.Errorf("carriers of 7:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if via := seven.Via["n3"]; via == nil || via.Sent != ms(1500) || seven.Hops["n3"] != 1 || seven.Depth() != 1 {
		t.Errorf("7 came to n3 by %+v in %d hops (depth %d); want the resend at 1.5 s, 1 hop", via, seven.Hops["n3"], seven.Depth())
	}
	if _, ok := seven.Via["n1"]; ok || seven.Hops["n1"] != 0 {
		t.Errorf("7's origin n1 has a carrier or hops: %v, %d", seven.Via["n1"], seven.Hops["n1"])
	}
	if nine.Everywhere(3) || !seven.Everywhere(3) {
		t.Errorf("everywhere: 7 %v, 9 %v; want 7 only", seven.Everywhere(3), nine.Everywhere(3))
	}
	if _, plain := Spreads(partitioned().events, false); plain[0].Carriers != nil {
		t.Error("carriers listed without being asked for")
	}
}
