package runner

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/deamondev/gossip-glomers-tutorial/harness/checker"
	"github.com/deamondev/gossip-glomers-tutorial/harness/network"
	"github.com/deamondev/gossip-glomers-tutorial/harness/transport"
)

// tailLines is how many of a node's last stdout and stderr lines are kept
// for a crash report.
const tailLines = 32

// node is the harness' side of one running node: it routes what the node
// writes, logs its stderr, and notices when it exits on its own.
type node struct {
	id      string
	proc    transport.Node
	logPath string
	run     *run

	mu      sync.Mutex
	stdout  tail
	stderr  tail
	copies  sync.WaitGroup // the stdout and stderr readers
	watcher sync.WaitGroup // watch
}

// startNode starts one node, registers it on the network and begins
// reading its output.
func (r *run) startNode(id string) (*node, error) {
	logPath := r.nodeLog(id)
	var logFile io.WriteCloser = nopCloser{io.Discard} // no store: only the tail is kept
	if logPath != "" {
		f, err := os.Create(logPath)
		if err != nil {
			return nil, fmt.Errorf("node %s: create its log: %w", id, err)
		}
		logFile = f
	}
	proc, err := r.cfg.Transport.Start(id)
	if err != nil {
		logFile.Close()
		return nil, err
	}
	n := &node{id: id, proc: proc, logPath: logPath, run: r}
	r.net.AddNode(id, func(line []byte) error {
		_, err := proc.Stdin().Write(append(line, '\n'))
		return err
	})
	n.copies.Add(2)
	go n.routeStdout()
	go n.logStderr(logFile)
	n.watcher.Go(n.watch)
	return n, nil
}

// routeStdout hands every line the node prints to the network. A line that
// is not a valid message is reported, with its line number and the reason,
// and skipped; the node's later lines are still routed. (Maelstrom stops
// reading a node's output after its first bad line.)
func (n *node) routeStdout() {
	defer n.copies.Done()
	rd := bufio.NewReaderSize(n.proc.Stdout(), 64*1024)
	for lineNo := 1; ; lineNo++ {
		line, err := rd.ReadBytes('\n')
		line = bytes.TrimRight(line, "\r\n")
		if len(line) > 0 || err == nil {
			n.mu.Lock()
			n.stdout.add(string(line))
			n.mu.Unlock()
			n.route(lineNo, line)
		}
		if err != nil {
			if !errors.Is(err, io.EOF) && !errors.Is(err, os.ErrClosed) {
				n.run.log.Warnf("node %s: reading its stdout: %v", n.id, err)
			}
			return
		}
	}
}

func (n *node) route(lineNo int, line []byte) {
	msg, err := network.ParseLine(line)
	if err == nil {
		_, err = n.run.net.Send(msg.Src, msg.Dest, msg.Body)
	}
	if err != nil {
		n.run.badLines.Add(1)
		n.run.log.Warnf("node %s, stdout line %d: dropped: %v\n    the line: %s", n.id, lineNo, err, clip(line, 200))
	}
}

// logStderr appends the node's stderr to its log file, keeps its last
// lines, and copies it to the console with --log-stderr.
//
// Writes to the file are buffered and flushed whenever the node has
// nothing more waiting, so a burst of log lines costs one write, not one
// per line, and the file is never behind by more than the burst.
func (n *node) logStderr(f io.WriteCloser) {
	defer n.copies.Done()
	defer f.Close()
	rd := bufio.NewReaderSize(n.proc.Stderr(), 64*1024)
	w := bufio.NewWriterSize(f, 64*1024)
	defer w.Flush()
	for {
		line, err := rd.ReadString('\n')
		if line != "" {
			w.WriteString(line)
			text := strings.TrimRight(line, "\r\n")
			n.mu.Lock()
			n.stderr.add(text)
			n.mu.Unlock()
			if n.run.cfg.Options.LogStderr {
				n.run.log.Infof("%s stderr: %s", n.id, text)
			}
		}
		if err != nil {
			if line != "" && !strings.HasSuffix(line, "\n") {
				w.WriteString("\n")
			}
			return
		}
		if rd.Buffered() == 0 {
			w.Flush()
		}
	}
}

// watch reports at once a node that exits before the harness stops it.
func (n *node) watch() {
	<-n.proc.Done()
	if n.proc.Exit().Stopped {
		return
	}
	n.copies.Wait() // its last words are in the tails
	c := n.crash()
	n.run.crashed(c)
}

// crash describes how the node ended, with its last output.
func (n *node) crash() *checker.Crash {
	exit := n.proc.Exit()
	n.mu.Lock()
	defer n.mu.Unlock()
	return &checker.Crash{
		Node:       n.id,
		ExitStatus: exit.Status,
		Signal:     exit.Signal,
		Stdout:     n.stdout.lines(),
		Stderr:     n.stderr.lines(),
		LogPath:    n.logPath,
	}
}

// stop ends the node and waits until its output is read to the end and
// its watcher has reported whether it had stopped on its own.
func (n *node) stop() {
	n.proc.Stop()
	n.copies.Wait()
	n.watcher.Wait() // a crash just before the stop is recorded, not lost
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// tail keeps the last tailLines lines.
type tail struct{ buf []string }

func (t *tail) add(line string) {
	if len(t.buf) == tailLines {
		copy(t.buf, t.buf[1:])
		t.buf = t.buf[:tailLines-1]
	}
	t.buf = append(t.buf, line)
}

func (t *tail) lines() []string { return append([]string(nil), t.buf...) }

func clip(b []byte, max int) string {
	if len(b) <= max {
		return string(b)
	}
	return string(b[:max]) + "…"
}
