package plot

import (
	"math"
	"strconv"
)

// scale maps data values on one axis to a fraction of the axis length.
type scale struct {
	min, max float64
	log      bool
}

// linear returns a linear scale over [lo, hi], widened to a span of 1 when
// the data has none (an empty run, or a single point).
func linear(lo, hi float64) scale {
	if !(hi > lo) {
		hi = lo + 1
	}
	return scale{min: lo, max: hi}
}

// logarithmic returns a log scale over whole decades around [lo, hi].
// Values at or below zero have no place on it; lo is the smallest positive
// value and the caller draws anything smaller on the bottom edge.
func logarithmic(lo, hi float64) scale {
	if !(lo > 0) || math.IsInf(lo, 0) {
		lo = 1
	}
	if hi < lo {
		hi = lo
	}
	lo = math.Pow10(int(math.Floor(math.Log10(lo))))
	hi = math.Pow10(int(math.Ceil(math.Log10(hi))))
	if !(hi > lo) {
		hi = lo * 10
	}
	return scale{min: lo, max: hi, log: true}
}

// frac is where v falls on the axis, 0 at min and 1 at max.
func (s scale) frac(v float64) float64 {
	if s.log {
		v = max(v, s.min)
		return (math.Log10(v) - math.Log10(s.min)) / (math.Log10(s.max) - math.Log10(s.min))
	}
	return (v - s.min) / (s.max - s.min)
}

// tick is one labelled mark on an axis.
type tick struct {
	value float64
	label string
}

// ticks picks four to nine round values across the scale.
func (s scale) ticks() []tick {
	if s.log {
		return s.logTicks()
	}
	step := niceStep((s.max - s.min) / 8)
	// Round away the float noise of i*step (0.30000000000000004).
	unit := math.Pow10(max(0, -int(math.Floor(math.Log10(step)))))
	var ts []tick
	for i := math.Ceil(s.min / step); i*step <= s.max+step*1e-9; i++ {
		v := math.Round(i*step*unit)/unit + 0
		ts = append(ts, tick{v, strconv.FormatFloat(v, 'f', -1, 64)})
	}
	return ts
}

// logTicks marks every decade, and 2 and 5 in between when there are few
// decades to mark.
func (s scale) logTicks() []tick {
	lo := int(math.Round(math.Log10(s.min)))
	hi := int(math.Round(math.Log10(s.max)))
	mults := []float64{1}
	if hi-lo <= 2 {
		mults = []float64{1, 2, 5}
	}
	var ts []tick
	for d := lo; d <= hi; d++ {
		for _, m := range mults {
			v := m * math.Pow10(d)
			if v > s.max*(1+1e-9) {
				break
			}
			ts = append(ts, tick{v, strconv.FormatFloat(v, 'f', -1, 64)})
		}
	}
	return ts
}

// niceStep rounds raw up to 1, 2 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	if !(raw > 0) || math.IsInf(raw, 0) {
		return 1
	}
	p := math.Pow10(int(math.Floor(math.Log10(raw))))
	for _, m := range []float64{1, 2, 5} {
		if m*p >= raw*(1-1e-9) {
			return m * p
		}
	}
	return 10 * p
}
