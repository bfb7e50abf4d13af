package main

import (
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// Every test that starts a batcher runs in a synctest bubble: its ticker
// then runs in virtual time, and synctest.Test fails the test if a goroutine
// of the bubble is still blocked when the test ends, so each of these tests
// also shows that Close leaves no goroutine behind.

const testInterval = 100 * time.Millisecond

// pending returns the event the batcher is trying to hand over, if any,
// without waiting for one.
func pending(b *Batcher) (FlushEvent, bool) {
	synctest.Wait()
	select {
	case ev := <-b.Flushes():
		return ev, true
	default:
		return FlushEvent{}, false
	}
}

func TestBatcherGroupsPerPeerAndFlushesOnTheTicker(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := NewBatcher(testInterval)
		defer b.Close()

		for _, add := range []struct {
			peer   string
			values []int
		}{{"n2", []int{1}}, {"n1", []int{2}}, {"n2", []int{3, 4}}} {
			if err := b.Add(add.peer, add.values...); err != nil {
				t.Fatalf("Add(%s, %v): %v", add.peer, add.values, err)
			}
		}
		time.Sleep(testInterval - time.Millisecond)
		if ev, ok := pending(b); ok {
			t.Fatalf("got %v before the first tick, want nothing", ev)
		}

		time.Sleep(time.Millisecond)
		var got []FlushEvent
		for range 2 {
			got = append(got, <-b.Flushes())
		}
		want := []FlushEvent{{"n1", []int{2}}, {"n2", []int{1, 3, 4}}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("first flush = %v, want %v", got, want)
		}
		if ev, ok := pending(b); ok {
			t.Errorf("got a third event %v, want one per peer", ev)
		}

		// A tick with nothing added hands over nothing, not empty batches.
		time.Sleep(testInterval)
		if ev, ok := pending(b); ok {
			t.Errorf("got %v from an empty tick, want nothing", ev)
		}

		// Values added later wait for the next tick.
		if err := b.Add("n1", 5); err != nil {
			t.Fatal(err)
		}
		time.Sleep(testInterval)
		if ev, ok := pending(b); !ok || !reflect.DeepEqual(ev, FlushEvent{"n1", []int{5}}) {
			t.Errorf("next flush = %v (%v), want {n1 [5]}", ev, ok)
		}
	})
}

func TestBatcherCloseReturnsWhatWasNotHandedOver(t *testing.T) {
	tests := []struct {
		name    string
		receive int // events the receiver takes from the first flush
		want    []FlushEvent
	}{
		{
			name:    "before any tick",
			receive: -1, // Close before the first tick
			want:    []FlushEvent{{"n1", []int{1, 3, 9}}, {"n2", []int{2}}},
		},
		{
			name:    "while the first event waits for a receiver",
			receive: 0,
			want:    []FlushEvent{{"n1", []int{1, 3, 9}}, {"n2", []int{2}}},
		},
		{
			name:    "after the receiver took the first event",
			receive: 1,
			want:    []FlushEvent{{"n1", []int{9}}, {"n2", []int{2}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				b := NewBatcher(testInterval)
				b.Add("n1", 1)
				b.Add("n2", 2)
				b.Add("n1", 3)
				if tt.receive >= 0 {
					time.Sleep(testInterval)
					for range tt.receive {
						<-b.Flushes()
					}
				}
				b.Add("n1", 9) // after the tick: a new batch, behind any put back

				if got := b.Close(); !reflect.DeepEqual(got, tt.want) {
					t.Errorf("Close = %v, want %v", got, tt.want)
				}
				if ev, ok := <-b.Flushes(); ok {
					t.Errorf("Flushes handed over %v after Close, want a closed channel", ev)
				}
			})
		})
	}
}

func TestBatcherAddWithNoValuesStartsNoBatch(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := NewBatcher(testInterval)
		defer b.Close()
		if err := b.Add("n1"); err != nil {
			t.Fatalf("Add with no values: %v", err)
		}
		time.Sleep(testInterval)
		if ev, ok := pending(b); ok {
			t.Errorf("got %v after adding no values, want nothing", ev)
		}
	})
}

func TestBatcherAddAfterCloseFails(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := NewBatcher(testInterval)
		b.Close()
		if err := b.Add("n1", 1); !errors.Is(err, ErrBatcherClosed) {
			t.Errorf("Add after Close = %v, want ErrBatcherClosed", err)
		}
		if got := b.Close(); got != nil {
			t.Errorf("second Close = %v, want nil: the value Add refused must not appear", got)
		}
	})
}

func TestBatcherCloseTwiceAtOnceReturnsTheRestOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := NewBatcher(testInterval)
		b.Add("n1", 1, 2)

		results := make([][]FlushEvent, 2)
		var closers sync.WaitGroup
		for i := range results {
			closers.Go(func() { results[i] = b.Close() })
		}
		closers.Wait()

		got := slices.Concat(results...)
		if want := []FlushEvent{{"n1", []int{1, 2}}}; !reflect.DeepEqual(got, want) {
			t.Errorf("the two Close calls returned %v and %v, want %v once", results[0], results[1], want)
		}
	})
}

// batcherGoroutines counts the goroutines running a Batcher's loop.
func batcherGoroutines() int {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	return strings.Count(string(buf), "(*Batcher).run(")
}

func TestBatcherCloseEndsItsGoroutine(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		before := batcherGoroutines()
		b := NewBatcher(testInterval)
		defer b.Close()
		b.Add("n1", 1)
		time.Sleep(testInterval) // the goroutine now waits to hand over a batch
		synctest.Wait()
		if now := batcherGoroutines(); now != before+1 {
			t.Fatalf("%d batcher goroutines with a batcher running, want %d", now, before+1)
		}
		b.Close()
		synctest.Wait() // lets the goroutine finish exiting
		if after := batcherGoroutines(); after != before {
			t.Errorf("%d batcher goroutines after Close, want %d as before NewBatcher", after, before)
		}
	})
}

// TestBatcherLosesNothingUnderConcurrency adds values from several
// goroutines while a receiver takes flushes and Close comes in the middle:
// every value must come out exactly once, from a flush, from Close, or as an
// Add that failed.
func TestBatcherLosesNothingUnderConcurrency(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := NewBatcher(testInterval)

		var mu sync.Mutex
		seen := make(map[string]int) // "peer/value" → times it came out
		note := func(peer string, values ...int) {
			mu.Lock()
			defer mu.Unlock()
			for _, v := range values {
				seen[fmt.Sprintf("%s/%d", peer, v)]++
			}
		}

		var receiver sync.WaitGroup
		receiver.Go(func() {
			for ev := range b.Flushes() {
				note(ev.PeerID, ev.Messages...)
			}
		})

		const adders, perAdder = 8, 200
		var added sync.WaitGroup
		for a := range adders {
			added.Go(func() {
				peer := fmt.Sprintf("n%d", a%3)
				for i := range perAdder {
					v := a*perAdder + i
					if err := b.Add(peer, v); err != nil {
						note(peer, v) // refused: the caller still has it
					}
					time.Sleep(time.Millisecond)
				}
			})
		}

		time.Sleep(perAdder * time.Millisecond / 2)
		for _, ev := range b.Close() {
			note(ev.PeerID, ev.Messages...)
		}
		added.Wait()
		receiver.Wait()

		if len(seen) != adders*perAdder {
			t.Errorf("%d distinct values came out, want %d", len(seen), adders*perAdder)
		}
		for key, n := range seen {
			if n != 1 {
				t.Errorf("%s came out %d times, want once", key, n)
			}
		}
	})
}

func TestNewBatcherRejectsANonPositiveInterval(t *testing.T) {
	for _, interval := range []time.Duration{0, -time.Second} {
		t.Run(interval.String(), func(t *testing.T) {
			defer func() {
				msg, _ := recover().(string)
				if !strings.Contains(msg, "interval must be positive") || !strings.Contains(msg, interval.String()) {
					t.Errorf("panic = %q, want one naming the bad interval %v", msg, interval)
				}
			}()
			NewBatcher(interval)
		})
	}
}
