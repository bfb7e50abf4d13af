package broadcast

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
	"github.com/deamondev/gossip-glomers-tutorial/harness/network"
)

// answering registers n0 on a fresh network; it answers every request with
// the body reply returns (nil: no answer at all).
func answering(reply func(msgID int) string) (*network.Network, *network.Client) {
	net := network.New(network.Config{Start: time.Now()})
	net.AddNode("n0", func(line []byte) error {
		var m struct {
			Src  string
			Body struct {
				MsgID int `json:"msg_id"`
			}
		}
		json.Unmarshal(line, &m)
		if body := reply(m.Body.MsgID); body != "" {
			go net.Send("n0", m.Src, json.RawMessage(body))
		}
		return nil
	})
	return net, net.NewClient()
}

func TestOutcomeTable(t *testing.T) {
	tests := []struct {
		name  string
		reply string // %d is replaced by the request's msg_id
		op    string
		want  history.Type
		err   history.ErrorKind
		code  string
	}{
		{"broadcast ok", `{"type":"broadcast_ok","in_reply_to":%d}`, "broadcast", history.OK, -1, ""},
		{"broadcast ok with msg_id", `{"type":"broadcast_ok","in_reply_to":%d,"msg_id":4}`, "broadcast", history.OK, -1, ""},
		{"broadcast timeout", ``, "broadcast", history.Info, history.Timeout, "net-timeout"},
		{"read timeout", ``, "read", history.Fail, history.Timeout, "net-timeout"},
		{"broadcast code 11", `{"type":"error","in_reply_to":%d,"code":11,"text":"busy"}`, "broadcast", history.Fail, history.Reply, "temporarily-unavailable"},
		{"broadcast code 13", `{"type":"error","in_reply_to":%d,"code":13,"text":"boom"}`, "broadcast", history.Info, history.Reply, "crash"},
		{"broadcast code 1234", `{"type":"error","in_reply_to":%d,"code":1234,"text":"mine"}`, "broadcast", history.Info, history.Reply, "unknown"},
		{"read code 13", `{"type":"error","in_reply_to":%d,"code":13}`, "read", history.Fail, history.Reply, "crash"},
		{"error with extra fields", `{"type":"error","in_reply_to":%d,"code":11,"extra":true}`, "broadcast", history.Fail, history.Reply, "temporarily-unavailable"},
		{"broadcast_ok extra field", `{"type":"broadcast_ok","in_reply_to":%d,"oops":true}`, "broadcast", history.Info, history.Malformed, ""},
		{"read_ok extra field", `{"type":"read_ok","in_reply_to":%d,"messages":[],"oops":1}`, "read", history.Info, history.Malformed, ""},
		{"read_ok without messages", `{"type":"read_ok","in_reply_to":%d}`, "read", history.Info, history.Malformed, ""},
		{"read_ok null messages", `{"type":"read_ok","in_reply_to":%d,"messages":null}`, "read", history.Info, history.Malformed, ""},
		{"wrong reply type", `{"type":"read_ok","in_reply_to":%d,"messages":[]}`, "broadcast", history.Info, history.Malformed, ""},
		{"read ok", `{"type":"read_ok","in_reply_to":%d,"messages":[3,1]}`, "read", history.OK, -1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				net, c := answering(func(id int) string {
					if tt.reply == "" {
						return ""
					}
					b, _ := json.Marshal(id)
					return strings.ReplaceAll(tt.reply, "%d", string(b))
				})
				defer net.Close()
				var got history.Completion
				if tt.op == "broadcast" {
					got = Broadcast(c, "n0", 7)
				} else {
					got = Read(c, "n0")
				}
				if got.Type != tt.want {
					t.Fatalf("type %s, want %s (%+v)", got.Type, tt.want, got)
				}
				if tt.op == "broadcast" && got.Value != 7 {
					t.Errorf("broadcast completion value %v, want 7 whatever the outcome", got.Value)
				}
				if tt.err < 0 {
					if got.Error != nil {
						t.Fatalf("unexpected error %+v", got.Error)
					}
					return
				}
				if got.Error == nil || got.Error.Kind != tt.err || (tt.code != "" && got.Error.Name != tt.code) {
					t.Fatalf("error %+v, want kind %d name %q", got.Error, tt.err, tt.code)
				}
				if tt.err == history.Malformed && got.Exception == "" {
					t.Errorf("malformed response without an exception")
				}
			})
		})
	}
}

func TestReadKeepsTheValuesVerbatim(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		net, c := answering(func(id int) string {
			b, _ := json.Marshal(map[string]any{"type": "read_ok", "in_reply_to": id, "messages": []int{5, 5, 1}})
			return string(b)
		})
		defer net.Close()
		got := Read(c, "n0")
		v, _ := got.Value.([]int)
		if len(v) != 3 || v[0] != 5 || v[1] != 5 || v[2] != 1 {
			t.Errorf("read value %v, want [5 5 1] as returned", got.Value)
		}
	})
}
