module github.com/deamondev/gossip-glomers-tutorial/tools/drawio

go 1.26
