package plot

import "math"

// The message diagrams write all their text in a monospace font, so that
// the width of a text is known without the font at hand: every character
// of DejaVu Sans Mono, Liberation Mono or Courier is 0.6 em wide.
// monoWidth rounds that up, so that the boxes below never undercount.
const monoWidth = 0.62

// box is the rectangle a text covers, in SVG user units.
type box struct{ x0, y0, x1, y1 float64 }

// textBox is the box of s in monospace at the given size, anchored at x
// as text-anchor says and with its baseline at y, widened by pad on every
// side (for the white halo drawn around it).
func textBox(s string, x, y, size float64, anchor string, pad float64) box {
	w := float64(len([]rune(s))) * size * monoWidth
	x0 := x
	switch anchor {
	case "middle":
		x0 = x - w/2
	case "end":
		x0 = x - w
	}
	// Ascenders reach about 0.8 em above the baseline, descenders 0.25
	// em below it.
	return box{x0 - pad, y - 0.8*size - pad, x0 + w + pad, y + 0.25*size + pad}
}

func (a box) overlaps(b box) bool {
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
}

func (a box) inside(b box) bool {
	return a.x0 >= b.x0 && a.x1 <= b.x1 && a.y0 >= b.y0 && a.y1 <= b.y1
}

// placer hands out room for text on a canvas, so that no two texts
// overlap and none runs off the canvas: a text that finds no room is not
// drawn. Boxes are kept in a grid of cells, so a check looks only at the
// boxes near it.
type placer struct {
	bounds box
	cells  map[[2]int][]box
}

// placerCell is the grid's cell size, about a short label's width.
const placerCell = 64.0

func newPlacer(bounds box) *placer {
	return &placer{bounds: bounds, cells: make(map[[2]int][]box)}
}

// take claims b if it is inside the canvas and clear of every box taken
// before, and reports whether it did.
func (p *placer) take(b box) bool {
	if !b.inside(p.bounds) {
		return false
	}
	cx0, cy0 := int(math.Floor(b.x0/placerCell)), int(math.Floor(b.y0/placerCell))
	cx1, cy1 := int(math.Floor(b.x1/placerCell)), int(math.Floor(b.y1/placerCell))
	for cx := cx0; cx <= cx1; cx++ {
		for cy := cy0; cy <= cy1; cy++ {
			for _, o := range p.cells[[2]int{cx, cy}] {
				if b.overlaps(o) {
					return false
				}
			}
		}
	}
	for cx := cx0; cx <= cx1; cx++ {
		for cy := cy0; cy <= cy1; cy++ {
			p.cells[[2]int{cx, cy}] = append(p.cells[[2]int{cx, cy}], b)
		}
	}
	return true
}
