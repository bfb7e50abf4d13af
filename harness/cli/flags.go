package cli

import (
	"slices"
	"strings"
)

// flag is one option of the test command. The table below drives both the
// parser and the help text, so a flag cannot be accepted yet undocumented.
type flag struct {
	long  string // "--rate"
	short string // "-w", or ""
	arg   string // name of its value in the help text; "" for a switch
	def   string // default as shown in the help text; "" when none
	help  string
	ours  bool                            // only this harness has it: Maelstrom would refuse it
	set   func(p *parser, v string) error // v is "" for a switch
}

// parser is the state of one Parse call: the options so far and the raw
// values that can only be checked once every flag has been read.
type parser struct {
	opts        Options
	bin         string
	nodeCount   int
	nodes       []namedNode // from --nodes and --node, in order
	nodesFile   string
	concurrency string
}

// flags lists every option, in the order the help text shows them.
var flags = []flag{
	{long: "--workload", short: "-w", arg: "NAME", def: "broadcast",
		help: "Workload to run. Only broadcast is supported, so -w may be left out.",
		set: func(p *parser, v string) (err error) {
			p.opts.Workload, err = workload(v)
			return err
		}},
	{long: "--bin", arg: "FILE", def: "required",
		help: "The node program to test. It is started as FILE followed by the extra arguments.",
		set: func(p *parser, v string) error {
			if v == "" {
				return badValue("--bin", v, "the path is empty")
			}
			p.bin = v
			return nil
		}},
	{long: "--node-count", arg: "NUM",
		help: "Number of nodes, named n0 … n{NUM-1}. Overrides --node, --nodes and --nodes-file.",
		set: func(p *parser, v string) error {
			n, err := positiveInt("--node-count", v)
			if err == nil && n > 100000 {
				err = badValue("--node-count", v, "is too large (at most 100000)")
			}
			p.nodeCount = int(n)
			return err
		}},
	{long: "--node", short: "-n", arg: "ID", def: "n1 … n5",
		help: "Add one node. May be given many times. Used only without --node-count.",
		set: func(p *parser, v string) error {
			p.nodes = append(p.nodes, namedNode{v, "--node"})
			return nil
		}},
	{long: "--nodes", arg: "IDS",
		help: "Comma-separated node ids. Used only without --node-count.",
		set: func(p *parser, v string) error {
			p.nodes = slices.DeleteFunc(p.nodes, func(n namedNode) bool { return n.flag == "--nodes" })
			for _, id := range nodeList(v) {
				p.nodes = append(p.nodes, namedNode{id, "--nodes"})
			}
			return nil
		}},
	{long: "--nodes-file", arg: "FILE",
		help: "File with one node id per line. Used only without --node-count.",
		set: func(p *parser, v string) error {
			p.nodesFile = v
			return nil
		}},
	{long: "--concurrency", arg: "NUM", def: DefaultConcurrency,
		help: "Client worker threads. NUMn means NUM per node, so 2n with 25 nodes is 50.",
		set: func(p *parser, v string) (err error) {
			p.concurrency, err = concurrency("--concurrency", v)
			return err
		}},
	{long: "--time-limit", arg: "SECONDS", def: "60",
		help: "Length of the main phase in whole seconds. The run takes about 10-20 s longer.",
		set: func(p *parser, v string) (err error) {
			p.opts.TimeLimit, err = seconds("--time-limit", v)
			return err
		}},
	{long: "--rate", arg: "RATE", def: "5",
		help: "Client operations per second, all threads together. 0 sends none.",
		set: func(p *parser, v string) (err error) {
			p.opts.Rate, err = rate("--rate", v)
			return err
		}},
	{long: "--latency", arg: "MILLIS", def: "0",
		help: "Mean latency of messages between nodes, whole milliseconds. Client messages have none.",
		set: func(p *parser, v string) (err error) {
			p.opts.Latency, err = millis("--latency", v)
			return err
		}},
	{long: "--latency-dist", arg: "DIST", def: DefaultLatencyDist,
		help: "Shape of the latency: " + strings.Join(LatencyDists, ", ") + ". uniform and exponential need --latency above 0.",
		set: func(p *parser, v string) (err error) {
			p.opts.LatencyDist, err = oneOf("--latency-dist", v, LatencyDists)
			return err
		}},
	{long: "--nemesis", arg: "FAULTS", def: "none",
		help: "Comma-separated faults to inject. The only fault is partition.",
		set: func(p *parser, v string) (err error) {
			p.opts.Nemesis, err = faults("--nemesis", v)
			return err
		}},
	{long: "--nemesis-interval", arg: "SECONDS", def: "10",
		help: "Mean seconds between nemesis operations; decimals and ratios like 1/2 are fine.",
		set: func(p *parser, v string) (err error) {
			p.opts.NemesisInterval, err = interval("--nemesis-interval", v)
			return err
		}},
	{long: "--topology", arg: "NAME", def: DefaultTopology,
		help: "Topology sent to the nodes: " + strings.Join(Topologies, ", ") + ".",
		set: func(p *parser, v string) (err error) {
			p.opts.Topology, err = oneOf("--topology", v, Topologies)
			return err
		}},
	{long: "--availability", arg: "EXPECTED",
		help: "Fail the run unless enough ops succeed: total (all of them) or a fraction from 0 to 1.",
		set: func(p *parser, v string) (err error) {
			p.opts.Availability, err = availability("--availability", v)
			return err
		}},
	{long: "--log-stderr",
		help: "Also print every line a node writes to stderr on the console. It is always kept in the node's log file.",
		set:  func(p *parser, _ string) error { p.opts.LogStderr = true; return nil }},
	{long: "--log-net-send",
		help: "Log every message when a node or client sends it.",
		set:  func(p *parser, _ string) error { p.opts.LogNetSend = true; return nil }},
	{long: "--log-net-recv",
		help: "Log every message when it is delivered.",
		set:  func(p *parser, _ string) error { p.opts.LogNetRecv = true; return nil }},
	{long: "--seed", arg: "NUM", def: "random", ours: true,
		help: "Seed for the generator's and the nemesis' random choices. The summary prints the seed of every run, so any run can be repeated.",
		set: func(p *parser, v string) (err error) {
			p.opts.Seed, err = seed("--seed", v)
			p.opts.SeedGiven = err == nil
			return err
		}},
	{long: "--store", arg: "DIR", def: DefaultStore, ours: true,
		help: "Directory for the run's files; each run goes to DIR/broadcast/<start time>/.",
		set: func(p *parser, v string) error {
			if v == "" {
				return badValue("--store", v, "the directory name is empty")
			}
			p.opts.Store, p.opts.StoreGiven = v, true
			return nil
		}},
	{long: "--verbose", ours: true,
		help: "Print more detail in the summary at the end.",
		set:  func(p *parser, _ string) error { p.opts.Verbose = true; return nil }},
	{long: "--help", short: "-h",
		help: "Show this help.",
		set:  func(*parser, string) error { return ErrHelp }},
}

