package plot

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/internal/textwrap"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
	"github.com/deamondev/gossip-glomers-tutorial/harness/nodeid"
)

// The geometry of the message diagrams (messages.svg, journey-*.svg).
const (
	lamportWidth  = 1200.0 // the width aimed at; a diagram with many lanes is wider
	laneGapMin    = 44.0   // room for a lane name and for labels between lanes
	laneGapMax    = 110.0
	lamportGutter = 80.0 // the times, left of the first lane
	eventRow      = 18.0
	bandRow       = 30.0
	headerRow     = 22.0
	headerEvery   = 40 // event rows between repeated lane names
	timeEvery     = 10 // event rows between times in the gutter
	labelSize     = 10.0
	nameSize      = 12.0
	bandSize      = 12.0
	gutterSize    = 11.0
	titleSize     = 14.0
	arrowTitleMax = 240
	clientsLane   = "clients"
)

// Colours: Maelstrom's for errors, client messages and the rest, and ours
// for what its diagram does not show.
const (
	errorColor     = "#FF1E90"
	clientColor    = "#81BFFC"
	otherColor     = "#000000"
	dropColor      = "#D62728" // a copy a partition dropped
	copyColor      = "#9A9A9A" // a journey's copy to a node that had the value
	gapColor       = "#FF8C00" // Maelstrom's colour for "not shown"
	partitionShade = "#F4ECCB"
)

// labelColors are darker shades of the arrow colours, for text that must
// read well on white and on the partition shade.
var labelColors = map[string]string{
	errorColor:  "#AD1457",
	clientColor: "#1565C0",
	otherColor:  "#000000",
	dropColor:   "#B71C1C",
	copyColor:   "#555555",
}

// lrow is one row of a Lamport diagram: an event, a band across every
// lane (a mark, or what is not shown), or the lane names again.
type lrow struct {
	event  *journal.Event
	band   string
	gap    bool // the band ends a part: no arrow crosses it
	quiet  bool // the band notes a quiet stretch; arrows cross it
	header bool
	// partitioned shades the row: a partition was in force.
	partitioned bool
	time        time.Duration
}

// arrowStyle is how one message is drawn.
type arrowStyle struct {
	color string
	width float64
	label string // "" for none
}

// lamport is a Lamport diagram: one lane per endpoint across, and rows
// going down, one per event, as Maelstrom draws messages.svg; all clients
// share the last lane. Every message is an arrow from the row it was sent
// in to the row it was received or dropped in. Labels are horizontal and
// placed only where they overlap nothing and stay on the canvas; the hover
// title of every arrow has the whole message.
type lamport struct {
	title []string // lines above the lanes; the first in bold
	lanes []string
	rows  []lrow
	// origin is subtracted from the times in the gutter, which then read
	// "+1.234 s" (a journey counts from its broadcast).
	origin   time.Duration
	relative bool
	style    func(m *journal.Message) arrowStyle

	laneGap   float64
	boldLines int // the title's first line, once wrapped
	width     float64
	x         map[string]float64
	y         []float64 // the centre of each row
	height    float64
	place     *placer
}

// lanesOf orders the endpoints of the events: servers by name and number,
// then other endpoints (services), then one lane for every client.
func lanesOf(events []journal.Event) []string {
	seen := map[string]bool{}
	var lanes []string
	clients := false
	for _, e := range events {
		for _, id := range []string{e.Message.Src, e.Message.Dest} {
			switch {
			case journal.IsClient(id):
				clients = true
			case !seen[id]:
				seen[id] = true
				lanes = append(lanes, id)
			}
		}
	}
	slices.SortFunc(lanes, nodeid.Compare)
	if clients {
		lanes = append(lanes, clientsLane)
	}
	return lanes
}

func (d *lamport) lane(id string) float64 {
	if journal.IsClient(id) {
		return d.x[clientsLane]
	}
	return d.x[id]
}

// layout places the lanes and the rows.
func (d *lamport) layout() {
	n := max(len(d.lanes), 1)
	d.laneGap = min(laneGapMax, max(laneGapMin, (lamportWidth-lamportGutter)/float64(n)))
	d.x = make(map[string]float64, len(d.lanes))
	x := lamportGutter + d.laneGap/2
	for _, id := range d.lanes {
		if id == clientsLane {
			x += d.laneGap / 2 // set the clients apart from the nodes
		}
		d.x[id] = x
		x += d.laneGap
	}
	d.width = x
	if len(d.lanes) == 0 {
		d.width = lamportWidth
	}
	var title []string
	chars := int((d.width - 16) / (titleSize * monoWidth))
	for i, line := range d.title {
		for _, l := range textwrap.Wrap(line, chars) {
			title = append(title, shorten(l, chars))
		}
		if i == 0 {
			d.boldLines = len(title)
		}
	}
	d.title = title
	top := 16 + float64(len(d.title))*(titleSize+6)
	d.y = make([]float64, len(d.rows))
	for i, r := range d.rows {
		d.y[i] = top + r.height()/2
		top += r.height()
	}
	d.height = top + eventRow
	d.place = newPlacer(box{0, 0, d.width, d.height})
}

