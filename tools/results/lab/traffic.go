package lab

import (
	"cmp"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
)

// TrafficRow counts the messages of one type that went one way between
// servers, and the values their "messages" fields carried.
type TrafficRow struct {
	Type      string `json:"type"`
	Direction string `json:"direction"` // Hub + " → others", "others → " + Hub, or "between others"
	Messages  int    `json:"messages"`
	Values    int    `json:"values"`
}

// Hub is the node the steps from 3d on make their hub: n0, the first of
// the nodes --node-count names. Grouping by it shows a star's two
// directions; for another shape it is just one node among many.
const Hub = "n0"

// CountTraffic counts the messages between servers that the nodes of the
// run in dir sent, from its journal: by type and direction, ordered by
// direction and then type.
func CountTraffic(dir string) ([]TrafficRow, error) {
	path := filepath.Join(dir, journal.FileName)
	events, _, err := journal.ReadFile(path)
	if err != nil {
		return nil, err
	}
	type key struct{ typ, direction string }
	counts := make(map[key]*TrafficRow)
	for _, e := range events {
		m := e.Message
		if e.Kind != journal.Send || m.InvolvesClient() {
			continue
		}
		var body struct {
			Type     string            `json:"type"`
			Messages []json.RawMessage `json:"messages"`
		}
		if err := json.Unmarshal(m.Body, &body); err != nil {
			return nil, fmt.Errorf("%s: message %d from %s: %v", path, m.ID, m.Src, err)
		}
		k := key{body.Type, direction(m.Src, m.Dest)}
		if counts[k] == nil {
			counts[k] = &TrafficRow{Type: k.typ, Direction: k.direction}
		}
		counts[k].Messages++
		counts[k].Values += len(body.Messages)
	}
	rows := make([]TrafficRow, 0, len(counts))
	for _, r := range counts {
		rows = append(rows, *r)
	}
	order := []string{direction(Hub, ""), direction("", Hub), direction("", "")}
	slices.SortFunc(rows, func(a, b TrafficRow) int {
		return cmp.Or(cmp.Compare(slices.Index(order, a.Direction), slices.Index(order, b.Direction)), cmp.Compare(a.Type, b.Type))
	})
	return rows, nil
}

func direction(src, dest string) string {
	switch Hub {
	case src:
		return Hub + " → others"
	case dest:
		return "others → " + Hub
	}
	return "between others"
}
