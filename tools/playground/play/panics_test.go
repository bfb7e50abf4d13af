package play

import (
	"io"
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/harness/testnode"
)

// TestPlay makes this package's test binary a program like a step's, whose
// node panics at its first client broadcast: `playground -test-programs`
// builds it, so that the Node.js check and the site's browser test can
// see what a panicking node does to a page. Under go test there is no
// request, and it skips.
func TestPlay(t *testing.T) {
	if *requestFlag == "" {
		t.Skip("the program the panel tests run; go test has nothing for it to do")
	}
	Main(t, func(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
		return testnode.Node(append(args, "--misbehave", "panic", "--crash-after", "1"), stdin, stdout, stderr)
	})
}
