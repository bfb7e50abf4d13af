package checker

import (
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

// op builds a history entry at a time given in milliseconds.
func op(ms int64, process int, typ history.Type, f string, value any) history.Op {
	return history.Op{
		Time:    time.Duration(ms) * time.Millisecond,
		Process: process,
		Type:    typ,
		F:       f,
		Value:   value,
	}
}

// final marks a read of the final phase.
func final(o history.Op) history.Op {
	o.Final = true
	return o
}

// withError attaches an :error.
func withError(o history.Op, e history.Error) history.Op {
	o.Error = &e
	return o
}

// hist numbers the ops densely, as the harness does.
func hist(ops ...history.Op) history.History {
	for i := range ops {
		ops[i].Index = i
	}
	return ops
}

var timeout = history.Error{Kind: history.Timeout, Name: "net-timeout"}

// Short names for the op types and :f values used in the tables.
const (
	inv  = history.Invoke
	ok   = history.OK
	fail = history.Fail
	info = history.Info
	add  = history.Broadcast
	read = history.Read
	nem  = history.NemesisProcess
)
