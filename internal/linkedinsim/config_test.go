package linkedinsim_test

import (
	"io"
	"testing"

	"attractor/internal/linkedinsim"
)

func TestLoad(t *testing.T) {
	env := map[string]string{"LINKEDINSIM_ADDR": "0.0.0.0:9000", "LINKEDINSIM_MEMBERS": "500"}
	c, rest, err := linkedinsim.Load(func(k string) string { return env[k] }, []string{"--seed", "7", "extra"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "0.0.0.0:9000" || c.Members != 500 || c.Seed != 7 || c.DatabaseURL != linkedinsim.DefaultDatabaseURL ||
		len(rest) != 1 {
		t.Errorf("config = %+v, rest %v", c, rest)
	}
	for _, args := range [][]string{{"--addr", "nohost"}, {"--database", "mysql://x"}, {"--members", "3"},
		{"--seed", "x"}, {"--log-level", "loud"}} {
		if _, _, err := linkedinsim.Load(func(string) string { return "" }, args, io.Discard); err == nil {
			t.Errorf("Load(%v) accepted", args)
		}
	}
}
