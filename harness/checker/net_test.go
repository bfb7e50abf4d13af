package checker

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
)

// netLog builds a journal message by message: each one is sent and, unless
// dropped, received.
type netLog struct {
	events []journal.Event
	next   int
}

func (l *netLog) deliver(src, dest, typ string) { l.route(src, dest, typ, true) }
func (l *netLog) drop(src, dest, typ string)    { l.route(src, dest, typ, false) }

func (l *netLog) route(src, dest, typ string, delivered bool) {
	m := &journal.Message{ID: l.next, Src: src, Dest: dest, Body: []byte(`{"type":"` + typ + `"}`)}
	l.next++
	l.events = append(l.events, journal.Event{Kind: journal.Send, Message: m})
	if delivered {
		l.events = append(l.events, journal.Event{Kind: journal.Recv, Message: m})
	}
}

// rpc is a request and its reply.
func (l *netLog) rpc(client, node, typ string) {
	l.deliver(client, node, typ)
	l.deliver(node, client, typ+"_ok")
}

// invocations is a history of n client ops, each invoked and completed ok,
// with a nemesis pair that must not count.
func invocations(n int) history.History {
	ops := []history.Op{
		op(0, nem, inv, history.StartPartition, nil),
		op(0, nem, info, history.StartPartition, history.Keyword("majority")),
	}
	for i := range n {
		ops = append(ops, op(int64(i), 0, inv, read, nil), op(int64(i), 0, ok, read, []int{}))
	}
	return hist(ops...)
}

func perOp(t *testing.T, name string, got *float32, want string) {
	t.Helper()
	if got == nil {
		t.Errorf("%s msgs-per-op is missing, want %s", name, want)
		return
	}
	if s := strconv.FormatFloat(float64(*got), 'g', -1, 32); s != want {
		t.Errorf("%s msgs-per-op = %s, want %s", name, s, want)
	}
}

// TestNetSpecArithmetic works Maelstrom's arithmetic (net/checker.clj) by
// hand: three nodes, six client ops, one server message lost to a
// partition, which counts as sent but not received.
func TestNetSpecArithmetic(t *testing.T) {
	var l netLog
	nodes := []string{"n0", "n1", "n2"}
	for i, n := range nodes {
		l.rpc(fmt.Sprintf("c%d", i), n, "init")
	}
	for i, n := range nodes {
		l.rpc(fmt.Sprintf("c%d", 3+i), n, "topology")
	}
	l.rpc("c6", "n0", "broadcast")
	l.deliver("n0", "n1", "broadcast")
	l.deliver("n0", "n2", "broadcast")
	l.rpc("c7", "n1", "broadcast")
	l.deliver("n1", "n0", "broadcast")
	l.deliver("n1", "n2", "broadcast")
	l.drop("n1", "n2", "broadcast") // a retry into a partition
	l.rpc("c8", "n2", "read")
	for i, n := range nodes {
		l.rpc(fmt.Sprintf("c%d", 6+i), n, "read")
	}
	if len(l.events) != 29+28 {
		t.Fatalf("built %d events, want 57", len(l.events))
	}

	got := CheckNet(l.events, invocations(6))
	check := func(name string, g NetGroup, send, recv, msgs int) {
		t.Helper()
		if g.SendCount != send || g.RecvCount != recv || g.MsgCount != msgs {
			t.Errorf("%s = %d sent, %d received, %d messages; want %d, %d, %d",
				name, g.SendCount, g.RecvCount, g.MsgCount, send, recv, msgs)
		}
	}
	check("all", got.All, 29, 28, 29)
	check("clients", got.Clients, 24, 24, 24)
	check("servers", got.Servers, 5, 4, 5)
	if *got.All.MsgsPerOp != float32(4.8333335) || *got.Servers.MsgsPerOp != float32(0.8333333) {
		t.Errorf("msgs-per-op all %v, servers %v", *got.All.MsgsPerOp, *got.Servers.MsgsPerOp)
	}
	perOp(t, "all", got.All.MsgsPerOp, "4.8333335")
	perOp(t, "servers", got.Servers.MsgsPerOp, "0.8333333")
	if got.Clients.MsgsPerOp != nil {
		t.Errorf("clients msgs-per-op = %v, want none", *got.Clients.MsgsPerOp)
	}
	if got.Valid != Valid {
		t.Errorf("net is %v, want valid", got.Valid)
	}
}

