module github.com/deamondev/gossip-glomers-tutorial/tools/challenge

go 1.26

require olympos.io/encoding/edn v0.0.0-20201019073823-d3554ca0b0a3
