package main

import (
	"math"

	"github.com/deamondev/gossip-glomers-tutorial/tools/drawio"
)

// diagrams are the blog's generated diagrams, by file name (without
// .drawio.svg). Coordinates are in pixels, from the top left.
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
	s := newSequence("Part 3a: one client, one node",
		actor{id: "c0", label: "c0 (client)", x: 60, client: true},
		actor{id: "n0", label: "n0", x: 420})
	s.send("c0", "n0", `topology {"n0": []}`)
	s.note("n0", 115, 150, "no neighbours:\nnothing to keep")
	s.send("n0", "c0", "topology_ok")
	s.send("c0", "n0", "broadcast {message: 7}")
	s.note("n0", 115, 150, "adds 7 to its set")
	s.send("n0", "c0", "broadcast_ok")
	s.send("c0", "n0", "read")
	s.note("n0", 115, 150, "lists its set")
	s.send("n0", "c0", "read_ok {messages: [7]}")
	return s.diagram()
}

// grid is 3b: Maelstrom's default topology for five nodes, rows of three
// (n0→[n3,n1], n1→[n4,n2,n0], n2→[n1], n3→[n0,n4], n4→[n1,n3]). Every
// link carries gossip both ways.
func grid() drawio.Diagram {
	const dx, dy, w = 200, 130, 80
	d := drawio.Diagram{
		Name: "Part 3b: the grid of five nodes",
		Nodes: []drawio.Node{
			{ID: "c0", Label: "client", X: -190, Y: 0, W: 100, Ellipse: true, Fill: clientFill},
			{ID: "note", Label: "a new value goes on to\nevery neighbour but the\none it came from, once", X: 2*dx - 30, Y: dy - 12, W: 170, H: 64, Fill: noteFill},
		},
		Edges: []drawio.Edge{{From: "c0", To: "n0", Label: "broadcast"}},
	}
	for k, id := range []string{"n0", "n1", "n2", "n3", "n4"} {
		d.Nodes = append(d.Nodes, drawio.Node{ID: id, Label: id, X: float64(k%3) * dx, Y: float64(k/3) * dy, W: w, Fill: nodeFill})
	}
	for _, link := range [][2]string{{"n0", "n1"}, {"n1", "n2"}, {"n0", "n3"}, {"n1", "n4"}, {"n3", "n4"}} {
		d.Edges = append(d.Edges, drawio.Edge{From: link[0], To: link[1], Label: "gossip", Both: true})
	}
	return d
}

// retryAcrossPartition is 3c: a gossip lost to a partition is sent again
// every retry interval until the peer acknowledges it.
func retryAcrossPartition() drawio.Diagram {
	const n1, n2 = 230, 650
	const bandW = 100
	bandX := (n1+n2)/2 - bandW/2.0
	s := newSequence("Part 3c: resending across a partition",
		actor{id: "n1", label: "n1", x: n1},
		actor{id: "n2", label: "n2", x: n2})
	s.lose("n1", bandX, bandW, "gossip [7]")
	s.note("n1", -140, 200, "7 is new: send it,\nkeep it pending")
	s.skip()
	s.note("n1", -140, 200, "no gossip_ok within the\nretry interval (1 s)")
	s.lose("n1", bandX, bandW, "gossip [7] again")
	s.note("n1", -140, 200, "still pending: resend")
	s.band("partition", "partition", 0, 2, bandX, bandW, lostFill)
	s.skip()
	s.note("n1", (n2-n1)/2, 130, "the network heals")
	s.send("n1", "n2", "gossip [7] again")
	s.note("n1", -140, 200, "one more interval:\nresend")
	s.note("n2", 110, 150, "stores 7, passes\nit on if new")
	s.send("n2", "n1", "gossip_ok [7]")
	s.note("n1", -140, 200, "acknowledged: 7 is not\npending, resends stop")
	return s.diagram()
}

// star is 3d: the hub n0 talks to every node and every other node to the
// hub only, so a value reaches everyone in two hops.
func star() drawio.Diagram {
	const cx, cy = 0, 0     // the hub's centre
	const rx, ry = 270, 175 // the ellipse the spokes sit on
	const w, h = 80, 36
	d := drawio.Diagram{
		Name: "Part 3d: the star",
		Nodes: []drawio.Node{
			{ID: "n0", Label: "n0 (hub)", X: cx - 50, Y: cy - 22, W: 100, H: 44, Fill: hubFill},
			{ID: "note", Label: "1, 2: the first and second hop of value 7\nevery gossip is answered by a gossip_ok (not drawn)", X: -165, Y: ry + 60, W: 330, H: 44, Fill: noteFill},
		},
	}
	leaves := []string{"n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9 … n24"}
	for k, label := range leaves {
		angle := -math.Pi/2 + float64(k)*2*math.Pi/float64(len(leaves))
		x, y := cx+rx*math.Cos(angle), cy+ry*math.Sin(angle)
		lw := float64(w)
		if k == len(leaves)-1 {
			lw = 110
		}
		id := label
		if k == len(leaves)-1 {
			id = "rest"
		}
		d.Nodes = append(d.Nodes, drawio.Node{ID: id, Label: label, X: math.Round(x - lw/2), Y: math.Round(y - h/2), W: lw, H: h, Fill: nodeFill})
		switch {
		case label == "n3":
			// The client's value enters at n3, which passes it to the hub.
			d.Nodes = append(d.Nodes, drawio.Node{ID: "c0", Label: "client", X: math.Round(x + 130), Y: math.Round(y - h/2), W: 90, H: h, Ellipse: true, Fill: clientFill})
			d.Edges = append(d.Edges,
				drawio.Edge{From: "c0", To: id, Label: "broadcast 7"},
				drawio.Edge{From: id, To: "n0", Label: "1: gossip [7]"})
		case id == "rest":
			d.Edges = append(d.Edges, drawio.Edge{From: "n0", To: id, Label: "2 (16 ×)"})
		default:
			d.Edges = append(d.Edges, drawio.Edge{From: "n0", To: id, Label: "2"})
		}
	}
	return d
}

