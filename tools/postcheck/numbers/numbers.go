// Package numbers checks that the prose of a post types in no number that
// a run or a step's code decides, so that nothing in a post goes stale when
// `make results` runs again or a constant changes.
//
// The rule: every number written in digits in a post's prose must be
//
//   - part of a name: a challenge or step (3a, broadcast-3e), a node or
//     client (n0, c12), a version (Go 1.26, version 11, v0.2.4), a broadcast value
//     named as one ("the value 0"); or
//   - a Fact (see Facts): a flag or a target of a workload as package
//     challenges writes them down, a number that follows from those alone
//     (the 24 peers of a hub among 25 nodes, the 40 links of Maelstrom's
//     grid), or a constant of Maelstrom's test (the 10 s before the final
//     reads). A number with a unit of time must be a fact that is a
//     duration, and equal to it in milliseconds: "1 s" matches the target
//     1000 ms, "250 ms" matches nothing.
//
// Everything else comes from a shortcode: measured (data/results.json) or
// const (a Go constant of a step, read from its source). Code is not prose:
// fenced blocks, inline code, shortcodes, link targets, HTML tags and
// comments, heading ids, front matter and the numbers of ordered lists are
// left out. Numbers written in words ("two hops") are not checked; the
// posts keep words for counts the design fixes and digits for everything
// else.
package numbers

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// A Problem is a number typed into prose that is neither a name nor a fact.
type Problem struct {
	Line   int
	Number string // as written, with its unit
	Text   string // the line, trimmed
}

func (p Problem) String() string {
	return fmt.Sprintf("%d: %q is typed in: take it from data ({{< measured >}}) or code ({{< const >}}), or it must be a fact of the challenge: %s", p.Line, p.Number, p.Text)
}

// Check returns the numbers in the prose of a Markdown post that break the
// rule, in order.
func Check(markdown string, facts []Fact) []Problem {
	prose := Prose(markdown)
	lines := strings.Split(markdown, "\n")
	var problems []Problem
	for i, line := range strings.Split(prose, "\n") {
		for _, n := range numbersIn(line) {
			if !n.allowed(facts) {
				problems = append(problems, Problem{Line: i + 1, Number: n.text, Text: strings.TrimSpace(lines[i])})
			}
		}
	}
	return problems
}

// Prose returns the markdown with everything that is not prose blanked
// out: the same lines, so that line numbers still match.
func Prose(markdown string) string {
	lines := strings.Split(markdown, "\n")
	inFront, inFence, fence := false, false, ""
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		switch {
		case i == 0 && trimmed == "+++":
			inFront = true
			lines[i] = ""
		case inFront:
			inFront = trimmed != "+++"
			lines[i] = ""
		case inFence:
			inFence = !strings.HasPrefix(trimmed, fence)
			lines[i] = ""
		case strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~"):
			inFence, fence = true, trimmed[:3]
			lines[i] = ""
		}
	}
	text := strings.Join(lines, "\n")
	for _, re := range notProse {
		text = re.ReplaceAllStringFunc(text, blank)
	}
	return text
}

// notProse are the parts of a line that are code or markup, in the order
// they are removed.
var notProse = []*regexp.Regexp{
	regexp.MustCompile(`(?s)\{\{[<%].*?[>%]\}\}`), // shortcodes
	regexp.MustCompile(`(?s)<!--.*?-->`),          // HTML comments
	regexp.MustCompile("``[^`]*``|`[^`\n]*`"),     // inline code
	regexp.MustCompile(`\]\([^)\s]*(?:\s+"[^"]*")?\)`),
	regexp.MustCompile(`(?m)^\s*\[[^\]]+\]:\s*\S+.*$`), // link reference definitions
	regexp.MustCompile(`<?https?://[^\s)>]+>?`),        // URLs
	regexp.MustCompile(`<[^>\n]+>`),                    // HTML tags
	regexp.MustCompile(`\{#[^}\n]*\}`),                 // heading ids
	regexp.MustCompile(`(?m)^\s*\d+[.)]\s`),            // ordered list numbers
}

