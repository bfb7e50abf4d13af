// Command testnode runs package testnode's node as a process, for the
// harness' end-to-end tests and make bench-harness.
package main

import (
	"os"

	"github.com/deamondev/gossip-glomers-tutorial/harness/testnode"
)

func main() {
	os.Exit(testnode.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
