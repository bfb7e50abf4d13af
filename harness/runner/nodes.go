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

// tailLines is how many of a node's last stdout and stderr lines a crash
// report shows, and tailBytes how much of each stream is kept for it.
const (
	tailLines = 32
	tailBytes = 16 * 1024
)

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
	// gone is closed once the node has exited and everything it wrote has
	// been routed: no reply from it can come after that.
	gone chan struct{}
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
	n := &node{id: id, proc: proc, logPath: logPath, run: r, gone: make(chan struct{})}
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
		if len(line) > 0 {
			n.mu.Lock()
			n.stdout.write(line)
			n.mu.Unlock()
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(line) > 0 || err == nil {
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
// It copies what the node wrote in the chunks it arrives in, rather than
// line by line: a node that logs every message it handles writes as much
// to stderr as to stdout, and the harness must not spend its time on it.
// The file is written through a spool, so a slow disk never makes the
// node wait.
func (n *node) logStderr(f io.WriteCloser) {
	defer n.copies.Done()
	log := newSpool(f)
	defer func() {
		if err := log.Close(); err != nil {
			n.run.log.Warnf("node %s: writing its log %s: %v", n.id, n.logPath, err)
		}
	}()
	buf := make([]byte, 64*1024)
	var console []byte // a line begun but not ended, for --log-stderr
	endsLine := true
	for {
		k, err := n.proc.Stderr().Read(buf)
		if k > 0 {
			chunk := buf[:k]
			log.Write(chunk)
			endsLine = chunk[k-1] == '\n'
			n.mu.Lock()
			n.stderr.write(chunk)
			n.mu.Unlock()
			if n.run.cfg.Options.LogStderr {
				console = n.echoStderr(append(console, chunk...))
			}
		}
		if err != nil {
			if !endsLine {
				log.Write([]byte("\n"))
			}
			if len(console) > 0 {
				n.run.log.Infof("%s stderr: %s", n.id, console)
			}
			return
		}
	}
}

// echoStderr prints the whole lines of text on the console and returns
// the unfinished rest.
func (n *node) echoStderr(text []byte) []byte {
	for {
		line, rest, found := bytes.Cut(text, []byte("\n"))
		if !found {
			return text
		}
		n.run.log.Infof("%s stderr: %s", n.id, bytes.TrimRight(line, "\r"))
		text = rest
	}
}

// watch reports at once a node that exits before the harness stops it.
func (n *node) watch() {
	<-n.proc.Done()
	n.copies.Wait() // its last words are routed and in the tails
	close(n.gone)
	if n.proc.Exit().Stopped {
		return
	}
	n.run.crashed(n.crash())
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

// nopCloser is the log of a node in a run without a store.
type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// tail keeps the last tailBytes (up to twice that between trims) of a
// stream, for its last lines. What it keeps starts at the start of a line.
type tail struct{ buf []byte }

func (t *tail) write(p []byte) {
	t.buf = append(t.buf, p...)
	if len(t.buf) <= 2*tailBytes {
		return
	}
	cut := len(t.buf) - tailBytes
	if t.buf[cut-1] != '\n' {
		if i := bytes.IndexByte(t.buf[cut:], '\n'); i >= 0 {
			cut += i + 1 // a line cut in two is left out
		}
	}
	t.buf = append(t.buf[:0], t.buf[cut:]...)
}

// lines returns the last tailLines lines, without their line ends; the
// last may be unfinished.
func (t *tail) lines() []string {
	text := strings.TrimSuffix(string(t.buf), "\n")
	if text == "" {
		return nil
	}
	lines := strings.Split(text, "\n")
	lines = lines[max(0, len(lines)-tailLines):]
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

func clip(b []byte, max int) string {
	if len(b) <= max {
		return string(b)
	}
	return string(b[:max]) + "…"
}
