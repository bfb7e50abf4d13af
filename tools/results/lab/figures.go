package lab

import (
	"fmt"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
)

// Figures are what one run measured, as the blog shows them.
type Figures struct {
	Valid   string         `json:"valid"`
	Servers float64        `json:"serversMsgsPerOp"`
	All     float64        `json:"allMsgsPerOp"`
	Latency LatencySummary `json:"stableLatencyMs"`
	Lost    float64        `json:"lostCount"`
	// Targets are the run's challenge's targets, judged on this run.
	Targets []TargetOutcome `json:"targets"`
}

type LatencySummary struct {
	P50 float64 `json:"p50"`
	P95 float64 `json:"p95"`
	P99 float64 `json:"p99"`
	Max float64 `json:"max"`
}

type TargetOutcome struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	Want  string `json:"want"`
	Pass  bool   `json:"pass"`
}

// Measured reads a run's figures from its results.edn, and judges them
// against c's targets.
func Measured(c challenges.Challenge, path string) (Figures, error) {
	res, err := challenges.ReadResults(path)
	if err != nil {
		return Figures{}, err
	}
	s := challenges.Measure(res)
	f := Figures{
		Valid: s.ValidText, Servers: s.Servers, All: s.All,
		Latency: LatencySummary{s.P50, s.P95, s.P99, s.Max}, Lost: s.LostCount,
	}
	for _, v := range challenges.Judge(c, res) {
		want := fmt.Sprint(challenges.EDNText(v.Target.Want))
		if v.Target.Want == nil {
			want = v.Target.Limit()
		}
		f.Targets = append(f.Targets, TargetOutcome{Name: v.Target.Name, Value: fmt.Sprint(challenges.EDNText(v.Value)), Want: want, Pass: v.Pass})
	}
	return f, nil
}

// Met reports whether every target was.
func (f Figures) Met() bool {
	for _, t := range f.Targets {
		if !t.Pass {
			return false
		}
	}
	return len(f.Targets) > 0
}

// line says in a few words what a run measured, for make results' console.
func (f Figures) line() string {
	return fmt.Sprintf("valid %s, servers msgs-per-op %s, median %s ms, max %s ms",
		f.Valid, challenges.FormatFloat(f.Servers), challenges.FormatFloat(f.Latency.P50), challenges.FormatFloat(f.Latency.Max))
}
