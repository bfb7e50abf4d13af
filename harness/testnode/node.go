package testnode

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"sync"
	"time"
)

// envelope is one protocol line. Body stays raw until a handler knows what
// shape to expect.
type envelope struct {
	Src  string          `json:"src"`
	Dest string          `json:"dest"`
	Body json.RawMessage `json:"body"`
}

// header is the part of a body every message has.
type header struct {
	Type  string `json:"type"`
	MsgID *int   `json:"msg_id"`
}

// node is one testnode process. The line loop handles messages one at a
// time; only the anti-entropy ticker runs beside it, which is why the state
// it reads is behind mu and every write to stdout is behind outMu.
type node struct {
	cfg config
	log *log.Logger

	outMu sync.Mutex
	out   *bufio.Writer

	mu     sync.Mutex
	id     string
	peers  []string
	values map[int]bool

	// broadcasts counts the client broadcasts handled so far; only the line
	// loop touches it.
	broadcasts int
}

func newNode(cfg config, stdout, stderr io.Writer) *node {
	return &node{
		cfg:    cfg,
		log:    log.New(stderr, "testnode: ", 0),
		out:    bufio.NewWriter(stdout),
		values: make(map[int]bool),
	}
}

// serve reads messages until stdin ends, then stops the ticker and returns
// the exit status.
func (n *node) serve(stdin io.Reader) int {
	stop := make(chan struct{})
	var wg sync.WaitGroup
	if n.cfg.gossip == antiEntropy {
		wg.Go(func() { n.gossipEvery(n.cfg.interval, stop) })
	}
	defer wg.Wait()
	defer close(stop)

	lines := bufio.NewScanner(stdin)
	lines.Buffer(make([]byte, 64*1024), 16*1024*1024)
	stallAt := time.Now().Add(n.cfg.stallAt)
	stalled := false
	for lines.Scan() {
		if n.cfg.misbehave == stall && !stalled && time.Now().After(stallAt) {
			// Not reading fills the pipe: the harness' writes to this
			// node block, and its messages arrive late.
			time.Sleep(n.cfg.stallFor)
			stalled = true
		}
		n.log.Printf("recv %s", lines.Bytes())
		var msg envelope
		if err := json.Unmarshal(lines.Bytes(), &msg); err != nil {
			n.log.Printf("skipping a line that is not a message: %v", err)
			continue
		}
		if status, exit := n.handle(msg); exit {
			return status
		}
	}
	if err := lines.Err(); err != nil {
		n.log.Printf("reading stdin: %v", err)
		return 1
	}
	return exitOK
}

func (n *node) gossipEvery(interval time.Duration, stop <-chan struct{}) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
			n.mu.Lock()
			peers, values := n.peers, n.sortedValues()
			n.mu.Unlock()
			for _, peer := range peers {
				n.send(peer, gossipBody(values))
			}
		}
	}
}

// send writes a message from this node.
func (n *node) send(dest string, body any) {
	n.mu.Lock()
	src := n.id
	n.mu.Unlock()
	n.write(envelopeOut{Src: src, Dest: dest, Body: body})
}

// reply answers req, copying its msg_id into the body's in_reply_to.
func (n *node) reply(req envelope, msgID int, body map[string]any) {
	body["in_reply_to"] = msgID
	n.send(req.Src, body)
}

func (n *node) replyError(req envelope, msgID, code int, text string) {
	n.reply(req, msgID, map[string]any{"type": "error", "code": code, "text": text})
}

// envelopeOut is an outgoing message; Extra exists only so that the
// extra-field misbehaviour can break the closed envelope schema.
type envelopeOut struct {
	Src   string `json:"src"`
	Dest  string `json:"dest"`
	Body  any    `json:"body"`
	Extra *int   `json:"extra,omitempty"`
}

// write encodes v as one stdout line.
func (n *node) write(v any) {
	line, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("testnode: encoding %#v: %v", v, err))
	}
	n.writeLine(string(line))
}

// writeLine writes one stdout line and flushes it, since the harness sees a
// message only once its newline arrives.
func (n *node) writeLine(line string) {
	n.outMu.Lock()
	defer n.outMu.Unlock()
	n.out.WriteString(line)
	n.out.WriteByte('\n')
	if err := n.out.Flush(); err != nil {
		n.log.Printf("writing stdout: %v", err)
	}
}
