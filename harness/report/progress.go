// Package report writes what a person watching a run sees: a live progress
// line while it goes, and a plain-language summary of the results at the
// end. Everything it prints is derived from the checker's results and the
// history; it judges nothing itself.
package report

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// Snapshot is the state of a run that the progress line shows.
type Snapshot struct {
	Phase string // "main", "drain", "recovery", "final reads"
	// Elapsed is the time spent in the phase so far, and Total its length
	// (--time-limit for the main phase, the recovery's 10 s); 0 for a
	// phase that ends when its ops do.
	Elapsed, Total time.Duration
	OK, Fail, Info int // client completions so far
	Partitioned    bool
}

// line renders a snapshot. It stays well under 80 columns so a terminal
// never wraps it, which would break redrawing with \r.
func (s Snapshot) line() string {
	partition := "none"
	if s.Partitioned {
		partition = "active"
	}
	clock := fmt.Sprintf("%ds", int64(s.Elapsed/time.Second))
	if s.Total > 0 {
		clock += fmt.Sprintf("/%ds", int64(s.Total/time.Second))
	}
	return fmt.Sprintf("%-11s %s  ok %d  fail %d  info %d  partition: %s",
		s.Phase, clock, s.OK, s.Fail, s.Info, partition)
}

// news reports whether s shows anything that last did not, other than
// the clock: a plain line that repeats the previous one but for the time
// tells a reader nothing.
func (s Snapshot) news(last Snapshot) bool {
	s.Elapsed, last.Elapsed = 0, 0
	return s != last
}

// terminalEvery is how often a terminal line is redrawn at most: often
// enough to look live, rarely enough not to flood a slow terminal.
const terminalEvery = 200 * time.Millisecond

// Progress prints the live progress line. On a terminal it redraws one line
// in place; elsewhere (a CI log, a pipe) it prints a plain line now and
// then, when something other than the clock has changed, so the log shows
// the run moving without a line per op, and a quiet phase (the recovery)
// once.
type Progress struct {
	mu       sync.Mutex
	w        io.Writer
	terminal bool
	every    time.Duration
	now      func() time.Time // replaced in tests

	latest    Snapshot
	pending   bool     // latest has not been written yet
	wrote     bool     // something has been written
	written   Snapshot // what was written last
	lastPhase string
	lastWrite time.Time
	done      bool
}

// NewProgress returns a Progress writing to w. terminal selects redrawing
// in place; every is the least time between two plain lines otherwise.
func NewProgress(w io.Writer, terminal bool, every time.Duration) *Progress {
	if terminal {
		every = terminalEvery
	}
	return &Progress{w: w, terminal: terminal, every: every, now: time.Now}
}

// Update records the run's state and writes it if enough time has passed
// since the last write, or at once when the phase changed. It is safe to
// call from several goroutines.
func (p *Progress) Update(s Snapshot) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.done {
		return
	}
	p.latest, p.pending = s, true
	now := p.now()
	due := now.Sub(p.lastWrite) >= p.every && (p.terminal || s.news(p.written))
	if !p.wrote || s.Phase != p.lastPhase || due {
		p.write(now)
	}
}

// Done writes the latest state if it was held back, and on a terminal ends
// the line so what follows starts on a fresh one. Later Updates are ignored.
func (p *Progress) Done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.done {
		return
	}
	p.done = true
	if p.pending && (p.terminal || p.latest.news(p.written)) {
		p.write(p.now())
	}
	if p.terminal && p.wrote {
		io.WriteString(p.w, "\n")
	}
}

func (p *Progress) write(now time.Time) {
	if p.terminal {
		// \r returns to the start of the line, ESC[K clears what a longer
		// previous line left behind.
		io.WriteString(p.w, "\r\x1b[K"+p.latest.line())
	} else {
		io.WriteString(p.w, p.latest.line()+"\n")
	}
	p.pending, p.wrote, p.written = false, true, p.latest
	p.lastPhase, p.lastWrite = p.latest.Phase, now
}

// IsTerminal reports whether f is a terminal (a character device), so the
// progress line can be redrawn in place. It avoids a dependency at the cost
// of also calling /dev/null a terminal, where nothing is shown anyway.
func IsTerminal(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
