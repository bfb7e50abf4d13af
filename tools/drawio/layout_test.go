package drawio

import (
	"strings"
	"testing"
)

func TestCrowding(t *testing.T) {
	a := Node{ID: "a", Label: "a", X: 0, Y: 0, W: 60, H: 40}
	b := Node{ID: "b", Label: "b", X: 300, Y: 0, W: 60, H: 40}
	tests := []struct {
		name  string
		nodes []Node
		edges []Edge
		want  []string // each a problem Crowding must report; none: no problem at all
	}{
		{"clear", []Node{a, b}, []Edge{{From: "a", To: "b", Label: "gossip"}}, nil},
		{"a label too long for its node", []Node{{ID: "n", Label: "a label far too long for this box", W: 80, H: 40}},
			nil, []string{`the label "a label far too long for this box" (about`, `does not fit its node "n" (80 × 40)`}},
		{"a label with too many lines", []Node{{ID: "n", Label: "1\n2\n3", W: 80, H: 40}}, nil, []string{`does not fit its node "n"`}},
		{"an arrow through a node's label", []Node{a, b, {ID: "m", Label: "in the way", X: 120, Y: 5, W: 100, H: 30}},
			[]Edge{{From: "a", To: "b"}}, []string{`edge 1 (a → b) runs through the label "in the way"`, `edge 1 (a → b) runs across node "m"`}},
		{"an arrow across the corner of a node", []Node{a, b, {ID: "m", Label: "m", X: 150, Y: 15, W: 40, H: 40}},
			[]Edge{{From: "a", To: "b"}}, []string{`edge 1 (a → b) runs across node "m"`}},
		{"an arrow through an edge's label", []Node{a, b, {ID: "c", Label: "c", X: 150, Y: -100, W: 40, H: 30}, {ID: "d", Label: "d", X: 150, Y: 100, W: 40, H: 30}},
			[]Edge{{From: "a", To: "b", Label: "a long label over the crossing"}, {From: "c", To: "d"}},
			[]string{`edge 2 (c → d) runs through the label "a long label over the crossing" of edge 1`}},
		{"labels on top of each other", []Node{a, b},
			[]Edge{{From: "a", To: "b", Label: "one"}, {From: "b", To: "a", Label: "two"}},
			[]string{`the labels of edge 1 (a → b) and edge 2 overlap`}},
		{"two edges side by side", []Node{a, b},
			[]Edge{{From: "a", To: "b", Label: "one", Shift: 6}, {From: "b", To: "a", Label: "two", Shift: 6, Flip: true}}, nil},
		{"an edge label on a node", []Node{a, b, {ID: "m", Label: "m", X: 140, Y: -10, W: 40, H: 14}},
			[]Edge{{From: "a", To: "b", Label: "gossip"}}, []string{`the label "gossip" of edge 1 (a → b) lies on node "m"`}},
		{"nodes on top of each other", []Node{a, {ID: "c", Label: "c", X: 30, Y: 10}}, nil, []string{`nodes "a" and "c" overlap`}},
		{"a background under the rest", []Node{{ID: "band", Label: "band", X: 100, Y: -80, W: 100, H: 250, Background: true}, a, b},
			[]Edge{{From: "a", To: "b", Label: "x", LabelAt: 0.3}}, nil},
		{"an arrow through a background's label", []Node{{ID: "band", Label: "band", X: 100, Y: 0, W: 100, H: 40, Background: true}, a, b},
			[]Edge{{From: "a", To: "b"}}, []string{`edge 1 (a → b) runs through the label "band"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Diagram{Name: "d", Nodes: tt.nodes, Edges: tt.edges}.Crowding()
			if len(tt.want) == 0 {
				if err != nil {
					t.Errorf("Crowding: %v, want no problem", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Crowding found nothing, want %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Crowding:\n%v\nwant a problem containing %q", err, w)
				}
			}
		})
	}
}

func TestLabelStandsBesideItsLine(t *testing.T) {
	a := box{x: 0, y: 0, w: 60, h: 40}
	across := box{x: 300, y: 0, w: 60, h: 40}
	down := box{x: 0, y: 300, w: 60, h: 40}
	tests := []struct {
		name string
		e    Edge
		to   box
		ok   func(line placedEdge) bool
	}{
		{"across: above", Edge{Label: "x"}, across, func(p placedEdge) bool { return p.label.y+p.label.h < p.y1 }},
		{"across, flipped: below", Edge{Label: "x", Flip: true}, across, func(p placedEdge) bool { return p.label.y > p.y1 }},
		{"down: right", Edge{Label: "x"}, down, func(p placedEdge) bool { return p.label.x > p.x1 }},
		{"down, flipped: left", Edge{Label: "x", Flip: true}, down, func(p placedEdge) bool { return p.label.x+p.label.w < p.x1 }},
		{"shifted: the line moves to the label's side", Edge{Label: "x", Shift: 8}, across, func(p placedEdge) bool { return p.y1 == 12 && p.y2 == 12 }},
		{"at a quarter", Edge{Label: "x", LabelAt: 0.25}, across, func(p placedEdge) bool { return p.label.cx() == 60+240/4.0 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := place(tt.e, a, tt.to)
			if !tt.ok(p) {
				t.Errorf("line %.1f,%.1f → %.1f,%.1f, label %+v", p.x1, p.y1, p.x2, p.y2, p.label)
			}
			if p.label.crossedBy(p.x1, p.y1, p.x2, p.y2) {
				t.Errorf("the line runs through its own label")
			}
		})
	}
}

func TestCrossedBy(t *testing.T) {
	b := box{x: 10, y: 10, w: 10, h: 10}
	for _, tt := range []struct {
		x1, y1, x2, y2 float64
		want           bool
	}{
		{0, 15, 30, 15, true},  // straight through
		{0, 15, 5, 15, false},  // stops short
		{0, 0, 30, 30, true},   // diagonally through
		{0, 25, 30, 25, false}, // passes below
		{15, 15, 16, 16, true}, // inside
		{0, 10, 30, 10, false}, // along the top edge only
		{25, 0, 25, 30, false}, // passes right of it
		{12, 0, 12, 100, true}, // down through
		{0, 40, 40, 0, false},  // misses the corner
		{0, 29, 29, 0, true},   // clips the corner
	} {
		if got := b.crossedBy(tt.x1, tt.y1, tt.x2, tt.y2); got != tt.want {
			t.Errorf("segment %v,%v → %v,%v: crossedBy = %v, want %v", tt.x1, tt.y1, tt.x2, tt.y2, got, tt.want)
		}
	}
}
