package checker

import "github.com/deamondev/gossip-glomers-tutorial/harness/history"

// CheckStats counts the client completions, overall and per :f (Jepsen's
// checker.clj, stats). A
// kind of op that never once succeeded makes the run invalid: a node that
// answers every read with an error has not solved anything, whatever the
// workload checker makes of it.
func CheckStats(h history.History) Stats {
	s := Stats{ByF: make(map[string]Counts)}
	for _, op := range h {
		if !op.IsClient() || op.Type == history.Invoke {
			continue
		}
		s.Counts.add(op.Type)
		c := s.ByF[op.F]
		c.add(op.Type)
		s.ByF[op.F] = c
	}
	for f, c := range s.ByF {
		if c.OKCount == 0 {
			c.Valid = Invalid
			s.ByF[f] = c
			s.Valid = Invalid
		}
	}
	return s
}

// add counts one completion. Every completion adds to Count, even one of a
// type the harness never writes, so Count is the number of completions.
func (c *Counts) add(t history.Type) {
	c.Count++
	switch t {
	case history.OK:
		c.OKCount++
	case history.Fail:
		c.FailCount++
	case history.Info:
		c.InfoCount++
	}
}
