package network

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
)

// recorder collects what a node was handed, with the time it got it.
type recorder struct {
	mu    sync.Mutex
	lines []string
	at    []time.Time
}

func (r *recorder) deliver(line []byte) error {
	r.mu.Lock()
	r.lines = append(r.lines, string(line))
	r.at = append(r.at, time.Now())
	r.mu.Unlock()
	return nil
}

func (r *recorder) got() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.lines...)
}

func newTestNetwork(t *testing.T, latency time.Duration) (*Network, *journal.Journal) {
	t.Helper()
	l, err := NewLatency(latency, Constant, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	j := new(journal.Journal)
	return New(Config{Journal: j, Latency: l, Start: time.Now()}), j
}

func TestServerMessagesWaitForTheirLatencyClientMessagesDoNot(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		net, _ := newTestNetwork(t, 100*time.Millisecond)
		var n0, n1 recorder
		net.AddNode("n0", n0.deliver)
		net.AddNode("n1", n1.deliver)
		c := net.NewClient()
		start := time.Now()

		if _, err := net.Send("n0", "n1", json.RawMessage(`{"type":"gossip"}`)); err != nil {
			t.Fatal(err)
		}
		if _, err := net.Send(c.ID, "n0", json.RawMessage(`{"type":"read"}`)); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Second)
		synctest.Wait()
		if got := n0.at[0].Sub(start); got != 0 {
			t.Errorf("client message delivered after %v, want at once", got)
		}
		if got := n1.at[0].Sub(start); got != 100*time.Millisecond {
			t.Errorf("server message delivered after %v, want 100ms", got)
		}
		want := `{"id":0,"src":"n0","dest":"n1","body":{"type":"gossip"}}`
		if n1.got()[0] != want {
			t.Errorf("delivered %s, want %s", n1.got()[0], want)
		}
		net.Close()
	})
}

func TestPartitionIsCheckedWhenTheMessageIsDequeued(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		net, j := newTestNetwork(t, 100*time.Millisecond)
		var n0, n1, n2 recorder
		net.AddNode("n0", n0.deliver)
		net.AddNode("n1", n1.deliver)
		net.AddNode("n2", n2.deliver)

		// Dequeued at once and sleeping when the partition starts: delivered.
		net.Send("n0", "n1", json.RawMessage(`{"type":"a"}`))
		time.Sleep(10 * time.Millisecond)
		net.Partition(history.Grudge{"n1": {"n0"}})
		// Queued behind "a" while the link is cut, dequeued at 100ms: dropped.
		net.Send("n0", "n1", json.RawMessage(`{"type":"b"}`))
		// The other direction is not cut.
		net.Send("n1", "n0", json.RawMessage(`{"type":"c"}`))
		time.Sleep(time.Second)
		synctest.Wait()
		if got := len(n1.got()); got != 1 {
			t.Fatalf("n1 got %d messages, want 1 (the one sent before the cut): %v", got, n1.got())
		}
		if got := len(n0.got()); got != 1 {
			t.Fatalf("n0 got %d messages, want 1", got)
		}
		if !net.Partitioned() {
			t.Errorf("Partitioned() = false during a cut")
		}

		// Queued during the cut, dequeued after the heal: delivered. "d"
		// comes from n2, which is not cut off, so n1's loop takes it at once
		// and sleeps on it; "e" from n0 waits behind it until after the heal.
		// (A message from n0 at the head would be dequeued, and dropped, as
		// soon as the loop ran, which may be before Heal.)
		net.Send("n2", "n1", json.RawMessage(`{"type":"d"}`))
		net.Send("n0", "n1", json.RawMessage(`{"type":"e"}`))
		net.Heal()
		time.Sleep(time.Second)
		synctest.Wait()
		if got := len(n1.got()); got != 3 {
			t.Fatalf("after heal n1 has %d messages, want 3", got)
		}

		kinds := map[journal.Kind]int{}
		for _, e := range j.Events() {
			kinds[e.Kind]++
		}
		if kinds[journal.Send] != 5 || kinds[journal.Recv] != 4 || kinds[journal.Drop] != 1 {
			t.Errorf("journal has %v, want 5 sends, 4 receives and 1 drop (the dropped message is sent, not received)", kinds)
		}
		net.Close()
	})
}

