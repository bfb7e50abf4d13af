package main

import (
	"slices"

	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
)

// nodeLoad is how one run's messages between servers spread over its
// nodes: the busiest node against the median over all nodes. A node handles a
// message when it sends it and when it is handed it; its bytes are the
// messages' bodies.
type nodeLoad struct {
	Busiest         string  `json:"busiest"`
	BusiestMessages int     `json:"busiestMessages"`
	MedianMessages  int     `json:"medianMessages"`
	MessagesRatio   float64 `json:"messagesRatio"` // busiest over median
	BusiestKB       float64 `json:"busiestKB"`
	MedianKB        float64 `json:"medianKB"`
	BytesRatio      float64 `json:"bytesRatio"`
}

// measureLoad counts, for every server node, the messages between servers
// it sent or was handed (a message a partition dropped was only sent),
// and their bytes.
func measureLoad(events []journal.Event) nodeLoad {
	messages, bytes := map[string]int{}, map[string]int{}
	for _, e := range events {
		m := e.Message
		if m == nil || m.InvolvesClient() {
			continue
		}
		switch e.Kind {
		case journal.Send:
			messages[m.Src]++
			bytes[m.Src] += len(m.Body)
		case journal.Recv:
			messages[m.Dest]++
			bytes[m.Dest] += len(m.Body)
		}
	}
	var l nodeLoad
	if len(messages) == 0 {
		return l
	}
	var counts, sizes []int
	for n, c := range messages {
		counts, sizes = append(counts, c), append(sizes, bytes[n])
		if c > l.BusiestMessages || c == l.BusiestMessages && n < l.Busiest {
			l.Busiest, l.BusiestMessages = n, c
		}
	}
	slices.Sort(counts)
	slices.Sort(sizes)
	l.MedianMessages, l.BusiestKB = counts[(len(counts)-1)/2], float64(bytes[l.Busiest])/1024
	l.MedianKB = float64(sizes[(len(sizes)-1)/2]) / 1024
	if l.MedianMessages > 0 {
		l.MessagesRatio = float64(l.BusiestMessages) / float64(l.MedianMessages)
	}
	if l.MedianKB > 0 {
		l.BytesRatio = l.BusiestKB / l.MedianKB
	}
	return l
}
