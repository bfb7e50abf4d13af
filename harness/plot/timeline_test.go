package plot

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

func drawTimeline(t *testing.T, h history.History) (node, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := Timeline(&buf, h); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if !strings.HasPrefix(page, "<!DOCTYPE html>") {
		t.Errorf("page does not start with a doctype")
	}
	for _, external := range []string{"<script", "<link", "src=", "url("} {
		if strings.Contains(page, external) {
			t.Errorf("page refers to something outside itself: %s", external)
		}
	}
	return parseXML(t, buf.Bytes()), page
}

// bars returns the op bars of a timeline.
func bars(root node) []node {
	var out []node
	for _, d := range root.all("div") {
		if strings.HasPrefix(d.attr("class"), "op ") {
			out = append(out, d)
		}
	}
	return out
}

func TestTimeline(t *testing.T) {
	root, _ := drawTimeline(t, sample())
	var heads []string
	for _, d := range root.all("div") {
		if d.attr("class") == "head" {
			for _, c := range d.Nodes {
				heads = append(heads, c.Text)
			}
		}
	}
	if want := []string{"nemesis", "process 0", "process 1", "process 2"}; !slices.Equal(heads, want) {
		t.Errorf("columns = %v, want %v", heads, want)
	}
	bs := bars(root)
	if len(bs) != 9 {
		t.Fatalf("%d bars, want 9 (every completed pair, nemesis included)", len(bs))
	}
	classes := map[string]int{}
	for _, b := range bs {
		classes[b.attr("class")]++
	}
	if classes["op ok"] != 4 || classes["op fail"] != 1 || classes["op info"] != 4 {
		t.Errorf("bars by class = %v", classes)
	}
	// Process 0's second broadcast: invoked at 1.2 s, timed out 5 s later.
	timeout := bs[3]
	wantStyle := "left: " + num(left(1)) + "px; top: 60px; height: 250px;"
	if timeout.attr("style") != wantStyle || timeout.Text != "broadcast 2" {
		t.Errorf("timeout bar: style %q text %q, want style %q", timeout.attr("style"), timeout.Text, wantStyle)
	}
	wantTitle := "process 0\n:broadcast 2 → :info 2\ninvoked at 1.200 s, completed at 6.200 s (5000.0 ms)\nerror: :net-timeout"
	if timeout.attr("title") != wantTitle {
		t.Errorf("title = %q\nwant    %q", timeout.attr("title"), wantTitle)
	}
	fail := bs[4]
	if !strings.Contains(fail.attr("title"), `error: [:temporarily-unavailable "busy <\"&'>"]`) {
		t.Errorf("fail title = %q", fail.attr("title"))
	}
	if final := bs[8]; !strings.HasSuffix(final.attr("title"), "final read") || final.Text != "read [1 2 3]" {
		t.Errorf("final read bar: %q %q", final.Text, final.attr("title"))
	}
	if got := bs[0].attr("title"); !strings.Contains(got, `:start-partition :majority → :info [:isolated {"n1" #{"n2"}, "n2" #{"n1"}}]`) {
		t.Errorf("nemesis title = %q", got)
	}
	// Instant ops stay visible.
	if bs[6].attr("style") != "left: "+num(left(3))+"px; top: 350px; height: 3px;" {
		t.Errorf("1 ms bar style = %q", bs[6].attr("style"))
	}
}

func TestTimelineShowsTheFirst10000Pairs(t *testing.T) {
	var b builder
	for i := range 10001 {
		b.add(i, 0, history.Invoke, history.Read, nil)
		b.add(i, 0, history.OK, history.Read, []int{})
	}
	root, page := drawTimeline(t, b.h)
	bs := bars(root)
	if len(bs) != 10000 {
		t.Errorf("%d bars, want 10000", len(bs))
	}
	if top := bs[len(bs)-1].attr("style"); !strings.Contains(top, "top: "+num(top0(9999))+"px") {
		t.Errorf("last bar %q is not the 10 000th op", top)
	}
	if !strings.Contains(page, "Only the first 10000 operations are shown.") {
		t.Error("no truncation notice")
	}
}

func top0(ms int) float64 { return top(time.Duration(ms) * time.Millisecond) }

func TestTimelineOfAnEmptyHistory(t *testing.T) {
	root, page := drawTimeline(t, nil)
	if len(bars(root)) != 0 || !strings.Contains(page, "No operations.") {
		t.Errorf("empty timeline:\n%s", page)
	}
}
