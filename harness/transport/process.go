package transport

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"syscall"
)

// Process starts each node as an operating-system process: the binary with
// its arguments, in the temporary directory, with the harness' environment.
type Process struct {
	Bin  string
	Args []string
	Dir  string // working directory; os.TempDir() when empty
}

// Start launches one node. The node's streams are plain pipes owned by the
// harness, so waiting for the process never waits on a reader.
func (p Process) Start(id string) (Node, error) {
	stdinR, stdinW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	stdoutR, stdoutW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	stderrR, stderrW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	dir := p.Dir
	if dir == "" {
		dir = os.TempDir()
	}
	cmd := exec.Command(p.Bin, p.Args...)
	cmd.Dir = dir
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdinR, stdoutW, stderrW
	cmd.SysProcAttr = processAttributes()
	err = cmd.Start()
	// The child has its own copies now; ours would keep the pipes open.
	stdinR.Close()
	stdoutW.Close()
	stderrW.Close()
	if err != nil {
		stdinW.Close()
		stdoutR.Close()
		stderrR.Close()
		return nil, fmt.Errorf("start node %s (%s): %w", id, p.Bin, err)
	}
	lowerPriority(cmd.Process.Pid)
	n := &process{cmd: cmd, stdin: stdinW, stdout: stdoutR, stderr: stderrR, done: make(chan struct{})}
	go n.wait()
	return n, nil
}

type process struct {
	cmd    *exec.Cmd
	stdin  *os.File
	stdout *os.File
	stderr *os.File
	done   chan struct{}

	mu      sync.Mutex
	exit    Exit
	stopped bool
}

func (p *process) wait() {
	err := p.cmd.Wait()
	exit := Exit{Status: p.cmd.ProcessState.ExitCode()}
	if ws, ok := p.cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		exit.Status = -1
		exit.Signal = ws.Signal().String()
	}
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) && exit.Status == 0 {
		exit.Status = -1
	}
	p.mu.Lock()
	exit.Stopped = p.stopped
	p.exit = exit
	p.mu.Unlock()
	p.stdin.Close()
	close(p.done)
}

func (p *process) Stdin() io.Writer      { return p.stdin }
func (p *process) Stdout() io.Reader     { return p.stdout }
func (p *process) Stderr() io.Reader     { return p.stderr }
func (p *process) Done() <-chan struct{} { return p.done }

func (p *process) Exit() Exit {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.exit
}

// Stop kills the node's whole process group, as Maelstrom kills its nodes
// outright, and waits for it.
func (p *process) Stop() {
	select {
	case <-p.done:
		return
	default:
	}
	p.mu.Lock()
	p.stopped = true
	p.mu.Unlock()
	killGroup(p.cmd.Process)
	<-p.done
}
