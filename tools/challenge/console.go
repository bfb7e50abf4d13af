package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// progressLine is the harness' progress line (harness/report): printed
// as a plain line every few seconds when its output is not a terminal,
// redrawn in place on one.
var progressLine = regexp.MustCompile(`^(main|drain|recovery|final reads) +\d+s(/\d+s)?  ok \d+  fail \d+  info \d+  partition: \w+$`)

// consoleText turns a run's output, as a log got it, into what a reader's
// terminal shows once the run is over: of the progress lines only the
// last, which a terminal keeps after redrawing the line in place; and
// the working directory dropped from the paths the harness prints in
// full, so that the text reads the same on every machine.
func consoleText(out, workDir string) string {
	lines := strings.Split(out, "\n")
	last := -1
	for i, l := range lines {
		if progressLine.MatchString(l) {
			last = i
		}
	}
	var b strings.Builder
	for i, l := range lines {
		if progressLine.MatchString(l) && i != last {
			continue
		}
		if workDir != "" {
			l = strings.ReplaceAll(l, workDir+string(filepath.Separator), "")
		}
		b.WriteString(l)
		if i < len(lines)-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// writeConsole writes a run's console, as consoleText makes it, to path.
func writeConsole(path, out string) error {
	wd, _ := os.Getwd()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(consoleText(out, wd)), 0o644)
}