func TestHeadOfLineBlocking(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(1, 1))
		l, _ := NewLatency(100*time.Millisecond, Constant, rng)
		net := New(Config{Latency: l, Start: time.Now()})
		var n1 recorder
		net.AddNode("n0", func([]byte) error { return nil })
		net.AddNode("n1", n1.deliver)
		net.Send("n0", "n1", json.RawMessage(`{"type":"slow"}`))
		time.Sleep(50 * time.Millisecond)
		// A shorter latency for the second message: it is due at 60ms but
		// the loop sleeps on the first until 100ms.
		net.cfg.Latency = nil
		c := net.NewClient()
		net.Send(c.ID, "n1", json.RawMessage(`{"type":"fast"}`))
		time.Sleep(time.Second)
		synctest.Wait()
		got := n1.got()
		if len(got) != 2 || n1.at[1].Sub(n1.at[0]) != 0 {
			t.Fatalf("got %v at %v", got, n1.at)
		}
		var first struct{ Body struct{ Type string } }
		json.Unmarshal([]byte(got[0]), &first)
		if first.Body.Type != "slow" {
			t.Errorf("first delivered %q, want the message the loop was sleeping on", first.Body.Type)
		}
		net.Close()
	})
}

func TestUnknownEndpointsAndIDs(t *testing.T) {
	net, _ := newTestNetwork(t, 0)
	net.AddNode("n0", func([]byte) error { return nil })
	defer net.Close()
	c0 := net.NewClient()
	c1 := net.NewClient()
	if c0.ID != "c0" || c1.ID != "c1" {
		t.Errorf("clients %s, %s; want c0, c1", c0.ID, c1.ID)
	}
	if _, err := net.Send("n0", "n99", json.RawMessage(`{}`)); err == nil {
		t.Errorf("send to n99 accepted")
	}
	c0.Close()
	if _, err := net.Send("n0", "c0", json.RawMessage(`{}`)); err == nil {
		t.Errorf("send to a closed client accepted")
	}
	m, err := net.Send("n0", "c1", json.RawMessage(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	if m.ID != 2 {
		t.Errorf("third message has id %d, want 2 (rejected messages still use an id)", m.ID)
	}
}

func TestClientCallMatchesItsReplyAndTimesOut(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		net, _ := newTestNetwork(t, 0)
		defer net.Close()
		// An echo node that answers every request twice: first with a stray
		// reply, then with the right one.
		net.AddNode("n0", func(line []byte) error {
			var m struct {
				Src  string
				Body struct {
					Type  string
					MsgID int `json:"msg_id"`
				}
			}
			json.Unmarshal(line, &m)
			if m.Body.Type == "silent" {
				return nil
			}
			go func() {
				net.Send("n0", m.Src, json.RawMessage(`{"type":"stray","in_reply_to":999}`))
				b, _ := json.Marshal(map[string]any{"type": "echo_ok", "in_reply_to": m.Body.MsgID})
				net.Send("n0", m.Src, b)
			}()
			return nil
		})
		c := net.NewClient()
		r, err := c.Call("n0", map[string]any{"type": "echo"}, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if r.MsgID != 1 || r.Message.Type() != "echo_ok" {
			t.Errorf("reply %+v to msg_id %d", r.Message, r.MsgID)
		}
		start := time.Now()
		_, err = c.Call("n0", map[string]any{"type": "silent"}, 5*time.Second)
		if err != ErrTimeout || time.Since(start) != 5*time.Second {
			t.Errorf("silent node: err %v after %v, want ErrTimeout after 5s", err, time.Since(start))
		}
	})
}

func TestEncodeMatchesJSON(t *testing.T) {
	m := &journal.Message{ID: 42, Src: "n1", Dest: `c"7`, Body: json.RawMessage(`{"type":"read_ok","messages":[1,2]}`)}
	got := Encode(m)
	var back struct {
		ID   int             `json:"id"`
		Src  string          `json:"src"`
		Dest string          `json:"dest"`
		Body json.RawMessage `json:"body"`
	}
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatalf("%s: %v", got, err)
	}
	if back.ID != 42 || back.Src != "n1" || back.Dest != `c"7` || string(back.Body) != string(m.Body) {
		t.Errorf("Encode gave %s", got)
	}
	if want := `{"id":42,"src":"n1","dest":"c\"7","body":{"type":"read_ok","messages":[1,2]}}`; string(got) != want {
		t.Errorf("Encode gave %s, want %s", got, want)
	}
}

