package main

import (
	"io"
	"strings"
	"testing"
)

// An interval that is not above 0 would make a loop tick without end or
// not at all: it is a usage error that names the flag and the value.
func TestRunRefusesABadInterval(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--batch-interval", "0"}, "--batch-interval 0s: must be above 0"},
		{[]string{"--batch-interval=-250ms"}, "--batch-interval -250ms: must be above 0"},
		{[]string{"--batch-interval", "soon"}, `invalid value "soon" for flag -batch-interval`},
		{[]string{"--retry-interval", "0"}, "--retry-interval 0s: must be above 0"},
		{[]string{"extra"}, `unexpected arguments ["extra"]`},
	} {
		var stderr strings.Builder
		err := run(tt.args, strings.NewReader(""), io.Discard, &stderr)
		if err == nil || !strings.Contains(err.Error()+stderr.String(), tt.want) {
			t.Errorf("run(%q) = %v (stderr %q), want an error saying %q", tt.args, err, stderr.String(), tt.want)
		}
	}
}
