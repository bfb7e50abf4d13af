package drawio

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// A File is a parsed .drawio.svg: the model and the picture's text.
type File struct {
	Pages []Page
	// Text is all the text the SVG picture draws, in document order,
	// with runs of white space made single spaces.
	Text string
}

// ReadFile parses the .drawio.svg at path. Errors name the path.
func ReadFile(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// Parse reads a .drawio.svg. It fails if the document is not
// well-formed XML, its root is not an svg element with a content
// attribute, or that attribute does not decode to a draw.io model.
func Parse(data []byte) (*File, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var content string
	var text []string
	sawRoot := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("not well-formed XML: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if sawRoot {
				continue
			}
			sawRoot = true
			if t.Name.Local != "svg" {
				return nil, fmt.Errorf("root element is <%s>, want <svg>", t.Name.Local)
			}
			for _, a := range t.Attr {
				if a.Name.Local == "content" && a.Name.Space == "" {
					content = a.Value
				}
			}
		case xml.CharData:
			if s := strings.TrimSpace(string(t)); s != "" {
				text = append(text, s)
			}
		}
	}
	if !sawRoot {
		return nil, errors.New("no <svg> element")
	}
	if strings.TrimSpace(content) == "" {
		return nil, errors.New("the <svg> element has no content attribute: it is a plain SVG, not a draw.io file")
	}
	pages, err := parseModel(content)
	if err != nil {
		return nil, err
	}
	return &File{Pages: pages, Text: collapseSpace(strings.Join(text, " "))}, nil
}

// collapseSpace trims s and turns every run of white space into one space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
