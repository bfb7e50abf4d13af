module github.com/deamondev/gossip-glomers-tutorial/tools/stepdiff

go 1.26

require (
	github.com/deamondev/gossip-glomers-tutorial/tools/steps v0.0.0-00010101000000-000000000000
	github.com/pmezard/go-difflib v1.0.0
)

require github.com/BurntSushi/toml v1.6.0 // indirect

// The registry of steps is a module of this repository; the replace lets
// this module build and test on its own (GOWORK=off) as well as in the
// workspace.
replace github.com/deamondev/gossip-glomers-tutorial/tools/steps => ../steps
