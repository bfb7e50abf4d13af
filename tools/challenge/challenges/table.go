package challenges

import (
	"fmt"
	"io"
	"slices"
	"text/tabwriter"
)

// Sample is what one run measured: the figures the targets and the tables
// are stated in.
type Sample struct {
	Servers   float64 // [:net :servers :msgs-per-op]
	All       float64 // [:net :all :msgs-per-op]
	P50, P95  float64 // [:workload :stable-latencies], in ms
	P99, Max  float64
	Valid     bool
	ValidText string // [:valid?] as results.edn writes it
	LostCount float64
	Met       bool // every target of the run's challenge was met
}

// Measure reads a Sample from a parsed results.edn. A figure that is
// missing reads as 0.
func Measure(results any) Sample {
	get := func(path []any) float64 {
		v, _ := Lookup(results, path)
		n, _ := Number(v)
		return n
	}
	lat := func(q any) float64 { return get(append(Keys("workload", "stable-latencies"), q)) }
	v, _ := Lookup(results, Keys("valid?"))
	return Sample{
		Servers: get(Keys("net", "servers", "msgs-per-op")),
		All:     get(Keys("net", "all", "msgs-per-op")),
		P50:     lat(0.5), P95: lat(0.95), P99: lat(0.99), Max: lat(int64(1)),
		Valid: v == true, ValidText: fmt.Sprint(EDNText(v)),
		LostCount: get(Keys("workload", "lost-count")),
	}
}

// A Row is one line of a table: a name and the runs it summarises.
type Row struct {
	Name    string
	Samples []Sample
}

// WriteTable writes, for each row, the median and the worst over its runs
// of each figure (every figure is better smaller, so the worst is the
// largest), and how many runs were valid.
func WriteTable(w io.Writer, rows []Row) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "workload\t\tservers\tall\tp50\tp95\tp99\tmax\tvalid\ttargets met\t")
	for _, r := range rows {
		writeStat(tw, r.Name, "median", r.Samples, median)
		writeStat(tw, "", "worst", r.Samples, slices.Max[[]float64])
	}
	tw.Flush()
}

func writeStat(w io.Writer, name, label string, ss []Sample, agg func([]float64) float64) {
	col := func(f func(Sample) float64) float64 {
		var xs []float64
		for _, s := range ss {
			xs = append(xs, f(s))
		}
		return agg(xs)
	}
	// Messages per operation keep two decimals; latencies are whole
	// milliseconds, even the median of an even number of runs.
	perOp := func(f func(Sample) float64) string {
		if len(ss) == 0 {
			return "-"
		}
		return FormatFloat(col(f))
	}
	ms := func(f func(Sample) float64) string {
		if len(ss) == 0 {
			return "-"
		}
		return fmt.Sprintf("%.0f", col(f))
	}
	valid, met := 0, 0
	for _, s := range ss {
		if s.Valid {
			valid++
		}
		if s.Met {
			met++
		}
	}
	fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d/%d\t%d/%d\t\n", name, label,
		perOp(func(s Sample) float64 { return s.Servers }),
		perOp(func(s Sample) float64 { return s.All }),
		ms(func(s Sample) float64 { return s.P50 }),
		ms(func(s Sample) float64 { return s.P95 }),
		ms(func(s Sample) float64 { return s.P99 }),
		ms(func(s Sample) float64 { return s.Max }),
		valid, len(ss), met, len(ss))
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// FormatFloat writes a whole number without decimals and anything else
// with two.
func FormatFloat(f float64) string {
	if f == float64(int64(f)) {
		return fmt.Sprint(int64(f))
	}
	return fmt.Sprintf("%.2f", f)
}
