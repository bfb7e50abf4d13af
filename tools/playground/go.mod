module github.com/deamondev/gossip-glomers-tutorial/tools/playground

go 1.26

// The harness, the judge and the registry of steps are modules of this
// repository; the replaces let this module build and test on its own
// (GOWORK=off) as well as in the workspace.
replace (
	github.com/deamondev/gossip-glomers-tutorial/harness => ../../harness
	github.com/deamondev/gossip-glomers-tutorial/tools/challenge => ../challenge
	github.com/deamondev/gossip-glomers-tutorial/tools/steps => ../steps
)

require (
	github.com/deamondev/gossip-glomers-tutorial/harness v0.0.0-00010101000000-000000000000
	github.com/deamondev/gossip-glomers-tutorial/tools/challenge v0.0.0-00010101000000-000000000000
)

require olympos.io/encoding/edn v0.0.0-20201019073823-d3554ca0b0a3 // indirect
