package challenges

import (
	"fmt"
	"strings"
)

// MakeCommand is the make command that runs c against step for real, with
// extra harness flags (and the node's, after "--").
func MakeCommand(c Challenge, step string, extra []string) string {
	return fmt.Sprintf("make MODULE=%s WORKLOAD=%s ARGS=\"%s\"", step, c.Name, words(extra, '\''))
}

// SimCommand is the make command that runs c against step in simulation
// with one seed, as make sim prints it: the same run, event for event.
func SimCommand(c Challenge, step string, seed uint64, extra []string) string {
	cmd := fmt.Sprintf("make sim MODULE=%s WORKLOAD=%s SEED=%d", step, c.Name, seed)
	if len(extra) > 0 {
		cmd += fmt.Sprintf(" ARGS='%s'", words(extra, '"'))
	}
	return cmd
}

// words joins flags for a shell, quoting with q (the quote the whole is
// not in) each word that is empty or holds more than letters, digits and
// -_.,:/=.
func words(args []string, q rune) string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = a
		if a == "" || strings.IndexFunc(a, special) >= 0 {
			out[i] = string(q) + a + string(q)
		}
	}
	return strings.Join(out, " ")
}

func special(r rune) bool {
	return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("-_.,:/=", r))
}
