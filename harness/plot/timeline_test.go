package plot

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

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
	// Nine in ten gaps between a process's ops are 1.1 s or more, so any
	// scale would do: the smallest, 40 px a second, is used. Process 0's second
	// broadcast was invoked at 1.2 s and timed out 5 s later.
	timeout := bs[3]
	wantStyle := "left: " + num(left(1)) + "px; top: 48px; height: 200px;"
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
	// An instant op is drawn tall enough for its text.
	if bs[6].attr("style") != "left: "+num(left(3))+"px; top: 280px; height: 14px;" || bs[6].Text != "broadcast 3" {
		t.Errorf("1 ms bar style = %q, text %q", bs[6].attr("style"), bs[6].Text)
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
	// Ops 1 ms apart: the largest scale, 400 px a second; each bar ends
	// where the next begins, too short for its text.
	if style := bs[len(bs)-1].attr("style"); !strings.Contains(style, "top: "+num(9.999*maxPxPerSecond)+"px") {
		t.Errorf("last bar %q is not the 10 000th op", style)
	}
	if style := bs[0].attr("style"); !strings.Contains(style, "height: 3px;") || bs[0].Text != "" {
		t.Errorf("first bar %q %q: want it cut to 3 px, with no text, above the next", style, bs[0].Text)
	}
	if !strings.Contains(page, "Only the first 10000 operations are shown.") {
		t.Error("no truncation notice")
	}
}

// Bars never overlap in a column, stretches with no op in flight are
// folded into one line, and the axis ends with the last op.
func TestTimelineFoldsIdleStretches(t *testing.T) {
	var b builder
	at := 0
	for i := range 40 { // 4 s of ops every 100 ms, then 10 s of nothing, then one read
		b.add(at, i%2, history.Invoke, history.Read, nil)
		b.add(at+30, i%2, history.OK, history.Read, []int{})
		at += 100
	}
	b.add(14000, 0, history.Invoke, history.Read, nil).Final = true
	b.add(14020, 0, history.OK, history.Read, []int{1}).Final = true
	root, page := drawTimeline(t, b.h)
	if !strings.Contains(page, "⋯ 10.1 s with no op in flight, from 3.9 s to 14.0 s ⋯") {
		t.Errorf("no fold for the idle 10 s")
	}
	bs := bars(root)
	bottom := map[float64]float64{}
	for _, bar := range bs {
		l, top, h := barBox(t, bar)
		if top < bottom[l] {
			t.Errorf("bar at %v overlaps the one above it (which ends at %v)", top, bottom[l])
		}
		bottom[l] = top + h
	}
	// Two processes, ops every 200 ms each: 14 px per 0.2 s, so 70 px a
	// second up to the fold, which starts when the last op before it ends
	// (3.93 s).
	_, lastTop, _ := barBox(t, bs[len(bs)-1])
	if want := 3.93*70 + foldHeight; !near(lastTop, want) {
		t.Errorf("the final read is at %v px, want %v (3.93 s at 70 px/s, then the fold)", lastTop, want)
	}
	for _, d := range root.all("div") {
		var sec float64
		if d.attr("class") == "tick" {
			fmt.Sscanf(d.Text, "%f s", &sec)
			if sec > 14.02 {
				t.Errorf("tick %q after the last op", d.Text)
			}
		}
	}
}

func TestTimelineOfAnEmptyHistory(t *testing.T) {
	root, page := drawTimeline(t, nil)
	if len(bars(root)) != 0 || !strings.Contains(page, "No operations.") {
		t.Errorf("empty timeline:\n%s", page)
	}
}

// barBox reads a bar's left, top and height from its style.
func barBox(t *testing.T, bar node) (left, top, height float64) {
	t.Helper()
	m := regexp.MustCompile(`^left: ([\d.]+)px; top: ([\d.]+)px; height: ([\d.]+)px;$`).FindStringSubmatch(bar.attr("style"))
	if m == nil {
		t.Fatalf("bar style %q", bar.attr("style"))
	}
	return float(t, m[1]), float(t, m[2]), float(t, m[3])
}
