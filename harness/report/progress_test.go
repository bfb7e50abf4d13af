package report

import (
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newTestProgress(terminal bool, every time.Duration) (*Progress, *strings.Builder, *fakeClock) {
	var b strings.Builder
	clock := &fakeClock{t: time.Unix(1000, 0)}
	p := NewProgress(&b, terminal, every)
	p.now = clock.now
	return p, &b, clock
}

func mainPhase(elapsed time.Duration, ok int) Snapshot {
	return Snapshot{Phase: "main", Elapsed: elapsed, Total: 20 * time.Second, OK: ok}
}

func TestProgressPlainIsRateLimited(t *testing.T) {
	p, b, clock := newTestProgress(false, 5*time.Second)
	p.Update(Snapshot{Phase: "setup", Total: 20 * time.Second}) // first: written
	p.Update(mainPhase(0, 0))                                   // phase change: written
	clock.advance(time.Second)
	p.Update(mainPhase(time.Second, 4)) // too soon: held back
	clock.advance(3 * time.Second)
	p.Update(mainPhase(4*time.Second, 20)) // 4 s since last write: held back
	clock.advance(time.Second)
	p.Update(mainPhase(5*time.Second, 25)) // 5 s: written
	clock.advance(100 * time.Millisecond)
	p.Update(Snapshot{Phase: "drain", Elapsed: 20 * time.Second, Total: 20 * time.Second, OK: 99, Fail: 1, Info: 2, Partitioned: true}) // phase change
	p.Done()

	got := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	want := []string{
		"setup       0s/20s  ok 0  fail 0  info 0  partition: none",
		"main        0s/20s  ok 0  fail 0  info 0  partition: none",
		"main        5s/20s  ok 25  fail 0  info 0  partition: none",
		"drain       20s/20s  ok 99  fail 1  info 2  partition: active",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("plain progress:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if strings.Contains(b.String(), "\r") {
		t.Error("plain progress contains \\r")
	}
}

// A phase in which nothing happens but the clock (the recovery) is one
// plain line, not one every few seconds that repeats it; a phase without
// a fixed length shows only its own clock.
func TestProgressPlainQuietPhaseOnce(t *testing.T) {
	p, b, clock := newTestProgress(false, 5*time.Second)
	recovery := func(elapsed time.Duration) Snapshot {
		return Snapshot{Phase: "recovery", Elapsed: elapsed, Total: 10 * time.Second, OK: 494}
	}
	p.Update(Snapshot{Phase: "drain", OK: 490})
	for s := time.Duration(0); s <= 10*time.Second; s += time.Second {
		p.Update(recovery(s))
		clock.advance(time.Second)
	}
	p.Update(Snapshot{Phase: "final reads", Elapsed: time.Second, OK: 519})
	p.Done()
	want := "drain       0s  ok 490  fail 0  info 0  partition: none\n" +
		"recovery    0s/10s  ok 494  fail 0  info 0  partition: none\n" +
		"final reads 1s  ok 519  fail 0  info 0  partition: none\n"
	if b.String() != want {
		t.Errorf("plain progress:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestProgressDoneFlushesHeldBackState(t *testing.T) {
	p, b, clock := newTestProgress(false, 5*time.Second)
	p.Update(mainPhase(0, 0))
	clock.advance(time.Second)
	p.Update(mainPhase(time.Second, 7)) // held back
	p.Done()
	p.Done()                              // idempotent
	p.Update(mainPhase(2*time.Second, 9)) // after Done: ignored
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 2 || !strings.Contains(lines[1], "ok 7") {
		t.Errorf("after Done got %q, want the held-back ok 7 line last", lines)
	}
}

func TestProgressTerminalRedraws(t *testing.T) {
	p, b, clock := newTestProgress(true, 5*time.Second) // every is ignored on a terminal
	p.Update(mainPhase(0, 0))
	clock.advance(100 * time.Millisecond)
	p.Update(mainPhase(100*time.Millisecond, 1)) // within 200 ms: held back
	clock.advance(100 * time.Millisecond)
	p.Update(mainPhase(200*time.Millisecond, 2)) // 200 ms: redrawn
	p.Done()

	out := b.String()
	if n := strings.Count(out, "\r\x1b[K"); n != 2 {
		t.Errorf("%d redraws, want 2: %q", n, out)
	}
	if strings.Contains(out, "ok 1 ") {
		t.Errorf("the rate-limited state was drawn: %q", out)
	}
	if strings.Count(out, "\n") != 1 || !strings.HasSuffix(out, "\n") {
		t.Errorf("terminal output should be one line ended by Done: %q", out)
	}
}

func TestProgressTerminalDoneWithoutUpdates(t *testing.T) {
	p, b, _ := newTestProgress(true, 0)
	p.Done()
	if b.Len() != 0 {
		t.Errorf("Done with nothing drawn wrote %q", b.String())
	}
}

func TestProgressConcurrentUpdates(t *testing.T) {
	var b strings.Builder
	p := NewProgress(&b, false, time.Hour)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 100 {
				p.Update(mainPhase(0, i*100+j))
			}
		})
	}
	wg.Wait()
	p.Done()
	if n := strings.Count(b.String(), "\n"); n != 2 {
		t.Errorf("%d lines, want 2 (the first, and the last at Done)", n)
	}
}

func TestIsTerminalOnAFile(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if IsTerminal(f) {
		t.Error("a regular file was taken for a terminal")
	}
}
