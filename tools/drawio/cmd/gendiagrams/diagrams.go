package main

import (
	"math"

	"github.com/deamondev/gossip-glomers-tutorial/tools/drawio"
)

// diagrams are the blog's generated diagrams, by file name (without
// .drawio.svg). Coordinates are in pixels, from the top left. Each is
// drawn narrow and tall, to stay legible on a phone: run checks that.
var diagrams = map[string]drawio.Diagram{
	"broadcast-3a": singleNode(),
	"broadcast-3b": grid(),
	"broadcast-3c": retryAcrossPartition(),
	"broadcast-3d": star(),
	"broadcast-3e": batcherFlow(),

	"broadcast-piggyback": piggyback(),
}

// The colours: light fills under black text, on the white ground every
// diagram has, so they read the same on a light and on a dark page.
const (
	ink        = "#333333"
	clientFill = "#dae8fc" // Maelstrom's clients
	nodeFill   = "#d5e8d4" // our nodes
	hubFill    = "#ffe6cc" // the hub of the star
	noteFill   = "#fff2cc" // remarks
	lostFill   = "#f8cecc" // what a partition cuts
	codeFill   = "#e1d5e7" // a function or goroutine of the node
)

// singleNode is 3a: the three requests a client sends the only node,
// and the node's replies, in the order a run sends them.
func singleNode() drawio.Diagram {
	const c0, n0 = 60, 320
	const w = 170 // of the remarks
	s := newSequence("Part 3a: one client, one node",
		actor{id: "c0", label: "c0 (client)", x: c0, client: true},
		actor{id: "n0", label: "n0", x: n0})
	s.send("c0", "n0", `topology {"n0": []}`)
	s.note("n0", w, "no neighbours:\nnothing to keep")
	s.send("n0", "c0", "topology_ok")
	s.send("c0", "n0", "broadcast {message: 7}")
	s.note("n0", w, "adds 7 to its set")
	s.send("n0", "c0", "broadcast_ok")
	s.send("c0", "n0", "read")
	s.note("n0", w, "lists its set")
	s.send("n0", "c0", "read_ok {messages: [7]}")
	return s.diagram()
}

// grid is 3b: the way of one value through Maelstrom's default topology
// for five nodes, rows of three (n0→[n3,n1], n1→[n4,n2,n0], n2→[n1],
// n3→[n0,n4], n4→[n1,n3]). Each node passes a value it did not have to
// every neighbour but the one it came from, so a value costs
// 2 × 5 links − 4 = 6 gossip messages: every one of them is drawn, with
// the hop it is sent on (broadcast-3b's cluster test counts them).
func grid() drawio.Diagram {
	const dx, dy, w, h = 170, 130, 64, 36
	at := func(k int) (float64, float64) { return float64(k%3) * dx, 90 + float64(k/3)*dy }
	d := drawio.Diagram{
		Name: "Part 3b: one value through the grid of five nodes",
		Nodes: []drawio.Node{
			{ID: "c0", Label: "client", X: -18, Y: 0, W: 100, H: h, Ellipse: true, Fill: clientFill},
			{ID: "note", Label: "1, 2, 3: the hop each gossip is sent on.\n" +
				"n4 hears 7 from n1 and from n3, and passes\n" +
				"it on once: to n3, as n1's came first here.\n" +
				"6 gossip messages: each node passes 7 on\n" +
				"once, to every neighbour but its sender.",
				X: -10, Y: 90 + dy + h + 40, W: 2*dx + w + 20, H: 100, Fill: noteFill},
		},
		Edges: []drawio.Edge{
			{From: "c0", To: "n0", Label: "broadcast 7"},
			{From: "n0", To: "n1", Label: "1"},
			{From: "n0", To: "n3", Label: "1"},
			{From: "n1", To: "n2", Label: "2"},
			{From: "n1", To: "n4", Label: "2"},
			{From: "n3", To: "n4", Label: "2", Shift: 6},
			{From: "n4", To: "n3", Label: "3", Shift: 6, Flip: true},
		},
	}
	for k, id := range []string{"n0", "n1", "n2", "n3", "n4"} {
		x, y := at(k)
		d.Nodes = append(d.Nodes, drawio.Node{ID: id, Label: id, X: x, Y: y, W: w, H: h, Fill: nodeFill})
	}
	return d
}

