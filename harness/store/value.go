// Package store writes a run's files the way Maelstrom lays them out: the
// store/<test>/<start>/ directory with its latest and current links,
// history.txt, history.edn, results.edn, and our results.json.
//
// Both result files are printed from one ordered tree of values (this
// file), so that they always hold the same data in the same key order.
// Clojure's printer decides the look of the EDN files, because people and
// tools compare them with Maelstrom's.
package store

// The tree is built from these types and from nil, bool, int, int64,
// float32 and string.
type (
	// keyword is an EDN keyword without its colon. In JSON it is a string.
	keyword string
	// list is a Clojure sequence, printed (a b c).
	list []any
	// vector is printed [a b c].
	vector []any
	// set is printed #{a b c}; its elements must be distinct.
	set []any
	// omap is a map that keeps its entries in the order they were added.
	omap []entry
	// numberKey is a number used as a map key, such as the quantile 0.5.
	// EDN prints it bare; JSON, whose keys are strings, quotes it.
	numberKey string
)

type entry struct {
	key any // keyword, string or numberKey
	val any
}

// add appends an entry and returns the map, so maps read top to bottom.
func (m omap) add(key string, val any) omap {
	return append(m, entry{keyword(key), val})
}
