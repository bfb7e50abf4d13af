package drawio

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"strings"
)

// A Page is one diagram of a draw.io file (draw.io calls it a diagram
// and shows it as a tab).
type Page struct {
	Name string
	// Compressed tells whether the page was stored in draw.io's older
	// compressed form rather than as plain XML.
	Compressed bool
	Cells      []Cell
}

// A Cell is a node of the draw.io model: the root, a layer, a vertex
// (a shape, or a label) or an edge.
type Cell struct {
	ID     string
	Parent string // "" only for the root cell
	Value  string // the label, HTML when Style has html=1
	Style  string
	Vertex bool
	Edge   bool
	Source string // the cell an edge starts at
	Target string // the cell an edge ends at
	// Geometry is nil when the cell has none.
	Geometry *Geometry
}

// Geometry places a cell. Relative geometry (an edge, or a label on an
// edge) is placed by its parent and has no size of its own.
type Geometry struct {
	X, Y, Width, Height float64
	Relative            bool
}

// The XML forms of the model, as draw.io writes it.
type (
	mxFile struct {
		XMLName  xml.Name    `xml:"mxfile"`
		Diagrams []mxDiagram `xml:"diagram"`
	}
	mxDiagram struct {
		Name  string        `xml:"name,attr"`
		Model *mxGraphModel `xml:"mxGraphModel"`
		Text  string        `xml:",chardata"`
	}
	mxGraphModel struct {
		XMLName xml.Name `xml:"mxGraphModel"`
		Root    struct {
			Cells []mxCell `xml:"mxCell"`
			// Cells with custom properties are wrapped in an object
			// (or UserObject) that holds their id and label.
			Objects     []mxObject `xml:"object"`
			UserObjects []mxObject `xml:"UserObject"`
		} `xml:"root"`
	}
	mxObject struct {
		ID    string `xml:"id,attr"`
		Label string `xml:"label,attr"`
		Cell  mxCell `xml:"mxCell"`
	}
	mxCell struct {
		ID       string      `xml:"id,attr,omitempty"`
		Parent   string      `xml:"parent,attr,omitempty"`
		Value    string      `xml:"value,attr,omitempty"`
		Style    string      `xml:"style,attr,omitempty"`
		Vertex   string      `xml:"vertex,attr,omitempty"`
		Edge     string      `xml:"edge,attr,omitempty"`
		Source   string      `xml:"source,attr,omitempty"`
		Target   string      `xml:"target,attr,omitempty"`
		Geometry *mxGeometry `xml:"mxGeometry"`
	}
	mxGeometry struct {
		X        float64  `xml:"x,attr,omitempty"`
		Y        float64  `xml:"y,attr,omitempty"`
		Width    float64  `xml:"width,attr,omitempty"`
		Height   float64  `xml:"height,attr,omitempty"`
		Relative string   `xml:"relative,attr,omitempty"`
		As       string   `xml:"as,attr,omitempty"`
		Offset   *mxPoint `xml:"mxPoint,omitempty"` // where an edge's label is moved to
	}
	mxPoint struct {
		X  float64 `xml:"x,attr"`
		Y  float64 `xml:"y,attr"`
		As string  `xml:"as,attr"`
	}
)

// parseModel decodes the mxfile held in an SVG's content attribute.
func parseModel(content string) ([]Page, error) {
	var f mxFile
	if err := xml.Unmarshal([]byte(content), &f); err != nil {
		return nil, fmt.Errorf("the model in the content attribute is not an mxfile: %w", err)
	}
	if len(f.Diagrams) == 0 {
		return nil, fmt.Errorf("the model has no diagram")
	}
	pages := make([]Page, 0, len(f.Diagrams))
	for i, d := range f.Diagrams {
		p := Page{Name: d.Name}
		if p.Name == "" {
			p.Name = fmt.Sprintf("#%d", i+1)
		}
		model := d.Model
		if model == nil {
			text := strings.TrimSpace(d.Text)
			if text == "" {
				return nil, fmt.Errorf("diagram %q is empty", p.Name)
			}
			var err error
			if model, err = decompress(text); err != nil {
				return nil, fmt.Errorf("diagram %q: %w", p.Name, err)
			}
			p.Compressed = true
		}
		p.Cells = cells(model)
		pages = append(pages, p)
	}
	return pages, nil
}

// decompress undoes draw.io's compressed form of a diagram:
// base64(deflate(encodeURIComponent(xml))).
func decompress(text string) (*mxGraphModel, error) {
	raw, err := base64.StdEncoding.DecodeString(text)
	if err != nil {
		return nil, fmt.Errorf("compressed diagram is not base64: %w", err)
	}
	inflated, err := io.ReadAll(flate.NewReader(bytes.NewReader(raw)))
	if err != nil {
		return nil, fmt.Errorf("compressed diagram does not inflate: %w", err)
	}
	plain, err := url.PathUnescape(string(inflated))
	if err != nil {
		return nil, fmt.Errorf("compressed diagram is not URI-encoded: %w", err)
	}
	var m mxGraphModel
	if err := xml.Unmarshal([]byte(plain), &m); err != nil {
		return nil, fmt.Errorf("compressed diagram holds no mxGraphModel: %w", err)
	}
	return &m, nil
}

func cells(m *mxGraphModel) []Cell {
	var out []Cell
	for _, c := range m.Root.Cells {
		out = append(out, cell(c, c.ID, c.Value))
	}
	for _, o := range append(m.Root.Objects, m.Root.UserObjects...) {
		out = append(out, cell(o.Cell, o.ID, o.Label))
	}
	return out
}

func cell(c mxCell, id, value string) Cell {
	out := Cell{
		ID:     id,
		Parent: c.Parent,
		Value:  value,
		Style:  c.Style,
		Vertex: c.Vertex == "1",
		Edge:   c.Edge == "1",
		Source: c.Source,
		Target: c.Target,
	}
	if g := c.Geometry; g != nil {
		out.Geometry = &Geometry{X: g.X, Y: g.Y, Width: g.Width, Height: g.Height, Relative: g.Relative == "1"}
	}
	return out
}