// blank replaces a match by spaces, keeping its line breaks.
func blank(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' {
			return r
		}
		return ' '
	}, s)
}

// A number as it stands in prose.
type number struct {
	text     string // as written, with its unit
	value    float64
	name     bool // part of a name: 3a, n0, Go 1.26
	duration bool // value in milliseconds
	unit     bool // a unit that is not time (%, a word after a hyphen)
}

var (
	// token is a run of letters and digits that holds a digit: 3a, n12,
	// 250ms, 1.5, v0.2.4.
	token = regexp.MustCompile(`[A-Za-z_]*\d+(?:\.\d+)*[A-Za-z_0-9]*`)
	// attachedUnit is a number with its unit written on to it.
	attachedUnit = regexp.MustCompile(`^(\d+(?:\.\d+)?)([A-Za-z]+)$`)
	// unitAfter is a unit that follows a number: after spaces, or after a
	// hyphen ("a 20-second run").
	unitAfter = regexp.MustCompile(`^(?:[ \x{a0}\x{2009}\x{202f}]*(%|per ?cent\b|[A-Za-zµ]+\b)|-([A-Za-z]+)\b)`)
	// nameBefore is what makes the number after it a name: a version of
	// Go or of anything ("version 11"), or a broadcast value ("the value 0").
	nameBefore = regexp.MustCompile(`(?:\bGo|\bversion|\bvalues?)\s+$`)
)

// timeUnits are the units of time, in milliseconds.
var timeUnits = map[string]float64{
	"ms": 1, "millisecond": 1, "milliseconds": 1,
	"s": 1000, "sec": 1000, "second": 1000, "seconds": 1000,
	"min": 60000, "minute": 60000, "minutes": 60000,
	"h": 3600000, "hour": 3600000, "hours": 3600000,
}

// numbersIn finds the numbers of a line of prose.
func numbersIn(line string) []number {
	var ns []number
	for _, loc := range token.FindAllStringIndex(line, -1) {
		text := line[loc[0]:loc[1]]
		before, after := line[:loc[0]], line[loc[1]:]
		n := number{text: text}
		if m := attachedUnit.FindStringSubmatch(text); m != nil {
			if _, isTime := timeUnits[strings.ToLower(m[2])]; !isTime {
				ns = append(ns, number{text: text, name: true})
				continue
			}
			text, after = m[1], m[2]
		} else if strings.ContainsAny(text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_") ||
			strings.HasSuffix(before, "-") && len(before) > 1 && isLetter(before[len(before)-2]) ||
			nameBefore.MatchString(before) {
			n.name = true
			ns = append(ns, n)
			continue
		}
		v, err := strconv.ParseFloat(text, 64)
		if err != nil { // 1.2.3 outside a name: no fact is like it
			n.value = math.NaN()
			ns = append(ns, n)
			continue
		}
		n.value = v
		if m := unitAfter.FindStringSubmatch(after); m != nil {
			unit := strings.ToLower(m[1] + m[2])
			if perMs, ok := timeUnits[unit]; ok {
				n.duration, n.value = true, v*perMs
				n.text += strings.TrimRight(m[0], " ")
			} else if m[1] == "%" || strings.HasPrefix(unit, "per") || m[2] != "" {
				n.unit = true
				n.text += m[0]
			}
		}
		ns = append(ns, n)
	}
	return ns
}

func isLetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }

// allowed reports whether the rule lets the number stand in prose.
func (n number) allowed(facts []Fact) bool {
	if n.name {
		return true
	}
	if strings.HasSuffix(n.text, "%") || strings.Contains(strings.ToLower(n.text), "cent") {
		return false // no share is a fact of the challenge
	}
	for _, f := range facts {
		if f.Value == n.value && (f.Duration || !n.duration) {
			return true
		}
	}
	return false
}
