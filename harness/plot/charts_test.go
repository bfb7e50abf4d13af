package plot

import (
	"bytes"
	"errors"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

// draw runs a plot and checks its output is well-formed, NaN-free SVG.
func draw(t *testing.T, plot func(io.Writer, history.History) error, h history.History) node {
	t.Helper()
	var buf bytes.Buffer
	if err := plot(&buf, h); err != nil {
		t.Fatal(err)
	}
	root := parseXML(t, buf.Bytes())
	if root.XMLName.Local != "svg" {
		t.Fatalf("root element is %q, want svg", root.XMLName.Local)
	}
	bg := root.Nodes[0]
	if bg.XMLName.Local != "rect" || bg.attr("fill") != "#FFFFFF" || bg.attr("width") != root.attr("width") {
		t.Errorf("first element is not a white background: %+v", bg)
	}
	return root
}

// dataGroup is the group a chart draws its data in.
func dataGroup(t *testing.T, root node) node {
	t.Helper()
	for _, g := range root.all("g") {
		if g.attr("class") == "data" {
			return g
		}
	}
	t.Fatal("no data group")
	return node{}
}

// texts lists every text element's content.
func texts(root node) []string {
	var out []string
	for _, n := range root.all("text") {
		out = append(out, n.Text)
	}
	return out
}

func float(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return v
}

var plots = map[string]func(io.Writer, history.History) error{
	"latency-raw":       LatencyRaw,
	"latency-quantiles": LatencyQuantiles,
	"rate":              Rate,
}

func TestChartsOfAnEmptyHistory(t *testing.T) {
	for name, plot := range plots {
		t.Run(name, func(t *testing.T) {
			for _, h := range []history.History{nil, {{Process: 0, Type: history.Invoke, F: history.Read}}} {
				root := draw(t, plot, h)
				if !slices.Contains(texts(root), "no completed operations") {
					t.Errorf("no notice that there is nothing to draw: %v", texts(root))
				}
				if n := len(root.all("polyline")); n != 0 {
					t.Errorf("%d lines drawn for no data", n)
				}
			}
		})
	}
}

func TestChartsShadePartitions(t *testing.T) {
	for name, plot := range plots {
		t.Run(name, func(t *testing.T) {
			root := draw(t, plot, sample())
			var shades []node
			for _, r := range root.all("rect") {
				if r.attr("class") == "partition" {
					shades = append(shades, r)
				}
			}
			if len(shades) != 2 {
				t.Fatalf("%d shaded partitions, want 2", len(shades))
			}
			for _, s := range shades {
				if s.attr("fill") != "#E9DCA0" {
					t.Errorf("partition fill = %s", s.attr("fill"))
				}
			}
			// The first partition lasts 1 s to 3 s; the second is cut at the
			// end of the time axis.
			x1, w1 := float(t, shades[0].attr("x")), float(t, shades[0].attr("width"))
			x2, w2 := float(t, shades[1].attr("x")), float(t, shades[1].attr("width"))
			if !(x1 > plotLeft && w1 > 0 && x1+w1 < x2 && x2+w2 <= plotLeft+plotWidth+0.01) {
				t.Errorf("partition rects at %v+%v and %v+%v", x1, w1, x2, w2)
			}
			if !slices.Contains(texts(root), "partition") {
				t.Error("no legend entry for partitions")
			}
		})
	}
}

func TestLatencyRaw(t *testing.T) {
	root := draw(t, LatencyRaw, sample())
	data := dataGroup(t, root)
	fills := map[string]int{}
	for _, n := range data.Nodes {
		fills[n.attr("fill")]++
	}
	// Six completed client ops: four ok, one info, one fail. Pending ops and
	// nemesis ops are not drawn.
	want := map[string]int{"#81BFFC": 4, "#FFA400": 1, "#FF1E90": 1}
	if !maps.Equal(fills, want) {
		t.Errorf("points by colour = %v, want %v", fills, want)
	}
	// Broadcasts are circles, reads triangles.
	if n := len(data.all("circle")); n != 3 {
		t.Errorf("%d circles, want 3 broadcasts", n)
	}
	if n := len(data.all("path")); n != 3 {
		t.Errorf("%d triangles, want 3 reads", n)
	}
	// The 5 s timeout is drawn above the 1 ms broadcast on the log axis.
	var timeoutY, fastY float64
	for _, c := range data.all("circle") {
		switch c.attr("fill") {
		case "#FFA400":
			timeoutY = float(t, c.attr("cy"))
		}
	}
	fastY = math.Inf(-1)
	for _, c := range data.all("circle") {
		fastY = max(fastY, float(t, c.attr("cy")))
	}
	if !(timeoutY < fastY) {
		t.Errorf("timeout at y=%v is not above the fastest op at y=%v", timeoutY, fastY)
	}
	for _, label := range []string{"broadcast ok", "broadcast info", "read ok", "read fail", "latency (ms)", "time (s)"} {
		if !slices.Contains(texts(root), label) {
			t.Errorf("no text %q in %v", label, texts(root))
		}
	}
}

func TestLatencyQuantiles(t *testing.T) {
	root := draw(t, LatencyQuantiles, sample())
	data := dataGroup(t, root)
	// The 9.9 s run is cut into 1 s buckets. Broadcasts were invoked in
	// buckets 0, 1 and 7, reads in 0, 2 and 9: three points per :f and
	// quantile; only broadcasts have neighbouring buckets to join by a line.
	if n := len(data.all("circle")); n != 2*3*4 {
		t.Errorf("%d points, want 24", n)
	}
	lines := data.all("polyline")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want one per quantile of broadcasts", len(lines))
	}
	for _, l := range lines {
		if strings.Count(l.attr("points"), ",") != 2 || l.attr("stroke-dasharray") != "" {
			t.Errorf("line %v: want 2 points, solid", l.Attrs)
		}
	}
	for _, label := range []string{"broadcast p50", "broadcast max", "read p95", "read p99"} {
		if !slices.Contains(texts(root), label) {
			t.Errorf("no legend entry %q", label)
		}
	}
}

