package judge

import (
	"strings"

	"github.com/deamondev/gossip-glomers-tutorial/harness/cli"
)

// mergeFlags applies the words a user adds to a run (make's ARGS) to the
// flags the run already has, so the command that runs, and the one echoed,
// holds each flag once. A flag of base given again in extra, as
// "--time-limit 10" or "--time-limit=10", takes the user's value in
// base's place; any other word is added after base; the node's arguments
// (the words after "--" in extra) come last, behind a single "--", which
// is left out when there are none.
//
// base is a list of "--flag value" pairs (a challenge's flags, --bin,
// --store); every flag in it takes a value, so in extra the word after
// such a flag is always its value.
func mergeFlags(base, extra []string) []string {
	out := append([]string(nil), base...)
	valueAt := make(map[string]int) // flag -> index of its value in out
	for i := 0; i+1 < len(base); i += 2 {
		valueAt[base[i]] = i + 1
	}
	var nodeArgs []string
	for i := 0; i < len(extra); i++ {
		w := extra[i]
		if w == "--" {
			nodeArgs = extra[i+1:]
			break
		}
		name, value, hasValue := strings.Cut(w, "=")
		at, known := valueAt[name]
		switch {
		case !known:
			out = append(out, w)
		case hasValue:
			out[at] = value
		case i+1 < len(extra):
			i++
			out[at] = extra[i]
		default:
			out = append(out, w) // no value: let the runner say so
		}
	}
	if len(nodeArgs) > 0 {
		out = append(append(out, "--"), nodeArgs...)
	}
	return out
}

// flagValue returns the value of flag in args as mergeFlags leaves them,
// or def when it is not there.
func flagValue(args []string, flag, def string) string {
	for i := 0; i+1 < len(args) && args[i] != "--"; i++ {
		if args[i] == flag {
			return args[i+1]
		}
	}
	return def
}

// withoutHarnessOnly takes out of a runner's flags those only the harness
// has (cli.HarnessOnly), with their values, and returns them apart. The
// node's flags, after "--", are the node's business and stay.
func withoutHarnessOnly(flags []string) (kept, left []string) {
	for i := 0; i < len(flags); i++ {
		w := flags[i]
		if w == "--" {
			return append(kept, flags[i:]...), left
		}
		ours, takesValue := cli.HarnessOnly(w)
		if !ours {
			kept = append(kept, w)
			continue
		}
		left = append(left, w)
		if takesValue && !strings.Contains(w, "=") && i+1 < len(flags) {
			i++
			left = append(left, flags[i])
		}
	}
	return kept, left
}
