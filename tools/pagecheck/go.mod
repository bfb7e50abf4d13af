module github.com/deamondev/gossip-glomers-tutorial/tools/pagecheck

go 1.26
