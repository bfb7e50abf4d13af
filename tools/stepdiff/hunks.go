package main

import "github.com/pmezard/go-difflib/difflib"

// placeRuns places each run of changed lines the way diff -u does, after
// its own matcher has found them. Deleting "}\n\nfunc b() {" and deleting
// "func b() {\n…\n}\n\n" from a file of small functions are equally short;
// diff prints the second, which reads as "function b removed", and so does
// this. It follows shift_boundaries of GNU diffutils (analyze.c): a run
// slides while the line beyond it equals its own first or last line (the
// unchanged text stays the same, so it still pairs with the other file),
// first up and then down, merging with the runs it meets, and then back up
// to where it last lay beside a change in the other file, so that a change
// and the insertion next to it print as one.
func placeRuns(ops []difflib.OpCode, a, b []string) []difflib.OpCode {
	// Each file's marks, with an unchanged line before the first and
	// after the last, as diff keeps them.
	changedA, changedB := make([]bool, len(a)+2), make([]bool, len(b)+2)
	for _, op := range ops {
		if op.Tag == 'e' {
			continue
		}
		for i := op.I1; i < op.I2; i++ {
			changedA[i+1] = true
		}
		for j := op.J1; j < op.J2; j++ {
			changedB[j+1] = true
		}
	}
	shiftBoundaries(changedA, changedB, a)
	shiftBoundaries(changedB, changedA, b)
	return opCodes(changedA[1:len(a)+1], changedB[1:len(b)+1])
}

// shiftBoundaries slides the runs of changed lines of one file: changed
// marks its lines, other the other file's, both padded with an unchanged
// line at each end (line k is at k+1).
func shiftBoundaries(changed, other []bool, lines []string) {
	n := len(lines)
	ch := func(k int) bool { return changed[k+1] }
	oc := func(k int) bool { return other[k+1] }
	i, j := 0, 0 // a line of this file, and the corresponding one of the other
	for {
		for i < n && !ch(i) { // to the next run, keeping j alongside
			for oc(j) {
				j++
			}
			j++
			i++
		}
		if i == n {
			return
		}
		start := i
		for i++; ch(i); i++ {
		}
		for oc(j) {
			j++
		}
		var corresponding int
		for {
			length := i - start
			for start > 0 && lines[start-1] == lines[i-1] { // up, merging
				start--
				changed[start+1] = true
				i--
				changed[i+1] = false
				for ch(start - 1) {
					start--
				}
				for j--; oc(j); j-- {
				}
			}
			corresponding = n // none yet
			if oc(j - 1) {
				corresponding = i
			}
			for i != n && lines[start] == lines[i] { // down, merging
				changed[start+1] = false
				start++
				changed[i+1] = true
				i++
				for ch(i) {
					i++
				}
				for j++; oc(j); j++ {
					corresponding = i
				}
			}
			if length == i-start {
				break
			}
		}
		for corresponding < i { // back beside a change in the other file
			start--
			changed[start+1] = true
			i--
			changed[i+1] = false
			for j--; oc(j); j-- {
			}
		}
	}
}

// opCodes turns per-line "changed" marks back into difflib op codes.
// Unchanged lines pair up in order, as they did before any sliding.
func opCodes(changedA, changedB []bool) []difflib.OpCode {
	var ops []difflib.OpCode
	i, j := 0, 0
	for i < len(changedA) || j < len(changedB) {
		i2, j2 := i, j
		tag := byte('e')
		for i2 < len(changedA) && j2 < len(changedB) && !changedA[i2] && !changedB[j2] {
			i2++
			j2++
		}
		if i2 == i {
			for i2 < len(changedA) && changedA[i2] {
				i2++
			}
			for j2 < len(changedB) && changedB[j2] {
				j2++
			}
			switch {
			case i2 == i:
				tag = 'i'
			case j2 == j:
				tag = 'd'
			default:
				tag = 'r'
			}
		}
		ops = append(ops, difflib.OpCode{Tag: tag, I1: i, I2: i2, J1: j, J2: j2})
		i, j = i2, j2
	}
	return ops
}

// groupOpCodes splits op codes into hunks with up to n lines of context
// around each change. Changes closer than 2n lines share a hunk, as in
// diff -u. It follows difflib's GetGroupedOpCodes, which works only on
// the matcher's own op codes.
func groupOpCodes(ops []difflib.OpCode, n int) [][]difflib.OpCode {
	if len(ops) == 0 {
		return nil
	}
	ops = append([]difflib.OpCode(nil), ops...)
	if first := &ops[0]; first.Tag == 'e' {
		first.I1, first.J1 = max(first.I1, first.I2-n), max(first.J1, first.J2-n)
	}
	if last := &ops[len(ops)-1]; last.Tag == 'e' {
		last.I2, last.J2 = min(last.I2, last.I1+n), min(last.J2, last.J1+n)
	}
	var groups [][]difflib.OpCode
	var group []difflib.OpCode
	for _, op := range ops {
		if op.Tag == 'e' && op.I2-op.I1 > 2*n {
			group = append(group, difflib.OpCode{Tag: 'e', I1: op.I1, I2: min(op.I2, op.I1+n), J1: op.J1, J2: min(op.J2, op.J1+n)})
			groups = append(groups, group)
			group = nil
			op.I1, op.J1 = max(op.I1, op.I2-n), max(op.J1, op.J2-n)
		}
		group = append(group, op)
	}
	if len(group) > 0 && !(len(group) == 1 && group[0].Tag == 'e') {
		groups = append(groups, group)
	}
	return groups
}
