package plot

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

// The timeline's geometry and limits.
const (
	maxPairs        = 10000
	pxPerSecond     = 50.0
	columnWidth     = 110.0
	columnGap       = 6.0
	gutterWidth     = 56.0
	minBarHeight    = 3.0
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
// down the page at a fixed 50 px per second, so columns line up in time;
// bars are at least 3 px tall so instant ops stay visible. Only the first
// 10 000 completed ops, in invocation order, are drawn. The page needs
// nothing but itself, and it is also well-formed XML.
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
	var last time.Duration
	for _, p := range pairs {
		last = max(last, p.complete.Time)
	}
	width := gutterWidth + float64(len(procs))*(columnWidth+columnGap)
	height := top(last) + 2*minBarHeight

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
.head div, .op, .tick { position: absolute; box-sizing: border-box; }
.head div { top: 4px; width: ` + num(columnWidth) + `px; text-align: center; font-weight: bold; }
.tick { left: 0; width: ` + num(gutterWidth-6) + `px; text-align: right; color: #555555; border-top: 1px solid #CCCCCC; }
.op { width: ` + num(columnWidth) + `px; overflow: hidden; white-space: nowrap; font-size: 10px; line-height: 12px; padding: 0 3px; border: 1px solid rgba(0, 0, 0, 0.3); border-radius: 2px; }
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
		fmt.Fprintf(&b, "</div>\n"+`<div class="ops" style="width: %spx; height: %spx;">`+"\n", num(width), num(height))
		step := time.Duration(niceStep(40/pxPerSecond) * float64(time.Second))
		for t := time.Duration(0); t <= last; t += step {
			fmt.Fprintf(&b, `<div class="tick" style="top: %spx;">%s s</div>`+"\n", num(top(t)), esc(fmt.Sprint(t.Seconds())))
		}
		for _, p := range pairs {
			barHeight := max(top(p.complete.Time)-top(p.invoke.Time), minBarHeight)
			fmt.Fprintf(&b, `<div class="op %s" style="left: %spx; top: %spx; height: %spx;" title="%s">%s</div>`+"\n",
				barClass(p.complete.Type), num(left(column[p.invoke.Process])), num(top(p.invoke.Time)), num(barHeight),
				esc(opTitle(p)), esc(shorten(barText(p), barTextLength)))
		}
		b.WriteString("</div>\n")
	}
	b.WriteString("</body>\n</html>\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("plot: write timeline.html: %w", err)
	}
	return nil
}

// left and top place a column and a moment of the run on the page.
func left(column int) float64     { return gutterWidth + float64(column)*(columnWidth+columnGap) }
func top(t time.Duration) float64 { return t.Seconds() * pxPerSecond }

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
