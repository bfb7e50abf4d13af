package testnode

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// session runs the program in process, inside a synctest bubble, so "the
// node has answered everything it is going to" is synctest.Wait and the
// anti-entropy clock moves only when the test sleeps.
type session struct {
	t      *testing.T
	stdin  *io.PipeWriter
	stdout *io.PipeWriter
	lines  chan string
	status chan int
	stderr *lockedBuffer

	closeOnce sync.Once
	final     int
}

// lockedBuffer is the node's stderr; the logger may write from the ticker
// goroutine while the test reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// start runs testnode with args. Call it inside synctest.Test.
func start(t *testing.T, args ...string) *session {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	s := &session{
		t: t, stdin: inW, stdout: outW,
		lines:  make(chan string, 1000),
		status: make(chan int, 1),
		stderr: &lockedBuffer{},
	}
	go func() {
		out := bufio.NewScanner(outR)
		for out.Scan() {
			s.lines <- out.Text()
		}
		close(s.lines)
	}()
	go func() { s.status <- Run(args, inR, outW, s.stderr) }()
	// Even after a failed check the node and the reader must stop, or
	// the bubble reports a deadlock instead of the failure.
	t.Cleanup(func() { s.close() })
	return s
}

// send writes lines to the node and waits until it has dealt with them.
func (s *session) send(lines ...string) {
	s.t.Helper()
	for _, line := range lines {
		if _, err := io.WriteString(s.stdin, line+"\n"); err != nil {
			s.t.Fatalf("writing %s: %v", line, err)
		}
	}
	synctest.Wait()
}

// output returns the lines the node has written since the last call.
func (s *session) output() []string {
	synctest.Wait()
	var got []string
	for {
		select {
		case line, ok := <-s.lines:
			if !ok {
				return got
			}
			got = append(got, line)
		default:
			return got
		}
	}
}

// expect checks that the node wrote exactly these JSON lines since the last
// call, comparing decoded values so key order does not matter but every
// field does.
func (s *session) expect(want ...string) {
	s.t.Helper()
	got := s.output()
	if len(got) != len(want) {
		s.t.Fatalf("node wrote %d lines, want %d:\ngot  %q\nwant %q", len(got), len(want), got, want)
	}
	for k := range want {
		if !sameJSON(got[k], want[k]) {
			s.t.Errorf("line %d:\ngot  %s\nwant %s", k, got[k], want[k])
		}
	}
}

func sameJSON(a, b string) bool {
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return a == b
	}
	return reflect.DeepEqual(x, y)
}

// exited returns the node's exit status if it has stopped.
func (s *session) exited() (int, bool) {
	synctest.Wait()
	select {
	case status := <-s.status:
		s.status <- status
		return status, true
	default:
		return 0, false
	}
}

// close ends stdin, waits for the node to stop and returns its exit status.
func (s *session) close() int {
	s.closeOnce.Do(func() {
		s.stdin.Close()
		s.final = <-s.status
		s.stdout.Close()
		for range s.lines {
		}
	})
	return s.final
}

// initNode sends init and checks init_ok.
func (s *session) initNode(id string, ids ...string) {
	s.t.Helper()
	quoted, _ := json.Marshal(ids)
	s.send(fmt.Sprintf(`{"id":0,"src":"c0","dest":%q,"body":{"type":"init","node_id":%q,"node_ids":%s,"msg_id":1}}`, id, id, quoted))
	s.expect(fmt.Sprintf(`{"src":%q,"dest":"c0","body":{"type":"init_ok","in_reply_to":1}}`, id))
}

func broadcast(client string, msgID, value int) string {
	return fmt.Sprintf(`{"src":%q,"dest":"n1","body":{"type":"broadcast","message":%d,"msg_id":%d}}`, client, value, msgID)
}

func broadcastOK(client string, msgID int) string {
	return fmt.Sprintf(`{"src":"n1","dest":%q,"body":{"type":"broadcast_ok","in_reply_to":%d}}`, client, msgID)
}

