package report

import (
	"fmt"
	"strconv"

	"github.com/deamondev/gossip-glomers-tutorial/harness/checker"
)

// Verdict names the checker's verdict and its main reason in a few words,
// such as "valid, nothing lost" or "invalid, 3 values lost". It is only the
// checker's: whether a run also meets a challenge's targets (latency,
// messages per op) is for a judge to say, so it never claims more.
func Verdict(r checker.Results) string {
	switch r.Valid {
	case checker.Valid:
		return "valid, nothing lost"
	case checker.Invalid:
		switch n := len(r.Workload.Lost); n {
		case 0:
			return "invalid"
		case 1:
			return "invalid, 1 value lost"
		default:
			return fmt.Sprintf("invalid, %d values lost", n)
		}
	default:
		return "unknown, no decision"
	}
}

// reasons explains a verdict that is not valid: one line per check that
// failed or could not decide, in the order a reader should look at them.
func reasons(r checker.Results) []string {
	var out []string
	w := r.Workload
	switch {
	case w.Valid == checker.Invalid && len(w.Lost) > 0:
		out = append(out, fmt.Sprintf("%d of %d broadcast values were lost: acknowledged or seen, and later missing from reads.",
			len(w.Lost), w.AttemptCount))
	case w.Valid == checker.Invalid:
		out = append(out, "the broadcast check failed.")
	case w.Valid == checker.Unknown && w.StableCount == 0 && w.AttemptCount == 0:
		out = append(out, "no value was ever broadcast, so there is nothing to judge (is --rate 0, or --time-limit too short?).")
	case w.Valid == checker.Unknown && w.StableCount == 0:
		out = append(out, fmt.Sprintf("%d values were broadcast, but no read ever showed one as stable, so the broadcast check cannot decide (do the nodes answer read?).",
			w.AttemptCount))
	case w.Valid == checker.Unknown:
		out = append(out, "the broadcast check could not decide.")
	}

	if r.Stats.Valid != checker.Valid {
		for _, f := range sortedKeys(r.Stats.ByF) {
			if c := r.Stats.ByF[f]; c.Valid != checker.Valid {
				out = append(out, fmt.Sprintf("no %s op succeeded (%d tried: %d failed, %d unknown).",
					f, c.Count, c.FailCount, c.InfoCount))
			}
		}
	}
	if r.Availability.Valid != checker.Valid {
		out = append(out, fmt.Sprintf("availability: only %s of the ops succeeded, less than --availability asks for.",
			strconv.FormatFloat(float64(r.Availability.OKFraction), 'g', -1, 32)))
	}
	if r.Perf.Valid != checker.Valid {
		out = append(out, "drawing the latency and rate plots failed.")
	}
	if r.Timeline != checker.Valid {
		out = append(out, "writing the timeline failed.")
	}
	if r.Exceptions.Valid != checker.Valid {
		out = append(out, "grouping the exceptions failed.")
	}
	if r.Net.Valid != checker.Valid {
		out = append(out, "counting the network messages failed.")
	}
	return out
}
