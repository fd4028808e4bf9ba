//go:build unix

package syncer

import (
	"syscall"
	"testing"
	"time"
)

// processCPU is the CPU time the process (the ATS and linkedinsim) has
// used so far. Per record it is a steadier figure than the rate, which
// moves with whatever else the machine runs.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	must(b, syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
