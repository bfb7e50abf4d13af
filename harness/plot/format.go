package plot

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

// formatValue prints an op's value the way history.edn shows it.
func formatValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "nil"
	case int:
		return strconv.Itoa(v)
	case []int:
		parts := make([]string, len(v))
		for i, n := range v {
			parts[i] = strconv.Itoa(n)
		}
		return "[" + strings.Join(parts, " ") + "]"
	case history.Keyword:
		return ":" + string(v)
	case history.Isolated:
		return "[:isolated " + formatGrudge(v.Grudge) + "]"
	case string:
		return strconv.Quote(v)
	default:
		return fmt.Sprint(v)
	}
}

// formatGrudge prints a grudge with its nodes sorted, so it reads the same
// every time.
func formatGrudge(g history.Grudge) string {
	nodes := make([]string, 0, len(g))
	for n := range g {
		nodes = append(nodes, n)
	}
	slices.Sort(nodes)
	parts := make([]string, len(nodes))
	for i, n := range nodes {
		from := slices.Sorted(slices.Values(g[n]))
		quoted := make([]string, len(from))
		for j, f := range from {
			quoted[j] = strconv.Quote(f)
		}
		parts[i] = strconv.Quote(n) + " #{" + strings.Join(quoted, " ") + "}"
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// formatError prints an op's :error.
func formatError(e *history.Error) string {
	switch e.Kind {
	case history.Timeout:
		name := e.Name
		if name == "" {
			name = "net-timeout"
		}
		return ":" + name
	case history.Reply:
		return "[:" + e.Name + " " + strconv.Quote(e.Text) + "]"
	default:
		return e.Text
	}
}