// draw writes the diagram as SVG.
func (d *lamport) draw(w io.Writer, what string) error {
	d.layout()
	c := newCanvas(d.width, d.height)
	c.raw(`<g font-family="monospace">` + "\n")
	c.raw("<defs>\n")
	for _, color := range []string{errorColor, clientColor, otherColor, dropColor, copyColor} {
		c.raw(`<marker id="%s" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="8" markerHeight="8" orient="auto">`+
			`<path d="M0 0L10 5L0 10Z" fill="%s"/></marker>`+"\n", arrowID(color), color)
	}
	c.raw("</defs>\n")
	for i, line := range d.title {
		y := 16 + float64(i)*(titleSize+6) + titleSize
		weight := ""
		if i < d.boldLines {
			weight = ` font-weight="bold"`
		}
		d.textIfRoom(c, line, 8, y, titleSize, "start", `fill="#000000"`+weight)
	}
	d.drawShading(c)
	for _, id := range d.lanes {
		c.line(d.x[id], d.y[0]-eventRow/2, d.x[id], d.height-eventRow/2, `stroke="#C8C8C8" stroke-width="1"`)
	}
	// The bands, lane names and times claim their room first, so that no
	// label takes it, but are drawn last, over the arrows.
	over := &canvas{}
	d.drawRows(over)
	d.drawArrows(c)
	c.raw("%s", over.b.String())
	c.raw("</g>\n")
	return c.finish(w, what)
}

// drawShading shades the rows in which a partition was in force.
func (d *lamport) drawShading(c *canvas) {
	for i := 0; i < len(d.rows); {
		if !d.rows[i].partitioned {
			i++
			continue
		}
		j := i
		for j+1 < len(d.rows) && d.rows[j+1].partitioned {
			j++
		}
		top, bottom := d.rowTop(i), d.rowTop(j+1)
		c.rect(lamportGutter, top, d.width-lamportGutter, bottom-top, `fill="`+partitionShade+`"`)
		i = j + 1
	}
}

// rowTop is the top edge of row i (the bottom of the last row for i ==
// len(rows)).
func (d *lamport) rowTop(i int) float64 {
	if i >= len(d.rows) {
		return d.height - eventRow
	}
	return d.y[i] - d.rows[i].height()/2
}

// height is how tall a row is drawn.
func (r lrow) height() float64 {
	switch {
	case r.band != "":
		return bandRow
	case r.header:
		return headerRow
	}
	return eventRow
}

// drawRows writes the bands, the lane names and the times in the gutter.
func (d *lamport) drawRows(c *canvas) {
	sinceTime := timeEvery
	for i, r := range d.rows {
		y := d.y[i]
		switch {
		case r.header:
			for _, id := range d.lanes {
				d.textIfRoom(c, id, d.x[id], y+nameSize*0.35, nameSize, "middle", `font-weight="bold" fill="#000000" stroke="#FFFFFF" stroke-width="3" paint-order="stroke"`)
			}
			sinceTime = timeEvery
		case r.band != "":
			color := "#5A4A00"
			if r.gap || r.quiet {
				color = gapColor
			}
			c.line(lamportGutter, y+bandRow/2-1, d.width, y+bandRow/2-1, `stroke="`+color+`" stroke-width="1" stroke-dasharray="4 3"`)
			d.textIfRoom(c, d.stamp(r.time), lamportGutter-8, y+gutterSize*0.35, gutterSize, "end", `fill="#555555"`)
			d.textIfRoom(c, fitText(r.band, d.width-lamportGutter-16, bandSize), lamportGutter+8, y+bandSize*0.35, bandSize, "start",
				`font-weight="bold" fill="`+color+`" stroke="#FFFFFF" stroke-width="3" paint-order="stroke"`)
			sinceTime = timeEvery
		default:
			if sinceTime >= timeEvery && d.textIfRoom(c, d.stamp(r.time), lamportGutter-8, y+gutterSize*0.35, gutterSize, "end", `fill="#555555"`) {
				sinceTime = 0
			}
			sinceTime++
		}
	}
}

// stamp writes a time for the gutter.
func (d *lamport) stamp(t time.Duration) string {
	if d.relative {
		return fmt.Sprintf("+%.4f s", (t - d.origin).Seconds())
	}
	return fmt.Sprintf("%.4f s", t.Seconds())
}

// textIfRoom draws s where it overlaps nothing drawn before and stays on
// the canvas, and reports whether it did.
func (d *lamport) textIfRoom(c *canvas, s string, x, y, size float64, anchor, attrs string) bool {
	if !d.place.take(textBox(s, x, y, size, anchor, 1.5)) {
		return false
	}
	c.text(x, y, fmt.Sprintf(`text-anchor="%s" font-size="%s" %s`, anchor, num(size), attrs), s)
	return true
}

