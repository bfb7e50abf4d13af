package runner

import (
	"fmt"
	"runtime"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/checker"
	"github.com/deamondev/gossip-glomers-tutorial/harness/generator"
	"github.com/deamondev/gossip-glomers-tutorial/harness/timing"
)

// mainPhase is what the harness measured about itself over the main
// phase: its own processor use, and how loaded the machine was at its end.
type mainPhase struct {
	cpu, wall time.Duration
	load      float64 // one-minute load average; 0 when unknown
}

func measureMain(cpu, wall time.Duration) mainPhase {
	load, _ := loadAverage()
	return mainPhase{cpu: cpu, wall: wall, load: load}
}

// share is the part of one core the harness used.
func (m mainPhase) share() float64 {
	if m.wall <= 0 {
		return 0
	}
	return m.cpu.Seconds() / m.wall.Seconds()
}

// String says how much of one core the harness itself used: the cost of
// the measurement, not of the nodes.
func (m mainPhase) String() string {
	return fmt.Sprintf("%v of processor time over %v (%.1f%% of one core)", m.cpu.Round(time.Millisecond), m.wall.Round(time.Millisecond), 100*m.share())
}

// assessTiming judges how far the run kept to its own schedule, against
// limits that follow --latency and the stable latencies measured.
func (r *run) assessTiming(gen *generator.Generator, main mainPhase, stable *checker.Quantiles) *timing.Report {
	in := timing.Input{
		Deliveries: r.net.DeliveriesByNode(),
		Dispatch:   gen.DispatchLags(),
		Latency:    r.cfg.Options.Latency,
		CPU:        main.share(),
		Virtual:    r.cfg.Clock.InBubble,
	}
	if stable != nil {
		in.StableP99 = time.Duration(stable[3]) * time.Millisecond
		in.StableMax = time.Duration(stable[4]) * time.Millisecond
	}
	if main.load > 0 {
		in.Load, in.Cores = main.load, runtime.NumCPU()
	}
	t := timing.Assess(in)
	return &t
}
