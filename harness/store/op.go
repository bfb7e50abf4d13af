package store

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
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
	slices.SortFunc(nodes, compareNodes)
	m := make(omap, 0, len(nodes))
	for _, node := range nodes {
		peers := slices.Clone(g[node])
		slices.SortFunc(peers, compareNodes)
		peers = slices.Compact(peers)
		s := make(set, len(peers))
		for i, p := range peers {
			s[i] = p
		}
		m = append(m, entry{node, s})
	}
	return m
}

// compareNodes orders ids like n2 before n10: letters-and-number ids by
// their letters, then their number; any other id after them, as text.
func compareNodes(a, b string) int {
	pa, na, okA := splitID(a)
	pb, nb, okB := splitID(b)
	switch {
	case okA && okB:
		return cmp.Or(cmp.Compare(pa, pb), cmp.Compare(na, nb), strings.Compare(a, b))
	case okA:
		return -1
	case okB:
		return 1
	}
	return strings.Compare(a, b)
}

// splitID splits an id such as n12 into its letters and its number.
func splitID(id string) (string, int, bool) {
	i := strings.IndexFunc(id, func(r rune) bool { return '0' <= r && r <= '9' })
	if i <= 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(id[i:])
	if err != nil {
		return "", 0, false
	}
	return id[:i], n, true
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
