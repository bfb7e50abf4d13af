package plot

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
)

// The message diagram's geometry and limits (spec §7.3).
const (
	messagesWidth = 1200.0
	stepHeight    = 20.0
	maxEvents     = 10000
	labelLength   = 48
	titleLength   = 500
	namesEvery    = 50
)

// Arrow colours.
const (
	errorColor  = "#FF1E90"
	clientColor = "#81BFFC"
	otherColor  = "#000000"
	noticeColor = "#FF8C00"
)

// Messages draws messages.svg, a Lamport diagram of the journal: one
// vertical line per endpoint, time flowing down one step per event, and an
// arrow for every message from the step it was sent to the step it was
// received. init and init_ok are left out, and so is everything after the
// first 10 000 remaining events. Messages never received (in the steps
// shown) get no arrow.
//
// Hover titles show the body as compact JSON, at most 500 characters,
// because a gossip body can hold thousands of values.
func Messages(w io.Writer, events []journal.Event) error {
	var shown []journal.Event
	truncated := false
	for i, e := range events {
		if e.Message == nil {
			return fmt.Errorf("plot: journal event %d has no message", i)
		}
		if t := e.Message.Type(); t == "init" || t == "init_ok" {
			continue
		}
		if len(shown) == maxEvents {
			truncated = true
			break
		}
		shown = append(shown, e)
	}

	// Where every message starts and ends, in steps (1-based).
	sent, received := make(map[int]int), make(map[int]int)
	var order []*journal.Message // messages in order of their send events
	var ids []string
	seen := make(map[string]bool)
	for i, e := range shown {
		m := e.Message
		for _, id := range []string{m.Src, m.Dest} {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		step := i + 1
		switch e.Kind {
		case journal.Send:
			if _, dup := sent[m.ID]; !dup {
				sent[m.ID] = step
				order = append(order, m)
			}
		case journal.Recv:
			if _, dup := received[m.ID]; !dup {
				received[m.ID] = step
			}
		}
	}
	slices.SortFunc(ids, compareEndpoints)
	x := make(map[string]float64, len(ids))
	for rank, id := range ids {
		x[id] = (float64(rank) + 0.5) / float64(len(ids)) * messagesWidth
	}

	height := stepY(len(shown)+1) + stepHeight
	if truncated {
		height += 2 * stepHeight
	}
	c := newCanvas(messagesWidth, height)
	c.raw("<defs>\n")
	for _, color := range []string{errorColor, clientColor, otherColor} {
		c.raw(`<marker id="%s" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto">`+
			`<path d="M0 0L10 5L0 10Z" fill="%s"/></marker>`+"\n", arrowID(color), color)
	}
	c.raw("</defs>\n")

	for _, id := range ids {
		c.line(x[id], stepY(0), x[id], height-stepHeight/2, `stroke="#BBBBBB" stroke-width="1"`)
	}
	for step := 0; step <= max(len(shown)-1, 0); step += namesEvery {
		for _, id := range ids {
			c.text(x[id], stepY(step)-6, `text-anchor="middle" font-weight="bold" fill="#000000" stroke="#FFFFFF" stroke-width="3" paint-order="stroke"`, id)
		}
	}

	for _, m := range order {
		to, ok := received[m.ID]
		if !ok {
			continue
		}
		from := sent[m.ID]
		b := parseBody(m.Body)
		color := otherColor
		switch {
		case b.isError():
			color = errorColor
		case m.InvolvesClient():
			color = clientColor
		}
		x1, y1, x2, y2 := x[m.Src], stepY(from), x[m.Dest], stepY(to)
		c.raw("<g>\n<title>%s</title>\n", esc(shorten(m.Src+" → "+m.Dest+" "+b.compact(), titleLength)))
		c.line(x1, y1, x2, y2, fmt.Sprintf(`stroke="%s" stroke-width="1" marker-end="url(#%s)"`, color, arrowID(color)))
		c.text(0, 0, fmt.Sprintf(`transform="translate(%s %s) rotate(%s)" dy="-3" text-anchor="middle" font-size="10" fill="%s"`,
			num((x1+x2)/2), num((y1+y2)/2), num(readableAngle(x2-x1, y2-y1)), color), shorten(b.label(), labelLength))
		c.raw("</g>\n")
	}

	if truncated {
		c.text(messagesWidth/2, height-stepHeight, `text-anchor="middle" font-size="14" font-weight="bold" fill="`+noticeColor+`"`,
			"Additional network events not shown")
	}
	return c.finish(w, "messages.svg")
}

// stepY is the height of the given step; step 0 is the header.
func stepY(step int) float64 { return stepHeight * (1.5 + float64(step)) }

func arrowID(color string) string { return "arrow-" + strings.TrimPrefix(color, "#") }

// readableAngle is the direction of (dx, dy) in degrees, turned half a
// circle when needed so that text along it never reads upside down.
func readableAngle(dx, dy float64) float64 {
	a := math.Atan2(dy, dx) * 180 / math.Pi
	if a > 90 {
		a -= 180
	} else if a < -90 {
		a += 180
	}
	return a
}

// compareEndpoints orders endpoint ids: first those made of letters then
// digits, by letters and then by number (so c2 comes before c10 and all
// clients before the n… nodes), then all other ids (services) by name.
func compareEndpoints(a, b string) int {
	pa, na, oka := splitEndpoint(a)
	pb, nb, okb := splitEndpoint(b)
	switch {
	case oka && !okb:
		return -1
	case !oka && okb:
		return 1
	case !oka:
		return strings.Compare(a, b)
	}
	if c := strings.Compare(pa, pb); c != 0 {
		return c
	}
	// Compare the numbers as digit strings, so no id is too long to order.
	ta, tb := strings.TrimLeft(na, "0"), strings.TrimLeft(nb, "0")
	if len(ta) != len(tb) {
		return len(ta) - len(tb)
	}
	if c := strings.Compare(ta, tb); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

// splitEndpoint splits an id of letters followed by digits, such as n12.
func splitEndpoint(id string) (prefix, number string, ok bool) {
	i := 0
	for i < len(id) && (id[i] >= 'a' && id[i] <= 'z' || id[i] >= 'A' && id[i] <= 'Z') {
		i++
	}
	if i == 0 || i == len(id) {
		return "", "", false
	}
	for j := i; j < len(id); j++ {
		if id[j] < '0' || id[j] > '9' {
			return "", "", false
		}
	}
	return id[:i], id[i:], true
}
