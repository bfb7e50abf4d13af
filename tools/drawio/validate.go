package drawio

import (
	"errors"
	"fmt"
	"html"
	"regexp"
	"strings"
)

// Validate checks that every page is a sound draw.io graph: cells have
// unique ids, there is a root cell, parents exist, each vertex has a
// size, and each edge joins two vertices. draw.io itself opens a broken
// model as an empty or partial drawing without a word, so these are
// checked here. All problems are reported, one per line.
func (f *File) Validate() error {
	var errs []error
	for _, p := range f.Pages {
		for _, err := range p.problems() {
			errs = append(errs, fmt.Errorf("diagram %q: %w", p.Name, err))
		}
	}
	return errors.Join(errs...)
}

func (p Page) problems() []error {
	var errs []error
	byID := make(map[string]Cell, len(p.Cells))
	roots := 0
	for _, c := range p.Cells {
		switch {
		case c.ID == "":
			errs = append(errs, errors.New("a cell has no id"))
			continue
		case byID[c.ID].ID != "":
			errs = append(errs, fmt.Errorf("cell id %q is used twice", c.ID))
		}
		byID[c.ID] = c
		if c.Parent == "" {
			roots++
		}
	}
	if roots == 0 {
		errs = append(errs, errors.New("no root cell (a cell without parent)"))
	}
	for _, c := range p.Cells {
		if c.ID == "" {
			continue
		}
		if c.Parent != "" && byID[c.Parent].ID == "" {
			errs = append(errs, fmt.Errorf("cell %q: parent %q does not exist", c.ID, c.Parent))
		}
		switch {
		case c.Vertex && c.Edge:
			errs = append(errs, fmt.Errorf("cell %q is both a vertex and an edge", c.ID))
		case c.Vertex:
			g := c.Geometry
			switch {
			case g == nil:
				errs = append(errs, fmt.Errorf("vertex %q has no geometry", c.ID))
			case !g.Relative && (g.Width <= 0 || g.Height <= 0):
				errs = append(errs, fmt.Errorf("vertex %q has no size (width %g, height %g)", c.ID, g.Width, g.Height))
			}
		case c.Edge:
			for _, end := range []struct{ name, id string }{{"source", c.Source}, {"target", c.Target}} {
				switch other, ok := byID[end.id]; {
				case end.id == "":
					errs = append(errs, fmt.Errorf("edge %q has no %s", c.ID, end.name))
				case !ok:
					errs = append(errs, fmt.Errorf("edge %q: %s %q does not exist", c.ID, end.name, end.id))
				case !other.Vertex:
					errs = append(errs, fmt.Errorf("edge %q: %s %q is not a vertex", c.ID, end.name, end.id))
				}
			}
		}
	}
	return errs
}

// CheckLabels checks that the picture shows every vertex label of the
// model. A picture that lacks one was not saved from the model it
// carries: someone edited one half by hand, and draw.io and the browser
// would show different diagrams.
func (f *File) CheckLabels() error {
	var errs []error
	for _, p := range f.Pages {
		for _, c := range p.Cells {
			if !c.Vertex {
				continue
			}
			if label := Label(c); label != "" && !strings.Contains(f.Text, label) {
				errs = append(errs, fmt.Errorf("diagram %q: the picture does not show the label %q of vertex %q", p.Name, label, c.ID))
			}
		}
	}
	return errors.Join(errs...)
}

var (
	htmlBreak = regexp.MustCompile(`(?i)<(br|/?div|/?p|/?li)\b[^>]*>`)
	htmlTag   = regexp.MustCompile(`<[^>]*>`)
)

// Label returns the text a cell's label shows: HTML labels (style
// html=1) lose their markup, and white space is collapsed, so that it
// can be looked for in the picture's text.
func Label(c Cell) string {
	v := c.Value
	if hasStyle(c.Style, "html", "1") {
		v = htmlBreak.ReplaceAllString(v, " ")
		v = html.UnescapeString(htmlTag.ReplaceAllString(v, ""))
	}
	return collapseSpace(v)
}

// hasStyle reports whether a draw.io style ("a=1;b=2;shape") sets key to value.
func hasStyle(style, key, value string) bool {
	for _, kv := range strings.Split(style, ";") {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key && v == value {
			return true
		}
	}
	return false
}
