package main

import "github.com/pmezard/go-difflib/difflib"

// slideDown moves every pure insertion or deletion as far down as the
// text allows, the way diff -u places them. Deleting "}\n\nfunc b() {"
// and deleting "func b() {\n…\n}\n\n" from a file of small functions
// are equally short; diff prints the second, which reads as "function b
// removed", and so does this.
//
// A run of changed lines in one file can slide down by one line when
// the unchanged line after it equals its first line: the unchanged text
// of the file stays the same, so it still pairs with the other file.
func slideDown(ops []difflib.OpCode, a, b []string) []difflib.OpCode {
	changedA, changedB := make([]bool, len(a)), make([]bool, len(b))
	for _, op := range ops {
		if op.Tag == 'e' {
			continue
		}
		for i := op.I1; i < op.I2; i++ {
			changedA[i] = true
		}
		for j := op.J1; j < op.J2; j++ {
			changedB[j] = true
		}
	}
	for _, op := range ops {
		switch op.Tag {
		case 'd':
			slideRun(changedA, a, op.I1, op.I2)
		case 'i':
			slideRun(changedB, b, op.J1, op.J2)
		}
	}
	return opCodes(changedA, changedB)
}

// slideRun slides the changed run [start, end) of lines down until the
// next line differs from the run's first line or is itself changed.
func slideRun(changed []bool, lines []string, start, end int) {
	for end < len(lines) && !changed[end] && lines[start] == lines[end] {
		changed[start], changed[end] = false, true
		start++
		end++
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
