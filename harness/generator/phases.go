package generator

import (
	"context"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

// Main runs the main phase and returns when it is over: when the next op
// would be due at or after the time limit (counted from the first op), or
// when ctx is cancelled. Ops still in flight keep running; Final waits for
// them.
func (g *Generator) Main(ctx context.Context) {
	start := time.Now()
	cutoff := start.Add(g.cfg.TimeLimit)
	clientNext, nemesisNext := start, start
	startNext := true // the nemesis alternates start, stop, start, …
	total := len(g.threads)
	if g.cfg.Nemesis {
		total++ // the nemesis thread takes part in the rotation
	}
	rot := 0
	g.workers = g.startWorkers(ctx)

	defer func() {
		// With --rate 0 the main phase is a plain wait of --time-limit.
		if g.cfg.Rate == 0 && ctx.Err() == nil {
			sleepUntil(ctx, cutoff)
		}
	}()
	for {
		now := time.Now()
		free := g.freeThread(rot, total)
		clientReady := g.cfg.Rate > 0 && free >= 0
		clientAt := later(clientNext, now)

		var due time.Time
		switch {
		case clientReady && g.cfg.Nemesis:
			due = earlier(clientAt, nemesisNext)
		case clientReady:
			due = clientAt
		case g.cfg.Nemesis:
			due = nemesisNext
		}
		if !due.IsZero() && !due.Before(cutoff) {
			break
		}
		if due.IsZero() && g.cfg.Rate == 0 {
			due = cutoff // nothing to do but let the time limit pass
		}

		var timer *time.Timer
		var fire <-chan time.Time
		if !due.IsZero() {
			timer = g.cfg.Clock.Timer(due)
			fire = timer.C
		}
		select {
		case <-ctx.Done():
			return
		case c := <-g.done:
			if timer != nil {
				timer.Stop()
			}
			g.complete(c)
			continue
		case <-fire:
			g.cfg.Clock.Finish(due)
			g.cfg.Clock.Settle()
		}
		if !due.Before(cutoff) {
			break
		}

		now = time.Now()
		if g.cfg.Nemesis && !nemesisNext.After(due) {
			g.nemesisOp(startNext)
			startNext = !startNext
			nemesisNext = now.Add(g.gap(2 * g.cfg.NemesisInterval))
		} else {
			g.mu.Lock()
			g.dispatchLags = append(g.dispatchLags, now.Sub(due))
			g.mu.Unlock()
			f, value := g.nextClientOp()
			g.dispatch(free, f, value, false)
			clientNext = now.Add(g.gap(time.Duration(2 * float64(time.Second) / g.cfg.Rate)))
		}
		rot = (rot + 1) % total
	}
}

// Final waits for the ops in flight, heals the network, waits for
// recovery and has every client thread read once, all at once, in random
// order.
func (g *Generator) Final(ctx context.Context) {
	if g.workers == nil {
		g.workers = g.startWorkers(ctx)
	}
	defer g.Stop()
	g.phase("drain")
	if !g.waitIdle(ctx) {
		return
	}
	if g.cfg.Nemesis {
		g.cfg.Clock.Settle() // what the last op set off at this moment goes first
		g.nemesisOp(false)
	}
	g.phase("recovery")
	if !sleepUntil(ctx, time.Now().Add(Recovery)) {
		return
	}
	g.cfg.Clock.Settle()
	g.phase("final reads")
	for _, k := range g.cfg.RNG.Perm(len(g.threads)) {
		g.dispatch(k, history.Read, nil, true)
	}
	g.waitIdle(ctx)
}

// waitIdle waits until no thread has an op in flight.
func (g *Generator) waitIdle(ctx context.Context) bool {
	for g.busy() {
		select {
		case <-ctx.Done():
			return false
		case c := <-g.done:
			g.complete(c)
		}
	}
	return true
}

func (g *Generator) busy() bool {
	for _, t := range g.threads {
		if t.busy {
			return true
		}
	}
	return false
}

// freeThread returns the first free client thread at or after the rotating
// index, or -1. The nemesis thread, numbered after the client threads,
// is skipped.
func (g *Generator) freeThread(rot, total int) int {
	for i := range total {
		k := (rot + i) % total
		if k < len(g.threads) && !g.threads[k].busy {
			return k
		}
	}
	return -1
}

// nextClientOp flips a fair coin between a broadcast of the next value and
// a read.
func (g *Generator) nextClientOp() (string, any) {
	if g.cfg.RNG.IntN(2) == 0 {
		return history.Read, nil
	}
	g.mu.Lock()
	v := g.nextValue
	g.nextValue++
	g.mu.Unlock()
	return history.Broadcast, v
}

// nemesisOp records and performs one start or stop of a partition. Both
// the invocation and the completion are :info, as Jepsen's nemesis ops are.
func (g *Generator) nemesisOp(start bool) {
	op := history.Op{Process: history.NemesisProcess, Type: history.Info}
	if start {
		op.F = history.StartPartition
		spec := g.cfg.ChoosePartition()
		op.Value = spec
		g.rec.Append(op)
		op.Value = g.cfg.StartPartition(spec)
		g.rec.Append(op)
	} else {
		op.F = history.StopPartition
		g.rec.Append(op)
		g.cfg.StopPartition()
		op.Value = history.Keyword("network-healed")
		g.rec.Append(op)
	}
}

// gap draws a uniform duration in [0, bound).
func (g *Generator) gap(bound time.Duration) time.Duration {
	if bound <= 0 {
		return 0
	}
	return time.Duration(g.cfg.RNG.Int64N(int64(bound)))
}

// sleepUntil waits for t or ctx, and reports whether it reached t.
func sleepUntil(ctx context.Context, t time.Time) bool {
	timer := time.NewTimer(time.Until(t))
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-timer.C:
		return true
	}
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
