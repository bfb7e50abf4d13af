module github.com/deamondev/gossip-glomers-tutorial/tools/challenge

go 1.26

require (
	github.com/deamondev/gossip-glomers-tutorial/harness v0.0.0-00010101000000-000000000000
	github.com/deamondev/gossip-glomers-tutorial/tools/steps v0.0.0-00010101000000-000000000000
	olympos.io/encoding/edn v0.0.0-20201019073823-d3554ca0b0a3
)

require github.com/BurntSushi/toml v1.6.0 // indirect

// The harness and the registry of steps are modules of this repository;
// the replaces let the module build and test on its own (GOWORK=off) as
// well as in the workspace.
replace (
	github.com/deamondev/gossip-glomers-tutorial/harness => ../../harness
	github.com/deamondev/gossip-glomers-tutorial/tools/steps => ../steps
)
