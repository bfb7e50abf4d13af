package main

import (
	"io"
	"strings"
	"testing"
)

func TestRunTakesNoArguments(t *testing.T) {
	err := run([]string{"--fast"}, strings.NewReader(""), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), `"--fast"`) {
		t.Errorf("run with an argument: %v, want an error naming it", err)
	}
}
