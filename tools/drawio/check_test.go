package drawio

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestGoodFiles(t *testing.T) {
	for _, name := range []string{"good.drawio.svg", "compressed.drawio.svg"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", name)
			if err := Check(path); err != nil {
				t.Fatalf("Check: %v", err)
			}
			f, err := ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Pages) != 1 || f.Pages[0].Name != "Page-1" {
				t.Fatalf("pages = %+v, want one named Page-1", f.Pages)
			}
			p := f.Pages[0]
			if want := name == "compressed.drawio.svg"; p.Compressed != want {
				t.Errorf("Compressed = %v, want %v", p.Compressed, want)
			}
			var vertices, edges []string
			labels := map[string]string{}
			for _, c := range p.Cells {
				if c.Vertex {
					vertices = append(vertices, c.ID)
					labels[c.ID] = Label(c)
				}
				if c.Edge {
					edges = append(edges, c.Source+"->"+c.Target)
				}
			}
			if got := strings.Join(vertices, ","); got != "a,l,b" {
				t.Errorf("vertices %s, want a,l,b (the object-wrapped cell comes last)", got)
			}
			if got := strings.Join(edges, ","); got != "a->b" {
				t.Errorf("edges %s, want a->b", got)
			}
			// HTML labels lose their markup; labels of wrapped cells come
			// from the object.
			if labels["a"] != "client c1" || labels["b"] != "node n0" || labels["l"] != "broadcast" {
				t.Errorf("labels = %q", labels)
			}
		})
	}
}

func TestBrokenFiles(t *testing.T) {
	tests := []struct {
		file string
		want []string // each must appear in the error
	}{
		{"broken-graph.drawio.svg", []string{
			`edge "e": target "gone" does not exist`,
			`vertex "b" has no size (width 0, height 0)`,
			`cell id "b" is used twice`,
			`cell "b": parent "9" does not exist`,
		}},
		{"broken-stale-picture.drawio.svg", []string{
			`the picture does not show the label "n1" of vertex "b"`,
		}},
		{"broken-not-xml.drawio.svg", []string{"not well-formed XML"}},
		{"broken-plain.svg", []string{"no content attribute"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			err := Check(path)
			if err == nil {
				t.Fatal("Check passed a broken file")
			}
			if !strings.HasPrefix(err.Error(), path+": ") {
				t.Errorf("error does not start with the path: %v", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	model := func(m string) string {
		return `<svg xmlns="http://www.w3.org/2000/svg" content="` + strings.NewReplacer(`<`, `&lt;`, `>`, `&gt;`, `"`, `&quot;`).Replace(m) + `"></svg>`
	}
	tests := []struct{ name, doc, want string }{
		{"root is not svg", `<html content="x"></html>`, "root element is <html>"},
		{"empty document", ``, "no <svg> element"},
		{"content is not an mxfile", model(`<nope/>`), "not an mxfile"},
		{"mxfile without diagram", model(`<mxfile></mxfile>`), "has no diagram"},
		{"empty diagram", model(`<mxfile><diagram name="d"></diagram></mxfile>`), `diagram "d" is empty`},
		{"compressed, not base64", model(`<mxfile><diagram name="d">%%%</diagram></mxfile>`), `diagram "d": compressed diagram is not base64`},
		{"compressed, not deflate", model(`<mxfile><diagram name="d">aGVsbG8=</diagram></mxfile>`), `diagram "d": compressed diagram does not inflate`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.doc))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestValidateEdgeEnds(t *testing.T) {
	f := &File{Pages: []Page{{Name: "p", Cells: []Cell{
		{ID: "0"},
		{ID: "1", Parent: "0"},
		{ID: "v", Parent: "1", Vertex: true, Geometry: &Geometry{Width: 1, Height: 1}},
		{ID: "e1", Parent: "1", Edge: true, Source: "v"},
		{ID: "e2", Parent: "1", Edge: true, Source: "v", Target: "e1"},
		{ID: "x", Parent: "1", Vertex: true, Edge: true},
		{ID: "nogeo", Parent: "1", Vertex: true},
	}}}}
	err := f.Validate()
	for _, w := range []string{
		`diagram "p": edge "e1" has no target`,
		`edge "e2": target "e1" is not a vertex`,
		`cell "x" is both a vertex and an edge`,
		`vertex "nogeo" has no geometry`,
	} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("Validate error lacks %q:\n%v", w, err)
		}
	}
	noRoot := &File{Pages: []Page{{Name: "p", Cells: []Cell{{ID: "1", Parent: "1"}}}}}
	if err := noRoot.Validate(); err == nil || !strings.Contains(err.Error(), "no root cell") {
		t.Errorf("a page without root: %v", err)
	}
}
