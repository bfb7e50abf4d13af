// Command playground builds the programs the posts' "Run it here" panels
// run in the reader's browser, one per step, and checks them under Node.js.
//
//	playground [-out tmp/play]            build every step's program
//	playground -check [-out tmp/play]     then run each against its own challenge under Node.js
//	playground -test-programs DIR         also build panics.wasm, whose node panics, into DIR
//
// -check also checks that panics.wasm stops as a page expects (built in a
// directory of its own, and removed).
// A step's program is its test binary for js/wasm, built with an overlay
// (go build -overlay) that leaves the step's own tests out and adds one
// test, which calls package play with the step's run function. The step's
// directory is not touched, so its code, its listings and its diffs stay
// what the posts teach. The programs, Go's wasm_exec.js and challenges.json
// (each workload's flags, for the panels' controls) go to -out, which Hugo
// mounts at /play/; nothing of it is committed.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/deamondev/gossip-glomers-tutorial/tools/steps"
)

// budget is the most a program may weigh, gzipped: what a reader's
// browser downloads when they press Run.
const budget = 3 << 20

func main() {
	out := flag.String("out", "tmp/play", "where the programs go")
	check := flag.Bool("check", false, "after building, run each step's program against its own challenge under Node.js")
	testPrograms := flag.String("test-programs", "", "also build panics.wasm, a program whose node panics, into this directory (for the tests of the panels)")
	flag.Parse()
	reg, err := steps.Nearest(".")
	if err != nil {
		fail(err)
	}
	dir, err := filepath.Abs(*out)
	if err != nil {
		fail(err)
	}
	if err := build(reg, dir, os.Stdout); err != nil {
		fail(err)
	}
	if *testPrograms != "" {
		if err := buildPanics(reg.Root, *testPrograms); err != nil {
			fail(err)
		}
	}
	if *check {
		if err := checkAll(reg, dir, os.Stdout); err != nil {
			fail(err)
		}
		tmp, err := os.MkdirTemp("", "playground-panics-")
		if err != nil {
			fail(err)
		}
		err = buildPanics(reg.Root, tmp)
		if err == nil {
			err = checkPanics(tmp, os.Stdout)
		}
		os.RemoveAll(tmp)
		if err != nil {
			fail(err)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "playground:", err)
	os.Exit(1)
}
