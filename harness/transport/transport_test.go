package transport

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestProcessEchoesAndExits(t *testing.T) {
	n, err := Process{Bin: "/bin/sh", Args: []string{"-c", `read line; echo "got $line"; echo oops >&2; exit 3`}}.Start("n0")
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(n.Stdin(), "hello")
	out, _ := bufio.NewReader(n.Stdout()).ReadString('\n')
	if out != "got hello\n" {
		t.Errorf("stdout %q", out)
	}
	errs, _ := io.ReadAll(n.Stderr())
	if string(errs) != "oops\n" {
		t.Errorf("stderr %q", errs)
	}
	<-n.Done()
	if e := n.Exit(); e.Status != 3 || e.Stopped {
		t.Errorf("exit %+v, want status 3, not stopped", e)
	}
	n.Stop() // after exit: no effect, no hang
}

func TestProcessStopKillsTheWholeGroup(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "child.pid")
	// The node starts a child that would outlive it, then waits forever.
	script := fmt.Sprintf(`sleep 300 & echo $! > %s; echo started; wait`, pidFile)
	n, err := Process{Bin: "/bin/sh", Args: []string{"-c", script}}.Start("n0")
	if err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(n.Stdout()).ReadString('\n')
	if line != "started\n" {
		t.Fatalf("stdout %q", line)
	}
	n.Stop()
	if e := n.Exit(); !e.Stopped || e.Status != -1 || e.Signal != "killed" {
		t.Errorf("exit %+v, want stopped by SIGKILL", e)
	}
	raw, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	child := strings.TrimSpace(string(raw))
	for range 100 {
		if _, err := os.Stat("/proc/" + child); os.IsNotExist(err) {
			return
		}
		stat, _ := os.ReadFile("/proc/" + child + "/stat")
		if strings.Contains(string(stat), ") Z ") { // a zombie is dead
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("child %s still running after Stop", child)
}

func TestProcessStartFailsClearly(t *testing.T) {
	_, err := Process{Bin: "/nonexistent/node"}.Start("n3")
	if err == nil || !strings.Contains(err.Error(), "n3") || !strings.Contains(err.Error(), "/nonexistent/node") {
		t.Errorf("error %v, want one naming the node and the binary", err)
	}
}

func TestPipeRunsAFunction(t *testing.T) {
	n, _ := Pipe{Run: func(id string, in io.Reader, out, errw io.Writer) error {
		s := bufio.NewScanner(in)
		for s.Scan() {
			fmt.Fprintf(out, "%s:%s\n", id, s.Text())
		}
		return nil
	}}.Start("n1")
	fmt.Fprintln(n.Stdin(), "x")
	line, _ := bufio.NewReader(n.Stdout()).ReadString('\n')
	if line != "n1:x\n" {
		t.Errorf("got %q", line)
	}
	go io.Copy(io.Discard, n.Stderr())
	n.Stop()
	if e := n.Exit(); e.Status != 0 || !e.Stopped {
		t.Errorf("exit %+v", e)
	}
}

// A stopped Pipe node is cut off as a killed process is: what its shutdown
// code writes after stdin ends reaches nobody.
func TestPipeStopDropsWhatTheNodeWritesOnTheWayOut(t *testing.T) {
	n, _ := Pipe{Run: func(id string, in io.Reader, out, errw io.Writer) error {
		io.Copy(io.Discard, in)
		fmt.Fprintln(out, "sent while shutting down")
		fmt.Fprintln(errw, "logged while shutting down")
		return nil
	}}.Start("n1")
	outCh, errCh := make(chan []byte), make(chan []byte)
	go func() { b, _ := io.ReadAll(n.Stdout()); outCh <- b }()
	go func() { b, _ := io.ReadAll(n.Stderr()); errCh <- b }()
	n.Stop()
	if out, errs := <-outCh, <-errCh; len(out) != 0 || len(errs) != 0 {
		t.Errorf("after Stop the node's stdout gave %q and stderr %q, want nothing", out, errs)
	}
	if e := n.Exit(); !e.Stopped {
		t.Errorf("exit %+v, want Stopped", e)
	}
}
