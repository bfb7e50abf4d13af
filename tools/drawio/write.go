package drawio

import (
	"bytes"
	"encoding/xml"
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
	// Background marks a region drawn beneath the rest (a partition, say):
	// arrows and edge labels may lie on it, though not on its label.
	Background bool
}

// An Edge is an arrow from one node to another, in a straight line. Its
// label stands beside the line, never on it: above a line that runs
// mostly across, right of one that runs mostly down.
type Edge struct {
	From, To string // node IDs
	Label    string
	Dashed   bool
	// Both puts an arrowhead at each end, for a link used both ways: two
	// opposite edges between the same nodes would be drawn on top of
	// each other.
	Both bool
	// LabelAt is where along the line the label stands, from 0 (at From)
	// to 1 (at To); zero means the middle.
	LabelAt float64
	// Flip puts the label on the other side: below, or left.
	Flip bool
	// Shift moves the whole line sideways by that many pixels (to the
	// side its label is on), so that two edges between the same nodes
	// can run side by side.
	Shift float64
}

// The size of a node that gives none.
const (
	DefaultW = 120
	DefaultH = 40
)

// FontSize is the size of every label, in pixels of the drawing.
const FontSize = 14

const (
	margin = 10
	stroke = "#333333"
)

// SVG returns the diagram as a .drawio.svg document. It fails when a
// node ID is empty or repeated, or an edge names a node that does not
// exist.
func (d Diagram) SVG() ([]byte, error) {
	l, err := d.layout()
	if err != nil {
		return nil, err
	}
	nodes := l.nodes
	minX, minY, w, h := l.frame.x, l.frame.y, l.frame.w, l.frame.h

	model, err := d.model(l)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="%s" height="%s" viewBox="%s %s %s %s" content="%s">`+"\n",
		num(w), num(h), num(minX), num(minY), num(w), num(h), escape(model))
	b.WriteString(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="` + stroke + `"/></marker></defs>` + "\n")
	// A white ground keeps the drawing readable on a dark page.
	fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="#ffffff"/>`+"\n", num(minX), num(minY), num(w), num(h))
	for i, e := range d.Edges {
		pe := l.edges[i]
		x1, y1, x2, y2 := pe.x1, pe.y1, pe.x2, pe.y2
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
			writeText(&b, pe.label.cx(), pe.label.cy(), e.Label)
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
		writeText(&b, p.cx(), p.cy(), n.Label)
	}
	b.WriteString("</svg>\n")
	return b.Bytes(), nil
}

// model returns the draw.io model of the diagram as XML text. Cell ids
// are prefixed by kind so that no node can clash with draw.io's root
// cells "0" and "1" or with an edge.
func (d Diagram) model(l layout) (string, error) {
	cells := []mxCell{{ID: "0"}, {ID: "1", Parent: "0"}}
	for _, n := range d.Nodes {
		p := l.nodes[n.ID]
		style := "rounded=1;whiteSpace=wrap;"
		if n.Ellipse {
			style = "ellipse;whiteSpace=wrap;"
		}
		fill := n.Fill
		if fill == "" {
			fill = "#ffffff"
		}
		style += "fillColor=" + fill + ";strokeColor=" + stroke + ";strokeWidth=1.5;fontSize=" + strconv.Itoa(FontSize) + ";"
		cells = append(cells, mxCell{
			ID: "node-" + n.ID, Parent: "1", Value: n.Label, Style: style, Vertex: "1",
			Geometry: &mxGeometry{X: p.x, Y: p.y, Width: p.w, Height: p.h, As: "geometry"},
		})
	}
	for i, e := range d.Edges {
		style := "endArrow=classic;strokeColor=" + stroke + ";strokeWidth=1.5;fontSize=" + strconv.Itoa(FontSize) + ";"
		if e.Dashed {
			style += "dashed=1;"
		}
		if e.Both {
			style += "startArrow=classic;"
		}
		pe := l.edges[i]
		if e.Shift != 0 {
			// draw.io joins the centres of the shapes unless told where the
			// line leaves and enters them, as fractions of their size.
			from, to := l.nodes[e.From], l.nodes[e.To]
			style += fmt.Sprintf("exitX=%s;exitY=%s;entryX=%s;entryY=%s;",
				num((pe.x1-from.x)/from.w), num((pe.y1-from.y)/from.h), num((pe.x2-to.x)/to.w), num((pe.y2-to.y)/to.h))
		}
		// draw.io places an edge's label at X along the line (-1 at the
		// source, 1 at the target), moved by the offset point: the same
		// place as in the picture.
		mx, my := pe.at()
		g := &mxGeometry{X: 2*pe.t - 1, Relative: "1", As: "geometry"}
		if e.Label != "" {
			g.Offset = &mxPoint{X: round2(pe.label.cx() - mx), Y: round2(pe.label.cy() - my), As: "offset"}
		}
		cells = append(cells, mxCell{
			ID: fmt.Sprintf("edge-%d", i+1), Parent: "1", Value: e.Label, Style: style, Edge: "1",
			Source: "node-" + e.From, Target: "node-" + e.To, Geometry: g,
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
		Model: graphModel{Grid: 1, GridSize: 10, PageWidth: num(l.frame.w), PageHeight: num(l.frame.h), Root: root{cells}},
	}})
	return string(out), err
}

// writeText draws a label centred on (x, y), one tspan per line.
func writeText(b *bytes.Buffer, x, y float64, label string) {
	lines := strings.Split(label, "\n")
	top := y - float64(len(lines)-1)*lineHeight/2
	fmt.Fprintf(b, `<text font-family="Helvetica, Arial, sans-serif" font-size="%d" fill="#000000" text-anchor="middle" dominant-baseline="central">`, FontSize)
	for i, l := range lines {
		fmt.Fprintf(b, `<tspan x="%s" y="%s">%s</tspan>`, num(x), num(top+float64(i)*lineHeight), escape(l))
	}
	b.WriteString("</text>\n")
}

// num formats a coordinate to two decimals at most, without needless ones.
func num(f float64) string {
	return strconv.FormatFloat(round2(f), 'f', -1, 64)
}

func round2(f float64) float64 { return math.Round(f*100)/100 + 0 }

// escape makes s safe inside an XML attribute or text.
func escape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
