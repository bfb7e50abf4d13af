package runner

import (
	"sync"

	"github.com/deamondev/gossip-glomers-tutorial/harness/generator"
	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
	"github.com/deamondev/gossip-glomers-tutorial/harness/network"
	"github.com/deamondev/gossip-glomers-tutorial/harness/workload/broadcast"
)

// workers holds each client thread's network client. Thread k always talks
// to node k mod n. A thread whose op ended :info gets a new process, and
// with it a new client: the old one may still get a late reply.
type workers struct {
	net   *network.Network
	nodes []string

	mu      sync.Mutex
	clients map[int]*network.Client // by thread
	process map[int]int             // the process each client serves
}

func newWorkers(net *network.Network, nodes []string) *workers {
	return &workers{net: net, nodes: nodes, clients: map[int]*network.Client{}, process: map[int]int{}}
}

// invoke runs one op on its thread's client. Each thread calls it from its
// own goroutine, one op at a time.
func (w *workers) invoke(inv generator.Invocation) history.Completion {
	c := w.client(inv.Thread, inv.Process)
	node := w.nodes[inv.Thread%len(w.nodes)]
	if inv.F == history.Broadcast {
		return broadcast.Broadcast(c, node, inv.Value.(int))
	}
	return broadcast.Read(c, node)
}

func (w *workers) client(thread, process int) *network.Client {
	w.mu.Lock()
	defer w.mu.Unlock()
	c, ok := w.clients[thread]
	if ok && w.process[thread] == process {
		return c
	}
	if ok {
		c.Close()
	}
	c = w.net.NewClient()
	w.clients[thread] = c
	w.process[thread] = process
	return c
}
