package plot

import (
	"fmt"
	"io"
)

// The size of every chart, and where its plot area sits. The legend lives
// in the right margin so it never hides data.
const (
	chartWidth    = 960.0
	chartHeight   = 520.0
	plotLeft      = 72.0
	plotTop       = 40.0
	plotWidth     = 680.0
	plotHeight    = 420.0
	legendLeft    = plotLeft + plotWidth + 20
	partitionFill = "#E9DCA0"
)

// chart is a canvas with one plot area, a time axis in seconds along x and
// a value axis along y.
type chart struct {
	*canvas
	x, y scale
}

// newChart draws the title and the partition shading, and opens the group
// the data goes in: on top of the shading, below the axes (see finish).
func newChart(title string, x, y scale, partitions []Interval) *chart {
	c := &chart{canvas: newCanvas(chartWidth, chartHeight), x: x, y: y}
	c.text(plotLeft+plotWidth/2, 24, `text-anchor="middle" font-size="15" fill="#000000"`, title)
	for _, p := range partitions {
		x1 := max(c.px(p.Start.Seconds()), plotLeft)
		x2 := min(c.px(p.End.Seconds()), plotLeft+plotWidth)
		if x2 > x1 {
			c.rect(x1, plotTop, x2-x1, plotHeight, `class="partition" fill="`+partitionFill+`"`)
		}
	}
	c.raw(`<g class="data">` + "\n")
	return c
}

// px and py turn data values into canvas coordinates.
func (c *chart) px(v float64) float64 { return plotLeft + c.x.frac(v)*plotWidth }
func (c *chart) py(v float64) float64 { return plotTop + plotHeight - c.y.frac(v)*plotHeight }

// empty says so in the middle of the plot area, for runs with nothing to draw.
func (c *chart) empty(what string) {
	c.text(plotLeft+plotWidth/2, plotTop+plotHeight/2, `text-anchor="middle" fill="#555555"`, "no "+what)
}

// legendEntry is one line of the legend: a marker shape, a line with a dash
// pattern, or (swatch) a filled box.
type legendEntry struct {
	label  string
	color  string
	shape  string
	dash   string
	line   bool
	swatch bool
}

// finish draws the axes, their labels and the legend, and writes the chart.
func (c *chart) finish(w io.Writer, what, xLabel, yLabel string, legend []legendEntry) error {
	const axis = `stroke="#000000" stroke-width="1"`
	c.raw("</g>\n")
	c.rect(plotLeft, plotTop, plotWidth, plotHeight, `fill="none" `+axis)
	for _, t := range c.x.ticks() {
		x := c.px(t.value)
		c.line(x, plotTop+plotHeight, x, plotTop+plotHeight+5, axis)
		c.text(x, plotTop+plotHeight+18, `text-anchor="middle" fill="#000000"`, t.label)
	}
	for _, t := range c.y.ticks() {
		y := c.py(t.value)
		c.line(plotLeft, y, plotLeft+plotWidth, y, `stroke="#000000" stroke-opacity="0.12"`)
		c.line(plotLeft-5, y, plotLeft, y, axis)
		c.text(plotLeft-8, y+4, `text-anchor="end" fill="#000000"`, t.label)
	}
	c.text(plotLeft+plotWidth/2, chartHeight-14, `text-anchor="middle" fill="#000000"`, xLabel)
	c.text(18, plotTop+plotHeight/2,
		fmt.Sprintf(`text-anchor="middle" fill="#000000" transform="rotate(-90 18 %s)"`, num(plotTop+plotHeight/2)), yLabel)
	for i, e := range legend {
		y := plotTop + 10 + float64(i)*20
		switch {
		case e.swatch:
			c.rect(legendLeft, y-6, 22, 12, `fill="`+e.color+`"`)
		case e.line:
			c.line(legendLeft, y, legendLeft+22, y, lineAttrs(e.color, e.dash))
			if e.shape != "" {
				c.marker(e.shape, legendLeft+11, y, e.color)
			}
		default:
			c.marker(e.shape, legendLeft+11, y, e.color)
		}
		c.text(legendLeft+30, y+4, `fill="#000000"`, e.label)
	}
	return c.canvas.finish(w, what)
}

// lineAttrs styles a data line.
func lineAttrs(color, dash string) string {
	s := `stroke="` + color + `" stroke-width="1.5"`
	if dash != "" {
		s += ` stroke-dasharray="` + dash + `"`
	}
	return s
}

// partitionLegend is the legend line for the shading, when there is any.
func partitionLegend(ps []Interval) []legendEntry {
	if len(ps) == 0 {
		return nil
	}
	return []legendEntry{{label: "partition", color: partitionFill, swatch: true}}
}
