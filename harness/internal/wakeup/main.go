// Command wakeup measures how late this machine wakes a lone waiter: it
// waits for a moment a few milliseconds ahead, over and over, the way the
// harness' delivery loops wait (clock.Precise), and prints how late it woke.
//
// make bench-harness runs it beside the 25-node load. The harness cannot
// hand a message over sooner than the machine wakes a thread that waits for
// its deadline, so this is the floor under the harness' delivery lag on the
// same machine, at the same moment.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/clock"
	"github.com/deamondev/gossip-glomers-tutorial/harness/timing"
)

func main() {
	delay := flag.Duration("delay", 0, "wait this long before measuring (to skip a load's start-up)")
	duration := flag.Duration("duration", 10*time.Second, "how long to measure")
	period := flag.Duration("period", 5*time.Millisecond, "how far ahead each wait's moment is")
	flag.Parse()
	if *duration <= 0 || *period <= 0 {
		fmt.Fprintln(os.Stderr, "wakeup: -duration and -period must be positive")
		os.Exit(2)
	}
	time.Sleep(*delay)

	l := timing.NewLag(measure(*duration, *period))
	fmt.Printf("Machine floor: a lone waiter woke p50 %.2f ms, p99 %.2f ms, max %.2f ms late (%d waits of %v)\n",
		ms(l.P50), ms(l.P99), ms(l.Max), l.Count, *period)
}

// measure waits for a moment period ahead, again and again for duration,
// and returns how late each wait ended.
func measure(duration, period time.Duration) []time.Duration {
	var late []time.Duration
	for end := time.Now().Add(duration); time.Now().Before(end); {
		due := time.Now().Add(period)
		<-clock.Precise.Timer(due).C
		clock.Precise.Finish(due)
		late = append(late, time.Since(due))
	}
	return late
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