// batcherFlow is 3e: how a value travels through the node's batcher to a
// peer, and what keeps it pending until the peer acknowledges it.
func batcherFlow() drawio.Diagram {
	const c0, c1, c2 = 0, 340, 660 // the columns' left edges
	const w, h2 = 250, 46          // width, and height of two-line boxes
	return drawio.Diagram{
		Name: "Part 3e: the batcher",
		Nodes: []drawio.Node{
			{ID: "handle", Label: "handleBroadcast, handleGossip:\nstore, forward the new values", X: c0, Y: 0, W: w, H: h2, Fill: codeFill},
			{ID: "pass", Label: "pass(peer, values)", X: c0, Y: 100, W: w, Fill: codeFill},
			{ID: "add", Label: "Batcher.Add(peer, values…):\nappend to batches[peer]", X: c0, Y: 190, W: w, H: h2, Fill: codeFill},
			{ID: "run", Label: "Batcher.run, on every tick:\ntake() empties the batches", X: c0, Y: 300, W: w, H: h2, Fill: codeFill},
			{ID: "ticker", Label: "time.Ticker\n(the batch interval)", X: c1, Y: 300, W: 200, H: h2, Fill: noteFill},
			{ID: "flushes", Label: "Flushes(): an unbuffered channel", X: c0, Y: 420, W: w, Fill: codeFill},
			{ID: "loop", Label: "flushLoop: handleFlush(ev)", X: c0, Y: 520, W: w, Fill: codeFill},
			{ID: "send", Label: "send(peer, values):\nmarkPending, then gossip", X: c1, Y: 517, W: 200, H: h2, Fill: codeFill},
			{ID: "peer", Label: "the peer", X: c2, Y: 520, W: 110, Fill: nodeFill},
			{ID: "ack", Label: "handleGossipOK:\npending cleared", X: c1, Y: 405, W: 200, H: h2, Fill: codeFill},
			{ID: "retry", Label: "retryLoop, every 1 s:\nresend what is still pending", X: c1, Y: 630, W: 200, H: h2, Fill: codeFill},
			{ID: "close", Label: "on shutdown, Close() returns\nthe batches not handed over", X: c0, Y: 630, W: w, H: h2, Fill: noteFill},
		},
		Edges: []drawio.Edge{
			{From: "handle", To: "pass", Label: "each neighbour but the sender"},
			{From: "pass", To: "add"},
			{From: "add", To: "run", Label: "batches"},
			{From: "ticker", To: "run", Label: "tick"},
			{From: "run", To: "flushes", Label: "one FlushEvent per peer"},
			{From: "flushes", To: "loop", Label: "receive"},
			{From: "loop", To: "send"},
			{From: "send", To: "peer", Label: "gossip [values]"},
			{From: "peer", To: "ack", Label: "gossip_ok [values]"},
			{From: "retry", To: "send", Label: "resend"},
			{From: "close", To: "loop", Label: "handleFlush"},
		},
	}
}

// piggyback is the step after 3e: a leaf sends its client's value to the
// hub at once, the hub's next flush carries it on, and every
// acknowledgement rides on a gossip going the other way, or goes alone when
// none has gone for ackDelay.
func piggyback() drawio.Diagram {
	const n3, n0, n7 = 170, 470, 770
	s := newSequence("After 3e: acknowledgements ride along",
		actor{id: "n3", label: "n3 (leaf)", x: n3},
		actor{id: "n0", label: "n0 (hub)", x: n0},
		actor{id: "n7", label: "n7 (leaf)", x: n7})
	s.send("n3", "n0", "gossip [7]")
	s.note("n3", -90, 150, "a client sent 7:\nsent at once, pending")
	s.skip()
	s.note("n0", 0, 220, "7 waits in the batches of every\nleaf but n3; n0 owes n3 its ack")
	s.send("n0", "n7", "gossip [5, 7, 8]")
	s.note("n7", 85, 140, "n7 owes n0\nthe ack of 5, 7, 8")
	s.send("n0", "n3", "gossip [5, 8], acks [7]")
	s.note("n3", -90, 150, "7 acknowledged:\nno longer pending")
	s.send("n7", "n0", "gossip [9], acks [5, 7, 8]")
	s.note("n7", 85, 140, "a client sent 9:\nthe acks ride along")
	s.skip()
	s.note("n3", -90, 150, "no value to send\nfor 2 s (ackDelay)")
	s.send("n3", "n0", "gossip_ok [5, 8]")
	s.note("n3", -90, 150, "the acks go alone")
	return s.diagram()
}
