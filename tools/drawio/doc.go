// Package drawio reads, checks and writes draw.io diagrams saved as
// editable SVG (.drawio.svg): an ordinary SVG picture whose root element
// carries the draw.io model in its content attribute, so that browsers
// show the picture and draw.io reopens the model.
//
// The blog keeps its diagrams in this form. Nothing keeps the two halves
// in step but the tool that saved them, so [Check] verifies a file the
// way the site tests need: the SVG is well-formed, the model decodes and
// is a sound graph, and every label of the model is in the picture.
// [Diagram.SVG] writes such files from Go, and [Diagram.Crowding] finds
// what would make one hard to read: arrows through labels, labels that
// overflow their boxes or lie on each other.
package drawio
