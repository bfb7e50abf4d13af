package network

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
	"time"
)

// Latency draws the delay of one message between two servers. Messages that
// involve a client are never delayed: clients sit beside their nodes.
type Latency struct {
	mu   sync.Mutex
	rng  *rand.Rand
	mean int64 // ms
	dist string
}

// The --latency-dist names.
const (
	Constant    = "constant"
	Uniform     = "uniform"
	Exponential = "exponential"
)

// NewLatency checks the distribution and its mean. A mean of zero is only
// allowed with the constant distribution: Maelstrom's uniform sampler never
// returns for it and its exponential one cannot be built.
func NewLatency(mean time.Duration, dist string, rng *rand.Rand) (*Latency, error) {
	ms := mean.Milliseconds()
	switch dist {
	case Constant:
	case Uniform, Exponential:
		if ms <= 0 {
			return nil, fmt.Errorf("--latency-dist %s needs --latency above 0", dist)
		}
	default:
		return nil, fmt.Errorf("--latency-dist %q: want constant, uniform or exponential", dist)
	}
	return &Latency{rng: rng, mean: ms, dist: dist}, nil
}

// Draw returns one delay: exactly the mean (constant), a whole number of ms
// in [0, 2·mean) (uniform), or the whole part of an exponential draw with
// that mean (exponential).
func (l *Latency) Draw() time.Duration {
	var ms int64
	switch l.dist {
	case Constant:
		ms = l.mean
	case Uniform:
		l.mu.Lock()
		ms = l.rng.Int64N(2 * l.mean)
		l.mu.Unlock()
	case Exponential:
		l.mu.Lock()
		x := l.rng.ExpFloat64() * float64(l.mean)
		l.mu.Unlock()
		ms = int64(math.Floor(x))
	}
	return time.Duration(ms) * time.Millisecond
}
