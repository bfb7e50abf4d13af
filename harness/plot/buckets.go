package plot

import "time"

// bucketWidth splits a run of the given length into about n buckets of a
// round width (1, 2 or 5 times a power of ten seconds), never narrower
// than a second.
//
// Maelstrom uses fixed 30 s (quantiles) and 10 s (rate) buckets, which
// suit its long runs, but a 20 s Gossip Glomers run lasts about 35 s in
// all and would get just one or four buckets. Scaling with the run keeps
// several buckets in every plot.
func bucketWidth(run time.Duration, n int) time.Duration {
	raw := max(time.Second, run/time.Duration(n))
	return time.Duration(niceStep(raw.Seconds()) * float64(time.Second))
}

// bucketCount is how many buckets of width w cover [0, run]: at least one.
func bucketCount(run, w time.Duration) int {
	return max(1, int((run+w-1)/w))
}

// bucketOf is the bucket holding time t; the run's last instant belongs to
// the last bucket.
func bucketOf(t, w time.Duration, n int) int {
	return min(max(int(t/w), 0), n-1)
}
