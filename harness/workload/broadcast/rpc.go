package broadcast

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
	"github.com/deamondev/gossip-glomers-tutorial/harness/internal/jsonscan"
	"github.com/deamondev/gossip-glomers-tutorial/harness/network"
)

// Timeouts of Maelstrom's client RPCs.
const (
	InitTimeout = 10 * time.Second
	RPCTimeout  = 5 * time.Second
)

// errorCodes are Maelstrom's reserved error codes: their names and whether
// they are definite (the operation certainly did not happen).
var errorCodes = map[int]struct {
	name     string
	definite bool
}{
	0:  {"timeout", false},
	1:  {"node-not-found", true},
	10: {"not-supported", true},
	11: {"temporarily-unavailable", true},
	12: {"malformed-request", true},
	13: {"crash", false},
	14: {"abort", true},
	20: {"key-does-not-exist", true},
	21: {"key-already-exists", true},
	22: {"precondition-failed", true},
	30: {"txn-conflict", true},
}

// Broadcast asks node to broadcast v and says how the op ended.
func Broadcast(c *network.Client, node string, v int) history.Completion {
	reply, err := c.Call(node, map[string]any{"type": "broadcast", "message": v}, RPCTimeout)
	if done, _ := classify(reply, err, "broadcast_ok", nil, false); done != nil {
		// A broadcast that failed or whose outcome is unknown still names
		// its value, as Jepsen's completions keep theirs
		// ("3 :info :broadcast 12 :net-timeout").
		done.Value = v
		return *done
	}
	return history.Completion{Type: history.OK, Value: v}
}

// Read asks node for every value it holds. Reads are idempotent, so every
// failure is definite: a read that did not answer changed nothing.
func Read(c *network.Client, node string) history.Completion {
	reply, err := c.Call(node, map[string]any{"type": "read"}, RPCTimeout)
	done, body := classify(reply, err, "read_ok", []string{"messages"}, true)
	if done != nil {
		return *done
	}
	values, ok := jsonscan.IntArray(body["messages"])
	if !ok {
		return malformed(fmt.Sprintf(`read_ok "messages" must be an array of integers, got %s`, body["messages"]))
	}
	return history.Completion{Type: history.OK, Value: values}
}

// classify turns a reply (or its absence) into a completion, or returns the
// reply's body fields when it is the expected, well-formed answer. fields
// lists the body fields the answer must have besides type, in_reply_to and
// an optional msg_id; no others are allowed.
func classify(reply network.Reply, err error, want string, fields []string, idempotent bool) (*history.Completion, map[string]json.RawMessage) {
	failOrInfo := history.Info
	if idempotent {
		failOrInfo = history.Fail
	}
	if errors.Is(err, network.ErrTimeout) {
		return &history.Completion{Type: failOrInfo, Error: &history.Error{Kind: history.Timeout, Name: "net-timeout"}}, nil
	}
	if err != nil {
		// The request could not even be sent: the node is unknown.
		return &history.Completion{Type: history.Fail, Error: &history.Error{Kind: history.Reply, Code: 1, Name: "node-not-found", Text: err.Error()}}, nil
	}
	body := reply.Fields
	var typ string
	_ = json.Unmarshal(body["type"], &typ)
	if typ == "error" {
		c := errorReply(body, idempotent)
		return &c, nil
	}
	if problem := checkSchema(body, want, fields); problem != "" {
		c := malformed(problem)
		return &c, nil
	}
	return nil, body
}

// CheckReply checks a reply body against the closed schema of an RPC
// answer: type want, integer in_reply_to, optional integer msg_id, the
// given fields, nothing else. It returns what is wrong, or "".
func CheckReply(body json.RawMessage, want string, fields ...string) string {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		return "the reply body is not a JSON object"
	}
	return checkSchema(m, want, fields)
}

func checkSchema(body map[string]json.RawMessage, want string, fields []string) string {
	var typ string
	if err := json.Unmarshal(body["type"], &typ); err != nil || typ != want {
		return fmt.Sprintf("expected a %s reply, got type %s", want, orMissing(body["type"]))
	}
	var n int64
	if err := json.Unmarshal(body["in_reply_to"], &n); err != nil {
		return fmt.Sprintf("in_reply_to must be an integer, got %s", orMissing(body["in_reply_to"]))
	}
	if raw, ok := body["msg_id"]; ok {
		if err := json.Unmarshal(raw, &n); err != nil {
			return fmt.Sprintf("msg_id must be an integer, got %s", raw)
		}
	}
	var extra []string
	for k := range body {
		if k != "type" && k != "in_reply_to" && k != "msg_id" && !slices.Contains(fields, k) {
			extra = append(extra, fmt.Sprintf("%q", k))
		}
	}
	if len(extra) > 0 {
		slices.Sort(extra)
		return fmt.Sprintf("%s has unexpected field(s) %s", want, strings.Join(extra, ", "))
	}
	for _, f := range fields {
		if _, ok := body[f]; !ok {
			return fmt.Sprintf("%s is missing %q", want, f)
		}
	}
	return ""
}

// errorReply maps an error body to a completion: definite codes fail the
// op; unknown and indefinite codes leave a broadcast in doubt (:info).
func errorReply(body map[string]json.RawMessage, idempotent bool) history.Completion {
	var code int
	var text string
	_ = json.Unmarshal(body["code"], &code)
	_ = json.Unmarshal(body["text"], &text)
	known, ok := errorCodes[code]
	name, definite := known.name, known.definite
	if !ok {
		name, definite = "unknown", false
	}
	typ := history.Fail
	if !definite && !idempotent {
		typ = history.Info
	}
	return history.Completion{Type: typ, Error: &history.Error{Kind: history.Reply, Code: code, Name: name, Text: text}}
}

func malformed(problem string) history.Completion {
	return history.Completion{
		Type:      history.Info,
		Error:     &history.Error{Kind: history.Malformed, Text: problem},
		Exception: "MalformedRPCResponse: " + problem,
	}
}

func orMissing(raw json.RawMessage) string {
	if raw == nil {
		return "(missing)"
	}
	return string(raw)
}
