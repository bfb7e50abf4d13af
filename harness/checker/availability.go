package checker

import "github.com/deamondev/gossip-glomers-tutorial/harness/history"

// Requirement is the --availability option. A nil *Requirement means none;
// Total means every invocation must succeed; otherwise Min is the lowest
// acceptable fraction of successful invocations.
type Requirement struct {
	Total bool
	Min   float64
}

// met judges the fraction in float64, not the float32 that is reported:
// 9 of 10 must meet a minimum of 0.9, and float32(0.9) is a little below
// float64 0.9.
func (r Requirement) met(okCount, invoked int) bool {
	if r.Total {
		return okCount == invoked
	}
	fraction := 1.0
	if invoked > 0 {
		fraction = float64(okCount) / float64(invoked)
	}
	return fraction >= r.Min
}

// CheckAvailability reports the fraction of client invocations that
// completed ok (Jepsen's checker.clj, availability as Maelstrom's core.clj
// composes it). With no invocations the fraction is 1: nothing was
// refused. It is only judged when a requirement is given.
func CheckAvailability(h history.History, req *Requirement) Availability {
	var okCount, invoked int
	for _, op := range h {
		if !op.IsClient() {
			continue
		}
		switch op.Type {
		case history.Invoke:
			invoked++
		case history.OK:
			okCount++
		}
	}
	a := Availability{OKFraction: 1}
	if invoked > 0 {
		a.OKFraction = ratio32(okCount, invoked)
	}
	if req != nil && !req.met(okCount, invoked) {
		a.Valid = Invalid
	}
	return a
}

// ratio32 is a/b rounded to the nearest float32, the single-precision value
// Maelstrom reports. Dividing in float64 first and then rounding gives the
// correctly rounded float32 for every a and b below 2^24, because float64
// carries more than twice float32's precision plus two bits.
func ratio32(a, b int) float32 {
	return float32(float64(a) / float64(b))
}
