package plot

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

// The timeline's geometry and limits.
const (
	maxPairs        = 10000
	columnWidth     = 100.0
	columnGap       = 6.0
	gutterWidth     = 56.0
	textBarHeight   = 14.0 // a bar this tall shows its text
	minBarHeight    = 3.0  // shorter ops are drawn this tall, to stay visible
	minPxPerSecond  = 40.0
	maxPxPerSecond  = 400.0
	idleAfter       = 2 * time.Second // a stretch with no op in flight this long is folded
	idleHeight      = 26.0
	foldHeight      = textBarHeight + idleHeight + 4
	barTextLength   = 40
	titleValueLimit = 300
)

// Pale versions of the outcome colours, so the text on a bar stays readable.
var barColors = map[history.Type]string{
	history.OK:   "#B9DCFD",
	history.Info: "#FFD27F",
	history.Fail: "#FFA3D1",
}

// Timeline writes timeline.html: one column per process (the nemesis
// first), and in it one bar per op from its invocation to its completion,
// coloured by outcome, with the op's details in the bar's title. Time runs
// down the page at one scale for every column, so columns line up in time,
// and the axis ends with the last op.
//
// The scale is chosen so that a process's ops, at their usual spacing,
// are tall enough to show their text (a bar is at least 14 px tall, less
// only where the next op of its column follows sooner); stretches of more
// than 2 s in which no op is in flight (the recovery before the final
// reads) are folded into one line. Only the first 10 000 completed ops, in
// invocation order, are drawn. The page needs nothing but itself, and it
// is also well-formed XML.
func Timeline(w io.Writer, h history.History) error {
	pairs, err := pairOps(h)
	if err != nil {
		return err
	}
	truncated := len(pairs) > maxPairs
	if truncated {
		pairs = pairs[:maxPairs]
	}
	var procs []int
	for _, p := range pairs {
		if !slices.Contains(procs, p.invoke.Process) {
			procs = append(procs, p.invoke.Process)
		}
	}
	slices.Sort(procs) // the nemesis is -1, so it comes first
	column := make(map[int]int, len(procs))
	for i, p := range procs {
		column[p] = i
	}
	axis := newTimeAxis(pairs)
	width := gutterWidth + float64(len(procs))*(columnWidth+columnGap)

	var b strings.Builder
	b.WriteString(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8"/>
<meta name="color-scheme" content="light"/>
<title>Timeline</title>
<style>
body { background: #FFFFFF; color: #111111; font: 12px sans-serif; margin: 16px; }
.key span { display: inline-block; padding: 2px 8px; margin-right: 6px; border: 1px solid #888888; }
.head, .ops { position: relative; }
.head { position: sticky; top: 0; height: 22px; background: #FFFFFF; z-index: 1; border-bottom: 1px solid #888888; }
.head div, .op, .tick, .idle { position: absolute; box-sizing: border-box; }
.head div { top: 4px; width: ` + num(columnWidth) + `px; text-align: center; font-weight: bold; }
.tick { left: 0; width: ` + num(gutterWidth-6) + `px; text-align: right; color: #555555; border-top: 1px solid #CCCCCC; }
.idle { left: 0; height: ` + num(idleHeight) + `px; line-height: ` + num(idleHeight) + `px; padding-left: ` + num(gutterWidth) + `px; color: #B36200; font-weight: bold; border-top: 1px dashed #FF8C00; border-bottom: 1px dashed #FF8C00; background: #FFF6E8; }
.op { width: ` + num(columnWidth) + `px; overflow: hidden; white-space: nowrap; font-size: 11px; line-height: 12px; padding: 0 3px; border: 1px solid rgba(0, 0, 0, 0.3); border-radius: 2px; }
`)
	for _, t := range outcomes {
		fmt.Fprintf(&b, ".%s { background: %s; }\n", t, barColors[t])
	}
	b.WriteString("</style>\n</head>\n<body>\n<h1>Timeline</h1>\n<p class=\"key\">")
	for _, t := range outcomes {
		fmt.Fprintf(&b, `<span class="%s">%s</span>`, t, t)
	}
	b.WriteString("</p>\n")
	if truncated {
		fmt.Fprintf(&b, "<p>Only the first %d operations are shown.</p>\n", maxPairs)
	}
	if len(pairs) == 0 {
		b.WriteString("<p>No operations.</p>\n")
	} else {
		fmt.Fprintf(&b, `<div class="head" style="width: %spx;">`+"\n", num(width))
		for i, p := range procs {
			fmt.Fprintf(&b, `<div style="left: %spx;">%s</div>`+"\n", num(left(i)), esc(processLabel(p)))
		}
		fmt.Fprintf(&b, "</div>\n"+`<div class="ops" style="width: %spx; height: %spx;">`+"\n", num(width), num(axis.height()+textBarHeight))
		axis.writeTicks(&b, width)
		bottoms := columnBottoms(pairs, column, axis)
		for i, p := range pairs {
			top := axis.y(p.invoke.Time)
			height := min(max(axis.y(p.complete.Time)-top, textBarHeight), bottoms[i]-top)
			height = max(height, minBarHeight)
			text := ""
			if height >= textBarHeight-2 {
				text = shorten(barText(p), barTextLength)
			}
			fmt.Fprintf(&b, `<div class="op %s" style="left: %spx; top: %spx; height: %spx;" title="%s">%s</div>`+"\n",
				barClass(p.complete.Type), num(left(column[p.invoke.Process])), num(top), num(height),
				esc(opTitle(p)), esc(text))
		}
		b.WriteString("</div>\n")
	}
	b.WriteString("</body>\n</html>\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("plot: write timeline.html: %w", err)
	}
	return nil
}

// columnBottoms says, for each pair, how far down its bar may reach: to
// the next bar of its column, less a pixel, so that a bar grown to show its
// text never covers the next op.
func columnBottoms(pairs []opPair, column map[int]int, axis *timeAxis) []float64 {
	bottoms := make([]float64, len(pairs))
	next := map[int]float64{} // column -> top of the next bar below
	for i := len(pairs) - 1; i >= 0; i-- {
		c := column[pairs[i].invoke.Process]
		top := axis.y(pairs[i].invoke.Time)
		bottoms[i] = math.Inf(1)
		if n, ok := next[c]; ok {
			bottoms[i] = n - 1
		}
		next[c] = top
	}
	return bottoms
}

// left places a column on the page.
func left(column int) float64 { return gutterWidth + float64(column)*(columnWidth+columnGap) }

// timeAxis maps the run's time to the page: linear at one scale, but with
// every stretch of more than idleAfter in which no op was in flight folded
// to foldHeight: room for the bars above it to show their text, then the
// line that says what was folded.
type timeAxis struct {
	pxPerSecond float64
	folds       []fold // in time order
	end         time.Duration
}

// fold is an idle stretch [from, to).
type fold struct{ from, to time.Duration }

func newTimeAxis(pairs []opPair) *timeAxis {
	a := &timeAxis{pxPerSecond: scaleFor(pairs)}
	spans := make([]fold, len(pairs))
	for i, p := range pairs {
		spans[i] = fold{p.invoke.Time, p.complete.Time}
		a.end = max(a.end, p.complete.Time)
	}
	slices.SortFunc(spans, func(x, y fold) int { return cmp.Compare(x.from, y.from) })
	var busyUntil time.Duration
	for i, s := range spans {
		if i > 0 && s.from-busyUntil > idleAfter {
			a.folds = append(a.folds, fold{busyUntil, s.from})
		}
		busyUntil = max(busyUntil, s.to)
	}
	return a
}

// scaleFor chooses the pixels per second at which nine in ten of a
// process's ops start a text bar or more after the one before, so that
// they show their text.
func scaleFor(pairs []opPair) float64 {
	last := map[int]time.Duration{}
	var gaps []time.Duration
	for _, p := range pairs {
		if !p.invoke.IsClient() {
			continue
		}
		if prev, ok := last[p.invoke.Process]; ok {
			gaps = append(gaps, p.invoke.Time-prev)
		}
		last[p.invoke.Process] = p.invoke.Time
	}
	if len(gaps) == 0 {
		return minPxPerSecond
	}
	slices.Sort(gaps)
	p10 := gaps[len(gaps)/10].Seconds()
	if p10 <= 0 {
		return maxPxPerSecond
	}
	return min(maxPxPerSecond, max(minPxPerSecond, textBarHeight/p10))
}

// y is where moment t falls on the page.
func (a *timeAxis) y(t time.Duration) float64 {
	y, from := 0.0, time.Duration(0)
	for _, f := range a.folds {
		if t < f.to {
			if t <= f.from {
				break
			}
			return y + (f.from-from).Seconds()*a.pxPerSecond + foldHeight*float64(t-f.from)/float64(f.to-f.from)
		}
		y += (f.from-from).Seconds()*a.pxPerSecond + foldHeight
		from = f.to
	}
	return y + (t-from).Seconds()*a.pxPerSecond
}

func (a *timeAxis) height() float64 { return a.y(a.end) }

// writeTicks labels the axis at round seconds, up to the last op and not
// inside a fold, and writes a line across each fold.
func (a *timeAxis) writeTicks(b *strings.Builder, width float64) {
	step := time.Duration(niceStep(40/a.pxPerSecond) * float64(time.Second))
	for t := time.Duration(0); t <= a.end; t += step {
		if slices.ContainsFunc(a.folds, func(f fold) bool { return t > f.from && t < f.to }) {
			continue
		}
		fmt.Fprintf(b, `<div class="tick" style="top: %spx;">%s s</div>`+"\n", num(a.y(t)), esc(strconv.FormatFloat(t.Seconds(), 'f', -1, 64)))
	}
	for _, f := range a.folds {
		fmt.Fprintf(b, `<div class="idle" style="top: %spx; width: %spx;">⋯ %.1f s with no op in flight, from %.1f s to %.1f s ⋯</div>`+"\n",
			num(a.y(f.from)+textBarHeight), num(width), (f.to - f.from).Seconds(), f.from.Seconds(), f.to.Seconds())
	}
}

func processLabel(p int) string {
	if p == history.NemesisProcess {
		return "nemesis"
	}
	return fmt.Sprintf("process %d", p)
}

// barClass is the CSS class of an outcome; anything unexpected is drawn as
// info, the "nobody knows" outcome.
func barClass(t history.Type) history.Type {
	if _, ok := barColors[t]; ok {
		return t
	}
	return history.Info
}

// barText names the op on its bar: its f and the value that tells it apart
// (what a broadcast sent, what a read returned).
func barText(p opPair) string {
	v := p.invoke.Value
	if v == nil {
		v = p.complete.Value
	}
	return p.invoke.F + " " + formatValue(v)
}

// opTitle is the hover text of a bar: everything the history says about
// the op, with long values cut.
func opTitle(p opPair) string {
	inv, done := p.invoke, p.complete
	lines := []string{
		processLabel(inv.Process),
		fmt.Sprintf(":%s %s → :%s %s", inv.F, shorten(formatValue(inv.Value), titleValueLimit),
			done.Type, shorten(formatValue(done.Value), titleValueLimit)),
		fmt.Sprintf("invoked at %.3f s, completed at %.3f s (%.1f ms)",
			inv.Time.Seconds(), done.Time.Seconds(), float64(p.latency())/1e6),
	}
	if done.Error != nil {
		lines = append(lines, "error: "+shorten(formatError(done.Error), titleValueLimit))
	}
	if done.Exception != "" {
		lines = append(lines, "exception: "+shorten(done.Exception, titleValueLimit))
	}
	if inv.Final {
		lines = append(lines, "final read")
	}
	return strings.Join(lines, "\n")
}
