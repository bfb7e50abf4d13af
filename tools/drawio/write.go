package drawio

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// A Diagram is a simple boxes-and-arrows drawing described in Go. Its
// SVG method writes it as a .drawio.svg that browsers show and draw.io
// opens for editing.
type Diagram struct {
	Name  string // the name of draw.io's page tab
	Nodes []Node
	Edges []Edge
}

// A Node is a box (or an ellipse) with a label.
type Node struct {
	ID    string // how edges refer to the node
	Label string // "\n" breaks a line
	X, Y  float64
	W, H  float64 // size; zero means DefaultW × DefaultH
	// Ellipse draws an ellipse instead of a rounded box.
	Ellipse bool
	// Fill is the background colour, as "#rrggbb"; "" means white.
	Fill string
}

// An Edge is an arrow from one node to another.
type Edge struct {
	From, To string // node IDs
	Label    string
	Dashed   bool
	// Both puts an arrowhead at each end, for a link used both ways: two
	// opposite edges between the same nodes would be drawn on top of
	// each other.
	Both bool
}

// The size of a node that gives none.
const (
	DefaultW = 120
	DefaultH = 40
)

const (
	margin   = 10
	fontSize = 12
	stroke   = "#333333"
)

// SVG returns the diagram as a .drawio.svg document. It fails when a
// node ID is empty or repeated, or an edge names a node that does not
// exist.
func (d Diagram) SVG() ([]byte, error) {
	nodes, err := d.placed()
	if err != nil {
		return nil, err
	}
	minX, minY, maxX, maxY := bounds(d.Nodes, nodes)
	w, h := maxX-minX+2*margin, maxY-minY+2*margin

	model, err := d.model(nodes, w, h)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="%s" height="%s" viewBox="%s %s %s %s" content="%s">`+"\n",
		num(w), num(h), num(minX-margin), num(minY-margin), num(w), num(h), escape(model))
	b.WriteString(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="` + stroke + `"/></marker></defs>` + "\n")
	// A white ground keeps the drawing readable on a dark page.
	fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="#ffffff"/>`+"\n", num(minX-margin), num(minY-margin), num(w), num(h))
	for _, e := range d.Edges {
		from, to := nodes[e.From], nodes[e.To]
		x1, y1 := from.border(to.cx(), to.cy())
		x2, y2 := to.border(from.cx(), from.cy())
		extra := ""
		if e.Dashed {
			extra += ` stroke-dasharray="6 4"`
		}
		if e.Both {
			extra += ` marker-start="url(#arrow)"`
		}
		fmt.Fprintf(&b, `<path d="M %s %s L %s %s" fill="none" stroke="%s" stroke-width="1.5"%s marker-end="url(#arrow)"/>`+"\n",
			num(x1), num(y1), num(x2), num(y2), stroke, extra)
		if e.Label != "" {
			writeText(&b, (x1+x2)/2, (y1+y2)/2-fontSize/2-2, e.Label, true)
		}
	}
	for _, n := range d.Nodes {
		p := nodes[n.ID]
		fill := n.Fill
		if fill == "" {
			fill = "#ffffff"
		}
		if n.Ellipse {
			fmt.Fprintf(&b, `<ellipse cx="%s" cy="%s" rx="%s" ry="%s" fill="%s" stroke="%s" stroke-width="1.5"/>`+"\n",
				num(p.cx()), num(p.cy()), num(p.w/2), num(p.h/2), escape(fill), stroke)
		} else {
			fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" rx="6" ry="6" fill="%s" stroke="%s" stroke-width="1.5"/>`+"\n",
				num(p.x), num(p.y), num(p.w), num(p.h), escape(fill), stroke)
		}
		writeText(&b, p.cx(), p.cy(), n.Label, false)
	}
	b.WriteString("</svg>\n")
	return b.Bytes(), nil
}

// box is a node's place on the drawing.
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

// placed checks the nodes and edges and returns each node's box by ID.
func (d Diagram) placed() (map[string]box, error) {
	var errs []error
	nodes := make(map[string]box, len(d.Nodes))
	for i, n := range d.Nodes {
		if n.ID == "" {
			errs = append(errs, fmt.Errorf("diagram %q: node %d has no ID", d.Name, i+1))
			continue
		}
		if _, dup := nodes[n.ID]; dup {
			errs = append(errs, fmt.Errorf("diagram %q: node ID %q is used twice", d.Name, n.ID))
		}
		w, h := n.W, n.H
		if w <= 0 {
			w = DefaultW
		}
		if h <= 0 {
			h = DefaultH
		}
		nodes[n.ID] = box{x: n.X, y: n.Y, w: w, h: h, ellipse: n.Ellipse}
	}
	for i, e := range d.Edges {
		for _, id := range []string{e.From, e.To} {
			if _, ok := nodes[id]; !ok {
				errs = append(errs, fmt.Errorf("diagram %q: edge %d (%q → %q): no node %q", d.Name, i+1, e.From, e.To, id))
			}
		}
	}
	return nodes, errors.Join(errs...)
}

