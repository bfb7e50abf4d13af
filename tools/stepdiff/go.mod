module github.com/deamondev/gossip-glomers-tutorial/tools/stepdiff

go 1.26

require github.com/pmezard/go-difflib v1.0.0
