package challenges

import (
	"slices"
	"testing"
)

func TestArgsPutTheChallengesNodeFlagsBeforeTheUsers(t *testing.T) {
	fast := Challenge{Name: "fast", NodeFlags: []string{"--batch-interval", "200ms"}}
	plain := Challenge{Name: "plain"}
	tests := []struct {
		c     Challenge
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
		if got := tt.c.Args(tt.extra); !slices.Equal(got, tt.want) {
			t.Errorf("%s.Args(%q) = %q, want %q", tt.c.Name, tt.extra, got, tt.want)
		}
	}
}
