package main

import (
	"slices"
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
)

func TestCommandLinePutsTheChallengesNodeFlagsBeforeTheUsers(t *testing.T) {
	fast := challenges.Challenge{Name: "fast", NodeFlags: []string{"--batch-interval", "200ms"}}
	plain := challenges.Challenge{Name: "plain"}
	tests := []struct {
		c     challenges.Challenge
		extra []string
		want  []string
	}{
		{plain, nil, nil},
		{plain, []string{"--seed", "7"}, []string{"--seed", "7"}},
		{plain, []string{"--seed", "7", "--", "--batch-interval", "1s"}, []string{"--seed", "7", "--", "--batch-interval", "1s"}},
		{fast, []string{"--seed", "7"}, []string{"--seed", "7", "--", "--batch-interval", "200ms"}},
		{fast, []string{"--", "--batch-interval", "1s"}, []string{"--", "--batch-interval", "200ms", "--batch-interval", "1s"}},
	}
	for _, tt := range tests {
		if got := commandLine(tt.c, tt.extra); !slices.Equal(got, tt.want) {
			t.Errorf("commandLine(%s, %q) = %q, want %q", tt.c.Name, tt.extra, got, tt.want)
		}
	}
}
