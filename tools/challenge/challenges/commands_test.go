package challenges

import "testing"

func TestCommandsQuoteWhatAShellWouldSplit(t *testing.T) {
	c, _ := Find("broadcast-3e")
	tests := []struct{ got, want string }{
		{SimCommand(c, "broadcast-3e", 3, []string{"--node-count", "50", "--", "--batch-interval", "100ms"}),
			"make sim MODULE=broadcast-3e WORKLOAD=broadcast-3e SEED=3 ARGS='--node-count 50 -- --batch-interval 100ms'"},
		{SimCommand(c, "broadcast-3e", 1, nil), "make sim MODULE=broadcast-3e WORKLOAD=broadcast-3e SEED=1"},
		{SimCommand(c, "broadcast-3e", 2, []string{"--nemesis", ""}),
			`make sim MODULE=broadcast-3e WORKLOAD=broadcast-3e SEED=2 ARGS='--nemesis ""'`},
		{MakeCommand(c, "broadcast-3d", []string{"--seed", "2", "--nemesis", "", "--latency-dist", "exponential"}),
			`make MODULE=broadcast-3d WORKLOAD=broadcast-3e ARGS="--seed 2 --nemesis '' --latency-dist exponential"`},
		{MakeCommand(c, "broadcast-3e", []string{"--x", "a b"}), `make MODULE=broadcast-3e WORKLOAD=broadcast-3e ARGS="--x 'a b'"`},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("got  %s\nwant %s", tc.got, tc.want)
		}
	}
}
