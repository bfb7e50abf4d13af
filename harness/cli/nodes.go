package cli

import (
	"os"
	"slices"
	"strings"
)

// services are the endpoints every Maelstrom run registers beside the
// nodes; a node with one of these names would collide with them.
var services = []string{"lin-kv", "seq-kv", "lww-kv", "lin-tso"}

// namedNode is a node id and the flag it came from, so a bad name can be
// traced back to where it was typed.
type namedNode struct {
	id   string
	flag string
}

// readNodesFile reads --nodes-file: one node id per line, blank lines skipped.
func readNodesFile(path string) ([]namedNode, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, badValue("--nodes-file", path, "cannot read it: %v", err)
	}
	var nodes []namedNode
	for line := range strings.Lines(string(data)) {
		if id := strings.TrimSpace(line); id != "" {
			nodes = append(nodes, namedNode{id, "--nodes-file"})
		}
	}
	return nodes, nil
}

// checkNodes rejects node lists Maelstrom would accept but then mishandle:
// an id starting with "c" is taken for a client, a service name or a
// repeated id would make two endpoints share one address.
func checkNodes(nodes []namedNode) error {
	seen := make(map[string]bool)
	for _, n := range nodes {
		switch {
		case n.id == "":
			return badValue(n.flag, n.id, "a node id cannot be empty")
		case strings.HasPrefix(n.id, "c"):
			return badValue(n.flag, n.id, "a node id cannot start with c: ids starting with c are clients")
		case slices.Contains(services, n.id):
			return badValue(n.flag, n.id, "is the name of a built-in service (%s)", strings.Join(services, ", "))
		case seen[n.id]:
			return badValue(n.flag, n.id, "names the same node twice")
		}
		seen[n.id] = true
	}
	return nil
}