func read(client string, msgID int) string {
	return fmt.Sprintf(`{"src":%q,"dest":"n1","body":{"type":"read","msg_id":%d}}`, client, msgID)
}

func readOK(client string, msgID int, values string) string {
	return fmt.Sprintf(`{"src":"n1","dest":%q,"body":{"type":"read_ok","messages":%s,"in_reply_to":%d}}`, client, values, msgID)
}

func gossip(src, dest, values string) string {
	return fmt.Sprintf(`{"src":%q,"dest":%q,"body":{"type":"gossip","messages":%s}}`, src, dest, values)
}

func TestClientRPCs(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := start(t, "--gossip", "none")
		s.initNode("n1", "n1", "n2")
		s.send(`{"src":"c2","dest":"n1","body":{"type":"topology","topology":{"n1":["n2"],"n2":["n1"]},"msg_id":1}}`)
		s.expect(`{"src":"n1","dest":"c2","body":{"type":"topology_ok","in_reply_to":1}}`)
		s.send(read("c4", 1))
		s.expect(readOK("c4", 1, `[]`))
		s.send(broadcast("c4", 2, 30), broadcast("c4", 3, 4), broadcast("c5", 1, 30), read("c5", 2))
		s.expect(broadcastOK("c4", 2), broadcastOK("c4", 3), broadcastOK("c5", 1), readOK("c5", 2, `[4,30]`))
		s.send(`{"src":"c4","dest":"n1","body":{"type":"cas","msg_id":9}}`)
		s.expect(`{"src":"n1","dest":"c4","body":{"type":"error","code":10,"text":"testnode does not support messages of type cas","in_reply_to":9}}`)
		s.send(`{"src":"c4","dest":"n1","body":{"type":"broadcast","message":"x","msg_id":10}}`)
		s.expect(`{"src":"n1","dest":"c4","body":{"type":"error","code":12,"text":"broadcast needs an integer message","in_reply_to":10}}`)
		if status := s.close(); status != 0 {
			t.Errorf("exit status %d on EOF, want 0", status)
		}
		// One log line per received message: init, topology, read, 3
		// broadcasts, read, cas, bad broadcast.
		if got := strings.Count(s.stderr.String(), "testnode: recv {"); got != 9 {
			t.Errorf("stderr has %d recv lines, want 9:\n%s", got, s.stderr)
		}
	})
}

func TestBadInputLineIsSkipped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := start(t, "--gossip", "none")
		s.initNode("n1", "n1")
		s.send(`not json at all`, `{"src":"c1","dest":"n1","body":{"type":"read"}}`, read("c1", 2))
		s.expect(readOK("c1", 2, `[]`))
		s.close()
		if log := s.stderr.String(); !strings.Contains(log, "not a message") || !strings.Contains(log, "without msg_id") {
			t.Errorf("stderr should explain both skipped lines:\n%s", log)
		}
	})
}

func TestAntiEntropy(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := start(t) // anti-entropy every 100ms is the default
		s.initNode("n1", "n1", "n2", "n3")
		s.send(broadcast("c3", 1, 7))
		s.expect(broadcastOK("c3", 1))

		time.Sleep(150 * time.Millisecond)
		s.expect(gossip("n1", "n2", `[7]`), gossip("n1", "n3", `[7]`))

		// Gossip from a peer is stored, not answered and not forwarded.
		s.send(gossip("n2", "n1", `[3,9]`))
		s.expect()
		s.send(read("c3", 2))
		s.expect(readOK("c3", 2, `[3,7,9]`))

		// Every round sends the whole set again: that is what survives
		// a partition.
		time.Sleep(100 * time.Millisecond)
		s.expect(gossip("n1", "n2", `[3,7,9]`), gossip("n1", "n3", `[3,7,9]`))
		if status := s.close(); status != 0 {
			t.Errorf("exit status %d, want 0", status)
		}
	})
}

