package main

import (
	"fmt"

	"github.com/deamondev/gossip-glomers-tutorial/tools/drawio"
)

// A sequence builds a message sequence chart out of plain boxes and
// arrows: one lifeline per actor, side by side, time running down. A
// lifeline is a dashed arrow from the actor down to a small end mark, and
// a message is an arrow between two dots on lifelines, so that it runs
// level however far apart the actors are. Each message and each remark
// has a row of its own, and remarks stand between the lifelines: the
// chart grows taller, not wider, and stays narrow enough for a phone.
type sequence struct {
	name  string
	x     map[string]float64 // the x of each actor's lifeline
	heads []drawio.Node      // the actors
	under []drawio.Node      // drawn first, beneath everything else
	nodes []drawio.Node
	edges []drawio.Edge
	y     float64 // the bottom of the last row
	rows  int     // rows so far, for IDs
}

// An actor is one lifeline of a sequence.
type actor struct {
	id, label string
	x         float64 // of the lifeline
	client    bool    // a Maelstrom client: an ellipse instead of a box
}

// The layout of a sequence, in pixels.
const (
	headW    = 80.0
	headH    = 36
	dotR     = 4
	msgRow   = 40 // from the row above to a message: room for its label
	noteGap  = 10 // between a remark and the rows around it
	noteSide = 12 // between a lifeline and a remark beside it
)

func newSequence(name string, actors ...actor) *sequence {
	s := &sequence{name: name, x: make(map[string]float64), y: headH + 6}
	for _, a := range actors {
		fill := nodeFill
		if a.client {
			fill = clientFill
		}
		s.x[a.id] = a.x
		w := headW
		if tw, _ := drawio.TextSize(a.label); a.client {
			// An ellipse holds a line of text in the middle 80% of its width.
			w = max(w, (tw+16)/0.8)
		}
		s.heads = append(s.heads, drawio.Node{ID: a.id, Label: a.label, X: a.x - w/2, Y: 0, W: w, H: headH, Ellipse: a.client, Fill: fill})
	}
	return s
}

// lifeline returns the x of actor's lifeline.
func (s *sequence) lifeline(actor string) float64 {
	x, ok := s.x[actor]
	if !ok {
		panic(fmt.Sprintf("sequence %q: no actor %q", s.name, actor))
	}
	return x
}

// dot marks where a message leaves or reaches the lifeline of actor, on
// the current row, and returns its ID.
func (s *sequence) dot(actor string) string {
	x := s.lifeline(actor)
	id := fmt.Sprintf("row%d-%s", s.rows, actor)
	s.nodes = append(s.nodes, drawio.Node{ID: id, X: x - dotR, Y: s.y - dotR, W: 2 * dotR, H: 2 * dotR, Ellipse: true, Fill: ink})
	return id
}

// send adds a row with a message from one actor to another.
func (s *sequence) send(from, to, label string) {
	s.rows++
	s.y += msgRow
	s.edges = append(s.edges, drawio.Edge{From: s.dot(from), To: s.dot(to), Label: label})
}

// lose adds a row with a message from actor that never arrives: it ends
// in a cross at x, the left edge of a box as wide as w.
func (s *sequence) lose(from string, x, w float64, label string) {
	s.rows++
	s.y += msgRow
	id := fmt.Sprintf("row%d-lost", s.rows)
	s.nodes = append(s.nodes, drawio.Node{ID: id, Label: "✗ lost", X: x, Y: s.y - 13, W: w, H: 26, Fill: lostFill})
	s.edges = append(s.edges, drawio.Edge{From: s.dot(from), To: id, Label: label})
}

// note adds a row with a remark beside the lifeline of actor, on the
// side of the other lifelines: to the right of the leftmost one, else to
// the left. A remark is w wide, and as tall as its lines.
func (s *sequence) note(actor string, w float64, text string) {
	x := s.lifeline(actor) + noteSide
	for _, other := range s.x {
		if other < s.lifeline(actor) {
			x = s.lifeline(actor) - noteSide - w
			break
		}
	}
	s.noteAt(x, w, text)
}

// noteAt adds a row with a remark whose left edge is at x.
func (s *sequence) noteAt(x, w float64, text string) {
	s.rows++
	_, h := drawio.TextSize(text)
	h += 10
	s.nodes = append(s.nodes, drawio.Node{ID: fmt.Sprintf("row%d-note", s.rows), Label: text, X: x, Y: s.y + noteGap, W: w, H: h, Fill: noteFill})
	s.y += noteGap + h
}

// mark returns where the next row starts, for a band that begins there.
func (s *sequence) mark() float64 { return s.y + noteGap/2 }

// band shades, beneath the messages, the rows from top (a mark) to the
// last row so far, between x and x+w, with a label in its middle.
func (s *sequence) band(id, label string, top, x, w float64, fill string) {
	bottom := s.y + noteGap
	s.under = append(s.under, drawio.Node{ID: id, Label: label, X: x, Y: top, W: w, H: bottom - top, Fill: fill, Background: true})
}

// diagram ends every lifeline below the last row and returns the chart.
func (s *sequence) diagram() drawio.Diagram {
	end := s.y + msgRow/2
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
