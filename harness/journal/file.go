package journal

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

// FileName is where a run keeps its journal: JSON lines, gzipped.
const FileName = "net-journal.jsonl.gz"

// The journal file's lines. The first holds the marks; then one line per
// event, in the order the network recorded them: a send carries the
// message, a receive or a drop only its id. Times are milliseconds from
// the run's reference point (as in the history), to the microsecond.
type fileHeader struct {
	Marks []fileMark `json:"marks"`
}

type fileMark struct {
	T      float64        `json:"t"`
	Kind   MarkKind       `json:"kind"`
	Text   string         `json:"text"`
	Grudge history.Grudge `json:"grudge,omitempty"`
}

type fileEvent struct {
	E    string          `json:"e"`
	T    float64         `json:"t"`
	ID   int             `json:"id"`
	Src  string          `json:"src,omitempty"`
	Dest string          `json:"dest,omitempty"`
	Body json.RawMessage `json:"body,omitempty"`
}

// WriteFile saves events and marks to path, gzipped.
func WriteFile(path string, events []Event, marks []Mark) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestSpeed) // the level is valid
	err = Write(zw, events, marks)
	if cerr := zw.Close(); err == nil {
		err = cerr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("journal: write %s: %w", path, err)
	}
	return nil
}

// ReadFile loads what WriteFile saved.
func ReadFile(path string) ([]Event, []Mark, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, nil, fmt.Errorf("journal: %s: not gzipped: %w", path, err)
	}
	events, marks, err := Read(zr)
	if err != nil {
		return nil, nil, fmt.Errorf("journal: %s: %w", path, err)
	}
	return events, marks, nil
}

// Write writes the journal as JSON lines.
func Write(w io.Writer, events []Event, marks []Mark) error {
	bw := bufio.NewWriterSize(w, 256*1024)
	header := fileHeader{Marks: make([]fileMark, len(marks))}
	for i, m := range marks {
		header.Marks[i] = fileMark{T: millis(m.Time), Kind: m.Kind, Text: m.Text, Grudge: m.Grudge}
	}
	line, err := json.Marshal(header)
	if err != nil {
		return err
	}
	bw.Write(append(line, '\n'))
	var b []byte
	for i, e := range events {
		if e.Message == nil {
			return fmt.Errorf("event %d has no message", i)
		}
		b = appendEvent(b[:0], e)
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// appendEvent writes one event line by hand: a journal can hold tens of
// thousands of bodies of kilobytes, which are already compact JSON.
func appendEvent(b []byte, e Event) []byte {
	m := e.Message
	b = append(b, `{"e":"`...)
	b = append(b, e.Kind.String()...)
	b = append(b, `","t":`...)
	b = strconv.AppendFloat(b, millis(e.Time), 'f', -1, 64)
	b = append(b, `,"id":`...)
	b = strconv.AppendInt(b, int64(m.ID), 10)
	if e.Kind == Send {
		src, _ := json.Marshal(m.Src)
		dest, _ := json.Marshal(m.Dest)
		b = append(b, `,"src":`...)
		b = append(b, src...)
		b = append(b, `,"dest":`...)
		b = append(b, dest...)
		body := m.Body
		if len(body) == 0 {
			body = json.RawMessage("{}")
		}
		b = append(b, `,"body":`...)
		b = append(b, body...)
	}
	return append(b, "}\n"...)
}

// Read reads what Write wrote. A line it cannot use is an error that names
// the line.
func Read(r io.Reader) ([]Event, []Mark, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 64*1024*1024)
	var marks []Mark
	var events []Event
	byID := make(map[int]*Message)
	for n := 1; sc.Scan(); n++ {
		if n == 1 {
			var h fileHeader
			if err := json.Unmarshal(sc.Bytes(), &h); err != nil {
				return nil, nil, fmt.Errorf("line 1: not the header of marks: %w", err)
			}
			for _, m := range h.Marks {
				marks = append(marks, Mark{Time: duration(m.T), Kind: m.Kind, Text: m.Text, Grudge: m.Grudge})
			}
			continue
		}
		var fe fileEvent
		if err := json.Unmarshal(sc.Bytes(), &fe); err != nil {
			return nil, nil, fmt.Errorf("line %d: %w", n, err)
		}
		e := Event{Time: duration(fe.T)}
		switch fe.E {
		case "send":
			if _, dup := byID[fe.ID]; dup {
				return nil, nil, fmt.Errorf("line %d: message %d is sent twice", n, fe.ID)
			}
			e.Kind = Send
			e.Message = &Message{ID: fe.ID, Src: fe.Src, Dest: fe.Dest, Body: fe.Body}
			byID[fe.ID] = e.Message
		case "recv", "drop":
			e.Kind = Recv
			if fe.E == "drop" {
				e.Kind = Drop
			}
			if e.Message = byID[fe.ID]; e.Message == nil {
				return nil, nil, fmt.Errorf("line %d: %s of message %d, which was never sent", n, fe.E, fe.ID)
			}
		default:
			return nil, nil, fmt.Errorf("line %d: unknown event %q (want send, recv or drop)", n, fe.E)
		}
		events = append(events, e)
	}
	if err := sc.Err(); err != nil {
		return nil, nil, err
	}
	return events, marks, nil
}

// millis is a duration in milliseconds, to the microsecond.
func millis(d time.Duration) float64 {
	return math.Round(float64(d)/float64(time.Microsecond)) / 1000
}

func duration(ms float64) time.Duration {
	return time.Duration(math.Round(ms * float64(time.Millisecond)))
}
