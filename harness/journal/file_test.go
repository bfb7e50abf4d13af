package journal

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

func TestFileRoundTrip(t *testing.T) {
	a := &Message{ID: 0, Src: "c3", Dest: "n0", Body: []byte(`{"type":"broadcast","message":7,"msg_id":1}`)}
	b := &Message{ID: 1, Src: "n0", Dest: "n1", Body: []byte(`{"type":"gossip","values":[7]}`)}
	events := []Event{
		{Kind: Send, Time: 1500 * time.Microsecond, Message: a},
		{Kind: Recv, Time: 1501 * time.Microsecond, Message: a},
		{Kind: Send, Time: 2 * time.Millisecond, Message: b},
		{Kind: Drop, Time: 102 * time.Millisecond, Message: b},
	}
	marks := []Mark{{Time: time.Second, Kind: Partition, Text: "partition (one): n0 | n1", Grudge: history.Grudge{"n0": {"n1"}, "n1": {"n0"}}}}
	path := filepath.Join(t.TempDir(), FileName)
	if err := WriteFile(path, events, marks); err != nil {
		t.Fatal(err)
	}
	gotEvents, gotMarks, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(gotEvents) != len(events) {
		t.Fatalf("%d events, want %d", len(gotEvents), len(events))
	}
	for i, e := range events {
		g := gotEvents[i]
		if g.Kind != e.Kind || g.Time != e.Time || g.Message.ID != e.Message.ID || g.Message.Src != e.Message.Src ||
			g.Message.Dest != e.Message.Dest || string(g.Message.Body) != string(e.Message.Body) {
			t.Errorf("event %d = %+v %+v, want %+v %+v", i, g, *g.Message, e, *e.Message)
		}
	}
	if gotEvents[2].Message != gotEvents[3].Message {
		t.Error("a send and its drop do not share their message")
	}
	if len(gotMarks) != 1 || gotMarks[0].Text != marks[0].Text || gotMarks[0].Time != time.Second || len(gotMarks[0].Grudge["n0"]) != 1 {
		t.Errorf("marks = %+v", gotMarks)
	}
}

func TestReadNamesTheBadLine(t *testing.T) {
	for text, want := range map[string]string{
		"{\"marks\":[]}\n{\"e\":\"recv\",\"t\":1,\"id\":4}\n":                                                "line 2: recv of message 4, which was never sent",
		"{\"marks\":[]}\n{\"e\":\"send\",\"t\":1,\"id\":4,\"src\":\"a\",\"dest\":\"b\",\"body\":{}}\nnope\n": "line 3: ",
		"{\"marks\":[]}\n{\"e\":\"jump\",\"t\":1,\"id\":4}\n":                                                `line 2: unknown event "jump"`,
		"[]\n": "line 1: not the header of marks",
	} {
		_, _, err := Read(strings.NewReader(text))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Read(%q) error %v, want %q", text, err, want)
		}
	}
	var buf bytes.Buffer
	if err := Write(&buf, []Event{{Kind: Send}}, nil); err == nil {
		t.Error("an event without a message was written")
	}
}
