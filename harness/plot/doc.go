// Package plot draws a finished run: latency and rate plots of the history,
// the message diagram of the journal (all SVG), and the timeline of every
// process's ops (HTML). It uses only the standard library, so a run needs no
// gnuplot; every output is a complete document that renders the same in a
// light or a dark viewer, because it paints its own white background.
package plot
