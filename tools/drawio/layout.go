package drawio

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"strings"
)

// lineHeight is the distance between the lines of a label.
const lineHeight = FontSize * 1.2

// A box is a part of the drawing: a node, or the text of a label.
type box struct {
	x, y, w, h float64
	ellipse    bool
}

func (p box) cx() float64 { return p.x + p.w/2 }
func (p box) cy() float64 { return p.y + p.h/2 }

// border returns where the line from the box's centre towards (x, y)
// leaves the box, so arrows touch shapes instead of their centres.
func (p box) border(x, y float64) (float64, float64) {
	dx, dy := x-p.cx(), y-p.cy()
	if dx == 0 && dy == 0 {
		return p.cx(), p.cy()
	}
	var t float64
	if p.ellipse {
		t = 1 / math.Hypot(dx/(p.w/2), dy/(p.h/2))
	} else {
		t = math.Min(p.w/2/math.Abs(dx), p.h/2/math.Abs(dy))
	}
	return p.cx() + t*dx, p.cy() + t*dy
}

// overlaps reports whether two boxes share more than an edge.
func (p box) overlaps(q box) bool {
	return p.x < q.x+q.w && q.x < p.x+p.w && p.y < q.y+q.h && q.y < p.y+p.h
}

// crossedBy reports whether the segment from (x1, y1) to (x2, y2) enters
// the box (Liang–Barsky: clip the segment's parameter to each side).
func (p box) crossedBy(x1, y1, x2, y2 float64) bool {
	lo, hi := 0.0, 1.0
	dx, dy := x2-x1, y2-y1
	for _, side := range [][2]float64{{-dx, x1 - p.x}, {dx, p.x + p.w - x1}, {-dy, y1 - p.y}, {dy, p.y + p.h - y1}} {
		q, r := side[0], side[1]
		if q == 0 {
			if r <= 0 {
				return false
			}
			continue
		}
		t := r / q
		if q < 0 {
			lo = math.Max(lo, t)
		} else {
			hi = math.Min(hi, t)
		}
	}
	return lo < hi
}

// TextSize estimates the size a label takes on the page. Browsers draw
// the labels in Helvetica or Arial, or, where neither is installed, in
// DejaVu Sans, the widest of the three: the widths are DejaVu Sans' and
// round up, so that a label that fits here fits everywhere.
func TextSize(label string) (w, h float64) {
	lines := strings.Split(label, "\n")
	for _, l := range lines {
		lw := 0.0
		for _, r := range l {
			lw += charWidth(r)
		}
		w = math.Max(w, lw*FontSize)
	}
	return w, float64(len(lines)) * lineHeight
}

// charWidth is a character's advance in ems, about.
func charWidth(r rune) float64 {
	switch {
	case strings.ContainsRune(" .,:;'!|ijlfrt()[]{}", r):
		return 0.4
	case strings.ContainsRune("mwMW…✗", r):
		return 1
	case r >= 'A' && r <= 'Z':
		return 0.75
	case r > 0x7f:
		return 1
	}
	return 0.64
}

// A placedEdge is an edge's line, from border to border, and the box of
// its label.
type placedEdge struct {
	x1, y1, x2, y2 float64
	t              float64 // where along the line the label stands
	label          box     // zero when there is no label
}

// at returns the point of the line the label stands beside.
func (e placedEdge) at() (float64, float64) {
	return e.x1 + e.t*(e.x2-e.x1), e.y1 + e.t*(e.y2-e.y1)
}

// A layout is where everything of a diagram goes, and the frame around
// it all: the picture's size.
type layout struct {
	nodes map[string]box
	edges []placedEdge
	frame box
}