func TestRate(t *testing.T) {
	root := draw(t, Rate, sample())
	lines := dataGroup(t, root).all("polyline")
	// broadcast ok, broadcast info, read ok, read fail; ten 1 s buckets each.
	if len(lines) != 4 {
		t.Fatalf("%d lines, want 4", len(lines))
	}
	stroke := map[string]int{}
	for _, l := range lines {
		stroke[l.attr("stroke")]++
		if n := len(strings.Fields(l.attr("points"))); n != 10 {
			t.Errorf("line with %d points, want 10", n)
		}
	}
	if !maps.Equal(stroke, map[string]int{"#81BFFC": 2, "#FFA400": 1, "#FF1E90": 1}) {
		t.Errorf("lines by colour = %v", stroke)
	}
	// broadcast ok completed in buckets 0 and 7: the line rises exactly there.
	pts := strings.Fields(lines[0].attr("points"))
	var rising []int
	for i, p := range pts {
		y := float(t, p[strings.Index(p, ",")+1:])
		if y < plotTop+plotHeight-1 {
			rising = append(rising, i)
		}
	}
	if !slices.Equal(rising, []int{0, 7}) {
		t.Errorf("broadcast ok is above zero in buckets %v, want [0 7]", rising)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteErrorsAreReported(t *testing.T) {
	outputs := map[string]func(io.Writer) error{
		"latency-raw.svg":       func(w io.Writer) error { return LatencyRaw(w, sample()) },
		"latency-quantiles.svg": func(w io.Writer) error { return LatencyQuantiles(w, sample()) },
		"rate.svg":              func(w io.Writer) error { return Rate(w, sample()) },
		"timeline.html":         func(w io.Writer) error { return Timeline(w, sample()) },
		"messages.svg":          func(w io.Writer) error { return Messages(w, nil, nil) },
	}
	for name, write := range outputs {
		err := write(failingWriter{})
		if err == nil || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}
