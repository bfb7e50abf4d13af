package plot

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"testing"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
)

// node is a parsed XML element, enough to look into what a plot drew.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Nodes   []node     `xml:",any"`
}

func (n node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// all returns every element named name below n, in document order.
func (n node) all(name string) []node {
	var out []node
	for _, c := range n.Nodes {
		if c.XMLName.Local == name {
			out = append(out, c)
		}
		out = append(out, c.all(name)...)
	}
	return out
}

// child returns n's first direct child named name.
func (n node) child(name string) (node, bool) {
	for _, c := range n.Nodes {
		if c.XMLName.Local == name {
			return c, true
		}
	}
	return node{}, false
}

// parseXML checks that out is one well-formed XML document with no NaN or
// Inf anywhere, and returns its root.
func parseXML(t *testing.T, out []byte) node {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = true
	for {
		_, err := dec.Token()
		if err != nil {
			if err.Error() == "EOF" {
				break
			}
			t.Fatalf("not well-formed XML: %v\n%s", err, head(out))
		}
	}
	for _, bad := range []string{"NaN", "Inf"} {
		if bytes.Contains(out, []byte(bad)) {
			t.Fatalf("output contains %q:\n%s", bad, head(out))
		}
	}
	var root node
	if err := xml.Unmarshal(out, &root); err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	return root
}

func head(b []byte) string {
	if len(b) > 2000 {
		return string(b[:2000]) + "…"
	}
	return string(b)
}

// builder writes histories the way the harness does: dense indexes, the
// nemesis' invocations as :info.
type builder struct{ h history.History }

func (b *builder) add(ms int, process int, typ history.Type, f string, value any) *history.Op {
	b.h = append(b.h, history.Op{Index: len(b.h), Time: time.Duration(ms) * time.Millisecond, Process: process, Type: typ, F: f, Value: value})
	return &b.h[len(b.h)-1]
}

// sample is a small run: two clients, a partition from 1 s to 3 s and a
// second one still in force at the end (9.9 s), every outcome, and one op
// that never completed.
func sample() history.History {
	var b builder
	n := history.NemesisProcess
	b.add(0, n, history.Info, history.StartPartition, history.Keyword("majority"))
	b.add(100, 0, history.Invoke, history.Broadcast, 1)
	b.add(150, 0, history.OK, history.Broadcast, 1)
	b.add(200, 1, history.Invoke, history.Read, nil)
	b.add(260, 1, history.OK, history.Read, []int{1})
	b.add(1000, n, history.Info, history.StartPartition, history.Isolated{Grudge: history.Grudge{"n1": {"n2"}, "n2": {"n1"}}})
	b.add(1200, 0, history.Invoke, history.Broadcast, 2)
	b.add(2000, 1, history.Invoke, history.Read, nil)
	b.add(2003, 1, history.Fail, history.Read, nil).Error = &history.Error{Kind: history.Reply, Code: 11, Name: "temporarily-unavailable", Text: `busy <"&'>`}
	b.add(2900, n, history.Info, history.StopPartition, nil)
	b.add(3000, n, history.Info, history.StopPartition, history.Keyword("network-healed"))
	b.add(6200, 0, history.Info, history.Broadcast, 2).Error = &history.Error{Kind: history.Timeout, Name: "net-timeout"}
	b.add(7000, 2, history.Invoke, history.Broadcast, 3)
	b.add(7001, 2, history.OK, history.Broadcast, 3)
	b.add(8000, n, history.Info, history.StartPartition, history.Keyword("one"))
	b.add(8001, n, history.Info, history.StartPartition, history.Isolated{Grudge: history.Grudge{"n1": {"n2"}}})
	b.add(9000, 1, history.Invoke, history.Read, nil).Final = true
	b.add(9500, 1, history.OK, history.Read, []int{1, 2, 3}).Final = true
	b.add(9900, 3, history.Invoke, history.Broadcast, 4) // never completes
	return b.h
}

// msg makes a journal message with the given body.
func msg(id int, src, dest, body string) *journal.Message {
	return &journal.Message{ID: id, Src: src, Dest: dest, Body: json.RawMessage(body)}
}

func send(m *journal.Message) journal.Event { return journal.Event{Kind: journal.Send, Message: m} }
func recv(m *journal.Message) journal.Event { return journal.Event{Kind: journal.Recv, Message: m} }
func drop(m *journal.Message) journal.Event { return journal.Event{Kind: journal.Drop, Message: m} }

// countText counts the texts that read s.
func countText(root node, s string) int {
	n := 0
	for _, t := range texts(root) {
		if t == s {
			n++
		}
	}
	return n
}