func bounds(order []Node, nodes map[string]box) (minX, minY, maxX, maxY float64) {
	for i, n := range order {
		p := nodes[n.ID]
		if i == 0 {
			minX, minY, maxX, maxY = p.x, p.y, p.x+p.w, p.y+p.h
			continue
		}
		minX, minY = math.Min(minX, p.x), math.Min(minY, p.y)
		maxX, maxY = math.Max(maxX, p.x+p.w), math.Max(maxY, p.y+p.h)
	}
	return minX, minY, maxX, maxY
}

// model returns the draw.io model of the diagram as XML text. Cell ids
// are prefixed by kind so that no node can clash with draw.io's root
// cells "0" and "1" or with an edge.
func (d Diagram) model(nodes map[string]box, w, h float64) (string, error) {
	cells := []mxCell{{ID: "0"}, {ID: "1", Parent: "0"}}
	for _, n := range d.Nodes {
		p := nodes[n.ID]
		style := "rounded=1;whiteSpace=wrap;"
		if n.Ellipse {
			style = "ellipse;whiteSpace=wrap;"
		}
		fill := n.Fill
		if fill == "" {
			fill = "#ffffff"
		}
		style += "fillColor=" + fill + ";strokeColor=" + stroke + ";strokeWidth=1.5;fontSize=12;"
		cells = append(cells, mxCell{
			ID: "node-" + n.ID, Parent: "1", Value: n.Label, Style: style, Vertex: "1",
			Geometry: &mxGeometry{X: p.x, Y: p.y, Width: p.w, Height: p.h, As: "geometry"},
		})
	}
	for i, e := range d.Edges {
		style := "endArrow=classic;strokeColor=" + stroke + ";strokeWidth=1.5;fontSize=12;"
		if e.Dashed {
			style += "dashed=1;"
		}
		if e.Both {
			style += "startArrow=classic;"
		}
		cells = append(cells, mxCell{
			ID: fmt.Sprintf("edge-%d", i+1), Parent: "1", Value: e.Label, Style: style, Edge: "1",
			Source: "node-" + e.From, Target: "node-" + e.To,
			Geometry: &mxGeometry{Relative: "1", As: "geometry"},
		})
	}
	name := d.Name
	if name == "" {
		name = "Page-1"
	}
	type root struct {
		Cells []mxCell `xml:"mxCell"`
	}
	type graphModel struct {
		XMLName    xml.Name `xml:"mxGraphModel"`
		Grid       int      `xml:"grid,attr"`
		GridSize   int      `xml:"gridSize,attr"`
		PageWidth  string   `xml:"pageWidth,attr"`
		PageHeight string   `xml:"pageHeight,attr"`
		Root       root     `xml:"root"`
	}
	type diagram struct {
		ID    string     `xml:"id,attr"`
		Name  string     `xml:"name,attr"`
		Model graphModel `xml:"mxGraphModel"`
	}
	type file struct {
		XMLName xml.Name `xml:"mxfile"`
		Diagram diagram  `xml:"diagram"`
	}
	out, err := xml.Marshal(file{Diagram: diagram{
		ID: "page-1", Name: name,
		Model: graphModel{Grid: 1, GridSize: 10, PageWidth: num(w), PageHeight: num(h), Root: root{cells}},
	}})
	return string(out), err
}

// writeText draws a label centred on (x, y), one tspan per line.
func writeText(b *bytes.Buffer, x, y float64, label string, halo bool) {
	lines := strings.Split(label, "\n")
	top := y - float64(len(lines)-1)*fontSize*1.2/2
	extra := ""
	if halo {
		// A white outline behind the letters keeps an edge's label
		// readable where it crosses the line.
		extra = ` paint-order="stroke" stroke="#ffffff" stroke-width="4"`
	}
	fmt.Fprintf(b, `<text font-family="Helvetica, Arial, sans-serif" font-size="%d" fill="#000000" text-anchor="middle" dominant-baseline="central"%s>`, fontSize, extra)
	for i, l := range lines {
		fmt.Fprintf(b, `<tspan x="%s" y="%s">%s</tspan>`, num(x), num(top+float64(i)*fontSize*1.2), escape(l))
	}
	b.WriteString("</text>\n")
}

// num formats a coordinate to two decimals at most, without needless ones.
func num(f float64) string {
	return strconv.FormatFloat(math.Round(f*100)/100+0, 'f', -1, 64)
}

// escape makes s safe inside an XML attribute or text.
func escape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