// TestNetGoldenRatios feeds message totals through CheckNet: a worked
// 5-node example, and the totals of real Maelstrom runs from public logs
// (each printed its ratios as Java prints a float).
func TestNetGoldenRatios(t *testing.T) {
	tests := []struct {
		name                 string
		clientMsgs, nodeMsgs int
		ops                  int
		all, servers         string
	}{
		{"5-node example", 420, 392, 200, "4.06", "1.96"},
		{"3a, 193 ops", 390, 0, 193, "2.0207255", "0"},
		{"3a, 200 ops", 404, 0, 200, "2.02", "0"},
		{"3d, 25 nodes", 4056, 49884, 1978, "27.26997", "25.219414"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l netLog
			for range tt.clientMsgs {
				l.deliver("c1", "n0", "read")
			}
			for range tt.nodeMsgs {
				l.deliver("n0", "n1", "gossip")
			}
			got := CheckNet(l.events, invocations(tt.ops))
			perOp(t, "all", got.All.MsgsPerOp, tt.all)
			perOp(t, "servers", got.Servers.MsgsPerOp, tt.servers)
			if got.Clients.MsgCount != tt.clientMsgs || got.Servers.MsgCount != tt.nodeMsgs ||
				got.All.MsgCount != tt.clientMsgs+tt.nodeMsgs {
				t.Errorf("message counts %+v", got)
			}
		})
	}
}

func TestRatio32(t *testing.T) {
	tests := []struct {
		a, b int
		want float32
	}{
		{29, 6, 4.8333335},
		{5, 6, 0.8333333},
		{812, 200, 4.06},
		{392, 200, 1.96},
		{390, 193, 2.0207255},
		{49884, 1978, 25.219414},
		{53940, 1978, 27.26997},
		{0, 7, 0},
		{4, 2, 2},
	}
	for _, tt := range tests {
		if got := ratio32(tt.a, tt.b); got != tt.want {
			t.Errorf("ratio32(%d, %d) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestNetNoOps(t *testing.T) {
	var l netLog
	l.rpc("c0", "n0", "init")
	got := CheckNet(l.events, hist(op(0, nem, info, history.StartPartition, nil)))
	if got.All.MsgsPerOp != nil || got.Servers.MsgsPerOp != nil || got.Clients.MsgsPerOp != nil {
		t.Errorf("msgs-per-op present without any client op: %+v", got)
	}
	if got.All.MsgCount != 2 || got.Clients.SendCount != 2 || got.Servers != (NetGroup{}) {
		t.Errorf("counts %+v", got)
	}
}

// TestNetGroups checks the split by first letter and that msg-count counts
// ids, not events.
func TestNetGroups(t *testing.T) {
	m := func(id int, src, dest string) *journal.Message {
		return &journal.Message{ID: id, Src: src, Dest: dest}
	}
	client := m(0, "n1", "c2") // to a client
	self := m(1, "n1", "n1")
	service := m(2, "n1", "lin-kv")
	events := []journal.Event{
		{Kind: journal.Send, Message: client},
		{Kind: journal.Recv, Message: client},
		{Kind: journal.Send, Message: self},
		{Kind: journal.Send, Message: service},
		{Kind: journal.Recv, Message: service},
		{Kind: journal.Recv, Message: service}, // a repeated event of one message
		{Kind: journal.Send},                   // no message: skipped
	}
	got := CheckNet(events, invocations(1))
	want := Net{
		All:     NetGroup{SendCount: 3, RecvCount: 3, MsgCount: 3},
		Clients: NetGroup{SendCount: 1, RecvCount: 1, MsgCount: 1},
		Servers: NetGroup{SendCount: 2, RecvCount: 2, MsgCount: 2},
	}
	got.All.MsgsPerOp, got.Servers.MsgsPerOp = nil, nil
	if got != want {
		t.Errorf("CheckNet = %+v, want %+v", got, want)
	}
}
