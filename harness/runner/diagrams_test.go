package runner_test

import (
	"cmp"
	"context"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/runner"
)

// A 25-node run at Gossip Glomers' 3d load (rate 100, latency 100 ms),
// with partitions, draws a message diagram and journeys a person can read:
// one lane per node, 40 px apart or more, then one lane for the clients;
// no two texts overlapping and none running off the picture; a file of a
// few megabytes at most that shows the start, the partitions and the final
// reads rather than only the first seconds.
func TestRunInProcessDiagramsAt25Nodes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var nodes []string
		for i := range 25 {
			nodes = append(nodes, fmt.Sprintf("n%d", i))
		}
		res, console := runInProcessWith(context.Background(), t, same([]string{"--gossip", "flood"}), func(c *runner.Config) {
			o := &c.Options
			o.Nodes, o.Concurrency, o.Rate, o.Latency = nodes, 25, 100, 100*time.Millisecond
			o.NemesisInterval = 5 * time.Second
		})
		if res.Dir == "" {
			t.Fatalf("no store; console:\n%s", console)
		}

		svg := readSVG(t, filepath.Join(res.Dir, "messages.svg"), 3<<20)
		header := svg.laneNames()
		want := append(slices.Clone(nodes), "clients")
		if !slices.Equal(header.names, want) {
			t.Errorf("lanes %v, want the servers in order, then the clients", header.names)
		}
		for i := 1; i < len(header.x); i++ {
			if gap := header.x[i] - header.x[i-1]; gap < 40 {
				t.Errorf("lanes %s and %s are %.1f px apart, want 40 or more", header.names[i-1], header.names[i], gap)
			}
		}
		svg.textsApartAndInside(t)
		joined := strings.Join(svg.texts(), "\n")
		for _, want := range []string{"events not shown, from", "partition (", "network healed", "final reads"} {
			if !strings.Contains(joined, want) {
				t.Errorf("messages.svg does not show %q: it should cover the whole run in parts", want)
			}
		}

		journeys, _ := filepath.Glob(filepath.Join(res.Dir, "journey-*.svg"))
		if len(journeys) == 0 {
			t.Fatalf("no journey drawn; files: %v", journeys)
		}
		for _, path := range journeys {
			j := readSVG(t, path, 300<<10)
			j.textsApartAndInside(t)
			if !strings.Contains(strings.Join(j.texts(), " "), "The journey of value") {
				t.Errorf("%s has no title", path)
			}
		}
	})
}

// svgDoc is a parsed SVG: its size and every text with where it is drawn.
type svgDoc struct {
	path          string
	width, height float64
	text          []svgText
}

type svgText struct {
	X, Y, Size float64
	Anchor     string
	Weight     string
	Text       string
}

// readSVG parses an SVG file no larger than limit bytes.
func readSVG(t *testing.T, path string, limit int) svgDoc {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(raw) > limit {
		t.Errorf("%s is %d bytes, more than %d", filepath.Base(path), len(raw), limit)
	}
	doc := svgDoc{path: filepath.Base(path)}
	dec := xml.NewDecoder(strings.NewReader(string(raw)))
	var open *svgText
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch el := tok.(type) {
		case xml.StartElement:
			attr := func(name string) string {
				for _, a := range el.Attr {
					if a.Name.Local == name {
						return a.Value
					}
				}
				return ""
			}
			num := func(name string) float64 { f, _ := strconv.ParseFloat(attr(name), 64); return f }
			switch el.Name.Local {
			case "svg":
				doc.width, doc.height = num("width"), num("height")
			case "text":
				open = &svgText{X: num("x"), Y: num("y"), Size: num("font-size"), Anchor: attr("text-anchor"), Weight: attr("font-weight")}
			}
		case xml.CharData:
			if open != nil {
				open.Text += string(el)
			}
		case xml.EndElement:
			if el.Name.Local == "text" && open != nil {
				doc.text = append(doc.text, *open)
				open = nil
			}
		}
	}
	if doc.width == 0 || len(doc.text) == 0 {
		t.Fatalf("%s: no size or no text", path)
	}
	return doc
}

func (d svgDoc) texts() []string {
	var out []string
	for _, s := range d.text {
		out = append(out, s.Text)
	}
	return out
}

// lanes are the names of the first header row, left to right.
type lanes struct {
	names []string
	x     []float64
}

func (d svgDoc) laneNames() lanes {
	var l lanes
	var y float64
	for _, s := range d.text {
		if s.Weight != "bold" || s.Anchor != "middle" {
			continue
		}
		if len(l.names) > 0 && s.Y != y {
			break
		}
		y = s.Y
		l.names, l.x = append(l.names, s.Text), append(l.x, s.X)
	}
	return l
}

// textsApartAndInside checks that no two texts overlap and that each lies
// on the picture, taking each character as 0.6 em wide (the monospace
// fonts the diagrams ask for) and a line as 0.75 em above the baseline
// and 0.2 em below it.
func (d svgDoc) textsApartAndInside(t *testing.T) {
	t.Helper()
	type rect struct {
		x0, y0, x1, y1 float64
		text           string
	}
	var rects []rect
	for _, s := range d.text {
		if s.Size == 0 {
			t.Errorf("%s: text %q has no font-size", d.path, s.Text)
			continue
		}
		w := float64(len([]rune(s.Text))) * 0.6 * s.Size
		x0 := s.X
		switch s.Anchor {
		case "middle":
			x0 -= w / 2
		case "end":
			x0 -= w
		}
		r := rect{x0, s.Y - 0.75*s.Size, x0 + w, s.Y + 0.2*s.Size, s.Text}
		if r.x0 < 0 || r.y0 < 0 || r.x1 > d.width || r.y1 > d.height {
			t.Errorf("%s: %q at (%.1f, %.1f) runs off the %.0f × %.0f picture", d.path, s.Text, s.X, s.Y, d.width, d.height)
		}
		rects = append(rects, r)
	}
	slices.SortFunc(rects, func(a, b rect) int { return cmp.Compare(a.y0, b.y0) })
	overlaps := 0
	for i, a := range rects {
		for _, b := range rects[i+1:] {
			if b.y0 >= a.y1 {
				break
			}
			if a.x0 < b.x1 && b.x0 < a.x1 {
				if overlaps++; overlaps <= 5 {
					t.Errorf("%s: %q and %q overlap", d.path, a.text, b.text)
				}
			}
		}
	}
}