func TestAntiEntropyInterval(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := start(t, "--interval", "1s")
		s.initNode("n1", "n1", "n2")
		time.Sleep(900 * time.Millisecond)
		s.expect()
		time.Sleep(200 * time.Millisecond)
		s.expect(gossip("n1", "n2", `[]`))
		s.close()
	})
}

func TestFlood(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := start(t, "--gossip", "flood")
		s.initNode("n1", "n1", "n2", "n3")
		s.send(broadcast("c3", 1, 5))
		s.expect(broadcastOK("c3", 1), gossip("n1", "n2", `[5]`), gossip("n1", "n3", `[5]`))
		// A value it already has is not sent again, and peers' gossip is
		// kept but not passed on.
		s.send(broadcast("c3", 2, 5), gossip("n2", "n1", `[6]`))
		s.expect(broadcastOK("c3", 2))
		time.Sleep(time.Minute)
		s.expect()
		s.send(read("c3", 3))
		s.expect(readOK("c3", 3, `[5,6]`))
		s.close()
	})
}

func TestNoGossip(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := start(t, "--gossip", "none")
		s.initNode("n1", "n1", "n2", "n3")
		s.send(broadcast("c3", 1, 5))
		s.expect(broadcastOK("c3", 1))
		time.Sleep(time.Minute)
		s.expect()
		s.close()
	})
}

// TestMisbehaviours checks each --misbehave mode against a node that is
// initialised and then receives broadcasts 10, 11, 12, 13 and a read.
func TestMisbehaviours(t *testing.T) {
	okAll := []string{broadcastOK("c3", 1), broadcastOK("c3", 2), broadcastOK("c3", 3), broadcastOK("c3", 4)}
	tests := []struct {
		misbehave string
		// first is what the first broadcast produces; rest what the other
		// three broadcasts and the read produce.
		first []string
		rest  []string
	}{
		{"none", okAll[:1], append(okAll[1:], readOK("c3", 5, `[10,11,12,13]`))},
		{"bad-json", []string{`this is not json`, okAll[0]}, append(okAll[1:], readOK("c3", 5, `[10,11,12,13]`))},
		{"extra-field",
			[]string{`{"src":"n1","dest":"c3","body":{"type":"note"},"extra":1}`, okAll[0]},
			append(okAll[1:], readOK("c3", 5, `[10,11,12,13]`))},
		{"unknown-dest", []string{gossip("n1", "n99", `[]`), okAll[0]}, append(okAll[1:], readOK("c3", 5, `[10,11,12,13]`))},
		{"extra-reply-field",
			[]string{`{"src":"n1","dest":"c3","body":{"type":"broadcast_ok","in_reply_to":1,"oops":true}}`},
			[]string{
				`{"src":"n1","dest":"c3","body":{"type":"broadcast_ok","in_reply_to":2,"oops":true}}`,
				`{"src":"n1","dest":"c3","body":{"type":"broadcast_ok","in_reply_to":3,"oops":true}}`,
				`{"src":"n1","dest":"c3","body":{"type":"broadcast_ok","in_reply_to":4,"oops":true}}`,
				readOK("c3", 5, `[10,11,12,13]`),
			}},
		{"error-reply",
			[]string{`{"src":"n1","dest":"c3","body":{"type":"error","code":11,"text":"testnode is pretending to be temporarily unavailable","in_reply_to":1}}`},
			[]string{
				`{"src":"n1","dest":"c3","body":{"type":"error","code":13,"text":"testnode is pretending to have crashed","in_reply_to":2}}`,
				`{"src":"n1","dest":"c3","body":{"type":"error","code":1234,"text":"testnode is answering with a code of its own","in_reply_to":3}}`,
				okAll[3],
				readOK("c3", 5, `[13]`),
			}},
	}
	for _, tt := range tests {
		t.Run(tt.misbehave, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := start(t, "--gossip", "none", "--misbehave", tt.misbehave)
				s.initNode("n1", "n1", "n2")
				s.send(broadcast("c3", 1, 10))
				s.expect(tt.first...)
				s.send(broadcast("c3", 2, 11), broadcast("c3", 3, 12), broadcast("c3", 4, 13), read("c3", 5))
				s.expect(tt.rest...)
				if status := s.close(); status != 0 {
					t.Errorf("exit status %d, want 0", status)
				}
			})
		})
	}
}

