module github.com/deamondev/gossip-glomers-tutorial/broadcast-piggyback

go 1.26

require (
	github.com/deamondev/gossip-glomers-tutorial/tools/challenge v0.0.0-00010101000000-000000000000
	github.com/jepsen-io/maelstrom/demo/go v0.0.0-20251128144731-cb7f07239012
)

require (
	github.com/deamondev/gossip-glomers-tutorial/harness v0.0.0-00010101000000-000000000000 // indirect
	olympos.io/encoding/edn v0.0.0-20201019073823-d3554ca0b0a3 // indirect
)

// The tests run the node in the harness' simulation; these modules are in
// this repository, and the replaces let the step build and test on its own
// (GOWORK=off) as well as in the workspace.
replace (
	github.com/deamondev/gossip-glomers-tutorial/harness => ../harness
	github.com/deamondev/gossip-glomers-tutorial/tools/challenge => ../tools/challenge
)
