package checker

import (
	"cmp"
	"slices"
	"strings"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

// MalformedResponseClass is the exception class of an op that failed
// because a node's reply broke the RPC's schema.
const MalformedResponseClass = "MalformedRPCResponse"

// genericClass is used when an exception names no class of its own.
const genericClass = "Exception"

// CheckExceptions groups the client ops that ended :info because of an
// exception, by class, so a report can show each kind once with an example
// (Jepsen's checker.clj, unhandled-exceptions). Exceptions never make a run invalid by themselves.
func CheckExceptions(h history.History) Exceptions {
	var groups []ExceptionGroup
	where := make(map[string]int) // class -> position in groups
	for _, op := range h {
		if !op.IsClient() || op.Type != history.Info || op.Exception == "" {
			continue
		}
		class := exceptionClass(op)
		i, seen := where[class]
		if !seen {
			i = len(groups)
			where[class] = i
			groups = append(groups, ExceptionGroup{Class: class, Example: op})
		}
		groups[i].Count++
	}
	slices.SortFunc(groups, func(a, b ExceptionGroup) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Class, b.Class))
	})
	return Exceptions{Valid: Valid, Groups: groups}
}

// exceptionClass names the kind of an op's exception. An op whose error is
// a malformed response is always MalformedResponseClass. Otherwise an
// exception written "Class: message", where Class is one word, is of that
// class; anything else is of genericClass.
func exceptionClass(op history.Op) string {
	if op.Error != nil && op.Error.Kind == history.Malformed {
		return MalformedResponseClass
	}
	class, _, found := strings.Cut(op.Exception, ":")
	if !found || class == "" || strings.ContainsFunc(class, isSpace) {
		return genericClass
	}
	return class
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }
