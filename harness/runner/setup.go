package runner

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/network"
	"github.com/deamondev/gossip-glomers-tutorial/harness/workload/broadcast"
)

// initNodes sends every node its init message, each through a client of
// its own (c0 for the first node, and so on), all at once, and waits up to
// 10 s for each init_ok. The clients are closed afterwards.
func (r *run) initNodes() error {
	nodes := r.cfg.Options.Nodes
	clients, err := r.callEach("init", broadcast.InitTimeout, func(id string) map[string]any {
		return map[string]any{"type": "init", "node_id": id, "node_ids": nodes}
	}, func(reply network.Reply) string {
		if reply.Message.Type() != "init_ok" {
			return "want init_ok"
		}
		return ""
	})
	for _, c := range clients {
		c.Close()
	}
	return err
}

// sendTopology gives every node the whole neighbour map, through one setup
// client per node (kept open until the end, as Maelstrom keeps them), and
// waits up to 5 s for each well-formed topology_ok.
func (r *run) sendTopology(topology map[string][]string) error {
	clients, err := r.callEach("topology", broadcast.RPCTimeout, func(string) map[string]any {
		return map[string]any{"type": "topology", "topology": topology}
	}, func(reply network.Reply) string {
		return broadcast.CheckReply(reply.Message.Body, "topology_ok")
	})
	r.setupClients = clients
	return err
}

// callEach opens one client per node, in node order, sends each node the
// body made for it, and waits for all the replies at once. check says what
// is wrong with a reply, or "".
func (r *run) callEach(what string, timeout time.Duration, body func(node string) map[string]any, check func(network.Reply) string) ([]*network.Client, error) {
	nodes := r.cfg.Options.Nodes
	clients := make([]*network.Client, len(nodes))
	for i := range nodes {
		clients[i] = r.net.NewClient()
	}
	errs := make([]error, len(nodes))
	var wg sync.WaitGroup
	for i, id := range nodes {
		wg.Go(func() {
			reply, err := clients[i].CallUntil(id, body(id), timeout, r.nodes[i].gone)
			switch {
			case errors.Is(err, network.ErrGone):
				errs[i] = fmt.Errorf("node %s exited before it answered its %s message, so the harness stopped waiting for it rather than wait out the %v timeout%s", id, what, timeout, see(r.nodeLog(id)))
			case errors.Is(err, network.ErrTimeout):
				errs[i] = fmt.Errorf("node %s did not answer its %s message within %v: it must reply on stdout with {\"type\":\"%s_ok\",\"in_reply_to\":1}%s", id, what, timeout, what, see(r.nodeLog(id)))
			case err != nil:
				errs[i] = fmt.Errorf("node %s: sending %s: %w", id, what, err)
			default:
				if problem := check(reply); problem != "" {
					errs[i] = fmt.Errorf("node %s answered %s with %s: %s", id, what, json.RawMessage(reply.Message.Body), problem)
				}
			}
		})
	}
	wg.Wait()
	return clients, errors.Join(errs...)
}
