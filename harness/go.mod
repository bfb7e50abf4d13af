module github.com/deamondev/gossip-glomers-tutorial/harness

go 1.26
