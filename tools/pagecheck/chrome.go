package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"sync"
	"time"
)

// A chrome is a headless Chromium driven through the DevTools protocol
// over a pipe (--remote-debugging-pipe): commands go to the browser's file
// descriptor 3 and replies and events come back on 4, each a JSON message
// ended by a NUL byte. A pipe needs no port and no WebSocket client, so
// the tool needs nothing beyond the Go standard library.
type chrome struct {
	cmd     *exec.Cmd
	profile string // a fresh profile directory, removed on close
	out     io.WriteCloser
	timeout time.Duration

	mu      sync.Mutex
	next    int
	waiting map[int]chan reply
	events  []chan event
	readErr error
	done    chan struct{} // closed when the browser's pipe closes
}

type reply struct {
	Result json.RawMessage
	Err    error
}

type event struct {
	Method    string          `json:"method"`
	Params    json.RawMessage `json:"params"`
	SessionID string          `json:"sessionId"`
}

// startChrome runs the browser at path, headless, in a profile of its own.
func startChrome(path string, timeout time.Duration) (*chrome, error) {
	profile, err := os.MkdirTemp("", "pagecheck-profile-")
	if err != nil {
		return nil, err
	}
	toBrowser, ours, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	theirs, fromBrowser, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(path, "--headless", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
		"--hide-scrollbars", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio",
		"--user-data-dir="+profile, "about:blank")
	cmd.ExtraFiles = []*os.File{toBrowser, fromBrowser} // fd 3 and fd 4
	if err := cmd.Start(); err != nil {
		os.RemoveAll(profile)
		return nil, fmt.Errorf("starting %s: %w", path, err)
	}
	toBrowser.Close()
	fromBrowser.Close()
	c := &chrome{cmd: cmd, profile: profile, out: ours, timeout: timeout, waiting: make(map[int]chan reply), done: make(chan struct{})}
	go c.read(theirs)
	return c, nil
}

// read hands each message from the browser to whoever waits for it.
func (c *chrome) read(r io.ReadCloser) {
	defer r.Close()
	br := bufio.NewReader(r)
	var err error
	for {
		var msg []byte
		if msg, err = br.ReadBytes(0); err != nil {
			break
		}
		var m struct {
			ID     int             `json:"id"`
			Result json.RawMessage `json:"result"`
			Error  *struct {
				Message string `json:"message"`
			} `json:"error"`
			event
		}
		if err = json.Unmarshal(msg[:len(msg)-1], &m); err != nil {
			break
		}
		c.mu.Lock()
		if m.ID != 0 {
			if ch, ok := c.waiting[m.ID]; ok {
				delete(c.waiting, m.ID)
				r := reply{Result: m.Result}
				if m.Error != nil {
					r.Err = errors.New(m.Error.Message)
				}
				ch <- r
			}
		} else {
			for _, ch := range c.events {
				select {
				case ch <- m.event:
				default: // nobody is listening for this one
				}
			}
		}
		c.mu.Unlock()
	}
	c.mu.Lock()
	c.readErr = fmt.Errorf("the browser closed its pipe: %v", err)
	for id, ch := range c.waiting {
		ch <- reply{Err: c.readErr}
		delete(c.waiting, id)
	}
	c.mu.Unlock()
	close(c.done)
}

// call sends one command (to a page when session is set) and decodes its
// result into result, unless result is nil.
func (c *chrome) call(session, method string, params, result any) error {
	c.mu.Lock()
	if c.readErr != nil {
		c.mu.Unlock()
		return c.readErr
	}
	c.next++
	id := c.next
	ch := make(chan reply, 1)
	c.waiting[id] = ch
	c.mu.Unlock()

	msg := map[string]any{"id": id, "method": method, "params": params}
	if params == nil {
		msg["params"] = struct{}{}
	}
	if session != "" {
		msg["sessionId"] = session
	}
	b, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	if _, err := c.out.Write(append(b, 0)); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	select {
	case r := <-ch:
		if r.Err != nil {
			return fmt.Errorf("%s: %w", method, r.Err)
		}
		if result != nil {
			return json.Unmarshal(r.Result, result)
		}
		return nil
	case <-time.After(c.timeout):
		return fmt.Errorf("%s: no answer within %v", method, c.timeout)
	}
}

// listen returns a channel of the events that arrive from now on.
func (c *chrome) listen() chan event {
	ch := make(chan event, 64)
	c.mu.Lock()
	c.events = append(c.events, ch)
	c.mu.Unlock()
	return ch
}

// unlisten stops sending events to ch.
func (c *chrome) unlisten(ch chan event) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.events = slices.DeleteFunc(c.events, func(e chan event) bool { return e == ch })
}

// close asks the browser to quit, kills it if it does not, and removes
// its profile.
func (c *chrome) close() {
	_ = c.call("", "Browser.close", nil, nil)
	c.out.Close()
	select {
	case <-c.done:
	case <-time.After(5 * time.Second):
		c.cmd.Process.Kill()
	}
	c.cmd.Wait()
	os.RemoveAll(c.profile)
}
