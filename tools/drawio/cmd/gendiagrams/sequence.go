package main

import (
	"fmt"

	"github.com/deamondev/gossip-glomers-tutorial/tools/drawio"
)

// A sequence builds a message sequence chart out of plain boxes and
// arrows: one lifeline per actor, side by side, time running down, one
// row per message. A lifeline is a dashed arrow from the actor down to a
// small end mark, and a message is an arrow between two dots on
// lifelines, so that it runs level however far apart the actors are.
type sequence struct {
	name  string
	x     map[string]float64 // the x of each actor's lifeline
	heads []drawio.Node      // the actors
	under []drawio.Node      // drawn first, beneath everything else
	nodes []drawio.Node
	edges []drawio.Edge
	row   int // the row of the latest message; -1 before the first
}

// An actor is one lifeline of a sequence.
type actor struct {
	id, label string
	x         float64 // of the lifeline
	client    bool    // a Maelstrom client: an ellipse instead of a box
}

// The layout of a sequence, in pixels.
const (
	headW = 90
	headH = 36
	rowH  = 54
	dotR  = 4
)

func newSequence(name string, actors ...actor) *sequence {
	s := &sequence{name: name, x: make(map[string]float64), row: -1}
	for _, a := range actors {
		fill := nodeFill
		if a.client {
			fill = clientFill
		}
		s.x[a.id] = a.x
		s.heads = append(s.heads, drawio.Node{ID: a.id, Label: a.label, X: a.x - headW/2, Y: 0, W: headW, H: headH, Ellipse: a.client, Fill: fill})
	}
	return s
}

// rowY is the y of a row's messages.
func rowY(row int) float64 { return headH + 34 + float64(row)*rowH }

// dot marks where a message leaves or reaches the lifeline of actor, on
// the current row, and returns its ID.
func (s *sequence) dot(actor string) string {
	x, ok := s.x[actor]
	if !ok {
		panic(fmt.Sprintf("sequence %q: no actor %q", s.name, actor))
	}
	id := fmt.Sprintf("row%d-%s", s.row, actor)
	s.nodes = append(s.nodes, drawio.Node{ID: id, X: x - dotR, Y: rowY(s.row) - dotR, W: 2 * dotR, H: 2 * dotR, Ellipse: true, Fill: ink})
	return id
}

// send adds a row with a message from one actor to another.
func (s *sequence) send(from, to, label string) {
	s.row++
	s.edges = append(s.edges, drawio.Edge{From: s.dot(from), To: s.dot(to), Label: label})
}

// lose adds a row with a message from actor that never arrives: it ends
// in a cross at x, the left edge of a box as wide as w.
func (s *sequence) lose(from string, x, w float64, label string) {
	s.row++
	id := fmt.Sprintf("row%d-lost", s.row)
	s.nodes = append(s.nodes, drawio.Node{ID: id, Label: "✗ lost", X: x, Y: rowY(s.row) - 13, W: w, H: 26, Fill: lostFill})
	s.edges = append(s.edges, drawio.Edge{From: s.dot(from), To: id, Label: label})
}

// skip adds an empty row, for time passing.
func (s *sequence) skip() { s.row++ }

// note puts a remark on the current row, its centre dx from the lifeline
// of actor (negative: to the left).
func (s *sequence) note(actor string, dx, w float64, text string) {
	h := 12 + 14.4*float64(lines(text))
	s.nodes = append(s.nodes, drawio.Node{
		ID: fmt.Sprintf("row%d-note-%s", s.row, actor), Label: text,
		X: s.x[actor] + dx - w/2, Y: rowY(s.row) - h/2, W: w, H: h, Fill: noteFill,
	})
}

// band shades the rows first to last between x and x+w, beneath the
// messages, with a label in its middle.
func (s *sequence) band(id, label string, first, last int, x, w float64, fill string) {
	top, bottom := rowY(first)-rowH/2, rowY(last)+rowH/2
	s.under = append(s.under, drawio.Node{ID: id, Label: label, X: x, Y: top, W: w, H: bottom - top, Fill: fill})
}

// diagram ends every lifeline below the last row and returns the chart.
func (s *sequence) diagram() drawio.Diagram {
	end := rowY(s.row) + rowH*0.75
	var lifelines []drawio.Node
	var edges []drawio.Edge
	for _, h := range s.heads {
		id := h.ID + "-end"
		x := s.x[h.ID]
		lifelines = append(lifelines, drawio.Node{ID: id, X: x - 1, Y: end, W: 2, H: 2, Fill: ink})
		edges = append(edges, drawio.Edge{From: h.ID, To: id, Dashed: true})
	}
	var nodes []drawio.Node
	nodes = append(nodes, s.under...)
	nodes = append(nodes, s.heads...)
	nodes = append(nodes, lifelines...)
	nodes = append(nodes, s.nodes...)
	return drawio.Diagram{Name: s.name, Nodes: nodes, Edges: append(edges, s.edges...)}
}

// lines counts the lines of a label.
func lines(text string) int {
	n := 1
	for _, r := range text {
		if r == '\n' {
			n++
		}
	}
	return n
}
