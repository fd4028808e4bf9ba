//go:build !unix

package syncer

import (
	"testing"
	"time"
)

// processCPU is not measured here; the benchmark's CPU per record then
// reads 0.
func processCPU(*testing.B) time.Duration { return 0 }