// unsupported are Maelstrom options this harness deliberately lacks; naming
// them avoids a bare "unknown option" for a flag the user knows exists.
var unsupported = map[string]string{
	"--test-count":       "run the harness several times instead",
	"--leave-db-running": "nodes are always stopped at the end",
}

// HarnessOnly reports whether a command-line word ("--seed", "--seed=7")
// names an option that only this harness has, which Maelstrom would
// refuse, and whether that option takes a value.
func HarnessOnly(word string) (ours, takesValue bool) {
	name, _, _ := strings.Cut(word, "=")
	f, err := lookup(name)
	if err != nil || !f.ours {
		return false, false
	}
	return true, f.arg != ""
}

// lookup finds the flag a command-line word names ("--rate", "-w").
func lookup(name string) (*flag, error) {
	for i := range flags {
		if flags[i].long == name || (flags[i].short != "" && flags[i].short == name) {
			return &flags[i], nil
		}
	}
	if why, ok := unsupported[name]; ok {
		return nil, badFlag(name, "%s is a Maelstrom option this harness does not support: %s", name, why)
	}
	return nil, badFlag(name, "unknown option %s (see --help for the options)", name)
}

// workload accepts broadcast and explains why anything else is refused.
func workload(v string) (string, error) {
	switch {
	case v == "broadcast":
		return v, nil
	case slices.Contains(Workloads, v):
		return "", badValue("--workload", v, "this Maelstrom workload is not supported by this harness; the only one is broadcast")
	default:
		return "", badValue("--workload", v, "unknown workload; the only one this harness runs is broadcast")
	}
}
