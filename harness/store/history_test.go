package store

import (
	"os"
	"strings"
	"testing"

	"olympos.io/encoding/edn"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

func sampleHistory() history.History {
	return history.History{
		{Index: 0, Time: 0, Type: history.Info, Process: history.NemesisProcess, F: history.StartPartition, Value: history.Keyword("majority")},
		{Index: 1, Time: 10, Type: history.Invoke, Process: 0, F: history.Broadcast, Value: 0},
		{Index: 2, Time: 20, Type: history.Invoke, Process: 3, F: history.Broadcast, Value: 12},
		{Index: 3, Time: 30, Type: history.Info, Process: history.NemesisProcess, F: history.StartPartition,
			Value: history.Isolated{Grudge: history.Grudge{"n1": {"n2"}, "n2": {"n1"}}}},
		{Index: 4, Time: 40, Type: history.OK, Process: 0, F: history.Broadcast, Value: 0},
		{Index: 5, Time: 50, Type: history.Info, Process: 3, F: history.Broadcast, Value: 12,
			Error: &history.Error{Kind: history.Timeout, Name: "net-timeout"}},
		{Index: 6, Time: 60, Type: history.Invoke, Process: 1, F: history.Read, Final: true},
		{Index: 7, Time: 70, Type: history.OK, Process: 1, F: history.Read, Value: []int{0, 1, 2}, Final: true},
		{Index: 8, Time: 80, Type: history.Invoke, Process: 2, F: history.Read},
		{Index: 9, Time: 90, Type: history.Fail, Process: 2, F: history.Read,
			Error: &history.Error{Kind: history.Reply, Code: 11, Name: "temporarily-unavailable", Text: "try\tlater"}},
	}
}

func TestHistoryText(t *testing.T) {
	got, err := encodeHistoryText(sampleHistory())
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		":nemesis\t:info\t:start-partition\t:majority",
		"0\t:invoke\t:broadcast\t0",
		"3\t:invoke\t:broadcast\t12",
		":nemesis\t:info\t:start-partition\t[:isolated {\"n1\" #{\"n2\"}, \"n2\" #{\"n1\"}}]",
		"0\t:ok\t:broadcast\t0",
		"3\t:info\t:broadcast\t12\t:net-timeout",
		"1\t:invoke\t:read\tnil",
		"1\t:ok\t:read\t[0 1 2]",
		"2\t:invoke\t:read\tnil",
		"2\t:fail\t:read\tnil\t[:temporarily-unavailable \"try\\tlater\"]",
	}, "\n") + "\n"
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestHistoryTextError(t *testing.T) {
	h := sampleHistory()
	h[4].Value = 2.5
	_, err := encodeHistoryText(h)
	if err == nil || !strings.Contains(err.Error(), "op 4") || !strings.Contains(err.Error(), ":value") {
		t.Errorf("error %v does not name op 4's :value", err)
	}
}

func TestWriteHistory(t *testing.T) {
	d := newDir(t, t.TempDir(), "broadcast", runStart)
	h := sampleHistory()
	if err := d.WriteHistory(h); err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(d.File("history.edn"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(text), "\n"), "\n")
	if len(lines) != len(h) {
		t.Fatalf("history.edn has %d lines, want %d", len(lines), len(h))
	}
	for i, line := range lines {
		if line != FormatOp(h[i]) {
			t.Errorf("line %d = %s, want %s", i, line, FormatOp(h[i]))
		}
		var op map[edn.Keyword]any
		if err := edn.UnmarshalString(line, &op); err != nil {
			t.Errorf("line %d is not valid EDN: %v", i, err)
		}
	}
	txt, err := os.ReadFile(d.File("history.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := encodeHistoryText(h); string(txt) != string(want) {
		t.Errorf("history.txt = %q, want %q", txt, want)
	}
	assertLink(t, d.Root+"/latest", "broadcast/"+runName)
}

func TestWriteHistoryRejectsBadOpBeforeWriting(t *testing.T) {
	d := newDir(t, t.TempDir(), "broadcast", runStart)
	h := sampleHistory()
	h[2].Value = map[string]int{}
	if err := d.WriteHistory(h); err == nil {
		t.Fatal("no error")
	}
	for _, name := range []string{"history.txt", "history.edn"} {
		if _, err := os.Stat(d.File(name)); !os.IsNotExist(err) {
			t.Errorf("%s was written despite the error", name)
		}
	}
}

func TestEDNStringsReadBack(t *testing.T) {
	for _, s := range []string{"", "plain", `q"uote\back`, "tab\tnl\ncr\rff\fbs\b", "ctl\x01\x1f\x7f", "ünï €", "bad\xffutf8"} {
		text := string(appendQuoted(nil, s))
		if strings.ContainsAny(text, "\n\r") {
			t.Errorf("%q is written across lines: %s", s, text)
		}
		var back string
		if err := edn.UnmarshalString(text, &back); err != nil {
			t.Errorf("%s: %v", text, err)
			continue
		}
		if want := strings.ToValidUTF8(s, "\uFFFD"); back != want {
			t.Errorf("%q written as %s reads back as %q", s, text, back)
		}
	}
}