// A call to a node that is gone ends when gone closes, not at the
// timeout; a reply that was queued before that is still taken.
func TestCallUntilStopsWhenTheNodeIsGone(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		net, _ := newTestNetwork(t, 0)
		net.AddNode("n0", func([]byte) error { return nil }) // never answers
		c := net.NewClient()
		gone := make(chan struct{})
		time.AfterFunc(time.Second, func() { close(gone) })
		start := time.Now()
		_, err := c.CallUntil("n0", map[string]any{"type": "init"}, 10*time.Second, gone)
		if err != ErrGone || time.Since(start) != time.Second {
			t.Errorf("err %v after %v, want ErrGone after 1s", err, time.Since(start))
		}

		// The node answered (msg_id 2), then went.
		if _, err := net.Send("n0", c.ID, json.RawMessage(`{"type":"init_ok","in_reply_to":2}`)); err != nil {
			t.Fatal(err)
		}
		reply, err := c.CallUntil("n0", map[string]any{"type": "init"}, 10*time.Second, gone)
		if err != nil || reply.Message.Type() != "init_ok" {
			t.Errorf("reply %+v, err %v; want the init_ok queued before the node went", reply, err)
		}
		net.Close()
	})
}

// A write that blocks (the node does not read) holds back the messages
// behind it: they are late against the schedule, by as long as it blocked,
// and the blocked time is counted for that node.
func TestABlockedWriteMakesTheMessagesBehindItLate(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		net, _ := newTestNetwork(t, 100*time.Millisecond)
		writes := 0
		net.AddNode("n0", func([]byte) error { return nil })
		net.AddNode("n1", func([]byte) error {
			if writes++; writes == 1 {
				time.Sleep(2 * time.Second) // a full pipe, drained after 2 s
			}
			return nil
		})
		for range 3 {
			if _, err := net.Send("n0", "n1", json.RawMessage(`{"type":"gossip"}`)); err != nil {
				t.Fatal(err)
			}
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(5 * time.Second)
		d := net.DeliveriesByNode()["n1"]
		want := []time.Duration{0, 2*time.Second - 10*time.Millisecond, 2*time.Second - 20*time.Millisecond}
		if !slices.Equal(d.Lags, want) {
			t.Errorf("lags %v, want %v", d.Lags, want)
		}
		if d.Blocked != 2*time.Second || d.BlockedWrites != 1 {
			t.Errorf("blocked %v in %d writes, want 2s in 1", d.Blocked, d.BlockedWrites)
		}
		if got := len(net.DeliveryLags()); got != 3 {
			t.Errorf("%d lags in all, want 3", got)
		}
		net.Close()
	})
}

func TestAppendJSONStringIsJSONMarshal(t *testing.T) {
	for _, s := range []string{"", "n1", "c42", `c"7`, `a\b`, "a<b>&", "tab\there", "\x01", "é", "\xff", "n1 2"} {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	}
}
