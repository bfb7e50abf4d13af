package plot

import (
	"reflect"
	"testing"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

func TestPartitions(t *testing.T) {
	n := history.NemesisProcess
	nem := func(ms int, typ history.Type, f string) history.Op {
		return history.Op{Time: time.Duration(ms) * time.Millisecond, Process: n, Type: typ, F: f}
	}
	client := func(ms int, typ history.Type) history.Op {
		return history.Op{Time: time.Duration(ms) * time.Millisecond, Process: 0, Type: typ, F: history.Read}
	}
	ms := func(v int) time.Duration { return time.Duration(v) * time.Millisecond }
	const end = 10000
	tests := []struct {
		name string
		h    history.History
		want []Interval
	}{
		{"no nemesis", history.History{client(1, history.Invoke), client(2, history.OK)}, nil},
		{
			"closed, from completion to completion",
			history.History{
				nem(100, history.Info, history.StartPartition), nem(150, history.Info, history.StartPartition),
				client(200, history.Invoke), client(300, history.OK),
				nem(400, history.Info, history.StopPartition), nem(450, history.Info, history.StopPartition),
			},
			[]Interval{{ms(150), ms(450)}},
		},
		{
			"open at the end",
			history.History{
				nem(100, history.Info, history.StartPartition), nem(150, history.Info, history.StartPartition),
				nem(400, history.Info, history.StopPartition), nem(450, history.Info, history.StopPartition),
				nem(600, history.Info, history.StartPartition), nem(610, history.Info, history.StartPartition),
			},
			[]Interval{{ms(150), ms(450)}, {ms(610), ms(end)}},
		},
		{
			"start invocation still pending at the end",
			history.History{nem(100, history.Info, history.StartPartition)},
			nil,
		},
		{
			"invocations written as :invoke",
			history.History{
				nem(100, history.Invoke, history.StartPartition), nem(150, history.Info, history.StartPartition),
				nem(400, history.Invoke, history.StopPartition), nem(450, history.Info, history.StopPartition),
			},
			[]Interval{{ms(150), ms(450)}},
		},
		{
			"a stop with nothing in force is ignored",
			history.History{
				nem(100, history.Info, history.StopPartition), nem(150, history.Info, history.StopPartition),
				nem(200, history.Info, history.StartPartition), nem(250, history.Info, history.StartPartition),
				nem(300, history.Info, history.StopPartition), nem(350, history.Info, history.StopPartition),
			},
			[]Interval{{ms(250), ms(350)}},
		},
		{
			"a second start extends the partition in force",
			history.History{
				nem(100, history.Info, history.StartPartition), nem(150, history.Info, history.StartPartition),
				nem(200, history.Info, history.StartPartition), nem(250, history.Info, history.StartPartition),
				nem(300, history.Info, history.StopPartition), nem(350, history.Info, history.StopPartition),
			},
			[]Interval{{ms(150), ms(350)}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Partitions(tt.h, ms(end))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Partitions = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestPartitionsOfSample(t *testing.T) {
	h := sample()
	got := Partitions(h, lastTime(h))
	want := []Interval{{time.Second, 3 * time.Second}, {8001 * time.Millisecond, 9900 * time.Millisecond}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Partitions = %v, want %v", got, want)
	}
}