// layout checks the nodes and edges and places them.
func (d Diagram) layout() (layout, error) {
	var errs []error
	l := layout{nodes: make(map[string]box, len(d.Nodes))}
	for i, n := range d.Nodes {
		if n.ID == "" {
			errs = append(errs, fmt.Errorf("diagram %q: node %d has no ID", d.Name, i+1))
			continue
		}
		if _, dup := l.nodes[n.ID]; dup {
			errs = append(errs, fmt.Errorf("diagram %q: node ID %q is used twice", d.Name, n.ID))
		}
		w, h := n.W, n.H
		if w <= 0 {
			w = DefaultW
		}
		if h <= 0 {
			h = DefaultH
		}
		l.nodes[n.ID] = box{x: n.X, y: n.Y, w: w, h: h, ellipse: n.Ellipse}
	}
	for i, e := range d.Edges {
		for _, id := range []string{e.From, e.To} {
			if _, ok := l.nodes[id]; !ok {
				errs = append(errs, fmt.Errorf("diagram %q: edge %d (%q → %q): no node %q", d.Name, i+1, e.From, e.To, id))
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return layout{}, err
	}

	first := true
	grow := func(b box) {
		if first {
			l.frame, first = b, false
			return
		}
		x, y := math.Min(l.frame.x, b.x), math.Min(l.frame.y, b.y)
		l.frame.w = math.Max(l.frame.x+l.frame.w, b.x+b.w) - x
		l.frame.h = math.Max(l.frame.y+l.frame.h, b.y+b.h) - y
		l.frame.x, l.frame.y = x, y
	}
	for _, n := range d.Nodes {
		grow(l.nodes[n.ID])
	}
	for _, e := range d.Edges {
		pe := place(e, l.nodes[e.From], l.nodes[e.To])
		l.edges = append(l.edges, pe)
		if e.Label != "" {
			grow(pe.label)
		}
	}
	l.frame = box{x: l.frame.x - margin, y: l.frame.y - margin, w: l.frame.w + 2*margin, h: l.frame.h + 2*margin}
	return l, nil
}

// labelGap is the room between a line and its label.
const labelGap = 4

// place draws an edge from border to border and stands its label beside
// the line, far enough that the line never touches the text.
func place(e Edge, from, to box) placedEdge {
	dx, dy := to.cx()-from.cx(), to.cy()-from.cy()
	length := math.Hypot(dx, dy)
	if length == 0 {
		length = 1
	}
	// The normal on the label's side: up for a line that runs mostly
	// across, right for one that runs mostly down.
	nx, ny := dy/length, -dx/length
	if (math.Abs(dx) >= math.Abs(dy) && ny > 0) || (math.Abs(dx) < math.Abs(dy) && nx < 0) {
		nx, ny = -nx, -ny
	}
	if e.Flip {
		nx, ny = -nx, -ny
	}
	sx, sy := nx*e.Shift, ny*e.Shift
	fromC, toC := from, to
	fromC.x, fromC.y, toC.x, toC.y = from.x+sx, from.y+sy, to.x+sx, to.y+sy
	x1, y1 := fromC.border(toC.cx(), toC.cy())
	x2, y2 := toC.border(fromC.cx(), fromC.cy())
	pe := placedEdge{x1: x1, y1: y1, x2: x2, y2: y2, t: cmp.Or(e.LabelAt, 0.5)}
	if e.Label != "" {
		w, h := TextSize(e.Label)
		d := (math.Abs(nx)*w+math.Abs(ny)*h)/2 + labelGap
		mx, my := pe.at()
		pe.label = box{x: mx + d*nx - w/2, y: my + d*ny - h/2, w: w, h: h}
	}
	return pe
}

// Size returns the width and height of the picture, in pixels.
func (d Diagram) Size() (w, h float64, err error) {
	l, err := d.layout()
	return l.frame.w, l.frame.h, err
}

// labelPad is the least room between a node's label and its outline.
const labelPad = 4

// Crowding reports every place where the drawing is hard to read: a
// label that does not fit its node, an arrow that runs through a label
// or across a node it does not join, an edge's label on a node or on
// another label, and nodes on top of each other (a Background node may
// lie under the rest).
func (d Diagram) Crowding() error {
	l, err := d.layout()
	if err != nil {
		return err
	}
	var errs []error
	problem := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("diagram %q: "+format, append([]any{d.Name}, args...)...))
	}
	type text struct {
		what string
		box  box
	}
	var texts []text
	nodeText := make(map[string]box)
	for _, n := range d.Nodes {
		if n.Label == "" {
			continue
		}
		p := l.nodes[n.ID]
		w, h := TextSize(n.Label)
		t := box{x: p.cx() - w/2, y: p.cy() - h/2, w: w, h: h}
		nodeText[n.ID] = t
		texts = append(texts, text{fmt.Sprintf("the label %q", n.Label), t})
		fits := w+2*labelPad <= p.w && h+labelPad <= p.h
		if p.ellipse {
			a, b := p.w/2, p.h/2
			fits = math.Pow((w/2+labelPad)/a, 2)+math.Pow((h/2)/b, 2) <= 1
		}
		if !fits {
			problem("the label %q (about %.0f × %.0f px) does not fit its node %q (%.0f × %.0f)", n.Label, w, h, n.ID, p.w, p.h)
		}
	}
	for i, e := range d.Edges {
		if e.Label != "" {
			texts = append(texts, text{fmt.Sprintf("the label %q of edge %d", e.Label, i+1), l.edges[i].label})
		}
	}
	for i, e := range d.Edges {
		pe := l.edges[i]
		name := fmt.Sprintf("edge %d (%s → %s)", i+1, e.From, e.To)
		for _, t := range texts {
			if t.box.crossedBy(pe.x1, pe.y1, pe.x2, pe.y2) {
				problem("%s runs through %s", name, t.what)
			}
		}
		for _, n := range d.Nodes {
			if n.ID == e.From || n.ID == e.To || n.Background || n.Label == "" {
				continue
			}
			if l.nodes[n.ID].crossedBy(pe.x1, pe.y1, pe.x2, pe.y2) {
				problem("%s runs across node %q", name, n.ID)
			}
		}
		if e.Label == "" {
			continue
		}
		for _, n := range d.Nodes {
			under := l.nodes[n.ID]
			if n.Background {
				under = nodeText[n.ID] // may lie on the region, not on its label
			}
			if pe.label.overlaps(under) {
				problem("the label %q of %s lies on node %q", e.Label, name, n.ID)
			}
		}
		for j := i + 1; j < len(d.Edges); j++ {
			if d.Edges[j].Label != "" && pe.label.overlaps(l.edges[j].label) {
				problem("the labels of %s and edge %d overlap", name, j+1)
			}
		}
	}
	for i, n := range d.Nodes {
		for _, m := range d.Nodes[i+1:] {
			a, b := l.nodes[n.ID], l.nodes[m.ID]
			switch {
			case n.Background && m.Background:
				continue
			case n.Background:
				a = nodeText[n.ID] // a node may lie on the region, not on its label
			case m.Background:
				b = nodeText[m.ID]
			}
			if a.overlaps(b) {
				problem("nodes %q and %q overlap", n.ID, m.ID)
			}
		}
	}
	return errors.Join(errs...)
}
