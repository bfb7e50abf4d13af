package plot

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// canvas collects an SVG document in memory, so that a plot reaches its
// writer whole or not at all.
type canvas struct {
	b strings.Builder
}

// newCanvas starts a document of the given size on a white background.
func newCanvas(width, height float64) *canvas {
	c := &canvas{}
	c.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	// "only light" keeps a browser's forced dark mode from recolouring
	// parts of the picture (such as arrowheads) but not others.
	fmt.Fprintf(&c.b, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="sans-serif" font-size="12" style="color-scheme: only light">`+"\n",
		num(width), num(height), num(width), num(height))
	c.rect(0, 0, width, height, `fill="#FFFFFF"`)
	return c
}

// finish closes the document and writes it to w.
func (c *canvas) finish(w io.Writer, what string) error {
	c.b.WriteString("</svg>\n")
	if _, err := io.WriteString(w, c.b.String()); err != nil {
		return fmt.Errorf("plot: write %s: %w", what, err)
	}
	return nil
}

// raw writes markup as it is; callers escape what came from outside.
func (c *canvas) raw(format string, args ...any) {
	fmt.Fprintf(&c.b, format, args...)
}

func (c *canvas) rect(x, y, w, h float64, attrs string) {
	c.raw(`<rect x="%s" y="%s" width="%s" height="%s" %s/>`+"\n", num(x), num(y), num(w), num(h), attrs)
}

func (c *canvas) line(x1, y1, x2, y2 float64, attrs string) {
	c.raw(`<line x1="%s" y1="%s" x2="%s" y2="%s" %s/>`+"\n", num(x1), num(y1), num(x2), num(y2), attrs)
}

// text draws s, escaped, with its anchor point at (x, y).
func (c *canvas) text(x, y float64, attrs, s string) {
	c.raw(`<text x="%s" y="%s" %s>%s</text>`+"\n", num(x), num(y), attrs, esc(s))
}

// polyline draws a line through the points, given as x, y pairs.
func (c *canvas) polyline(xy []float64, attrs string) {
	var pts strings.Builder
	for i := 0; i+1 < len(xy); i += 2 {
		if i > 0 {
			pts.WriteByte(' ')
		}
		pts.WriteString(num(xy[i]) + "," + num(xy[i+1]))
	}
	c.raw(`<polyline points="%s" fill="none" %s/>`+"\n", pts.String(), attrs)
}

// Marker shapes tell series apart when colour already means something else.
const (
	circle   = "circle"
	triangle = "triangle"
	square   = "square"
	diamond  = "diamond"
)

// marker draws a small shape of about 7 px centred on (x, y).
func (c *canvas) marker(shape string, x, y float64, fill string) {
	const r = 3.5
	switch shape {
	case triangle:
		c.raw(`<path d="M%s %sL%s %sL%s %sZ" fill="%s"/>`+"\n",
			num(x), num(y-r), num(x+r), num(y+r*0.8), num(x-r), num(y+r*0.8), fill)
	case square:
		c.rect(x-r*0.85, y-r*0.85, 2*r*0.85, 2*r*0.85, `fill="`+fill+`"`)
	case diamond:
		c.raw(`<path d="M%s %sL%s %sL%s %sL%s %sZ" fill="%s"/>`+"\n",
			num(x), num(y-r), num(x+r), num(y), num(x), num(y+r), num(x-r), num(y), fill)
	default:
		c.raw(`<circle cx="%s" cy="%s" r="%s" fill="%s"/>`+"\n", num(x), num(y), num(r*0.85), fill)
	}
}

// num writes a coordinate with at most two decimals. Plots only ever pass
// finite numbers; a zero span is widened before any division (see scale).
func num(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100+0, 'f', -1, 64)
}

// esc makes s safe as XML text or attribute value. Characters XML cannot
// hold at all become U+FFFD.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// shorten cuts s to at most n characters, the last of them "…".
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
