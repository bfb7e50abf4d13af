package store

import (
	"fmt"
	"slices"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
	"github.com/deamondev/gossip-glomers-tutorial/harness/nodeid"
)

// opTree lays an op out in the field order of Jepsen's op record, followed
// by the optional keys that are set.
func opTree(op history.Op) (omap, error) {
	value, err := valueTree(op.Value)
	if err != nil {
		return nil, fmt.Errorf("op %d: :value: %w", op.Index, err)
	}
	m := omap{}.
		add("index", op.Index).
		add("time", op.Time.Nanoseconds()).
		add("type", keyword(op.Type)).
		add("process", processTree(op.Process)).
		add("f", keyword(op.F)).
		add("value", value)
	if op.Final {
		m = m.add("final?", true)
	}
	if op.Error != nil {
		e, err := errorTree(*op.Error)
		if err != nil {
			return nil, fmt.Errorf("op %d: :error: %w", op.Index, err)
		}
		m = m.add("error", e)
	}
	if op.Exception != "" {
		m = m.add("exception", op.Exception)
	}
	return m, nil
}

func processTree(p int) any {
	if p == history.NemesisProcess {
		return keyword("nemesis")
	}
	return p
}

// valueTree accepts exactly the value types history.Op documents.
func valueTree(v any) (any, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case int:
		return v, nil
	case []int:
		out := make(vector, len(v))
		for i, x := range v {
			out[i] = x
		}
		return out, nil
	case history.Keyword:
		return keyword(v), nil
	case history.Isolated:
		return vector{keyword("isolated"), grudgeTree(v.Grudge)}, nil
	}
	return nil, fmt.Errorf("unsupported value type %T", v)
}

// grudgeTree sorts the nodes and each set of peers so the files are the
// same from run to run; repeated peers are dropped because EDN sets may not
// hold duplicates.
func grudgeTree(g history.Grudge) omap {
	nodes := make([]string, 0, len(g))
	for node := range g {
		nodes = append(nodes, node)
	}
	slices.SortFunc(nodes, nodeid.Compare)
	m := make(omap, 0, len(nodes))
	for _, node := range nodes {
		peers := slices.Clone(g[node])
		slices.SortFunc(peers, nodeid.Compare)
		peers = slices.Compact(peers)
		s := make(set, len(peers))
		for i, p := range peers {
			s[i] = p
		}
		m = append(m, entry{node, s})
	}
	return m
}

// errorTree writes an op's :error as Maelstrom's client does.
func errorTree(e history.Error) (any, error) {
	switch e.Kind {
	case history.Timeout:
		return keyword("net-timeout"), nil
	case history.Reply:
		if e.Name == "" {
			return nil, fmt.Errorf("reply error with code %d has no name", e.Code)
		}
		return vector{keyword(e.Name), e.Text}, nil
	case history.Malformed:
		return "indeterminate: Malformed RPC response. " + e.Text, nil
	}
	return nil, fmt.Errorf("unknown error kind %d", e.Kind)
}

// optionalOp is an op's tree, or nil when there is no op.
func optionalOp(op *history.Op) (any, error) {
	if op == nil {
		return nil, nil
	}
	return opTree(*op)
}
