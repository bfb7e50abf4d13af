package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
)

// trafficRow counts the messages of one type that went one way between
// servers, and the values their "messages" fields carried.
type trafficRow struct {
	Type      string `json:"type"`
	Direction string `json:"direction"` // firstNode + " → others", "others → " + firstNode, or "between others"
	Messages  int    `json:"messages"`
	Values    int    `json:"values"`
}

// firstNode is the node the steps from 3d on make their hub: n0, the first
// of Maelstrom's node ids with --node-count. Grouping by it shows a star's
// two directions; for other shapes it is just one node among many.
const firstNode = "n0"

// sendLine is how the harness logs a message it was handed, with
// --log-net-send, in jepsen.log: "… INFO send n3 → n0 {…}".
var sendLine = regexp.MustCompile(`\bINFO send (\S+) → (\S+) (\{.*)$`)

// countTraffic reads a jepsen.log written with --log-net-send and counts
// the messages between servers (clients' start with c) by type and
// direction, ordered by direction and then type. It is an error if the log
// has no such line: the run was not logged.
func countTraffic(path string) ([]trafficRow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()

	type key struct{ typ, direction string }
	counts := make(map[key]*trafficRow)
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20) // a read_ok late in a run lists every value
	lines := 0
	for sc.Scan() {
		lines++
		m := sendLine.FindStringSubmatch(sc.Text())
		if m == nil || isClient(m[1]) || isClient(m[2]) {
			continue
		}
		var body struct {
			Type     string `json:"type"`
			Messages []any  `json:"messages"`
		}
		if err := json.Unmarshal([]byte(m[3]), &body); err != nil {
			return nil, fmt.Errorf("%s:%d: a message body that is not JSON: %v", path, lines, err)
		}
		k := key{body.Type, direction(m[1], m[2])}
		if counts[k] == nil {
			counts[k] = &trafficRow{Type: k.typ, Direction: k.direction}
		}
		counts[k].Messages++
		counts[k].Values += len(body.Messages)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(counts) == 0 {
		return nil, fmt.Errorf("%s: no message between servers logged; was the run made with --log-net-send?", path)
	}
	rows := make([]trafficRow, 0, len(counts))
	for _, r := range counts {
		rows = append(rows, *r)
	}
	order := []string{direction(firstNode, ""), direction("", firstNode), direction("", "")}
	slices.SortFunc(rows, func(a, b trafficRow) int {
		return cmp.Or(cmp.Compare(slices.Index(order, a.Direction), slices.Index(order, b.Direction)), cmp.Compare(a.Type, b.Type))
	})
	return rows, nil
}

func direction(src, dest string) string {
	switch firstNode {
	case src:
		return firstNode + " → others"
	case dest:
		return "others → " + firstNode
	}
	return "between others"
}

func isClient(id string) bool { return len(id) > 0 && id[0] == 'c' }
