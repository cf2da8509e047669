package testtool

import (
	"syscall"
	"testing"
	"time"
)

// CPUTime starts counting the CPU time the test process spends (user and
// system, every thread, the garbage collector included); the function it
// returns reports that time per iteration as "cpu-ns/op". On a shared
// machine a benchmark's wall time grows with other processes' load, its CPU
// time much less, so the two together say what the code costs.
func CPUTime(b *testing.B) func() {
	start := cpuNow(b)
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64((cpuNow(b)-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
		}
	}
}

func cpuNow(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatalf("getrusage: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
