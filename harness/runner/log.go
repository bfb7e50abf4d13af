package runner

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// logger writes the run's log: every line to jepsen.log in the store, and
// to the console those a person should see as the run goes.
type logger struct {
	mu       sync.Mutex
	console  io.Writer
	terminal bool // the console has a live progress line to step around
	file     *os.File
	start    time.Time
}

func (l *logger) write(level, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.file != nil {
		fmt.Fprintf(l.file, "%s %s %s\n", time.Now().Format("2006-01-02 15:04:05.000"), level, msg)
	}
	if l.terminal {
		io.WriteString(l.console, "\r\x1b[K")
	}
	if level == "INFO" {
		fmt.Fprintln(l.console, msg)
	} else {
		fmt.Fprintf(l.console, "%s %s\n", level, msg)
	}
}

// Infof logs to the file and the console.
func (l *logger) Infof(format string, args ...any) { l.write("INFO", format, args...) }

// Warnf logs a problem to the file and the console.
func (l *logger) Warnf(format string, args ...any) { l.write("WARN", format, args...) }

// Filef logs to the file only.
func (l *logger) Filef(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.file != nil {
		fmt.Fprintf(l.file, "%s INFO %s\n", time.Now().Format("2006-01-02 15:04:05.000"), msg)
	}
}

func (l *logger) close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.file != nil {
		l.file.Close()
		l.file = nil
	}
}

// syncWriter lets the logger, the progress line and the summary share one
// console.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