func TestMisbehaveNoInitNoTopology(t *testing.T) {
	const initMsg = `{"src":"c0","dest":"n1","body":{"type":"init","node_id":"n1","node_ids":["n1"],"msg_id":1}}`
	const topologyMsg = `{"src":"c1","dest":"n1","body":{"type":"topology","topology":{"n1":[]},"msg_id":1}}`
	tests := []struct {
		misbehave string
		want      []string
	}{
		{"no-init", []string{
			`{"src":"n1","dest":"c1","body":{"type":"topology_ok","in_reply_to":1}}`,
			readOK("c2", 1, `[]`),
		}},
		{"no-topology", []string{
			`{"src":"n1","dest":"c0","body":{"type":"init_ok","in_reply_to":1}}`,
			readOK("c2", 1, `[]`),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.misbehave, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := start(t, "--gossip", "none", "--misbehave", tt.misbehave)
				s.send(initMsg, topologyMsg, read("c2", 1))
				s.expect(tt.want...)
				s.close()
			})
		})
	}
}

func TestMisbehaveCrash(t *testing.T) {
	tests := []struct {
		args []string
		n    int // broadcasts answered before the exit
	}{
		{[]string{"--misbehave", "crash"}, 3},
		{[]string{"--misbehave", "crash", "--crash-after", "1"}, 1},
		{[]string{"--misbehave", "crash", "--crash-after", "5"}, 5},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := start(t, tt.args...)
				s.initNode("n1", "n1", "n2")
				for k := 1; k <= tt.n; k++ {
					if _, gone := s.exited(); gone {
						t.Fatalf("exited before broadcast %d", k)
					}
					s.send(broadcast("c3", k, k))
					s.expect(broadcastOK("c3", k))
				}
				status, gone := s.exited()
				if !gone || status != 3 {
					t.Fatalf("after %d broadcasts: exited=%v status=%d, want exit status 3", tt.n, gone, status)
				}
				s.close()
				if log := s.stderr.String(); !strings.Contains(log, "testnode: crashing on purpose\n") {
					t.Errorf("stderr lacks the crash line:\n%s", log)
				}
			})
		})
	}
}

func TestFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string // in stderr
	}{
		{[]string{"--gossip", "gossipy"}, `--gossip "gossipy": want one of anti-entropy, none, flood`},
		{[]string{"--misbehave", "bad-json,crash"}, `--misbehave "bad-json,crash": want one of none, bad-json,`},
		{[]string{"--interval", "0s"}, `--interval 0s: must be positive`},
		{[]string{"--crash-after", "0"}, `--crash-after 0: must be at least 1`},
		{[]string{"--", "--gossip", "flood"}, `unexpected argument "--gossip"`},
		{[]string{"--bogus"}, `flag provided but not defined: -bogus`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stderr strings.Builder
			var stdout strings.Builder
			status := Run(tt.args, strings.NewReader(""), &stdout, &stderr)
			if status != 2 {
				t.Errorf("exit status %d, want 2", status)
			}
			if !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("stderr %q should contain %q", stderr.String(), tt.want)
			}
			if stdout.Len() != 0 {
				t.Errorf("wrote to stdout: %q", stdout.String())
			}
		})
	}
}

func TestEmptyInputExitsCleanly(t *testing.T) {
	for _, mode := range gossipModes {
		var stdout, stderr strings.Builder
		if status := Run([]string{"--gossip", mode}, strings.NewReader(""), &stdout, &stderr); status != 0 {
			t.Errorf("--gossip %s: exit status %d on EOF, want 0 (stderr %q)", mode, status, stderr.String())
		}
	}
}