// fitText cuts s to what fits in width at size.
func fitText(s string, width, size float64) string {
	return shorten(s, max(1, int(width/(size*monoWidth))))
}

// part is a run of rows between gaps: arrows stay inside one.
func (d *lamport) parts() []int {
	part := make([]int, len(d.rows))
	p := 0
	for i, r := range d.rows {
		if r.gap {
			p++
		}
		part[i] = p
	}
	return part
}

// drawArrows draws one arrow per message, then the labels that find room.
func (d *lamport) drawArrows(c *canvas) {
	part := d.parts()
	sent := map[int]int{} // message id -> row of its send
	type end struct {
		row  int
		drop bool
	}
	ended := map[int]end{}
	var order []*journal.Message
	// The first event row and the last row of each part: an arrow cut by
	// a part's edge starts below its bands or ends above the next part's.
	first, last := map[int]int{}, map[int]int{}
	for i, r := range d.rows {
		last[part[i]] = i
		if r.event == nil {
			continue
		}
		if _, ok := first[part[i]]; !ok {
			first[part[i]] = i
		}
		m := r.event.Message
		switch r.event.Kind {
		case journal.Send:
			sent[m.ID] = i
			order = append(order, m)
		case journal.Recv, journal.Drop:
			ended[m.ID] = end{i, r.event.Kind == journal.Drop}
			if _, ok := sent[m.ID]; !ok {
				order = append(order, m)
			}
		}
	}
	type label struct {
		text           string
		x1, y1, x2, y2 float64
		color          string
	}
	var labels []label
	for _, m := range order {
		st := d.style(m)
		x1, x2 := d.lane(m.Src), d.lane(m.Dest)
		from, hasFrom := sent[m.ID]
		to, hasTo := ended[m.ID]
		title := m.Src + " → " + m.Dest + " " + parseBody(m.Body).compact()
		var y1, y2 float64
		whole := hasFrom && hasTo && part[from] == part[to.row]
		switch {
		case whole:
			y1, y2 = d.y[from], d.y[to.row]
		case hasFrom: // it arrives after this part, or never
			y1, y2 = d.y[from], d.rowTop(last[part[from]]+1)
			title += " (arrives after this part, or never)"
		default: // it was sent before this part
			y1, y2 = d.rowTop(first[part[to.row]]), d.y[to.row]
			title += " (sent before this part)"
		}
		color, dash := st.color, ""
		if hasTo && to.drop {
			color, dash = dropColor, ` stroke-dasharray="5 3"`
			title += " (dropped by a partition)"
		}
		if !whole {
			dash = ` stroke-dasharray="2 3" opacity="0.6"`
		}
		head := ` marker-end="url(#` + arrowID(color) + `)"`
		if hasTo && to.drop || hasFrom && !whole {
			head = ""
		}
		c.raw("<g>\n<title>%s</title>\n", esc(shorten(title, arrowTitleMax)))
		attrs := fmt.Sprintf(`stroke="%s" stroke-width="%s"%s%s`, color, num(st.width), dash, head)
		if m.Src == m.Dest || x1 == x2 {
			loop := d.laneGap * 0.4
			c.raw(`<path d="M%s %sC%s %s %s %s %s %s" fill="none" %s/>`+"\n",
				num(x1), num(y1), num(x1+loop), num(y1), num(x2+loop), num(y2), num(x2), num(y2), attrs)
		} else {
			c.line(x1, y1, x2, y2, attrs)
		}
		if hasTo && to.drop && whole {
			const r = 4
			c.raw(`<path d="M%s %sL%s %sM%s %sL%s %s" stroke="%s" stroke-width="2"/>`+"\n",
				num(x2-r), num(y2-r), num(x2+r), num(y2+r), num(x2-r), num(y2+r), num(x2+r), num(y2-r), dropColor)
		}
		c.raw("</g>\n")
		if st.label != "" && whole && x1 != x2 {
			labels = append(labels, label{st.label, x1, y1, x2, y2, labelColors[color]})
		}
	}
	// Labels last, over every arrow, each where it first finds room along
	// its arrow.
	for _, l := range labels {
		for _, t := range []float64{0.5, 0.35, 0.65, 0.2, 0.8} {
			x, y := l.x1+(l.x2-l.x1)*t, l.y1+(l.y2-l.y1)*t-3
			if d.textIfRoom(c, l.text, x, y, labelSize, "middle",
				`fill="`+l.color+`" stroke="#FFFFFF" stroke-width="3" paint-order="stroke"`) {
				break
			}
		}
	}
}

// messageStyle is how messages.svg colours a message, as Maelstrom does.
func messageStyle(m *journal.Message) arrowStyle {
	b := parseBody(m.Body)
	st := arrowStyle{color: otherColor, width: 1, label: shorten(b.label(), labelLength)}
	switch {
	case b.isError():
		st.color = errorColor
	case m.InvolvesClient():
		st.color = clientColor
	}
	return st
}

func arrowID(color string) string { return "arrow-" + strings.TrimPrefix(color, "#") }