// retryAcrossPartition is 3c: a gossip lost to a partition is sent again
// every retry interval until the peer acknowledges it.
func retryAcrossPartition() drawio.Diagram {
	const n1, n2 = 55, 395
	const bandW, bandX = 90, n2 - 12 - 90
	const w = bandX - n1 - 2*noteSide // of n1's remarks, left of the band
	s := newSequence("Part 3c: resending across a partition",
		actor{id: "n1", label: "n1", x: n1},
		actor{id: "n2", label: "n2", x: n2})
	top := s.mark()
	s.lose("n1", bandX+10, bandW-20, "gossip [7]")
	s.note("n1", w, "7 is new: send it,\nkeep it pending")
	s.note("n1", w, "no gossip_ok within\nthe retry interval (1 s)")
	s.lose("n1", bandX+10, bandW-20, "gossip [7] again")
	s.note("n1", w, "still pending: resend")
	s.band("partition", "partition", top, bandX, bandW, lostFill)
	s.noteAt(n1+noteSide, n2-n1-2*noteSide, "the network heals")
	s.note("n1", w, "one more interval: resend")
	s.send("n1", "n2", "gossip [7] again")
	s.note("n2", 180, "stores 7, passes it on\nif it is new")
	s.send("n2", "n1", "gossip_ok [7]")
	s.note("n1", w, "acknowledged: 7 is not\npending, resends stop")
	return s.diagram()
}

// star is 3d: the hub n0 talks to every node and every other node to the
// hub only, so a value reaches everyone in two hops. The leaves sit on
// an upright ellipse, n3 at the top, where the client's value enters.
func star() drawio.Diagram {
	const rx, ry = 150, 175 // the ellipse the leaves sit on, around the hub at 0, 0
	const w, h = 64, 34
	d := drawio.Diagram{
		Name: "Part 3d: the star",
		Nodes: []drawio.Node{
			{ID: "n0", Label: "n0 (hub)", X: -45, Y: -22, W: 90, H: 44, Fill: hubFill},
			{ID: "c0", Label: "client", X: -50, Y: -ry - h/2 - 90, W: 100, H: h, Ellipse: true, Fill: clientFill},
			{ID: "note", Label: "1: n3 gossips 7 to the hub.\n2: the hub gossips it to the others.\nEach gossip is answered by a\ngossip_ok, not drawn.",
				X: -150, Y: ry + 50, W: 300, H: 84, Fill: noteFill},
		},
		Edges: []drawio.Edge{{From: "c0", To: "n3", Label: "broadcast 7"}},
	}
	leaves := []string{"n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9 … n24"}
	for k, label := range leaves {
		angle := -math.Pi/2 + float64(k-2)*2*math.Pi/float64(len(leaves))
		x, y := rx*math.Cos(angle), ry*math.Sin(angle)
		id, lw := label, float64(w)
		if k == len(leaves)-1 {
			id, lw = "rest", 90
		}
		d.Nodes = append(d.Nodes, drawio.Node{ID: id, Label: label, X: math.Round(x - lw/2), Y: math.Round(y - h/2), W: lw, H: h, Fill: nodeFill})
		switch id {
		case "n3":
			d.Edges = append(d.Edges, drawio.Edge{From: id, To: "n0", Label: "1"})
		case "rest":
			d.Edges = append(d.Edges, drawio.Edge{From: "n0", To: id, Label: "2 (×16)"})
		default:
			d.Edges = append(d.Edges, drawio.Edge{From: "n0", To: id, Label: "2"})
		}
	}
	return d
}

