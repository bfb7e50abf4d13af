package simulate

import (
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
)

// A Report is the outcome of make sim, which it writes as JSON beside
// what it prints, for tools to read: which seeds failed, what they lost,
// the command that replays each, and where a replay wrote its files.
type Report struct {
	Module   string    `json:"module"`
	Workload string    `json:"workload"`
	Args     []string  `json:"args,omitempty"` // harness flags, and the node's after "--"
	Seeds    int       `json:"seeds"`          // seeds 1…Seeds were run
	Met      int       `json:"met"`            // how many met every target
	Failures []Failure `json:"failures"`
	// Dir is the store directory a replay of one seed wrote.
	Dir string `json:"dir,omitempty"`
}

// A Failure is a seed that missed a target.
type Failure struct {
	Seed   uint64   `json:"seed"`
	Missed []string `json:"missed"` // each target it missed, with its value and its limit
	Lost   []int    `json:"lost"`   // the values the checker found lost
	// Crashed names the node that stopped on its own, if one did.
	Crashed string `json:"crashed,omitempty"`
	Replay  string `json:"replay"` // the command that runs this seed again
}

// newReport sums up the outcomes of a run of make sim.
func newReport(c challenges.Challenge, args []string, outcomes []Outcome) Report {
	r := Report{Module: Module(), Workload: c.Name, Args: args, Seeds: len(outcomes), Failures: []Failure{}}
	for _, o := range outcomes {
		if o.Pass {
			r.Met++
		} else {
			r.Failures = append(r.Failures, o.failure())
		}
	}
	return r
}

func (o Outcome) failure() Failure {
	f := Failure{Seed: o.Seed, Lost: o.Results.Workload.Lost, Replay: o.Replay()}
	if f.Lost == nil {
		f.Lost = []int{}
	}
	for _, v := range o.Verdicts {
		if !v.Pass {
			f.Missed = append(f.Missed, v.Target.Name+": "+challenges.Describe(v))
		}
	}
	if o.Results.Crash != nil {
		f.Crashed = o.Results.Crash.Node
	}
	return f
}

// ReadReport reads a report make sim wrote.
func ReadReport(path string) (Report, error) {
	var r Report
	b, err := os.ReadFile(path)
	if err == nil {
		err = json.Unmarshal(b, &r)
	}
	return r, err
}

func (r Report) write(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// path is where the report of a run of module against workload goes: the
// -sim.report flag, or tmp/sim/MODULE-WORKLOAD.json.
func (r Report) path() string {
	if *reportFlag != "" {
		return *reportFlag
	}
	return filepath.Join("tmp", "sim", r.Module+"-"+r.Workload+".json")
}
