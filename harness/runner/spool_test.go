package runner

import (
	"bytes"
	"errors"
	"testing"
	"time"
)

// slowFile is a file on a disk that stalls until released.
type slowFile struct {
	release chan struct{}
	buf     bytes.Buffer
	closed  bool
	err     error
}

func (f *slowFile) Write(p []byte) (int, error) {
	<-f.release
	f.buf.Write(p)
	return len(p), f.err
}

func (f *slowFile) Close() error { f.closed = true; return nil }

func TestSpoolNeverWaitsForTheDisk(t *testing.T) {
	f := &slowFile{release: make(chan struct{})}
	s := newSpool(f)
	wrote := make(chan struct{})
	go func() {
		for range 100 {
			s.Write([]byte("a log line\n"))
		}
		close(wrote)
	}()
	select {
	case <-wrote:
	case <-time.After(10 * time.Second):
		t.Fatal("Write waited for the stalled disk")
	}
	close(f.release)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if got := f.buf.String(); got != string(bytes.Repeat([]byte("a log line\n"), 100)) || !f.closed {
		t.Errorf("wrote %d bytes, closed %v; want every line, in order, and the file closed", len(got), f.closed)
	}
}

func TestSpoolReportsWriteErrors(t *testing.T) {
	f := &slowFile{release: make(chan struct{}), err: errors.New("disk full")}
	close(f.release)
	s := newSpool(f)
	s.Write([]byte("x"))
	if err := s.Close(); err == nil || err.Error() != "disk full" {
		t.Errorf("Close = %v, want disk full", err)
	}
}
