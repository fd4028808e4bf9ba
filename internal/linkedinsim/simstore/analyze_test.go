package simstore

import "testing"

// TestStatisticsRefreshWhenTablesDouble checks when the upserted rows start
// a statistics refresh: at 1,000, then each time they match what was
// written before, never while one runs, never on SQLite.
func TestStatisticsRefreshWhenTablesDouble(t *testing.T) {
	type step struct {
		rows   int
		finish bool // the running refresh ends first
		want   bool
	}
	tests := []struct {
		name     string
		disabled bool
		steps    []step
	}{
		{"below the first threshold", false, []step{{rows: 999}}},
		{"first threshold", false, []step{{rows: 600}, {rows: 400, want: true}}},
		{"not while one runs", false, []step{{rows: 1000, want: true}, {rows: 5000}}},
		{"then when the rows have doubled", false, []step{{rows: 1000, want: true}, {rows: 999, finish: true}, {rows: 1, want: true},
			{rows: 1999, finish: true}, {rows: 1, want: true}}},
		{"what came during a refresh counts", false, []step{{rows: 1000, want: true}, {rows: 1500}, {rows: 0, finish: true, want: true}}},
		{"SQLite never", true, []step{{rows: 100000}, {rows: 100000}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := &statistics{disabled: tt.disabled}
			for i, s := range tt.steps {
				if s.finish {
					st.running = false
				}
				if got := st.add(s.rows); got != s.want {
					t.Fatalf("step %d (%d rows): start = %v, want %v", i, s.rows, got, s.want)
				}
			}
		})
	}
}
