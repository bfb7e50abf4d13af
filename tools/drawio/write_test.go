package drawio

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestDiagramSVGPassesCheck(t *testing.T) {
	d := Diagram{
		Name: "topology",
		Nodes: []Node{
			{ID: "c", Label: "client <c1> & \"friends\"", X: 0, Y: 0, Ellipse: true},
			{ID: "n0", Label: "n0\nleader", X: 200, Y: 0, W: 80, H: 50, Fill: "#dae8fc"},
			{ID: "n1", Label: "n1", X: 200, Y: 120},
		},
		Edges: []Edge{
			{From: "c", To: "n0", Label: "broadcast"},
			{From: "n0", To: "n1", Dashed: true},
		},
	}
	svg, err := d.SVG()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "topology.drawio.svg")
	if err := os.WriteFile(path, svg, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Check(path); err != nil {
		t.Fatalf("Check of our own output: %v\n%s", err, svg)
	}

	f, err := Parse(svg)
	if err != nil {
		t.Fatal(err)
	}
	p := f.Pages[0]
	if p.Name != "topology" || p.Compressed {
		t.Errorf("page %q compressed=%v, want topology, plain", p.Name, p.Compressed)
	}
	byID := map[string]Cell{}
	for _, c := range p.Cells {
		byID[c.ID] = c
	}
	if len(p.Cells) != 2+3+2 {
		t.Errorf("%d cells, want 7 (root, layer, 3 nodes, 2 edges)", len(p.Cells))
	}
	if c := byID["node-c"]; c.Value != `client <c1> & "friends"` || !strings.HasPrefix(c.Style, "ellipse;") {
		t.Errorf("node c = %+v", c)
	}
	if g := byID["node-n1"].Geometry; g == nil || g.X != 200 || g.Y != 120 || g.Width != DefaultW || g.Height != DefaultH {
		t.Errorf("node n1 geometry = %+v, want at 200,120 with the default size", g)
	}
	if c := byID["node-n0"]; c.Value != "n0\nleader" || !strings.Contains(c.Style, "fillColor=#dae8fc;") {
		t.Errorf("node n0 = %+v", c)
	}
	if e := byID["edge-2"]; e.Source != "node-n0" || e.Target != "node-n1" || !strings.Contains(e.Style, "dashed=1") {
		t.Errorf("edge 2 = %+v", e)
	}
	if !strings.Contains(f.Text, "broadcast") {
		t.Errorf("the edge label is not drawn: %q", f.Text)
	}
	// draw.io is told where the label stands: by the middle of the line
	// (which runs from the ellipse c to the box n0, at y 20 to 25), moved
	// up off it; and the picture draws it there.
	model := html.UnescapeString(string(svg))
	if m := regexp.MustCompile(`value="broadcast"[^>]*><mxGeometry relative="1" as="geometry"><mxPoint x="[-0-9.]+" y="(-[0-9.]+)" as="offset">`).FindStringSubmatch(model); m == nil {
		t.Errorf("edge 1's label is not moved up off its line in the model:\n%s", model)
	}
	if m := regexp.MustCompile(`<tspan x="[0-9.]+" y="([-0-9.]+)">broadcast</tspan>`).FindStringSubmatch(string(svg)); m == nil {
		t.Errorf("edge 1's label is not drawn:\n%s", svg)
	} else if y, _ := strconv.ParseFloat(m[1], 64); y+FontSize/2 > 20 {
		t.Errorf("edge 1's label is drawn at y %v, not above its line (y 20 and below):\n%s", y, svg)
	}
}

func TestShiftedEdgeTellsDrawioWhereItRuns(t *testing.T) {
	d := Diagram{
		Nodes: []Node{{ID: "a", W: 100, H: 40}, {ID: "b", X: 300, W: 100, H: 40}},
		Edges: []Edge{{From: "a", To: "b", Shift: 10}},
	}
	svg, err := d.SVG()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(svg), "exitX=1;exitY=0.25;entryX=0;entryY=0.25;") {
		t.Errorf("the shifted edge does not leave a at its right side, 10 px up, and enter b likewise:\n%s", svg)
	}
	if !strings.Contains(string(svg), `<path d="M 100 10 L 300 10"`) {
		t.Errorf("the picture does not draw the line 10 px up:\n%s", svg)
	}
}

func TestDiagramSVGRejects(t *testing.T) {
	tests := []struct {
		name string
		d    Diagram
		want string
	}{
		{"edge to nowhere", Diagram{Name: "d", Nodes: []Node{{ID: "a"}}, Edges: []Edge{{From: "a", To: "b"}}}, `diagram "d": edge 1 ("a" → "b"): no node "b"`},
		{"repeated ID", Diagram{Name: "d", Nodes: []Node{{ID: "a"}, {ID: "a"}}}, `node ID "a" is used twice`},
		{"missing ID", Diagram{Name: "d", Nodes: []Node{{Label: "x"}}}, `node 1 has no ID`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tt.d.SVG(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("SVG error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestBorderTouchesShape(t *testing.T) {
	b := box{x: 0, y: 0, w: 100, h: 40}
	if x, y := b.border(200, 20); x != 100 || y != 20 {
		t.Errorf("rightwards from a box: %v,%v, want 100,20", x, y)
	}
	if x, y := b.border(50, -100); x != 50 || y != 0 {
		t.Errorf("upwards from a box: %v,%v, want 50,0", x, y)
	}
	e := box{x: 0, y: 0, w: 100, h: 40, ellipse: true}
	if x, y := e.border(50, 100); x != 50 || y != 40 {
		t.Errorf("downwards from an ellipse: %v,%v, want 50,40", x, y)
	}
}

func TestEdgeBothEnds(t *testing.T) {
	d := Diagram{
		Nodes: []Node{{ID: "a"}, {ID: "b", X: 200}},
		Edges: []Edge{{From: "a", To: "b", Both: true}, {From: "b", To: "a"}},
	}
	svg, err := d.SVG()
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(svg), `marker-start="url(#arrow)"`); n != 1 {
		t.Errorf("%d paths with an arrowhead at the start, want 1 (the edge with Both)", n)
	}
	f, err := Parse(svg)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range f.Pages[0].Cells {
		want := c.ID == "edge-1"
		if got := strings.Contains(c.Style, "startArrow=classic;"); got != want {
			t.Errorf("cell %q: startArrow in style %q is %v, want %v", c.ID, c.Style, got, want)
		}
	}
}
