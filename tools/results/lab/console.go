package lab

import (
	"os"
	"path/filepath"
	"strings"
)

// terminalText is what a terminal shows once out has been written to it:
// a carriage return starts its line again, and ESC [ K clears the rest of
// the line. The harness redraws its progress line in place with both, so
// of it a terminal keeps only the last state.
func terminalText(out string) string {
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if j := strings.LastIndexByte(l, '\r'); j >= 0 {
			l = l[j+1:]
		}
		lines[i] = strings.ReplaceAll(l, "\x1b[K", "")
	}
	return strings.Join(lines, "\n")
}

// consoleText is a run's output as a reader's terminal shows it, with
// the working directory dropped from the paths printed in full, so that
// the text reads the same on every machine.
func consoleText(out, workDir string) string {
	text := terminalText(out)
	if workDir != "" {
		text = strings.ReplaceAll(text, workDir+string(filepath.Separator), "")
	}
	return text
}

// WriteConsole writes a run's console, as consoleText makes it, to path.
func WriteConsole(path, out string) error {
	wd, _ := os.Getwd()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(consoleText(out, wd)), 0o644)
}
