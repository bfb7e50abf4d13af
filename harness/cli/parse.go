package cli

import (
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/deamondev/gossip-glomers-tutorial/harness/nodeid"
)

// maelstromCommands are Maelstrom's other sub-commands, which this harness
// does not have.
var maelstromCommands = []string{"analyze", "serve", "demo", "doc"}

// Parse reads a command line without the program name: the command "test",
// then options in any order as "--flag value" or "--flag=value". Words that
// are not options, and every word after "--", are arguments for the node.
// Each option is checked as it is read; the checks that involve several
// options (the node list, concurrency, latency shape, --bin) run at the end.
// Errors are *UsageError, or ErrHelp for -h/--help.
func Parse(args []string) (Options, error) {
	if len(args) == 0 {
		return Options{}, badFlag("", "missing command: the commands are test and journey (see --help)")
	}
	switch cmd := args[0]; {
	case cmd == "test":
	case cmd == "help" || cmd == "-h" || cmd == "--help":
		return Options{}, ErrHelp
	case slices.Contains(maelstromCommands, cmd):
		return Options{}, badFlag("", "%q is a Maelstrom command this harness does not have; the commands are test and journey", cmd)
	default:
		return Options{}, badFlag("", "unknown command %q; the commands are test and journey (see --help)", cmd)
	}
	return parse(args[1:], true)
}

// ParseInProcess reads the options of the test command, without the word
// "test", for a run whose node is a function in this process (package sim):
// the same flags, defaults and checks as Parse, except that there is no
// program to name, so --bin is refused.
func ParseInProcess(words []string) (Options, error) {
	return parse(words, false)
}

// parse reads the options after the command word. withBin says whether the
// node is a program named by --bin or a function in this process.
func parse(words []string, withBin bool) (Options, error) {
	if asksForHelp(words) {
		return Options{}, ErrHelp
	}

	p := &parser{
		opts: Options{
			TimeLimit:       DefaultTimeLimit,
			Rate:            DefaultRate,
			LatencyDist:     DefaultLatencyDist,
			NemesisInterval: DefaultNemesisInterval,
			Topology:        DefaultTopology,
			Store:           DefaultStore,
		},
		concurrency: DefaultConcurrency,
	}
	for i := 0; i < len(words); i++ {
		w := words[i]
		if w == "--" {
			p.opts.Args = append(p.opts.Args, words[i+1:]...)
			break
		}
		if !looksLikeOption(w) {
			p.opts.Args = append(p.opts.Args, w)
			continue
		}
		name, value, hasValue := strings.Cut(w, "=")
		f, err := lookup(name)
		if err != nil {
			return Options{}, err
		}
		if f.arg == "" {
			if hasValue {
				return Options{}, badFlag(name, "%s is a switch and takes no value (got %s)", name, w)
			}
		} else if !hasValue {
			if i+1 == len(words) || isFlag(words[i+1]) {
				return Options{}, badFlag(name, "%s needs a value: %s %s", name, name, f.arg)
			}
			i++
			value = words[i]
		}
		if err := f.set(p, value); err != nil {
			return Options{}, err
		}
	}
	return p.finish(withBin)
}

// asksForHelp reports whether -h or --help comes before any "--": help
// wins over every other problem on the line.
func asksForHelp(words []string) bool {
	for _, w := range words {
		switch w {
		case "--":
			return false
		case "-h", "--help":
			return true
		}
	}
	return false
}

// looksLikeOption reports whether a word is meant as an option. A lone "-"
// is an ordinary argument.
func looksLikeOption(w string) bool { return len(w) > 1 && w[0] == '-' }

// isFlag reports whether a word, seen where a value was expected, is really
// the next option: "--rate --latency 5" is missing a rate, while
// "--rate -1" has a (bad) rate.
func isFlag(w string) bool {
	if strings.HasPrefix(w, "--") {
		return true
	}
	name, _, _ := strings.Cut(w, "=")
	_, err := lookup(name)
	return err == nil
}

// finish applies the defaults and the checks that need the whole line.
func (p *parser) finish(withBin bool) (Options, error) {
	o := p.opts
	if o.Workload == "" {
		o.Workload = "broadcast"
	}

	var err error
	switch {
	case withBin:
		if o.Bin, err = resolveBin(p.bin); err != nil {
			return Options{}, err
		}
	case p.bin != "":
		return Options{}, badValue("--bin", p.bin, "the node runs as a function in this process here, so there is no program to name; leave --bin out")
	}

	if o.LatencyDist != "constant" && o.Latency == 0 {
		why := map[string]string{
			"uniform":     "Maelstrom would hang on the first message between nodes",
			"exponential": "Maelstrom would fail to start",
		}[o.LatencyDist]
		return Options{}, badValue("--latency-dist", o.LatencyDist,
			"needs --latency above 0 (the latency is 0 ms; %s)", why)
	}

	if p.nodeCount > 0 {
		o.Nodes = nodeid.Numbered(p.nodeCount)
	} else {
		nodes, err := p.nodeList()
		if err != nil {
			return Options{}, err
		}
		for _, n := range nodes {
			o.Nodes = append(o.Nodes, n.id)
		}
		if len(o.Nodes) == 0 {
			o.Nodes = slices.Clone(DefaultNodes)
		}
	}

	if o.Concurrency, err = threads(p.concurrency, len(o.Nodes)); err != nil {
		return Options{}, err
	}

	if !o.SeedGiven {
		o.Seed = rand.Uint64()
	}
	return o, nil
}

// nodeList gathers the nodes of --nodes-file, --nodes and --node, in that
// order, and checks them.
func (p *parser) nodeList() ([]namedNode, error) {
	var nodes []namedNode
	if p.nodesFile != "" {
		fromFile, err := readNodesFile(p.nodesFile)
		if err != nil {
			return nil, err
		}
		nodes = fromFile
	}
	for _, flag := range []string{"--nodes", "--node"} {
		for _, n := range p.nodes {
			if n.flag == flag {
				nodes = append(nodes, n)
			}
		}
	}
	return nodes, checkNodes(nodes)
}