// batcherFlow is 3e: how a value travels through the node's batcher to a
// peer, and what keeps it pending until the peer acknowledges it. The
// way of a value runs down the left column; what drives it stands on the
// right.
func batcherFlow() drawio.Diagram {
	const left, right = 0, 240 // the columns' left edges
	const lw, rw = 200, 180    // their widths
	const h1, h2, h3 = 36, 52, 70
	return drawio.Diagram{
		Name: "Part 3e: the batcher",
		Nodes: []drawio.Node{
			{ID: "handle", Label: "handleBroadcast,\nhandleGossip: store,\nforward the new values", X: left, Y: 0, W: lw, H: h3, Fill: codeFill},
			{ID: "pass", Label: "pass(peer, values)", X: left, Y: 130, W: lw, H: h1, Fill: codeFill},
			{ID: "add", Label: "Batcher.Add(peer,\nvalues…): append\nto batches[peer]", X: left, Y: 216, W: lw, H: h3, Fill: codeFill},
			{ID: "run", Label: "Batcher.run, every\ntick: take() empties\nthe batches", X: left, Y: 336, W: lw, H: h3, Fill: codeFill},
			{ID: "ticker", Label: "time.Ticker (the\nbatch interval)", X: right, Y: 345, W: rw, H: h2, Fill: noteFill},
			{ID: "flushes", Label: "Flushes(): an\nunbuffered channel", X: left, Y: 466, W: lw, H: h2, Fill: codeFill},
			{ID: "close", Label: "on shutdown, Close()\nreturns the batches\nnot handed over", X: right, Y: 459, W: rw, H: h3, Fill: noteFill},
			{ID: "loop", Label: "flushLoop:\nhandleFlush(ev)", X: left, Y: 578, W: lw, H: h2, Fill: codeFill},
			{ID: "ack", Label: "handleGossipOK:\npending cleared", X: right, Y: 578, W: rw, H: h2, Fill: codeFill},
			{ID: "send", Label: "send(peer, values):\nmarkPending, then\ngossip", X: left, Y: 690, W: lw, H: h3, Fill: codeFill},
			{ID: "peer", Label: "the peer", X: right + 40, Y: 707, W: rw - 80, H: h1, Fill: nodeFill},
			{ID: "retry", Label: "retryLoop, every 1 s:\nresend what is\nstill pending", X: right, Y: 820, W: rw, H: h3, Fill: codeFill},
		},
		Edges: []drawio.Edge{
			{From: "handle", To: "pass", Label: "each neighbour\nbut the sender"},
			{From: "pass", To: "add"},
			{From: "add", To: "run", Label: "batches"},
			{From: "ticker", To: "run", Label: "tick"},
			{From: "run", To: "flushes", Label: "one FlushEvent\nper peer"},
			{From: "flushes", To: "loop", Label: "receive"},
			{From: "loop", To: "send"},
			{From: "send", To: "peer", Label: "gossip\n[values]"},
			{From: "peer", To: "ack", Label: "gossip_ok\n[values]"},
			{From: "retry", To: "send", Label: "resend", Flip: true},
			{From: "close", To: "loop"},
		},
	}
}

// piggyback is the step after 3e: a leaf sends its client's value to the
// hub at once, the hub's next flush carries it on, and every
// acknowledgement rides on a gossip going the other way, or goes alone when
// none has gone for ackDelay.
func piggyback() drawio.Diagram {
	const n3, n0, n7 = 45, 220, 395
	const w = n0 - n3 - 2*noteSide // of a remark between two lifelines
	s := newSequence("After 3e: acknowledgements ride along",
		actor{id: "n3", label: "n3 (leaf)", x: n3},
		actor{id: "n0", label: "n0 (hub)", x: n0},
		actor{id: "n7", label: "n7 (leaf)", x: n7})
	s.send("n3", "n0", "gossip [7]")
	s.note("n3", w, "a client sent 7:\nsent at once,\nkept pending")
	s.noteAt(n0+noteSide, w, "7 waits for the\nnext flush; n0\nowes n3 an ack")
	s.send("n0", "n7", "gossip [5, 7, 8]")
	s.note("n7", w, "n7 owes n0 the\nacks of 5, 7, 8")
	s.send("n0", "n3", "gossip [5, 8]\nacks [7]")
	s.note("n3", w, "7 acknowledged:\nno longer pending")
	s.send("n7", "n0", "gossip [9]\nacks [5, 7, 8]")
	s.note("n7", w, "a client sent 9:\nthe acks ride\nalong with it")
	s.note("n3", w, "nothing to send\nfor ackDelay")
	s.send("n3", "n0", "gossip_ok [5, 8]")
	s.note("n3", w, "the acks go alone")
	return s.diagram()
}
